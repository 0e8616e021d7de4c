"""A bot's noise drawn all at once is the noise it drew one move at a time: the same floats, the same dice after."""

import random
import struct

import pytest

from game.engine.rng import LEGACY_DICE, Dice, derive, gausses


def bits(values):
    return [struct.pack("<d", v) for v in values]


EDGES = [0, 1, 2**63, 2**64 - 1, 2**64 - 0x9E3779B97F4A7C15]  # states at the ends of the counter, wrapping


@pytest.mark.parametrize("count", [0, 1, 2, 7, 10, 41, 130])
def test_many_draws_at_once_are_the_draws_one_by_one(count):
    pick = random.Random(count)
    for state in [*EDGES, *(pick.getrandbits(64) for _ in range(300))]:
        for mu, sigma in [(0.0, 0.3), (0, 0.5), (1.5, 2.0), (0.0, 0.0)]:
            at_once, one_by_one = Dice(state), Dice(state)
            got = at_once.gausses(count, mu, sigma)
            assert bits(got) == bits([one_by_one.gauss(mu, sigma) for _ in range(count)]), (state, count)
            assert at_once.random() == one_by_one.random()  # and the dice go on as they would have


def test_either_kind_of_dice_draws_its_own_noise_at_once():
    for kind in (LEGACY_DICE, None):
        make = (lambda: derive(5, 3, "us", LEGACY_DICE)) if kind else (lambda: derive(5, 3, "us"))
        a, b = make(), make()
        assert bits(gausses(a, 12, 0.0, 0.5)) == bits([b.gauss(0.0, 0.5) for _ in range(12)])
        assert a.random() == b.random()
