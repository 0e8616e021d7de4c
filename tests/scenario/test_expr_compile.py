"""A compiled expression gives what the rules say it gives, whatever closures it was folded into.

Compilation writes common shapes out as one closure ('a + 3', '30 + 5 * tension', 'x // 3'); a
reference evaluator walks the same trees by the documented rules (integer arithmetic, a division or
remainder by 0 is 0, a comparison is 1 or 0) and every random tree must agree with it."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.expr import Binary, Call, Name, Node, Num, Unary, compile_node

TRACKS = {"a": 7, "b": -3, "z": 0}
ENV = SimpleNamespace(tracks=TRACKS, turn=4, played={"m": 2}, played_kinds={}, ever={"m": 5})
OPS = ("+", "-", "*", "//", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or")


def reference(node: Node) -> int:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return ENV.turn if node.name == "turn" else TRACKS[node.name]
    if isinstance(node, Call):
        return {"played": ENV.played, "ever": ENV.ever}[node.func].get(node.args[0].name, 0)  # type: ignore[union-attr]
    if isinstance(node, Unary):
        inner = reference(node.operand)
        return int(not inner) if node.op == "not" else -inner
    assert isinstance(node, Binary)
    a, b = reference(node.left), reference(node.right)
    if node.op == "and":
        return int(bool(a) and bool(b))
    if node.op == "or":
        return int(bool(a) or bool(b))
    if node.op in ("//", "%"):
        return 0 if b == 0 else (a // b if node.op == "//" else a % b)
    table = {"+": a + b, "-": a - b, "*": a * b, "<": a < b, "<=": a <= b, ">": a > b}
    table.update({">=": a >= b, "==": a == b, "!=": a != b})
    return int(table[node.op])


leaves = st.one_of(
    st.integers(-4, 9).map(lambda v: Num(v, 0)),
    st.sampled_from(("a", "b", "z", "turn")).map(lambda n: Name(n, 0)),
    st.sampled_from(("played", "ever")).map(lambda f: Call(f, (Name("m", 0),), 0)),
)
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(OPS), inner, inner).map(lambda t: Binary(t[0], t[1], t[2], 0)),
        st.tuples(st.sampled_from(("not", "-")), inner).map(lambda t: Unary(t[0], t[1], 0)),
    ),
    max_leaves=6,
)


@settings(max_examples=600, deadline=None)
@given(trees)
def test_a_compiled_expression_agrees_with_the_rules(tree: Node):
    assert compile_node(tree)(ENV) == reference(tree)


def test_the_shapes_written_out_as_one_closure():
    for text, want in (("a + 3", 10), ("30 + 5 * a", 65), ("a // 3", 2), ("a % 0", 0), ("9 // z", 0), ("2 - b", 5)):
        left, op, right = text.split(" ", 2)
        if " " in right:  # '30 + 5 * a': the right side is a product
            r_left, r_op, r_right = right.split(" ")
            node: Node = Binary(op, Num(int(left), 0), Binary(r_op, Num(int(r_left), 0), Name(r_right, 0), 0), 0)
        else:
            side = {"a": Name("a", 0), "b": Name("b", 0), "z": Name("z", 0)}
            lhs = side.get(left) or Num(int(left), 0)
            rhs = side.get(right) or Num(int(right), 0)
            node = Binary(op, lhs, rhs, 0)
        assert compile_node(node)(ENV) == want, text
