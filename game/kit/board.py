"""The board on landscape pages: every track as a row of boxes, the escalation ladder, the map.

The map is the window's: the same outlines (``game.ui.mapdata``, no pygame) and the
scenario's places, projected the same way, drawn as vector paths so it enlarges cleanly.
"""

from __future__ import annotations

import math

from attrs import frozen

from game.i18n import pick, tr
from game.kit import rules, words
from game.kit.pdf import INK, MUTED, Page, light, rgb
from game.scenario.model import Scenario, Track
from game.scenario.places import fixed_places
from game.ui import mapdata
from game.ui.wording import track_label

MAX_BOXES = rules.MAX_BOXES
SEA = (226, 238, 246)
LAND = (240, 236, 224)
COAST = (120, 120, 110)


def board(pdf: Page, s: Scenario) -> None:
    """The shared board (each page a sheet of its own, to lay side by side), then the teacher's hidden tracks."""
    tracks_page(pdf, s)
    for ref, track in s.all_tracks.items():
        if track.style == "ladder" and track.visible != "hidden":
            ladder_page(pdf, s, ref, track)
    if s.map is not None:
        map_page(pdf, s)
    hidden_page(pdf, s)


def values_of(track: Track) -> list[int]:
    """The boxes of a track: every value, or steps of 2, 5, 10 … when there are too many."""
    span = track.max - track.min
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000):
        step = candidate
        if span // candidate + 1 <= MAX_BOXES:
            break
    else:
        step = math.ceil(span / (MAX_BOXES - 1))
    values = list(range(track.min, track.max + 1, step))
    if values[-1] != track.max:
        values.append(track.max)
    return values


def owner_name(s: Scenario, ref: str) -> str | None:
    """Who sees a track that others do not: its team (None for a hidden global track: nobody)."""
    owner = s.track_owner.get(ref)
    return pick(s.actors[owner].short or s.actors[owner].name) if owner else None


BOX_H = (7.0, 12.0)  # the height of a one-row track's boxes: as much as the page allows, within these
WIDE_BOX_H = 6.0  # the height of the boxes of a wide track (a track in rows, one box for each value)
RUNG_H = 3.5  # under a row of boxes: the names of its rungs
GAP = 3.0  # between two tracks


def on_board(s: Scenario) -> list[tuple[str, Track]]:
    """The tracks on the shared board: all but a region's fixed values (on the map) and the hidden tracks
    (the teacher's, on a page of their own)."""
    off = set(fixed_places(s)) | set(rules.hidden_refs(s))
    return [(ref, t) for ref, t in s.all_tracks.items() if ref not in off]


def hidden_tracks(s: Scenario) -> list[tuple[str, Track]]:
    """The tracks only the teacher keeps (shown to their owning team, a range to the others)."""
    return [(ref, s.all_tracks[ref]) for ref in rules.hidden_refs(s)]


def tracks_page(pdf: Page, s: Scenario) -> None:
    _track_pages(pdf, s, on_board(s), tr("The board: tracks · {title}", title=pick(s.title)), words.board_note())


def hidden_page(pdf: Page, s: Scenario) -> None:
    """The hidden tracks on a sheet of their own, for the teacher to keep behind a folder."""
    shown = hidden_tracks(s)
    if shown:
        _track_pages(pdf, s, shown, words.hidden_title(), words.hidden_page_note())


