"""Hostile scenario files: each is refused with a ScenarioError, quickly, saying what is wrong.

Scenario files come from anywhere (a classmate, a download), so the loader must never
crash, hang, run code or eat the memory, whatever the bytes. Every case here checks that
only ``ScenarioError`` comes out (any other exception fails the test with its traceback),
that it comes out in well under a second, and what the problem line says, word for word
where the words are settled.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.scenario import Problem, ScenarioError, load_scenario, load_scenario_text
from game.scenario.expr import MAX_DEPTH as EXPR_MAX_DEPTH
from game.scenario.expr import MAX_LENGTH as EXPR_MAX_LENGTH
from game.scenario.yamlread import MAX_BYTES
from game.scenario.yamlread import MAX_DEPTH as YAML_MAX_DEPTH

FILE = "hostile.yaml"
MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"
SECONDS = 10.0  # every case takes milliseconds; the bound only catches a hang or a blow-up, on a loaded machine too
SCENARIO_KEYS = "a scenario file is a mapping of keys such as format, id, title, actors, moves"


def problems(raw: str | bytes) -> list[Problem]:
    """The problems the loader reports for a hostile file (which it must refuse, fast)."""
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(raw, FILE)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"refusing the file took {elapsed:.2f} s"
    found = info.value.problems
    assert found, "a ScenarioError must hold at least one problem"
    for problem in found:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert "\n" not in problem.message, f"a problem is one line: {problem.message!r}"
    return found


def only(raw: str | bytes) -> str:
    """The single problem line reported for a hostile file."""
    found = problems(raw)
    assert len(found) == 1, [str(p) for p in found]
    return str(found[0])


def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def with_requires(expression: str) -> tuple[str, int, int]:
    """mini.yaml with the drill's `requires` replaced; the line and column of the opening quote."""
    text = mini_text()
    old = 'requires: "tension < 9"'
    assert old in text, 'tests/data/mini.yaml changed: the drill move needs `requires: "tension < 9"`'
    start = text.index(old) + len("requires: ")
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return text.replace(old, f'requires: "{expression}"'), line, col


# --- aliases: the billion laughs --------------------------------------------------------


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_billion_laughs_is_stopped_where_the_expansion_gets_too_big():
    # Values (keys count too) stand at 74,740 when line f starts; each *e adds 66,430,
    # so the second *e (column 12) passes MAX_NODES (200,000), long before a billion.
    assert only(BILLION_LAUGHS) == f"{FILE}:6:12: aliases expand too far (more values than a scenario may hold)"


def test_billion_laughs_in_block_style_and_through_merge_keys():
    text = "a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9, q: 10}\n"
    for level, name in enumerate("bcdefgh"):
        previous = "a" if level == 0 else "bcdefgh"[level - 1]
        text += f"{name}: &{name}\n" + "".join(f"  - *{previous}\n" for _ in range(10))
    text += "z:\n  <<: *h\n"
    assert only(text).endswith(": aliases expand too far (more values than a scenario may hold)")


def test_many_aliases_of_a_small_anchor_are_limited_too():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 600) + "]\n"
    # the 501st alias goes over MAX_ALIASES (500); it starts at column 5 + 4 * 500
    assert only(text) == f"{FILE}:2:2005: aliases expand too far (more values than a scenario may hold)"


def test_an_alias_to_an_anchor_not_yet_closed_is_unknown():
    assert only("a: &a [*a]\n") == f"{FILE}:1:8: unknown alias *a"


# --- nesting ----------------------------------------------------------------------------------


def nested_at(text: str) -> tuple[int, int]:
    """The line and column of the one problem for a file nested too deeply."""
    line, col, message = only(text).removeprefix(f"{FILE}:").split(":", 2)
    assert message == " nested more than 32 levels deep"
    return int(line), int(col)


