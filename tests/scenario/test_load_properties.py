"""Random input never gets past the loader as anything but a Scenario or a ScenarioError.

Three kinds of property, with hypothesis:

(a) random text and random bytes, plain and YAML-flavoured, and mini.yaml with bytes
    changed at random;
(b) mini.yaml parsed, mutated (a key deleted, a value replaced, a key misspelled),
    dumped again: every problem is reported at a line and column inside the file;
(c) random expressions from the grammar of ``game/scenario/expr.py`` parse and evaluate
    as a reference evaluator says, malformed ones raise only ExprSyntaxError, and
    nothing on the way calls eval, exec or compile.
"""

from __future__ import annotations

import builtins
import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from game.scenario import Scenario, ScenarioError, load_scenario_text
from game.scenario.expr import MAX_DEPTH, MAX_LENGTH, Expr, ExprSyntaxError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"
MINI_TEXT = MINI.read_text(encoding="utf-8")
MINI_DATA = yaml.safe_load(MINI_TEXT)
EXAMPLES = settings(max_examples=200, deadline=None)


def load(raw: str | bytes) -> tuple[Scenario | None, list[Any]]:
    """Load; a Scenario and its warnings, or None and the problems. Anything else propagates."""
    try:
        scenario = load_scenario_text(raw, "random.yaml")
    except ScenarioError as error:
        assert error.problems, "a ScenarioError holds at least one problem"
        return None, error.problems
    return scenario, list(scenario.warnings)


def text_of(raw: str | bytes) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw


def assert_inside(raw: str | bytes, problems: list[Any]) -> None:
    """Every problem stands on a line of the file (or just past its end), at column >= 1.

    YAML also breaks lines at NEL, LS and PS (U+0085, U+2028, U+2029), which editors
    mostly do not; str.splitlines() counts those, so the larger count is the bound.
    """
    text = text_of(raw)
    count = max(len(text.split("\n")), len(text.splitlines()))
    for problem in problems:
        assert 1 <= problem.line <= count + 1, str(problem)
        assert problem.col >= 1, str(problem)
        assert "\n" not in problem.message, repr(problem.message)


# --- (a) random text and bytes -------------------------------------------------------------

YAML_BITS = st.sampled_from(
    [
        *"abc:-[]{},&*!|>'\"#%@`?~.=<() \t\n\r01",
        "\n  ",
        ": ",
        "- ",
        "---\n",
        "...\n",
        "&a ",
        "*a",
        "<<: ",
        "!!str ",
        "!!int ",
        "!!float ",
        "!!bool ",
        "!!seq ",
        "!!python/object:os.system ",
        "true",
        "null",
        "1e9",
        "0x1f",
        "2023-04-26",
        "format: 1\n",
        "id: x\n",
        "tension",
        "\ufeff",
        "\x00",
        "\x85",
        "\u2028",
        "한",
    ]
)
YAML_TEXT = st.lists(YAML_BITS, max_size=60).map("".join)


@EXAMPLES
@given(st.text(st.characters(exclude_categories=()), max_size=300))  # any str, lone surrogates too
def test_random_text_is_a_scenario_or_a_scenario_error(text: str):
    scenario, problems = load(text)
    if scenario is None:
        assert_inside(text, problems)


@EXAMPLES
@given(st.binary(max_size=300))
def test_random_bytes_are_a_scenario_or_a_scenario_error(raw: bytes):
    scenario, problems = load(raw)
    if scenario is None:
        assert_inside(raw, problems)


@EXAMPLES
@given(YAML_TEXT)
def test_random_yaml_like_text_is_a_scenario_or_a_scenario_error(text: str):
    scenario, problems = load(text)
    if scenario is None:
        assert_inside(text, problems)


@EXAMPLES
@given(
    st.lists(
        st.tuples(st.integers(0, len(MINI_TEXT.encode())), st.integers(0, 8), st.binary(max_size=8)),
        min_size=1,
        max_size=4,
    )
)
def test_mini_with_random_bytes_changed_is_a_scenario_or_a_scenario_error(edits: list[tuple[int, int, bytes]]):
    raw = MINI_TEXT.encode()
    for at, cut, insert in edits:
        at = min(at, len(raw))
        raw = raw[:at] + insert + raw[at + cut :]
    scenario, problems = load(raw)
    if scenario is None:
        assert_inside(raw, problems)


# --- (b) mutations of mini.yaml --------------------------------------------------------------


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*path, index))
    return out


