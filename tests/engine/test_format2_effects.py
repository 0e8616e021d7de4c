"""Format 2, part 2: effects that compute, graded roll results and per-team outcomes.

Each test plays or loads a small game and checks what a player (or an author running
`deterrence validate`) would notice: a track's value, the log's words, who won or lost,
a problem's line and wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots.match import play_game
from game.engine.rounds import acting
from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.report.logtext import log_text
from game.scenario import ScenarioError, load_scenario, load_scenario_text

DATA = Path(__file__).resolve().parents[1] / "data"

BASE = """\
format: 2
id: f2
title: F2
turns: 3
tracks:
  tension: {name: Tension, min: 0, max: 10, start: 5}
  mood: {name: Mood, min: 0, max: 10, start: 2}
actors:
  a:
    name: A
    budget: 2
    objectives: {calm: {text: Calm, when: "tension <= 3"}}
  b:
    name: B
    budget: 2
    objectives: {calm: {text: Calm, when: "tension <= 3"}}
kinds:
  k: {name: K}
moves:
MOVES
  idle: {name: Idle, kind: k, by: [a, b], effects: [{mood: +1}]}
endings:
ENDINGS
  default: {name: Default}
"""


def game(moves: str, endings: str = "", head: str = "") -> str:
    text = BASE.replace("MOVES\n", moves).replace("ENDINGS\n", endings)
    return text.replace("tracks:\n", head + "tracks:\n", 1)


def play(text: str, orders: dict[str, list[str]], seed: int = 1):
    scenario = load_scenario_text(text)
    state = new_game(scenario, seed)
    result = resolve_turn(scenario, state, {a: [Order(m) for m in ms] for a, ms in orders.items()})
    return scenario, result


def problems(text: str) -> list[str]:
    try:
        scenario = load_scenario_text(text, "f2.yaml")
    except ScenarioError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in scenario.warnings]


# --- computed effects ------------------------------------------------------------------------


def test_add_and_set_read_the_tracks_as_the_effects_before_them_left_them() -> None:
    moves = """\
  push:
    name: Push
    kind: k
    by: [a]
    effects: [{mood: +3}, {tension: {add: "mood // 2"}}, {mood: {set: "min(tension, 4)"}}]
"""
    _, result = play(game(moves), {"a": ["push"]})
    tracks = result.state.tracks
    assert tracks["tension"] == 5 + (2 + 3) // 2  # add read mood after the +3
    assert tracks["mood"] == 4  # set to min(7, 4)
    assert any("Mood 5 → 4" in e.text for e in result.log)


def test_set_is_held_at_the_track_limits() -> None:
    moves = '  crash: {name: Crash, kind: k, by: [a], effects: [{tension: {set: "tension - 20"}}]}\n'
    _, result = play(game(moves), {"a": ["crash"]})
    assert result.state.tracks["tension"] == 0


def test_a_branch_is_decided_once_before_its_effects_run() -> None:
    # then raises tension past the condition's threshold: the else side must still not run
    moves = """\
  fork:
    name: Fork
    kind: k
    by: [a]
    effects:
      - if: "tension < 6"
        then: [{tension: +3}, {mood: +1}]
        else: [{mood: +5}]
"""
    _, result = play(game(moves), {"a": ["fork"]})
    assert result.state.tracks["tension"] == 8
    assert result.state.tracks["mood"] == 3


def test_the_else_side_runs_when_the_condition_fails_and_branches_nest() -> None:
    moves = """\
  fork:
    name: Fork
    kind: k
    by: [a]
    effects:
      - if: "tension > 6"
        then: [{tension: -1}]
        else:
          - if: "mood == 2"
            then: [{mood: +4}]
            else: [{mood: -1}]
"""
    _, result = play(game(moves), {"a": ["fork"]})
    assert result.state.tracks["tension"] == 5
    assert result.state.tracks["mood"] == 6


def test_named_values_work_in_conditions_formulas_and_bounds() -> None:
    head = 'values:\n  heat: "tension + mood"\n  hot: "heat >= 7"\n'
    moves = """\
  vent:
    name: Vent
    kind: k
    by: [a]
    requires: hot
    effects: [{tension: {add: "-(heat // 7)"}}]
  never: {name: Never, kind: k, by: [a], requires: "heat > 20", effects: [{mood: +1}]}
