"""Bots playing whole games, and the statistics of many games (``deterrence simulate``)."""

from __future__ import annotations

import gc
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from difflib import get_close_matches
from pathlib import Path
from typing import Any, TypeVar

from attrs import define, field, frozen

from game.bots.policies import Bot, make_bot, shown
from game.engine.rng import DICE, derive
from game.engine.rounds import rounds
from game.engine.save import SaveGame, start_save, write_save
from game.engine.state import GameState, LogEntry, Order, Outcome
from game.engine.turn import new_game, resolve_turn
from game.engine.view import View
from game.scenario.model import Scenario, bot_spec_problem


def parse_bots(scenario: Scenario, spec: str | None) -> dict[str, str]:
    """Each actor's bot spec: the scenario's defaults, overridden by e.g.
    'random', 'objective:hawk' or 'us=objective:hawk,dprk=random'.

    ValueError names a bad part with a suggestion: a misspelt temperament would otherwise
    play as a pragmatist and quietly spoil a balance study.
    """
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    if not spec:
        return seats
    for part in spec.split(","):
        part = part.strip()
        if not part:
            raise ValueError(
                f"an empty bot in --bots {spec!r}; separate seats with one comma, e.g. us=random,dprk=objective"
            )
        if "=" in part:
            actor, _, bot = (p.strip() for p in part.partition("="))
            if actor not in seats:
                known = ", ".join(seats)
                raise ValueError(
                    f"unknown actor {actor!r} in --bots{_did_you_mean(actor, seats)}; the actors are {known}"
                )
            seats[actor] = bot
        else:
            seats = dict.fromkeys(seats, part)
    for bot in seats.values():
        problem = bot_spec_problem(bot, scenario.temperaments, scenario.strategies)
        if problem is not None:
            raise ValueError(f"{problem} (in --bots {spec!r})")
    return seats


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def game_seed(seed: int, index: int) -> int:
    """The seed of the index-th game of a series; independent of how games are split up."""
    digest = hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=6).digest()
    return int.from_bytes(digest, "big")


@frozen
class PlayedGame:
    seed: int
    final: GameState
    logs: tuple[tuple[LogEntry, ...], ...]
    turns: int
    orders: tuple[dict[str, list[Order]], ...] = field(repr=False)
    seats: Mapping[str, str] = field(repr=False)
    dice_kind: int = field(repr=False)
    scenario: Scenario = field(eq=False, repr=False)
    could_act: dict[str, int] = field(factory=dict)  # actor -> turns (rounds) in which it could play a card

    @property
    def save(self) -> SaveGame:
        """The game's save (made when asked: most bot games are only counted)."""
        return start_save(self.scenario, self.seed, self.seats, dice_kind=self.dice_kind).with_turns(self.orders)


def play_game(
    scenario: Scenario,
    seed: int,
    seats: Mapping[str, str],
    *,
    keep_logs: bool = False,
    dice_kind: int = DICE,
) -> PlayedGame:
    """Play one game to its end with a bot in every seat.

    The log is written only with ``keep_logs`` (nobody reads it otherwise). ``dice_kind``:
    ``LEGACY_DICE`` plays exactly as the games before save version 3 (bots' dice included).
    """
    # A game makes no reference cycles, only many short-lived objects, so the cycle collector
    # would only walk the loaded scenario again and again (a tenth of a random-bot game); it is
    # paused for the game, as timeit does, and anything left over is collected afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _play(scenario, seed, seats, keep_logs, dice_kind)
    finally:
        if collecting:
            gc.enable()


def _play(scenario: Scenario, seed: int, seats: Mapping[str, str], keep_logs: bool, dice_kind: int) -> PlayedGame:
    by_round = _seating(scenario, seats)
    state = new_game(scenario, seed, seats, dice_kind=dice_kind, explain=keep_logs)
    played: list[dict[str, list[Order]]] = []
    logs: list[tuple[LogEntry, ...]] = [state.event_log] if keep_logs else []
    could_act = dict.fromkeys(seats, 0)
    while state.outcome is None:  # not over
        turn = state.turn
        orders: dict[str, list[Order]] = {}
        for actor, bot, purpose, show in by_round[state.round]:  # a loop, not a comprehension: no frame of its own
            seen = show(scenario, state, actor)  # view(), or orders_view() for a bot that reads only its cards
            # a turn with no card to play (a budget of 0, nothing allowed) is not one it chose to pass;
            # legal orders list the plays first, then the answers: the first order says it
            legal = seen.orders
            if legal and legal[0].answer is None:
                could_act[actor] += 1
            orders[actor] = bot.choose(scenario, seen, derive(seed, turn, purpose, dice_kind))
        result = resolve_turn(scenario, state, orders, explain=keep_logs)
        played.append(orders)
        if keep_logs:
            logs.append(result.log)
        state = result.state
    turns = state.turn  # the turn it ended in: as many turns were played (a turn in rounds counts once)
    return PlayedGame(seed, state, tuple(logs), turns, tuple(played), seats, dice_kind, scenario, could_act)


