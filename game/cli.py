"""The command line: the only place that wires the layers together.

deterrence play [SCENARIO] [--text]   play (the board game, or the terminal game)
deterrence replay SAVE                step through a saved game; fork a new one from any turn
deterrence validate PATH...           check scenario files
deterrence schema                     print the JSON Schema of scenario files
deterrence simulate SCENARIO          bots play many games; balance statistics
deterrence report SAVE                the debrief of a saved game as an HTML (or Markdown) report
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from game.scenario.load import Problem, ScenarioError, load_scenario, validate
from game.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    for problem in problems:
        out.write(f"{problem}\n")


def _load(path: str | Path) -> Scenario:
    """Load a scenario for a command; on problems, print them and exit 1."""
    try:
        return load_scenario(path)
    except ScenarioError as error:
        _print_problems(error.problems, sys.stderr)
        count = len(error.errors)
        sys.stderr.write(f"{path}: {count} problem{'s' if count != 1 else ''}; the scenario cannot be played\n")
        raise SystemExit(1) from None


# --- validate ----------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    results: dict[str, list[Problem]] = {path: validate(path) for path in args.paths}
    failed = any(p.severity == "error" or args.strict for problems in results.values() for p in problems)
    if args.format == "json":
        payload = {
            "ok": not failed,
            "files": [
                {
                    "path": path,
                    "ok": not any(p.severity == "error" or args.strict for p in problems),
                    "problems": [p.as_dict() for p in problems],
                }
                for path, problems in results.items()
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 1 if failed else 0
    for path, problems in results.items():
        _print_problems(problems, sys.stdout)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if not problems:
            sys.stdout.write(f"{path}: ok\n")
        else:
            sys.stdout.write(f"{path}: {errors} error(s), {warnings} warning(s)\n")
    return 1 if failed else 0


# --- schema ------------------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import main_text

    sys.stdout.write(main_text())
    return 0


# --- simulate ----------------------------------------------------------------------------------


class Progress:
    """A progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty()
        self.start = time.monotonic()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(1, self.total))
        rate = done / max(1e-9, time.monotonic() - self.start)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} games ({rate:,.0f}/s)")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.bots.checks import balance_checks, format_checks
    from game.bots.match import parse_bots, simulate

    scenario = _load(args.scenario)
    try:
        seats = parse_bots(scenario, args.bots)
    except ValueError as error:
        sys.stderr.write(f"deterrence simulate: {error}\n")
        return 2
    if args.games < 1:
        sys.stderr.write("deterrence simulate: --games must be at least 1\n")
        return 2
    jobs = args.jobs or 1
    if args.lessons:
        return _simulate_lessons(scenario, args, jobs)
    summary = simulate(
        scenario,
        args.games,
        args.seed,
        seats,
        jobs=jobs,
        progress=Progress(args.games, sys.stderr),
        save_dir=args.save_dir,
    )
    data = summary.as_json()
    checks = balance_checks(scenario, data)
    if args.json:
        data["checks"] = [check.as_json() for check in checks]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_summary(scenario, data))
        sys.stdout.write("\n" + "\n".join(format_checks(checks, data["games"])) + "\n")
    return 0


