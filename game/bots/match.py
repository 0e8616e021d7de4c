"""Bots playing whole games, and the statistics of many games (``deterrence simulate``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from attrs import field, frozen

from game.bots.policies import Bot, make_bot
from game.engine.rng import DICE, derive
from game.engine.save import SaveGame, start_save, write_save
from game.engine.state import GameState, LogEntry, Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import view
from game.scenario.model import Scenario


def parse_bots(scenario: Scenario, spec: str | None) -> dict[str, str]:
    """Each actor's bot spec: the scenario's defaults, overridden by e.g.
    'random', 'objective:hawk' or 'us=objective:hawk,dprk=random'."""
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    if not spec:
        return seats
    for part in spec.split(","):
        part = part.strip()
        if "=" in part:
            actor, _, bot = part.partition("=")
            if actor not in seats:
                known = ", ".join(seats)
                raise ValueError(f"unknown actor {actor!r} in --bots; the actors are {known}")
            seats[actor] = bot
        else:
            seats = dict.fromkeys(seats, part)
    for bot in seats.values():
        make_bot(bot)  # raises on a bad spec
    return seats


def game_seed(seed: int, index: int) -> int:
    """The seed of the index-th game of a series; independent of how games are split up."""
    digest = hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=6).digest()
    return int.from_bytes(digest, "big")


@frozen
class PlayedGame:
    seed: int
    final: GameState
    save: SaveGame
    logs: tuple[tuple[LogEntry, ...], ...]
    turns: int


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
    bots: dict[str, Bot] = {actor: make_bot(spec) for actor, spec in seats.items()}
    state = new_game(scenario, seed, seats, dice_kind=dice_kind, explain=keep_logs)
    played: list[dict[str, list[Order]]] = []
    logs: list[tuple[LogEntry, ...]] = [state.event_log] if keep_logs else []
    turns = 0
    purposes = [(actor, bot, f"bot:{actor}") for actor, bot in bots.items()]
    while not state.over:
        turn = state.turn
        orders = {
            actor: bot.choose(scenario, view(scenario, state, actor), derive(seed, turn, purpose, dice_kind))
            for actor, bot, purpose in purposes
        }
        result = resolve_turn(scenario, state, orders, explain=keep_logs)
        played.append(orders)
        if keep_logs:
            logs.append(result.log)
        state = result.state
        turns += 1
    save = start_save(scenario, seed, seats, dice_kind=dice_kind).with_turns(played)
    return PlayedGame(seed, state, save, tuple(logs), turns)


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


@frozen
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

    def add(self, other: _Tally) -> _Tally:
        return _Tally(
            self.games + other.games,
            self.turns + other.turns,
            *(getattr(self, name) + getattr(other, name) for name in _COUNTERS),
        )


_COUNTERS = ("endings", "blamed", "scores", "met", "tracks", "plays", "games_with")


def _tally_games(
    scenario: Scenario, seed: int, seats: Mapping[str, str], indexes: Iterable[int], save_dir: str | None = None
) -> _Tally:
    tally = _Tally()
    for index in indexes:
        game = play_game(scenario, game_seed(seed, index), seats)
        if save_dir is not None:
            write_save(Path(save_dir) / f"game-{index + 1:05d}.json", game.save)
        outcome = game.final.outcome
        assert outcome is not None
        one = _Tally(
            1,
            game.turns,
            Counter({outcome.ending: 1}),
            Counter({outcome.blamed: 1} if outcome.blamed else {}),
            Counter(outcome.scores),
            Counter(f"{a}:{o}" for a, objs in outcome.met.items() for o in objs),
            Counter(game.final.tracks),
            Counter(game.final.plays),
            Counter(game.final.ever.keys()),
        )
        tally = tally.add(one)
    return tally


def _work(args: tuple[str, int, dict[str, str], list[int], str | None]) -> _Tally:
    from game.scenario.load import load_scenario

    path, seed, seats, indexes, save_dir = args
    return _tally_games(load_scenario(path), seed, seats, indexes, save_dir)


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
    chunk = max(1, min(200, games // (jobs * 8) or 1))
    batches = [list(range(start, min(games, start + chunk))) for start in range(0, games, chunk)]
    tally = _Tally()
    done = 0
    if jobs > 1 and scenario.path:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            work = [(scenario.path, seed, dict(seats), batch, save_dir) for batch in batches]
            for part in pool.map(_work, work):
                tally = tally.add(part)
                done += part.games
                if progress:
                    progress(done)
    else:
        for batch in batches:
            tally = tally.add(_tally_games(scenario, seed, seats, batch, save_dir))
            done += len(batch)
            if progress:
                progress(done)
    return _summarize(scenario, seed, dict(seats), tally)


def _summarize(scenario: Scenario, seed: int, seats: dict[str, str], tally: _Tally) -> Summary:
    n = max(1, tally.games)
    turns = max(1, tally.turns)
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
            "turn_share": max((tally.plays[f"{a}:{move_id}"] / turns for a in move.by), default=0.0),
            "games": tally.games_with[move_id] / n,
        }
        if len(move.by) > 1 and not move.joint:  # each actor's own share (turn_share is the largest)
            moves[move_id]["by_actor"] = {a: tally.plays[f"{a}:{move_id}"] / turns for a in move.by}
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
