"""Facts (format 2): sentences that effects make true and clear, and who reads them.

A fact's truth is kept as 1 or 0 among the game's numbers, under ``fact_ref(id)`` (a name no
track can take), so that effects, conditions (``fact(id)``), saves and replays treat it like
any number, while the board, the log and the debrief say it as a sentence. Like a track, a fact
has an audience: everyone unless it lists ``visible_to``; the umpire (a ``facilitator`` actor)
and the teacher read every fact.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.state import GameState, LogEntry, Ref
from game.i18n import N_
from game.scenario.model import Scenario, fact_ref

#: the log's words when a fact becomes true, and when it stops being true
NOW_TRUE = N_("Now true: {fact}")
NO_LONGER_TRUE = N_("No longer true: {fact}")
KIND = "fact"  # the kind of a fact's log entry


def sees_fact(scenario: Scenario, fact_id: str, actor: str | None) -> bool:
    """Whether an actor (None: the class at large, the projector) reads a fact."""
    audience = scenario.facts[fact_id].visible_to
    return audience is None or (actor is not None and (actor in audience or actor in scenario.umpires))


def facts_seen(scenario: Scenario, state: GameState, actor: str | None, *, everything: bool = False) -> tuple[str, ...]:
    """The facts true now that the actor reads, in the file's order (``everything``: the teacher's)."""
    tracks = state.tracks
    return tuple(
        fact_id
        for fact_id in scenario.facts
        if tracks.get(fact_ref(fact_id), 0) and (everything or sees_fact(scenario, fact_id, actor))
    )


def fact_guesses(scenario: Scenario, state: GameState, actor: str | None) -> dict[str, float]:
    """A bot's guess of every fact: the truth of those it reads, 0 for the others (nothing it cannot see)."""
    return {
        fact_ref(fact_id): float(state.tracks.get(fact_ref(fact_id), 0)) if sees_fact(scenario, fact_id, actor) else 0.0
        for fact_id in scenario.facts
    }


def fact_entry(
    scenario: Scenario,
    turn: int,
    phase: str,
    fact_id: str,
    true: bool,
    actor: str | None,
    source: str | None,
    audience: tuple[str, ...] | None,
) -> LogEntry:
    """The log entry of a fact made true or cleared; its audience is the play's (redact adds the fact's)."""
    args = (("fact", Ref("fact", fact_id, str(scenario.facts[fact_id].text))),)
    message = NOW_TRUE if true else NO_LONGER_TRUE
    return LogEntry(turn, phase, KIND, message, actor, source, args=args, audience=audience, success=true)


def fact_of(entry: LogEntry) -> str:
    """The fact a fact entry names."""
    ref = entry.args[0][1]
    assert isinstance(ref, Ref)
    return ref.id


def redact_fact(scenario: Scenario, actor: str | None, entry: LogEntry) -> tuple[LogEntry | None, bool]:
    """A fact's entry as an actor may read it: (entry or None, told late).

    A fact it does not read is not there at all; one changed by a play it did not see is told
    without its cause, at the end of the turn (its place among the plays would name the play).
    """
    if not sees_fact(scenario, fact_of(entry), actor):
        return None, False
    if entry.audience is not None and actor not in entry.audience and actor not in scenario.umpires:
        return entry._replace(actor=None, source=None, audience=None, phase="upkeep"), True
    return entry, False


def established(scenario: Scenario, log: Iterable[LogEntry], state: GameState) -> list[tuple[str, int]]:
    """The facts true at the end, each with the turn it last became true (0: true from the start)."""
    since: dict[str, int] = {f: 0 for f, fact in scenario.facts.items() if fact.start}
    for entry in log:
        if entry.kind == KIND and entry.args:
            if entry.success:
                since[fact_of(entry)] = entry.turn
            else:
                since.pop(fact_of(entry), None)
    return [(f, since.get(f, 0)) for f in facts_seen(scenario, state, None, everything=True)]
