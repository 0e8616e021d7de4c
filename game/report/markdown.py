"""The debrief as Markdown, for a wiki, a learning platform or a plain-text handout.

Every text from the scenario or the save goes through :func:`esc`, so that it reads as the
author wrote it and can never become a link, an image, raw HTML or a heading. Charts are
not drawn here (a Markdown file cannot hold them portably): each track gets its values
turn by turn in a small table instead, and the HTML report has the pictures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from game.report.debrief import Debrief, Detail, KeyMoment, Step, Team, TrackHistory, score_line

#: Characters that mean something to Markdown (or to the HTML it may carry) anywhere in a line:
#: emphasis, code, links and images (``(`` and ``!`` are harmless once brackets are escaped),
#: raw HTML and entities, tables, strikethrough, attribute lists.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&])")
#: What would start a block (list, heading, quote, rule) at the start of a line.
_BLOCK_START = re.compile(r"^([-=+>#])|^(\d+)([.)])")


def _turns(count: int) -> str:
    return f"{count} turn" if count == 1 else f"{count} turns"


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
            "## Where the game stands",
            "",
            f"The game is not over yet: {_turns(d.turns_played)} played. Hidden tracks stay hidden "
            "and objectives are not scored until the game ends.",
            "",
        ]
    e = d.ending
    lines = ["## How it ended", "", f"**{esc(e.name)}**, after turn {e.turn}.", ""]
    if e.everyone_loses:
        lines += ["Nobody scores: everyone lost.", ""]
    if e.text:
        lines += [esc(e.text), ""]
    if e.blamed:
        lines += [f"**The move that tipped it: {esc(e.blamed)}’s.**", ""]
    for label, text in (("What it is", e.what), ("Why it matters", e.why), ("What happened", e.history)):
        if text:
            lines += [f"- *{label}:* {esc(text)}"]
    return [*lines, ""]


def _team(team: Team) -> list[str]:
    score = "" if team.score is None else f": {score_line(team)}"
    lines = [f"### {esc(team.name)}{score}", "", f"Played by {esc(team.played_by)}.", ""]
    if team.role:
        lines += [esc(team.role), ""]
    for objective in team.objectives:
        state = "" if objective.met is None else "✔ met: " if objective.met else "✘ not met: "
        main = " (main)" if objective.main else ""
        lines.append(f"- {state}{esc(objective.text)} ({objective.points} pt){main}")
    return [*lines, ""]


def _moment(moment: KeyMoment) -> list[str]:
    head = f"- **{esc(moment.headline)}**"
    return [head, *(f"  - {esc(reason)}" for reason in moment.reasons)]


def _track(track: TrackHistory) -> list[str]:
    turns = ["start", *(str(i) for i in range(1, len(track.values)))]
    note = " (hidden during play, revealed for the debrief)" if track.revealed else ""
    rung = track.rung_at(track.final)
    ends = f"ends at {track.final}{esc(track.unit)}" + (f", {esc(rung)}" if rung else "")
    return [
        f"### {esc(track.label)}{note}",
        "",
        *([esc(track.description), ""] if track.description else []),
        f"Range {track.low} to {track.high}; {ends}.",
        "",
        "| Turn | " + " | ".join(turns) + " |",
        "|---|" + "---|" * len(turns),
        f"| {esc(track.label)} | " + " | ".join(str(v) for v in track.values) + " |",
        "",
    ]


def _step(step: Step) -> list[str]:
    label = {"drift": "Upkeep"}.get(step.kind, step.kind.title()) if step.happened else "Did not happen"
    lines = [f"- *{label}:* {esc(step.text)}"]
    if step.first:
        lines += [f"  - *{name}:* {esc(text)}" for name, text in (("What it is", step.what), ("Why", step.why)) if text]
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
    """The whole report as a Markdown document."""
    d = debrief
    low, high = d.turn_range
    length = f"{low}" if low == high else f"{low}–{high}"
    made = f" · report made {esc(generated)}" if generated else ""
    lines = [
        f"# {esc(d.title)}: debrief",
        "",
        f"{_turns(d.turns_played)} played (a game lasts {length} turns) · seed {d.seed}{made}",
        "",
    ]
    if d.summary:
        lines += [esc(d.summary), ""]
    lines += _outcome(d)
    lines += ["## Teams and objectives", ""]
    for team in d.teams:
        lines += _team(team)
    if d.key_moments:
        lines += [
            "## Key moments",
            "",
            "The turning points (★) and the largest swings of a track in one turn, and why.",
            "",
        ]
        for moment in d.key_moments:
            lines += _moment(moment)
        lines.append("")
    lines += ["## The tracks over the game", "", "Each value is a track at the end of a turn.", ""]
    for track in d.tracks:
        lines += _track(track)
    if d.history:
        lines += ["## What really happened", ""]
        for note in d.history:
            cite = f" \\[{', '.join(map(str, note.sources))}\\]" if note.sources else ""
            lines.append(f"- **{esc(note.title)}.** {esc(note.text)}{cite}")
        lines.append("")
    if d.questions:
        lines += ["## Discussion questions", "", *_numbered(d.questions), ""]
    lines += ["## Timeline", ""]
    for turn in d.timeline:
        lines += [f"### Turn {turn.number}", ""]
        for step in turn.steps:
            lines += _step(step)
        lines.append("")
    if d.learning_objectives:
        lines += ["## What the class should leave with", "", *_numbered(d.learning_objectives), ""]
    if d.glossary:
        lines += ["## Glossary", "", *(f"- **{esc(term)}:** {esc(meaning)}" for term, meaning in d.glossary), ""]
    if d.sources:
        lines += ["## Sources", ""]
        for ref in d.sources:
            detail = ", ".join(esc(x) for x in (ref.publisher, ref.date) if x)
            url = f" {esc(ref.url)}" if ref.url else ""
            lines.append(f"{ref.number}. {esc(ref.title)}" + (f" ({detail})" if detail else "") + url)
        lines.append("")
    lines.append(f"Deterrence & Dialogue · scenario {esc(d.scenario_id)} · sha256 {esc(d.scenario_hash)}")
    return "\n".join(lines) + "\n"
