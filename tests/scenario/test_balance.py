"""The flagship stays balanced: the issue's bounds, checked on a small sample with a fixed seed.

The bounds (``scenarios/balance.md`` publishes the 10,000-game figures and the commands):

- default bots (the scenario's own: pragmatists, a hawkish North Korea): no ending in more
  than 60% of games or fewer than 3%; every team meets its main objective in at least 20%
  of games; every move is played by each of its actors in at least 2% and at most 50% of
  that actor's turns (not "per game": a move played twice in one game counts twice);
- cautious bots (``objective:dove`` everywhere): catastrophe in fewer than 5% of games;
- hawkish bots (``objective:hawk`` everywhere): catastrophe in 5% to 25% of games.

The margin. A few hundred games cannot pin a rate down to the published figure: with 250
games a true 10% is sampled anywhere between about 6% and 14%, and a true 3% between about
1% and 5%. So a bound counts as broken only when the sample is clearly beyond it: when the
whole Wilson interval at z = 2 (about 95%) around the sampled rate lies on the wrong side of
the bound. A scenario tuned to the bounds passes; a broken one (an ending that swallows the
game or never happens, a team that can never win, a card nobody plays or everybody spams, a
war nobody can avoid) fails, because its interval no longer reaches the bound. Move shares
are counted over actor-turns as if each were independent, which makes their intervals a
little narrower than the truth: for moves the check errs on the strict side.

The seed is fixed, so the test is deterministic; the game seeds are the ones
``deterrence simulate --seed`` uses, so these are the first games of the published runs.

Run as a script, it prints the per-team move shares for any number of games (the CLI's
``simulate`` reports only the largest share among a move's actors):
``.venv/bin/python -m tests.scenario.test_balance --games 10000 --jobs 2 [--bots SPEC]``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from attrs import field, frozen

from game.bots import parse_bots, play_game, simulate
from game.bots.checks import wilson
from game.bots.match import game_seed
from game.scenario import load_scenario
from game.scenario.model import Scenario
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
SEED = 1
Z = 2.0  # about a 95% interval

DEFAULT_GAMES = 250
MIX_GAMES = 120  # the all-dove and all-hawk runs check one rate each


@frozen
class Sample:
    """Counts from a series of bot games."""

    games: int = 0
    turns: int = 0  # game turns; every seat orders every turn, so also each actor's number of turns
    endings: Counter[str] = field(factory=Counter)
    met: Counter[str] = field(factory=Counter)  # "actor:objective" -> games in which it was met
    plays: Counter[str] = field(factory=Counter)  # "actor:move" -> times the actor played it

    def add(self, other: Sample) -> Sample:
        return Sample(
            self.games + other.games,
            self.turns + other.turns,
            self.endings + other.endings,
            self.met + other.met,
            self.plays + other.plays,
        )

    def share(self, actor: str, move: str) -> float:
        """Share of the actor's turns in which it played the move."""
        return self.plays[f"{actor}:{move}"] / max(1, self.turns)


def play_series(scenario: Scenario, seats: dict[str, str], seed: int, indexes: Iterable[int]) -> Sample:
    total = Sample()
    for index in indexes:
        game = play_game(scenario, game_seed(seed, index), seats)
        outcome = game.final.outcome
        assert outcome is not None
        met = Counter(f"{actor}:{oid}" for actor, done in outcome.met.items() for oid in done)
        total = total.add(Sample(1, game.turns, Counter({outcome.ending: 1}), met, Counter(game.final.plays)))
    return total


def _series_in_a_process(args: tuple[str, dict[str, str], int, list[int]]) -> Sample:
    path, seats, seed, indexes = args
    return play_series(load_scenario(path), seats, seed, indexes)


def measure(path: Path, bots: str | None, games: int, seed: int = SEED, jobs: int = 1) -> Sample:
    """Play ``games`` games of the scenario with the given bots (None: the scenario's own)."""
    scenario = load_scenario(path)
    seats = parse_bots(scenario, bots)
    if jobs <= 1:
        return play_series(scenario, seats, seed, range(games))
    batches = [list(range(start, min(games, start + 100))) for start in range(0, games, 100)]
    total = Sample()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_series_in_a_process, [(str(path), seats, seed, b) for b in batches]):
            total = total.add(part)
    return total


