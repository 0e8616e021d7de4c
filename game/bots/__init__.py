"""Bots that choose orders from one player's view, and games played by bots."""

from game.bots.match import PlayedGame, Summary, parse_bots, play_game, simulate
from game.bots.policies import Bot, ObjectiveBot, RandomBot, make_bot

__all__ = [
    "Bot",
    "ObjectiveBot",
    "PlayedGame",
    "RandomBot",
    "Summary",
    "make_bot",
    "parse_bots",
    "play_game",
    "simulate",
]
