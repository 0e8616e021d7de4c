"""The bot that plays the turn out, in a turn of rounds (format 2 `phases`).

A round's orders are resolved before the next round is ordered, and the turn's upkeep (drift, the
endings, the next turn's events) comes after the last round. So a bot weighing a move must play the
turn out from the round it orders in: its own round, then the later rounds with guessed orders for
their teams, to the end of the turn. In the DEFCON duel the USSR orders second: at the brink, its coup
ends the world with the USSR blamed. In the reply probe below Blue orders first: its parade draws
Red's strike in the next round, its rally the drift at the end of the turn, and either one brings the
war that Blue loses; its speech, the same pride on its card, brings neither.
"""

from __future__ import annotations

import pytest
from attrs import evolve

from game.bots import insight
from game.bots.match import parse_bots, play_game
from game.bots.policies import ObjectiveBot
from game.engine.rng import derive
from game.engine.state import GameState, Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import view
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Scenario
from tests.conftest import DATA

REPLY = """
format: 2
id: reply-probe
title: The reply
turns: 4
tracks:
  tension: {name: Tension, min: 0, max: 10, start: 0}
actors:
  blue:
    name: Blue
    budget: 1
    tracks: {pride: {name: Pride, start: 0}}
    objectives: {proud: {text: Stand tall, when: "blue.pride >= 1", points: 2, main: true}}
  red:
    name: Red
    budget: 1
    objectives: {feared: {text: Be feared, when: "tension >= 4", points: 2, main: true}}
kinds:
  show: {name: Show}
  answer: {name: Answer}
moves:
  speech: {name: Give a speech, kind: show, by: [blue], effects: [{blue.pride: +1}]}
  parade: {name: Hold a parade, kind: show, by: [blue], effects: [{blue.pride: +1}, {tension: +2}]}
  rally: {name: Hold a rally, kind: show, by: [blue], effects: [{blue.pride: +1}]}
  plot: {name: Plot, kind: show, by: [blue], covert: true, effects: [{tension: +1}]}
  strike: {name: Strike back, kind: answer, by: [red], requires: "tension >= 2", effects: [{tension: +2}]}
drift:
  - {name: A rally stirs the crowds, when: "played(rally) > 0", effects: [{tension: +4}]}
phases:
  - {id: blue_move, name: Blue moves, who: [blue]}
  - {id: red_move, name: Red answers, who: [red]}
endings:
  war: {name: War, when: "tension >= 4", immediate: true, losers: [blue]}
  peace: {name: Peace}
"""


@pytest.fixture(scope="module")
def reply() -> Scenario:
    return load_scenario_text(REPLY, "reply.yaml")


@pytest.fixture(scope="module")
def defcon() -> Scenario:
    return load_scenario(DATA / "defcon.yaml")


def at_the_brink_in_the_soviet_round(defcon: Scenario) -> GameState:
    """Turn 2, the USSR to order, DEFCON 2: each side staged a coup on turn 1, the USA ran operations now."""
    state = new_game(defcon, 5, {})
    for orders in ({"usa": [Order("usa_coup")]}, {"ussr": [Order("ussr_coup")]}, {"usa": [Order("usa_ops")]}):
        state = resolve_turn(defcon, state, orders).state
    assert (state.turn, state.round, state.tracks["defcon"]) == (2, 1, 2)
    return state


def test_in_the_soviet_round_at_the_brink_the_bot_sees_its_coup_end_the_world_with_it_blamed(defcon):
    state = at_the_brink_in_the_soviet_round(defcon)
    seen = view(defcon, state, "ussr")
    coup, ops = Order("ussr_coup"), Order("ussr_ops")
    worth = ObjectiveBot().worth(defcon, seen, [coup, ops], seed=3)
    # the rules: DEFCON 1, nuclear war, the USSR blamed and losing; operations lead in influence
    measured = insight.measure(defcon, state, "ussr", [coup, ops], {"usa": "objective", "ussr": "objective"}, 1.0, 4)
    assert max(measured[coup]) < -5 and min(measured[ops]) > 0
    assert worth[coup] < -5, worth
    assert abs(worth[coup] - sum(measured[coup]) / 4) < 0.5 and abs(worth[ops] - sum(measured[ops]) / 4) < 0.5
    for k in range(10):
        assert coup not in ObjectiveBot().choose(defcon, seen, derive(k, 2, "bot:ussr:r1"))
        assert coup not in ObjectiveBot("hawk").choose(defcon, seen, derive(k, 2, "bot:ussr:r1"))


def test_the_view_mid_turn_says_the_round_and_what_the_earlier_round_did(defcon):
    state = resolve_turn(defcon, new_game(defcon, 5, {}), {"usa": [Order("usa_coup")]}).state
    seen = view(defcon, state, "ussr")
    assert seen.round == 1 and seen.so_far is not None
    assert seen.so_far.played == {"usa_coup": 1} and seen.so_far.lowered_by == {"defcon": "usa"}
    assert view(defcon, new_game(defcon, 5, {}), "ussr").round == 0


def test_blue_weighs_red_s_reply_and_the_drift_after_its_round_and_gives_the_speech(reply):
    seen = view(reply, new_game(reply, 1, {}), "blue")
    speech, parade, rally = Order("speech"), Order("parade"), Order("rally")
    worth = ObjectiveBot().worth(reply, seen, [speech, parade, rally], seed=2)
    assert worth[speech] > 1.5, worth  # pride, and nothing after it
    assert worth[parade] < -1, worth  # Red may strike back in its round: war, which Blue loses
    assert worth[rally] < -5, worth  # the rally's drift at the end of the turn: war, for sure
    for k in range(10):
        assert ObjectiveBot().choose(reply, seen, derive(k, 1, "bot:blue")) == [speech]


def test_the_check_measures_blue_s_moves_to_the_end_of_the_turn(reply):
    state = new_game(reply, 1, {})
    seats = {"blue": "objective", "red": "objective"}
    measured = insight.measure(reply, state, "blue", [Order("speech"), Order("rally")], seats, 1.0, 2)
    assert min(measured[Order("speech")]) > 1.5 and max(measured[Order("rally")]) < -5, measured


def test_what_red_is_shown_mid_turn_does_not_tell_blue_s_covert_plot(reply):
    start = new_game(reply, 1, {})
    plotted = resolve_turn(reply, start, {"blue": [Order("plot")]}).state
    quiet = resolve_turn(reply, start, {"blue": []}).state
    assert plotted.so_far is not None and plotted.so_far.played == {"plot": 1}
    twin = evolve(quiet, tracks=plotted.tracks)  # the same board: only the plot itself differs
    assert view(reply, plotted, "red") == view(reply, twin, "red")
    assert view(reply, plotted, "red").so_far.played == {}  # type: ignore[union-attr]
    assert view(reply, plotted, "blue").so_far.played == {"plot": 1}  # type: ignore[union-attr]


def test_the_default_bots_keep_the_world_alive_in_most_duels(defcon):
    seats = parse_bots(defcon, None)
    wars = [play_game(defcon, seed, seats).final.outcome.ending == "nuclear_war" for seed in range(20)]  # type: ignore[union-attr]
    assert sum(wars) <= 4, sum(wars)
