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

from game.i18n import pick, tr
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


def _hint(key: str) -> str:
    """What to change when a rate misses a target, in the current language."""
    if key == "ending_max":
        return tr(
            "make its condition harder, slow the tracks that lead there, or add a brake (a drift rule, "
            "an objective that makes a team care)"
        )
    if key == "ending_min":
        return tr(
            "make its condition easier, or check 'Tracks at the end' for how far the tracks stay from it; "
            "an ending listed after one that usually holds is rarely reached"
        )
    if key == "objective_min":
        return tr("lower its threshold, or give the team moves that push toward it")
    if key == "move_max":
        return tr("it is too good for its price: a higher cost, a limit, a downside or a requires")
    return tr(
        "it is too weak, too dear, or its requires rarely holds (or the bots miss its value: play-test it by hand)"
    )


def _share(rate: float) -> str:
    return f"{rate:.0%}"


def _ending_targets(targets: Targets) -> tuple[tuple[float | None, float | None, str, str], ...]:
    return (
        (targets.ending_min, None, "ending_min", tr("at least {share} of games", share=_share(targets.ending_min))),
        (None, targets.ending_max, "ending_max", tr("at most {share} of games", share=_share(targets.ending_max))),
    )


def _move_targets(targets: Targets) -> tuple[tuple[float | None, float | None, str, str], ...]:
    return (
        (targets.move_min, None, "move_min", tr("at least {share} of turns", share=_share(targets.move_min))),
        (None, targets.move_max, "move_max", tr("at most {share} of turns", share=_share(targets.move_max))),
    )


def balance_checks(scenario: Scenario, data: dict[str, Any], targets: Targets = Targets()) -> list[Check]:
    """Every rate of a simulation summary (``Summary.as_json()``) that misses, or may miss, a target."""
    games = int(data["games"])
    turns = max(1, round(data["mean_turns"] * games))
    checks: list[Check] = []
    for ending_id, ending in scenario.endings.items():
        rate = data["endings"].get(ending_id, 0) / max(1, games)
        for low, high, key, target in _ending_targets(targets):
            verdict = _verdict(rate, games, low, high)
            if verdict:
                text = tr("Ending {ending}: {rate} of games", ending=pick(ending.name), rate=f"{rate:.1%}")
                checks.append(Check(verdict, "ending", ending_id, None, rate, target, text, _hint(key)))
    for actor_id, actor in scenario.actors.items():
        for oid, objective in actor.objectives.items():
            if not objective.main:
                continue
            rate = data["objectives"][actor_id][oid]
            verdict = _verdict(rate, games, targets.objective_min, None)
            if verdict:
                target = tr("at least {share} of games", share=_share(targets.objective_min))
                text = tr(
                    "{team}'s main objective ({objective}): met in {rate} of games",
                    team=pick(actor.name),
                    objective=pick(objective.text),
                    rate=f"{rate:.1%}",
                )
                checks.append(Check(verdict, "objective", oid, actor_id, rate, target, text, _hint("objective_min")))
    for move_id, move in scenario.moves.items():
        stats = data["moves"][move_id]
        shares = stats.get("by_actor") or dict.fromkeys(move.by, stats["turn_share"])
        for actor_id, rate in shares.items():
            if actor_id in scenario.umpires:  # format 2: the umpire's rulings follow the plays, not a balance
                continue
            for low, high, key, target in _move_targets(targets):
                verdict = _verdict(rate, turns, low, high)
                if verdict:
                    who = pick(scenario.actors[actor_id].short or scenario.actors[actor_id].name)
                    text = tr(
                        "Move {move}: played by {team} in {rate} of its turns",
                        move=pick(move.name),
                        team=who,
                        rate=f"{rate:.1%}",
                    )
                    checks.append(Check(verdict, "move", move_id, actor_id, rate, target, text, _hint(key)))
    return checks


def _verdict_label(verdict: str) -> str:
    """A verdict as the terminal shows it, in capitals where the language has them."""
    return tr("OFF TARGET") if verdict == "off target" else tr("NEAR THE LIMIT")


def format_checks(checks: list[Check], games: int) -> list[str]:
    """The checks as lines for the terminal, worst first, in the current language."""
    if not checks:
        return [
            tr(
                "Balance: every ending, main objective and move is within the guide's targets ({games} games).",
                games=games,
            )
        ]
    lines = [tr("Balance against the guide's targets (section 8), worst first:")]
    for check in sorted(checks, key=lambda c: (c.verdict != "off target", c.subject, c.id)):
        line = tr(
            "{verdict}: {text} (target: {target})",
            verdict=_verdict_label(check.verdict),
            text=check.text,
            target=check.target,
        )
        lines.append("  " + line)
        lines.append("      " + check.hint)
    if any(c.verdict == "near the limit" for c in checks):
        lines.append("  " + tr("NEAR THE LIMIT means too few games to tell: run more (--games) or another --seed."))
    return lines
