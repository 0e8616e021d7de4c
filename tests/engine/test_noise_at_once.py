"""A bot's noise drawn all at once is the noise it drew one move at a time: the same floats, the same dice after."""

import random
import struct

import pytest

from game.engine.rng import DICE, LEGACY_DICE, SPLITMIX_DICE, Dice, derive, gausses


def bits(values):
    return [struct.pack("<d", v) for v in values]


@pytest.mark.parametrize("count", [0, 1, 2, 7, 10, 41, 130])
def test_many_draws_at_once_are_the_draws_one_by_one(count):
    pick = random.Random(count)
    for key in [b"", b"0/0/bot:us", *(str(pick.getrandbits(64)).encode() for _ in range(100))]:
        for mu, sigma in [(0.0, 0.3), (0, 0.5), (1.5, 2.0), (0.0, 0.0)]:
            at_once, one_by_one = Dice(key), Dice(key)
            skip = pick.randrange(16)  # start anywhere in a block
            at_once.take(skip)
            one_by_one.take(skip)
            got = at_once.gausses(count, mu, sigma)
            assert bits(got) == bits([one_by_one.gauss(mu, sigma) for _ in range(count)]), (key, count)
            assert at_once.random() == one_by_one.random()  # and the dice go on as they would have


def test_every_kind_of_dice_draws_its_own_noise_at_once():
    for kind in (LEGACY_DICE, SPLITMIX_DICE, DICE):
        a, b = derive(5, 3, "us", kind), derive(5, 3, "us", kind)
        assert bits(gausses(a, 12, 0.0, 0.5)) == bits([b.gauss(0.0, 0.5) for _ in range(12)])
        assert a.random() == b.random()
