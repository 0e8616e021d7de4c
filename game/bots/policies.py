"""Bots: they see one player's view (and the public rules), and choose that player's orders.

- ``RandomBot`` plays a random affordable hand and answers offers at random.
- ``ObjectiveBot`` looks one turn ahead: it weighs each move by how the expected track
  changes bring its actor's objectives closer (or further), fears immediate endings in
  which everyone loses as much as its temperament says, likes the kinds of move its
  temperament likes, and adds a little noise so two games are never the same.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Protocol

from game.engine.rng import chance_of_success, parse_dice
from game.engine.state import Order
from game.engine.view import View
from game.scenario.expr import Binary, Call, Name, Node, Num, Unary
from game.scenario.model import TEMPERAMENTS, Effect, Scenario, Temperament


class Bot(Protocol):
    def choose(self, scenario: Scenario, view: View, rng: random.Random) -> list[Order]: ...


class RandomBot:
    """Spends its budget on random legal moves; answers offers at random."""

    name = "random"

    def choose(self, scenario: Scenario, view: View, rng: random.Random) -> list[Order]:
        orders: list[Order] = []
        left = view.budget
        taken: set[str] = set()  # a move, counters included, is played at most once a turn
        for offer in view.offers_to_me:
            options = [o for o in view.orders if o.offer == offer.id]
            answer = rng.choice(options)
            if answer.answer == "counter":
                cost = scenario.moves[answer.move].cost
                if cost > left or answer.move in taken:
                    answer = options[0]
                else:
                    left -= cost
                    taken.add(answer.move)
            orders.append(answer)
        plays = [o for o in view.orders if o.offer is None and o.move not in taken]
        rng.shuffle(plays)
        for order in plays:
            cost = scenario.moves[order.move].cost
            if cost <= left and rng.random() < 0.8:
                orders.append(order)
                left -= cost
        return orders


# --- objective bot --------------------------------------------------------------------------


def _value(node: Node, tracks: Mapping[str, float], turn: int) -> float:
    """Numeric value of an expression over guessed track values (counts of plays are 0)."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return turn if node.name == "turn" else tracks.get(node.name, 0.0)
    if isinstance(node, Unary):
        inner = _value(node.operand, tracks, turn)
        return -inner if node.op == "-" else float(not inner)
    if isinstance(node, Call):
        if node.func in ("played", "played_kind", "ever"):
            return 0.0
        args = [_value(a, tracks, turn) for a in node.args]
        return {"abs": lambda: abs(args[0]), "min": lambda: min(args), "max": lambda: max(args)}[node.func]()
    return 0.0 if _distance(node, tracks, turn) else 1.0


def _distance(node: Node, tracks: Mapping[str, float], turn: int) -> float:
    """How many track steps a condition is from being true (0 when it holds)."""
    if isinstance(node, Binary):
        op = node.op
        if op == "and":
            return _distance(node.left, tracks, turn) + _distance(node.right, tracks, turn)
        if op == "or":
            return min(_distance(node.left, tracks, turn), _distance(node.right, tracks, turn))
        if op in ("<", "<=", ">", ">=", "==", "!="):
            a, b = _value(node.left, tracks, turn), _value(node.right, tracks, turn)
            return {
                ">=": max(0.0, b - a),
                ">": max(0.0, b - a + 1),
                "<=": max(0.0, a - b),
                "<": max(0.0, a - b + 1),
                "==": abs(a - b),
                "!=": 1.0 if a == b else 0.0,
            }[op]
        if op in ("+", "-", "*", "//", "%"):
            return 0.0 if _arith(node, tracks, turn) else 1.0
    if isinstance(node, Unary) and node.op == "not":
        return 0.0 if _distance(node.operand, tracks, turn) else 1.0
    return 0.0 if _value(node, tracks, turn) else 1.0


def _arith(node: Binary, tracks: Mapping[str, float], turn: int) -> float:
    a, b = _value(node.left, tracks, turn), _value(node.right, tracks, turn)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    return a // b if node.op == "//" and b else (a % b if b else 0.0)


Gap = Callable[[Mapping[str, float], int], float]
_GAPS: dict[int, tuple[Node, Gap]] = {}


def gap_of(node: Node) -> Gap:
    """`_distance` for one condition, compiled once into closures (bots ask it thousands of times)."""
    cached = _GAPS.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    fn = _compile_gap(node)
    _GAPS[id(node)] = (node, fn)
    return fn


def _compile_gap(node: Node) -> Gap:
    if isinstance(node, Binary) and node.op in ("and", "or"):
        left, right = _compile_gap(node.left), _compile_gap(node.right)
        if node.op == "and":
            return lambda tracks, turn: left(tracks, turn) + right(tracks, turn)
        return lambda tracks, turn: min(left(tracks, turn), right(tracks, turn))
    if isinstance(node, Binary) and node.op in (">=", ">", "<=", "<") and isinstance(node.right, Num):
        bound = float(node.right.value)
        if isinstance(node.left, Name) and node.left.name != "turn":
            name = node.left.name
            return {
                ">=": lambda tracks, turn: max(0.0, bound - tracks.get(name, 0.0)),
                ">": lambda tracks, turn: max(0.0, bound - tracks.get(name, 0.0) + 1),
                "<=": lambda tracks, turn: max(0.0, tracks.get(name, 0.0) - bound),
                "<": lambda tracks, turn: max(0.0, tracks.get(name, 0.0) - bound + 1),
            }[node.op]
    return lambda tracks, turn: _distance(node, tracks, turn)


