"""Conditions and formulas in scenario files: a small, closed expression language.

An expression such as ``tension >= 6 and rok.assurance < 4`` is parsed once, at load
time, into a tree of the node classes below, then compiled into plain Python closures.
Nothing is ever handed to ``eval``: the only names are track references, ``turn`` and
the functions in :data:`FUNCTIONS`, all checked against the scenario when it loads.

Grammar, loosest binding first::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]   (comparisons do not chain)
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "//" | "%") unary)*
    unary   := "-" unary | atom
    atom    := INT | "true" | "false" | NAME ("." NAME)? | NAME "(" args ")" | "(" expr ")"

Values are integers; comparisons and logic give 1 or 0, so a condition is any expression
and true means "not zero".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Protocol

from attrs import field, frozen

MAX_LENGTH = 500
MAX_DEPTH = 40


class Env(Protocol):
    """What an expression may read while a game runs."""

    @property
    def tracks(self) -> Mapping[str, int]: ...
    @property
    def turn(self) -> int: ...
    @property
    def played(self) -> Mapping[str, int]: ...
    @property
    def played_kinds(self) -> Mapping[str, int]: ...
    @property
    def ever(self) -> Mapping[str, int]: ...


Compiled = Callable[[Env], int]


class ExprSyntaxError(ValueError):
    """A malformed expression; ``offset`` is the 0-based character where it went wrong."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# --- the tree --------------------------------------------------------------------


@frozen
class Num:
    value: int
    offset: int


@frozen
class Name:
    """A track reference (``tension``, ``rok.assurance``) or ``turn``."""

    name: str
    offset: int


@frozen
class Call:
    func: str
    args: tuple[Node, ...]
    offset: int


@frozen
class Unary:
    op: str
    operand: Node
    offset: int


@frozen
class Binary:
    op: str
    left: Node
    right: Node
    offset: int


Node = Num | Name | Call | Unary | Binary

#: function name -> (number of arguments, what the argument names)
FUNCTIONS: dict[str, tuple[int, str | None]] = {
    "played": (1, "move"),  # times a move was played this turn (last turn, for events)
    "played_kind": (1, "kind"),  # moves of a kind played this turn
    "ever": (1, "move"),  # times a move was played so far in the game
    "fact": (1, "fact"),  # format 2: 1 while the fact is true, else 0
    "min": (2, None),
    "max": (2, None),
    "abs": (1, None),
}

COMPARISONS = ("<=", ">=", "==", "!=", "<", ">")
_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)"
    r"|(?P<op>//|<=|>=|==|!=|[<>+\-*%(),]))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise ExprSyntaxError(f"unexpected character {text[start]!r}", start)
        kind = match.lastgroup or ""
        value = match.group(kind)
        start = match.start(kind)
        if kind == "name" and value in _KEYWORDS:
            kind = "kw"
        tokens.append((kind, value, start))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at(self, *values: str) -> bool:
        kind, value, _ = self.peek()
        return kind in ("op", "kw") and value in values

    def expect(self, value: str) -> None:
        kind, got, offset = self.take()
        if got != value:
            raise ExprSyntaxError(f"expected {value!r} but found {_describe(kind, got)}", offset)

    def parse(self) -> Node:
        node = self.or_()
        kind, value, offset = self.peek()
        if kind != "end":
            raise ExprSyntaxError(f"unexpected {_describe(kind, value)}", offset)
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.at("or"):
            offset = self.take()[2]
            node = Binary("or", node, self.and_(), offset)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("and"):
            offset = self.take()[2]
            node = Binary("and", node, self.not_(), offset)
        return node

    def not_(self) -> Node:
        if self.at("not"):
            offset = self.take()[2]
            return Unary("not", self.nested(self.not_), offset)
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.at(*COMPARISONS):
            op, offset = self.take()[1:]
            node = Binary(op, node, self.sum(), offset)
            if self.at(*COMPARISONS):
                # `1 <= x <= 3` would compare (1 <= x), a 0 or 1, with 3: never what is meant.
                raise ExprSyntaxError(
                    "comparisons do not chain: write 'a <= x and x <= b' instead of 'a <= x <= b'",
                    self.peek()[2],
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.at("+", "-"):
            op, offset = self.take()[1:]
            node = Binary(op, node, self.product(), offset)
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.at("*", "//", "%"):
            op, offset = self.take()[1:]
            node = Binary(op, node, self.unary(), offset)
        return node

    def unary(self) -> Node:
        if self.at("-"):
            offset = self.take()[2]
            return Unary("-", self.nested(self.unary), offset)
        return self.atom()

    def nested(self, rule: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprSyntaxError(f"expression nested more than {MAX_DEPTH} deep", self.peek()[2])
        try:
            return rule()
        finally:
            self.depth -= 1

    def atom(self) -> Node:
        kind, value, offset = self.take()
        if kind == "int":
            return Num(int(value), offset)
        if kind == "kw" and value in ("true", "false"):
            return Num(1 if value == "true" else 0, offset)
        if kind == "name":
            if self.at("("):
                return self.call(value, offset)
            return Name(value, offset)
        if kind == "op" and value == "(":
            node = self.nested(self.or_)
            self.expect(")")
            return node
        raise ExprSyntaxError(f"expected a number, a name or '(' but found {_describe(kind, value)}", offset)

    def call(self, func: str, offset: int) -> Node:
        if func not in FUNCTIONS:
            raise ExprSyntaxError(f"unknown function {func!r}{_suggest(func, FUNCTIONS)}", offset)
        self.expect("(")
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.nested(self.or_))
            while self.at(","):
                self.take()
                args.append(self.nested(self.or_))
        self.expect(")")
        arity, names = FUNCTIONS[func]
        if len(args) != arity:
            raise ExprSyntaxError(f"{func}() takes {arity} argument(s), got {len(args)}", offset)
        if names is not None and not all(isinstance(a, Name) and "." not in a.name for a in args):
            raise ExprSyntaxError(f"{func}() takes the id of a {names}", offset)
        return Call(func, tuple(args), offset)


def _describe(kind: str, value: str) -> str:
    return "the end of the expression" if kind == "end" else repr(value)


def _suggest(word: str, choices: object) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1)  # type: ignore[call-overload]
    return f" (did you mean {close[0]!r}?)" if close else ""


