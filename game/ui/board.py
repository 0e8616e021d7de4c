"""The board: the map with its tokens and the tracks, as one viewer may see them."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pygame

from game.engine.state import GameState, TokenState
from game.engine.view import track_view
from game.i18n import pick, tr
from game.scenario.model import Scenario, Track
from game.scenario.places import token_spec
from game.ui import mapdata, rules
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.badges import badge_boxes, draw_badges, draw_legend, legend
from game.ui.factlist import draw_facts, facts_height
from game.ui.theme import Theme
from game.ui.wording import short_name, track_label

WORLD = mapdata.DEFAULT_MAP


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
        # the region drawn: the map's edges, widened for any place beyond them (none is ever cut off)
        self.lon, self.lat = (
            mapdata.framed(region.lon, region.lat, ((p.lon, p.lat) for p in region.places.values()))
            if region is not None
            else ((0.0, 1.0), (0.0, 1.0))
        )
        if region is not None and WORLD.exists():
            self.countries = mapdata.clip_to(_world(), self.lon, self.lat)
        self._cache: dict[tuple[int, int], pygame.Surface] = {}
        self._places: dict[tuple[str, int, int, int, int], tuple[int, int] | None] = {}  # where each place is drawn
        self._placed: dict[tuple[object, ...], tuple[list[tuple[TokenState, pygame.Rect]], list[PlaceName]]] = {}

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
                        points = [mapdata.project(lon, lat, self.lon, self.lat, rect) for lon, lat in ring]
                        if len(points) >= 3:
                            fill = th.LAND if ring_index == 0 else th.SEA
                            pygame.draw.polygon(surface, fill, points)
                            pygame.draw.polygon(surface, th.LAND_EDGE, points, max(1, t.px(1.5)))
        if len(self._cache) >= self.SIZES_KEPT:
            self._cache.pop(next(iter(self._cache)))
        self._cache[size] = surface
        return surface

    def placed(
        self, t: Theme, rect: pygame.Rect, tokens: Sequence[TokenState], badges: Mapping[str, str] | None = None
    ) -> tuple[list[tuple[TokenState, pygame.Rect]], list[PlaceName]]:
        """Where the pieces stand and each place's name goes, kept for the next frames."""
        key = (tuple(rect), t.scale, t.ui_scale, tuple(tokens), tuple(badges.items()) if badges else ())
        found = self._placed.get(key)
        if found is None:
            if len(self._placed) >= 32:
                self._placed.clear()
            found = self._placed[key] = _place_all(t, rect, self, tokens, badges or {})
        return found

    def place_xy(self, place_id: str, rect: pygame.Rect) -> tuple[int, int] | None:
        key = (place_id, rect.x, rect.y, rect.w, rect.h)
        if key not in self._places:
            if len(self._places) >= 1024:  # places at many sizes: start again
                self._places.clear()
            self._places[key] = self._project(place_id, rect)
        return self._places[key]

    def _project(self, place_id: str, rect: pygame.Rect) -> tuple[int, int] | None:
        region = self.scenario.map
        if region is None or place_id not in region.places:
            return None
        place = region.places[place_id]
        x, y = mapdata.project(place.lon, place.lat, self.lon, self.lat, (0, 0, rect.w, rect.h))
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
    badges: Mapping[str, str] | None = None,
) -> None:
    """The map, its named places and the pieces on them; no name runs over a piece or off the map.

    ``badges``: format 2 place values, the text beside each place (``badges.place_badges``)."""
    if rect.w <= 0 or rect.h <= 0:  # a small window with big text leaves no room for the map
        return
    region = layer.scenario.map
    if region is None:  # a scenario without a map: the teams round the table, not an empty sea
        _draw_table(surface, t, rect, layer.scenario)
        return
    surface.blit(layer.image(t, rect.size), rect.topleft)
    pieces, names = layer.placed(t, rect, tokens, badges)
    bold = t.font("small", bold=True)
    w.label(surface, bold, pick(region.region), th.INK, topleft=(rect.x + t.px(10), rect.y + t.px(8)))
    fonts = _label_fonts(t)
    for name in names:
        pygame.draw.circle(surface, th.INK, name.xy, t.px(5))
        if name.leader:
            pygame.draw.line(surface, th.INK, name.xy, _leader_end(name.box, name.xy), max(1, t.px(2)))
        halo = name.box.inflate(t.px(6), 0)  # a pale ground under the name: no coastline runs through it
        surface.blit(_halo(halo.size), halo.topleft)
        w.label(surface, fonts[name.size], name.name, th.INK, topleft=name.box.topleft)
    if badges:
        draw_badges(surface, t, badge_boxes(t, rect, layer, badges, [box for _, box in pieces]))
        draw_legend(surface, t, legend(t, rect, layer.scenario))
    for token, box in pieces:
        grow = t.px(6 * pulse) if token in fresh else 0
        _draw_piece(surface, t, layer.scenario, token, box.inflate(grow, grow))
    pygame.draw.rect(surface, th.PANEL_EDGE, rect, width=t.px(2))