def _simulate_lessons(scenario: Scenario, args: argparse.Namespace, jobs: int) -> int:
    """Check the scenario's lessons and search for dominant strategies; exit 1 unless all is well."""
    from game.bots import lessons as ls

    unknown = [lid for lid in args.lesson or () if lid not in scenario.lessons]
    if unknown:
        known = ", ".join(scenario.lessons) or "none"
        sys.stderr.write(f"deterrence simulate: unknown lesson {unknown[0]!r}; the lessons are: {known}\n")
        return 2
    def note(text: str) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(text + "\n")

    with ls.Player(scenario, args.seed, jobs) as player:
        note(f"checking {len(args.lesson or scenario.lessons)} lessons...")
        results = ls.check_lessons(player, args.lesson)
        found: list[ls.Dominant] = []
        if not args.no_search:
            found = ls.search_dominant(player, progress=lambda actor: note(f"dominance search: {actor}"))
    ok = all(r.holds for r in results) and not found
    if args.json:
        data = {
            "scenario": scenario.id,
            "seed": args.seed,
            "lessons": ls.lessons_json(scenario, results),
            "dominant": ls.dominant_json(found),
            "ok": ok,
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        lines = [f"{scenario.title}: lessons, seed {args.seed}", "", *ls.format_lessons(scenario, results)]
        if not args.no_search:
            lines += ls.format_dominant(scenario, found, ls.SCREEN_GAMES, ls.CONFIRM_GAMES)
        sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_summary(scenario: Scenario, data: dict[str, Any]) -> str:
    """The simulation summary as tables for a terminal."""
    n = data["games"]
    lines = [
        f"{scenario.title}: {n} games, seed {data['seed']}, mean length {data['mean_turns']:.2f} turns",
        "bots: " + ", ".join(f"{a}={b}" for a, b in data["bots"].items()),
        "",
        "Endings",
    ]
    for ending_id, ending in scenario.endings.items():
        count = data["endings"].get(ending_id, 0)
        lines.append(f"  {str(ending.name)[:40]:<40} {count:>7}  {_pct(count / n)}")
    if data["blamed"]:
        lines.append("  blamed for an ending: " + ", ".join(f"{a} {c}" for a, c in data["blamed"].items()))
    lines += ["", "Teams                                       mean score   objective met"]
    for actor_id, actor in scenario.actors.items():
        lines.append(f"  {str(actor.name)[:40]:<40} {data['scores'][actor_id]:>10.2f}")
        for oid, objective in actor.objectives.items():
            main = "*" if objective.main else " "
            rate = data["objectives"][actor_id][oid]
            lines.append(f"   {main}{str(objective.text)[:52]:<52} {_pct(rate)}")
    lines += ["", "Tracks at the end (mean)"]
    for ref, mean in data["tracks"].items():
        lines.append(f"  {scenario.track_label[ref][:40]:<40} {mean:>8.2f}")
    lines += ["", "Moves                                     per game  share of turns  in games"]
    for move_id, stats in data["moves"].items():
        name = str(scenario.moves[move_id].name)[:40]
        lines.append(
            f"  {name:<40} {stats['per_game']:>7.2f}  {_pct(stats['turn_share']):>14}  {_pct(stats['games']):>8}"
        )
        for actor_id, share in stats.get("by_actor", {}).items():
            lines.append(f"    {'by ' + actor_id:<48} {_pct(share):>14}")
    return "\n".join(lines) + "\n"


# --- play --------------------------------------------------------------------------------------


def _human_seats(scenario: Scenario, teams: str | None, ask: Any) -> set[str]:
    if teams is not None:
        chosen = {t.strip() for t in teams.split(",") if t.strip()}
        unknown = chosen - set(scenario.actors)
        if unknown:
            raise ValueError(
                f"unknown team(s) {', '.join(sorted(unknown))}; the teams are {', '.join(scenario.actors)}"
            )
        return chosen
    actors = list(scenario.actors)
    print("Which teams are played by people? The others are played by bots.")
    for number, actor_id in enumerate(actors, 1):
        optional = " (optional: a bot by default)" if scenario.actors[actor_id].optional else ""
        print(f"  {number}. {scenario.actors[actor_id].name}{optional}")
    while True:
        answer = ask("Numbers separated by commas (Enter: every team that is not optional): ").strip()
        if not answer:
            return {a for a in actors if not scenario.actors[a].optional}
        parts = [p.strip() for p in answer.split(",")]
        if all(p.isdigit() and 1 <= int(p) <= len(actors) for p in parts):
            return {actors[int(p) - 1] for p in parts}
        print(f"Type numbers from 1 to {len(actors)}, e.g. 1,3")


def cmd_play(args: argparse.Namespace) -> int:
    path = args.scenario or FLAGSHIP
    if not args.text:
        return _play_window(args, Path(path))
    scenario = _load(path)
    from game.bots.match import parse_bots
    from game.ui.text import TextGame

    try:
        humans = _human_seats(scenario, args.teams, input)
        seats = parse_bots(scenario, args.bots)
    except ValueError as error:
        sys.stderr.write(f"deterrence play: {error}\n")
        return 2
    except (EOFError, KeyboardInterrupt):
        return 130
    for actor in humans:
        seats[actor] = "human"
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    save_path = Path(args.save) if args.save else None
    game = TextGame(scenario, seats, seed, out=sys.stdout, clear=sys.stdout.isatty(), save_path=save_path)
    try:
        game.run()
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\nGame stopped.\n")
        return 130
    return 0


def _play_window(args: argparse.Namespace, path: Path, replay: Path | None = None) -> int:
    from platformdirs import user_data_dir

    try:
        from game.ui.app import run_app
    except ImportError as error:  # pragma: no cover - pygame missing
        sys.stderr.write(f"The game window needs pygame-ce ({error}). Play in the terminal: deterrence play --text\n")
        return 2
    size = (1600, 900)
    if args.size:
        width, _, height = args.size.partition("x")
        size = (int(width), int(height))
    return run_app(
        start_path=path,
        scenario_dir=SCENARIOS,
        data_dir=Path(args.data_dir or user_data_dir("deterrence-dialogue", appauthor=False)),
        size=size,
        fullscreen=args.fullscreen,
        demo=getattr(args, "demo", False),
        seed=getattr(args, "seed", None),
        screenshots=Path(args.screenshots) if getattr(args, "screenshots", None) else None,
        exit_at_end=getattr(args, "exit_at_end", False),
        resume=getattr(args, "resume", False),
        speed=getattr(args, "speed", 1.0),
        replay=replay,
    )


def cmd_replay(args: argparse.Namespace) -> int:
    """Check the save first, in the terminal; then step through it in the window."""
    from game.engine.errors import SaveError
    from game.engine.save import read_save, replay

    path = Path(args.save)
    try:
        save = read_save(path)
        scenario = _load(args.scenario or save.scenario_path or FLAGSHIP)
        replay(scenario, save)
    except SaveError as error:
        sys.stderr.write(f"{path}: {error}\n")
        return 1
    return _play_window(args, Path(scenario.path), replay=path)


# --- report ------------------------------------------------------------------------------------


def _report_scenario(args: argparse.Namespace, save_path: Path, save: Any) -> Scenario:
    """The scenario file a save was played with (--scenario, or the path the save names), unchanged."""
    if args.scenario:
        candidates = [Path(args.scenario)]
    elif save.scenario_path:
        named = Path(save.scenario_path)
        candidates = [named] if named.is_absolute() else [named, save_path.parent / named]
    else:
        raise _ReportError(f"{save_path}: the save does not name its scenario file; give it with --scenario PATH")
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise _ReportError(
            f"{save_path}: the scenario file {candidates[0]} is missing; give its path with --scenario PATH"
        )
    scenario = _load(path)
    if scenario.id != save.scenario_id:
        raise _ReportError(f"{save_path}: the game was played with scenario {save.scenario_id!r}, not {scenario.id!r}")
    if scenario.source_hash != save.scenario_hash:
        raise _ReportError(
            f"{save_path}: the scenario file {path} has changed since this game was played "
            f"(sha256 {scenario.source_hash[:12]}…, the save expects {save.scenario_hash[:12]}…); "
            "give the file the game was played with, with --scenario PATH"
        )
    return scenario


class _ReportError(Exception):
    """A report cannot be made; the message says why and what to do."""


def cmd_report(args: argparse.Namespace) -> int:
    import datetime

    from game.engine.errors import SaveError
    from game.engine.save import read_save, replay
    from game.report import build_debrief, render
    from game.report import write_text_atomic as write

    path = Path(args.save)
    try:
        save = read_save(path)
        scenario = _report_scenario(args, path, save)
        game = replay(scenario, save)
    except SaveError as error:
        sys.stderr.write(f"{path}: {error}\n")
        return 1
    except _ReportError as error:
        sys.stderr.write(f"deterrence report: {error}\n")
        return 1
    debrief = build_debrief(scenario, game.states, game.logs)
    text = render(debrief, args.format, generated=datetime.date.today().isoformat())
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output) if args.output else path.with_suffix(f".{args.format}")
    try:
        write(target, text)
    except OSError as error:
        sys.stderr.write(f"deterrence report: cannot write {target}: {error.strerror or error}\n")
        return 1
    sys.stdout.write(f"Report written to {target}\n")
    return 0


