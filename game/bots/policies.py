"""Bots: they see one player's view (and the public rules), and choose that player's orders.

- ``RandomBot`` plays a random affordable hand and answers offers at random.
- ``ObjectiveBot`` looks one turn ahead: it weighs each move by how the expected track
  changes (and the move's being played: ``ever``, ``played``) bring its actor's objectives
  closer (or further), fears immediate endings in which everyone loses as much as its
  temperament says, likes the kinds of move its temperament likes, answers an offer with
  accept, reject or a counter-offer, and adds a little noise so two games are never the same.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Protocol

from attrs import evolve, field, frozen

from game.bots import foresee, lookahead, rulings
from game.engine.purse import Purse, Wallet, purse_of, wallet
from game.engine.rng import Dice, Rng, chance_of_success, gausses, parse_dice
from game.engine.state import GameState, Order
from game.engine.view import View, agreements_at_risk, guesses, orders_view
from game.engine.view import view as full_view
from game.scenario.expr import Binary, Call, Expr, Name, Node, Num, Unary, walk
from game.scenario.model import (
    BLAMED,
    TEMPERAMENTS,
    Effect,
    Ending,
    Move,
    Scenario,
    Temperament,
    bot_spec_problem,
)


class Bot(Protocol):
    """A bot chooses a team's orders from its view. A bot whose ``reads_only_orders`` is true reads
    only the fields of ``ORDERS_FIELDS``, and is shown an ``orders_view`` (see ``shown``)."""

    def choose(self, scenario: Scenario, view: View, rng: Rng) -> list[Order]: ...


def shown(bot: Bot) -> Callable[[Scenario, GameState, str], View]:
    """How a bot is shown the game: view(), or orders_view() for a bot that reads only its cards (a third
    of the cost; any other field it read would raise AttributeError)."""
    return orders_view if getattr(bot, "reads_only_orders", False) else full_view


class RandomBot:
    """Spends its budget on random legal moves; answers offers at random."""

    name = "random"
    reads_only_orders = True  # its orders, budget and purse, and the offers to it: an orders_view will do
    _known: tuple[Scenario, Purse, int] | None = None  # the scenario, its prices, the lowest first price

    def _prices(self, scenario: Scenario) -> tuple[Scenario, Purse, int]:
        """The scenario's prices and the lowest first price of any move (a bot with less left is done)."""
        spend = purse_of(scenario)
        known = self._known = (scenario, spend, min(spend.first.values(), default=0))
        return known

    def choose(self, scenario: Scenario, view: View, rng: Rng) -> list[Order]:
        known = self._known  # one read of a tuple: another thread's update is seen whole or not at all
        if known is None or known[0] is not scenario:
            known = self._prices(scenario)
        _, spend, cheapest = known
        if not view.offers_to_me and spend.simple and type(rng) is Dice:  # most choices: plays alone
            return _walk([], list(view.orders), rng, spend.first, view.budget, None, cheapest)
        orders: list[Order] = []
        # format 1's one budget is counted inline (a bot game spends much of its time here); else a wallet
        purse = None if spend.simple else wallet(scenario, view.purse)
        first, left = spend.first, view.budget
        taken: set[str] = set()  # a move, counters included, is played at most once a turn
        for offer in view.offers_to_me:
            options = [o for o in view.orders if o.offer == offer.id]
            answer = rng.choice(options)
            if answer.answer == "counter":
                fits = first[answer.move] <= left if purse is None else purse.fits(answer.move)
                if not fits or answer.move in taken:
                    answer = options[0]
                else:
                    left -= first[answer.move]
                    if purse is not None:
                        purse.take(answer.move)
                    taken.add(answer.move)
            orders.append(answer)
        if view.offers_to_me:
            plays = [o for o in view.orders if o.offer is None and o.move not in taken]
        else:  # no answers among the orders, nothing taken yet: the same list
            plays = list(view.orders)
        if type(rng) is Dice:
            return _walk(orders, plays, rng, first, left, purse, cheapest)
        rng.shuffle(plays)  # the older dice: the whole list shuffled, then walked (as their games were played)
        draw = rng.random
        if purse is None:
            for order in plays:
                cost = first[order.move]
                if cost <= left and draw() < 0.8:
                    orders.append(order)
                    left -= cost
                    if left < cheapest:  # nothing more fits: no more draws either (the same dice)
                        break
            return orders
        for order in plays:
            if purse.fits(order.move) and draw() < 0.8:
                orders.append(order)
                purse.take(order.move)
        return orders


_TAKEN = math.ceil(0.8 * 2**16)  # the low half of a word below this: a chance of 0.8 (to 1 in 300,000)


def _walk(
    orders: list[Order],
    plays: list[Order],
    rng: Dice,
    first: Mapping[str, int],
    left: int,
    purse: Wallet | None,
    cheapest: int,
) -> list[Order]:
    """The random bot's plays in a random order, each taken with a chance of 0.8 if it can pay: a
    Fisher-Yates shuffle made as the walk goes, so a walk that ends early (a budget of 2 or 3, a list of
    20) draws only what it reads. One word a step: its high 16 bits pick the card (out of at most a few
    dozen: a bias below 1 in 2,000), its low 16 bits the chance; numbers that small cost Python no
    allocation, a full word times the list's length does."""
    n = len(plays)
    if not n:  # nothing to play: no block hashed
        return orders
    words, k = rng.block(), 0
    end = len(words)
    for i in range(n):
        if k == end:  # a walk past a block's 16 words: rare
            words, k = rng.block(), 0
            end = len(words)
        w = words[k]
        k += 1
        j = i + (((w >> 16) * (n - i)) >> 16)
        order = plays[j]
        plays[j] = plays[i]  # the place walked past is never read again
        if purse is None:
            cost = first[order.move]
            if cost <= left and w & 0xFFFF < _TAKEN:
                orders.append(order)
                left -= cost
                if left < cheapest:  # nothing more fits: no more words either
                    break
        elif purse.fits(order.move) and w & 0xFFFF < _TAKEN:
            orders.append(order)
            purse.take(order.move)
    return orders


