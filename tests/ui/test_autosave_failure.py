"""A save that cannot be written never takes the game down, and a damaged one never hides the game.

The class goes on playing; a banner over every screen says where the game could not be
written; Ctrl+S (or a click on the banner) lets the teacher save in another folder; every
turn stays in memory until it is written. Continue offers the previous good save.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pygame
import pytest

import game.engine.save as save_module
from game.bots.match import parse_bots
from game.engine.save import previous_of, read_save
from game.scenario import load_scenario
from game.ui.scenes.saving import other_folders
from tests.conftest import DATA
from tests.ui.pilot import Pilot, launched

MINI = DATA / "mini.yaml"


@pytest.fixture(scope="module")
def mini_scenario():
    return load_scenario(MINI)


def start_bot_game(p: Pilot, scenario) -> None:
    """A game where every seat is a bot: the turns move on with the primary button alone."""
    p.app.start_game(scenario, parse_bots(scenario, "random"))
    p.settle()


def play_turn(p: Pilot) -> None:
    """From the briefing or a turn's events to the next turn's events (or the ending)."""
    turns = len(p.app.session.save.turns)
    for _ in range(200):
        p.advance()
        if len(p.app.session.save.turns) > turns and p.name in ("event", "ending"):
            return
    raise AssertionError(f"the turn never ended; stuck on {p.name}")


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_keeps_the_game_going_says_so_and_writes_the_turns_once_it_can(
    tmp_path, mini_scenario, monkeypatch
):
    with launched(tmp_path, start=MINI) as p:
        start_bot_game(p, mini_scenario)
        path = p.app.autosave_path
        assert read_save(path).turns == ()
        monkeypatch.setattr(save_module.os, "replace", full_disk)
        play_turn(p)
        text = p.screen_text()
        assert f"Not saved: could not write in {path.parent} (No space left on device)" in text
        assert "Ctrl+S" in text
        assert len(p.app.session.save.turns) == 1 and read_save(path).turns == ()

        play_turn(p)  # the class plays on; the banner stays on every screen
        assert "Not saved" in p.screen_text()
        assert len(p.app.session.save.turns) == 2

        monkeypatch.undo()  # the teacher freed some space
        play_turn(p)
        assert "Not saved" not in p.screen_text()
        assert read_save(path).turns == p.app.session.save.turns
        assert len(read_save(path).turns) == 3


def test_a_data_folder_that_cannot_hold_games_offers_another_folder_typed_by_the_teacher(tmp_path, mini_scenario):
    data = tmp_path / "data"
    data.mkdir()
    (data / "games").write_text("not a folder", encoding="utf-8")  # as unwritable as a read-only folder
    usb = tmp_path / "usb stick" / "class 3"
    with launched(data, start=MINI) as p:
        start_bot_game(p, mini_scenario)
        play_turn(p)
        assert p.app.session.unsaved is not None
        assert f"could not write in {data / 'games'}" in p.screen_text()

        p.click(p.app.banner.center)
        assert p.name == "save-elsewhere"
        labels = p.labels()
        assert labels[0] == "Try again here"
        assert [label for label, _, _ in other_folders()] == labels[1 : 1 + len(other_folders())]
        p.click_button("Type a folder…")
        assert p.name == "folder"
        for char in str(usb):
            p.send(pygame.TEXTINPUT, text=char)
        p.press(pygame.K_RETURN)

        assert p.name == "event"
        assert p.app.session.unsaved is None
        assert f"Saved in {usb}" in p.screen_text()
        saved = usb / p.app.autosave_path.name
        assert p.app.autosave_path == saved
        assert read_save(saved).turns == p.app.session.save.turns

        play_turn(p)
        assert len(read_save(saved).turns) == 2, "the next turn is saved in the new folder too"


def test_ctrl_s_tries_again_and_a_folder_that_fails_too_says_so(tmp_path, mini_scenario, monkeypatch):
    with launched(tmp_path, start=MINI) as p:
        start_bot_game(p, mini_scenario)
        monkeypatch.setattr(save_module.os, "replace", full_disk)
        play_turn(p)
        p.press(pygame.K_s, mod=pygame.KMOD_CTRL)
        assert p.name == "save-elsewhere"
        p.click_button("Try again here")
        assert p.name == "save-elsewhere", "still failing: the choice stays open"
        assert "No space left on device" in p.screen_text()
        monkeypatch.undo()
        p.click_button("Try again here")
        assert p.name == "event" and p.app.session.unsaved is None
        assert len(read_save(p.app.autosave_path).turns) == 1


def test_the_window_with_the_banner_is_what_a_teacher_sees(tmp_path, mini_scenario, monkeypatch):
    """Renders the banner for a look (tests/ui/shots/ when SHOTS is set)."""
    with launched(tmp_path, start=MINI) as p:
        start_bot_game(p, mini_scenario)
        monkeypatch.setattr(save_module.os, "replace", full_disk)
        play_turn(p)
        p.app.draw()
        banner = p.app.banner
        assert banner.top == p.scene.band_height()  # under the title band: the screen's title stays readable
        assert banner.width == p.app.screen.get_width() and banner.height > 0
        assert p.app.screen.get_at((2, banner.top + 2))[:3] != p.app.screen.get_at((2, banner.bottom + 4))[:3]
        assert p.app.screen.get_at((2, 2))[:3] != p.app.screen.get_at((2, banner.top + 2))[:3]  # the band shows
        shots = os.environ.get("SHOTS")
        if shots:
            pygame.image.save(p.app.screen, str(Path(shots) / "unsaved-banner.png"))
            p.press(pygame.K_s, mod=pygame.KMOD_CTRL)
            pygame.image.save(p.app.screen, str(Path(shots) / "save-elsewhere.png"))


# --- Continue, when the newest save is damaged ----------------------------------------------------


def two_saved_turns(tmp_path: Path, scenario) -> Path:
    with launched(tmp_path, start=MINI) as p:
        start_bot_game(p, scenario)
        play_turn(p)
        play_turn(p)
        return p.app.autosave_path


def test_continue_offers_the_previous_save_when_the_last_is_damaged(tmp_path, mini_scenario):
    path = two_saved_turns(tmp_path, mini_scenario)
    assert len(read_save(previous_of(path)).turns) == 1
    text = path.read_text(encoding="utf-8")
    seed = read_save(path).seed
    path.write_text(text.replace(f'"seed": {seed},', f'"seed": {seed ^ 1},'), encoding="utf-8")  # a bit flips

    with launched(tmp_path, start=MINI) as p:
        p.click_button("Continue the last game")
        assert p.name == "damaged-save"
        shown = p.screen_text()
        assert path.name in shown and "checksum does not match" in shown
        p.click_button("Continue from the previous save (after turn 1)")
        assert p.name == "event"
        assert len(p.app.session.save.turns) == 1
        assert p.app.autosave_path == path
        play_turn(p)
        assert len(read_save(path).turns) == 2, "the damaged file is replaced by the game's next save"


def test_resume_with_a_save_of_a_5000_digit_number_says_so_and_keeps_running(tmp_path, mini_scenario):
    path = two_saved_turns(tmp_path, mini_scenario)
    previous_of(path).unlink()
    seed = read_save(path).seed
    path.write_text(path.read_text(encoding="utf-8").replace(f'"seed": {seed}', '"seed": ' + "9" * 5000))
    with launched(tmp_path, start=MINI, resume=True) as p:
        p.app.continue_last()  # what `deterrence play --resume` does once the window is open
        assert p.name == "damaged-save"
        shown = p.screen_text()
        assert "5,000 digits long" in shown and "There is no earlier save of this game" in shown
        assert p.labels() == ["Back (Esc)"]
        p.press(pygame.K_ESCAPE)
        assert p.name == "title"


def test_a_korean_class_reads_why_the_save_is_damaged_in_korean(tmp_path, mini_scenario):
    path = two_saved_turns(tmp_path, mini_scenario)
    seed = read_save(path).seed
    path.write_text(path.read_text(encoding="utf-8").replace(f'"seed": {seed},', f'"seed": {seed ^ 1},'))
    try:
        with launched(tmp_path, start=MINI, lang="ko") as p:
            p.app.continue_last()
            assert p.name == "damaged-save"
            shown = p.screen_text()
            assert "체크섬이 내용과 맞지 않습니다" in shown and "checksum" not in shown
    finally:
        from game.i18n import set_language

        set_language(None)
