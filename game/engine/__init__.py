"""The rules, headless: new_game, legal_moves, resolve_turn, view, saves."""

from game.engine.errors import EngineError, GameOverError, IllegalOrderError, SaveError
from game.engine.state import GameState, LogEntry, Order, Outcome, TurnResult
from game.engine.turn import budget, legal_moves, new_game, resolve_turn
from game.engine.view import View, view

__all__ = [
    "EngineError",
    "GameOverError",
    "GameState",
    "IllegalOrderError",
    "LogEntry",
    "Order",
    "Outcome",
    "SaveError",
    "TurnResult",
    "View",
    "budget",
    "legal_moves",
    "new_game",
    "resolve_turn",
    "view",
]
