"""What the window keeps from one frame to the next shows exactly what a frame drawn afresh would."""

from __future__ import annotations

import pygame
import pytest

from game.ui import theme as th
from game.ui import widgets as w


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
