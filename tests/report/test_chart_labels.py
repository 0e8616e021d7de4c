"""The words around a chart never print over each other, even on a small printed chart.

In print a chart is about a third of its drawn size, so two labels closer than about a
seventh of its height overlap (the 0-100 opinion gauge had 60%, 67% and 80% on top of each
other). Both ends of the axis always keep their labels.
"""

from __future__ import annotations

import itertools

import pytest

from game.report import build_debrief, charts
from game.report.html import CHART_H, CHART_SCALE, CHART_W
from game.scenario import load_scenario
from tests.conftest import scenario_files
from tests.report.games import bot_game


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_no_two_labels_on_one_side_of_a_chart_are_closer_than_the_gap(path):
    scenario = load_scenario(path)
    game = bot_game(scenario, 1)
    debrief = build_debrief(scenario, game.states, game.logs)
    least = CHART_H * charts.LABEL_GAP
    for track in debrief.tracks:
        found = charts.labels(track, CHART_W, CHART_H, CHART_SCALE)
        for side in ("left", "right"):
            spots = sorted(label.at for label in found if label.side == side)
            gaps = [b - a for a, b in itertools.pairwise(spots)]
            assert all(gap >= least for gap in gaps), f"{track.label}: {side} labels {spots} overlap"
        left = [label.text for label in found if label.side == "left"]
        assert f"{track.low}{track.unit}" in left and f"{track.high}{track.unit}" in left, track.label


def test_the_opinion_gauge_keeps_both_ends_and_drops_the_crowded_middle():
    scenario = load_scenario(next(p for p in scenario_files() if p.stem == "washington-declaration-2023"))
    game = bot_game(scenario, 1)
    gauge = next(t for t in build_debrief(scenario, game.states, game.logs).tracks if t.unit == "%")
    ticks = charts.value_ticks(gauge)
    shown = [label.text for label in charts.labels(gauge, CHART_W, CHART_H, CHART_SCALE) if label.side == "left"]
    assert len(shown) < len(ticks), "every tick of the gauge is still labelled: some must overlap"
    assert f"{gauge.low}%" in shown and f"{gauge.high}%" in shown
