"""The student handout of a played game: two A4 pages, as a PDF.

What happened (the ending), each team's result against its objectives, the key moments,
the game turn by turn in a line each, where the tracks ended, and the discussion questions.
It reads the same :class:`~game.report.debrief.Debrief` as the full report and the debrief
screen. The text is set at the largest size at which it fits two pages; when even the
smallest does not, the turn-by-turn lines go first (the full report keeps them).
"""

from __future__ import annotations

from game.kit.pdf import MUTED, Page, light, rgb
from game.report.debrief import Debrief, Step, Team, ordered_moments, score_line

PAGES = 2
SIZES = (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7)

# The handout's own words (plain English, in one place; see game/kit/words.py for the kit's).
TITLE = "What happened in our game"
NOT_OVER = "The game is not over: this is the game so far, as the class saw it."
RESULTS = "Each team against its objectives"
MOMENTS = "Key moments"
TURNS = "Turn by turn"
TRACKS = "Where the tracks ended"
QUESTIONS = "Questions to discuss"
MET, NOT_MET, OPEN = "met", "not met", "open"


def render_brief(debrief: Debrief, paper: str = "a4") -> bytes:
    """The handout as PDF bytes: the largest text that fits on two pages."""
    for with_turns in (True, False):
        for size in SIZES:
            pdf = _draw(debrief, paper, size, with_turns)
            if pdf.page_no() <= PAGES:
                return bytes(pdf.output())
    return bytes(pdf.output())  # even the smallest does not fit: the last try, longer than two pages


def _draw(d: Debrief, paper: str, size: float, with_turns: bool) -> Page:
    pdf = Page(paper, footer=f"{d.title} · game {d.seed} · student handout")
    pdf.set_title(f"{d.title}: student handout")
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    pdf.heading(f"{TITLE}: {d.title}", size + 6)
    _ending(pdf, d, size)
    pdf.para(RESULTS, size + 2, bold=True)
    pdf.rule()
    for team in d.teams:
        _team(pdf, team, size)
    if d.key_moments:
        pdf.para(MOMENTS, size + 2, bold=True)
        pdf.rule()
        for moment in ordered_moments(d.key_moments):
            reasons = "; ".join(moment.reasons[:4]) + (" …" if len(moment.reasons) > 4 else "")
            pdf.labelled(moment.headline.lstrip("▲▼★ "), reasons, size - 1, 62)
    if with_turns and d.timeline:
        pdf.para(TURNS, size + 2, bold=True)
        pdf.rule()
        for turn in d.timeline:
            pdf.labelled(f"Turn {turn.number}", _turn_line(turn.steps), size - 1.5, 16)
    pdf.para(TRACKS, size + 2, bold=True)
    pdf.rule()
    tracks = "  ·  ".join(
        f"{t.label} {t.values[0]}→{t.final}{t.unit}" + (" (hidden)" if t.revealed else "") for t in d.tracks
    )
    pdf.para(tracks, size - 1.5)
    if d.questions:
        pdf.ln(1)
        pdf.para(QUESTIONS, size + 2, bold=True)
        pdf.rule()
        for number, question in enumerate(d.questions, 1):
            pdf.labelled(f"{number}.", question, size, 8)
    return pdf


def _ending(pdf: Page, d: Debrief, size: float) -> None:
    if d.ending is None:
        pdf.para(NOT_OVER, size, colour=MUTED)
        pdf.ln(2)
        return
    e = d.ending
    blamed = f" Blamed: {e.blamed}." if e.blamed else ""
    lost = " Everyone loses." if e.everyone_loses else ""
    pdf.para(f"{e.name}, after turn {e.turn}.{lost}{blamed}", size + 2, bold=True)
    if e.text:
        pdf.para(e.text, size)
    if e.history:
        pdf.para(f"In history: {e.history}", size - 1, colour=MUTED)
    pdf.ln(2)


def _team(pdf: Page, team: Team, size: float) -> None:
    goals = "  ·  ".join(
        f"{o.text} ({o.points:+d}: {OPEN if o.met is None else MET if o.met else NOT_MET})" for o in team.objectives
    )
    label = f"{team.short or team.name}: {score_line(team) or team.played_by}"
    pdf.ensure(8)
    top = pdf.get_y()
    pdf.set_fill_color(*light(rgb(team.colour), 0.2))
    pdf.rect(pdf.l_margin - 3, top + 0.5, 1.5, 3.5, style="F")
    pdf.labelled(label, goals, size - 1, 40)


def _turn_line(steps: tuple[Step, ...]) -> str:
    """A turn in a line: the events' titles, then what each team did (its card's name)."""
    events = [s.text.split(". ")[0] for s in steps if s.kind == "event"]
    moves = [s.text.split(" — ")[0] for s in steps if s.kind == "move" and s.happened]
    deals = [s.text for s in steps if s.kind == "agreement"]
    parts = []
    if events:
        parts.append("Events: " + "; ".join(events) + ".")
    if moves:
        parts.append("Moves: " + "; ".join(moves) + ".")
    parts.extend(deals)
    return " ".join(parts) or "Nothing was played."
