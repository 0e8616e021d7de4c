"""The JSON Schema of scenario files, derived from the attrs model so that it cannot drift.

Every attrs class in ``model.py`` becomes an object schema whose properties are its fields
(minus ``model.DERIVED_FIELDS``), described by each field's ``doc`` metadata, so editors
with yaml-language-server complete keys and show hover help. Types the loader reads in its
own way (``Text``, ``Expr``, effects, id lists) get the shapes its cattrs hooks accept.

The schema checks shapes only; references, expressions and reachability are the loader's.
"""

from __future__ import annotations

import json
import types
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from game.scenario import load
from game.scenario import model as m
from game.scenario.expr import Expr, Num

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
        "temperaments",
        "sources",
        "pauses",
    }
)
#: String fields with a fixed form, by field name.
FIELD_PATTERNS = {"colour": load.COLOUR_PATTERN.pattern, "dice": load.DICE_PATTERN.pattern}
INT_KEY_PATTERN = r"^-?[0-9]+$"
#: Model classes the loader reads in a shape of their own rather than key by key.
OWN_SHAPES = (m.Text, m.Effect)

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


def _own_shapes() -> dict[str, Schema]:
    """Schemas of the types the loader's hooks read in a shape of their own."""
    lang = {"pattern": load.LANG_PATTERN.pattern}
    text_map = {"type": "object", "propertyNames": lang, "additionalProperties": {"type": "string"}, "minProperties": 1}
    effect = {"type": "object", "minProperties": 1, "additionalProperties": {"type": "integer"}}
    profile = {"type": "object", "additionalProperties": {"type": "string"}}
    return {
        "Text": {"description": _doc(m.Text), "anyOf": [{"type": "string"}, text_map]},
        "Expr": {"description": EXPR_DOC, "anyOf": [{"type": "integer"}, {"type": "string"}]},
        "Effect": {"description": _doc(m.Effect) + " Written {TRACK: CHANGE}, e.g. {tension: +1}.", **effect},
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
            "properties": {f.name: self.property(f) for f in fields},
            "required": [f.name for f in fields if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }

    def property(self, field: attrs.Attribute[Any]) -> Schema:
        """The schema of one field, with its documentation and default."""
        schema: Schema = {"description": field.metadata.get("doc", ""), **self.type(field.type, field.name)}
        if field.name in FIELD_PATTERNS:
            schema["pattern"] = FIELD_PATTERNS[field.name]
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
        if tp in special:
            return self.own(special[tp])
        if tp in SCALARS:
            return {"type": SCALARS[tp]}
        if attrs.has(tp):
            return self.cls(tp)
        origin, args = get_origin(tp), get_args(tp)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (Union, types.UnionType):
            return self.union(args)
        if origin is dict:
            return self.mapping(args[0], args[1], name)
        if origin is tuple:
            return self.array(args)
        raise TypeError(f"no JSON Schema for the type {tp!r} of {name!r}")

    def union(self, args: tuple[Any, ...]) -> Schema:
        """``X | None`` is X (the field is optional); other unions are anyOf."""
        members = [self.type(a) for a in args if a is not type(None)]
        return members[0] if len(members) == 1 else {"anyOf": members}

    def mapping(self, key: Any, value: Any, name: str) -> Schema:
        """A mapping: ids, numbers or free text as keys, each value of one type."""
        schema: Schema = {"type": "object"}
        if key is int:
            schema["propertyNames"] = {"pattern": INT_KEY_PATTERN}
        elif name in ID_MAPS:
            schema["propertyNames"] = {"pattern": load.ID_PATTERN.pattern}
        schema["additionalProperties"] = self.type(value)
        return schema

    def array(self, args: tuple[Any, ...]) -> Schema:
        """``tuple[X, ...]`` is a list of X; ``tuple[X, Y]`` a list of exactly those."""
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type(args[0])}
        items = [self.type(a) for a in args]
        one = items[0] if all(item == items[0] for item in items) else items
        return {"type": "array", "items": one, "minItems": len(args), "maxItems": len(args)}


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
    return {**header, **root, "definitions": builder.definitions}


def main_text() -> str:
    """The schema as pretty JSON text, as committed in scenarios/scenario.schema.json."""
    return json.dumps(json_schema(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    print(main_text(), end="")
