"""A monkey at the keyboard and mouse: random input on every screen never crashes the game.

Each screen is reached the way a class reaches it (or built on a live game), then gets a
stream of random keys, clicks, drags, wheel turns, text, window resizes and pauses, with a
frame after each. A seeded generator per screen makes every failure reproducible: the
message names the seed, the event number and the events just before it.

    MONKEY_EVENTS=20000 .venv/bin/pytest tests/ui/test_monkey.py   # a longer run
"""

from __future__ import annotations

import os
import random
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.bots.match import parse_bots
from game.scenario.load import load_scenario
from game.ui.scenes.play import OrdersScene
from tests.conftest import DATA
from tests.ui.pilot import FLAGSHIP, Pilot, launched

EVENTS = int(os.environ.get("MONKEY_EVENTS", "200"))  # per screen: about a second each at 960x540
SEED = int(os.environ.get("MONKEY_SEED", "1"))
SIZE = (960, 540)
SIZES = [(960, 540), (1280, 720), (1920, 1080), (1024, 600), (800, 600), (640, 360)]

KEYS = [
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_SPACE,
    pygame.K_RETURN,
    pygame.K_KP_ENTER,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_BACKSPACE,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_EQUALS,
    pygame.K_MINUS,
    pygame.K_PLUS,
    pygame.K_KP_PLUS,
    pygame.K_KP_MINUS,
    *range(pygame.K_a, pygame.K_z + 1),
    *range(pygame.K_0, pygame.K_9 + 1),
    *[getattr(pygame, f"K_F{n}") for n in range(1, 13)],
]
MODS = [0, 0, 0, 0, pygame.KMOD_LSHIFT, pygame.KMOD_LCTRL, pygame.KMOD_LALT]


