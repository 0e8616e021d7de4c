"""The state of a game and the records a turn produces: frozen values, never mutated."""

from __future__ import annotations

from typing import Literal, NamedTuple, cast

from attrs import field, frozen

Answer = Literal["accept", "reject", "counter"]

# The offer number of a standing answer: "accept the offer of this move that its proposer makes to me
# THIS turn" (agreed in the talks). Real offers are numbered from 1, and every reader that takes an
# order with an offer number for an answer rather than a play stays right.
THIS_TURN = 0


@frozen
class Order:
    """One line of a team's secret orders.

    ``Order("ssbn_visit")`` plays a move. ``Order("talks", offer=3, answer="accept")``
    answers pending offer 3 (``move`` names the offered move); with ``answer="counter"``,
    ``move`` is the counter-offer played in reply. ``Order("talks", offer=THIS_TURN, answer="accept")``
    accepts in advance the offer of ``talks`` made to this actor this very turn (a deal agreed in
    the talks): it is resolved right after the offer is made, and lapses if it is not made.
    """

    move: str
    offer: int | None = None
    answer: Answer | None = None

    def __str__(self) -> str:
        if self.offer is None:
            return self.move
        if self.offer == THIS_TURN:
            return f"{self.answer} {self.move} (made this turn)"
        return f"{self.answer} offer {self.offer} ({self.move})"


class Ref(NamedTuple):
    """Something a log message names, by id: the reader's language says it (``game.report.logtext``).

    ``kind`` says which of the scenario's words it is: actor, short (an actor's short name), move,
    signal, event, event_text, ending, interaction, interaction_text, drift (its index), track (a
    label), place, token (the label of the token a move or event places), success and failure (a
    roll's meaning, by move), band and band_text (a graded result's name and meaning, by
    "MOVE/INDEX"). ``name`` is the English, as the scenario says it, for readers without the scenario.
    """

    kind: str
    id: str
    name: str


class Msg(NamedTuple):
    """A message inside a message (the reason of a change, an offer's title): a template and its arguments."""

    message: str
    args: tuple[tuple[str, Arg], ...] = ()


# A message's argument: a number or a typed word kept as it is, a name, several names (said "A and B"),
# or a message of its own.
Arg = int | str | Ref | Msg | tuple[Ref, ...]


class LogEntry(NamedTuple):
    """One thing that happened, and why. Every change of a track is one entry.

    The words are kept as a message: an English template with named placeholders (``message``,
    in the catalogue) and its arguments (``args``: ids and numbers), so that they are said only
    when read, in the reader's language (``game.report.logtext.log_text``); ``text`` says them
    in English. An entry without arguments is its words already (``message`` is the text).
    A named tuple rather than an attrs class: games make tens of thousands of these, and a
    tuple is built several times faster while staying just as immutable.
    """

    turn: int
    phase: str  # events | answers | moves | interactions | upkeep | end
    kind: str  # event | move | change | roll | offer | answer | agreement | interaction | drift | token | ending | note
    message: str
    actor: str | None = None
    source: str | None = None
    track: str | None = None
    before: int | None = None
    after: int | None = None
    dice: tuple[int, ...] | None = None
    success: bool | None = None  # a roll's verdict
    args: tuple[tuple[str, Arg], ...] = ()
    audience: tuple[str, ...] | None = None  # who may read it (a covert move's, a private event's); None: all
    band: str | None = None  # a graded roll's result (format 2 `results`): the name of its band
    round: str | None = None  # format 2 `phases`: the id of the round it happened in (None: no rounds)

    @property
    def text(self) -> str:
        """The entry in English, word for word as the engine has always written it."""
        return english(self.message, self.args) if self.args else self.message


def english(message: str, args: tuple[tuple[str, Arg], ...]) -> str:
    """A message said in English: its template with each argument's English."""
    said = _SAID.get((message, args))
    if said is None:
        if len(_SAID) > 20_000:  # a long session's log is said again and again by the window: keep the recent
            _SAID.clear()
        said = _SAID[(message, args)] = message.format_map({name: english_of(value) for name, value in args})
    return said


_SAID: dict[tuple[str, tuple[tuple[str, Arg], ...]], str] = {}


