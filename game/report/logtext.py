"""A log entry in the reader's language: the one place where the log's words are said.

The engine keeps each entry as a message of the catalogue (an English template with named
placeholders) and its arguments: numbers, words typed by the teacher, names by id
(``game.engine.state.Ref``) and messages inside messages (``Msg``: a change's reason, an
offer's title). ``log_text`` says it in a language: the template through the catalogue, each
name through the scenario's texts. In English this is word for word ``entry.text``.

The report, the window and the terminal all call ``log_text``; no pygame here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

import attrs

from game.engine.state import Arg, LogEntry, Msg, Ref, english_of
from game.engine.turn import ROLLS
from game.i18n import SOURCE, language, ntr, pick, speaking, tr
from game.scenario.model import Move, Scenario, Text, fact_id


def log_text(entry: LogEntry, scenario: Scenario | None, lang: str | None = None) -> str:
    """The entry's words in ``lang`` (the current language if None); English without a scenario."""
    lang = lang or language()
    if lang == SOURCE or scenario is None:
        return entry.text
    with speaking(lang):
        if not entry.args:  # words made elsewhere (the window's summary lines): translated if catalogued
            return tr(entry.message)
        args = entry.args
        message = entry.message
        if entry.kind == "roll" and any(name == "modifier" for name, _ in args):
            message, args = _plain_roll(args)
        return _say(message, args, scenario, lang)


def _plain_roll(args: tuple[tuple[str, Arg], ...]) -> tuple[str, tuple[tuple[str, Arg], ...]]:
    """A roll said with its modifier's value but not its formula: the formula is written in English
    words (``readable``), so other languages say "4+3 +1 = 8" as the report always has."""
    values = dict(args)
    dice = f"{values['dice']} {values['plus']}"
    kept = tuple((name, dice if name == "dice" else value) for name, value in args if name not in ("plus", "modifier"))
    return ROLLS[False, "meaning" in values], kept


def _say(message: str, args: tuple[tuple[str, Arg], ...], scenario: Scenario, lang: str) -> str:
    if not args:
        return tr(message)
    return tr(message, **{name: _value(value, scenario, lang) for name, value in args})


