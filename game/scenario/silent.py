"""Warnings about an author's silent mistakes: files that load and play, but not as meant.

Each is a warning (``validate --strict`` makes it an error), at the file position of what to
change: two cards or teams with the same name in a language, a change of +0, a roll that can
never fail or never succeed, a free card a team can play in a turn when its budget is 0, a team
without a main objective, a place whose label the board cuts off, and a character the bundled
font draws as a box.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterator
from importlib.resources import files
from typing import TYPE_CHECKING

from game.scenario import model as m
from game.scenario.intervals import bounds_of
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.load import Checker

DICE = re.compile(r"^(\d+)d(\d+)$")

# The board's map, as the play screen draws it in a 1920×1080 window (game/ui/scenes/play.py;
# tests/ui/test_map_margin.py checks these against it): the map panel's size, and a place's
# dot, its label to the right in the small font, and a token drawn above it.
MAP_BOX = (576, 632)
LABEL_FONT = 21
LABEL_GAP = 8
TOKEN_RISE = 10 + 21 + 8
#: The estimate is within a few pixels of the drawn width; a warning needs a little more to be sure.
SURE = 0.97


def check_silent(checker: Checker) -> None:
    """Every check of this module, on the checker's scenario."""
    check_duplicate_names(checker)
    check_zero_effects(checker)
    check_rolls(checker)
    check_free_moves(checker)
    check_main_objectives(checker)
    check_map_margins(checker)
    check_font(checker)


# --- names ------------------------------------------------------------------------------------


def check_duplicate_names(checker: Checker) -> None:
    """Two cards, tracks or teams that players cannot tell apart in some language."""
    s = checker.s
    groups: list[tuple[Path, str, str, dict[str, m.Text]]] = [
        (("tracks",), "track", "name", {k: v.name for k, v in s.tracks.items()}),
        (("actors",), "actor", "name", {k: v.name for k, v in s.actors.items()}),
        (("actors",), "actor", "short", {k: v.short for k, v in s.actors.items() if v.short is not None}),
    ]
    for actor_id, actor in s.actors.items():
        groups.append((("actors", actor_id, "tracks"), "track", "name", {k: v.name for k, v in actor.tracks.items()}))
    for actor_id in s.actors:  # cards in one team's hand (different teams' cards are told apart by who plays)
        groups.append((("moves",), "move", "name", {k: s.moves[k].name for k in s.moves_of(actor_id)}))
    warned: set[tuple[Path, str]] = set()
    for base, what, field, names in groups:
        seen: dict[tuple[str, str], str] = {}
        for ident, text in names.items():
            for lang, value in text.values.items():
                folded = " ".join(value.casefold().split())
                if not folded:
                    continue
                first = seen.setdefault((lang, folded), ident)
                if first != ident and ((*base, ident), lang) not in warned:
                    warned.add(((*base, ident), lang))
                    where = (
                        (*base, ident, field, lang) if len(text.values) > 1 or lang != "en" else (*base, ident, field)
                    )
                    checker.r.warn(
                        where,
                        f"the {what} {ident!r} has the same {field} as {first!r} in {lang} ({value!r}): "
                        "players cannot tell them apart",
                    )


# --- effects and rolls ----------------------------------------------------------------------


def effect_lists(s: m.Scenario) -> Iterator[tuple[Path, tuple[m.Effect, ...]]]:
    """Every list of effects in the scenario, with its path in the file."""
    for move_id, move in s.moves.items():
        base: Path = ("moves", move_id)
        yield (*base, "effects"), move.effects
        if move.roll is not None:
            yield (*base, "roll", "success"), move.roll.success
            yield (*base, "roll", "failure"), move.roll.failure
        if move.offer is not None:
            for answer in ("accept", "reject", "ignore"):
                yield (*base, "offer", answer), getattr(move.offer, answer)
            if move.offer.agreement is not None:
                yield (*base, "offer", "agreement", "broken"), move.offer.agreement.broken
                yield (*base, "offer", "agreement", "kept"), move.offer.agreement.kept
    for inter_id, inter in s.interactions.items():
        yield ("interactions", inter_id, "effects"), inter.effects
    for event_id, event in s.events.items():
        yield ("events", event_id, "effects"), event.effects
    for index, drift in enumerate(s.drift):
        yield ("drift", index, "effects"), drift.effects


