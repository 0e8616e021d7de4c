"""Randomness derived from the game seed, never from a global stream.

Each draw comes from a generator keyed by (seed, turn, purpose), so a change in one part of
the rules (one more die here) never shifts the dice anywhere else, and the same scenario,
seed and orders always give the same game.

Three kinds of dice, chosen by the game (``GameState.dice``, set from the save's version):

- ``DICE`` (3), today's: blocks of a hash. The key ``b"seed/turn/purpose"`` and a block number
  are hashed by BLAKE2b (in C, in the standard library) into 64 bytes, sixteen 32-bit words, and
  each draw takes the next word or two. A derivation is a few bytes joined; a draw, a list
  index and a multiplication. Arithmetic on 64-bit numbers costs Python an allocation per
  operation, so the splitmix64 dice below cost a quarter of a random-bot game of the flagship.
- ``SPLITMIX_DICE`` (2): splitmix64 over the same (seed, turn, purpose), as games were played
  with save version 3; those saves replay with it, die for die.
- ``LEGACY_DICE`` (1): ``random.Random`` seeded with the same key, as games were played before
  save version 3; older saves replay with it, die for die.
"""

from __future__ import annotations

import functools
import math
import random
import struct
import zlib
from collections.abc import MutableSequence, Sequence
from hashlib import blake2b
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

LEGACY_DICE = 1
SPLITMIX_DICE = 2
DICE = 3

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


class _Draws:
    """What both counter-based dice make of ``below``: an integer in a range, an item of a list."""

    __slots__ = ()

    def below(self, n: int) -> int:
        raise NotImplementedError

    def randint(self, a: int, b: int) -> int:
        if b < a:
            raise ValueError(f"empty range for randint({a}, {b})")
        return a + self.below(b - a + 1)

    def choice(self, seq: Sequence[T]) -> T:
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        return seq[self.below(len(seq))]


class SplitMix(_Draws):
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

    def faces(self, count: int, sides: int) -> tuple[int, ...]:
        """``count`` dice of ``sides`` sides: randint(1, sides) each, as ``roll`` asks."""
        faces = []
        state = self._state
        for _ in range(count):  # next64 written out: a roll is one or two dice
            state = (state + _GOLDEN) & _MASK
            x = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
            faces.append(1 + (((x ^ (x >> 31)) * sides) >> 64))
        self._state = state
        return tuple(faces)

    def shuffle(self, x: MutableSequence[Any]) -> None:
        """Fisher-Yates, from the end, as ``random.shuffle`` does.

        A bot shuffles its ~40 moves every turn, so next64 is written out and each 64-bit draw
        gives two 32-bit halves, one swap each (a list is far shorter than 2**32: no visible bias).
        """
        state = self._state
        spare = 0
        for i in range(len(x) - 1, 0, -1):
            if spare:
                j = (spare * (i + 1)) >> 32
                spare = 0
            else:
                state = (state + _GOLDEN) & _MASK
                z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
                z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
                z ^= z >> 31
                j = ((z >> 32) * (i + 1)) >> 32
                spare = (z & 0xFFFFFFFF) or 1  # 0 would mean "no half left"; 1 in 2**32 draws it shifts by 1/2**32
            x[i], x[j] = x[j], x[i]
        self._state = state

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


_WORDS = struct.Struct("<16I").unpack  # a block: BLAKE2b's 64 bytes as 16 little-endian 32-bit words
_BLOCKS = tuple(n.to_bytes(4, "little") for n in range(64))  # block numbers, as hashed after the key
_EMPTY: tuple[int, ...] = ()