def english_of(value: Arg) -> str | int:
    """An argument in English: a name's English, a message said, names joined by 'and'."""
    if isinstance(value, Ref):
        return value.name
    if isinstance(value, Msg):
        return english(value.message, value.args) if value.args else value.message
    if isinstance(value, tuple):
        return " and ".join(ref.name for ref in cast("tuple[Ref, ...]", value))
    return value


@frozen
class PendingOffer:
    id: int
    move: str
    by: tuple[str, ...]
    to: str
    turn: int


@frozen
class ActiveAgreement:
    offer: int
    move: str
    parties: tuple[str, ...]
    until: int  # last turn it covers


@frozen
class TokenState:
    place: str
    label: str
    actor: str | None
    source: str
    until: int  # last turn it stays; 0 = for good
    # format 2: the number shown on the piece. Left out of repr, which the golden games' digests print
    # (bench/golden.py): they stay those of the games recorded before; equality still compares it.
    value: int | None = field(default=None, repr=False)


@frozen
class Outcome:
    """How the game ended: which ending, who is blamed, each actor's objectives and score."""

    ending: str
    turn: int
    blamed: str | None
    scores: dict[str, int]
    met: dict[str, tuple[str, ...]]
    winners: tuple[str, ...] = ()  # format 2: the teams the ending says won, and lost
    losers: tuple[str, ...] = ()


# Not slotted: a frozen class with a __dict__ is built in half the time (its fields are stored in
# one dict rather than set one by one), and a bot game makes a state every turn.
@frozen(slots=False)
class GameState:
    """Everything the rules need between two turns."""

    seed: int
    turn: int  # the turn whose orders are awaited (or the last one, once ended)
    end_turn: int  # secret when the scenario's end is uncertain
    tracks: dict[str, int]
    seats: dict[str, str] = field(factory=dict)
    offers: tuple[PendingOffer, ...] = ()
    agreements: tuple[ActiveAgreement, ...] = ()
    tokens: tuple[TokenState, ...] = ()
    plays: dict[str, int] = field(factory=dict)  # "actor:move" -> times played this game
    ever: dict[str, int] = field(factory=dict)  # move -> times it happened this game
    last_played: dict[str, int] = field(factory=dict)  # move -> times, last turn
    last_kinds: dict[str, int] = field(factory=dict)
    events_seen: frozenset[str] = frozenset()
    events: tuple[str, ...] = ()  # the event cards of this turn
    event_log: tuple[LogEntry, ...] = ()  # what this turn's events did
    next_offer: int = 1
    outcome: Outcome | None = None
    budgets: dict[str, int] = field(factory=dict)  # political capital this turn, set when it starts
    dice: int = 2  # which kind of dice the game rolls (game.engine.rng): 1 for saves before version 3
    # "actor:track" -> how far the actor's range of the track reaches each side, narrowed by intelligence
    # (format 2's learn). Not saved: a save replays its orders, and the learning with them.
    learned: dict[str, int] = field(factory=dict)
    # Format 2 `phases`: the round whose orders are awaited (0: the first, and the only one without
    # phases), and what the rounds of this turn resolved so far did that the next rounds must know.
    round: int = 0
    so_far: TurnSoFar | None = None

    @property
    def over(self) -> bool:
        return self.outcome is not None


@frozen
class TurnSoFar:
    """What the earlier rounds of a turn did that its later rounds' rules read (format 2 `phases`).

    ``played``/``kinds``: the moves played this turn so far (what ``played()`` and interactions read);
    ``raised_by``/``lowered_by``: who last moved each track (blame); ``led``: each play and its lead
    actor, in order; ``fired``: the interactions that already happened this turn (once a turn each);
    ``gained``: the resources effects gave for the next turn so far (format 2 `resources`).
    """

    played: dict[str, int]
    kinds: dict[str, int]
    raised_by: dict[str, str]
    lowered_by: dict[str, str]
    led: tuple[tuple[str, str], ...]
    fired: frozenset[str]
    gained: dict[str, int] = field(factory=dict)


@frozen
class Intervention:
    """Something the teacher did between two turns' orders, kept in the save and replayed.

    ``kind`` is ``event`` (play the scenario's event card ``event`` now), ``adjust`` (set
    ``track`` to ``value``, for ``reason``) or ``end`` (end the game now and score it).
    """

    kind: str
    event: str | None = None
    track: str | None = None
    value: int | None = None
    reason: str = ""


@frozen(slots=False)
class TurnResult:
    state: GameState
    log: tuple[LogEntry, ...]
