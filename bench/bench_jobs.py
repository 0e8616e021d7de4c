"""How well ``--jobs`` scales: the same work on one core and on a pool, against the machine's own ceiling.

    .venv/bin/python bench/bench_jobs.py [SCENARIO] [--jobs 2] [--repeat 3] [--json] [--work NAME ...]

Each piece of work runs in a fresh process (so the pool's processes, pickling and waiting are all
paid), timed from the scenario loaded to the answer, and every run's answer (a digest of the whole
summary, or of every lesson's verdict and the dominance search's finds) must be the same:

- ``random``: ``simulate`` with random bots (20,000 games);
- ``default``: ``simulate`` with the scenario's own bots (6,000 games);
- ``lessons``: the lessons and the dominance search (``simulate --lessons``).

Three runs a round, alternated: on one core (``jobs=1``); on the pool (``jobs=N``); and N one-core
runs of the same work *at the same time* (each loads, then all start together), which do not talk
to each other at all. The last is the machine's ceiling: on a virtual machine, N busy cores slow
each other (shared caches, memory, the host's clock), and no pool can beat N independent processes.
The table gives the pool's speed-up, the ceiling's, and their ratio (the share of the ceiling the
pool reaches). Best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"
WORKS = ("random", "default", "lessons")
GAMES = {"random": 20_000, "default": 6_000}  # simulate's games; the lessons play what the scenario asks


def run_work(path: str, work: str, jobs: int, go: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """In this process: load, wait for ``go``, then do the work on ``jobs`` processes. Wall and CPU
    seconds of the work, and its answer: a short text and a digest of the whole result."""
    from game.bots import lessons as ls
    from game.bots import match
    from game.scenario.load import load_scenario

    scenario = load_scenario(path)
    go()
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if work == "lessons":
        with ls.Player(scenario, 1, jobs) as player:
            results = ls.check_lessons(player)
            found = ls.search_dominant(player)
        whole: Any = [ls.lessons_json(scenario, results), ls.dominant_json(found)]
        text = f"{sum(r.holds for r in results)} lessons hold, {len(found)} dominant"
    else:
        seats = match.parse_bots(scenario, "random" if work == "random" else None)
        summary = match.simulate(scenario, GAMES[work], 1, seats, jobs=jobs)
        whole = summary.as_json()
        text = f"{summary.mean_turns:.4f} turns a game"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - (b.ru_utime + b.ru_stime) for a, b in zip(after, before, strict=True))
    digest = hashlib.sha256(json.dumps(whole, sort_keys=True).encode()).hexdigest()[:12]
    return {"wall": wall, "cpu": cpu, "answer": f"{text} ({digest})"}


def in_children(path: str, work: str, jobs: int, copies: int = 1) -> list[dict[str, Any]]:
    """``copies`` fresh processes doing the work at the same time (each with ``jobs``): each loads the
    scenario, says it is ready, and starts its clock when all are told to go. What each reports."""
    command = [sys.executable, __file__, path, "--child", work, "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        for _ in range(copies)
    ]
    try:
        for child in children:
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                raise SystemExit(f"bench_jobs: {work} with jobs={jobs} did not start")
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        out = []
        for child in children:
            stdout, _ = child.communicate()
            if child.returncode != 0:
                raise SystemExit(f"bench_jobs: {work} with jobs={jobs} failed (exit {child.returncode})")
            out.append(json.loads(stdout))
        return out
    finally:
        for child in children:  # a failed sibling leaves none running on
            if child.poll() is None:
                child.kill()
                child.wait()


def measure(path: str, work: str, jobs: int, repeat: int) -> dict[str, Any]:
    one, pool, together = [], [], []
    for _ in range(repeat):
        one.extend(in_children(path, work, 1))
        pool.extend(in_children(path, work, jobs))
        together.append(in_children(path, work, 1, copies=jobs))
    answers = {r["answer"] for r in [*one, *pool, *(r for runs in together for r in runs)]}
    if len(answers) != 1:
        raise SystemExit(f"bench_jobs: {work}: the answers differ between runs: {sorted(answers)}")
    best_one = min(r["wall"] for r in one)
    best_pool = min(r["wall"] for r in pool)
    # N copies at once do N times the work: their speed-up is N x one core's time / the slowest copy's
    best_together = min(max(r["wall"] for r in runs) for runs in together)
    speedup = best_one / best_pool
    ceiling = jobs * best_one / best_together
    return {
        "work": work,
        "answer": answers.pop(),
        "one_core_s": round(best_one, 3),
        "pool_s": round(best_pool, 3),
        "pool_cpu_s": round(min(r["cpu"] for r in pool), 3),
        "one_core_cpu_s": round(min(r["cpu"] for r in one), 3),
        "speedup": round(speedup, 3),
        "ceiling": round(ceiling, 3),
        "of_ceiling": round(speedup / ceiling, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default=str(FLAGSHIP))
    parser.add_argument("--jobs", type=int, default=2, help="workers in the pool (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best of each kind is kept")
    parser.add_argument("--work", nargs="+", choices=WORKS, default=list(WORKS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=WORKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:

        def go() -> None:  # loaded: say so, and start when the parent says (all copies at once)
            print("ready", flush=True)
            sys.stdin.readline()

        print(json.dumps(run_work(args.scenario, args.child, args.jobs, go)))
        return 0
    try:
        load = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    rows = [measure(args.scenario, work, args.jobs, args.repeat) for work in args.work]
    result = {"scenario": args.scenario, "jobs": args.jobs, "cores": os.cpu_count(), "load_1min": load, "rows": rows}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.scenario}: jobs={args.jobs} on {os.cpu_count()} cores", end="")
    print(f" (load average {load} before), best of {args.repeat}")
    print(f"{'work':<9}{'1 core':>9}{'pool':>9}{'speed-up':>10}{'ceiling':>9}{'of ceiling':>12}  answer")
    for r in rows:
        print(
            f"{r['work']:<9}{r['one_core_s']:>8.2f}s{r['pool_s']:>8.2f}s{r['speedup']:>9.2f}x"
            f"{r['ceiling']:>8.2f}x{100 * r['of_ceiling']:>11.1f}%  {r['answer']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
