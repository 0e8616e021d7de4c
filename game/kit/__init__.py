"""The print kit: a scenario as a PDF to play on paper, and a game as a two-page handout.

``build_kit(scenario, paper)`` returns the kit's PDF bytes; ``game.kit.brief`` writes the
handout of a played game. The PDF library (fpdf2) is imported only in this package, and only
when a kit is made: ``import game.report`` and the rest of the game never load it.
"""

from __future__ import annotations

from game.kit.rules import Card, Line

PAPERS = ("a4", "letter")


def build_kit(scenario: object, paper: str = "a4") -> bytes:
    """The whole kit as PDF bytes, on A4 or Letter."""
    from game.kit.kit import build

    return build(scenario, paper)  # type: ignore[arg-type]


__all__ = ["PAPERS", "Card", "Line", "build_kit"]
