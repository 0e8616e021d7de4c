"""The session moved to game/session.py (no pygame: the window and the team devices share it)."""

from game.session import HUMAN, Session

__all__ = ["HUMAN", "Session"]
