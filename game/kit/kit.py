"""The kit, page by page, in the order a teacher hands it out.

Printed double-sided, each part handed out on its own (a team's sheet, a team's slips, a board page, the answer
key …) starts on a sheet of its own: ``Page.new_sheet`` puts a page marked blank before it when needed."""

from __future__ import annotations

from game.i18n import pick, speaking, tr
from game.kit import board, rules, sheets
from game.kit.pdf import Page
from game.scenario.model import Scenario


def build(scenario: Scenario, paper: str = "a4", lang: str | None = None, *, duplex: bool = True) -> bytes:
    """Every page of the kit for any valid scenario, as PDF bytes, in a language (None: the current one);
    ``duplex=False``: for a single-sided printer, with no page left blank between parts."""
    with speaking(lang):
        return _build(scenario, paper, duplex)


def _build(scenario: Scenario, paper: str, duplex: bool) -> bytes:
    title = pick(scenario.title)
    pdf = Page(paper, footer=tr("{title} · print-and-play kit", title=title), duplex=duplex)
    pdf.set_title(tr("{title}: print-and-play kit", title=title))
    sheets.cover(pdf, scenario)
    sheets.procedure(pdf, scenario)
    for actor_id in scenario.actors:
        sheets.team_sheet(pdf, scenario, actor_id)
    moves = rules.card_copies(scenario)  # a copy for each team that plays it
    sheets.card_pages(pdf, moves, tr("Move cards"))
    events = [rules.event_card(scenario, e) for e in scenario.events]
    if events:
        sheets.card_pages(pdf, events, tr("Event cards (read aloud)"))
    sheets.tokens_page(pdf, scenario)
    for actor_id in scenario.actors:
        sheets.order_slips(pdf, scenario, actor_id)
    board.board(pdf, scenario)
    sheets.glossary(pdf, scenario)
    sheets.timeline(pdf, scenario)
    sheets.questions(pdf, scenario)
    sheets.assessment(pdf, scenario)
    return bytes(pdf.output())