PATHS = _paths(MINI_DATA)
LEAF = st.one_of(
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["tension", "red.power", "tension >= 6 and", "played(talk)", "2d6", "#1f77b4", "ladder"]),
)
JSONISH = st.recursive(
    LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
MUTATION = st.tuples(
    st.sampled_from(PATHS), st.sampled_from(["delete", "replace", "typo"]), JSONISH, st.integers(0, 99)
)


def mutate(data: Any, path: tuple[Any, ...], kind: str, value: Any, pick: int) -> None:
    parent = data
    try:
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        parent[key]  # the path may be gone after an earlier mutation
    except (KeyError, IndexError, TypeError):
        return
    if kind == "delete":
        del parent[key]
    elif kind == "replace":
        parent[key] = value
    elif isinstance(parent, dict) and isinstance(key, str) and key:
        at = pick % len(key)
        typo = key[:at] + ("x" if key[at] != "x" else "z") + key[at + 1 :]  # e.g. 'effects' -> 'effxcts'
        parent[typo] = parent.pop(key)


@EXAMPLES
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_mini_reports_every_problem_inside_the_file(mutations: list[tuple[Any, ...]]):
    data = copy.deepcopy(MINI_DATA)
    for mutation in mutations:
        mutate(data, *mutation)
    text = yaml.safe_dump(data, sort_keys=False)
    _, problems = load(text)
    assert_inside(text, problems)
    lines = text.split("\n")
    for problem in problems:  # on the line, not past its end
        assert problem.col <= len(lines[problem.line - 1]) + 1, (str(problem), lines[problem.line - 1])


def test_the_unmutated_dump_loads():
    scenario, warnings = load(yaml.safe_dump(MINI_DATA, sort_keys=False))
    assert scenario is not None and scenario.id == "mini", warnings


@pytest.mark.parametrize(
    "requires",
    [
        "requires: tension < 9 and\n      tensoin > 0",  # a plain scalar folded over two lines
        'requires: "tension < 9 and\n      tensoin > 0"',  # the same, quoted
        "requires: >-\n      tension < 9 and\n      tensoin > 0",  # a folded block scalar
    ],
)
def test_a_problem_in_an_expression_over_several_lines_points_at_it(requires: str):
    text = MINI_TEXT.replace('requires: "tension < 9"', requires)
    scenario, problems = load(text)
    assert scenario is None
    (problem,) = [p for p in problems if "unknown track 'tensoin'" in p.message]
    at = text.index("tensoin")
    where = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    assert (problem.line, problem.col) == where, str(problem)


# --- (c) expressions ---------------------------------------------------------------------------

TRACKS = {"tension": 3, "blue.trust": -4, "red.power": 7}


class Env:
    """What an expression reads; the same shape as the engine's."""

    def __init__(self, turn: int) -> None:
        self.tracks = dict(TRACKS)
        self.turn = turn
        self.played = {"talk": 2}
        self.played_kinds = {"show": 1}
        self.ever = {"talk": 5, "drill": 1}


# A tree is ("num", n) | ("name", ref) | ("bool", 0/1) | ("count", func, id) | ("neg", t) | ("not", t)
#           | ("bin", op, left, right) | ("call", func, args) | ("group", t)
Tree = tuple[Any, ...]
BINARY_LEVEL = {
    "or": 1,
    "and": 2,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "==": 4,
    "!=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "//": 6,
    "%": 6,
}
ATOMS: st.SearchStrategy[Tree] = st.one_of(
    st.tuples(st.just("num"), st.integers(0, 10**6)),
    st.tuples(st.just("name"), st.sampled_from([*TRACKS, "turn"])),
    st.tuples(st.just("bool"), st.integers(0, 1)),
    st.tuples(st.just("count"), st.sampled_from(["played", "ever"]), st.sampled_from(["talk", "drill", "test"])),
    st.tuples(st.just("count"), st.just("played_kind"), st.sampled_from(["talk", "show"])),
)


def _extend(inner: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.tuples(st.just("neg"), inner),
        st.tuples(st.just("not"), inner),
        st.tuples(st.just("group"), inner),
        st.tuples(st.just("bin"), st.sampled_from(sorted(BINARY_LEVEL)), inner, inner),
        st.tuples(st.just("call"), st.just("abs"), st.tuples(inner)),
        st.tuples(st.just("call"), st.sampled_from(["min", "max"]), st.tuples(inner, inner)),
    )


TREES = st.recursive(ATOMS, _extend, max_leaves=12)


def level(tree: Tree) -> int:
    """How loosely a tree binds when written without parentheses (7: unary, 8: atom)."""
    kind = tree[0]
    if kind == "bin":
        return BINARY_LEVEL[tree[1]]
    return {"not": 3, "neg": 7}.get(kind, 8)


def render(tree: Tree, spaced: bool) -> tuple[str, int]:
    """Source text with only the parentheses precedence needs, and its nesting depth."""
    kind = tree[0]
    gap = " " if spaced else ""
    if kind == "num":
        return str(tree[1]), 0
    if kind == "name":
        return tree[1], 0
    if kind == "bool":
        return ("true", "false")[1 - tree[1]], 0
    if kind == "count":
        return f"{tree[1]}({tree[2]})", 0  # an id argument: parsed without nesting
    if kind == "group":
        inner, depth = render(tree[1], spaced)
        return f"({inner})", depth + 1
    if kind in ("neg", "not"):
        need = 7 if kind == "neg" else 3
        inner, depth = wrap(tree[1], need, spaced)
        return ("-" + gap if kind == "neg" else "not ") + inner, depth + 1
    if kind == "call":
        args = [render(arg, spaced) for arg in tree[2]]
        return f"{tree[1]}({', '.join(a for a, _ in args)})", 1 + max(d for _, d in args)
    op, left, right = tree[1], tree[2], tree[3]
    mine = BINARY_LEVEL[op]
    # left-associative, except comparisons, which do not chain: (a < b) < c needs its brackets
    left_text, left_depth = wrap(left, mine + 1 if op in COMPARE_OPS else mine, spaced)
    right_text, right_depth = wrap(right, mine + 1, spaced)
    space = " " if spaced or op in ("and", "or") else ""
    return f"{left_text}{space}{op}{space}{right_text}", max(left_depth, right_depth)


COMPARE_OPS = frozenset({"<", "<=", ">", ">=", "==", "!="})


def wrap(tree: Tree, need: int, spaced: bool) -> tuple[str, int]:
    text, depth = render(tree, spaced)
    if level(tree) < need:
        return f"({text})", depth + 1
    return text, depth


def reference(tree: Tree, env: Env) -> int:
    """What the rules say an expression is worth: integers; truth is 1 or 0."""
    kind = tree[0]
    if kind in ("num", "bool"):
        return tree[1]
    if kind == "name":
        return env.turn if tree[1] == "turn" else env.tracks[tree[1]]
    if kind == "count":
        table = {"played": env.played, "ever": env.ever, "played_kind": env.played_kinds}[tree[1]]
        return table.get(tree[2], 0)
    if kind == "group":
        return reference(tree[1], env)
    if kind == "neg":
        return -reference(tree[1], env)
    if kind == "not":
        return 0 if reference(tree[1], env) else 1
    if kind == "call":
        values = [reference(arg, env) for arg in tree[2]]
        return {"abs": lambda: abs(values[0]), "min": lambda: min(values), "max": lambda: max(values)}[tree[1]]()
    op, a = tree[1], reference(tree[2], env)
    if op == "and":
        return 1 if a and reference(tree[3], env) else 0
    if op == "or":
        return 1 if a or reference(tree[3], env) else 0
    b = reference(tree[3], env)
    arithmetic: dict[str, Callable[[], int]] = {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "//": lambda: a // b if b else 0,
        "%": lambda: a % b if b else 0,
        "<": lambda: int(a < b),
        "<=": lambda: int(a <= b),
        ">": lambda: int(a > b),
        ">=": lambda: int(a >= b),
        "==": lambda: int(a == b),
        "!=": lambda: int(a != b),
    }
    return arithmetic[op]()


@contextmanager
def no_eval() -> Iterator[None]:
    """Make eval, exec and compile fail loudly inside the block (and only there: pytest
    and hypothesis use compile themselves, to report failures)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the expression language must never call eval, exec or compile")

    saved = {name: getattr(builtins, name) for name in ("eval", "exec", "compile")}
    for name in saved:
        setattr(builtins, name, refuse)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(builtins, name, function)


@EXAMPLES
@given(TREES, st.booleans(), st.integers(1, 12))
@example(("bin", "-", ("num", 1), ("neg", ("num", 1))), False, 1)  # 1--1
@example(("bin", "<", ("bin", "<", ("num", 3), ("num", 2)), ("num", 1)), True, 1)  # 3 < 2 < 1 is (3 < 2) < 1
@example(("not", ("bin", "==", ("num", 0), ("bool", 0))), True, 1)  # not binds looser than ==
@example(("bin", "//", ("name", "blue.trust"), ("num", 0)), True, 1)  # division by zero is 0
@example(("bin", "%", ("name", "blue.trust"), ("num", 3)), True, 1)  # Python's modulo of a negative
def test_grammar_expressions_parse_and_evaluate_as_the_reference_says(tree: Tree, spaced: bool, turn: int):
    source, depth = render(tree, spaced)
    if len(source) > MAX_LENGTH or depth > MAX_DEPTH:
        with pytest.raises(ExprSyntaxError), no_eval():
            Expr.parse(source)
        return
    with no_eval():
        expr = Expr.parse(source)
        value = expr(Env(turn))
    assert expr.source == source
    assert value == reference(tree, Env(turn)), source


TOKENS = st.sampled_from(
    [
        "tension",
        "red.power",
        "turn",
        "1",
        "0",
        "42",
        "true",
        "false",
        "and",
        "or",
        "not",
        "(",
        ")",
        ",",
        "+",
        "-",
        "*",
        "//",
        "%",
        "/",
        "**",
        "<",
        "<=",
        ">",
        ">=",
        "==",
        "!=",
        "=",
        "!",
        "played",
        "ever",
        "played_kind",
        "min",
        "max",
        "abs",
        "talk",
        "show",
        "eval",
        "__import__",
        "'os'",
        '"x"',
        ".",
        "..",
        "[",
        "]",
        "lambda",
        ":",
        "if",
        "else",
        "1.5",
        "0x1f",
        "1e3",
        "tension.",
        ".power",
        "a.b.c",
        "é",
        "\t",
        "\n",
        "\\",
        "$",
        "#",
    ]
)


@EXAMPLES
@given(st.lists(TOKENS, max_size=25), st.sampled_from(["", " "]))
def test_token_soup_parses_or_raises_expr_syntax_error(tokens: list[str], glue: str):
    source = glue.join(tokens)
    check_parse(source)


@EXAMPLES
@given(st.text(max_size=60))
def test_random_text_parses_or_raises_expr_syntax_error(source: str):
    check_parse(source)


def check_parse(source: str) -> None:
    try:
        with no_eval():
            expr = Expr.parse(source)
    except ExprSyntaxError as error:
        assert 0 <= error.offset <= len(source), (source, error.offset)
        assert error.message and "\n" not in error.message
        return
    try:
        with no_eval():
            value = expr(Env(3))
    except KeyError as error:  # a name the test's Env lacks; the loader refuses unknown names
        assert error.args[0] not in TRACKS, source
        return
    assert isinstance(value, int), (source, value)


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('echo pwned')",
        "eval('1')",
        "().__class__.__bases__",
        "[x for x in ()]",
        "lambda: 1",
        "1 if tension else 0",
        "tension ** 2",
        "tension / 2",
        "open('/etc/passwd')",
        "globals()",
        "'text'",
        "tension; 1",
    ],
)
def test_python_is_not_an_expression(source: str):
    with pytest.raises(ExprSyntaxError), no_eval():
        Expr.parse(source)


def test_a_dotted_name_is_a_track_reference_never_an_attribute():
    # 'tension.__class__' is shaped like 'rok.assurance': a name to look up among the
    # tracks (the loader then says no such track exists), never Python attribute access.
    with no_eval():
        expr = Expr.parse("tension.__class__ + 1")
    env = Env(1)
    with pytest.raises(KeyError):
        expr(env)
    env.tracks["tension.__class__"] = 41
    assert expr(env) == 42
    text = MINI_TEXT.replace('requires: "tension < 9"', 'requires: "tension.__class__ > 0"')
    scenario, problems = load(text)
    assert scenario is None
    assert [p.message for p in problems] == ["in 'tension.__class__ > 0': unknown track 'tension.__class__'"]


@given(
    st.integers(-50, 50), st.integers(0, 30), st.integers(1, 9), st.integers(0, 5), st.booleans(), st.data()
)
def test_floor_division_by_a_divisor_of_one_sign_is_bounded_tightly(low, width, near, spread, negative, data):
    from game.scenario.intervals import Interval, _binary

    a_range = Interval(low, low + width)
    b_range = Interval(-near - spread, -near) if negative else Interval(near, near + spread)
    bound = _binary("//", a_range, b_range)
    a = data.draw(st.integers(a_range.low, a_range.high))
    b = data.draw(st.integers(b_range.low, b_range.high))
    assert bound.low <= a // b <= bound.high
    if width == 0 and spread == 0:
        assert bound.low == bound.high == a // b  # 'trust // 3' with trust known is one number, not -5..5
