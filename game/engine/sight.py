"""Who sees which track, and what a condition says to someone who cannot see all it reads.

The one rule of visibility: the view, the log's redaction and the legality of a card all ask it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from game.engine.facts import sees_fact
from game.scenario.expr import Call, Expr, Name, walk
from game.scenario.intervals import Interval, bounds_of, count_key

if TYPE_CHECKING:
    from game.engine.turn import Env
    from game.scenario.model import Scenario

Sight = Literal["exact", "estimate", "none"]


def sight(scenario: Scenario, ref: str, actor: str | None) -> Sight:
    """How well an actor (None: the class at large, e.g. the projector) sees a track."""
    track = scenario.all_tracks[ref]
    if track.visible == "public":
        return "exact"
    owner = scenario.track_owner.get(ref)
    if actor is not None and (actor == owner or actor in track.visible_to or actor in scenario.umpires):
        return "exact"  # the umpire (format 2's facilitator) sees every track, as the teacher does
    return "estimate" if track.visible == "hidden" else "none"


def unseen_reads(scenario: Scenario, expr: Expr | None, actor: str | None) -> tuple[str, ...]:
    """The tracks an expression reads that the actor does not see exactly, in the order it reads them."""
    if expr is None:
        return ()
    nodes = walk(expr.tree)
    refs = dict.fromkeys(n.name for n in nodes if isinstance(n, Name) and n.name in scenario.all_tracks)
    unseen = tuple(ref for ref in refs if sight(scenario, ref, actor) != "exact")
    if scenario.facts:  # format 2: a fact the actor does not read is a secret like a track
        facts = dict.fromkeys(
            n.args[0].name for n in nodes if isinstance(n, Call) and n.func == "fact" and isinstance(n.args[0], Name)
        )
        hidden = [f for f in facts if f in scenario.facts and not sees_fact(scenario, f, actor)]
        unseen += tuple(count_key("fact", f) for f in hidden)
    return unseen


def may_hold(scenario: Scenario, expr: Expr, actor: str, env: Env) -> bool:
    """Whether a condition can hold, for all the actor knows: what it sees counts at its value, a track
    it cannot see anywhere within its limits. A card whose condition reads another team's secret is
    offered by this test, so that the card's appearing does not tell the secret's value."""
    names: dict[str, Interval] = {}
    for ref, track in scenario.all_tracks.items():
        if sight(scenario, ref, actor) == "exact":
            names[ref] = Interval(env.tracks[ref], env.tracks[ref])
        else:
            names[ref] = Interval(track.min, track.max)
    names["turn"] = Interval(env.turn, env.turn)
    for move_id in scenario.moves:
        for func, counts in (("played", env.played), ("ever", env.ever)):
            done = counts.get(move_id, 0)
            names[count_key(func, move_id)] = Interval(done, done)
    for kind in scenario.kinds:
        done = env.played_kinds.get(kind, 0)
        names[count_key("played_kind", kind)] = Interval(done, done)
    if scenario.facts:
        for fact in scenario.facts:
            truth = env.tracks.get(count_key("fact", fact), 0)
            seen = sees_fact(scenario, fact, actor)
            names[count_key("fact", fact)] = Interval(truth, truth) if seen else Interval(0, 1)
    return bounds_of(expr.tree, names).can_be_true
