"""The window's settings that a teacher sets once: text size, sound and language. No pygame here.

Kept in the data folder as ``settings.json``. The file is the user's, so a missing, broken
or odd one never stops the game: each value that is not right falls back to its default.
"""

from __future__ import annotations

import json
from pathlib import Path

from attrs import evolve, frozen

from game.i18n import LANGUAGES
from game.report import write_atomic

MAX_BYTES = 4096


@frozen
class Settings:
    ui_scale: float = 1.0
    sound: bool = False  # a classroom is quiet unless the teacher wants the dice heard
    lang: str | None = None  # chosen on the title screen; None: the system's language

    def with_(self, **changes: object) -> Settings:
        return evolve(self, **changes)  # type: ignore[arg-type]


def load_settings(path: Path) -> Settings:
    """The saved settings, or the defaults for whatever is missing or wrong."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return Settings()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    scale = data.get("ui_scale")
    sound = data.get("sound")
    lang = data.get("lang")
    good_scale = isinstance(scale, int | float) and not isinstance(scale, bool) and 0.6 <= scale <= 1.8
    return Settings(
        ui_scale=float(scale) if good_scale else 1.0,  # type: ignore[arg-type]
        sound=sound if isinstance(sound, bool) else False,
        lang=lang if isinstance(lang, str) and lang in LANGUAGES else None,
    )


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings whole or not at all; a read-only folder only loses the setting."""
    try:
        data = {"ui_scale": round(settings.ui_scale, 3), "sound": settings.sound, "lang": settings.lang}
        text = json.dumps(data, indent=2)
        write_atomic(path, text + "\n")
    except OSError:
        pass