class Monkey:
    """Random input, biased towards what is on screen so it gets somewhere."""

    def __init__(self, p: Pilot, rng: random.Random) -> None:
        self.p = p
        self.rng = rng
        self.history: list[str] = []

    def position(self) -> tuple[int, int]:
        rng, scene = self.rng, self.p.scene
        targets = [b.rect for b in scene.buttons if b.rect.w]
        targets += [rect for rect, _ in getattr(scene, "card_rects", [])]
        targets += list(getattr(scene, "track_areas", {}).values())
        if targets and rng.random() < 0.5:
            rect = rng.choice(targets)
            return (
                rng.randint(rect.left, max(rect.left, rect.right - 1)),
                rng.randint(rect.top, max(rect.top, rect.bottom - 1)),
            )
        width, height = self.p.app.screen.get_size()
        return (rng.randrange(-20, width + 20), rng.randrange(-20, height + 20))

    def event(self) -> Callable[[], None]:
        """One random input; returns a function that sends it (and records what it was)."""
        rng, p = self.rng, self.p
        roll = rng.random()
        if roll < 0.42:
            key, mod = rng.choice(KEYS), rng.choice(MODS)
            char = pygame.key.name(key) if len(pygame.key.name(key)) == 1 else ""
            return self.note(f"key {pygame.key.name(key)} mod {mod}", lambda: p.press(key, mod, char))
        if roll < 0.62:
            pos, button = self.position(), rng.choice([1, 1, 1, 2, 3])
            return self.note(f"click {pos} button {button}", lambda: p.click(pos, button))
        if roll < 0.74:
            pos, held = self.position(), rng.choice([(0, 0, 0), (1, 0, 0)])
            return self.note(
                f"motion {pos} {held}", lambda: p.send(pygame.MOUSEMOTION, pos=pos, rel=(3, 2), buttons=held)
            )
        if roll < 0.80:
            dy = rng.choice([-3, -1, 1, 3])
            pos = self.position()

            def wheel() -> None:
                p.send(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, precise_x=0.0, precise_y=float(dy), touch=False)
                p.send(pygame.MOUSEBUTTONDOWN, pos=pos, button=4 if dy > 0 else 5)

            return self.note(f"wheel {dy} at {pos}", wheel)
        if roll < 0.86:
            text = rng.choice(["a", "Z", "7", " ", "é", "한", "🙂", "\u200b"])
            return self.note(f"text {text!r}", lambda: p.send(pygame.TEXTINPUT, text=text))
        if roll < 0.88:
            key = rng.choice(KEYS)
            return self.note(f"keyup {key}", lambda: p.send(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
        if roll < 0.90:
            size = rng.choice(SIZES)
            return self.note(f"resize {size}", lambda: p.resize(size))
        if roll < 0.92:
            kind = rng.choice(
                [pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWENTER]
            )
            return self.note(f"window event {kind}", lambda: p.send(kind))
        seconds = rng.choice([0.0, 1 / 60, 1 / 60, 0.1, 0.5, 3.0])
        return self.note(f"wait {seconds}", lambda: p.step(seconds))

    def note(self, what: str, send: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            self.history.append(f"{self.p.name}: {what}")
            send()

        return run


def check_invariants(p: Pilot) -> None:
    """What a player could see go wrong without an exception."""
    app = p.app
    assert app.stack, "no screen left"
    scene = app.scene
    if isinstance(scene, OrdersScene):
        assert scene.left() >= 0, f"political capital went negative: {scene.left()}"
    session = app._session
    if session is not None:
        scenario = session.scenario
        assert len(session.save.turns) <= scenario.turn_range[1], "the game went past its last turn"
        for actor, orders in session.orders.items():
            spent = sum(scenario.moves[o.move].cost for o in orders if o.offer is None or o.answer == "counter")
            assert spent <= session.view_of(actor).budget, f"{actor}'s sealed orders cost more than its budget"


def unleash(p: Pilot, where: str, count: int) -> dict[str, int]:
    rng = random.Random(f"{where}:{SEED}")
    monkey = Monkey(p, rng)
    screens: dict[str, int] = {}
    for number in range(count):
        send = monkey.event()
        try:
            send()
            if not p.app.running:  # the monkey found Quit (or closed the window): open it again
                p.app.running = True
            p.step(rng.choice([0.0, 1 / 60, 1 / 60, 0.05]))
            check_invariants(p)
        except Exception as error:
            recent = "\n  ".join(monkey.history[-15:])
            raise AssertionError(
                f"event {number} from {where!r} (MONKEY_SEED={SEED}) raised "
                f"{type(error).__name__}: {error}\nlast events:\n  {recent}\n{traceback.format_exc()}"
            ) from error
        screens[p.name] = screens.get(p.name, 0) + 1
    return screens


# --- reaching each screen -----------------------------------------------------------------------


def to_problems(p: Pilot) -> None:
    p.press(pygame.K_s)
    p.click_button("typo_key.yaml (has problems)")


def to_orders_then(key: int) -> Callable[[Pilot], None]:
    def reach(p: Pilot) -> None:
        p.advance_to("orders")
        p.press(key)

    return reach


def to_the_end(p: Pilot) -> None:
    """A live game the bots have played to its ending (quicker than stepping every reveal)."""
    app = p.app
    scenario = load_scenario(FLAGSHIP)
    app.start_game(scenario, parse_bots(scenario, "objective"))
    while not app.session.state.over:
        app.session.resolve()
    app.after_reveal()
    p.step()


def to_debrief(p: Pilot) -> None:
    to_the_end(p)
    p.press(pygame.K_d)


REACH: dict[str, Callable[[Pilot], None]] = {
    "title": lambda p: None,
    "choose": lambda p: p.press(pygame.K_s),
    "problems": to_problems,
    "setup": lambda p: p.press(pygame.K_p),
    "briefing": lambda p: p.advance_to("briefing"),
    "event": lambda p: p.advance_to("event"),
    "privacy": lambda p: p.advance_to("privacy"),
    "orders": lambda p: p.advance_to("orders"),
    "help": to_orders_then(pygame.K_F1),
    "learn-more": to_orders_then(pygame.K_i),
    "teacher": to_orders_then(pygame.K_F2),
    "reveal": lambda p: p.advance_to("reveal"),
    "ending": to_the_end,
    "debrief": to_debrief,
}


@pytest.mark.parametrize("where", list(REACH))
def test_random_input_never_crashes(tmp_path: Path, where: str):
    own = tmp_path / "scenarios"
    own.mkdir()
    shutil.copy(DATA / "broken" / "typo_key.yaml", own)
    with launched(tmp_path, size=SIZE, seed=SEED) as p:
        REACH[where](p)
        assert p.name == where
        screens = unleash(p, where, EVENTS)
    assert len(screens) > 1, f"the monkey never left {where}: its input had no effect"
