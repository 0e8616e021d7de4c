"""After the last turn: the ending, the scores, and the debrief with its charts.

The debrief screen shows what the report (game/report) holds: it builds the same
``Debrief`` and draws its charts from the same SVG pictures, loaded by pygame at the size of
each chart cell; the words around them are set here in the screen's fonts, since pygame's
SVG renderer draws no text. Export writes the HTML and Markdown report to the data folder.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pygame

from game.i18n import language, ntr, pick, tr
from game.report import charts, export
from game.report.debrief import (
    MOMENT_REASONS,
    Debrief,
    KeyMoment,
    Step,
    TrackHistory,
    build_debrief,
    fact_line,
    fates_text,
)
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.rules import ending_cause, endings_missed
from game.ui.scenes.base import Scene
from game.ui.widgets import Button
from game.ui.wording import teach_lines


class EndingScene(Scene):
    name = "ending"
    demo_delay = 4.0
    sounded = False

    def enter(self) -> None:
        super().enter()
        if not self.sounded:  # once, not again on coming back from help
            self.sounded = True
            outcome = self.app.session.state.outcome
            ending = self.app.session.scenario.endings.get(outcome.ending) if outcome else None
            self.app.sound.play("bad_end" if ending is not None and ending.everyone_loses else "end")

    def layout(self) -> None:
        self.buttons = [Button(tr("Debrief"), self.app.debrief, pygame.K_d, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s, outcome = session.scenario, session.state.outcome
        assert outcome is not None
        ending = s.endings.get(outcome.ending)
        title = pick(ending.name) if ending else tr("The game is over")
        top = self.heading(surface, title, tr("after turn {turn}", turn=outcome.turn)) + t.px(24)
        area = pygame.Rect(0, top, t.width, self.buttons[0].rect.top - t.px(12) - top)
        self.scrolled(surface, area, lambda y: self.draw_text(surface, y))
        self.draw_buttons(surface)

    def draw_text(self, surface: pygame.Surface, top: int) -> int:
        """What the ending means on the left, the scores and objectives on the right; return the bottom."""
        t = self.t
        s, outcome = self.app.session.scenario, self.app.session.state.outcome
        assert outcome is not None
        ending = s.endings.get(outcome.ending)
        half = (t.width - t.px(120)) // 2
        left, right = t.px(40), t.px(80) + half
        y = top
        if ending is not None and ending.text:
            y += w.text(surface, pick(ending.text), t.font("large"), th.INK, (left, y), width=half) + t.px(14)
        tracks = self.app.session.state.tracks
        for cause in ending_cause(s, outcome.ending, tracks):  # the numbers that caused it
            y += w.text(surface, "▲ " + cause, t.font("body", bold=True), th.NAVY, (left, y), width=half) + t.px(6)
        for missed in endings_missed(s, outcome.ending, tracks):  # the ending left when none held: what was one short
            y += w.text(surface, "△ " + missed, t.font("body"), th.NAVY, (left, y), width=half) + t.px(6)
        if outcome.blamed:
            blamed = pick(s.actors[outcome.blamed].name)
            y += w.text(
                surface,
                tr("The move that tipped it: {team}’s.", team=blamed),
                t.font("large", bold=True),
                th.DANGER,
                (left, y),
                width=half,
            ) + t.px(14)
        fates = fates_text(s, outcome)
        if fates:
            y += w.text(surface, fates, t.font("large", bold=True), th.DANGER, (left, y), width=half) + t.px(14)
        if ending is not None:
            for label, content in teach_lines(s, ending.teach):
                y += w.text(surface, label, t.font("body", bold=True), th.NAVY, (left, y), width=half)
                y += w.text(surface, content, t.font("small"), th.INK, (left, y), width=half) + t.px(8)
        left_bottom, y = y, top
        lost = ending is not None and ending.everyone_loses
        y += w.text(
            surface,
            tr("Nobody scores: everyone lost.") if lost else tr("Scores"),
            t.font("large", bold=True),
            th.NAVY,
            (right, y),
            width=half,
        ) + t.px(6)
        for actor_id, actor in s.actors.items():
            if actor_id in s.umpires:  # format 2's umpire scores nothing: no line of the scores
                continue
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (right, y + t.px(4), t.px(18), t.px(30)), border_radius=t.px(4))
            y += w.text(
                surface,
                tr(
                    "{team}: {score} of {points}",
                    team=pick(actor.name),
                    score=outcome.scores[actor_id],
                    points=_points(actor.max_points),
                ),
                t.font("body", bold=True),
                th.INK,
                (right + t.px(28), y),
                width=half - t.px(28),
            )
            for oid, objective in actor.objectives.items():
                met = oid in outcome.met[actor_id]
                font = t.font("small", bold=met)
                centre = (right + t.px(48), y + font.get_linesize() // 2)
                if met:
                    pygame.draw.circle(surface, th.GOOD, centre, t.px(8))
                else:
                    pygame.draw.circle(surface, th.MUTED, centre, t.px(8), t.px(2))
                said = pick(objective.text)
                label = tr("met: {objective}", objective=said) if met else tr("not met: {objective}", objective=said)
                y += w.text(
                    surface,
                    label,
                    font,
                    th.INK if met else th.MUTED,
                    (right + t.px(64), y),
                    width=half - t.px(64),
                    max_lines=1,
                )
            y += t.px(8)
        return max(left_bottom, y)


#: (font role, bold, colour, text, indent in px at 1080 lines) for each paragraph of the timeline
Paragraph = tuple[str, bool, th.Colour, str, int]
#: (font, colour, text, indent, height) for each line of the timeline as drawn
Line = tuple[pygame.font.Font, th.Colour, str, int, int]


def kind_label(kind: str) -> str:
    """A step's kind in words: 'Move', 'Event', 'End of turn'..."""
    labels = {
        "drift": tr("End of turn"),
        "teacher": tr("Teacher"),
        "move": tr("Move"),
        "event": tr("Event"),
        "answer": tr("Answer"),
        "interaction": tr("Interaction"),
        "agreement": tr("Agreement"),
        "ending": tr("Ending"),
        "note": tr("Note"),
    }
    return labels.get(kind, kind.title())




