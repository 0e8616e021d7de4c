"""Rounds inside a turn (format 2 ``phases``): who orders now, and what a round allows.

A scenario without ``phases`` has one round in which every team orders at once (format 1). With
``phases``, a turn is a list of rounds: each round's orders are resolved before the next round is
ordered, so a later round's teams see what the earlier rounds did. ``GameState.round`` says which
round is awaited; ``resolve_turn`` resolves it, and completes the turn after the last one.
Everything here is worked out once per scenario.
"""

from __future__ import annotations

from attrs import frozen

from game.engine.state import GameState
from game.scenario.model import Phase, Scenario


@frozen
class Round:
    """One round as the rules use it: its scenario entry, who orders, which kinds it allows."""

    index: int
    phase: Phase | None  # None: the one round of a scenario without phases
    actors: tuple[str, ...]
    kinds: frozenset[str] | None  # None: every kind
    suffix: str  # added to the dice's and the bots' purposes, so that no two rounds share a roll

    @property
    def id(self) -> str | None:
        return self.phase.id if self.phase is not None else None

    def allows(self, actor: str, kind: str) -> bool:
        return actor in self.actors and (self.kinds is None or kind in self.kinds)


_ROUNDS: dict[int, tuple[Scenario, tuple[Round, ...]]] = {}


def rounds(scenario: Scenario) -> tuple[Round, ...]:
    """The rounds of every turn of the scenario, in order (one, without phases)."""
    cached = _ROUNDS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        if len(_ROUNDS) > 16:
            _ROUNDS.clear()
        cached = _ROUNDS[id(scenario)] = (scenario, _make(scenario))
    return cached[1]


def _make(scenario: Scenario) -> tuple[Round, ...]:
    everyone = tuple(scenario.actors)
    if not scenario.phases:
        return (Round(0, None, everyone, None, ""),)
    return tuple(
        Round(
            index,
            phase,
            phase.actors(everyone),
            frozenset(phase.kinds) if phase.kinds else None,
            f":r{index}" if index else "",  # the first round rolls as a scenario without phases would
        )
        for index, phase in enumerate(scenario.phases)
    )


def current(scenario: Scenario, state: GameState) -> Round:
    """The round whose orders are awaited."""
    return rounds(scenario)[state.round]


def acting(scenario: Scenario, state: GameState) -> tuple[str, ...]:
    """The teams who order now: every team, unless the scenario's turn is in rounds."""
    if state.over:
        return ()
    return rounds(scenario)[state.round].actors


def is_last(scenario: Scenario, state: GameState) -> bool:
    """Whether the awaited round is the turn's last (always, without phases)."""
    return state.round == len(rounds(scenario)) - 1


def phased(scenario: Scenario) -> bool:
    return bool(scenario.phases)
