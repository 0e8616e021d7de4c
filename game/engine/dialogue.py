"""What the teams said to each other: messages and proposals, kept in the save, in order.

The words are a record, not a rule: replaying a save never reads them (an accepted proposal
reaches the rules as the orders both teams then gave). They are untrusted like the rest of a
save (typed by students, sent over the network), so their shape and size are checked here.
"""

from __future__ import annotations

from typing import Any, Literal

from attrs import frozen

from game.engine.errors import SaveError

Kind = Literal["message", "proposal", "accept", "reject"]
KINDS = ("message", "proposal", "accept", "reject")
EVERYONE = "all"  # a message to every team
MAX_TEXT = 500  # characters of one message
MAX_DIALOGUE = 20_000  # messages in one game: far beyond a class, well within a save's size


@frozen
class Message:
    """One thing a team said in a turn's talks: to one team or to all (``to == "all"``).

    A ``proposal`` names a joint ``move`` that ``to`` may accept this turn; ``accept`` and
    ``reject`` answer the proposal numbered ``about``.
    """

    id: int
    turn: int
    sender: str
    to: str
    text: str
    kind: Kind = "message"
    move: str | None = None
    about: int | None = None

    def reaches(self, actor: str) -> bool:
        """Whether the team may read it: its own words, and words to it or to everyone."""
        return actor in (self.sender, self.to) or self.to == EVERYONE


def message_json(message: Message) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": message.id,
        "turn": message.turn,
        "from": message.sender,
        "to": message.to,
        "text": message.text,
        "kind": message.kind,
    }
    if message.move is not None:
        data["move"] = message.move
    if message.about is not None:
        data["about"] = message.about
    return data


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def message_from(raw: Any, where: str) -> Message:
    """A message of a save, checked field by field; SaveError says what is wrong."""

    def need(condition: bool, what: str) -> None:
        if not condition:
            raise SaveError(f"not a valid save: {where} {what}", "invalid", detail=f"{where} {what}")

    need(isinstance(raw, dict), "is not a mapping")
    need(set(raw) <= {"id", "turn", "from", "to", "text", "kind", "move", "about"}, "has unknown keys")
    need(_whole(raw.get("id")) and _whole(raw.get("turn")), "has a bad id or turn")
    need(all(isinstance(raw.get(k), str) for k in ("from", "to", "text")), "has a bad sender, addressee or text")
    need(len(raw["text"]) <= MAX_TEXT, f"is longer than {MAX_TEXT} characters")
    need(raw.get("kind") in KINDS, f"has a bad kind {raw.get('kind')!r}")
    need(raw.get("move") is None or isinstance(raw.get("move"), str), "has a bad move")
    need(raw.get("about") is None or _whole(raw.get("about")), "has a bad proposal number")
    return Message(
        raw["id"], raw["turn"], raw["from"], raw["to"], raw["text"], raw["kind"], raw.get("move"), raw.get("about")
    )