def _value(value: Arg, scenario: Scenario, lang: str) -> object:
    if isinstance(value, Ref):
        return name_of(value, scenario, lang)
    if isinstance(value, Msg):
        return _say(value.message, value.args, scenario, lang)
    if isinstance(value, tuple):
        names = [name_of(ref, scenario, lang) for ref in cast("tuple[Ref, ...]", value)]
        if len(names) == 1:
            return names[0]
        return tr("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])
    return value  # a number, or what the teacher typed


def _short(scenario: Scenario, actor: str) -> Any:
    found = scenario.actors[actor]
    return found.short or found.name


def _token(scenario: Scenario, source: str) -> Any:
    if "/" in source:  # a graded result's piece (format 2): "MOVE/INDEX"
        move_id, _, index = source.rpartition("/")
        return scenario.moves[move_id].roll.results[int(index)].token.label  # type: ignore[union-attr]
    move = scenario.moves.get(source)
    token = move.token if move is not None else None
    if token is None:  # placed by an event
        token = scenario.events[source].token
    assert token is not None
    return token.label


def _place(scenario: Scenario, place: str) -> Any:
    assert scenario.map is not None
    return scenario.map.places[place].name


def _roll(outcome: str) -> Callable[[Scenario, str], Any]:
    def text(scenario: Scenario, move: str) -> Any:
        roll = scenario.moves[move].roll
        assert roll is not None
        return roll.success_text if outcome == "success" else roll.failure_text

    return text


def _band(part: str) -> Callable[[Scenario, str], Any]:
    """A graded result's name or meaning (format 2), by "MOVE/INDEX" of its band."""

    def text(scenario: Scenario, band_id: str) -> Any:
        move, _, index = band_id.rpartition("/")
        roll = scenario.moves[move].roll
        assert roll is not None
        band = roll.results[int(index)]
        return band.name if part == "name" else band.text

    return text


def _resource(scenario: Scenario, rid: str) -> Any:
    resource = scenario.resources.get(rid)
    return resource.name if resource is not None else None  # format 1's political capital: resource_name


def resource_name(scenario: Scenario, rid: str, lang: str | None = None) -> str:
    """A resource's name, e.g. Intelligence; format 1's one resource is the catalogue's "political capital"."""
    resource = scenario.resources.get(rid)
    if resource is not None:
        return pick(resource.name, lang)
    with speaking(lang or language()):
        return tr("political capital")


def cost_text(scenario: Scenario, move: Move) -> str:
    """What a card costs: format 1's number ("2"); format 2's "1 Political capital, 2 Intelligence", "free"."""
    if not scenario.resources:
        return str(scenario.price(move)[0])  # the one resource goes without saying, as it always has
    parts = [
        f"{cost} {resource_name(scenario, rid)}"
        for rid, cost in zip(scenario.resource_ids, scenario.price(move), strict=True)
        if cost
    ]
    if not parts:
        return tr("free") if move.free else "0"
    return ", ".join(parts)


def cost_figure(scenario: Scenario, move: Move) -> str:
    """A card's cost in its corner: the number, or each resource's (e.g. 1·2) when there are several."""
    price = scenario.price(move)
    return str(price[0]) if len(price) == 1 else "·".join(str(cost) for cost in price)


def cap_text(scenario: Scenario, move: Move) -> str:
    """ "One a turn" (its kind's cap, format 2), or nothing."""
    cap = scenario.kinds[move.kind].per_turn if move.kind in scenario.kinds else None
    if cap is None:
        return ""
    return ntr("{kind}: one a turn", "{kind}: {n} a turn", cap, kind=pick(scenario.kinds[move.kind].name))


def purse_text(scenario: Scenario, amounts: tuple[int, ...], left: tuple[int, ...] | None = None) -> str:
    """What a team holds: "Political capital 3, Intelligence 1" (with ``left``: "2 of 3 left" of each)."""
    parts = []
    for index, rid in enumerate(scenario.resource_ids):
        name = resource_name(scenario, rid)
        if left is None:
            parts.append(tr("{resource}: {amount}", resource=name, amount=amounts[index]))
        else:
            parts.append(
                tr("{resource}: {left} of {budget} left", resource=name, left=left[index], budget=amounts[index])
            )
    return "  ·  ".join(parts)


def others_text(scenario: Scenario, purses: Mapping[str, tuple[int | None, ...]]) -> str:
    """Other teams' public amounts (format 2): "Red: Political capital 2", or "" when none is public."""
    parts = []
    for actor, amounts in purses.items():
        shown = [
            f"{resource_name(scenario, rid)} {amount}"
            for rid, amount in zip(scenario.resource_ids, amounts, strict=True)
            if amount is not None
        ]
        if shown:
            actor_spec = scenario.actors[actor]
            parts.append(f"{pick(actor_spec.short or actor_spec.name)}: {', '.join(shown)}")
    return "; ".join(parts)


# Where each kind of name is found in the scenario: a text with its translations.
_TEXTS: dict[str, Callable[[Scenario, str], Any]] = {
    "actor": lambda s, i: s.actors[i].name,
    "short": _short,
    "move": lambda s, i: s.moves[i].name,
    "signal": lambda s, i: s.moves[i].signal,
    "event": lambda s, i: s.events[i].name,
    "event_text": lambda s, i: s.events[i].text,
    "ending": lambda s, i: s.endings[i].name,
    "interaction": lambda s, i: s.interactions[i].name,
    "interaction_text": lambda s, i: s.interactions[i].text,
    "drift": lambda s, i: s.drift[int(i)].name,
    "place": _place,
    "token": _token,
    "success": _roll("success"),
    "failure": _roll("failure"),
    "band": _band("name"),
    "band_text": _band("text"),
    "fact": lambda s, i: s.facts[i].text,
    "resource": _resource,
}


def name_of(ref: Ref, scenario: Scenario, lang: str) -> str:
    """A name in a language, from the scenario; its English as the log has it when the scenario lacks it."""
    if ref.kind == "track" and ref.id in scenario.all_tracks:
        return track_label(scenario, ref.id, lang)
    if ref.kind == "resource":
        return resource_name(scenario, ref.id, lang)
    find = _TEXTS.get(ref.kind)
    if find is None:
        return ref.name  # e.g. a roll's formula: English words only
    try:
        text = find(scenario, ref.id)
    except (KeyError, IndexError, ValueError, AssertionError):
        return ref.name
    return pick(text, lang) if text else ref.name


def scenario_texts(value: object) -> Iterator[Text]:
    """Every scenario text reachable from a scenario object (names, signals, event texts...)."""
    if isinstance(value, Text):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            yield from scenario_texts(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from scenario_texts(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from scenario_texts(item)


def track_label(scenario: Scenario, ref: str, lang: str) -> str:
    """A track's label, as the loader makes it: an actor's track is named after its actor (a fact: its sentence)."""
    fact = fact_id(ref)
    if fact is not None:
        return pick(scenario.facts[fact].text, lang)
    track = scenario.all_tracks[ref]
    owner = scenario.track_owner.get(ref)
    if owner is None:
        return pick(track.name, lang)
    actor = scenario.actors[owner]
    return f"{pick(actor.short or actor.name, lang)} {pick(track.name, lang)}"


class LogWords:
    """A game's log said in one language (the report's): entries, the reasons of changes, track labels."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.lang = lang

    def entry(self, entry: LogEntry) -> str:
        return log_text(entry, self.scenario, self.lang)

    def reason(self, entry: LogEntry) -> str | None:
        """Why a track changed ('Missile test (DPRK), dice failure'), or None if the entry does not say."""
        why = dict(entry.args).get("why")
        if why is None:
            return None
        if self.lang == SOURCE:
            return str(english_of(why))
        with speaking(self.lang):
            return str(_value(why, self.scenario, self.lang))

    def label(self, ref: str) -> str:
        return track_label(self.scenario, ref, self.lang)
