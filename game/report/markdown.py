"""The debrief as Markdown, for a wiki, a learning platform or a plain-text handout.

Every text from the scenario or the save goes through :func:`esc`, so that it reads as the
author wrote it and can never become a link, an image, raw HTML or a heading. Charts are
not drawn here (a Markdown file cannot hold them portably): each track gets its values
turn by turn in a small table instead, and the HTML report has the pictures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from game.i18n import ntr, speaking, tr
from game.report.debrief import Debrief, Detail, KeyMoment, Step, Team, TrackHistory, fact_line, score_line
from game.report.html import kind_label

#: Characters that mean something to Markdown (or to the HTML it may carry) anywhere in a line:
#: emphasis, code, links and images (``(`` and ``!`` are harmless once brackets are escaped),
#: raw HTML and entities, tables, strikethrough, attribute lists.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&])")
#: What would start a block (list, heading, quote, rule) at the start of a line.
_BLOCK_START = re.compile(r"^([-=+>#])|^(\d+)([.)])")


def _turns(count: int) -> str:
    return ntr("{n} turn", "{n} turns", count)


def esc(text: object) -> str:
    """Text as Markdown shows it literally: one line, every significant character escaped."""
    flat = " ".join(str(text).split())
    escaped = _INLINE.sub(r"\\\1", flat)
    return _BLOCK_START.sub(_escape_block_start, escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def _outcome(d: Debrief) -> list[str]:
    if d.ending is None:
        return [
            "## " + esc(tr("Where the game stands")),
            "",
            esc(tr("The game is not over yet"))
            + ". "
            + esc(tr("{turns} played so far.", turns=_turns(d.turns_played)))
            + " "
            + esc(tr("Hidden tracks stay hidden and objectives are not scored until the game ends.")),
            "",
        ]
    e = d.ending
    lines = [
        "## " + esc(tr("How it ended")),
        "",
        f"**{esc(e.name)}**",
        "",
        esc(tr("After turn {turn}.", turn=e.turn)),
        "",
    ]
    if e.everyone_loses:
        lines += [esc(tr("Nobody scores: everyone lost.")), ""]
    if e.text:
        lines += [esc(e.text), ""]
    if e.blamed:
        lines += ["**" + esc(tr("The move that tipped it: {team}’s.", team=e.blamed)) + "**", ""]
    if e.fates:
        lines += ["**" + esc(e.fates) + "**", ""]
    for label, text in ((tr("What it is"), e.what), (tr("Why it matters"), e.why), (tr("What happened"), e.history)):
        if text:
            lines += [f"- *{esc(label)}:* {esc(text)}"]
    return [*lines, ""]


def _team(team: Team) -> list[str]:
    score = "" if team.score is None else f": {score_line(team)}"
    lines = [f"### {esc(team.name)}{esc(score)}", "", esc(tr("Played by {who}", who=team.played_by)), ""]
    if team.role:
        lines += [esc(team.role), ""]
    for objective in team.objectives:
        # esc() trims the ends of a text, so the spaces between the parts are written here
        state = "" if objective.met is None else "✔ " + tr("met:") if objective.met else "✘ " + tr("not met:")
        parts = [esc(state), esc(objective.text), "(" + esc(ntr("{n} pt", "{n} pts", objective.points)) + ")"]
        if objective.main:
            parts.append("(" + esc(tr("main")) + ")")
        lines.append("- " + " ".join(p for p in parts if p))
    return [*lines, ""]


def _moment(moment: KeyMoment) -> list[str]:
    head = f"- **{esc(moment.headline)}**"
    return [head, *(f"  - {esc(reason)}" for reason in moment.reasons)]


def _track(track: TrackHistory) -> list[str]:
    turns = [tr("start"), *(str(i) for i in range(1, len(track.values)))]
    note = " (" + esc(tr("hidden during play, revealed for the debrief")) + ")" if track.revealed else ""
    rung = track.rung_at(track.final)
    ends = esc(tr("ends at {value}", value=f"{track.final}{track.unit}")) + (f", {esc(rung)}" if rung else "")
    return [
        f"### {esc(track.label)}{note}",
        "",
        *([esc(track.description), ""] if track.description else []),
        esc(tr("Range {low} to {high}", low=track.low, high=track.high)) + f"; {ends}.",
        "",
        "| " + " | ".join(esc(t) for t in [tr("Turn"), *turns]) + " |",
        "|---|" + "---|" * len(turns),
        f"| {esc(track.label)} | " + " | ".join(str(v) for v in track.values) + " |",
        "",
    ]


def _step(step: Step) -> list[str]:
    label = kind_label(step.kind) if step.happened else tr("Did not happen")
    lines = [f"- *{esc(label)}:* {esc(step.text)}"]
    if step.secret:
        lines.append(f"  - **{esc(step.secret)}**")
    if step.first:
        rows = ((tr("What it is"), step.what), (tr("Why it matters"), step.why))
        lines += [f"  - *{esc(name)}:* {esc(text)}" for name, text in rows if text]
    own = [d for d in step.details if d.own]
    if own:
        lines.append("  - " + " · ".join(f"{_arrow(d)}{esc(d.change)}" for d in own))
    lines += [f"  - {_arrow(d)}{esc(d.text)}" for d in step.details if not d.own]
    return lines


def _arrow(detail: Detail) -> str:
    if detail.before is None or detail.after is None or detail.before == detail.after:
        return ""
    return "▲ " if detail.after > detail.before else "▼ "


def _numbered(items: Iterable[str]) -> list[str]:
    return [f"{number}. {esc(item)}" for number, item in enumerate(items, 1)]


def render_markdown(debrief: Debrief, *, generated: str = "") -> str:
    """The whole report as a Markdown document, in the debrief's language."""
    with speaking(debrief.lang):
        return _document(debrief, generated)


