"""What values an expression can take, given each track's min and max.

Used by the loader to warn about moves that can never be played and endings that can
never be reached: if a condition's upper bound is 0 it is never true.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from game.scenario.expr import Call, Name, Node, Num, Unary

if TYPE_CHECKING:
    from game.scenario.model import Scenario

UNKNOWN_COUNT = 1_000


@frozen
class Interval:
    low: int
    high: int

    @property
    def can_be_true(self) -> bool:
        return not (self.low == 0 and self.high == 0)

    @property
    def always_true(self) -> bool:
        return self.low > 0 or self.high < 0


BOOL = Interval(0, 1)


def bounds_of(node: Node, names: Mapping[str, Interval]) -> Interval:
    """A conservative interval holding every value ``node`` can take."""
    if isinstance(node, Num):
        return Interval(node.value, node.value)
    if isinstance(node, Name):
        return names.get(node.name, Interval(-UNKNOWN_COUNT, UNKNOWN_COUNT))
    if isinstance(node, Call):
        return _call(node, names)
    if isinstance(node, Unary):
        inner = bounds_of(node.operand, names)
        if node.op == "-":
            return Interval(-inner.high, -inner.low)
        if inner.always_true:
            return Interval(0, 0)
        return Interval(1, 1) if not inner.can_be_true else BOOL
    left, right = bounds_of(node.left, names), bounds_of(node.right, names)
    return _binary(node.op, left, right)


def scenario_bounds(scenario: Scenario, ever_so_far: Mapping[str, int] | None = None) -> dict[str, Interval]:
    """What the rules alone say each name can be: every track within its limits, the turn, and the
    counts of plays (each actor plays a card at most once a turn). ``ever_so_far``: the counts of a
    game under way (public: every play is revealed), which ``ever`` cannot go below this turn."""
    _low, high = scenario.turn_range
    names = {ref: Interval(t.min, t.max) for ref, t in scenario.all_tracks.items()}
    names["turn"] = Interval(1, high)
    kinds: dict[str, int] = {}
    for move_id, move in scenario.moves.items():
        players = len(move.by)
        names[count_key("played", move_id)] = Interval(0, players)
        if ever_so_far is None:
            names[count_key("ever", move_id)] = Interval(0, players * high)
        else:
            done = ever_so_far.get(move_id, 0)
            names[count_key("ever", move_id)] = Interval(done, done + players)
        kinds[move.kind] = kinds.get(move.kind, 0) + players
    for kind, most in kinds.items():
        names[count_key("played_kind", kind)] = Interval(0, most)
    return names


def count_key(func: str, name: str) -> str:
    """Where the bounds of a count of plays are kept among the names: 'ever(convene_ncg)'."""
    return f"{func}({name})"


def _call(node: Call, names: Mapping[str, Interval]) -> Interval:
    if node.func == "fact":  # 1 or 0; a game under way may know it exactly (its key is count_key's)
        arg = node.args[0]
        known = names.get(count_key("fact", arg.name)) if isinstance(arg, Name) else None
        return known if known is not None else Interval(0, 1)
    if node.func in ("played", "played_kind", "ever"):
        arg = node.args[0]
        known = names.get(count_key(node.func, arg.name)) if isinstance(arg, Name) else None
        return known if known is not None else Interval(0, UNKNOWN_COUNT)
    args = [bounds_of(a, names) for a in node.args]
    if node.func == "abs":
        (a,) = args
        if a.low >= 0:
            return a
        if a.high <= 0:
            return Interval(-a.high, -a.low)
        return Interval(0, max(-a.low, a.high))
    a, b = args
    if node.func == "min":
        return Interval(min(a.low, b.low), min(a.high, b.high))
    return Interval(max(a.low, b.low), max(a.high, b.high))


def _binary(op: str, a: Interval, b: Interval) -> Interval:
    if op == "and":
        if not a.can_be_true or not b.can_be_true:
            return Interval(0, 0)
        return Interval(1, 1) if a.always_true and b.always_true else BOOL
    if op == "or":
        if a.always_true or b.always_true:
            return Interval(1, 1)
        return BOOL if a.can_be_true or b.can_be_true else Interval(0, 0)
    if op == "+":
        return Interval(a.low + b.low, a.high + b.high)
    if op == "-":
        return Interval(a.low - b.high, a.high - b.low)
    if op == "*":
        products = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high]
        return Interval(min(products), max(products))
    if op == "//" and (b.low > 0 or b.high < 0):
        # a divisor of one sign: floor division is monotonic in each side, so the corners bound it
        corners = [a.low // b.low, a.low // b.high, a.high // b.low, a.high // b.high]
        return Interval(min(corners), max(corners))
    if op == "%" and (b.low > 0 or b.high < 0):
        # Python's remainder takes the divisor's sign: 0..b-1 for a positive divisor, b+1..0 for a negative one
        return Interval(0, b.high - 1) if b.low > 0 else Interval(b.low + 1, 0)
    if op in ("//", "%"):
        reach = max(abs(a.low), abs(a.high))
        return (
            Interval(-reach, reach)
            if op == "//"
            else Interval(-max(abs(b.low), abs(b.high)), max(abs(b.low), abs(b.high)))
        )
    return _compare(op, a, b)


def _compare(op: str, a: Interval, b: Interval) -> Interval:
    always = {
        "<": a.high < b.low,
        "<=": a.high <= b.low,
        ">": a.low > b.high,
        ">=": a.low >= b.high,
        "==": a.low == a.high == b.low == b.high,
        "!=": a.high < b.low or b.high < a.low,
    }[op]
    never = {
        "<": a.low >= b.high,
        "<=": a.low > b.high,
        ">": a.high <= b.low,
        ">=": a.high < b.low,
        "==": a.high < b.low or b.high < a.low,
        "!=": a.low == a.high == b.low == b.high,
    }[op]
    if always:
        return Interval(1, 1)
    return Interval(0, 0) if never else BOOL
