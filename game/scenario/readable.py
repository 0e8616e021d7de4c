"""Scenario expressions in plain words, for players: ``dprk.capability >= 6`` becomes
"DPRK Nuclear and missile capability is at least 6".

Authors write the short form; students read cards, rolls and the log, where
``us.credibility // 3`` means nothing. Tracks go by their labels, moves and kinds by their
names, and counts of plays read as sentences ("Convene the NCG has been played").
"""

from __future__ import annotations

from game.i18n import SOURCE, pick, speaking, tr
from game.scenario.expr import Binary, Call, Expr, Name, Node, Num, Unary
from game.scenario.model import Scenario

_COMPARE = (">=", "<=", ">", "<", "==", "!=")
_ARITHMETIC = {"+": "+", "-": "-", "*": "×", "//": "÷"}
_RANK = {"+": 1, "-": 1, "*": 2, "//": 2, "%": 2}  # how tightly each operator binds
_CACHE: dict[tuple[int, str, str], tuple[Expr, str]] = {}


def readable(expr: Expr, scenario: Scenario, played: str = "last turn", lang: str = SOURCE) -> str:
    """The expression in words, worked out once per expression (the engine logs it on every roll).

    ``played`` says which turn ``played()`` counts: the last turn for what is checked when
    orders are given (a card's condition), this turn for what is checked after the moves.
    ``lang``: the language of the words; the engine's log is English (a save replays the same in
    any language), a player's screen says it in the player's language.
    """
    key = (id(expr), played, lang)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is expr:
        return cached[1]
    with speaking(lang):
        words = _Said(scenario, played, lang).say(expr.tree)
    _CACHE[key] = (expr, words)
    return words


class _Said:
    """An expression in words, sentence by sentence from the catalogue, in the language spoken.

    English (the source language) is the engine's log; any other language is a player's screen.
    """

    def __init__(self, scenario: Scenario, played: str, lang: str) -> None:
        self.s = scenario
        when = {"last turn": tr("last turn"), "this turn": tr("this turn")}
        self.played = when.get(played, played)
        self.english = lang == SOURCE

    def say(self, node: Node) -> str:
        if isinstance(node, Name):
            return tr("the turn") if node.name == "turn" else self.label(node.name)
        if isinstance(node, Unary) and node.op != "-":
            return tr("not ({condition})", condition=self.say(node.operand))
        if isinstance(node, Binary) and node.op in ("and", "or"):
            left, right = self.part(node.left, node.op), self.part(node.right, node.op)
            if node.op == "and":
                return tr("{left} and {right}", left=left, right=right)
            return tr("{left} or {right}", left=left, right=right)
        if isinstance(node, Binary) and node.op == "%":
            return tr("{left} mod {right}", left=self.operand(node.left, 2), right=self.operand(node.right, 2.5))
        if isinstance(node, Num):
            return str(node.value)
        if isinstance(node, Unary):
            return f"-{self.say(node.operand)}"
        if isinstance(node, Call):
            return self.call(node)
        assert isinstance(node, Binary)
        if node.op in _COMPARE:
            return self.compare(node)
        rank = _RANK[node.op]
        return f"{self.operand(node.left, rank)} {_ARITHMETIC[node.op]} {self.operand(node.right, rank + 0.5)}"

    def part(self, node: Node, within: str) -> str:
        """One side of an 'and'/'or': bracketed when it is the other kind of logic."""
        words = self.say(node)
        other = isinstance(node, Binary) and node.op in ("and", "or") and node.op != within
        return f"({words})" if other else words

    def operand(self, node: Node, rank: float) -> str:
        """A number in a sum or product: bracketed when it binds more loosely than where it stands."""
        words = self.say(node)
        loose = isinstance(node, Binary) and _RANK.get(node.op, 0) < rank
        return f"({words})" if loose else words

    def fact(self, call: Call) -> str:
        """A fact's sentence (format 2), in the language spoken."""
        arg = call.args[0]
        assert isinstance(arg, Name)
        fact = self.s.facts.get(arg.name)
        return pick(fact.text) if fact is not None else arg.name

    def label(self, ref: str) -> str:
        """A track's label as the loader makes it (an actor's track is named after its actor), in this language."""
        track = self.s.all_tracks.get(ref)
        if track is None:
            return ref
        owner = self.s.track_owner.get(ref)
        if owner is None:
            return pick(track.name)
        actor = self.s.actors[owner]
        return f"{pick(actor.short or actor.name)} {pick(track.name)}"

    def compare(self, node: Binary) -> str:
        counted = self.count_sentence(node)
        if counted:
            return counted
        left, right = self.operand(node.left, 1), self.operand(node.right, 1)
        sentences = {
            ">=": tr("{left} is at least {right}", left=left, right=right),
            "<=": tr("{left} is at most {right}", left=left, right=right),
            ">": tr("{left} is above {right}", left=left, right=right),
            "<": tr("{left} is below {right}", left=left, right=right),
            "==": tr("{left} is {right}", left=left, right=right),
            "!=": tr("{left} is not {right}", left=left, right=right),
        }
        return sentences[node.op]

    def count_sentence(self, node: Binary) -> str:
        """'ever(x) >= 1' as 'X has been played'; '' when the comparison is not a simple count."""
        left, right = node.left, node.right
        if not (isinstance(left, Call) and left.func in ("ever", "played", "played_kind")):
            return ""
        if not (isinstance(right, Num) and left.args and isinstance(left.args[0], Name)):
            return ""
        n, what = right.value, self.thing(left)
        none = (node.op == "==" and n == 0) or (node.op == "<" and n == 1) or (node.op == "<=" and n == 0)
        some = (node.op == ">=" and n == 1) or (node.op == ">" and n == 0) or (node.op == "!=" and n == 0)
        if left.func == "played_kind":
            if none:
                return tr("no {kind} move was played {when}", kind=what, when=self.played)
            return tr("a {kind} move was played {when}", kind=what, when=self.played) if some else ""
        when = self.played if left.func == "played" else tr("so far")
        if none:
            return tr("{move} has not been played {when}", move=what, when=when)
        if some:
            return tr("{move} has been played {when}", move=what, when=when)
        if node.op == ">=":
            return tr("{move} has been played at least {n} times {when}", move=what, n=n, when=when)
        return ""

    def thing(self, call: Call) -> str:
        arg = call.args[0]
        assert isinstance(arg, Name)
        if call.func == "played_kind":
            kind = self.s.kinds.get(arg.name)
            if kind is None:
                return arg.name
            # English says a kind in lower case inside a sentence ("a signal move"); scripts without case keep it
            return pick(kind.name).lower() if self.english else pick(kind.name)
        move = self.s.moves.get(arg.name)
        return pick(move.name) if move else arg.name

    def call(self, node: Call) -> str:
        if node.func in ("ever", "played", "played_kind"):
            when = tr("so far") if node.func == "ever" else self.played
            if node.func == "played_kind":
                return tr("{kind} moves {when}", kind=self.thing(node), when=when)
            return tr("plays of {move} {when}", move=self.thing(node), when=when)
        if node.func == "fact":
            return tr('"{fact}" is true', fact=self.fact(node))
        args = [self.operand(a, 3) for a in node.args]
        if node.func == "abs":
            return tr("the size of {value}", value=args[0])
        if node.func == "min":
            return tr("the smaller of {left} and {right}", left=args[0], right=args[1])
        return tr("the larger of {left} and {right}", left=args[0], right=args[1])
