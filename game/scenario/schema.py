"""The JSON Schema of scenario files, derived from the attrs model so that it cannot drift.

Every attrs class in ``model.py`` becomes an object schema whose properties are its fields
(minus ``model.DERIVED_FIELDS``), described by each field's ``doc`` metadata, so editors
with yaml-language-server complete keys and show hover help. Types the loader reads in its
own way (``Text``, ``Expr``, effects, id lists) get the shapes its cattrs hooks accept.

The schema checks shapes and the limits of ``load.py`` (ids, lengths, numeric ranges);
references, expressions, reachability and the relations between values (min < max, a
start between them) are the loader's. Dates are text: an unquoted 2023-07-20 is a date to
an editor's YAML reader, which the schema refuses as the loader does.
"""

from __future__ import annotations

import json
import types
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from game.scenario import load, plans
from game.scenario import model as m
from game.scenario.expr import MAX_LENGTH as EXPR_MAX_LENGTH
from game.scenario.expr import Expr, Num
from game.scenario.templates import add_to_schema

Schema = dict[str, Any]

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://deterrence-dialogue.invalid/scenario.schema.json"
TITLE = "Deterrence & Dialogue scenario"

#: Mapping fields whose keys are ids (lowercase letters, digits and '_').
ID_MAPS = frozenset(
    {
        "actors",
        "tracks",
        "moves",
        "kinds",
        "events",
        "interactions",
        "endings",
        "objectives",
        "places",
        "place_values",
        "temperaments",
        "sources",
        "pauses",
        "resources",
    }
)
#: String fields with a fixed form, by field name.
FIELD_PATTERNS = {"colour": load.COLOUR_PATTERN.pattern, "dice": load.DICE_PATTERN.pattern}
#: Numbers with a range of their own (every other number lies within ±load.MAX_NUMBER), by (class, field).
FIELD_RANGES: dict[tuple[type, str], tuple[int, int]] = {
    (m.Scenario, "turns"): (1, load.MAX_TURNS),
    (m.Turns, "min"): (1, load.MAX_TURNS),
    (m.Turns, "max"): (1, load.MAX_TURNS),
    (m.Event, "turn"): (1, load.MAX_TURNS),
    (m.Agreement, "turns"): (1, load.MAX_TURNS),
    (m.Token, "turns"): (0, load.MAX_TURNS),
    (m.Move, "cost"): (0, load.MAX_BUDGET),
    (m.Move, "limit"): (1, load.MAX_NUMBER),
    (m.Track, "estimate"): (0, load.MAX_NUMBER),
    (m.Actor, "budget"): (-load.MAX_BUDGET, load.MAX_BUDGET),
    (m.Map, "lon"): (-180, 180),
    (m.Map, "lat"): (-90, 90),
    (m.Lesson, "games"): (plans.MIN_GAMES, plans.MAX_GAMES),
}
#: Sections that must hold at least one entry.
NON_EMPTY = frozenset({"actors", "endings"})
INT_KEY_PATTERN = r"^-?[0-9]+$"
#: Model classes the loader reads in a shape of their own rather than key by key.
OWN_SHAPES = (m.Text, m.Effect, m.Learn, m.Gain)

SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}

EXPR_DOC = (
    "A number, or a formula or condition in quotes. It may use track ids (tension) and "
    "ACTOR.TRACK (rok.assurance), turn, whole numbers, + - * // %, comparisons "
    "(< <= > >= == !=), and, or, not, parentheses, and the functions played(move) (times played "
    "this turn), played_kind(kind), ever(move) (times played so far), min(a, b), max(a, b), abs(x). "
    "A condition holds when it is not 0, e.g. 'tension >= 6 and not played(summit)'."
)
EFFECTS_DOC = "Track changes: a list such as [{tension: +1}, {rok.assurance: -2}], or a single {track: change}."
IDS_DOC = "A list of ids such as [us, rok], or a single id."
PROFILES_DOC = "A profile such as {us: us_balanced, rok: random}, or a list of them."


