"""Format 2's resources as each front end shows them (tests/data/ops.yaml): the window's hand and
card corners, a card's rules, the terminal game, a team's device and the print kit's cards. Each
resource is named and counted; a capped kind says "one a turn"; a second card of it is refused."""

from __future__ import annotations

import io
import re
from pathlib import Path

from game.engine.state import Order
from game.kit.rules import move_card
from game.net.hub import Hub
from game.net.views import team_state
from game.scenario import load_scenario
from game.session import HUMAN, Session
from game.ui.rules import card_rules
from game.ui.scenes.play import OrdersScene
from game.ui.text import TextGame
from tests.conftest import DATA
from tests.ui.pilot import Pilot, launched

OPS = DATA / "ops.yaml"


def test_a_cards_rules_name_each_resource_and_its_kinds_cap():
    ops = load_scenario(OPS)
    brief = card_rules(ops, ops.moves["brief"])
    assert brief[0] == "Costs 1 Political capital, 2 Intelligence."
    assert "Argument: one a turn." in card_rules(ops, ops.moves["make_case"])
    assert "Free: playable even with nothing left to spend." in card_rules(ops, ops.moves["watch"])


def test_the_print_kit_card_shows_each_resource_and_the_cap():
    ops = load_scenario(OPS)
    card = move_card(ops, "brief")
    assert card.cost == "1·2"  # the corner: capital, then intelligence
    assert ("Cost", "1 Political capital, 2 Intelligence") in [(line.label, line.text) for line in card.lines]
    capped = move_card(ops, "make_case")
    assert ("Per turn", "Argument: one a turn") in [(line.label, line.text) for line in capped.lines]


def test_a_teams_device_shows_what_it_holds_of_each_resource():
    ops = load_scenario(OPS)
    hub = Hub(Session(ops, {"blue": HUMAN, "red": HUMAN}, 4))
    for actor in ops.actors:
        hub.join(hub.room, actor)
    hub.start()
    page = team_state(hub, "red", "en")
    assert page["purse"] == "Political capital: 2  ·  Intelligence: 1"
    assert page["others_purse"] == "Blue: Political capital 2"  # public capital only
    squeeze = next(card for card in page["hand"] if card["id"] == "squeeze")
    assert squeeze["cost_text"] == "1 Political capital, 1 Intelligence"


def test_the_terminal_game_names_each_resource_and_refuses_a_second_argument():
    ops = load_scenario(OPS)
    out = io.StringIO()
    asked: list[str] = []

    def ask(prompt: str) -> str:
        text = out.getvalue()
        if prompt.startswith("Seal no orders"):
            return "y"
        if prompt.startswith("Card number to pick") and "secret orders for turn 1" in text and len(asked) < 2:
            block = text[text.rindex("Team Blue") :]
            name = ("Make the case", "Press the point")[len(asked)]
            asked.append(re.search(rf"(\d+)\. {name}", block)[1])  # type: ignore[index]
            return asked[-1]
        return ""

    TextGame(ops, {"blue": "human", "red": "objective"}, 1, ask=ask, out=out).run()
    turn1 = " ".join(out.getvalue().split("secret orders for turn 2")[0].split())
    assert "Political capital: 2 of 2 left · Intelligence: 0 of 0 left. Your cards:" in turn1
    assert "The other teams hold: Red: Political capital 2." in turn1  # capital is public; intelligence is not
    assert "Brief the allies (not available this turn: it costs 1 Political capital, 2 Intelligence" in turn1
    assert "Make the case — Argument, cost 1 Political capital (Argument: one a turn)" in turn1
    assert "Press the point cannot be added: Argument: one a turn." in turn1


def hand_text(pilot: Pilot, actor: str, picked: list[str]) -> tuple[OrdersScene, str]:
    scene = OrdersScene(pilot.app, actor)
    scene.picked = [o for o in scene.plays if o.move in picked]
    pilot.app.reset(scene)
    pilot.step()
    return scene, " ".join(pilot.screen_text().split())


def test_the_window_names_each_resource_and_greys_what_does_not_fit(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        app = pilot.app
        app.open_scenario(OPS)
        app.start_game(app.scene.scenario, {"blue": "human", "red": "human"})  # type: ignore[attr-defined]
        scene, text = hand_text(pilot, "red", [])
        assert "Political capital: 2 of 2 left · Intelligence: 1 of 1 left" in text
        scene, text = hand_text(pilot, "red", ["make_case"])
        assert "Political capital: 1 of 2 left · Intelligence: 1 of 1 left" in text
        assert "one a turn already" in text and "too costly" not in text  # Press the point: the cap, not the price
        press = next(index for index, (_, item) in enumerate(scene.cards) if getattr(item, "move", "") == "press_point")
        scene.toggle(press)  # a second argument: refused
        assert [o.move for o in scene.picked] == ["make_case"]
        squeeze = next(index for index, (_, item) in enumerate(scene.cards) if getattr(item, "move", "") == "squeeze")
        scene.toggle(squeeze)  # another kind, and it fits
        assert [o.move for o in scene.picked] == ["make_case", "squeeze"]
        app.session.give_orders("red", [Order(m) for m in ("make_case", "squeeze")])  # the rules agree
