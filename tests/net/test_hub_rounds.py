"""The devices' hub plays a turn in rounds (format 2 phases): only the round's teams are waited for,
the others' devices say whose move it is, and the talks open each turn once."""

from __future__ import annotations

import pytest

from game.engine.state import Order
from game.i18n import speaking
from game.net.hub import Hub, Refused
from game.net.views import public_state, team_state
from game.scenario import load_scenario, load_scenario_text
from game.session import HUMAN, Session
from tests.conftest import DATA
from tests.engine.test_phases import BROKE


def hub_of(path_or_text: str, seats: dict[str, str], **options: object) -> Hub:
    scenario = load_scenario(DATA / path_or_text) if path_or_text.endswith(".yaml") else None
    scenario = scenario or load_scenario_text(path_or_text, "probe.yaml")
    hub = Hub(Session(scenario, seats, 4), **options)  # type: ignore[arg-type]
    for actor in seats:
        hub.join(hub.room, actor)
    hub.start()
    return hub


def test_the_hub_waits_for_the_rounds_team_and_tells_the_other_whose_move_it_is() -> None:
    hub = hub_of("defcon.yaml", {"usa": HUMAN, "ussr": HUMAN}, talk_seconds=60, auto_resolve=True)
    assert hub.phase == "talks"  # the turn opens with the talks, once
    hub.to_orders()
    assert hub.waiting() == ["usa"]
    soviet = team_state(hub, "ussr", "en")
    assert soviet["waiting_round"] == "Waiting for the move of USA."
    assert soviet["round"] == "The American move — USA orders"
    assert team_state(hub, "usa", "en")["waiting_round"] is None
    teams = {t["id"]: t["ordering"] for t in team_state(hub, "usa", "en")["teams"]}
    assert teams == {"usa": "now", "ussr": "other_round"}  # the lists say the USSR orders in its own round
    assert public_state(hub)["round"] == "The American move — USA orders"
    with pytest.raises(Refused, match="does not order in this round"):
        hub.seal("ussr", [Order("ussr_coup")])
    hub.seal("usa", [Order("usa_ops")])
    assert hub.session.state.round == 1 and hub.phase == "orders"  # no second talks inside the turn
    assert hub.waiting() == ["ussr"]
    american = team_state(hub, "usa", "en")
    assert american["waiting_round"] == "Waiting for the move of USSR."
    with speaking("ko"):
        korean = team_state(hub, "usa", "ko")["waiting_round"]
    assert korean and "USSR" in korean and "Waiting" not in korean
    hub.seal("ussr", [])
    assert hub.session.state.turn == 2 and hub.phase == "talks"


def test_the_hub_does_not_wait_for_a_team_with_nothing_to_play() -> None:
    hub = hub_of(BROKE, {"rich": HUMAN, "poor": HUMAN}, auto_resolve=True)
    hub.to_orders()
    assert hub.waiting() == ["rich"]
    poor = team_state(hub, "poor", "en")
    # its page says so, and shows no seal button (the page reads its own entry of the teams)
    assert {t["id"]: t["ordering"] for t in poor["teams"]} == {"rich": "now", "poor": "nothing"}
    hub.seal("rich", [Order("push")])
    assert hub.session.state.turn == 2  # resolved without waiting for poor
