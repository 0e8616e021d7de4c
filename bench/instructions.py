"""Instructions a bot game costs, counted by cachegrind: the figure other work on a shared machine cannot move.

    .venv/bin/python bench/instructions.py [SCENARIO] [--games 200] [--bots random,objective]
                                           [--checkout DIR ...] [--json]

For each checkout of the code (this one by default; ``--checkout`` adds others, e.g. a ``git
archive`` of the commit before a change) and each kind of bot, it runs ``valgrind
--tool=cachegrind --cache-sim=no`` twice over a small script: once playing ``--games`` games
(seeds 1,000,000 and up, as bench_engine.py plays them) and once loading the scenario and making
the bots but playing none. The difference divided by the games is the instructions a game costs;
divided by the turns those games lasted, the instructions a turn costs. Compare checkouts a turn
at a time when their games differ (other dice, another bot's walk): a hundred games' mean length
can differ from another hundred's by a tenth, and the games-per-second figure with it.
Needs valgrind (``apt-get install valgrind``); takes about a minute per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# what valgrind runs: play `games` games of the scenario with the bots, from the checkout on PYTHONPATH
_PLAY = """
import sys
from game.bots.match import parse_bots, play_game
from game.scenario.load import load_scenario
scenario = load_scenario(sys.argv[1])
seats = parse_bots(scenario, sys.argv[2])
play_game(scenario, 0, seats)  # warm: per-scenario tables and caches are made once, in both runs
turns = 0
for seed in range(1_000_000, 1_000_000 + int(sys.argv[3])):
    turns += play_game(scenario, seed, seats).turns
print(turns)
"""


def count(checkout: Path, scenario: Path, bots: str, games: int) -> tuple[int, int]:
    """Instructions (cachegrind's I refs) of the whole script, and the turns its games lasted."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cachegrind.out"
        command = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={out}",
            sys.executable,
            "-c",
            _PLAY,
            str(scenario),
            bots,
            str(games),
        ]
        env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if found is None:
            raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
        return int(found.group(1).replace(",", "")), int(done.stdout.split()[-1])


def per_game(checkout: Path, scenario: Path, bots: str, games: int) -> dict[str, Any]:
    played, turns = count(checkout, scenario, bots, games)
    idle, _ = count(checkout, scenario, bots, 0)
    return {
        "checkout": str(checkout),
        "bots": bots,
        "games": games,
        "turns_per_game": round(turns / games, 3),
        "instructions_per_game": round((played - idle) / games),
        "instructions_per_turn": round((played - idle) / turns),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "tests" / "data" / "mini.yaml"))
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--bots", default="random,objective")
    parser.add_argument("--checkout", action="append", default=[], help="another checkout to count too")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scenario = Path(args.scenario).resolve()
    rows = [
        per_game(Path(checkout).resolve(), scenario, bots, args.games)
        for checkout in [*args.checkout, str(ROOT)]
        for bots in args.bots.split(",")
    ]
    if args.json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        for row in rows:
            sys.stdout.write(
                f"{row['checkout']:<40} {row['bots']:<10} {row['instructions_per_game']:>12,} instructions a game"
                f" ({row['turns_per_game']} turns, {row['instructions_per_turn']:,} a turn)\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
