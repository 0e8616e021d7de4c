"""Format 2 place values on the window's map (issue 14 §5): a badge beside each place shows its values as
the team sees them, inside the map, clear of the places' names and of each other, with a legend; the
influence map plays itself in the window from the title to the debrief."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.state import LogEntry, Order, Ref, TokenState
from game.engine.turn import TOKEN_REMOVED, new_game, resolve_turn
from game.engine.view import view
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.ui.badges import badge_boxes, legend, place_badges, taken_off
from game.ui.scenes.play import OrdersScene
from game.ui.session import HUMAN, Session
from tests.conftest import DATA, ROOT
from tests.ui.pilot import Pilot, launched

INFLUENCE = DATA / "influence.yaml"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(INFLUENCE)


def session_at(scenario: Scenario, turns: int) -> Session:
    """A hot-seat session after a few turns of coups (so the map has pieces as well as badges)."""
    state = new_game(scenario, 5)
    logs = [state.event_log]
    for _ in range(turns):
        result = resolve_turn(scenario, state, {"usa": [Order("usa_coup_athens")], "ussr": [Order("ussr_coup_rome")]})
        state = result.state
        logs.append(result.log)
    session = Session(scenario, dict.fromkeys(scenario.actors, HUMAN), 0)
    session.states = [state]
    session.logs = logs
    return session


@pytest.fixture
def orders(tmp_path: Path, scenario: Scenario) -> Iterator[tuple[Pilot, OrdersScene]]:
    with launched(tmp_path, size=(1280, 720)) as pilot:
        pilot.app.session = session_at(scenario, 2)
        pilot.app.use_map(scenario)
        scene = OrdersScene(pilot.app, "usa")
        pilot.app.reset(scene)
        pilot.step()
        yield pilot, scene


def test_each_badge_shows_the_values_as_the_team_sees_them(orders: tuple[Pilot, OrdersScene], scenario: Scenario):
    pilot, _ = orders
    state = pilot.app.session.state
    seen = view(scenario, state, "usa").tracks
    lines = pilot.screen_lines()
    for place in scenario.map.places:  # type: ignore[union-attr]
        lean = seen[f"{place}.lean"]
        assert lean.value is None  # hidden: a range, never the truth
        badge = f"{state.tracks[place + '.stability']} · {lean.low}…{lean.high}"
        assert badge in lines, (badge, lines)
    assert "Stability · Lean" in lines  # the legend: which number is which
    assert "Region" not in " ".join(lines)  # badge: false


def test_badges_stand_inside_the_map_clear_of_names_and_of_each_other(
    orders: tuple[Pilot, OrdersScene], scenario: Scenario
):
    _, scene = orders
    state = scene.app.session.state
    badges = place_badges(scenario, scene.tracks.seen(state, "usa"))
    rect, t = scene.map_rect, scene.bt
    pieces, names = scene.layer.placed(t, rect, state.tokens, badges)
    boxes = [box for _, box in badge_boxes(t, rect, scene.layer, badges, [box for _, box in pieces])]
    assert len(boxes) == len(scenario.map.places)  # type: ignore[union-attr]
    assert all(rect.contains(box) for box in boxes)
    assert all(box.collidelist(boxes[:i]) == -1 for i, box in enumerate(boxes)), "badges overlap"
    assert all(box.collidelist(boxes) == -1 for _, box in pieces), "a badge hides a piece"
    spots = [name.box for name in names]
    assert len(spots) == len(scenario.map.places), "every place is named"  # type: ignore[union-attr]
    assert all(spot.collidelist(boxes) == -1 for spot in spots), "a name runs over a badge"
    key = legend(t, rect, scenario)
    assert key is not None and rect.contains(key[1]) and all(not key[1].colliderect(s) for s in spots)
    assert pieces and all(rect.contains(box) for _, box in pieces)


def test_the_tracks_panel_leaves_place_values_to_the_map(orders: tuple[Pilot, OrdersScene]):
    _, scene = orders
    laid = scene.tracks.layout(scene.bt, scene.tracks_rect)
    assert {row.ref for row in laid.rows} | {ladder.ref for ladder in laid.ladders} == {"defcon"}


def test_the_influence_map_plays_itself_in_the_window_to_the_debrief(tmp_path: Path):
    shots = tmp_path / "shots"
    args = ["--demo", "--exit-at-end", "--speed", "100", "--seed", "3", "--size", "960x540"]
    args += ["--screenshots", str(shots), "--data-dir", str(tmp_path / "data")]
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", str(INFLUENCE), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = {path.stem.split("-", 1)[1] for path in shots.glob("*.png")}
    assert {"orders", "reveal", "ending", "debrief"} <= names


def test_the_reveal_takes_a_piece_off_the_map_at_the_step_that_says_so():
    old = TokenState("berlin", "US", "usa", "usa_coup_berlin", 0, 1)
    newer = TokenState("berlin", "US", "usa", "usa_coup_berlin", 0, 2)
    removal = LogEntry(
        2,
        "moves",
        "token",
        TOKEN_REMOVED,
        "usa",
        "usa_coup_berlin",
        args=(("label", Ref("token", "usa_coup_berlin/1", "US")), ("place", Ref("place", "berlin", "Berlin"))),
    )
    assert taken_off([old, newer], [old], []) == [old, newer]  # not yet shown
    assert taken_off([old, newer], [old], [removal]) == [old]  # the newest goes
