"""Saves: a game saved and replayed is the same game; a bad save never destroys a good one."""

import json
import os
from pathlib import Path

import pytest

from game.bots.match import parse_bots, play_game
from game.engine import SaveError
from game.engine.save import from_json, read_save, replay, to_json, write_save
from game.scenario import load_scenario, load_scenario_text
from tests.conftest import DATA


@pytest.fixture(scope="module")
def rules():
    return load_scenario(DATA / "rules.yaml")


@pytest.fixture(scope="module")
def game(rules):
    return play_game(rules, 11, parse_bots(rules, "random"), keep_logs=True)


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
        (lambda text: text.replace('"version": 1', '"version": 99'), "this save is version 99; this game reads"),
        (lambda text: text.replace('"seed": 11', '"seed": "eleven"'), "not a valid save: bad seed"),
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
