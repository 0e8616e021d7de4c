"""Randomness derived from the game seed, never from a global stream.

Each draw comes from a generator keyed by (seed, turn, purpose), so a change in one part of
the rules (one more die here) never shifts the dice anywhere else, and the same scenario,
seed and orders always give the same game.

Two kinds of dice, chosen by the game (``GameState.dice``, set from the save's version):

- ``DICE`` (2), today's: a small counter-based generator. The key (seed, turn, purpose) is
  mixed by splitmix64 into a 64-bit state, and each draw is one more splitmix64 step: a few
  integer operations, where seeding a Mersenne Twister costs ~25 µs (it was a seventh of a
  random-bot game's time, eight to a hundred and twenty times a game).
- ``LEGACY_DICE`` (1): ``random.Random`` seeded with the same key, as games were played before
  save version 3; older saves replay with it, die for die.
"""

from __future__ import annotations

import functools
import math
import random
import struct
import zlib
from collections.abc import Callable, MutableSequence, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

LEGACY_DICE = 1
DICE = 2

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_UNIT = 2.0**-53  # 53 random bits to a float in [0, 1)
_UNIT32 = 2.0**-32
_TAU = 2.0 * math.pi
_sqrt, _log, _cos = math.sqrt, math.log, math.cos


class Rng(Protocol):
    """The part of ``random.Random`` the rules and bots use; both kinds of dice provide it."""

    def random(self) -> float: ...
    def randint(self, a: int, b: int) -> int: ...
    def choice(self, seq: Sequence[T]) -> T: ...
    def shuffle(self, x: MutableSequence[Any]) -> None: ...
    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float: ...


def _mix(x: int) -> int:
    """splitmix64's output function: a 64-bit integer to a well-scrambled one."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


class Dice:
    """splitmix64 as a generator: each draw advances a 64-bit counter by a constant and mixes it."""

    __slots__ = ("_state",)

    def __init__(self, state: int) -> None:
        self._state = state & _MASK

    def next64(self) -> int:
        self._state = x = (self._state + _GOLDEN) & _MASK
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
        return x ^ (x >> 31)

    def random(self) -> float:
        """A float in [0, 1), 53 random bits (next64 written out: bots call this for every move)."""
        self._state = x = (self._state + _GOLDEN) & _MASK
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((x ^ (x >> 31)) >> 11) * _UNIT

    def below(self, n: int) -> int:
        """An integer in [0, n) by multiplying (Lemire): the bias, n / 2**64, is far below any test's reach."""
        if n <= 0:
            raise ValueError("empty range")
        return (self.next64() * n) >> 64

    def randint(self, a: int, b: int) -> int:
        if b < a:
            raise ValueError(f"empty range for randint({a}, {b})")
        return a + self.below(b - a + 1)

    def faces(self, count: int, sides: int) -> tuple[int, ...]:
        """``count`` dice of ``sides`` sides: randint(1, sides) each, as roll_dice asks."""
        faces = []
        state = self._state
        for _ in range(count):  # next64 written out: a roll is one or two dice
            state = (state + _GOLDEN) & _MASK
            x = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
            faces.append(1 + (((x ^ (x >> 31)) * sides) >> 64))
        self._state = state
        return tuple(faces)

    def choice(self, seq: Sequence[T]) -> T:
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        return seq[self.below(len(seq))]

    def shuffle(self, x: MutableSequence[Any]) -> None:
        """Fisher-Yates, from the end, as ``random.shuffle`` does.

        Each 64-bit draw gives two 32-bit halves, one swap each (a list is far shorter than 2**32:
        no visible bias): the high half places item i, the low half item i - 1. A bot shuffles its
        moves every turn, so the list's draws are worked out together (``_halves``).
        """
        n = len(x)
        state = self._state
        if n < 6:  # two draws or fewer: made one by one (lanes cost more to set up)
            spare = 0
            for i in range(n - 1, 0, -1):
                if spare:
                    j = (spare * (i + 1)) >> 32
                    spare = 0
                else:
                    state = (state + _GOLDEN) & _MASK
                    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
                    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
                    z ^= z >> 31
                    j = ((z >> 32) * (i + 1)) >> 32
                    spare = (z & 0xFFFFFFFF) or 1  # 0 would mean "no half left"; see below
                x[i], x[j] = x[j], x[i]
            self._state = state
            return
        draws = n >> 1
        halves = _halves(state, draws)
        i = n - 1
        for k in range(0, 2 * draws - 1, 2):
            j = (halves[k + 1] * (i + 1)) >> 32
            x[i], x[j] = x[j], x[i]
            # a low half of 0 counts as 1: in 1 of 2**32 draws it shifts by 1/2**32 (it always has)
            j = ((halves[k] or 1) * i) >> 32
            i -= 1
            x[i], x[j] = x[j], x[i]
            i -= 1
        if i == 1:  # an even length: the last draw places item 1 with its high half
            j = (halves[-1] * 2) >> 32
            x[1], x[j] = x[j], x[1]
        self._state = (state + draws * _GOLDEN) & _MASK

    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """Box-Muller; one normal draw per call (no value kept between calls, so a draw never leaks).

        A bot draws noise for every move it weighs, so one next64 (written out) gives both
        uniforms, 32 bits each: draws reach 6.6 standard deviations, far beyond any noise's use.
        """
        self._state = x = (self._state + _GOLDEN) & _MASK
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
        x ^= x >> 31
        u = 1.0 - (x >> 32) * _UNIT32  # in (0, 1], so the logarithm is finite
        return mu + sigma * _sqrt(-2.0 * _log(u)) * _cos(_TAU * (x & 0xFFFFFFFF) * _UNIT32)