def check_zero_effects(checker: Checker) -> None:
    """A change of +0 does nothing: usually a number left out or a sign typed as 0."""
    for path, effects in effect_lists(checker.s):
        for effect in effects:
            if effect.delta == 0 and effect.gain is None:  # a gain of 0 is told at its amount (spending.py)
                checker.r.warn(
                    (*path, *effect.where, effect.track),
                    f"a change of +0 to {effect.track!r} does nothing; give the number of steps, e.g. +1 or -1",
                )


def check_rolls(checker: Checker) -> None:
    """A roll decided before the dice are thrown: the target out of reach, or always met."""
    for move_id, move in checker.s.moves.items():
        roll = move.roll
        dice = DICE.match(roll.dice) if roll is not None else None
        if roll is None or dice is None or (roll.plus is not None and roll.plus.error is not None):
            continue
        count, sides = int(dice[1]), int(dice[2])
        plus = bounds_of(roll.plus.tree, checker.env_bounds) if roll.plus is not None else None
        low, high = (plus.low, plus.high) if plus is not None else (0, 0)
        with_plus = f" {roll.plus.source!r}" if roll.plus is not None else ""
        if count * sides + high < roll.target:
            checker.r.warn(
                ("moves", move_id, "roll", "target"),
                f"the roll of {move_id!r} can never succeed: {roll.dice}{' +' + with_plus if with_plus else ''} "
                f"reaches at most {count * sides + high}, below the target {roll.target}",
            )
        elif count + low >= roll.target:
            checker.r.warn(
                ("moves", move_id, "roll", "target"),
                f"the roll of {move_id!r} always succeeds: {roll.dice}{' +' + with_plus if with_plus else ''} "
                f"is at least {count + low}, the target is {roll.target}",
            )


# --- budgets and objectives ------------------------------------------------------------------


def check_free_moves(checker: Checker) -> None:
    """A card costing 0 stays playable when a team's budget is 0, as in a turn meant to be another's."""
    s = checker.s
    if s.format >= 2:
        return  # format 2: a team with nothing left plays only moves marked `free` (spending.check_cost)
    for move_id, move in s.moves.items():
        if move.cost != 0:
            continue
        for actor_id in move.by:
            actor = s.actors.get(actor_id)
            if actor is None or actor.budget.error is not None or actor.facilitator:
                continue  # the umpire's rulings are free by design (format 2)
            if bounds_of(actor.budget.tree, checker.env_bounds).low <= 0:
                checker.r.warn(
                    ("moves", move_id, "cost"),
                    f"the move {move_id!r} costs 0, so {actor_id!r} can play it even in a turn when its budget "
                    f"({actor.budget.source!r}) is 0: a budget of 0 does not stop free moves; give it a cost, "
                    "or a `requires` that rules those turns out",
                )
                break


def check_main_objectives(checker: Checker) -> None:
    """simulate reports how often each team meets its main objective: a team with objectives needs one.
    (A team with none at all is left alone: a first draft, or a team that only plays a part.)"""
    for actor_id, actor in checker.s.actors.items():
        if actor.objectives and not any(o.main for o in actor.objectives.values()):
            checker.r.warn(
                ("actors", actor_id, "objectives"),
                f"the actor {actor_id!r} has no main objective: mark one `main: true` "
                "(simulate reports how often each team meets its main objective)",
                key=True,
            )


# --- the board ------------------------------------------------------------------------------


