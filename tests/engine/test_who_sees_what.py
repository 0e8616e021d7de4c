"""Format 2, who sees what: visible_to on tracks, covert moves, private events, intelligence (learn).

Each test plays the war-scare scenario (tests/data/war-scare-1983.yaml) or a small text and checks
what each team, and the projector, is shown.
"""

from __future__ import annotations

import random
from functools import cache

import pytest

from game.engine.save import SaveGame, replay, start_save
from game.engine.state import GameState, LogEntry, Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import events_seen, redact, track_view, view
from game.report.logtext import LogWords
from game.scenario import ScenarioError, load_scenario, load_scenario_text
from game.scenario.model import Scenario
from tests.conftest import DATA

WAR_SCARE = DATA / "war-scare-1983.yaml"


@cache
def scare() -> Scenario:
    return load_scenario(WAR_SCARE)


def play(orders: list[dict[str, list[str]]], seed: int = 3) -> tuple[list[GameState], list[tuple[LogEntry, ...]]]:
    """States and logs of a game of the war scare with these orders, turn by turn."""
    s = scare()
    state = new_game(s, seed)
    states, logs = [state], [state.event_log]
    for turn in orders:
        result = resolve_turn(s, state, {a: [Order(m) for m in ms] for a, ms in turn.items()})
        state = result.state
        states.append(state)
        logs.append(result.log)
    return states, logs


def texts(actor: str | None, log: tuple[LogEntry, ...]) -> list[str]:
    return [e.text for e in redact(scare(), actor, log)]


# --- covert moves -------------------------------------------------------------------------------


def test_a_covert_move_is_read_only_by_its_players_and_the_others_see_only_that_a_track_moved():
    _, logs = play([{"ussr": ["air_alert", "ryan"], "nato": ["low_key"]}])
    mine = texts("ussr", logs[1])
    assert any("Nuclear-capable aircraft on alert" in t for t in mine)
    assert any("USSR Fear of a surprise attack 5 → 6" in t for t in mine)
    for viewer in ("nato", None):
        seen = texts(viewer, logs[1])
        assert not any("aircraft" in t or "RYaN" in t or "USSR:" in t for t in seen), seen
        assert "USSR Soviet alert changed (hidden)." in seen  # a hidden track: that it changed, no more
        assert any("Run the exercise low-key" in t for t in seen)  # the open move is told as before
    entries = redact(scare(), "nato", logs[1])
    assert all(e.actor in (None, "nato") and e.source in (None, "low_key") for e in entries)


def test_a_covert_change_to_a_track_others_see_is_told_without_its_cause_at_the_end_of_the_turn():
    text = WAR_SCARE.read_text(encoding="utf-8").replace(
        "    effects: [{ussr.alert: +2}]\n    text: Load one squadron",
        "    effects: [{ussr.alert: +2}, {nato.alert: +1}]\n    text: Load one squadron",
    )
    s = load_scenario_text(text, "scare.yaml")
    state = new_game(s, 1)
    log = resolve_turn(s, state, {"ussr": [Order("air_alert")], "nato": [Order("low_key")]}).log
    seen = redact(s, "nato", log)
    assert [e.text for e in seen[-2:]] == [
        "NATO Force alert changed: something happened out of sight.",  # at the end: its place names no move
        "USSR Soviet alert changed (hidden).",
    ]
    assert seen[-2].actor is None and seen[-2].source is None
    assert not any(e.text.startswith("NATO Force alert 2 → 3") for e in seen)
    assert any(e.text.startswith("NATO Force alert 2 → 3") for e in redact(s, "ussr", log))


def test_covert_plays_are_not_counted_in_the_other_teams_views():
    states, _ = play([{"ussr": ["air_alert", "stand_down"]}])
    s, state = scare(), states[1]
    assert state.last_played["air_alert"] == 1
    assert "air_alert" not in view(s, state, "nato").last_played
    assert "air_alert" not in view(s, state, "nato").ever
    assert view(s, state, "nato").last_played["stand_down"] == 1  # an open play is public as before
    assert view(s, state, "nato").last_kinds == {"posture": 1}
    assert view(s, state, "ussr").last_kinds == {"posture": 2}


# --- private events ------------------------------------------------------------------------------


