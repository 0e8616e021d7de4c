"""Do the bots see the rules? Each move's worth as the objective bot expects it, against what the rules give.

``simulate``'s verdicts are only as good as the bots: a bot blind to an interaction never plays
the move whose payoff is the interaction, and the table then says the move is useless. This
check samples states from the bots' own games; in each, for every move an objective-bot seat
may play, it compares

- *expected*: the worth the bot gives the move (``ObjectiveBot.worth``, before its temperament's
  liking and noise), from its view; with
- *measured*: the same yardstick (the team's utility after the turn, ``lookahead.Judge``) on the
  true state, the turn resolved by the rules with the move and without it, the other teams
  giving the orders their bots give, over several dice. In a turn in rounds (format 2 ``phases``)
  the turn is played from the sampled round to its end, each later round ordered by the bots.

Offers are left out: their worth comes with the answer, next turn. A move is *misjudged* when
the gap is large (at least half a point and half of what the rules give) and sure (its 95%
interval excludes 0). Then ``simulate`` says so: the move's figures in the table say more
about the bots than about the game.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from attrs import evolve, frozen

from game.bots import lookahead
from game.bots.match import _bot, game_seed, play_game
from game.bots.policies import ObjectiveBot, _Facts, shown
from game.engine.rng import derive
from game.engine.rounds import acting, rounds
from game.engine.state import GameState, Order
from game.engine.turn import resolve_turn
from game.engine.view import view
from game.i18n import pick, tr
from game.scenario.model import Scenario

Z95 = 1.959964
STATES = 12  # states sampled from the bots' games
DICE = 8  # resolutions of each move in each state


@frozen
class Judgement:
    """How well the bots judge one move of one team, over the sampled states."""

    move: str
    actor: str
    expected: float  # the bot's mean worth of the move
    measured: float  # the rules' mean worth of it, same yardstick
    low: float  # 95% interval of measured - expected
    high: float
    samples: int

    @property
    def gap(self) -> float:
        return self.measured - self.expected

    @property
    def misjudged(self) -> bool:
        large = abs(self.gap) >= max(0.5, 0.5 * abs(self.measured))
        return large and (self.low > 0 or self.high < 0)

    def as_json(self) -> dict[str, object]:
        return {
            "move": self.move,
            "actor": self.actor,
            "expected": round(self.expected, 3),
            "measured": round(self.measured, 3),
            "gap_low": round(self.low, 3),
            "gap_high": round(self.high, 3),
            "samples": self.samples,
            "misjudged": self.misjudged,
        }


def judge_bots(
    scenario: Scenario, seats: Mapping[str, str], seed: int = 1, states: int = STATES, dice: int = DICE
) -> list[Judgement]:
    """Every (move, team) an objective-bot seat can play in the sampled states, with how well it is judged."""
    gaps: dict[tuple[str, str], list[tuple[float, float]]] = {}  # (actor, move) -> (expected, measured) pairs
    for state in sample_states(scenario, seats, seed, states):
        for actor, spec in seats.items():
            bot = _bot(spec, scenario)
            if not isinstance(bot, ObjectiveBot):
                continue
            seen = view(scenario, state, actor)
            if seen.offers_to_me:  # the worth of a play alone: states where an answer is owed are left out
                continue
            # an offer's worth lands next turn, when it is answered: one turn played out cannot measure it
            plays = [o for o in seen.orders if o.answer is None and scenario.moves[o.move].offer is None]
            expected = bot.worth(scenario, seen, plays, seed=game_seed(seed, state.turn))
            measured = measure(scenario, state, actor, plays, seats, bot.temperament(scenario).risk, dice)
            for order in plays:
                pairs = gaps.setdefault((actor, order.move), [])
                pairs += [(expected[order], m) for m in measured[order]]
    return [_judgement(actor, move, pairs) for (actor, move), pairs in gaps.items()]


def sample_states(scenario: Scenario, seats: Mapping[str, str], seed: int, count: int) -> list[GameState]:
    """Up to ``count`` states awaiting orders, taken in turn from the bots' games (a game's turns, then the next's)."""
    out: list[GameState] = []
    index = 0
    while len(out) < count and index < 4 * count:
        game = play_game(scenario, game_seed(seed, 10_000 + index), seats)
        state = _start(scenario, game.seed, seats)
        for orders in game.orders:
            if len(out) >= count:
                break
            if index % 2 == state.turn % 2 or len(game.orders) == 1:  # every other turn: more games, fewer alike
                out.append(state)
            state = resolve_turn(scenario, state, orders, explain=False).state
        index += 1
    return out


