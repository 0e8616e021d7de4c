"""Format 2 place values on the map: a small badge beside each place, as one viewer sees the values.

Kept apart from the board's own drawing: the board calls ``badge_boxes`` when it lays the map
out (so names keep clear of the badges) and ``draw_badges`` after the names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pygame

from game.engine.state import Ref
from game.engine.turn import TOKEN_REMOVED
from game.i18n import pick
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.theme import Theme

if TYPE_CHECKING:
    from game.engine.state import LogEntry, TokenState
    from game.scenario.model import Scenario
    from game.ui.board import MapLayer

#: What TrackBoard.seen gives for a track: its value, or the range the viewer sees (None: nothing).
Seen = Mapping[str, tuple[float | None, tuple[int, int] | None]]


def place_badges(scenario: Scenario, seen: Seen) -> dict[str, str]:
    """Each place's badge text: its values that `badge` shows, as the viewer sees them ("3", "2…4", "-3…-1",
    "?"). A range takes an ellipsis: a dash between two negative numbers would read as a minus."""
    region = scenario.map
    if region is None or not scenario.place_refs:
        return {}
    shown: dict[str, list[str]] = {}
    for ref, (place_id, name) in scenario.place_refs.items():
        if not region.place_values[name].badge or ref not in seen:
            continue
        value, span = seen[ref]
        unit = region.place_values[name].unit
        if value is not None:
            text = f"{round(value)}{unit}"
        elif span is not None:
            text = f"{span[0]}…{span[1]}{unit}"
        else:
            text = "?"
        shown.setdefault(place_id, []).append(text)
    return {place_id: " · ".join(texts) for place_id, texts in shown.items()}


def badge_boxes(
    t: Theme,
    rect: pygame.Rect,
    layer: MapLayer,
    badges: Mapping[str, str],
    avoid: Sequence[pygame.Rect] = (),
) -> list[tuple[str, pygame.Rect]]:
    """Where each badge goes: left of its place's dot, else above or below that, else right of it, kept on
    the map and clear, where it can be, of the badges before it, the places' dots and ``avoid`` (the pieces)."""
    font = t.font("small", bold=True)
    inside = rect.inflate(-t.px(4), -t.px(4))
    dots = [pygame.Rect(0, 0, t.px(12), t.px(12)) for _ in badges]
    for dot, place_id in zip(dots, badges, strict=True):
        dot.center = layer.place_xy(place_id, rect) or (-1000, -1000)
    taken = [*avoid, *dots]
    out: list[tuple[str, pygame.Rect]] = []
    for place_id, text in badges.items():
        xy = layer.place_xy(place_id, rect)
        if xy is None or not rect.collidepoint(xy):
            continue
        width, height = font.size(text)
        spots = [spot.clamp(inside) for spot in _spots(pygame.Rect(0, 0, width + t.px(10), height + t.px(2)), xy, t)]
        out.append(
            (text, min(spots, key=lambda spot: _covered(spot, taken)))
        )  # the first free spot, else the least crowded
        taken.append(out[-1][1])
    return out


def _covered(spot: pygame.Rect, taken: Sequence[pygame.Rect]) -> int:
    """How much of what is already on the map a badge there would cover (0: nothing)."""
    return sum(spot.clip(other).w * spot.clip(other).h for other in taken)


def _spots(box: pygame.Rect, xy: tuple[int, int], t: Theme) -> list[pygame.Rect]:
    """The places a badge may stand beside its dot, best first (the right is the name's first choice)."""
    x, y, gap = xy[0], xy[1], t.px(8)
    anchors = {
        "midright": (x - gap, y),
        "bottomright": (x - gap // 2, y - gap // 2),
        "topright": (x - gap // 2, y + gap // 2),
        "midleft": (x + gap, y),
        "midbottom": (x, y - gap),
        "midtop": (x, y + gap),
    }
    spots = []
    for anchor, point in anchors.items():
        spot = box.copy()
        setattr(spot, anchor, point)
        spots.append(spot)
    return spots


def draw_badges(surface: pygame.Surface, t: Theme, boxes: list[tuple[str, pygame.Rect]]) -> None:
    """The badges: white, inked, rounded, the value in bold."""
    font = t.font("small", bold=True)
    for text, box in boxes:
        pygame.draw.rect(surface, th.PAPER, box, border_radius=t.px(6))
        pygame.draw.rect(surface, th.INK, box, width=max(1, t.px(1.5)), border_radius=t.px(6))
        w.label(surface, font, text, th.INK, center=box.center)


def legend(t: Theme, rect: pygame.Rect, scenario: Scenario) -> tuple[str, pygame.Rect] | None:
    """What the numbers on a badge are, in order ("Stability · Lean"), at the map's foot (None: no badges)."""
    region = scenario.map
    if region is None:
        return None
    names = [pick(spec.name) for spec in region.place_values.values() if spec.badge]
    if not names:
        return None
    text = " · ".join(names)
    font = t.font("small", bold=True)
    width, height = font.size(text)
    box = pygame.Rect(0, 0, width + t.px(10), height + t.px(2))
    box.bottomleft = (rect.x + t.px(8), rect.bottom - t.px(8))
    return text, box


def draw_legend(surface: pygame.Surface, t: Theme, found: tuple[str, pygame.Rect] | None) -> None:
    """The legend, drawn as a badge is, so that the eye matches the two."""
    if found is not None:
        draw_badges(surface, t, [found])


def taken_off(before: Sequence[TokenState], after: Sequence[TokenState], shown: Sequence[LogEntry]) -> list[TokenState]:
    """The pieces of the turn's start still on the map once the reveal has shown these lines: a piece a
    shown line took off (format 2's `remove`) goes, the newest of its label at its place first."""
    kept = list(before)
    for entry in shown:
        said = dict(entry.args)
        place, label = said.get("place"), said.get("label")
        if entry.message != TOKEN_REMOVED or not isinstance(place, Ref) or not isinstance(label, Ref):
            continue
        gone = [t for t in kept if t not in after and t.place == place.id and t.label == label.name]
        if gone:
            kept.remove(gone[-1])
    return kept
