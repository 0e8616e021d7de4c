"""Checks of format 2's umpire and facts (the validator's part of issue 14 §7).

An umpire (an actor with ``facilitator: true``) scores nothing and plays rulings; a fact is a
sentence effects make true or clear. What the types cannot say is checked here: references, and
the silent mistakes an author makes with them (warnings, errors under ``validate --strict``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario import model as m
from game.scenario.expr import Call, Name, walk
from game.scenario.intervals import bounds_of
from game.scenario.silent import effect_lists
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.load import Checker


def ruled_moves(scenario: m.Scenario) -> dict[str, tuple[str, ...]]:
    """For each move, the ids of the umpire's moves that rule on it: a ruling's `requires` reads
    ``played(MOVE)`` (without phases: the umpire rules the turn after), or ``fact(F)`` where MOVE's
    effects make F true (the argument is on the table: with phases, in the same turn's ruling round)."""
    setters: dict[str, list[str]] = {}
    for move_id, move in scenario.moves.items():
        for effect in move.effects:
            if effect.fact and effect.delta > 0:
                setters.setdefault(m.fact_id(effect.track) or "", []).append(move_id)
    table: dict[str, list[str]] = {}
    for ruling_id, ruling in scenario.moves.items():
        if ruling.requires is None or not any(a in scenario.umpires for a in ruling.by):
            continue
        for node in walk(ruling.requires.tree):
            if not (isinstance(node, Call) and isinstance(node.args[0], Name)):
                continue
            if node.func == "played":
                table.setdefault(node.args[0].name, []).append(ruling_id)
            elif node.func == "fact":
                for move_id in setters.get(node.args[0].name, ()):
                    if not any(a in scenario.umpires for a in scenario.moves[move_id].by):
                        table.setdefault(move_id, []).append(ruling_id)
    return {move_id: tuple(dict.fromkeys(ids)) for move_id, ids in table.items()}


def check_fact_effect(checker: Checker, path: Path, effect: m.Effect) -> None:
    """``{fact: ID}`` or ``{fact: ID, clear: true}``: a format-2 key naming a declared fact."""
    checker.format2((*path, "fact"), "fact")
    fact = m.fact_id(effect.track) or ""
    checker.ref((*path, "fact"), fact, checker.s.facts, "fact")


def check_umpire(checker: Checker) -> None:
    """The facts section, the facilitator actors and the rulings."""
    s = checker.s
    if s.facts:
        checker.format2(("facts",), "facts")
    for fact_id, fact in s.facts.items():
        if fact.visible_to is not None:
            checker.check_audience(("facts", fact_id, "visible_to"), fact.visible_to)
        checker.check_teach(("facts", fact_id, "teach"), fact.teach)
    check_facts_set(checker)
    for actor_id, actor in s.actors.items():
        if actor.facilitator:
            check_facilitator(checker, actor_id, actor)
    check_rulings(checker)


def check_facts_set(checker: Checker) -> None:
    """A fact that no effect makes true (and that is not true from the start) never shows."""
    lists = [effects for _, effects in effect_lists(checker.s)]
    lists += [band.effects for move in checker.s.moves.values() if move.roll for band in move.roll.results]
    made = {m.fact_id(e.track) for effects in lists for e in effects if e.fact and e.delta > 0}
    for fact_id, fact in checker.s.facts.items():
        if not fact.start and fact_id not in made:
            checker.r.warn(
                ("facts", fact_id),
                f"the fact {fact_id!r} is never made true: no effect says {{fact: {fact_id}}}",
                key=True,
            )


def check_facilitator(checker: Checker, actor_id: str, actor: m.Actor) -> None:
    """An umpire scores nothing: objectives, a place among winners, losers or points would be ignored."""
    base: Path = ("actors", actor_id)
    checker.format2((*base, "facilitator"), "facilitator")
    if actor.objectives:
        checker.r.warn(
            (*base, "objectives"),
            f"{actor_id!r} is the facilitator: it scores nothing, so its objectives are never counted",
            key=True,
        )
    if actor.bot.partition(":")[0] != "umpire":
        checker.r.warn(
            (*base, "facilitator"),
            f"the facilitator {actor_id!r} is played by the bot {actor.bot!r} when no teacher sits in its seat:"
            " write `bot: umpire` (it rules on every play it may, as the rulings say)",
        )
    for index, phase in enumerate(checker.s.phases):
        teams = [a for a in phase.actors(checker.s.actors) if a not in checker.s.umpires]
        if actor_id in phase.actors(checker.s.actors) and teams:
            checker.r.warn(
                ("phases", index, "who"),
                f"the facilitator {actor_id!r} orders in the round {phase.id!r} with {', '.join(teams)}: it rules"
                " before it sees their moves; give it a round of its own after theirs",
            )
    for ending_id, ending in checker.s.endings.items():
        for key in ("winners", "losers", "points"):
            if actor_id in getattr(ending, key):
                checker.r.add(
                    ("endings", ending_id, key),
                    f"{actor_id!r} is the facilitator: it never wins, loses or scores",
                )


def check_rulings(checker: Checker) -> None:
    """A ruling (a facilitator's move) on a play that can never happen can never be played itself."""
    s = checker.s
    for move_id, move in s.moves.items():
        if not any(a in s.umpires for a in move.by) or move.requires is None or move.requires.error is not None:
            continue
        for node in walk(move.requires.tree):
            if not (isinstance(node, Call) and node.func == "played" and isinstance(node.args[0], Name)):
                continue
            ruled = s.moves.get(node.args[0].name)
            if ruled is None:
                continue
            players = [a for a in ruled.by if a not in s.umpires]
            condition = ruled.requires
            never = condition is not None and condition.error is None and not bounds_of(
                condition.tree, checker.env_bounds
            ).can_be_true
            if not players or never:
                checker.r.warn(
                    ("moves", move_id, "requires"),
                    f"the ruling {move_id!r} can never be played: no team can play "
                    f"{node.args[0].name!r}, the move it rules on",
                )