@pytest.fixture(params=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both of PyYAML's parsers: libyaml (when built in) stops deep flow lists at a limit of its own."""
    import yaml

    from game.scenario import yamlread

    if request.param == "pure":
        monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml")
    return str(request.param)


def test_ten_thousand_nested_flow_lists(parser: str):
    line, col = nested_at("[" * 10_000 + "]" * 10_000)
    # the 33rd '[' would make a 33rd level; libyaml's read-ahead may stop further in, still on a '['
    assert line == 1
    assert col == YAML_MAX_DEPTH + 1 if parser == "pure" else YAML_MAX_DEPTH + 1 <= col <= 10_000


def test_ten_thousand_nested_flow_lists_under_a_key(parser: str):
    # the top mapping is the first level, so the 32nd '[' (column 3 + 32) is one too many
    line, col = nested_at("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert line == 1
    assert col == 35 if parser == "pure" else 35 <= col <= 3 + 10_000


def test_ten_thousand_nested_flow_mappings():
    text = "a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    assert only(text) == f"{FILE}:1:{4 + 4 * 31}: nested more than 32 levels deep"


def test_ten_thousand_nested_block_lists():
    # block style, compact: "- - - x" is a list in a list in a list
    assert only("- " * 10_000 + "x\n") == f"{FILE}:1:{1 + 2 * 32}: nested more than 32 levels deep"
    assert only("a:\n" + "- " * 10_000 + "x\n") == f"{FILE}:2:{1 + 2 * 31}: nested more than 32 levels deep"


def test_deeply_nested_block_mappings():
    # 10,000 indented levels would be 50 MB; 40 show the same limit in block style
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(40))
    assert only(text) == f"{FILE}:33:33: nested more than 32 levels deep"


# --- size -------------------------------------------------------------------------------------


def test_a_3_mb_file_is_refused_before_it_is_parsed():
    text = "a: " + "x" * 3_000_000 + "\n"
    assert only(text) == f"{FILE}:1:1: the file is larger than 2 MB"
    assert only(text.encode()) == f"{FILE}:1:1: the file is larger than 2 MB"


def test_a_3_mb_file_on_disk_is_not_read_whole(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: [" + b"1, " * 1_000_000 + b"]\n")
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert time.perf_counter() - start < SECONDS
    assert [str(p) for p in info.value.problems] == [f"{path}:1:1: the file is larger than 2 MB"]


def test_a_file_of_exactly_the_limit_is_parsed_and_one_byte_more_is_not():
    at_limit = "a: " + "x" * (MAX_BYTES - 4) + "\n"
    assert len(at_limit.encode()) == MAX_BYTES
    assert not any("larger than" in p.message for p in problems(at_limit))
    assert only(at_limit + " ") == f"{FILE}:1:1: the file is larger than 2 MB"


def test_the_size_limit_counts_bytes_not_characters():
    text = "a: " + "한" * 700_000 + "\n"  # 0.7 M characters, 2.1 MB of UTF-8
    assert only(text) == f"{FILE}:1:1: the file is larger than 2 MB"


# --- tags: no code ever runs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        (
            "a: !!python/object/apply:os.system ['echo pwned']\n",
            "1:4",
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        (
            "a: !!python/object/apply:os.system {args: ['echo pwned']}\n",
            "1:4",
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("!!python/object/apply:os.system\n- echo pwned\n", "1:1", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: !!python/object/new:os.system [echo]\n", "1:4", "tag:yaml.org,2002:python/object/new:os.system"),
        ("a: !!python/name:os.system\n", "1:4", "tag:yaml.org,2002:python/name:os.system"),
        ("a: !!python/module:os\n", "1:4", "tag:yaml.org,2002:python/module:os"),
        (
            "format: 1\nid: !<tag:yaml.org,2002:python/object/apply:os.system> [echo]\n",
            "2:5",
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("a: !include other.yaml\n", "1:4", "!include"),
        ("a: !!binary aGVsbG8=\n", "1:4", "tag:yaml.org,2002:binary"),
        ("a: !!set {x, y}\n", "1:4", "tag:yaml.org,2002:set"),
    ],
)
def test_tags_that_could_build_objects_are_refused(monkeypatch, text: str, where: str, tag: str):
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    assert only(text) == f"{FILE}:{where}: the tag {tag!r} is not allowed in scenario files"
    assert calls == []


# --- encodings and bytes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"format: 1\nid: x\ntitle: \xff\xfe\n", "3:8"),
        ("format: 1\ntitle: Café\n".encode("latin-1"), "2:11"),  # saved as Latin-1
        ("format: 1\n".encode("utf-16"), "1:1"),  # saved as UTF-16 (starts with a BOM \xff\xfe)
        ("title: 한".encode()[:-1], "1:8"),  # cut in the middle of a character
        (b"\xc0\xaf: 1\n", "1:1"),  # an overlong encoding of '/'
        (b"a: \xed\xa0\x80\n", "1:4"),  # an encoded surrogate, invalid in UTF-8
    ],
)
def test_bytes_that_are_not_utf8_are_refused_where_they_start(raw: bytes, where: str):
    assert only(raw) == f"{FILE}:{where}: the file is not UTF-8 text; save it as UTF-8"


def test_the_column_of_a_bad_byte_counts_characters_not_bytes():
    # Columns everywhere else count characters (YAML marks do); so must this one:
    # 't','i','t','l','e',':',' ' are columns 1-7, '작' 8, '은' 9, ' ' 10, the bad byte 11.
    raw = "title: 작은 ".encode() + b"\xff\n"
    assert only(raw) == f"{FILE}:1:11: the file is not UTF-8 text; save it as UTF-8"


def test_text_with_a_lone_surrogate_is_refused():
    # Not from a file (bytes never decode to a lone surrogate), but load_scenario_text
    # takes str too, e.g. from an editor or a file read with errors="surrogateescape".
    problem = problems("format: 1\ntitle: \udcff\n")[0]
    assert (problem.line, problem.col) == (2, 8)


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"format: 1\nid: a\x00b\n", 2, 6),
        (b"\x00format: 1\n", 1, 1),
        (b'format: 1\ntitle: "a\x00"\n', 2, 10),
        (b"\x00" * 1000, 1, 1),
        ("format: 1\ntitle: 한글\x00\n".encode(), 2, 10),  # the column counts characters
        ("format: 1\r\nid: a\x00\r\n", 2, 6),  # Windows line ends
    ],
)
def test_nul_bytes_are_refused_at_their_position(raw: bytes | str, line: int, col: int):
    found = problems(raw)
    assert len(found) == 1, [str(p) for p in found]
    problem = found[0]
    assert "#x0000" in problem.message, problem.message
    assert "<unicode string>" not in problem.message, "the parser's internals leak into the message"
    assert (problem.line, problem.col) == (line, col), str(problem)


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_other_control_characters_are_refused_at_their_position(char: str):
    problem = problems(f"format: 1\ntitle: a{char}\n")[0]
    assert (problem.line, problem.col) == (2, 9), str(problem)
    assert f"#x{ord(char):04x}" in problem.message, problem.message