def _track_pages(pdf: Page, s: Scenario, shown: list[tuple[str, Track]], title: str, note: str) -> None:
    """Tracks as rows of boxes on landscape pages, each page a sheet of its own."""
    pdf.new_sheet("L")
    pdf.heading(title, 14)
    marks = rules.track_marks(s)
    if any(marks.get(ref) for ref, _track in shown):
        note += " " + words.marks_note()
    pdf.para(note, 8, colour=MUTED)
    pdf.ln(2)
    label_w = 58.0
    width = pdf.w - 2 * pdf.l_margin - label_w
    rows = [(ref, track, rules.track_rows(s, ref, marks.get(ref, {}))) for ref, track in shown]
    room = pdf.h - pdf.get_y() - pdf.b_margin - 2
    fixed = sum(_height(track, lines, 0.0) for _ref, track, lines in rows)
    single = sum(1 for _ref, _track, lines in rows if len(lines) == 1)
    box_h = max(BOX_H[0], min(BOX_H[1], (room - fixed) / max(1, single)))
    for ref, track, lines in rows:
        height = _height(track, lines, box_h)
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.new_sheet("L")
        track_row(pdf, s, ref, track, lines, marks.get(ref, {}), label_w, width, box_h)


def _height(track: Track, lines: list[list[int]], box_h: float) -> float:
    """The height a track takes on the board: its rows of boxes, the names of its rungs, the gap after it."""
    rung_room = RUNG_H if track.rungs else 0.0
    if len(lines) == 1:
        return box_h + rung_room + GAP
    return len(lines) * (WIDE_BOX_H + max(1.0, rung_room)) + GAP


def track_row(
    pdf: Page,
    s: Scenario,
    ref: str,
    track: Track,
    lines: list[list[int]],
    marks: dict[int, set[str]],
    label_w: float,
    width: float,
    box_h: float,
) -> None:
    """A track's label and its boxes: one row, or (a wide track) rows of boxes, one box for each value."""
    top = pdf.get_y()
    height = _height(track, lines, box_h)
    owner = s.track_owner.get(ref)
    colour = rgb(s.actors[owner].colour) if owner else (34, 50, 74)
    pdf.set_fill_color(*colour)
    pdf.rect(pdf.l_margin, top, 1.8, height - GAP, style="F")
    label = track_label(s, ref)
    blocks = [(label, True)]
    if track.visible == "owner":
        blocks.append((words.owner_note(owner_name(s, ref) or ""), False))
    elif track.visible == "hidden":
        blocks.append((words.hidden_note(owner_name(s, ref), track.estimate), False))
    pdf.text_box(pdf.l_margin + 3, top, label_w - 5, height - 1, blocks, (9, 8, 7, 6.5, 6, 5.5))
    box = width / max(len(line) for line in lines)
    if len(lines) > 1:
        box_h = WIDE_BOX_H
    line_h = (height - GAP) / len(lines)
    for number, line in enumerate(lines):
        y = top + number * line_h
        for i, value in enumerate(line):
            _box(pdf, track, value, pdf.l_margin + label_w + i * box, y, box, box_h, colour, value in marks)
        names = [i for i, value in enumerate(line) if value in track.rungs]
        for i, after in zip(names, [*names[1:], len(line)], strict=False):  # a name runs on to the next rung
            room = min(40.0, (after - i) * box) - 0.6
            x = pdf.l_margin + label_w + i * box + 0.3
            pdf.text_box(
                x, y + box_h + 0.2, room, line_h - box_h - 0.2, [(pick(track.rungs[line[i]]), False)], (6, 5.5, 5, 4.5)
            )
    pdf.set_line_width(0.2)
    pdf.set_y(top + height)


def _box(
    pdf: Page, track: Track, value: int, x: float, top: float, box: float, box_h: float, colour: tuple, tested: bool
) -> None:
    """One value of a track: the start filled in the team's colour and named, a value the rules test outlined
    heavily."""
    start = value == track.start
    pdf.set_fill_color(*(light(colour, 0.55) if start else (255, 255, 255)))
    pdf.set_draw_color(*(INK if tested else MUTED))
    pdf.set_line_width(0.7 if tested else 0.6 if start else 0.2)
    pdf.rect(x, top, box, box_h, style="DF")
    pdf.set_font("Nanum", "B" if start or tested else "", 8 if box >= 9 else 7)
    pdf.set_xy(x, top + (0.4 if start else (box_h - 3.4) / 2))
    pdf.cell(box, 3.4, f"{value}{track.unit}", align="C")
    if start:
        pdf.set_font("Nanum", "", 5.5)
        pdf.set_xy(x, top + box_h - 2.5)
        pdf.cell(box, 2.3, tr("start"), align="C")


