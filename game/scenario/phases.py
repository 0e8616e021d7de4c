"""Checks of a scenario's rounds (format 2 ``phases``): every reference at file:line:col, and the
silent mistakes (a team that never orders, a round nobody can play in) as warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario import model as m

if TYPE_CHECKING:
    from game.scenario.load import Checker

#: more rounds than this in one turn is a mistake, not a design (each round is a screen per team)
MAX_PHASES = 12


def check_phases(checker: Checker) -> None:
    """Check the scenario's `phases`: known teams and kinds, unique ids, every team in some round."""
    s = checker.s
    if not s.phases:
        return
    checker.format2(("phases",), "phases")
    if len(s.phases) > MAX_PHASES:
        checker.r.add(("phases",), f"a turn may have at most {MAX_PHASES} rounds; this one has {len(s.phases)}")
    seen: set[str] = set()
    for index, phase in enumerate(s.phases):
        base = ("phases", index)
        _check_id(checker, base, phase.id, seen)
        for at, actor in enumerate(phase.who):
            if actor == m.ALL:
                if len(phase.who) > 1:
                    checker.r.add((*base, "who", at), "`all` stands alone: every team, so no other team is listed")
                continue
            checker.ref((*base, "who", at), actor, s.actors, "actor")
        for at, kind in enumerate(phase.kinds):
            checker.ref((*base, "kinds", at), kind, s.kinds, "kind")
        _check_playable(checker, base, phase)
    _check_everyone_plays(checker)


def _check_id(checker: Checker, base: tuple[str | int, ...], phase_id: str, seen: set[str]) -> None:
    from game.scenario.load import ID_PATTERN

    if not ID_PATTERN.match(phase_id):
        checker.r.add((*base, "id"), f"the round id {phase_id!r} must be a lowercase id, e.g. usa_move")
    elif phase_id in seen:
        checker.r.add((*base, "id"), f"two rounds have the id {phase_id!r}; each round needs its own")
    seen.add(phase_id)


def _check_playable(checker: Checker, base: tuple[str | int, ...], phase: m.Phase) -> None:
    """A round in which none of its teams has a move of its kinds: every team would only pass."""
    s = checker.s
    teams = phase.actors(s.actors)
    if not teams:
        return
    playable = any(s.moves[move_id].kind in phase.kinds or not phase.kinds for a in teams for move_id in s.moves_of(a))
    if not playable:
        checker.r.warn(base, f"no team of the round {phase.id!r} has a move it allows: every team would only pass")


def _check_everyone_plays(checker: Checker) -> None:
    """A team in no round never orders (and never answers an offer): almost surely a mistake."""
    s = checker.s
    ordering = {actor for phase in s.phases for actor in phase.actors(s.actors)}
    for actor in s.actors:
        if actor not in ordering:
            checker.r.warn(("phases",), f"the team {actor!r} orders in no round: it will never play a move")