def _change_colour(better: bool | None) -> th.Colour:
    return th.INK if better is None else th.GOOD if better else th.BAD


def step_paragraphs(step: Step) -> list[Paragraph]:
    """A step of the timeline as paragraphs: what happened, its teaching text the first time, its changes."""
    label = kind_label(step.kind) if step.happened else tr("Did not happen")
    colour = th.INK if step.happened else th.MUTED
    out: list[Paragraph] = [("body", False, colour, f"{label} · {step.text}", 20)]
    if step.secret:
        out.append(("small", True, th.BAD, step.secret, 56))
    if step.first:
        for name, text in ((tr("What it is"), step.what), (tr("Why it matters"), step.why)):
            if text:
                out.append(("small", False, th.NAVY, f"{name}: {text}", 56))
    for detail in step.details:
        if detail.kind == "change" and detail.before is not None and detail.after is not None:
            arrow = "▲" if detail.after > detail.before else "▼" if detail.after < detail.before else "="
            text = detail.change if detail.own else detail.text  # the step's own reason goes without saying
            out.append(("small", False, _change_colour(detail.better), f"{arrow} {text}", 56))
        else:
            out.append(("small", False, th.INK, f"• {detail.text}", 56))
    return out


class DebriefScene(Scene):
    """Charts of the tracks over the turns, the timeline, key moments and questions; export the report."""

    name = "debrief"
    demo_delay = 4.0

    @property
    def TABS(self) -> tuple[str, ...]:  # the tabs' names, in the language of the moment
        return (tr("Charts"), tr("Timeline"), tr("Key moments"), tr("Questions"))

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.tab = 0
        self.scroll = 0
        self.exported: list[Path] = []
        self.export_error = ""
        self._debrief: Debrief | None = None
        self._charts: dict[tuple[str, int, int, tuple[int, ...], float], pygame.Surface] = {}
        self._lines: tuple[int, list[Line]] | None = None
        self.timeline_area = pygame.Rect(0, 0, 0, 0)
        self.ct = self.t  # the charts' sizes (smaller than the screen's when big text leaves no room)

    @property
    def debrief(self) -> Debrief:
        """The game's debrief, built once: the game is over and does not change any more."""
        if self._debrief is None or self._debrief.lang != language():
            session = self.app.session
            self._debrief = build_debrief(session.scenario, session.states, session.logs, dialogue=session.dialogue)
            self._lines = None
        return self._debrief

    def layout(self) -> None:
        tabs = [
            Button(f"{i + 1} {name}", lambda i=i: self.show(i), getattr(pygame, f"K_{i + 1}"))  # type: ignore[misc]
            for i, name in enumerate(self.TABS)
        ]
        self.export_button = Button(tr("Export report (E)"), self.export_report, pygame.K_e)
        self.done = Button(tr("Back to the title"), self.app.to_title, None, primary=True)
        self.buttons = [*tabs, self.export_button, self.done]
        self.button_row(self.buttons, self.t.height - self.t.px(20))
        self._charts.clear()  # the cells have new sizes: load the pictures again at those sizes
        self._lines = None

    def show(self, tab: int) -> None:
        if tab != self.tab:
            self.scroll, self.overflow = 0, 0  # each tab starts at its top
        self.tab = tab
        self.focus = tab  # the focus ring goes with the tab shown (by its key, a click or the demo)
        self.app.dirty = True

    def auto(self) -> None:
        if self.tab < len(self.TABS) - 1:
            self.show(self.tab + 1)
        else:
            self.show(0)  # the demo's last frame (and its screenshot) is the charts
            self.app.demo_finished()

    # --- input ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.tab == 1:
            self.scroll_by(-event.y * 3 * self.line_height())
            return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        if self.tab == 1:
            page = max(self.line_height(), self.timeline_area.h - self.line_height())
            steps = {
                pygame.K_DOWN: 3 * self.line_height(),
                pygame.K_UP: -3 * self.line_height(),
                pygame.K_PAGEDOWN: page,
                pygame.K_PAGEUP: -page,
                pygame.K_END: 10**9,
                pygame.K_HOME: -(10**9),
            }
            if event.key in steps:
                self.scroll_by(steps[event.key])
                return
        super().key(event)

    def line_height(self) -> int:
        return self.t.font("body").get_linesize()

    def scroll_by(self, pixels: int) -> None:
        if self.tab != 1:  # the questions, with big text: the scenes' own scrolling
            super().scroll_by(pixels)
            return
        total = self.timeline_height(self.timeline_area.w) if self.timeline_area.w else 0
        limit = max(0, total - self.timeline_area.h)
        self.scroll = max(0, min(limit, self.scroll + pixels))
        self.app.dirty = True

    # --- export --------------------------------------------------------------------------------

    def export_report(self) -> None:
        """Write the HTML and Markdown report into the data folder's reports/ and say where."""
        folder = Path(self.app.data_dir) / "reports"
        try:
            self.exported = export(self.debrief, folder, date=datetime.date.today().isoformat())
            self.export_error = ""
        except OSError as error:
            self.exported = []
            why = error.strerror or error
            self.export_error = tr("The report could not be saved in {folder}: {why}", folder=folder, why=why)
        self.app.dirty = True

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        top = self.heading(surface, tr("Debrief"), self.TABS[self.tab]) + t.px(20)
        buttons_top = min(b.rect.top for b in self.buttons)
        status = t.font("small").get_linesize() * 2 + t.px(16)
        area = pygame.Rect(t.px(30), top, t.width - t.px(60), buttons_top - top - status)
        [self.draw_charts, self.draw_timeline, self.draw_moments, self.draw_questions][self.tab](surface, area)
        self.draw_status(surface, pygame.Rect(area.x, area.bottom + t.px(8), area.w, status - t.px(8)))
        for index, button in enumerate(self.buttons[: len(self.TABS)]):
            button.primary = index == self.tab
        self.draw_buttons(surface)

    def draw_status(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        if self.export_error:
            message, colour = self.export_error, th.DANGER
        elif self.exported:
            saved = tr("Report saved: {file}  (and {other})", file=self.exported[0], other=self.exported[1].name)
            message, colour = saved, th.GOOD
        else:
            message, colour = tr("E: export a printable report (HTML and Markdown) to hand out."), th.MUTED
            if self.tab == 0:
                parts = [tr("Each point: a track at the end of a turn. Rings: the key moments.")]
                if self.debrief.revealed:
                    parts.append(tr("Dashed: hidden during play, revealed for the debrief."))
                message = " ".join([*parts, message])
        w.text(surface, message, t.font("small", bold=bool(self.exported)), colour, area.topleft, width=area.w)

    # charts ---------------------------------------------------------------------------------

    @property
    def chart_scale(self) -> float:
        """Lines and points a little bolder than the text scale: a chart is read from the back row."""
        return self.ct.scale * 1.4

    def chart_theme(self, height: int) -> th.Theme:
        """The sizes to draw a chart in this height: the screen's, or smaller ones if its plot would vanish.

        Big text (Ctrl +) makes the title and the labels take a chart's whole cell; they shrink
        instead, so every chart keeps a plot.
        """

        def need(fit: th.Theme) -> int:
            lines = fit.font("small", bold=True).get_linesize() + fit.font("small").get_linesize()
            return 2 * fit.px(12) + lines + fit.px(6) + fit.px(80)

        return self.t.fitted(need, height)

    def chart_surface(self, track: TrackHistory, size: tuple[int, int], marks: tuple[int, ...]) -> pygame.Surface:
        """The track's SVG picture, loaded at this size once (again after a resize)."""
        key = (track.ref, size[0], size[1], marks, self.chart_scale)
        image = self._charts.get(key)
        if image is None:
            svg = charts.plot_svg(track, size[0], size[1], marks=marks, scale=self.chart_scale)
            image = pygame.image.load(io.BytesIO(svg.encode("utf-8")), "chart.svg")
            self._charts[key] = image
        return image

    def draw_charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        tracks = self.debrief.tracks
        if not tracks:
            return
        columns = min(
            range(1, min(4, len(tracks)) + 1),
            key=lambda c: abs((area.w / c) / (area.h / -(-len(tracks) // c)) - 2.2),
        )
        rows = -(-len(tracks) // columns)
        cell_w, cell_h = area.w // columns, area.h // rows
        self.ct = self.chart_theme(cell_h - self.t.px(14))
        marks: dict[str, list[int]] = {}
        for moment in self.debrief.key_moments:
            if moment.kind == "swing":
                marks.setdefault(moment.ref, []).append(moment.turn)
        gap = self.t.px(14)
        for index, track in enumerate(tracks):
            cell = pygame.Rect(
                area.x + (index % columns) * cell_w,
                area.y + (index // columns) * cell_h,
                cell_w - gap,
                cell_h - gap,
            )
            self.draw_chart(surface, cell, track, tuple(marks.get(track.ref, ())))

    def draw_chart(
        self, surface: pygame.Surface, cell: pygame.Rect, track: TrackHistory, marks: tuple[int, ...]
    ) -> None:
        """One chart: title and final value, the shared SVG picture, and its labels set in the screen's font."""
        t = self.ct
        w.panel(surface, cell, t, fill=th.WHITE)
        pad = t.px(12)
        bold, font = t.font("small", bold=True), t.font("small")
        rung = track.rung_at(track.final)
        final = f"{track.final}{track.unit}" + (f" {rung}" if rung else "")
        if font.size(final)[0] > cell.w * 0.4:  # the track's name matters more than its rung's
            final = f"{track.final}{track.unit}"
        final_image = w.render(font, final, th.MUTED)
        surface.blit(final_image, (cell.right - pad - final_image.get_width(), cell.y + pad))
        title = tr("{track} (revealed)", track=track.label) if track.revealed else track.label
        title_w = cell.w - 3 * pad - final_image.get_width()
        w.text(surface, title, bold, th.INK, (cell.x + pad, cell.y + pad), width=title_w, max_lines=1)
        top = cell.y + pad + bold.get_linesize() + t.px(6)
        values = [f"{v}{track.unit}" for v in charts.value_ticks(track)]
        left_w = max(font.size(v)[0] for v in values) + t.px(8)
        rungs = [name for _, name in track.rungs]
        right_w = max((font.size(r)[0] for r in rungs), default=0) + t.px(10) if rungs else 0
        if right_w > cell.w * 0.25:
            right_w = 0  # too narrow for the rung names: the bands show the ladder, the title its rung
        plot = pygame.Rect(
            cell.x + pad + left_w,
            top,
            cell.w - 2 * pad - left_w - right_w,
            cell.bottom - top - pad - font.get_linesize(),
        )
        if plot.w < 20 or plot.h < 20:
            return
        surface.blit(self.chart_surface(track, plot.size, marks), plot.topleft)
        self.draw_chart_labels(surface, plot, track, font, rungs=right_w > 0)

    def draw_chart_labels(
        self, surface: pygame.Surface, plot: pygame.Rect, track: TrackHistory, font: pygame.font.Font, *, rungs: bool
    ) -> None:
        t = self.ct
        last = {"left": -(10**9), "right": -(10**9), "bottom": -(10**9)}
        for label in sorted(charts.labels(track, plot.w, plot.h, self.chart_scale), key=lambda lb: lb.at):
            if label.side == "right" and not rungs:
                continue
            image = w.render(font, label.text, th.MUTED)
            if label.side == "bottom":
                x = plot.x + round(label.at) - image.get_width() // 2
                if x < last["bottom"] + t.px(6):
                    continue  # would overlap the previous turn number
                surface.blit(image, (x, plot.bottom + t.px(2)))
                last["bottom"] = x + image.get_width()
                continue
            y = plot.y + round(label.at) - image.get_height() // 2
            if y < last[label.side]:
                continue  # would overlap the label above it
            x = plot.x - t.px(6) - image.get_width() if label.side == "left" else plot.right + t.px(8)
            surface.blit(image, (x, y))
            last[label.side] = y + image.get_height() - t.px(4)

    # timeline -------------------------------------------------------------------------------

    def timeline_lines(self, width: int) -> list[Line]:
        """Every line of the timeline, wrapped to the width, with a little air between steps."""
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        t = self.t
        lines: list[Line] = []
        heading = t.font("large", bold=True)
        for turn in self.debrief.timeline:
            lines.append((heading, th.NAVY, tr("Turn {turn}", turn=turn.number), 0, heading.get_linesize() + t.px(4)))
            steps = [step_paragraphs(step) for step in turn.steps]
            if turn.said:  # the talks before the orders (team devices), then what the teams did
                talks: list[Paragraph] = [("body", True, th.NAVY, tr("What was said before the orders"), 20)]
                talks += [("small", False, th.INK, f"{s.sender} → {s.to}: {s.text}", 56) for s in turn.said]
                steps.insert(0, talks)
            if not steps:
                steps = [[("body", False, th.MUTED, tr("Nothing happened."), 20)]]
            for paragraphs in steps:
                for role, bold, colour, text, indent in paragraphs:
                    font = t.font(role, bold=bold)
                    for line in w.wrap(font, text, width - t.px(indent) - t.px(24)):
                        lines.append((font, colour, line, t.px(indent), font.get_linesize()))
                lines.append((heading, th.INK, "", 0, t.px(10)))
            lines.append((heading, th.INK, "", 0, t.px(12)))
        self._lines = (width, lines)
        return lines

    def timeline_height(self, width: int) -> int:
        return sum(line[4] for line in self.timeline_lines(width))

    def draw_timeline(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        self.timeline_area = area
        lines = self.timeline_lines(area.w)
        total = sum(line[4] for line in lines)
        self.scroll = max(0, min(self.scroll, total - area.h))
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.y - self.scroll
        for font, colour, text, indent, height in lines:
            if text and y + height >= area.y and y <= area.bottom:
                surface.blit(w.render(font, text, colour), (area.x + indent, y))
            y += height
        surface.set_clip(clip)
        if total > area.h:
            track = pygame.Rect(area.right - t.px(10), area.y, t.px(8), area.h)
            pygame.draw.rect(surface, th.PANEL_EDGE, track, border_radius=t.px(4))
            thumb_h = max(t.px(30), area.h * area.h // total)
            thumb_y = area.y + (area.h - thumb_h) * self.scroll // max(1, total - area.h)
            pygame.draw.rect(surface, th.NAVY, (track.x, thumb_y, track.w, thumb_h), border_radius=t.px(4))

    # key moments and questions --------------------------------------------------------------------

    def moment_lines(self, moment: KeyMoment) -> list[tuple[pygame.font.Font, th.Colour, str, int]]:
        """A key moment as lines: the swing, then up to MOMENT_REASONS of its reasons."""
        t = self.t
        colour = th.NAVY if moment.kind == "first" else _change_colour(moment.better)
        lines = [(t.font("large", bold=True), colour, moment.headline, 0)]
        shown = list(moment.reasons[:MOMENT_REASONS])
        if len(moment.reasons) > MOMENT_REASONS:
            shown.append(tr("and {count} more (see the timeline)", count=len(moment.reasons) - MOMENT_REASONS))
        lines += [(t.font("body"), th.INK, f"• {reason}", t.px(36)) for reason in shown]
        return lines

    def fact_lines(self) -> list[list[tuple[pygame.font.Font, th.Colour, str, int]]]:
        """Format 2: what was true at the end, and since when, as a block before the key moments."""
        if not self.debrief.facts:
            return []
        t = self.t
        lines = [(t.font("large", bold=True), th.NAVY, tr("What was true at the end"), 0)]
        lines += [(t.font("body"), th.INK, f"• {fact_line(text, turn)}", t.px(36)) for text, turn in self.debrief.facts]
        return [lines]

    def draw_moments(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The key moments, in two columns when one does not hold them all."""
        t = self.t
        intro = tr(
            "The turning points (★) and the largest swings of a track in one turn, and what made them."
            " The swings are ringed on the charts."
        )
        top = area.y + w.text(surface, intro, t.font("body"), th.MUTED, area.topleft, width=area.w) + t.px(14)
        blocks = [*self.fact_lines(), *(self.moment_lines(m) for m in self.debrief.key_moments)]
        gap = t.px(14)
        heights = [sum(font.get_linesize() for font, *_ in block) + gap for block in blocks]
        columns = 1 if sum(heights) <= area.bottom - top else 2
        width = (area.w - t.px(30) * (columns - 1)) // columns
        clip = surface.get_clip()
        surface.set_clip(area)
        x, y = area.x, top
        for block, height in zip(blocks, heights, strict=True):
            if columns == 2 and x == area.x and y + height > area.bottom and y > top:
                x, y = area.x + width + t.px(30), top
            if y + height - gap > area.bottom:
                break  # a moment is shown whole or not at all (the timeline has every one)
            for font, colour, text, indent in block:
                y += w.text(surface, text, font, colour, (x + indent, y), width=width - indent, max_lines=1)
            y += gap
        surface.set_clip(clip)

    def draw_questions(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The questions; with big text they scroll (Page Down) rather than run under the buttons."""
        t = self.t

        def draw(y: int) -> int:
            for number, question in enumerate(self.debrief.questions, 1):
                text = f"{number}. {question}"
                y += w.text(surface, text, t.font("large"), th.INK, (area.x, y), width=area.w) + t.px(14)
            return y

        self.scrolled(surface, area, draw)


def _points(count: int) -> str:
    return ntr("{n} point", "{n} points", count)
