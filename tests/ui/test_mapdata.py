"""The board's map data: the shipped outlines load, regions pick the right countries, projection fits."""

import json
import math
from pathlib import Path

import pytest

from game.ui.mapdata import DEFAULT_MAP, Country, MapDataError, clip_to, load_outlines, project, project_ring

KOREA_LON, KOREA_LAT = (124.0, 132.0), (33.0, 43.5)
CARIBBEAN_LON, CARIBBEAN_LAT = (-90.0, -70.0), (15.0, 30.0)
RECT = (40, 20, 1200, 700)
SEOUL = (126.98, 37.57)


@pytest.fixture(scope="module")
def world() -> list[Country]:
    return load_outlines(DEFAULT_MAP)


def names(countries: list[Country]) -> set[str]:
    return {c.name for c in countries}


def test_the_shipped_map_loads_the_whole_world(world):
    assert len(world) > 200
    assert all(c.polygons for c in world)
    assert all(len(ring) >= 4 and ring[0] == ring[-1] for c in world for p in c.polygons for ring in p)
    by_name = {c.name: c for c in world}
    assert by_name["South Korea"].id == "410"
    assert by_name["North Korea"].id == "408"
    assert DEFAULT_MAP.stat().st_size < 1_500_000


def test_the_korea_region_has_both_koreas_and_japan_but_not_brazil(world):
    region = names(clip_to(world, KOREA_LON, KOREA_LAT))
    assert {"South Korea", "North Korea", "Japan", "China"} <= region
    assert "Brazil" not in region
    assert "Cuba" not in region


def test_the_caribbean_region_has_cuba_and_the_united_states(world):
    region = names(clip_to(world, CARIBBEAN_LON, CARIBBEAN_LAT))
    assert {"Cuba", "United States of America", "Bahamas", "Mexico", "Haiti", "Jamaica"} <= region
    assert "South Korea" not in region


def test_clipping_keeps_only_the_polygons_near_the_region(world):
    usa = next(c for c in clip_to(world, CARIBBEAN_LON, CARIBBEAN_LAT) if c.name == "United States of America")
    lats = [lat for polygon in usa.polygons for lon, lat in polygon[0]]
    assert max(lats) < 50  # Alaska and Hawaii are left out; the contiguous states' box reaches Florida
    assert len(usa.polygons) < len(next(c for c in world if c.name == usa.name).polygons)


def test_seoul_projects_inside_the_rect():
    x, y = project(*SEOUL, KOREA_LON, KOREA_LAT, RECT)
    left, top, w, h = RECT
    assert left <= x <= left + w
    assert top <= y <= top + h


def test_projection_keeps_west_left_and_north_up():
    west = project(125.0, 38.0, KOREA_LON, KOREA_LAT, RECT)
    east = project(130.0, 38.0, KOREA_LON, KOREA_LAT, RECT)
    north = project(127.0, 42.0, KOREA_LON, KOREA_LAT, RECT)
    south = project(127.0, 34.0, KOREA_LON, KOREA_LAT, RECT)
    assert west[0] < east[0]
    assert north[1] < south[1]


def test_projection_fits_and_centres_keeping_the_aspect_ratio():
    left, top, w, h = RECT
    nw = project(KOREA_LON[0], KOREA_LAT[1], KOREA_LON, KOREA_LAT, RECT)
    se = project(KOREA_LON[1], KOREA_LAT[0], KOREA_LON, KOREA_LAT, RECT)
    # The region is taller than wide once longitudes shrink: it fills the height, centred across.
    assert nw[1] == pytest.approx(top)
    assert se[1] == pytest.approx(top + h)
    assert nw[0] - left == pytest.approx(left + w - se[0])
    squeeze = math.cos(math.radians(sum(KOREA_LAT) / 2))
    ratio = (se[0] - nw[0]) / (se[1] - nw[1])
    assert ratio == pytest.approx((KOREA_LON[1] - KOREA_LON[0]) * squeeze / (KOREA_LAT[1] - KOREA_LAT[0]))


def test_project_ring_matches_project():
    ring = [(126.0, 35.0), (129.5, 41.0)]
    assert project_ring(ring, KOREA_LON, KOREA_LAT, RECT) == [project(*p, KOREA_LON, KOREA_LAT, RECT) for p in ring]


def test_an_empty_region_is_refused():
    with pytest.raises(ValueError):
        project(0.0, 0.0, (10.0, 10.0), (0.0, 1.0), RECT)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"countries": 3}',
        '{"countries": [{"id": "1", "polygons": []}]}',
        '{"countries": [{"name": "X", "polygons": [[[[1, 2, 3]]]]}]}',
        '{"countries": [{"name": "X", "polygons": [[[["a", "b"]]]]}]}',
        '{"countries": [{"name": "X", "polygons": "no"}]}',
    ],
)
def test_a_broken_map_file_is_a_clear_error(tmp_path: Path, text: str):
    path = tmp_path / "map.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapDataError):
        load_outlines(path)


def test_a_missing_map_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(MapDataError, match="cannot read"):
        load_outlines(tmp_path / "nowhere.json")


def test_a_small_map_round_trips(tmp_path: Path):
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"countries": [{"name": "Square", "id": None, "polygons": [[square]]}]}))
    [country] = load_outlines(path)
    assert country == Country("Square", None, ((((0, 0), (1, 0), (1, 1), (0, 1), (0, 0)),),))
