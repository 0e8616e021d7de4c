"""The print kit: a scenario as a PDF to play on paper, and a game as a two-page handout.

``build_kit(scenario, paper)`` returns the kit's PDF bytes; ``game.kit.brief`` writes the
handout of a played game. The PDF library (fpdf2) is imported only in this package, and only
when a kit is made: importing ``game.kit`` itself, ``game.report`` or the rest of the game
never loads it (tests/test_layers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.model import Scenario

PAPERS = ("a4", "letter")


def build_kit(scenario: Scenario, paper: str = "a4", lang: str | None = None, *, duplex: bool = True) -> bytes:
    """The whole kit as PDF bytes, on A4 or Letter, in a language (None: the current one); ``duplex=False``
    for a single-sided printer (no page left blank between the parts)."""
    from game.kit.kit import build

    return build(scenario, paper, lang, duplex=duplex)


__all__ = ["PAPERS", "build_kit"]
