"""What every screen shares: buttons with keyboard focus, the demo's auto-advance."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import tr
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


class Scene:
    """A screen. The app calls layout on resize, handle for each event, update and draw."""

    name = "scene"
    scroll = 0  # how far the text of a scene that scrolls is moved up, in pixels
    overflow = 0  # how far that text runs past its area (0: it all fits)
    demo_delay = 2.5  # seconds before the demo presses the primary button
    typing = False  # a scene where letters are typed: window-wide letter keys (M: sound) leave them alone

    def __init__(self, app: App) -> None:
        self.app = app
        self.buttons: list[Button] = []
        self.focus = 0
        self.hover: tuple[int, int] = (-1, -1)

    @property
    def t(self) -> th.Theme:
        return self.app.theme

    def enter(self) -> None:
        self.layout()

    def layout(self) -> None:
        """Place the widgets for the current window size."""

    def button_row(self, buttons: list[Button], bottom: int, *, centre: bool = True, right: int | None = None) -> None:
        """Lay buttons out in a row whose bottom edge is at `bottom`."""
        t = self.t
        height = t.font("body", bold=True).get_linesize() + t.px(26)
        gap = t.px(18)
        room = (right or t.width) - t.px(16) if not centre else t.width - t.px(32)
        rows: list[list[Button]] = [[]]  # a row too wide for the window (big text) wraps onto rows above
        used = 0
        for button in buttons:
            width = w.button_width(t, button.label)
            if rows[-1] and used + gap + width > room:
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + width
            rows[-1].append(button)
        for index, row in enumerate(rows):
            widths = [w.button_width(t, b.label) for b in row]
            total = sum(widths) + gap * (len(row) - 1)
            x = (t.width - total) // 2 if centre else (right or t.width) - total
            y = bottom - (len(rows) - index) * (height + t.px(10)) + t.px(10)
            for button, width in zip(row, widths, strict=True):
                button.rect = pygame.Rect(x, y, width, height)
                x += width + gap

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.hover = event.pos
            self.app.dirty = True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, button in enumerate(self.buttons):
                if button.hit(event.pos):
                    self.focus = index
                    button.action()
                    return
            self.click(event.pos)
        elif event.type == pygame.MOUSEWHEEL and self.overflow:
            self.scroll_by(-event.y * self.t.px(80))
        elif event.type == pygame.KEYDOWN:
            self.key(event)

    def scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.overflow, self.scroll + pixels))
        self.app.dirty = True

    def scrolled(self, surface: pygame.Surface, area: pygame.Rect, draw: Callable[[int], int]) -> None:
        """Text that may not fit (big text, a small window): drawn inside the area, moved up by the scroll.

        ``draw(top)`` draws it from ``top`` and returns where it ends. When it runs past the
        area, a label says how to see the rest (Page Down, the mouse wheel).
        """
        clip = surface.get_clip()
        surface.set_clip(area)
        with w.scrolling():  # text at the area's edges is cut on purpose: the rest is a scroll away
            bottom = draw(area.y - self.scroll)
        surface.set_clip(clip)
        self.overflow = max(0, bottom + self.scroll - area.bottom)
        self.scroll = min(self.scroll, self.overflow)
        if self.overflow:
            t = self.t
            more = self.scroll < self.overflow
            text = tr("▼ more below: Page Down or the mouse wheel") if more else tr("▲ back to the top: Page Up")
            image = w.render(t.font("small", bold=True), text, th.WHITE)
            corner = (min(area.right, t.width) - t.px(18), area.bottom - t.px(4))  # the box stays on screen
            box = image.get_rect(bottomright=corner).inflate(t.px(20), t.px(8))
            pygame.draw.rect(surface, th.NAVY, box, border_radius=t.px(8))
            surface.blit(image, image.get_rect(center=box.center))

    def key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.overflow:
            page = max(self.t.px(80), self.t.height // 2)
            self.scroll_by(page if event.key == pygame.K_PAGEDOWN else -page)
        elif event.key in (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT) and self.buttons:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.focus = (self.focus + step) % len(self.buttons)
        elif event.key in (pygame.K_UP, pygame.K_LEFT) and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.buttons:
            button = self.buttons[self.focus % len(self.buttons)]
            if button.enabled:
                button.action()
        else:
            for button in self.buttons:
                if button.key is not None and event.key == button.key and button.enabled:
                    button.action()
                    return

    def click(self, pos: tuple[int, int]) -> None:
        """A click that hit no button."""

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds; True while something moves."""
        return False

    def auto(self) -> None:
        """What the demo does when its delay is up: press the primary button."""
        for button in self.buttons:
            if button.primary and button.enabled:
                button.action()
                return

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(th.PAPER)

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for index, button in enumerate(self.buttons):
            button.draw(
                surface,
                self.t,
                focused=index == self.focus % max(1, len(self.buttons)),
                hovered=button.rect.collidepoint(self.hover),
            )

    def band_height(self) -> int:
        """The title band's height: at most 11% of the window, so big text leaves room below it."""
        return min(self.t.px(96), self.t.height * 11 // 100)

    def heading(self, surface: pygame.Surface, title: str, subtitle: str = "") -> int:
        """A navy title band across the top; return its height."""
        t = self.t
        height = self.band_height()
        pygame.draw.rect(surface, th.NAVY, (0, 0, t.width, height))
        font = t.font("heading", bold=True)
        room = t.width - t.px(72)
        if subtitle:  # on the right; the title gives way (it ends in "…") rather than run under it
            small = t.font("body")
            sub_w = min(small.size(subtitle)[0], room // 2)
            w.text(
                surface,
                subtitle,
                small,
                th.mix(th.WHITE, th.NAVY, 0.2),
                (t.width - sub_w - t.px(36), (height - small.get_linesize()) // 2),
                width=sub_w,
                max_lines=1,
            )
            room -= sub_w + t.px(28)
        w.text(
            surface,
            title,
            font,
            th.WHITE,
            (t.px(36), (height - font.get_linesize()) // 2),
            width=room,
            max_lines=1,
        )
        return height


class PickScene(Scene):
    """Choose one of a list (event cards, teams), a page at a time; Esc goes back."""

    name = "pick"

    def __init__(
        self,
        app: App,
        title: str,
        subtitle: str,
        options: Sequence[tuple[str, str, Callable[[], None]]],
        note: str = "",
    ) -> None:
        super().__init__(app)
        self.title, self.subtitle, self.options, self.note = title, subtitle, options, note
        self.page = 0

    def layout(self) -> None:
        t = self.t
        height = t.font("body", bold=True).get_linesize() + t.px(18)
        gap = t.px(10)
        top = t.px(120) + (self.note_height() + t.px(14) if self.note else 0)
        bottom = t.height - t.px(110)
        self.per_page = max(1, (bottom - top) // (height + gap))
        pages = max(1, -(-len(self.options) // self.per_page))
        self.page = min(self.page, pages - 1)
        shown = self.options[self.page * self.per_page : (self.page + 1) * self.per_page]
        width = min(t.px(560), t.width // 2 - t.px(40))
        self.details = [detail for _, detail, _ in shown]
        self.buttons = [Button(label, action) for label, _, action in shown]
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(t.px(60), top + index * (height + gap), width, height)
        row = [Button(tr("Back (Esc)"), self.app.pop, pygame.K_ESCAPE)]
        if pages > 1:
            more = tr("More ({page}/{pages}) PgDn", page=self.page + 1, pages=pages)
            row.insert(0, Button(more, self.next_page, pygame.K_PAGEDOWN))
        self.button_row(row, t.height - t.px(30))
        self.buttons += row

    def note_height(self) -> int:
        t = self.t
        font = t.font("small")
        return len(w.wrap(font, self.note, t.width - t.px(120))) * font.get_linesize()

    def next_page(self) -> None:
        pages = max(1, -(-len(self.options) // self.per_page))
        self.page = (self.page + 1) % pages
        self.focus = 0
        self.layout()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        self.heading(surface, self.title, self.subtitle)
        font = t.font("small")
        if self.note:
            w.text(surface, self.note, font, th.MUTED, (t.px(60), t.px(116)), width=t.width - t.px(120))
        for button, detail in zip(self.buttons, self.details, strict=False):
            x = button.rect.right + t.px(24)
            lines = min(2, len(w.wrap(font, detail, t.width - x - t.px(40))))
            w.text(
                surface,
                detail,
                font,
                th.INK,
                (x, button.rect.y + (button.rect.h - lines * font.get_linesize()) // 2),
                width=t.width - x - t.px(40),
                max_lines=2,
            )
        self.draw_buttons(surface)
