"""The teacher's controls (F2 during a game): pause, the timer, play an event card, undo the
last turn, give a team's orders, adjust a track with a reason, show every order, end early.

Every change goes through the Session, so it is autosaved, replayed and shown in the debrief.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.state import Intervention, Order
from game.i18n import tr
from game.scenario.model import Scenario
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import PickScene, Scene
from game.ui.session import HUMAN
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App

# Scenes during which the teacher's menu opens (a game is on the table).
IN_GAME = frozenset({"briefing", "event", "privacy", "orders", "reveal", "ending"})


class TeacherScene(Scene):
    """The teacher's menu: one key for each control, and what each does."""

    name = "teacher"

    def layout(self) -> None:
        app = self.app
        session = app.session
        over = session.state.over
        turns_done = len(session.states) - 1
        timer = app.timer
        entries: list[tuple[str, Callable[[], None], int, str, bool]] = [
            ("P  Pause the game", self.pause, pygame.K_p, "Hide the board and stop the timer.", True),
            (
                f"T  Timer: {timer.label()}",
                self.cycle_timer,
                pygame.K_t,
                "Change the time each team has for its orders (off, 1 … 10 minutes).",
                True,
            ),
            (
                "X  One more minute",
                self.extend,
                pygame.K_x,
                f"Add a minute to the countdown now ({timer.shown()} left)." if timer.on else "The timer is off.",
                timer.on and not over,
            ),
            (
                "E  Play an event card",
                self.pick_event,
                pygame.K_e,
                "Put one of the scenario's event cards into this turn.",
                not over and bool(session.scenario.events),
            ),
            (
                "A  Adjust a track",
                self.adjust,
                pygame.K_a,
                "Set a track by hand, with a reason; the log and the debrief show it.",
                not over,
            ),
            (
                "O  Give a team's orders",
                self.orders_for,
                pygame.K_o,
                "Enter or change this turn's orders of any team (a bot's too).",
                not over,
            ),
            (
                "R  Reveal all orders",
                self.reveal,
                pygame.K_r,
                "Show every team's orders of the last turn, secret ones included.",
                turns_done > 0,
            ),
            (
                "U  Undo the last turn",
                self.undo,
                pygame.K_u,
                f"Take back turn {turns_done} and play it again." if turns_done else "No turn has been played yet.",
                turns_done > 0,
            ),
            (
                "D  End the game now",
                self.end,
                pygame.K_d,
                "Score the game as it stands and go to the ending and the debrief.",
                not over,
            ),
            ("Esc  Back to the game", app.pop, pygame.K_ESCAPE, "", True),
        ]
        self.notes = [note for *_, note, _ in entries]
        self.buttons = [Button(label, action, key) for label, action, key, _, _ in entries]
        for button, (*_, enabled) in zip(self.buttons, entries, strict=True):
            button.enabled = enabled
        self.buttons[-1].primary = True
        t = self.t
        height = t.font("body", bold=True).get_linesize() + t.px(18)
        gap = t.px(10)
        top = t.px(120)
        width = min(t.px(520), t.width // 2 - t.px(40))
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(t.px(60), top + index * (height + gap), width, height)

    def enter(self) -> None:
        super().enter()
        self.focus = len(self.buttons) - 1

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        self.heading(surface, "Teacher's controls", f"turn {session.state.turn} · F2")
        font = t.font("small")
        for button, note in zip(self.buttons, self.notes, strict=True):
            if note:
                x = button.rect.right + t.px(24)
                w.text(
                    surface,
                    note,
                    font,
                    th.INK if button.enabled else th.MUTED,
                    (x, button.rect.y + (button.rect.h - font.get_linesize()) // 2),
                    width=t.width - x - t.px(40),
                    max_lines=1,
                )
        self.draw_buttons(surface)

    # the controls ------------------------------------------------------------------------------

    def pause(self) -> None:
        self.app.replace(PauseScene(self.app))

    def cycle_timer(self) -> None:
        self.app.timer.cycle()
        self.layout()

    def extend(self) -> None:
        self.app.timer.extend(60)
        self.layout()

    def pick_event(self) -> None:
        s = self.app.session.scenario
        options = [
            (str(event.name), str(event.text or ""), partial(self.play_event, event_id))
            for event_id, event in s.events.items()
        ]
        self.app.push(PickScene(self.app, "Play an event card", "It happens now, before this turn's orders", options))

    def play_event(self, event_id: str) -> None:
        self.app.session.intervene(Intervention("event", event=event_id, reason="played by the teacher"))
        self.app.after_intervention(show_events=True)

    def adjust(self) -> None:
        self.projector_off(lambda: AdjustScene(self.app))

    def projector_off(self, show: Callable[[], Scene]) -> None:
        """A control that shows hidden values or sealed orders opens only once the teacher confirms that
        the class cannot see the screen: on a projector, one glance gives every team's secrets away."""
        self.app.push(
            ConfirmScene(
                self.app,
                tr("Is the projector off?"),
                tr("This shows hidden values and secret orders. Turn the projector off or freeze it first."),
                tr("Show them"),
                lambda: self.app.replace(show()),
            )
        )

    def orders_for(self) -> None:
        self.projector_off(self.pick_team)

    def pick_team(self) -> Scene:
        session = self.app.session
        options = []
        for actor_id, actor in session.scenario.actors.items():
            seat = session.seats[actor_id]
            who = "a team" if seat == HUMAN else f"a bot ({seat}); your orders replace its own this turn"
            given = "orders given" if actor_id in session.orders else "no orders yet"
            options.append((str(actor.name), f"{who} · {given}", partial(self.app.teacher_orders, actor_id)))
        return PickScene(self.app, "Give a team's orders", "Their orders for this turn", options)

    def reveal(self) -> None:
        self.projector_off(lambda: AllOrdersScene(self.app))

    def undo(self) -> None:
        turn = len(self.app.session.states) - 1
        self.app.push(
            ConfirmScene(
                self.app,
                f"Undo turn {turn}?",
                f"Every move of turn {turn} is taken back and the teams give their orders for it again.",
                "Undo the turn",
                self.app.undo_turn,
            )
        )

    def end(self) -> None:
        self.app.push(
            ConfirmScene(
                self.app,
                "End the game now?",
                "The game is scored as it stands; then comes the ending and the debrief.",
                "End the game",
                self.app.end_early,
            )
        )


class PauseScene(Scene):
    """Nothing on screen but the word: the timer stops, secret orders stay hidden."""

    name = "pause"
    demo_delay = 1e9

    def layout(self) -> None:
        self.buttons = [Button("Resume (Space)", self.app.pop, pygame.K_SPACE, primary=True)]
        self.button_row(self.buttons, self.t.height * 2 // 3)

    def key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_p, pygame.K_ESCAPE):
            self.app.pop()
        else:
            super().key(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        line = f"The timer is stopped at {self.app.timer.shown()}." if self.app.timer.on else ""
        w.notice(surface, t, "Paused", line, th.NAVY, t.height // 3)
        self.draw_buttons(surface)


class ConfirmScene(Scene):
    """Are you sure? For the controls that change the game."""

    name = "confirm"

    def __init__(self, app: App, title: str, body: str, yes: str, action: Callable[[], None]) -> None:
        super().__init__(app)
        self.title, self.body, self.yes, self.action = title, body, yes, action

    def layout(self) -> None:
        self.buttons = [
            Button("Cancel (Esc)", self.app.pop, pygame.K_ESCAPE),
            Button(f"{self.yes} (Y)", self.action, pygame.K_y, primary=True),
        ]
        self.button_row(self.buttons, self.t.height * 2 // 3)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        self.heading(surface, self.title)
        w.text(
            surface,
            self.body,
            t.font("large"),
            th.INK,
            (t.px(80), t.height // 3),
            width=t.width - t.px(160),
            align="center",
        )
        self.draw_buttons(surface)


class AdjustScene(Scene):
    """Set one track by hand, with a reason typed in: Up/Down choose, Left/Right change."""

    name = "adjust"
    typing = True
    REASONS = ("a class discussion", "a correction", "a news story the class brought in")

    def __init__(self, app: App) -> None:
        super().__init__(app)
        s = app.session.scenario
        self.refs = list(s.all_tracks)
        self.index = 0
        self.values = dict(app.session.state.tracks)
        self.reason = ""

    def enter(self) -> None:
        super().enter()
        pygame.key.start_text_input()

    def leave(self) -> None:
        pygame.key.stop_text_input()

    def layout(self) -> None:
        self.buttons = [
            Button("Cancel (Esc)", self.cancel, pygame.K_ESCAPE),
            Button("Apply (Enter)", self.apply, pygame.K_RETURN, primary=True),
        ]
        self.button_row(self.buttons, self.t.height - self.t.px(30))
        self.buttons[1].enabled = self.changed() is not None and bool(self.reason.strip())

    def changed(self) -> str | None:
        ref = self.refs[self.index]
        return ref if self.values[ref] != self.app.session.state.tracks[ref] else None

    def cancel(self) -> None:
        self.leave()
        self.app.pop()

    def apply(self) -> None:
        ref = self.changed()
        if ref is None or not self.reason.strip():
            return
        self.leave()
        value = self.values[ref]
        self.app.session.intervene(Intervention("adjust", track=ref, value=value, reason=self.reason.strip()))
        self.app.after_intervention(show_events=False)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            if len(self.reason) < 120:
                self.reason += event.text
            self.layout()
            return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        s = self.app.session.scenario
        ref = self.refs[self.index]
        track = s.all_tracks[ref]
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            original = self.app.session.state.tracks
            self.values[ref] = original[ref]  # one track at a time
            step = -1 if event.key == pygame.K_UP else 1
            self.index = (self.index + step) % len(self.refs)
        elif event.key == pygame.K_LEFT:
            big = (track.max - track.min) >= 50
            self.values[ref] = max(track.min, self.values[ref] - (5 if big else 1))
        elif event.key == pygame.K_RIGHT:
            big = (track.max - track.min) >= 50
            self.values[ref] = min(track.max, self.values[ref] + (5 if big else 1))
        elif event.key == pygame.K_BACKSPACE:
            self.reason = self.reason[:-1]
        elif event.key == pygame.K_TAB and not self.reason:
            self.reason = self.REASONS[0]
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.apply()
            return
        elif event.key == pygame.K_ESCAPE:
            self.cancel()
            return
        self.layout()

    def click(self, pos: tuple[int, int]) -> None:
        for index, rect in enumerate(getattr(self, "rows", [])):
            if rect.collidepoint(pos):
                if index != self.index:
                    self.values[self.refs[self.index]] = self.app.session.state.tracks[self.refs[self.index]]
                    self.index = index
                    self.layout()
                return

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        s = self.app.session.scenario
        now = self.app.session.state.tracks
        top = self.heading(surface, "Adjust a track", "Up/Down choose · Left/Right change · type the reason")
        font = t.font("body")
        line = font.get_linesize() + t.px(8)
        y = top + t.px(20)
        self.rows: list[pygame.Rect] = []
        width = t.width // 2 - t.px(60)
        for index, ref in enumerate(self.refs):
            row = pygame.Rect(t.px(40), y, width, line)
            self.rows.append(row)
            chosen = index == self.index
            if chosen:
                pygame.draw.rect(surface, th.mix(th.FOCUS, th.PAPER, 0.6), row, border_radius=t.px(6))
                pygame.draw.rect(surface, th.FOCUS, row, width=t.px(3), border_radius=t.px(6))
            value = self.values[ref]
            shown = f"{now[ref]} → {value}" if value != now[ref] else str(now[ref])
            visible = s.all_tracks[ref].visible
            secret = "" if visible == "public" else f" ({visible})"
            w.text(
                surface,
                f"{s.track_label[ref]}{secret}: {shown}",
                font,
                th.INK,
                (row.x + t.px(12), row.y + t.px(4)),
                width=row.w - t.px(24),
                max_lines=1,
            )
            y += line
        x = t.width // 2 + t.px(20)
        box_w = t.width - x - t.px(40)
        y = top + t.px(20)
        y += w.text(surface, "Why? (shown in the log and the debrief)", t.font("body", bold=True), th.NAVY, (x, y))
        box = pygame.Rect(x, y + t.px(8), box_w, t.px(110))
        w.panel(surface, box, t, fill=th.WHITE)
        shown = self.reason + "|"
        w.text(surface, shown, t.font("large"), th.INK, (box.x + t.px(14), box.y + t.px(10)), width=box.w - t.px(28))
        hint = "Type the reason. Tab fills in an example." if not self.reason else "Enter applies the change."
        if self.changed() is None:
            hint = "Change the chosen track with Left/Right first."
        w.text(surface, hint, t.font("small"), th.MUTED, (x, box.bottom + t.px(10)), width=box_w)
        self.draw_buttons(surface)


class AllOrdersScene(Scene):
    """Every team's orders of the last turn, secret ones included, and who gave orders so far."""

    name = "all-orders"

    def layout(self) -> None:
        self.buttons = [Button("Back (Esc)", self.app.pop, pygame.K_ESCAPE, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s = session.scenario
        turn = len(session.states) - 1
        top = self.heading(surface, f"Every order of turn {turn}", "secret moves included") + t.px(20)
        y = top
        orders = session.last_orders()
        for actor_id, actor in s.actors.items():
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (t.px(40), y + t.px(4), t.px(18), t.px(30)), border_radius=t.px(4))
            seat = "team" if session.seats[actor_id] == HUMAN else "bot"
            y += w.text(
                surface, f"{actor.name} ({seat})", t.font("body", bold=True), th.INK, (t.px(70), y), width=t.width
            )
            given = orders.get(actor_id, ())
            line = " · ".join(_order_text(s, o) for o in given) or "no moves"
            y += w.text(
                surface, line, t.font("body"), th.INK, (t.px(70), y), width=t.width - t.px(110), max_lines=2
            ) + t.px(14)
        waiting = [str(s.actors[a].name) for a in session.humans if a in session.orders]
        if waiting:
            note = f"This turn, orders are sealed for: {', '.join(waiting)} (not shown until the reveal)."
            w.text(surface, note, t.font("small"), th.MUTED, (t.px(40), y + t.px(10)), width=t.width - t.px(80))
        self.draw_buttons(surface)


def _order_text(scenario: Scenario, order: Order) -> str:
    name = str(scenario.moves[order.move].name)
    if order.offer is None:
        return name
    return f"{order.answer} offer {order.offer} ({name})"
