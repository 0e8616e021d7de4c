"""The format-2 scenarios under tests/data teach what they claim, played by bots that see the rules.

Their lessons were written to prove format 2's mechanics (issue 14); a lesson that held only
because the bots were blind to drift, interactions or who is blamed would teach nothing. This is
`deterrence simulate FILE --lessons --no-search` with its default seed (1): every format-2 file
under tests/data that declares lessons is found here, so a new one is checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots import lessons as ls
from game.scenario import load_scenario
from tests.conftest import DATA


def format2_with_lessons() -> list[Path]:
    found = []
    for path in sorted(DATA.glob("*.yaml")):
        scenario = load_scenario(path)
        if scenario.format >= 2 and scenario.lessons:
            found.append(path)
    return found


def test_the_war_scare_and_the_defcon_duel_are_among_them() -> None:
    names = {path.name for path in format2_with_lessons()}
    assert {"war-scare-1983.yaml", "defcon.yaml"} <= names


@pytest.mark.parametrize("path", format2_with_lessons(), ids=lambda path: path.stem)
def test_every_lesson_holds_with_bots_that_see_the_rules(path: Path) -> None:
    scenario = load_scenario(path)
    with ls.Player(scenario, seed=1) as player:
        results = ls.check_lessons(player)
    not_holding = {r.id: f"{r.verdict}: {'; '.join(r.advice)}" for r in results if not r.holds}
    assert not not_holding, not_holding
