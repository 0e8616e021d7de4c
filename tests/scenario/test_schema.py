"""The JSON Schema: current, valid, complete, and in agreement with the loader."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

from game.scenario import ScenarioError, load_scenario_text
from game.scenario import model as m
from game.scenario.schema import OWN_SHAPES, json_schema, main_text
from game.scenario.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
COMMITTED = SCENARIOS / "scenario.schema.json"
MINI = ROOT / "tests" / "data" / "mini.yaml"
DELETE = object()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema)


def read(path: Path) -> Any:
    """The data the loader sees (yaml.safe_load would turn an unquoted 2023-04-26 into a date)."""
    data, _positions = read_yaml(path.read_text(encoding="utf-8"))
    return data


def scenario_files() -> list[Any]:
    files = sorted([*SCENARIOS.glob("*.yaml"), *SCENARIOS.glob("*.yml")])
    return files or [pytest.param(None, marks=pytest.mark.skip(reason="no scenario files in scenarios/ yet"))]


def model_classes() -> list[type]:
    return [c for c in vars(m).values() if isinstance(c, type) and attrs.has(c) and c.__module__ == m.__name__]


def refs(node: Any) -> Iterator[str]:
    """Names of every definition that a schema node refers to."""
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].removeprefix("#/definitions/")
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def reachable(schema: dict[str, Any]) -> set[str]:
    """Definitions reachable from the root."""
    seen: set[str] = set()
    stack = list(refs({k: v for k, v in schema.items() if k != "definitions"}))
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(refs(schema["definitions"][name]))
    return seen


def errors(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def mutated(path: tuple[str, ...], value: Any) -> Any:
    """mini.yaml with one value replaced (or deleted)."""
    data = copy.deepcopy(read(MINI))
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


def loader_accepts(data: Any) -> bool:
    try:
        load_scenario_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "mutated.yaml")
    except ScenarioError:
        return False
    return True


# --- the committed copy and the schema itself -------------------------------------------


def test_committed_schema_is_current() -> None:
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    assert committed == main_text(), (
        "scenarios/scenario.schema.json is out of date with the model; "
        "run `deterrence schema > scenarios/scenario.schema.json`"
    )


def test_schema_is_valid_draft7(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_field_has_hover_help(schema: dict[str, Any]) -> None:
    for cls in model_classes():
        if cls in OWN_SHAPES:
            assert schema["definitions"][cls.__name__]["description"].strip()
            continue
        section = schema if cls is m.Scenario else schema["definitions"][cls.__name__]
        expected = [f.name for f in attrs.fields(cls) if f.name not in m.DERIVED_FIELDS]
        assert list(section["properties"]) == expected, cls.__name__
        assert section["description"].strip(), cls.__name__
        for name, prop in section["properties"].items():
            assert prop.get("description", "").strip(), f"{cls.__name__}.{name} has no description"


def test_every_model_class_is_reachable(schema: dict[str, Any]) -> None:
    seen = reachable(schema)
    missing = {c.__name__ for c in model_classes() if attrs.fields(c) and c is not m.Scenario} - seen
    assert not missing
    assert set(schema["definitions"]) == seen, "unused definitions"


def test_required_and_defaults_follow_the_model(schema: dict[str, Any]) -> None:
    move = schema["definitions"]["Move"]
    assert move["required"] == ["name", "kind", "by"]
    assert move["properties"]["cost"]["default"] == 1
    assert schema["definitions"]["Actor"]["properties"]["budget"]["default"] == 3
    assert "all_tracks" not in schema["properties"]


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: getattr(p, "name", "none"))
def test_scenario_files_validate(validator: jsonschema.Draft7Validator, path: Path) -> None:
    assert errors(validator, read(path)) == []


def test_mini_validates(validator: jsonschema.Draft7Validator) -> None:
    assert errors(validator, read(MINI)) == []


def test_an_unquoted_date_is_refused_by_both_and_a_quoted_one_accepted_by_both(
    validator: jsonschema.Draft7Validator,
) -> None:
    unquoted = MINI.read_text(encoding="utf-8") + "sources:\n  sipri: {title: SIPRI Yearbook, date: 2023-04-26}\n"
    with pytest.raises(ScenarioError):
        load_scenario_text(unquoted)
    assert errors(validator, yaml.safe_load(unquoted)), "an editor reads a date, which the schema refuses"
    quoted = unquoted.replace("2023-04-26", '"2023-04-26"')
    load_scenario_text(quoted)
    assert errors(validator, yaml.safe_load(quoted)) == []


# --- the schema and the loader agree -----------------------------------------------------

REJECTED = [
    (("moves", "talk", "costt"), 1),
    (("moves", "talk", "cost"), "two"),
    (("moves", "talk", "name"), DELETE),
    (("moves", "talk", "requires"), True),
    (("moves", "talk", "effects"), [{"tension": "down"}]),
    (("moves", "talk", "effects"), [{"tension": True}]),
    (("moves", "talk", "effects"), [{}]),
    (("moves", "talk", "by"), [1]),
    (("moves", "drill", "roll", "dice"), "two dice"),
    (("moves", "Big_talk"), {"name": "Talk", "kind": "talk", "by": "blue", "effects": {"tension": -1}}),
    (("actors", "blue", "colour"), "blue"),
    (("actors", "blue", "objectives", "calm", "main"), "yes"),
    (("kinds", "talk", "icon"), "boat"),
    (("title",), {"english": "Mini"}),
    (("title",), {}),
    (("turns",), "five"),
    (("turns",), {"min": 3}),
    (("tracks", "tension", "visible"), "secret"),
    (("tracks", "tension", "rungs"), {"high": "War"}),
    (("map",), {"region": "Here", "lon": [124.0], "lat": [33.0, 43.0]}),
    (("format",), 3),
    (("id",), "Mini Crisis"),
    (("id",), "m" * 65),
    (("actors",), {}),
    (("endings",), {}),
    (("moves", "talk", "cost"), -1),
    (("moves", "talk", "cost"), 101),
    (("moves", "talk", "limit"), 0),
    (("moves", "turn"), {"name": "Turn", "kind": "talk", "by": "blue"}),
    (("moves", "m" * 65), {"name": "Long", "kind": "talk", "by": "blue"}),
    (("moves", "talk", "name"), "N" * 201),
    (("moves", "talk", "text"), "t" * 5001),
    (("moves", "talk", "effects"), [{"tension": 1001}]),
    (("actors", "blue", "budget"), 1_000_000_000_000_000_000),
    (("actors", "blue", "tracks", "trust", "max"), 1001),
    (("actors", "blue", "objectives", "calm", "points"), -5000),
    (("moves", "drill", "roll", "target"), 99999),
    (("moves", "drill", "roll", "plus"), "x" * 501),
    (("turns",), 101),
    (("temperaments",), {"wild": {"risk": 1e300}}),
    (("map",), {"region": "Here", "lon": [-200.0, 131.0], "lat": [33.0, 43.0]}),
]

ACCEPTED = [
    (("moves", "talk", "effects"), {"tension": -1}),
    (("moves", "talk", "by"), "blue"),
    (("title",), "Mini crisis"),
    (("title",), {"en": "Mini crisis", "pt-BR": "Mini crise"}),
    (("turns",), 4),
    (("actors", "blue", "budget"), "2 + turn // 3"),
    (("event_chance",), "min(tension * 10, 60)"),
    (("sources",), {"sipri": {"title": "SIPRI Yearbook", "date": "2023-04-26"}}),
    (("moves", "talk", "cost"), 0),
    (("moves", "talk", "cost"), 100),
    (("moves", "talk", "name"), "N" * 200),
    (("moves", "talk", "effects"), [{"tension": -1000}]),
    (("actors", "blue", "budget"), 100),
    (("tracks", "tension", "max"), 1000),
    (("turns",), 100),
    (
        ("map",),
        {
            "region": "Here",
            "lon": [124, 131.5],
            "lat": [33.0, 43.0],
            "places": {"seoul": {"name": "Seoul", "lon": 127.0, "lat": 37.5}},
        },
    ),
]


@pytest.mark.parametrize(("path", "value"), REJECTED, ids=lambda v: "/".join(v) if isinstance(v, tuple) else "")
def test_schema_rejects_what_the_loader_rejects(
    validator: jsonschema.Draft7Validator, path: tuple[str, ...], value: Any
) -> None:
    data = mutated(path, value)
    assert not loader_accepts(data)
    assert errors(validator, data), "the schema accepts it"


@pytest.mark.parametrize(("path", "value"), ACCEPTED, ids=lambda v: "/".join(v) if isinstance(v, tuple) else "")
def test_schema_accepts_what_the_loader_accepts(
    validator: jsonschema.Draft7Validator, path: tuple[str, ...], value: Any
) -> None:
    data = mutated(path, value)
    assert loader_accepts(data)
    assert errors(validator, data) == []


# --- every file, both ways, read as an editor reads it -----------------------------------------

DATA = ROOT / "tests" / "data"
#: Broken fixtures whose problems only the loader sees: references between ids and formulas.
LOADER_ONLY = {"dangling", "expressions"}


def every_file() -> list[Path]:
    return sorted([*SCENARIOS.glob("*.yaml"), *DATA.rglob("*.yaml")])


def as_an_editor_reads(path: Path) -> Any:
    """The file read by a plain YAML reader, as yaml-language-server or a CI check would."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", every_file(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_schema_and_the_loader_agree_on_every_file(validator: jsonschema.Draft7Validator, path: Path) -> None:
    try:
        load_scenario_text(path.read_bytes(), path.name)
    except ScenarioError:
        accepted = False
    else:
        accepted = True
    if path.stem == "yaml_syntax":
        assert not accepted
        with pytest.raises(yaml.YAMLError):
            as_an_editor_reads(path)
        return
    found = errors(validator, as_an_editor_reads(path))
    if accepted:
        assert found == [], f"the loader accepts {path.name}, the schema does not"
    elif path.stem in LOADER_ONLY:
        assert found == [], f"{path.name}'s problems are references and formulas: the schema cannot see them"
    else:
        assert found, f"the loader refuses {path.name} for what the schema can say, yet the schema accepts it"
