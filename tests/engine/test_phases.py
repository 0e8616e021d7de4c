"""A turn in rounds (format 2 `phases`): each round's orders resolve before the next is ordered."""

from __future__ import annotations

import pytest

from game.bots.match import play_game
from game.engine.errors import IllegalOrderError
from game.engine.rounds import acting, is_last
from game.engine.save import from_json, replay, to_json
from game.engine.state import GameState, Order, TurnResult
from game.engine.turn import idle, legal_moves, new_game, resolve_turn
from game.engine.view import view
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Scenario
from game.session import HUMAN, Session
from tests.conftest import DATA

ROUNDS = """
format: 2
id: rounds-probe
title: Rounds
turns: 3
tracks:
  tension: {name: Tension, min: 0, max: 12, start: 2}
actors:
  red:
    name: Red
    budget: 3
    objectives: {calm: {text: Keep calm, when: "tension < 10", main: true}}
  blue:
    name: Blue
    budget: 2
    objectives: {calm: {text: Keep calm, when: "tension < 10", main: true}}
kinds:
  action: {name: Action}
  reaction: {name: Reaction}
moves:
  push:
    name: Push
    kind: action
    by: [red, blue]
    effects: [{tension: +1}]
    roll: {dice: 1d6, target: 4, success: [{tension: +1}]}
  strike: {name: Strike, kind: action, by: [red], cost: 2, effects: [{tension: +7}]}
  calm: {name: Calm, kind: reaction, by: [red, blue], requires: "tension >= 4", effects: [{tension: -1}]}
interactions:
  clash: {name: Clash, when: [push, calm], effects: [{tension: +2}]}
phases:
  - {id: red_move, name: {en: Red moves, ko: 빨강의 차례}, who: [red], kinds: [action]}
  - {id: blue_move, name: {en: Blue moves, ko: 파랑의 차례}, who: [blue]}
  - {id: reactions, name: {en: Reactions, ko: 대응}, who: all, kinds: [reaction]}
endings:
  war: {name: War, when: "tension >= 10", immediate: true}
  peace: {name: Peace}
"""


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario_text(ROUNDS, "rounds.yaml")


def moves(scenario: Scenario, state: GameState, actor: str) -> list[str]:
    return [o.move for o in legal_moves(scenario, state, actor)]


def play(scenario: Scenario, state: GameState, **orders: list[str]) -> TurnResult:
    return resolve_turn(scenario, state, {a: [Order(m) for m in ms] for a, ms in orders.items()})


def test_the_rounds_come_in_order_and_only_their_teams_order(scenario: Scenario) -> None:
    state = new_game(scenario, 1)
    assert (state.round, acting(scenario, state)) == (0, ("red",))
    assert moves(scenario, state, "red") == ["push", "strike"] and moves(scenario, state, "blue") == []
    with pytest.raises(IllegalOrderError, match="does not order in this round"):
        play(scenario, state, blue=["push"])
    state = play(scenario, state, red=["push"]).state
    assert (state.turn, state.round, acting(scenario, state)) == (1, 1, ("blue",))
    state = play(scenario, state, blue=[]).state
    assert (state.turn, state.round, acting(scenario, state)) == (1, 2, ("red", "blue"))
    assert is_last(scenario, state)
    state = play(scenario, state).state
    assert (state.turn, state.round) == (2, 0)  # the turn is over: the next one starts with its first round


def test_a_later_round_sees_what_the_earlier_ones_did(scenario: Scenario) -> None:
    state = new_game(scenario, 1)
    result = play(scenario, state, red=["strike"])  # tension 2 -> 9
    seen = view(scenario, result.state, "blue")
    assert seen.tracks["tension"].value == 9 and seen.turn == 1
    assert [e.round for e in result.log if e.kind == "change"] == ["red_move"]  # the log names the round


def test_the_budget_is_the_turns_spent_across_its_rounds(scenario: Scenario) -> None:
    state = play(scenario, new_game(scenario, 3), red=["strike"]).state  # 2 of red's 3
    state = play(scenario, state, blue=[]).state
    assert view(scenario, state, "red").budget == 1 and view(scenario, state, "blue").budget == 2
    assert moves(scenario, state, "red") == ["calm"]
    state = play(scenario, state, red=["calm"]).state  # the next turn gives the whole budget again
    assert (state.round, view(scenario, state, "red").budget) == (0, 3)


