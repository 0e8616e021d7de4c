"""The kit, page by page, in the order a teacher hands it out."""

from __future__ import annotations

from game.kit import board, rules, sheets
from game.kit.pdf import Page
from game.scenario.model import Scenario


def build(scenario: Scenario, paper: str = "a4") -> bytes:
    """Every page of the kit for any valid scenario, as PDF bytes."""
    pdf = Page(paper, footer=f"{scenario.title} · print-and-play kit")
    pdf.set_title(f"{scenario.title}: print-and-play kit")
    sheets.cover(pdf, scenario)
    sheets.procedure(pdf, scenario)
    for actor_id in scenario.actors:
        sheets.team_sheet(pdf, scenario, actor_id)
    moves = [rules.move_card(scenario, m) for m in scenario.moves]
    sheets.card_pages(pdf, moves, "Move cards")
    events = [rules.event_card(scenario, e) for e in scenario.events]
    if events:
        sheets.card_pages(pdf, events, "Event cards (read aloud)")
    for actor_id in scenario.actors:
        sheets.order_slips(pdf, scenario, actor_id)
    board.board(pdf, scenario)
    sheets.glossary(pdf, scenario)
    sheets.timeline(pdf, scenario)
    sheets.questions(pdf, scenario)
    sheets.assessment(pdf, scenario)
    return bytes(pdf.output())
