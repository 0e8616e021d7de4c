"""Drive the board-game window like a player: keys, clicks on real button rects, what is on screen.

A `Pilot` wraps a live `App` on the dummy video driver. It sends the same pygame events a
keyboard and a mouse would, lets the app step (and draw) between them, and records every
string the app renders, so tests can assert what a player would read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame

from game.ui import widgets
from game.ui.app import App
from game.ui.scenes.base import Scene
from game.ui.scenes.menu import TitleScene
from game.ui.widgets import Button
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
FRAME = 1 / 60


class TextRecorder:
    """Every string drawn through widgets.render (all text in the UI goes through it)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.original = widgets.render

    def render(self, font: pygame.font.Font, text: str, colour: tuple[int, int, int]) -> pygame.Surface:
        self.lines.append(text)
        return self.original(font, text, colour)

    def install(self) -> None:
        widgets.render = self.render  # type: ignore[assignment]

    def remove(self) -> None:
        widgets.render = self.original


class Pilot:
    def __init__(self, app: App, recorder: TextRecorder) -> None:
        self.app = app
        self.recorder = recorder

    # --- what the player sees --------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.app.scene

    @property
    def name(self) -> str:
        return self.app.scene.name

    def screen_text(self) -> str:
        """Draw a frame and return the text on it, lines joined by single spaces."""
        self.recorder.lines.clear()
        self.app.draw()
        return " ".join(" ".join(self.recorder.lines).split())

    def screen_lines(self) -> list[str]:
        self.recorder.lines.clear()
        self.app.draw()
        return list(self.recorder.lines)

    def labels(self) -> list[str]:
        return [b.label for b in self.scene.buttons]

    def button(self, label: str) -> Button:
        """The scene's button with this label (or whose label starts with it)."""
        exact = [b for b in self.scene.buttons if b.label == label]
        found = exact or [b for b in self.scene.buttons if b.label.startswith(label)]
        assert found, f"no button {label!r} on {self.name}: {self.labels()}"
        return found[0]

    def primary(self) -> Button:
        found = [b for b in self.scene.buttons if b.primary and b.enabled]
        assert found, f"no primary button on {self.name}: {self.labels()}"
        return found[0]

    # --- input -----------------------------------------------------------------------------

    def send(self, event_type: int, **attributes: Any) -> None:
        self.app.handle(pygame.event.Event(event_type, **attributes))

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        """A key press and release, then a frame."""
        self.send(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        self.send(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        self.step()

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        """Move the mouse there, press and release, then a frame."""
        self.send(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        self.send(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)
        self.send(pygame.MOUSEBUTTONUP, pos=pos, button=button)
        self.step()

    def click_button(self, label: str) -> None:
        button = self.button(label)
        assert button.enabled, f"{label!r} is disabled on {self.name}"
        self.assert_on_screen(button)
        self.click(button.rect.center)

    def assert_on_screen(self, button: Button) -> None:
        screen = self.app.screen.get_rect()
        assert screen.contains(button.rect), f"{button.label!r} at {button.rect} is off the {screen.size} screen"

    def resize(self, size: tuple[int, int]) -> None:
        """What the window manager does when the window is dragged to a new size."""
        pygame.display.set_mode(size, pygame.RESIZABLE)
        self.send(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        self.step()

    # --- time ------------------------------------------------------------------------------

    def step(self, dt: float = FRAME) -> bool:
        return self.app.step(dt)

    def settle(self, limit: int = 600) -> int:
        """Run frames until nothing moves; return how many it took."""
        for frame in range(limit):
            if not self.step():
                return frame
        raise AssertionError(f"{self.name} still animating after {limit} frames")

    def advance(self) -> None:
        """Press the primary button: what a player does to move the game on."""
        self.click(self.primary().rect.center)
        self.settle()

    def advance_to(self, name: str, limit: int = 2000) -> None:
        for _ in range(limit):
            if self.name == name:
                return
            self.advance()
        raise AssertionError(f"never reached {name!r}; stuck on {self.name}")


@contextmanager
def launched(
    data_dir: Path,
    *,
    start: Path = FLAGSHIP,
    size: tuple[int, int] = (1280, 720),
    seed: int | None = 7,
    setup: Callable[[App], None] | None = None,
    **options: object,
) -> Iterator[Pilot]:
    """A window showing the title screen, as `deterrence play` opens it; closed afterwards."""
    app = App(start, scenario_dir=SCENARIOS, data_dir=data_dir, size=size, seed=seed, **options)  # type: ignore[arg-type]
    recorder = TextRecorder()
    recorder.install()
    try:
        app.open_window()
        if setup is not None:
            setup(app)
        app.push(TitleScene(app))
        app.step(0)
        yield Pilot(app, recorder)
    finally:
        recorder.remove()
        pygame.display.quit()