# --- objective bot --------------------------------------------------------------------------
#
# The bot reasons over a guessed world: a mapping from track references to guessed values, and
# from counts of plays to their values, under keys such as ``ever(convene_ncg)`` (a key no track
# reference can clash with). Only the counts the scenario's objectives, deadly endings and roll
# modifiers read are kept (see `_Facts`).

COUNTS = ("played", "played_kind", "ever")
KEYED = (*COUNTS, "fact")  # format 2: a fact's truth is kept under fact(ID), as the rules keep it


def count_key(func: str, name: str) -> str:
    """Where a guessed world keeps a count of plays: ``ever(convene_ncg)``, ``played_kind(force)``."""
    return f"{func}({name})"


def _key_of(node: Node) -> str | None:
    """The guessed world's key for a track reference or a count of plays, or None for anything else."""
    if isinstance(node, Name):
        return None if node.name == "turn" else node.name
    if isinstance(node, Call) and node.func in KEYED and isinstance(node.args[0], Name):
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
        if node.func in KEYED:
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
            # max(0.0, d) is d if d > 0.0 else 0.0: written out, as bots ask these ~20 times a move
            return {
                ">=": lambda tracks, turn: d if (d := bound - tracks.get(name, 0.0)) > 0.0 else 0.0,
                ">": lambda tracks, turn: d if (d := bound - tracks.get(name, 0.0) + 1) > 0.0 else 0.0,
                "<=": lambda tracks, turn: d if (d := tracks.get(name, 0.0) - bound) > 0.0 else 0.0,
                "<": lambda tracks, turn: d if (d := tracks.get(name, 0.0) - bound + 1) > 0.0 else 0.0,
            }[node.op]
    return lambda tracks, turn: _distance(node, tracks, turn)


Change = tuple[str, int, float]  # (track, delta, probability)
_Steps = tuple[tuple[str, int], ...]  # (track, delta) of a move's effects
# A change as `_Scorer.gain_of` applies it: (track, its min, its max, probability * delta)
_Step = tuple[str, int, int, float]
_Weighed = tuple[tuple[Change, ...], tuple[_Step, ...]]


@frozen
class _Plan:
    """A move's track changes as the bot weighs them: sure ones, a roll's two outcomes, an offer's answers."""

    sure: _Steps
    roll: tuple[int, int, int, Node | None] | None  # (count, sides, target, modifier's tree)
    success: _Steps
    failure: _Steps
    offer: _Steps  # accepted or rejected, even odds
    fixed: tuple[Change, ...] | None = None  # all of them with their odds, when no guess changes the odds
    foresee: bool = False  # format 2: effects that compute, branch or grade, evaluated on the guesses (foresee.py)
    # the changes for each roll modifier met so far (None: the fixed list), and their steps: see `weighed`
    known: dict[float | None, _Weighed] = field(init=False, factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, move: Move) -> _Plan:
        def steps(effects: Iterable[Effect]) -> _Steps:
            return tuple((e.track, e.delta) for e in effects if e.gain is None)  # a gain is for next turn

        roll = move.roll
        plan = cls(
            steps(move.effects),
            None if roll is None else (*parse_dice(roll.dice), roll.target, roll.plus.tree if roll.plus else None),
            steps(roll.success) if roll else (),
            steps(roll.failure) if roll else (),
            steps(move.offer.accept) + steps(move.offer.reject) if move.offer else (),
        )
        if foresee.needs_foresight(move):
            return evolve(plan, foresee=True)
        if roll is None or roll.plus is None:  # the odds are the same in every game: work the list out once
            plan = evolve(plan, fixed=tuple(plan.changes(0.0)))
        return plan

    def changes(self, plus: float) -> list[Change]:
        """The changes with their odds, the roll's modifier being ``plus``."""
        changes = [(ref, delta, 1.0) for ref, delta in self.sure]
        if self.roll is not None:
            count, sides, target, _ = self.roll
            p = chance_of_success(count, sides, int(target - plus + 0.999))
            changes += [(ref, delta, p) for ref, delta in self.success]
            q = 1 - p
            changes += [(ref, delta, q) for ref, delta in self.failure]
        if self.offer:
            changes += [(ref, delta, 0.5) for ref, delta in self.offer]
        return changes

    def weighed(self, plus: float | None, bounds: Mapping[str, tuple[int, int]]) -> _Weighed:
        """The changes (``fixed`` for None, else ``changes(plus)``) and their steps, worked out once for
        each modifier: a roll's modifier takes a few values in a whole series of games."""
        found = self.known.get(plus)
        if found is None:
            if len(self.known) > 64:  # a modifier that takes many values: keep the memo small
                self.known.clear()
            changes = self.fixed if plus is None else tuple(self.changes(plus))
            assert changes is not None
            steps = tuple((ref, *bounds[ref], p * delta) for ref, delta, p in changes)
            found = self.known[plus] = (changes, steps)  # type: ignore[assignment]
        return found


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
    plans: Mapping[str, _Plan]  # move -> its changes, read once from the scenario
    bounds: Mapping[str, tuple[int, int]]  # track -> (min, max)

    @classmethod
    def of(cls, scenario: Scenario) -> _Facts:
        cached = _FACTS.get(id(scenario))
        if cached is not None and cached[0] is scenario:
            return cached[1]
        trees = [obj.when.tree for actor in scenario.actors.values() for obj in actor.objectives.values()]
        trees += [e.when.tree for e in scenario.endings.values() if _feared(e) and e.when]
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
        plans = {move_id: _Plan.of(m) for move_id, m in scenario.moves.items()}
        bounds = {ref: (t.min, t.max) for ref, t in scenario.all_tracks.items()}
        bounds.update({count_key("fact", fact): (0, 1) for fact in scenario.facts})
        facts = cls(tuple(sorted(counts)), bumps, {a: frozenset(ms) for a, ms in pausable.items()}, plans, bounds)
        _FACTS[id(scenario)] = (scenario, facts)
        return facts

    def start(self, view: View) -> dict[str, float]:
        """The counts of plays as the turn starts: the game's so far, none yet this turn."""
        return {key: float(view.ever.get(arg, 0)) if func == "ever" else 0.0 for key, func, arg in self.counts}


