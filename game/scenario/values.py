"""Named values (format 2): formulas defined once under `values:` and read by name anywhere.

A value is inlined: every expression that names it gets the value's tree in place of the
name, at load time. The rules, the bounds (intervals.py), what a viewer may see (sight.py)
and the bots then need no idea of values at all, and a value costs nothing while a game
runs. An expression keeps its source text as written (``Expr.source``); the sentences made
from its tree (``readable``: the log's roll modifier, the kit) spell the value out, so a
player reads what it is made of, e.g. "(5 - DEFCON) ÷ 2" for ``heat // 2``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from game.scenario.expr import Binary, Call, Expr, Name, Node, Num, Unary, compile_node, walk

#: Functions whose argument is the id of a move or a kind, never a value.
_ID_ARGS = ("played", "played_kind", "ever")


def names_in(node: Node) -> list[str]:
    """The names an expression reads (tracks, turn or values), not the ids counted by played() and ever()."""
    ids = {id(n.args[0]) for n in walk(node) if isinstance(n, Call) and n.func in _ID_ARGS}
    return [n.name for n in walk(node) if isinstance(n, Name) and id(n) not in ids]


def cycle_of(name: str, values: Mapping[str, Expr]) -> list[str] | None:
    """A chain of values from ``name`` back to itself (``[a, b, a]``), or None when it has no cycle."""
    path: list[str] = []
    done: set[str] = set()

    def visit(current: str) -> list[str] | None:
        if current in path:
            return [*path[path.index(current) :], current]
        if current in done or current not in values:
            return None
        path.append(current)
        for read in names_in(values[current].tree):
            found = visit(read)
            if found is not None:
                return found
        path.pop()
        done.add(current)
        return None

    return visit(name)


def resolved_trees(values: Mapping[str, Expr], broken: set[str]) -> dict[str, Node]:
    """Each value's tree with the values it reads inlined; a ``broken`` value (a cycle, an error) reads as 0."""
    trees: dict[str, Node] = {}

    def resolve(name: str) -> Node:
        if name in broken:
            trees[name] = Num(0, 0)
        if name not in trees:
            trees[name] = inline(values[name].tree, resolve, values)
        return trees[name]

    for name in values:
        resolve(name)
    return trees


def inline(node: Node, lookup: object, values: Mapping[str, object]) -> Node:
    """The tree with every name of a value replaced by ``lookup(name)``, the value's tree."""
    if isinstance(node, Name):
        return lookup(node.name) if node.name in values else node  # type: ignore[operator,no-any-return]
    if isinstance(node, Unary):
        operand = inline(node.operand, lookup, values)
        return node if operand is node.operand else attrs.evolve(node, operand=operand)
    if isinstance(node, Binary):
        left, right = inline(node.left, lookup, values), inline(node.right, lookup, values)
        return node if left is node.left and right is node.right else attrs.evolve(node, left=left, right=right)
    if isinstance(node, Call) and node.func not in _ID_ARGS:
        args = tuple(inline(arg, lookup, values) for arg in node.args)
        return node if all(a is b for a, b in zip(args, node.args, strict=True)) else attrs.evolve(node, args=args)
    return node


def set_tree(expr: Expr, tree: Node) -> None:
    """Give a freshly loaded expression its inlined tree (the loader owns these objects; nothing has read them)."""
    object.__setattr__(expr, "tree", tree)
    object.__setattr__(expr, "run", compile_node(tree))


def exprs_in(value: object) -> Iterator[Expr]:
    """Every expression in a part of a scenario (attrs classes, dicts, tuples), the values' own excepted."""
    if isinstance(value, Expr):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from exprs_in(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from exprs_in(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # attrs.has said it is one
            if field.eq and field.name != "values":  # not the derived fields (eq=False) nor positions
                yield from exprs_in(getattr(value, field.name))
