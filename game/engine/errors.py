"""Errors the engine raises; each quotes the bad input."""


class EngineError(Exception):
    """Base class of the engine's errors."""


class IllegalOrderError(EngineError):
    """An order that the rules do not allow, e.g. a move over budget."""


class GameOverError(EngineError):
    """A turn was resolved after the game had ended."""


class SaveError(EngineError):
    """A save that cannot be read, written or replayed; nothing was overwritten."""