def test_a_private_event_is_shown_only_to_its_audience():
    states, _ = play([{}, {}])
    s, state = scare(), states[2]  # turn 3: the flash telegram
    assert "flash" in state.events
    assert "flash" in view(s, state, "ussr").events
    assert "flash" not in view(s, state, "nato").events
    assert "flash" not in events_seen(s, state, None)  # the projector's board (window and devices)
    assert any("Flash telegram" in t for t in texts("ussr", state.event_log))
    for viewer in ("nato", None):
        assert not any("Flash" in t or "Centre" in t for t in texts(viewer, state.event_log))


# --- intelligence ----------------------------------------------------------------------------------


def test_intelligence_narrows_only_the_learners_range_which_keeps_the_truth_and_lasts():
    s = scare()
    states, logs = play([{"nato": ["sigint"]}, {"ussr": ["air_alert"]}])
    before, after, later = (track_view(s, st, "ussr.alert", "nato") for st in states)
    assert before.high - before.low == 6
    assert after.high - after.low <= 2 and after.low <= states[1].tracks["ussr.alert"] <= after.high
    assert later.high - later.low <= 2 and later.low <= states[2].tracks["ussr.alert"] <= later.high
    assert track_view(s, states[1], "ussr.alert", None) == track_view(s, states[0], "ussr.alert", None)
    assert any("Intelligence on USSR Soviet alert" in t for t in texts("nato", logs[1]))
    assert not any("Intelligence" in t for t in texts("ussr", logs[1]) + texts(None, logs[1]))


def test_intelligence_of_width_zero_shows_the_value_and_a_wider_one_never_widens_it():
    s = scare()
    states, _ = play([{"ussr": ["ask"]}, {"ussr": ["ryan"]}])  # ask learns exactly; ryan (±2) comes after
    for state in states[1:]:
        seen = track_view(s, state, "nato.exercise", "ussr")
        assert seen.exact and seen.value == state.tracks["nato.exercise"]
    assert not track_view(s, states[1], "nato.exercise", None).known  # the projector still sees nothing


def test_what_a_team_learnt_replays_from_a_save():
    s = scare()
    orders = [{"nato": [Order("agent")]}, {"nato": [Order("sigint")], "ussr": [Order("ryan")]}]
    save = start_save(s, 5, {"nato": "random", "ussr": "random"})
    for turn in orders:
        save = save.with_turn(turn)
    assert isinstance(save, SaveGame)
    again = replay(s, save).states[-1]
    state = new_game(s, 5)
    for turn in orders:
        state = resolve_turn(s, state, turn).state
    assert again.learned == state.learned == {"nato:ussr.fear": 1, "nato:ussr.alert": 1, "ussr:nato.exercise": 2}


def test_the_new_log_lines_read_in_korean():
    s = scare()
    _, logs = play([{"nato": ["sigint", "agent"], "ussr": ["air_alert"]}])
    korean = LogWords(s, "ko")
    lines = [korean.entry(e) for e in redact(s, "nato", logs[1])]
    assert any("첩보" in line for line in lines), lines
    assert all("Intelligence" not in line for line in lines), lines


# --- the loader ----------------------------------------------------------------------------------


def test_format_two_keys_in_a_format_one_file_are_positioned_errors():
    text = WAR_SCARE.read_text(encoding="utf-8").replace("format: 2", "format: 1")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "scare.yaml")
    said = [str(p) for p in info.value.problems]
    for key in ("covert", "learn", "visible_to"):
        assert any(f"{key} is a format-2 key" in p for p in said), (key, said)
    assert all(p.line > 1 for p in info.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            "    covert: true\n    effects: [{ussr.alert: +2}]",
            "    covert: true\n    offer: {to: nato}\n    effects: [{ussr.alert: +2}]",
            "an offer cannot be covert",
        ),
        ("{learn: ussr.alert, by: nato, width: 1}", "{learn: ussr.alert, by: usa, width: 1}", "unknown actor 'usa'"),
        ("{learn: ussr.alert, by: nato, width: 1}", "{learn: ussr.alert, by: nato, width: -1}", "width is a whole"),
        ("visible_to: [ussr]", "visible_to: [kgb]", "unknown actor 'kgb'"),
    ],
)
def test_mistakes_with_the_new_keys_are_refused(old, new, words):
    text = WAR_SCARE.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text.replace(old, new, 1), "scare.yaml")
    assert any(words in p.message for p in info.value.problems), [str(p) for p in info.value.problems]