# --- documents and keys -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1\n---\nb: 2\n", "2:1"),
        ("---\na: 1\n---\nb: 2\n", "3:1"),
        ("a: 1\n---\n", "2:1"),  # even an empty second document
    ],
)
def test_two_yaml_documents_are_refused(text: str, where: str):
    assert only(text) == f"{FILE}:{where}: a scenario file holds one YAML document; remove the extra '---'"


def test_two_whole_scenarios_in_one_file_are_refused():
    text = mini_text()
    second = text.count("\n") + 1  # the line of the '---' between the two
    assert only(text + "---\n" + text) == (
        f"{FILE}:{second}:1: a scenario file holds one YAML document; remove the extra '---'"
    )


def test_one_document_with_explicit_markers_is_fine():
    scenario = load_scenario_text("---\n" + mini_text() + "...\n", FILE)
    assert scenario.id == "mini"


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        ("a: 1\nb: 2\na: 3\n", "3:1", "'a'"),
        ("x: {name: A, name: B}\n", "1:14", "'name'"),
        ("x:\n  - {a: 1}\n  - a: 1\n    b: 2\n    a: 3\n", "5:5", "'a'"),
        ("1: a\n1.0: b\n", "2:1", "1.0"),  # equal once read as numbers
        ("true: a\nyes: b\n", "2:1", "True"),  # equal once read as booleans
    ],
)
def test_duplicate_keys_are_refused_at_the_second(text: str, where: str, key: str):
    assert only(text) == f"{FILE}:{where}: duplicate key {key}"


def test_a_duplicate_move_in_a_real_scenario_is_refused():
    text = mini_text()
    moves = text.index("\nmoves:\n") + len("\nmoves:\n")
    talk = text[moves : text.index("\n  drill:", moves) + 1]  # the whole "  talk:" block
    doubled = text[:moves] + talk + talk + text[moves + len(talk) :]
    line = doubled.count("\n", 0, moves + len(talk)) + 1
    assert only(doubled) == f"{FILE}:{line}:3: duplicate key 'talk'"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n"])
def test_an_empty_file_is_refused(text: str):
    assert only(text) == f"{FILE}:1:1: {SCENARIO_KEYS}"


@pytest.mark.parametrize("text", ["- format\n- id\n", "[1, 2, 3]\n", "- {format: 1, id: x}\n", "hello\n", "42\n"])
def test_a_file_that_is_just_a_list_or_a_value_is_refused(text: str):
    assert only(text) == f"{FILE}:1:1: {SCENARIO_KEYS}"