def test_a_team_that_spent_its_budget_has_nothing_left_for_the_last_round(scenario: Scenario) -> None:
    state = play(scenario, new_game(scenario, 3), red=["push"]).state  # tension 3 or 4
    state = play(scenario, state, blue=["push"]).state
    assert state.tracks["tension"] >= 4
    assert view(scenario, state, "red").budget == 2 and view(scenario, state, "blue").budget == 1
    state = play(scenario, state, red=["calm"], blue=["calm"]).state
    assert state.round == 0


def test_an_immediate_ending_after_a_round_stops_the_turn(scenario: Scenario) -> None:
    result = play(scenario, new_game(scenario, 1), red=["push", "strike"])  # 2 + 1 + 7 (+1): war
    assert result.state.over and result.state.outcome is not None
    assert result.state.outcome.ending == "war" and result.state.outcome.turn == 1
    assert acting(scenario, result.state) == () and legal_moves(scenario, result.state, "blue") == []


def test_a_reaction_round_offers_only_its_kinds(scenario: Scenario) -> None:
    state = play(scenario, new_game(scenario, 1), red=["strike"]).state
    state = play(scenario, state, blue=[]).state
    assert moves(scenario, state, "red") == ["calm"] and moves(scenario, state, "blue") == ["calm"]
    with pytest.raises(IllegalOrderError, match="cannot be played in this round"):
        play(scenario, state, red=["push"])


def test_an_interaction_meets_moves_of_different_rounds_once_a_turn(scenario: Scenario) -> None:
    state = play(scenario, new_game(scenario, 5), red=["push"]).state  # 3 or 4
    state = play(scenario, state, blue=["push"]).state  # 4 to 6
    result = play(scenario, state, red=["calm"], blue=["calm"])
    clashes = [e for e in result.log if e.kind == "interaction"]
    assert len(clashes) == 1 and clashes[0].round == "reactions"


def test_the_same_move_in_two_rounds_rolls_its_own_dice(scenario: Scenario) -> None:
    text = ROUNDS.replace("who: [red], kinds: [action]}", "who: [red]}").replace("who: [blue]}", "who: [red]}")
    twice = load_scenario_text(text, "twice.yaml")
    differ = 0
    for seed in range(30):
        first = play(twice, new_game(twice, seed), red=["push"])
        second = play(twice, first.state, red=["push"])
        dice = [e.dice for r in (first, second) for e in r.log if e.kind == "roll"]
        differ += dice[0] != dice[1]
    assert differ >= 15  # a shared roll would make them equal in every game


def test_a_scenario_without_phases_is_one_round_of_everyone() -> None:
    scenario = load_scenario(DATA / "mini.yaml")
    state = new_game(scenario, 1)
    assert acting(scenario, state) == tuple(scenario.actors) and is_last(scenario, state)


# --- at the table: sessions, saves, bots --------------------------------------------------------


def test_a_session_asks_only_the_rounds_teams_and_saves_each_round(scenario: Scenario) -> None:
    session = Session(scenario, {"red": HUMAN, "blue": HUMAN}, 4)
    assert session.waiting_for() == ["red"] and str(session.round.phase.name) == "Red moves"  # type: ignore[union-attr]
    session.give_orders("red", [Order("push")])
    session.resolve()
    assert session.waiting_for() == ["blue"]
    session.give_orders("blue", [Order("push")])
    session.resolve()  # tension 4 to 6
    assert session.state.round == 2 and session.waiting_for() == ["red", "blue"]  # tension 4 or more: calm
    saved = from_json(to_json(session.save))
    assert len(saved.turns) == 2 and list(saved.turns[0]) == ["red"]  # one entry a round, of its teams only
    again = replay(scenario, saved)
    assert again.states == tuple(session.states) and again.logs == tuple(session.logs)


def test_a_team_with_nothing_to_play_is_not_asked(scenario: Scenario) -> None:
    session = Session(scenario, {"red": HUMAN, "blue": HUMAN}, 2)
    session.give_orders("red", [])
    session.resolve()  # tension 2: blue may push; then in the reactions, calm needs tension 4
    session.give_orders("blue", [])
    session.resolve()
    assert session.state.round == 2 and session.state.tracks["tension"] == 2
    assert idle(scenario, session.state, "red") and session.waiting_for() == []
    session.resolve()  # nobody was asked: their empty orders were given for them
    assert session.save.turns[-1] == {"red": (), "blue": ()} and session.state.turn == 2


BROKE = """
format: 1
id: broke
title: Broke
turns: 2
tracks:
  tension: {name: Tension, start: 2}
actors:
  rich: {name: Rich, budget: 2}
  poor: {name: Poor, budget: 0}
kinds:
  act: {name: Act}
moves:
  push: {name: Push, kind: act, by: [rich, poor], effects: [{tension: +1}]}
endings:
  peace: {name: Peace}
"""