# --- entry point -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deterrence", description="Deterrence & Dialogue, a classroom board game.")
    sub = parser.add_subparsers(dest="command", required=True)

    play = sub.add_parser("play", help="play a scenario (the flagship when none is named)")
    play.add_argument("scenario", nargs="?", help="a scenario file")
    play.add_argument("--text", action="store_true", help="play in the terminal (hot-seat; screen-reader friendly)")
    play.add_argument("--teams", help="actors played by people, e.g. us,rok (the rest are bots)")
    play.add_argument("--bots", help="bots for the other seats, e.g. objective:hawk or dprk=random")
    play.add_argument("--seed", type=int, help="seed for a repeatable game")
    play.add_argument("--save", help="with --text: write the game to this file after every turn")
    play.add_argument("--demo", action="store_true", help="every seat a bot: the game plays itself (attract mode)")
    play.add_argument("--screenshots", help="with --demo: save a PNG of each distinct screen in this folder")
    play.add_argument("--exit-at-end", action="store_true", help="with --demo: quit after the debrief")
    play.add_argument("--speed", type=float, default=1.0, help="with --demo: how fast it plays (2 = twice as fast)")
    play.add_argument("--resume", action="store_true", help="continue the last game (autosaved after every turn)")
    play.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    play.add_argument("--size", help="window size, e.g. 1920x1080")
    play.add_argument("--data-dir", help="where autosaves and your own scenarios live (default: your data folder)")
    play.set_defaults(func=cmd_play)

    rep = sub.add_parser("replay", help="step through a saved game turn by turn; fork a new game from any turn")
    rep.add_argument("save", help="a save file (every game is saved in your data folder's games/)")
    rep.add_argument("--scenario", help="the scenario file, if it has moved since the game was saved")
    rep.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    rep.add_argument("--size", help="window size, e.g. 1920x1080")
    rep.add_argument("--data-dir", help="where saves and your own scenarios live (default: your data folder)")
    rep.set_defaults(func=cmd_replay)

    report = sub.add_parser("report", help="write the debrief of a saved game: a printable HTML (or Markdown) report")
    report.add_argument("save", help="a save file (deterrence simulate --save-dir, play --save, or your data folder)")
    report.add_argument("--format", choices=("html", "md"), default="html", help="HTML (default) or Markdown")
    report.add_argument("-o", "--output", help="the file to write (default: the save's name with .html/.md; - prints)")
    report.add_argument("--scenario", help="the scenario file, if it is not where the save says")
    report.set_defaults(func=cmd_report)

    check = sub.add_parser("validate", help="check scenario files; exit 1 if any has errors")
    check.add_argument("paths", nargs="+", help="scenario files")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="count warnings as errors")
    check.set_defaults(func=cmd_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.set_defaults(func=cmd_schema)

    sim = sub.add_parser("simulate", help="bots play many games; print how the scenario balances")
    sim.add_argument("scenario")
    sim.add_argument("--games", type=int, default=1000)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--bots", help="random, objective[:TEMPERAMENT], or per seat: us=objective:hawk,dprk=random")
    sim.add_argument("--jobs", type=int, default=1, help="processes to use (same results for any number)")
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.add_argument("--save-dir", help="write every game's save into this folder")
    sim.add_argument(
        "--lessons",
        action="store_true",
        help="check the scenario's lessons (each claim about play, played out) and search for dominant strategies;"
        " exit 1 unless every lesson holds and none is found",
    )
    sim.add_argument("--lesson", action="append", help="with --lessons: only this lesson (may be repeated)")
    sim.add_argument("--no-search", action="store_true", help="with --lessons: skip the dominance search")
    sim.set_defaults(func=cmd_simulate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