_FACTS: dict[int, tuple[Scenario, _Facts]] = {}


def _feared(ending: Ending) -> bool:
    """An immediate ending some team may fear: everyone loses, or (format 2) it names losers."""
    return ending.immediate and ending.when is not None and (ending.everyone_loses or bool(ending.losers))


def _deadly(scenario: Scenario, actor: str) -> list[tuple[Expr, float]]:
    """The immediate endings the actor fears, each with how bad it is for the actor (see `_deadly_endings`)."""
    return [(when, weight) for _, when, weight in _deadly_endings(scenario, actor)]


def _deadly_endings(scenario: Scenario, actor: str) -> list[tuple[str, Expr, float]]:
    """The immediate endings the actor fears, by id, each with how bad it is for the actor.

    An ending everyone loses weighs 4 (as format 1 always did). One the actor loses (format 2:
    named in `losers`, or `blamed` there, which any team whose move makes the change may be)
    is its worst outcome: every point it could have scored gone, and the ending's own points
    for it (e.g. ``blamed: -3``) on top. An ending it does not lose is not feared.
    """
    out: list[tuple[str, Expr, float]] = []
    most = scenario.actors[actor].max_points
    for ending_id, ending in scenario.endings.items():
        if not _feared(ending) or ending.when is None:
            continue
        if ending.everyone_loses:
            out.append((ending_id, ending.when, 4.0))
        elif actor in ending.losers or BLAMED in ending.losers:
            penalty = ending.points.get(actor, 0) + (ending.points.get(BLAMED, 0) if BLAMED in ending.losers else 0)
            out.append((ending_id, ending.when, max(4.0, float(most - min(0, penalty)))))
    return out


# One term of an actor's utility: (gap of its condition, an objective's points or None for a deadly ending,
# how bad that ending is: 4 for one everyone loses, the actor's worst outcome for one it loses)
_Term = tuple[Gap, int | None, float]
_Readers = dict[str, frozenset[int]]
_TERMS: dict[tuple[int, str], tuple[Scenario, tuple[_Term, ...], _Readers]] = {}


def _trees(scenario: Scenario, actor: str) -> list[tuple[Node, int | None, float]]:
    """The terms of the actor's utility, in order, as (condition, points, weight): its objectives (their
    points), then its deadly endings (their weight)."""
    trees: list[tuple[Node, int | None, float]] = [
        (obj.when.tree, obj.points, 0.0) for obj in scenario.actors[actor].objectives.values()
    ]
    return trees + [(when.tree, None, weight) for when, weight in _deadly(scenario, actor)]


def _terms(scenario: Scenario, actor: str) -> tuple[tuple[_Term, ...], _Readers]:
    """The terms of ``ObjectiveBot.utility`` in its order, and for each key of the guessed world
    the terms that read it: a move re-scores only the terms its changes can reach."""
    cached = _TERMS.get((id(scenario), actor))
    if cached is not None and cached[0] is scenario:
        return cached[1], cached[2]
    trees = _trees(scenario, actor)
    readers: dict[str, list[int]] = {}
    for index, (tree, _, _) in enumerate(trees):
        for key in {_key_of(node) for node in walk(tree)} - {None}:
            readers.setdefault(str(key), []).append(index)
    terms = tuple((gap_of(tree), points, weight) for tree, points, weight in trees)
    frozen_readers = {key: frozenset(indexes) for key, indexes in readers.items()}
    if len(_TERMS) > 64:
        _TERMS.clear()
    _TERMS[(id(scenario), actor)] = (scenario, terms, frozen_readers)
    return terms, frozen_readers


_TOUCHES: dict[tuple[int, str], tuple[Scenario, dict[str, frozenset[int]]]] = {}


def _touches(scenario: Scenario, actor: str, facts: _Facts) -> dict[str, frozenset[int]]:
    """For each move, the terms of the actor's utility that its changes and counts reach: the keys a
    move changes are the same every turn (only their odds move), unless a deal adds its own."""
    cached = _TOUCHES.get((id(scenario), actor))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    readers = _terms(scenario, actor)[1]
    table: dict[str, frozenset[int]] = {}
    for move_id, plan in facts.plans.items():
        keys = {ref for ref, _ in (*plan.sure, *plan.success, *plan.failure, *plan.offer)} | set(facts.bumps[move_id])
        keys |= rulings.keys_of(scenario, move_id)  # format 2: what the umpire's ruling on it changes
        table[move_id] = frozenset().union(*(readers[key] for key in keys if key in readers))
    if len(_TOUCHES) > 64:
        _TOUCHES.clear()
    _TOUCHES[(id(scenario), actor)] = (scenario, table)
    return table


