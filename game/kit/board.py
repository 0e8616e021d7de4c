"""The board on landscape pages: every track as a row of boxes, the escalation ladder, the map.

The map is the window's: the same outlines (``game.ui.mapdata``, no pygame) and the
scenario's places, projected the same way, drawn as vector paths so it enlarges cleanly.
"""

from __future__ import annotations

import math

from game.i18n import pick, tr
from game.kit import words
from game.kit.pdf import INK, MUTED, Page, light, rgb
from game.scenario.model import Scenario, Track
from game.scenario.places import fixed_places
from game.ui import mapdata
from game.ui.wording import track_label

MAX_BOXES = 21
SEA = (226, 238, 246)
LAND = (240, 236, 224)
COAST = (120, 120, 110)


def board(pdf: Page, s: Scenario) -> None:
    tracks_page(pdf, s)
    for ref, track in s.all_tracks.items():
        if track.style == "ladder":
            ladder_page(pdf, s, ref, track)
    if s.map is not None:
        map_page(pdf, s)


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


def tracks_page(pdf: Page, s: Scenario) -> None:
    pdf.add_page(orientation="L")
    pdf.heading(tr("The board: tracks · {title}", title=pick(s.title)), 14)
    pdf.para(words.board_note(), 8, colour=MUTED)
    pdf.ln(2)
    label_w = 58.0
    width = pdf.w - 2 * pdf.l_margin - label_w
    rows = [(ref, track) for ref, track in s.all_tracks.items() if ref not in fixed_places(s)]  # a region: on the map
    room = pdf.h - pdf.get_y() - pdf.b_margin - 4
    row_h = max(11.0, min(18.0, room / max(1, len(rows))))
    for ref, track in rows:
        if pdf.get_y() + row_h > pdf.h - pdf.b_margin:
            pdf.add_page(orientation="L")
        track_row(pdf, s, ref, track, label_w, width, row_h)


def track_row(pdf: Page, s: Scenario, ref: str, track: Track, label_w: float, width: float, row_h: float) -> None:
    top = pdf.get_y()
    owner = s.track_owner.get(ref)
    colour = rgb(s.actors[owner].colour) if owner else (34, 50, 74)
    pdf.set_fill_color(*colour)
    pdf.rect(pdf.l_margin, top, 1.8, row_h - 3, style="F")
    label = track_label(s, ref)
    blocks = [(label, True)]
    if track.visible == "owner":
        blocks.append((words.owner_note(owner_name(s, ref) or ""), False))
    elif track.visible == "hidden":
        blocks.append((words.hidden_note(owner_name(s, ref), track.estimate), False))
    pdf.text_box(pdf.l_margin + 3, top, label_w - 5, row_h - 3, blocks, (9, 8, 7, 6.5, 6, 5.5))
    values = values_of(track)
    box = width / len(values)
    rungs = dict(track.rungs)
    for i, value in enumerate(values):
        x = pdf.l_margin + label_w + i * box
        start = value <= track.start < (values[i + 1] if i + 1 < len(values) else value + 1)
        pdf.set_fill_color(*(light(colour, 0.55) if start else (255, 255, 255)))
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.6 if start else 0.2)
        pdf.rect(x, top, box, row_h - 7, style="DF")
        pdf.set_font("Nanum", "B" if start else "", 8)
        pdf.set_xy(x, top + 1)
        pdf.cell(box, 4, f"{value}{track.unit}", align="C")
        if start:
            pdf.set_font("Nanum", "", 5.5)
            pdf.set_xy(x, top + row_h - 11)
            pdf.cell(box, 3, tr("start"), align="C")
        rung = rungs.get(value)
        if rung is not None:
            pdf.text_box(x + 0.3, top + row_h - 6.8, box - 0.6, 4.5, [(pick(rung), False)], (6, 5.5, 5, 4.5))
    pdf.set_line_width(0.2)
    pdf.set_y(top + row_h)


def ladder_page(pdf: Page, s: Scenario, ref: str, track: Track) -> None:
    """A ladder track drawn as a ladder: the top rung at the top, each rung named."""
    pdf.add_page(orientation="L")
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


def map_page(pdf: Page, s: Scenario) -> None:
    assert s.map is not None
    region = s.map
    pdf.add_page(orientation="L")
    pdf.heading(tr("The map: {region}", region=pick(region.region)), 14)
    top = pdf.get_y()
    rect = (pdf.l_margin, top, pdf.w - 2 * pdf.l_margin, pdf.h - top - pdf.b_margin)
    lon, lat = mapdata.framed(region.lon, region.lat, ((p.lon, p.lat) for p in region.places.values()))
    squeeze_box = _fitted(rect, lon, lat)
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
        x, y = mapdata.project(place.lon, place.lat, lon, lat, rect)
        pdf.set_fill_color(*INK)
        pdf.ellipse(x - 1.2, y - 1.2, 2.4, 2.4, style="F")
        pdf.set_draw_color(*MUTED)
        pdf.ellipse(x - 5, y - 5, 10, 10)  # room for a token
        pdf.set_font("Nanum", "B", 8)
        name = pick(place.name)
        pdf.set_fill_color(255, 255, 255)
        w = pdf.get_string_width(name) + 2
        pdf.set_xy(x + 2, y - 2)
        pdf.cell(w, 4, name, fill=True)
        fixed = _fixed_values(s, place_id)
        if fixed:  # format 2: values that never change (a region) are printed once, here
            pdf.set_font("Nanum", "", 6.5)
            pdf.set_xy(x + 2, y + 2)
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