def ref(name: str) -> Schema:
    """A reference to a schema in ``definitions``."""
    return {"$ref": f"#/definitions/{name}"}


def _doc(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    text = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.split())


def _text(limit: int) -> list[Schema]:
    """A text of at most `limit` characters: plain, or a map of languages."""
    string = {"type": "string", "maxLength": limit}
    lang = {"pattern": load.LANG_PATTERN.pattern}
    text_map = {"type": "object", "propertyNames": lang, "additionalProperties": string, "minProperties": 1}
    return [string, text_map]


def _number(kind: str = "integer", low: int = -load.MAX_NUMBER, high: int = load.MAX_NUMBER) -> Schema:
    return {"type": kind, "minimum": low, "maximum": high}


def _learn() -> Schema:
    """Format 2's intelligence effect: {learn: TRACK, by: ACTOR, width: N}."""
    return {
        "description": _doc(m.Learn) + " Written {learn: TRACK, by: ACTOR, width: N}.",
        "type": "object",
        "required": ["learn", "by"],
        "additionalProperties": False,
        "properties": {
            "learn": {"type": "string", "description": "The track whose range narrows."},
            "by": {"type": "string", "description": attrs.fields(m.Learn).by.metadata["doc"]},
            "width": {**_number(low=0), "description": attrs.fields(m.Learn).width.metadata["doc"]},
        },
    }


def _fact() -> Schema:
    """Format 2's fact effect: {fact: ID} makes it true, {fact: ID, clear: true} false again."""
    return {
        "description": "Format 2: make a fact true, {fact: ID}, or false again, {fact: ID, clear: true}.",
        "type": "object",
        "required": ["fact"],
        "additionalProperties": False,
        "properties": {
            "fact": {"type": "string", "description": "The id of one of the scenario's facts."},
            "clear": {"type": "boolean", "description": "Make the fact false again (default: make it true)."},
        },
    }


def _gain() -> Schema:
    """Format 2's resource effect: {gain: RESOURCE, amount: N, to: ACTOR}."""
    return {
        "description": _doc(m.Gain) + " Written {gain: RESOURCE, amount: N, to: ACTOR}, for the next turn.",
        "type": "object",
        "required": ["gain"],
        "additionalProperties": False,
        "properties": {
            "gain": {"type": "string", "description": "The resource, e.g. intel."},
            "amount": {**_number(), "description": "How much (negative: taken away).", "default": 1},
            "to": {"type": "string", "description": attrs.fields(m.Gain).to.metadata["doc"]},
        },
    }


