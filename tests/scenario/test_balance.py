"""The flagship stays balanced, its lessons hold and it fits a class period, checked on small samples.

The bounds (``scenarios/balance.md`` publishes the larger samples and the commands):

- default bots (the scenario's own: pragmatist allies, Japan and China, a hardline North Korea):
  no ending in more than 60% of games or fewer than 3%, except *South Korea goes nuclear*;
  every team meets its main objective in at least 20% of games; every move is played by each
  of its actors in at least 2% and at most 50% of that actor's turns (not "per game": a move
  played twice in one game counts twice), except the ROK's decision to build a bomb;
- *South Korea goes nuclear* is a decision Seoul takes when the umbrella fails it. Attentive
  allies (the default bots) almost never leave it there (0.1% of games), so it is checked where
  it belongs: with novices at the US and ROK seats (``us=random,rok=random``) it happens in at
  least 3% of games. The ``doubt_breeds_the_bomb`` lesson checks the same thing with a US
  that only talks;
- cautious bots (``objective:dove`` everywhere): catastrophe in fewer than 5% of games;
- hawkish bots (``objective:hawk`` everywhere): catastrophe in 5% to 25% of games;
- with the US and ROK picking at random, fewer than 2% of games end on turn 1;
- every lesson the scenario declares holds (on fewer games than ``simulate --lessons``);
- the game fits the period: the reveal of a turn has at most 10 steps and 300 words at the
  median (450 words at the 90th percentile), no human team's hand holds more than 8 cards,
  and stopping at the bell after turn 4 keeps the catastrophe rate within 2 points of the
  whole game's.

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
import statistics
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs
import pytest
from attrs import field, frozen

from game.bots import parse_bots, play_game, simulate
from game.bots.checks import wilson
from game.bots.lessons import Player, check_lessons
from game.bots.match import game_seed
from game.bots.policies import make_bot
from game.engine.rng import derive
from game.engine.state import GameState, LogEntry
from game.engine.turn import new_game, resolve_turn
from game.engine.view import redact, view
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.ui.scenes.play import group_steps, turn_summary
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
SEED = 1
Z = 2.0  # about a 95% interval

BELL_TURN = 4  # a class stopped by the bell after turn 4
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
    early_catastrophes: int = 0  # games ended by catastrophe by the end of turn 4 (a class stopped by the bell)

    def add(self, other: Sample) -> Sample:
        return Sample(
            self.games + other.games,
            self.turns + other.turns,
            self.endings + other.endings,
            self.met + other.met,
            self.plays + other.plays,
            self.early_catastrophes + other.early_catastrophes,
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
        early = int(outcome.ending == "catastrophe" and game.turns <= BELL_TURN)
        total = total.add(Sample(1, game.turns, Counter({outcome.ending: 1}), met, Counter(game.final.plays), early))
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


SEOUL_DECIDES = "rok_goes_nuclear"  # an ending the ROK team chooses, checked with novice allies
SEOUL_BOMB = "rok_bomb"  # the move that ends the game so


def test_no_ending_takes_over_the_game_or_never_happens(flagship, default_bots):
    problems = {
        ending: why
        for ending in flagship.endings
        if ending != SEOUL_DECIDES and (why := beyond(default_bots.endings[ending], default_bots.games, 0.03, 0.60))
    }
    assert not problems, problems


def test_seoul_decides_to_build_a_bomb_when_novices_hold_the_alliance():
    novices = measure(FLAGSHIP, "us=random,rok=random", MIX_GAMES)
    assert (why := beyond(novices.endings[SEOUL_DECIDES], novices.games, 0.03, 0.60)) is None, why
    # only ever Seoul's own decision (a bomb decided in a turn that also tips into catastrophe ends in catastrophe)
    assert novices.plays[f"rok:{SEOUL_BOMB}"] >= novices.endings[SEOUL_DECIDES]


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
        if move_id != SEOUL_BOMB
        and (why := beyond(default_bots.plays[f"{actor}:{move_id}"], default_bots.turns, 0.02, 0.50))
    }
    assert not problems, problems


def test_move_shares_count_the_turns_the_actor_could_act_in_as_simulate_does(flagship):
    """simulate's turn_share is plays / the turns in which the actor could play a card,
    reported for the move's busiest actor."""
    seats = parse_bots(flagship, None)
    summary = simulate(flagship, 12, SEED, seats)
    games = [play_game(flagship, game_seed(SEED, index), seats) for index in range(12)]
    plays = sum((Counter(game.final.plays) for game in games), Counter())
    could = sum((Counter(game.could_act) for game in games), Counter())
    assert 0 < could["us"] <= sum(game.turns for game in games)
    for move_id, move in flagship.moves.items():
        want = max(plays[f"{a}:{move_id}"] / could[a] for a in move.by)
        assert summary.moves[move_id]["turn_share"] == pytest.approx(want)


