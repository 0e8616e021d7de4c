"""Bots that see the rules (issue 14, item 8), and the check that says when they do not.

The fixture is a two-team game whose one good move pays only through an interaction: Blue's
"Open a hotline" lists no effect of its own, but when Red sends its envoy the same turn, the
two meet and trust rises by 3 (Blue's objective). Red's envoy goes every turn (a strategy). A
bot that reads only cards sees a move worth nothing; one that plays the turn out by the rules
sees the meeting coming from what Red has done so far. The check compares each bot's
expectation with what the rules give from the same states.
"""

from __future__ import annotations

import pytest

from game.bots import insight, lookahead
from game.bots.match import parse_bots, simulate
from game.bots.policies import ObjectiveBot
from game.engine.rng import derive
from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import view
from game.scenario import load_scenario, load_scenario_text
from tests.conftest import DATA

MEETING = """
format: 2
id: meeting
title: The meeting
turns: 5
tracks:
  trust: {name: Trust, min: 0, max: 10, start: 0}
actors:
  blue:
    name: Blue
    colour: "#1f77b4"
    budget: 1
    tracks:
      pride: {name: Pride, start: 0}
    objectives:
      trusted: {text: Build trust, when: "trust >= 6", points: 4, main: true}
      proud: {text: Stand tall, when: "blue.pride >= 8", points: 1}
  red:
    name: Red
    colour: "#d62728"
    budget: 1
    objectives:
      heard: {text: Be heard, when: "trust >= 3", points: 1, main: true}
kinds:
  talk: {name: Talk, colour: "#2ca02c", icon: dove}
  show: {name: Show, colour: "#ff7f0e", icon: ship}
moves:
  hotline: {name: Open a hotline, kind: talk, by: [blue], cost: 1}
  parade: {name: Hold a parade, kind: show, by: [blue], cost: 1, effects: [{blue.pride: +1}]}
  envoy: {name: Send an envoy, kind: talk, by: [red], cost: 1}
interactions:
  meet:
    name: The hotline meets the envoy
    when: [hotline, envoy]
    effects: [{trust: +3}]
endings:
  done: {name: The talks end}
strategies:
  red_talks: {actor: red, name: Always send the envoy, prefer: [envoy], only: true}
  blue_talks: {actor: blue, name: Open the hotline, prefer: [hotline], only: true}
lessons:
  talking_pays:
    claim: Meeting the envoy builds trust.
    measure: {score: blue}
    higher: {blue: blue_talks}
    than: {blue: objective}
    by: 0
    games: 20
"""


@pytest.fixture(scope="module")
def meeting():
    return load_scenario_text(MEETING, "meeting.yaml")


def seats_of(scenario, blue: str) -> dict[str, str]:
    return parse_bots(scenario, f"blue={blue},red=strategy:red_talks")


class Blind(ObjectiveBot):
    """The objective bot as it was: it reads its cards (``blind``), whatever the scenario."""

    def __init__(self) -> None:
        super().__init__("pragmatist", blind=True)


def test_the_meeting_needs_the_rules_played_out_and_a_format_1_game_does_not(meeting):
    assert lookahead.applies(meeting)
    assert not lookahead.applies(load_scenario(DATA / "mini.yaml"))  # format 1: chosen as before


def test_after_red_sent_its_envoy_the_bot_opens_the_hotline_and_a_card_reader_does_not(meeting):
    state = new_game(meeting, 3, {})
    state = resolve_turn(meeting, state, {"blue": [], "red": [Order("envoy")]}).state
    seen = view(meeting, state, "blue")
    hotline = [Order("hotline")]
    sees = [ObjectiveBot().choose(meeting, seen, derive(k, 2, "bot:blue")) for k in range(20)]
    reads = [Blind().choose(meeting, seen, derive(k, 2, "bot:blue")) for k in range(20)]
    assert all(chosen == hotline for chosen in sees)
    # the card reader sees nothing in the hotline's card: it opens it only when its noise says so
    assert sum(chosen == hotline for chosen in reads) < 10, reads


def test_the_bot_that_sees_the_rules_builds_the_trust_a_card_reader_never_does(meeting):
    sees = simulate(meeting, 40, 1, seats_of(meeting, "objective"))
    assert sees.objectives["blue"]["trusted"] >= 0.9, sees.objectives
    insight_seats = seats_of(meeting, "objective")
    insight_seats["blue"] = "objective"
    blind = [
        ObjectiveBot("pragmatist", blind=True).worth(meeting, view(meeting, s, "blue"), [Order("hotline")])
        for s in insight.sample_states(meeting, insight_seats, 1, 4)
    ]
    assert all(w[Order("hotline")] == 0.0 for w in blind)  # the card lists nothing: worth nothing to it


def test_the_check_finds_the_card_reader_misjudges_the_hotline_and_the_new_bot_does_not(meeting, monkeypatch):
    seats = seats_of(meeting, "objective")
    judged = {(j.actor, j.move): j for j in insight.judge_bots(meeting, seats, states=8, dice=2)}
    hotline = judged["blue", "hotline"]
    assert hotline.measured >= 1.0  # the rules: the meeting is worth a lot to Blue
    assert not hotline.misjudged, hotline
    assert not any(j.misjudged for j in judged.values()), judged

    monkeypatch.setattr(lookahead, "applies", lambda scenario: False)  # every bot reads only its cards
    blind = {(j.actor, j.move): j for j in insight.judge_bots(meeting, seats, states=8, dice=2)}
    assert blind["blue", "hotline"].expected == 0.0
    assert blind["blue", "hotline"].misjudged, blind["blue", "hotline"]
    lines = insight.format_judgements(meeting, list(blind.values()))
    assert any("bots misjudge Open a hotline (Blue)" in line for line in lines), lines