@frozen
class Expr:
    """A parsed expression: its source text, its tree and its compiled closure."""

    source: str
    tree: Node = field(eq=False, repr=False)
    run: Compiled = field(eq=False, repr=False)
    error: ExprSyntaxError | None = field(default=None, eq=False, repr=False)

    @classmethod
    def parse(cls, source: str) -> Expr:
        if len(source) > MAX_LENGTH:
            raise ExprSyntaxError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH)
        tree = _Parser(source).parse()
        return cls(source, tree, compile_node(tree))

    @classmethod
    def parse_lenient(cls, source: str) -> Expr:
        """Parse, or keep the syntax error in ``error`` (the value is then always 0).

        The loader uses this so that a typo in one condition does not hide every other
        problem in the file: the error is reported with the rest.
        """
        try:
            return cls.parse(source)
        except ExprSyntaxError as error:
            tree = Num(0, 0)
            return cls(source, tree, compile_node(tree), error)

    @classmethod
    def constant(cls, value: int) -> Expr:
        tree = Num(value, 0)
        return cls(str(value), tree, compile_node(tree))

    def __call__(self, env: Env) -> int:
        return self.run(env)

    def __str__(self) -> str:
        return self.source


def walk(node: Node) -> list[Node]:
    """Every node of a tree, parents first."""
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        if isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.right, current.left))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
    return out


def _div(a: int, b: int) -> int:
    return a // b if b else 0


def _mod(a: int, b: int) -> int:
    return a % b if b else 0


_BINARY: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "//": _div,
    "%": _mod,
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
}


def compile_node(node: Node) -> Compiled:
    """Turn a tree into nested closures; evaluation then costs a few calls, no walking."""
    if isinstance(node, Num):
        value = node.value
        return lambda env: value
    if isinstance(node, Name):
        name = node.name
        if name == "turn":
            return lambda env: env.turn
        return lambda env: env.tracks[name]
    if isinstance(node, Unary):
        inner = compile_node(node.operand)
        if node.op == "not":
            return lambda env: 0 if inner(env) else 1
        return lambda env: -inner(env)
    if isinstance(node, Call):
        return _compile_call(node)
    left, right = compile_node(node.left), compile_node(node.right)
    if node.op == "and":
        return lambda env: 1 if left(env) and right(env) else 0
    if node.op == "or":
        return lambda env: 1 if left(env) or right(env) else 0
    if node.op in _TRACK_VS_NUMBER and isinstance(node.right, Num):
        # Most conditions compare a track with a number: one closure instead of three calls.
        value = node.right.value
        if isinstance(node.left, Name) and node.left.name != "turn":
            return _TRACK_VS_NUMBER[node.op](node.left.name, value)
        return _ANY_VS_NUMBER[node.op](left, value)
    if node.op in _ANY_OP_ANY:  # arithmetic: a number on either side is folded into the closure
        if isinstance(node.right, Num):
            value = node.right.value
            if node.op in ("//", "%") and value == 0:
                return lambda env: 0  # as _div and _mod: no division by zero, ever
            if isinstance(node.left, Name) and node.left.name != "turn":
                return _TRACK_OP_NUMBER[node.op](node.left.name, value)
            return _ANY_OP_NUMBER[node.op](left, value)
        if isinstance(node.left, Num):
            return _NUMBER_OP_ANY[node.op](node.left.value, right)
        return _ANY_OP_ANY[node.op](left, right)
    op = _BINARY[node.op]
    return lambda env: op(left(env), right(env))


