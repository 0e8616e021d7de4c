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
    """A random-bot game of rules.yaml of three turns or more, with its logs: what saves and their damage
    are tested on (a later turn's orders are damaged too, so the first game that lasts will do)."""
    seats = parse_bots(rules, "random")
    games = (play_game(rules, seed, seats, keep_logs=True) for seed in range(11, 300))
    return next(game for game in games if game.turns >= 3)
