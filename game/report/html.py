"""The debrief as one self-contained HTML page: readable on a projector, printable on A4.

Everything is inside the file: the CSS (with print rules), the charts as inline SVG; no
script, no font or image fetched from anywhere, and a Content-Security-Policy that forbids
both in case anything slipped through. Every text that comes from the scenario or the save
goes through :func:`esc`: a scenario file is untrusted input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from game.i18n import SOURCE, Fallback, ntr, speaking, tr
from game.report import charts
from game.report.debrief import (
    Debrief,
    Detail,
    KeyMoment,
    Step,
    Team,
    TrackHistory,
    TurnRecord,
    fact_line,
    score_line,
)

CHART_W, CHART_H = 560, 210
CHART_SCALE = 1.3  # the picture is shown at about 3/4 of its size: thicker lines read better
SAFE_URL = re.compile(r"^https?://[^\s\"'<>`]+$")


def kind_label(kind: str) -> str:
    """The label of a step of the timeline by its kind ('Move', 'Event'...)."""
    labels = {
        "event": tr("Event"),
        "answer": tr("Answer"),
        "move": tr("Move"),
        "interaction": tr("Interaction"),
        "agreement": tr("Agreement"),
        "drift": tr("End of turn"),
        "ending": tr("Ending"),
        "note": tr("Note"),
        "teacher": tr("Teacher"),
        "round": tr("Round"),  # format 2 phases: the round whose steps follow
    }
    return labels.get(kind, kind.title())


def _revealed_badge() -> str:
    label = tr("hidden during play, revealed for the debrief")
    return f' <span class="badge revealed">{esc(label)}</span>'


def _h2(title: str) -> str:
    return f"<h2>{esc(title)}</h2>"


def _p(*texts: str, css: str = "") -> str:
    """A paragraph of sentences (each escaped), with a class."""
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{' '.join(esc(t) for t in texts if t)}</p>"


CSS = """
:root { --ink: #1f2430; --muted: #5c606c; --navy: #22324a; --paper: #efe8da; --panel: #fbf8f2;
        --edge: #c4b8a0; --good: #00795a; --bad: #b34700; --danger: #aa281e; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--paper); color: var(--ink);
       font: 17px/1.5 "Noto Sans", "Nanum Gothic", "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
html:lang(ko) body { font-family: "Nanum Gothic", "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic",
                      "Apple SD Gothic Neo", sans-serif; word-break: keep-all; line-height: 1.6; }
main { max-width: 1120px; margin: 0 auto; padding: 0 28px 40px; overflow-wrap: anywhere; }
header.top { background: var(--navy); color: #fff; padding: 22px 28px; }
header.top .inner { max-width: 1120px; margin: 0 auto; padding: 0 28px; overflow-wrap: anywhere; }
header.top h1 { margin: 0; font-size: 34px; line-height: 1.2; }
header.top p { margin: 6px 0 0; color: #d5dae3; }
nav { margin: 14px 0 0; font-size: 15px; }
nav a { color: #fff; margin-right: 16px; white-space: nowrap; display: inline-block; }
h2 { color: var(--navy); font-size: 26px; margin: 34px 0 12px; border-bottom: 3px solid var(--navy);
     padding-bottom: 4px; }
h3 { color: var(--navy); font-size: 20px; margin: 20px 0 8px; }
p { margin: 6px 0; }
.panel { background: var(--panel); border: 1px solid var(--edge); border-radius: 10px; padding: 14px 18px; }
.ending { border-left: 10px solid var(--navy); }
.ending.lost { border-left-color: var(--danger); }
.ending .name { font-size: 28px; font-weight: 700; color: var(--navy); margin: 0; }
.ending.lost .name { color: var(--danger); }
.blame { font-weight: 700; color: var(--danger); }
.teach { color: var(--ink); }
.teach dt { font-weight: 700; color: var(--navy); }
.teach dd { margin: 0 0 6px; }
.teams { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(330px, 100%), 1fr)); gap: 14px; }
.team { border-left: 10px solid var(--edge); }
.team h3 { margin: 0; display: flex; justify-content: space-between; gap: 10px; }
.team .score { font-size: 24px; white-space: nowrap; }
.team .score-note { color: var(--danger); font-weight: 700; font-size: 14px; margin: 0; }
.team .who { color: var(--muted); font-size: 14px; margin: 0 0 6px; }
.team .role { font-size: 15px; }
ul.objectives { list-style: none; padding: 0; margin: 8px 0 0; }
ul.objectives li { padding: 3px 0 3px 30px; position: relative; }
ul.objectives li .mark { position: absolute; left: 0; font-weight: 700; }
ul.objectives li.met .mark { color: var(--good); }
ul.objectives li.missed { color: var(--muted); }
.main-obj { font-size: 13px; border: 1px solid var(--edge); border-radius: 4px; padding: 0 4px; margin-left: 4px; }
ol.moments { padding-left: 0; list-style: none; }
ol.moments > li { margin: 0 0 12px; }
ol.moments .swing { font-weight: 700; }
.reasons { margin: 2px 0 0 22px; padding: 0; color: var(--ink); font-size: 15px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(480px, 100%), 1fr)); gap: 14px; }
figure.chart { margin: 0; overflow: hidden; }
figure.chart figcaption { font-weight: 700; }
figure.chart .desc { color: var(--muted); font-size: 14px; margin: 0 0 6px; }
.final { font-weight: 400; color: var(--muted); }
.badge { display: inline-block; font-size: 12px; font-weight: 700; letter-spacing: .02em;
         border-radius: 4px; padding: 1px 6px; background: var(--navy); color: #fff; vertical-align: middle; }
.badge.revealed { background: #7a4b00; }
.untranslated { text-decoration: underline dotted #8a8f9c; text-underline-offset: 3px; }
p.untranslated-note { color: var(--muted); font-size: 14px; margin-top: 14px; }
.plotbox { display: grid; grid-template-columns: 46px 1fr 120px; grid-template-rows: auto 22px;
           font-size: 13px; color: var(--muted); }
.plotbox .plot svg { display: block; width: 100%; height: auto; }
.plotbox .axis { position: relative; }
.plotbox .axis span { position: absolute; white-space: nowrap; line-height: 1; }
.plotbox .left span { right: 6px; transform: translateY(-50%); }
.plotbox .right span { left: 6px; transform: translateY(-50%); max-width: calc(100% - 6px); overflow: hidden;
                       text-overflow: ellipsis; }
.plotbox .bottom { grid-column: 2; }
.plotbox .bottom span { top: 5px; transform: translateX(-50%); }
.legend { color: var(--muted); font-size: 14px; }
section.turn { margin: 0 0 12px; }
ol.steps { list-style: none; padding: 0; margin: 0; }
li.step { background: var(--panel); border: 1px solid var(--edge); border-left: 8px solid var(--edge);
          border-radius: 8px; padding: 8px 12px; margin: 0 0 8px; }
li.step .kind { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
                color: var(--muted); margin-right: 8px; }
li.step-event { border-left-color: #8a6d00; }
li.step-drift { background: transparent; }
li.step-missed { color: var(--muted); background: transparent; }
li.step-ending { border-left-color: var(--danger); font-weight: 700; }
li.step .teach { font-size: 15px; margin: 4px 0 0; }
li.step .secret { font-size: 15px; margin: 4px 0 0; color: var(--bad); font-weight: 700; }
li.step .teach b, .teach-label { color: var(--navy); font-weight: 700; }
ul.details { margin: 4px 0 0; padding-left: 22px; font-size: 15px; }
p.changes { margin: 4px 0 0; font-size: 15px; }
.better { color: var(--good); }
.worse { color: var(--bad); }
.notes li, .questions li, .objectives-list li { margin: 0 0 8px; }
.questions li { font-size: 19px; }
.cite { color: var(--muted); font-size: 14px; white-space: nowrap; }
dl.glossary dt { font-weight: 700; }
dl.glossary dd { margin: 0 0 8px 20px; }
ol.sources li { margin: 0 0 6px; font-size: 15px; overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: 13px; margin-top: 30px; overflow-wrap: anywhere; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  header.top { padding: 10px 0; }
  header.top h1 { font-size: 20pt; }
  nav { display: none; }
  main { max-width: none; padding: 0; }
  h2 { font-size: 15pt; margin-top: 18px; break-after: avoid; }
  h3 { font-size: 12pt; break-after: avoid; }
  .teams { grid-template-columns: 1fr 1fr; gap: 8px; }
  .charts { grid-template-columns: 1fr 1fr; gap: 8px; }
  .plotbox { grid-template-columns: 30px 1fr 78px; font-size: 7.5pt; }
  .panel, figure.chart, li.step, ol.moments li, .questions li { break-inside: avoid; }
  #questions { break-inside: avoid; }  /* the discussion questions on one page, for handing out */
  .questions li { font-size: 11pt; }
  li.step, ul.details, p.changes, li.step .teach, ol.sources li, .reasons { font-size: 9pt; }
  .team .role { display: none; }
  #timeline { break-before: page; }
  #timeline .turn { columns: 2; column-gap: 8mm; }
  #timeline .turn h3 { column-span: all; }
  li.step { padding: 3px 6px; margin: 0 0 4px; border-width: 0 0 0 4px; border-radius: 0; background: none; }
  li.step .kind { font-size: 7pt; }
  a { color: inherit; }
}
"""


def _turns(count: int) -> str:
    return ntr("{n} turn", "{n} turns", count)


def esc(text: object) -> str:
    """Escape any text from the scenario or the save for HTML (quotes too); a scenario text that has
    no translation in the report's language is marked as English (``lang="en"``, underlined)."""
    escaped = escape(str(text), quote=True)
    if isinstance(text, Fallback) and text:
        return f'<span lang="en" class="untranslated">{escaped}</span>'
    return escaped


def attr(text: object) -> str:
    """Escape a text for an attribute or the page's <title>, where no markup may go."""
    return escape(str(text), quote=True)


def _colour(colour: str) -> str:
    return charts.safe_colour(colour)


def _teach(what: str, why: str, history: str = "") -> str:
    rows = ((tr("What it is"), what), (tr("Why it matters"), why), (tr("What happened"), history))
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in rows if text)
    return f'<dl class="teach">{items}</dl>' if items else ""


# --- sections ---------------------------------------------------------------------------------


def _outcome(d: Debrief) -> str:
    if d.ending is None:
        return "".join(
            (
                '<section id="outcome">',
                _h2(tr("Where the game stands")),
                '<div class="panel ending">',
                _p(tr("The game is not over yet"), css="name"),
                _p(
                    tr("{turns} played so far.", turns=_turns(d.turns_played)),
                    tr("Hidden tracks stay hidden and objectives are not scored until the game ends."),
                ),
                "</div></section>",
            )
        )
    e = d.ending
    lost = " lost" if e.everyone_loses else ""
    parts = [
        '<section id="outcome">',
        _h2(tr("How it ended")),
        f'<div class="panel ending{lost}">',
        f'<p class="name">{esc(e.name)}</p>',
        _p(tr("After turn {turn}.", turn=e.turn), tr("Nobody scores: everyone lost.") if e.everyone_loses else ""),
    ]
    if e.text:
        parts.append(f"<p>{esc(e.text)}</p>")
    if e.blamed:
        parts.append(_p(tr("The move that tipped it: {team}’s.", team=e.blamed), css="blame"))
    if e.fates:
        parts.append(_p(e.fates, css="blame"))
    parts.append(_teach(e.what, e.why, e.history))
    parts.append("</div></section>")
    return "".join(parts)


def _team(team: Team) -> str:
    score = "" if team.score is None else f'<span class="score">{esc(score_line(team, why=False))}</span>'
    rows = []
    for objective in team.objectives:
        if objective.met is None:
            css, mark, state = "open", "•", ""
        elif objective.met:
            css, mark, state = "met", "✔", esc(tr("met:")) + " "
        else:
            css, mark, state = "missed", "✘", esc(tr("not met:")) + " "
        main = '<span class="main-obj">' + esc(tr("main")) + "</span>" if objective.main else ""
        points = esc(ntr("{n} pt", "{n} pts", objective.points))
        rows.append(
            f'<li class="{css}"><span class="mark">{mark}</span>{state}{esc(objective.text)} ({points}){main}</li>'
        )
    role = f'<p class="role">{esc(team.role)}</p>' if team.role else ""
    who = _p(tr("Played by {who}", who=team.played_by), css="who")
    # the ending's rule, when it set the score: beside the objectives shown as met, a 0 needs its reason
    note = _p(f"({team.score_note})", css="score-note") if team.score_note else ""
    return (
        f'<div class="panel team" style="border-left-color:{_colour(team.colour)}">'
        f"<h3><span>{esc(team.name)}</span>{score}</h3>{note}{who}{role}"
        f'<ul class="objectives">{"".join(rows)}</ul></div>'
    )


def _teams(d: Debrief) -> str:
    cards = "".join(map(_team, d.teams))
    title = esc(tr("Teams and objectives"))
    return f'<section id="teams"><h2>{title}</h2><div class="teams">{cards}</div></section>'


def _facts(d: Debrief) -> str:
    """Format 2: what was true at the end, and since when."""
    if not d.facts:
        return ""
    items = "".join(f"<li>{esc(fact_line(text, turn))}</li>" for text, turn in d.facts)
    heading = _h2(tr("What was true at the end"))
    return f'<section id="facts">{heading}<ul class="panel">{items}</ul></section>'


def _change_class(better: bool | None) -> str:
    return "" if better is None else (" better" if better else " worse")


def _moment(moment: KeyMoment) -> str:
    direction = moment.kind if moment.kind != "swing" else "up" if moment.delta > 0 else "down"
    reasons = "".join(f"<li>{esc(r)}</li>" for r in moment.reasons)
    return (
        f'<li><span class="swing{_change_class(moment.better)} {direction}">{esc(moment.headline)}</span>'
        f'<ul class="reasons">{reasons}</ul></li>'
    )


def _moments(d: Debrief) -> str:
    if not d.key_moments:
        return ""
    items = "".join(_moment(m) for m in d.key_moments)
    legend = tr(
        "The turning points (★) and the largest swings of a track in one turn, and the moves and rules that "
        "made them (green: good news for the track's owner; orange: bad news). The swings are ringed on the charts."
    )
    return (
        '<section id="moments">'
        + _h2(tr("Key moments"))
        + _p(legend, css="legend")
        + f'<ol class="moments">{items}</ol></section>'
    )


def _pct(value: float, whole: float) -> str:
    return f"{100 * value / whole:.2f}%"


def chart_figure(track: TrackHistory, marks: Iterable[int] = ()) -> str:
    """A chart: the shared SVG picture, with its words set around it as HTML text."""
    svg = charts.plot_svg(track, CHART_W, CHART_H, marks=marks, scale=CHART_SCALE)
    spans: dict[str, list[str]] = {"left": [], "right": [], "bottom": []}
    for label in charts.labels(track, CHART_W, CHART_H, CHART_SCALE):
        if label.side == "bottom":
            spans["bottom"].append(f'<span style="left:{_pct(label.at, CHART_W)}">{esc(label.text)}</span>')
        else:
            spans[label.side].append(f'<span style="top:{_pct(label.at, CHART_H)}">{esc(label.text)}</span>')
    final = track.final
    rung = track.rung_at(final)
    ends = esc(tr("ends at {value}", value=f"{final}{track.unit}")) + (f" — {esc(rung)}" if rung else "")
    badge = _revealed_badge() if track.revealed else ""
    desc = f'<p class="desc">{esc(track.description)}</p>' if track.description else ""
    return (
        f'<figure class="chart panel"><figcaption>{esc(track.label)} <span class="final">{ends}</span>{badge}'
        f"</figcaption>{desc}"
        f'<div class="plotbox"><div class="axis left">{"".join(spans["left"])}</div>'
        f'<div class="plot">{svg}</div><div class="axis right">{"".join(spans["right"])}</div>'
        f'<div class="axis bottom">{"".join(spans["bottom"])}</div></div></figure>'
    )


def _charts(d: Debrief) -> str:
    marks: dict[str, list[int]] = {}
    for moment in d.key_moments:
        if moment.kind == "swing":
            marks.setdefault(moment.ref, []).append(moment.turn)
    figures = "".join(chart_figure(t, marks.get(t.ref, ())) for t in d.tracks)
    legend = [
        tr("Each point is a track at the end of a turn (“{start}”: before turn 1).", start=tr("start")),
        tr("Shaded bands are the rungs of a ladder, darker toward the bad end."),
    ]
    if any(t.revealed for t in d.tracks):
        legend.append(tr("Dashed lines are tracks that were hidden during play: the debrief reveals them."))
    return (
        '<section id="charts">'
        + _h2(tr("The tracks over the game"))
        + _p(*legend, css="legend")
        + f'<div class="charts">{figures}</div></section>'
    )


def _arrow(detail: Detail) -> tuple[str, str]:
    """The direction of a change as a class and a symbol (not colour alone)."""
    if detail.before is None or detail.after is None or detail.before == detail.after:
        return "", ""
    return ("up", "▲") if detail.after > detail.before else ("down", "▼")


def _details(step: Step) -> str:
    """A step's changes: those made by the step's own card on one line, then each other consequence."""
    own = [x for x in step.details if x.own]
    rest = [x for x in step.details if not x.own]
    parts = []
    if own:
        spans = []
        for x in own:
            direction, arrow = _arrow(x)
            spans.append(f'<span class="{direction}{_change_class(x.better)}">{arrow} {esc(x.change)}</span>')
        parts.append(f'<p class="changes">{" · ".join(spans)}</p>')
    if rest:
        items = []
        for x in rest:
            direction, arrow = _arrow(x)
            css = f' class="{direction}{_change_class(x.better)}"' if direction else ""
            items.append(f"<li{css}>{arrow + ' ' if arrow else ''}{esc(x.text)}</li>")
        parts.append(f'<ul class="details">{"".join(items)}</ul>')
    return "".join(parts)


def _step(d: Debrief, step: Step) -> str:
    kind = step.kind if step.happened else "missed"
    label = kind_label(step.kind) if step.happened else tr("Did not happen")
    teach = ""
    if step.first and (step.what or step.why):
        teach = "".join(
            f'<p class="teach"><span class="teach-label">{esc(name)}:</span> {esc(text)}</p>'
            for name, text in ((tr("What it is"), step.what), (tr("Why it matters"), step.why))
            if text
        )
    details = _details(step)
    secret = f'<p class="secret">{esc(step.secret)}</p>' if step.secret else ""
    colour = next((t.colour for t in d.teams if t.id == step.actor), "")
    border = f' style="border-left-color:{_colour(colour)}"' if colour and step.kind == "move" and step.happened else ""
    return (
        f'<li class="step step-{esc(step.kind)} step-{kind}"{border}><span class="kind">{esc(label)}</span>'
        f"{esc(step.text)}{secret}{teach}{details}</li>"
    )


def _turn(d: Debrief, turn: TurnRecord) -> str:
    steps = "".join(_step(d, s) for s in turn.steps) or "<li>" + esc(tr("Nothing happened.")) + "</li>"
    title = esc(tr("Turn {turn}", turn=turn.number))
    return f'<section class="turn"><h3>{title}</h3>{_talks(turn)}<ol class="steps">{steps}</ol></section>'


def _talks(turn: TurnRecord) -> str:
    """What the teams said before their orders, in order: read beside what they then did."""
    if not turn.said:
        return ""
    rows = "".join(f"<li><b>{esc(s.sender)} → {esc(s.to)}:</b> {esc(s.text)}</li>" for s in turn.said)
    heading = esc(tr("What was said before the orders"))
    return f'<div class="talks"><h4>{heading}</h4><ol class="talks">{rows}</ol></div>'


def _timeline(d: Debrief) -> str:
    legend = [
        tr(
            "Every event, answer and move of each turn, in the order the rules resolved them, with what each one "
            "changed and why. A card's teaching text is shown the first time it comes up."
        ),
        tr("In print the timeline starts on a new page, so the pages before it make a short handout."),
    ]
    if not d.revealed:
        legend.append(
            tr("Changes to hidden tracks are shown without their numbers, as the class saw them during play.")
        )
    return (
        '<section id="timeline">'
        + _h2(tr("Timeline"))
        + _p(*legend, css="legend")
        + "".join(_turn(d, t) for t in d.timeline)
        + "</section>"
    )


def _cite(numbers: Iterable[int]) -> str:
    numbers = list(numbers)
    return f' <span class="cite">[{", ".join(map(str, numbers))}]</span>' if numbers else ""


def _history(d: Debrief) -> str:
    if not d.history:
        return ""
    items = "".join(f"<li><strong>{esc(n.title)}.</strong> {esc(n.text)}{_cite(n.sources)}</li>" for n in d.history)
    legend = tr(
        "The history behind the cards that came up in this game. Numbers in brackets are the sources listed at the end."
    )
    return (
        '<section id="history">'
        + _h2(tr("What really happened"))
        + _p(legend, css="legend")
        + f'<ul class="notes">{items}</ul></section>'
    )


def _list_section(anchor: str, title: str, items: Iterable[str], css: str) -> str:
    rows = "".join(f"<li>{esc(item)}</li>" for item in items)
    return f'<section id="{anchor}"><h2>{esc(title)}</h2><ol class="{css}">{rows}</ol></section>' if rows else ""


def _glossary(d: Debrief) -> str:
    if not d.glossary:
        return ""
    rows = "".join(f"<dt>{esc(term)}</dt><dd>{esc(meaning)}</dd>" for term, meaning in d.glossary)
    return '<section id="glossary">' + _h2(tr("Glossary")) + f'<dl class="glossary">{rows}</dl></section>'


def _sources(d: Debrief) -> str:
    if not d.sources:
        return ""
    rows = []
    for ref in d.sources:
        detail = ", ".join(esc(x) for x in (ref.publisher, ref.date) if x)
        line = esc(ref.title) + (f" ({detail})" if detail else "")
        if ref.url and SAFE_URL.match(ref.url):
            line += f' — <a href="{attr(ref.url)}">{esc(ref.url)}</a>'
        elif ref.url:
            line += f" — {esc(ref.url)}"
        rows.append(f'<li value="{ref.number}">{line}</li>')
    return '<section id="sources">' + _h2(tr("Sources")) + f'<ol class="sources">{"".join(rows)}</ol></section>'


def _header(d: Debrief, generated: str) -> str:
    low, high = d.turn_range
    length = f"{low}" if low == high else f"{low}–{high}"
    facts = [
        esc(tr("{turns} played (a game lasts {length} turns)", turns=_turns(d.turns_played), length=length)),
        esc(tr("seed {seed}", seed=d.seed)),
    ]
    if generated:
        facts.append(esc(tr("report made {date}", date=generated)))
    links = [
        ("outcome", tr("Outcome")),
        ("teams", tr("Teams")),
        ("moments", tr("Key moments")),
        ("charts", tr("Charts")),
        ("history", tr("What really happened")),
        ("questions", tr("Questions")),
        ("timeline", tr("Timeline")),
        ("glossary", tr("Glossary")),
        ("sources", tr("Sources")),
    ]
    nav = "".join(f'<a href="#{anchor}">{esc(label)}</a>' for anchor, label in links)
    debrief = tr("debrief")
    return (
        f'<header class="top"><div class="inner"><h1>{esc(d.title)}: {esc(debrief)}</h1>'
        f"<p>{' · '.join(facts)}</p><nav>{nav}</nav></div></header>"
    )


def render_html(debrief: Debrief, *, generated: str = "") -> str:
    """The whole report as one HTML document, in the debrief's language; `generated` is the date
    shown in the header."""
    with speaking(debrief.lang):
        return _document(debrief, generated)


def _untranslated_note(d: Debrief, body: str) -> str:
    """A line saying that underlined texts are the scenario's English (only if there are any)."""
    if d.lang == SOURCE or 'class="untranslated"' not in body:
        return ""
    note = tr("This scenario has no translation yet for the underlined texts: they are shown in English.")
    return f'<p class="untranslated-note">{esc(note)}</p>'


def _document(d: Debrief, generated: str) -> str:
    summary = f'<p class="panel">{esc(d.summary)}</p>' if d.summary else ""
    body = [
        _header(d, generated),
        "<main>",
        summary,
        _outcome(d),
        _teams(d),
        _facts(d),
        _moments(d),
        _charts(d),
        _history(d),
        _list_section("questions", tr("Discussion questions"), d.questions, "questions"),
        _timeline(d),
        _list_section("objectives", tr("What the class should leave with"), d.learning_objectives, "objectives-list"),
        _glossary(d),
        _sources(d),
        "<footer>"
        + " · ".join(esc(x) for x in (tr("Deterrence & Dialogue"), tr("scenario {id}", id=d.scenario_id)))
        + f" · sha256 {esc(d.scenario_hash)}</footer>",
        "</main>",
    ]
    note = _untranslated_note(d, "".join(body))
    if note:
        body.insert(2, note)
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    title = f"{d.title}: " + tr("debrief")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(d.lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{attr(title)}</title><style>{CSS}</style></head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )
