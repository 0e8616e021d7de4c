"""Read untrusted YAML into plain data, remembering where every key and value stands.

Built on PyYAML's event stream (the safe parser, libyaml when present), so nothing is
ever constructed but dicts, lists, strings, numbers, booleans and None. The reader is
iterative and enforces limits as it goes: file size, nesting depth, number of nodes
how far aliases may expand (no "billion laughs"), and how much text they may expand to.
Every text is checked as it is read: no control characters (a NUL or an ESC written as
``"\\0"`` or ``"\\e"`` would reach a terminal or a font), no tall stacks of combining marks,
and no unquoted dates (``2023-07-20`` is a date to every other YAML reader, so the file
would fail its own JSON Schema in an editor).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import yaml
from attrs import define, field, frozen
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:  # libyaml is many times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_ALIASES = 500
#: Characters of text in the whole file once aliases are expanded (a real scenario has ~100,000).
MAX_TEXT = 1_000_000
#: Combining marks in a row on one letter (real writing stacks at most 3 or 4).
MAX_MARKS = 8

#: Control characters (C0, DEL, C1) other than tab and line feed, lone surrogates, and the
#: two noncharacters U+FFFE and U+FFFF: YAML's escapes ("\\0", "\\e", "\\x9b", "\\uFFFE")
#: can write them even though the file itself may not hold them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL"}

Path = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@frozen
class Mark:
    """Where something starts: 1-based line and column; ``quoted`` if a quoted scalar."""

    line: int
    col: int
    quoted: bool = False


@frozen
class YamlProblem(Exception):
    message: str
    mark: Mark


@define
class Positions:
    """Where each value (by path) and each mapping key (by the path of its value) stands."""

    values: dict[Path, Mark] = field(factory=dict)
    keys: dict[Path, Mark] = field(factory=dict)

    def of(self, path: Path, *, key: bool = False) -> Mark:
        """The mark of a path, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        while True:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]
            table = self.values


@define
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    start_nodes: int
    start_chars: int
    mark: Mark
    pending_key: Any = None
    has_key: bool = False
    merges: list[Any] = field(factory=list)


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


def _mark(event: yaml.Event, quoted: bool = False) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1, quoted) if start is not None else Mark(1, 1, quoted)


@functools.cache
def _marks_run() -> re.Pattern[str]:
    """A run of more than MAX_MARKS combining marks (built once, on the first text that is not ASCII)."""
    ranges, start, previous = [], -2, -2
    for code in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)):  # where Unicode has marks
        if unicodedata.category(chr(code)) in ("Mn", "Me", "Mc"):
            if code != previous + 1:
                if start >= 0:
                    ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    members = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{members}]{{{MAX_MARKS + 1},}}")


def check_text(value: str, mark: Mark) -> None:
    """Refuse a text that no front end can show: control characters, or marks stacked sky-high."""
    bad = _CONTROL.search(value)
    if bad is not None:
        code = ord(bad.group())
        name = f" ({_NAMES[code]})" if code in _NAMES else ""
        raise YamlProblem(
            f"the text holds the control character U+{code:04X}{name}; scenario texts hold letters, "
            "spaces and line breaks only",
            mark,
        )
    if not value.isascii() and _marks_run().search(value):
        raise YamlProblem(f"the text stacks more than {MAX_MARKS} accents or other combining marks on one letter", mark)


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _TIMESTAMP_TAG:
            raise YamlProblem(
                f"{event.value} is read as a date by YAML tools (editors, the JSON Schema); "
                f'write it in quotes: "{event.value}"',
                _mark(event),
            )
    elif tag not in _SAFE_TAGS:
        raise YamlProblem(f"the tag {tag!r} is not allowed in scenario files", _mark(event))
    if tag == "tag:yaml.org,2002:str" or tag not in _SAFE_TAGS | {_MERGE_TAG}:
        check_text(event.value, _mark(event))
        return event.value
    if tag == _MERGE_TAG:
        return _Merge()
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, IndexError, KeyError, yaml.YAMLError):
        kind = tag.rsplit(":", 1)[-1]
        raise YamlProblem(f"{event.value[:40]!r} cannot be read as {kind}", _mark(event)) from None


class _Merge:
    """The ``<<`` key of a YAML merge."""

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Merge)


