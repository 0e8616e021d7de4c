"""What one player may see: bots and the UI get views, never the full state."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from attrs import frozen

from game.engine import rng
from game.engine.facts import KIND as FACT
from game.engine.facts import fact_guesses, fact_of, facts_seen, redact_fact, sees_fact
from game.engine.purse import purse_of
from game.engine.sight import Sight, sight, unseen_reads
from game.engine.state import (
    ActiveAgreement,
    Arg,
    GameState,
    LogEntry,
    Msg,
    Order,
    Outcome,
    PendingOffer,
    Ref,
    TokenState,
    TurnSoFar,
)
from game.engine.turn import PRIVATE, budget, legal_within, offers_grouped
from game.i18n import N_
from game.scenario.model import Move, Scenario, fact_ref

_NO_PURSES: Mapping[str, tuple[int | None, ...]] = MappingProxyType({})


@frozen
class TrackView:
    """A track as one player sees it: the value, or a range that holds it, or nothing."""

    ref: str
    value: int | None
    low: int
    high: int

    @property
    def exact(self) -> bool:
        return self.value is not None

    @property
    def known(self) -> bool:
        return self.value is not None or self.low <= self.high

    @property
    def guess(self) -> float:
        """Best guess of the value: the value, or the middle of the range."""
        return float(self.value) if self.value is not None else (self.low + self.high) / 2


@frozen(slots=False)  # built five times a turn: a __dict__ is filled in half the time of 18 slots
class View:
    actor: str
    turn: int
    turn_range: tuple[int, int]
    tracks: Mapping[str, TrackView]
    budget: int
    orders: tuple[Order, ...]  # every legal order
    offers_to_me: tuple[PendingOffer, ...]
    my_offers: tuple[PendingOffer, ...]
    agreements: tuple[ActiveAgreement, ...]
    tokens: tuple[TokenState, ...]
    events: tuple[str, ...]
    event_log: tuple[LogEntry, ...]
    outcome: Outcome | None
    plays: Mapping[str, int]  # move -> times the viewer played it this game (worked out when first read)
    # Counts of plays are public: every move played is revealed in the log. Read-only views of
    # the state's own dicts (a state is never changed once made), so a view copies nothing.
    ever: Mapping[str, int]  # move -> times played so far in the game, by anyone
    last_played: Mapping[str, int]  # move -> times played last turn
    last_kinds: Mapping[str, int]  # kind -> moves of that kind played last turn
    # format 2: what the viewer holds of each resource (scenario.resource_ids order; format 1: empty,
    # the budget is all), and other teams' amounts of the resources that are `visible: public` (None where not)
    purse: tuple[int, ...] = ()
    purses: Mapping[str, tuple[int | None, ...]] = _NO_PURSES
    facts: tuple[str, ...] = ()  # format 2: the facts true now that the viewer reads, in the file's order
    # Format 2 `phases`: the round whose orders are awaited, and what this turn's earlier rounds did that
    # the viewer saw (``so_far_seen``): a bot plays the rest of the turn out from here (game.bots.lookahead).
    round: int = 0
    so_far: TurnSoFar | None = None


_SIGHTS: dict[tuple[int, str | None], tuple[Scenario, tuple[tuple[str, Sight], ...]]] = {}


def _sights(scenario: Scenario, actor: str | None) -> tuple[tuple[str, Sight], ...]:
    """How the actor sees each track, worked out once per scenario and actor."""
    cached = _SIGHTS.get((id(scenario), actor))
    if cached is None or cached[0] is not scenario:
        if len(_SIGHTS) > 64:
            _SIGHTS.clear()
        cached = _SIGHTS[(id(scenario), actor)] = (
            scenario,
            tuple((ref, sight(scenario, ref, actor)) for ref in scenario.all_tracks),
        )
    return cached[1]


def guesses(view: View) -> dict[str, float]:
    """The best guess of every track in a view (``TrackView.guess`` of each)."""
    tracks = view.tracks
    if isinstance(tracks, _Tracks):
        return tracks.guesses()
    return {ref: tv.guess for ref, tv in tracks.items()}


def track_view(scenario: Scenario, state: GameState, ref: str, actor: str | None) -> TrackView:
    return TrackView(ref, *_seen(scenario, state, ref, actor))


def _seen(
    scenario: Scenario, state: GameState, ref: str, actor: str | None, seen: Sight | None = None
) -> tuple[int | None, int, int]:
    """(value, low, high) of a track as the actor sees it: see TrackView. ``seen``: its sight, if known."""
    value = state.tracks[ref]
    if seen is None:
        seen = sight(scenario, ref, actor)
    if seen == "exact":
        return value, value, value
    track = scenario.all_tracks[ref]
    reach = track.estimate if seen == "estimate" else None
    learned = state.learned.get(f"{actor}:{ref}") if state.learned else None
    if learned is not None and (reach is None or learned < reach):
        if learned == 0:  # intelligence told the value: seen exactly from now on
            return value, value, value
        reach = learned
    if reach is None:
        return None, 1, 0
    width = 2 * reach
    # the public range has one draw for all; a range narrowed by intelligence, one for its viewer
    who = "" if reach == track.estimate and seen == "estimate" else f"{actor}:{reach}"
    low = max(track.min, min(value - estimate_offset(state, ref, width, who), track.max - width))
    return None, low, min(track.max, low + width)


def seen_as(scenario: Scenario, state: GameState, ref: str, actor: str | None) -> Sight:
    """How the actor sees a track in this game: as the scenario says, or better where it learnt more."""
    seen = track_view(scenario, state, ref, actor)
    if seen.exact:
        return "exact"
    return "estimate" if seen.known else "none"


def estimate_offset(state: GameState, ref: str, width: int, who: str = "") -> int:
    """Where the true value sits in a hidden track's range, from its low end: one draw per game and track.

    The same for every viewer and every turn: a range drawn afresh each turn, or for each viewer,
    would pin the value down by intersecting the ranges. So the range moves only when the value
    does, by the game's own effects. The draw reads the game's seed, which no player sees.
    ``who``: a viewer's own narrower range (intelligence) has its own draw, made once.
    """
    global _OFFSETS
    memo = _OFFSETS  # one read of a tuple: another thread's update is seen whole or not at all
    if memo[0] != state.seed or memo[1] != state.dice:  # a new game: its own draws
        memo = _OFFSETS = (state.seed, state.dice, {})
    found = memo[2].get((ref, who, width))
    if found is None:  # drawn once a game (a bot reads every hidden track in every view)
        key = f"estimate:{ref}:{who}" if who else f"estimate:{ref}"
        found = memo[2][(ref, who, width)] = rng.derive(state.seed, 0, key, state.dice).randint(0, width)
    return found


#: the last game's draws of estimate_offset: (seed, dice, {(track, who, width): offset})
_OFFSETS: tuple[int, int, dict[tuple[str, str, int], int]] = (-1, 0, {})


def redact(scenario: Scenario, actor: str | None, log: Iterable[LogEntry]) -> tuple[LogEntry, ...]:
    """The log as an actor may read it: rolls whose modifier reads a track it cannot see lose their
    numbers (the modifier, or the total, would give the value away); another actor's private lines
    go; and the changes to a track it cannot see become one line at the end of their turn, which
    says only that the track changed: neither by how much nor which move or event did it (the
    line's place in the log would name the move as surely as its words)."""
    out: list[LogEntry] = []
    hidden: set[str] = set()  # the tracks it cannot see that changed in the turn being read
    late: list[LogEntry] = []  # facts changed by a play it did not see (format 2), told at the turn's end
    umpire = actor in scenario.umpires  # format 2's facilitator reads everything, as the teacher does
    turn, phase = -1, "upkeep"
    for entry in log:
        if entry.turn != turn:
            out.extend(_changed(scenario, actor, turn, phase, hidden))
            out.extend(_in_file_order(scenario, late))
            hidden, late, turn, phase = set(), [], entry.turn, "upkeep"
        if entry.kind == FACT:
            told, is_late = redact_fact(scenario, actor, entry)
            if told is not None:
                (late if is_late else out).append(told)
            continue
        if umpire:
            out.append(entry)
            continue
        if entry.kind == PRIVATE and entry.actor != actor:
            continue
        if entry.audience is not None and actor not in entry.audience:  # a covert play, a private event
            if entry.track is not None:
                hidden.add(entry.track)  # told as 'changed out of sight', with no cause and no numbers
            continue
        if entry.track is not None and sight(scenario, entry.track, actor) != "exact":
            hidden.add(entry.track)
            continue
        if entry.kind == "roll" and entry.source in scenario.moves and not _roll_seen(scenario, entry.source, actor):
            entry = entry._replace(**_hidden_roll(scenario, entry))
        out.append(entry)
        phase = entry.phase
    out.extend(_changed(scenario, actor, turn, phase, hidden))
    out.extend(_in_file_order(scenario, late))
    return tuple(out)


def _in_file_order(scenario: Scenario, late: list[LogEntry]) -> list[LogEntry]:
    """Facts told late in the scenario's order, not the order of the plays that set them (that would tell)."""
    if len(late) < 2:
        return late
    rank = {fact: index for index, fact in enumerate(scenario.facts)}
    return sorted(late, key=lambda e: rank[fact_of(e)])


def _changed(scenario: Scenario, actor: str | None, turn: int, phase: str, refs: set[str]) -> list[LogEntry]:
    """One line for each track that changed unseen, in the scenario's order (not the order they changed in).
    A track the viewer sees whose change came from something it did not see changed 'out of sight'."""
    return [
        LogEntry(
            turn,
            phase,
            "change",
            OUT_OF_SIGHT if sight(scenario, ref, actor) == "exact" else HIDDEN_CHANGE,
            track=ref,
            args=(("track", _label(scenario, ref)),),
        )
        for ref in scenario.all_tracks
        if ref in refs
    ]


def _label(scenario: Scenario, ref: str) -> Ref:
    return Ref("track", ref, scenario.track_label[ref])


def _roll_seen(scenario: Scenario, move_id: str, actor: str | None) -> bool:
    """Whether every track a move's roll modifier reads is one the actor sees exactly."""
    roll = scenario.moves[move_id].roll
    return roll is None or not unseen_reads(scenario, roll.plus, actor)


def hidden_condition(scenario: Scenario, actor: str, move: Move) -> bool:
    """Whether a card's condition reads something the actor cannot see: the card is then offered
    whenever what the actor sees allows it, and may fail when played (sight.py's ``may_hold``)."""
    return bool(unseen_reads(scenario, move.requires, actor))


#: a track that changed where the reader cannot see it: neither how much nor why (see redact)
HIDDEN_CHANGE = N_("{track} changed (hidden).")
#: a track the reader sees, changed by something it did not see (a covert move: format 2)
OUT_OF_SIGHT = N_("{track} changed: something happened out of sight.")


def _hidden_roll(scenario: Scenario, entry: LogEntry) -> dict[str, Any]:
    """A roll told without its modifier's value or the total: the dice, the target and the verdict."""
    move_id = entry.source or ""
    move = scenario.moves[move_id]
    roll = move.roll
    assert roll is not None
    meaning = roll.success_text if entry.success else roll.failure_text
    verdict: Arg = Msg(N_("success") if entry.success else N_("failure"))
    kind = "success" if entry.success else "failure"
    band = roll.band_named(entry.band)
    if band is not None:  # a graded result (format 2) is told by its name
        index = roll.results.index(band)
        kind, meaning = "band_text", band.text
        verdict = Ref("band", f"{move_id}/{index}", str(band.name))
    args: tuple[tuple[str, Arg], ...] = (
        ("move", Ref("move", move_id, str(move.name))),
        ("dice", "+".join(str(face) for face in entry.dice or ())),
        ("target", roll.target),
        ("verdict", verdict),
    )
    if not meaning:
        message = N_("{move}: rolled {dice} plus a modifier you cannot see, against {target}: {verdict}.")
        return {"message": message, "args": args}
    meaning_id = f"{move_id}/{index}" if band is not None else move_id
    args = (*args, ("meaning", Ref(kind, meaning_id, str(meaning))))
    message = N_("{move}: rolled {dice} plus a modifier you cannot see, against {target}: {verdict}. {meaning}")
    return {"message": message, "args": args}


class _Tracks(Mapping[str, TrackView]):
    """Track views computed when first read: many bots never look at most tracks."""

    __slots__ = ("_actor", "_done", "_scenario", "_state")

    def __init__(self, scenario: Scenario, state: GameState, actor: str | None) -> None:
        self._scenario, self._state, self._actor = scenario, state, actor
        self._done: dict[str, TrackView] | None = None  # made when first read: random bots read none

    def __getitem__(self, ref: str) -> TrackView:
        done = self._done
        if done is None:
            done = self._done = {}
        seen = done.get(ref)
        if seen is None:
            seen = done[ref] = track_view(self._scenario, self._state, ref, self._actor)
        return seen

    def __iter__(self) -> Iterator[str]:
        return iter(self._scenario.all_tracks)

    def __len__(self) -> int:
        return len(self._scenario.all_tracks)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def guesses(self) -> dict[str, float]:
        """Every track's ``TrackView.guess``, without making the views (a bot weighs them all)."""
        out: dict[str, float] = {}
        done, values = self._done or {}, self._state.tracks
        if self._scenario.facts:  # format 2: what the viewer reads of the facts, 0 for the rest
            out.update(fact_guesses(self._scenario, self._state, self._actor))
        for ref, seen in _sights(self._scenario, self._actor):
            if seen == "exact":  # most tracks: the value itself, no view made
                out[ref] = float(values[ref])
                continue
            view = done.get(ref)
            if view is not None:
                out[ref] = view.guess if view.known else _middle(self._scenario, ref)
                continue
            value, low, high = _seen(self._scenario, self._state, ref, self._actor, seen)  # no view made
            if value is not None:
                out[ref] = float(value)
            elif low > high:  # not seen at all
                out[ref] = _middle(self._scenario, ref)
            else:
                out[ref] = (low + high) / 2
        return out


def _middle(scenario: Scenario, ref: str) -> float:
    """The guess of a track the viewer cannot see at all: the middle of its limits (not 0, which would
    make a bot take a roll that adds another team's secret for a long shot, or a sure thing)."""
    track = scenario.all_tracks[ref]
    return (track.min + track.max) / 2


class _Plays(Mapping[str, int]):
    """The viewer's own counts of plays, picked out of the state's when first read (no bot reads them)."""

    __slots__ = ("_actor", "_all", "_mine")

    def __init__(self, plays: Mapping[str, int], actor: str) -> None:
        self._all, self._actor = plays, actor
        self._mine: dict[str, int] | None = None

    def _dict(self) -> dict[str, int]:
        if self._mine is None:
            prefix = f"{self._actor}:"
            self._mine = {k.split(":", 1)[1]: v for k, v in self._all.items() if k.startswith(prefix)}
        return self._mine

    def __getitem__(self, move: str) -> int:
        return self._dict()[move]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._dict() == dict(other.items())

    def __repr__(self) -> str:
        return repr(self._dict())

    __hash__ = None  # type: ignore[assignment]


_UNSEEN: dict[tuple[int, str | None], tuple[Scenario, frozenset[str], frozenset[str]]] = {}


def unseen_plays(scenario: Scenario, actor: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The covert moves and the private events the actor does not see, worked out once per scenario."""
    cached = _UNSEEN.get((id(scenario), actor))
    if cached is None or cached[0] is not scenario:
        if len(_UNSEEN) > 64:
            _UNSEEN.clear()
        umpire = actor in scenario.umpires  # the facilitator sees every play, covert or not
        moves = frozenset(
            m for m, move in scenario.moves.items() if move.audience and actor not in move.audience and not umpire
        )
        events = frozenset(
            e
            for e, event in scenario.events.items()
            if event.visible_to is not None and actor not in event.visible_to and not umpire
        )
        cached = _UNSEEN[(id(scenario), actor)] = (scenario, moves, events)
    return cached[1], cached[2]


def events_seen(scenario: Scenario, state: GameState, actor: str | None) -> tuple[str, ...]:
    """This turn's event cards the actor (None: the projector) may see: private events only by their audience."""
    _, private = unseen_plays(scenario, actor)
    return tuple(e for e in state.events if e not in private) if private else state.events


def _counts_seen(scenario: Scenario, state: GameState, covert: frozenset[str]) -> tuple[Mapping[str, int], ...]:
    """ever, last_played and last_kinds without the covert plays the actor did not see."""
    kinds = dict(state.last_kinds)
    for move_id in covert:
        kind = scenario.moves[move_id].kind
        kinds[kind] = kinds.get(kind, 0) - state.last_played.get(move_id, 0)
    return (
        {m: n for m, n in state.ever.items() if m not in covert},
        {m: n for m, n in state.last_played.items() if m not in covert},
        {k: n for k, n in kinds.items() if n},
    )


def view(scenario: Scenario, state: GameState, actor: str) -> View:
    """Everything the actor may know at the start of its orders."""
    facts = _LAST_FACTS  # the scenario being played: one test
    if facts[0] is not scenario:
        facts = _facts(scenario)
    shared = _LAST_SHARED  # one read of a tuple: another thread's update is seen whole or not at all
    if shared[0] is not state:  # the first of this state's views: what every viewer is shown alike
        shared = _shared(state)
    seen = facts[1].get(actor)
    covert, private = seen if seen is not None else unseen_plays(scenario, actor)
    # A view is built five times a turn: its fields are filled from the state's shared ones (a copy of one
    # dict), then the viewer's own are set; attrs' __init__ would store all 22 one by one.
    made = _new(View)
    fields = made.__dict__
    fields.update(shared[1])
    _own_cards(fields, scenario, state, actor)
    fields["turn_range"] = facts[2]  # scenario.turn_range
    fields["tracks"] = _Tracks(scenario, state, actor)
    fields["plays"] = _Plays(state.plays, actor)
    if covert:  # format 2: less the covert plays it did not see
        fields["ever"], fields["last_played"], fields["last_kinds"] = _counts_seen(scenario, state, covert)
    if private:
        fields["events"] = tuple(e for e in state.events if e not in private)
    if state.event_log:
        fields["event_log"] = redact(scenario, actor, state.event_log)
    if facts[3]:  # format 2: the viewer's resources and the others' public ones, the facts it reads
        fields["purse"], fields["purses"] = _purses(scenario, state, actor)
        if scenario.facts:
            fields["facts"] = facts_seen(scenario, state, actor)
    if state.so_far is not None:
        fields["so_far"] = so_far_seen(scenario, state, actor, covert)
    return made


#: the fields an orders_view() holds
ORDERS_FIELDS = frozenset({"actor", "turn", "round", "budget", "purse", "orders", "offers_to_me", "my_offers"})


def orders_view(scenario: Scenario, state: GameState, actor: str) -> View:
    """The part of the actor's view that a bot reading only its cards needs (the random bot): the
    fields of ``ORDERS_FIELDS``, each as view() makes it. Any other field is missing: reading it
    raises AttributeError, so a bot that reads more cannot be handed this by mistake. It costs a
    third of view() (no tracks, counts, log or the state's shared fields), and holds no more."""
    made = _new(View)
    fields = made.__dict__
    _own_cards(fields, scenario, state, actor)
    fields["turn"] = state.turn
    fields["round"] = state.round
    fields["purse"] = _purses(scenario, state, actor)[0] if scenario.format >= 2 else ()
    return made


def _own_cards(fields: dict[str, Any], scenario: Scenario, state: GameState, actor: str) -> None:
    """The fields of a view that are the viewer's own cards, as view() and orders_view() set them: who it
    is, its budget, its legal orders, this turn's offers to it and its own offers awaiting an answer."""
    cash = state.budgets.get(actor)  # budget(), its usual case written out
    if cash is None:
        cash = budget(scenario, state, actor)
    fields["actor"] = actor
    fields["budget"] = cash
    fields["orders"] = tuple(legal_within(scenario, state, actor, cash))
    if state.offers:  # sorted once per state, by target and by maker
        grouped = offers_grouped(state)
        fields["offers_to_me"] = grouped[1].get(actor, ())
        fields["my_offers"] = grouped[2].get(actor, ())
    else:
        fields["offers_to_me"] = fields["my_offers"] = ()


def _shared(state: GameState) -> tuple[object, dict[str, Any]]:
    """A view's fields as every viewer of the state sees them, in the fields' order; view() sets the
    viewer's own (and those that depend on what it does not see)."""
    global _LAST_SHARED
    fields: dict[str, Any] = {
        "actor": None,
        "turn": state.turn,
        "turn_range": (0, 0),
        "tracks": None,
        "budget": 0,
        "orders": (),
        "offers_to_me": (),
        "my_offers": (),
        "agreements": state.agreements,
        "tokens": state.tokens,
        "events": state.events,
        "event_log": (),
        "outcome": state.outcome,
        "plays": None,
        # read-only views of the state's own counts (it is never changed once made): copied not at all
        "ever": _proxy(state.ever),
        "last_played": _proxy(state.last_played),
        "last_kinds": _proxy(state.last_kinds),
        "purse": (),  # format 1: the budget is all, and no facts
        "purses": _NO_PURSES,
        "facts": (),
        "round": state.round,
        "so_far": None,
    }
    shared = _LAST_SHARED = (state, fields)
    return shared


def so_far_seen(scenario: Scenario, state: GameState, actor: str, covert: frozenset[str]) -> TurnSoFar | None:
    """What this turn's earlier rounds did, as the actor saw it in their log: the plays, less the covert
    ones it did not see (``covert``); who last moved a track, only for a track it sees exactly and only when
    no covert move is hidden from it (the log says a hidden change happened, never whose it was); and
    the interactions that happened, less those a hidden move takes part in; the resources gained for next
    turn, its own and the public ones. What is dropped depends on the scenario alone, never on what was
    played, so the dropping tells nothing either."""
    so_far = state.so_far
    if so_far is None:
        return None
    moved = so_far.raised_by.keys() | so_far.lowered_by.keys()
    exact = {ref for ref in moved if _blame_seen(scenario, ref, actor)}
    gained = so_far.gained
    if gained:
        shown = _resources_seen(scenario, actor)
        gained = {key: n for key, n in gained.items() if key in shown}
    if not covert and len(exact) == len(moved) and len(gained) == len(so_far.gained):
        return so_far  # every play public, every blamed track seen, every gain told: the state's own record
    kinds = dict(so_far.kinds)
    for move_id in covert:
        kind = scenario.moves[move_id].kind
        kinds[kind] = kinds.get(kind, 0) - so_far.played.get(move_id, 0)
    blamed = set() if covert else exact
    return TurnSoFar(
        {m: n for m, n in so_far.played.items() if m not in covert},
        {k: n for k, n in kinds.items() if n},
        {ref: a for ref, a in so_far.raised_by.items() if ref in blamed},
        {ref: a for ref, a in so_far.lowered_by.items() if ref in blamed},
        tuple((m, a) for m, a in so_far.led if m not in covert),
        frozenset(i for i in so_far.fired if not covert.intersection(scenario.interactions[i].when)),
        gained,
    )


def _blame_seen(scenario: Scenario, ref: str, actor: str) -> bool:
    """Whether the actor's log says who moved a track (one it sees exactly), or who changed a fact (one it reads)."""
    track = scenario.all_tracks.get(ref)
    if track is not None:
        return sight(scenario, ref, actor) == "exact"
    return any(fact_ref(fact_id) == ref and sees_fact(scenario, fact_id, actor) for fact_id in scenario.facts)


def _resources_seen(scenario: Scenario, actor: str) -> frozenset[str]:
    """The keys of the amounts the actor is told of (``purse``): its own resources, and the others' public ones."""
    spend = purse_of(scenario)
    public = [r is not None and r.visible == "public" for r in map(scenario.resources.get, spend.ids)]
    keys = set(spend.keys[actor])
    for other, other_keys in spend.keys.items():
        keys.update(key for key, shown in zip(other_keys, public, strict=True) if shown and other != actor)
    return frozenset(keys)


_proxy = MappingProxyType
_new = object.__new__
_LAST_SHARED: tuple[object, dict[str, Any]] = (None, {})

#: per scenario: each actor's (covert moves, private events) it does not see (unseen_plays), and the
#: range of turns, whether it is format 2 (resources, facts): one look-up a view
_Facts = tuple[Scenario | None, dict[str, tuple[frozenset[str], frozenset[str]]], tuple[int, int], bool]
_FACTS: dict[int, _Facts] = {}
_LAST_FACTS: _Facts = (None, {}, (0, 0), False)  # the last scenario's, tested first


def _facts(scenario: Scenario) -> _Facts:
    """What every actor's view leaves out, worked out once per scenario (five views a turn ask)."""
    global _LAST_FACTS
    facts = _FACTS.get(id(scenario))
    if facts is None or facts[0] is not scenario:
        if len(_FACTS) > 16:
            _FACTS.clear()
        unseen = {actor: unseen_plays(scenario, actor) for actor in scenario.actors}
        facts = _FACTS[id(scenario)] = (scenario, unseen, scenario.turn_range, scenario.format >= 2)
    _LAST_FACTS = facts
    return facts


def _purses(
    scenario: Scenario, state: GameState, actor: str
) -> tuple[tuple[int, ...], Mapping[str, tuple[int | None, ...]]]:
    """The viewer's own amounts, and the others' amounts of public resources (format 2), from the state."""
    spend = purse_of(scenario)
    public = tuple(r is not None and r.visible == "public" for r in map(scenario.resources.get, spend.ids))
    others: Mapping[str, tuple[int | None, ...]] = _NO_PURSES
    if any(public):
        others = {
            other: tuple(
                a if shown else None for a, shown in zip(spend.amounts(state.budgets, other), public, strict=True)
            )
            for other in scenario.actors
            if other != actor
        }
    return spend.amounts(state.budgets, actor), others


@frozen
class Risk:
    """An agreement that playing a move would break: for certain, or if a pending offer is accepted."""

    offer: str  # the offer's move, whose name is the agreement's name
    certain: bool
    answering: str | None = None  # who decides, when it depends on an answer this turn


def agreements_at_risk(scenario: Scenario, view: View, move_id: str, accepting: Iterable[int] = ()) -> list[Risk]:
    """The agreements the viewer would break by playing a move this turn.

    Certain for an agreement in force and for an offer the viewer accepts this turn (the ids in
    ``accepting``); possible for the viewer's own offer that its target answers this turn, since
    the answer and the move are resolved together (answers first).
    """
    risks = []

    def pauses(offer_move: str) -> bool:
        spec = scenario.moves[offer_move].offer
        return bool(spec and spec.agreement and move_id in spec.agreement.pauses.get(view.actor, ()))

    for agreement in view.agreements:
        if pauses(agreement.move):
            risks.append(Risk(agreement.move, True))
    chosen = set(accepting)
    for offer in view.offers_to_me:
        if offer.id in chosen and pauses(offer.move):
            risks.append(Risk(offer.move, True))
    for offer in view.my_offers:
        if pauses(offer.move):
            risks.append(Risk(offer.move, False, offer.to))
    return risks