@functools.lru_cache(maxsize=256)
def _halo(size: tuple[int, int]) -> pygame.Surface:
    """A translucent paper ground for a place's name on the map."""
    ground = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(ground, (*th.PAPER, 185), ground.get_rect(), border_radius=max(2, size[1] // 4))
    return ground


def _draw_table(surface: pygame.Surface, t: Theme, rect: pygame.Rect, scenario: Scenario) -> None:
    """The teams as seats round a table, each a disc of its colour with its name under it."""
    pygame.draw.rect(surface, th.mix(th.PAPER, th.LAND, 0.5), rect)
    centre = rect.center
    radius = min(rect.w, rect.h) // 2 - t.px(60)
    if radius > t.px(30):
        pygame.draw.ellipse(
            surface,
            th.mix(th.LAND, th.LAND_EDGE, 0.35),
            pygame.Rect(0, 0, radius * 2, radius * 2).move(centre[0] - radius, centre[1] - radius),
        )
    font = t.font("small", bold=True)
    actors = list(scenario.actors.values())
    for index, actor in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(actors))
        x = round(centre[0] + radius * math.cos(angle))
        y = round(centre[1] + radius * math.sin(angle))
        colour = th.parse_colour(actor.colour)
        pygame.draw.circle(surface, colour, (x, y), t.px(22))
        pygame.draw.circle(surface, th.INK, (x, y), t.px(22), max(1, t.px(2)))
        name = short_name(actor)
        spot = pygame.Rect((0, 0), font.size(name))
        spot.midtop = (x, y + t.px(26))
        spot.clamp_ip(rect.inflate(-t.px(8), -t.px(8)))
        w.label(surface, font, name, th.INK, topleft=spot.topleft)
    pygame.draw.rect(surface, th.PANEL_EDGE, rect, width=t.px(2))


class PlaceName(NamedTuple):
    """A place's name as drawn: its dot, the box of its words, their size, and whether a line leads to it.

    The size is an index into ``_label_fonts`` (not a font: names are kept across windows, fonts are not)."""

    name: str
    xy: tuple[int, int]
    box: pygame.Rect
    size: int
    leader: bool


def _place_all(
    t: Theme, rect: pygame.Rect, layer: MapLayer, tokens: Sequence[TokenState], badges: Mapping[str, str]
) -> tuple[list[tuple[TokenState, pygame.Rect]], list[PlaceName]]:
    """The pieces first, then each place's name where no piece, badge, title, dot or other name is."""
    region = layer.scenario.map
    assert region is not None
    pieces = token_boxes(t, rect, layer, tokens)
    taken = [box for _, box in pieces]
    taken += [box for _, box in badge_boxes(t, rect, layer, badges, taken)]
    key = legend(t, rect, layer.scenario) if badges else None
    if key is not None:
        taken.append(key[1])
    bold = t.font("small", bold=True)
    taken.append(pygame.Rect((rect.x + t.px(10), rect.y + t.px(8)), bold.size(pick(region.region))))
    inside = rect.inflate(-t.px(6), -t.px(6))
    dots = []
    for place_id in region.places:
        xy = layer.place_xy(place_id, rect)
        if xy is not None and inside.collidepoint(xy):
            dots.append((place_id, xy))
    radius = t.px(5)
    taken += [pygame.Rect(x - radius, y - radius, 2 * radius, 2 * radius) for _, (x, y) in dots]
    names: list[PlaceName] = []
    fonts = _label_fonts(t)
    for place_id, xy in dots:
        name = _place_name(t, fonts, pick(region.places[place_id].name), xy, inside, taken)
        taken.append(name.box)
        names.append(name)
    return pieces, names


def _label_fonts(t: Theme) -> list[pygame.font.Font]:
    """The label's own size, then smaller ones for a crowded map (never below the smallest text)."""
    fonts = [t.font("small")]
    for share in (0.85, 0.7, 0.5, 0.0):
        smaller = t.shrunk(max(th.SMALLEST_SCALE, t.ui_scale * share)).font("small")
        if smaller.get_height() < fonts[-1].get_height():
            fonts.append(smaller)
    return fonts


def _place_name(
    t: Theme,
    fonts: list[pygame.font.Font],
    name: str,
    xy: tuple[int, int],
    inside: pygame.Rect,
    taken: list[pygame.Rect],
) -> PlaceName:
    """Where a place's name goes: beside its dot at full size, else smaller, else further off with a line.

    A name is never dropped: a class that sees a dot with no name cannot follow the story."""
    for size, font in enumerate(fonts):
        spot = _label_spot(t, font, name, xy, inside, taken)
        if spot is not None:
            return PlaceName(name, xy, spot, size, False)
    for size, font in enumerate(fonts):
        spot = _leader_spot(t, font, name, xy, inside, taken)
        if spot is not None:
            return PlaceName(name, xy, spot, size, True)
    smallest = len(fonts) - 1
    spot = _nearest_free(t, fonts[smallest], name, xy, inside, taken)
    if spot is not None:
        return PlaceName(name, xy, spot, smallest, True)
    box = pygame.Rect((0, 0), fonts[smallest].size(name))  # no free spot on the map at all: beside the dot
    box.midleft = (xy[0] + t.px(8), xy[1])
    return PlaceName(name, xy, box.clamp(inside), smallest, False)


def _label_spot(
    t: Theme, font: pygame.font.Font, name: str, xy: tuple[int, int], inside: pygame.Rect, taken: list[pygame.Rect]
) -> pygame.Rect | None:
    """Where a place's name goes beside its dot: right, left, below, above; None if none is free."""
    box = pygame.Rect((0, 0), font.size(name))
    gap = t.px(8)
    x, y = xy
    anchors = (
        {"midleft": (x + gap, y)},
        {"midright": (x - gap, y)},
        {"midtop": (x, y + gap // 2)},
        {"midbottom": (x, y - gap // 2)},
    )
    for anchor in anchors:
        spot = box.copy()
        for key, value in anchor.items():
            setattr(spot, key, value)
        if inside.contains(spot) and spot.collidelist(taken) == -1:
            return spot
    return None


def _leader_spot(
    t: Theme, font: pygame.font.Font, name: str, xy: tuple[int, int], inside: pygame.Rect, taken: list[pygame.Rect]
) -> pygame.Rect | None:
    """A free spot further from the dot (the nearest first), which a thin line joins to its dot."""
    box = pygame.Rect((0, 0), font.size(name))
    x, y = xy
    for distance in (30, 50, 75, 105, 140, 180, 230):
        reach = t.px(distance)
        for step in range(24):
            angle = 2 * math.pi * step / 24
            spot = box.copy()
            spot.center = (round(x + reach * math.cos(angle)), round(y + reach * math.sin(angle)))
            if inside.contains(spot) and spot.collidelist(taken) == -1:
                return spot
    return None


def _nearest_free(
    t: Theme, font: pygame.font.Font, name: str, xy: tuple[int, int], inside: pygame.Rect, taken: list[pygame.Rect]
) -> pygame.Rect | None:
    """The free spot nearest the dot anywhere on the map (a crowded map at big text): rarely needed, so slow."""
    box = pygame.Rect((0, 0), font.size(name))
    step = max(2, t.px(6))
    best: tuple[int, pygame.Rect] | None = None
    for top in range(inside.top, inside.bottom - box.h + 1, step):
        for left in range(inside.left, inside.right - box.w + 1, step):
            spot = box.move(left, top)
            if spot.collidelist(taken) == -1:
                far = (spot.centerx - xy[0]) ** 2 + (spot.centery - xy[1]) ** 2
                if best is None or far < best[0]:
                    best = (far, spot)
    return best[1] if best else None


def _leader_end(box: pygame.Rect, xy: tuple[int, int]) -> tuple[int, int]:
    """The point of a label's box nearest the dot: where the line from the dot meets it."""
    return (min(max(xy[0], box.left), box.right - 1), min(max(xy[1], box.top), box.bottom - 1))


def token_boxes(
    t: Theme, rect: pygame.Rect, layer: MapLayer, tokens: Sequence[TokenState]
) -> list[tuple[TokenState, pygame.Rect]]:
    """Where each piece stands: above its place, stacked when several share it, kept on the map."""
    font = t.font("small", bold=True)
    stacks: dict[str, int] = {}
    out: list[tuple[TokenState, pygame.Rect]] = []
    for token in tokens:
        xy = layer.place_xy(token.place, rect)
        if xy is None:
            continue
        index = stacks.get(token.place, 0)
        stacks[token.place] = index + 1
        label_w, label_h = font.size(token_label(layer.scenario, token))
        box = pygame.Rect(0, 0, label_w + label_h + t.px(22), label_h + t.px(8))
        box.midbottom = (xy[0], xy[1] - t.px(8) - index * (box.h + t.px(4)))
        box = box.clamp(rect)
        for _ in range(len(out)):  # pieces at places close together stand side by side, not on each other
            hit = box.collidelist([other for _, other in out])
            if hit == -1:
                break
            box.left = out[hit][1].right + t.px(4)
            box = box.clamp(rect)
        out.append((token, box))
    return out


def _draw_piece(surface: pygame.Surface, t: Theme, scenario: Scenario, token: TokenState, box: pygame.Rect) -> None:
    """A piece: the team's colour, the icon of the move's kind (a ship, a plane, a missile) and its label."""
    colour = th.parse_colour(scenario.actors[token.actor].colour) if token.actor else th.MUTED
    ink = th.readable_on(colour)
    pygame.draw.rect(surface, th.INK, box.move(t.px(2), t.px(3)), border_radius=t.px(8))  # a piece stands up
    pygame.draw.rect(surface, colour, box, border_radius=t.px(8))
    pygame.draw.rect(surface, th.INK, box, width=t.px(2), border_radius=t.px(8))
    move = scenario.moves.get(token.source)
    side = box.h - t.px(8)
    if move is not None:
        w.icon(surface, scenario.kinds[move.kind].icon, pygame.Rect(box.x + t.px(5), box.y + t.px(4), side, side), ink)
    label = token_label(scenario, token)
    w.label(surface, t.font("small", bold=True), label, ink, midleft=(box.x + side + t.px(10), box.centery))


def token_label(scenario: Scenario, token: TokenState) -> str:
    """A piece's label in the current language (the state keeps the English one: saves replay in any
    language), and its value (format 2) after it."""
    spec = token_spec(scenario, token.source, token.label)
    label = pick(spec.label) if spec is not None else token.label
    return label if token.value is None else f"{label} {token.value}"


def track_colour(scenario: Scenario, ref: str) -> th.Colour:
    owner = scenario.track_owner.get(ref)
    return th.parse_colour(scenario.actors[owner].colour) if owner else th.NAVY


class _Ladder(NamedTuple):
    ref: str
    track: Track
    heading: tuple[int, int]
    box: pygame.Rect
    rungs: list[w.Rung]


class _Row(NamedTuple):
    ref: str
    track: Track
    top: tuple[int, int]
    bar: pygame.Rect
    colour: th.Colour


class _Layout(NamedTuple):
    """Where every track of a board goes at one size: worked out once, not in every frame."""

    ladders: list[_Ladder]
    rows: list[_Row]
    areas: dict[str, pygame.Rect]
    width: int  # of the column of meters, for the names and values
    facts: pygame.Rect | None = None  # format 2: 'What is true now', under the meters


class TrackBoard:
    """The tracks of a scenario on one screen, as one viewer sees them.

    What a frame would otherwise work out again and again is kept: where each track goes
    (until the board's place or the UI scale changes) and what the viewer sees of each
    track (until the state changes).
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.marks = rules.track_marks(scenario)  # where the endings begin, drawn on their tracks
        self._layout_key: tuple[object, ...] = ()
        self._layout: _Layout | None = None
        self._state: GameState | None = None
        self._viewer: str | None = None
        self._seen: dict[str, tuple[float | None, tuple[int, int] | None]] = {}

    def layout(self, t: Theme, rect: pygame.Rect) -> _Layout:
        key = (tuple(rect), t.scale)
        if self._layout is None or key != self._layout_key:
            self._layout = _lay_out(t, rect, self.scenario)
            self._layout_key = key
        return self._layout

    def draw(
        self,
        surface: pygame.Surface,
        t: Theme,
        rect: pygame.Rect,
        state: GameState,
        viewer: str | None,
        *,
        highlight: str | None = None,
        shown: dict[str, float] | None = None,
    ) -> dict[str, pygame.Rect]:
        """Every track as the viewer sees it; return where each is drawn (for hover and help).

        ``shown`` overrides values while a marker is moving during the reveal.
        """
        layout = self.layout(t, rect)
        seen = self.seen(state, viewer)
        w.panel(surface, rect, t)
        heading_font = t.font("body", bold=True)
        for ladder in layout.ladders:
            heading = _shortened(heading_font, track_label(self.scenario, ladder.ref), ladder.box.w + t.px(30))
            w.label(surface, heading_font, heading, th.INK, topleft=ladder.heading)
            value, span = _shown(ladder.ref, seen, shown)
            w.ladder(surface, t, ladder.box, ladder.track, value, span, ladder.rungs)
            for mark in self.marks.get(ladder.ref, []):
                _mark_rungs(surface, t, ladder, mark)
        font = t.font("small")
        for row in layout.rows:
            value, span = _shown(row.ref, seen, shown)
            label, values = track_label(self.scenario, row.ref), _value_texts(row.track, value, span)
            line = _name_and_value(font, label, values, layout.width, t.px(40))
            w.label(surface, font, line, th.INK, topleft=row.top)
            w.meter(surface, t, row.bar, row.track, value, span, row.colour)
            for mark in self.marks.get(row.ref, []):
                _mark_meter(surface, t, row, mark)
            if row.ref == highlight:
                pygame.draw.rect(
                    surface, th.FOCUS, row.bar.inflate(t.px(8), t.px(8)), width=t.px(4), border_radius=t.px(8)
                )
        if layout.facts is not None:
            draw_facts(surface, t, layout.facts, self.scenario, state, viewer)
        return layout.areas

    def seen(self, state: GameState, viewer: str | None) -> dict[str, tuple[float | None, tuple[int, int] | None]]:
        """Each track's value (or the range believed) as the viewer sees it in this state."""
        if state is not self._state or viewer != self._viewer:
            self._seen = {ref: _seen(self.scenario, state, ref, viewer) for ref in self.scenario.all_tracks}
            self._state, self._viewer = state, viewer
        return self._seen


ENDING_MARK: th.Colour = (170, 40, 30)  # an ending that stops the game at once
OTHER_ENDING_MARK: th.Colour = th.NAVY  # an ending reached at the last turn


def _mark_colour(mark: rules.Threshold) -> th.Colour:
    return ENDING_MARK if mark.sudden else OTHER_ENDING_MARK


def _mark_rungs(surface: pygame.Surface, t: Theme, ladder: _Ladder, mark: rules.Threshold) -> None:
    """A red stripe beside the rungs where an ending holds: the class sees how close the edge is."""
    held = [rung.box for rung in ladder.rungs if mark.met(rung.level)]
    if not held:
        return
    span = held[0].unionall(held[1:])
    stripe = pygame.Rect(ladder.box.x - t.px(10), span.y, t.px(6), span.h)
    pygame.draw.rect(surface, _mark_colour(mark), stripe, border_radius=t.px(3))


def _mark_meter(surface: pygame.Surface, t: Theme, row: _Row, mark: rules.Threshold) -> None:
    """A notch across the bar where an ending begins, and a red line under the part where it holds."""
    track, bar = row.track, row.bar
    width = max(1, track.max - track.min)

    def x_of(value: float) -> int:
        return round(bar.x + bar.w * (min(track.max, max(track.min, value)) - track.min) / width)

    edge = x_of(mark.edge)
    low, high = (edge, bar.right) if mark.op in (">=", ">") else (bar.x, edge)
    colour = _mark_colour(mark)
    pygame.draw.line(surface, colour, (low, bar.bottom + t.px(3)), (high, bar.bottom + t.px(3)), t.px(3))
    pygame.draw.line(surface, colour, (edge, bar.y - t.px(3)), (edge, bar.bottom + t.px(4)), t.px(3))


#: At most this many ladders stand side by side; the others are drawn as meters (their rung named).
MAX_LADDERS = 2
MIN_COLUMN = 260  # the narrowest column of meters that still reads, in px at 1080 lines


def _min_column(t: Theme) -> int:
    """The narrowest column of meters: MIN_COLUMN, and never under a dozen letters of its words
    (the board's words stop shrinking at the smallest text; its spacing does not)."""
    return max(t.px(MIN_COLUMN), t.font("small").get_height() * 12)


def ladder_width(t: Theme, track: Track) -> int:
    """A ladder's width: its rung names fit."""
    font = t.font("small")
    labels = [f"{level}  {pick(name)}" for level, name in track.rungs.items()]
    return max([t.px(210), *(font.size(label)[0] + t.px(16) for label in labels)])


def standing_ladders(t: Theme, scenario: Scenario, width: int | None = None) -> list[str]:
    """The ladders drawn as ladders: the first few that leave the meters their column; the rest are meters.

    Any number of ladders then fits: a scenario with six ladders shows two and lists four as meters,
    instead of squeezing every track into nothing."""
    refs = [ref for ref, track in scenario.all_tracks.items() if track.style == "ladder"]
    standing: list[str] = []
    used = t.px(24) + _min_column(t)
    for ref in refs[:MAX_LADDERS]:
        used += ladder_width(t, scenario.all_tracks[ref]) + t.px(44)
        if width is not None and standing and used > width:
            break
        standing.append(ref)
    return standing


def _meter_row_h(t: Theme) -> int:
    """The least height of a meter's row: its name and value over a bar that is not a hairline."""
    return t.font("small").get_linesize() + t.px(2) + max(t.px(10), 4) + t.px(14)


def _lay_out(t: Theme, rect: pygame.Rect, scenario: Scenario) -> _Layout:
    """Ladders side by side on the left, the meters on the right, in more columns when one is too short."""
    areas: dict[str, pygame.Rect] = {}
    inner = rect.inflate(-t.px(24), -t.px(24))
    ladder_refs = standing_ladders(t, scenario, rect.w)
    others = [ref for ref in scenario.all_tracks if ref not in ladder_refs and ref not in scenario.place_refs]
    ladders = []
    x = inner.x
    for ref in ladder_refs:
        track = scenario.all_tracks[ref]
        below = max(t.px(40), t.font("body", bold=True).get_linesize() + 2)  # under the ladder's name
        box = pygame.Rect(x, inner.y + below, ladder_width(t, track), inner.h - below - t.px(4))
        ladders.append(_Ladder(ref, track, (x, inner.y), box, w.ladder_rungs(box, track)))
        areas[ref] = box.inflate(t.px(30), t.px(8))
        x += box.w + t.px(44)
    listed = facts_height(t, scenario)  # format 2's facts take the foot of the column
    column = pygame.Rect(x, inner.y, inner.right - x, inner.h - listed)
    line_h = t.font("small").get_linesize()
    least = _meter_row_h(t)
    gap = t.px(24)
    fit = max(1, column.h // least)
    columns = max(1, min(-(-len(others) // fit), (column.w + gap) // (_min_column(t) + gap)))
    per_column = -(-len(others) // columns) if others else 1
    col_w = (column.w - gap * (columns - 1)) // columns
    row_h = min(max(t.px(74), least), column.h // max(1, per_column))
    rows = []
    for index, ref in enumerate(others):
        left = column.x + (index // per_column) * (col_w + gap)
        top = column.y + (index % per_column) * row_h
        bar_h = max(t.px(10), 4, row_h - line_h - t.px(14))  # never a hairline, however small the board
        bar = pygame.Rect(left, top + line_h + t.px(2), col_w, bar_h)
        rows.append(_Row(ref, scenario.all_tracks[ref], (left, top), bar, track_colour(scenario, ref)))
        areas[ref] = pygame.Rect(left, top, col_w, row_h)
    facts = pygame.Rect(column.x, column.bottom + t.px(8), column.w, listed - t.px(8)) if listed else None
    return _Layout(ladders, rows, areas, col_w, facts)


def required_height(t: Theme, scenario: Scenario) -> int:
    """The height the track board needs at a theme's sizes for every rung and meter to be read."""
    line_h = t.font("small").get_linesize()
    standing = standing_ladders(t, scenario)
    ladder = [scenario.all_tracks[ref] for ref in standing]
    meters = len(scenario.all_tracks) - len(ladder) - len(scenario.place_refs)  # place values: on the map
    rungs = max((tr.max - tr.min + 1 for tr in ladder), default=0)
    ladder_h = t.px(68) + rungs * (line_h + t.px(4))
    meters_h = t.px(24) + meters * _meter_row_h(t) + facts_height(t, scenario)
    return max(ladder_h, meters_h)


def required_width(t: Theme, scenario: Scenario) -> int:
    """The width the track board needs: its standing ladders side by side with their rung names, and a column."""
    width = t.px(24) + _min_column(t)  # the margins, and the narrowest column of meters that still reads
    for ref in standing_ladders(t, scenario):
        width += ladder_width(t, scenario.all_tracks[ref]) + t.px(44)
    return width


def fitted(t: Theme, scenario: Scenario, height: int, width: int | None = None) -> Theme:
    """The theme to draw a board with in this box: the window's own, or a smaller one if it would not fit.

    A board too wide for its box counts as too tall by the same share, so its words shrink until
    the ladders leave the meters their column."""

    def need(fit: Theme) -> int:
        tall = required_height(fit, scenario)
        if width is None or width <= 0:
            return tall
        return max(tall, -(-required_width(fit, scenario) * height // width))

    return t.fitted(need, height)


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
    """Every track as the viewer sees it, for a screen that keeps no TrackBoard of its own."""
    return TrackBoard(scenario).draw(surface, t, rect, state, viewer, highlight=highlight, shown=shown)


def _shown(
    ref: str, seen: dict[str, tuple[float | None, tuple[int, int] | None]], shown: dict[str, float] | None
) -> tuple[float | None, tuple[int, int] | None]:
    value, span = seen[ref]
    if value is not None and shown:
        return float(shown.get(ref, value)), None
    return value, span


@functools.lru_cache(maxsize=1024)
def _name_and_value(font: pygame.font.Font, name: str, values: tuple[str, ...], width: int, shortest: int) -> str:
    """'Name: value' in one line; the value is what a team needs most, so a long name gives way.

    ``values`` are the value's wordings, the fullest first (a rung's name can go before the name does);
    whatever still does not fit is cut at the column's edge, never run into the next column."""
    for value in values:
        if font.size(f"{name}: {value}")[0] <= width:
            return f"{name}: {value}"
    value_text = f": {values[-1]}"
    name = _shorten(font, name, max(shortest, width - font.size(value_text)[0]))
    return _shortened(font, name + value_text, width)


@functools.lru_cache(maxsize=256)
def _shortened(font: pygame.font.Font, text: str, width: int) -> str:
    """The text whole if it fits the width, else cut with an ellipsis (a ladder's name over its rungs)."""
    return text if font.size(text)[0] <= width else _shorten(font, text, width)


def _shorten(font: pygame.font.Font, text: str, width: int) -> str:
    """The text cut to fit the width, ending in an ellipsis."""
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _seen(
    scenario: Scenario, state: GameState, ref: str, viewer: str | None
) -> tuple[float | None, tuple[int, int] | None]:
    seen = track_view(scenario, state, ref, viewer)
    if seen.value is not None:
        return float(seen.value), None
    return None, (seen.low, seen.high) if seen.known else None


def _value_texts(track: Track, value: float | None, span: tuple[int, int] | None) -> tuple[str, ...]:
    """A track's value in words: with its rung's name, then (for a narrow column) without it."""
    if value is not None:
        rung = w.rung_name(track, value)
        bare = f"{round(value)}{track.unit}"
        return (f"{bare} ({rung})", bare) if rung else (bare,)
    if span is not None:  # a narrow column: the range in fewer words, before the name is cut
        short = tr("hidden: {low}–{high}{unit}", low=span[0], high=span[1], unit=track.unit)
        return (_value_text(track, value, span), short)
    return (_value_text(track, value, span),)


def _value_text(track: Track, value: float | None, span: tuple[int, int] | None) -> str:
    if value is not None:
        rung = w.rung_name(track, value)
        return f"{round(value)}{track.unit}" + (f" ({rung})" if rung else "")
    if span is not None:
        return tr("between {low} and {high}{unit} (hidden)", low=span[0], high=span[1], unit=track.unit)
    return tr("hidden")
