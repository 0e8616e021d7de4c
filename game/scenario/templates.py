"""Format 2 templates: a move or event written once `for_each: place`, expanded at load time.

```yaml
moves:
  coup_{place}:
    for_each: place
    where: "place.region == 1"          # read the place's values as they start
    name: {en: "Coup in {place.name}", ko: "{place.name} 쿠데타"}
    effects: [{"{place}.stability": -1}]
```

Expansion works on the plain data the YAML reader made, before anything is structured: each
place that `where` admits gets a copy of the item with `{place}` (the place's id) and
`{place.name}` (its name, in each language of a `{en, ko}` text) put in every key and text.
So the model, the checks, the engine and the bots only ever see ordinary moves, and every
position of the copy is the template's own: an error in `coup_berlin` points at the line of
`coup_{place}`.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from game.scenario.expr import Expr, ExprSyntaxError, Name, walk
from game.scenario.yamlread import Mark, Path, Positions

#: The sections whose items may be templates.
SECTIONS = ("moves", "events")
#: How many items all the templates of a file may make: far beyond a real map (a Twilight
#: Struggle board has 84 countries), small enough that a file cannot ask for millions.
MAX_EXPANDED = 2000
_PLACEHOLDER = re.compile(r"\{place(?:\.([^{}]*))?\}")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class _Problem(Exception):
    def __init__(self, path: Path, message: str, *, key: bool = False, offset: int | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.key, self.offset = path, message, key, offset


class _Reporter(Protocol):
    """What the loader's report offers: a problem at a data path (an offset into a formula's text)."""

    positions: Positions

    def add(
        self, path: Path, message: str, *, key: bool = False, offset: int | None = None, value: str | None = None
    ) -> None: ...


class Unreported:
    """A report that keeps no problems: for re-reading positions of a file that loaded already."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions

    def add(
        self, path: Path, message: str, *, key: bool = False, offset: int | None = None, value: str | None = None
    ) -> None:
        return None


def has_templates(data: dict[Any, Any]) -> bool:
    """Whether any move or event of the file is a template (most files: no, and nothing is done)."""
    return any(
        isinstance(items, dict)
        and any(isinstance(item, dict) and ("for_each" in item or "where" in item) for item in items.values())
        for items in (data.get(section) for section in SECTIONS)
    )


def expand_templates(data: dict[Any, Any], report: _Reporter) -> dict[Any, Any]:
    """The data with every template replaced by its copies, one per place, in the template's place."""
    if data.get("format") != 2:
        for section in SECTIONS:
            for key, item in _items(data, section):
                if isinstance(item, dict) and "for_each" in item:
                    report.add(
                        (section, key, "for_each"),
                        "for_each is a format-2 key: write 'format: 2' at the top of the file",
                    )
        return data
    places = _places(data)
    out = dict(data)
    room = MAX_EXPANDED
    for section in SECTIONS:
        if isinstance(data.get(section), dict):
            out[section], room = _expand_section(section, data[section], places, report, room)
    return out


def _expand_section(
    section: str, items: dict[Any, Any], places: dict[str, dict[Any, Any]], report: _Reporter, room: int
) -> tuple[dict[Any, Any], int]:
    """One section's items, each template replaced by its copies; and how many copies may still be made."""
    expanded: dict[Any, Any] = {}
    origin: dict[Any, Any] = {}  # id -> the key that made it
    for key, item in items.items():
        if not (isinstance(item, dict) and "for_each" in item):
            if isinstance(item, dict) and "where" in item:
                report.add((section, key, "where"), "where chooses the places of a template: it needs for_each: place")
            _put(report, section, expanded, origin, key, key, item)
            continue
        try:
            copies = _expand(section, key, item, places)
        except _Problem as problem:
            report.add(problem.path, problem.message, key=problem.key, offset=problem.offset, value=_where(item))
            continue
        room -= len(copies)
        if room < 0:
            report.add((section, key), f"the templates make more than {MAX_EXPANDED} items", key=True)
            break
        marks = _marks_under(report.positions, (section, key))
        for new_key, place_id, copy in copies:
            _alias(report.positions, marks, (section, new_key), place_id, places[place_id])
            _put(report, section, expanded, origin, new_key, key, copy)
    return expanded, room


def _items(data: dict[Any, Any], section: str) -> list[tuple[Any, Any]]:
    items = data.get(section)
    return list(items.items()) if isinstance(items, dict) else []


def _where(item: dict[Any, Any]) -> str | None:
    where = item.get("where")
    return where if isinstance(where, str) else None


def _put(
    report: _Reporter, section: str, out: dict[Any, Any], origin: dict[Any, Any], key: Any, source: Any, item: Any
) -> None:
    """Add one item, unless its id is taken: a clash is an error at the template (or item) that made it."""
    if key in out:
        first = origin[key]
        said = f"the template {first!r}" if first != key else "an item above"
        report.add(
            (section, source),
            f"the id {key!r} is made twice: {said} has it already; give the template's id a {{place}}",
            key=True,
        )
        return
    out[key] = item
    origin[key] = source


def _places(data: dict[Any, Any]) -> dict[str, dict[Any, Any]]:
    """The map's places as written (the structuring pass reports a malformed one)."""
    region = data.get("map")
    places = region.get("places") if isinstance(region, dict) else None
    if not isinstance(places, dict):
        return {}
    return {pid: place for pid, place in places.items() if isinstance(pid, str) and isinstance(place, dict)}


