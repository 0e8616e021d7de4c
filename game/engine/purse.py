"""What teams spend (format 2): named resources, costs per resource, free moves and caps per kind.

Format 1 has one resource, political capital, refreshed every turn from each team's `budget`;
its rules stay on ``turn``'s own fast path (``_Tables.purse`` is None). A format-2 scenario
gets a ``Purse``, worked out once per scenario, and the rules ask it instead:

- **amounts** live in ``GameState.budgets``: a team's first resource under its id (as in
  format 1), each further one under ``"actor:resource"``;
- a move is **affordable** when it costs no more of any resource than the team holds, and a
  team that holds nothing at all plays only moves marked ``free`` (a cost of 0 is not enough:
  a team whose turn it is not, given 0, must not act);
- **caps**: a kind's ``per_turn`` bounds how many of its cards a team plays in one turn;
- at the start of each turn a team gets its ``per_turn`` of each resource, plus what it kept
  (``carry``) and what effects gave it (``{gain: ...}``) during the turn before, up to ``max``.

``Wallet`` is the same test for someone picking orders (a bot, a screen): what is left of
each resource and each capped kind as cards are picked, for format 1 and 2 alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from game.scenario.expr import Num
from game.scenario.model import Scenario

Run = Callable[[Any], int]


class Purse:
    """A format-2 scenario's resources, prices and caps, worked out once (``turn._tables`` keeps it)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.ids = scenario.resource_ids
        self.keys = {actor: keys_of(scenario, actor) for actor in scenario.actors}
        self.price = {move_id: scenario.price(move) for move_id, move in scenario.moves.items()}
        # moves the budget-0 rule lets through: those marked `free`, and the umpire's rulings (it spends nothing)
        self.free = frozenset(
            move_id
            for move_id, move in scenario.moves.items()
            if move.free or (scenario.umpires and set(move.by) <= scenario.umpires)
        )
        self.caps = {kind_id: kind.per_turn for kind_id, kind in scenario.kinds.items() if kind.per_turn is not None}
        self.kind_of = {move_id: move.kind for move_id, move in scenario.moves.items()}
        resources = [scenario.resources.get(rid) for rid in self.ids]
        self.carry = tuple(bool(r and r.carry) for r in resources)
        self.most = tuple(r.max if r else None for r in resources)
        # (fixed amount or None, formula) of each team's resources, in order
        self.per_turn: dict[str, tuple[tuple[int | None, Run], ...]] = {}
        for actor_id, actor in scenario.actors.items():
            amounts = []
            for rid, resource in zip(self.ids, resources, strict=True):
                expr = actor.budget if resource is None else actor.resources.get(rid, resource.per_turn)
                fixed = max(0, expr.tree.value) if isinstance(expr.tree, Num) else None
                amounts.append((fixed, expr.run))
            self.per_turn[actor_id] = tuple(amounts)
        # format 2's rule: a team that starts a turn with nothing plays only moves marked `free`
        self.strict = scenario.format >= 2
        gains = any(True for _ in _gains(scenario))
        # what was spent, and gained, in a turn matters only if something outlives the turn, or a later
        # round of it (format 2 phases: the budget is the turn's, spent across its rounds)
        self.keeps = gains or any(self.carry) or bool(scenario.phases)
        # format 1 (and a format-2 file like it but for the budget-0 rule): one number to compare, no caps
        self.simple = len(self.ids) == 1 and not self.caps and not self.strict
        self.first = {move_id: price[0] for move_id, price in self.price.items()}

    def amounts(self, budgets: Mapping[str, int], actor: str) -> tuple[int, ...]:
        """What the team holds of each resource (``budgets``: a state's)."""
        return tuple(budgets.get(key, 0) for key in self.keys[actor])

    def refill(
        self, env: object, before: Mapping[str, int], spent: Mapping[str, int], gained: Mapping[str, int]
    ) -> dict[str, int]:
        """Every team's amounts for a new turn: its per_turn, what it kept and gained, within max."""
        budgets = {}
        for actor, keys in self.keys.items():
            for index, key in enumerate(keys):
                fixed, run = self.per_turn[actor][index]
                amount = max(0, run(env)) if fixed is None else fixed
                if self.carry[index]:
                    amount += max(0, before.get(key, 0) - spent.get(key, 0))
                amount = max(0, amount + gained.get(key, 0))
                most = self.most[index]
                budgets[key] = amount if most is None or amount <= most else most
        return budgets

    def affordable(self, amounts: tuple[int, ...], move_id: str) -> bool:
        """Whether a team holding ``amounts`` at the start of its turn may pay for the move on its own."""
        if self.strict and move_id not in self.free and not any(amounts):
            return False
        return all(cost <= have for cost, have in zip(self.price[move_id], amounts, strict=True))

    def why_not(self, amounts: tuple[int, ...], move_id: str, broke: bool | None = None) -> str | None:
        """Why a team holding ``amounts`` cannot pay for the move, for an error message; None if it can.

        ``broke``: whether the team started the turn with nothing (by default: holds nothing now)."""
        if broke is None:
            broke = not any(amounts)
        if self.strict and broke and move_id not in self.free:
            return f"{move_id} is not free, and a team that has nothing this turn plays only free moves"
        for rid, cost, have in zip(self.ids, self.price[move_id], amounts, strict=True):
            if cost > have:
                return f"{move_id} costs {cost} {rid}, more than the {have} left"
        return None

    def over(self, amounts: tuple[int, ...], move_ids: Iterable[str]) -> str | None:
        """What is wrong with playing all these moves in one turn (resources, caps), or None."""
        wallet = Wallet(self, amounts)
        for move_id in move_ids:
            reason = wallet.refusal(move_id)
            if reason is not None:
                return reason
            wallet.take(move_id)
        return None


