"""Big text (Ctrl +, up to ×1.8) on a projector's small window: nothing runs into anything else."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.scenes.play import OrdersScene
from game.ui.theme import MIN_TEXT
from tests.ui.pilot import FLAGSHIP, Pilot, launched

SIZES = [(1280, 720), (1920, 1080)]
SCALES = [1.0, 1.5, 1.8]


def start(pilot: Pilot, scale: float, human: str = "rok") -> None:
    app = pilot.app
    app.open_scenario(FLAGSHIP)
    seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
    seats[human] = "human"
    app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
    app.set_scale(scale)


def assert_buttons_apart(pilot: Pilot) -> None:
    screen = pilot.app.screen.get_rect()
    rects = [b.rect for b in pilot.scene.buttons]
    for index, rect in enumerate(rects):
        assert screen.contains(rect), f"{pilot.scene.buttons[index].label!r} leaves the screen"
        assert rect.collidelist(rects[index + 1 :]) == -1, "two buttons overlap"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", SCALES)
def test_a_teams_board_keeps_every_rung_and_meter_apart(tmp_path: Path, size, scale):
    with launched(tmp_path, size=size) as pilot:
        start(pilot, scale)
        scene = OrdersScene(pilot.app, "rok")
        pilot.app.reset(scene)
        pilot.step()
        bt = scene.bt
        layout = scene.tracks.layout(bt, scene.tracks_rect)
        line = bt.font("small").get_linesize()
        assert bt.font("small").get_height() >= MIN_TEXT
        for row, below in zip(layout.rows, layout.rows[1:], strict=False):
            assert row.top[1] + line <= row.bar.top + 2, "a meter's name runs into its bar"
            assert row.bar.bottom <= below.top[1], "a meter runs into the next one"
            assert row.bar.h >= 4
        assert layout.rows[-1].bar.bottom <= scene.tracks_rect.bottom
        for ladder in layout.ladders:
            assert scene.tracks_rect.contains(ladder.box)
            assert ladder.box.right < layout.rows[0].bar.left, "the ladder runs into the meters"
            named = [r for r in ladder.rungs if " " in r.label]
            assert all(bt.font("small").size(r.label)[0] <= ladder.box.w for r in named)
        assert_buttons_apart(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_the_briefing_scrolls_instead_of_running_under_its_button(tmp_path: Path, size):
    with launched(tmp_path, size=size) as pilot:
        start(pilot, 1.8)
        assert pilot.name == "briefing"
        first = pilot.screen_text()
        assert pilot.scene.overflow > 0
        assert "more below: Page Down or the mouse wheel" in first
        for _ in range(20):
            pilot.press(pygame.K_PAGEDOWN)
        end = pilot.screen_text()
        assert pilot.scene.scroll == pilot.scene.overflow
        assert "back to the top: Page Up" in end
        assert_buttons_apart(pilot)


def test_the_debrief_draws_every_chart_with_the_biggest_text(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        start(pilot, 1.8)
        session = pilot.app.session
        while not session.state.over:
            session.resolve()
        pilot.app.debrief()
        pilot.step()
        drawn = {key[0] for key in pilot.scene._charts}  # type: ignore[attr-defined]
        assert drawn == set(session.scenario.all_tracks)
        assert_buttons_apart(pilot)
