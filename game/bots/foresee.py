"""What a move's format-2 effects are expected to do, worked out on the bot's guessed world.

Format 1's effects are fixed steps the bot reads off the card (``policies._Plan``). A computed
effect (``add``/``set`` a formula), a branch (``if``/``then``/``else``) or a graded roll's bands
(whose effects may read ``margin``) say nothing until they are evaluated: here they are, on the
guessed world, in the order the rules apply them (each formula reads the world as the effects
before it left it), and a roll is averaged over the exact distribution of its dice. The result
is the same list of (track, step, probability) the bot weighs for any move.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from game.scenario.expr import Node
from game.scenario.model import Effect, Move, Roll, Scenario

Value = Callable[[Node, Mapping[str, float], int], float]
Change = tuple[str, int | float, float]
MARGIN = "margin"


def needs_foresight(move: Move) -> bool:
    """Whether the move's effects must be evaluated: a computed effect, a branch, or graded results."""
    listed = [*move.effects]
    if move.roll is not None:
        listed += [e for band in move.roll.bands() for e in band.effects]
        if move.roll.results:
            return True
    if move.offer is not None:
        listed += [*move.offer.accept, *move.offer.reject]
    return any(e.computed for e in listed)


@lru_cache(maxsize=64)
def sums(count: int, sides: int) -> tuple[tuple[int, float], ...]:
    """Each total of ``count`` dice of ``sides`` sides with its probability."""
    odds = {0: 1.0}
    for _ in range(count):
        nxt: dict[int, float] = {}
        for total, p in odds.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0.0) + p / sides
        odds = nxt
    return tuple(sorted(odds.items()))


def run(
    effects: tuple[Effect, ...],
    world: dict[str, float],
    turn: int,
    weight: float,
    value: Value,
    bounds: Mapping[str, tuple[int, int]],
) -> list[Change]:
    """The changes of a list of effects on ``world`` (updated in place, as the rules would), each with ``weight``."""
    out: list[Change] = []
    tested: dict[int, bool] = {}
    for effect in effects:
        if effect.gain is not None:  # a resource for next turn: not a track the bot weighs
            continue
        if not all(_holds(c, must, world, turn, tested, value) for c, must in effect.guards):
            continue
        before = world.get(effect.track, 0.0)
        if effect.amount is None:
            step: float = effect.delta
        else:
            amount = value(effect.amount.tree, world, turn)
            step = amount - before if effect.op == "set" else amount
        low, high = bounds[effect.track]
        world[effect.track] = min(high, max(low, before + step))
        if step:
            out.append((effect.track, step, weight))
    return out


def _holds(
    condition: object, must: bool, world: Mapping[str, float], turn: int, tested: dict[int, bool], value: Value
) -> bool:
    verdict = tested.get(id(condition))
    if verdict is None:
        verdict = tested[id(condition)] = bool(value(condition.tree, world, turn))  # type: ignore[attr-defined]
    return verdict == must


def changes(
    scenario: Scenario,
    move: Move,
    world: Mapping[str, float],
    turn: int,
    value: Value,
    bounds: Mapping[str, tuple[int, int]],
) -> list[Change]:
    """A move's expected changes: its effects, then its roll averaged over the dice, then its offer's answers."""
    guessed = dict(world)
    out = run(move.effects, guessed, turn, 1.0, value, bounds)
    if move.roll is not None:
        out += _roll(move.roll, guessed, turn, value, bounds)
    if move.offer is not None:
        out += run(move.offer.accept, dict(guessed), turn, 0.5, value, bounds)
        out += run(move.offer.reject, dict(guessed), turn, 0.5, value, bounds)
    return out


def _roll(
    roll: Roll, world: dict[str, float], turn: int, value: Value, bounds: Mapping[str, tuple[int, int]]
) -> list[Change]:
    """Each band's changes weighted by its chance; a band whose effects read the margin, margin by margin."""
    count, _, sides = roll.dice.partition("d")
    plus = value(roll.plus.tree, world, turn) if roll.plus is not None else 0.0
    bands = roll.bands()
    by_band: dict[int, list[tuple[int, float]]] = {}
    for total, p in sums(int(count), int(sides)):
        margin = round(total + plus) - roll.target
        by_band.setdefault(Roll.band_of(bands, margin), []).append((margin, p))
    out: list[Change] = []
    for index, outcomes in sorted(by_band.items()):
        effects = bands[index].effects
        if not any(e.computed for e in effects):
            out += run(effects, dict(world), turn, sum(p for _, p in outcomes), value, bounds)
            continue
        for margin, p in outcomes:
            out += run(effects, {**world, MARGIN: float(margin)}, turn, p, value, bounds)
    return out