def ladder_page(pdf: Page, s: Scenario, ref: str, track: Track) -> None:
    """A ladder track drawn as a ladder: the top rung at the top, each rung named."""
    pdf.new_sheet("L")
    pdf.heading(tr("The escalation ladder: {track}", track=track_label(s, ref)), 14)
    if track.description:
        pdf.para(pick(track.description), 9, colour=MUTED)
    top = pdf.get_y() + 3
    values = values_of(track)
    height = pdf.h - top - pdf.b_margin - 2
    step_h = height / len(values)
    left = pdf.l_margin + 40
    width = 110.0
    names = sorted(track.rungs.items())
    for i, value in enumerate(reversed(values)):
        y = top + i * step_h
        rung = ""
        for level, name in names:
            if value >= level:
                rung = pick(name)
        shade = (value - track.min) / max(1, track.max - track.min)
        fill = (round(255 - 40 * shade), round(245 - 150 * shade), round(235 - 160 * shade))
        start = value == track.start
        pdf.set_fill_color(*fill)
        pdf.set_line_width(0.8 if start else 0.25)
        pdf.set_draw_color(*INK if start else MUTED)
        pdf.rect(left, y, width, step_h - 1, style="DF")
        pdf.set_font("Nanum", "B", 13)
        pdf.set_xy(left + 2, y)
        pdf.cell(14, step_h - 1, str(value), align="C")
        size = 12 if value in track.rungs else 9
        pdf.set_font("Nanum", "B" if value in track.rungs else "", size)
        pdf.set_xy(left + 18, y)
        pdf.cell(width - 20, step_h - 1, rung + ("   ← " + tr("start") if start else ""))
    pdf.set_line_width(0.2)
    notes = [pick(e.name) for e in s.endings.values() if e.when is not None and ref in _names(e.when)]
    if notes:
        pdf.set_xy(left + width + 8, top)
        pdf.text_box(
            left + width + 8,
            top,
            pdf.w - pdf.r_margin - left - width - 8,
            60,
            [(tr("Endings that read this track"), True), *[(n, False) for n in notes]],
        )


def _names(expr: object) -> set[str]:
    from game.kit.rules import tracks_named

    return tracks_named(expr)  # type: ignore[arg-type]


#: A token's side on its cut-out page, and the circle a place leaves for one on the map.
TOKEN = 11.0
#: The room between two places' circles, and between a circle and the map's edge.
CLEAR = 1.5
EDGE = 2.5


@frozen
class Spot:
    """Where a place is drawn on the map: its dot, the circle for a token (moved off a neighbour's if the two
    are close), and its name's label (top left corner, width, height)."""

    dot: tuple[float, float]
    centre: tuple[float, float]
    radius: float
    label: tuple[float, float, float, float]


@frozen
class MapLayout:
    lon: tuple[float, float]
    lat: tuple[float, float]
    box: tuple[float, float, float, float]  # the map's own rectangle on the page
    spots: dict[str, Spot]


