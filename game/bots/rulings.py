"""The umpire's bot, and what the other bots foresee of its rulings (format 2, issue 14 §7).

A ruling is a move of a ``facilitator`` actor whose ``requires`` reads ``fact(F)`` that an argument
makes true (with phases, in a ruling round after the teams' round: the argument is on the table),
or ``played(MOVE)`` (a card's condition reads last turn's plays: the umpire rules the turn after).
The umpire bot rules by the scenario's own rule: it plays every ruling it may, in the file's order,
and the ruling's dice (its ``roll``, whose modifier is the strength the scenario gives the argument)
decide how it goes. A teacher in the seat chooses.

A team's bot weighs a play with the rulings it brings: each ruling on the move is evaluated on the
bot's guessed world (``foresee``), its roll averaged over the dice.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.bots import foresee
from game.engine.purse import wallet
from game.engine.rng import Rng
from game.engine.state import Order
from game.engine.view import View
from game.scenario.model import Move, Scenario
from game.scenario.umpire import ruled_moves


class UmpireBot:
    """Plays every ruling it may and can afford, in the file's order; answers offers by rejecting them."""

    name = "umpire"

    def choose(self, scenario: Scenario, view: View, rng: Rng) -> list[Order]:
        orders: list[Order] = []
        purse = wallet(scenario, view.purse or (view.budget,))  # every resource and cap, as the rules count
        answered: set[int] = set()
        for order in view.orders:
            if order.offer is not None:
                if order.offer not in answered and order.answer == "reject":
                    answered.add(order.offer)
                    orders.append(order)
                continue
            if purse.fits(order.move):
                orders.append(order)
                purse.take(order.move)
        return orders


_RULINGS: dict[int, tuple[Scenario, dict[str, tuple[Move, ...]]]] = {}


def rulings_on(scenario: Scenario) -> dict[str, tuple[Move, ...]]:
    """For each team's move, the umpire's moves that rule on it (their `requires` reads played(move))."""
    cached = _RULINGS.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    done = {
        move_id: tuple(scenario.moves[r] for r in rulings) for move_id, rulings in ruled_moves(scenario).items()
    }
    if len(_RULINGS) > 64:
        _RULINGS.clear()
    _RULINGS[id(scenario)] = (scenario, done)
    return done


def keys_of(scenario: Scenario, move_id: str) -> set[str]:
    """The tracks (and facts) the rulings on a move may change."""
    keys: set[str] = set()
    for ruling in rulings_on(scenario).get(move_id, ()):
        listed = [*ruling.effects]
        if ruling.roll is not None:
            listed += [e for band in ruling.roll.bands() for e in band.effects]
        keys |= {e.track for e in listed if e.learn is None}
    return keys


def expected(
    scenario: Scenario,
    move_id: str,
    world: Mapping[str, float],
    turn: int,
    value: foresee.Value,
    bounds: Mapping[str, tuple[int, int]],
) -> list[foresee.Change]:
    """The expected changes of the rulings a play brings, each evaluated on the guessed world."""
    out: list[foresee.Change] = []
    for ruling in rulings_on(scenario).get(move_id, ()):
        out += foresee.changes(scenario, ruling, world, turn, value, bounds)
    return out
