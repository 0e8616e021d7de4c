"""After the last turn: the ending, the scores, and the debrief with its charts."""

from __future__ import annotations

import pygame

from game.engine.state import LogEntry
from game.scenario.model import Scenario
from game.ui import board
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import Scene
from game.ui.scenes.play import teach_lines
from game.ui.widgets import Button


class EndingScene(Scene):
    name = "ending"
    demo_delay = 4.0

    def layout(self) -> None:
        self.buttons = [Button("Debrief", self.app.debrief, pygame.K_d, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s, outcome = session.scenario, session.state.outcome
        assert outcome is not None
        ending = s.endings.get(outcome.ending)
        title = str(ending.name) if ending else "The game is over"
        top = self.heading(surface, title, f"after turn {outcome.turn}") + t.px(24)
        half = (t.width - t.px(120)) // 2
        left, right = t.px(40), t.px(80) + half
        y = top
        if ending is not None and ending.text:
            y += w.text(surface, str(ending.text), t.font("large"), th.INK, (left, y), width=half) + t.px(14)
        if outcome.blamed:
            blamed = s.actors[outcome.blamed].name
            y += w.text(
                surface,
                f"The move that tipped it: {blamed}'s.",
                t.font("large", bold=True),
                th.DANGER,
                (left, y),
                width=half,
            ) + t.px(14)
        if ending is not None:
            for label, content in teach_lines(s, ending.teach):
                y += w.text(surface, label, t.font("body", bold=True), th.NAVY, (left, y), width=half)
                y += w.text(surface, content, t.font("small"), th.INK, (left, y), width=half) + t.px(8)
        y = top
        lost = ending is not None and ending.everyone_loses
        y += w.text(
            surface,
            "Nobody scores: everyone lost." if lost else "Scores",
            t.font("large", bold=True),
            th.NAVY,
            (right, y),
            width=half,
        ) + t.px(6)
        for actor_id, actor in s.actors.items():
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (right, y + t.px(4), t.px(18), t.px(30)), border_radius=t.px(4))
            y += w.text(
                surface,
                f"{actor.name}: {outcome.scores[actor_id]} point(s)",
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
                label = f"{'met' if met else 'not met'}: {objective.text}"
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
        self.draw_buttons(surface)


def key_moments(scenario: Scenario, logs: list[tuple[LogEntry, ...]], count: int = 5) -> list[LogEntry]:
    """The largest single swings of the game's tracks, with why (largest first)."""
    changes = [e for log in logs for e in log if e.kind == "change" and e.before is not None and e.after is not None]
    changes.sort(key=lambda e: (-abs((e.after or 0) - (e.before or 0)) / _span(scenario, e.track), e.turn))
    return changes[:count]


def _span(scenario: Scenario, ref: str | None) -> float:
    track = scenario.all_tracks[ref or ""]
    return float(track.max - track.min)


class DebriefScene(Scene):
    """Charts of the tracks over the turns, the timeline, key moments and questions."""

    name = "debrief"
    demo_delay = 4.0
    TABS = ("Charts", "Timeline", "Key moments", "Questions")

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.tab = 0

    def layout(self) -> None:
        tabs = [
            Button(f"{i + 1} {name}", lambda i=i: self.show(i), getattr(pygame, f"K_{i + 1}"))  # type: ignore[misc]
            for i, name in enumerate(self.TABS)
        ]
        self.done = Button("Back to the title", self.app.to_title, None, primary=True)
        self.buttons = [*tabs, self.done]
        self.button_row(self.buttons, self.t.height - self.t.px(20))

    def show(self, tab: int) -> None:
        self.tab = tab
        self.app.dirty = True

    def auto(self) -> None:
        if self.tab < len(self.TABS) - 1:
            self.show(self.tab + 1)
        else:
            self.app.demo_finished()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        top = self.heading(surface, "Debrief", self.TABS[self.tab]) + t.px(20)
        area = pygame.Rect(t.px(30), top, t.width - t.px(60), t.height - top - t.px(110))
        [self.draw_charts, self.draw_timeline, self.draw_moments, self.draw_questions][self.tab](surface, area)
        for index, button in enumerate(self.buttons[: len(self.TABS)]):
            button.primary = index == self.tab
        self.draw_buttons(surface)

    def draw_charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        session = self.app.session
        s = session.scenario
        refs = [r for r in s.all_tracks if s.all_tracks[r].visible == "public" or s.track_owner.get(r)]
        columns = 3
        rows = max(1, -(-len(refs) // columns))
        cell_w, cell_h = area.w // columns, area.h // rows
        for index, ref in enumerate(refs):
            cell = pygame.Rect(
                area.x + (index % columns) * cell_w,
                area.y + (index // columns) * cell_h,
                cell_w - t.px(16),
                cell_h - t.px(14),
            )
            chart(
                surface,
                t,
                cell,
                s.track_label[ref],
                session.history(ref),
                s.all_tracks[ref].min,
                s.all_tracks[ref].max,
                board.track_colour(s, ref),
            )

    def draw_timeline(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        session = self.app.session
        y = area.y
        font = t.font("small")
        for turn in range(1, session.state.turn + 1):
            moves = [e for e in session.turn_log(turn) if e.kind in ("move", "event", "answer", "interaction")]
            if not moves:
                continue
            y += w.text(surface, f"Turn {turn}", t.font("body", bold=True), th.NAVY, (area.x, y), width=area.w)
            line = " · ".join(e.text for e in moves)
            y += w.text(surface, line, font, th.INK, (area.x + t.px(20), y), width=area.w - t.px(20), max_lines=3)
            if y > area.bottom - t.px(40):
                break

    def draw_moments(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        session = self.app.session
        y = area.y
        for entry in key_moments(session.scenario, session.logs):
            y += w.text(
                surface, f"Turn {entry.turn}: {entry.text}", t.font("body"), th.INK, (area.x, y), width=area.w
            ) + t.px(12)

    def draw_questions(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        t = self.t
        y = area.y
        for number, question in enumerate(self.app.session.scenario.questions, 1):
            y += w.text(surface, f"{number}. {question}", t.font("large"), th.INK, (area.x, y), width=area.w) + t.px(14)


def chart(
    surface: pygame.Surface,
    t: th.Theme,
    rect: pygame.Rect,
    title: str,
    values: list[int],
    low: int,
    high: int,
    colour: th.Colour,
) -> None:
    """A line chart of a track over the turns (turn 0 = the start)."""
    w.panel(surface, rect, t, fill=th.WHITE)
    w.text(
        surface,
        title,
        t.font("small", bold=True),
        th.INK,
        (rect.x + t.px(12), rect.y + t.px(8)),
        width=rect.w - t.px(24),
        max_lines=1,
    )
    plot = pygame.Rect(rect.x + t.px(44), rect.y + t.px(44), rect.w - t.px(60), rect.h - t.px(70))
    font = t.font("small")
    for level in (low, high):
        y = plot.bottom - (level - low) / max(1, high - low) * plot.h
        pygame.draw.line(surface, th.PANEL_EDGE, (plot.x, y), (plot.right, y), 1)
        label = w.render(font, str(level), th.MUTED)
        surface.blit(label, (plot.x - label.get_width() - t.px(6), y - label.get_height() // 2))
    if len(values) < 2:
        return
    points = [
        (plot.x + i * plot.w / (len(values) - 1), plot.bottom - (v - low) / max(1, high - low) * plot.h)
        for i, v in enumerate(values)
    ]
    pygame.draw.lines(surface, colour, False, points, t.px(4))
    for point in points:
        pygame.draw.circle(surface, th.INK, point, t.px(4))