def _document(d: Debrief, generated: str) -> str:
    low, high = d.turn_range
    length = f"{low}" if low == high else f"{low}–{high}"
    made = " · " + esc(tr("report made {date}", date=generated)) if generated else ""
    facts = tr("{turns} played (a game lasts {length} turns)", turns=_turns(d.turns_played), length=length)
    lines = [
        f"# {esc(d.title)}: " + esc(tr("debrief")),
        "",
        f"{esc(facts)} · " + esc(tr("seed {seed}", seed=d.seed)) + made,
        "",
    ]
    if d.summary:
        lines += [esc(d.summary), ""]
    lines += _outcome(d)
    lines += ["## " + esc(tr("Teams and objectives")), ""]
    for team in d.teams:
        lines += _team(team)
    if d.facts:  # format 2
        lines += ["## " + esc(tr("What was true at the end")), ""]
        lines += [f"- {esc(fact_line(text, turn))}" for text, turn in d.facts]
        lines.append("")
    if d.key_moments:
        lines += [
            "## " + esc(tr("Key moments")),
            "",
            esc(tr("The turning points (★) and the largest swings of a track in one turn, and why.")),
            "",
        ]
        for moment in d.key_moments:
            lines += _moment(moment)
        lines.append("")
    lines += [
        "## " + esc(tr("The tracks over the game")),
        "",
        esc(tr("Each value is a track at the end of a turn.")),
        "",
    ]
    for track in d.tracks:
        lines += _track(track)
    if d.history:
        lines += ["## " + esc(tr("What really happened")), ""]
        for note in d.history:
            cite = f" \\[{', '.join(map(str, note.sources))}\\]" if note.sources else ""
            lines.append(f"- **{esc(note.title)}.** {esc(note.text)}{cite}")
        lines.append("")
    if d.questions:
        lines += ["## " + esc(tr("Discussion questions")), "", *_numbered(d.questions), ""]
    lines += ["## " + esc(tr("Timeline")), ""]
    for turn in d.timeline:
        lines += ["### " + esc(tr("Turn {turn}", turn=turn.number)), ""]
        if turn.said:  # the talks before the orders, in order, then what the teams did
            lines += ["**" + esc(tr("What was said before the orders")) + "**", ""]
            lines += [f"- **{esc(s.sender)} → {esc(s.to)}:** {esc(s.text)}" for s in turn.said]
            lines.append("")
        for step in turn.steps:
            lines += _step(step)
        lines.append("")
    if d.learning_objectives:
        lines += ["## " + esc(tr("What the class should leave with")), "", *_numbered(d.learning_objectives), ""]
    if d.glossary:
        lines += [
            "## " + esc(tr("Glossary")),
            "",
            *(f"- **{esc(term)}:** {esc(meaning)}" for term, meaning in d.glossary),
            "",
        ]
    if d.sources:
        lines += ["## " + esc(tr("Sources")), ""]
        for ref in d.sources:
            detail = ", ".join(esc(x) for x in (ref.publisher, ref.date) if x)
            url = f" {esc(ref.url)}" if ref.url else ""
            lines.append(f"{ref.number}. {esc(ref.title)}" + (f" ({detail})" if detail else "") + url)
        lines.append("")
    footer = " · ".join(
        (tr("Deterrence & Dialogue"), tr("scenario {id}", id=d.scenario_id), f"sha256 {d.scenario_hash}")
    )
    lines.append(esc(footer))
    return "\n".join(lines) + "\n"
