"""The game's log in the report's language.

The engine writes each log entry as an English sentence (with the scenario's default texts)
when the turn is resolved, and keeps its facts beside it (kind, actor, card, track, numbers,
dice). The report in another language says each entry again: it recognises which of the
engine's sentences an entry is (the sentences below are the engine's own, word for word),
translates the sentence through the catalogue and every name in it through the scenario's
texts. A sentence it does not recognise stays in English, marked as :class:`Fallback`.

Why not translate in the engine: the log is part of the save, which must replay exactly
in any language; the words belong to whoever shows them. (Better still, later: the engine
logs a message id and its arguments, and this module only formats them.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, cast

import attrs

from game.engine.state import LogEntry
from game.i18n import SOURCE, Fallback, pick, speaking, tr
from game.scenario.model import Scenario, Text

Sentence = tuple[str, Callable[..., str]]


def _sentences() -> list[Sentence]:
    """The engine's log sentences (English, as turn.py writes them), each with its translation.

    Placeholders name what they hold: a name or a scenario text is translated through the
    scenario, {why} and {offer} are sentences themselves, numbers and {reason} (typed by the
    teacher) are kept. Longer forms come before the shorter ones they contain."""
    return [
        (
            "Event (played by the teacher): {event}. {text}",
            lambda **k: tr("Event played by the teacher: {event}. {text}", **k),
        ),
        ("Event (played by the teacher): {event}.", lambda **k: tr("Event played by the teacher: {event}.", **k)),
        ("Event: {event}. {text}", lambda **k: tr("Event: {event}. {text}", **k)),
        ("Event: {event}.", lambda **k: tr("Event: {event}.", **k)),
        (
            "{target} left the offer {offer} unanswered.",
            lambda **k: tr("{target} left the offer {offer} unanswered.", **k),
        ),
        ("{target} accepted {offer}.", lambda **k: tr("{target} accepted {offer}.", **k)),
        ("{target} rejected {offer}.", lambda **k: tr("{target} rejected {offer}.", **k)),
        (
            "{target} answered {offer} with a counter-offer: {counter}.",
            lambda **k: tr("{target} answered {offer} with a counter-offer: {counter}.", **k),
        ),
        (
            "Agreement {move} holds until the end of turn {until}.",
            lambda **k: tr("Agreement {move} holds until the end of turn {until}.", **k),
        ),
        (
            "{move} did not happen: {missing} did not join (ordered by {who}; nothing was spent).",
            lambda **k: tr("{move} did not happen: {missing} did not join (ordered by {who}; nothing was spent).", **k),
        ),
        (
            "{who} offer {move} to {target}, who answers next turn.",
            lambda **k: tr("{who} offer {move} to {target}, who answers next turn.", **k),
        ),
        (
            "{actor} broke the agreement {title} too, by playing {move}.",
            lambda **k: tr("{actor} broke the agreement {title} too, by playing {move}.", **k),
        ),
        (
            "{actor} broke the agreement {title} by playing {move}.",
            lambda **k: tr("{actor} broke the agreement {title} by playing {move}.", **k),
        ),
        (
            "The agreement {title} ran its course, kept by all sides.",
            lambda **k: tr("The agreement {title} ran its course, kept by all sides.", **k),
        ),
        ("{label} placed at {place}.", lambda **k: tr("{label} placed at {place}.", **k)),
        (
            "Ending: {ending}. {actor}'s move pushed it over the edge.",
            lambda **k: tr("Ending: {ending}. {actor}'s move pushed it over the edge.", **k),
        ),
        ("Ending: {ending}.", lambda **k: tr("Ending: {ending}.", **k)),
        ("The teacher adjusted {track} ({reason}).", lambda **k: tr("The teacher adjusted {track} ({reason}).", **k)),
        ("The teacher adjusted {track}.", lambda **k: tr("The teacher adjusted {track}.", **k)),
        (
            "The teacher ended the game before turn {turn} ({reason}).",
            lambda **k: tr("The teacher ended the game before turn {turn} ({reason}).", **k),
        ),
        (
            "The teacher ended the game before turn {turn}.",
            lambda **k: tr("The teacher ended the game before turn {turn}.", **k),
        ),
        (
            "{track} {before} → {after} ({delta}, held at {held}): {why}",
            lambda **k: tr("{track} {before} → {after} ({delta}, held at {held}): {why}", **k),
        ),
        (
            "{track} {before} → {after} ({delta}): {why}",
            lambda **k: tr("{track} {before} → {after} ({delta}): {why}", **k),
        ),
        ("{track} changed (hidden).", lambda **k: tr("{track} changed (hidden).", **k)),
        (
            "{move} did not happen: its condition did not hold.",
            lambda **k: tr("{move} did not happen: its condition did not hold.", **k),
        ),
        ("{who}: {move} — {signal}", lambda **k: tr("{who}: {move} — {signal}", **k)),
        ("{interaction}: {text}", lambda **k: tr("{interaction}: {text}", **k)),
        ("{who}: {move}", lambda **k: tr("{who}: {move}", **k)),
        ("{interaction}:", lambda **k: tr("{interaction}:", **k)),
    ]


def _reasons() -> list[Sentence]:
    """The reasons the engine gives for a change (the {why} of a change), and an offer's title."""
    return [
        ("{move} ({who}), dice success", lambda **k: tr("{move} ({who}), dice success", **k)),
        ("{move} ({who}), dice failure", lambda **k: tr("{move} ({who}), dice failure", **k)),
        ("{move} ({by} → {target})", lambda **k: tr("{move} ({by} → {target})", **k)),
        ("{move} ({who})", lambda **k: tr("{move} ({who})", **k)),
        ("{target} ignored {move}", lambda **k: tr("{target} ignored {move}", **k)),
        ("{target} accepted {move}", lambda **k: tr("{target} accepted {move}", **k)),
        ("{target} rejected {move}", lambda **k: tr("{target} rejected {move}", **k)),
        ("{actor} broke {title}", lambda **k: tr("{actor} broke {title}", **k)),
        ("{title} was kept", lambda **k: tr("{title} was kept", **k)),
        ("event {event}, played by the teacher", lambda **k: tr("event {event}, played by the teacher", **k)),
        ("event {event}", lambda **k: tr("event {event}", **k)),
        ("adjusted by the teacher ({reason})", lambda **k: tr("adjusted by the teacher ({reason})", **k)),
        ("adjusted by the teacher", lambda **k: tr("adjusted by the teacher")),
    ]


