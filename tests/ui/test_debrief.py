"""The debrief screen: charts from the report's SVG pictures, a timeline that scrolls, Export (E)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.bots.match import parse_bots
from game.report import charts
from game.scenario import load_scenario
from game.ui import theme as th
from game.ui import widgets
from game.ui.app import App
from game.ui.board import MapLayer
from game.ui.scenes.end import DebriefScene
from game.ui.session import Session
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(FLAGSHIP)


@pytest.fixture
def app(tmp_path: Path, flagship, monkeypatch) -> Iterator[App]:
    """The debrief of a finished bot game of the flagship, in a 1280x720 window."""
    shown: list[str] = []
    original = widgets.render

    def record(font: pygame.font.Font, text: str, colour: th.Colour) -> pygame.Surface:
        shown.append(text)
        return original(font, text, colour)

    monkeypatch.setattr(widgets, "render", record)
    app = App(FLAGSHIP, scenario_dir=SCENARIOS, data_dir=tmp_path / "data", size=(1280, 720), seed=6)
    app.open_window()
    app.map_layer = MapLayer(flagship)
    app.session = Session(flagship, parse_bots(flagship, None), 6)
    while not app.session.state.over:
        app.session.resolve()
    app.push(DebriefScene(app))
    app.shown = shown  # type: ignore[attr-defined]
    yield app
    pygame.display.quit()


def press(app: App, key: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.step(1 / 60)


def screen_text(app: App) -> str:
    app.shown.clear()  # type: ignore[attr-defined]
    app.draw()
    return " ".join(" ".join(app.shown).split())  # type: ignore[attr-defined]


def test_export_writes_the_html_and_markdown_report_and_says_where(app):
    scene = app.scene
    press(app, pygame.K_e)
    folder = app.data_dir / "reports"
    stem = f"washington-declaration-2023-{datetime.date.today().isoformat()}-6"
    html, md = folder / f"{stem}.html", folder / f"{stem}.md"
    assert html.is_file() and md.is_file()
    ending = scene.debrief.ending.name
    assert "How it ended</h2>" in html.read_text(encoding="utf-8")
    assert f"**{ending}**" in md.read_text(encoding="utf-8")
    assert f"Report saved: {html}" in screen_text(app)


def test_an_export_that_cannot_be_written_says_why(app, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    app.data_dir = blocked
    press(app, pygame.K_e)
    assert "The report could not be saved in" in screen_text(app)


def test_the_charts_are_the_reports_svg_pictures_loaded_at_the_cell_size(app):
    scene = app.scene
    screen_text(app)
    debrief = scene.debrief
    assert sorted(key[0] for key in scene._charts) == sorted(t.ref for t in debrief.tracks)
    ref, width, height, *_ = next(iter(scene._charts))
    image = scene._charts[next(iter(scene._charts))]
    assert image.get_size() == (width, height)
    colour = th.parse_colour(charts.safe_colour(debrief.track(ref).colour))
    pixels = pygame.PixelArray(image)
    assert any(image.unmap_rgb(p)[:3] == colour for column in pixels for p in column), "the line is not drawn"
    small = {k[1:3] for k in scene._charts}
    app.resized((1920, 1080))
    screen_text(app)
    big = {k[1:3] for k in scene._charts}
    assert min(w for w, _ in big) > max(w for w, _ in small), "the pictures were not drawn again at the new size"


def test_the_timeline_scrolls_with_the_keys_and_the_wheel(app):
    scene = app.scene
    press(app, pygame.K_2)
    top = screen_text(app)
    last = f"Ending · Ending: {scene.debrief.ending.name}."  # the timeline's last line
    assert "Turn 1" in top and last not in top
    press(app, pygame.K_DOWN)
    assert scene.scroll > 0
    before = scene.scroll
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False, which=0))
    assert scene.scroll > before
    press(app, pygame.K_END)
    assert last in screen_text(app)
    press(app, pygame.K_HOME)
    assert scene.scroll == 0


def test_key_moments_and_questions_come_from_the_debrief(app, flagship):
    scene = app.scene
    press(app, pygame.K_3)
    text = screen_text(app)
    for moment in scene.debrief.key_moments:
        assert f"Turn {moment.turn}: {moment.label}" in text
    press(app, pygame.K_4)
    assert " ".join(str(flagship.questions[0]).split()) in screen_text(app)


def test_pygame_draws_no_svg_text_which_is_why_the_pictures_hold_none():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        b'<rect width="200" height="60" fill="#ffffff"/>'
        b'<text x="10" y="45" font-size="40" fill="#000000">WORDS</text></svg>'
    )
    image = pygame.image.load(io.BytesIO(svg), "text.svg")
    assert {image.get_at((x, y))[:3] for x in range(200) for y in range(60)} == {(255, 255, 255)}


def test_the_focus_ring_goes_with_the_tab_shown(app):
    """Pressing 3 showed the key moments while the ring stayed on '1 Charts': three tabs looked chosen."""
    scene = app.scene
    press(app, pygame.K_3)
    assert scene.tab == 2
    focused = [b.label for i, b in enumerate(scene.buttons) if i == scene.focus % len(scene.buttons)]
    assert focused == [scene.buttons[2].label] and scene.buttons[2].label.endswith("Key moments")
