"""A shipped scenario that speaks Korean at all speaks it everywhere: no English left in a Korean game."""

from __future__ import annotations

from typing import Any

import pytest

from game.scenario import load_scenario
from game.scenario.texts import check_translations, languages_used
from tests.conftest import SCENARIOS, scenario_files


def korean_scenarios() -> list[Any]:
    return [
        pytest.param(path, id=path.name)
        for path in scenario_files()
        if "ko" in languages_used(load_scenario(path))
    ]


def test_the_tutorial_and_the_flagship_are_among_them():
    names = {param.id for param in korean_scenarios()}
    assert {"tutorial.yaml", "washington-declaration-2023.yaml"} <= names
    assert (SCENARIOS / "tutorial.yaml").is_file()


@pytest.mark.parametrize("path", korean_scenarios())
def test_a_shipped_scenario_with_korean_has_every_text_in_korean(path):
    report = check_translations(path, load_scenario(path), ["ko"])
    untranslated = "\n".join(str(p) for p in report.problems[:20])
    assert report.coverage[0].complete, f"{report.coverage[0]}; for example:\n{untranslated}"
