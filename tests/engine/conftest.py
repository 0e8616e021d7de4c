"""Fixtures shared by the engine's tests: the rules fixture scenario and one whole bot game of it."""

from __future__ import annotations

import pytest

from game.bots.match import parse_bots, play_game
from game.scenario import load_scenario
from tests.conftest import DATA


@pytest.fixture(scope="module")
def rules():
    return load_scenario(DATA / "rules.yaml")


@pytest.fixture(scope="module")
def game(rules):
    """A random-bot game of rules.yaml, with its logs: what saves and their damage are tested on."""
    return play_game(rules, 11, parse_bots(rules, "random"), keep_logs=True)
