"""Bots: they see one player's view (and the public rules), and choose that player's orders.

- ``RandomBot`` plays a random affordable hand and answers offers at random.
- ``ObjectiveBot`` looks one turn ahead: it weighs each move by how the expected track
  changes (and the move's being played: ``ever``, ``played``) bring its actor's objectives
  closer (or further), fears immediate endings in which everyone loses as much as its
  temperament says, likes the kinds of move its temperament likes, answers an offer with
  accept, reject or a counter-offer, and adds a little noise so two games are never the same.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from attrs import frozen

from game.engine.rng import chance_of_success, parse_dice
from game.engine.state import Order
from game.engine.view import View, agreements_at_risk
from game.scenario.expr import Binary, Call, Name, Node, Num, Unary, walk
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
#
# The bot reasons over a guessed world: a mapping from track references to guessed values, and
# from counts of plays to their values, under keys such as ``ever(convene_ncg)`` (a key no track
# reference can clash with). Only the counts the scenario's objectives, deadly endings and roll
# modifiers read are kept (see `_Facts`).

COUNTS = ("played", "played_kind", "ever")


def count_key(func: str, name: str) -> str:
    """Where a guessed world keeps a count of plays: ``ever(convene_ncg)``, ``played_kind(force)``."""
    return f"{func}({name})"


def _key_of(node: Node) -> str | None:
    """The guessed world's key for a track reference or a count of plays, or None for anything else."""
    if isinstance(node, Name):
        return None if node.name == "turn" else node.name
    if isinstance(node, Call) and node.func in COUNTS and isinstance(node.args[0], Name):
        return count_key(node.func, node.args[0].name)
    return None


def _value(node: Node, tracks: Mapping[str, float], turn: int) -> float:
    """Numeric value of an expression over a guessed world (tracks and counts of plays)."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return turn if node.name == "turn" else tracks.get(node.name, 0.0)
    if isinstance(node, Unary):
        inner = _value(node.operand, tracks, turn)
        return -inner if node.op == "-" else float(not inner)
    if isinstance(node, Call):
        if node.func in COUNTS:
            key = _key_of(node)
            return tracks.get(key, 0.0) if key is not None else 0.0
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
        name = _key_of(node.left)  # a track, or a count of plays such as ever(convene_ncg)
        if name is not None:
            return {
                ">=": lambda tracks, turn: max(0.0, bound - tracks.get(name, 0.0)),
                ">": lambda tracks, turn: max(0.0, bound - tracks.get(name, 0.0) + 1),
                "<=": lambda tracks, turn: max(0.0, tracks.get(name, 0.0) - bound),
                "<": lambda tracks, turn: max(0.0, tracks.get(name, 0.0) - bound + 1),
            }[node.op]
    return lambda tracks, turn: _distance(node, tracks, turn)


@frozen
class _Facts:
    """What the bot works out once per scenario: which counts of plays to guess, which of them each
    move adds 1 to, and which moves a deal can pause for each actor.

    Objectives and deadly endings are checked at the end of a turn, when ``played(x)`` and
    ``played_kind(k)`` count *that* turn's plays. The bot cannot see the other teams' secret
    orders, so its guessed world counts none of them: ``played`` and ``played_kind`` start at 0
    and only the move it weighs adds 1 to them; ``ever`` starts at the public count of the game
    so far (every play is revealed in the log) and the move adds 1 to it too. Last turn's plays
    (``view.last_played``) are not taken as a guess at this turn's: whether a team repeats a move
    is exactly what the bot cannot know. A roll's modifier is read when the move resolves, after
    the move itself was counted, so a move also counts itself for its own roll.
    """

    counts: tuple[tuple[str, str, str], ...]  # (key, function, argument), e.g. ("ever(x)", "ever", "x")
    bumps: Mapping[str, tuple[str, ...]]  # move -> the keys one play of it adds 1 to
    pausable: Mapping[str, frozenset[str]]  # actor -> moves some deal of the scenario pauses for it

    @classmethod
    def of(cls, scenario: Scenario) -> _Facts:
        cached = _FACTS.get(id(scenario))
        if cached is not None and cached[0] is scenario:
            return cached[1]
        trees = [obj.when.tree for actor in scenario.actors.values() for obj in actor.objectives.values()]
        trees += [e.when.tree for e in scenario.endings.values() if e.immediate and e.everyone_loses and e.when]
        trees += [m.roll.plus.tree for m in scenario.moves.values() if m.roll is not None and m.roll.plus is not None]
        counts = {
            (count_key(node.func, node.args[0].name), node.func, node.args[0].name)
            for tree in trees
            for node in walk(tree)
            if isinstance(node, Call) and node.func in COUNTS and isinstance(node.args[0], Name)
        }
        read = {key for key, _, _ in counts}
        bumps = {
            move_id: tuple(
                key
                for key in (count_key("ever", move_id), count_key("played", move_id), count_key("played_kind", m.kind))
                if key in read
            )
            for move_id, m in scenario.moves.items()
        }
        pausable: dict[str, set[str]] = {actor: set() for actor in scenario.actors}
        for m in scenario.moves.values():
            if m.offer is not None and m.offer.agreement is not None:
                for actor, moves in m.offer.agreement.pauses.items():
                    pausable.setdefault(actor, set()).update(moves)
        facts = cls(tuple(sorted(counts)), bumps, {a: frozenset(ms) for a, ms in pausable.items()})
        _FACTS[id(scenario)] = (scenario, facts)
        return facts

    def start(self, view: View) -> dict[str, float]:
        """The counts of plays as the turn starts: the game's so far, none yet this turn."""
        return {key: float(view.ever.get(arg, 0)) if func == "ever" else 0.0 for key, func, arg in self.counts}


