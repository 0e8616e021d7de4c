"""The game as the team devices see it: who holds which link, the turn's phase, drafts, seals, talks.

No web library here (``server.py`` carries the frames): the hub is plain Python, so the window,
the server and the tests all drive the same object, under one lock (the window's thread and the
server's thread both call it). It holds no rules: orders are checked by the engine
(``check_orders``) and given to the same :class:`game.session.Session` the window plays.

A turn with devices: the **talks** (messages, and proposals of joint moves that the other team
may accept, so the deal is played this turn), then the **orders** (each team drafts on any of its
devices and seals once, for good), then the reveal (played by the window for the room; without
a window the hub resolves the turn itself).
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from attrs import evolve, frozen

from game.engine.dialogue import EVERYONE, MAX_TEXT, Message
from game.engine.errors import IllegalOrderError
from game.engine.state import THIS_TURN, Order
from game.engine.turn import check_orders
from game.scenario.model import Scenario
from game.session import HUMAN, Session

Phase = Literal["lobby", "talks", "orders", "reveal", "over"]
ROOM_LETTERS = "ACDEFHJKLMNPRTUVWXY"  # no look-alikes (0/O, 1/I, B/8, S/5, G/6)
ROOM_LENGTH = 4
TOKEN_BYTES = 18  # secrets.token_urlsafe: 144 bits, 24 characters
TALK_SECONDS = 180
MAX_ORDERS = 20


class Refused(Exception):
    """A device asked for something it may not do; the words go back to that device only."""


@frozen
class Proposal:
    """A deal one team proposed to another in this turn's talks.

    A joint move of both: accepted, both teams play it this turn (the rules need both).
    An offer of the sender's to ``to``: accepted, the sender makes the offer this turn and
    ``to``'s orders carry a standing answer "accept" (``Order(move, THIS_TURN, "accept")``),
    which the rules resolve right after the offer is made: the deal takes effect this turn.
    """

    id: int  # the message that proposed it
    sender: str
    to: str
    move: str
    status: Literal["open", "accepted", "rejected"] = "open"
    offer: bool = False


def room_code() -> str:
    return "".join(secrets.choice(ROOM_LETTERS) for _ in range(ROOM_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def same(given: str, secret: str) -> bool:
    """Whether a device's string is the secret, in constant time (any text: compare_digest needs bytes then)."""
    return secrets.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


