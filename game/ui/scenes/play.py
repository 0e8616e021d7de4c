"""A turn at the table: briefing, event cards, the privacy screen, orders, the reveal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.engine.purse import Wallet, wallet
from game.engine.state import GameState, LogEntry, Order, TokenState
from game.engine.view import View, redact
from game.i18n import language, pick, tr
from game.report.logtext import cost_figure, cost_text, purse_text
from game.scenario.model import Scenario, Teach
from game.ui import board
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.badges import place_badges, taken_off
from game.ui.rules import card_rules, endings_near
from game.ui.scenes.base import Scene
from game.ui.session import HUMAN
from game.ui.widgets import Button
from game.ui.wording import (
    deal_lines,
    deal_warning,
    describe,
    effect_preview,
    effect_words,
    log_text,
    refusal_words,
    round_heading,
    seat_words,
    short_name,
    sitting_out_text,
    together,
    track_label,
)

if TYPE_CHECKING:
    from game.ui.app import App


def teach_lines(scenario: Scenario, teach: Teach | None) -> list[tuple[str, str]]:
    """(label, text) pairs for a 'learn more' panel."""
    if teach is None:
        return []
    lines = [
        (label, pick(text))
        for label, text in (
            (tr("What it is"), teach.what),
            (tr("Why it matters"), teach.why),
            (tr("What happened"), teach.history),
        )
        if text
    ]
    for source_id in teach.sources:
        source = scenario.sources.get(source_id)
        if source is not None:
            detail = ", ".join(x for x in (source.publisher, source.date) if x)
            lines.append((tr("Source"), f"{source.title}" + (f" ({detail})" if detail else "")))
    return lines


class LearnMoreScene(Scene):
    """A panel over the board with a card's rules and its teaching text; Esc or Enter closes it."""

    name = "learn-more"

    def __init__(
        self, app: App, title: str, body: str, lines: list[tuple[str, str]], rules: Sequence[str] = ()
    ) -> None:
        super().__init__(app)
        self.title, self.body, self.lines, self.rules = title, body, lines, list(rules)

    def layout(self) -> None:
        t = self.t
        self.box = pygame.Rect(t.width // 8, t.px(40), t.width * 3 // 4, t.height - t.px(80))
        self.buttons = [Button(tr("Close"), self.app.pop, pygame.K_ESCAPE, primary=True)]
        self.button_row(self.buttons, self.box.bottom - t.px(16))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        below = self.app.scene_below(self)
        if below is not None:
            below.draw(surface)
        shade = pygame.Surface((t.width, t.height), pygame.SRCALPHA)
        shade.fill((20, 24, 32, 170))
        surface.blit(shade, (0, 0))
        w.new_plane()  # the panel covers the board on purpose
        w.panel(surface, self.box, t)
        top = self.box.y + t.px(24)
        area = pygame.Rect(self.box.x, top, self.box.w, self.buttons[0].rect.top - t.px(12) - top)
        self.scrolled(surface, area, self.draw_text)  # big text on a small window: Page Down for the rest
        self.draw_buttons(surface)

    def draw_text(self, top: int) -> int:
        t, surface = self.t, self.app.screen
        x, width = self.box.x + t.px(36), self.box.w - t.px(72)
        top += w.text(surface, self.title, t.font("heading", bold=True), th.INK, (x, top), width=width) + t.px(10)
        if self.body:
            top += w.text(surface, self.body, t.font("body"), th.INK, (x, top), width=width) + t.px(14)
        if self.rules:
            top += w.text(
                surface, tr("The rules on the card"), t.font("body", bold=True), th.NAVY, (x, top), width=width
            )
            for rule in self.rules:
                top += w.text(surface, "• " + rule, t.font("body"), th.INK, (x, top), width=width)
            top += t.px(12)
        for label, content in self.lines:
            top += w.text(surface, label, t.font("body", bold=True), th.NAVY, (x, top), width=width)
            top += w.text(surface, content, t.font("body"), th.INK, (x, top), width=width) + t.px(12)
        return top


class BriefingScene(Scene):
    name = "briefing"
    demo_delay = 4.0

    def layout(self) -> None:
        self.buttons = [Button(tr("Start turn 1"), self.app.begin_turn, pygame.K_RETURN, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        s = self.app.session.scenario
        top = self.heading(surface, pick(s.title), tr("Briefing")) + t.px(20)
        area = pygame.Rect(0, top, t.width, self.buttons[0].rect.top - t.px(12) - top)
        self.scrolled(surface, area, lambda y: self.draw_text(surface, y))
        self.draw_buttons(surface)

    def draw_text(self, surface: pygame.Surface, top: int) -> int:
        """The situation and what to learn on the left, the teams on the right; return the bottom."""
        t = self.t
        s = self.app.session.scenario
        half = (t.width - t.px(120)) // 2
        left, right = t.px(40), t.px(80) + half
        y = top
        if s.summary:
            y += w.text(surface, pick(s.summary), t.font("body"), th.INK, (left, y), width=half) + t.px(16)
        if s.learning_objectives:
            y += w.text(
                surface, tr("In this game you will learn"), t.font("large", bold=True), th.NAVY, (left, y), width=half
            )
            for item in s.learning_objectives:
                y += w.text(surface, f"• {pick(item)}", t.font("small"), th.INK, (left, y), width=half) + t.px(4)
        left_bottom, y = y, top
        for actor_id, actor in s.actors.items():
            seat = self.app.session.seats[actor_id]
            who = tr("your team") if seat == "human" else seat_words(seat, s)
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (right, y + t.px(4), t.px(18), t.px(30)), border_radius=t.px(4))
            y += w.text(
                surface,
                f"{pick(actor.name)} — {who}",
                t.font("body", bold=True),
                th.INK,
                (right + t.px(28), y),
                width=half - t.px(28),
            )
            if actor.role:
                y += w.text(
                    surface,
                    pick(actor.role),
                    t.font("small"),
                    th.INK,
                    (right + t.px(28), y),
                    width=half - t.px(28),  # whole: the role says when the team acts (the area scrolls)
                )
            mains = [pick(o.text) for o in actor.objectives.values() if o.main]
            if mains:
                y += w.text(
                    surface,
                    tr("Main objective: {objective}", objective=mains[0]),
                    t.font("small", bold=True),
                    th.MUTED,
                    (right + t.px(28), y),
                    width=half - t.px(28),
                    max_lines=2,
                )
            y += t.px(14)
        return max(left_bottom, y)


class EventScene(Scene):
    """The start of a turn: the turn number and its event cards, read out to the class."""

    name = "event"
    demo_delay = 3.0

    def layout(self) -> None:
        self.buttons = [Button(tr("Continue"), self.app.after_events, pygame.K_RETURN, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        session = self.app.session
        s, state = session.scenario, session.state
        top = self.heading(surface, tr("Turn {turn}", turn=state.turn), _turn_text(s, state.turn)) + t.px(30)
        entries = redact(s, None, state.event_log)
        cards = [e for e in entries if e.kind == "event"]
        if not cards:
            self.draw_quiet(surface, top)
        single = len(cards) == 1
        width = min(t.px(900 if single else 760), (t.width - t.px(80)) // max(1, len(cards)) - t.px(30))
        x = (t.width - (width + t.px(30)) * len(cards) + t.px(30)) // 2
        room = t.height - top - t.px(130)
        inner = width - t.px(48)
        decks = [self.card_blocks(entry, entries, single) for entry in cards]
        tallest = max((_blocks_height(t, blocks, inner) for blocks in decks), default=0)
        height = min(room, tallest + t.px(60))
        y0 = top + (room - height) // 3
        for blocks in decks:
            box = pygame.Rect(x, y0, width, height)
            w.panel(surface, box, t, fill=th.WHITE)
            pygame.draw.rect(
                surface,
                th.FOCUS,
                (box.x, box.y, box.w, t.px(16)),
                border_top_left_radius=t.px(12),
                border_top_right_radius=t.px(12),
            )
            y = box.y + t.px(34)
            for text, font, colour, max_lines, gap in blocks:
                if y + font.get_linesize() > box.bottom - t.px(10):
                    break
                y += gap + w.text(surface, text, font, colour, (box.x + t.px(24), y), width=inner, max_lines=max_lines)
            x += width + t.px(30)
        out = sitting_out_text(s, tuple(session.sitting_out()))
        if out:  # their orders screen is skipped: say why, between the cards and the button
            below = y0 + height + t.px(28) if cards else t.height - t.px(118)  # under the cards
            at, span = (t.px(40), min(below, t.height - t.px(118))), t.width - t.px(80)
            w.text(surface, out, t.font("large"), th.NAVY, at, width=span, align="center", max_lines=2)
        self.draw_buttons(surface)

    def draw_quiet(self, surface: pygame.Surface, top: int) -> None:
        """A turn with no event still gets its card: what a quiet turn means, and any ending now close."""
        t = self.t
        session = self.app.session
        width = min(t.px(900), t.width - t.px(80))
        box = pygame.Rect((t.width - width) // 2, top, width, t.height - top - t.px(130))
        w.panel(surface, box, t, fill=th.WHITE)
        pygame.draw.rect(
            surface,
            th.GOOD,
            (box.x, box.y, box.w, t.px(16)),
            border_top_left_radius=t.px(12),
            border_top_right_radius=t.px(12),
        )
        x, inner = box.x + t.px(30), box.w - t.px(60)
        y = box.y + t.px(40)
        y += w.text(surface, tr("A quiet turn"), t.font("heading", bold=True), th.INK, (x, y), width=inner) + t.px(12)
        quiet = tr("No event this turn: what happens now is up to the teams' own moves.")
        y += w.text(surface, quiet, t.font("large"), th.INK, (x, y), width=inner) + t.px(16)
        tracks = board.TrackBoard(session.scenario)
        for warning in near_endings(tracks, session.state, None):
            y += w.text(surface, "▲ " + warning, t.font("large", bold=True), th.DANGER, (x, y), width=inner) + t.px(8)

    def card_blocks(self, entry: LogEntry, entries: Sequence[LogEntry], single: bool) -> list[_Block]:
        """What an event card says, block by block: name, text, its changes, its teaching."""
        t = self.t
        s = self.app.session.scenario
        event = s.events[entry.source or ""]
        body = t.font("large" if single else "body")
        blocks: list[_Block] = [(pick(event.name), t.font("heading", bold=True), th.INK, 3, t.px(8))]
        if event.text:
            blocks.append((pick(event.text), body, th.INK, 6, t.px(10)))
        for change in (e for e in entries if e.source == entry.source and e.kind == "change"):
            blocks.append((log_text(s, change).split(":")[0], t.font("body", bold=True), th.NAVY, 2, t.px(6)))
        for label, content in teach_lines(s, event.teach)[:3]:
            if label == tr("Source"):
                continue
            blocks.append((f"{label}: {content}", t.font("body" if single else "small"), th.MUTED, 4, t.px(10)))
        return blocks


_Block = tuple[str, pygame.font.Font, th.Colour, int, int]


def _blocks_height(t: th.Theme, blocks: list[_Block], width: int) -> int:
    total = 0
    for text, font, _, max_lines, gap in blocks:
        total += min(max_lines, len(w.wrap(font, text, width))) * font.get_linesize() + gap
    return total


def _turn_text(scenario: Scenario, turn: int) -> str:
    low, high = scenario.turn_range
    if low == high:
        return tr("of {high}", high=high)
    return tr("of {low}–{high} (the last turn is secret)", low=low, high=high)


class RoundScene(Scene):
    """A round of a turn in rounds (format 2 phases): its banner, "The Soviet move — USSR orders", before
    its teams order; the rounds before it have been revealed, so everyone knows what they did."""

    name = "round"
    demo_delay = 2.0

    def layout(self) -> None:
        self.buttons = [Button(tr("Continue"), self.app.next_team, pygame.K_RETURN, primary=True)]
        self.button_row(self.buttons, self.t.height * 2 // 3)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        session = self.app.session
        s, now = session.scenario, session.round
        assert now.phase is not None
        first = s.actors[now.actors[0]] if now.actors else None
        colour = th.mix(th.parse_colour(first.colour), th.NAVY, 0.55) if first is not None else th.NAVY
        line = tr("Turn {turn} {of}", turn=session.state.turn, of=_turn_text(s, session.state.turn))
        if now.index:
            line += " · " + tr("The rounds before it are revealed: its teams order knowing what they did.")
        w.notice(surface, t, round_heading(s, now.phase, now.actors), line, colour, t.height // 4)
        self.draw_buttons(surface)


class PrivacyScene(Scene):
    """Pass the laptop: nothing secret is on screen until the team presses Space."""

    name = "privacy"
    demo_delay = 1.5

    def __init__(self, app: App, actor: str) -> None:
        super().__init__(app)
        self.actor = actor

    def layout(self) -> None:
        words = tr("The projector is off") if self.umpire() else tr("We are Team {team}", team=self.team())
        self.buttons = [Button(words, self.go, pygame.K_SPACE, primary=True)]
        self.button_row(self.buttons, self.t.height * 2 // 3)

    def umpire(self) -> bool:
        """The umpire's seat (format 2): its screen shows every secret, so the teacher is asked as F2 asks."""
        return self.actor in self.app.session.scenario.umpires

    def team(self) -> str:
        return short_name(self.app.session.scenario.actors[self.actor])

    def go(self) -> None:
        self.app.timer.restart()
        self.app.replace(OrdersScene(self.app, self.actor))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        actor = self.app.session.scenario.actors[self.actor]
        colour = th.mix(th.parse_colour(actor.colour), th.NAVY, 0.55)
        line = tr("Press Space when only they can see the screen.")
        title = tr("Pass to Team {team}", team=pick(actor.name))
        if self.umpire():
            title = tr("Teacher only: {team}. Is the projector off?", team=pick(actor.name))
            line = tr("This screen shows hidden values and secret orders. Turn the projector off or freeze it first.")
        w.notice(surface, t, title, line, colour, t.height // 4)
        self.draw_buttons(surface)


class OrdersScene(Scene):
    """A team's secret orders: the board as it sees it, and its hand of move cards."""

    name = "orders"
    demo_delay = 2.5

    def __init__(self, app: App, actor: str, *, teacher: bool = False) -> None:
        super().__init__(app)
        self.actor = actor
        self.teacher = teacher  # the teacher gives this team's orders from the controls
        self.view: View = app.session.view_of(actor)
        self.plays = [o for o in self.view.orders if o.offer is None]
        self.answers: dict[int, list[Order]] = {}
        for order in self.view.orders:
            if order.offer is not None:
                self.answers.setdefault(order.offer, []).append(order)
        self.picked: list[Order] = []
        self.sure = False  # S was pressed once with nothing picked
        self.on_buttons = False  # the keyboard's focus: the hand's cards, or (after Tab) the buttons
        self.drawer = False  # big text: the hand is a drawer, closed unless the team opens it
        self.drawer_open = False
        self.answer_of: dict[int, Order | None] = dict.fromkeys(self.answers)
        given = app.session.orders.get(actor)
        if app.demo:  # the bot in this seat shows the hand it chose
            given = app.session.bot_orders().get(actor, [])
        for order in given or []:
            if order.offer is None:
                self.picked.append(order)
            else:
                self.answer_of[order.offer] = order
        self.card = 0  # focused card (answers first, then plays)
        self.page = 0
        self.card_rects: list[tuple[pygame.Rect, int]] = []
        self.answer_rects: dict[int, list[tuple[pygame.Rect, Order | None]]] = {}  # an offer's answer rows
        self.track_areas: dict[str, pygame.Rect] = {}
        self._previews: dict[str, str] = {}  # a card's likely effects: the view does not change while it shows
        self.layer = app.map_layer
        self.tracks = board.TrackBoard(app.session.scenario)
        self.board_layer = w.Layer()  # all above the hand: the same while the team chooses its cards
        self._news: list[str] | None = None

    # the model ----------------------------------------------------------------------------

    @property
    def cards(self) -> list[tuple[str, int | Order]]:
        return [("offer", oid) for oid in self.answers] + [("play", o) for o in self.plays]

    def spent(self) -> int:
        s = self.app.session.scenario
        counters = [o for o in self.answer_of.values() if o is not None and o.answer == "counter"]
        return sum(s.price(s.moves[o.move])[0] for o in [*self.picked, *counters])

    def left(self) -> int:
        return self.view.budget - self.spent()

    def wallet(self, leave_out: int | None = None) -> Wallet:
        """What is left of every resource and capped kind after the cards and counters picked so far
        (``leave_out``: an offer whose answer is being changed, so its counter is not counted)."""
        picking = wallet(self.app.session.scenario, self.view.purse or (self.view.budget,))
        counters = [
            o for oid, o in self.answer_of.items() if o is not None and o.answer == "counter" and oid != leave_out
        ]
        for order in [*self.picked, *counters]:
            picking.take(order.move)
        return picking

    def _counter_fits(self, order: Order, offer_id: int) -> bool:
        """Whether a counter-offer can be paid for instead of the offer's current answer."""
        return self.wallet(leave_out=offer_id).fits(order.move)

    def toggle(self, index: int) -> None:
        if not 0 <= index < len(self.cards):
            return
        kind, item = self.cards[index]
        s = self.app.session.scenario
        if kind == "offer":
            assert isinstance(item, int)
            options: list[Order | None] = [None, *self.answers[item]]
            current = self.answer_of[item]
            nxt = options[(options.index(current) + 1) % len(options)]
            while (
                nxt is not None
                and nxt.answer == "counter"
                and (not self._counter_fits(nxt, item) or self._counter_taken(nxt, item))
            ):
                nxt = options[(options.index(nxt) + 1) % len(options)]
            self.answer_of[item] = nxt
        else:
            assert isinstance(item, Order)
            if item in self.picked:
                self.picked.remove(item)
            elif self.wallet().fits(item.move) and not self._counter_taken(item, None):
                self.picked.append(item)
            elif s.format >= 2 and not self._counter_taken(item, None):  # say why: a cap, or a resource
                self.app.show_toast(refusal_words(s, self.wallet(), item.move) or "")
        self.app.dirty = True

    def preview(self, move_id: str) -> str:
        preview = self._previews.get(move_id)
        if preview is None:
            scenario = self.app.session.scenario
            preview = self._previews[move_id] = effect_preview(scenario, scenario.moves[move_id], self.view)
        return preview

    def accepting(self) -> list[int]:
        """The offers this team is accepting in its orders so far."""
        return [oid for oid, order in self.answer_of.items() if order is not None and order.answer == "accept"]

    def _counter_taken(self, order: Order, offer: int | None) -> bool:
        """A move is played once a turn, whether as a card or as a counter-offer."""
        used = {o.move for k, o in self.answer_of.items() if o is not None and o.answer == "counter" and k != offer}
        if order.offer is None:
            return order.move in used
        return order.move in used or any(p.move == order.move for p in self.picked)

    def seal_asked(self, *, by_key: bool) -> None:
        """S with nothing chosen asks once more: a stray key must not seal a team's empty orders."""
        empty = not self.picked and all(a is None for a in self.answer_of.values())
        if by_key and empty and self.cards and not self.sure:
            self.sure = True
            self.app.show_toast(tr("Nothing is picked: press S again to seal empty orders"), 3.0)
            return
        self.seal()

    def seal(self) -> None:
        orders = [*[o for o in self.answer_of.values() if o is not None], *self.picked]
        self.app.orders_sealed(self.actor, orders)

    def auto(self) -> None:
        self.seal()

    # layout and input ------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.t
        self.seal_button = Button(tr("Seal our orders"), self.seal, None, primary=True)
        self.help_button = Button(tr("Help (F1)"), self.app.show_help, None)
        self.buttons = [self.seal_button, self.help_button]
        self.hand_h = self.hand_h_px()
        self.drawer = self.hand_h < min(t.px(330), t.height * 45 // 100) or t.ui_scale > 1.3
        if self.drawer:  # big text: the hand waits in a drawer and the board keeps its size
            label = tr("Close the hand (H)") if self.drawer_open else tr("Open the hand (H)")
            self.buttons.insert(1, Button(label, self.toggle_drawer, pygame.K_h))
            if not self.drawer_open:
                self.hand_h = t.px(76) + t.font("body").get_linesize()  # the buttons, then one line under them
        self.button_row(self.buttons, t.height - self.hand_h + t.px(54), centre=False, right=t.width - t.px(24))
        self.top_h = self.band_height()
        middle = pygame.Rect(0, self.top_h, t.width, t.height - self.top_h - self.hand_h)
        self.tracks_rect = pygame.Rect(t.px(16), middle.y + t.px(14), t.width * 38 // 100, middle.h - t.px(22))
        self.map_rect = pygame.Rect(
            self.tracks_rect.right + t.px(16), middle.y + t.px(14), t.width * 30 // 100, middle.h - t.px(22)
        )
        self.side_rect = pygame.Rect(
            self.map_rect.right + t.px(16),
            middle.y + t.px(14),
            t.width - self.map_rect.right - t.px(32),
            middle.h - t.px(22),
        )
        self.card_w, self.card_h = t.px(268), self.hand_h - t.px(104)
        self.per_page = max(1, (t.width - t.px(140)) // (self.card_w + t.px(14)))
        self.bt = board.fitted(
            t, self.app.session.scenario, self.tracks_rect.h, self.tracks_rect.w
        )  # the board's own sizes

    def toggle_drawer(self) -> None:
        self.drawer_open = not self.drawer_open
        self.layout()
        self.app.dirty = True

    def hand_h_px(self) -> int:
        """The hand's height: at most 45% of the window, and less if the board could not be read otherwise.

        With big text on a small window the board's words shrink to the smallest size; if even
        then its rungs and meters would not fit, the hand gives up some height (down to 30%).
        """
        t = self.t
        hand = min(t.px(330), t.height * 45 // 100)
        need = board.required_height(t.shrunk(th.SMALLEST_SCALE), self.app.session.scenario) + t.px(22)
        room = t.height - self.band_height() - hand
        if room < need:
            hand = max(t.height * 30 // 100, t.height - self.band_height() - need)
        return hand

    def key(self, event: pygame.event.Event) -> None:
        count = len(self.cards)
        card_keys = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_SPACE, pygame.K_a, pygame.K_r, pygame.K_c, pygame.K_i)
        if event.key == pygame.K_h or (self.drawer and not self.drawer_open and event.key in card_keys):
            if self.drawer and (event.key == pygame.K_h or not self.drawer_open):
                self.toggle_drawer()  # a card key on a closed drawer opens it first
            return
        if event.key == pygame.K_RIGHT and count:
            self.card = (self.card + 1) % count
        elif event.key == pygame.K_LEFT and count:
            self.card = (self.card - 1) % count
        elif event.key in (pygame.K_SPACE, pygame.K_RETURN) and not event.mod & pygame.KMOD_CTRL:
            if event.key == pygame.K_RETURN and self.focus % len(self.buttons) == 0 and not count:
                self.seal()
            else:
                self.toggle(self.card)
        elif event.key in (pygame.K_a, pygame.K_r, pygame.K_c) and count and self.cards[self.card][0] == "offer":
            offer_id = self.cards[self.card][1]
            assert isinstance(offer_id, int)
            self.answer_key(offer_id, pygame.key.name(event.key).upper())
        elif event.key == pygame.K_RETURN or event.key == pygame.K_s:
            self.seal_asked(by_key=event.key == pygame.K_s)
        elif event.key == pygame.K_i and count:
            self.learn(self.card)
        elif event.key == pygame.K_TAB:
            self.on_buttons = True
            super().key(event)
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.on_buttons = False
        self.page = self.page_of(self.card) if count else 0
        self.app.dirty = True

    def click(self, pos: tuple[int, int]) -> None:
        for offer_id, rows in self.answer_rects.items():
            for row, order in rows:
                if row.collidepoint(pos):
                    self.card = next(i for i, (_, item) in enumerate(self.cards) if item == offer_id)
                    self.answer(offer_id, order)
                    return
        for rect, index in self.card_rects:
            if rect.collidepoint(pos):
                self.card = index
                if pos[1] > rect.bottom - self.t.px(44) and pos[0] > rect.right - self.t.px(140):
                    self.learn(index)
                else:
                    self.toggle(index)
                return
        if self.prev_rect.collidepoint(pos):
            self.page = max(0, self.page - 1)
        elif self.next_rect.collidepoint(pos):
            self.page = min(self.pages() - 1, self.page + 1)
        for ref, rect in self.track_areas.items():
            if rect.collidepoint(pos):
                learn_track(self.app, self.app.session.scenario, ref)
                return

    def pages(self) -> int:
        return len(self.page_list())

    def page_list(self) -> list[list[int]]:
        """The cards on each page: an offer takes two places, room for what each answer does."""
        pages: list[list[int]] = [[]]
        used = 0
        for index, (kind, _) in enumerate(self.cards):
            size = self.offer_places() if kind == "offer" else 1
            if used + size > self.per_page and pages[-1]:
                pages.append([])
                used = 0
            pages[-1].append(index)
            used += size
        return pages

    def offer_places(self) -> int:
        """How many card places an offer takes: two, room for what each answer does; with big text
        (the hand in its drawer) the whole row, so its four answers stand in two columns."""
        if self.per_page < 2:
            return 1
        return self.per_page if self.drawer else 2

    def page_of(self, index: int) -> int:
        return next((number for number, page in enumerate(self.page_list()) if index in page), 0)

    def learn(self, index: int) -> None:
        s = self.app.session.scenario
        item = self.cards[index][1]
        move_id = self.answers[item][0].move if isinstance(item, int) else item.move
        move = s.moves[move_id]
        rules = card_rules(s, move, self.view)
        self.app.push(LearnMoreScene(self.app, pick(move.name), pick(move.text), teach_lines(s, move.teach), rules))

    # drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        top = t.height - self.hand_h
        if top > 0:
            self.board_layer.draw(surface, (t.width, top), self.board_key(), self.draw_board)
        else:  # the hand fills the window (a small one with big text): no board to keep
            self.draw_board(surface)
        self.draw_hand(surface)
        self.draw_buttons(surface)
        self.draw_hover(surface)

    def board_key(self) -> tuple[object, ...]:
        """All that the part above the hand shows depends on: it is drawn again when one of them changes."""
        t, timer = self.t, self.app.timer
        return (t.width, t.height, t.scale, self.app.session.state, timer.on and (timer.up, timer.shown()))

    def draw_board(self, surface: pygame.Surface) -> None:
        """Above the hand: the title, the timer, the tracks, the map, our objectives and the news."""
        session = self.app.session
        s, state = session.scenario, session.state
        surface.fill(th.PAPER)
        actor = s.actors[self.actor]
        subtitle = tr("Turn {turn} {of}", turn=state.turn, of=_turn_text(s, state.turn))
        if session.round.phase is not None:  # a turn in rounds: which round the team orders in
            subtitle += " · " + pick(session.round.phase.name)
        if self.app.timer.on:  # the countdown takes the subtitle's place: it never covers the title
            subtitle = self.timer_text()
        title = self.title_for(pick(actor.name))
        if actor.short and not self.title_fits(title, subtitle):
            title = self.title_for(pick(actor.short))  # a long name gives way to the short one, not to "…"
        self.heading(surface, title, subtitle)
        self.draw_timer(surface)
        self.track_areas = self.tracks.draw(surface, self.bt, self.tracks_rect, state, self.actor)
        badges = place_badges(s, self.tracks.seen(state, self.actor)) if s.place_refs else None
        board.draw_map(surface, self.bt, self.map_rect, self.layer, state.tokens, badges=badges)
        self.draw_side(surface)

    def title_for(self, team: str) -> str:
        if self.teacher:
            return tr("Team {team} — the teacher gives orders", team=team)
        return tr("Team {team} — secret orders", team=team)

    def title_fits(self, title: str, subtitle: str) -> bool:
        """Whether the title fits the band beside its subtitle (as ``heading`` lays them out)."""
        t = self.t
        room = t.width - t.px(72)
        room -= min(t.font("body").size(subtitle)[0], room // 2) + t.px(28)
        return t.font("heading", bold=True).size(title)[0] <= room

    def draw_buttons(self, surface: pygame.Surface) -> None:
        """One focus ring at a time: on a card while the arrows move it, on a button after Tab."""
        for index, button in enumerate(self.buttons):
            focused = self.on_buttons and index == self.focus % max(1, len(self.buttons))
            button.draw(surface, self.t, focused=focused, hovered=button.rect.collidepoint(self.hover))

    def draw_hover(self, surface: pygame.Surface) -> None:
        tip = self.hover_tip()
        if tip:  # never over the hand's first line: what is left to spend, which a click has just changed
            t = self.t
            budget_line = pygame.Rect(0, t.height - self.hand_h, t.width, t.px(48))
            w.tooltip(surface, t, tip, self.hover, avoid=budget_line)

    def hover_tip(self) -> str:
        """The tooltip for the track or card under the mouse: what it is, what it would do."""
        s = self.app.session.scenario
        tip = track_tip(s, self.track_areas, self.hover)
        for rect, index in self.card_rects:
            if rect.collidepoint(self.hover):
                item = self.cards[index][1]
                move_id = self.answers[item][0].move if isinstance(item, int) else item.move
                move = s.moves[move_id]
                preview = self.preview(move_id)
                tip = f"{pick(move.name)}: {describe(s, move)}"
                if preview:
                    tip += " " + tr("Likely: {preview}.", preview=preview)
                warning = deal_warning(s, self.view, move_id, self.accepting())
                if warning:
                    tip += f" {warning}."
                tip += " " + tr("Click to pick or drop it; 'learn more' for the history.")
        return tip

    def timer_text(self) -> str:
        timer = self.app.timer
        if timer.up:
            return tr("Time is up: seal your orders")
        return tr("Turn {turn} · {time} left", turn=self.view.turn, time=timer.shown())

    def draw_timer(self, surface: pygame.Surface) -> None:
        """The teacher's countdown at the right of the title band, where the subtitle was; red when time is up."""
        timer = self.app.timer
        if not timer.on:
            return
        t = self.t
        text = self.timer_text()
        font = t.font("body", bold=True)
        band = self.band_height()
        room = (t.width - t.px(72)) // 2
        box = pygame.Rect(0, 0, min(font.size(text)[0], room) + t.px(24), font.get_linesize() + t.px(12))
        box.midright = (t.width - t.px(24), band // 2)
        fill = th.DANGER if timer.up else th.mix(th.NAVY, th.WHITE, 0.2)
        w.new_plane()  # the box covers the subtitle it replaces
        pygame.draw.rect(surface, fill, box, border_radius=t.px(10))
        w.text(surface, text, font, th.WHITE, (box.x + t.px(12), box.y + t.px(6)), width=box.w - t.px(24), max_lines=1)

    def draw_side(self, surface: pygame.Surface) -> None:
        """Warnings, our objectives, our deals and the news, each block only if it fits whole."""
        t = self.bt  # the board's sizes: smaller than the window's when big text would not fit
        s = self.app.session.scenario
        rect = self.side_rect
        w.panel(surface, rect, t)
        x, width = rect.x + t.px(18), rect.w - t.px(36)
        bottom = rect.bottom - t.px(10)
        small, bold, heading_font = t.font("small"), t.font("small", bold=True), t.font("body", bold=True)
        blocks: list[tuple[str, pygame.font.Font, th.Colour, int, int]] = [
            ("▲ " + warning, bold, th.DANGER, 4, t.px(6))
            for warning in near_endings(self.tracks, self.app.session.state, self.actor)
        ]
        blocks.append((tr("Our objectives"), heading_font, th.NAVY, 1, 0))
        for objective in s.actors[self.actor].objectives.values():
            star = "★ " if objective.main else "• "
            blocks.append((f"{star}{pick(objective.text)} ({objective.points})", small, th.INK, 2, 0))
        blocks += [(line, bold, th.GOOD if kept else th.NAVY, 4, 0) for line, kept in deal_lines(s, self.view)]
        heading = tr("The news") if self.view.turn == 1 else tr("Last turn and this turn's news")
        blocks.append((heading, heading_font, th.NAVY, 2, t.px(6)))
        blocks += [(line, small, th.INK, 2, 0) for line in self.news()]
        y = rect.y + t.px(14)
        for text, font, colour, most, gap in blocks:
            lines = min(most, len(w.wrap(font, text, width)))
            if y + lines * font.get_linesize() > bottom:
                break  # what does not fit whole is left out, not cut or drawn over the hand
            y += w.text(surface, text, font, colour, (x, y), width=width, max_lines=most) + gap

    def news(self) -> list[str]:
        """What this team may read of last turn and this turn's events (read once: it does not change)."""
        if self._news is None:
            s = self.app.session.scenario
            last = self.app.session.turn_log(self.view.turn - 1) + list(self.view.event_log)
            if self.app.session.state.round:  # a later round of a turn in rounds: the earlier rounds too
                last = self.app.session.turn_log(self.view.turn - 1) + self.app.session.turn_log(self.view.turn)
            kinds = ("move", "event", "ending", "answer", "agreement", "interaction", "private")
            self._news = [log_text(s, e) for e in redact(s, self.actor, last) if e.kind in kinds][-10:]
        return self._news

    def draw_hand(self, surface: pygame.Surface) -> None:
        t = self.t
        s = self.app.session.scenario
        top = self.t.height - self.hand_h
        pygame.draw.rect(surface, th.mix(th.PAPER, th.NAVY, 0.12), (0, top, t.width, self.hand_h))
        left = self.left()
        pips = "●" * max(0, left) + "○" * max(0, self.spent())
        header = tr("Political capital: {left} of {budget} left", left=left, budget=self.view.budget) + "  " + pips
        if s.resources:  # format 2: each resource by its name
            header = purse_text(s, self.view.purse, tuple(self.wallet().left))
        w.text(
            surface,
            header,
            t.font("body", bold=True),
            th.INK,
            (t.px(24), top + t.px(10)),
            width=min(t.width // 2, min(b.rect.x for b in self.buttons) - t.px(48)),
            max_lines=1,
        )
        if self.drawer and not self.drawer_open:
            self.card_rects, self.answer_rects = [], {}
            self.prev_rect = self.next_rect = pygame.Rect(0, 0, 0, 0)
            picked = ", ".join(pick(s.moves[o.move].name) for o in self.picked) or tr("none yet")
            closed = tr("{n} cards in the drawer (H opens it). Picked: {picked}", n=len(self.cards), picked=picked)
            font = t.font("body")
            w.text(
                surface,
                closed,
                font,
                th.INK,
                (t.px(24), top + t.px(62)),  # under the buttons, the whole width
                width=t.width - t.px(48),
                max_lines=1,
            )
            return
        if self.page < self.pages() - 1:
            more = tr("page {page} of {pages} (more cards: ▶)", page=self.page + 1, pages=self.pages())
        else:  # the last page: the other cards are back the other way
            more = tr("page {page} of {pages} (more cards: ◀)", page=self.page + 1, pages=self.pages())
        paged = more if self.pages() > 1 else ""
        after_page = t.px(24) + (t.font("small", bold=True).size(paged)[0] + t.px(28) if paged else 0)
        w.text(
            surface,
            tr("◀/▶ keys: choose a card · Space: pick or drop · A/R/C: answer an offer · I: learn more · S: seal"),
            t.font("small"),
            th.MUTED,
            (after_page, t.height - t.px(34)),
            width=t.width - after_page - t.px(24),
            align="right",
            max_lines=1,
        )
        cards = self.cards
        accepting = self.accepting()
        self.card_rects = []
        self.answer_rects = {}
        x = t.px(70)
        y = top + t.px(62)
        self.prev_rect = pygame.Rect(t.px(14), y + self.card_h // 2 - t.px(30), t.px(44), t.px(60))
        self.next_rect = pygame.Rect(t.width - t.px(58), y + self.card_h // 2 - t.px(30), t.px(44), t.px(60))
        if self.page > 0:
            w.text(surface, "◀", t.font("heading", bold=True), th.INK, self.prev_rect.topleft)
        if self.page < self.pages() - 1:
            w.text(surface, "▶", t.font("heading", bold=True), th.INK, self.next_rect.topleft)
        if not cards:
            w.text(
                surface,
                tr("No move is possible this turn: seal your (empty) orders."),
                t.font("large"),
                th.INK,
                (x, y + t.px(60)),
                width=t.width - 2 * x,
            )
        self.page = min(self.page, self.pages() - 1)
        picking = self.wallet()
        for index in self.page_list()[self.page]:
            kind, item = cards[index]
            places = self.offer_places() if kind == "offer" else 1
            rect = pygame.Rect(x, y, self.card_w * places + t.px(14) * (places - 1), self.card_h)
            if kind == "offer":
                assert isinstance(item, int)
                self.draw_offer(surface, rect, item, index == self.card and not self.on_buttons)
            else:
                assert isinstance(item, Order)
                self.draw_card(
                    surface,
                    rect,
                    item.move,
                    item in self.picked,
                    index == self.card and not self.on_buttons,
                    item not in self.picked and not picking.fits(item.move),
                    deal_warning(s, self.view, item.move, accepting, short=True),
                )
            self.card_rects.append((rect, index))
            x += rect.w + t.px(14)
        if paged:
            w.text(
                surface,
                paged,
                t.font("small", bold=True),
                th.INK,
                (t.px(24), t.height - t.px(34)),
            )

    def draw_card(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        move_id: str,
        picked: bool,
        focused: bool,
        unaffordable: bool,
        warning: str = "",
    ) -> None:
        t = self.t
        s = self.app.session.scenario
        move = s.moves[move_id]
        kind = s.kinds[move.kind]
        colour = th.parse_colour(kind.colour)
        body = rect.move(0, -t.px(14)) if picked else rect
        fill = th.WHITE if not unaffordable else th.mix(th.WHITE, th.PAPER, 0.7)
        pygame.draw.rect(surface, fill, body, border_radius=t.px(12))
        band = pygame.Rect(body.x, body.y, body.w, t.px(46))
        pygame.draw.rect(surface, colour, band, border_top_left_radius=t.px(12), border_top_right_radius=t.px(12))
        ink = th.readable_on(colour)
        w.icon(surface, kind.icon, pygame.Rect(band.x + t.px(8), band.y + t.px(6), t.px(34), t.px(34)), ink)
        kind_font = t.font("small", bold=True)
        in_band = kind_font.size(pick(kind.name))[0] <= band.w - t.px(110)
        if in_band:  # else it is said under the card's name ('Strategic deployment' on a small screen)
            w.label(surface, kind_font, pick(kind.name), ink, topleft=(band.x + t.px(50), band.y + t.px(10)))
        w.label(
            surface,
            t.font("large", bold=True),
            cost_figure(s, move),
            ink,
            midright=(band.right - t.px(12), band.centery),
        )
        y = band.bottom + t.px(8)
        inner = body.w - t.px(24)
        footer = body.bottom - t.px(38)
        name_font = t.font("body", bold=True)
        y += w.text(surface, pick(move.name), name_font, th.INK, (body.x + t.px(12), y), width=inner, max_lines=2)
        small = t.font("small")
        room = max(0, (footer - y - t.px(8)) // small.get_linesize())
        if warning and room > 0:
            used = w.text(
                surface,
                warning,
                t.font("small", bold=True),
                th.DANGER,
                (body.x + t.px(12), y + t.px(4)),
                width=inner,
                max_lines=min(2, room),
            )
            y += used
            room -= used // small.get_linesize()
        if not in_band and room > 1:  # the kind, when the band has no room for its name (a warning first)
            y += w.text(surface, pick(kind.name), small, th.MUTED, (body.x + t.px(12), y), width=inner, max_lines=1)
            room -= 1
        used = 0
        if room > 0:
            preview = self.preview(move_id)
            used = w.text(
                surface, preview, small, th.NAVY, (body.x + t.px(12), y + t.px(4)), width=inner, max_lines=room
            )
            room -= used // small.get_linesize()
        if move.text and room > 0:
            w.text(
                surface,
                pick(move.text),
                small,
                th.MUTED,
                (body.x + t.px(12), y + t.px(4) + used),
                width=inner,
                max_lines=room,
            )
        pygame.draw.line(surface, th.PANEL_EDGE, (body.x + t.px(10), footer), (body.right - t.px(10), footer), 1)
        w.text(
            surface,
            tr("learn more (I)"),
            small,
            th.NAVY,
            (body.x, footer + t.px(6)),
            width=body.w - t.px(12),
            align="right",
        )
        if picked:
            tag = w.render(t.font("small", bold=True), tr("PICKED"), th.WHITE)
            box = tag.get_rect(topleft=(body.x + t.px(10), footer + t.px(6))).inflate(t.px(12), t.px(4))
            pygame.draw.rect(surface, th.GOOD, box, border_radius=t.px(6))
            w.label(surface, t.font("small", bold=True), tr("PICKED"), th.WHITE, center=box.center)
        elif unaffordable:
            capped = kind.per_turn is not None and self.wallet().room.get(move.kind, 1) <= 0  # format 2's cap
            label = tr("one a turn already") if capped else tr("too costly")
            w.text(surface, label, small, th.MUTED, (body.x + t.px(12), footer + t.px(6)))
        edge = th.FOCUS if focused else (th.GOOD if picked else th.PANEL_EDGE)
        pygame.draw.rect(surface, edge, body, width=t.px(5 if focused or picked else 2), border_radius=t.px(12))

    def draw_offer(self, surface: pygame.Surface, rect: pygame.Rect, offer_id: int, focused: bool) -> None:
        """An offer to answer: what it is, and one row per answer saying what that answer does."""
        t = self.t
        s = self.app.session.scenario
        offer = next(o for o in self.view.offers_to_me if o.id == offer_id)
        move = s.moves[offer.move]
        pygame.draw.rect(surface, th.mix(th.WHITE, th.FOCUS, 0.18), rect, border_radius=t.px(12))
        x, inner = rect.x + t.px(12), rect.w - t.px(24)
        who = together([short_name(s.actors[a]) for a in offer.by])
        small, bold = t.font("small"), t.font("small", bold=True)
        choices = self.answer_choices(offer_id)
        name_font = t.font("body", bold=True)
        name_lines, columns, lines = _offer_fit(t, rect, len(choices), len(w.wrap(name_font, pick(move.name), inner)))
        y = rect.y + t.px(8)
        y += w.text(surface, tr("OFFER from {who}", who=who), bold, th.DANGER, (x, y), width=inner, max_lines=1)
        y += w.text(surface, pick(move.name), name_font, th.INK, (x, y), width=inner, max_lines=name_lines)
        self.answer_rects[offer_id] = []
        row_h = small.get_linesize() * lines + t.px(8)
        per_column = -(-len(choices) // columns)
        top = max(y + t.px(4), rect.bottom - t.px(8) - row_h * per_column)
        col_w = (inner + t.px(8) - t.px(8) * (columns - 1)) // columns
        chosen = self.answer_of[offer_id]
        for index, (_, order, what) in enumerate(choices):
            column, line = divmod(index, per_column)
            row = pygame.Rect(x - t.px(4) + column * (col_w + t.px(8)), top + line * row_h, col_w, row_h - t.px(4))
            if row.bottom > rect.bottom - t.px(4):
                break  # a card too small even for two columns: the rows that fit (A, R and C still work)
            picked = order == chosen
            fill = th.GOOD if picked else th.WHITE
            pygame.draw.rect(surface, fill, row, border_radius=t.px(6))
            pygame.draw.rect(surface, th.PANEL_EDGE, row, width=1, border_radius=t.px(6))
            ink = th.readable_on(fill)
            what = ("● " if picked else "○ ") + what  # not by colour alone
            w.text(
                surface, what, small, ink, (row.x + t.px(6), row.y + t.px(2)), width=row.w - t.px(12), max_lines=lines
            )
            self.answer_rects[offer_id].append((row, order))
        edge = th.FOCUS if focused else th.PANEL_EDGE
        pygame.draw.rect(surface, edge, rect, width=t.px(5 if focused else 2), border_radius=t.px(12))

    def answer_choices(self, offer_id: int) -> list[tuple[str, Order | None, str]]:
        """The answers to an offer, each with its key and what it does: Accept, Reject, each Counter, no answer."""
        s = self.app.session.scenario
        offer = next(o for o in self.view.offers_to_me if o.id == offer_id)
        spec = s.moves[offer.move].offer
        out: list[tuple[str, Order | None, str]] = []
        for order in self.answers[offer_id]:
            if order.answer == "accept":
                effects = ", ".join(effect_words(s, spec.accept)) if spec else ""
                out.append(("A", order, tr("A: Accept — {effects}", effects=effects or tr("the deal holds"))))
            elif order.answer == "reject":
                effects = ", ".join(effect_words(s, spec.reject)) if spec else ""
                out.append(("R", order, tr("R: Reject — {effects}", effects=effects or tr("no deal"))))
        for order in self.answers[offer_id]:
            if order.answer == "counter":
                name = pick(s.moves[order.move].name)
                cost = cost_text(s, s.moves[order.move])
                out.append(("C", order, tr("C: Counter with {name} (costs {cost})", name=name, cost=cost)))
        effects = ", ".join(effect_words(s, spec.ignore)) if spec else ""
        out.append(("", None, tr("No answer — {effects}", effects=effects or tr("nothing happens"))))
        return out

    def answer(self, offer_id: int, order: Order | None) -> None:
        """Give this answer to the offer (a counter only if it can be paid for and is not played already)."""
        current = self.answer_of[offer_id]
        costly = order is not None and not self._counter_fits(order, offer_id)
        if order is not None and order.answer == "counter" and (costly or self._counter_taken(order, offer_id)):
            self.app.show_toast(tr("Not enough political capital for that counter-offer"))
            return
        self.answer_of[offer_id] = None if order == current else order
        self.app.dirty = True

    def answer_key(self, offer_id: int, letter: str) -> None:
        """A, R or C on a focused offer: accept, reject, or the next counter-offer."""
        choices = [order for key, order, _ in self.answer_choices(offer_id) if key == letter]
        if not choices:
            return
        current = self.answer_of[offer_id]
        order = (
            choices[(choices.index(current) + 1) % len(choices)] if current in choices and letter == "C" else choices[0]
        )
        self.answer(offer_id, order)


def _offer_fit(t: th.Theme, rect: pygame.Rect, answers: int, name_lines: int) -> tuple[int, int, int]:
    """How an offer card shows every answer: (lines of its name, columns of answers, lines per answer).

    Roomiest first: two lines an answer in one column; then one line; then two columns (a wide
    card at big text); the offer's name gives up its second line before any answer is left out."""
    small = t.font("small")
    header = t.px(8) + t.font("small", bold=True).get_linesize() + t.px(4) + t.px(8) + t.px(4)
    name_h = t.font("body", bold=True).get_linesize()
    two_columns = rect.w - t.px(24) >= t.px(560)
    plans = [(min(2, name_lines), 1, 2), (min(2, name_lines), 1, 1), (1, 1, 1)]
    if two_columns:
        plans += [(min(2, name_lines), 2, 2), (min(2, name_lines), 2, 1), (1, 2, 1)]
    for name, columns, lines in plans:
        rows = -(-answers // columns)
        if header + name * name_h + rows * (small.get_linesize() * lines + t.px(8)) <= rect.h:
            return name, columns, lines
    return plans[-1]


def near_endings(tracks: board.TrackBoard, state: GameState, viewer: str | None) -> list[str]:
    """The endings one move away, from what this viewer sees of the tracks (never what it cannot)."""
    seen = {ref: value for ref, (value, _) in tracks.seen(state, viewer).items()}
    return endings_near(tracks.scenario, seen, state.turn)


def learn_track(app: App, scenario: Scenario, ref: str) -> None:
    """Open the learn-more panel of a track: what it is, why it matters, its history."""
    track = scenario.all_tracks[ref]
    lines = teach_lines(scenario, track.teach)
    app.push(LearnMoreScene(app, track_label(scenario, ref), pick(track.description), lines))


def track_tip(scenario: Scenario, areas: dict[str, pygame.Rect], pos: tuple[int, int]) -> str:
    """The tooltip of the track drawn under the mouse, if any."""
    for ref, rect in areas.items():
        if rect.collidepoint(pos):
            track = scenario.all_tracks[ref]
            about = f": {pick(track.description)}" if track.description else ""
            return f"{track_label(scenario, ref)}{about} " + tr("(click to learn more)")
    return ""


class RevealScene(Scene):
    """The reveal, one step at a time: each move with what it changed, dice shown, markers moving."""

    name = "reveal"
    demo_delay = 2.5  # a room reads each step aloud; in class the teacher moves on with Space
    FLIP_SECONDS = 0.4  # the played card turns over
    DICE_SECONDS = 0.6  # then its dice tumble
    MOVE_SECONDS = 0.6  # then the markers move

    def __init__(self, app: App, entries: list[LogEntry]) -> None:
        super().__init__(app)
        self.track_areas: dict[str, pygame.Rect] = {}
        session = app.session
        self.scenario = session.scenario
        self.before = session.states[-2]
        self.after = session.state
        public = [e for e in redact(self.scenario, None, entries) if e.phase != "events"]
        self.every_step = group_steps(public)  # "Show all steps" lists each one
        bots = {actor for actor, seat in session.seats.items() if seat != HUMAN}
        self.steps = batch_plain_steps(self.every_step, self.scenario, bots, self.after)
        if not self.after.over:
            summary = turn_summary(self.scenario, self.before, entries, self.after)
            self.steps.append(summary)
            self.every_step = [*self.every_step, summary]
        self.step = -1
        self.shown: dict[str, float] = {k: float(v) for k, v in self.before.tracks.items()}
        self.moving: list[tuple[str, float, float]] = []
        self.clock = 0.0
        self.layer = app.map_layer
        self.card_images: tuple[int, pygame.Surface, pygame.Surface] | None = None  # step, face, back
        self.cues: list[tuple[float, str]] = []  # sounds still to play in this step: (seconds in, name)
        self.tracks = board.TrackBoard(self.scenario)

    def layout(self) -> None:
        t = self.t
        self.card_images = None
        label = tr("Continue") if self.done else tr("Next step (→)")
        self.next_button = Button(label, self.advance, pygame.K_SPACE, primary=True)
        self.back_button = Button(tr("Back (←)"), self.back, None, enabled=self.step > 0)
        self.all_button = Button(tr("Show all steps"), self.show_all, pygame.K_a)
        self.buttons = [self.back_button, self.next_button, self.all_button]
        self.button_row(self.buttons, t.height - t.px(14), centre=False, right=t.width - t.px(24))
        self.focus = 1  # one focus ring, on the button Space presses
        top = self.band_height()
        bottom_h = min(t.px(300), t.height * 34 // 100)  # the story; big text leaves the board its room
        board_h = t.height - top - bottom_h - t.px(22)
        self.tracks_rect = pygame.Rect(t.px(16), top + t.px(14), t.width * 44 // 100, board_h)
        card_w = min(t.width * 20 // 100, board_h * 3 // 4)  # the played card, large, in the middle of the board
        self.card_rect = pygame.Rect(self.tracks_rect.right + t.px(20), top + t.px(14), card_w, board_h)
        self.map_rect = pygame.Rect(
            self.card_rect.right + t.px(20), top + t.px(14), t.width - self.card_rect.right - t.px(36), board_h
        )
        self.story_rect = pygame.Rect(t.px(16), t.height - bottom_h, t.width - t.px(32), bottom_h - t.px(84))
        self.bt = board.fitted(t, self.scenario, self.tracks_rect.h, self.tracks_rect.w)  # the board's own sizes

    @property
    def done(self) -> bool:
        return self.step >= len(self.steps) - 1

    def advance(self) -> None:
        if self.done:
            self.app.after_reveal()
            return
        self.settle()
        self.step += 1
        self.moving = [
            (e.track, float(e.before), float(e.after))
            for e in self.steps[self.step]
            if e.kind == "change" and e.track and e.before is not None and e.after is not None
        ]
        self.clock = 0.0
        step = self.steps[self.step]
        flipped, rolled, _ = self.timing()
        self.cues = [(0.0, "flip")] if self.card_of(step) else []
        self.cues += [(flipped, "dice")] if any(e.dice for e in step) else []
        self.cues += [(rolled, "marker")] if self.moving else []
        self.layout()
        self.app.dirty = True

    def settle(self) -> None:
        for ref, _, end in self.moving:
            self.shown[ref] = end
        self.moving = []
        self.clock = self.timing()[2]
        self.cues = []  # skipped ahead: no sounds for what was not watched

    def card_of(self, step: Sequence[LogEntry]) -> str | None:
        """The move whose card this step turns over, if it is a move."""
        head = step[0] if step else None
        if head is None or head.kind != "move" or head.source not in self.scenario.moves:
            return None
        return head.source

    def timing(self) -> tuple[float, float, float]:
        """Seconds into the current step when its card has turned, its dice settled, its markers arrived."""
        step = self.steps[self.step] if 0 <= self.step < len(self.steps) else []
        flipped = self.FLIP_SECONDS if self.card_of(step) else 0.0
        rolled = flipped + (self.DICE_SECONDS if any(e.dice for e in step) else 0.0)
        moved = rolled + (self.MOVE_SECONDS if self.moving else 0.0)
        return flipped, rolled, moved

    def finish(self) -> None:
        while not self.done:
            self.advance()
        self.settle()

    def auto(self) -> None:
        self.advance()

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_RIGHT:
            self.advance()
        elif event.key == pygame.K_LEFT:
            self.back()
        elif event.key == pygame.K_END:
            self.finish()
        else:
            super().key(event)

    def back(self) -> None:
        """One step back: its words, and the board as it stood after it (the markers go back too)."""
        if self.step <= 0:
            return
        self.settle()
        self.step -= 1
        self.shown = self.values_after(self.step)
        self.clock = self.timing()[2]
        self.layout()
        self.app.dirty = True

    def values_after(self, step: int) -> dict[str, float]:
        """Each track as it stood once the reveal's steps up to this one had happened."""
        values = {ref: float(v) for ref, v in self.before.tracks.items()}
        for entries in self.steps[: step + 1]:
            for entry in entries:
                if entry.kind == "change" and entry.track and entry.after is not None:
                    values[entry.track] = float(entry.after)
        return values

    def show_all(self) -> None:
        """Every step of the reveal in one list, over the board; Esc goes back to where the class was."""
        lines = [(self.say(step[0]), "\n".join(self.say(e) for e in step[1:])) for step in self.every_step]
        title = tr("Turn {turn}: every step", turn=self.before.turn)
        self.app.push(LearnMoreScene(self.app, title, "", lines))

    def say(self, entry: LogEntry) -> str:
        """A step's line in the current language (the engine keeps the log in English)."""
        return log_text(self.scenario, entry)

    def update(self, dt: float) -> bool:
        """The card turns, the dice tumble, then the markers move: frames only while that plays."""
        _, rolled, end = self.timing()
        if self.clock >= end:
            return False
        self.clock = min(end, self.clock + dt)
        while self.cues and self.cues[0][0] <= self.clock:
            self.app.sound.play(self.cues.pop(0)[1])
        if self.moving:
            share = max(0.0, min(1.0, (self.clock - rolled) / self.MOVE_SECONDS))
            eased = 1 - (1 - share) ** 3
            for ref, start, stop in self.moving:
                self.shown[ref] = start + (stop - start) * eased
            if share >= 1.0:
                self.moving = []
        return True

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        s = self.scenario
        band = pygame.Rect(0, 0, t.width, self.band_height())  # the heading's
        painted = [band, self.map_rect, w.panel_cover(self.tracks_rect, t), w.panel_cover(self.story_rect, t)]
        w.fill_around(surface, th.PAPER, painted)  # what is painted over next needs no ground
        title = tr("Turn {turn}: what happened", turn=self.before.turn)
        if s.phases:  # a turn in rounds: the reveal is of the round just ordered
            title = tr(
                "Turn {turn}, {round}: what happened",
                turn=self.before.turn,
                round=pick(s.phases[self.before.round].name),
            )
        self.heading(surface, title, tr("step {step} of {steps}", step=self.step + 1, steps=len(self.steps)))
        highlight = None
        if 0 <= self.step < len(self.steps):
            changed = [e.track for e in self.steps[self.step] if e.track]
            highlight = changed[0] if changed else None
        state = self.after if self.done else self.before
        self.track_areas = self.tracks.draw(
            surface, self.bt, self.tracks_rect, state, None, highlight=highlight, shown=self.shown
        )
        placed = self._tokens_so_far()
        badges = place_badges(s, self.tracks.seen(state, None)) if s.place_refs else None
        board.draw_map(surface, self.bt, self.map_rect, self.layer, placed, fresh=placed[-1:], pulse=1.0, badges=badges)
        self.draw_centre_card(surface)
        self.draw_story(surface)
        self.draw_buttons(surface)
        tip = track_tip(s, self.track_areas, self.hover)
        if tip:
            w.tooltip(surface, t, tip, self.hover)

    def click(self, pos: tuple[int, int]) -> None:
        for ref, rect in self.track_areas.items():
            if rect.collidepoint(pos):
                learn_track(self.app, self.scenario, ref)
                return

    def _tokens_so_far(self) -> list[TokenState]:
        if self.done:
            return list(self.after.tokens)
        new = [tok for tok in self.after.tokens if tok not in self.before.tokens]
        shown = [e for step in self.steps[: self.step + 1] for e in step if e.kind == "token"]
        shown_sources = {e.source for e in shown}
        before = taken_off(self.before.tokens, self.after.tokens, shown)
        return [*before, *[tok for tok in new if tok.source in shown_sources]]

    def draw_story(self, surface: pygame.Surface) -> None:
        t = self.t
        rect = self.story_rect
        w.panel(surface, rect, t, fill=th.WHITE)
        clip = surface.get_clip()
        surface.set_clip(rect)  # with big text on a small window, what does not fit is cut, not drawn on the buttons
        try:
            self.draw_story_inside(surface, rect)
        finally:
            surface.set_clip(clip)

    def draw_story_inside(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        t = self.t
        x, width = rect.x + t.px(30), rect.w - t.px(60)
        if self.step < 0:
            w.text(
                surface,
                tr("The orders are sealed. Press Space to reveal them, one move at a time."),
                t.font("large"),
                th.INK,
                (x, rect.y + t.px(24)),
                width=width,
            )
            return
        step = self.steps[self.step]
        head = step[0]
        y = rect.y + t.px(16)
        if head.actor:
            colour = th.parse_colour(self.scenario.actors[head.actor].colour)
            pygame.draw.rect(
                surface,
                colour,
                (rect.x, rect.y, t.px(14), rect.h),
                border_top_left_radius=t.px(12),
                border_bottom_left_radius=t.px(12),
            )
        y += w.text(surface, self.say(head), t.font("large", bold=True), th.INK, (x, y), width=width, max_lines=2)
        flipped, rolled, _ = self.timing()
        if self.clock < flipped:
            return  # the card is still turning over: what it did comes next
        dice = [e for e in step if e.dice]
        column = x
        if dice:
            size = max(t.px(24), min(t.px(60), rect.bottom - y - t.px(20)))  # big text on a small window: smaller dice
            column = self.draw_dice(surface, dice[0], (x, y + t.px(8)), self.clock < rolled, size)
            if self.clock < rolled:
                return
        font = t.font("body")
        if head.phase == "summary":  # many short lines: two columns, and the endings now close
            for warning in near_endings(self.tracks, self.after, None):
                y += w.text(
                    surface,
                    "▲ " + warning,
                    font,
                    th.DANGER,
                    (column, y + t.px(4)),
                    width=rect.right - column - t.px(30),
                )
            fit = max(1, (rect.bottom - y - t.px(12)) // font.get_linesize())
            columns = max(2, min(3, -(-len(step[1:]) // fit)))  # wider columns would cut their words
            half = (rect.right - column - t.px(30)) // columns
            shown = list(step[1:])
            if len(shown) > fit * columns:  # the rest is one key away
                more = tr("… {n} more: A shows every step", n=len(shown) - fit * columns + 1)
                shown = [*shown[: fit * columns - 1], LogEntry(head.turn, "summary", "summary", more)]
            rows = -(-len(shown) // columns)
            for index, entry in enumerate(shown):
                cx = column + (index // rows) * half
                cy = y + t.px(4) + (index % rows) * font.get_linesize()
                w.text(surface, self.say(entry), font, th.NAVY, (cx, cy), width=half - t.px(20), max_lines=1)
            return
        for entry in step[1:]:
            needed = min(2, len(w.wrap(font, self.say(entry), rect.right - column - t.px(30)))) * font.get_linesize()
            if y + t.px(4) + needed > rect.bottom - t.px(6):
                break  # the rest: "Show all steps" lists it
            colour = th.INK if entry.kind != "change" else th.NAVY
            y += w.text(
                surface,
                self.say(entry),
                font,
                colour,
                (column, y + t.px(4)),
                width=rect.right - column - t.px(30),
                max_lines=2,
            )

    def draw_centre_card(self, surface: pygame.Surface) -> None:
        """The played card, large in the middle of the board; between moves, the deck face down."""
        t = self.t
        step = self.steps[self.step] if 0 <= self.step < len(self.steps) else []
        height = min(self.card_rect.h, self.card_rect.w * 7 // 5)
        card = pygame.Rect(0, 0, self.card_rect.w, height)
        card.center = self.card_rect.center
        if self.card_of(step):
            self.draw_played_card(surface, step, card)
        else:
            surface.blit(card_back(t, card.size), card)

    def draw_played_card(self, surface: pygame.Surface, step: Sequence[LogEntry], card: pygame.Rect) -> pygame.Rect:
        """The move's card, turning over from its back; return where it lies."""
        t = self.t
        if self.card_images is None or self.card_images[0] != self.step:
            happened = step[0].source in self.after.last_played  # a joint move one side did not join did not
            face = card_face(t, self.scenario, step[0].source or "", step[0].actor, card.size, happened=happened)
            self.card_images = (self.step, face, card_back(t, card.size))
        _, face, back = self.card_images
        turned = min(1.0, self.clock / self.FLIP_SECONDS)
        image, share = (back, 1 - 2 * turned) if turned < 0.5 else (face, 2 * turned - 1)
        if share >= 1.0:
            surface.blit(image, card)
        else:
            squeezed = pygame.transform.smoothscale(image, (max(1, round(card.w * share)), card.h))
            surface.blit(squeezed, squeezed.get_rect(center=card.center))
        return card

    def draw_dice(self, surface: pygame.Surface, roll: LogEntry, at: tuple[int, int], tumbling: bool, size: int) -> int:
        """The roll's dice, tumbling until they settle, then the verdict in words; return the x after them."""
        t = self.t
        faces = roll.dice or ()
        x, y = at
        for index, face in enumerate(faces):
            shown, lift = face, 0
            if tumbling:  # a different face every 1/12 s, and a little bounce
                tick = int(self.clock * 12) + index * 3
                shown = (face + tick) % 6 + 1
                lift = t.px(6) if tick % 2 else 0
            w.die(surface, pygame.Rect(x + index * (size + t.px(12)), y - lift, size, size), shown, t)
        x += len(faces) * (size + t.px(12))
        if tumbling or roll.success is None:
            return x + t.px(16)
        font = t.font("body", bold=True)
        if font.get_height() + t.px(10) > size:
            font = t.font("small", bold=True)
        verdict = tr("Success") if roll.success else tr("Failure")
        label = w.render(font, verdict, th.WHITE)
        badge = label.get_rect(midleft=(x + t.px(6), y + size // 2)).inflate(t.px(20), t.px(10))
        pygame.draw.rect(surface, th.GOOD if roll.success else th.BAD, badge, border_radius=t.px(8))
        w.label(surface, font, verdict, th.WHITE, center=badge.center)
        return badge.right + t.px(20)


def card_face(
    t: th.Theme, scenario: Scenario, move_id: str, actor: str | None, size: tuple[int, int], *, happened: bool
) -> pygame.Surface:
    """A played move's card as the class sees it in the reveal: kind, cost, name, its rules and who played it."""
    move = scenario.moves[move_id]
    kind = scenario.kinds[move.kind]
    s = scenario
    image = pygame.Surface(size, pygame.SRCALPHA)
    body = image.get_rect()
    radius = t.px(14)
    pygame.draw.rect(image, th.WHITE, body, border_radius=radius)
    band = pygame.Rect(0, 0, body.w, t.px(64))
    colour = th.parse_colour(kind.colour)
    pygame.draw.rect(image, colour, band, border_top_left_radius=radius, border_top_right_radius=radius)
    ink = th.readable_on(colour)
    side = band.h - t.px(16)
    w.icon(image, kind.icon, pygame.Rect(t.px(10), t.px(8), side, side), ink)
    cost = w.label(
        image, t.font("heading", bold=True), cost_figure(s, move), ink, midright=(band.right - t.px(12), band.centery)
    )
    kind_font = t.font("small", bold=True)
    room = cost.left - side - t.px(28)
    if kind_font.size(pick(kind.name))[0] <= room:  # the icon says the kind when its name does not fit
        w.label(image, kind_font, pick(kind.name), ink, midleft=(side + t.px(18), band.centery))
    inner = body.w - t.px(28)
    strip_h = t.px(46) if actor is not None else 0
    y = band.bottom + t.px(12)
    name = pick(move.name)
    y += w.text(image, name, _name_font(t, name, inner, 3), th.INK, (t.px(14), y), width=inner, max_lines=3)
    small = t.font("small")
    for rule in card_rules(scenario, move)[1:]:  # the cost is in the corner
        lines = len(w.wrap(small, rule, inner))
        if y + t.px(8) + lines * small.get_linesize() > body.h - strip_h - t.px(8):
            break
        y += w.text(image, rule, small, th.NAVY, (t.px(14), y + t.px(8)), width=inner)
    if actor is not None:
        team = scenario.actors[actor]
        strip = pygame.Rect(0, body.h - strip_h, body.w, strip_h)
        team_colour = th.parse_colour(team.colour)
        pygame.draw.rect(image, team_colour, strip, border_bottom_left_radius=radius, border_bottom_right_radius=radius)
        name = short_name(team)
        w.label(image, t.font("body", bold=True), name, th.readable_on(team_colour), midleft=(t.px(14), strip.centery))
    if not happened:
        veil = pygame.Surface(size, pygame.SRCALPHA)
        veil.fill((*th.PAPER, 200))
        image.blit(veil, (0, 0))
        w.new_plane()  # the stamp lies over the card's words on purpose
        stamp_font = t.font("large", bold=True)
        box = pygame.Rect((0, 0), stamp_font.size(tr("did not happen"))).inflate(t.px(24), t.px(12))
        box.center = body.center
        pygame.draw.rect(image, th.DANGER, box, border_radius=t.px(8))
        w.label(image, stamp_font, tr("did not happen"), th.WHITE, center=box.center)
    pygame.draw.rect(image, th.PANEL_EDGE, body, width=max(1, t.px(2)), border_radius=radius)
    return image


def _name_font(t: th.Theme, name: str, width: int, most: int) -> pygame.font.Font:
    """The largest font a card's name fits in whole: in at most ``most`` lines, no word cut in two
    (a long Korean word such as 안전보장이사회 on a narrow card takes a smaller size instead)."""
    fonts = [t.font(size, bold=True) for size in ("large", "body", "small")]
    fonts += [t.shrunk(t.ui_scale * share).font("small", bold=True) for share in (0.8, 0.65, 0.5, 0.4)]
    for font in fonts:
        if all(font.size(word)[0] <= width for word in name.split()) and len(w.wrap(font, name, width)) <= most:
            return font
    return fonts[-1]


_BACKS: dict[tuple[tuple[int, int], float, str], pygame.Surface] = {}


def card_back(t: th.Theme, size: tuple[int, int]) -> pygame.Surface:
    """The back of a move card: the game's name on navy, the same for every card (drawn once per size)."""
    key = (size, t.scale, language())  # the game's name is on it, in the window's language
    if key not in _BACKS:
        if len(_BACKS) >= 8:
            _BACKS.clear()
        _BACKS[key] = _card_back(t, size)
    return _BACKS[key]


def _card_back(t: th.Theme, size: tuple[int, int]) -> pygame.Surface:
    image = pygame.Surface(size, pygame.SRCALPHA)
    body = image.get_rect()
    pygame.draw.rect(image, th.NAVY, body, border_radius=t.px(12))
    pygame.draw.rect(image, th.FOCUS, body.inflate(-t.px(16), -t.px(16)), width=max(1, t.px(2)), border_radius=t.px(8))
    font = t.font("body", bold=True)
    lines = tr("Deterrence & Dialogue").split()  # a word a line: "Deterrence / & / Dialogue"
    top = body.centery - len(lines) * font.get_linesize() // 2
    for index, line in enumerate(lines):
        w.label(image, font, line, th.WHITE, midtop=(body.centerx, top + index * font.get_linesize()))
    return image


def turn_summary(
    scenario: Scenario, before: GameState, entries: Sequence[LogEntry], after: GameState
) -> list[LogEntry]:
    """The last step of a reveal: each track's net change over the turn, and the offers now open.

    The next turn's event cards (already in ``after``) are left out: they are shown next.
    """
    turn = before.turn
    end = dict(before.tracks)
    for entry in entries:
        if entry.kind == "change" and entry.turn == turn and entry.track and entry.after is not None:
            end[entry.track] = entry.after
    lines = [LogEntry(turn, "summary", "note", tr("End of turn {turn}: where things stand", turn=turn))]
    for ref, track in scenario.all_tracks.items():
        old, new = before.tracks[ref], end[ref]
        if old == new:
            continue
        label = track_label(scenario, ref)
        if track.visible != "public":
            text = tr("{track}: changed (not public)", track=label)
        else:
            text = tr("{track}: {old} → {new} ({change})", track=label, old=old, new=new, change=f"{new - old:+d}")
        lines.append(LogEntry(turn, "summary", "summary", text))
    if len(lines) == 1:
        lines.append(LogEntry(turn, "summary", "summary", tr("No track moved this turn.")))
    for offer in after.offers:
        if offer.turn == turn:
            move = scenario.moves[offer.move]
            maker = together([short_name(scenario.actors[a]) for a in offer.by])
            target = scenario.actors[offer.to]
            text = tr(
                "Awaits an answer: {move} ({maker} → {target})",
                move=pick(move.name),
                maker=maker,
                target=short_name(target),
            )
            lines.append(LogEntry(turn, "summary", "summary", text))
    return lines


def group_steps(entries: Sequence[LogEntry]) -> list[list[LogEntry]]:
    """One reveal step per move, event or rule, with the changes and dice that follow it.

    A card that only makes an offer is one step with the offer's line, not a step for the card
    and another for "X offers Y": the room waits for what changes the board."""
    steps: list[list[LogEntry]] = []
    for entry in entries:
        if steps and _belongs_to(steps[-1], entry):
            steps[-1].append(entry)
        elif entry.kind == "change" and entry.phase == "upkeep":
            # Drift rules log only their changes; give them a heading of their own so they are
            # not read as part of the last move.
            heading = tr("End of turn: the situation drifts on its own")
            steps.append([LogEntry(entry.turn, "upkeep", "note", heading), entry])
        else:
            steps.append([entry])
    return steps


def batch_plain_steps(
    steps: list[list[LogEntry]], scenario: Scenario, bots: set[str], after: GameState
) -> list[list[LogEntry]]:
    """The reveal's steps with each run of a bot's plain plays told as one step.

    A plain play is a bot's card that happened with no dice, piece, offer or ending: the room
    need not wait for each. A team's own card, a roll, a piece on the map, a joint move that
    did not happen, keep a step of their own."""
    out: list[list[LogEntry]] = []
    run: list[list[LogEntry]] = []

    def close_run() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            names = together([pick(scenario.moves[step[0].source or ""].name) for step in run])
            heading = tr("The bots' plain moves, together: {moves}", moves=names)
            out.append([LogEntry(run[0][0].turn, run[0][0].phase, "note", heading), *(e for step in run for e in step)])
        run.clear()

    for step in steps:
        if _plain(step, bots, after, scenario):
            run.append(step)
        else:
            close_run()
            out.append(step)
    close_run()
    return out


def _plain(step: list[LogEntry], bots: set[str], after: GameState, scenario: Scenario) -> bool:
    head = step[0]
    return (
        head.kind == "move"
        and head.actor in bots
        and head.source in scenario.moves
        and head.source in after.last_played
        and all(entry.kind in ("move", "change") for entry in step)
    )


def _belongs_to(step: list[LogEntry], entry: LogEntry) -> bool:
    """Whether an entry is told in the step before it: what a move changed, rolled or placed, the deal
    it broke, or the offer of a card that did nothing else."""
    if entry.kind in ("change", "roll", "token"):
        return step[0].phase == entry.phase
    if entry.kind == "agreement" and step[0].kind == "move" and step[0].actor == entry.actor:
        # the deal this very move breaks: told with the move, whose dice and effects the log gives after it
        return step[0].phase == entry.phase
    bare = len(step) == 1 and step[0].kind == "move" and step[0].actor == entry.actor
    return entry.kind == "offer" and bare
