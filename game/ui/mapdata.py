"""Country outlines for the board's map: loading, choosing a region, projecting to pixels.

Pure Python (no pygame), so it imports and tests without a display. The outlines come from
``assets/maps/world-50m.json``, made by ``tools/make_map.py`` from Natural Earth.
Longitudes are not wrapped: a region must not cross the antimeridian.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from game import resources

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]
Range = tuple[float, float]

DEFAULT_MAP = resources.WORLD_MAP


class MapDataError(ValueError):
    """The map file is missing, is not JSON, or is not shaped as tools/make_map.py writes it."""


class Country(NamedTuple):
    """One country: its Natural Earth name, ISO 3166 numeric id (None if it has none), polygons.

    Each polygon is a tuple of closed rings of (lon, lat): the outer ring first, then holes.
    """

    name: str
    id: str | None
    polygons: tuple[Polygon, ...]


def _ring(raw: Any) -> Ring:
    """A ring from JSON: a list of [lon, lat] numbers."""
    if not isinstance(raw, list):
        raise MapDataError("a ring is not a list")
    try:
        return tuple((float(lon), float(lat)) for lon, lat in raw)
    except (TypeError, ValueError) as error:
        raise MapDataError(f"a ring has a point that is not [lon, lat]: {error}") from error


def _polygon(raw: Any) -> Polygon:
    """A polygon from JSON: a list of rings."""
    if not isinstance(raw, list):
        raise MapDataError("a polygon is not a list of rings")
    return tuple(_ring(ring) for ring in raw)


def _country(raw: Any) -> Country:
    """A country from JSON: {"name": ..., "id": ..., "polygons": [...]}."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise MapDataError("a country has no name")
    id_ = raw.get("id")
    polygons = raw.get("polygons")
    if not isinstance(polygons, list):
        raise MapDataError(f"{raw['name']}: polygons is not a list")
    return Country(raw["name"], None if id_ is None else str(id_), tuple(_polygon(p) for p in polygons))


def load_outlines(path: Path | str = DEFAULT_MAP) -> list[Country]:
    """Every country in a map file written by tools/make_map.py.

    Raises MapDataError (a ValueError) if the file cannot be read or is not such a map.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MapDataError(f"{path}: cannot read the map: {error}") from error
    countries = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(countries, list):
        raise MapDataError(f"{path}: no list of countries")
    return [_country(country) for country in countries]


def bounds(polygon: Polygon) -> tuple[float, float, float, float]:
    """A polygon's bounding box (min lon, min lat, max lon, max lat), from its outer ring."""
    outer = polygon[0]
    lons = [lon for lon, _ in outer]
    lats = [lat for _, lat in outer]
    return min(lons), min(lats), max(lons), max(lats)


def _intersects(polygon: Polygon, lon_range: Range, lat_range: Range) -> bool:
    """Whether a polygon's bounding box meets the region."""
    if not polygon or not polygon[0]:
        return False
    west, south, east, north = bounds(polygon)
    return west <= lon_range[1] and east >= lon_range[0] and south <= lat_range[1] and north >= lat_range[0]


def clip_to(countries: Iterable[Country], lon_range: Range, lat_range: Range) -> list[Country]:
    """The countries with a polygon whose bounding box meets the region, keeping only those polygons.

    Not an exact clip: the polygons are whole, and drawing clips them to the board.
    """
    kept = []
    for country in countries:
        polygons = tuple(p for p in country.polygons if _intersects(p, lon_range, lat_range))
        if polygons:
            kept.append(country._replace(polygons=polygons))
    return kept


def framed(lon_range: Range, lat_range: Range, points: Iterable[tuple[float, float]]) -> tuple[Range, Range]:
    """The region to draw: the map's own edges, widened to take in any place beyond them (with a margin
    of a twentieth of the span), so a board never cuts a place off. A map whose places all lie within
    its edges is drawn exactly as written; the validator still warns of the places it had to widen for."""
    (west, east), (south, north) = lon_range, lat_range
    margin_x, margin_y = (east - west) / 20, (north - south) / 20
    for lon, lat in points:
        if lon < west:
            west = lon - margin_x
        if lon > east:
            east = lon + margin_x
        if lat < south:
            south = lat - margin_y
        if lat > north:
            north = lat + margin_y
    return (west, east), (south, north)


def _frame(lon_range: Range, lat_range: Range, rect: Iterable[float]) -> tuple[float, float, float, float]:
    """The x scale, the pixels per degree of latitude and the pixel origin of a fitted region."""
    (west, east), (south, north) = lon_range, lat_range
    if east <= west or north <= south:
        raise ValueError(f"empty region: lon {lon_range}, lat {lat_range}")
    x, y, w, h = rect
    squeeze = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * squeeze, north - south
    scale = min(w / width, h / height)
    return squeeze, scale, x + (w - width * scale) / 2, y + (h - height * scale) / 2


def project(lon: float, lat: float, lon_range: Range, lat_range: Range, rect: Iterable[float]) -> tuple[float, float]:
    """Pixel (x, y) of a point, the region fitted and centred in rect (x, y, w, h).

    Equirectangular, with longitudes scaled by the cosine of the region's middle latitude;
    the aspect ratio is kept, west is left and north is up. rect may be a pygame.Rect.
    """
    squeeze, scale, left, top = _frame(lon_range, lat_range, rect)
    return left + (lon - lon_range[0]) * squeeze * scale, top + (lat_range[1] - lat) * scale


def project_ring(ring: Sequence[Point], lon_range: Range, lat_range: Range, rect: Iterable[float]) -> list[Point]:
    """Pixel points of a whole ring (see project)."""
    squeeze, scale, left, top = _frame(lon_range, lat_range, rect)
    west, north = lon_range[0], lat_range[1]
    return [(left + (lon - west) * squeeze * scale, top + (north - lat) * scale) for lon, lat in ring]