def test_cautious_bots_rarely_end_in_catastrophe():
    doves = measure(FLAGSHIP, "objective:dove", MIX_GAMES)
    assert (why := beyond(doves.endings["catastrophe"], doves.games, 0, 0.05)) is None, why


def test_hawkish_bots_end_in_catastrophe_sometimes_but_not_mostly():
    hawks = measure(FLAGSHIP, "objective:hawk", MIX_GAMES)
    assert (why := beyond(hawks.endings["catastrophe"], hawks.games, 0.05, 0.25)) is None, why


def test_novice_allies_rarely_end_the_game_on_turn_one(flagship):
    """The issue's stand-in for a first-time class: the US and ROK pick at random."""
    seats = parse_bots(flagship, "us=random,rok=random")
    games = [play_game(flagship, game_seed(SEED, i), seats) for i in range(300)]
    first = sum(1 for g in games if g.turns == 1)
    assert (why := beyond(first, len(games), 0, 0.02)) is None, why


def test_every_lesson_of_the_flagship_holds(flagship):
    """simulate --lessons plays 400 games a profile; 150 keep the test short, and the lessons'
    effects are several times their `by`, so they still hold."""
    lessons = {lid: attrs.evolve(lesson, games=150) for lid, lesson in flagship.lessons.items()}
    assert len(lessons) >= 6
    with Player(attrs.evolve(flagship, lessons=lessons), SEED) as player:
        results = check_lessons(player)
    failing = {r.id: r.advice for r in results if r.verdict != "holds"}
    assert not failing, failing


def _reveal(flagship: Scenario, before: GameState, log: tuple[LogEntry, ...], after: GameState) -> tuple[int, int]:
    """Steps and words of a turn's reveal, as the window shows it (events are read before the orders)."""
    public = [e for e in redact(flagship, None, log) if e.phase != "events"]
    steps = group_steps(public)
    if not after.over:
        steps.append(turn_summary(flagship, before, log, after))
    return len(steps), sum(len(e.text.split()) for step in steps for e in step)


def test_a_turn_fits_the_period(flagship):
    """Median reveal of 10 steps and 300 words (90th percentile 450), hands of 8 cards at most."""
    seats = parse_bots(flagship, None)
    steps, words, hands = [], [], []
    for index in range(60):
        state = new_game(flagship, game_seed(SEED, index), seats)
        bots = {a: make_bot(spec) for a, spec in seats.items()}
        while not state.over:
            views = {a: view(flagship, state, a) for a in bots}
            hands += [len({o.move for o in v.orders if o.offer is None}) for v in views.values()]
            orders = {
                a: b.choose(flagship, views[a], derive(state.seed, state.turn, f"bot:{a}")) for a, b in bots.items()
            }
            result = resolve_turn(flagship, state, orders)
            n, w = _reveal(flagship, state, result.log, result.state)
            steps.append(n)
            words.append(w)
            state = result.state
    assert statistics.median(steps) <= 10, statistics.median(steps)
    assert statistics.median(words) <= 300, statistics.median(words)
    assert sorted(words)[int(0.9 * (len(words) - 1))] <= 450
    assert max(hands) <= 8, max(hands)


def test_stopping_at_the_bell_keeps_the_escalation_lesson(default_bots):
    """A class that stops after turn 4 sees nearly as many catastrophes as one that plays to the end."""
    late = default_bots.endings["catastrophe"] - default_bots.early_catastrophes  # after the bell
    assert (why := beyond(default_bots.endings["catastrophe"], default_bots.games, 0.03, 1)) is None, why
    assert (why := beyond(late, default_bots.games, 0, 0.02)) is None, why


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
