"""Colours, fonts and sizes: readable from the back of a classroom.

Sizes are given for a 1920x1080 projector and scaled to the window (and the UI-scale
setting); text never goes below a minimum size. The palette is Okabe-Ito, which stays
distinguishable with the common colour-vision deficiencies, and colour is never the only
cue: kinds of move also carry an icon and a name.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game import resources

FONT_DIR = resources.FONTS  # the bundled fonts: Korean, and the symbols ★ ○ ▶ that pygame's own font lacks

Colour = tuple[int, int, int]

PAPER: Colour = (239, 232, 218)
PANEL: Colour = (251, 248, 242)
PANEL_EDGE: Colour = (196, 184, 160)
INK: Colour = (31, 36, 48)
MUTED: Colour = (92, 96, 108)
NAVY: Colour = (34, 50, 74)
WHITE: Colour = (255, 255, 255)
SEA: Colour = (200, 222, 236)
LAND: Colour = (232, 224, 204)
LAND_EDGE: Colour = (150, 140, 120)
PRIMARY: Colour = (0, 94, 150)  # the button Enter presses: a blue that is not the navy of the bands
FOCUS: Colour = (230, 159, 0)  # Okabe-Ito orange: keyboard focus and selection
GOOD: Colour = (0, 158, 115)  # bluish green
BAD: Colour = (213, 94, 0)  # vermillion
DANGER: Colour = (170, 40, 30)
OKABE_ITO: tuple[Colour, ...] = (
    (230, 159, 0),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (0, 114, 178),
    (213, 94, 0),
    (204, 121, 167),
    (0, 0, 0),
)

# Text sizes in pixels at 1080 lines; nothing is drawn smaller than MIN_TEXT.
SIZES = {"title": 64, "heading": 38, "large": 30, "body": 25, "small": 21}
MIN_TEXT = 15
SMALLEST_SCALE = 0.3  # the smallest UI scale a part of a screen shrinks to, to fit (its text stays at MIN_TEXT)


def parse_colour(text: str) -> Colour:
    """'#1f77b4' -> (31, 119, 180)."""
    value = text.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def readable_on(colour: Colour) -> Colour:
    """Black or white, whichever reads better on the colour."""
    r, g, b = colour
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else WHITE


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


class Theme:
    """Scaled sizes and fonts for the current window."""

    def __init__(self, size: tuple[int, int], ui_scale: float = 1.0) -> None:
        self.ui_scale = ui_scale
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._roles: dict[tuple[str, bool], pygame.font.Font] = {}
        self._px: dict[float, int] = {}
        self._smaller: dict[float, Theme] = {}
        self.resize(size)

    def resize(self, size: tuple[int, int]) -> None:
        """A new window size or UI scale: every size and font is worked out again."""
        self.width, self.height = size
        self.scale = max(0.45, min(self.width / 1920, self.height / 1080)) * self.ui_scale
        self._fonts.clear()
        self._roles.clear()
        self._px.clear()
        self._smaller.clear()

    def px(self, value: float) -> int:
        # A frame asks for a few hundred sizes, nearly all the same few dozen: remember them
        # (a bounded number: an animation may ask for a new size in every frame).
        scaled = self._px.get(value)
        if scaled is None:
            if len(self._px) >= 1024:
                self._px.clear()
            scaled = self._px[value] = max(1, round(value * self.scale))
        return scaled

    def font(self, role: str = "body", bold: bool = False) -> pygame.font.Font:
        font = self._roles.get((role, bold))
        if font is None:
            size = max(MIN_TEXT, round(SIZES[role] * self.scale))
            font = self._fonts.get((size, bold))
            if font is None:
                font = self._fonts[(size, bold)] = _load_font(size, bold)
            self._roles[(role, bold)] = font
        return font

    def fitted(self, need: Callable[[Theme], int], height: int) -> Theme:
        """This theme, or a smaller one in which a part of a screen needs no more than ``height``.

        Big text (Ctrl +) on a small window would squeeze a board's rungs or a chart's plot
        into nothing; the part's words shrink instead, never below MIN_TEXT. The smaller
        themes are kept (their fonts are loaded once), until the next resize.
        """
        fit, scale = self, self.ui_scale
        base = self.scale / self.ui_scale
        for _ in range(6):  # text sizes are whole pixels, with a floor: a few tries may be needed
            needed = need(fit)
            if needed <= height or scale <= SMALLEST_SCALE:
                break
            scale = max(SMALLEST_SCALE, scale * height / needed * 0.98)
            if round(SIZES["small"] * base * scale) <= MIN_TEXT:
                scale = SMALLEST_SCALE  # the words are as small as they go: only the spacing can give
            fit = self.shrunk(scale)
        return fit

    def shrunk(self, scale: float) -> Theme:
        """This window's theme at another UI scale, made once until the next resize."""
        scale = round(scale, 3)
        smaller = self._smaller.get(scale)
        if smaller is None:
            smaller = self._smaller[scale] = Theme((self.width, self.height), scale)
        return smaller


def _load_font(size: int, bold: bool) -> pygame.font.Font:
    names = ["NanumGothicBold.ttf"] if bold else ["NanumGothic.ttf"]
    for name in names:
        path = FONT_DIR / name
        if path.exists():
            return pygame.font.Font(str(path), size)
    font = pygame.font.Font(None, round(size * 1.25))  # pygame's own font, Latin only
    font.set_bold(bold)
    return font