_BOTS: dict[tuple[str, int], tuple[Scenario, Bot]] = {}
# for each round of a turn (one without format 2 phases): its seats as (actor, its bot, the purpose its dice
# are derived for, how it is shown the game)
_Seating = list[list[tuple[str, Bot, str, Callable[[Scenario, GameState, str], View]]]]
_LAST_SEATING: tuple[Scenario | None, dict[str, str], _Seating] = (None, {}, [])


def _seating(scenario: Scenario, seats: Mapping[str, str]) -> _Seating:
    """Each round's seats with their bots and dice purposes; the last game's again when the seats are the
    same (a series)."""
    global _LAST_SEATING
    last = _LAST_SEATING  # one read of a tuple: another thread's update is seen whole or not at all
    if last[0] is scenario and last[1] == seats:
        return last[2]
    bots = {actor: _bot(spec, scenario) for actor, spec in seats.items()}
    seating = [
        [(actor, bot, f"bot:{actor}{r.suffix}", shown(bot)) for actor, bot in bots.items() if actor in r.actors]
        for r in rounds(scenario)
    ]
    if all(spec.startswith(("random", "objective")) for spec in seats.values()):  # bots that keep nothing
        _LAST_SEATING = (scenario, dict(seats), seating)
    return seating


def _bot(spec: str, scenario: Scenario) -> Bot:
    """make_bot, once per spec and scenario: random and objective bots keep nothing between choices."""
    if not spec.startswith(("random", "objective")):
        return make_bot(spec, scenario)
    cached = _BOTS.get((spec, id(scenario)))
    if cached is None or cached[0] is not scenario:
        if len(_BOTS) > 64:
            _BOTS.clear()
        cached = _BOTS[(spec, id(scenario))] = (scenario, make_bot(spec, scenario))
    return cached[1]


@frozen
class Summary:
    """What many games of a scenario looked like."""

    games: int
    seed: int
    seats: dict[str, str]
    endings: dict[str, int]
    blamed: dict[str, int]
    scores: dict[str, float]
    objectives: dict[str, dict[str, float]]
    tracks: dict[str, float]
    moves: dict[str, dict[str, Any]]  # plays, per_game, turn_share, games; by_actor when several may play it
    mean_turns: float
    extra: dict[str, Any] = field(factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "games": self.games,
            "seed": self.seed,
            "bots": self.seats,
            "mean_turns": round(self.mean_turns, 3),
            "endings": self.endings,
            "blamed": self.blamed,
            "scores": {a: round(v, 3) for a, v in self.scores.items()},
            "objectives": {a: {o: round(v, 4) for o, v in objs.items()} for a, objs in self.objectives.items()},
            "tracks": {t: round(v, 3) for t, v in self.tracks.items()},
            "moves": {m: _rounded(stats, 4) for m, stats in self.moves.items()},
        }


def _rounded(data: dict[str, Any], digits: int) -> dict[str, Any]:
    return {k: _rounded(v, digits) if isinstance(v, dict) else round(v, digits) for k, v in data.items()}


@define
class _Tally:
    """Counts from a batch of games; batches add up, so work can be split across processes."""

    games: int = 0
    turns: int = 0
    endings: Counter[str] = field(factory=Counter)
    blamed: Counter[str] = field(factory=Counter)
    scores: Counter[str] = field(factory=Counter)
    met: Counter[str] = field(factory=Counter)
    tracks: Counter[str] = field(factory=Counter)
    plays: Counter[str] = field(factory=Counter)  # "actor:move" -> times played
    games_with: Counter[str] = field(factory=Counter)  # move -> games in which it was played
    could_act: Counter[str] = field(factory=Counter)  # actor -> turns in which it could play a card

    def count(self, game: PlayedGame) -> None:
        """Add one game, in place (a new tally a game would copy every counter each time)."""
        final = game.final
        outcome = final.outcome
        assert outcome is not None
        self.games += 1
        self.turns += game.turns
        self.endings[outcome.ending] += 1
        if outcome.blamed:
            self.blamed[outcome.blamed] += 1
        _add_into(self.scores, outcome.scores)
        met = self.met
        for actor, objectives in outcome.met.items():
            for objective in objectives:
                met[f"{actor}:{objective}"] += 1
        _add_into(self.tracks, final.tracks)
        _add_into(self.plays, final.plays)
        games_with = self.games_with
        for move in final.ever:
            games_with[move] += 1
        _add_into(self.could_act, game.could_act)

    def add(self, other: _Tally) -> _Tally:
        """This tally and another, summed into a new one (negative totals kept: a track at -2, a score of -3)."""
        total = _Tally(self.games + other.games, self.turns + other.turns)
        for name in _COUNTERS:
            into = getattr(total, name)
            _add_into(into, getattr(self, name))
            _add_into(into, getattr(other, name))
        return total


