"""Where the files that ship with the game are: the bundled scenarios, the schema, the fonts and the map.

In a checkout, and in an editable install, they are the repository's top-level ``scenarios/``
and ``assets/`` folders, where they are edited. A wheel (``pip install .``, pipx, an sdist)
carries copies inside the package, at ``game/bundled/`` (pyproject.toml maps them there), so
the game finds them from any working directory. Nothing else in the game looks for files
next to its source. No pygame or yaml here: every layer may import this module.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _bundled(folder: str) -> Path:
    """The folder in the installed package if it is there, else the checkout's top-level one."""
    package = files("game")
    # A wheel installed by pip is unpacked, so the package is a real folder: pygame and the
    # loader are given plain paths (a zipped install would not find its files, and is not made).
    packaged = Path(str(package)) / "bundled" / folder
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT / folder
    return checkout if checkout.is_dir() else packaged


SCENARIOS = _bundled("scenarios")
"""The bundled scenarios (``*.yaml``), the authoring guide and the JSON Schema."""

SCHEMA = SCENARIOS / "scenario.schema.json"
STARTER = SCENARIOS / "templates" / "starter.yaml"
"""The small scenario ``deterrence new`` writes for an author to edit."""

ASSETS = _bundled("assets")
"""Fonts, the world map and their licences (``CREDITS.md``)."""

FONTS = ASSETS / "fonts"
WORLD_MAP = ASSETS / "maps" / "world-50m.json"


def bundled_scenarios() -> list[Path]:
    """Every scenario that ships with the game, by file name."""
    return sorted(SCENARIOS.glob("*.yaml"))
