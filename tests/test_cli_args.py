"""Every argument of the command line: explained by --help, and a wrong one refused in one line.

A wrong argument exits 2 with one line on stderr that names the argument and what it should
be, never a traceback and never a silent substitute (a misspelt temperament must not play as a
pragmatist). A write that fails once the command runs exits 1 with one line.
"""

from __future__ import annotations

import argparse
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import game.engine.save as save_module
from game.cli import build_parser, main
from tests.conftest import DATA, ROOT

MINI = str(DATA / "mini.yaml")
HUGE = "9" * 5000


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert actions, "the parser has no subcommands"
    return dict(actions[0].choices)


def test_every_option_of_every_subcommand_has_help_text():
    missing = []
    for name, sub in subcommands().items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            text = action.help
            if not text or text == argparse.SUPPRESS or len(text.strip()) < 8:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing, f"options without help text: {', '.join(missing)}"


def test_every_subcommand_has_help_text():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    described = {choice.dest for choice in sub._choices_actions if choice.help}
    assert described == set(subcommands())


def refused(capsys, argv: list[str]) -> str:
    """Run the command; it must exit 2 and print one line on stderr; return that line."""
    with pytest.raises(SystemExit) as caught:
        code = main(argv)
        raise SystemExit(code)
    assert caught.value.code == 2, f"{argv}: exit {caught.value.code}"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n"), f"{argv}: not one line: {err!r}"
    assert "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["play", "--size", "abc"], "--size: the window size is WIDTHxHEIGHT, e.g. 1920x1080, not 'abc'"),
        (["play", "--size", "10x10"], "the window's width must be from 320 to 16,384, not 10"),
        (["play", "--size", "1920x"], "the window's height must be a whole number"),
        (["replay", "x.json", "--size", "big"], "--size: the window size is WIDTHxHEIGHT"),
        (["play", "--speed", "0"], "--speed: the speed must be above 0 and at most 1000"),
        (["play", "--speed", "nan"], "--speed: the speed must be above 0"),
        (["play", "--speed", "fast"], "--speed: the speed must be a number such as 2 or 0.5, not 'fast'"),
        (["play", "--seed", "-1"], "--seed: the seed must be from 0 to 9,223,372,036,854,775,807, not -1"),
        (["play", "--seed", HUGE], "not a number 5,000 digits long"),
        (["play", "--seed", "seven"], "the seed must be a whole number"),
        (["simulate", MINI, "--seed", HUGE], "--seed: the seed must be from 0"),
        (["simulate", MINI, "--games", "-5"], "--games: the number of games must be from 1 to 10,000,000, not -5"),
        (["simulate", MINI, "--games", "0"], "the number of games must be from 1"),
        (["simulate", MINI, "--jobs", "0"], "--jobs: the number of processes must be from 1 to 32, not 0"),
        (["simulate", MINI, "--jobs", "-1"], "the number of processes must be from 1 to 32, not -1"),
        (["simulate", MINI, "--jobs", "500"], "the number of processes must be from 1 to 32, not 500"),
        (["simulate", MINI, "--bots", "objective:hwak"], "unknown temperament 'hwak' (did you mean 'hawk'?)"),
        (["simulate", MINI, "--bots", "blue=objecvive:hawk"], "unknown bot 'objecvive' (did you mean 'objective'?)"),
        (["simulate", MINI, "--bots", "bleu=random"], "unknown actor 'bleu' in --bots (did you mean 'blue'?)"),
        (["simulate", MINI, "--bots", "random:hawk"], "the random bot has no temperament"),
        (["simulate", MINI, "--bots", "random,,"], "an empty bot in --bots"),
        (["play", "--text", MINI, "--bots", "objective:dovish"], "unknown temperament 'dovish' (did you mean 'dove'?)"),
        (["play", "--bots", "objective:hawk"], "--bots is for the terminal game (--text); in the window, choose"),
        (["play", "--teams", "us", "--save", "x.json"], "--teams and --save are for the terminal game (--text)"),
        (["validate", "--format", "xml", MINI], "--format: invalid choice: 'xml'"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        ([], "the following arguments are required: command"),
    ],
)
def test_a_wrong_argument_is_refused_in_one_line_with_exit_2(capsys, argv, says):
    assert says in refused(capsys, argv)


def test_save_dir_that_is_a_file_is_refused(tmp_path, capsys):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    line = refused(capsys, ["simulate", MINI, "--games", "2", "--save-dir", str(afile)])
    assert line == f"deterrence simulate: --save-dir: {afile} is a file, not a folder"
    assert afile.read_text(encoding="utf-8") == "mine"


def test_save_dir_under_a_file_is_refused(tmp_path, capsys):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    line = refused(capsys, ["simulate", MINI, "--games", "2", "--save-dir", str(afile / "games")])
    assert line.startswith(f"deterrence simulate: --save-dir: cannot write in {afile / 'games'}: ")


def test_play_save_given_a_folder_is_refused_before_the_game_starts(tmp_path, capsys):
    line = refused(capsys, ["play", "--text", MINI, "--teams", "blue", "--save", str(tmp_path)])
    assert line == f"deterrence play: --save: {tmp_path} is a folder; give a file name, e.g. {tmp_path / 'game.json'}"


def test_screenshots_given_a_file_is_refused(tmp_path, capsys):
    afile = tmp_path / "shot.png"
    afile.write_bytes(b"")
    line = refused(capsys, ["play", "--demo", "--screenshots", str(afile)])
    assert line == f"deterrence play: --screenshots: {afile} is a file, not a folder"


def test_a_disk_that_fills_up_during_simulate_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(save_module.os, "replace", full)
    assert main(["simulate", MINI, "--games", "3", "--save-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == f"deterrence simulate: cannot write the saves in {tmp_path}: No space left on device\n"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"], "a temp file left behind"


def test_a_report_that_cannot_be_written_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["simulate", MINI, "--games", "1", "--save-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    save = tmp_path / "game-00001.json"
    assert main(["report", str(save), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"deterrence report: cannot write {tmp_path}: Is a directory\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--size", "abc"],
        ["simulate", MINI, "--jobs", "0"],
        ["simulate", MINI, "--games", "-5"],
        ["play", "--seed", HUGE],
    ],
)
def test_from_a_real_shell_there_is_no_traceback(argv):
    result = subprocess.run([sys.executable, "-m", "game", *argv], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_help_mentions_the_bounds_a_user_may_use():
    help_text = subcommands()["simulate"].format_help()
    assert "1 to 32" in " ".join(help_text.split())
    assert Path(MINI).exists()


def test_devices_need_the_window_not_the_terminal(capsys):
    assert main(["play", "--text", "--devices"]) == 2
    assert "--devices needs the window" in capsys.readouterr().err