_PURSES: dict[int, Purse] = {}
_LAST: Purse | None = None  # the last scenario's, tested first: a bot asks every choice


def purse_of(scenario: Scenario) -> Purse:
    """The scenario's purse, for format 1 too (wallets of bots and screens), worked out once."""
    global _LAST
    purse = _LAST
    if purse is not None and purse.scenario is scenario:
        return purse
    purse = _PURSES.get(id(scenario))
    if purse is None or purse.scenario is not scenario:
        if len(_PURSES) > 16:
            _PURSES.clear()
        purse = _PURSES[id(scenario)] = Purse(scenario)
    _LAST = purse
    return purse


def wallet(scenario: Scenario, amounts: tuple[int, ...]) -> Wallet:
    """A fresh wallet for a team that holds ``amounts`` (a view's ``purse``) at the start of its turn."""
    return Wallet(purse_of(scenario), amounts)


def keys_of(scenario: Scenario, actor: str) -> tuple[str, ...]:
    """Where a team's amounts are kept in ``GameState.budgets``: its id, then ``actor:resource``."""
    return (actor, *(f"{actor}:{rid}" for rid in scenario.resource_ids[1:]))


def _gains(scenario: Scenario) -> Iterable[object]:
    from game.scenario.spending import all_effects  # the one list of every effect a scenario has

    return (e for e in all_effects(scenario) if e.gain is not None)


_NO_ROOM: dict[str, int] = {}  # never changed: only kinds with a cap are counted down


class Wallet:
    """What a team has left while it picks its orders: each resource, and room in each capped kind.

    Bots and screens ask it the rules' own question (``Purse.over`` is a wallet run to the end),
    so what they offer is what ``check_orders`` accepts.
    """

    __slots__ = ("broke", "left", "purse", "room")

    def __init__(self, purse: Purse, amounts: tuple[int, ...]) -> None:
        self.purse = purse
        self.left = list(amounts)
        self.room = dict(purse.caps) if purse.caps else _NO_ROOM
        self.broke = not any(amounts)  # the budget-0 rule reads the turn's start, not what is left

    def refusal(self, move_id: str) -> str | None:
        """Why the move does not fit in what is left, or None."""
        purse = self.purse
        kind = purse.kind_of.get(move_id)
        if kind in self.room and self.room[kind] <= 0:
            return f"only {purse.caps[kind]} move(s) of the kind {kind} may be played in a turn"
        return purse.why_not(tuple(self.left), move_id, self.broke)

    def fits(self, move_id: str) -> bool:
        purse = self.purse
        if purse.simple:  # format 1: a bot asks this of every card, every turn
            return purse.first[move_id] <= self.left[0]
        return self.refusal(move_id) is None

    def take(self, move_id: str) -> None:
        """Pay for a move picked (whether it fitted or not: a screen may show an overdraft)."""
        purse = self.purse
        if purse.simple:
            self.left[0] -= purse.first[move_id]
            return
        for index, cost in enumerate(self.purse.price[move_id]):
            self.left[index] -= cost
        kind = self.purse.kind_of.get(move_id)
        if kind in self.room:
            self.room[kind] -= 1
