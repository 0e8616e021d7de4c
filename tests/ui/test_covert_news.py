"""The window's orders screen tells a team its own covert plays and intelligence, and nothing of the
other team's (format 2, tests/data/war-scare-1983.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.scenario import load_scenario
from tests.conftest import DATA
from tests.engine.test_noninterference import session_of
from tests.ui.pilot import Pilot, launched
from tests.ui.test_noninterference_window import orders_screen


@pytest.fixture(scope="module")
def pilot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pilot]:
    with launched(tmp_path_factory.mktemp("window")) as pilot:
        yield pilot


def test_the_news_shows_a_team_its_covert_play_and_intelligence_and_not_the_others(pilot: Pilot) -> None:
    scenario = load_scenario(DATA / "war-scare-1983.yaml")
    start = new_game(scenario, 1)
    result = resolve_turn(scenario, start, {"nato": [Order("agent")], "ussr": [Order("air_alert")]})
    session = session_of(scenario, result.state, (start.event_log, result.log), {})
    nato = " ".join(orders_screen(pilot, session, "nato"))
    ussr = " ".join(orders_screen(pilot, session, "ussr"))
    assert "Intelligence on USSR Fear" in nato
    assert "Nuclear-capable aircraft on alert" in ussr
    assert "Intelligence on" not in ussr
    assert "USSR: Nuclear-capable" not in nato
