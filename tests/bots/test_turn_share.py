"""simulate's "share of turns" counts only the turns in which a team could play a card.

A team whose budget is 0 every other turn (a turn that belongs to the other side) has half
the turns of the game to play its card in; its share is of those.
"""

from __future__ import annotations

from game.bots.match import simulate
from game.scenario import load_scenario_text
from tests.conftest import DATA


def test_the_share_of_a_team_with_capital_every_other_turn_is_of_the_turns_it_had_capital():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("turns: {min: 3, max: 4}", "turns: 4")
    text = text.replace(
        "    budget: 2\n    tracks:\n      trust", '    budget: "turn % 2"\n    tracks:\n      trust', 1
    )
    text = text.replace(
        '  drill:\n    name: Drill\n    kind: show\n    by: [blue]\n    cost: 1\n    requires: "tension < 9"\n',
        "  drill:\n    name: Drill\n    kind: show\n    by: [blue]\n    cost: 1\n",
    )
    text = text.replace(
        "    by: [blue, red]\n    cost: 1\n    effects: [{tension: -1}]",
        "    by: [red]\n    cost: 1\n    effects: [{tension: -1}]",
    )
    text = text.replace(
        '  war: {name: War, when: "tension >= 10", immediate: true, everyone_loses: true, blame: tension}\n', ""
    )
    scenario = load_scenario_text(text, "alternate.yaml")
    assert scenario.moves_of("blue") == ("drill",)
    summary = simulate(scenario, 20, 1, {"blue": "random", "red": "random"})
    assert summary.mean_turns == 4
    plays = summary.moves["drill"]["plays"]
    assert plays > 0
    assert summary.moves["drill"]["turn_share"] == plays / (2 * 20)  # turns 1 and 3 of each game, not all 4
