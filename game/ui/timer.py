"""The teacher's countdown for a phase of the turn (e.g. four minutes for each team's orders).

No pygame here: the app ticks it with the time that passed, scenes read it.
"""

from __future__ import annotations

import math

from game.i18n import ntr, tr

CHOICES = (0, 1, 2, 3, 4, 5, 6, 8, 10)  # minutes; 0 = no timer


class PhaseTimer:
    """A countdown that restarts for each team's orders, can be paused and extended."""

    def __init__(self, minutes: int = 0) -> None:
        self.minutes = minutes
        self.left = float(minutes * 60)
        self.paused = False

    @property
    def on(self) -> bool:
        return self.minutes > 0

    @property
    def up(self) -> bool:
        """Time is up (the timer is on and has run out)."""
        return self.on and self.left <= 0

    def set(self, minutes: int) -> None:
        """Set the length of a phase; the current countdown starts again at that length."""
        self.minutes = max(0, minutes)
        self.restart()

    def cycle(self) -> None:
        """The next choice in CHOICES (for a button that cycles off → 1 → 2 … → off)."""
        later = [m for m in CHOICES if m > self.minutes]
        self.set(later[0] if later else 0)

    def restart(self) -> None:
        self.left = float(self.minutes * 60)

    def extend(self, seconds: int = 60) -> None:
        if self.on:
            self.left = max(0.0, self.left) + seconds

    def tick(self, dt: float) -> bool:
        """Let dt seconds pass; True when the shown time (whole seconds) changed."""
        if not self.on or self.paused or self.left <= 0:
            return False
        shown = self.shown()
        self.left = max(0.0, self.left - dt)
        return self.shown() != shown

    def shown(self) -> str:
        """m:ss, rounded up, so 0:00 appears only when the time is up."""
        seconds = max(0, math.ceil(self.left))
        return f"{seconds // 60}:{seconds % 60:02d}"

    def label(self) -> str:
        return tr("{minutes} min for each team's orders", minutes=self.minutes) if self.on else tr("no timer")

    def minutes_text(self) -> str:
        if not self.on:
            return tr("No timer")
        return ntr("{n} minute", "{n} minutes", self.minutes)
