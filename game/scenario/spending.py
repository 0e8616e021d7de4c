"""Checks of format 2's resources, costs, free moves and caps per kind (the loader's third pass).

Kept apart from ``load.py`` so that the rules of spending read in one place: what a file may
say about what teams get (``resources``, an actor's ``resources``), what cards cost (``cost``,
``free``), what may be gained (``{gain: RESOURCE}``), and how many cards of a kind fit in a
turn (a kind's ``per_turn``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario import model as m
from game.scenario.intervals import bounds_of
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.load import Checker


def check_spending(checker: Checker) -> None:
    """Every check of this module that is not tied to one effect."""
    check_resources(checker)
    for actor_id, actor in checker.s.actors.items():
        check_actor_resources(checker, actor_id, actor)
    for kind_id, kind in checker.s.kinds.items():
        if kind.per_turn is not None:
            path = ("kinds", kind_id, "per_turn")
            checker.format2(path, "per_turn")
            if kind.per_turn < 1:
                checker.r.add(path, "per_turn is at least 1 (to forbid a kind, leave its cards out)")
    for move_id, move in checker.s.moves.items():
        check_cost(checker, move_id, move)


def check_resources(checker: Checker) -> None:
    """The scenario's `resources`: format 2, well named, not a track's name, sensible limits."""
    from game.scenario.load import ID_PATTERN, MAX_BUDGET, RESERVED_NAMES  # the loader's own limits

    s = checker.s
    if not s.resources:
        return
    checker.format2(("resources",), "resources")
    for rid, resource in s.resources.items():
        path = ("resources", rid)
        if not ID_PATTERN.match(rid) or rid in RESERVED_NAMES:
            checker.r.add(path, f"the resource name {rid!r} must be a lowercase id, not a reserved word", key=True)
        elif rid in s.all_tracks:
            checker.r.add(path, f"the resource {rid!r} has the name of a track", key=True)
        if checker.check_expr((*path, "per_turn"), resource.per_turn):
            checker.check_formula_range((*path, "per_turn"), resource.per_turn, "per_turn", 0, MAX_BUDGET)
        if resource.max is not None and not 0 <= resource.max <= MAX_BUDGET:
            checker.r.add((*path, "max"), f"max lies between 0 and {MAX_BUDGET}")
    for actor_id in s.actors:
        if ("actors", actor_id, "budget") in checker.r.positions.values:
            checker.r.add(
                ("actors", actor_id, "budget"),
                "with `resources`, a team's amounts are its `resources` (e.g. {capital: 3}), not `budget`",
                key=True,
            )


def check_actor_resources(checker: Checker, actor_id: str, actor: m.Actor) -> None:
    """An actor's own amounts per turn: format 2, of declared resources, within the budget's range."""
    from game.scenario.load import MAX_BUDGET

    base = ("actors", actor_id, "resources")
    if not actor.resources:
        return
    checker.format2(base, "resources")
    for rid, amount in actor.resources.items():
        path = (*base, rid)
        if checker.ref(path, rid, checker.s.resources, "resource", key=True) and checker.check_expr(path, amount):
            checker.check_formula_range(path, amount, "the amount", 0, MAX_BUDGET)


def check_cost(checker: Checker, move_id: str, move: m.Move) -> None:
    """A move's cost (a number, or format 2's cost per resource) and its `free`."""
    from game.scenario.load import MAX_BUDGET

    base = ("moves", move_id)
    costs: dict[str, int]
    if isinstance(move.cost, dict):
        checker.format2((*base, "cost"), "a cost per resource")
        costs = move.cost
        for rid in costs:
            checker.ref((*base, "cost", rid), rid, checker.s.resource_ids, "resource", key=True)
    else:
        costs = {"": move.cost}
    for rid, amount in costs.items():
        path: Path = (*base, "cost", rid) if rid else (*base, "cost")
        if amount < 0:
            checker.r.add(path, "cost cannot be negative")
        elif amount > MAX_BUDGET:
            checker.r.add(path, f"cost is at most {MAX_BUDGET}, the highest budget")
    if move.free:
        checker.format2((*base, "free"), "free")
        if any(costs.values()):
            checker.r.warn(
                (*base, "free"),
                f"the move {move_id!r} is free but costs something: a team with nothing left cannot pay for it"
                " anyway; give it cost 0, or leave `free` out",
            )


def check_gain(checker: Checker, path: Path, effect: m.Effect) -> None:
    """``{gain: RESOURCE, amount: N, to: ACTOR}``: format 2, a known resource and team, a real change."""
    assert effect.gain is not None
    checker.format2((*path, "gain"), "gain")
    checker.ref((*path, "gain"), effect.track, checker.s.resource_ids, "resource")
    if effect.gain.to is not None:
        checker.ref((*path, "to"), effect.gain.to, checker.s.actors, "actor")
    elif path[0] != "moves":  # only a move has a team that plays it
        checker.r.add(path, "a gain outside a move needs `to`: the team that gains, e.g. {gain: intel, to: usa}")
    if effect.delta == 0:
        checker.r.warn((*path, "amount"), f"the gain of {effect.track!r} is 0: it changes nothing")


def most_per_turn(checker: Checker, actor_id: str, index: int) -> int | None:
    """The most a team can hold of a resource in a turn, or None when gains or carry-over have no bound."""
    s = checker.s
    actor = s.actors[actor_id]
    if not s.resources:
        amount = actor.budget
        return None if amount.error is not None else bounds_of(amount.tree, checker.env_bounds).high
    rid = s.resource_ids[index]
    resource = s.resources[rid]
    amount = actor.resources.get(rid, resource.per_turn)
    if amount.error is not None:
        return None
    most = bounds_of(amount.tree, checker.env_bounds).high
    if resource.carry or _gained(s, rid):
        return resource.max
    return int(most) if resource.max is None else min(int(most), resource.max)


def _gained(scenario: m.Scenario, rid: str) -> bool:
    """Whether any effect of the scenario can give a resource."""
    return any(e.gain is not None and e.track == rid and e.delta > 0 for e in all_effects(scenario))


def all_effects(scenario: m.Scenario) -> list[m.Effect]:
    """Every effect of a scenario: moves (their rolls and offers), events, interactions, drift."""
    found: list[m.Effect] = []
    for move in scenario.moves.values():
        found.extend(move.effects)
        if move.roll is not None:
            for band in move.roll.bands():
                found.extend(band.effects)
        if move.offer is not None:
            found.extend((*move.offer.accept, *move.offer.reject, *move.offer.ignore))
    for event in scenario.events.values():
        found.extend(event.effects)
    for inter in scenario.interactions.values():
        found.extend(inter.effects)
    for drift in scenario.drift:
        found.extend(drift.effects)
    return found


def check_playable_cost(checker: Checker, move_id: str, move: m.Move) -> None:
    """A move that costs more of some resource than any of its teams can ever hold."""
    price = checker.s.price(move)
    for index, cost in enumerate(price):
        if cost == 0:
            continue
        most = [most_per_turn(checker, a, index) for a in move.by if a in checker.s.actors]
        if most and None not in most and cost > max(m for m in most if m is not None):
            what = "any budget" if not checker.s.resources else f"any team's {checker.s.resource_ids[index]!r}"
            checker.r.warn(
                ("moves", move_id, "cost"), f"the move {move_id!r} can never be played: it costs more than {what}"
            )
            return
