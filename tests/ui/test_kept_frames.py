"""What the window keeps from one frame to the next shows exactly what a frame drawn afresh would.

A team's hand keeps the part above the cards as a picture, panels are copied from pictures
and the track board keeps its layout and what the team sees of each track. Each test
compares the screen, pixel for pixel, with the same screen drawn by a new scene that has
kept nothing: after a resize, a change of text size, the timer ticking, a new turn and
while the reveal's markers move.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.play import OrdersScene, RevealScene
from tests.ui.pilot import FLAGSHIP, Pilot, launched

TEAM = "us"


@pytest.fixture
def pilot(tmp_path: Path) -> Iterator[Pilot]:
    """A team's hand on turn 1 of the flagship (the other seats are bots), at 1600x900."""
    with launched(tmp_path, size=(1600, 900), seed=2023) as p:
        app = p.app
        app.open_scenario(FLAGSHIP)
        scenario = app.scene.scenario  # type: ignore[attr-defined]
        seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
        seats[TEAM] = "human"
        app.start_game(scenario, seats)
        to_the_hand(p)
        yield p


def to_the_hand(p: Pilot) -> None:
    p.app.begin_turn()
    p.app.after_events()
    p.app.scene.go()  # type: ignore[attr-defined]
    p.step()
    assert isinstance(p.scene, OrdersScene)


def screen(p: Pilot) -> bytes:
    """The frame the app shows now."""
    p.app.draw()
    return pygame.image.tobytes(p.app.screen, "RGB")


def afresh(p: Pilot) -> bytes:
    """The same screen drawn by a new scene, which has kept nothing from earlier frames."""
    scene = p.scene
    if isinstance(scene, OrdersScene):
        new: OrdersScene | RevealScene = OrdersScene(p.app, scene.actor)
        new.picked, new.answer_of = list(scene.picked), dict(scene.answer_of)
        new.card, new.page = scene.card, scene.page
    else:
        assert isinstance(scene, RevealScene)
        new = RevealScene(p.app, p.entries)  # type: ignore[attr-defined]
        new.step, new.shown, new.clock, new.moving = scene.step, dict(scene.shown), scene.clock, list(scene.moving)
    new.hover, new.focus = scene.hover, scene.focus
    new.layout()
    p.app.screen.fill((255, 0, 255))  # what the new scene leaves unpainted shows
    new.draw(p.app.screen)
    return pygame.image.tobytes(p.app.screen, "RGB")


def same_as_afresh(p: Pilot, what: str) -> None:
    kept = screen(p)
    assert kept == afresh(p), f"{what}: the kept frame differs from one drawn afresh"
    screen(p)  # the scene on top draws again


def ctrl(p: Pilot, key: int) -> None:
    p.press(key, mod=pygame.KMOD_LCTRL)


def test_a_teams_hand_is_drawn_as_afresh_after_a_resize_and_a_change_of_text_size(pilot: Pilot):
    p = pilot
    same_as_afresh(p, "the first frames")
    track = next(iter(p.scene.track_areas.values()))  # type: ignore[attr-defined]
    p.send(pygame.MOUSEMOTION, pos=track.center, rel=(0, 0), buttons=(0, 0, 0))
    p.step()
    same_as_afresh(p, "a track's tooltip")
    p.resize((1280, 720))
    same_as_afresh(p, "a smaller window")
    ctrl(p, pygame.K_EQUALS)
    ctrl(p, pygame.K_EQUALS)
    assert p.app.ui_scale > 1.2
    same_as_afresh(p, "bigger text")
    ctrl(p, pygame.K_MINUS)
    p.resize((1920, 1080))
    same_as_afresh(p, "a larger window, smaller text")


def test_the_timer_above_the_hand_counts_down_every_second(pilot: Pilot):
    p = pilot
    p.app.timer.set(2)
    p.app.timer.restart()
    p.app.dirty = True
    p.step()
    assert "2:00 left" in p.screen_text()
    for _ in range(61):
        p.step(1.0)
    assert "0:59 left" in p.screen_text()
    same_as_afresh(p, "the timer after a minute")
    for _ in range(60):
        p.step(1.0)
    assert "Time is up: seal your orders" in p.screen_text()
    same_as_afresh(p, "the timer when time is up")


def test_the_next_turns_hand_and_the_reveal_show_the_new_values(pilot: Pilot):
    p = pilot
    app = p.app
    session = app.session
    scenario = session.scenario
    turn = session.state.turn
    scene = p.scene
    assert isinstance(scene, OrdersScene)
    for index, (_, order) in enumerate(scene.cards):  # reassure Seoul, or it goes nuclear at once
        if getattr(order, "move", None) in ("convene_ncg", "explain_deterrence"):
            scene.toggle(index)
    same_as_afresh(p, "the hand with two cards picked")
    scene.seal()
    assert isinstance(p.scene, RevealScene)
    p.entries = [e for e in session.logs[-1] if e.turn == turn]  # type: ignore[attr-defined]
    moved = False
    while not p.scene.done:
        p.press(pygame.K_SPACE)
        for frame in range(600):  # the card turns, the dice roll, the markers move
            if frame % 9 == 4:
                same_as_afresh(p, f"step {p.scene.step} of the reveal, {frame} frames in")
            if not p.step():
                break
            moved |= bool(p.scene.moving)
        if p.scene.step == 1:
            p.resize((1280, 720))
            same_as_afresh(p, "the reveal in a smaller window")
    assert moved, "no marker moved in this reveal: change the seed"
    same_as_afresh(p, "the end of the reveal")
    assert not session.state.over, "the game ended in its first turn: change the seed"

    to_the_hand(p)
    assert session.state.turn == turn + 1
    shown = {}  # track name (maybe cut short, ending in '…') -> the value the line gives
    for line in p.screen_lines():
        name, _, value = line.rpartition(": ")
        shown[name] = value
    view = session.view_of(TEAM)
    for ref, track in scenario.all_tracks.items():
        seen, label = view.tracks[ref], scenario.track_label[ref]
        if track.style == "ladder" or seen.value is None:
            continue
        [value] = [v for n, v in shown.items() if n == label or (n.endswith("…") and label.startswith(n[:-1]))]
        assert value.startswith(f"{seen.value}{track.unit}"), f"{label}: {value} on the board, {seen.value} in the game"
    same_as_afresh(p, "the next turn's hand")


@pytest.mark.parametrize(
    ("size", "scale", "fill"),
    [((640, 360), 1.0, th.PANEL), ((300, 120), 0.7, th.WHITE), ((40, 20), 1.8, th.PANEL), ((1, 1), 1.0, th.WHITE)],
)
def test_a_panel_copied_from_its_picture_is_the_panel_drawn_directly(size, scale, fill):
    t = th.Theme((1280, 720), scale)
    direct, copied = (pygame.Surface((800, 500)) for _ in range(2))
    for surface in (direct, copied):
        surface.fill(th.PAPER)
        pygame.draw.line(surface, th.INK, (0, 0), (800, 500), 9)  # what was under the panel shows at its corners
    rect = pygame.Rect((37, 23), size)
    radius = t.px(12)
    pygame.draw.rect(direct, th.mix(th.PAPER, th.INK, 0.18), rect.move(t.px(3), t.px(4)), border_radius=radius)
    pygame.draw.rect(direct, fill, rect, border_radius=radius)
    pygame.draw.rect(direct, th.PANEL_EDGE, rect, width=max(1, t.px(2)), border_radius=radius)
    w.panel(copied, rect, t, fill=fill)
    assert pygame.image.tobytes(direct, "RGB") == pygame.image.tobytes(copied, "RGB")
