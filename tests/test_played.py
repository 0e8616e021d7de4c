"""A saved game still opens after its scenario file changed: the copy kept beside the save.

A save replays only with the very version of the scenario it was played with (its SHA-256). A new
version of the game, or a teacher fixing a typo, changes the file; the class's game must go on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.engine.errors import SaveError
from game.engine.save import read_save
from game.played import kept_path
from game.scenario import load_scenario
from game.session import HUMAN, Session
from game.ui.autosave import open_session
from tests.conftest import DATA


def played(tmp_path: Path) -> tuple[Path, Path]:
    """A game of a scenario file of the teacher's, one turn resolved and autosaved: (save, scenario)."""
    file = tmp_path / "mine" / "mini.yaml"
    file.parent.mkdir()
    shutil.copy(DATA / "mini.yaml", file)
    scenario = load_scenario(file)
    save = tmp_path / "games" / "game.json"
    save.parent.mkdir()
    session = Session(scenario, dict.fromkeys(scenario.actors, HUMAN), 7, autosave=save)
    for actor in scenario.actors:
        session.give_orders(actor, [])
    session.resolve()
    assert session.keep()
    return save, file


def test_a_game_opens_as_it_was_played_after_its_scenario_file_changed(tmp_path):
    save, file = played(tmp_path)
    want = read_save(save)
    assert kept_path(save, "mini", want.scenario_hash).is_file(), "a copy is kept beside the save"
    file.write_text(file.read_text(encoding="utf-8") + "\n# a typo fixed after the lesson\n", encoding="utf-8")
    assert load_scenario(file).source_hash != want.scenario_hash
    session = open_session(save, file)
    assert session.scenario.source_hash == want.scenario_hash and session.state.turn == 2
    for actor in session.scenario.actors:  # and it goes on
        session.give_orders(actor, [])
    session.resolve()
    assert session.keep() and len(read_save(save).turns) == 2


def test_the_report_of_such_a_game_is_written_too(tmp_path, capsys):
    save, file = played(tmp_path)
    file.write_text(file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(save), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 1000


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_without_a_true_copy_the_save_says_its_scenario_changed(tmp_path, damage):
    save, file = played(tmp_path)
    kept = kept_path(save, "mini", read_save(save).scenario_hash)
    if damage == "missing":
        kept.unlink()
    else:  # a copy whose bytes are not the version played is never used
        kept.write_text(kept.read_text(encoding="utf-8") + "\n# tampered\n", encoding="utf-8")
    file.write_text(file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        open_session(save, file)