#: Placeholders that hold numbers, and what they match.
NUMBERS = {
    "until": r"\d+",
    "turn": r"\d+",
    "before": r"-?\d+",
    "after": r"-?\d+",
    "held": r"-?\d+",
    "delta": r"[+-]\d+",
}
#: Placeholders whose value is kept as it is: numbers, and what the teacher typed.
KEPT = frozenset({*NUMBERS, "reason"})
#: Placeholders that are sentences of their own.
NESTED = frozenset({"why", "offer"})
#: Placeholders that may be several names joined by the engine's " and ".
GROUPS = frozenset({"who", "missing", "by"})


def _occurrences(text: str, part: str, start: int) -> Iterator[int]:
    """Where `part` occurs in `text` from `start` on."""
    at = text.find(part, start)
    while at != -1:
        yield at
        at = text.find(part, at + 1)


def _texts(value: object) -> Iterator[Text]:
    """Every scenario text reachable from a scenario object (names, signals, event texts...)."""
    if isinstance(value, Text):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)


@attrs.define
class Phrasebook:
    """Says the log's sentences and the scenario's words in one language."""

    scenario: Scenario
    lang: str

    @cached_property
    def words(self) -> dict[str, str]:
        """Each English scenario text (and track label) and the same text in this language."""
        words = {text.default: pick(text, self.lang) for text in _texts(self.scenario)}
        words.update({self.scenario.track_label[ref]: self.label(ref) for ref in self.scenario.all_tracks})
        with speaking(self.lang):
            words["The game is over"] = tr("The game is over")  # the engine's name for an ending the scenario lacks
        return words

    @cached_property
    def sentences(self) -> list[tuple[list[str], Callable[..., str]]]:
        return [(re.split(r"\{(\w+)\}", english), say) for english, say in _sentences()]

    @cached_property
    def reasons(self) -> list[tuple[list[str], Callable[..., str]]]:
        return [(re.split(r"\{(\w+)\}", english), say) for english, say in _reasons()]

    def label(self, ref: str) -> str:
        """A track's label, as the loader makes it: an actor's track is named after its actor."""
        track = self.scenario.all_tracks[ref]
        owner = self.scenario.track_owner.get(ref)
        if owner is None:
            return pick(track.name, self.lang)
        actor = self.scenario.actors[owner]
        return f"{pick(actor.short or actor.name, self.lang)} {pick(track.name, self.lang)}"

    def entry(self, entry: LogEntry) -> str:
        """A log entry's text in this language."""
        if self.lang == SOURCE:
            return entry.text
        with speaking(self.lang):
            return self.roll(entry) if entry.kind == "roll" else self.say(entry.text, self.sentences)

    def reason(self, text: str) -> str:
        """The reason of a change ('Missile test (DPRK), dice failure') in this language."""
        if self.lang == SOURCE:
            return text
        with speaking(self.lang):
            return self.say(text, self.reasons)

    def say(self, text: str, table: list[tuple[list[str], Callable[..., str]]]) -> str:
        if text in self.words:
            return self.words[text]
        for parts, say in table:
            values = next(self.match(parts, text, 0, {}), None)
            if values is not None:
                return say(**values)
        return Fallback(text)

    def match(self, parts: list[str], text: str, at: int, values: dict[str, str]) -> Iterator[dict[str, str]]:
        """The ways a sentence (its literal parts and placeholders, alternating) reads `text` from `at`,
        each placeholder's value already in this language: a name must be one the scenario has, so
        'Offer talks to Seoul to Pyongyang' splits where the names are."""
        literal = parts[0]
        if not text.startswith(literal, at):
            return
        at += len(literal)
        if len(parts) == 1:
            if at == len(text):
                yield values
            return
        name, following = parts[1], parts[2]
        ends = [len(text)] if len(parts) == 3 and not following else _occurrences(text, following, at + 1)
        for end in ends:
            said = self.value(name, text[at:end])
            if said is not None:
                yield from self.match(parts[2:], text, end, {**values, name: said})

    def value(self, name: str, value: str) -> str | None:
        """A placeholder's value in this language; None if it is not what the placeholder holds."""
        if name in NUMBERS:
            return value if re.fullmatch(NUMBERS[name], value) else None
        if name in KEPT:
            return value
        if name in NESTED:
            said = self.say(value, self.reasons)
            return None if isinstance(said, Fallback) and value not in self.words else said
        if value in self.words:
            return self.words[value]
        if name in GROUPS and " and " in value:
            parts = [self.words.get(part) for part in value.split(" and ")]
            return None if None in parts else tr("{first} and {second}", first=", ".join(parts[:-1]), second=parts[-1])  # type: ignore[arg-type]
        return None

    def roll(self, entry: LogEntry) -> str:
        """A roll, said again from its facts: the dice, the total against the target, the verdict."""
        move = self.scenario.moves.get(entry.source or "")
        total = re.search(r" = (-?\d+) against (-?\d+): ", entry.text)
        hidden = " plus a modifier you cannot see, against " in entry.text  # a view that may not see the modifier
        if move is None or move.roll is None or entry.dice is None or (total is None and not hidden):
            return Fallback(entry.text)
        faces = "+".join(map(str, entry.dice))
        meaning = move.roll.success_text if entry.success else move.roll.failure_text
        verdict = tr("success") if entry.success else tr("failure")
        band = move.roll.band_named(entry.band)
        if band is not None:  # a graded result (format 2): its own name and meaning
            meaning, verdict = band.text, pick(band.name, self.lang)
        if total is None:
            said = tr(
                "{move}: rolled {dice} plus a modifier you cannot see, against {target}: {verdict}.",
                move=pick(move.name, self.lang),
                dice=faces,
                target=move.roll.target,
                verdict=verdict,
            )
            return f"{said} {pick(meaning, self.lang)}" if meaning else said
        plus = int(total.group(1)) - sum(entry.dice)
        shown = faces if move.roll.plus is None else f"{faces} {plus:+d}"
        said = tr(
            "{move}: rolled {dice} = {total} against {target}: {verdict}.",
            move=pick(move.name, self.lang),
            dice=shown,
            total=total.group(1),
            target=total.group(2),
            verdict=verdict,
        )
        return f"{said} {pick(meaning, self.lang)}" if meaning else said
