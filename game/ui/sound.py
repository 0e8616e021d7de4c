"""Sounds of the table: a card turning over, dice, a marker, the timer, the ending.

Off by default. Every sound is synthesized here when sound is first switched on (a few
milliseconds of arithmetic), so there is no audio file to license or ship. Without an
audio device the game stays silent and says so; nothing else changes.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Callable

import pygame

RATE = 22050
_PEAK = 32767


def _samples(seconds: float) -> int:
    return int(RATE * seconds)


def _pcm(values: list[float]) -> bytes:
    return array("h", (int(max(-1.0, min(1.0, v)) * _PEAK) for v in values)).tobytes()


def _tone(freq: float, seconds: float, decay: float, volume: float, harmonic: float = 0.0) -> list[float]:
    out = []
    for i in range(_samples(seconds)):
        t = i / RATE
        wave = math.sin(2 * math.pi * freq * t) + harmonic * math.sin(4 * math.pi * freq * t)
        ramps = min(1.0, t * 400, (seconds - t) * 50)  # no click where it starts or stops
        out.append(volume * wave * math.exp(-t / decay) * ramps)
    return out


def _mix(*parts: tuple[float, list[float]]) -> list[float]:
    """Parts placed at times (seconds) and added together."""
    length = max(_samples(at) + len(p) for at, p in parts)
    out = [0.0] * length
    for at, part in parts:
        start = _samples(at)
        for i, v in enumerate(part):
            out[start + i] += v
    return out


def _swish(rng: random.Random) -> list[float]:
    """A card sliding and turning: filtered noise that opens and fades."""
    out, low = [], 0.0
    n = _samples(0.12)
    for i in range(n):
        share = i / n
        low += (0.05 + 0.35 * share) * (rng.uniform(-1, 1) - low)
        out.append(0.6 * low * math.sin(math.pi * share))
    return out


def _click(rng: random.Random, volume: float) -> list[float]:
    """One die knocking on the table: a short woody knock."""
    out = []
    for i in range(_samples(0.03)):
        t = i / RATE
        knock = 0.6 * math.sin(2 * math.pi * 1900 * t) + 0.4 * rng.uniform(-1, 1)
        out.append(volume * knock * math.exp(-t / 0.004))
    return out


def _dice(rng: random.Random) -> list[float]:
    knocks = ((0.0, 0.5), (0.05, 0.45), (0.12, 0.4), (0.2, 0.3), (0.3, 0.22))
    return _mix(*((at, _click(rng, volume)) for at, volume in knocks))


#: each sound's recipe, given a generator seeded for that sound
RECIPES: dict[str, Callable[[random.Random], list[float]]] = {
    "flip": _swish,
    "dice": _dice,
    "marker": lambda _: _tone(520, 0.08, 0.02, 0.35),
    "tick": lambda _: _tone(1200, 0.04, 0.008, 0.25),
    "time_up": lambda _: _mix((0.0, _tone(880, 0.35, 0.12, 0.35, 0.2)), (0.22, _tone(660, 0.5, 0.18, 0.35, 0.2))),
    "end": lambda _: _mix((0.0, _tone(392, 0.9, 0.35, 0.25, 0.1)), (0.18, _tone(523, 1.0, 0.4, 0.25, 0.1))),
    "bad_end": lambda _: _mix((0.0, _tone(98, 1.4, 0.7, 0.45, 0.5)), (0.0, _tone(147, 1.4, 0.6, 0.3))),
}


def synthesize(name: str) -> bytes:
    """One sound as 16-bit mono PCM; the same bytes every time (a seed per sound)."""
    return _pcm(RECIPES[name](random.Random(f"sound:{name}")))


class Sounds:
    """Plays the game's sounds when switched on; silent (and harmless) otherwise."""

    def __init__(self, on: bool = False) -> None:
        self.on = False
        self.problem = ""  # why sound could not start, to tell the teacher
        self._sounds: dict[str, pygame.mixer.Sound] = {}  # each made the first time it plays
        self._mixer: tuple[int, int] | None = None  # the frequency and channels the system gave us
        if on:
            self.switch(True)

    def switch(self, on: bool) -> bool:
        """Switch sound on or off; False when it cannot be on (no audio device)."""
        if on and self._mixer is None:
            try:
                if pygame.mixer.get_init() is None:
                    pygame.mixer.init(frequency=RATE, size=-16, channels=1, buffer=512)
                frequency, _, channels = pygame.mixer.get_init()  # type: ignore[misc]
                self._mixer = (frequency, channels)
            except pygame.error as error:
                self.problem = f"No sound: {error}"
                self.on = False
                return False
        self.on = on
        return True

    @staticmethod
    def _sound(pcm: bytes, frequency: int, channels: int) -> pygame.mixer.Sound:
        """A sound from mono PCM at RATE, made to fit the mixer the system gave us."""
        if frequency != RATE or channels != 1:
            samples = array("h")
            samples.frombytes(pcm)
            step = RATE / frequency
            resampled = array("h", (samples[int(i * step)] for i in range(int(len(samples) / step))))
            pcm = array("h", (v for v in resampled for _ in range(channels))).tobytes()
        return pygame.mixer.Sound(buffer=pcm)

    def play(self, name: str) -> None:
        if not self.on or self._mixer is None or name not in RECIPES:
            return
        sound = self._sounds.get(name)
        if sound is None:
            sound = self._sounds[name] = self._sound(synthesize(name), *self._mixer)
        sound.play()