def _start(scenario: Scenario, seed: int, seats: Mapping[str, str]) -> GameState:
    from game.engine.turn import new_game

    return new_game(scenario, seed, seats, explain=False)


def measure(
    scenario: Scenario,
    state: GameState,
    actor: str,
    plays: Sequence[Order],
    seats: Mapping[str, str],
    risk: float,
    dice: int,
) -> dict[Order, list[float]]:
    """Each play's worth to the actor by the rules: the turn resolved with it and without it, from the true
    state, the others ordering as their bots do, over ``dice`` reseeded copies (the same for every play).
    A turn in rounds (format 2 phases) is played to its end: every later round's teams, the actor among
    them, order as their bots do on what the earlier rounds did."""
    judge = lookahead.judge(scenario, actor, risk)
    counts = _Facts.of(scenario).counts
    out: dict[Order, list[float]] = {order: [] for order in plays}
    if not plays:
        return out
    for k in range(dice):
        copy = evolve(state, seed=game_seed(state.seed, 1_000 + k))
        others = _orders(scenario, copy, seats, skip=actor)
        base = _value(scenario, copy, {**others, actor: []}, judge, counts, seats)
        for order in plays:
            out[order].append(_value(scenario, copy, {**others, actor: [order]}, judge, counts, seats) - base)
    return out


def _orders(scenario: Scenario, state: GameState, seats: Mapping[str, str], skip: str | None = None) -> dict:
    """The orders the seats' bots give in the state's round (``skip``: a team whose orders are weighed)."""
    suffix = rounds(scenario)[state.round].suffix
    orders = {}
    for other, spec in seats.items():
        if other != skip and other in acting(scenario, state):
            bot = _bot(spec, scenario)
            seen = shown(bot)(scenario, state, other)
            orders[other] = bot.choose(scenario, seen, derive(state.seed, state.turn, f"bot:{other}{suffix}"))
    return orders


def _value(
    scenario: Scenario,
    state: GameState,
    orders: Mapping[str, Sequence[Order]],
    judge: lookahead.Judge,
    counts: Sequence[tuple[str, str, str]],
    seats: Mapping[str, str],
) -> float:
    """The judge's value of the turn resolved with these orders, its later rounds played by the seats' bots."""
    after = resolve_turn(scenario, state, orders, explain=False).state
    while not after.over and after.round > 0:  # round 0: the next turn has begun
        after = resolve_turn(scenario, after, _orders(scenario, after, seats), explain=False).state
    return judge.value(lookahead.world_after(after, counts), state.turn, after.outcome)


def _judgement(actor: str, move: str, pairs: list[tuple[float, float]]) -> Judgement:
    n = len(pairs)
    diffs = [m - e for e, m in pairs]
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1) if n > 1 else 0.0
    half = Z95 * math.sqrt(var / n)
    expected = sum(e for e, _ in pairs) / n
    measured = sum(m for _, m in pairs) / n
    return Judgement(move, actor, expected, measured, mean - half, mean + half, n)


def format_judgements(scenario: Scenario, judgements: list[Judgement]) -> list[str]:
    """The check as lines for the terminal: the misjudged moves, worst first, or one line that all is well."""
    wrong = sorted((j for j in judgements if j.misjudged), key=lambda j: -abs(j.gap))
    if not judgements:
        return [tr("Do the bots see the rules? No objective bot plays here, so nothing was checked.")]
    if not wrong:
        return [tr("Do the bots see the rules? Yes: every move is worth to them about what the rules give.")]
    lines = [tr("Do the bots see the rules? The bots misjudge these moves (their figures above say more about")]
    lines.append("  " + tr("the bots than about the game; play-test them by hand):"))
    for j in wrong:
        team = scenario.actors[j.actor]
        lines.append(
            "  "
            + tr(
                "bots misjudge {move} ({team}): they expect {expected}, the rules give {measured}",
                move=pick(scenario.moves[j.move].name),
                team=pick(team.short or team.name),
                expected=f"{j.expected:+.2f}",
                measured=f"{j.measured:+.2f}",
            )
        )
    return lines