def _size(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(_size(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_size(v) for v in value)
    return 1


def read_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and its positions; raise YamlProblem."""
    positions = Positions()
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int, int]] = {}  # value, values in it, characters of text in it
    nodes = 0
    chars = 0
    aliases = 0
    root: Any = None
    documents = 0

    def place(value: Any, mark: Mark, size: int) -> Path | None:
        """Put a finished value into the container on top of the stack."""
        nonlocal root
        if not stack:
            root = value
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            positions.values.setdefault(path, mark)
            return path
        if not top.has_key:
            if isinstance(value, (dict, list)):
                raise YamlProblem("a mapping key must be a plain value, not a list or mapping", mark)
            if not isinstance(value, _Merge) and value in top.container:
                raise YamlProblem(f"duplicate key {value!r}", mark)
            top.pending_key, top.has_key = value, True
            if not isinstance(value, _Merge):
                positions.keys[(*top.path, value)] = mark
            return None
        key, top.has_key = top.pending_key, False
        if isinstance(key, _Merge):
            top.merges.append(value)
            return None
        path = (*top.path, key)
        top.container[key] = value
        positions.values.setdefault(path, mark)
        return path

    try:
        events = yaml.parse(text, Loader=_Loader)
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("a scenario file holds one YAML document; remove the extra '---'", _mark(event))
                continue
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlProblem(f"the file has more than {MAX_NODES} values", _mark(event))
            if isinstance(event, yaml.ScalarEvent):
                quoted = event.style in ("'", '"')
                value = _scalar(event)
                mark = _mark(event, quoted)
                size = len(value) if isinstance(value, str) else 0
                chars += size
                if chars > MAX_TEXT:
                    raise YamlProblem(_too_much_text(), mark)
                if event.anchor:
                    anchors[event.anchor] = (value, 1, size)
                place(value, mark, 1)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", _mark(event))
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise YamlProblem(f"the tag {event.tag!r} is not allowed in scenario files", _mark(event))
                container: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
                parent_path = _child_path(stack)
                stack.append(_Frame(container, parent_path, event.anchor, nodes, chars, _mark(event)))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if isinstance(frame.container, dict) and frame.merges:
                    _apply_merges(frame)
                size = nodes - frame.start_nodes + 1
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, size, chars - frame.start_chars)
                place(frame.container, frame.mark, size)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise YamlProblem(f"unknown alias *{event.anchor}", _mark(event))
                aliases += 1
                value, size, text_size = anchors[event.anchor]
                nodes += size
                chars += text_size
                if aliases > MAX_ALIASES or nodes > MAX_NODES:
                    raise YamlProblem("aliases expand too far (more values than a scenario may hold)", _mark(event))
                if chars > MAX_TEXT:
                    raise YamlProblem(_too_much_text(" once aliases are expanded"), _mark(event))
                place(value, _mark(event), size)
    except yaml.MarkedYAMLError as error:
        where = error.problem_mark or error.context_mark
        line, col = (where.line + 1, where.column + 1) if where else (1, 1)
        problem = (error.problem or "invalid YAML").strip()
        if "nesting" in problem:
            # libyaml (0.2.5 in PyYAML 6.0.4 wheels) has a nesting limit of its own, which its
            # read-ahead over flow collections can reach before our far smaller one is seen
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", Mark(line, col)) from None
        if error.context:
            problem = f"{problem} ({error.context.strip()})"
        hint = _syntax_hint(text, problem, line, col)
        raise YamlProblem(f"YAML syntax: {problem}{hint}", Mark(line, col)) from None
    except yaml.reader.ReaderError as error:
        at = error.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts bytes, not characters
            at = len(text.encode("utf-8", "surrogatepass")[:at].decode("utf-8", "ignore"))
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlProblem(f"the character #x{code:04x} is not allowed in a YAML file", Mark(line, col)) from None
    except yaml.YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "invalid YAML"
        raise YamlProblem(f"YAML syntax: {first}", Mark(1, 1)) from None
    return root, positions


def _syntax_hint(text: str, problem: str, line: int, col: int) -> str:
    """What an author most likely meant, for the syntax errors that a plain text runs into:
    a bare '?' (YAML's sign for a complex key) and ': ' inside an unquoted text."""
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    at = row[col - 1 : col + 1] if 0 < col <= len(row) else ""
    if problem.startswith("mapping keys are not allowed") and at.rstrip() == "?":
        return "; a '?' on its own starts a YAML key: if you meant a question mark, write it in quotes: \"?\""
    before = row[: col - 1]
    if problem.startswith("mapping values are not allowed") and at.startswith(":") and ": " in before:
        # a second ': ' on the line of a key (not a key indented too far, as in "title: X\n  turns: 3")
        value = row[row.find(": ") + 2 :].strip()
        quoted = value.replace('"', '\\"')
        return f"; a ': ' inside a text starts a mapping: write the whole text in quotes: \"{quoted}\""
    return ""


def _too_much_text(how: str = "") -> str:
    return f"the scenario holds more than {MAX_TEXT:,} characters of text{how}"


def _child_path(stack: list[_Frame]) -> Path:
    """The path the next value on top of the stack will have."""
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, list):
        return (*top.path, len(top.container))
    if top.has_key:
        key = top.pending_key
        return top.path if isinstance(key, _Merge) else (*top.path, key)
    return (*top.path, "<key>")


def _apply_merges(frame: _Frame) -> None:
    assert isinstance(frame.container, dict)
    merged: dict[Any, Any] = {}
    for source in frame.merges:
        items = source if isinstance(source, list) else [source]
        for item in items:
            if not isinstance(item, dict):
                raise YamlProblem("'<<' merges mappings only", frame.mark)
            for key, value in item.items():
                merged.setdefault(key, value)
    merged.update(frame.container)
    frame.container.clear()
    frame.container.update(merged)