def _left_sum(values: Iterable[float]) -> float:
    """The values added up from the first, each addition rounded: the utility's floats, bit for bit."""
    total = 0.0
    for value in values:
        total += value
    return total


# Python 3.11's sum adds floats in C exactly as `_left_sum` does (from 0, one rounding per addition), at a
# fraction of the cost; from 3.12 it compensates the rounding, which would give other floats
_sum: Callable[[list[float]], float] = sum if sys.version_info < (3, 12) else _left_sum


class _Scorer:
    """``ObjectiveBot.utility`` of one actor over one guessed world, kept term by term.

    A move changes a few keys of the world; ``gain`` works out again only the terms that read
    them and adds all the terms up in the same order as ``utility``, so the sum is the same
    float, bit for bit (the choices do not change, only the work).
    """

    __slots__ = ("base", "bounds", "readers", "risk", "terms", "turn", "values", "world")

    def __init__(
        self,
        scenario: Scenario,
        actor: str,
        world: dict[str, float],
        turn: int,
        risk: float,
        facts: _Facts | None = None,
        known: tuple[_TermRecall, ...] | None = None,
    ) -> None:
        """``known``: the terms' memo (``_recall_tables``) for this scenario, actor and risk, if any."""
        self.terms, self.readers = _terms(scenario, actor)
        self.bounds = (facts or _Facts.of(scenario)).bounds
        self.world, self.turn, self.risk = world, turn, risk
        self.values = [self.term(i) for i in range(len(self.terms))] if known is None else self.recall_terms(known)
        self.base = self.total(self.values)

    def recall_terms(self, known: tuple[_TermRecall, ...]) -> list[float]:
        """Each ``term``, looked up when its condition met the same values before: the same floats."""
        values = []
        world, turn = self.world, self.turn
        for index, (read, reads_turn, memo) in enumerate(known):
            try:
                key = read(world)
            except KeyError:  # a key this world lacks (reads as 0): no memo
                values.append(self.term(index))
                continue
            if reads_turn:
                key = (key, turn)
            value = memo.get(key)
            if value is None:
                if len(memo) > 4096:
                    memo.clear()
                value = memo[key] = self.term(index)
            values.append(value)
        return values

    def term(self, index: int, world: Mapping[str, float] | None = None) -> float:
        gap_fn, points, weight = self.terms[index]
        gap = gap_fn(self.world if world is None else world, self.turn)
        if points is not None:
            return points * (1.0 if gap == 0 else -0.25 * gap)
        near = 3.0 - gap
        near = near if near > 0.0 else 0.0  # max(0.0, near), written out: the same float
        return -(self.risk * weight * near**2 / 9.0)  # utility subtracts it: x - y == x + -y

    @staticmethod
    def total(values: list[float]) -> float:
        """The terms added up from the first, one rounding after each: see `_sum`."""
        return _sum(values)

    def gain(self, changed: dict[str, float], touched: Collection[int] | None = None) -> float:
        """How much the utility moves when the world's ``changed`` keys take their new values.

        ``touched``: the terms that read those keys, when the caller knows them (``_touches``).
        """
        if touched is None:
            readers = self.readers
            touched = frozenset()
            for key in changed:
                if key in readers:
                    touched = touched | readers[key]
        if not touched:
            return self.base - self.base  # as utility(after) - base, which is exactly 0.0
        after = self.world | changed  # a dict copy is cheap, in C; the terms not touched keep their values
        values = self.values.copy()
        for index in touched:
            values[index] = self.term(index, after)
        return self.total(values) - self.base

    def gain_of(self, steps: tuple[_Step, ...], played: tuple[str, ...], touched: Iterable[int]) -> float:
        """``ObjectiveBot.gain`` of a move's steps (``_Plan.weighed``), the counts its play adds 1 to and
        the terms they reach (``_touches``), bit for bit, with the bounds and odds already applied."""
        if not steps and not played:
            return 0.0
        if not touched:
            return self.base - self.base
        return self.with_terms(touched, self.moved(steps, played, touched))

    def recalled(self, move: _Recall, steps: tuple[_Step, ...], played: tuple[str, ...], plus: float | None) -> float:
        """``gain_of``, with the terms' new values looked up when the move met the same values of
        everything they read before (in this game or another): the same floats, worked out once."""
        if not steps and not played:
            return 0.0
        touched, read, reads_turn, known = move
        if not touched:
            return self.base - self.base
        try:
            key = read(self.world)
        except KeyError:  # a key this world lacks (reads as 0): no memo
            return self.with_terms(touched, self.moved(steps, played, touched))
        if reads_turn or plus is not None:  # a roll's odds depend on its modifier: one memo for each
            key = (key, self.turn if reads_turn else None, plus)
        new = known.get(key)
        if new is None:
            if len(known) > 4096:  # a memo per move, kept small
                known.clear()
            new = known[key] = self.moved(steps, played, touched)
        values = self.values.copy()  # `with_terms`, written out: a bot asks this for most of its moves
        if len(touched) == 1:
            values[touched[0]] = new[0]
        else:
            for index, value in zip(touched, new, strict=True):
                values[index] = value
        return _sum(values) - self.base

    def moved(self, steps: tuple[_Step, ...], played: tuple[str, ...], touched: Iterable[int]) -> tuple[float, ...]:
        """The ``touched`` terms' values, in their order, once the steps and counts are applied to the world."""
        world = self.world
        after: dict[str, float] = {}
        for ref, low, high, step in steps:
            value = (after[ref] if ref in after else world[ref]) + step
            value = value if value > low else low  # min(high, max(low, value)), written out
            after[ref] = value if value < high else high
        for key in played:
            after[key] = (after[key] if key in after else world[key]) + 1
        merged = world | after  # a dict copy is cheap, in C
        terms, turn, risk = self.terms, self.turn, self.risk
        new = []
        for index in touched:  # `term`, written out
            gap_fn, points, weight = terms[index]
            gap = gap_fn(merged, turn)
            if points is not None:
                new.append(points * (1.0 if gap == 0 else -0.25 * gap))
            else:
                near = 3.0 - gap
                near = near if near > 0.0 else 0.0
                new.append(-(risk * weight * near**2 / 9.0))
        return tuple(new)

    def with_terms(self, touched: Iterable[int], new: tuple[float, ...]) -> float:
        """The utility with the ``touched`` terms at their ``new`` values, less ``base``: as ``gain``."""
        values = self.values.copy()
        for index, value in zip(touched, new, strict=True):
            values[index] = value
        return _sum(values) - self.base  # `total`