def map_layout(pdf: Page, s: Scenario, rect: tuple[float, float, float, float]) -> MapLayout:
    """The map fitted to a rectangle, with room for every place's token: the region widened so that no circle
    runs off the map's edge, circles of places close together (Seoul and the DMZ) pushed apart until none
    overlaps another, and each name put beside its circle where it covers the fewest others."""
    assert s.map is not None
    region = s.map
    lon, lat = mapdata.framed(region.lon, region.lat, ((p.lon, p.lat) for p in region.places.values()))
    radius = TOKEN / 2
    for _ in range(6):  # widen the region until every circle is inside it (widening shrinks the scale a little)
        box = _fitted(rect, lon, lat)
        per_x, per_y = box[2] / (lon[1] - lon[0]), box[3] / (lat[1] - lat[0])
        need = radius + EDGE
        west, east, south, north = lon[0], lon[1], lat[0], lat[1]
        for place in region.places.values():
            x, y = mapdata.project(place.lon, place.lat, lon, lat, rect)
            west = min(west, lon[0] - (need - (x - box[0])) / per_x)
            east = max(east, lon[1] + (need - (box[0] + box[2] - x)) / per_x)
            north = max(north, lat[1] + (need - (y - box[1])) / per_y)
            south = min(south, lat[0] - (need - (box[1] + box[3] - y)) / per_y)
        if (west, east, south, north) == (lon[0], lon[1], lat[0], lat[1]):
            break
        lon, lat = (west, east), (south, north)
    box = _fitted(rect, lon, lat)
    dots = {pid: mapdata.project(p.lon, p.lat, lon, lat, rect) for pid, p in region.places.items()}
    centres = _spread(dots, radius, box)
    labels: list[tuple[float, float, float, float]] = []
    spots = {}
    pdf.set_font("Nanum", "B", 8)
    for pid, place in region.places.items():
        width = pdf.get_string_width(pick(place.name)) + 2
        height = 4.0 + (3.0 if _fixed_values(s, pid) else 0.0)
        circles = [(c, radius) for other, c in centres.items() if other != pid]
        label = _label_spot(centres[pid], radius, width, height, circles, labels)
        labels.append(label)
        spots[pid] = Spot(dots[pid], centres[pid], radius, label)
    return MapLayout(lon, lat, box, spots)


def _spread(
    dots: dict[str, tuple[float, float]], radius: float, box: tuple[float, float, float, float]
) -> dict[str, tuple[float, float]]:
    """Circles on the places' dots, pushed apart where two overlap, and kept inside the map."""
    centres = {pid: [x, y] for pid, (x, y) in dots.items()}
    need = 2 * radius + CLEAR
    ids = list(centres)
    for _ in range(200):
        moved = False
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                a, b = centres[first], centres[second]
                gap = math.dist(a, b)
                if gap >= need - 1e-6:
                    continue
                dx, dy = (a[0] - b[0], a[1] - b[1]) if gap > 1e-6 else (1.0, 0.0)
                length = math.hypot(dx, dy)
                push = (need - gap) / 2 + 0.01
                a[0] += dx / length * push
                a[1] += dy / length * push
                b[0] -= dx / length * push
                b[1] -= dy / length * push
                moved = True
        for centre in centres.values():
            centre[0] = min(max(centre[0], box[0] + radius + EDGE), box[0] + box[2] - radius - EDGE)
            centre[1] = min(max(centre[1], box[1] + radius + EDGE), box[1] + box[3] - radius - EDGE)
        if not moved:
            break
    return {pid: (x, y) for pid, (x, y) in centres.items()}