def _add_into(total: Counter[str], counts: Mapping[str, int]) -> None:
    # Counter's + drops totals below one, and its update() loops in Python just the same.
    for key, n in counts.items():
        total[key] += n


_COUNTERS = ("endings", "blamed", "scores", "met", "tracks", "plays", "games_with", "could_act")


def _tally_games(
    scenario: Scenario, seed: int, seats: Mapping[str, str], indexes: Iterable[int], save_dir: str | None = None
) -> _Tally:
    tally = _Tally()
    for index in indexes:
        game = play_game(scenario, game_seed(seed, index), seats)
        if save_dir is not None:
            write_save(Path(save_dir) / f"game-{index + 1:05d}.json", game.save)
        tally.count(game)
    return tally


def _tally_batch(scenario: Scenario, args: tuple[int, dict[str, str], list[int], str | None]) -> _Tally:
    seed, seats, indexes, save_dir = args
    return _tally_games(scenario, seed, seats, indexes, save_dir)


# --- a pool of workers that load the scenario once ---------------------------------------------

T = TypeVar("T")
R = TypeVar("R")
Prepare = Callable[[Scenario], Scenario]

_WORKER: dict[str, Scenario] = {}  # the scenario a worker plays, loaded once (or inherited when forked)
_FORKED: dict[tuple[str, Prepare | None], Scenario] = {}  # the parent's, for workers forked from it


def _init_worker(path: str, prepare: Prepare | None) -> None:
    scenario = _FORKED.get((path, prepare))
    if scenario is None:  # a spawned worker (not forked): read the file once, here
        from game.scenario.load import load_scenario

        scenario = load_scenario(path)
        if prepare is not None:
            scenario = prepare(scenario)
    _WORKER["scenario"] = scenario


def _run_batch(args: tuple[Callable[[Scenario, Any], Any], list[Any]]) -> list[Any]:
    work, items = args
    scenario = _WORKER["scenario"]
    return [work(scenario, item) for item in items]


@frozen
class GameSummary:
    """What a pool sends back for one game: small, so that many thousands cross between processes cheaply."""

    seed: int
    seats: dict[str, str]
    turns: int
    outcome: Outcome
    tracks: dict[str, int]
    plays: dict[str, int]  # "actor:move" -> times played
    ever: dict[str, int]  # move -> times played, by anyone


def summarize_game(scenario: Scenario, game: tuple[int, Mapping[str, str]]) -> GameSummary:
    """Play one (seed, seats) game and keep its summary (the pool's work for ``GamePool.play``)."""
    seed, seats = game
    played = play_game(scenario, seed, seats)
    final = played.final
    assert final.outcome is not None
    return GameSummary(seed, dict(seats), played.turns, final.outcome, final.tracks, final.plays, final.ever)


class GamePool:
    """Plays many games of one scenario: in worker processes that each load it once, or here.

        with GamePool(scenario, jobs=2) as pool:
            games = pool.play([(seed, seats) for seed in seeds])   # summaries, in the order asked
            tallies = pool.map(my_work, items)                     # any module-level work(scenario, item)

    ``prepare`` (a module-level function, e.g. adding generated strategies) turns the loaded
    scenario into the one the games are played on; ``scenario`` should already be prepared.
    Work is sent in batches, large ones first and down to a ``batches_per_job``-th of a worker's share
    (``_spans``), so that the last ones are short and no worker waits long for the other; results come
    back in order, so they do not depend on ``jobs``. Without a file to load from, or with ``jobs=1``,
    everything runs in this process.
    """

    def __init__(
        self, scenario: Scenario, jobs: int = 1, *, prepare: Prepare | None = None, batches_per_job: int = 128
    ) -> None:
        self.scenario = scenario
        self.jobs = max(1, jobs) if scenario.path else 1
        self.prepare = prepare
        self.batches_per_job = batches_per_job
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> GamePool:
        if self.jobs > 1:
            key = (self.scenario.path, self.prepare)
            _FORKED[key] = self.scenario  # forked workers find it here; spawned ones load the file
            self._pool = ProcessPoolExecutor(
                self.jobs, initializer=_init_worker, initargs=(self.scenario.path, self.prepare)
            )
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
            _FORKED.pop((self.scenario.path, self.prepare), None)

    def map(
        self, work: Callable[[Scenario, T], R], items: Sequence[T], progress: Callable[[int], None] | None = None
    ) -> list[R]:
        """``[work(scenario, item) for item in items]``, spread over the workers; ``progress(items done)``."""
        if self._pool is None:
            out = []
            for item in items:
                out.append(work(self.scenario, item))
                if progress:
                    progress(len(out))
            return out
        batches = [(work, list(items[i:j])) for i, j in _spans(len(items), self.jobs, self.batches_per_job)]
        results: list[R] = []
        for part in self._pool.map(_run_batch, batches):
            results += part
            if progress:
                progress(len(results))
        return results

    def play(self, games: Sequence[tuple[int, Mapping[str, str]]]) -> list[GameSummary]:
        """Play each (seed, seats) game to its end; their summaries, in the same order."""
        return self.map(summarize_game, games)


