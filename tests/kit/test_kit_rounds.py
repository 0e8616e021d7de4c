"""The print kit's procedure says how a turn in rounds (format 2 phases) is played on paper."""

from __future__ import annotations

from game.kit.words import paper_procedure
from game.scenario import load_scenario
from tests.conftest import DATA, SCENARIOS


def test_the_paper_procedure_of_a_turn_in_rounds_names_them_in_order() -> None:
    steps = dict(paper_procedure(load_scenario(DATA / "defcon.yaml")))
    said = steps["A turn in rounds"]
    assert "The American move (USA); The Soviet move (USSR)" in said
    titles = list(steps)
    assert titles.index("1. Events") < titles.index("A turn in rounds") < titles.index("2. Orders (3 to 5 minutes)")


def test_a_scenario_without_rounds_has_no_such_step() -> None:
    steps = dict(paper_procedure(load_scenario(SCENARIOS / "tutorial.yaml")))
    assert "A turn in rounds" not in steps
