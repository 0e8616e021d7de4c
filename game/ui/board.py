"""The board: the map with its tokens and the tracks, as one viewer may see them."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pygame

from game.engine.state import GameState, TokenState
from game.engine.view import track_view
from game.scenario.model import Scenario, Track
from game.ui import mapdata
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.theme import Theme

WORLD = th.ASSETS / "maps" / "world-50m.json"


@functools.cache
def _world() -> list[mapdata.Country]:
    """The world's outlines, read once per run (the file is large; every scenario clips it)."""
    return mapdata.load_outlines(WORLD)


class MapLayer:
    """The scenario's region, projected once per size and cached as an image.

    The hand and the reveal draw the map at different sizes, so a few sizes are kept.
    """

    SIZES_KEPT = 4

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.countries: list[mapdata.Country] = []
        region = scenario.map
        if region is not None and WORLD.exists():
            self.countries = mapdata.clip_to(_world(), region.lon, region.lat)
        self._cache: dict[tuple[int, int], pygame.Surface] = {}

    def image(self, t: Theme, size: tuple[int, int]) -> pygame.Surface:
        cached = self._cache.get(size)
        if cached is not None:
            return cached
        surface = pygame.Surface(size)
        surface.fill(th.SEA)
        region = self.scenario.map
        if region is not None:
            rect = (0, 0, size[0], size[1])
            for country in self.countries:
                for polygon in country.polygons:
                    for ring_index, ring in enumerate(polygon):
                        points = [mapdata.project(lon, lat, region.lon, region.lat, rect) for lon, lat in ring]
                        if len(points) >= 3:
                            fill = th.LAND if ring_index == 0 else th.SEA
                            pygame.draw.polygon(surface, fill, points)
                            pygame.draw.polygon(surface, th.LAND_EDGE, points, max(1, t.px(1.5)))
        if len(self._cache) >= self.SIZES_KEPT:
            self._cache.pop(next(iter(self._cache)))
        self._cache[size] = surface
        return surface

    def place_xy(self, place_id: str, rect: pygame.Rect) -> tuple[int, int] | None:
        region = self.scenario.map
        if region is None or place_id not in region.places:
            return None
        place = region.places[place_id]
        x, y = mapdata.project(place.lon, place.lat, region.lon, region.lat, (0, 0, rect.w, rect.h))
        return (round(rect.x + x), round(rect.y + y))


