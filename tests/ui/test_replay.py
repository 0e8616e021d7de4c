"""Never lose a game: every game keeps its own save; continue, replay turn by turn, fork."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.bots.match import parse_bots, play_game
from game.engine.save import read_save, replay, write_save
from game.scenario import load_scenario
from game.ui.app import App
from game.ui.scenes.menu import TitleScene
from tests.conftest import ROOT, SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


def key(app: App, code: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))
    app.step(0.016)


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(FLAGSHIP)


@pytest.fixture(scope="module")
def finished(flagship):
    """A whole bot game of the flagship that lasts at least four turns."""
    seats = parse_bots(flagship, "objective")
    return next(g for g in (play_game(flagship, seed, seats) for seed in range(50)) if g.turns >= 4)


def make_app(tmp_path: Path, **kwargs) -> App:
    app = App(FLAGSHIP, scenario_dir=SCENARIOS, data_dir=tmp_path, size=(1280, 720), **kwargs)
    app.open_window()
    app.push(TitleScene(app))
    return app


def test_replay_steps_through_every_turn_and_back(tmp_path, flagship, finished):
    path = tmp_path / "game.json"
    write_save(path, finished.save)
    app = make_app(tmp_path / "data")
    app.open_replay(path)
    scene = app.scene
    assert scene.name == "replay"
    expected = replay(flagship, finished.save).states
    seen = [app.session.states[scene.index]]  # type: ignore[attr-defined]
    for _ in range(len(expected) + 2):  # pressing past the end stays at the end
        key(app, pygame.K_RIGHT)
        seen.append(app.session.states[scene.index])  # type: ignore[attr-defined]
        app.draw()
    assert scene.index == len(expected) - 1  # type: ignore[attr-defined]
    assert seen[: len(expected)] == list(expected)
    key(app, pygame.K_LEFT)
    assert scene.index == len(expected) - 2  # type: ignore[attr-defined]
    key(app, pygame.K_HOME)
    assert scene.index == 0  # type: ignore[attr-defined]
    key(app, pygame.K_d)  # the game is over: its debrief opens
    assert app.scene.name == "debrief"


def test_a_fork_plays_on_from_a_turn_in_a_new_file_and_keeps_the_original(tmp_path, flagship, finished):
    path = tmp_path / "game.json"
    write_save(path, finished.save)
    original = path.read_bytes()
    app = make_app(tmp_path / "data")
    app.open_replay(path)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_f)
    assert app.scene.name == "event"
    session = app.session
    assert session.state == replay(flagship, finished.save.up_to(2)).states[-1]
    assert session.state.turn == 3
    assert path.read_bytes() == original
    assert app.autosave_path != path and read_save(app.autosave_path).turns == finished.save.turns[:2]


def test_a_new_game_never_overwrites_the_last_one_and_continue_opens_the_latest(tmp_path, flagship):
    app = make_app(tmp_path)
    seats = parse_bots(flagship, "random")
    app.start_game(flagship, seats)
    first = app.autosave_path
    app.session.resolve()
    app.start_game(flagship, seats)
    second = app.autosave_path
    assert first != second and first.exists() and second.exists()
    assert len(read_save(first).turns) == 1
    later = make_app(tmp_path, resume=True)
    later.continue_last()
    assert later.autosave_path == second
    assert later.scene.name == "event"


def test_the_title_offers_continue_and_replay_once_a_game_exists(tmp_path, flagship):
    app = make_app(tmp_path)
    labels = [b.label for b in app.scene.buttons]
    assert "Continue the last game" not in labels and "Replay a game" not in labels
    app.start_game(flagship, parse_bots(flagship, "random"))
    app.to_title()
    labels = [b.label for b in app.scene.buttons]
    assert "Continue the last game" in labels and "Replay a game" in labels
    key(app, pygame.K_r)
    assert app.scene.name == "pick"
    key(app, pygame.K_RETURN)
    assert app.scene.name == "replay"


def test_a_corrupt_save_shows_a_problem_on_screen_not_a_crash(tmp_path):
    bad = tmp_path / "games" / "broken.json"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"format": "deterrence-dialogue-save", "version": 2, "seed": ', encoding="utf-8")
    app = make_app(tmp_path)
    app.continue_last()
    assert app.scene.name == "damaged-save"
    assert "damaged or truncated" in app.scene.problem  # type: ignore[attr-defined]
    app.draw()


def test_the_replay_command_refuses_a_damaged_save_clearly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "game", "replay", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "the save is damaged or truncated" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_game_killed_mid_turn_resumes_at_its_last_completed_turn(tmp_path, flagship):
    """The demo plays in a real process that is killed without warning, mid-game."""
    import os
    import signal
    import time

    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    command = [sys.executable, "-m", "game", "play", "--demo", "--seed", "8", "--speed", "40"]
    process = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path), "--size", "800x600"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    games = tmp_path / "games"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            saves = list(games.glob("*.json")) if games.exists() else []
            if saves and len(read_save(saves[0]).turns) >= 2:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the demo did not finish two turns in time")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    save = read_save(saves[0])
    assert len(save.turns) >= 2
    states = replay(flagship, save).states
    app = make_app(tmp_path, resume=True)
    app.continue_last()
    assert app.session.state == states[-1]
    assert app.session.state.turn == len(save.turns) + 1
    assert app.scene.name == "event"


def test_after_turn_n_shows_the_board_and_the_log_of_turn_n_not_the_next_turns_events(tmp_path, flagship):
    # a game in which some turn after the first opens with an event that moves a track
    seats = parse_bots(flagship, "objective")
    for seed in range(100):
        game = play_game(flagship, seed, seats)
        states = replay(flagship, game.save).states
        opened = [i for i in range(1, len(states)) if any(e.kind == "change" for e in states[i].event_log)]
        if opened:
            break
    index = opened[0]
    path = tmp_path / "game.json"
    write_save(path, game.save)
    app = make_app(tmp_path / "data")
    app.open_replay(path)
    scene = app.scene
    for _ in range(index):
        key(app, pygame.K_RIGHT)
    assert scene.index == index  # type: ignore[attr-defined]
    shown = scene.shown_state(index).tracks  # type: ignore[attr-defined]
    # the values when turn `index` ended: the last change of each track in that turn, and no later one
    ended = dict(states[index - 1].tracks)
    for entry in scene.turn_log(index):  # type: ignore[attr-defined]
        if entry.kind == "change" and entry.track is not None and entry.after is not None:
            ended[entry.track] = entry.after
    assert shown == ended
    assert shown != states[index].tracks  # the next turn's event moved something: it is not shown yet
    assert all(e.turn == index for e in scene.turn_log(index))  # type: ignore[attr-defined]
    # the next turn opens with those events
    key(app, pygame.K_RIGHT)
    if scene.index == index + 1 and index + 1 < len(states):  # type: ignore[attr-defined]
        opening = [e for e in scene.turn_log(index + 1) if e.phase == "events"]  # type: ignore[attr-defined]
        assert opening and all(e.turn == index + 1 for e in opening)
