"""Load a scenario file: YAML -> typed model, with every problem at file:line:col.

Three passes, each collecting all of its problems before giving up:

1. ``yamlread`` parses safely into plain data plus the position of every key and value;
2. cattrs structures the data into the frozen model (wrong types, unknown and missing
   keys, malformed expressions), its error paths mapped back to positions;
3. ``Checker`` checks what one field cannot: dangling references, impossible values,
   moves that can never be played and endings that can never be reached (warnings).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator
from difflib import get_close_matches
from pathlib import Path as FsPath
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from attrs import evolve, frozen
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from game.files import read_regular_file
from game.scenario import model as m
from game.scenario import spending
from game.scenario import values as named
from game.scenario.expr import Call, Expr, Name, walk
from game.scenario.intervals import Interval, bounds_of, scenario_bounds
from game.scenario.phases import check_phases
from game.scenario.places import check_places, check_token_extras, place_tracks
from game.scenario.plans import check_plans
from game.scenario.silent import check_silent
from game.scenario.templates import expand_templates, has_templates
from game.scenario.umpire import check_fact_effect, check_umpire, ruled_moves
from game.scenario.yamlread import MAX_BYTES, Mark, Path, Positions, YamlProblem, read_yaml

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
SCENARIO_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
DICE_PATTERN = re.compile(r"^([1-9]|10)d([2-9]|[1-9][0-9]|100)$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
RESERVED_NAMES = {"turn", "and", "or", "not", "true", "false"}
#: What a roll's result bands read: dice + plus - target.
MARGIN = "margin"
MAX_TURNS = 100

# Limits far beyond any real scenario (whose numbers stay under 100 and texts under 1,000
# characters), small enough that every front end can draw, count and add what they allow.
#: Every number in a file (track bounds, effects, costs, points, targets, bot settings, ...).
MAX_NUMBER = 1000
#: How many steps a track spans, max - min: the board draws a ladder step by step.
MAX_SPAN = 1000
#: Political capital: a budget formula's highest value, and so the dearest useful card.
MAX_BUDGET = 100
#: Characters in one text, and in a name (names, titles, labels, rungs: drawn on one line).
MAX_TEXT_LENGTH = 5000
MAX_NAME_LENGTH = 200
#: Characters of scenario text a whole game can print, each text counted as often as it can
#: come up (every card in every hand and every repeating event, each turn): what bounds the
#: terminal game's transcript and the report (the 9-turn flagship prints about 115,000).
MAX_GAME_TEXT = 10_000_000
#: Characters in an id (the scenario's id also names its save files).
MAX_ID_LENGTH = 64
#: Fields drawn on one line, whose texts must be short.
NAME_FIELDS = frozenset({"name", "short", "title", "label", "region", "rungs", "term"})


@frozen
class Problem:
    """One thing wrong with a scenario file, where it is, and (maybe) how to fix it."""

    file: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


class ScenarioError(Exception):
    """A scenario that cannot be played; holds every problem found, errors first."""

    def __init__(self, problems: list[Problem]) -> None:
        # a template's copies share its positions: one mistake in it is said once, not once per place
        unique = list(dict.fromkeys(problems))
        self.problems = sorted(unique, key=lambda p: (p.severity != "error", p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# --- pass 2: structuring with cattrs --------------------------------------------------------


class _FieldError(ValueError):
    """A type problem inside a value, with the path below the value where it is."""

    def __init__(self, message: str, subpath: Path = (), *, key: bool = False, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subpath = subpath
        self.key = key
        self.offset = offset


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return repr(value)


class _YesNoAsText(_FieldError):
    """A text written as a bare Yes, No, On, Off...: YAML 1.1 reads it as true or false."""

    def __init__(self, value: bool) -> None:
        super().__init__(f"expected text, got {_kind_of(value)}")
        self.value = value


def _strict_str(value: Any, _: type) -> str:
    if isinstance(value, bool):
        raise _YesNoAsText(value)
    if not isinstance(value, str):
        raise _FieldError(f"expected text, got {_kind_of(value)}")
    return value


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(f"expected a whole number, got {_kind_of(value)}")
    return value


def _strict_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _FieldError(f"expected a number, got {_kind_of(value)}")
    return float(value)


def _strict_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _FieldError(f"expected true or false, got {_kind_of(value)}")
    return value


def _text(value: Any, _: type) -> m.Text:
    if isinstance(value, str):
        return m.Text.of(value)
    if isinstance(value, bool):
        raise _YesNoAsText(value)
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if isinstance(lang, str) and not LANG_PATTERN.match(lang) and len(value) == 1 and isinstance(text, str):
                raise _FieldError(_colon_in_text(lang, text), (lang,), key=True)
            if not isinstance(lang, str) or not LANG_PATTERN.match(lang):
                raise _FieldError(f"{lang!r} is not a language code such as en or ko", (lang,), key=True)
            if isinstance(text, bool):
                raise _FieldError("", (lang,)) from _YesNoAsText(text)
            if not isinstance(text, str):
                raise _FieldError(f"expected text, got {_kind_of(text)}", (lang,))
        return m.Text(dict(value))
    raise _FieldError(f"expected text or a map of languages such as {{en: ..., ko: ...}}, got {_kind_of(value)}")


def _colon_in_text(before: str, after: str) -> str:
    """A text such as `- Deterrence: how threats prevent attacks`, which YAML reads as a mapping."""
    whole = f"{before}: {after}".replace('"', '\\"')
    return (
        f"{before!r} is not a language code such as en or ko; if this is one text, its ': ' made it a mapping:"
        f' write it in quotes: "{whole}"'
    )


def _expr(value: Any, _: type) -> Expr:
    if isinstance(value, bool) or value is None:
        raise _FieldError(f"expected a number or a condition, got {_kind_of(value)}")
    if isinstance(value, int):
        return Expr.constant(value)
    if not isinstance(value, str):
        raise _FieldError(f"expected a number or a condition, got {_kind_of(value)}")
    return Expr.parse_lenient(value)  # a syntax error is reported with the other checks


def _effects(value: Any, _: type) -> tuple[m.Effect, ...]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, dict) and item for item in items):
        raise _FieldError("expected a list of track changes such as [{tension: +1}, {rok.assurance: -2}]")
    effects: list[m.Effect] = []
    for index, item in enumerate(items):
        sub: Path = (index,) if isinstance(value, list) else ()
        effects.extend(_effect_item(item, sub, ()))
    return tuple(effects)


_BRANCH_KEYS = frozenset({"if", "then", "else"})


def _effect_item(item: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> list[m.Effect]:
    """One item of an effects list: track changes, or (format 2) a branch, flattened with its guards."""
    if "if" in item:
        return _branch(item, sub, guards)
    if "learn" in item:
        return [_learn(item, sub, guards)]
    if "fact" in item:
        return [_fact(item, sub, guards)]
    if "gain" in item:
        return [_gain(item, sub, guards)]
    effects = []
    for track, delta in item.items():
        if not isinstance(track, str):
            raise _FieldError(f"expected a track name, got {_kind_of(track)}", (*sub, track), key=True)
        if isinstance(delta, dict):
            effects.append(_computed(track, delta, sub, guards))
            continue
        if isinstance(delta, bool) or not isinstance(delta, int):
            raise _FieldError(
                f"the change to {track!r} must be a whole number such as +1 or -2, got {_kind_of(delta)}",
                (*sub, track),
            )
        effects.append(m.Effect(track, delta, where=sub, guards=guards))
    return effects


def _computed(track: str, spec: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> m.Effect:
    """``{add: FORMULA}`` or ``{set: FORMULA}``: a change worked out when it happens."""
    if len(spec) != 1 or next(iter(spec)) not in ("add", "set"):
        raise _FieldError(f"a computed change to {track!r} is {{add: FORMULA}} or {{set: FORMULA}}", (*sub, track))
    ((op, formula),) = spec.items()
    amount = _expr(formula, Expr)
    return m.Effect(track, 0, where=sub, op=op, amount=amount, guards=guards)


def _branch(item: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> list[m.Effect]:
    """``{if: CONDITION, then: [...], else: [...]}``: both lists, each effect guarded by the condition."""
    extra = sorted(set(item) - _BRANCH_KEYS, key=str)
    if extra:
        raise _FieldError(f"a branch has the keys if, then and else, not {extra[0]!r}", (*sub, extra[0]), key=True)
    if "then" not in item and "else" not in item:
        raise _FieldError("a branch needs `then` (or `else`): the effects when the condition holds", (*sub, "if"))
    condition = _expr(item["if"], Expr)
    effects: list[m.Effect] = []
    for key, holds in (("then", True), ("else", False)):
        branch = item.get(key, [])
        listed = branch if isinstance(branch, list) else [branch]
        if not all(isinstance(entry, dict) and entry for entry in listed):
            raise _FieldError(f"`{key}` is a list of track changes such as [{{tension: +1}}]", (*sub, key))
        for index, entry in enumerate(listed):
            where: Path = (*sub, key, index) if isinstance(branch, list) else (*sub, key)
            effects.extend(_effect_item(entry, where, (*guards, (condition, holds))))
    return effects


def _learn(item: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> m.Effect:
    """Intelligence, {learn: TRACK, by: ACTOR, width: N}: names are checked with the other references."""
    for key in item:
        if key not in ("learn", "by", "width"):
            raise _FieldError(f"an intelligence effect has learn, by and width, not {key!r}", (*sub, key), key=True)
    track, by, width = item["learn"], item.get("by"), item.get("width", 0)
    if not isinstance(track, str):
        raise _FieldError(f"learn names a track, got {_kind_of(track)}", (*sub, "learn"))
    if not isinstance(by, str):
        raise _FieldError("learn needs `by`: the team that learns, e.g. {learn: ussr.alert, by: usa}", sub)
    if isinstance(width, bool) or not isinstance(width, int) or width < 0:
        raise _FieldError(f"width is a whole number 0 or more, got {width!r}", (*sub, "width"))
    return m.Effect(track, 0, where=sub, learn=m.Learn(by=by, width=width), guards=guards)


def _fact(item: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> m.Effect:
    """A fact made true, {fact: ID}, or cleared, {fact: ID, clear: true}: a step of its 0/1 truth."""
    for key in item:
        if key not in ("fact", "clear"):
            raise _FieldError(f"a fact effect has fact and clear, not {key!r}", (*sub, key), key=True)
    fact, clear = item["fact"], item.get("clear", False)
    if not isinstance(fact, str):
        raise _FieldError(f"fact names a fact, got {_kind_of(fact)}", (*sub, "fact"))
    if not isinstance(clear, bool):
        raise _FieldError(f"clear is true or false, got {_kind_of(clear)}", (*sub, "clear"))
    return m.Effect(m.fact_ref(fact), -1 if clear else 1, where=sub, guards=guards, fact=True)


def _gain(item: dict[Any, Any], sub: Path, guards: tuple[tuple[Expr, bool], ...]) -> m.Effect:
    """A resource gained (or, negative, lost), {gain: RESOURCE, amount: N, to: ACTOR}: names checked later."""
    for key in item:
        if key not in ("gain", "amount", "to"):
            raise _FieldError(f"a gain has the keys gain, amount and to, not {key!r}", (*sub, key), key=True)
    resource, amount, to = item["gain"], item.get("amount", 1), item.get("to")
    if not isinstance(resource, str):
        raise _FieldError(f"gain names a resource, got {_kind_of(resource)}", (*sub, "gain"))
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise _FieldError(f"amount is a whole number such as 1 or -1, got {_kind_of(amount)}", (*sub, "amount"))
    if to is not None and not isinstance(to, str):
        raise _FieldError(f"to names a team, got {_kind_of(to)}", (*sub, "to"))
    return m.Effect(resource, amount, where=sub, gain=m.Gain(to=to), guards=guards)


def _str_tuple(value: Any, _: type) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise _FieldError(f"expected a list of ids, got {_kind_of(value)}")
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise _FieldError(f"expected an id, got {_kind_of(item)}", (index,))
    return tuple(items)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(m.Text, _text)
    converter.register_structure_hook(Expr, _expr)
    converter.register_structure_hook_func(lambda cl: cl == tuple[m.Effect, ...], _effects)
    converter.register_structure_hook_func(lambda cl: cl == tuple[str, ...], _str_tuple)

    def int_or_turns(value: Any, _: type) -> int | m.Turns:
        if isinstance(value, dict):
            return converter.structure(value, m.Turns)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _FieldError(f"expected a number of turns or {{min: 7, max: 9}}, got {_kind_of(value)}")
        return value

    converter.register_structure_hook_func(lambda cl: cl == int | m.Turns, int_or_turns)

    def int_or_costs(value: Any, _: type) -> int | dict[str, int]:
        if isinstance(value, dict):
            return converter.structure(value, dict[str, int])  # type: ignore[no-any-return]
        return _strict_int(value, int)  # format 1's words, for format 1's one resource

    converter.register_structure_hook_func(lambda cl: cl == int | dict[str, int], int_or_costs)

    def blame(value: Any, _: type) -> str | m.Blame:
        if isinstance(value, dict):
            return converter.structure(value, m.Blame)
        return _strict_str(value, str)

    converter.register_structure_hook_func(lambda cl: m.Blame in get_args(cl), blame)

    def pair(value: Any, _: type) -> tuple[float, float]:
        if not (isinstance(value, list) and len(value) == 2):
            raise _FieldError(f"expected two numbers such as [124.0, 131.0], got {_kind_of(value)}")
        return (_strict_float(value[0], float), _strict_float(value[1], float))

    converter.register_structure_hook_func(lambda cl: cl == tuple[float, float], pair)

    def literal_hook(cl: Any) -> Callable[[Any, type], Any]:
        choices = get_args(cl)

        def structure(value: Any, _: type) -> Any:
            if value not in choices or isinstance(value, bool) != isinstance(choices[0], bool):
                listed = ", ".join(str(c) for c in choices)
                raise _FieldError(f"expected one of: {listed}; got {_kind_of(value)}{_suggest(value, choices)}")
            return value

        return structure

    converter.register_structure_hook_factory(lambda cl: get_origin(cl) is Literal, literal_hook)

    def class_hook(cl: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
            cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )
        names = _section_name(cl)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise _FieldError(f"expected a mapping (the keys of {names}), got {_kind_of(value)}")
            derived = m.DERIVED_FIELDS.intersection(value) if cl is m.Scenario else set()
            if derived:
                raise ForbiddenExtraKeysError("", cl, set(derived))
            return inner(value, cl)

        return structure

    converter.register_structure_hook_factory(lambda cl: attrs.has(cl) and cl not in (m.Text, m.Effect), class_hook)

    def dict_hook(cl: Any) -> Callable[[Any, type], Any]:
        key_type, value_type = get_args(cl)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise _FieldError(f"expected a mapping, got {_kind_of(value)}")
            out, errors = {}, []
            for key, item in value.items():
                try:
                    key = converter.structure(key, key_type)
                    out[key] = converter.structure(item, value_type)
                except Exception as error:  # collected, re-raised below with the key
                    error.add_note(IterableValidationNote(f"@ key {key!r}", key, value_type))
                    errors.append(error)
            if errors:
                raise IterableValidationError("while structuring a mapping", errors, cl)
            return out

        return structure

    converter.register_structure_hook_factory(
        lambda cl: get_origin(cl) is dict and get_args(cl)[1] is not str, dict_hook
    )

    def tuple_hook(cl: Any) -> Callable[[Any, type], Any]:
        (item_type, _ellipsis) = get_args(cl)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, list):
                raise _FieldError(f"expected a list, got {_kind_of(value)}")
            out, errors = [], []
            for index, item in enumerate(value):
                try:
                    out.append(converter.structure(item, item_type))
                except Exception as error:
                    error.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                    errors.append(error)
            if errors:
                raise IterableValidationError("while structuring a list", errors, cl)
            return tuple(out)

        return structure

    converter.register_structure_hook_factory(
        lambda cl: (
            get_origin(cl) is tuple
            and len(get_args(cl)) == 2
            and get_args(cl)[1] is Ellipsis
            and get_args(cl)[0] not in (str, m.Effect)
        ),
        tuple_hook,
    )

    def dict_of_str(value: Any, _: type) -> dict[str, str]:
        if not isinstance(value, dict):
            raise _FieldError(f"expected a mapping, got {_kind_of(value)}")
        for key, item in value.items():
            if not isinstance(item, str):
                raise _FieldError(f"expected text, got {_kind_of(item)}", (key,))
        return dict(value)

    converter.register_structure_hook_func(lambda cl: cl == dict[str, str], dict_of_str)

    term_fields = class_hook(m.Term)

    def term(value: Any, _: type) -> m.Term:
        """A glossary entry: its meaning alone (the key is the term), or {term, text}."""
        if isinstance(value, dict) and ("text" in value or "term" in value):
            return term_fields(value, m.Term)  # type: ignore[no-any-return]
        return m.Term(text=_text(value, m.Text))

    converter.register_structure_hook(m.Term, term)

    def profiles(value: Any, _: type) -> tuple[m.Profile, ...]:
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(item, dict) for item in items):
            raise _FieldError(f"expected a profile such as {{us: us_talks}}, or a list of them, got {_kind_of(value)}")
        return tuple(dict_of_str(item, dict) for item in items)

    converter.register_structure_hook_func(lambda cl: cl == tuple[m.Profile, ...], profiles)
    return converter


def _section_name(cl: type) -> str:
    fields = [f.name for f in attrs.fields(cl) if f.name not in m.DERIVED_FIELDS]
    return "a " + cl.__name__.lower() + ": " + ", ".join(fields)


_CONVERTER = _make_converter()


def _suggest(word: Any, choices: Iterable[Any]) -> str:
    if not isinstance(word, str):
        return ""
    close = get_close_matches(word, [c for c in choices if isinstance(c, str)], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _flatten(error: BaseException, path: Path) -> Iterator[tuple[Path, BaseException]]:
    """Each leaf error of a cattrs error group with the data path where it happened."""
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        for sub in error.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, cattrs.errors.AttributeValidationNote):
                    sub_path = (*sub_path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = (*sub_path, note.index)
            yield from _flatten(sub, sub_path)
    else:
        yield path, error


# --- the loader -------------------------------------------------------------------------------


class _Report:
    """Collects problems, turning data paths into file positions."""

    def __init__(self, file: str, positions: Positions, text: str) -> None:
        self.file = file
        self.positions = positions
        self.text = text
        self.problems: list[Problem] = []

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """Where each line of the file starts (only needed when there is a problem)."""
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def add(
        self,
        path: Path,
        message: str,
        *,
        key: bool = False,
        offset: int | None = None,
        value: str | None = None,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        mark = self.positions.of(path, key=key)
        line, col = mark.line, mark.col
        if offset is not None:
            found = self._locate(mark, value or "", offset)
            line, col = found if found is not None else (line, col + offset + (1 if mark.quoted else 0))
        self.problems.append(Problem(self.file, line, col, message, severity))

    def _locate(self, mark: Mark, value: str, offset: int) -> tuple[int, int] | None:
        """Where character `offset` of a scalar stands in the file, following the value
        across the lines it was folded from (plain, quoted or block scalars)."""
        if not value or mark.line > len(self.line_starts):
            return None
        raw, r = self.text, self.line_starts[mark.line - 1] + mark.col - 1
        if r < len(raw) and raw[r] in "\"'":
            r += 1
        elif r < len(raw) and raw[r] in "|>":
            r = raw.find("\n", r) + 1
            while r and r < len(raw) and raw[r] == " ":
                r += 1
        i = 0
        while i < offset:
            if r >= len(raw):
                return None
            if value[i].isspace():
                while i < offset and value[i].isspace():
                    i += 1
                while r < len(raw) and raw[r] in " \t\r\n":
                    r += 1
            elif raw[r] == value[i]:
                i, r = i + 1, r + 1
            else:
                return None  # an escape sequence or the like: fall back to the value's start
        line = raw.count("\n", 0, r) + 1
        return line, r - self.line_starts[line - 1] + 1

    def warn(self, path: Path, message: str, *, key: bool = False) -> None:
        self.add(path, message, key=key, severity="warning")


def load_scenario(path: str | FsPath) -> m.Scenario:
    """Load and check a scenario file; raise ScenarioError with every problem found."""
    file = str(path)
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except OSError as error:
        raise ScenarioError([Problem(file, 1, 1, f"cannot read the file: {error.strerror or error}")]) from None
    return load_scenario_text(raw, file)


def load_scenario_text(raw: bytes | str, file: str = "<scenario>") -> m.Scenario:
    """Load a scenario from bytes or text; ``file`` names it in problems."""
    if isinstance(raw, str):
        try:
            data_bytes = raw.encode("utf-8")
        except UnicodeEncodeError as error:
            line = raw.count("\n", 0, error.start) + 1
            col = error.start - (raw.rfind("\n", 0, error.start) + 1) + 1
            raise ScenarioError(
                [Problem(file, line, col, "the text holds a character that is not valid Unicode")]
            ) from None
    else:
        data_bytes = raw
    if len(data_bytes) > MAX_BYTES:
        raise ScenarioError([Problem(file, 1, 1, f"the file is larger than {MAX_BYTES // 1_000_000} MB")])
    try:
        text = data_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data_bytes[: error.start].count(b"\n") + 1
        line_start = data_bytes.rfind(b"\n", 0, error.start) + 1
        col = len(data_bytes[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise ScenarioError([Problem(file, line, col, "the file is not UTF-8 text; save it as UTF-8")]) from None
    try:
        data, positions = read_yaml(text)
    except YamlProblem as problem:
        raise ScenarioError([Problem(file, problem.mark.line, problem.mark.col, problem.message)]) from None
    report = _Report(file, positions, text)
    if not isinstance(data, dict):
        report.add((), "a scenario file is a mapping of keys such as format, id, title, actors, moves")
        raise ScenarioError(report.problems)
    if data.get("format") not in (None, *m.FORMATS):
        known = " and ".join(map(str, m.FORMATS))
        report.add(("format",), f"this game reads formats {known}, not {data.get('format')!r}")
        raise ScenarioError(report.problems)
    if has_templates(data):  # format 2: moves and events written once for each place
        data = expand_templates(data, report)
    try:
        scenario = _CONVERTER.structure(data, m.Scenario)
    except Exception as error:
        for path, leaf in _flatten(error, ()):
            _report_structure_error(report, path, leaf)
        raise ScenarioError(report.problems) from None
    scenario = _derive(scenario, file, data_bytes)
    Checker(scenario, report).check()
    problems = ScenarioError(report.problems).problems  # sorted
    if any(p.severity == "error" for p in problems):
        raise ScenarioError(problems)
    return evolve(scenario, warnings=tuple(problems)) if problems else scenario


def _report_structure_error(report: _Report, path: Path, error: BaseException) -> None:
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = [f.name for f in attrs.fields(error.cl) if f.name not in m.DERIVED_FIELDS]
        for name in sorted(error.extra_fields, key=str):
            where = _section_name(error.cl).split(":")[0]
            hint = _suggest(name, allowed) or "; expected one of: " + ", ".join(allowed)
            report.add((*path, name), f"unknown key {name!r} in {where}{hint}", key=True)
    elif isinstance(error, KeyError):
        missing = path[-1] if path else error.args[0]
        report.add(path[:-1], f"missing key {missing!r}", key=True)
    elif isinstance(error, _FieldError) and isinstance(error.__cause__, _YesNoAsText):
        _report_yes_no(report, (*path, *error.subpath), error.__cause__.value)
    elif isinstance(error, _YesNoAsText):
        _report_yes_no(report, path, error.value)
    elif isinstance(error, _FieldError):
        report.add((*path, *error.subpath), error.message, key=error.key, offset=error.offset)
    else:
        report.add(path, f"invalid value: {error}")


def _report_yes_no(report: _Report, path: Path, value: bool) -> None:
    """`name: No` is false to YAML 1.1 (so are Yes, On, Off, y, n...): say so, with the word as written."""
    mark = report.positions.of(path)
    start = report.line_starts[mark.line - 1] + mark.col - 1 if mark.line <= len(report.line_starts) else 0
    found = re.match(r"[A-Za-z]+", report.text[start : start + 10])
    word = found.group() if found else str(value).lower()
    report.add(
        path,
        f"{word} is read by YAML as {str(value).lower()} (a yes/no value), not as text; "
        f'if you mean the word, write it in quotes: "{word}"',
    )


def _derive(scenario: m.Scenario, file: str, raw: bytes) -> m.Scenario:
    all_tracks: dict[str, m.Track] = dict(scenario.tracks)
    owner: dict[str, str | None] = dict.fromkeys(scenario.tracks)
    label = {ref: str(track.name) for ref, track in scenario.tracks.items()}
    for actor_id, actor in scenario.actors.items():
        for track_id, track in actor.tracks.items():
            ref = f"{actor_id}.{track_id}"
            all_tracks[ref] = track
            owner[ref] = actor_id
            label[ref] = f"{actor.short or actor.name} {track.name}"
    place_refs = {}
    for ref, (track, said, where) in place_tracks(scenario).items():  # format 2: berlin.stability
        all_tracks[ref], owner[ref], label[ref], place_refs[ref] = track, None, said, where
    actor_moves = {a: tuple(mid for mid, mv in scenario.moves.items() if a in mv.by) for a in scenario.actors}
    rank = {
        "kind": {k: i for i, k in enumerate(scenario.kinds)},
        "actor": {a: i for i, a in enumerate(scenario.actors)},
        "move": {mv: i for i, mv in enumerate(scenario.moves)},
    }
    return evolve(
        scenario,
        all_tracks=all_tracks,
        track_owner=owner,
        track_label=label,
        actor_moves=actor_moves,
        rank=rank,
        place_refs=place_refs,
        umpires=frozenset(a for a, actor in scenario.actors.items() if actor.facilitator),
        source_hash=hashlib.sha256(raw).hexdigest(),
        path=file,
    )


# --- pass 3: cross-references and sanity --------------------------------------------------

#: Numbers with a range of their own, checked with their own words.
_OWN_RANGE = frozenset({"turns", "turn", "cost", "games"})


class Checker:
    """Checks a structured scenario for what the types alone cannot say."""

    def __init__(self, scenario: m.Scenario, report: _Report) -> None:
        self.s = scenario
        self.r = report
        self.env_bounds = scenario_bounds(scenario)
        self.local: dict[str, Interval] = {}  # names readable only here, such as a roll band's `margin`
        self.ruled = ruled_moves(scenario) if scenario.umpires else {}  # format 2: an argument the umpire rules on

    def format2(self, path: tuple[str | int, ...], what: str) -> None:
        """A key of format 2 in a format-1 file: a game of an older version would not know it, so say so."""
        if self.s.format < 2:
            self.r.add(path, f"{what} is a format-2 key: write 'format: 2' at the top of the file")

    def check(self) -> None:
        s = self.s
        self.check_values()
        self.check_limits((), s)
        self.check_game_text()
        self.check_ids()
        self.check_turns()
        for track_id, track in s.tracks.items():
            self.check_track(("tracks", track_id), track)
        for actor_id, actor in s.actors.items():
            self.check_actor(actor_id, actor)
        for kind_id, kind in s.kinds.items():
            self.check_colour(("kinds", kind_id, "colour"), kind.colour)
        for move_id, move in s.moves.items():
            self.check_move(move_id, move)
        for inter_id, inter in s.interactions.items():
            self.check_interaction(inter_id, inter)
        for event_id, event in s.events.items():
            self.check_event(event_id, event)
        if self.check_expr(("event_chance",), s.event_chance):
            self.check_formula_range(("event_chance",), s.event_chance, "the chance", -MAX_NUMBER, MAX_NUMBER)
        for index, drift in enumerate(s.drift):
            base = ("drift", index)
            self.check_expr((*base, "when"), drift.when)
            self.check_effects((*base, "effects"), drift.effects)
        self.check_endings()
        check_phases(self)
        for name, temperament in s.temperaments.items():
            for kind_id in temperament.kinds:
                self.ref(("temperaments", name, "kinds", kind_id), kind_id, s.kinds, "kind", key=True)
        self.check_map()
        check_places(self)
        self.check_teach(("teach",), s.teach)
        check_umpire(self)
        spending.check_spending(self)
        check_plans(self)
        if not any(p.severity == "error" for p in self.r.problems):
            check_silent(self)  # mistakes in a file that loads; in a broken one they would be noise
        if not s.actors:
            self.r.add(("actors",), "a scenario needs at least one actor")

    def check_values(self) -> None:
        """Named values (format 2): well named, well formed, not defined through themselves; then inlined
        into every expression that reads them (values.py), so that every other check sees plain formulas."""
        s = self.s
        if not s.values:
            return
        self.format2(("values",), "values")
        broken: set[str] = set()
        for name, expr in s.values.items():
            path = ("values", name)
            if not ID_PATTERN.match(name) or name in RESERVED_NAMES or name == MARGIN:
                self.r.add(path, f"the value name {name!r} must be a lowercase id, not a reserved word", key=True)
                broken.add(name)
            elif name in s.all_tracks:
                self.r.add(path, f"the value {name!r} has the name of a track", key=True)
                broken.add(name)
            cycle = named.cycle_of(name, s.values)
            if cycle is not None and cycle[0] == name:
                self.r.add(path, f"the value {name!r} is defined through itself: {' → '.join(cycle)}")
                broken.add(name)
            elif cycle is not None:
                broken.add(name)  # it reads a cycle reported at its own value
            known = {*s.all_tracks, *s.values, "turn"}
            if not self.check_expr(path, expr, extra=known):
                broken.add(name)
        trees = named.resolved_trees(s.values, broken)
        for expr in named.exprs_in(s):
            if expr.error is None and any(n in s.values for n in named.names_in(expr.tree)):
                named.set_tree(expr, named.inline(expr.tree, trees.__getitem__, s.values))

    # references ---------------------------------------------------------------------------

    def ref(self, path: Path, name: str, known: Iterable[str], what: str, *, key: bool = False) -> bool:
        known = list(known)
        if name in known:
            return True
        hint = _suggest(name, known)
        if not hint:
            hint = f"; known {what}s: {', '.join(known)}" if known else f"; the scenario has no {what}s"
        self.r.add(path, f"unknown {what} {name!r}{hint}", key=key)
        return False

    def check_ids(self) -> None:
        s = self.s
        if not SCENARIO_ID_PATTERN.match(s.id):
            self.r.add(("id",), f"the id {s.id!r} must be lowercase letters, digits, '-' and '_'")
        elif len(s.id) > MAX_ID_LENGTH:
            self.r.add(("id",), f"an id may hold {MAX_ID_LENGTH} characters; this one holds {len(s.id)}")
        sections: list[tuple[str, Iterable[str]]] = [
            ("tracks", s.tracks),
            ("actors", s.actors),
            ("kinds", s.kinds),
            ("moves", s.moves),
            ("interactions", s.interactions),
            ("events", s.events),
            ("endings", s.endings),
            ("strategies", s.strategies),
            ("lessons", s.lessons),
            ("facts", s.facts),
        ]
        for actor_id, actor in s.actors.items():
            sections.append((f"actors/{actor_id}/tracks", actor.tracks))
            sections.append((f"actors/{actor_id}/objectives", actor.objectives))
        for section, ids in sections:
            path = tuple(section.split("/"))
            for ident in ids:
                if not ID_PATTERN.match(ident) or ident in RESERVED_NAMES:
                    self.r.add(
                        (*path, ident),
                        f"the id {ident!r} must start with a lowercase letter and hold only "
                        "lowercase letters, digits and '_' (and not be a reserved word)",
                        key=True,
                    )
                elif len(ident) > MAX_ID_LENGTH:
                    self.r.add(
                        (*path, ident),
                        f"an id may hold {MAX_ID_LENGTH} characters; this one holds {len(ident)}",
                        key=True,
                    )

    # limits ------------------------------------------------------------------------------------

    def check_limits(self, path: Path, value: Any, name: str = "") -> None:
        """Every number and text within the limits, wherever it stands (the model mirrors the file)."""
        if isinstance(value, bool) or value is None or isinstance(value, Expr) or name in _OWN_RANGE:
            return  # formulas are bounded where they are used (budgets, weights, modifiers)
        if isinstance(value, (int, float)):
            if not ((isinstance(value, int) or math.isfinite(value)) and abs(value) <= MAX_NUMBER):
                self.r.add(
                    path, f"{_number(value)} is out of range: numbers lie between {-MAX_NUMBER} and {MAX_NUMBER}"
                )
        elif isinstance(value, str):
            self.check_length(path, value, MAX_NAME_LENGTH if name == "unit" else MAX_TEXT_LENGTH)
        elif isinstance(value, m.Text):
            limit = MAX_NAME_LENGTH if name in NAME_FIELDS else MAX_TEXT_LENGTH
            keyed = len(value.values) > 1 or "en" not in value.values
            for lang, text in value.values.items():
                self.check_length((*path, lang) if keyed else path, text, limit)
        elif isinstance(value, m.Effect):
            if abs(value.delta) > MAX_NUMBER:
                self.r.add(
                    path,
                    f"a change of {value.delta} is out of range: changes lie between {-MAX_NUMBER} and {MAX_NUMBER}",
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, int) and not isinstance(key, bool) and abs(key) > MAX_NUMBER:
                    self.r.add(
                        (*path, key),
                        f"{key} is out of range: numbers lie between {-MAX_NUMBER} and {MAX_NUMBER}",
                        key=True,
                    )
                elif isinstance(key, str) and name == "glossary":
                    self.check_length((*path, key), key, MAX_NAME_LENGTH, key=True)
                self.check_limits((*path, key), item, name)
        elif isinstance(value, tuple) and value and isinstance(value[0], m.Effect):
            for effect in value:
                self.check_limits((*path, *effect.where, effect.track), effect, name)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                self.check_limits((*path, index), item, name)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                if field.name not in m.DERIVED_FIELDS:
                    self.check_limits((*path, field.name), getattr(value, field.name), field.name)

    def check_game_text(self) -> None:
        """What a whole game can print, each text as often as it can come up, within MAX_GAME_TEXT."""
        s, turns = self.s, self.s.turn_range[1]
        if turns > MAX_TURNS:
            return  # check_turns says so

        def size(*texts: m.Text | str | None) -> int:
            return sum(len(str(text)) for text in texts if text is not None)

        once = sum(size(e.name, e.text) for e in s.events.values() if e.once)
        each_turn = sum(size(e.name, e.text) for e in s.events.values() if not e.once)
        for move in s.moves.values():
            roll = move.roll
            dice = (roll.success_text, roll.failure_text) if roll is not None else ()
            texts = size(move.name, move.text, move.signal, *dice)
            each_turn += texts * len(move.by)  # in each hand, and in the log when played
        each_turn += sum(size(i.name, i.text) for i in s.interactions.values())
        each_turn += sum(size(d.name) for d in s.drift)
        each_turn += sum(size(o.text) for a in s.actors.values() for o in a.objectives.values())
        total = once + turns * each_turn
        if total > MAX_GAME_TEXT:
            self.r.add(
                ("turns",),
                f"a game of {turns} turns could print {total:,} characters of card, event and objective texts "
                f"(each as often as it can come up); at most {MAX_GAME_TEXT:,}: shorten the texts or the game",
            )

    def check_length(self, path: Path, text: str, limit: int, *, key: bool = False) -> None:
        if len(text) > limit:
            what = "a name" if limit == MAX_NAME_LENGTH else "a text"
            self.r.add(path, f"{what} may hold {limit:,} characters; this one holds {len(text):,}", key=key)

    def check_formula_range(self, path: Path, expr: Expr | None, what: str, low: int, high: int) -> None:
        """A formula whose value, with every track anywhere in its range, stays within low..high."""
        if expr is None or expr.error is not None:
            return
        reach = bounds_of(expr.tree, self.env_bounds)
        if reach.low < low or reach.high > high:
            self.r.add(
                path,
                f"{what} can reach {_number(reach.low if reach.low < low else reach.high)} "
                f"(with the tracks at their limits); it must stay between {low} and {high}",
            )

    def check_turns(self) -> None:
        low, high = self.s.turn_range
        if low < 1 or high > MAX_TURNS:
            self.r.add(("turns",), f"turns must be between 1 and {MAX_TURNS}")
        if low > high:
            self.r.add(("turns",), f"turns: min ({low}) is more than max ({high})")

    def check_colour(self, path: Path, colour: str) -> None:
        if not COLOUR_PATTERN.match(colour):
            self.r.add(path, f"the colour {colour!r} must be written #rrggbb, e.g. #1f77b4")

    def check_track(self, path: Path, track: m.Track) -> None:
        if track.min >= track.max:
            self.r.add((*path, "max"), f"max ({track.max}) must be more than min ({track.min})")
        elif track.max - track.min > MAX_SPAN and max(abs(track.min), abs(track.max)) <= MAX_NUMBER:
            self.r.add(
                (*path, "max"),
                f"a track spans at most {MAX_SPAN} steps; {track.min}..{track.max} spans {track.max - track.min}",
            )
        elif not track.min <= track.start <= track.max:
            self.r.add(
                (*path, "start"), f"start ({track.start}) must be between min ({track.min}) and max ({track.max})"
            )
        for rung in track.rungs:
            if not track.min <= rung <= track.max:
                self.r.add((*path, "rungs", rung), f"the rung {rung} is outside {track.min}..{track.max}", key=True)
        if track.estimate < 0:
            self.r.add((*path, "estimate"), "estimate cannot be negative")
        if track.visible_to:
            self.check_audience((*path, "visible_to"), track.visible_to)
            if track.visible == "public":
                self.r.warn(
                    (*path, "visible_to"),
                    "visible_to on a public track changes nothing: say `visible: hidden` (the others see a range)"
                    " or `visible: owner` (they see nothing)",
                )
        self.check_teach((*path, "teach"), track.teach)

    def check_actor(self, actor_id: str, actor: m.Actor) -> None:
        base = ("actors", actor_id)
        self.check_colour((*base, "colour"), actor.colour)
        if self.check_expr((*base, "budget"), actor.budget):
            self.check_formula_range((*base, "budget"), actor.budget, "the budget", -MAX_BUDGET, MAX_BUDGET)
        for track_id, track in actor.tracks.items():
            self.check_track((*base, "tracks", track_id), track)
        for obj_id, objective in actor.objectives.items():
            path = (*base, "objectives", obj_id)
            if (
                self.check_expr((*path, "when"), objective.when)
                and not bounds_of(objective.when.tree, self.env_bounds).can_be_true
            ):
                self.r.warn((*path, "when"), f"the objective {obj_id!r} can never be met")
        self.check_bot((*base, "bot"), actor.bot)
        if not self.s.moves_of(actor_id):
            self.r.warn(base, f"the actor {actor_id!r} has no moves", key=True)
        self.check_teach((*base, "teach"), actor.teach)

    def check_bot(self, path: Path, spec: str) -> None:
        policy, colon, temperament = spec.partition(":")
        if policy not in m.BOT_POLICIES:
            self.r.add(
                path, f"unknown bot {policy!r}{_suggest(policy, m.BOT_POLICIES)}; use random or objective:TEMPERAMENT"
            )
        elif policy == "random" and colon:  # as make_bot and --bots refuse it (m.bot_spec_problem)
            self.r.add(path, f"the random bot has no temperament ({spec!r}); use random or objective:TEMPERAMENT")
        elif colon:
            known = [*m.TEMPERAMENTS, *self.s.temperaments]
            self.ref(path, temperament, known, "temperament")

    def check_effects(self, path: Path, effects: tuple[m.Effect, ...]) -> None:
        seen: set[int] = set()  # a branch's condition is shared by its effects: checked once
        for effect in effects:
            where = (*path, *effect.where, effect.track)
            if effect.fact:
                check_fact_effect(self, (*path, *effect.where), effect)
            known = (
                effect.learn is None
                and not effect.fact
                and effect.gain is None
                and self.ref(where, effect.track, self.s.all_tracks, "track", key=True)
            )
            for depth, (condition, _) in enumerate(effect.guards):
                if id(condition) not in seen:
                    seen.add(id(condition))
                    # the branch stands where the effect does, less ("then"|"else", index) per branch inside it
                    branch = (*path, *effect.where[: len(effect.where) - 2 * (len(effect.guards) - depth)], "if")
                    self.format2(branch, "if/then/else")
                    self.check_expr(branch, condition)
            if effect.learn is not None:
                self.check_learn((*path, *effect.where), effect)
            elif effect.fact:
                continue
            elif effect.gain is not None:
                spending.check_gain(self, (*path, *effect.where), effect)
            elif effect.amount is not None:
                self.format2((*where, effect.op), f"{effect.op}: FORMULA")
                if self.check_expr((*where, effect.op), effect.amount) and known:
                    self.check_amount((*where, effect.op), effect)
            elif effect.delta == 0 and self.s.format >= 2:  # format 1 files validate as they always did
                self.r.warn(where, f"the change to {effect.track!r} is 0: it changes nothing")

    def check_amount(self, path: Path, effect: m.Effect) -> None:
        """Warn of a computed change that does nothing, or a `set` that the track's limits always hold back."""
        assert effect.amount is not None
        reach = bounds_of(effect.amount.tree, {**self.env_bounds, **self.local})
        track = self.s.all_tracks[effect.track]
        if effect.op == "add" and reach.low == reach.high == 0:
            self.r.warn(path, f"the change to {effect.track!r} is always 0: it changes nothing")
        elif effect.op == "set" and (reach.low < track.min or reach.high > track.max):
            outside = reach.low if reach.low < track.min else reach.high
            self.r.warn(
                path,
                f"the value set can be {_number(outside)}, outside {effect.track!r}'s limits "
                f"({track.min}..{track.max}): it would be held at the limit",
            )

    def check_learn(self, path: Path, effect: m.Effect) -> None:
        """An intelligence effect: a format-2 key, naming a track and a team; warn when it can teach nothing."""
        assert effect.learn is not None
        self.format2((*path, "learn"), "learn")
        known = self.ref((*path, "learn"), effect.track, self.s.all_tracks, "track")
        if self.ref((*path, "by"), effect.learn.by, self.s.actors, "actor") and known:
            track = self.s.all_tracks[effect.track]
            owner = self.s.track_owner.get(effect.track)
            if track.visible == "public" or effect.learn.by in (owner, *track.visible_to):
                self.r.warn(
                    (*path, "learn"),
                    f"{effect.learn.by!r} already sees {effect.track!r} exactly: this intelligence teaches nothing",
                )

    def check_audience(self, path: Path, actors: tuple[str, ...]) -> None:
        self.format2(path, path[-1] if isinstance(path[-1], str) else "visible_to")
        for index, actor in enumerate(actors):
            self.ref((*path, index), actor, self.s.actors, "actor")

    def check_expr(self, path: Path, expr: Expr | None, *, for_events: bool = False, extra: Iterable[str] = ()) -> bool:
        if expr is None:
            return True
        if expr.error is not None:
            message = f"in {expr.source!r}: {expr.error.message}"
            self.r.add(path, message, offset=expr.error.offset, value=expr.source)
            return False
        ok = True
        nodes = walk(expr.tree)
        id_args = {
            id(n.args[0]) for n in nodes if isinstance(n, Call) and n.func in ("played", "ever", "played_kind", "fact")
        }
        for node in nodes:
            if id(node) in id_args:
                continue
            if (
                isinstance(node, Name)
                and node.name != "turn"
                and node.name not in self.s.all_tracks
                and node.name not in self.local
                and node.name not in extra
            ):
                ok = False
                hint = _suggest(node.name, [*self.s.all_tracks, "turn"])
                if node.name == MARGIN:
                    hint = ": `margin` is read only in the effects of a roll's results"
                message = f"in {expr.source!r}: unknown track {node.name!r}{hint}"
                self.r.add(path, message, offset=node.offset, value=expr.source)
            elif isinstance(node, Call) and node.func in ("played", "ever", "played_kind", "fact"):
                arg = node.args[0]
                assert isinstance(arg, Name)
                known: Iterable[str] = self.s.kinds if node.func == "played_kind" else self.s.moves
                what = "kind" if node.func == "played_kind" else "move"
                if node.func == "fact":
                    self.format2(path, "fact()")
                    known, what = self.s.facts, "fact"
                if arg.name not in known:
                    ok = False
                    hint = _suggest(arg.name, known)
                    message = f"in {expr.source!r}: unknown {what} {arg.name!r}{hint}"
                    self.r.add(path, message, offset=arg.offset, value=expr.source)
        return ok

    def check_move(self, move_id: str, move: m.Move) -> None:
        s = self.s
        base = ("moves", move_id)
        self.ref((*base, "kind"), move.kind, s.kinds, "kind")
        if not move.by:
            self.r.add((*base, "by"), "a move needs at least one actor in `by`")
        for index, actor in enumerate(move.by):
            self.ref((*base, "by", index), actor, s.actors, "actor")
        if move.limit is not None and move.limit < 1:
            self.r.add((*base, "limit"), "limit must be at least 1")
        if move.joint and len(move.by) < 2:
            self.r.add((*base, "joint"), "a joint move needs two or more actors in `by`")
        self.check_expr((*base, "requires"), move.requires)
        self.check_effects((*base, "effects"), move.effects)
        if move.roll is not None:
            self.check_roll((*base, "roll"), move.roll)
        if move.offer is not None:
            self.check_offer(move_id, move)
        if move.token is not None:
            self.check_token((*base, "token"), move.token)
        self.check_teach((*base, "teach"), move.teach)
        self.check_covert(move_id, move)
        if not (move.effects or move.roll or move.offer or move.token or self.ruled.get(move_id)):
            self.r.warn(base, f"the move {move_id!r} does nothing (no effects, roll, offer or token)", key=True)
        self.check_playable(move_id, move)
        self.check_secret_reads(move_id, move)

    def check_covert(self, move_id: str, move: m.Move) -> None:
        """A covert move's audience: a move everyone must see (an offer, a token on the board) cannot be covert."""
        base = ("moves", move_id)
        if move.covert:
            self.format2((*base, "covert"), "covert")
            if move.offer is not None:
                self.r.add((*base, "covert"), "an offer cannot be covert: its target must see it to answer")
            if move.token is not None or (move.roll is not None and any(b.token for b in move.roll.results)):
                self.r.add((*base, "covert"), "a covert move cannot place a token: the board shows tokens to all")
            if move.signal is not None:
                self.r.warn(
                    (*base, "signal"),
                    "a covert move's signal is heard only by those who see the play, not by everyone",
                )
        if move.visible_to:
            self.check_audience((*base, "visible_to"), move.visible_to)
            if not move.covert:
                self.r.warn((*base, "visible_to"), "visible_to on a move that is not covert changes nothing")
        if move.covert:
            self.check_covert_reads(move_id)

    def check_covert_reads(self, move_id: str) -> None:
        """Warn of a card whose condition counts plays of a covert move its player may not see: its
        appearing would tell that the covert move was played."""
        audience = self.s.moves[move_id].audience or ()
        for other_id, other in self.s.moves.items():
            if other.requires is None or other.requires.error is not None:
                continue
            reads = {
                n.args[0].name
                for n in walk(other.requires.tree)
                if isinstance(n, Call) and n.func in ("played", "ever") and isinstance(n.args[0], Name)
            }
            blind = [a for a in other.by if a not in audience]
            if move_id in reads and blind:
                self.r.warn(
                    ("moves", other_id, "requires"),
                    f"the move {other_id!r} counts plays of the covert move {move_id!r}, which {blind[0]!r}"
                    " does not see: the card's appearing would tell it",
                )

    def check_secret_reads(self, move_id: str, move: m.Move) -> None:
        """Warn of a condition that reads a track one of the move's players cannot see: the game then
        offers the card whenever what that player sees allows it, and it may fail when played."""
        if move.requires is None or move.requires.error is not None:
            return
        s = self.s
        for ref in dict.fromkeys(n.name for n in walk(move.requires.tree) if isinstance(n, Name)):
            track = s.all_tracks.get(ref)
            if track is None or track.visible == "public":
                continue
            blind = [a for a in move.by if a != s.track_owner.get(ref) and a not in track.visible_to]
            if blind:
                self.r.warn(
                    ("moves", move_id, "requires"),
                    f"the move {move_id!r} reads another team's secret {ref!r}, which {blind[0]!r} cannot see: "
                    "the card is offered whenever what that team sees allows it, and fails when played "
                    "if the secret says no",
                )

    def check_playable(self, move_id: str, move: m.Move) -> None:
        base = ("moves", move_id)
        requires = move.requires
        if (
            requires is not None
            and requires.error is None
            and not bounds_of(requires.tree, self.env_bounds).can_be_true
        ):
            self.r.warn(
                (*base, "requires"), f"the move {move_id!r} can never be played: {requires.source!r} is never true"
            )
            return
        spending.check_playable_cost(self, move_id, move)

    def check_roll(self, path: Path, roll: m.Roll) -> None:
        if not DICE_PATTERN.match(roll.dice):
            self.r.add((*path, "dice"), f"dice {roll.dice!r} must look like 2d6 (1-10 dice of 2-100 sides)")
        if self.check_expr((*path, "plus"), roll.plus):
            self.check_formula_range((*path, "plus"), roll.plus, "the modifier", -MAX_NUMBER, MAX_NUMBER)
        self.check_effects((*path, "success"), roll.success)
        self.check_effects((*path, "failure"), roll.failure)
        if roll.results:
            self.check_bands(path, roll)

    def check_bands(self, path: Path, roll: m.Roll) -> None:
        """Graded results (format 2): bands best first, each reachable, their effects reading `margin`."""
        self.format2((*path, "results"), "results")
        if roll.success or roll.failure or roll.success_text or roll.failure_text:
            self.r.add((*path, "results"), "a roll has `results` or success/failure, not both")
        count, sides = map(int, roll.dice.split("d")) if DICE_PATTERN.match(roll.dice) else (2, 6)
        plus = bounds_of(roll.plus.tree, self.env_bounds) if roll.plus is not None else Interval(0, 0)
        low, high = count + plus.low - roll.target, count * sides + plus.high - roll.target
        top = high  # the highest margin left for this band
        for index, band in enumerate(roll.results):
            bpath = (*path, "results", index)
            last = index == len(roll.results) - 1
            if band.at_least is None and not last:
                self.r.add(bpath, "only the last band may leave out `at_least` (it takes every lower margin)")
            floor = low if band.at_least is None or last else max(low, band.at_least)
            if floor > top:
                self.r.warn(
                    bpath,
                    f"the result {str(band.name)!r} can never happen: the margin lies between {low} and {high}"
                    + (" and the bands above take it" if band.at_least is not None and band.at_least <= high else ""),
                )
            self.local = {MARGIN: Interval(floor, max(floor, top))}
            self.check_effects((*bpath, "effects"), band.effects)
            if band.token is not None:
                self.check_token((*bpath, "token"), band.token)
            self.local = {}
            if band.at_least is not None:
                top = min(top, band.at_least - 1)

    def check_offer(self, move_id: str, move: m.Move) -> None:
        s = self.s
        offer = move.offer
        assert offer is not None
        path = ("moves", move_id, "offer")
        if self.ref((*path, "to"), offer.to, s.actors, "actor") and offer.to in move.by:
            self.r.add((*path, "to"), f"an offer goes to another actor, not to {offer.to!r} who makes it")
        for name in ("accept", "reject", "ignore"):
            self.check_effects((*path, name), getattr(offer, name))
        for index, counter in enumerate(offer.counters):
            cpath = (*path, "counters", index)
            if self.ref(cpath, counter, s.moves, "move"):
                other = s.moves[counter]
                if other.offer is None or offer.to not in other.by:
                    self.r.add(cpath, f"the counter {counter!r} must be an offer that {offer.to!r} can make")
        if offer.agreement is not None:
            apath = (*path, "agreement")
            if not 1 <= offer.agreement.turns <= MAX_TURNS:
                self.r.add((*apath, "turns"), f"an agreement lasts 1 to {MAX_TURNS} turns")
            for actor, moves in offer.agreement.pauses.items():
                if self.ref((*apath, "pauses", actor), actor, s.actors, "actor", key=True):
                    for index, paused in enumerate(moves):
                        ppath = (*apath, "pauses", actor, index)
                        if self.ref(ppath, paused, s.moves, "move") and actor not in s.moves[paused].by:
                            self.r.add(ppath, f"{actor!r} cannot play {paused!r}, so cannot pause it")
            self.check_effects((*apath, "broken"), offer.agreement.broken)
            self.check_effects((*apath, "kept"), offer.agreement.kept)

    def check_token(self, path: Path, token: m.Token) -> None:
        places = self.s.map.places if self.s.map else {}
        if self.s.map is None:
            self.r.add(path, "tokens need a map: add `map` with its places")
        else:
            self.ref((*path, "at"), token.at, places, "place")
        if not 0 <= token.turns <= MAX_TURNS:
            self.r.add((*path, "turns"), f"a token stays 0 (for good) to {MAX_TURNS} turns")
        check_token_extras(self, path, token)

    def check_interaction(self, inter_id: str, inter: m.Interaction) -> None:
        base = ("interactions", inter_id)
        if not inter.when:
            self.r.add((*base, "when"), "name the moves that must meet")
        for index, move_id in enumerate(inter.when):
            self.ref((*base, "when", index), move_id, self.s.moves, "move")
        self.check_expr((*base, "requires"), inter.requires)
        self.check_effects((*base, "effects"), inter.effects)
        self.check_teach((*base, "teach"), inter.teach)

    def check_event(self, event_id: str, event: m.Event) -> None:
        base = ("events", event_id)
        triggers = [name for name in ("turn", "when", "weight") if getattr(event, name) is not None]
        if not triggers:
            self.r.add(base, f"the event {event_id!r} never happens: give it a turn, a when or a weight", key=True)
        if event.weight is not None and event.turn is not None:
            self.r.add((*base, "weight"), "an event is scripted (turn) or random (weight), not both")
        if event.turn is not None:
            _low, high = self.s.turn_range
            if not 1 <= event.turn <= high:
                self.r.add((*base, "turn"), f"turn {event.turn} is outside the game (1..{high})")
        when_ok = self.check_expr((*base, "when"), event.when)
        if self.check_expr((*base, "weight"), event.weight):
            self.check_formula_range((*base, "weight"), event.weight, "the weight", -MAX_NUMBER, MAX_NUMBER)
        if event.when is not None and when_ok and not bounds_of(event.when.tree, self.env_bounds).can_be_true:
            self.r.warn((*base, "when"), f"the event {event_id!r} can never happen")
        self.check_effects((*base, "effects"), event.effects)
        if event.visible_to is not None:
            self.check_audience((*base, "visible_to"), event.visible_to)
            if event.token is not None:
                self.r.add((*base, "visible_to"), "a private event cannot place a token: the board shows tokens to all")
        if event.token is not None:
            self.check_token((*base, "token"), event.token)
        self.check_teach((*base, "teach"), event.teach)

    def check_endings(self) -> None:
        s = self.s
        if not s.endings:
            self.r.add(("endings",), "a scenario needs at least one ending")
        has_default = False
        for ending_id, ending in s.endings.items():
            base = ("endings", ending_id)
            if ending.when is None:
                if ending.immediate:
                    self.r.add((*base, "immediate"), "an immediate ending needs a `when` condition")
                has_default = True
            elif (
                self.check_expr((*base, "when"), ending.when)
                and not bounds_of(ending.when.tree, self.env_bounds).can_be_true
            ):
                self.r.warn((*base, "when"), f"the ending {ending_id!r} can never be reached")
            if ending.blame_rule is not None:
                if not isinstance(ending.blame, str):
                    self.format2((*base, "blame"), "blame: {track, direction}")
                self.ref((*base, "blame"), ending.blame_rule[0], s.all_tracks, "track")
            self.check_fates(ending_id, ending)
            self.check_teach((*base, "teach"), ending.teach)
        if s.endings and not has_default:
            self.r.warn(
                ("endings",), "no default ending (one without `when`): a game may end without a named ending", key=True
            )

    def check_fates(self, ending_id: str, ending: m.Ending) -> None:
        """Winners, losers and points (format 2): known teams or `blamed`, and blame to name one."""
        base = ("endings", ending_id)
        teams = [*self.s.actors, m.BLAMED]
        for key in ("winners", "losers", "points"):
            listed = getattr(ending, key)
            if not listed:
                continue
            self.format2((*base, key), key)
            for index, team in enumerate(listed):
                sub = (*base, key, team) if key == "points" else (*base, key, index)
                known = self.ref(sub, team, teams, "team", key=key == "points")
                if known and team == m.BLAMED and ending.blame is None:
                    self.r.add(sub, "`blamed` needs the ending's `blame`: which change names the team")
        both = set(ending.winners) & set(ending.losers)
        if both:
            self.r.add((*base, "losers"), f"{sorted(both)[0]!r} cannot both win and lose in one ending")

    def check_map(self) -> None:
        if self.s.map is None:
            return
        region = self.s.map
        (west, east), (south, north) = region.lon, region.lat
        if not (-180 <= west < east <= 180):
            self.r.add(("map", "lon"), "lon must be [west, east] with west < east, within -180..180")
        if not (-90 <= south < north <= 90):
            self.r.add(("map", "lat"), "lat must be [south, north] with south < north, within -90..90")
        for place_id, place in region.places.items():
            if not (west <= place.lon <= east and south <= place.lat <= north):
                self.r.warn(("map", "places", place_id), f"the place {place_id!r} lies outside the map", key=True)

    def check_teach(self, path: Path, teach: m.Teach | None) -> None:
        if teach is None:
            return
        for index, source in enumerate(teach.sources):
            self.ref((*path, "sources", index), source, self.s.sources, "source")


def _number(value: float) -> str:
    """A number as a reader takes it in: up to 12 digits in full, else how many digits it has."""
    if isinstance(value, float):
        return f"{value:.6g}"
    digits = len(str(abs(value)))
    return str(value) if digits <= 12 else f"a {digits}-digit number"


def validate(path: str | FsPath) -> list[Problem]:
    """Every problem (errors and warnings) in a scenario file; empty when clean."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        return error.problems
    return list(scenario.warnings)