def _label_spot(
    centre: tuple[float, float],
    radius: float,
    width: float,
    height: float,
    circles: list[tuple[tuple[float, float], float]],
    labels: list[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    """A place's name beside its circle: right, left, below or above it, wherever it covers least of the other
    circles and the names already placed (right when all are free)."""
    x, y = centre
    candidates = [
        (x + radius + 0.6, y - 2),
        (x - radius - 0.6 - width, y - 2),
        (x - width / 2, y + radius + 0.4),
        (x - width / 2, y - radius - 0.4 - height),
        (x + radius * 0.7, y + radius * 0.7),
        (x + radius * 0.7, y - radius * 0.7 - height),
        (x - radius * 0.7 - width, y + radius * 0.7),
        (x - radius * 0.7 - width, y - radius * 0.7 - height),
    ]

    def covered(left: float, top: float) -> float:
        area = 0.0
        for (cx, cy), r in circles:
            area += _overlap((left, top, width, height), (cx - r, cy - r, 2 * r, 2 * r))
        for other in labels:
            area += 2 * _overlap((left, top, width, height), other)
        return area

    best = min(range(len(candidates)), key=lambda i: (round(covered(*candidates[i]), 2), i))
    return (*candidates[best], width, height)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """The area two rectangles (left, top, width, height) share."""
    wide = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    high = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0.0, wide) * max(0.0, high)


def map_page(pdf: Page, s: Scenario) -> None:
    assert s.map is not None
    region = s.map
    pdf.new_sheet("L")
    pdf.heading(tr("The map: {region}", region=pick(region.region)), 14)
    top = pdf.get_y()
    rect = (pdf.l_margin, top, pdf.w - 2 * pdf.l_margin, pdf.h - top - pdf.b_margin)
    layout = map_layout(pdf, s, rect)
    lon, lat, squeeze_box = layout.lon, layout.lat, layout.box
    pdf.set_fill_color(*SEA)
    pdf.rect(*squeeze_box, style="F")
    try:
        countries = mapdata.clip_to(mapdata.load_outlines(), lon, lat)
    except mapdata.MapDataError:
        countries = []  # the places still print; the outlines are decoration
    pdf.set_draw_color(*COAST)
    pdf.set_line_width(0.25)
    pdf.set_fill_color(*LAND)
    with pdf.rect_clip(*squeeze_box):
        for country in countries:
            for polygon in country.polygons:
                points = mapdata.project_ring(polygon[0], lon, lat, rect)
                if len(points) >= 3:
                    pdf.polygon(points, style="DF")
    pdf.set_draw_color(*MUTED)
    pdf.rect(*squeeze_box)
    for place_id, place in region.places.items():
        spot = layout.spots[place_id]
        (x, y), (cx, cy), r = spot.dot, spot.centre, spot.radius
        pdf.set_fill_color(*INK)
        pdf.ellipse(x - 1.2, y - 1.2, 2.4, 2.4, style="F")
        pdf.set_draw_color(*MUTED)
        pdf.set_fill_color(255, 255, 255)
        pdf.ellipse(cx - r, cy - r, 2 * r, 2 * r)  # room for a token
        if math.dist(spot.dot, spot.centre) > r:  # a circle moved off its place: a line to the place
            pdf.line(x, y, cx, cy)
        left, top_y, width, _height = spot.label
        pdf.set_font("Nanum", "B", 8)
        pdf.set_xy(left, top_y)
        pdf.cell(width, 4, pick(place.name), fill=True)
        fixed = _fixed_values(s, place_id)
        if fixed:  # format 2: values that never change (a region) are printed once, here
            pdf.set_font("Nanum", "", 6.5)
            pdf.set_xy(left, top_y + 4)
            pdf.cell(pdf.get_string_width(fixed) + 2, 3, fixed, fill=True)


def _fixed_values(s: Scenario, place_id: str) -> str:
    """A place's values that no effect changes, as 'Region 1' (the others are tracks, with rows of boxes)."""
    region, fixed = s.map, fixed_places(s)
    if region is None or not fixed:
        return ""
    said = [
        f"{pick(region.place_values[name].name)} {value}"
        for name, value in region.places[place_id].values.items()
        if f"{place_id}.{name}" in fixed and region.place_values[name].visible == "public"
    ]
    return " · ".join(said)


def _fitted(
    rect: tuple[float, float, float, float], lon: tuple[float, float], lat: tuple[float, float]
) -> tuple[float, float, float, float]:
    """The part of rect the region fills once fitted (projected corners)."""
    x0, y0 = mapdata.project(lon[0], lat[1], lon, lat, rect)
    x1, y1 = mapdata.project(lon[1], lat[0], lon, lat, rect)
    return x0, y0, x1 - x0, y1 - y0