# For one move of one actor's bot (of a temperament's risk): the terms of its utility the move reaches (in
# order), what reads the values of every key those terms read from a guessed world, whether they read the
# turn, and the terms' new values so far for each value of all they read (see `_Scorer.recalled`)
_Recall = tuple[tuple[int, ...], Callable[[Mapping[str, float]], object], bool, dict[object, tuple[float, ...]]]
# For one term of an actor's utility (of a risk): what reads the keys its condition reads, whether it reads the
# turn, and its values so far for each value of all it reads (see `_Scorer.__init__`)
_TermRecall = tuple[Callable[[Mapping[str, float]], object], bool, dict[object, float]]
_RECALLS: dict[tuple[int, str, float], tuple[Scenario, dict[str, _Recall], tuple[_TermRecall, ...]]] = {}


def _recalls(scenario: Scenario, actor: str, risk: float, facts: _Facts) -> dict[str, _Recall]:
    """For each move, its `_Recall` for the actor's bot, made once per scenario, actor and risk."""
    return _recall_tables(scenario, actor, risk, facts)[0]


def _recall_tables(
    scenario: Scenario, actor: str, risk: float, facts: _Facts
) -> tuple[dict[str, _Recall], tuple[_TermRecall, ...]]:
    """The moves' `_Recall` and the terms' `_TermRecall` for the actor's bot of a risk, made once."""
    cached = _RECALLS.get((id(scenario), actor, risk))
    if cached is not None and cached[0] is scenario:
        return cached[1], cached[2]
    read = [_reads(tree) for tree, _, _ in _trees(scenario, actor)]
    terms: tuple[_TermRecall, ...] = tuple((_getter(sorted(keys)), turn, {}) for keys, turn in read)
    table: dict[str, _Recall] = {}
    for move_id, touched in _touches(scenario, actor, facts).items():
        indexes = tuple(sorted(touched))
        keys = sorted({key for index in indexes for key in read[index][0]})
        table[move_id] = (indexes, _getter(keys), any(read[index][1] for index in indexes), {})
    if len(_RECALLS) > 64:
        _RECALLS.clear()
    _RECALLS[(id(scenario), actor, risk)] = (scenario, table, terms)
    return table, terms


def _reads(node: Node) -> tuple[set[str], bool]:
    """The keys of a guessed world that `_distance` reads for a condition, and whether it reads the turn."""
    if isinstance(node, Name):
        return (set(), True) if node.name == "turn" else ({node.name}, False)
    if isinstance(node, Call) and node.func in KEYED:
        key = _key_of(node)
        return ({key} if key is not None else set()), False
    parts = [_reads(child) for child in _children(node)]
    return set().union(*(keys for keys, _ in parts)), any(turn for _, turn in parts)


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def _getter(keys: Sequence[str]) -> Callable[[Mapping[str, float]], object]:
    """What reads the values of ``keys`` from a world at once (a KeyError if one is missing)."""
    return itemgetter(*keys) if keys else _nothing


def _nothing(world: Mapping[str, float]) -> None:
    """What terms that read no key read of a world."""
    return None