class Hub:
    """One hosted game: the links, the phase and timer, each team's draft, seal and deals."""

    def __init__(
        self,
        session: Session,
        *,
        talk_seconds: int = TALK_SECONDS,
        order_seconds: int = 0,
        auto_resolve: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lock = threading.RLock()
        self.session = session
        self.talk_seconds = talk_seconds
        self.order_seconds = order_seconds
        self.auto_resolve = auto_resolve  # no window: the hub resolves the turn when every team sealed
        self.clock = clock
        self.room = room_code()
        self.teacher_token = new_token()
        self.tokens: dict[str, str] = {}  # team token -> actor
        self.phase: Phase = "lobby"
        self.deadline: float | None = None
        self.drafts: dict[str, list[Order]] = {}
        self.sealed: dict[str, list[Order]] = {}
        self.proposals: dict[int, Proposal] = {}
        self.version = 0  # bumped by a change every device sees
        self.team_versions: dict[str, int] = {}  # bumped by a change one team sees (its draft)
        self.listeners: list[Callable[[], None]] = []
        self.state_file: Path | None = None  # where links and the turn's seals are kept, to resume
        self.opened = (0, 0)  # the turn (and its round: format 2 phases) whose talks and orders are open
        self.unsaved_talk = False  # messages said since the last autosave
        self.promised: list[Proposal] = []  # offers accepted in last turn's talks, to answer now

    # --- who is who -----------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    def open_seats(self) -> list[str]:
        """Seats of people that no device has joined yet, in scenario order."""
        joined = set(self.tokens.values())
        return [a for a in self.session.humans if a not in joined]

    def joined(self) -> list[str]:
        joined = set(self.tokens.values())
        return [a for a in self.scenario.actors if a in joined]

    def team_of(self, token: object) -> str | None:
        """The team a link's token belongs to; None for anything else (a forged or revoked token)."""
        if not isinstance(token, str):
            return None
        with self.lock:
            for known, actor in self.tokens.items():
                if same(token, known):
                    return actor
        return None

    def is_teacher(self, token: object) -> bool:
        return isinstance(token, str) and same(token, self.teacher_token)

    def join(self, room: object, actor: object) -> str:
        """A device claims an open seat with the room code (before the game starts); its token."""
        with self.lock:
            if not isinstance(room, str) or not same(room.strip().upper(), self.room):
                raise Refused("wrong room code")
            if self.phase != "lobby":
                raise Refused("the game has started: ask the teacher for your team's link")
            if actor not in self.open_seats():
                raise Refused("that team has joined already: ask it for its link, or the teacher")
            token = new_token()
            self.tokens[token] = str(actor)
            self.remember()
            self.changed()
            return token

    def link_for(self, actor: str) -> str:
        """The token of a team's link (a new one if it has none)."""
        with self.lock:
            for token, holder in self.tokens.items():
                if holder == actor:
                    return token
            return self.new_link(actor)

    def new_link(self, actor: str) -> str:
        """Move a team to another device: its old link stops working at once."""
        with self.lock:
            if actor not in self.session.humans:
                raise Refused("not a team of people")
            self.tokens = {t: a for t, a in self.tokens.items() if a != actor}
            token = new_token()
            self.tokens[token] = actor
            self.remember()
            self.changed()
            return token

    # --- the phases -------------------------------------------------------------------------

    def start(self, *, bots_for_open_seats: bool = True) -> None:
        """The teacher starts the game: seats nobody joined go to bots (or stay at the laptop)."""
        with self.lock:
            if self.phase != "lobby":
                return
            if bots_for_open_seats and self.open_seats() and not self.session.save.turns:
                seats = dict(self.session.seats)
                for actor in self.open_seats():
                    seats[actor] = self.scenario.actors[actor].bot
                old = self.session
                self.session = Session(old.scenario, seats, old.seed, autosave=old.autosave)
                self.session.keep()
            self.open_turn()
            self.remember()

    def ensure_turn(self) -> None:
        """Open the game's turn unless it is open already (a resumed game keeps its seals)."""
        with self.lock:
            if self.phase == "lobby":
                return
            state = self.session.state
            if self.opened != (state.turn, state.round) or self.phase in ("reveal", "over"):
                self.open_turn()

    def open_turn(self) -> None:
        """A new turn: talks first (when they have time), then orders. A later round of a turn in
        rounds (format 2 phases) goes straight to its orders: the talks were at the turn's start."""
        with self.lock:
            state = self.session.state
            self.opened = (state.turn, state.round)
            self.drafts, self.sealed, self.proposals = {}, {}, {}
            if state.over:
                self.phase, self.deadline = "over", None
            elif self.talk_seconds > 0 and len(self.joined()) > 1 and state.round == 0:
                self.phase, self.deadline = "talks", self.clock() + self.talk_seconds
            else:
                self.to_orders()
                return
            self.changed()

    def to_orders(self) -> None:
        with self.lock:
            self.phase = "orders"
            self.deadline = self.clock() + self.order_seconds if self.order_seconds else None
            for proposal in self.proposals.values():  # an unanswered proposal lapses with the talks
                if proposal.status == "open":
                    self.proposals[proposal.id] = evolve(proposal, status="rejected")
            self.changed()

    def tick(self) -> None:
        """The clock moved: talks whose time is up give way to the orders."""
        with self.lock:
            if self.phase == "talks" and self.deadline is not None and self.clock() >= self.deadline:
                self.to_orders()

    def seconds_left(self) -> int | None:
        if self.deadline is None:
            return None
        return max(0, round(self.deadline - self.clock()))

    def extend(self, seconds: int) -> None:
        with self.lock:
            if self.phase not in ("talks", "orders"):
                raise Refused("no timer is running")
            base = max(self.deadline or self.clock(), self.clock())
            self.deadline = base + max(0, min(int(seconds), 600))
            self.changed()

    def device_teams(self) -> list[str]:
        """Teams that order from their devices this game (the others: bots, or at the laptop)."""
        return [a for a in self.joined() if self.session.seats.get(a) == HUMAN]

    def waiting(self) -> list[str]:
        """Device teams that have not sealed their orders yet: of those who order in this round and
        have something to play (the others are not asked; their devices say whose move it is)."""
        return [a for a in self.device_teams() if a not in self.sealed and self.asked(a)]

    def asked(self, actor: str) -> bool:
        """Whether the team orders now: its round (format 2 phases), and something it may play."""
        return actor in self.session.acting() and not self.session.idle(actor)

    def ordering(self, actor: str) -> str:
        """Whether the turn waits for the team's orders: "now"; "other_round", its orders belong to another
        round of the turn (format 2 phases); "nothing", it has no card it can play now."""
        if self.asked(actor):
            return "now"
        return "other_round" if actor not in self.session.acting() else "nothing"

    def all_sealed(self) -> bool:
        return self.phase == "orders" and not self.waiting()

    # --- a team's orders --------------------------------------------------------------------

    def deals_of(self, actor: str) -> list[str]:
        """Moves the team agreed in this turn's talks to play: they are part of its orders.

        A joint move for both teams; an offer for the team that makes it."""
        return [
            p.move
            for p in self.proposals.values()
            if p.status == "accepted" and (actor == p.sender or (actor == p.to and not p.offer))
        ]

    def accepted_offers(self, actor: str) -> list[str]:
        """Offers made to the team that it accepted in this turn's talks: its orders accept them in advance."""
        return [p.move for p in self.proposals.values() if p.status == "accepted" and p.offer and actor == p.to]

    def with_deals(self, actor: str, orders: Sequence[Order]) -> list[Order]:
        """The team's orders with what it agreed in the talks: the deals it plays, the offers it accepts."""
        agreed = [Order(m) for m in self.deals_of(actor) if all(o.move != m or o.offer is not None for o in orders)]
        standing = [Order(m, THIS_TURN, "accept") for m in self.accepted_offers(actor)]
        rest = [o for o in orders if o.offer != THIS_TURN]  # the talks decide these, not the page
        return [*agreed, *standing, *rest]

    def draft(self, actor: str, orders: Sequence[Order]) -> None:
        """What the team is thinking of ordering, shared by all its devices (not yet checked)."""
        with self.lock:
            if actor in self.sealed:
                raise Refused("your orders are sealed")
            self.drafts[actor] = list(orders)[:MAX_ORDERS]
            self.changed(only=actor)

    def seal(self, actor: str, orders: Sequence[Order]) -> None:
        """The team's orders, final: checked by the rules with the deals it agreed to."""
        with self.lock:
            if self.phase != "orders":
                raise Refused("orders are sealed in the orders phase")
            if actor in self.sealed:
                raise Refused("your orders are sealed already")
            full = self.with_deals(actor, orders)
            try:
                check_orders(self.scenario, self.session.state, actor, full)
            except IllegalOrderError as error:
                raise Refused(str(error)) from None
            self.sealed[actor] = full
            self.session.give_orders(actor, full)
            self.drafts.pop(actor, None)
            self.remember(keep=True)
            self.changed()
            if self.auto_resolve and not self.waiting() and not self.session.waiting_for():
                self.resolve()

    def resolve(self) -> None:
        """Resolve the turn (the hub's own, with no window to play the reveal)."""
        with self.lock:
            self.session.resolve()
            self.after_resolve()
            self.open_turn()

    def after_resolve(self) -> None:
        """The window resolved the turn: the devices show the reveal until the next turn opens."""
        with self.lock:
            self.phase = "over" if self.session.state.over else "reveal"
            self.deadline = None
            self.sealed, self.drafts = {}, {}
            self.remember(keep=True)
            self.changed()

    # --- the talks ----------------------------------------------------------------------------

    def say(self, sender: str, to: object, text: object) -> Message:
        with self.lock:
            return self._record(sender, to, text, "message")

    def propose(self, sender: str, to: object, move: object, text: object = "") -> Message:
        """Propose a deal (see :class:`Proposal`): a joint move of both teams, or an offer to ``to``."""
        with self.lock:
            spec = self.scenario.moves.get(move) if isinstance(move, str) else None
            joint = spec is not None and spec.joint and sender in spec.by and to in spec.by and to != sender
            offer = spec is not None and spec.offer is not None and sender in spec.by and spec.offer.to == to
            if not (joint or offer):
                raise Refused("only a joint move of both teams, or an offer to that team, can be proposed")
            message = self._record(sender, to, text, "proposal", move=str(move))
            self.proposals[message.id] = Proposal(message.id, sender, str(to), str(move), offer=offer and not joint)
            return message

    def answer(self, actor: str, proposal_id: object, accept: object) -> Message:
        with self.lock:
            proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, int) else None
            if proposal is None or proposal.to != actor:
                raise Refused("no such proposal to your team")
            if proposal.status != "open":
                raise Refused("that proposal was answered already")
            accepting = accept is True
            if accepting:
                for team in (proposal.sender,) if proposal.offer else (proposal.sender, proposal.to):
                    problem = self._cannot_agree(team, proposal.move)
                    if problem:
                        raise Refused(problem)
            status: Literal["accepted", "rejected"] = "accepted" if accepting else "rejected"
            self.proposals[proposal.id] = evolve(proposal, status=status)
            kind: Literal["accept", "reject"] = "accept" if accepting else "reject"
            message = self._record(actor, proposal.sender, "", kind, move=proposal.move, about=proposal.id)
            self.remember(keep=True)
            return message

    def _cannot_agree(self, team: str, move: str) -> str | None:
        if team in self.sealed:
            return f"{team} has sealed its orders"
        try:
            check_orders(self.scenario, self.session.state, team, [Order(m) for m in {*self.deals_of(team), move}])
        except IllegalOrderError as error:
            return str(error)
        return None

    def _record(
        self,
        sender: str,
        to: object,
        text: object,
        kind: Literal["message", "proposal", "accept", "reject"],
        move: str | None = None,
        about: int | None = None,
    ) -> Message:
        if self.phase not in ("talks", "orders"):
            raise Refused("the talks are closed")
        if kind in ("message", "proposal") and self.phase != "talks":
            raise Refused("the talks are over for this turn")
        if not isinstance(to, str) or (to != EVERYONE and to not in self.scenario.actors) or to == sender:
            raise Refused("no such team to talk to")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise Refused(f"a message has at most {MAX_TEXT} characters")
        clean = "".join(c for c in text.strip() if c.isprintable() or c == "\n")
        if kind == "message" and not clean:
            raise Refused("an empty message")
        message = Message(self.session.next_message_id(), self.session.state.turn, sender, to, clean, kind, move, about)
        if not self.session.say(message):
            raise Refused("the game holds no more messages")
        self.unsaved_talk = True  # autosaved within a second (keep_talk), not once per message
        if kind == "message":
            self.notify()  # the state is the same: only the new message goes out
        else:
            self.changed()  # a proposal or an answer changes the deals every party sees
        return message

    def messages_for(self, actor: str | None, after: int = 0) -> list[Message]:
        """What a team may read (None: the teacher reads every channel), said after message ``after``."""
        dialogue = self.session.dialogue
        start = 0
        if dialogue and after > 0:  # ids grow by one: start near the first unseen one
            start = max(0, min(len(dialogue), after - dialogue[0].id + 1))
            while start > 0 and dialogue[start - 1].id > after:
                start -= 1
        fresh = dialogue[start:]
        return [m for m in fresh if m.id > after and (actor is None or m.reaches(actor))]

    # --- changes and resuming -----------------------------------------------------------------

    def changed(self, only: str | None = None) -> None:
        """Something changed: for every device, or (``only``) for one team's devices."""
        if only is None:
            self.version += 1
        else:
            self.team_versions[only] = self.team_versions.get(only, 0) + 1
        self.notify()

    def notify(self) -> None:
        """Wake whoever pushes news to the devices (a message said: no state changed)."""
        for listener in list(self.listeners):
            listener()

    def version_for(self, actor: str | None) -> tuple[int, int]:
        """What a device's state depends on: every device's changes, and its own team's."""
        return self.version, self.team_versions.get(actor, 0) if actor is not None else 0

    def keep_talk(self) -> None:
        """Autosave the talks said since the last save (the server calls it once a second)."""
        with self.lock:
            if self.unsaved_talk:
                self.unsaved_talk = False
                self.session.keep()

    def remember(self, *, keep: bool = False) -> None:
        """Keep the links and this turn's seals and deals beside the autosave (to resume);
        with ``keep``, autosave the game (and its talks) too."""
        if keep:
            self.unsaved_talk = False
            self.session.keep()
        if self.state_file is None:
            return
        data = {
            "room": self.room,
            "teacher": self.teacher_token,
            "tokens": self.tokens,
            "turn": self.session.state.turn,
            "round": self.session.state.round,  # format 2 phases: the seals are of this round
            "sealed": {a: [_order_json(o) for o in orders] for a, orders in self.sealed.items()},
            "deals": [
                [p.id, p.sender, p.to, p.move, p.offer] for p in self.proposals.values() if p.status == "accepted"
            ],
        }
        try:
            temp = self.state_file.with_suffix(".tmp")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the links are secrets
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(temp, self.state_file)
        except OSError:
            pass  # the game goes on; only a restart of the laptop would need new links

    def restore(self, path: Path) -> bool:
        """Take back the links (and this turn's seals) kept beside the autosave; False if none."""
        self.state_file = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tokens = {str(t): str(a) for t, a in data["tokens"].items() if a in self.session.humans}
            room, teacher = str(data["room"]), str(data["teacher"])
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            return False
        with self.lock:
            self.tokens, self.room, self.teacher_token = tokens, room, teacher
            if self.session.state.over:
                self.phase = "over"
                return True
            self.open_turn()
            if (data.get("turn"), data.get("round", 0)) == (self.session.state.turn, self.session.state.round):
                self._restore_turn(data)
            self.changed()
        return True

    def _restore_turn(self, data: dict[str, Any]) -> None:
        for number, sender, to, move, offer in data.get("deals", []):
            self.proposals[int(number)] = Proposal(
                int(number), str(sender), str(to), str(move), "accepted", bool(offer)
            )
        sealed = data.get("sealed", {})
        if sealed:
            self.to_orders()
        for actor, raw in sealed.items():
            orders = [order_from(o) for o in raw]
            if actor in self.session.humans and all(o is not None for o in orders):
                self.sealed[actor] = [o for o in orders if o is not None]
                self.session.give_orders(actor, self.sealed[actor])


def _order_json(order: Order) -> dict[str, Any]:
    return {"move": order.move, "offer": order.offer, "answer": order.answer}


def order_from(raw: object) -> Order | None:
    """An order as a device sends it: {"move": id} or {"move", "offer", "answer"}; None if malformed."""
    if not isinstance(raw, dict) or not set(raw) <= {"move", "offer", "answer"}:
        return None
    move, offer, answer = raw.get("move"), raw.get("offer"), raw.get("answer")
    if not isinstance(move, str) or len(move) > 100:
        return None
    if offer is None and answer is None:
        return Order(move)
    if isinstance(offer, int) and not isinstance(offer, bool) and answer in ("accept", "reject", "counter"):
        return Order(move, offer, answer)
    return None
