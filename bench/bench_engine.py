"""How fast the rules run: whole bot games, one resolve_turn, one view(), one legal_moves().

    .venv/bin/python bench/bench_engine.py [SCENARIO] [--quick] [--json] [--seconds S] [--repeat N]
                                           [--baseline DIR] [--no-profile] [--golden N|all]

Single process, single thread. Each measurement warms up first, then runs for about
3 seconds (0.5 s with --quick). Games per second are counted in the process's CPU time
(other work on a shared machine does not count against it); the µs per call are wall time.

In the same run it also reports:

- the peer: OpenSpiel's Python tic-tac-toe (``python_tic_tac_toe``), random rollouts, when
  ``pyspiel`` is installed, else the same loop over a pure-Python copy of that game;
- ``--baseline DIR``: the games per second of another checkout of the code (e.g. a ``git
  archive`` of the commit before a change), measured in a subprocess alternating with this one;
- a sampling profile of random-bot games (py-spy, when installed; ``--no-profile`` skips it);
- that games are unchanged: the first N seeds of every set recorded in
  tests/data/golden/games.json play identically (``--golden all`` for all 7,000);
- ``--instructions N``: the instructions a game costs, here and in the baseline, counted by
  cachegrind over N games (bench/instructions.py; valgrind must be installed): the figure
  other work on a shared machine cannot move.

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.bots.match import parse_bots, play_game
from game.bots.policies import make_bot
from game.engine.rng import derive
from game.engine.state import GameState, Order
from game.engine.turn import legal_moves, new_game, resolve_turn
from game.engine.view import view
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"
MINI = ROOT / "tests" / "data" / "mini.yaml"
OLD_FLAGSHIP = ROOT / "bench" / "data" / "flagship-cdca5cb.yaml"  # the code of then and of now both read it

perf = time.perf_counter
cpu = time.process_time  # games/s: CPU time of this process, not the wall clock of a shared machine


def default_scenario() -> Path:
    return FLAGSHIP if FLAGSHIP.exists() else MINI


# --- measurements ------------------------------------------------------------------------------


def games_per_second(scenario: Scenario, bot: str, seconds: float, **options: Any) -> dict[str, Any]:
    """Whole games (new_game .. ending, bots choosing from views, save kept) per CPU second."""
    seats = parse_bots(scenario, bot)
    warm_until = cpu() + min(0.5, seconds / 5)
    seed = 0
    while cpu() < warm_until:
        play_game(scenario, seed, seats, **options)
        seed += 1
    games = turns = 0
    start = cpu()
    deadline = start + seconds
    while True:
        turns += play_game(scenario, 1_000_000 + games, seats, **options).turns
        games += 1
        now = cpu()
        if now >= deadline:
            break
    elapsed = now - start
    return {
        "bots": bot,
        "games": games,
        "seconds": round(elapsed, 3),
        "games_per_s": round(games / elapsed, 1),
        "turns_per_game": round(turns / games, 2),
        "us_per_game": round(1e6 * elapsed / games, 1),
        "us_per_turn": round(1e6 * elapsed / turns, 1),
    }


def old_dice() -> dict[str, Any]:
    """play_game's option for the dice before save version 3, when this code has them (the same games)."""
    return {"dice_kind": 1} if "dice_kind" in inspect.signature(play_game).parameters else {}


def all_games(scenario: Scenario, seconds: float, repeat: int, baseline: str | None) -> dict[str, Any]:
    """Random and objective bots: here, with the old dice (same games as before), and in the baseline.

    The runs alternate (baseline, here, old dice, ...) so that a busy spell of a shared machine
    falls on all of them alike; the best run of each is kept.
    """
    runs: dict[str, list[dict[str, Any]]] = {}
    for _ in range(max(1, repeat)):
        if baseline:
            for g in baseline_games(baseline, seconds):
                runs.setdefault(f"baseline:{g['bots']}", []).append(g)
        for bot in ("random", "objective"):
            runs.setdefault(bot, []).append(games_per_second(scenario, bot, seconds))
            if old_dice():
                runs.setdefault(f"old_dice:{bot}", []).append(games_per_second(scenario, bot, seconds, **old_dice()))
    best = {key: _best_of(r) for key, r in runs.items()}
    out: dict[str, Any] = {"games": [best["random"], best["objective"]]}
    if old_dice():
        out["games_old_dice"] = [best["old_dice:random"], best["old_dice:objective"]]
    if baseline:
        out["baseline"] = {"path": baseline, "games": [best["baseline:random"], best["baseline:objective"]]}
        out["speedup"] = {
            bot: round(best[bot]["games_per_s"] / best[f"baseline:{bot}"]["games_per_s"], 2)
            for bot in ("random", "objective")
        }
        out["speedup_per_turn"] = {
            bot: round(best[f"baseline:{bot}"]["us_per_turn"] / best[bot]["us_per_turn"], 2)
            for bot in ("random", "objective")
        }
    return out


