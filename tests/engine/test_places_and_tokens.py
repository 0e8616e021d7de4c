"""Format 2 place values and tokens (issue 14 §5), as the rules play them: a place's value changes like a
track and is seen like one; a token shows a number worked out when it is placed, a roll's result can put
one down or take one off, and `max` holds how many stand at a place."""

from __future__ import annotations

from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import view
from game.report.logtext import log_text
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Scenario
from tests.conftest import DATA

# A coup that always succeeds (1d2 against 1: margin 0 or 1) and one that always fails (against 9).
TEXT = """\
format: 2
id: pieces
title: Pieces
turns: 6
actors:
  usa: {name: USA, objectives: {a: {text: Berlin leans west, when: "berlin.lean > 0", main: true}}}
  ussr: {name: USSR, objectives: {a: {text: Berlin leans east, when: "berlin.lean < 0", main: true}}}
kinds:
  coup: {name: Coup}
map:
  region: Europe
  lon: [-6, 30]
  lat: [35, 56]
  place_values:
    stability: {name: {en: Stability, ko: 안정도}, min: 0, max: 4}
    lean: {name: Lean, min: -3, max: 3, visible: hidden, estimate: 1, visible_to: [usa]}
  places:
    berlin: {name: {en: Berlin, ko: 베를린}, lon: 13.4, lat: 52.5, values: {stability: 3, lean: 0}}
moves:
  coup_{place}:
    for_each: place
    name: "Coup in {place.name}"
    kind: coup
    by: [usa]
    effects: [{"{place}.stability": -5}]
    roll:
      dice: 1d2
      target: 1
      results:
        - at_least: 0
          name: Success
          effects: [{"{place}.lean": {add: "1 + margin"}}]
          token: {at: "{place}", label: {en: US, ko: 미}, value: "10 + margin", max: 2, turns: 0}
  fail_{place}:
    for_each: place
    name: "Failed coup in {place.name}"
    kind: coup
    by: [usa]
    roll:
      dice: 1d2
      target: 9
      results:
        - {at_least: 0, name: Success}
        - name: Failure
          token: {at: "{place}", label: {en: US, ko: 미}, remove: true}
endings:
  over: {name: Over}
"""


def scenario() -> Scenario:
    return load_scenario_text(TEXT, "pieces.yaml")


def play(s: Scenario, *moves: str, seed: int = 1) -> tuple[object, list[list[str]]]:
    """Play one move of the USA a turn; the state after, and the English log of each turn."""
    state = new_game(s, seed)
    logs = []
    for move in moves:
        result = resolve_turn(s, state, {"usa": [Order(move)]})
        state = result.state
        logs.append([entry.text for entry in result.log])
    return state, logs


def test_a_place_value_changes_within_its_limits_and_the_log_names_the_place() -> None:
    s = scenario()
    state, logs = play(s, "coup_berlin")
    assert state.tracks["berlin.stability"] == 0  # 3 - 5, held at its min
    assert "Berlin Stability 3 → 0 (-5, held at 0): Coup in Berlin (USA)" in logs[0]


def test_a_hidden_place_value_is_a_range_to_the_others_and_exact_to_visible_to() -> None:
    s = scenario()
    state, _ = play(s, "coup_berlin")
    assert view(s, state, "usa").tracks["berlin.lean"].value == state.tracks["berlin.lean"]
    theirs = view(s, state, "ussr").tracks["berlin.lean"]
    assert theirs.value is None and theirs.low <= state.tracks["berlin.lean"] <= theirs.high
    assert theirs.high - theirs.low == 2


def test_a_results_token_shows_a_value_worked_out_from_the_margin() -> None:
    s = scenario()
    state, logs = play(s, "coup_berlin")
    (piece,) = state.tokens
    margin = state.tracks["berlin.lean"] - 1  # the lean rose by 1 + margin
    assert (piece.place, piece.label, piece.value, piece.until) == ("berlin", "US", 10 + margin, 0)
    assert f"US ({10 + margin}) placed at Berlin." in logs[0]


def test_max_holds_the_pieces_at_a_place_and_the_log_says_why_one_more_was_not_placed() -> None:
    s = scenario()
    state, logs = play(s, "coup_berlin", "coup_berlin", "coup_berlin")
    assert len(state.tokens) == 2
    assert "No US placed at Berlin: it holds 2 already." in logs[2]


def test_a_failure_takes_the_newest_piece_off_and_says_when_there_was_none() -> None:
    s = scenario()
    state, logs = play(s, "fail_berlin", "coup_berlin", "coup_berlin", "fail_berlin")
    assert "No US at Berlin to remove." in logs[0]
    assert "US removed from Berlin." in logs[3]
    placed, _ = play(s, "fail_berlin", "coup_berlin", "coup_berlin")
    assert state.tokens == placed.tokens[:1]  # the older piece stays


def test_the_log_says_a_results_piece_in_korean() -> None:
    s = scenario()
    state = new_game(s, 1)
    result = resolve_turn(s, state, {"usa": [Order("coup_berlin")]})
    said = [log_text(entry, s, "ko") for entry in result.log if entry.kind == "token"]
    assert len(said) == 1 and said[0].startswith("미 표지(") and "베를린" in said[0]


def test_the_influence_map_plays_the_same_game_from_the_same_seed_and_orders() -> None:
    s = load_scenario(DATA / "influence.yaml")
    orders = [{"usa": [Order("usa_coup_athens")], "ussr": [Order("ussr_coup_rome")]}] * 3
    games = []
    for _ in range(2):
        state = new_game(s, 5)
        for turn in orders:
            if state.over:
                break
            state = resolve_turn(s, state, turn).state
        games.append((state.tracks, state.tokens))
    assert games[0] == games[1]
    # each coup leaves at most one piece (max: 1), its team's, valued 1 + margin // 2 (1d6 + at most 3 against 5)
    pieces = [(t.place, t.label) for t in games[0][1]]
    assert len(set(pieces)) == len(pieces) and set(pieces) <= {("rome", "SU"), ("athens", "US")}
    assert all(1 <= t.value <= 3 for t in games[0][1])