def _own_shapes() -> dict[str, Schema]:
    """Schemas of the types the loader's hooks read in a shape of their own."""
    computed = {  # format 2: a change worked out when it happens
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {"add": ref("Expr"), "set": ref("Expr")},
        "additionalProperties": False,
    }
    changes = {"type": "object", "minProperties": 1, "additionalProperties": {"anyOf": [_number(), computed]}}
    branch = {  # format 2: if/then/else
        "type": "object",
        "required": ["if"],
        "properties": {"if": ref("Expr"), "then": ref("Effects"), "else": ref("Effects")},
        "additionalProperties": False,
    }
    name_doc = f"{_doc(m.Text)} A name, drawn on one line: at most {load.MAX_NAME_LENGTH} characters."
    profile = {"type": "object", "additionalProperties": {"type": "string", "maxLength": load.MAX_TEXT_LENGTH}}
    return {
        "Text": {"description": _doc(m.Text), "anyOf": _text(load.MAX_TEXT_LENGTH)},
        "Name": {"description": name_doc, "anyOf": _text(load.MAX_NAME_LENGTH)},
        "Expr": {
            "description": EXPR_DOC,
            "anyOf": [_number(), {"type": "string", "maxLength": EXPR_MAX_LENGTH}],
        },
        "Effect": {
            "description": _doc(m.Effect)
            + " Written {TRACK: CHANGE}, e.g. {tension: +1}; format 2 also {TRACK: {add: FORMULA}},"
            " {TRACK: {set: FORMULA}}, {if: CONDITION, then: [...], else: [...]} and intelligence:"
            " {learn: TRACK, by: ACTOR, width: N}, e.g. {learn: ussr.alert, by: nato, width: 1}; facts:"
            " {fact: ID} or {fact: ID, clear: true}; resources: {gain: RESOURCE, amount: N, to: ACTOR}.",
            "anyOf": [branch, changes, ref("Learn"), _fact(), ref("Gain")],
        },
        "Learn": _learn(),
        "Gain": _gain(),
        "Effects": {"description": EFFECTS_DOC, "anyOf": [{"type": "array", "items": ref("Effect")}, ref("Effect")]},
        "Ids": {"description": IDS_DOC, "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
        "Profiles": {"description": PROFILES_DOC, "anyOf": [{"type": "array", "items": profile}, profile]},
    }


class _Builder:
    """Walks the model from a root class, collecting a definition for each class it meets."""

    def __init__(self) -> None:
        self.definitions: dict[str, Schema] = {}
        self.shapes = _own_shapes()

    def own(self, name: str) -> Schema:
        """A reference to one of the own-shape schemas, defined on first use."""
        if name not in self.definitions:
            self.definitions[name] = {}  # reserve the slot: definitions list in order of use
            if name == "Effects":
                self.own("Effect")
            if name == "Effect":
                self.own("Expr")
                self.own("Learn")
                self.own("Gain")
            self.definitions[name] = self.shapes[name]
        return ref(name)

    def cls(self, cls: type) -> Schema:
        """A reference to an attrs class's schema, defined on first use."""
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # a placeholder, so recursive models terminate
            self.definitions[name] = self.object(cls)
        return ref(name)

    def object(self, cls: type) -> Schema:
        """The object schema of an attrs class: one property per field read from the file."""
        fields = [f for f in attrs.fields(cls) if f.name not in m.DERIVED_FIELDS]
        return {
            "type": "object",
            "description": _doc(cls),
            "properties": {f.name: self.property(cls, f) for f in fields},
            "required": [f.name for f in fields if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }

    def property(self, cls: type, field: attrs.Attribute[Any]) -> Schema:
        """The schema of one field, with its documentation, default and limits."""
        schema: Schema = {"description": field.metadata.get("doc", ""), **self.type(field.type, field.name)}
        if field.name in FIELD_PATTERNS:
            schema["pattern"] = FIELD_PATTERNS[field.name]
        if (cls, field.name) in FIELD_RANGES:
            schema = _bounded(schema, *FIELD_RANGES[(cls, field.name)])
        if cls is m.Move and field.name == "cost":  # format 2's cost per resource, within the same range
            per = schema["anyOf"][1]
            per["additionalProperties"] = {**per["additionalProperties"], "minimum": 0, "maximum": load.MAX_BUDGET}
        if cls is m.Scenario and field.name == "id":
            schema.update(pattern=load.SCENARIO_ID_PATTERN.pattern, maxLength=load.MAX_ID_LENGTH)
        if field.name in NON_EMPTY:
            schema["minProperties"] = 1
        if field.name == "unit":
            schema["maxLength"] = load.MAX_NAME_LENGTH
        default = _plain_default(field)
        if default is not None:
            schema["default"] = default
        return schema

    def type(self, tp: Any, name: str = "") -> Schema:
        """The schema of a resolved type; ``name`` is the field's, for mapping keys."""
        special = {
            m.Text: "Text",
            Expr: "Expr",
            tuple[m.Effect, ...]: "Effects",
            tuple[str, ...]: "Ids",
            tuple[m.Profile, ...]: "Profiles",
        }
        if tp is m.Text and name in load.NAME_FIELDS:
            return self.own("Name")
        if tp is m.Term:  # the meaning alone (the key is the term), or the term translated too
            return {"anyOf": [self.own("Text"), self.cls(m.Term)]}
        if tp in special:
            return self.own(special[tp])
        if tp in (int, float):
            return _number(SCALARS[tp])
        if tp is str:
            return {"type": "string", "maxLength": load.MAX_TEXT_LENGTH}
        if tp in SCALARS:
            return {"type": SCALARS[tp]}
        if attrs.has(tp):
            return self.cls(tp)
        origin, args = get_origin(tp), get_args(tp)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (Union, types.UnionType):
            return self.union(args, name)
        if origin is dict:
            return self.mapping(args[0], args[1], name)
        if origin is tuple:
            return self.array(args)
        raise TypeError(f"no JSON Schema for the type {tp!r} of {name!r}")

    def union(self, args: tuple[Any, ...], name: str = "") -> Schema:
        """``X | None`` is X (the field is optional); other unions are anyOf."""
        members = [self.type(a, name) for a in args if a is not type(None)]
        return members[0] if len(members) == 1 else {"anyOf": members}

    def mapping(self, key: Any, value: Any, name: str) -> Schema:
        """A mapping: ids, numbers or free text as keys, each value of one type."""
        schema: Schema = {"type": "object"}
        if key is int:
            schema["propertyNames"] = {"pattern": INT_KEY_PATTERN}
        elif name in ID_MAPS:
            schema["propertyNames"] = {
                "pattern": load.ID_PATTERN.pattern,
                "maxLength": load.MAX_ID_LENGTH,
                "not": {"enum": sorted(load.RESERVED_NAMES)},
            }
        elif key is str:
            schema["propertyNames"] = {"maxLength": load.MAX_NAME_LENGTH}
        schema["additionalProperties"] = self.type(value, name)
        return schema

    def array(self, args: tuple[Any, ...]) -> Schema:
        """``tuple[X, ...]`` is a list of X; ``tuple[X, Y]`` a list of exactly those."""
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type(args[0])}
        items = [self.type(a) for a in args]
        one = items[0] if all(item == items[0] for item in items) else items
        return {"type": "array", "items": one, "minItems": len(args), "maxItems": len(args)}


def _bounded(schema: Schema, low: int, high: int) -> Schema:
    """The schema with its numbers (or its list's numbers) kept within low..high."""
    if "items" in schema and isinstance(schema["items"], dict):
        return {**schema, "items": {**schema["items"], "minimum": low, "maximum": high}}
    if "anyOf" in schema:
        members = [
            _bounded(member, low, high) if member.get("type") == "integer" else member for member in schema["anyOf"]
        ]
        return {**schema, "anyOf": members}
    if "$ref" in schema:  # in draft-07 a $ref's siblings are ignored; allOf keeps them
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return {**rest, "allOf": [{"$ref": schema["$ref"]}], "minimum": low, "maximum": high}
    return {**schema, "minimum": low, "maximum": high}


def _plain_default(field: attrs.Attribute[Any]) -> Any:
    """The field's default when it is a plain JSON value (or a constant formula), else None."""
    default: Any = field.default
    factory = getattr(default, "factory", None)  # an attrs.Factory
    if factory is not None:
        value = None if default.takes_self else factory()
        return value.tree.value if isinstance(value, Expr) and isinstance(value.tree, Num) else None
    return default if isinstance(default, (str, int, float, bool)) else None


def json_schema() -> Schema:
    """The JSON Schema (draft-07) of a scenario file."""
    builder = _Builder()
    root = builder.object(m.Scenario)
    header = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": TITLE}
    root["description"] = f"{root['description']} Format {m.FORMAT_VERSION}."
    schema = {**header, **root, "definitions": builder.definitions}
    add_to_schema(schema)  # format 2 templates: keys the loader expands before it structures the file
    return schema


def main_text() -> str:
    """The schema as pretty JSON text, as committed in scenarios/scenario.schema.json."""
    return json.dumps(json_schema(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    print(main_text(), end="")
