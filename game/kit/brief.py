"""The student handout of a played game: two A4 pages, as a PDF.

What happened (the ending), each team's result against its objectives, the key moments,
the game turn by turn in a line each, where the tracks ended, and the discussion questions.
It reads the same :class:`~game.report.debrief.Debrief` as the full report and the debrief
screen. The text is set at the largest size at which it fits two pages; when even the
smallest does not, the turn-by-turn lines go first (the full report keeps them).
"""

from __future__ import annotations

from game.i18n import speaking, tr
from game.kit.pdf import MUTED, Page, light, rgb
from game.report.debrief import Debrief, Step, Team, ordered_moments, score_line

PAGES = 2
SIZES = (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7)


def render_brief(debrief: Debrief, paper: str = "a4") -> bytes:
    """The handout as PDF bytes, in the debrief's language: the largest text that fits on two pages."""
    with speaking(debrief.lang):
        return _render(debrief, paper)


def _render(debrief: Debrief, paper: str) -> bytes:
    for with_turns in (True, False):
        for size in SIZES:
            pdf = _draw(debrief, paper, size, with_turns)
            if pdf.page_no() <= PAGES:
                return bytes(pdf.output())
    return bytes(pdf.output())  # even the smallest does not fit: the last try, longer than two pages


def _draw(d: Debrief, paper: str, size: float, with_turns: bool) -> Page:
    pdf = Page(paper, footer=tr("{title} · game {seed} · student handout", title=d.title, seed=d.seed))
    pdf.set_title(tr("{title}: student handout", title=d.title))
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    pdf.heading(tr("What happened in our game: {title}", title=d.title), size + 6)
    _ending(pdf, d, size)
    pdf.para(tr("Each team against its objectives"), size + 2, bold=True)
    pdf.rule()
    for team in d.teams:
        _team(pdf, team, size)
    if d.key_moments:
        pdf.para(tr("Key moments"), size + 2, bold=True)
        pdf.rule()
        for moment in ordered_moments(d.key_moments):
            reasons = "; ".join(moment.reasons[:4]) + (" …" if len(moment.reasons) > 4 else "")
            pdf.labelled(moment.headline.lstrip("▲▼★ "), reasons, size - 1, 62)
    if with_turns and d.timeline:
        pdf.para(tr("Turn by turn"), size + 2, bold=True)
        pdf.rule()
        for turn in d.timeline:
            pdf.labelled(tr("Turn {turn}", turn=turn.number), _turn_line(turn.steps), size - 1.5, 16)
    pdf.para(tr("Where the tracks ended"), size + 2, bold=True)
    pdf.rule()
    hidden = " " + tr("(hidden)")
    tracks = "  ·  ".join(
        f"{t.label} {t.values[0]}→{t.final}{t.unit}" + (hidden if t.revealed else "") for t in d.tracks
    )
    pdf.para(tracks, size - 1.5)
    if d.questions:
        pdf.ln(1)
        pdf.para(tr("Questions to discuss"), size + 2, bold=True)
        pdf.rule()
        for number, question in enumerate(d.questions, 1):
            pdf.labelled(f"{number}.", question, size, 8)
    return pdf


def _ending(pdf: Page, d: Debrief, size: float) -> None:
    if d.ending is None:
        pdf.para(tr("The game is not over: this is the game so far, as the class saw it."), size, colour=MUTED)
        pdf.ln(2)
        return
    e = d.ending
    said = tr("{ending}, after turn {turn}.", ending=e.name, turn=e.turn)
    if e.everyone_loses:
        said += " " + tr("Everyone loses.")
    if e.blamed:
        said += " " + tr("Blamed: {team}.", team=e.blamed)
    pdf.para(said, size + 2, bold=True)
    if e.text:
        pdf.para(e.text, size)
    if e.history:
        pdf.para(tr("In history: {history}", history=e.history), size - 1, colour=MUTED)
    pdf.ln(2)


def _team(pdf: Page, team: Team, size: float) -> None:
    goals = "  ·  ".join(f"{o.text} ({o.points:+d}: {_verdict(o.met)})" for o in team.objectives)
    label = f"{team.short or team.name}: {score_line(team) or team.played_by}"
    pdf.ensure(8)
    top = pdf.get_y()
    pdf.set_fill_color(*light(rgb(team.colour), 0.2))
    pdf.rect(pdf.l_margin - 3, top + 0.5, 1.5, 3.5, style="F")
    pdf.labelled(label, goals, size - 1, 40)


def _verdict(met: bool | None) -> str:
    if met is None:
        return tr("open")
    return tr("met") if met else tr("not met")


def _turn_line(steps: tuple[Step, ...]) -> str:
    """A turn in a line: the events' titles, then what each team did (its card's name)."""
    events = [s.text.split(". ")[0] for s in steps if s.kind == "event"]
    moves = [s.text.split(" — ")[0] for s in steps if s.kind == "move" and s.happened]
    deals = [s.text for s in steps if s.kind == "agreement"]
    parts = []
    if events:
        parts.append(tr("Events: {events}.", events="; ".join(events)))
    if moves:
        parts.append(tr("Moves: {moves}.", moves="; ".join(moves)))
    parts.extend(deals)
    return " ".join(parts) or tr("Nothing was played.")
