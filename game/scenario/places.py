"""Format 2 place values: `map.places.berlin.values: {stability: 3}` made tracks (`berlin.stability`).

A place value is a track with no owner, whose limits, visibility and name come from
`map.place_values`, and whose start is the place's own. Made tracks at load time, it is
read in formulas, changed by effects, seen in the views, written in the log and the report
like any other track, and the engine and the bots need no idea of places at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from game.scenario import model as m
from game.scenario.intervals import bounds_of

if TYPE_CHECKING:
    from game.scenario.load import Checker

#: A place may not take this id: templates read `place.VALUE` in their `where`.
PLACE = "place"


def place_tracks(scenario: m.Scenario) -> dict[str, tuple[m.Track, str, tuple[str, str]]]:
    """Each place value as a track: ref -> (track, English label, (place id, value name)), in file order."""
    region = scenario.map
    if region is None or not region.place_values:
        return {}
    out = {}
    for place_id, place in region.places.items():
        for name, start in place.values.items():
            spec = region.place_values.get(name)
            if spec is None:
                continue  # an unknown value name: the checker says so
            track = m.Track(
                name=_joined(place.name, spec.name),
                min=spec.min,
                max=spec.max,
                start=start,
                visible=spec.visible,
                estimate=spec.estimate,
                visible_to=spec.visible_to,
                good=spec.good,
                unit=spec.unit,
                description=spec.description,
            )
            out[f"{place_id}.{name}"] = (track, f"{place.name} {spec.name}", (place_id, name))
    return out


def _joined(place: m.Text, value: m.Text) -> m.Text:
    """'Berlin Stability' in each language either text has (a language one lacks falls back to English)."""
    langs = dict.fromkeys([*place.values, *value.values])
    return m.Text({lang: f"{place.get(lang)} {value.get(lang)}" for lang in langs})


def check_places(c: Checker) -> None:
    """Place values: a format-2 key, well-formed limits, known names, starts within limits; place ids that
    cannot be mistaken for an actor (whose tracks are read ACTOR.TRACK too) or a track."""
    region = c.s.map
    if region is None:
        return
    if region.place_values:
        c.format2(("map", "place_values"), "place_values")
    for name, spec in region.place_values.items():
        path = ("map", "place_values", name)
        if not _is_id(name):
            c.r.add(path, f"the value name {name!r} must be a lowercase id such as stability", key=True)
        if spec.min >= spec.max:
            c.r.add((*path, "max"), f"max ({spec.max}) must be more than min ({spec.min})")
        if spec.estimate < 0:
            c.r.add((*path, "estimate"), "estimate cannot be negative")
        if spec.visible_to:
            c.check_audience((*path, "visible_to"), spec.visible_to)
    used = {name for place in region.places.values() for name in place.values}
    for name in region.place_values:
        if name not in used:
            c.r.warn(
                ("map", "place_values", name), f"no place has the value {name!r}: give it in a place's values", key=True
            )
    _warn_removals(c)
    for place_id, place in region.places.items():
        base = ("map", "places", place_id)
        _check_place_id(c, place_id, bool(place.values or region.place_values))
        if place.values:
            c.format2((*base, "values"), "values")
        for name, start in place.values.items():
            where = (*base, "values", name)
            if not c.ref(where, name, region.place_values, "place value", key=True):
                continue
            spec = region.place_values[name]
            if not spec.min <= start <= spec.max:
                c.r.add(where, f"{place_id}.{name} starts at {start}, outside its limits ({spec.min}..{spec.max})")


def _check_place_id(c: Checker, place_id: str, valued: bool) -> None:
    """A place whose values are tracks needs an id of its own: `usa.alert` must say one thing."""
    if not valued:
        return  # format 1 maps keep loading as they always did
    path = ("map", "places", place_id)
    if not _is_id(place_id):
        c.r.add(
            path, f"the place id {place_id!r} must be a lowercase id: its values are read {place_id}.VALUE", key=True
        )
    elif place_id in c.s.actors:
        c.r.add(
            path,
            f"the place {place_id!r} has the id of an actor: {place_id}.VALUE would name both a place value and"
            " the actor's track; rename the place",
            key=True,
        )
    elif place_id in c.s.tracks or place_id in c.s.values:
        c.r.add(path, f"the place {place_id!r} has the name of a track or value; rename the place", key=True)
    elif place_id == PLACE:
        c.r.add(path, "a place cannot be called 'place': templates read place.VALUE of each place", key=True)


def _is_id(text: str) -> bool:
    from game.scenario.load import ID_PATTERN, RESERVED_NAMES

    return bool(ID_PATTERN.match(text)) and text not in RESERVED_NAMES


def check_token_extras(c: Checker, path: tuple[str | int, ...], token: m.Token) -> None:
    """A token's format-2 keys: a value formula (within the numbers a piece can show), removal, a limit."""
    from game.scenario.load import MAX_NUMBER

    if token.value is not None:
        c.format2((*path, "value"), "a token's value")
        if c.check_expr((*path, "value"), token.value) and token.value.error is None:
            reach = bounds_of(token.value.tree, {**c.env_bounds, **c.local})  # a band's token reads `margin`
            if reach.low < -MAX_NUMBER or reach.high > MAX_NUMBER:
                c.r.add((*path, "value"), f"the value can reach beyond ±{MAX_NUMBER}: a piece shows a short number")
        if token.remove:
            c.r.warn((*path, "value"), "a token that is removed shows no value: `value` does nothing here")
    if token.remove:
        c.format2((*path, "remove"), "remove")
        if token.max is not None:
            c.r.warn((*path, "max"), "a token that is removed is not placed: `max` does nothing here")
    if token.max is not None:
        c.format2((*path, "max"), "a token's max")
        if token.max < 1:
            c.r.add((*path, "max"), "max must be at least 1 (leave the token out to place none)")