class ObjectiveBot:
    """Weighs moves by its own objectives, one turn ahead, with a temperament."""

    def __init__(
        self, temperament: str = "pragmatist", *, blind: bool = False, samples: int = lookahead.SAMPLES, depth: int = 1
    ) -> None:
        self.temperament_name = temperament
        self.name = f"objective:{temperament}"
        self.blind = blind  # weigh the cards only, never play the turn out (the model of another team)
        self.samples, self.depth = samples, depth  # how it plays a turn out: worlds, and how deep it models others
        self._temper: tuple[Scenario, Temperament] | None = None  # the last scenario's, looked up once

    def temperament(self, scenario: Scenario) -> Temperament:
        known = self._temper
        if known is not None and known[0] is scenario:
            return known[1]
        custom = scenario.temperaments.get(self.temperament_name)
        base = TEMPERAMENTS.get(self.temperament_name, TEMPERAMENTS["pragmatist"])
        self._temper = (scenario, custom or base)
        return custom or base

    def utility(self, scenario: Scenario, actor: str, tracks: Mapping[str, float], turn: int, risk: float) -> float:
        """How good guessed tracks are for the actor: objectives met, near, and dangers near."""
        total = 0.0
        for objective in scenario.actors[actor].objectives.values():
            gap = gap_of(objective.when.tree)(tracks, turn)
            total += objective.points * (1.0 if gap == 0 else -0.25 * gap)
        for when, weight in _deadly(scenario, actor):
            gap = gap_of(when.tree)(tracks, turn)
            total -= risk * weight * max(0.0, 3.0 - gap) ** 2 / 9.0
        return total

    def guesses(self, scenario: Scenario, view: View) -> dict[str, float]:
        """The guessed world as the turn starts: best guesses of the tracks, and the counts of plays."""
        world = guesses(view)
        world.update(_Facts.of(scenario).start(view))  # a bot keeps its facts, so this finds them at once
        return world

    def expected(
        self,
        scenario: Scenario,
        move_id: str,
        view: View,
        guesses: Mapping[str, float],
        accepting: Iterable[int] = (),
        facts: _Facts | None = None,
    ) -> Sequence[Change]:
        """The track changes a move is expected to make, with their probabilities.

        ``accepting``: the offers the bot accepts this turn (a deal it would break at once).
        ``facts``: the scenario's (``_Facts.of``), when the caller has them at hand.
        """
        facts = facts or _Facts.of(scenario)
        plan = facts.plans[move_id]
        changes: Sequence[Change]
        if plan.fixed is not None:
            changes = plan.fixed
        elif plan.foresee:
            bumps = facts.bumps[move_id]
            world = {**guesses, **{key: guesses[key] + 1 for key in bumps}} if bumps else guesses
            move = scenario.moves[move_id]
            changes = foresee.changes(scenario, move, world, view.turn, _value, facts.bounds)  # type: ignore[assignment]
        else:
            changes = plan.weighed(_roll_plus(plan, facts.bumps[move_id], guesses, view.turn), facts.bounds)[0]
        if scenario.umpires:  # format 2: the umpire's rulings on this play come with it
            ruled = rulings.expected(scenario, move_id, guesses, view.turn, _value, facts.bounds)
            changes = [*changes, *ruled]  # type: ignore[list-item]  # foresee's steps may be averages
        if not (view.agreements or view.my_offers or accepting) or move_id not in facts.pausable[view.actor]:
            return changes  # no deal it could break: the bot weighs every move, so skip the search
        for risk in agreements_at_risk(scenario, view, move_id, accepting):
            spec = scenario.moves[risk.offer].offer
            assert spec is not None and spec.agreement is not None
            weight = 1.0 if risk.certain else 0.5  # possible: the target may not accept the offer
            broken = _answer(spec.agreement.broken, guesses, view.turn, facts)
            changes = [*changes, *[(ref, delta, weight) for ref, delta, _ in broken]]
        return changes

    def gain(
        self,
        scenario: Scenario,
        scorer: _Scorer,
        changes: Sequence[Change],
        played: tuple[str, ...] = (),
        touched: Collection[int] | None = None,
    ) -> float:
        """How much better (or worse) the expected changes leave the actor.

        ``played``: the counts of plays that go up by 1 as the move is played this turn
        (``_Facts.bumps`` of the move whose changes these are); ``touched``: the utility's terms
        these changes reach, when known (``_touches``).
        """
        if not changes and not played:
            return 0.0
        world = scorer.world
        after: dict[str, float] = {}
        bounds = scorer.bounds
        for ref, delta, p in changes:
            low, high = bounds[ref]
            value = (after[ref] if ref in after else world[ref]) + p * delta
            value = value if value > low else low  # min(high, max(low, value)), written out
            after[ref] = value if value < high else high
        for key in played:
            after[key] = (after[key] if key in after else world[key]) + 1
        return scorer.gain(after, touched)

    def choose(self, scenario: Scenario, view: View, rng: Rng) -> list[Order]:
        """Answer each offer, then spend the budget on the moves and counter-offers worth most per cost.

        An offer is first answered for free, accept or reject, whichever is worth more (with
        noise). A counter-offer competes with the moves for the budget: it is worth what its own
        expected changes bring, less what the free answer it replaces would have brought.
        """
        temper = self.temperament(scenario)
        facts = _Facts.of(scenario)
        bumps = facts.bumps
        guesses = self.guesses(scenario, view)
        known = _recall_tables(scenario, view.actor, temper.risk, facts)[1]
        scorer = _Scorer(scenario, view.actor, guesses, view.turn, temper.risk, facts, known)
        answers: dict[int, Order] = {}
        answered: dict[int, float] = {}  # offer -> what the free answer is worth
        pauses: dict[int, tuple[str, ...]] = {}  # accepted offer -> the moves its deal pauses for the bot
        for offer in view.offers_to_me:
            spec = scenario.moves[offer.move].offer
            assert spec is not None
            accept = self.gain(scenario, scorer, _answer(spec.accept, guesses, view.turn, facts))
            reject = self.gain(scenario, scorer, _answer(spec.reject, guesses, view.turn, facts))
            noise = rng.gauss(0, temper.noise)
            accepted = accept + noise >= reject
            answers[offer.id] = Order(offer.move, offer.id, "accept" if accepted else "reject")
            answered[offer.id] = accept if accepted else reject
            if accepted and spec.agreement is not None:
                pauses[offer.id] = spec.agreement.pauses.get(view.actor, ())
        accepting = tuple(pauses)
        # without a deal in reach, a move's expected changes are its plan's fixed list (expected's first test)
        dealing = bool(view.agreements or view.my_offers or accepting)
        noise, bounds = temper.noise, facts.bounds
        cards = _cards(scenario, view.actor, temper, facts)
        # the moves a deal in reach may make break it: their changes are `expected`'s to work out
        risky, umpired = facts.pausable[view.actor] if dealing else frozenset(), bool(scenario.umpires)
        format2 = scenario.format >= 2  # format 1: no lookahead, no gains, one budget
        foreseen = (
            self.play_out(scenario, view, answers, temper, facts, rng)
            if format2 and not self.blind and lookahead.applies(scenario)
            else None
        )
        candidates = [o for o in view.orders if o.offer is None or o.answer == "counter"]
        scored = []
        # one noise per candidate, drawn at once: the same draws, in the same order, as one call a move
        for order, drawn in zip(candidates, gausses(rng, len(candidates), 0.0, noise), strict=True):
            move_id = order.move
            liking, joint, cost, per, plan, steps, played, recall = cards[move_id]
            if foreseen is not None:  # the turn played out by the rules, against the same turn without it
                value = foreseen[order]
            else:
                # what `expected` would find, without asking it: the card's own changes (no deal at risk, no
                # ruling; without a deal in reach, the fixed list is weighed as it is, rulings or not)
                if steps is not None and (not dealing or not (umpired or move_id in risky)):
                    value = scorer.recalled(recall, steps, played, None)
                elif steps is None and not (umpired or plan.foresee or move_id in risky):  # a modifier's roll
                    plus = _roll_plus(plan, played, guesses, view.turn)
                    value = scorer.recalled(recall, plan.weighed(plus, bounds)[1], played, plus)
                else:
                    changes = self.expected(scenario, move_id, view, guesses, accepting, facts)
                    # a foreseen move (format 2) may change tracks its card does not list (graded bands)
                    touched = None if dealing or plan.foresee else recall[0]
                    value = self.gain(scenario, scorer, changes, played, touched)
                if order.offer is not None:
                    value -= answered[order.offer]  # what countering adds to answering for free
            value += liking + drawn
            if joint:
                value *= 0.8
            scored.append((value / per, value, order, cost))
        gains = _gains_of(scenario).get(view.actor) if format2 else None
        if gains:  # format 2: what a card gives for next turn is worth what it would buy then

            def worth(move_id: str) -> float:
                fixed = facts.plans[move_id].fixed
                found: Sequence[Change] = (
                    self.expected(scenario, move_id, view, guesses, accepting, facts)
                    if fixed is None or dealing
                    else fixed
                )
                return self.gain(scenario, scorer, found, bumps[move_id], None)

            scored = _with_gains(scenario, view.actor, scored, gains, worth)
        # a move worth nothing or less is never played: only the others are ranked (in the same order)
        scored = [item for item in scored if not item[1] <= 0]
        scored.sort(key=lambda item: (-item[0], item[2].move, item[2].offer or 0))
        plays: list[Order] = []
        # format 1's one budget is counted inline (as RandomBot does); else a wallet: every resource, the caps
        spend = purse_of(scenario)
        purse = None if spend.simple else wallet(scenario, view.purse or (view.budget,))
        first, left = spend.first, view.budget
        taken: set[str] = set()  # a move, counters included, is played at most once a turn
        for _, _value, order, _cost in scored:
            if order.move in taken:
                continue
            if first[order.move] > left if purse is None else not purse.fits(order.move):
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
            if purse is None:
                left -= first[order.move]
            else:
                purse.take(order.move)
        return [*answers.values(), *plays]

    def worth(self, scenario: Scenario, view: View, orders: Sequence[Order], seed: int = 0) -> dict[Order, float]:
        """What the bot expects each play (no answer) to bring its team, before its liking and noise: the
        number ``choose`` weighs, with no offers answered this turn (``insight`` checks it against the rules)."""
        facts = _Facts.of(scenario)
        temper = self.temperament(scenario)
        if not self.blind and lookahead.applies(scenario):
            judge = lookahead.judge(scenario, view.actor, temper.risk)
            return lookahead.gains(scenario, view, orders, [], judge, facts.counts, seed, self.samples, self.depth)
        guesses = self.guesses(scenario, view)
        scorer = _Scorer(scenario, view.actor, guesses, view.turn, temper.risk, facts)
        return {
            order: self.gain(
                scenario, scorer, self.expected(scenario, order.move, view, guesses, (), facts), facts.bumps[order.move]
            )
            for order in orders
        }

    def play_out(
        self,
        scenario: Scenario,
        view: View,
        answers: Mapping[int, Order],
        temper: Temperament,
        facts: _Facts,
        rng: Rng,
    ) -> dict[Order, float]:
        """Each candidate's worth with the rules played out (``lookahead``): scenarios whose rules reach
        beyond the cards. The answers already chosen are given with and without each candidate."""
        candidates = [o for o in view.orders if o.offer is None or o.answer == "counter"]
        if not candidates:  # nothing to weigh (a round it cannot play in): no turn to play out
            return {}
        judge = lookahead.judge(scenario, view.actor, temper.risk)
        seed = rng.randint(0, 2**30)  # the bot's own draw, never the game's seed
        answered = list(answers.values())
        return lookahead.gains(
            scenario, view, candidates, answered, judge, facts.counts, seed, self.samples, self.depth
        )