def test_silent_mistakes_with_the_new_keys_are_warned_of():
    text = WAR_SCARE.read_text(encoding="utf-8")
    text = text.replace("{learn: ussr.fear, by: nato, width: 1}", "{learn: nato.alert, by: nato, width: 1}")
    text = text.replace(
        "    cost: 1\n    effects: [{ussr.alert: -2}]",
        '    cost: 1\n    requires: "played(air_alert) > 0"\n    effects: [{ussr.alert: -2}]',
    )
    text = text.replace(
        "kind: message\n    by: [nato]\n    cost: 2",
        'kind: message\n    by: [nato]\n    cost: 2\n    requires: "ever(ryan) == 0"',
    )
    text = text.replace(
        "    covert: true\n    effects: [{ussr.alert: +2}]",
        "    covert: true\n    signal: Engines run.\n    effects: [{ussr.alert: +2}]",
    )
    warned = [p.message for p in load_scenario_text(text, "scare.yaml").warnings]
    assert any("already sees 'nato.alert' exactly" in w for w in warned), warned
    assert any("counts plays of the covert move 'ryan'" in w for w in warned), warned
    assert not any("counts plays of the covert move 'air_alert'" in w for w in warned), "ussr sees its own plays"
    assert any("a covert move's signal is heard only" in w for w in warned), warned


# --- visible_to on a track ---------------------------------------------------------------------------


def test_a_track_visible_to_a_team_is_exact_for_it_and_as_before_for_the_others():
    text = (DATA / "secrets.yaml").read_text(encoding="utf-8").replace("format: 1", "format: 2")
    text = text.replace("visible: hidden, estimate: 2}", "visible: hidden, estimate: 2, visible_to: [blue]}")
    s = load_scenario_text(text, "secrets.yaml")
    state = new_game(s, 2)
    assert track_view(s, state, "red.power", "blue").exact  # an ally told of it
    assert track_view(s, state, "red.power", "red").exact  # its owner
    assert not track_view(s, state, "red.power", None).exact  # the class at large: the range
    assert track_view(s, state, "red.power", None).known
    log = resolve_turn(s, state, {"red": [Order("build")]}).log
    assert any(t.startswith("R Power 5 → 6") for t in (e.text for e in redact(s, "blue", log)))
    assert "R Power changed (hidden)." in [e.text for e in redact(s, None, log)]


def test_the_war_scare_twins_differ_in_the_new_secrets():
    """The noninterference twins do exercise format 2: covert lines, learnt ranges, covert counts."""
    from tests.engine.test_noninterference import game_of, twin_log, twin_state

    s, rnd = scare(), random.Random(2)
    covert_lines = learnt = recounted = 0
    for seed in range(4):
        for state, logs in game_of(WAR_SCARE, seed):
            covert_lines += sum(1 for log in logs for e in log if e.audience == ("nato",))
            learnt += bool(state.learned)
            twin = twin_state(s, state, "ussr", rnd)
            recounted += twin.last_played.get("sigint", 0) != state.last_played.get("sigint", 0)
            assert twin_log(s, state.event_log, "ussr", rnd) is not None
    assert covert_lines and learnt and recounted


def test_the_terminal_shows_a_covert_play_and_intelligence_only_to_the_team_that_may_read_them():
    from tests.engine.test_noninterference import session_of, text_orders_screen

    states, logs = play([{"ussr": ["air_alert"], "nato": ["sigint"]}])
    screens = {
        actor: text_orders_screen(session_of(scare(), states[1], tuple(logs), {}), actor) for actor in ("ussr", "nato")
    }
    assert "Only your team sees this: USSR: Nuclear-capable aircraft on alert" in screens["ussr"]
    assert "Only your team sees this: Intelligence on USSR Soviet alert" in screens["nato"]
    assert "aircraft" not in screens["nato"] and "Intelligence on" not in screens["ussr"]


def test_the_war_scare_teaches_what_it_claims():
    """Its lessons hold in `simulate --lessons` (seed 1): bots that read only their views find them."""
    from game.bots import lessons as ls

    with ls.Player(scare(), seed=1) as player:
        results = ls.check_lessons(player)
    assert {r.id for r in results} == set(scare().lessons)
    assert all(r.holds for r in results), [(r.id, r.verdict) for r in results if not r.holds]
