"""No text runs into other text or off its panel, on any screen, at a projector's sizes (marker ``layout``).

Every scene of a whole game (bots for every seat) is drawn at 1280×720 and 1920×1080, with
the text at ×1 and at the largest size (Ctrl + up to ×1.8), for each bundled scenario and two
outside designs in tests/data: the
title, setup, briefing, every turn's events, every team's hand (with the offers it has,
tokens on the map, hidden tracks) and its "learn more", every step of every reveal, the
ending and each debrief tab. ``widgets.recording`` gives every text box drawn; a screen
fails if two boxes on the same plane overlap, if a box is cut by its panel or the window,
or if a word is broken between two lines. The window's own words in Korean are drawn too, at the
tightest size (1280×720, ×1.8).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.ui import widgets
from game.ui.scenes.base import Scene
from game.ui.scenes.play import EventScene, OrdersScene, PrivacyScene, RevealScene
from tests.conftest import DATA, scenario_files
from tests.ui.pilot import Pilot, launched

pytestmark = pytest.mark.layout

SIZES = [(1280, 720), (1920, 1080)]
SCALES = [1.0, 1.8]
#: Outside designs in format 2 (issue 14): a war scare with hidden tracks, a DEFCON duel whose ladder is good high.
OUTSIDE = [DATA / "war-scare-1983.yaml", DATA / "defcon.yaml"]


def overlaps_and_cuts(boxes: list[widgets.TextBox]) -> list[str]:
    """What a reader would notice: two texts over each other, a text cut off, a word split."""
    found = []
    boxes = [_visible(one) for one in boxes]
    for index, one in enumerate(boxes):
        room = one.clip.clip(pygame.Rect((0, 0), one.size))
        if one.scrolled and (one.box.w == 0 or one.box.h == 0):
            continue  # scrolled out of sight
        if not room.contains(one.box) and not one.scrolled:
            found.append(f"cut off: {one.text!r} at {tuple(one.box)} outside {tuple(room)}")
        if one.broken:
            found.append(f"a word broken across lines: {one.text!r}")
        for other in boxes[index + 1 :]:
            if other.surface == one.surface and other.plane == one.plane and one.box.colliderect(other.box):
                if other.text == one.text and other.box == one.box:
                    continue  # the same words drawn again in the same place (a frame of a Layer)
                found.append(f"overlap: {one.text!r} {tuple(one.box)} and {other.text!r} {tuple(other.box)}")
    return found


def _visible(one: widgets.TextBox) -> widgets.TextBox:
    """In a scrolled area only the part inside the area is seen (and can run into anything)."""
    if not one.scrolled:
        return one
    return one._replace(box=one.box.clip(one.clip))


class Looker:
    """Draws screens with the recorder on and keeps what is wrong with each."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def look(self, what: str, scene: Scene | None = None) -> None:
        app = self.pilot.app
        if scene is not None:
            app.push(scene)
        with widgets.recording() as boxes:
            app.draw()
        for problem in overlaps_and_cuts(boxes):
            if problem not in self.seen:  # the same fault on many screens is told once
                self.seen.add(problem)
                self.problems.append(f"{what}: {problem}")
        if scene is not None:
            app.pop()


def play_through(pilot: Pilot, scenario_path: Path, look: Looker) -> None:
    """A whole game with bots in every seat, every screen looked at on the way."""
    app = pilot.app
    app.open_scenario(scenario_path)
    look.look("setup")
    setup = app.scene
    scenario = setup.scenario  # type: ignore[attr-defined]
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    app.start_game(scenario, seats)
    look.look("briefing")
    session = app.session
    while not session.state.over:
        turn = session.state.turn
        app.reset(EventScene(app))
        look.look(f"turn {turn} events")
        chosen = session.bot_orders()  # the teams that order now (in a turn of rounds, this round's)
        for actor in chosen:
            app.reset(PrivacyScene(app, actor))
            look.look(f"turn {turn} pass to {actor}")
            hand = OrdersScene(app, actor)
            app.reset(hand)
            hand.picked = [o for o in chosen[actor] if o.offer is None and o in hand.plays]
            for order in chosen[actor]:
                if order.offer is not None and order.offer in hand.answer_of:
                    hand.answer_of[order.offer] = order
            look.look(f"turn {turn} {actor}'s hand")
            if hand.cards:
                hand.learn(0)
                look.look(f"turn {turn} {actor}'s learn more")
                app.pop()
        app.resolve()
        reveal = app.scene
        assert isinstance(reveal, RevealScene)
        look.look(f"turn {turn} reveal, sealed")
        while not reveal.done:
            reveal.advance()
            reveal.settle()
            look.look(f"turn {turn} reveal step {reveal.step + 1}")
        reveal.show_all()
        look.look(f"turn {turn} reveal, every step")
        app.pop()
        if not session.state.over:
            continue
        app.after_reveal()
    look.look("ending")
    app.debrief()
    for tab in range(len(app.scene.TABS)):  # type: ignore[attr-defined]
        app.scene.show(tab)  # type: ignore[attr-defined]
        look.look(f"debrief tab {tab + 1}")


def at(size: tuple[int, int], scale: float, tmp_path: Path, check: Callable[[Looker], None]) -> list[str]:
    with launched(tmp_path, size=size, seed=4) as pilot:
        pilot.app.set_scale(scale)
        pilot.step()  # the title's board comes a frame after its buttons
        look = Looker(pilot)
        look.look("title")
        check(look)
        return look.problems


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
@pytest.mark.parametrize("scenario_path", [*scenario_files(), *OUTSIDE], ids=lambda p: p.stem)
def test_no_text_overlaps_or_is_cut_on_any_screen(tmp_path: Path, scenario_path: Path, size, scale):
    problems = at(size, scale, tmp_path, lambda look: play_through(look.pilot, scenario_path, look))
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("scenario_path", scenario_files(), ids=lambda p: p.stem)
def test_the_korean_words_fit_too_at_the_largest_text_on_a_projector(tmp_path: Path, scenario_path: Path):
    with i18n.speaking("ko"):
        assert i18n.tr("Seal our orders") != "Seal our orders"  # the window really speaks Korean here
        problems = at((1280, 720), 1.8, tmp_path, lambda look: play_through(look.pilot, scenario_path, look))
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:40])


def test_the_check_sees_an_overlap_a_cut_and_a_broken_word(tmp_path: Path):
    """The layout test would fail on each kind of fault (a test that cannot fail proves nothing)."""
    with launched(tmp_path, size=(1280, 720)) as pilot:
        surface = pilot.app.screen
        font = pilot.app.theme.font("body")
        with widgets.recording() as boxes:
            widgets.text(surface, "Tension rises", font, (0, 0, 0), (100, 100))
            widgets.text(surface, "Dandong", font, (0, 0, 0), (110, 105))
            widgets.text(surface, "off the edge", font, (0, 0, 0), (1250, 300))
            widgets.text(surface, "preconditions", font, (0, 0, 0), (100, 400), width=60)
        found = overlaps_and_cuts(boxes)
        assert any(p.startswith("overlap: 'Tension rises'") for p in found)
        assert any(p.startswith("cut off: 'off the edge'") for p in found)
        assert any(p.startswith("a word broken across lines: 'precon") for p in found)
        with widgets.recording() as boxes:
            widgets.text(surface, "Tension rises", font, (0, 0, 0), (100, 100))
            widgets.new_plane()  # a tooltip over it
            widgets.text(surface, "Dandong", font, (0, 0, 0), (110, 105))
        assert overlaps_and_cuts(boxes) == []