def _spans(n: int, jobs: int, batches_per_job: int) -> list[tuple[int, int]]:
    """Where to cut n items into batches for ``jobs`` workers: large first, then smaller and smaller
    (a quarter of each worker's share of what is left), down to ``n / (jobs * batches_per_job)``.
    Few batches to send, and short ones last: a worker that finishes early waits little for the other
    (guided self-scheduling; games of different profiles differ in cost, hence a quarter, not a half)."""
    if n <= jobs * batches_per_job:  # as many batches as items asked for (simulate's, of many games each)
        return [(i, i + 1) for i in range(n)]
    smallest = math.ceil(n / (jobs * batches_per_job))
    spans, start = [], 0
    while start < n:
        size = max(smallest, math.ceil((n - start) / (4 * jobs)))
        spans.append((start, min(n, start + size)))
        start += size
    return spans


def play_many(
    scenario: Scenario, seeds: Sequence[int], seats_list: Sequence[Mapping[str, str]], *, jobs: int = 1
) -> list[GameSummary]:
    """Every seed with every seats (profile): ``seats_list[0]`` on all seeds, then the next; one pool for all."""
    with GamePool(scenario, jobs) as pool:
        return pool.play([(seed, seats) for seats in seats_list for seed in seeds])


def simulate(
    scenario: Scenario,
    games: int,
    seed: int,
    seats: Mapping[str, str],
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    save_dir: str | None = None,
) -> Summary:
    """Play ``games`` bot games and summarize them; same arguments, same summary."""
    # Batches of up to 50 games (a tenth of a second at most with the default bots), so that progress
    # is told often and the last batch keeps one worker busy only briefly while the other waits.
    chunk = max(1, min(50, games // (jobs * 8) or 1))
    batches = [
        (seed, dict(seats), list(range(start, min(games, start + chunk))), save_dir) for start in range(0, games, chunk)
    ]
    tally = _Tally()
    with GamePool(scenario, jobs, batches_per_job=math.ceil(len(batches) / max(1, jobs))) as pool:
        done = 0

        def told(batches_done: int) -> None:
            nonlocal done
            done = min(games, batches_done * chunk)
            if progress:
                progress(done)

        for part in pool.map(_tally_batch, batches, told):
            tally = tally.add(part)
    return _summarize(scenario, seed, dict(seats), tally)


def _summarize(scenario: Scenario, seed: int, seats: dict[str, str], tally: _Tally) -> Summary:
    n = max(1, tally.games)

    def share(actor: str, move_id: str) -> float:
        """Of the turns the actor could play a card in, the share it played this one in."""
        return tally.plays[f"{actor}:{move_id}"] / max(1, tally.could_act[actor])

    objectives = {
        actor_id: {oid: tally.met[f"{actor_id}:{oid}"] / n for oid in actor.objectives}
        for actor_id, actor in scenario.actors.items()
    }
    moves: dict[str, dict[str, Any]] = {}
    for move_id, move in scenario.moves.items():
        plays = sum(tally.plays[f"{a}:{move_id}"] for a in move.by)
        moves[move_id] = {
            "plays": plays,
            "per_game": plays / n,
            "turn_share": max((share(a, move_id) for a in move.by), default=0.0),
            "games": tally.games_with[move_id] / n,
        }
        if len(move.by) > 1 and not move.joint:  # each actor's own share (turn_share is the largest)
            moves[move_id]["by_actor"] = {a: share(a, move_id) for a in move.by}
    return Summary(
        games=tally.games,
        seed=seed,
        seats=seats,
        endings={e: tally.endings[e] for e in [*scenario.endings, ""] if tally.endings[e]},
        blamed=dict(tally.blamed.most_common()),
        scores={a: tally.scores[a] / n for a in scenario.actors},
        objectives=objectives,
        tracks={ref: tally.tracks[ref] / n for ref in scenario.all_tracks},
        moves=moves,
        mean_turns=tally.turns / n,
    )