def _roll_plus(plan: _Plan, bumps: tuple[str, ...], guesses: Mapping[str, float], turn: int) -> float:
    """A roll's modifier on the guesses; it is read once the move is counted as played (``bumps``)."""
    assert plan.roll is not None and plan.roll[3] is not None
    world = {**guesses, **{key: guesses[key] + 1 for key in bumps}} if bumps else guesses
    return _value(plan.roll[3], world, turn)


def _answer(effects: tuple[Effect, ...], guesses: Mapping[str, float], turn: int, facts: _Facts) -> list[Change]:
    """The changes of answering an offer one way: read off the card, or (format 2) evaluated on the guesses."""
    if any(e.computed for e in effects):
        return foresee.run(effects, dict(guesses), turn, 1.0, _value, facts.bounds)  # type: ignore[return-value]
    return [(e.track, e.delta, 1.0) for e in effects if e.gain is None]


_Gains = dict[str, tuple[tuple[int, int], ...]]  # move -> (resource index, amount) its player gains
_GAINS: dict[int, tuple[Scenario, dict[str, _Gains]]] = {}


def _gains_of(scenario: Scenario) -> dict[str, _Gains]:
    """For each team, the moves whose own effects give it a resource (format 2), worked out once."""
    cached = _GAINS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        if len(_GAINS) > 16:
            _GAINS.clear()
        ids = scenario.resource_ids
        table: dict[str, _Gains] = {}
        for move_id, move in scenario.moves.items():
            for actor in move.by:
                found = tuple(
                    (ids.index(e.track), e.delta)
                    for e in move.effects
                    if e.gain is not None and e.gain.to in (None, actor) and e.track in ids
                )
                if found:
                    table.setdefault(actor, {})[move_id] = found
        cached = _GAINS[id(scenario)] = (scenario, table)
    return cached[1]