def beyond(successes: int, trials: int, low: float, high: float) -> str | None:
    """How the sampled rate is clearly outside [low, high], or None if it may be inside."""
    lo, hi = wilson(successes / trials if trials else 0.0, trials, Z)  # the simulator's own verdict's interval
    rate = f"{successes}/{trials} = {successes / trials:.1%} (interval {lo:.1%}-{hi:.1%})"
    if hi < low:
        return f"{rate}, below {low:.0%}"
    if lo > high:
        return f"{rate}, above {high:.0%}"
    return None


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load_scenario(FLAGSHIP)


@pytest.fixture(scope="module")
def default_bots() -> Sample:
    return measure(FLAGSHIP, None, DEFAULT_GAMES)


def test_no_ending_takes_over_the_game_or_never_happens(flagship, default_bots):
    problems = {
        ending: why
        for ending in flagship.endings
        if (why := beyond(default_bots.endings[ending], default_bots.games, 0.03, 0.60))
    }
    assert not problems, problems


def test_every_team_meets_its_main_objective_often_enough(flagship, default_bots):
    mains = [(a, oid) for a, actor in flagship.actors.items() for oid, obj in actor.objectives.items() if obj.main]
    assert {a for a, _ in mains} == set(flagship.actors), "every team has a main objective"
    problems = {
        f"{a}:{oid}": why
        for a, oid in mains
        if (why := beyond(default_bots.met[f"{a}:{oid}"], default_bots.games, 0.20, 1))
    }
    assert not problems, problems


def test_every_move_is_played_by_each_of_its_actors_but_none_all_the_time(flagship, default_bots):
    problems = {
        f"{actor}:{move_id}": why
        for move_id, move in flagship.moves.items()
        for actor in move.by
        if (why := beyond(default_bots.plays[f"{actor}:{move_id}"], default_bots.turns, 0.02, 0.50))
    }
    assert not problems, problems


def test_move_shares_count_the_actors_own_turns_as_simulate_does(flagship):
    """simulate's turn_share is plays / the actor's turns, reported for the move's busiest actor."""
    seats = parse_bots(flagship, None)
    summary = simulate(flagship, 12, SEED, seats)
    sample = play_series(flagship, seats, SEED, range(12))
    assert sample.endings == Counter(summary.endings)
    for move_id, move in flagship.moves.items():
        assert summary.moves[move_id]["turn_share"] == pytest.approx(max(sample.share(a, move_id) for a in move.by))


def test_cautious_bots_rarely_end_in_catastrophe():
    doves = measure(FLAGSHIP, "objective:dove", MIX_GAMES)
    assert (why := beyond(doves.endings["catastrophe"], doves.games, 0, 0.05)) is None, why


def test_hawkish_bots_end_in_catastrophe_sometimes_but_not_mostly():
    hawks = measure(FLAGSHIP, "objective:hawk", MIX_GAMES)
    assert (why := beyond(hawks.endings["catastrophe"], hawks.games, 0.05, 0.25)) is None, why


def test_the_margin_catches_a_broken_rate():
    """The tolerance is not so wide that a clearly broken rate passes."""
    assert beyond(0, 300, 0.03, 0.60) is not None  # an ending that never happens
    assert beyond(200, 300, 0.03, 0.60) is not None  # one that takes two games in three
    assert beyond(15, 120, 0, 0.05) is not None  # war in one cautious game in eight
    assert beyond(9, 300, 0.03, 0.60) is None  # exactly on the bound passes


# --- as a script: the per-team move shares for balance.md -----------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="Flagship balance: endings, main objectives, move shares per team.")
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--bots", default=None, help="as in deterrence simulate; default: the scenario's own")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    scenario = load_scenario(FLAGSHIP)
    sample = measure(FLAGSHIP, args.bots, args.games, args.seed, args.jobs)
    n = sample.games
    print(f"{args.bots or 'default bots'}: {n} games, seed {args.seed}, {sample.turns / n:.2f} turns a game")
    print("endings: " + ", ".join(f"{e} {sample.endings[e] / n:.1%}" for e in scenario.endings))
    mains = [f"{a}:{o}" for a, actor in scenario.actors.items() for o, obj in actor.objectives.items() if obj.main]
    print("main objectives: " + ", ".join(f"{m} {sample.met[m] / n:.1%}" for m in mains))
    shares = sorted((sample.share(a, m), a, m) for m, move in scenario.moves.items() for a in move.by)
    print(f"move shares of the actor's turns ({len(shares)} actor-move pairs):")
    for share, actor, move in shares:
        print(f"  {share:6.1%}  {actor:6} {move}")


if __name__ == "__main__":
    main()