"""
    scenario, result = play(game(moves, head=head), {"a": ["vent"]})
    assert result.state.tracks["tension"] == 4
    # the bounds see through the value: tension + mood is at most 20
    assert any("'never' can never be played" in str(w) for w in scenario.warnings)


def test_a_value_defined_through_itself_is_a_positioned_error() -> None:
    head = 'values:\n  a1: "a2 + 1"\n  a2: "a1 * 2"\n'
    found = problems(game("", head=head))
    assert "f2.yaml:6:7: the value 'a1' is defined through itself: a1 → a2 → a1" in found
    assert any("the value 'a2' is defined through itself: a2 → a1 → a2" in p for p in found)


def test_a_value_may_not_take_a_tracks_name() -> None:
    found = problems(game("", head='values:\n  tension: "mood"\n'))
    assert any("the value 'tension' has the name of a track" in p for p in found)


@pytest.mark.parametrize(
    ("fragment", "key"),
    [
        ('  m: {name: M, kind: k, by: [a], effects: [{mood: {add: "tension"}}]}\n', "add: FORMULA"),
        ('  m: {name: M, kind: k, by: [a], effects: [{if: "mood > 1", then: [{mood: +1}]}]}\n', "if/then/else"),
    ],
)
def test_format_2_effects_in_a_format_1_file_ask_for_format_2(fragment: str, key: str) -> None:
    text = game(fragment).replace("format: 2", "format: 1")
    line = text.splitlines().index(fragment.rstrip("\n")) + 1
    found = problems(text)
    assert any(f"{key} is a format-2 key: write 'format: 2' at the top of the file" in p for p in found), found
    assert all(p.startswith(f"f2.yaml:{line}:") for p in found if "format-2" in p), found


def test_validator_warns_of_zero_changes_and_sets_outside_the_limits() -> None:
    moves = """\
  nothing: {name: Nothing, kind: k, by: [a], effects: [{mood: 0}, {tension: {add: "0"}}]}
  over: {name: Over, kind: k, by: [a], effects: [{tension: {set: "mood + 5"}}]}
"""
    found = problems(game(moves))
    assert any("the change to 'mood' is 0: it changes nothing" in p for p in found)
    assert any("the change to 'tension' is always 0" in p for p in found)
    assert any("the value set can be 15, outside 'tension''s limits (0..10)" in p for p in found)


# --- graded results --------------------------------------------------------------------------

ROLL = """\
  gamble:
    name: Gamble
    kind: k
    by: [a]
    roll:
      dice: 1d6
      plus: PLUS
      target: 4
      results:
        - {at_least: 2, name: Decisive, text: A clean sweep., effects: [{mood: {add: "margin"}}]}
        - {at_least: 0, name: Success, effects: [{mood: +1}]}
        - {name: Failure, effects: [{tension: +1}]}
"""


@pytest.mark.parametrize(("plus", "band", "mood", "tension"), [(5, "Decisive", 2 + 2, 5), (-3, "Failure", 2, 6)])
def test_a_graded_roll_takes_the_band_its_margin_falls_in(plus: int, band: str, mood: int, tension: int) -> None:
    # 1d6 + 5 against 4: margin 2..7, always Decisive; 1d6 - 3: margin -6..-1, always Failure
    _, result = play(game(ROLL.replace("PLUS", str(plus))), {"a": ["gamble"]})
    roll = next(e for e in result.log if e.kind == "roll")
    assert roll.band == band
    assert f"against 4: {band}." in roll.text
    margin = sum(roll.dice or ()) + plus - 4
    expected_mood = 2 + margin if band == "Decisive" else mood
    assert result.state.tracks["mood"] == expected_mood
    assert result.state.tracks["tension"] == tension
    assert "margin" not in result.state.tracks  # the margin is read during the band, never kept


def test_bands_that_can_never_happen_are_warned_of_and_margin_is_only_read_in_bands() -> None:
    impossible = game(ROLL.replace("PLUS", "10"))  # margin 7..12: Success and Failure never happen
    found = problems(impossible)
    assert any("the result 'Success' can never happen: the margin lies between 7 and 12" in p for p in found)
    assert any("the result 'Failure' can never happen" in p for p in found)
    stray = game('  m: {name: M, kind: k, by: [a], effects: [{mood: {add: "margin"}}]}\n')
    assert any("`margin` is read only in the effects of a roll's results" in p for p in problems(stray))


def test_success_and_failure_are_the_two_band_case() -> None:
    moves = """\
  old:
    name: Old
    kind: k
    by: [a]
    roll: {dice: 1d6, plus: 5, target: 4, success: [{mood: +1}], success_text: Done.}
