"""The objective bot plays the whole format: objectives and endings that count plays, counter-offers."""

import pytest

from game.bots import ObjectiveBot, parse_bots, simulate
from game.engine import new_game, resolve_turn, view
from game.engine.rng import derive
from game.engine.state import Order
from game.scenario import load_scenario
from tests.conftest import DATA


@pytest.fixture(scope="module")
def counts():
    return load_scenario(DATA / "counts.yaml")


@pytest.fixture(scope="module")
def counter():
    return load_scenario(DATA / "counter.yaml")


def test_the_bot_plays_a_move_twice_when_its_objective_counts_the_plays(counts):
    """Blue scores 3 points if the council met twice (`ever(council) >= 2`), 1 point for pride."""
    summary = simulate(counts, 100, 1, parse_bots(counts, None))
    assert summary.objectives["blue"]["voice"] >= 0.9, summary.objectives
    assert summary.moves["council"]["per_game"] >= 2


def test_the_bot_fears_an_ending_that_one_play_of_a_move_brings_about(counts):
    """Red's strike would meet its objective, but `ever(strike) >= 1` ends the game in ruin for all."""
    summary = simulate(counts, 100, 1, parse_bots(counts, None))
    assert summary.endings.get("ruin", 0) <= 5, summary.endings


def test_a_reckless_bot_fears_that_ending_less_than_a_cautious_one(counts):
    hawks = simulate(counts, 100, 1, parse_bots(counts, "objective:hawk"))
    doves = simulate(counts, 100, 1, parse_bots(counts, "objective:dove"))
    assert doves.endings.get("ruin", 0) < hawks.endings.get("ruin", 0)


def answer_of_red(scenario, offer_move: str, seed: int) -> str:
    """What Red's bot answers when a human Blue makes it an offer: the log's answer line."""
    bot = ObjectiveBot()
    state = new_game(scenario, seed, {"blue": "human", "red": "objective"})
    red = bot.choose(scenario, view(scenario, state, "red"), derive(seed, 1, "bot:red"))
    state = resolve_turn(scenario, state, {"blue": [Order(offer_move)], "red": red}).state
    red = bot.choose(scenario, view(scenario, state, "red"), derive(seed, 2, "bot:red"))
    log = resolve_turn(scenario, state, {"blue": [], "red": red}).log
    (answer,) = [entry.text for entry in log if entry.kind == "answer" and entry.source == offer_move]
    return answer


def test_an_offer_that_costs_red_either_way_gets_a_counter_offer_back(counter):
    """Taking the aid or turning it down both cost Red power; its own demand would win some back."""
    answers = [answer_of_red(counter, "aid", seed) for seed in range(40)]
    countered = [a for a in answers if a.endswith("with a counter-offer: Demand more.")]
    assert len(countered) >= 30, answers


def test_a_good_offer_is_accepted_not_countered(counter):
    answers = [answer_of_red(counter, "gift", seed) for seed in range(40)]
    assert all(a.startswith("Red accepted") for a in answers), answers


def test_a_counter_offer_takes_the_budget_and_goes_back_to_the_offerer(counter):
    bot = ObjectiveBot()
    state = new_game(counter, 2, {"blue": "human", "red": "objective"})
    state = resolve_turn(counter, state, {"blue": [Order("aid")], "red": []}).state
    orders = bot.choose(counter, view(counter, state, "red"), derive(2, 2, "bot:red"))
    assert orders == [Order("demand", 1, "counter")]  # Red's budget is 1: the counter is all it plays
    state = resolve_turn(counter, state, {"blue": [], "red": orders}).state
    assert [(o.move, o.by) for o in view(counter, state, "blue").offers_to_me] == [("demand", ("red",))]


def test_the_view_counts_the_plays_every_player_saw(counts):
    """Every play is revealed, so a player's view counts them: for the whole game and last turn."""
    seats = parse_bots(counts, None)
    state = new_game(counts, 1, seats)
    state = resolve_turn(counts, state, {"blue": [Order("council")], "red": [Order("chat")]}).state
    state = resolve_turn(counts, state, {"blue": [Order("council")], "red": []}).state
    seen = view(counts, state, "red")
    assert seen.ever == {"council": 2, "chat": 1}
    assert seen.last_played == {"council": 1}
    assert seen.last_kinds == {"talk": 1}
