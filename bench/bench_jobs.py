"""How well ``--jobs`` scales: the same work on one core and on a pool, against the machine's own ceiling.

    .venv/bin/python bench/bench_jobs.py [SCENARIO] [--jobs 2] [--repeat 3] [--json] [--work NAME ...]

Each piece of work runs in a fresh process (so the pool's processes, pickling and waiting are all
paid), timed from the scenario loaded to the answer:

- ``random``: ``simulate`` with random bots (20,000 games);
- ``default``: ``simulate`` with the scenario's own bots (6,000 games);
- ``lessons``: the lessons and the dominance search (``simulate --lessons``).

Three runs a round, alternated: on one core (``jobs=1``); on the pool (``jobs=N``); and N one-core
runs of the same work *at the same time*, which do not talk to each other at all. The last is the
machine's ceiling: on a virtual machine, N busy cores slow each other (shared caches, memory, the
host's clock), and no pool can beat N independent processes. The table gives the pool's speed-up,
the ceiling's, and their ratio (the share of the ceiling the pool reaches). Best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"
WORK = {"random": 20_000, "default": 6_000, "lessons": 0}


def run_work(path: str, work: str, jobs: int) -> dict[str, float]:
    """In this process: load, then do the work on ``jobs`` processes; wall and CPU seconds of the work."""
    from game.bots import lessons as ls
    from game.bots import match
    from game.scenario.load import load_scenario

    scenario = load_scenario(path)
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if work == "lessons":
        with ls.Player(scenario, 1, jobs) as player:
            held = sum(r.holds for r in ls.check_lessons(player))
            found = len(ls.search_dominant(player))
        answer = f"{held} lessons hold, {found} dominant"
    else:
        seats = match.parse_bots(scenario, "random" if work == "random" else None)
        summary = match.simulate(scenario, WORK[work], 1, seats, jobs=jobs)
        answer = f"{summary.mean_turns:.4f} turns a game"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - (b.ru_utime + b.ru_stime) for a, b in zip(after, before, strict=True))
    return {"wall": wall, "cpu": cpu, "answer": answer}  # type: ignore[dict-item]


def in_child(path: str, work: str, jobs: int, copies: int = 1) -> list[dict[str, Any]]:
    """``copies`` fresh processes doing the work at once (each with ``jobs``); what each reports."""
    command = [sys.executable, __file__, path, "--child", work, "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True) for _ in range(copies)]
    out = []
    for child in children:
        stdout, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"bench_jobs: {work} with jobs={jobs} failed (exit {child.returncode})")
        out.append(json.loads(stdout))
    return out


def measure(path: str, work: str, jobs: int, repeat: int) -> dict[str, Any]:
    one, pool, together = [], [], []
    for _ in range(repeat):
        one.append(in_child(path, work, 1)[0])
        pool.append(in_child(path, work, jobs)[0])
        together.append(in_child(path, work, 1, copies=jobs))
    answers = {r["answer"] for r in one + pool}
    if len(answers) != 1:
        raise SystemExit(f"bench_jobs: {work}: the pool's answer differs from one core's: {sorted(answers)}")
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
    parser.add_argument("--work", nargs="+", choices=list(WORK), default=list(WORK))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=list(WORK), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_work(args.scenario, args.child, args.jobs)))
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