def test_an_idle_team_is_skipped_without_phases_too() -> None:
    scenario = load_scenario_text(BROKE, "broke.yaml")  # format 1: a team with a budget of 0
    session = Session(scenario, {"rich": HUMAN, "poor": HUMAN}, 1)
    assert session.acting() == ("rich", "poor") and session.idle("poor") and not session.idle("rich")
    assert session.waiting_for() == ["rich"]
    session.give_orders("rich", [Order("push")])
    session.resolve()
    assert session.save.turns[0] == {"poor": (), "rich": (Order("push"),)}  # poor's empty orders, as if given


def test_bots_play_a_game_in_rounds_to_its_end_and_its_save_replays() -> None:
    scenario = load_scenario(DATA / "defcon.yaml")
    for seed in range(5):
        game = play_game(scenario, seed, {"usa": "objective", "ussr": "objective"}, keep_logs=True)
        assert game.final.over and game.turns == game.final.turn
        assert all(len(orders) == 1 for orders in game.orders)  # each round: only its team's orders
        again = replay(scenario, from_json(to_json(game.save)))
        assert again.states[-1] == game.final
        rounds = {e.round for log in game.logs for e in log if e.kind == "move"}
        assert rounds <= {"usa_move", "ussr_move"}


def test_the_debrief_says_each_round_of_a_turn() -> None:
    from game.report.debrief import build_debrief
    from game.report.markdown import render_markdown

    scenario = load_scenario(DATA / "defcon.yaml")
    game = play_game(scenario, 3, {"usa": "objective", "ussr": "objective"}, keep_logs=True)
    states = [new_game(scenario, 3)]  # the states matter for the outcome only: the timeline reads the log
    debrief = build_debrief(scenario, [*states, game.final], game.logs, reveal=True)
    first = debrief.timeline[0]
    rounds = [step.text for step in first.steps if step.kind == "round"]
    assert rounds == ["The American move", "The Soviet move"]
    moves = [step.kind for step in first.steps]
    assert moves.index("round") < moves.index("move")  # each round's heading comes before its moves
    assert "The Soviet move" in render_markdown(debrief)


# --- the validator ---------------------------------------------------------------------------------


def problems_of(text: str) -> list[str]:
    from game.scenario import ScenarioError

    try:
        scenario = load_scenario_text(text, "rounds.yaml")
    except ScenarioError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in scenario.warnings]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_unknown_team_or_kind_in_a_round_is_an_error_at_its_place() -> None:
    text = ROUNDS.replace("who: [blue]}", "who: [bleu]}").replace("kinds: [reaction]}", "kinds: [reacton]}")
    found = problems_of(text)
    team = line_of(text, "who: [bleu]")
    kind = line_of(text, "kinds: [reacton]")
    assert any(p.startswith(f"rounds.yaml:{team}:") and "unknown actor 'bleu'" in p for p in found), found
    assert any(p.startswith(f"rounds.yaml:{kind}:") and "unknown kind 'reacton'" in p for p in found), found


def test_a_repeated_round_id_is_an_error_and_a_team_in_no_round_a_warning() -> None:
    text = ROUNDS.replace("id: blue_move", "id: red_move").replace("who: all, kinds", "who: [red], kinds")
    found = problems_of(text)
    assert any("two rounds have the id 'red_move'" in p for p in found), found
    text = ROUNDS.replace("who: [blue]}", "who: [red]}").replace("who: all, kinds", "who: [red], kinds")
    found = problems_of(text)
    assert any("warning: the team 'blue' orders in no round" in p for p in found), found


def test_phases_in_a_format_1_file_ask_for_format_2() -> None:
    found = problems_of(ROUNDS.replace("format: 2", "format: 1"))
    assert any("phases is a format-2 key: write 'format: 2'" in p for p in found), found


def test_a_round_nobody_can_play_in_is_warned_of() -> None:
    assert not any("has a move it allows" in p for p in problems_of(ROUNDS))
    text = ROUNDS.replace(
        "{id: blue_move, name: {en: Blue moves, ko: 파랑의 차례}, who: [blue]}",
        "{id: blue_move, name: Blue, who: [blue], kinds: [reaction]}",
    )
    text = text.replace("by: [red, blue], requires", "by: [red], requires")
    found = problems_of(text)
    assert any("no team of the round 'blue_move' has a move it allows" in p for p in found), found
