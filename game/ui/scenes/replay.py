"""A finished (or unfinished) game, turn by turn, on the projector: forwards, backwards, and a
new game forked from any turn to ask "what if?".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from attrs import evolve

from game.engine.state import GameState, LogEntry
from game.engine.view import redact
from game.i18n import pick, tr
from game.ui import board
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import Scene
from game.ui.scenes.play import group_steps
from game.ui.widgets import Button
from game.ui.wording import log_text

if TYPE_CHECKING:
    from game.ui.app import App


class ReplayScene(Scene):
    """The board as it stood after each turn, with what happened in that turn and why."""

    name = "replay"
    demo_delay = 3.0

    def __init__(self, app: App, path: Path) -> None:
        super().__init__(app)
        self.path = path
        self.index = 0  # 0 = the start; i = after turn i
        self.scroll = 0

    @property
    def last(self) -> int:
        return len(self.app.session.states) - 1

    def layout(self) -> None:
        t = self.t
        self.back = Button(tr("◀ Turn before"), lambda: self.go(self.index - 1), None)
        self.next = Button(tr("Next turn ▶"), lambda: self.go(self.index + 1), None, primary=True)
        self.fork_button = Button(tr("Play on from here (F)"), self.fork, pygame.K_f)
        self.debrief_button = Button(tr("Debrief (D)"), self.debrief, pygame.K_d)
        self.close = Button(tr("Close (Esc)"), self.app.to_title, pygame.K_ESCAPE)
        self.buttons = [self.back, self.next, self.fork_button, self.debrief_button, self.close]
        self.button_row(self.buttons, t.height - t.px(20))
        self.back.enabled = self.index > 0
        self.next.enabled = self.index < self.last
        self.debrief_button.enabled = self.app.session.states[-1].over
        state = self.app.session.states[self.index]
        self.fork_button.enabled = not state.over
        top = self.band_height()
        bottom = min(button.rect.top for button in self.buttons) - t.px(12)  # big text: the buttons take two rows
        self.tracks_rect = pygame.Rect(t.px(16), top + t.px(14), t.width * 36 // 100, bottom - top - t.px(14))
        self.log_rect = pygame.Rect(
            self.tracks_rect.right + t.px(16),
            top + t.px(14),
            t.width - self.tracks_rect.right - t.px(32),
            bottom - top - t.px(14),
        )
        self.bt = board.fitted(t, self.app.session.scenario, self.tracks_rect.h)  # the board's own sizes

    def go(self, index: int) -> None:
        self.index = max(0, min(self.last, index))
        self.scroll = 0
        self.layout()
        self.app.dirty = True

    def fork(self) -> None:
        if not self.app.session.states[self.index].over:
            self.app.fork(self.index)

    def debrief(self) -> None:
        if self.app.session.states[-1].over:
            self.app.debrief()

    def auto(self) -> None:
        if self.index < self.last:
            self.go(self.index + 1)
        else:
            self.app.demo_finished()

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_RIGHT:
            self.go(self.index + 1)
        elif event.key == pygame.K_LEFT:
            self.go(self.index - 1)
        elif event.key == pygame.K_HOME:
            self.go(0)
        elif event.key == pygame.K_END:
            self.go(self.last)
        elif event.key == pygame.K_DOWN:
            self.scroll += 1
        elif event.key == pygame.K_UP:
            self.scroll = max(0, self.scroll - 1)
        else:
            super().key(event)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
            self.app.dirty = True
            return
        super().handle(event)

    def turn_log(self, index: int) -> list[LogEntry]:
        """What happened in turn ``index``: the events that opened it, then its moves to its end.

        A resolution's log runs on into the next turn's events (they open the next state), so
        those are cut from the turn before and shown with the turn they open (turn 1's are the
        start's, "How the game began")."""
        logs, states = self.app.session.logs, self.app.session.states
        if index == 0:
            return list(logs[0])
        before = states[index - 1]  # a step is a turn, or a round of a turn in rounds (format 2 phases)
        turn = before.turn
        opening = [e for e in logs[index - 1] if e.turn == turn] if index >= 2 and before.round == 0 else []
        return opening + [e for e in logs[index] if e.turn == turn]

    def shown_state(self, index: int) -> GameState:
        """The state after turn ``index``, before the next turn's events move any track."""
        state = self.app.session.states[index]
        if index == 0 or not state.event_log or state.round:  # a later round: the turn's events came before
            return state
        tracks = dict(state.tracks)
        for entry in reversed(state.event_log):
            if entry.kind == "change" and entry.track is not None and entry.before is not None:
                tracks[entry.track] = entry.before
        return evolve(state, tracks=tracks)

    def lines(self) -> list[tuple[str, bool]]:
        """The log of the shown turn, public entries only, one heading per move or event."""
        session = self.app.session
        entries = redact(session.scenario, None, self.turn_log(self.index))
        out: list[tuple[str, bool]] = []
        logged = {id(entry) for entry in entries}
        for step in group_steps(entries):
            head = step[0]
            # group_steps gives the drift rules' changes a heading of its own, which the log does not hold
            said = (
                log_text(session.scenario, head)
                if id(head) in logged
                else tr("End of turn: the situation drifts on its own")
            )
            out.append((said, True))
            out.extend(
                (log_text(session.scenario, entry), False) for entry in step[1:] if entry.kind != "roll" or entry.dice
            )
        return out

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s = session.scenario
        state = session.states[self.index]
        before = session.states[self.index - 1] if self.index else state
        phase = s.phases[before.round] if s.phases else None  # the round this step resolved (format 2)
        if self.index == 0:
            title = tr("Replay — the start")
        elif state.over:
            title = tr("Replay — after turn {turn}: the end", turn=before.turn)
        elif phase is not None:
            title = tr("Replay — turn {turn}, after {round}", turn=before.turn, round=pick(phase.name))
        else:
            title = tr("Replay — after turn {turn}", turn=self.index)
        where = tr("{turn} of {last} · ←/→ turns", turn=self.index, last=self.last)
        self.heading(surface, title, f"{where} · {self.path.name}")
        board.draw_tracks(surface, self.bt, self.tracks_rect, s, self.shown_state(self.index), None)
        rect = self.log_rect
        w.panel(surface, rect, t, fill=th.WHITE)
        x, width = rect.x + t.px(20), rect.w - t.px(40)
        y = rect.y + t.px(14)
        heading = tr("What happened this turn") if self.index else tr("How the game began")
        y += w.text(surface, heading, t.font("large", bold=True), th.NAVY, (x, y), width=width) + t.px(6)
        lines = self.lines()
        self.scroll = min(self.scroll, max(0, len(lines) - 1))
        bold, plain = t.font("body", bold=True), t.font("small")
        more = tr("… (Down or the wheel for more)")
        limit = rect.bottom - t.px(10) - len(w.wrap(plain, more, width)) * plain.get_linesize()  # room for `more`
        for index, (text, is_head) in enumerate(lines[self.scroll :]):
            font = bold if is_head else plain
            indent = 0 if is_head else t.px(20)
            need = min(2, len(w.wrap(font, text, width - indent))) * font.get_linesize()
            last = index == len(lines) - self.scroll - 1
            if y + need > (rect.bottom - t.px(10) if last else limit):
                w.text(surface, more, plain, th.MUTED, (x, y), width=width)
                break
            y += w.text(surface, text, font, th.INK, (x + indent, y), width=width - indent, max_lines=2)
            y += t.px(6) if is_head else t.px(2)
        self.draw_buttons(surface)
