"""`deterrence simulate` says whether a scenario meets the guide's balance targets, weighing the sample size."""

from __future__ import annotations

import json

from game.bots.checks import balance_checks, wilson
from game.cli import main
from game.scenario import load_scenario
from tests.conftest import DATA, SCENARIOS

RULES = DATA / "rules.yaml"


def summary(games: int, endings: dict[str, int], *, talks: float = 0.6, share: float = 0.2) -> dict:
    """A simulation summary of tests/data/rules.yaml with chosen rates."""
    rules = load_scenario(RULES)
    moves = {m: {"turn_share": share, "plays": 1, "per_game": 1.0, "games": 1.0} for m in rules.moves}
    objectives = {a: {o: 0.6 for o in actor.objectives} for a, actor in rules.actors.items()}
    objectives["blue"]["calm"] = talks
    return {"games": games, "mean_turns": 5.0, "endings": endings, "objectives": objectives, "moves": moves}


def test_a_balanced_sample_has_nothing_to_report():
    rules = load_scenario(RULES)
    assert balance_checks(rules, summary(1000, {"war": 100, "deal": 400, "stalemate": 500})) == []


def test_an_ending_that_swallows_the_game_is_off_target_with_a_hint():
    rules = load_scenario(RULES)
    (check,) = [c for c in balance_checks(rules, summary(1000, {"war": 700, "deal": 200, "stalemate": 100}))]
    assert (check.verdict, check.subject, check.id) == ("off target", "ending", "war")
    assert check.text == "Ending War: 70.0% of games"
    assert "make its condition harder" in check.hint


def test_a_rate_just_past_a_target_on_few_games_is_near_the_limit_not_off_target():
    rules = load_scenario(RULES)
    checks = balance_checks(rules, summary(100, {"war": 62, "deal": 20, "stalemate": 18}))
    assert [(c.verdict, c.id) for c in checks] == [("near the limit", "war")]


def test_a_main_objective_rarely_met_and_a_card_nobody_plays_are_reported():
    rules = load_scenario(RULES)
    checks = balance_checks(rules, summary(1000, {"war": 100, "deal": 400, "stalemate": 500}, talks=0.05, share=0.0))
    assert ("objective", "calm", "blue") in {(c.subject, c.id, c.actor) for c in checks}
    unplayed = {(c.id, c.actor) for c in checks if c.subject == "move"}
    assert ("summit", "blue") in unplayed and ("summit", "red") in unplayed


def test_the_wilson_interval_narrows_with_more_games():
    low_few, high_few = wilson(0.5, 50)
    low_many, high_many = wilson(0.5, 5000)
    assert low_few < low_many < 0.5 < high_many < high_few


def test_simulate_prints_the_verdict_and_puts_it_in_the_json(capsys):
    tutorial = str(SCENARIOS / "tutorial.yaml")
    assert main(["simulate", tutorial, "--games", "200"]) == 0
    out = capsys.readouterr().out
    assert "Balance against the guide's targets (section 8), worst first:" in out
    assert "OFF TARGET: Move Plan together: played by Protector in" in out
    assert main(["simulate", tutorial, "--games", "200", "--json"]) == 0
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert {"verdict": "off target", "subject": "move", "id": "plan_together", "actor": "protector"}.items() <= next(
        c for c in checks if c["id"] == "plan_together" and c["actor"] == "protector"
    ).items()