def draw_map(
    surface: pygame.Surface,
    t: Theme,
    rect: pygame.Rect,
    layer: MapLayer,
    tokens: Sequence[TokenState],
    *,
    fresh: Sequence[TokenState] = (),
    pulse: float = 0.0,
) -> None:
    """The map, its named places and the tokens on them."""
    if rect.w <= 0 or rect.h <= 0:  # a small window with big text leaves no room for the map
        return
    surface.blit(layer.image(t, rect.size), rect.topleft)
    region = layer.scenario.map
    font = t.font("small")
    if region is not None:
        title = w.render(t.font("small", bold=True), str(region.region), th.INK)
        surface.blit(title, (rect.x + t.px(10), rect.y + t.px(8)))
        for place_id, place in region.places.items():
            xy = layer.place_xy(place_id, rect)
            if xy is None:
                continue
            pygame.draw.circle(surface, th.INK, xy, t.px(5))
            label = w.render(font, str(place.name), th.INK)
            surface.blit(label, (xy[0] + t.px(8), xy[1] - label.get_height() // 2))
    stacks: dict[str, int] = {}
    for token in tokens:
        xy = layer.place_xy(token.place, rect)
        if xy is None:
            continue
        index = stacks.get(token.place, 0)
        stacks[token.place] = index + 1
        colour = th.parse_colour(layer.scenario.actors[token.actor].colour) if token.actor else th.MUTED
        label = w.render(t.font("small", bold=True), token.label, th.readable_on(colour))
        box = label.get_rect()
        box.inflate_ip(t.px(16), t.px(8))
        box.midbottom = (xy[0], xy[1] - t.px(10) - index * (box.h + t.px(4)))
        grow = t.px(6 * pulse) if token in fresh else 0
        pygame.draw.rect(surface, colour, box.inflate(grow, grow), border_radius=t.px(8))
        pygame.draw.rect(surface, th.INK, box.inflate(grow, grow), width=t.px(2), border_radius=t.px(8))
        surface.blit(label, label.get_rect(center=box.center))
    pygame.draw.rect(surface, th.PANEL_EDGE, rect, width=t.px(2))


def track_colour(scenario: Scenario, ref: str) -> th.Colour:
    owner = scenario.track_owner.get(ref)
    return th.parse_colour(scenario.actors[owner].colour) if owner else th.NAVY


def draw_tracks(
    surface: pygame.Surface,
    t: Theme,
    rect: pygame.Rect,
    scenario: Scenario,
    state: GameState,
    viewer: str | None,
    *,
    highlight: str | None = None,
    shown: dict[str, float] | None = None,
) -> dict[str, pygame.Rect]:
    """Every track as the viewer sees it; return where each is drawn (for hover and help).

    ``shown`` overrides values while a marker is moving during the reveal.
    """
    w.panel(surface, rect, t)
    areas: dict[str, pygame.Rect] = {}
    inner = rect.inflate(-t.px(24), -t.px(24))
    ladders = [ref for ref, tr in scenario.all_tracks.items() if tr.style == "ladder"]
    others = [ref for ref in scenario.all_tracks if ref not in ladders]
    x = inner.x
    for ref in ladders:
        track = scenario.all_tracks[ref]
        box = pygame.Rect(x, inner.y + t.px(40), t.px(210), inner.h - t.px(44))
        heading = w.render(t.font("body", bold=True), scenario.track_label[ref], th.INK)
        surface.blit(heading, (x, inner.y))
        value, span = _seen(scenario, state, ref, viewer, shown)
        w.ladder(surface, t, box, track, value, span)
        areas[ref] = box.inflate(t.px(30), t.px(8))
        x += box.w + t.px(44)
    column = pygame.Rect(x, inner.y, inner.right - x, inner.h)
    row_h = min(t.px(74), column.h // max(1, len(others)))
    font = t.font("small")
    for index, ref in enumerate(others):
        track = scenario.all_tracks[ref]
        top = column.y + index * row_h
        value, span = _seen(scenario, state, ref, viewer, shown)
        colour = track_colour(scenario, ref)
        # The value is what a team needs most: it keeps its place; a long name gives way.
        value_text = f": {_value_text(track, value, span)}"
        name = scenario.track_label[ref]
        if font.size(name + value_text)[0] > column.w:
            name = _shorten(font, name, max(t.px(40), column.w - font.size(value_text)[0]))
        surface.blit(w.render(font, name + value_text, th.INK), (column.x, top))
        bar = pygame.Rect(
            column.x,
            top + font.get_linesize() + t.px(2),
            column.w,
            max(t.px(10), row_h - font.get_linesize() - t.px(14)),
        )
        w.meter(surface, t, bar, track, value, span, colour)
        if ref == highlight:
            pygame.draw.rect(surface, th.FOCUS, bar.inflate(t.px(8), t.px(8)), width=t.px(4), border_radius=t.px(8))
        areas[ref] = pygame.Rect(column.x, top, column.w, row_h)
    return areas


def _shorten(font: pygame.font.Font, text: str, width: int) -> str:
    """The text cut to fit the width, ending in an ellipsis."""
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _seen(
    scenario: Scenario, state: GameState, ref: str, viewer: str | None, shown: dict[str, float] | None
) -> tuple[float | None, tuple[int, int] | None]:
    seen = track_view(scenario, state, ref, viewer)
    if seen.value is not None:
        value = shown.get(ref, seen.value) if shown else seen.value
        return float(value), None
    return None, (seen.low, seen.high) if seen.known else None


def _value_text(track: Track, value: float | None, span: tuple[int, int] | None) -> str:
    if value is not None:
        rung = w.rung_name(track, value)
        return f"{round(value)}{track.unit}" + (f" ({rung})" if rung else "")
    if span is not None:
        return f"between {span[0]} and {span[1]}{track.unit} (hidden)"
    return "hidden"
