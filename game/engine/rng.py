"""Randomness derived from the game seed, never from a global stream.

Each draw comes from a generator seeded with (seed, turn, purpose), so a change in one
part of the rules (one more die here) never shifts the dice anywhere else, and the same
scenario, seed and orders always give the same game.
"""

import functools
import random
import zlib


def derive(seed: int, turn: int, purpose: str) -> random.Random:
    """A generator for one purpose in one turn; stable across runs and machines."""
    # An integer seed is several times cheaper to set than a string one (no SHA-512);
    # crc32 is stable everywhere, unlike hash() of a string.
    signed = abs(seed) * 2 + (seed < 0)
    key = (signed << 48) | ((turn & 0xFFFF) << 32) | zlib.crc32(purpose.encode())
    return random.Random(key)


def roll_dice(rng: random.Random, count: int, sides: int) -> tuple[int, ...]:
    return tuple(rng.randint(1, sides) for _ in range(count))


def parse_dice(text: str) -> tuple[int, int]:
    """'2d6' -> (2, 6); the loader has already checked the shape."""
    count, _, sides = text.partition("d")
    return int(count), int(sides)


def chance_of_success(count: int, sides: int, need: int) -> float:
    """Probability that count dice of `sides` sides total at least `need`."""
    return sum(n for total, n in _ways(count, sides) if total >= need) / sides**count


@functools.lru_cache(maxsize=128)
def _ways(count: int, sides: int) -> tuple[tuple[int, int], ...]:
    """In how many ways count dice of `sides` sides make each total. Worked out once per kind of
    dice: 10d100 takes a tenth of a second, and every card's preview asks for it every frame."""
    ways = {0: 1}
    for _ in range(count):
        nxt: dict[int, int] = {}
        for total, n in ways.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0) + n
        ways = nxt
    return tuple(ways.items())
