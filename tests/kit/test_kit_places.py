"""Format 2 place values in the print-and-play kit (issue 14 §5): the values that change are tracks with rows
of boxes (a hidden one on the teacher's page, not on the board); a value nothing changes (a region) is printed
once, beside its place on the map."""

from __future__ import annotations

from game.scenario.places import fixed_places
from tests.conftest import DATA
from tests.kit.test_kit import kit_of, pages_titled, texts


def test_the_kit_has_rows_for_changing_place_values_and_the_fixed_ones_on_its_map():
    scenario, reader = kit_of(str(DATA / "influence.yaml"))
    pages = texts(reader)
    rows = " ".join(pages[i] for i in pages_titled(reader, "The board: tracks"))
    teacher = " ".join(pages[i] for i in pages_titled(reader, "The teacher's hidden tracks"))
    (map_page,) = pages_titled(reader, "The map:")
    for ref, label in scenario.track_label.items():
        if ref in fixed_places(scenario):
            assert label not in rows and label not in teacher
        elif scenario.all_tracks[ref].visible == "hidden":
            assert label not in rows and label in teacher, label
        else:
            assert label in rows, label
    for place in scenario.map.places.values():  # type: ignore[union-attr]
        assert f"{place.name} Region {place.values['region']}" in pages[map_page]
