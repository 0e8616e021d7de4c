"""'What is true now': format 2's facts on the board, as one viewer may read them (issue 14 §7)."""

from __future__ import annotations

import pygame

from game.engine.facts import facts_seen
from game.engine.state import GameState
from game.i18n import pick, tr
from game.scenario.model import Scenario
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.theme import Theme

MOST_LINES = 8  # the board keeps room for this many sentences at most; a longer list ends in '…'


def facts_height(t: Theme, scenario: Scenario) -> int:
    """The room the list takes under the meters: a heading and a line for each fact; none without facts."""
    if not scenario.facts:
        return 0
    lines = 1 + min(len(scenario.facts), MOST_LINES)
    return t.px(16) + lines * t.font("small").get_linesize()


def draw_facts(
    surface: pygame.Surface, t: Theme, rect: pygame.Rect, scenario: Scenario, state: GameState, viewer: str | None
) -> None:
    """The heading and each fact true now that the viewer reads, one line each, in the file's order."""
    font = t.font("small")
    w.label(surface, t.font("small", bold=True), tr("What is true now"), th.INK, topleft=rect.topleft)
    y = rect.y + font.get_linesize()
    seen = facts_seen(scenario, state, viewer)
    sentences = [f"• {pick(scenario.facts[f].text)}" for f in seen] or [tr("(nothing yet)")]
    lines = [line for sentence in sentences for line in w.wrap(font, sentence, rect.w)]  # a long one wraps
    room = max(1, (rect.bottom - y) // max(1, font.get_linesize()))
    if len(lines) > room:
        lines = [*lines[: room - 1], "…"]
    for line in lines:
        w.label(surface, font, line, th.INK, topleft=(rect.x, y))
        y += font.get_linesize()
