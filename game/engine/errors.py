"""Errors the engine raises; each quotes the bad input."""


class EngineError(Exception):
    """Base class of the engine's errors."""


class IllegalOrderError(EngineError):
    """An order that the rules do not allow, e.g. a move over budget."""


class GameOverError(EngineError):
    """A turn was resolved after the game had ended."""


class SaveError(EngineError):
    """A save that cannot be read, written or replayed; nothing was overwritten.

    The message is English (logs, the command line); ``code`` and ``params`` say the same for
    a screen that speaks another language (game/ui translates them: the engine has no words of
    its own to translate). ``params`` are names, numbers and the English detail."""

    def __init__(self, message: str, code: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