def _best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    chosen = max(runs, key=lambda r: r["games_per_s"])
    return {**chosen, "runs": [r["games_per_s"] for r in runs]} if len(runs) > 1 else chosen


def baseline_games(checkout: str, seconds: float) -> list[dict[str, Any]]:
    """The games figures of another checkout of the code, measured by this script in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(Path(checkout).resolve())}
    scenario = str(Path(CURRENT_SCENARIO).resolve())
    command = [sys.executable, __file__, scenario, "--games-only", "--seconds", str(seconds), "--json"]
    done = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True)
    if done.returncode != 0:  # most often: the older code cannot read a scenario written since
        said = (done.stderr.strip().splitlines() or ["(nothing)"])[-1]
        raise SystemExit(
            f"the code in {checkout} could not play {scenario}: {said}\n"
            f"compare both on a scenario both read, e.g. {OLD_FLAGSHIP.relative_to(ROOT)}"
            " (the flagship as issue 12 measured it)"
        )
    result: list[dict[str, Any]] = json.loads(done.stdout)["games"]
    return result


# --- the peer: OpenSpiel's Python tic-tac-toe, random rollouts -----------------------------------


def peer_games_per_second(seconds: float) -> dict[str, Any]:
    """Random rollouts of tic-tac-toe, as OpenSpiel's Python game plays them, per CPU second."""
    rng = random.Random(0)
    try:
        import pyspiel
        from open_spiel.python.games import tic_tac_toe  # noqa: F401  (registers python_tic_tac_toe)

        game: Any = pyspiel.load_game("python_tic_tac_toe")
        name = "OpenSpiel python_tic_tac_toe (pyspiel), random rollouts"
    except ImportError:
        game = _TicTacToe
        name = "pure-Python copy of OpenSpiel's python tic_tac_toe (pyspiel not installed), random rollouts"
    games = 0
    start = cpu()
    while True:
        state = game.new_initial_state()
        while not state.is_terminal():
            state.apply_action(rng.choice(state.legal_actions()))
        games += 1
        if cpu() - start >= seconds:
            break
    elapsed = cpu() - start
    return {"name": name, "games": games, "games_per_s": round(games / elapsed, 1)}


_LINES = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6))


class _TicTacToeState:
    """The state of open_spiel/python/games/tic_tac_toe.py, with a list for its numpy board."""

    def __init__(self) -> None:
        self.board = ["."] * 9
        self.player = 0
        self.outcome = 0
        self.terminal = False

    def legal_actions(self) -> list[int]:
        return [cell for cell in range(9) if self.board[cell] == "."] if not self.terminal else []

    def apply_action(self, action: int) -> None:
        self.board[action] = "x" if self.player == 0 else "o"
        if any(all(self.board[c] == self.board[action] for c in line) for line in _LINES if action in line):
            self.terminal = True
            self.outcome = 1 if self.player == 0 else -1
        elif "." not in self.board:
            self.terminal = True
        else:
            self.player = 1 - self.player

    def is_terminal(self) -> bool:
        return self.terminal


class _TicTacToe:
    @staticmethod
    def new_initial_state() -> _TicTacToeState:
        return _TicTacToeState()


# --- a sampling profile ------------------------------------------------------------------------