# Several draws at once: lane k of one big integer, 128 bits wide, holds the k-th next state; a 64-bit
# lane times a 64-bit constant fits its 128 bits, so one multiplication mixes every lane, and masks
# clear what a shift brings down from the lane above. A dozen draws cost about two made one by one.
_Lanes = tuple[int, int, int, Callable[[bytes], tuple[int, ...]]]
_LANES: dict[int, _Lanes] = {}


def _lanes(count: int) -> _Lanes:
    """For ``count`` lanes: a 1 in each, the k-th lane's step ((k + 1) * _GOLDEN), the 64-bit masks, and
    the unpacking of each lane's low 64 bits as two 32-bit halves (low, high)."""
    lanes = _LANES.get(count)
    if lanes is None:
        ones = sum(1 << (128 * k) for k in range(count))
        steps = sum(((k + 1) * _GOLDEN) << (128 * k) for k in range(count))
        lanes = _LANES[count] = (ones, steps, _MASK * ones, struct.Struct("<" + "II8x" * count).unpack)
    return lanes


def _halves(state: int, count: int) -> tuple[int, ...]:
    """The next ``count`` draws of a Dice in ``state`` (next64's), as 32-bit halves: low, high, low, high..."""
    ones, steps, mask, unpack = _lanes(count)
    z = (state * ones + steps) & mask
    z = ((z ^ ((z >> 30) & mask)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ ((z >> 27) & mask)) * 0x94D049BB133111EB) & mask
    return unpack((z ^ (z >> 31)).to_bytes(16 * count, "little"))  # bits above a lane's 64 are not read


_PURPOSES: dict[str, int] = {}
_SMALL = 1 << 63  # a seed below this doubles to less than 2**64: no high part to fold in
_LAST = (-1, 0)  # the last seed below _SMALL, and its part of the key: ((seed << 1) * _GOLDEN) & _MASK
_new_dice = object.__new__


def _key(seed: int, turn: int, purpose: str) -> int:
    """The old generators' integer seed: (seed, turn, purpose) packed, unchanged since save version 1."""
    # An integer seed is several times cheaper to set than a string one (no SHA-512);
    # crc32 is stable everywhere, unlike hash() of a string.
    code = zlib.crc32(purpose.encode())
    signed = abs(seed) * 2 + (seed < 0)
    return (signed << 48) | ((turn & 0xFFFF) << 32) | code


def derive(seed: int, turn: int, purpose: str, dice: int = DICE) -> Rng:
    """A generator for one purpose in one turn; stable across runs and machines."""
    if dice == LEGACY_DICE:
        return random.Random(_key(seed, turn, purpose))
    code = _PURPOSES.get(purpose)
    if code is None:
        code = _PURPOSES[purpose] = zlib.crc32(purpose.encode())
    global _LAST
    last = _LAST  # one read of a tuple: another thread's update is seen whole or not at all
    if seed == last[0]:  # a game derives ~10 generators from its seed: its part of the sum is kept
        x = last[1] ^ ((turn & 0xFFFF) << 32 | code)
    elif 0 <= seed < _SMALL:  # every seed the game makes: the same sum as below, written out
        part = ((seed << 1) * _GOLDEN) & _MASK
        _LAST = (seed, part)
        x = part ^ ((turn & 0xFFFF) << 32 | code)
    else:
        x = -1
    if x >= 0:
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
        rng = _new_dice(Dice)
        rng._state = x ^ (x >> 31)
        return rng
    signed = abs(seed) * 2 + (seed < 0)
    # The seed times an odd constant (a bijection on 64 bits), xor the turn and the purpose's crc32:
    # two (seed, turn, purpose) share a generator only by a 64-bit coincidence; one mix scrambles it.
    low = ((signed & _MASK) * _GOLDEN) & _MASK ^ ((turn & 0xFFFF) << 32 | code)
    high = signed >> 64
    while high:  # seeds beyond 63 bits (never made by the game, but accepted) fold in the rest
        low = _mix(low ^ (high & _MASK))
        high >>= 64
    return Dice(_mix(low))


def roll_dice(rng: Rng, count: int, sides: int) -> tuple[int, ...]:
    if isinstance(rng, Dice):
        return rng.faces(count, sides)
    return tuple(rng.randint(1, sides) for _ in range(count))


def parse_dice(text: str) -> tuple[int, int]:
    """'2d6' -> (2, 6); the loader has already checked the shape."""
    count, _, sides = text.partition("d")
    return int(count), int(sides)


_CHANCES: dict[tuple[int, int, int], float] = {}


def chance_of_success(count: int, sides: int, need: int) -> float:
    """Probability that count dice of `sides` sides total at least `need` (worked out once for each)."""
    key = (count, sides, need)
    chance = _CHANCES.get(key)
    if chance is None:
        chance = _CHANCES[key] = sum(n for total, n in _ways(count, sides) if total >= need) / sides**count
    return chance


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