def _expand(
    section: str, key: Any, item: dict[Any, Any], places: dict[str, dict[Any, Any]]
) -> list[tuple[str, str, Any]]:
    """The copies a template makes, one per place `where` admits: (id, place id, item)."""
    base: Path = (section, key)
    if item["for_each"] != "place":
        raise _Problem(
            (*base, "for_each"), f"for_each takes `place` (one copy per place of the map), not {item['for_each']!r}"
        )
    if not places:
        raise _Problem((*base, "for_each"), "for_each: place needs places: add them under map.places")
    if not isinstance(key, str) or "{place}" not in key:
        raise _Problem(
            base, "a template's id must hold {place}, e.g. coup_{place}, so that each copy has its own", key=True
        )
    admits = _condition(base, item.get("where"))
    body = {k: v for k, v in item.items() if k not in ("for_each", "where")}
    copies = []
    for place_id, place in places.items():
        if admits is not None and not admits(place):
            continue
        copy = _fill(body, place_id, place, None, base)
        copies.append((_fill_text(key, place_id, place, None, base), place_id, copy))
    if not copies:
        raise _Problem((*base, "where"), "no place meets this condition: the template makes nothing")
    return copies


def _condition(base: Path, where: Any) -> Any:
    """`where: "place.region == 1"` as a test of a place's values (None: every place)."""
    if where is None:
        return None
    path = (*base, "where")
    if not isinstance(where, str):
        raise _Problem(path, 'where is a condition on the place\'s values, e.g. "place.region == 1"')
    try:
        expr = Expr.parse(where)
    except ExprSyntaxError as error:
        raise _Problem(path, f"in {where!r}: {error.message}", offset=error.offset) from None
    names = [n for n in walk(expr.tree) if isinstance(n, Name)]
    for node in names:
        if not node.name.startswith("place."):
            raise _Problem(
                path,
                f"in {where!r}: where reads the place's values as place.VALUE, not {node.name!r}",
                offset=node.offset,
            )

    def admits(place: dict[Any, Any]) -> bool:
        values = place.get("values")
        known = {f"place.{k}": v for k, v in values.items() if isinstance(v, int)} if isinstance(values, dict) else {}
        if any(node.name not in known for node in names):
            return False  # a place without the value the condition reads is not one it means
        return bool(expr(_Values(known)))

    return admits


class _Values:
    """The environment `where` runs in: the place's values, nothing of a game."""

    def __init__(self, tracks: dict[str, int]) -> None:
        self.tracks = tracks
        self.turn = 0
        self.played: dict[str, int] = {}
        self.played_kinds: dict[str, int] = {}
        self.ever: dict[str, int] = {}


def _fill(value: Any, place_id: str, place: dict[Any, Any], lang: str | None, path: Path) -> Any:
    """A copy of a template's data with the place put in every key and text (texts in their language)."""
    if isinstance(value, str):
        return _fill_text(value, place_id, place, lang, path)
    if isinstance(value, list):
        return [_fill(item, place_id, place, lang, (*path, index)) for index, item in enumerate(value)]
    if isinstance(value, dict):
        texts = value and all(isinstance(k, str) and _LANG.match(k) and isinstance(v, str) for k, v in value.items())
        out = {}
        for key, item in value.items():
            new_key = _fill_text(key, place_id, place, None, (*path, key)) if isinstance(key, str) else key
            out[new_key] = _fill(item, place_id, place, key if texts else lang, (*path, key))
        return out
    return value


def _fill_text(text: str, place_id: str, place: dict[Any, Any], lang: str | None, path: Path) -> str:
    def said(match: re.Match[str]) -> str:
        what = match.group(1)
        if what is None:
            return place_id
        if what == "name":
            return _name(place.get("name"), lang) or place_id
        raise _Problem(
            path,
            f"{match.group()} is not known: a template fills in {{place}} (the id) and {{place.name}};"
            f" read a value as the game goes in a formula, as {{place}}.{what}",
        )

    return _PLACEHOLDER.sub(said, text) if "{place" in text else text


def _name(name: Any, lang: str | None) -> str | None:
    """A place's name in a language: its own text in it, else English, else the first it has."""
    if isinstance(name, str):
        return name
    if isinstance(name, dict) and name:
        found = name.get(lang) if lang else None
        found = found or name.get("en") or next(iter(name.values()))
        return found if isinstance(found, str) else None
    return None


def _marks_under(positions: Positions, old: Path) -> list[tuple[bool, Path, Mark]]:
    """Every position inside a template: (is a key's, path below the template, mark)."""
    size = len(old)
    return [
        (is_key, path[size:], mark)
        for is_key, table in ((False, positions.values), (True, positions.keys))
        for path, mark in table.items()
        if path[:size] == old
    ]


def _alias(positions: Positions, marks: list[tuple[bool, Path, Mark]], new: Path, place_id: str, place: Any) -> None:
    """Give the copy's paths the template's positions, so that its problems point at the template."""
    for is_key, below, mark in marks:
        rest = tuple(_fill_text(p, place_id, place, None, below) if isinstance(p, str) else p for p in below)
        (positions.keys if is_key else positions.values)[(*new, *rest)] = mark


#: What an editor's schema accepts as the id of a move or event: an id, or a template's with {place}.
TEMPLATE_ID_PATTERN = r"^([a-z]|\{place\})([a-z0-9_]|\{place\})*$"


def add_to_schema(schema: dict[str, Any]) -> None:
    """Let an editor's schema take the ids of templates (format 2): `coup_{place}` among the moves and events."""
    for section in ("moves", "events"):
        schema["properties"][section]["propertyNames"]["pattern"] = TEMPLATE_ID_PATTERN