# --- numbers ----------------------------------------------------------------------------------


def test_a_number_with_thousands_of_digits_is_refused():
    # Python refuses to turn more than 4,300 decimal digits into an int (a ValueError):
    # the loader must report it, not crash.
    text = mini_text().replace("turns: {min: 3, max: 4}", "turns: " + "9" * 5000)
    found = problems(text)
    assert [(p.line, p.col) for p in found] == [(4, 8)], [str(p)[:120] for p in found]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!int\n",  # IndexError inside PyYAML
        "a: !!int _\n",  # IndexError
        "a: !!int abc\n",  # ValueError
        "a: !!int 0x\n",  # ValueError
        "a: !!float x\n",  # ValueError
        "a: !!bool maybe\n",  # KeyError
    ],
)
def test_a_standard_tag_on_a_value_it_does_not_fit_is_refused(text: str):
    found = problems(text)
    assert [(p.line, p.col) for p in found] == [(1, 4)], [str(p) for p in found]


def test_big_numbers_that_python_reads_are_checked_like_any_other():
    text = mini_text().replace("turns: {min: 3, max: 4}", "turns: " + "9" * 4000)
    assert only(text) == f"{FILE}:4:8: turns must be between 1 and 100"


# --- expressions ------------------------------------------------------------------------------


def test_ten_thousand_nested_parentheses_in_requires():
    expression = "(" * 10_000 + "1" + ")" * 10_000
    text, line, col = with_requires(expression)
    # the column points at the first character past the limit (inside the quotes)
    assert only(text) == (
        f"{FILE}:{line}:{col + 1 + EXPR_MAX_LENGTH}: in {expression!r}: "
        f"expression longer than {EXPR_MAX_LENGTH} characters"
    )


def test_parentheses_nested_one_deeper_than_the_limit():
    expression = "(" * (EXPR_MAX_DEPTH + 1) + "1" + ")" * (EXPR_MAX_DEPTH + 1)
    text, line, col = with_requires(expression)
    # the 41st '(' is the one too many; the error points past it
    assert only(text) == (
        f"{FILE}:{line}:{col + 1 + EXPR_MAX_DEPTH + 1}: in {expression!r}: "
        f"expression nested more than {EXPR_MAX_DEPTH} deep"
    )


def test_parentheses_nested_to_the_limit_are_fine():
    expression = "(" * EXPR_MAX_DEPTH + "tension < 9" + ")" * EXPR_MAX_DEPTH
    text, _, _ = with_requires(expression)
    assert load_scenario_text(text, FILE).moves["drill"].requires is not None


@pytest.mark.parametrize(("prefix", "suffix"), [("not ", ""), ("-", ""), ("abs(", ")"), ("- (", ")")])
def test_long_chains_of_prefix_operators_are_limited(prefix: str, suffix: str):
    depth = 90  # well past the depth limit, within the length limit
    expression = prefix * depth + "1" + suffix * depth
    assert len(expression) <= EXPR_MAX_LENGTH
    text, _, _ = with_requires(expression)
    found = problems(text)
    assert len(found) == 1
    assert found[0].message.endswith(f": expression nested more than {EXPR_MAX_DEPTH} deep"), found[0].message


def test_a_600_character_expression():
    body = " + ".join(["tension"] * 60)
    expression = body + " " * (600 - len(body) - 3) + "> 0"
    assert len(expression) == 600
    text, line, col = with_requires(expression)
    assert only(text) == (
        f"{FILE}:{line}:{col + 1 + EXPR_MAX_LENGTH}: in {expression!r}: "
        f"expression longer than {EXPR_MAX_LENGTH} characters"
    )


def test_an_expression_of_exactly_the_limit_is_fine():
    expression = " + ".join(["tension"] * 49)
    expression += " " * (EXPR_MAX_LENGTH - 4 - len(expression)) + " < 9"
    assert len(expression) == EXPR_MAX_LENGTH
    text, _, _ = with_requires(expression)
    assert load_scenario_text(text, FILE).moves["drill"].requires is not None


@pytest.mark.parametrize("expression", ["__import__('os').system('x')", "tension.__class__", "eval(1)", "1 ** 99999"])
def test_python_in_an_expression_is_a_syntax_error(monkeypatch, expression: str):
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    text, line, _ = with_requires(expression)
    found = problems(text)
    assert [p.line for p in found] == [line], [str(p) for p in found]
    assert found[0].message.startswith(f"in {expression!r}: "), found[0].message
    assert calls == []
