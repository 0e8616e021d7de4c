"""The terminal game of a turn in rounds (format 2 phases), and of teams with nothing to play."""

from __future__ import annotations

import re

from game.scenario import load_scenario, load_scenario_text
from tests.conftest import DATA
from tests.engine.test_phases import BROKE
from tests.ui.test_text_fixes import play


def test_the_terminal_plays_each_round_with_its_banner_and_only_its_team() -> None:
    defcon = load_scenario(DATA / "defcon.yaml")
    table = play(defcon, {"usa": "human", "ussr": "human"})
    text = table.text
    banners = re.findall(r"The (American|Soviet) move — (USA|USSR) orders", text)
    assert banners[:4] == [("American", "USA"), ("Soviet", "USSR"), ("American", "USA"), ("Soviet", "USSR")]
    hand_overs = re.findall(r"Pass the keyboard to Team ([\w ]+)\.", text)
    assert hand_overs[:4] == ["United States", "Soviet Union", "United States", "Soviet Union"]
    # the Soviet team orders after the American move's reveal, which it has seen
    first_reveal = text.index("The American move: what happened")
    assert first_reveal < text.index("Pass the keyboard to Team Soviet Union")
    assert text.count("Turn 1 of 6") == 1  # the turn's heading and events come once, before its first round


def test_a_team_with_nothing_to_play_gets_no_hand_over_in_the_terminal() -> None:
    scenario = load_scenario_text(BROKE, "broke.yaml")
    table = play(scenario, {"rich": "human", "poor": "human"})
    assert "Pass the keyboard to Team Rich" in table.text
    assert "Pass the keyboard to Team Poor" not in table.text