def profile(path: Path, seconds: float) -> dict[str, Any] | None:
    """Where random-bot games spend their time, by py-spy (C frames included), if it is installed."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        return None
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "profile.txt"
        command = [spy, "record", "--native", "-r", "200", "-f", "raw", "-o", str(raw), "--"]
        command += [sys.executable, __file__, str(path), "--play", "random", "--seconds", str(seconds)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0 or not raw.exists():
            return {"tool": "py-spy", "error": (done.stderr or "no output").strip()[-300:]}
        return summarize_profile(raw.read_text(encoding="utf-8"))


def summarize_profile(raw: str, top: int = 15) -> dict[str, Any]:
    """The frames that hold the most samples: where the time is spent in (self) and under (total)."""
    total_samples = 0
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        if "play_game" not in stack:  # starting Python and loading the scenario are not a game's time
            continue
        n = int(count)
        total_samples += n
        frames = [_frame(f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n

    def share(counter: Counter[str]) -> list[list[Any]]:
        return [[round(100 * n / max(1, total_samples), 1), f] for f, n in counter.most_common(top)]

    return {"tool": "py-spy", "samples": total_samples, "self_percent": share(own), "total_percent": share(inclusive)}


def _frame(frame: str) -> str:
    """'play (/x/game/engine/turn.py:402)' -> 'play (game/engine/turn.py)'."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("game/", "bench/"):
        if where.startswith(marker) or f"/{marker}" in where:
            where = marker + where.split(marker, 1)[1]
            break
    else:
        where = Path(where).name
    return f"{name} ({where})" if where else name


def play_for(path: Path, bot: str, seconds: float) -> None:
    """Play games for a while (what the profiler watches)."""
    scenario = load_scenario(path)
    seats = parse_bots(scenario, bot)
    deadline, seed = perf() + seconds, 0
    while seed % 20 or perf() < deadline:  # the clock read every 20 games: it would show in the profile
        play_game(scenario, seed, seats)
        seed += 1


# --- the same games as before ------------------------------------------------------------------


def identical_games(limit: int | None) -> dict[str, Any]:
    """Play the recorded golden games again: the same orders, log entries, scores and tracks?"""
    sys.path.insert(0, str(Path(__file__).parent))
    import golden  # bench/golden.py, beside this script

    lines: list[str] = []
    bad = golden.check(limit, out=lines.append)
    sets = json.loads(golden.GAMES.read_text(encoding="utf-8"))["sets"]
    games = sum(s["seeds"] if limit is None else min(limit, s["seeds"], golden.PER_GAME) for s in sets)
    return {"games": games, "sets": len(sets), "same": bad == 0, "report": lines}


Sample = tuple[GameState, dict[str, list[Order]]]


def turn_samples(scenario: Scenario, games: int = 200) -> list[Sample]:
    """States met in random-bot games, each with the orders the random bots chose there."""
    bots = {actor: make_bot("random") for actor in scenario.actors}
    samples: list[Sample] = []
    for seed in range(games):
        state = new_game(scenario, seed, dict.fromkeys(scenario.actors, "random"))
        while not state.over:
            orders = {
                actor: bot.choose(scenario, view(scenario, state, actor), derive(seed, state.turn, f"bot:{actor}"))
                for actor, bot in bots.items()
            }
            samples.append((state, orders))
            state = resolve_turn(scenario, state, orders).state
    return samples


def per_call(calls: list[Callable[[], object]], seconds: float) -> dict[str, Any]:
    """Time each call separately, cycling through ``calls``; median, p95, mean in µs."""
    n = len(calls)
    warm_until = perf() + min(0.3, seconds / 5)
    i = 0
    while perf() < warm_until:
        calls[i % n]()
        i += 1
    times: list[float] = []
    append = times.append
    deadline = perf() + seconds
    i = 0
    while True:
        call = calls[i % n]
        t0 = perf()
        call()
        t1 = perf()
        append(t1 - t0)
        i += 1
        if t1 >= deadline:
            break
    times.sort()
    return {
        "calls": len(times),
        "median_us": round(1e6 * statistics.median(times), 2),
        "p95_us": round(1e6 * times[int(0.95 * (len(times) - 1))], 2),
        "mean_us": round(1e6 * statistics.fmean(times), 2),
    }


