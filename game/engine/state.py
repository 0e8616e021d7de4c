"""The state of a game and the records a turn produces: frozen values, never mutated."""

from __future__ import annotations

from typing import Literal, NamedTuple

from attrs import field, frozen

Answer = Literal["accept", "reject", "counter"]


@frozen
class Order:
    """One line of a team's secret orders.

    ``Order("ssbn_visit")`` plays a move. ``Order("talks", offer=3, answer="accept")``
    answers pending offer 3 (``move`` names the offered move); with ``answer="counter"``,
    ``move`` is the counter-offer played in reply.
    """

    move: str
    offer: int | None = None
    answer: Answer | None = None

    def __str__(self) -> str:
        if self.offer is None:
            return self.move
        return f"{self.answer} offer {self.offer} ({self.move})"


class LogEntry(NamedTuple):
    """One thing that happened, and why. Every change of a track is one entry.

    A named tuple rather than an attrs class: games make tens of thousands of these,
    and a tuple is built several times faster while staying just as immutable.
    """

    turn: int
    phase: str  # events | answers | moves | interactions | upkeep | end
    kind: str  # event | move | change | roll | offer | answer | agreement | interaction | drift | token | ending | note
    text: str
    actor: str | None = None
    source: str | None = None
    track: str | None = None
    before: int | None = None
    after: int | None = None
    dice: tuple[int, ...] | None = None
    success: bool | None = None  # a roll's verdict
    band: str | None = None  # a graded roll's result (format 2 `results`): the name of its band


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


@frozen
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

    @property
    def over(self) -> bool:
        return self.outcome is not None


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


@frozen
class TurnResult:
    state: GameState
    log: tuple[LogEntry, ...]