"""
    scenario, result = play(game(moves), {"a": ["old"]})
    roll = next(e for e in result.log if e.kind == "roll")
    assert roll.text.endswith(": success. Done.") and roll.band is None
    assert [str(b.name) for b in scenario.moves["old"].roll.bands()] == ["Success", "Failure"]


# --- per-team outcomes -----------------------------------------------------------------------

WAR = """\
  war:
    name: War
    when: "tension <= 2"
    immediate: true
    blame: {track: tension, direction: down}
    losers: [blamed]
    winners: [b]
    points: {blamed: -3, b: 1}
"""


def test_an_ending_names_its_loser_by_blame_for_a_fall() -> None:
    moves = "  cut: {name: Cut, kind: k, by: [a, b], effects: [{tension: -3}]}\n"
    _, result = play(game(moves, WAR), {"a": ["cut"], "b": ["idle"]})
    outcome = result.state.outcome
    assert outcome is not None and outcome.ending == "war"
    assert outcome.blamed == "a" and outcome.losers == ("a",) and outcome.winners == ("b",)
    assert outcome.scores == {"a": -3, "b": 1 + 1}  # a loser scores nothing but its points; b met calm too
    assert result.log[-1].text.endswith("B won. A lost.")


def test_blamed_needs_blame_and_teams_must_exist() -> None:
    bad = WAR.replace("    blame: {track: tension, direction: down}\n", "").replace("winners: [b]", "winners: [c]")
    found = problems(game("", bad))
    assert any("`blamed` needs the ending's `blame`" in p for p in found)
    assert any("unknown team 'c'" in p for p in found)
    fmt1 = problems(game("", WAR).replace("format: 2", "format: 1"))
    assert any("losers is a format-2 key" in p for p in fmt1)
    assert any("blame: {track, direction} is a format-2 key" in p for p in fmt1)


# --- the proof: a two-player DEFCON game with a loser -------------------------------------------


def _coups(seats: dict[str, str], games: int = 40) -> tuple[int, int]:
    scenario = load_scenario(DATA / "defcon.yaml")
    coups = wars = 0
    for seed in range(1, games + 1):
        played = play_game(scenario, seed, seats)
        coups += played.final.plays.get("usa:usa_coup", 0)
        wars += played.final.outcome is not None and played.final.outcome.ending == "nuclear_war"
    return coups, wars


def test_a_dove_and_a_hawk_differ_when_an_ending_can_make_them_lose() -> None:
    hawk, _ = _coups({"usa": "objective:hawk", "ussr": "objective"})
    dove, _ = _coups({"usa": "objective:dove", "ussr": "objective"})
    assert hawk > dove * 1.2, (hawk, dove)


def test_without_a_loser_the_dove_and_the_hawk_play_alike(tmp_path: Path) -> None:
    # the same game with nobody losing the war: temperament has nothing to fear, so the tables agree
    text = (DATA / "defcon.yaml").read_text(encoding="utf-8")
    text = text.replace("    losers: [blamed]\n    points: {blamed: -3}\n", "")
    path = tmp_path / "defcon.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)

    def table(bot: str) -> list[int]:
        return [
            play_game(scenario, seed, {"usa": bot, "ussr": "objective"}).final.plays.get("usa:usa_coup", 0)
            for seed in range(1, 21)
        ]

    assert table("objective:hawk") == table("objective:dove")


def test_reckless_coups_bring_the_war_and_the_blame() -> None:
    scenario = load_scenario(DATA / "defcon.yaml")
    played = play_game(scenario, 7, {"usa": "strategy:usa_reckless", "ussr": "objective"})
    outcome = played.final.outcome
    assert outcome is not None and outcome.ending == "nuclear_war"
    assert outcome.losers == ("usa",) and outcome.scores["usa"] == -3


# --- what players read -------------------------------------------------------------------------


def test_a_card_gives_the_chance_of_each_graded_result() -> None:
    from game.engine.view import view
    from game.ui.wording import dice_chance

    scenario = load_scenario(DATA / "defcon.yaml")
    state = new_game(scenario, 1)  # DEFCON 4: the modifier (5 - 4) // 2 is 0, so 1d6 against 4
    assert dice_chance(scenario, scenario.moves["usa_coup"], view(scenario, state, "usa")) == (
        "dice: Decisive 17%, Success 33%, Failure 50%"
    )


def test_the_debrief_and_the_report_say_who_lost() -> None:
    from game.report.debrief import build_debrief
    from game.report.markdown import render_markdown

    scenario = load_scenario(DATA / "defcon.yaml")
    state = new_game(scenario, 7)
    states, logs = [state], []
    while not state.over:
        orders = {"usa": [Order("usa_coup")], "ussr": [Order("ussr_ops")]}
        now = acting(scenario, state)  # the game is in rounds: the USA moves, then the USSR
        result = resolve_turn(scenario, state, {a: o for a, o in orders.items() if a in now})
        state = result.state
        states.append(state)
        logs.append(result.log)
    debrief = build_debrief(scenario, states, logs, reveal=True)
    assert debrief.ending is not None and debrief.ending.fates == "Lost: USA."
    assert "**Lost: USA.**" in render_markdown(debrief)
    rolls = [e for log in logs for e in log if e.kind == "roll"]
    assert rolls and all(e.band in ("Decisive", "Success", "Failure") for e in rolls)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ('{if: "mood > 1", than: [{mood: +1}]}', "a branch has the keys if, then and else, not 'than'"),
        ('{if: "mood > 1"}', "a branch needs `then` (or `else`)"),
        ("{mood: {add: 1, set: 2}}", "a computed change to 'mood' is {add: FORMULA} or {set: FORMULA}"),
        ('{if: "mood >", then: [{mood: +1}]}', "in 'mood >': expected a number"),
    ],
)
def test_a_malformed_branch_or_computed_change_is_a_positioned_error(item: str, message: str) -> None:
    fragment = f"  m: {{name: M, kind: k, by: [a], effects: [{item}]}}\n"
    text = game(fragment)
    line = text.splitlines().index(fragment.rstrip("\n")) + 1
    found = problems(text)
    assert any(p.startswith(f"f2.yaml:{line}:") and message in p for p in found), found


def test_a_graded_roll_and_an_ending_s_fates_are_said_in_korean() -> None:
    # the log keeps messages: a band's own name and meaning, and who won and lost, read in the reader's language
    korean = ROLL.replace(
        "name: Decisive, text: A clean sweep.",
        "name: {en: Decisive, ko: 대성공}, text: {en: A clean sweep., ko: 완승.}",
    )
    scenario, result = play(game(korean.replace("PLUS", "5")), {"a": ["gamble"]})
    roll = next(e for e in result.log if e.kind == "roll")
    said = log_text(roll, scenario, "ko")
    assert "대성공" in said and "완승." in said and "Decisive" not in said
    assert roll.text.endswith(": Decisive. A clean sweep.")  # English, word for word as before
    change = next(e for e in result.log if e.kind == "change" and e.track == "mood")
    assert "주사위 대성공" in log_text(change, scenario, "ko")
    moves = "  cut: {name: Cut, kind: k, by: [a, b], effects: [{tension: -3}]}\n"
    scenario, result = play(game(moves, WAR), {"a": ["cut"], "b": ["idle"]})
    ending = log_text(result.log[-1], scenario, "ko")
    assert ending.endswith("B 승리. A 패배.") and "won" not in ending