def best(measure: Callable[[], dict[str, Any]], repeat: int, key: str, *, high: bool) -> dict[str, Any]:
    """The best of ``repeat`` runs: other work on a shared machine only ever slows a run down."""
    runs = [measure() for _ in range(max(1, repeat))]
    chosen = max(runs, key=lambda r: r[key]) if high else min(runs, key=lambda r: r[key])
    if repeat > 1:
        chosen = {**chosen, "runs": [r[key] for r in runs]}
    return chosen


CURRENT_SCENARIO = ""


def run(
    path: Path,
    seconds: float,
    repeat: int = 1,
    *,
    baseline: str | None = None,
    with_profile: bool = True,
    golden_limit: int | None = 10,
    instructions: int = 0,
) -> dict[str, Any]:
    global CURRENT_SCENARIO
    CURRENT_SCENARIO = str(path)
    host = machine()
    scenario = load_scenario(path)
    samples = turn_samples(scenario)
    resolve_calls: list[Callable[[], object]] = [
        (lambda s=state, o=orders: resolve_turn(scenario, s, o)) for state, orders in samples
    ]
    pairs = [(state, actor) for state, _ in samples for actor in scenario.actors]
    view_calls: list[Callable[[], object]] = [(lambda s=state, a=actor: view(scenario, s, a)) for state, actor in pairs]
    legal_calls: list[Callable[[], object]] = [
        (lambda s=state, a=actor: legal_moves(scenario, s, a)) for state, actor in pairs
    ]
    result: dict[str, Any] = {
        "scenario": str(path),
        "actors": len(scenario.actors),
        "moves": len(scenario.moves),
        "machine": host,
        "seconds_per_measurement": seconds,
        "repeat": repeat,
        "clock": "games: CPU time of the process; per call: wall time",
        **all_games(scenario, seconds, repeat, baseline),
        "resolve_turn": best(lambda: per_call(resolve_calls, seconds), repeat, "median_us", high=False),
        "view": best(lambda: per_call(view_calls, seconds), repeat, "median_us", high=False),
        "legal_moves": best(lambda: per_call(legal_calls, seconds), repeat, "median_us", high=False),
        "sample_states": len(samples),
    }
    peer = best(lambda: peer_games_per_second(seconds), repeat, "games_per_s", high=True)
    result["peer"] = peer
    result["peer_ratio"] = round(result["games"][0]["games_per_s"] / peer["games_per_s"], 3)
    if with_profile:
        result["profile"] = profile(path, max(4.0, seconds))  # ~0.3 s of it is Python starting and loading
    if golden_limit != 0:
        result["identical"] = identical_games(golden_limit)
    if instructions:
        result["instructions"] = instruction_counts(path, instructions, baseline)
    result["machine"]["load_1min_after"] = machine()["load_1min"]
    return result


def instruction_counts(path: Path, games: int, baseline: str | None) -> dict[str, Any]:
    """Instructions a random-bot and an objective-bot game cost (cachegrind), here and in the baseline."""
    sys.path.insert(0, str(Path(__file__).parent))
    import instructions  # bench/instructions.py, beside this script

    if shutil.which("valgrind") is None:
        return {"error": "valgrind is not installed"}
    out: dict[str, Any] = {"games": games}
    for name, checkout in (("here", ROOT), ("baseline", Path(baseline) if baseline else None)):
        if checkout is None:
            continue
        out[name] = {
            bots: instructions.per_game(checkout.resolve(), path.resolve(), bots, games)["instructions_per_game"]
            for bots in ("random", "objective")
        }
    if "baseline" in out:
        out["ratio"] = {bots: round(out["baseline"][bots] / out["here"][bots], 2) for bots in ("random", "objective")}
    return out


def games_only(path: Path, seconds: float) -> dict[str, Any]:
    """Just the games per second (what --baseline asks of another checkout)."""
    scenario = load_scenario(path)
    return {"games": [games_per_second(scenario, bot, seconds) for bot in ("random", "objective")]}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    except (AttributeError, OSError):
        load = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_1min": load,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
    }


