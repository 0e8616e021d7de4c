"""Sound is off until the teacher presses M; text size and sound are remembered for the next class."""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.ui.sound import RECIPES, synthesize
from tests.ui.pilot import FLAGSHIP, Pilot, launched


def press_m(pilot: Pilot) -> None:
    pilot.press(pygame.K_m, unicode="m")


def test_sound_is_off_until_m_and_the_choice_is_kept_for_next_time(tmp_path: Path):
    with launched(tmp_path) as pilot:
        assert not pilot.app.sound.on
        press_m(pilot)
        assert pilot.app.sound.on
        assert "Sound on (M to switch off)" in pilot.screen_text()
        assert json.loads((tmp_path / "settings.json").read_text())["sound"] is True
    with launched(tmp_path) as pilot:
        assert pilot.app.sound.on
        press_m(pilot)
        assert not pilot.app.sound.on
        assert "Sound off (M to switch on)" in pilot.screen_text()
    with launched(tmp_path) as pilot:
        assert not pilot.app.sound.on


def test_the_text_size_is_kept_for_next_time(tmp_path: Path):
    with launched(tmp_path) as pilot:
        pilot.press(pygame.K_EQUALS, mod=pygame.KMOD_CTRL)
        pilot.press(pygame.K_EQUALS, mod=pygame.KMOD_CTRL)
        bigger = pilot.app.ui_scale
        assert bigger > 1.15
    with launched(tmp_path) as pilot:
        assert pilot.app.ui_scale == round(bigger, 3)
        assert pilot.app.theme.ui_scale == round(bigger, 3)


def test_a_broken_settings_file_gives_the_defaults(tmp_path: Path):
    for text in ("{not json", '["a list"]', '{"ui_scale": 99, "sound": "loud"}', "x" * 10_000):
        (tmp_path / "settings.json").write_text(text)
        with launched(tmp_path) as pilot:
            assert (pilot.app.ui_scale, pilot.app.sound.on) == (1.0, False)
            assert pilot.name == "title"


def test_the_reveal_sounds_card_dice_and_marker_in_turn_and_skipping_is_silent(tmp_path: Path):
    with launched(tmp_path) as pilot:
        app = pilot.app
        heard: list[str] = []
        app.sound.play = heard.append  # type: ignore[method-assign]
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats["dprk"] = "strategy:dprk_talk_and_build"  # tests a missile on turn 1: a move with dice
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        app.resolve()
        reveal = pilot.scene
        steps = reveal.steps  # type: ignore[attr-defined]
        rolled = next(i for i, step in enumerate(steps) if any(e.dice for e in step))
        while reveal.step < rolled - 1:  # type: ignore[attr-defined]
            reveal.advance()  # type: ignore[attr-defined]
        heard.clear()
        pilot.click_button("Next step")
        pilot.settle()
        assert heard == ["flip", "dice", "marker"]
        heard.clear()
        pilot.click_button("Next step")
        pilot.click_button("Show all")
        pilot.settle()
        # at most the first sound of the step that had started: its card turning, or (the bots'
        # plain plays told together, with no card) its markers setting off
        assert heard in ([], ["flip"], ["marker"])


def test_typing_an_m_in_a_reason_does_not_switch_the_sound(tmp_path: Path):
    with launched(tmp_path) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats["us"] = "human"
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        app.begin_turn()
        app.after_events()
        pilot.press(pygame.K_F2)
        pilot.press(pygame.K_a)
        pilot.press(pygame.K_y)  # the projector is off
        assert pilot.name == "adjust"
        press_m(pilot)
        assert not app.sound.on


def test_every_sound_is_short_audible_and_the_same_every_time():
    sounds = {name: synthesize(name) for name in RECIPES}
    assert set(sounds) == {"flip", "dice", "marker", "tick", "time_up", "end", "bad_end"}
    for name, pcm in sounds.items():
        samples = memoryview(pcm).cast("h")
        assert 0 < len(samples) / 22050 <= 1.5, name
        assert max(abs(v) for v in samples) > 3000, f"{name} is too quiet to hear"
    assert {name: synthesize(name) for name in RECIPES} == sounds
