"""The teacher's controls (F2 during a game): pause, the timer, play an event card, undo the
last turn, give a team's orders, adjust a track with a reason, show every order, end early.

Every change goes through the Session, so it is autosaved, replayed and shown in the debrief.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.state import THIS_TURN, Intervention, Order
from game.i18n import pick, tr
from game.scenario.model import Scenario
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import PickScene, Scene
from game.ui.session import HUMAN
from game.ui.widgets import Button
from game.ui.wording import seat_words, track_label

if TYPE_CHECKING:
    from game.ui.app import App

# Scenes during which the teacher's menu opens (a game is on the table).
IN_GAME = frozenset({"briefing", "event", "round", "privacy", "orders", "reveal", "ending", "debrief"})


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
            ("P  " + tr("Pause the game"), self.pause, pygame.K_p, tr("Hide the board and stop the timer."), True),
            (
                "T  " + tr("Timer: {minutes}", minutes=timer.label()),
                self.cycle_timer,
                pygame.K_t,
                tr("Change the time each team has for its orders (off, 1 … 10 minutes)."),
                True,
            ),
            (
                "X  " + tr("One more minute"),
                self.extend,
                pygame.K_x,
                tr("Add a minute to the countdown now ({left} left).", left=timer.shown())
                if timer.on
                else tr("The timer is off."),
                timer.on and not over,
            ),
            (
                "E  " + tr("Play an event card"),
                self.pick_event,
                pygame.K_e,
                tr("Put one of the scenario's event cards into this turn."),
                not over and bool(session.scenario.events),
            ),
            (
                "A  " + tr("Adjust a track"),
                self.adjust,
                pygame.K_a,
                tr("Set a track by hand, with a reason; the log and the debrief show it."),
                not over,
            ),
            (
                "O  " + tr("Give a team's orders"),
                self.orders_for,
                pygame.K_o,
                tr("Enter or change this turn's orders of any team (a bot's too)."),
                not over,
            ),
            (
                "R  " + tr("Reveal all orders"),
                self.reveal,
                pygame.K_r,
                tr("Show every team's orders of the last turn, secret ones included."),
                turns_done > 0,
            ),
            (
                "U  " + tr("Undo the last turn"),
                self.undo,
                pygame.K_u,
                tr("Take back turn {turn} and play it again.", turn=turns_done)
                if turns_done
                else tr("No turn has been played yet."),
                turns_done > 0,
            ),
            (
                "D  " + tr("End the game now"),
                self.end,
                pygame.K_d,
                tr("Score the game as it stands and go to the ending and the debrief."),
                not over,
            ),
            ("Esc  " + tr("Back to the game"), app.pop, pygame.K_ESCAPE, "", True),
        ]
        self.notes = [note for *_, note, _ in entries]
        self.buttons = [Button(label, action, key) for label, action, key, _, _ in entries]
        for button, (*_, enabled) in zip(self.buttons, entries, strict=True):
            button.enabled = enabled
        self.buttons[-1].primary = True
        t = self.t
        height = t.font("body", bold=True).get_linesize() + t.px(18)
        gap = t.px(10)
        top = self.band_height() + t.px(24)
        width = min(t.px(520), t.width // 2 - t.px(40))
        # Big text on a small screen: one column does not fit; then two columns of buttons, and the
        # notes (what each does) give way to them.
        rows = len(self.buttons)
        self.wide = top + rows * (height + gap) <= t.height - t.px(12)
        if not self.wide:
            rows = -(-rows // 2)
            width = (t.width - t.px(120) - t.px(24)) // 2
        for index, button in enumerate(self.buttons):
            column, row = divmod(index, rows)
            x = t.px(60) + column * (width + t.px(24))
            button.rect = pygame.Rect(x, top + row * (height + gap), width, height)

    def enter(self) -> None:
        super().enter()
        self.focus = len(self.buttons) - 1

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        self.heading(surface, tr("Teacher's controls"), tr("turn {turn} · F2", turn=session.state.turn))
        font = t.font("small")
        for button, note in zip(self.buttons, self.notes, strict=True):
            if note and self.wide:
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
            (pick(event.name), pick(event.text), partial(self.play_event, event_id))
            for event_id, event in s.events.items()
        ]
        title, when = tr("Play an event card"), tr("It happens now, before this turn's orders")
        self.app.push(PickScene(self.app, title, when, options))

    def play_event(self, event_id: str) -> None:
        # the reason is saved, so it stays in English; the log says it in the reader's language
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
            if seat == HUMAN:
                who = tr("a team")
            else:
                bot = seat_words(seat, session.scenario)
                who = tr("{bot}; your orders replace its own this turn", bot=bot)
            given = tr("orders given") if actor_id in session.orders else tr("no orders yet")
            options.append((pick(actor.name), f"{who} · {given}", partial(self.app.teacher_orders, actor_id)))
        title, which = tr("Give a team's orders"), tr("Their orders for this turn")
        return PickScene(self.app, title, which, options)

    def reveal(self) -> None:
        self.projector_off(lambda: AllOrdersScene(self.app))

    def undo(self) -> None:
        turn = len(self.app.session.states) - 1
        self.app.push(
            ConfirmScene(
                self.app,
                tr("Undo turn {turn}?", turn=turn),
                tr("Every move of turn {turn} is taken back and the teams give their orders for it again.", turn=turn),
                tr("Undo the turn"),
                self.app.undo_turn,
            )
        )

    def end(self) -> None:
        self.app.push(
            ConfirmScene(
                self.app,
                tr("End the game now?"),
                tr("The game is scored as it stands; then comes the ending and the debrief."),
                tr("End the game"),
                self.app.end_early,
            )
        )


class PauseScene(Scene):
    """Nothing on screen but the word: the timer stops, secret orders stay hidden."""

    name = "pause"
    demo_delay = 1e9

    def layout(self) -> None:
        self.buttons = [Button(tr("Resume (Space)"), self.app.pop, pygame.K_SPACE, primary=True)]
        self.button_row(self.buttons, self.t.height * 2 // 3)

    def key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_p, pygame.K_ESCAPE):
            self.app.pop()
        else:
            super().key(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        line = tr("The timer is stopped at {left}.", left=self.app.timer.shown()) if self.app.timer.on else ""
        w.notice(surface, t, tr("Paused"), line, th.NAVY, t.height // 3)
        self.draw_buttons(surface)


class ConfirmScene(Scene):
    """Are you sure? For the controls that change the game."""

    name = "confirm"

    def __init__(self, app: App, title: str, body: str, yes: str, action: Callable[[], None]) -> None:
        super().__init__(app)
        self.title, self.body, self.yes, self.action = title, body, yes, action

    def layout(self) -> None:
        self.buttons = [
            Button(tr("Cancel (Esc)"), self.app.pop, pygame.K_ESCAPE),
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

    @staticmethod
    def example_reason() -> str:
        return tr("a class discussion")

    def __init__(self, app: App) -> None:
        super().__init__(app)
        s = app.session.scenario
        self.refs = list(s.all_tracks)
        self.index = 0
        self.values = dict(app.session.state.tracks)
        self.reason = ""
        # the key that opened this screen (A, or Y at "Is the projector off?") also sends its letter
        # as text, in the same batch of events: it is not the start of the reason
        self.opening = True

    def enter(self) -> None:
        super().enter()
        pygame.key.start_text_input()

    def update(self, dt: float) -> bool:
        self.opening = False  # a frame has passed: what is typed now is typed for the reason
        return super().update(dt)

    def leave(self) -> None:
        pygame.key.stop_text_input()

    def layout(self) -> None:
        self.buttons = [
            Button(tr("Cancel (Esc)"), self.cancel, pygame.K_ESCAPE),
            Button(tr("Apply (Enter)"), self.apply, pygame.K_RETURN, primary=True),
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
            if self.opening:
                return
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
            self.reason = self.example_reason()
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
        hint = tr("Up/Down choose · Left/Right change · type the reason")
        top = self.heading(surface, tr("Adjust a track"), hint)
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
            secret = "" if visible == "public" else " " + visibility_words(visible)
            w.text(
                surface,
                f"{track_label(s, ref)}{secret}: {shown}",
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
        why = tr("Why? (shown in the log and the debrief)")
        y += w.text(surface, why, t.font("body", bold=True), th.NAVY, (x, y), width=box_w)
        box = pygame.Rect(x, y + t.px(8), box_w, t.px(110))
        w.panel(surface, box, t, fill=th.WHITE)
        shown = self.reason + "|"
        w.text(surface, shown, t.font("large"), th.INK, (box.x + t.px(14), box.y + t.px(10)), width=box.w - t.px(28))
        hint = tr("Type the reason. Tab fills in an example.") if not self.reason else tr("Enter applies the change.")
        if self.changed() is None:
            hint = tr("Change the chosen track with Left/Right first.")
        w.text(surface, hint, t.font("small"), th.MUTED, (x, box.bottom + t.px(10)), width=box_w)
        self.draw_buttons(surface)


class AllOrdersScene(Scene):
    """Every team's orders of the last turn, secret ones included, and who gave orders so far."""

    name = "all-orders"

    def layout(self) -> None:
        self.buttons = [Button(tr("Back (Esc)"), self.app.pop, pygame.K_ESCAPE, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s = session.scenario
        turn = len(session.states) - 1
        top = self.heading(surface, tr("Every order of turn {turn}", turn=turn), tr("secret moves included")) + t.px(20)
        y = top
        orders = session.last_orders()
        for actor_id, actor in s.actors.items():
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (t.px(40), y + t.px(4), t.px(18), t.px(30)), border_radius=t.px(4))
            seat = tr("{team} (team)", team=pick(actor.name))
            if session.seats[actor_id] != HUMAN:
                seat = tr("{team} (bot)", team=pick(actor.name))
            y += w.text(surface, seat, t.font("body", bold=True), th.INK, (t.px(70), y), width=t.width)
            given = orders.get(actor_id, ())
            line = " · ".join(_order_text(s, o) for o in given) or tr("no moves")
            y += w.text(
                surface, line, t.font("body"), th.INK, (t.px(70), y), width=t.width - t.px(110), max_lines=2
            ) + t.px(14)
        waiting = [pick(s.actors[a].name) for a in session.humans if a in session.orders]
        if waiting:
            note = tr(
                "This turn, orders are sealed for: {teams} (not shown until the reveal).", teams=", ".join(waiting)
            )
            w.text(surface, note, t.font("small"), th.MUTED, (t.px(40), y + t.px(10)), width=t.width - t.px(80))
        self.draw_buttons(surface)


def _order_text(scenario: Scenario, order: Order) -> str:
    name = pick(scenario.moves[order.move].name)
    if order.offer is None:
        return name
    answer = {"accept": tr("accept"), "reject": tr("reject"), "counter": tr("counter")}.get(order.answer or "", "")
    if order.offer == THIS_TURN:  # accepted in the talks: the offer has no number until it is made
        return tr("{answer} {move} (agreed in the talks)", answer=answer, move=name)
    return tr("{answer} offer {offer} ({move})", answer=answer, offer=order.offer, move=name)


def visibility_words(visible: str) -> str:
    """'(hidden)', '(seen by its owner)': who sees a track, in words."""
    return {"public": "", "owner": tr("(seen by its owner)"), "hidden": tr("(hidden)")}.get(visible, f"({visible})")