def label_width(text: str, size: int = LABEL_FONT) -> float:
    """About how many pixels a label takes in the board's font, from its advance widths."""
    widths = font_widths()
    wide = widths[-1]
    return sum(widths.get(ord(c), wide) for c in text) * size / 1000


@functools.cache
def font_widths() -> dict[int, int]:
    """Advance widths (1/1000 em) of the regular font; key -1: any character not listed."""
    widths: dict[int, int] = {}
    for line in _package_text("font_widths.txt").splitlines():
        if line and not line.startswith("#"):
            point, _, width = line.partition(" ")
            widths[-1 if point == "*" else int(point, 16)] = int(width)
    return widths


def _package_text(name: str) -> str:
    return files("game.scenario").joinpath(name).read_text(encoding="utf-8")


def check_map_margins(checker: Checker) -> None:
    """A place the board draws so near the map's edge that its label or a token there is cut off."""
    region = checker.s.map
    if region is None:
        return
    (west, east), (south, north) = region.lon, region.lat
    if not (west < east and south < north):
        return  # the loader says so
    squeeze = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * squeeze, north - south
    scale = min(MAP_BOX[0] / width, MAP_BOX[1] / height)
    left, top = (MAP_BOX[0] - width * scale) / 2, (MAP_BOX[1] - height * scale) / 2
    for place_id, place in region.places.items():
        if not (west <= place.lon <= east and south <= place.lat <= north):
            continue  # "lies outside the map" says so
        x = left + (place.lon - west) * squeeze * scale
        y = top + (north - place.lat) * scale
        names = {str(v) for v in place.name.values.values()}
        widest = SURE * max(label_width(name) for name in names)
        over = []
        if x + LABEL_GAP + widest > MAP_BOX[0]:
            over.append(f"its name runs about {round(x + LABEL_GAP + widest - MAP_BOX[0])} px past the east edge")
        if y - TOKEN_RISE < 0:
            over.append("a token there is cut off at the north edge")
        if y + LABEL_FONT * 0.6 > MAP_BOX[1]:
            over.append("its name is cut off at the south edge")
        if over:
            checker.r.warn(
                ("map", "places", place_id),
                f"the board crops the place {place_id!r}: {' and '.join(over)} (at 1920×1080); "
                "move it inward, widen the map's lon/lat or shorten the name",
                key=True,
            )


# --- the font ---------------------------------------------------------------------------------


@functools.cache
def font_chars() -> frozenset[int]:
    """Code points the bundled fonts draw (from the list tools/font_chars.py writes)."""
    points: set[int] = set()
    for line in _package_text("font_chars.txt").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


def check_font(checker: Checker) -> None:
    """A character the font lacks is drawn as a box: say which, where, and what to type instead."""
    from game.scenario.texts import scenario_texts  # texts imports load, which imports this module

    known = _font_letters()
    for path, text in scenario_texts(checker.s):
        keyed = len(text.values) > 1 or "en" not in text.values
        for lang, value in text.values.items():
            lacking = set(value).difference(known)  # one C-speed pass; a text is searched only if it lacks one
            offset = next((i for i, c in enumerate(value) if c in lacking and not c.isspace()), None)
            if offset is None:
                continue
            char = value[offset]
            checker.r.add(
                (*path, lang) if keyed else path,
                f"the bundled font has no {char!r} (U+{ord(char):04X} {unicodedata.name(char, '?')}): "
                f"the board draws it as a box{_instead(char)}",
                offset=offset,
                value=value,
                severity="warning",
            )


@functools.cache
def _font_letters() -> frozenset[str]:
    return frozenset(map(chr, font_chars()))


#: What to type instead of characters authors paste from word processors.
REPLACEMENTS = {"\u2212": "-", "\u2011": "-", "\u2010": "-", "\u00ad": "", "\u2009": " ", "\u202f": " "}


def _instead(char: str) -> str:
    if char not in REPLACEMENTS:
        return ""
    instead = REPLACEMENTS[char]
    return f"; type {instead!r} instead" if instead else "; delete it"
