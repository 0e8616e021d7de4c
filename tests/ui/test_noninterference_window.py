"""Noninterference in the window: a team's orders screen draws the same words for a state and its
twin that differs only in the team's secrets (tests/engine/test_noninterference.py makes the twins).

``orders_screen`` is the one place that knows how the window shows a team its orders: when the
play scene is rewritten, only it needs to change.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ui.app import App
from game.ui.scenes.play import OrdersScene
from game.ui.session import Session
from tests.engine.test_noninterference import pair, session_of
from tests.ui.pilot import Pilot, launched


def orders_screen(pilot: Pilot, session: Session, actor: str) -> list[str]:
    """Every string the window draws on the team's orders screen, each page of its hand."""
    app: App = pilot.app
    app.session = session
    app.use_map(session.scenario)
    scene = OrdersScene(app, actor)
    app.reset(scene)
    pilot.step()
    lines: list[str] = []
    for page in range(scene.pages()):
        scene.page = page
        lines += pilot.screen_lines()
    return lines


@pytest.fixture(scope="module")
def pilot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pilot]:
    with launched(tmp_path_factory.mktemp("window")) as pilot:
        yield pilot


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_teams_orders_screen_draws_nothing_of_what_it_cannot_see(pilot: Pilot, data: st.DataObject) -> None:
    scenario, viewer, (state, logs, orders), (twin, twin_logs, twin_orders) = pair(data)
    shown = orders_screen(pilot, session_of(scenario, state, logs, orders), viewer)
    assert shown, "the screen drew its words"
    assert orders_screen(pilot, session_of(scenario, twin, twin_logs, twin_orders), viewer) == shown
    assert pygame.display.get_surface() is not None