def token_spec(scenario: m.Scenario, source: str, label: str) -> m.Token | None:
    """The token a piece on the board was placed by: its move's or event's, or one of the move's graded
    results' (format 2), matched by its English label (the state keeps that, so saves replay in any language)."""
    move = scenario.moves.get(source)
    if move is not None:
        specs = [move.token, *(band.token for band in move.roll.results)] if move.roll else [move.token]
    else:
        event = scenario.events.get(source)
        specs = [event.token] if event is not None else []
    return next((spec for spec in specs if spec is not None and str(spec.label) == label), None)


def _tokens(s: m.Scenario) -> list[tuple[tuple[str | int, ...], m.Token]]:
    """Every token of the file, where it stands: moves', their results', and events'."""
    found: list[tuple[tuple[str | int, ...], m.Token]] = []
    for move_id, move in s.moves.items():
        if move.token is not None:
            found.append((("moves", move_id, "token"), move.token))
        for index, band in enumerate(move.roll.results if move.roll else ()):
            if band.token is not None:
                found.append((("moves", move_id, "roll", "results", index, "token"), band.token))
    found += [(("events", event_id, "token"), e.token) for event_id, e in s.events.items() if e.token is not None]
    return found


def _warn_removals(c: Checker) -> None:
    """A piece taken off a place where nothing ever puts one (a label misspelt, a wrong place) does nothing."""
    tokens = _tokens(c.s)
    placed = {(token.at, str(token.label)) for _, token in tokens if not token.remove}
    for path, token in tokens:
        if token.remove and (token.at, str(token.label)) not in placed:
            c.r.warn(
                (*path, "label"),
                f"nothing puts a piece labelled {str(token.label)!r} where this takes one off: it never happens",
            )


def fixed_places(scenario: m.Scenario) -> frozenset[str]:
    """The place values no effect of the scenario changes (a region that sorts places for templates): the
    debrief draws no chart of a line that cannot move. Worked out once per scenario, only for maps with values."""
    if not scenario.place_refs:
        return frozenset()
    cached = _FIXED.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        changed = {effect.track for effect in _effects_in(scenario) if effect.learn is None}
        cached = _FIXED[id(scenario)] = (scenario, frozenset(ref for ref in scenario.place_refs if ref not in changed))
    return cached[1]


_FIXED: dict[int, tuple[m.Scenario, frozenset[str]]] = {}


def _effects_in(value: object) -> list[m.Effect]:
    """Every effect anywhere in a part of the scenario (moves, results, offers, events, drift, ...)."""
    if isinstance(value, m.Effect):
        return [value]
    if isinstance(value, dict):
        return [e for item in value.values() for e in _effects_in(item)]
    if isinstance(value, tuple):
        return [e for item in value for e in _effects_in(item)]
    if isinstance(value, (m.Scenario, m.Move, m.Roll, m.Band, m.Offer, m.Agreement, m.Interaction, m.Event, m.Drift)):
        return [e for field in attrs.fields(type(value)) for e in _effects_in(getattr(value, field.name))]
    return []
