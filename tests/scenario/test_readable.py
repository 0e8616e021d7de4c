"""Conditions and dice modifiers read as sentences on cards, in rolls and in the terminal game."""

import pytest

from game.scenario import load_scenario
from game.scenario.expr import Expr
from game.scenario.readable import readable
from tests.conftest import DATA


@pytest.fixture(scope="module")
def rules():
    return load_scenario(DATA / "rules.yaml")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("tension >= 6 and blue.trust < 4", "Tension is at least 6 and B Trust is below 4"),
        ("red.power // 3", "R Power ÷ 3"),
        ("(talks + 1) * 2 > turn", "(Talks + 1) × 2 is above the turn"),
        ("talks - (tension - 2)", "Talks - (Tension - 2)"),
        ("tension > 7 or talks > 4 and turn > 2", "Tension is above 7 or (Talks is above 4 and the turn is above 2)"),
        ("(tension > 7 or talks > 4) and turn > 2", "(Tension is above 7 or Talks is above 4) and the turn is above 2"),
        ("ever(summit) >= 1", "Summit has been played so far"),
        ("ever(summit) == 0", "Summit has not been played so far"),
        ("ever(test) >= 3", "Test has been played at least 3 times so far"),
        ("played(test) > 0", "Test has been played last turn"),
        ("played_kind(force) == 0", "no force move was played last turn"),
        ("max(talks, 2) - abs(turn - 3)", "the larger of Talks and 2 - the size of (the turn - 3)"),
        ("not tension >= 8", "not (Tension is at least 8)"),
    ],
)
def test_an_expression_reads_as_a_sentence(rules, source, words):
    assert readable(Expr.parse(source), rules) == words


def test_what_is_checked_after_the_moves_counts_this_turns_plays(rules):
    assert readable(Expr.parse("played_kind(force) == 0"), rules, "this turn") == "no force move was played this turn"
