"""`deterrence report SAVE`: from a save written by `deterrence simulate --save-dir` to a report file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import DATA, ROOT


@pytest.fixture
def played(tmp_path: Path, capsys) -> tuple[Path, Path]:
    """A copy of mini.yaml and the save of one bot game of it, as `simulate --save-dir` writes it."""
    scenario = tmp_path / "mini.yaml"
    shutil.copy(DATA / "mini.yaml", scenario)
    saves = tmp_path / "saves"
    assert main(["simulate", str(scenario), "--games", "1", "--seed", "3", "--save-dir", str(saves)]) == 0
    capsys.readouterr()
    (save,) = saves.iterdir()
    assert save.name == "game-00001.json"
    return scenario, save


def test_a_report_is_written_beside_the_save_by_default(played, capsys):
    _, save = played
    assert main(["report", str(save)]) == 0
    report = save.with_suffix(".html")
    assert capsys.readouterr().out == f"Report written to {report}\n"
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Mini crisis: debrief" in html
    assert "How it ended" in html
    umask = os.umask(0)
    os.umask(umask)
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask  # shared like any file, not private like a temp file
    assert [p.name for p in save.parent.iterdir() if p.name.startswith(".")] == []


def test_markdown_to_a_named_file_and_html_to_standard_output(played, tmp_path, capsys):
    _, save = played
    target = tmp_path / "out" / "debrief.md"
    assert main(["report", str(save), "--format", "md", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Mini crisis: debrief\n")
    capsys.readouterr()
    assert main(["report", str(save), "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_a_changed_scenario_is_a_clear_error_without_a_traceback(played):
    scenario, save = played
    scenario.write_text(scenario.read_text(encoding="utf-8") + "# edited after the game\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "game", "report", str(save)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"the scenario file {scenario} has changed since this game was played" in result.stderr
    assert "--scenario PATH" in result.stderr
    assert not save.with_suffix(".html").exists()


def test_a_missing_scenario_says_so_and_scenario_finds_a_moved_one(played, tmp_path, capsys):
    scenario, save = played
    moved = tmp_path / "elsewhere.yaml"
    scenario.rename(moved)
    assert main(["report", str(save)]) == 1
    assert f"the scenario file {scenario} is missing; give its path with --scenario PATH" in capsys.readouterr().err
    assert main(["report", str(save), "--scenario", str(moved)]) == 0
    assert save.with_suffix(".html").exists()


def test_a_corrupt_save_gives_the_save_error(tmp_path, capsys):
    save = tmp_path / "broken.json"
    save.write_text('{"format": "deterrence-dialogue-save", "version": 1, "sce', encoding="utf-8")
    assert main(["report", str(save)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{save}: the save is damaged or truncated")


def test_a_save_of_another_scenario_is_refused(played, capsys):
    _, save = played
    assert main(["report", str(save), "--scenario", str(DATA / "rules.yaml")]) == 1
    assert "the game was played with scenario 'mini', not 'rules'" in capsys.readouterr().err


def test_a_save_of_a_bundled_scenario_made_elsewhere_finds_it(tmp_path, capsys, monkeypatch):
    """simulate run from the checkout records 'scenarios/tutorial.yaml'; report run from anywhere still finds it."""
    monkeypatch.chdir(ROOT)
    assert main(["simulate", "scenarios/tutorial.yaml", "--games", "1", "--save-dir", str(tmp_path / "saves")]) == 0
    save = tmp_path / "saves" / "game-00001.json"
    assert '"scenarios/tutorial.yaml"' in save.read_text(encoding="utf-8")  # a relative path, as given
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["report", str(save), "-o", "game.html"]) == 0
    assert "Tutorial" in (tmp_path / "game.html").read_text(encoding="utf-8")
