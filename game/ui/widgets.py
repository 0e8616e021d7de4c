"""Drawing helpers and small widgets: text, panels, buttons, icons, dice, tracks, cards."""

from __future__ import annotations

import io
import itertools
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

import pygame
from attrs import Factory, define

from game import resources
from game.i18n import pick
from game.scenario.model import Track
from game.ui import theme as th
from game.ui.theme import Colour, Theme

ARROW = "→"
BACK_ARROW = "←"
_ARROWS = re.compile("([→←])")


def render(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """Rendered text, cached: scenes redraw the same labels many times. All text goes through here."""
    if _painting:
        _painting[-1].append((font, text, colour))
    return _render(font, text, colour)


@lru_cache(maxsize=4096)
def _render(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    if ARROW in text or BACK_ARROW in text:
        return _with_arrows(font, text, colour)
    return _line(font, text, colour)


def _line(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """One line of text; a text with no width at all (a zero-width space, a joiner) is an empty line,
    where SDL_ttf would raise "Text has zero width"."""
    if text and font.size(text)[0] == 0:
        text = ""
    return font.render(text, True, colour)


def _with_arrows(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """Text with each → and ← drawn as lines: Nanum Gothic's arrows shrink to a dot at 14-21 px."""
    pieces = _ARROWS.split(text)  # text, arrow, text, arrow, ..., text
    images = [_line(font, part, colour) for part in pieces[::2]]
    backwards = [arrow == BACK_ARROW for arrow in pieces[1::2]]
    gap = font.size(ARROW)[0]
    image = pygame.Surface(
        (sum(i.get_width() for i in images) + gap * (len(images) - 1), font.get_height()), pygame.SRCALPHA
    )
    x_metrics = font.metrics("x")[0]
    x_top = x_metrics[3] if x_metrics else font.get_ascent() // 2  # the height of an x above the baseline
    mid = font.get_ascent() - x_top // 2
    thick = max(1, round(font.get_height() / 16))
    head = max(3, gap // 3)
    x = 0
    for index, part in enumerate(images):
        image.blit(part, (x, 0))
        x += part.get_width()
        if index < len(images) - 1:
            left, tip = x + gap // 6, x + gap - gap // 6
            back = -1 if backwards[index] else 1  # the head at the tip: right for →, left for ←
            if backwards[index]:
                left, tip = tip, left
            pygame.draw.line(image, colour, (left, mid), (tip, mid), thick)
            pygame.draw.line(image, colour, (tip - back * head, mid - head), (tip, mid), thick)
            pygame.draw.line(image, colour, (tip - back * head, mid + head), (tip, mid), thick)
            x += gap
    return image


class TextBox(NamedTuple):
    """A piece of text as drawn, for the layout test: where its ink is and what it was allowed."""

    surface: int  # which picture it was drawn on (a Layer's picture counts as the screen it is copied to)
    size: tuple[int, int]  # of that picture
    box: pygame.Rect  # the ink, in the picture's coordinates
    clip: pygame.Rect  # the part of the picture that could be painted then
    text: str
    plane: int  # an overlay (a tooltip, a panel over the board) is a new plane: it may cover what is below
    broken: bool  # a word was cut between two lines
    scrolled: bool  # in a scrolled area: cut at its top and bottom on purpose


_boxes: list[TextBox] | None = None  # recording while the layout test draws a screen
_plane = 0
_same_as: dict[int, int] = {}  # a Layer's picture -> the surface it is copied onto
_scrolling = [0]  # how many scrolled areas are being drawn


@contextmanager
def recording() -> Iterator[list[TextBox]]:
    """Every text box drawn until the block ends (a test's hook: costs nothing when not recording)."""
    global _boxes, _plane
    _boxes, _plane = [], 0
    try:
        yield _boxes
    finally:
        _boxes = None


@contextmanager
def scrolling() -> Iterator[None]:
    """Text drawn in the block is in a scrolled area: the area's edges cut it on purpose."""
    _scrolling[0] += 1
    try:
        yield
    finally:
        _scrolling[0] -= 1


def new_plane() -> None:
    """What is drawn next lies over what was drawn before (a panel, a tooltip): it may cover it."""
    global _plane
    _plane += 1


def _note(surface: pygame.Surface, image: pygame.Surface, at: pygame.Rect, content: str, broken: bool) -> None:
    if _boxes is None or not content.strip():
        return
    ink = image.get_bounding_rect().move(at.topleft)
    if ink.w == 0 or ink.h == 0:
        return
    key = _same_as.get(id(surface), id(surface))
    clip = surface.get_clip()
    _boxes.append(TextBox(key, surface.get_size(), ink, clip, content, _plane, broken, _scrolling[0] > 0))


def label(
    surface: pygame.Surface, font: pygame.font.Font, content: str, colour: Colour, **anchor: object
) -> pygame.Rect:
    """One line of text placed by a Rect anchor (topleft=, center=, midleft=...); return its box."""
    image = render(font, content, colour)
    rect = image.get_rect(**anchor)
    surface.blit(image, rect)
    _note(surface, image, rect, content, False)
    return rect


_Words = list[tuple[pygame.font.Font, str, Colour]]
_painting: list[_Words] = []  # the words of each Layer being painted, innermost last


class Layer:
    """A part of a screen that seldom changes: painted into an image when its key changes, copied otherwise.

    A screen gives as key everything the part shows (the window's size and the UI scale,
    the state of the game, ...). Copying the image costs a fraction of drawing its panels,
    meters, map and words again. The words painted into it are kept and passed through
    ``render`` again (a cached call) each time the image is copied, so that whatever
    follows the words on screen (the UI tests do) sees every frame as if drawn afresh.
    """

    def __init__(self) -> None:
        self._key: object = None
        self._image: pygame.Surface | None = None
        self._words: _Words = []

    def draw(
        self, surface: pygame.Surface, size: tuple[int, int], key: object, paint: Callable[[pygame.Surface], None]
    ) -> None:
        """The part of the screen from its top-left corner to size; paint draws all of it, in screen coordinates."""
        image = self._image
        if image is None or key != self._key or image.get_size() != size:
            if image is None or image.get_size() != size:
                image = self._image = pygame.Surface(size, 0, surface)
            _same_as[id(image)] = id(surface)  # only while painting: an id is reused once its picture is gone
            _painting.append([])
            try:
                paint(image)
            finally:
                self._words = _painting.pop()
                _same_as.pop(id(image), None)
            self._key = key
        else:
            for font, text, colour in self._words:
                render(font, text, colour)
        surface.blit(image, (0, 0))


@lru_cache(maxsize=2048)
def wrap(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    """Lines of text that fit the width, broken at spaces (or inside a word only when it does not fit).

    Linear in the length of the text: a line is measured as it grows, and a word too long
    for a line is cut by a search over its prefixes, never by dropping one letter at a time
    (a thousand CJK characters without a space, or one long word, stays fast)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if len(trial) <= _MAX_FIT and font.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            start = 0
            while True:
                cut = _fitting_prefix(font, word, start, width)
                if cut >= len(word):
                    break
                lines.append(word[start:cut])
                start = cut
            line = word[start:]
        lines.append(line)
    return tuple(lines)


#: More characters than any line of any width holds (a line is never measured past this).
_MAX_FIT = 2000


def _fitting_prefix(font: pygame.font.Font, word: str, start: int, width: int) -> int:
    """Where a line that starts at word[start] must end to fit the width (at least one character on it).

    The probes double until one does not fit, then a binary search between the last two,
    so each probe measures at most twice what fits: the work follows the line, not the word."""
    rest = len(word) - start
    fits, probe = 1, 2
    while probe <= min(rest, _MAX_FIT) and font.size(word[start : start + probe])[0] <= width:
        fits, probe = probe, probe * 2
    if probe > rest and font.size(word[start:])[0] <= width:
        return len(word)
    high = min(probe, rest, _MAX_FIT + 1)  # the first `high` characters do not fit
    while high - fits > 1:
        middle = (fits + high) // 2
        if font.size(word[start : start + middle])[0] <= width:
            fits = middle
        else:
            high = middle
    return start + fits


def text(
    surface: pygame.Surface,
    content: str,
    font: pygame.font.Font,
    colour: Colour,
    pos: tuple[int, int],
    *,
    width: int | None = None,
    align: str = "left",
    max_lines: int | None = None,
) -> int:
    """Draw (wrapped) text; return the height used."""
    x, y = pos
    lines = wrap(font, content, width) if width else (content,)
    broken = _boxes is not None and len(lines) > 1 and " ".join(lines).split() != content.split()
    if max_lines is not None and len(lines) > max_lines:
        lines = (*lines[: max_lines - 1], _ellipsized(font, lines[max_lines - 1], width))
    step = font.get_linesize()
    for line in lines:
        image = render(font, line, colour)
        if align == "center" and width:
            at = image.get_rect(topleft=(x + (width - image.get_width()) // 2, y))
        elif align == "right" and width:
            at = image.get_rect(topleft=(x + width - image.get_width(), y))
        else:
            at = image.get_rect(topleft=(x, y))
        surface.blit(image, at)
        _note(surface, image, at, line, broken)
        y += step
    return step * len(lines)


def _ellipsized(font: pygame.font.Font, line: str, width: int | None) -> str:
    """The line ending in "…", words dropped from its end until the ellipsis fits too."""
    shown = line.rstrip(".,; ") + "…"
    while width and " " in line and font.size(shown)[0] > width:
        line = line.rsplit(" ", 1)[0]
        shown = line.rstrip(".,; ") + "…"
    while width and len(line) > 1 and font.size(shown)[0] > width:  # one long word (Korean runs): by syllables
        line = line[:-1]
        shown = line.rstrip(".,;: ") + "…"
    return shown


def notice(surface: pygame.Surface, t: Theme, title: str, line: str, fill: Colour, top: int) -> None:
    """A whole screen of one colour with a big title and one line under it (pause, pass the laptop)."""
    surface.fill(fill)
    width = surface.get_width() - t.px(80)
    used = text(surface, title, t.font("title", bold=True), th.WHITE, (t.px(40), top), width=width, align="center")
    if line:  # under the title however many lines it took (a long team name, big text)
        place = (t.px(40), top + max(used + t.px(16), t.px(100)))
        text(surface, line, t.font("large"), th.WHITE, place, width=surface.get_width() - t.px(80), align="center")


def tooltip(
    surface: pygame.Surface, t: Theme, content: str, pos: tuple[int, int], avoid: pygame.Rect | None = None
) -> pygame.Rect:
    """A small box of text next to the mouse, kept on screen and off ``avoid`` (a line the tip must
    not hide, such as what a click just changed); return where it was drawn."""
    font = t.font("small")
    width = min(t.px(560), surface.get_width() - t.px(40))
    lines = wrap(font, content, width - t.px(28))[:8]
    inner_w = max(font.size(line)[0] for line in lines) if lines else 0
    box = pygame.Rect(0, 0, inner_w + t.px(28), font.get_linesize() * len(lines) + t.px(20))
    box.topleft = (pos[0] + t.px(18), pos[1] + t.px(22))
    if box.right > surface.get_width() - t.px(8):
        box.right = pos[0] - t.px(12)
    if box.bottom > surface.get_height() - t.px(8):
        box.bottom = pos[1] - t.px(12)
    box.clamp_ip(surface.get_rect())
    if avoid is not None and box.colliderect(avoid) and avoid.top - t.px(6) - box.h >= 0:
        box.bottom = avoid.top - t.px(6)  # above it: the tip still beside the mouse, the line in sight
    new_plane()  # the tip lies over the board on purpose
    pygame.draw.rect(surface, th.INK, box.move(t.px(3), t.px(3)), border_radius=t.px(8))
    pygame.draw.rect(surface, (255, 252, 232), box, border_radius=t.px(8))
    pygame.draw.rect(surface, th.NAVY, box, width=t.px(2), border_radius=t.px(8))
    y = box.y + t.px(10)
    for line in lines:
        label(surface, font, line, th.INK, topleft=(box.x + t.px(14), y))
        y += font.get_linesize()
    return box


SHADOW: Colour = th.mix(th.PAPER, th.INK, 0.18)


def panel(
    surface: pygame.Surface, rect: pygame.Rect, t: Theme, fill: Colour = th.PANEL, edge: Colour = th.PANEL_EDGE
) -> None:
    """A rounded panel with its shadow, drawn once for each size and copied after that.

    A large rounded rectangle is the slowest thing a frame draws; copying the same pixels
    from a picture with a transparent colour around them costs a third of it.
    """
    offset = (t.px(3), t.px(4))
    if rect.w <= 0 or rect.h <= 0:  # nothing to copy (a tiny window with big text)
        pygame.draw.rect(surface, SHADOW, rect.move(offset), border_radius=t.px(12))
        pygame.draw.rect(surface, fill, rect, border_radius=t.px(12))
        pygame.draw.rect(surface, edge, rect, width=max(1, t.px(2)), border_radius=t.px(12))
        return
    image = _panel_image(rect.size, offset, t.px(12), max(1, t.px(2)), fill, edge, surface.get_bitsize())
    surface.blit(image, rect.topleft)


def panel_cover(rect: pygame.Rect, t: Theme) -> pygame.Rect:
    """The part of a panel that ``panel`` paints over entirely: all its rows but those of the corners."""
    corner = t.px(12) + 1
    if rect.w <= 0 or rect.h <= 2 * corner:
        return pygame.Rect(rect.topleft, (0, 0))
    return rect.inflate(0, -2 * corner)


def fill_around(surface: pygame.Surface, colour: Colour, covered: list[pygame.Rect]) -> None:
    """Fill the surface but for the areas the caller paints over next with something opaque.

    The same picture as filling it all, with less to write: a full screen is about 8 MB.
    """
    area = surface.get_clip()
    holes = [hole for hole in (rect.clip(area) for rect in covered) if hole.w > 0 and hole.h > 0]
    edges = sorted({area.top, area.bottom, *(h.top for h in holes), *(h.bottom for h in holes)})
    for top, bottom in itertools.pairwise(edges):
        x = area.left
        for left, right in sorted((h.left, h.right) for h in holes if h.top <= top and h.bottom >= bottom):
            if left > x:
                surface.fill(colour, (x, top, left - x, bottom - top))
            x = max(x, right)
        if x < area.right:
            surface.fill(colour, (x, top, area.right - x, bottom - top))


@lru_cache(maxsize=32)
def _panel_image(
    size: tuple[int, int], offset: tuple[int, int], radius: int, line: int, fill: Colour, edge: Colour, depth: int
) -> pygame.Surface:
    width, height = size
    image = pygame.Surface((width + offset[0], height + offset[1]), 0, depth)
    clear = next(c for c in ((255, 0, 255), (0, 255, 0), (0, 0, 255)) if c not in (fill, edge, SHADOW))
    image.fill(clear)
    body = pygame.Rect(0, 0, width, height)
    pygame.draw.rect(image, SHADOW, body.move(offset), border_radius=radius)
    pygame.draw.rect(image, fill, body, border_radius=radius)
    pygame.draw.rect(image, edge, body, width=line, border_radius=radius)
    image.set_colorkey(clear, pygame.RLEACCEL)
    return image


@define
class Button:
    """A labelled button with an optional hotkey; `action` runs when pressed."""

    label: str
    action: Callable[[], None]
    key: int | None = None
    rect: pygame.Rect = Factory(lambda: pygame.Rect(0, 0, 0, 0))
    primary: bool = False
    enabled: bool = True

    def draw(self, surface: pygame.Surface, t: Theme, *, focused: bool = False, hovered: bool = False) -> None:
        fill = th.PRIMARY if self.primary else th.PANEL
        if not self.enabled:
            fill = th.mix(th.PANEL, th.PAPER, 0.5)
        elif hovered:
            fill = th.mix(fill, th.FOCUS, 0.25)
        ink = th.readable_on(fill) if self.enabled else th.MUTED
        pygame.draw.rect(surface, fill, self.rect, border_radius=t.px(10))
        # a white rim: the primary button stands out on a navy band or a team's colour as well as on paper
        edge = th.FOCUS if focused else (th.WHITE if self.primary else th.mix(fill, th.INK, 0.35))
        pygame.draw.rect(surface, edge, self.rect, width=t.px(4 if focused else 2), border_radius=t.px(10))
        label(surface, t.font("body", bold=True), self.label, ink, center=self.rect.center)

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)


def button_width(t: Theme, label: str) -> int:
    return t.font("body", bold=True).size(label)[0] + t.px(48)


# --- icons: each kind of move has a shape as well as a colour ------------------------------------


ICONS = resources.ASSETS / "icons"  # Tabler Icons (MIT), one SVG per kind of card: assets/CREDITS.md


def icon(surface: pygame.Surface, name: str, rect: pygame.Rect, colour: Colour) -> None:
    """The kind's pictogram: the bundled SVG drawn at this size and colour, else a drawn shape."""
    image = _svg_icon(name, rect.size, colour)
    if image is not None:
        surface.blit(image, rect)
    else:
        _drawn_icon(surface, name, rect, colour)


@lru_cache(maxsize=256)
def _svg_icon(name: str, size: tuple[int, int], colour: Colour) -> pygame.Surface | None:
    """An icon from assets/icons in one colour, with its strokes a little bolder to read on a projector."""
    if size[0] < 4 or size[1] < 4 or not name.isidentifier():
        return None
    try:
        source = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return None
    ink = "#{:02x}{:02x}{:02x}".format(*colour)
    source = source.replace("currentColor", ink).replace('stroke-width="2"', 'stroke-width="2.5"')
    try:
        return pygame.image.load_sized_svg(io.BytesIO(source.encode("utf-8")), size)
    except (pygame.error, ValueError):
        return None


def _drawn_icon(surface: pygame.Surface, name: str, rect: pygame.Rect, colour: Colour) -> None:
    """A simple, bold pictogram that reads at a distance (when the SVG is missing)."""
    x, y, w, h = (float(v) for v in rect)
    cx, cy = float(rect.centerx), float(rect.centery)
    lw = max(2, int(w) // 10)

    def pt(fx: float, fy: float) -> tuple[int, int]:
        return (round(x + fx * w), round(y + fy * h))

    draw = pygame.draw
    if name == "ship":
        draw.polygon(surface, colour, [pt(0.05, 0.55), pt(0.95, 0.55), pt(0.78, 0.8), pt(0.22, 0.8)])
        draw.rect(surface, colour, (*pt(0.42, 0.3), w * 0.22, h * 0.25))
        draw.line(surface, colour, pt(0.52, 0.1), pt(0.52, 0.3), lw)
    elif name == "plane":
        draw.polygon(
            surface,
            colour,
            [
                pt(0.5, 0.05),
                pt(0.58, 0.35),
                pt(0.95, 0.55),
                pt(0.58, 0.5),
                pt(0.56, 0.8),
                pt(0.7, 0.92),
                pt(0.3, 0.92),
                pt(0.44, 0.8),
                pt(0.42, 0.5),
                pt(0.05, 0.55),
                pt(0.42, 0.35),
            ],
        )
    elif name == "missile":
        draw.polygon(
            surface,
            colour,
            [
                pt(0.5, 0.02),
                pt(0.62, 0.22),
                pt(0.62, 0.72),
                pt(0.78, 0.92),
                pt(0.22, 0.92),
                pt(0.38, 0.72),
                pt(0.38, 0.22),
            ],
        )
    elif name == "dove":
        draw.ellipse(surface, colour, (*pt(0.15, 0.35), w * 0.55, h * 0.35))
        draw.circle(surface, colour, pt(0.72, 0.35), w * 0.13)
        draw.polygon(surface, colour, [pt(0.82, 0.3), pt(0.98, 0.36), pt(0.82, 0.4)])
        draw.polygon(surface, colour, [pt(0.3, 0.45), pt(0.45, 0.05), pt(0.6, 0.45)])
        draw.polygon(surface, colour, [pt(0.18, 0.55), pt(0.02, 0.75), pt(0.3, 0.62)])
    elif name == "handshake":
        draw.circle(surface, colour, pt(0.36, 0.5), w * 0.26, lw)
        draw.circle(surface, colour, pt(0.64, 0.5), w * 0.26, lw)
    elif name == "megaphone":
        draw.polygon(
            surface,
            colour,
            [pt(0.1, 0.38), pt(0.35, 0.38), pt(0.85, 0.12), pt(0.85, 0.88), pt(0.35, 0.62), pt(0.1, 0.62)],
        )
    elif name == "shield":
        draw.polygon(
            surface, colour, [pt(0.5, 0.05), pt(0.9, 0.2), pt(0.85, 0.6), pt(0.5, 0.95), pt(0.15, 0.6), pt(0.1, 0.2)]
        )
    elif name == "flag":
        draw.line(surface, colour, pt(0.2, 0.05), pt(0.2, 0.95), lw)
        draw.polygon(surface, colour, [pt(0.2, 0.08), pt(0.9, 0.25), pt(0.2, 0.5)])
    elif name == "atom":
        for angle in (0, 60, 120):
            orbit = pygame.Surface((w, h), pygame.SRCALPHA)
            pygame.draw.ellipse(orbit, colour, (0, h * 0.33, w, h * 0.34), lw)
            rotated = pygame.transform.rotate(orbit, angle)
            surface.blit(rotated, rotated.get_rect(center=(cx, cy)))
        draw.circle(surface, colour, (cx, cy), w * 0.1)
    elif name == "chart":
        for i, height in enumerate((0.4, 0.65, 0.9)):
            draw.rect(surface, colour, (x + w * (0.1 + 0.3 * i), y + h * (1 - height), w * 0.22, h * height))
    elif name == "eye":
        draw.ellipse(surface, colour, (*pt(0.05, 0.25), w * 0.9, h * 0.5), lw)
        draw.circle(surface, colour, (cx, cy), w * 0.15)
    elif name == "gift":
        draw.rect(surface, colour, (*pt(0.12, 0.35), w * 0.76, h * 0.58))
        draw.rect(surface, th.readable_on(colour), (*pt(0.45, 0.35), w * 0.1, h * 0.58))
        draw.circle(surface, colour, pt(0.38, 0.25), w * 0.12, lw)
        draw.circle(surface, colour, pt(0.62, 0.25), w * 0.12, lw)
    elif name == "scales":
        draw.line(surface, colour, pt(0.5, 0.1), pt(0.5, 0.9), lw)
        draw.line(surface, colour, pt(0.12, 0.25), pt(0.88, 0.25), lw)
        draw.polygon(surface, colour, [pt(0.02, 0.6), pt(0.22, 0.6), pt(0.12, 0.3)], lw)
        draw.polygon(surface, colour, [pt(0.78, 0.6), pt(0.98, 0.6), pt(0.88, 0.3)], lw)
        draw.rect(surface, colour, (*pt(0.3, 0.88), w * 0.4, h * 0.08))
    else:  # star
        points: list[tuple[float, float]] = []
        for i in range(10):
            reach = 0.48 if i % 2 == 0 else 0.2
            turn_angle = -math.pi / 2 + i * math.pi / 5
            points.append((cx + reach * w * math.cos(turn_angle), cy + reach * h * math.sin(turn_angle)))
        draw.polygon(surface, colour, points)


def die(surface: pygame.Surface, rect: pygame.Rect, face: int, t: Theme) -> None:
    """A die showing a face (pips up to 6, the number above that)."""
    pygame.draw.rect(surface, th.WHITE, rect, border_radius=t.px(8))
    pygame.draw.rect(surface, th.INK, rect, width=t.px(3), border_radius=t.px(8))
    if face > 6:
        label(surface, t.font("large", bold=True), str(face), th.INK, center=rect.center)
        return
    spots = {
        1: [(0.5, 0.5)],
        2: [(0.25, 0.25), (0.75, 0.75)],
        3: [(0.25, 0.25), (0.5, 0.5), (0.75, 0.75)],
        4: [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)],
        5: [(0.25, 0.25), (0.75, 0.25), (0.5, 0.5), (0.25, 0.75), (0.75, 0.75)],
        6: [(0.25, 0.22), (0.75, 0.22), (0.25, 0.5), (0.75, 0.5), (0.25, 0.78), (0.75, 0.78)],
    }[max(1, face)]
    for fx, fy in spots:
        pygame.draw.circle(surface, th.INK, (rect.x + fx * rect.w, rect.y + fy * rect.h), rect.w * 0.09)


# --- tracks ----------------------------------------------------------------------------------


def rung_name(track: Track, value: float) -> str:
    below = [r for r in track.rungs if r <= value]
    return pick(track.rungs[max(below)]) if below else ""


class Rung(NamedTuple):
    """One step of an escalation ladder as drawn: its level, box, colours and label."""

    level: int
    box: pygame.Rect
    fill: Colour
    ink: Colour
    label: str


#: The thinnest rung drawn: a ladder with more steps than fit draws a rung for several steps.
MIN_RUNG_PX = 4


def ladder_rungs(rect: pygame.Rect, track: Track) -> list[Rung]:
    """Where each rung of a ladder goes in rect, the lowest first, warmer towards its bad end.

    One rung per step while they fit; a long ladder (up to 1000 steps) gets one rung per few
    steps instead, labelled with its lowest level and the name of a named rung within it, so
    the work follows the height of the ladder, not its span."""
    steps = track.max - track.min
    count = min(steps + 1, max(2, rect.h // MIN_RUNG_PX))
    rung_h = rect.h / count
    named = sorted(track.rungs)
    next_name = 0
    rungs = []
    for i in range(count):
        level = track.min + i * (steps + 1) // count  # the lowest level on this rung
        top = track.min + (i + 1) * (steps + 1) // count - 1  # and the highest
        name = ""
        while next_name < len(named) and named[next_name] <= top:
            if named[next_name] >= level:
                name = pick(track.rungs[named[next_name]])
            next_name += 1
        y = rect.bottom - (i + 1) * rung_h
        fill = _rung_fill(track, i, count, level, top)
        label = f"{level}  {name}" if name else str(level)
        box = pygame.Rect(rect.x, round(y) + 1, rect.w, max(1, round(rung_h) - 2))
        rungs.append(Rung(level, box, fill, th.readable_on(fill), label))
    return rungs


CALM_RUNG: Colour = (222, 235, 222)
HOT_RUNG: Colour = (235, 150, 120)


def _rung_fill(track: Track, index: int, count: int, level: int, top: int) -> Colour:
    """A rung's colour: calm at the good end, hot towards the bad end, the worst rung red.

    A ladder whose owner wants it high (DEFCON 5 is peace) is calm at the top; any other is
    an escalation ladder, calm at the bottom."""
    share = index / max(1, count - 1)
    if track.good == "up":
        return th.DANGER if level <= track.min else th.mix(CALM_RUNG, HOT_RUNG, 1 - share)
    return th.DANGER if top >= track.max else th.mix(CALM_RUNG, HOT_RUNG, share)


def ladder(
    surface: pygame.Surface,
    t: Theme,
    rect: pygame.Rect,
    track: Track,
    value: float | None,
    span: tuple[int, int] | None = None,
    rungs: list[Rung] | None = None,
) -> None:
    """An escalation ladder: one rung per step, named rungs labelled, the marker on the value.

    ``rungs`` is ``ladder_rungs(rect, track)``, for a caller that keeps it from frame to frame.
    """
    font = t.font("small")
    radius = t.px(4)
    for rung in rungs if rungs is not None else ladder_rungs(rect, track):
        pygame.draw.rect(surface, rung.fill, rung.box, border_radius=radius)
        if font.get_height() <= rung.box.h + t.px(6):
            label(surface, font, rung.label, rung.ink, midleft=(rung.box.x + t.px(8), rung.box.centery))
        if span and span[0] <= rung.level <= span[1]:
            pygame.draw.rect(surface, th.FOCUS, rung.box, width=t.px(3), border_radius=radius)
    if value is not None:
        rung_h = rect.h / (track.max - track.min + 1)
        y = rect.bottom - (value - track.min + 0.5) * rung_h
        marker = [
            (rect.right + t.px(4), y),
            (rect.right + t.px(26), y - t.px(14)),
            (rect.right + t.px(26), y + t.px(14)),
        ]
        pygame.draw.polygon(surface, th.INK, marker)
        pygame.draw.rect(
            surface,
            th.INK,
            (rect.x - t.px(3), y - rung_h / 2, rect.w + t.px(6), rung_h),
            width=t.px(4),
            border_radius=t.px(5),
        )


def meter(
    surface: pygame.Surface,
    t: Theme,
    rect: pygame.Rect,
    track: Track,
    value: float | None,
    span: tuple[int, int] | None,
    colour: Colour,
) -> None:
    """A horizontal bar; a hidden track shows the range a player believes it is in."""
    pygame.draw.rect(surface, th.mix(th.PANEL, th.PANEL_EDGE, 0.5), rect, border_radius=t.px(6))
    width = track.max - track.min
    if value is not None:
        fill = rect.copy()
        fill.w = round(rect.w * (value - track.min) / width)
        if fill.w > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=t.px(6))
    elif span is not None:
        lo, hi = span
        band = pygame.Rect(
            rect.x + rect.w * (lo - track.min) / width, rect.y, max(t.px(6), rect.w * (hi - lo) / width), rect.h
        )
        surface.blit(_hatch(band.size, colour, t.px(10), t.px(3)), band.topleft)
    pygame.draw.rect(surface, th.INK, rect, width=t.px(2), border_radius=t.px(6))


@lru_cache(maxsize=64)
def _hatch(size: tuple[int, int], colour: Colour, step: int, thickness: int) -> pygame.Surface:
    """Diagonal stripes on a transparent ground: the range of a hidden track."""
    w, h = size
    hatch = pygame.Surface(size, pygame.SRCALPHA)
    for offset in range(-h, w, step):
        pygame.draw.line(hatch, (*colour, 255), (offset, h), (offset + h, 0), thickness)
    return hatch


def gauge(
    surface: pygame.Surface, t: Theme, rect: pygame.Rect, track: Track, value: float | None, colour: Colour
) -> None:
    """A half-dial, like a poll result; the needle points at the value."""
    cx, cy = rect.centerx, rect.bottom - t.px(6)
    radius = min(rect.w // 2, rect.h) - t.px(4)
    box = pygame.Rect(cx - radius, cy - radius, radius * 2, radius * 2)
    pygame.draw.arc(surface, th.mix(th.PANEL, th.PANEL_EDGE, 0.6), box, 0, math.pi, t.px(14))
    if value is not None:
        share = (value - track.min) / (track.max - track.min)
        pygame.draw.arc(surface, colour, box, math.pi * (1 - share), math.pi, t.px(14))
        angle = math.pi * (1 - share)
        tip = (cx + (radius - t.px(20)) * math.cos(angle), cy - (radius - t.px(20)) * math.sin(angle))
        pygame.draw.line(surface, th.INK, (cx, cy), tip, t.px(4))
    pygame.draw.circle(surface, th.INK, (cx, cy), t.px(7))
