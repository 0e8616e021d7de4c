"""The command line as a user runs it: exit codes and what is printed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario
from tests.conftest import DATA, ROOT, SCENARIOS, scenario_files

MINI = str(DATA / "mini.yaml")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_validate_a_clean_file_exits_0(capsys):
    clean = str(DATA / "counter.yaml")  # mini.yaml has one Korean text, so warns of the others
    assert main(["validate", clean]) == 0
    assert capsys.readouterr().out == f"{clean}: ok\n"


def test_validate_a_broken_file_exits_1_and_prints_each_problem(capsys):
    path = str(DATA / "broken" / "typo_key.yaml")
    assert main(["validate", path]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:18:5: unknown key 'costt' in a move (did you mean 'cost'?)",
        f"{path}: 1 error(s), 0 warning(s)",
    ]


def test_validate_json_lists_problems_with_positions(capsys):
    path = str(DATA / "broken" / "typo_key.yaml")
    assert main(["validate", "--format", "json", MINI, path]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [f["ok"] for f in data["files"]] == [True, False]
    assert data["files"][1]["problems"] == [
        {
            "file": path,
            "line": 18,
            "col": 5,
            "message": "unknown key 'costt' in a move (did you mean 'cost'?)",
            "severity": "error",
        }
    ]


def test_validate_strict_counts_warnings_as_problems(capsys):
    path = str(DATA / "broken" / "warnings.yaml")
    assert main(["validate", path]) == 0
    assert main(["validate", "--strict", path]) == 1


@pytest.mark.skipif(not scenario_files(), reason="no scenarios yet")
def test_every_shipped_scenario_validates_clean(capsys):
    """Rules and warnings; whether each is fully translated is tests/i18n/test_scenario_coverage.py's."""
    assert main(["validate", "--strict", *map(str, scenario_files())]) == 0


def test_simulate_prints_endings_scores_tracks_and_moves(capsys):
    assert main(["simulate", MINI, "--games", "50", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    for heading in ("Endings", "Teams", "Tracks at the end (mean)", "Moves"):
        assert heading in out
    assert "Mini crisis: 50 games, seed 4" in out


def test_simulate_json_is_the_same_for_any_number_of_processes(capsys):
    assert main(["simulate", MINI, "--games", "60", "--seed", "9", "--json", "--bots", "blue=random"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert (
        main(["simulate", MINI, "--games", "60", "--seed", "9", "--json", "--bots", "blue=random", "--jobs", "2"]) == 0
    )
    two = json.loads(capsys.readouterr().out)
    assert one == two
    assert {"games", "endings", "objectives", "moves"} <= set(one)
    assert one["games"] == 60 and sum(one["endings"].values()) == 60
    assert one["bots"] == {"blue": "random", "red": "objective"}


def test_simulate_save_dir_keeps_every_game(tmp_path: Path, capsys):
    assert main(["simulate", MINI, "--games", "3", "--save-dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game-00001.json", "game-00002.json", "game-00003.json"]


def test_simulate_with_an_unknown_actor_in_bots_says_which(capsys):
    assert main(["simulate", MINI, "--games", "3", "--bots", "green=random"]) == 2
    assert "unknown actor 'green' in --bots; the actors are blue, red" in capsys.readouterr().err


def test_a_broken_scenario_gives_problems_and_exit_1_never_a_traceback():
    result = run("simulate", str(DATA / "broken" / "dangling.yaml"), "--games", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dangling.yaml:25:11: unknown kind 'tlk' (did you mean 'talk'?)" in result.stderr


def test_schema_prints_the_committed_schema(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8")


def test_play_text_plays_a_whole_game_hot_seat(tmp_path: Path):
    save = tmp_path / "game.json"
    # Red is played by people: choose team 2, then each turn: Enter, no moves, 'y' to seal none, Enter.
    result = run("play", "--text", MINI, "--seed", "5", "--save", str(save), stdin="2\n\n" + "\n\n\ny\n\n\n" * 5)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Pass the keyboard to Team Red.\nPress Enter when only Team Red can see the screen." in out
    assert "== Turn 1 (the game ends between turns 3 and 4) ==" in out
    assert "The game is over:" in out
    assert "== Scores ==" in out
    assert save.exists()


def test_play_text_lets_a_team_pick_moves_by_number(tmp_path: Path):
    # Team Red picks move 2 (Missile test) in turn 1, then passes.
    stdin = "\n\n\n2\n\n\n\n" + "\n\n\ny\n\n\n" * 4
    result = run("play", "--text", MINI, "--seed", "5", "--teams", "red", "--data-dir", str(tmp_path), stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "[x] 2. Missile test" in result.stdout
    assert "Red: Missile test" in result.stdout


def test_play_text_quit_stops_cleanly(tmp_path: Path):
    result = run("play", "--text", MINI, "--teams", "red", "--data-dir", str(tmp_path), stdin="quit\n")
    assert result.returncode == 0
    assert "Game stopped." in result.stdout


def test_simulate_shows_each_actors_share_of_a_move_several_may_play(capsys):
    """A move open to two teams: one busy team must not hide that the other never plays it."""
    flagship = str(SCENARIOS / "washington-declaration-2023.yaml")
    assert main(["simulate", flagship, "--games", "30", "--seed", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scenario = load_scenario(flagship)
    shared = [m for m, move in scenario.moves.items() if len(move.by) > 1 and not move.joint]
    assert shared
    for move_id in shared:
        by_actor = data["moves"][move_id]["by_actor"]
        assert set(by_actor) == set(scenario.moves[move_id].by)
        assert max(by_actor.values()) == data["moves"][move_id]["turn_share"]


def test_simulate_in_korean_keeps_every_word_of_long_names_and_names_teams_not_ids(capsys):
    """A Hangul objective wider than its column wraps (nothing is cut), and teams are named as players know them."""
    flagship = str(SCENARIOS / "washington-declaration-2023.yaml")
    assert main(["simulate", flagship, "--games", "30", "--seed", "2", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    words = " ".join(out.split())  # a wrapped name reads whole once the table's line breaks are spaces
    scenario = load_scenario(flagship)
    for actor in scenario.actors.values():
        for objective in actor.objectives.values():
            assert " ".join(objective.text.get("ko").split()) in words
    shared = [move for move in scenario.moves.values() if len(move.by) > 1 and not move.joint]
    for actor_id in {actor for move in shared for actor in move.by}:
        assert f"{actor_id} 팀" not in out
        actor = scenario.actors[actor_id]
        assert f"{(actor.short or actor.name).get('ko')} 팀" in out