def _with_gains(
    scenario: Scenario,
    actor: str,
    scored: list[tuple[float, float, Order, int]],
    gains: _Gains,
    worth: Callable[[str], float],
) -> list[tuple[float, float, Order, int]]:
    """Add to each gaining card half of what its gain would buy: per unit of a resource, the best worth
    per cost, on today's guesses, among the team's cards that spend it, playable now or not (a gain
    lands next turn and the world moves on meanwhile, hence half)."""
    needed = {index for moves in gains.values() for index, _ in moves}
    unit: dict[int, float] = {}
    for move_id in scenario.moves_of(actor):
        price = scenario.price(scenario.moves[move_id])
        if move_id in gains or not any(price[i] for i in needed):
            continue
        value = worth(move_id)
        for index in needed:
            if price[index] and value > 0:
                unit[index] = max(unit.get(index, 0.0), value / sum(price))
    out = []
    for ratio, value, order, cost in scored:
        extra = sum(0.5 * amount * unit.get(index, 0.0) for index, amount in gains.get(order.move, ()))
        if extra:
            value += extra
            ratio = value / max(1, cost)
        out.append((ratio, value, order, cost))
    return out


_Weights = dict[str, tuple[float, bool, int, int]]
_WEIGHTS: dict[tuple[int, int], tuple[Scenario, Temperament, _Weights]] = {}


def _weights(scenario: Scenario, temper: Temperament) -> _Weights:
    """For each move, what a temperament adds to its worth, whether it is joint, its cost, and what the
    worth is divided by (``0.3 * liking``, ``joint``, ``cost``, ``max(1, cost)``), worked out once."""
    cached = _WEIGHTS.get((id(scenario), id(temper)))
    if cached is None or cached[0] is not scenario or cached[1] is not temper:
        if len(_WEIGHTS) > 64:
            _WEIGHTS.clear()
        table = {  # format 2: a card's worth is divided by all it costs, of every resource
            move_id: (0.3 * temper.kinds.get(move.kind, 0.0), move.joint, cost, max(1, cost))
            for move_id, move in scenario.moves.items()
            for cost in (sum(scenario.price(move)),)
        }
        cached = _WEIGHTS[(id(scenario), id(temper))] = (scenario, temper, table)
    return cached[2]


# For each move, what `ObjectiveBot.choose` weighs it with: its `_weights`, its plan, the plan's fixed steps
# (None when the odds depend on the guesses or it is foreseen), the counts its play adds 1 to, its `_Recall`
_Card = tuple[float, bool, int, int, _Plan, tuple[_Step, ...] | None, tuple[str, ...], _Recall]
_CARDS: dict[tuple[int, str, int], tuple[Scenario, Temperament, dict[str, _Card]]] = {}


def _cards(scenario: Scenario, actor: str, temper: Temperament, facts: _Facts) -> dict[str, _Card]:
    """Each move's `_Card` for the actor's bot of a temperament, made once: one look-up a move weighed."""
    cached = _CARDS.get((id(scenario), actor, id(temper)))
    if cached is None or cached[0] is not scenario or cached[1] is not temper:
        if len(_CARDS) > 64:
            _CARDS.clear()
        weights, recalls = _weights(scenario, temper), _recalls(scenario, actor, temper.risk, facts)
        table = {
            move_id: (
                *weights[move_id],
                plan,
                None if plan.fixed is None else plan.weighed(None, facts.bounds)[1],
                facts.bumps[move_id],
                recalls[move_id],
            )
            for move_id, plan in facts.plans.items()
        }
        cached = _CARDS[(id(scenario), actor, id(temper))] = (scenario, temper, table)  # type: ignore[assignment]
    return cached[2]


def make_bot(spec: str, scenario: Scenario | None = None) -> Bot:
    """A bot from a spec: 'random', 'objective', 'objective:TEMPERAMENT' or 'strategy:ID' (the scenario's).

    A misspelt policy, temperament or strategy raises ValueError with a suggestion (never a bot
    that quietly plays as a pragmatist); the scenario, when given, adds its own temperaments
    and strategies (without it, those are looked up when the bot chooses).
    """
    known = (scenario.temperaments, scenario.strategies) if scenario is not None else ((), ())
    problem = bot_spec_problem(spec, *known)
    if problem is not None and (scenario is not None or not spec.startswith(("objective:", "strategy:"))):
        raise ValueError(problem)
    policy, _, name = spec.partition(":")
    if policy == "random":
        return RandomBot()
    if policy == "umpire":
        return rulings.UmpireBot()
    if policy == "strategy":
        from game.bots.strategies import StrategyBot  # strategies build on the bots here

        return StrategyBot(name)
    return ObjectiveBot(name or "pragmatist")
