"""Effects that compute (format 2): the step of a change worked out when it happens.

Format 1's effects are fixed steps (``{tension: +1}``); format 2 adds ``{add: FORMULA}``,
``{set: FORMULA}`` and branches ``{if, then, else}``, which the loader keeps flat (each effect
carries the conditions of the branches it stands in). The rules (``turn._Turn.apply``) ask
``step`` for every computed effect, in order, so a formula reads the tracks as the effects
before it left them; a branch's condition is tested once, when the first of its effects comes
up, so the effects of its `then` cannot change which side of it is taken.

The same function serves the bots (game/bots/foresee.py), over their guessed world.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.scenario.model import BLAMED, Effect, Ending, Roll


def step(effect: Effect, env: object, tracks: Mapping[str, int], tested: dict[int, bool]) -> int | None:
    """The change an effect makes now, in steps, or None when a branch it stands in is not taken.

    ``tested``: each branch condition's verdict so far in this list of effects (by the
    condition's id), filled in here, so a branch is decided once.
    """
    for condition, must_hold in effect.guards:
        verdict = tested.get(id(condition))
        if verdict is None:
            verdict = tested[id(condition)] = bool(condition.run(env))  # type: ignore[arg-type]
        if verdict != must_hold:
            return None
    if effect.amount is None:
        return effect.delta
    value = effect.amount.run(env)  # type: ignore[arg-type]
    return value - tracks[effect.track] if effect.op == "set" else value


def band(roll: Roll, total: int) -> tuple[int, int]:
    """(index of the result band, margin) of a roll whose dice and modifier came to ``total``."""
    margin = total - roll.target
    return Roll.band_of(roll.bands(), margin), margin


#: Where the rules put a roll's margin while its band's effects run (a name no track can have).
MARGIN = "margin"


def fates(
    ending: Ending, actors: list[str], blamed: str | None, scores: dict[str, int]
) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, int]]:
    """(winners, losers, scores) of a format-2 ending: losers score nothing from their objectives,
    then each team's `points` are added (``blamed`` standing for the team blamed, if any)."""
    winners = tuple(a for a in actors if ending.fate(a, blamed) == "won")
    losers = tuple(a for a in actors if ending.fate(a, blamed) == "lost")
    scores = {a: 0 if a in losers else score for a, score in scores.items()}
    for team, points in ending.points.items():
        who = blamed if team == BLAMED else team
        if who is not None and who in scores:
            scores[who] += points
    return winners, losers, scores