# Arithmetic as _BINARY does it, each written out as one closure (a number never 0 where it divides)
_TRACK_OP_NUMBER: dict[str, Callable[[str, int], Compiled]] = {
    "+": lambda n, v: lambda env: env.tracks[n] + v,
    "-": lambda n, v: lambda env: env.tracks[n] - v,
    "*": lambda n, v: lambda env: env.tracks[n] * v,
    "//": lambda n, v: lambda env: env.tracks[n] // v,
    "%": lambda n, v: lambda env: env.tracks[n] % v,
}
_ANY_OP_NUMBER: dict[str, Callable[[Compiled, int], Compiled]] = {
    "+": lambda f, v: lambda env: f(env) + v,
    "-": lambda f, v: lambda env: f(env) - v,
    "*": lambda f, v: lambda env: f(env) * v,
    "//": lambda f, v: lambda env: f(env) // v,
    "%": lambda f, v: lambda env: f(env) % v,
}
_NUMBER_OP_ANY: dict[str, Callable[[int, Compiled], Compiled]] = {
    "+": lambda v, f: lambda env: v + f(env),
    "-": lambda v, f: lambda env: v - f(env),
    "*": lambda v, f: lambda env: v * f(env),
    "//": lambda v, f: lambda env: _div(v, f(env)),
    "%": lambda v, f: lambda env: _mod(v, f(env)),
}
_ANY_OP_ANY: dict[str, Callable[[Compiled, Compiled], Compiled]] = {
    "+": lambda f, g: lambda env: f(env) + g(env),
    "-": lambda f, g: lambda env: f(env) - g(env),
    "*": lambda f, g: lambda env: f(env) * g(env),
    "//": lambda f, g: lambda env: _div(f(env), g(env)),
    "%": lambda f, g: lambda env: _mod(f(env), g(env)),
}


# The same comparisons as _BINARY, each written out as one closure (a track, or any value, against a number)
_TRACK_VS_NUMBER: dict[str, Callable[[str, int], Compiled]] = {
    "<": lambda n, v: lambda env: 1 if env.tracks[n] < v else 0,
    "<=": lambda n, v: lambda env: 1 if env.tracks[n] <= v else 0,
    ">": lambda n, v: lambda env: 1 if env.tracks[n] > v else 0,
    ">=": lambda n, v: lambda env: 1 if env.tracks[n] >= v else 0,
    "==": lambda n, v: lambda env: 1 if env.tracks[n] == v else 0,
    "!=": lambda n, v: lambda env: 1 if env.tracks[n] != v else 0,
}
_ANY_VS_NUMBER: dict[str, Callable[[Compiled, int], Compiled]] = {
    "<": lambda f, v: lambda env: 1 if f(env) < v else 0,
    "<=": lambda f, v: lambda env: 1 if f(env) <= v else 0,
    ">": lambda f, v: lambda env: 1 if f(env) > v else 0,
    ">=": lambda f, v: lambda env: 1 if f(env) >= v else 0,
    "==": lambda f, v: lambda env: 1 if f(env) == v else 0,
    "!=": lambda f, v: lambda env: 1 if f(env) != v else 0,
}


def _compile_call(node: Call) -> Compiled:
    if node.func in ("played", "played_kind", "ever"):
        arg = node.args[0]
        assert isinstance(arg, Name)
        key = arg.name
        if node.func == "played":
            return lambda env: env.played.get(key, 0)
        if node.func == "played_kind":
            return lambda env: env.played_kinds.get(key, 0)
        return lambda env: env.ever.get(key, 0)
    if node.func == "fact":
        arg = node.args[0]
        assert isinstance(arg, Name)
        ref = f"fact({arg.name})"  # model.fact_ref: the fact's truth is kept with the tracks
        return lambda env: env.tracks.get(ref, 0)
    args = [compile_node(a) for a in node.args]
    if node.func == "abs":
        (only,) = args
        return lambda env: abs(only(env))
    first, second = args
    pick = min if node.func == "min" else max
    return lambda env: pick(first(env), second(env))
