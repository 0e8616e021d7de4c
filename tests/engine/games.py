"""Whole games played by random bots, turn by turn: the states and logs a test walks through."""

from __future__ import annotations

from game.bots.match import parse_bots
from game.bots.policies import make_bot
from game.engine.rng import derive
from game.engine.state import GameState, LogEntry, Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import view
from game.scenario.model import Scenario


def random_game(
    scenario: Scenario, seed: int, bots: str = "random"
) -> list[tuple[GameState, dict[str, list[Order]], tuple[LogEntry, ...]]]:
    """Each turn's state, the orders given in it and the log of resolving them (the last state: no orders)."""
    players = {actor: make_bot(spec, scenario) for actor, spec in parse_bots(scenario, bots).items()}
    state = new_game(scenario, seed)
    turns: list[tuple[GameState, dict[str, list[Order]], tuple[LogEntry, ...]]] = []
    while not state.over:
        orders = {
            actor: list(bot.choose(scenario, view(scenario, state, actor), derive(seed, state.turn, actor)))
            for actor, bot in players.items()
        }
        result = resolve_turn(scenario, state, orders)
        turns.append((state, orders, result.log))
        state = result.state
    turns.append((state, {}, ()))
    return turns
