"""How long loading and validating a scenario takes, in total and pass by pass.

    .venv/bin/python bench/bench_load.py [SCENARIO] [--runs N] [--json]

Each figure is the median and the minimum over N runs (default 30) after one warm-up run.
The passes are the loader's three (see game/scenario/load.py):

- ``read_yaml``: bytes -> UTF-8 text -> plain data and the position of every value;
- ``structure``: cattrs turns the data into the frozen model;
- ``check``: derived fields, cross-references, reachability (the ``Checker``).

``structure`` and ``check`` reach into private names of the loader; if those change,
the script still prints the total and ``read_yaml`` and says the split is unavailable.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from game.scenario import load as loader
from game.scenario import model as m
from game.scenario import yamlread
from game.scenario.load import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"
MINI = ROOT / "tests" / "data" / "mini.yaml"

perf = time.perf_counter


def timed(fn: Callable[[], object], runs: int) -> dict[str, float]:
    fn()  # warm-up: imports, cattrs' generated structuring functions, caches
    times = []
    for _ in range(runs):
        t0 = perf()
        fn()
        times.append(perf() - t0)
    return {"median_ms": round(1e3 * statistics.median(times), 3), "min_ms": round(1e3 * min(times), 3)}


def passes(path: Path, runs: int) -> dict[str, dict[str, float]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    data, positions = yamlread.read_yaml(text)
    out = {"read_yaml": timed(lambda: yamlread.read_yaml(raw.decode("utf-8")), runs)}
    try:
        converter, derive, report_cls, checker = loader._CONVERTER, loader._derive, loader._Report, loader.Checker
    except AttributeError:  # the loader changed; only the total and read_yaml are measured
        return out
    structured = converter.structure(data, m.Scenario)
    out["structure"] = timed(lambda: converter.structure(data, m.Scenario), runs)

    def check() -> None:
        scenario = derive(structured, str(path), raw)
        checker(scenario, report_cls(str(path), positions, text)).check()

    out["check"] = timed(check, runs)
    return out


def run(path: Path, runs: int) -> dict[str, Any]:
    total = timed(lambda: load_scenario(path), runs)
    result: dict[str, Any] = {
        "scenario": str(path),
        "bytes": path.stat().st_size,
        "lines": len(path.read_text(encoding="utf-8").splitlines()),
        "runs": runs,
        "libyaml": yamlread._Loader.__name__ == "CSafeLoader" and bool(yaml.__with_libyaml__),
        "load_scenario": total,
        "passes": passes(path, runs),
    }
    # What the passes leave out of the total (reading the file, decoding, sorting problems),
    # from the minima: on a busy machine medians of separate runs need not add up.
    split = result["passes"]
    name = "other" if "structure" in split else "rest"
    left = total["min_ms"] - sum(p["min_ms"] for p in split.values())
    split[name] = {"min_ms": round(max(0.0, left), 3)}
    return result


def table(result: dict[str, Any]) -> str:
    parser = "libyaml (CSafeLoader)" if result["libyaml"] else "pure-Python PyYAML"
    lines = [
        f"scenario: {result['scenario']} ({result['bytes']:,} bytes, {result['lines']} lines), {parser}",
        f"{result['runs']} runs after a warm-up",
        "",
        f"{'measurement':<26} {'median ms':>10} {'min ms':>10}",
        f"{'-' * 26} {'-' * 10} {'-' * 10}",
    ]
    total = result["load_scenario"]
    lines.append(f"{'load_scenario (total)':<26} {total['median_ms']:>10.2f} {total['min_ms']:>10.2f}")
    for name, figures in result["passes"].items():
        median = f"{figures['median_ms']:>10.2f}" if "median_ms" in figures else f"{'':>10}"
        lines.append(f"{'  ' + name:<26} {median} {figures['min_ms']:>10.2f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", help="scenario file (default: the flagship, else tests/data/mini.yaml)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    path = Path(args.scenario) if args.scenario else (FLAGSHIP if FLAGSHIP.exists() else MINI)
    try:
        result = run(path, max(1, args.runs))
    except ScenarioError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
