"""A damaged or impossible save is refused when it is opened, with a message that says why.

Damage here is what a class can meet: a flipped bit on a USB stick, a hand edit, a number
no game writes, a write killed midway. Every case is refused by ``from_json`` or by
``replay`` (which the window, ``replay`` and ``report`` all go through), never later.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from game.cli import main
from game.engine import SaveError
from game.engine.save import (
    clean_stale_temps,
    from_json,
    previous_of,
    read_save,
    replay,
    to_json,
    write_save,
)
from tests.conftest import DATA


def without_checksum(text: str) -> dict:
    """The save as a game before checksums wrote it (hand-made damage keeps no checksum either)."""
    data = json.loads(text)
    del data["checksum"]
    return data


# --- the checksum ------------------------------------------------------------------------------


def test_the_checksum_is_the_sha256_of_the_canonical_json_of_the_rest(game):
    data = json.loads(to_json(game.save))
    stored = data.pop("checksum")
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert stored == "sha256:" + hashlib.sha256(canonical).hexdigest()


def test_a_flipped_bit_in_the_seed_is_refused(game):
    text = to_json(game.save)
    seed = f'"seed": {game.seed},'
    assert seed in text
    flipped = text.replace(seed, f'"seed": {game.seed ^ 1},')
    with pytest.raises(SaveError, match="the save is damaged: its checksum does not match its contents"):
        from_json(flipped)


def test_a_changed_order_is_refused(game):
    text = to_json(game.save)
    move = next(iter(game.save.turns[0].values()))[0].move
    changed = text.replace(f'"{move}"', f'"{move[:-1]}{chr(ord(move[-1]) ^ 2)}"', 1)
    assert changed != text
    with pytest.raises(SaveError, match="checksum does not match"):
        from_json(changed)


def test_a_flipped_bit_in_the_checksum_key_is_not_taken_for_an_old_save(game):
    text = to_json(game.save).replace('"checksum"', '"chgcksum"')
    with pytest.raises(SaveError, match="unknown key 'chgcksum'"):
        from_json(text)


def test_a_save_without_a_checksum_still_loads_and_replays_the_same_game(rules, game):
    old = from_json(json.dumps(without_checksum(to_json(game.save))))
    again = replay(rules, old)
    assert again.states[-1] == game.final
    assert again.logs == game.logs


def test_the_checksum_does_not_depend_on_the_version_number(rules, game):
    """A new save version (another random generator, say) keeps the same checksum rule."""
    data = json.loads(to_json(game.save))
    data["version"] = 1
    data.pop("checksum")
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    data["checksum"] = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    older = from_json(json.dumps(data))  # accepted: the same rule, whatever the version says
    assert older.version == 1 and older.turns == game.save.turns and older.seed == game.save.seed
    # (a version-1 save is replayed with the dice of its day, so its game differs from this one's)
    assert replay(rules, older).states[-1].dice != game.final.dice


# --- impossible saves: refused at load, with a suggestion ------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["seats"].update(blue="objecvive:hawk"),
            "the seat of 'blue': unknown bot 'objecvive' (did you mean 'objective'?)",
        ),
        (
            lambda d: d["seats"].update(blue="objective:hwak"),
            "the seat of 'blue': unknown temperament 'hwak' (did you mean 'hawk'?)",
        ),
        (lambda d: d["seats"].update(bleu=d["seats"].pop("blue")), "a seat for 'bleu', which is not an actor"),
        (lambda d: d["seats"].pop("red"), "no seat for 'red'"),
        (
            lambda d: d["turns"][0].update(rde=d["turns"][0].pop("red")),
            "turn 1 has orders of 'rde', which is not an actor (did you mean 'red'?)",
        ),
        (
            lambda d: d["turns"][1].update(red=["sumit"]),
            "turn 2: red played 'sumit', not a move of the scenario (did you mean 'summit'?)",
        ),
    ],
    ids=["bot", "temperament", "seat-actor", "missing-seat", "order-actor", "move"],
)
def test_a_save_naming_what_the_scenario_lacks_is_refused_at_load(rules, game, change, message):
    data = without_checksum(to_json(game.save))
    change(data)
    save = from_json(json.dumps(data))  # well formed: only the scenario can tell
    with pytest.raises(SaveError) as caught:
        replay(rules, save)
    assert message in str(caught.value)


@pytest.mark.parametrize("where", ["seed", "offer", "after_turn", "value"])
def test_a_number_of_5000_digits_is_a_clear_error_not_a_value_error(game, where):
    data = json.loads(to_json(game.save))
    huge = "9" * 5000
    if where == "seed":
        data["seed"] = 0
    elif where == "offer":
        data["turns"][0]["red"] = [{"move": "summit", "offer": 0, "answer": "accept"}]
    else:
        data["interventions"] = [{"after_turn": 0, "kind": "adjust", "track": "tension", "value": 0}]
    text = json.dumps(data).replace(f'"{where}": 0', f'"{where}": {huge}', 1)
    assert huge in text
    with pytest.raises(SaveError, match="it holds a number 5,000 digits long"):
        from_json(text)


def test_a_seed_beyond_63_bits_is_refused(game):
    data = without_checksum(to_json(game.save))
    data["seed"] = 2**63  # 19 digits, one more than a signed 64-bit seed
    with pytest.raises(SaveError, match="bad seed"):
        from_json(json.dumps(data))


def test_nan_and_infinity_are_refused(game):
    text = to_json(game.save).replace(f'"seed": {game.seed}', '"seed": NaN')
    assert "NaN" in text
    with pytest.raises(SaveError, match="NaN"):
        from_json(text)


@pytest.mark.parametrize("command", ["report", "replay"])
def test_the_cli_refuses_a_huge_number_with_one_line_and_exit_1(tmp_path, game, capsys, command):
    path = tmp_path / "huge.json"
    text = to_json(game.save)
    huge = text.replace(f'"seed": {game.seed}', '"seed": ' + "7" * 4400)
    assert huge != text  # a save left whole would open a window and wait for a player
    path.write_text(huge, encoding="utf-8")
    assert main([command, str(path)]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"{path}: the save is damaged: it holds a number 4,400 digits long (a save's numbers have at most 19)\n"
    )


def test_report_refuses_a_save_with_an_unknown_bot_before_writing_anything(tmp_path, rules, game, capsys):
    data = without_checksum(to_json(game.save))
    data["seats"]["blue"] = "objecvive:hawk"
    data["scenario"]["path"] = str(DATA / "rules.yaml")
    path = tmp_path / "bot.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 1
    assert "unknown bot 'objecvive' (did you mean 'objective'?)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.json"]


# --- the previous save, and what a killed write leaves ---------------------------------------


def test_the_save_before_the_last_is_kept_beside_it(tmp_path, game):
    path = tmp_path / "game.json"
    first, second = game.save.up_to(1), game.save.up_to(2)
    write_save(path, first, keep_previous=True)
    assert not previous_of(path).exists()
    write_save(path, second, keep_previous=True)
    assert read_save(path) == second
    assert read_save(previous_of(path)) == first


def test_a_damaged_save_never_replaces_the_good_previous_one(tmp_path, game):
    path = tmp_path / "game.json"
    write_save(path, game.save.up_to(1), keep_previous=True)
    write_save(path, game.save.up_to(2), keep_previous=True)
    damage_seed(path, game)
    write_save(path, game.save.up_to(3), keep_previous=True)
    assert read_save(previous_of(path)) == game.save.up_to(1)
    assert read_save(path) == game.save.up_to(3)


def test_old_temp_files_of_a_killed_write_are_removed_and_nothing_else(tmp_path, game):
    old = time.time() - 3600
    ours_old = tmp_path / ".game.json.k3j_9x2a.tmp"
    ours_prev_old = tmp_path / ".game.json.prev.ab12cd34.tmp"
    ours_fresh = tmp_path / ".game.json.zz99yy88.tmp"  # another window may be writing it right now
    foreign = tmp_path / ".notes.txt.abcdefgh.tmp"
    mine_by_name = tmp_path / "game.json.tmp"
    for path in (ours_old, ours_prev_old, ours_fresh, foreign, mine_by_name):
        path.write_text("partial", encoding="utf-8")
    for path in (ours_old, ours_prev_old, foreign, mine_by_name):
        os.utime(path, (old, old))
    write_save(tmp_path / "game.json", game.save, keep_previous=True)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["game.json", ours_fresh.name, foreign.name, mine_by_name.name])


def test_cleaning_a_folder_that_is_not_there_does_nothing(tmp_path: Path):
    assert clean_stale_temps(tmp_path / "missing") == 0


def test_report_of_a_damaged_save_points_to_the_save_before_it(tmp_path, game, capsys):
    path = tmp_path / "game.json"
    write_save(path, game.save.up_to(1), keep_previous=True)
    write_save(path, game.save.up_to(2), keep_previous=True)
    damage_seed(path, game)
    assert main(["report", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: the save is damaged: its checksum does not match")
    assert err.endswith(f"(the save before it is {previous_of(path)})\n")
    assert main(["report", str(previous_of(path)), "-o", str(tmp_path / "report.html")]) == 0


def damage_seed(path: Path, game) -> None:
    """Change the seed a save holds, as a stray edit would (its checksum then no longer matches)."""
    text = path.read_text(encoding="utf-8")
    damaged = text.replace(f'"seed": {game.seed},', f'"seed": {game.seed ^ 1},')
    assert damaged != text
    path.write_text(damaged, encoding="utf-8")
