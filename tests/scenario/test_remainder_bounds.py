"""The bounds of a remainder by a divisor of one sign are exact: 0..b-1, or b+1..0 (as Python's %).

The validator reads a budget like 'turn % 2' as able to be 0 (free moves then warn) and never
negative; a looser bound would make it warn of budgets that are never 0.
"""

from __future__ import annotations

import itertools

from game.scenario.expr import Expr
from game.scenario.intervals import Interval, bounds_of


def test_every_remainder_lies_within_its_bounds_and_the_bounds_are_reached():
    for a_low, a_high, b_low, b_high in itertools.product(range(-6, 7), range(-6, 7), range(-4, 5), range(-4, 5)):
        if a_low > a_high or b_low > b_high or b_low <= 0 <= b_high:
            continue
        names = {"a": Interval(a_low, a_high), "b": Interval(b_low, b_high)}
        got = bounds_of(Expr.parse_lenient("a % b").tree, names)
        values = [a % b for a in range(a_low, a_high + 1) for b in range(b_low, b_high + 1)]
        assert got.low <= min(values) and max(values) <= got.high, (names, got)
        if a_high - a_low >= max(abs(b_low), abs(b_high)):  # every remainder comes up
            assert (got.low, got.high) == (min(values), max(values)), (names, got)


def test_a_budget_of_turn_modulo_two_can_be_zero_but_never_negative():
    bounds = bounds_of(Expr.parse_lenient("turn % 2 * 2").tree, {"turn": Interval(1, 9)})
    assert (bounds.low, bounds.high) == (0, 2)
