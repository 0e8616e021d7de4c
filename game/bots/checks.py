"""Is a scenario balanced? The simulation's rates against the authoring guide's targets.

A rate from a few hundred games is only an estimate, so each verdict weighs the sample: a
rate is *off target* when the whole Wilson interval around it (z = 2, about 95%) lies
beyond the target, and *near the limit* when the interval reaches across it, so more games
(or another seed) would be needed to tell.
"""

from __future__ import annotations

import math
from typing import Any

from attrs import frozen

from game.scenario.model import Scenario

Z = 2.0


@frozen
class Targets:
    """The guide's targets (section 8, "Targets"), as shares between 0 and 1."""

    ending_min: float = 0.03
    ending_max: float = 0.60
    objective_min: float = 0.20
    move_min: float = 0.02
    move_max: float = 0.50


@frozen
class Check:
    """One rate outside a target, or too close to tell."""

    verdict: str  # "off target" or "near the limit"
    subject: str  # "ending", "objective" or "move"
    id: str
    actor: str | None
    rate: float
    target: str  # e.g. "at most 50% of turns"
    text: str  # what it means
    hint: str  # what to change

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "subject": self.subject,
            "id": self.id,
            "actor": self.actor,
            "rate": round(self.rate, 4),
            "target": self.target,
            "text": self.text,
            "hint": self.hint,
        }


def wilson(rate: float, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval around a sampled rate."""
    if n <= 0:
        return 0.0, 1.0
    centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _verdict(rate: float, n: int, low: float | None, high: float | None) -> str | None:
    lo, hi = wilson(rate, n)
    if high is not None and rate > high:
        return "off target" if lo > high else "near the limit"
    if low is not None and rate < low:
        return "off target" if hi < low else "near the limit"
    return None


HINTS = {
    "ending_max": "make its condition harder, slow the tracks that lead there, or add a brake (a drift rule, "
    "an objective that makes a team care)",
    "ending_min": "make its condition easier, or check 'Tracks at the end' for how far the tracks stay from it; "
    "an ending listed after one that usually holds is rarely reached",
    "objective_min": "lower its threshold, or give the team moves that push toward it",
    "move_max": "it is too good for its price: a higher cost, a limit, a downside or a requires",
    "move_min": "it is too weak, too dear, or its requires rarely holds (or the bots miss its value: "
    "play-test it by hand)",
}


def balance_checks(scenario: Scenario, data: dict[str, Any], targets: Targets = Targets()) -> list[Check]:
    """Every rate of a simulation summary (``Summary.as_json()``) that misses, or may miss, a target."""
    games = int(data["games"])
    turns = max(1, round(data["mean_turns"] * games))
    checks: list[Check] = []
    for ending_id, ending in scenario.endings.items():
        rate = data["endings"].get(ending_id, 0) / max(1, games)
        for low, high, key, target in (
            (targets.ending_min, None, "ending_min", f"at least {targets.ending_min:.0%} of games"),
            (None, targets.ending_max, "ending_max", f"at most {targets.ending_max:.0%} of games"),
        ):
            verdict = _verdict(rate, games, low, high)
            if verdict:
                text = f"Ending {ending.name}: {rate:.1%} of games"
                checks.append(Check(verdict, "ending", ending_id, None, rate, target, text, HINTS[key]))
    for actor_id, actor in scenario.actors.items():
        for oid, objective in actor.objectives.items():
            if not objective.main:
                continue
            rate = data["objectives"][actor_id][oid]
            verdict = _verdict(rate, games, targets.objective_min, None)
            if verdict:
                target = f"at least {targets.objective_min:.0%} of games"
                text = f"{actor.name}'s main objective ({objective.text}): met in {rate:.1%} of games"
                checks.append(Check(verdict, "objective", oid, actor_id, rate, target, text, HINTS["objective_min"]))
    for move_id, move in scenario.moves.items():
        stats = data["moves"][move_id]
        shares = stats.get("by_actor") or dict.fromkeys(move.by, stats["turn_share"])
        for actor_id, rate in shares.items():
            for low, high, key, target in (
                (targets.move_min, None, "move_min", f"at least {targets.move_min:.0%} of turns"),
                (None, targets.move_max, "move_max", f"at most {targets.move_max:.0%} of turns"),
            ):
                verdict = _verdict(rate, turns, low, high)
                if verdict:
                    who = scenario.actors[actor_id].short or scenario.actors[actor_id].name
                    text = f"Move {move.name}: played by {who} in {rate:.1%} of its turns"
                    checks.append(Check(verdict, "move", move_id, actor_id, rate, target, text, HINTS[key]))
    return checks


def format_checks(checks: list[Check], games: int) -> list[str]:
    """The checks as lines for the terminal, worst first."""
    if not checks:
        return [f"Balance: every ending, main objective and move is within the guide's targets ({games} games)."]
    lines = ["Balance against the guide's targets (section 8), worst first:"]
    for check in sorted(checks, key=lambda c: (c.verdict != "off target", c.subject, c.id)):
        lines.append(f"  {check.verdict.upper()}: {check.text} (target: {check.target})")
        lines.append(f"      {check.hint}")
    if any(c.verdict == "near the limit" for c in checks):
        lines.append("  NEAR THE LIMIT means too few games to tell: run more (--games) or another --seed.")
    return lines