class Dice(_Draws):
    """Draws from the hash of (key, block number): each block is 16 words of 32 bits, used in turn.

    The key is ``b"seed/turn/purpose"``: seed and turn are written in digits, so two keys are the
    same only for the same three; the block number is a fixed 4 bytes after it, so every block of
    every key hashes different bytes. An integer in [0, n) is a word times n, shifted down 32
    bits: its bias, at most n / 2**32 (a die: 1.4e-9), is far below anything a game can show.
    """

    __slots__ = ("_at", "_block", "_key", "_words")

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._block = 0
        self._words = _EMPTY  # hashed when first drawn from
        self._at = 0

    def _fill(self) -> tuple[int, ...]:
        """The next block of words (the position in it is set by the caller)."""
        block = self._block
        self._block = block + 1
        counter = _BLOCKS[block] if block < 64 else block.to_bytes(8, "little")
        words = self._words = _WORDS(blake2b(self._key + counter).digest())
        return words

    def word(self) -> int:
        """The next 32 random bits."""
        at, words = self._at, self._words
        if at == len(words):
            words, at = self._fill(), 0
        self._at = at + 1
        return words[at]

    def take(self, count: int) -> list[int] | tuple[int, ...]:
        """The next ``count`` words, in order."""
        at, words = self._at, self._words
        if at + count <= len(words):
            self._at = at + count
            return words[at : at + count]
        out = list(words[at:])
        while True:
            words = self._fill()
            need = count - len(out)
            if need <= 16:
                out.extend(words[:need])
                self._at = need
                return out
            out.extend(words)

    def block(self) -> tuple[int, ...]:
        """The words left in this block, all taken (a fresh block when none are left): a loop that draws
        a word a step indexes them, cheaper than a call a word."""
        at, words = self._at, self._words
        if at == len(words):
            words, at = self._fill(), 0
        self._at = len(words)
        return words[at:] if at else words

    def random(self) -> float:
        """A float in [0, 1) from one word: steps of 2**-32, finer than any chance a game weighs."""
        at, words = self._at, self._words
        if at == len(words):
            words, at = self._fill(), 0
        self._at = at + 1
        return words[at] * _UNIT32

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        if n <= 0:
            raise ValueError("empty range")
        return (self.word() * n) >> 32

    def faces(self, count: int, sides: int) -> tuple[int, ...]:
        """``count`` dice of ``sides`` sides, as ``roll`` asks."""
        return tuple([1 + ((w * sides) >> 32) for w in self.take(count)])

    def shuffle(self, x: MutableSequence[Any]) -> None:
        """Fisher-Yates, from the end, as ``random.shuffle`` does: one word a swap."""
        n = len(x)
        if n < 2:
            return
        for i, w in zip(range(n - 1, 0, -1), self.take(n - 1), strict=True):
            j = (w * (i + 1)) >> 32
            x[i], x[j] = x[j], x[i]

    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """Box-Muller, one normal draw from two words (none kept between calls, so a draw never leaks)."""
        u, v = self.take(2)
        return mu + sigma * _sqrt(-2.0 * _log(1.0 - u * _UNIT32)) * _cos(_TAU * v * _UNIT32)

    def gausses(self, count: int, mu: float = 0.0, sigma: float = 1.0) -> list[float]:
        """``count`` calls of ``gauss`` in one (a bot's noise for every move it weighs): the same floats."""
        words = iter(self.take(2 * count))
        unit, tau, sqrt, log, cos = _UNIT32, _TAU, _sqrt, _log, _cos
        return [
            mu + sigma * sqrt(-2.0 * log(1.0 - u * unit)) * cos(tau * v * unit)
            for u, v in zip(words, words, strict=True)
        ]


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
    if dice == DICE:
        global _PREFIX
        prefix = _PREFIX  # one read of a tuple: another thread's update is seen whole or not at all
        if prefix[0] != seed or prefix[1] != turn:  # a turn derives ~8 generators: its prefix is kept
            prefix = _PREFIX = (seed, turn, f"{seed}/{turn}/".encode())
        said = _SAID.get(purpose)
        if said is None:
            if len(_SAID) > 4096:  # purposes are a scenario's actors and moves: few, unless made up
                _SAID.clear()
            said = _SAID[purpose] = purpose.encode()
        return Dice(prefix[2] + said)
    if dice == LEGACY_DICE:
        return random.Random(_key(seed, turn, purpose))
    return _splitmix(seed, turn, purpose)


_PREFIX: tuple[int, int, bytes] = (-1, -1, b"")  # the last (seed, turn) derived from, and its key's start
_SAID: dict[str, bytes] = {}  # each purpose, as the key ends


def _splitmix(seed: int, turn: int, purpose: str) -> SplitMix:
    """The generator of save version 3's dice for one purpose in one turn."""
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
        rng = _new_dice(SplitMix)
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
    return SplitMix(_mix(low))


def roll(seed: int, turn: int, purpose: str, count: int, sides: int, dice: int = DICE) -> tuple[int, ...]:
    """``count`` dice of ``sides`` sides, from the generator of (seed, turn, purpose)."""
    rng = derive(seed, turn, purpose, dice)
    if dice == LEGACY_DICE:
        return tuple(rng.randint(1, sides) for _ in range(count))
    return rng.faces(count, sides)  # type: ignore[attr-defined]


def gausses(rng: Rng, count: int, mu: float = 0.0, sigma: float = 1.0) -> list[float]:
    """``count`` draws of ``rng.gauss(mu, sigma)``, in order: the same numbers from every kind of dice."""
    if type(rng) is Dice:  # not a subclass: its gauss might draw otherwise
        return rng.gausses(count, mu, sigma)
    return [rng.gauss(mu, sigma) for _ in range(count)]


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
