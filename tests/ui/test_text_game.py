"""The terminal game (the accessible mode) says what the cards say: likely effects and broken deals."""

from __future__ import annotations

import io
import re

from game.scenario import load_scenario
from game.ui.text import TextGame
from tests.conftest import DATA, SCENARIOS


def test_the_terminal_game_warns_before_a_move_breaks_a_deal():
    rules = load_scenario(DATA / "rules.yaml")
    out = io.StringIO()
    picked = []

    def ask(prompt: str) -> str:
        """Blue offers the freeze on turn 1 and Red accepts it on turn 2; otherwise Enter."""
        text = out.getvalue()
        if prompt.startswith("Seal no orders"):
            return "y"
        if prompt.startswith("Card number to pick") and "secret orders for turn 1" in text and not picked:
            block = text[text.rindex("Team B") :]
            picked.append(re.search(r"(\d+)\. Freeze for freeze", block)[1])  # type: ignore[index]
            return picked[0]
        if prompt.startswith("Your answer"):
            block = text[text.rindex("offer you") :]
            return re.search(r"(\d+)\. accept", block)[1]  # type: ignore[index]
        return ""

    TextGame(rules, {"blue": "human", "red": "human"}, 1, ask=ask, out=out).run()
    text = out.getvalue()
    turn2 = text[text.index("secret orders for turn 2") :]
    blue2 = turn2[: turn2.index("(screen cleared)")]
    assert "Our offer Freeze for freeze awaits R's answer this turn." in blue2
    assert "Warning: Breaks Freeze for freeze if R accepts it this turn." in " ".join(blue2.split())
    assert "Likely:" in blue2
    turn3 = text[text.index("secret orders for turn 3") :]
    assert "Agreement in force: Freeze for freeze (until turn 3)." in turn3
    assert "Warning: Breaks the agreement Freeze for freeze." in " ".join(turn3.split())


def test_a_team_with_nothing_to_play_is_told_why_it_has_no_orders_prompt():
    flagship = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    out = io.StringIO()

    def ask(prompt: str) -> str:
        if "secret orders for turn 2" in out.getvalue() or prompt.startswith("Overwrite"):
            raise EOFError  # two turns are enough
        return "y" if prompt.startswith("Seal no orders") else ""

    seats = {a: "human" if a in ("us", "japan", "china") else flagship.actors[a].bot for a in flagship.actors}
    TextGame(flagship, seats, 1, ask=ask, out=out).run()
    text = " ".join(out.getvalue().split())
    turn1 = text[: text.index("What happened in turn 1")]
    # China acts in even turns: on turn 1 it has no card to play, and no orders prompt
    assert "China has nothing to order this turn: no card it can play now." in turn1
    assert "Team China — secret orders" not in turn1 and "Team Japan — secret orders" in turn1
