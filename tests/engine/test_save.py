"""Saves: a game saved and replayed is the same game; a bad save never destroys a good one."""

import json
import os
import re
from pathlib import Path

import pytest

from game.bots.match import parse_bots, play_game
from game.engine import SaveError
from game.engine.rng import LEGACY_DICE
from game.engine.save import SAVE_VERSION, checksum_of, from_json, read_save, replay, to_json, write_save
from game.scenario import load_scenario_text
from tests.conftest import DATA


def test_a_saved_game_replays_to_the_same_states_and_log(rules, game, tmp_path):
    path = tmp_path / "game.json"
    write_save(path, game.save)
    again = replay(rules, read_save(path))
    assert again.states[-1] == game.final
    assert again.logs == game.logs


def test_writing_a_save_twice_leaves_one_file_and_no_temporary(game, tmp_path):
    path = tmp_path / "game.json"
    write_save(path, game.save)
    write_save(path, game.save)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_a_crash_while_writing_keeps_the_last_good_save(game, tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    write_save(path, game.save)
    good = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_save(path, game.save.with_turn({}))
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda text: text[: len(text) // 2], "the save is damaged or truncated (not JSON"),
        (lambda text: "", "the save is damaged or truncated (not JSON"),
        (lambda text: '{"format": "something-else"}', "not a valid save: this is not a Deterrence & Dialogue save"),
        (
            lambda text: text.replace(f'"version": {SAVE_VERSION}', '"version": 99'),
            "this save is version 99; this game reads",
        ),
        (lambda text: re.sub(r'"seed": \d+', '"seed": "eleven"', text, count=1), "not a valid save: bad seed"),
        (lambda text: "[" * 100_000, "the save is damaged or truncated"),
    ],
    ids=["truncated", "empty", "foreign", "future-version", "bad-seed", "deep-nesting"],
)
def test_a_bad_save_gives_a_clear_error(game, mangle, message):
    with pytest.raises(SaveError) as caught:
        from_json(mangle(to_json(game.save)))
    assert str(caught.value).startswith(message)


def test_a_save_with_orders_the_rules_refuse_says_which_turn(rules, game):
    data = json.loads(to_json(game.save))
    data["turns"][0]["red"] = ["drill"]
    data["checksum"] = checksum_of(data)  # well formed, and unchanged since written: only the rules refuse it
    with pytest.raises(SaveError, match=r"turn 1 of the save cannot be replayed: illegal order 'drill' of red"):
        replay(rules, from_json(json.dumps(data)))


def test_a_save_of_a_changed_scenario_is_refused_with_the_reason(game):
    changed = (DATA / "rules.yaml").read_text(encoding="utf-8").replace("start: 4", "start: 5")
    other = load_scenario_text(changed, str(DATA / "rules.yaml"))
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        replay(other, game.save)


def test_reading_a_missing_or_binary_save_is_a_save_error(tmp_path: Path):
    with pytest.raises(SaveError, match="cannot read the save"):
        read_save(tmp_path / "none.json")
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="not UTF-8"):
        read_save(tmp_path / "bin.json")


# --- the teacher's interventions, in the save and in the replay ----------------------------


@pytest.fixture(scope="module")
def long_game(rules):
    """The first seeded game of random bots that lasts at least four turns."""
    seats = parse_bots(rules, "random")
    return next(g for g in (play_game(rules, seed, seats) for seed in range(200)) if g.turns >= 4)


def test_the_teachers_interventions_are_saved_and_replayed_with_their_reasons(rules, long_game, tmp_path):
    from game.engine.state import Intervention
    from game.engine.turn import intervene

    two = long_game.save.up_to(2)
    before = replay(rules, two).states[-1]
    calmer = max(0, before.tracks["tension"] - 2)  # lower, so that the game goes on for the event after it
    raised = Intervention("adjust", track="tension", value=calmer, reason="a rumour of peace")
    after = intervene(rules, before, raised).state
    assert after.tracks["tension"] == calmer
    assert after.turn == before.turn and after.budgets == before.budgets
    saved = two.with_intervention(raised).with_intervention(Intervention("event", event="nervous"))
    path = tmp_path / "taught.json"
    write_save(path, saved)
    again = replay(rules, read_save(path))
    assert len(again.states) == 3
    last = [e.text for e in again.logs[-1]]
    assert any("adjusted by the teacher (a rumour of peace)" in text for text in last)
    assert any(text.startswith("Event (played by the teacher): Nerves") for text in last)
    assert again.states[-1].events[-1] == "nervous"


def test_undoing_the_last_turn_gives_back_the_state_before_it(rules, long_game):
    from game.engine.state import Intervention

    three = long_game.save.up_to(3).with_intervention(Intervention("adjust", track="talks", value=0, reason="reset"))
    undone = three.with_turn({}).without_last_turn()
    assert replay(rules, undone).states == replay(rules, three).states


def test_ending_the_game_early_scores_it_as_it_stands(rules, long_game):
    from game.engine.state import Intervention

    two = long_game.save.up_to(2).with_intervention(Intervention("end", reason="the bell rang"))
    final = replay(rules, two).states[-1]
    assert final.over and final.outcome is not None
    assert final.outcome.turn == 2
    assert final.outcome.ending in ("deal", "stalemate")


def test_a_version_1_save_from_an_older_game_still_loads(rules):
    # a game as the code of save versions 1 and 2 played it: with its dice
    older = play_game(rules, 11, parse_bots(rules, "random"), dice_kind=LEGACY_DICE)
    data = json.loads(to_json(older.save))
    data["version"] = 1
    del data["interventions"]
    del data["checksum"]  # older games wrote no checksum
    old = from_json(json.dumps(data))
    assert old.interventions == ()
    assert replay(rules, old).states[-1] == older.final


@pytest.mark.parametrize(
    ("intervention", "message"),
    [
        ({"after_turn": 0, "kind": "launch"}, "bad kind 'launch'"),
        ({"after_turn": 99, "kind": "end"}, "bad after_turn"),
        ({"after_turn": 0, "kind": "adjust", "track": "tension", "value": "high"}, "bad value"),
        ({"after_turn": 0, "kind": "end", "reason": "x" * 501}, "bad reason"),
    ],
)
def test_a_bad_intervention_in_a_save_is_a_clear_error(long_game, intervention, message):
    data = json.loads(to_json(long_game.save))
    data["interventions"] = [intervention]
    with pytest.raises(SaveError, match=message):
        from_json(json.dumps(data))


def test_an_intervention_the_scenario_cannot_take_says_so_on_replay(rules, long_game):
    data = json.loads(to_json(long_game.save.up_to(1)))
    data["interventions"] = [{"after_turn": 1, "kind": "event", "event": "meteor"}]
    data["checksum"] = checksum_of(data)  # written so by a game, not damaged: only the scenario refuses it
    with pytest.raises(SaveError, match=r"the teacher's event before turn 2 cannot be replayed: .*no event 'meteor'"):
        replay(rules, from_json(json.dumps(data)))