_FACTS: dict[int, tuple[Scenario, _Facts]] = {}


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

    def guesses(self, scenario: Scenario, view: View) -> dict[str, float]:
        """The guessed world as the turn starts: best guesses of the tracks, and the counts of plays."""
        world = {ref: tv.guess for ref, tv in view.tracks.items()}
        world.update(_Facts.of(scenario).start(view))
        return world

    def expected(
        self,
        scenario: Scenario,
        move_id: str,
        view: View,
        guesses: Mapping[str, float],
        accepting: Iterable[int] = (),
    ) -> list[tuple[Effect, float]]:
        """The track changes a move is expected to make, with their probabilities.

        ``accepting``: the offers the bot accepts this turn (a deal it would break at once).
        """
        move = scenario.moves[move_id]
        facts = _Facts.of(scenario)
        changes = [(e, 1.0) for e in move.effects]
        if move.roll is not None:
            count, sides = parse_dice(move.roll.dice)
            plus = 0.0
            if move.roll.plus is not None:
                world = guesses
                bumps = facts.bumps[move_id]
                if bumps:  # the roll is read once the move is counted as played
                    world = {**guesses, **{key: guesses[key] + 1 for key in bumps}}
                plus = _value(move.roll.plus.tree, world, view.turn)
            p = chance_of_success(count, sides, int(move.roll.target - plus + 0.999))
            changes += [(e, p) for e in move.roll.success] + [(e, 1 - p) for e in move.roll.failure]
        if move.offer is not None:
            changes += [(e, 0.5) for e in move.offer.accept] + [(e, 0.5) for e in move.offer.reject]
        if not (view.agreements or view.my_offers or accepting) or move_id not in facts.pausable[view.actor]:
            return changes  # no deal it could break: the bot weighs every move, so skip the search
        for risk in agreements_at_risk(scenario, view, move_id, accepting):
            spec = scenario.moves[risk.offer].offer
            assert spec is not None and spec.agreement is not None
            weight = 1.0 if risk.certain else 0.5  # possible: the target may not accept the offer
            changes += [(e, weight) for e in spec.agreement.broken]
        return changes

    def gain(
        self,
        scenario: Scenario,
        view: View,
        guesses: Mapping[str, float],
        base: float,
        changes: list[tuple[Effect, float]],
        risk: float,
        played: tuple[str, ...] = (),
    ) -> float:
        """How much better (or worse) the expected changes leave the actor.

        ``played``: the counts of plays that go up by 1 as the move is played this turn
        (``_Facts.bumps`` of the move whose changes these are).
        """
        if not changes and not played:
            return 0.0
        after = dict(guesses)
        for effect, p in changes:
            track = scenario.all_tracks[effect.track]
            after[effect.track] = min(track.max, max(track.min, after[effect.track] + p * effect.delta))
        for key in played:
            after[key] += 1
        return self.utility(scenario, view.actor, after, view.turn, risk) - base

    def choose(self, scenario: Scenario, view: View, rng: random.Random) -> list[Order]:
        """Answer each offer, then spend the budget on the moves and counter-offers worth most per cost.

        An offer is first answered for free, accept or reject, whichever is worth more (with
        noise). A counter-offer competes with the moves for the budget: it is worth what its own
        expected changes bring, less what the free answer it replaces would have brought.
        """
        temper = self.temperament(scenario)
        bumps = _Facts.of(scenario).bumps
        guesses = self.guesses(scenario, view)
        base = self.utility(scenario, view.actor, guesses, view.turn, temper.risk)
        answers: dict[int, Order] = {}
        answered: dict[int, float] = {}  # offer -> what the free answer is worth
        pauses: dict[int, tuple[str, ...]] = {}  # accepted offer -> the moves its deal pauses for the bot
        for offer in view.offers_to_me:
            spec = scenario.moves[offer.move].offer
            assert spec is not None
            accept = self.gain(scenario, view, guesses, base, [(e, 1.0) for e in spec.accept], temper.risk)
            reject = self.gain(scenario, view, guesses, base, [(e, 1.0) for e in spec.reject], temper.risk)
            noise = rng.gauss(0, temper.noise)
            accepted = accept + noise >= reject
            answers[offer.id] = Order(offer.move, offer.id, "accept" if accepted else "reject")
            answered[offer.id] = accept if accepted else reject
            if accepted and spec.agreement is not None:
                pauses[offer.id] = spec.agreement.pauses.get(view.actor, ())
        accepting = tuple(pauses)
        scored = []
        for order in view.orders:
            if order.offer is not None and order.answer != "counter":
                continue
            move = scenario.moves[order.move]
            changes = self.expected(scenario, order.move, view, guesses, accepting)
            value = self.gain(scenario, view, guesses, base, changes, temper.risk, bumps[order.move])
            if order.offer is not None:
                value -= answered[order.offer]  # what countering adds to answering for free
            value += 0.3 * temper.kinds.get(move.kind, 0.0) + rng.gauss(0, temper.noise)
            if move.joint:
                value *= 0.8
            scored.append((value / max(1, move.cost), value, order, move.cost))
        scored.sort(key=lambda item: (-item[0], item[2].move, item[2].offer or 0))
        plays: list[Order] = []
        left = view.budget
        taken: set[str] = set()  # a move, counters included, is played at most once a turn
        for _, value, order, cost in scored:
            if value <= 0 or cost > left or order.move in taken:
                continue
            if pauses and any(
                order.move in paused and answers[oid].answer == "accept" and oid != order.offer
                for oid, paused in pauses.items()
            ):
                continue  # it keeps the deal it makes this turn
            if order.offer is not None:
                if answers[order.offer].answer == "counter":
                    continue  # one answer per offer
                answers[order.offer] = order
            else:
                plays.append(order)
            taken.add(order.move)
            left -= cost
        return [*answers.values(), *plays]


def make_bot(spec: str) -> Bot:
    """A bot from a spec: 'random', 'objective', 'objective:TEMPERAMENT' or 'strategy:ID' (the scenario's)."""
    policy, _, temperament = spec.partition(":")
    if policy == "random":
        return RandomBot()
    if policy == "objective":
        return ObjectiveBot(temperament or "pragmatist")
    if policy == "strategy" and temperament:
        from game.bots.strategies import StrategyBot

        return StrategyBot(temperament)
    raise ValueError(f"unknown bot {spec!r}: use random, objective or objective:TEMPERAMENT")