# --- output --------------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"scenario: {result['scenario']} ({result['actors']} actors, {result['moves']} moves)",
        f"machine:  {m['cpu']}, {m['cores']} cores, {m['implementation']} {m['python']}, one process"
        f" (load average {m['load_1min']} before the run)"
        + (f", best of {result['repeat']} runs" if result["repeat"] > 1 else ""),
        "",
        f"{'measurement':<30} {'figure':>14} {'detail':>32}",
        f"{'-' * 30} {'-' * 14} {'-' * 32}",
    ]
    for label, games in (
        ("", result["games"]),
        (" (old dice)", result.get("games_old_dice", [])),
        (" (baseline)", result.get("baseline", {}).get("games", [])),
    ):
        for g in games:
            detail = f"{g['turns_per_game']} turns/game, {g['us_per_turn']:.0f} µs/turn"
            name = f"games/s, {g['bots']} bots{label}"
            lines.append(f"{name:<30} {g['games_per_s']:>14,.1f} {detail:>32}")
    if "speedup" in result:
        for bot, factor in result["speedup"].items():
            per_turn = result["speedup_per_turn"][bot]
            lines.append(f"{'speed-up, ' + bot + ' bots':<30} {factor:>13.2f}× {f'{per_turn:.2f}× per turn':>32}")
    peer = result["peer"]
    lines.append(f"{'peer games/s':<30} {peer['games_per_s']:>14,.1f} {'(see below)':>32}")
    lines.append(f"{'random-bot games / peer games':<30} {result['peer_ratio']:>14.3f}")
    for name in ("resolve_turn", "view", "legal_moves"):
        r = result[name]
        detail = f"p95 {r['p95_us']:.1f} µs, {r['calls']:,} calls"
        lines.append(f"{'µs per ' + name + '() (median)':<30} {r['median_us']:>14.1f} {detail:>32}")
    counted = result.get("instructions", {})
    for bots in ("random", "objective"):
        if bots in counted.get("here", {}):
            here, base = counted["here"][bots], counted.get("baseline", {}).get(bots)
            detail = f"baseline {base:,}: {counted['ratio'][bots]:.2f}×" if base else ""
            lines.append(f"{'instructions/game, ' + bots:<30} {here:>14,} {detail:>32}")
    lines += ["", f"peer: {peer['name']}"]
    if result.get("identical"):
        same = result["identical"]
        verdict = "identical" if same["same"] else "DIFFERENT"
        lines.append(f"golden games: {same['games']} games in {same['sets']} sets replayed: {verdict}")
    prof = result.get("profile")
    if prof and "self_percent" in prof:
        lines += ["", f"py-spy, random-bot games ({prof['samples']} samples): most time spent in (self %)"]
        lines += [f"  {pct:5.1f}%  {frame}" for pct, frame in prof["self_percent"][:10]]
        lines += ["... and under (total %)"]
        lines += [f"  {pct:5.1f}%  {frame}" for pct, frame in prof["total_percent"][:12]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", help="scenario file (default: the flagship, else tests/data/mini.yaml)")
    parser.add_argument("--quick", action="store_true", help="0.5 s per measurement instead of 3 s")
    parser.add_argument("--seconds", type=float, help="seconds per measurement (overrides --quick)")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement N times, keep the best")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--baseline", metavar="DIR", help="also measure the code in DIR (alternating runs)")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile")
    parser.add_argument("--golden", default="10", help="seeds of each golden set to replay: N, all or 0")
    parser.add_argument(
        "--instructions", type=int, default=0, metavar="N", help="count instructions over N games (cachegrind)"
    )
    parser.add_argument("--games-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--play", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = Path(args.scenario) if args.scenario else default_scenario()
    seconds = args.seconds or (0.5 if args.quick else 3.0)
    if args.play:
        play_for(path, args.play, seconds)
        return 0
    if args.games_only:
        sys.stdout.write(json.dumps(games_only(path, seconds)) + "\n")
        return 0
    golden_limit = None if args.golden == "all" else int(args.golden)
    try:
        result = run(
            path,
            seconds,
            args.repeat,
            baseline=args.baseline,
            with_profile=not args.no_profile,
            golden_limit=golden_limit,
            instructions=args.instructions,
        )
    except ScenarioError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
