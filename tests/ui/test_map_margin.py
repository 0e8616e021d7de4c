"""The validator's picture of the board's map (game/scenario/silent.py) matches what the play screen draws.

`validate` warns of a place whose name or token the map panel cuts off, without pygame: it
models the panel's size at 1920×1080 and the width of a label. Here the model is held to the
real screen, so a change of layout or font that would make the warning wrong fails a test.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.scenario import load_scenario
from game.scenario.silent import LABEL_FONT, LABEL_GAP, MAP_BOX, label_width
from game.ui.theme import Theme
from tests.conftest import scenario_files
from tests.ui.pilot import launched


def test_the_map_panel_at_1920_by_1080_is_the_box_the_validator_assumes(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        pilot.advance_to("orders")
        scene = pilot.scene
        assert scene.map_rect.size == MAP_BOX  # type: ignore[attr-defined]
        theme = scene.bt  # type: ignore[attr-defined]
        assert theme.font("small").get_height() >= LABEL_FONT  # the label's line
        assert theme.px(8) == LABEL_GAP
        # every place of the flagship (none warned of) is drawn whole, its name inside the panel
        region = scene.layer.scenario.map  # type: ignore[attr-defined]
        for place_id, place in region.places.items():
            x, _ = scene.layer.place_xy(place_id, scene.map_rect)  # type: ignore[attr-defined]
            for name in place.name.values.values():
                assert x + LABEL_GAP + theme.font("small").size(name)[0] <= scene.map_rect.right, (place_id, name)


NAMES = sorted(
    {
        name
        for path in scenario_files()
        for place in (load_scenario(path).map.places.values() if load_scenario(path).map else [])
        for name in place.name.values.values()
    }
    | {"East Sea / Sea of Japan", "A long name by the eastern edge", "핵실험장과 미사일 발사대"}
)


@pytest.mark.parametrize("name", NAMES)
def test_the_validator_estimates_a_label_width_within_a_few_pixels(name: str):
    pygame.font.init()
    drawn = Theme((1920, 1080)).font("small").size(name)[0]
    assert abs(label_width(name) - drawn) <= max(5, drawn * 0.05)
