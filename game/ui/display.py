"""Is there a screen for the game window? Asked before the window's code loads, so that a
missing display is reported at once (the window's modules take a second to import).

pygame is imported only when SDL itself must be asked.
"""

from __future__ import annotations

import os
import sys

from game.i18n import tr

HEADLESS_DRIVERS = ("offscreen", "dummy")  # SDL's drivers that draw into memory, on no screen


class NoDisplay(Exception):
    """The game window cannot be opened, or nobody could see it; the message says why."""


def check_display(headless_ok: bool) -> None:
    """Raise NoDisplay unless the window will be on a screen someone can see.

    Without a display SDL does not fail: it quietly picks its "offscreen" driver, and the game
    would wait for clicks that can never come. A headless driver is fine when the user asked
    for one (SDL_VIDEODRIVER) or when nobody needs to see the window (``headless_ok``: a
    demo that saves screenshots).
    """
    if os.environ.get("SDL_VIDEODRIVER"):
        return  # the user chose the driver, a headless one included (tests, recording a demo)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        if not headless_ok:  # (a console without a desktop may still try SDL_VIDEODRIVER=kmsdrm)
            raise NoDisplay("neither DISPLAY nor WAYLAND_DISPLAY is set")
        os.environ["SDL_VIDEODRIVER"] = "dummy"  # no screen to try: draw into memory at once
        return
    import pygame

    try:
        pygame.display.init()
    except pygame.error as error:
        raise NoDisplay(str(error)) from None
    driver = pygame.display.get_driver()
    if driver in HEADLESS_DRIVERS and not headless_ok:
        pygame.display.quit()
        raise NoDisplay(f"SDL found no screen and chose its {driver} driver")


def no_display_message(error: NoDisplay) -> str:
    """What the user reads: why, and the game that needs no display."""
    first = tr("No display is available for the game window ({why}).", why=error)
    return first + "\n" + tr("Play in the terminal instead:") + "  deterrence play --text\n"