class ObjectiveBot:
    """Weighs moves by its own objectives, one turn ahead, with a temperament."""

    def __init__(self, temperament: str = "pragmatist") -> None:
        self.temperament_name = temperament
        self.name = f"objective:{temperament}"

    def temperament(self, scenario: Scenario) -> Temperament:
        custom = scenario.temperaments.get(self.temperament_name)
        base = TEMPERAMENTS.get(self.temperament_name, TEMPERAMENTS["pragmatist"])
        return custom or base

    def utility(self, scenario: Scenario, actor: str, tracks: Mapping[str, float], turn: int, risk: float) -> float:
        """How good guessed tracks are for the actor: objectives met, near, and dangers near."""
        total = 0.0
        for objective in scenario.actors[actor].objectives.values():
            gap = gap_of(objective.when.tree)(tracks, turn)
            total += objective.points * (1.0 if gap == 0 else -0.25 * gap)
        for ending in scenario.endings.values():
            if ending.immediate and ending.everyone_loses and ending.when is not None:
                gap = gap_of(ending.when.tree)(tracks, turn)
                total -= risk * 4.0 * max(0.0, 3.0 - gap) ** 2 / 9.0
        return total

    def expected(
        self, scenario: Scenario, move_id: str, view: View, guesses: Mapping[str, float]
    ) -> list[tuple[Effect, float]]:
        """The track changes a move is expected to make, with their probabilities."""
        move = scenario.moves[move_id]
        changes = [(e, 1.0) for e in move.effects]
        if move.roll is not None:
            count, sides = parse_dice(move.roll.dice)
            plus = 0.0
            if move.roll.plus is not None:
                plus = _value(move.roll.plus.tree, guesses, view.turn)
            p = chance_of_success(count, sides, int(move.roll.target - plus + 0.999))
            changes += [(e, p) for e in move.roll.success] + [(e, 1 - p) for e in move.roll.failure]
        if move.offer is not None:
            changes += [(e, 0.5) for e in move.offer.accept] + [(e, 0.5) for e in move.offer.reject]
        for agreement in view.agreements:
            spec = scenario.moves[agreement.move].offer
            if spec and spec.agreement and move_id in spec.agreement.pauses.get(view.actor, ()):
                changes += [(e, 1.0) for e in spec.agreement.broken]
        for offer in view.my_offers:  # answered this turn: if accepted, this move would break the deal
            spec = scenario.moves[offer.move].offer
            if spec and spec.agreement and move_id in spec.agreement.pauses.get(view.actor, ()):
                changes += [(e, 0.5) for e in spec.agreement.broken]
        return changes

    def gain(
        self,
        scenario: Scenario,
        view: View,
        guesses: Mapping[str, float],
        base: float,
        changes: list[tuple[Effect, float]],
        risk: float,
    ) -> float:
        """How much better (or worse) the expected changes leave the actor."""
        if not changes:
            return 0.0
        after = dict(guesses)
        for effect, p in changes:
            track = scenario.all_tracks[effect.track]
            after[effect.track] = min(track.max, max(track.min, after[effect.track] + p * effect.delta))
        return self.utility(scenario, view.actor, after, view.turn, risk) - base

    def choose(self, scenario: Scenario, view: View, rng: random.Random) -> list[Order]:
        temper = self.temperament(scenario)
        orders: list[Order] = []
        left = view.budget
        guesses = {ref: tv.guess for ref, tv in view.tracks.items()}
        base = self.utility(scenario, view.actor, guesses, view.turn, temper.risk)
        keeping: set[str] = set()
        for offer in view.offers_to_me:
            spec = scenario.moves[offer.move].offer
            assert spec is not None
            accept = self.gain(scenario, view, guesses, base, [(e, 1.0) for e in spec.accept], temper.risk)
            reject = self.gain(scenario, view, guesses, base, [(e, 1.0) for e in spec.reject], temper.risk)
            noise = rng.gauss(0, temper.noise)
            accepted = accept + noise >= reject
            orders.append(Order(offer.move, offer.id, "accept" if accepted else "reject"))
            if accepted and spec.agreement is not None:
                keeping.update(spec.agreement.pauses.get(view.actor, ()))  # the deal it just made
        scored = []
        for order in view.orders:
            if order.offer is not None or order.move in keeping:
                continue
            move = scenario.moves[order.move]
            changes = self.expected(scenario, order.move, view, guesses)
            value = self.gain(scenario, view, guesses, base, changes, temper.risk)
            value += 0.3 * temper.kinds.get(move.kind, 0.0) + rng.gauss(0, temper.noise)
            if move.joint:
                value *= 0.8
            scored.append((value / max(1, move.cost), value, order, move.cost))
        scored.sort(key=lambda item: (-item[0], item[2].move))
        for _, value, order, cost in scored:
            if value > 0 and cost <= left:
                orders.append(order)
                left -= cost
        return orders


def make_bot(spec: str) -> Bot:
    """A bot from a spec: 'random', 'objective' or 'objective:TEMPERAMENT'."""
    policy, _, temperament = spec.partition(":")
    if policy == "random":
        return RandomBot()
    if policy == "objective":
        return ObjectiveBot(temperament or "pragmatist")
    raise ValueError(f"unknown bot {spec!r}: use random, objective or objective:TEMPERAMENT")
