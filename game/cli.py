"""The command line: the only place that wires the layers together.

deterrence play [SCENARIO] [--text]   play (the board game, or the terminal game)
deterrence replay SAVE                step through a saved game; fork a new one from any turn
deterrence validate PATH...           check scenario files
deterrence schema                     print the JSON Schema of scenario files
deterrence simulate SCENARIO          bots play many games; balance statistics
deterrence report SAVE                the debrief of a saved game as an HTML (or Markdown) report
deterrence new FILE.yaml              start a scenario of your own: a small one that plays, to edit
deterrence scenarios                  list the bundled scenarios and yours, with their ids and paths
deterrence print SCENARIO             a print-and-play PDF kit: team sheets, cards, board, slips
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import attrs

from game import resources
from game.i18n import LANGUAGES, ntr, parse_language, pick, set_language, speaking, tr
from game.played import as_played
from game.scenario.load import LANG_PATTERN, Problem, ScenarioError, load_scenario
from game.scenario.model import Scenario
from game.scenario.texts import Coverage, check_translations, languages_used

SCENARIOS = resources.SCENARIOS
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


# --- arguments: checked where they are read, each refused in one line ---------------------------

MAX_SEED = 2**63 - 1  # what a save holds (game.engine.save.MAX_SEED)
MAX_GAMES = 10_000_000
MAX_JOBS = 32  # more processes than processors only use memory; same results for any number
MAX_SPEED = 1000.0
WINDOW_SIDES = (320, 16384)


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake in the arguments said in one line (exit 2), not the usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _whole(text: str, low: int, high: int, what: str) -> int:
    """A whole number from low to high, or ArgumentTypeError that says so."""
    digits = text.strip().lstrip("+-")
    if not digits.isdigit() or not digits.isascii():
        raise argparse.ArgumentTypeError(f"{what} must be a whole number from {low:,} to {high:,}, not {text[:40]!r}")
    if len(digits) > 30:  # int() of thousands of digits is slow, and refused past 4,300
        raise argparse.ArgumentTypeError(
            f"{what} must be from {low:,} to {high:,}, not a number {len(digits):,} digits long"
        )
    value = int(text)
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be from {low:,} to {high:,}, not {value:,}")
    return value


def _seed(text: str) -> int:
    return _whole(text, 0, MAX_SEED, "the seed")


def _games(text: str) -> int:
    return _whole(text, 1, MAX_GAMES, "the number of games")


def _jobs(text: str) -> int:
    return _whole(text, 1, MAX_JOBS, "the number of processes")


def _size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080)."""
    width, x, height = text.lower().partition("x")
    low, high = WINDOW_SIDES
    if not x:
        raise argparse.ArgumentTypeError(f"the window size is WIDTHxHEIGHT, e.g. 1920x1080, not {text[:40]!r}")
    return _whole(width, low, high, "the window's width"), _whole(height, low, high, "the window's height")


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the speed must be a number such as 2 or 0.5, not {text[:40]!r}") from None
    if not 0 < value <= MAX_SPEED:  # also false for NaN
        raise argparse.ArgumentTypeError(f"the speed must be above 0 and at most {MAX_SPEED:g}, not {text[:40]!r}")
    return value


def language(text: str) -> str:
    """--lang: a language the game speaks ('ko', 'ko_KR', 'en'), or ArgumentTypeError that says which."""
    try:
        return parse_language(text[:40])
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """--lang for a command whose words a player reads (the window can take the same option)."""
    parser.add_argument(
        "--lang",
        type=language,
        metavar="LANG",
        help=f"the language of the words: {', '.join(LANGUAGES)} (default: the system's, else en)",
    )


def _writable_folder(folder: Path) -> str | None:
    """Why files cannot be written in this folder (made if missing), or None if they can."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"cannot write in {folder}: {error.strerror or error}"
    return None


def _save_file_problem(path: Path) -> str | None:
    """Why a save cannot be written at this path, or None."""
    if path.is_dir():
        return f"{path} is a folder; give a file name, e.g. {path / 'game.json'}"
    return _writable_folder(path.parent)


# --- validate ----------------------------------------------------------------------------------


def _text_language(text: str) -> str:
    """validate --lang: a language code as scenario texts use it ('ko', 'ko_KR' -> 'ko', 'pt-BR')."""
    try:
        return parse_language(text[:40])
    except ValueError:
        pass
    head, dash, region = text.strip()[:40].replace("_", "-").partition("-")
    code = head.lower() + dash + region
    if not LANG_PATTERN.match(code):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a language code such as en or ko")
    return code


@attrs.frozen
class _Checked:
    """What validate found in one file: its problems, and its coverage in each language checked."""

    problems: list[Problem]
    coverage: tuple[Coverage, ...] = ()


def _check_file(path: str, langs: list[str] | None) -> _Checked:
    """A file's problems; for a scenario that loads, its translation coverage too (see game.scenario.texts)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        return _Checked(error.problems)
    problems = list(scenario.warnings)
    if langs is None and languages_used(scenario) in ([], ["en"]):
        return _Checked(problems)  # written in one language: nothing to translate yet
    report = check_translations(path, scenario, langs)
    return _Checked(problems + list(report.problems), report.coverage)


def cmd_validate(args: argparse.Namespace) -> int:
    langs = list(dict.fromkeys(args.lang)) if args.lang else None
    results = {path: _check_file(path, langs) for path in args.paths}
    failed = any(p.severity == "error" or args.strict for found in results.values() for p in found.problems)
    if args.format == "json":
        payload = {
            "ok": not failed,
            "files": [
                {
                    "path": path,
                    "ok": not any(p.severity == "error" or args.strict for p in found.problems),
                    "problems": [p.as_dict() for p in found.problems],
                    "coverage": [c.as_dict() for c in found.coverage],
                }
                for path, found in results.items()
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 1 if failed else 0
    for path, found in results.items():
        _print_problems(found.problems, sys.stdout)
        for cover in found.coverage:
            sys.stdout.write(f"{path}: {cover}\n")
        errors = sum(p.severity == "error" for p in found.problems)
        warnings = len(found.problems) - errors
        if not found.problems:
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
    with speaking(args.lang):  # tables, verdicts and the scenario's texts in the language asked
        return _simulate(args)


def _simulate(args: argparse.Namespace) -> int:
    from game.bots.checks import balance_checks, format_checks
    from game.bots.match import parse_bots, simulate
    from game.engine.save import clean_stale_temps

    scenario = _load(args.scenario)
    try:
        seats = parse_bots(scenario, args.bots)
    except ValueError as error:
        sys.stderr.write(f"deterrence simulate: {error}\n")
        return 2
    if args.lessons:
        return _simulate_lessons(scenario, args, args.jobs)
    if args.save_dir is not None:
        problem = _writable_folder(Path(args.save_dir))
        if problem is not None:
            sys.stderr.write(f"deterrence simulate: --save-dir: {problem}\n")
            return 2
        clean_stale_temps(args.save_dir)  # what an earlier run, killed midway, left there
    try:
        summary = simulate(
            scenario,
            args.games,
            args.seed,
            seats,
            jobs=args.jobs,
            progress=Progress(args.games, sys.stderr),
            save_dir=args.save_dir,
        )
    except OSError as error:  # the disk filled up, or the folder went away, during the games
        where = error.filename or args.save_dir
        sys.stderr.write(f"deterrence simulate: cannot write the saves in {where}: {error.strerror or error}\n")
        return 1
    data = summary.as_json()
    checks = balance_checks(scenario, data)
    judged = _judge_bots(scenario, seats, args)
    if args.json:
        data["checks"] = [check.as_json() for check in checks]
        data["misjudged"] = [j.as_json() for j in judged if j.misjudged]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        from game.bots.insight import format_judgements

        sys.stdout.write(format_summary(scenario, data))
        sys.stdout.write("\n" + "\n".join(format_checks(checks, data["games"])) + "\n")
        sys.stdout.write("\n" + "\n".join(format_judgements(scenario, judged)) + "\n")
    return 0


def _judge_bots(scenario: Scenario, seats: dict[str, str], args: argparse.Namespace) -> list[Any]:
    """Whether the bots see the rules (game.bots.insight): a few states for a few games, up to a dozen."""
    from game.bots.insight import STATES, judge_bots

    return judge_bots(scenario, seats, args.seed, states=min(STATES, max(2, args.games // 50)))


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

    def searching(plans: int, games: int) -> str:
        return tr("dominance search: {plans} ways of playing, {games} games each", plans=plans, games=games)

    with ls.Player(scenario, args.seed, jobs) as player:
        note(ntr("checking {n} lesson...", "checking {n} lessons...", len(args.lesson or scenario.lessons)))
        results = ls.check_lessons(player, args.lesson)
        found: list[ls.Dominant] = []
        if not args.no_search:
            found = ls.search_dominant(player, progress=lambda plans, games: note(searching(plans, games)))
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
        heading = tr("{title}: lessons, seed {seed}", title=pick(scenario.title), seed=args.seed)
        lines = [heading, "", *ls.format_lessons(scenario, results)]
        if not args.no_search:
            lines += ls.format_dominant(scenario, found, ls.SCREEN_GAMES, ls.CONFIRM_GAMES)
        sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _cell(text: str, width: int, *, right: bool = False) -> str:
    """Text cut and padded to ``width`` terminal columns (a Hangul syllable takes two)."""
    from game.ui.text import char_width

    out, used = [], 0
    for char in text:
        if used + char_width(char) > width:
            break
        out.append(char)
        used += char_width(char)
    pad = " " * (width - used)
    return pad + "".join(out) if right else "".join(out) + pad


def _row(indent: str, name: str, width: int, figures: str) -> list[str]:
    """A table row whose name may be long: the name wraps within ``width`` columns (never cut, in any
    script), and the figures stand after its last line, in their column."""
    from game.ui.text import wrap

    lines = wrap(name, width) or [""]
    more = " " * len(indent)  # a continuation line does not repeat the indent's mark ("*" for a main objective)
    return [(more if n else indent) + line for n, line in enumerate(lines[:-1])] + [
        (more if len(lines) > 1 else indent) + _cell(lines[-1], width) + figures
    ]


def _team(scenario: Scenario, actor_id: str) -> str:
    actor = scenario.actors.get(actor_id)
    return pick(actor.short or actor.name) if actor is not None else actor_id


def format_summary(scenario: Scenario, data: dict[str, Any]) -> str:
    """The simulation summary as tables for a terminal, in the current language."""
    from game.bots.lessons import track_label

    n = data["games"]
    title = tr(
        "{title}: {games} games, seed {seed}, mean length {turns} turns",
        title=pick(scenario.title),
        games=n,
        seed=data["seed"],
        turns=f"{data['mean_turns']:.2f}",
    )
    bots = ", ".join(f"{a}={b}" for a, b in data["bots"].items())
    lines = [title, tr("bots: {bots}", bots=bots), "", tr("Endings")]
    for ending_id, ending in scenario.endings.items():
        count = data["endings"].get(ending_id, 0)
        lines += _row("  ", pick(ending.name), 40, f" {count:>7}  {_pct(count / n)}")
    if data["blamed"]:
        blamed = ", ".join(f"{_team(scenario, a)} {c}" for a, c in data["blamed"].items())
        lines.append("  " + tr("blamed for an ending: {teams}", teams=blamed))
    lines += ["", _cell(tr("Teams"), 44) + _cell(tr("mean score"), 10, right=True) + "   " + tr("objective met")]
    for actor_id, actor in scenario.actors.items():
        if actor_id in scenario.umpires:  # format 2's umpire scores nothing: no row of the balance
            continue
        lines += _row("  ", pick(actor.name), 40, f" {data['scores'][actor_id]:>10.2f}")
        for oid, objective in actor.objectives.items():
            main = "*" if objective.main else " "
            rate = data["objectives"][actor_id][oid]
            lines += _row(f"   {main}", pick(objective.text), 52, f" {_pct(rate)}")
    lines += ["", tr("Tracks at the end (mean)")]
    for ref, mean in data["tracks"].items():
        lines += _row("  ", track_label(scenario, ref), 40, f" {mean:>8.2f}")
    columns = (
        _cell(tr("Moves"), 42)
        + _cell(tr("per game"), 8, right=True)
        + _cell(tr("share of turns"), 16, right=True)
        + _cell(tr("in games"), 10, right=True)
    )
    lines += ["", columns]
    for move_id, stats in data["moves"].items():
        if set(scenario.moves[move_id].by) <= scenario.umpires:  # the umpire's rulings are not a team's choice
            continue
        figures = f" {stats['per_game']:>7.2f}  {_pct(stats['turn_share']):>14}  {_pct(stats['games']):>8}"
        lines += _row("  ", pick(scenario.moves[move_id].name), 40, figures)
        for actor_id, share in stats.get("by_actor", {}).items():
            by = tr("by {team}", team=_team(scenario, actor_id))
            lines += _row("    ", by, 48, f" {_pct(share):>14}")
    lines.append("  " + tr("(share of turns: of the turns in which the team could play a card)"))
    return "\n".join(lines) + "\n"


# --- play --------------------------------------------------------------------------------------


def _human_seats(scenario: Scenario, teams: str | None, ask: Any) -> set[str]:
    if teams is not None:
        chosen = {t.strip() for t in teams.split(",") if t.strip()}
        unknown = chosen - set(scenario.actors)
        if unknown:
            raise ValueError(
                tr(
                    "unknown team(s) {unknown}; the teams are {teams}",
                    unknown=", ".join(sorted(unknown)),
                    teams=", ".join(scenario.actors),
                )
            )
        return chosen
    actors = list(scenario.actors)
    print(tr("Which teams are played by people? The others are played by bots."))
    for number, actor_id in enumerate(actors, 1):
        optional = " " + tr("(optional: a bot by default)") if scenario.actors[actor_id].optional else ""
        print(f"  {number}. {pick(scenario.actors[actor_id].name)}{optional}")
    while True:
        answer = ask(tr("Numbers separated by commas (Enter: every team that is not optional): ")).strip()
        if not answer:
            return {a for a in actors if not scenario.actors[a].optional}
        parts = [p.strip() for p in answer.split(",")]
        if all(p.isdigit() and 1 <= int(p) <= len(actors) for p in parts):
            return {actors[int(p) - 1] for p in parts}
        print(tr("Type numbers from 1 to {count}, e.g. 1,3", count=len(actors)))


def cmd_play(args: argparse.Namespace) -> int:
    path = args.scenario or FLAGSHIP
    if args.text and getattr(args, "devices", False):
        set_language(args.lang)
        message = tr("deterrence play: --devices needs the window (the projector shows how to join); drop --text")
        sys.stderr.write(message + "\n")
        return 2
    if args.text:
        set_language(args.lang)  # the window chooses its own: --lang, else the title screen's choice
    if not args.text:
        text_only = [
            flag for flag, value in (("--bots", args.bots), ("--teams", args.teams), ("--save", args.save)) if value
        ]
        if text_only:  # the window would ignore them, and a class would play another game than asked
            message = ntr(
                "{flags} is for the terminal game (--text); "
                "in the window, choose who plays each side on the setup screen",
                "{flags} are for the terminal game (--text); "
                "in the window, choose who plays each side on the setup screen",
                len(text_only),
                flags=tr("{first} and {second}", first=", ".join(text_only[:-1]), second=text_only[-1])
                if len(text_only) > 1
                else text_only[0],
            )
            sys.stderr.write(f"deterrence play: {message}\n")
            return 2
        return _play_window(args, Path(path))
    from game.ui import text

    save = Path(args.save) if args.save else None
    command = text.resume_command(save, args.data_dir)
    terminal = sys.stdout.isatty()
    if args.resume:
        return text.play_resumed(
            _data_dir(args.data_dir), save, Path(path), ask=input, out=sys.stdout, terminal=terminal, command=command
        )
    scenario = _load(path)
    from game.bots.match import parse_bots

    problem = _save_file_problem(Path(args.save)) if args.save else None
    if problem is not None:
        sys.stderr.write(f"deterrence play: --save: {problem}\n")
        return 2
    try:
        seats = parse_bots(scenario, args.bots)  # a misspelt bot is refused before anyone is asked anything
        humans = _human_seats(scenario, args.teams, input)
    except ValueError as error:
        sys.stderr.write(f"deterrence play: {error}\n")
        return 2
    except (EOFError, KeyboardInterrupt):
        return 130
    for actor in humans:
        seats[actor] = "human"
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    return text.play_new(
        scenario,
        seats,
        seed,
        data_dir=_data_dir(args.data_dir),
        save=save,
        interactive=sys.stdin.isatty(),
        command=command,
        ask=input,
        out=sys.stdout,
        terminal=terminal,
    )


def _data_dir(given: str | None) -> Path:
    """Where autosaves, settings and the teacher's own scenarios live: --data-dir, or the user's data folder."""
    from platformdirs import user_data_dir

    return Path(given or user_data_dir("deterrence-dialogue", appauthor=False))


def _play_window(args: argparse.Namespace, path: Path, replay: Path | None = None) -> int:
    from game.ui.display import NoDisplay, check_display, no_display_message

    screenshots = Path(args.screenshots) if getattr(args, "screenshots", None) else None
    problem = _writable_folder(screenshots) if screenshots is not None else None
    if problem is not None:
        sys.stderr.write(f"deterrence play: --screenshots: {problem}\n")
        return 2

    try:
        # Before the window's code loads (a second): without a display, the user hears it at once.
        check_display(headless_ok=getattr(args, "demo", False) and bool(getattr(args, "screenshots", None)))
        from game.ui.app import run_app
    except NoDisplay as error:
        sys.stderr.write(no_display_message(error))
        return 2
    except ImportError as error:  # pragma: no cover - pygame missing
        message = tr("The game window needs pygame-ce ({why}). Play in the terminal:", why=error)
        sys.stderr.write(f"{message} deterrence play --text\n")
        return 2
    return run_app(
        start_path=path,
        scenario_dir=SCENARIOS,
        data_dir=_data_dir(args.data_dir),
        size=args.size or (1600, 900),
        fullscreen=args.fullscreen,
        demo=getattr(args, "demo", False),
        seed=getattr(args, "seed", None),
        screenshots=screenshots,
        exit_at_end=getattr(args, "exit_at_end", False),
        resume=getattr(args, "resume", False),
        speed=getattr(args, "speed", 1.0),
        replay=replay,
        lang=getattr(args, "lang", None),
        host_devices=_host_devices(),
        devices=getattr(args, "devices", False),
    )


def _host_devices() -> Any:
    """game/net's start_hosting, for the window to host a game for team devices (None without aiohttp)."""
    try:
        from game.net.host import start_hosting
    except ImportError:  # pragma: no cover - an install without the web stack plays as before
        return None
    return start_hosting


def cmd_replay(args: argparse.Namespace) -> int:
    """Check the save first, in the terminal; then step through it in the window."""
    from game.engine.errors import SaveError
    from game.engine.save import read_save, replay

    path = Path(args.save)
    try:
        save = read_save(path)
        scenario = as_played(_load(args.scenario or save.scenario_path or FLAGSHIP), save, path)
        replay(scenario, save)
    except SaveError as error:
        sys.stderr.write(f"{path}: {error}{_previous_hint(path)}\n")
        return 1
    return _play_window(args, Path(scenario.path), replay=path)


def _previous_hint(path: Path) -> str:
    """Where the save before a damaged one is, if the game kept it."""
    from game.engine.save import previous_of

    previous = previous_of(path)
    return f" (the save before it is {previous})" if previous.is_file() else ""


# --- report ------------------------------------------------------------------------------------


def _report_scenario(args: argparse.Namespace, save_path: Path, save: Any) -> Scenario:
    """The scenario file a save was played with (--scenario, or the path the save names), unchanged."""
    if args.scenario:
        candidates = [Path(args.scenario)]
    elif save.scenario_path:
        named = Path(save.scenario_path)
        candidates = [named] if named.is_absolute() else [named, save_path.parent / named]
        candidates.append(resources.SCENARIOS / named.name)  # a bundled scenario, wherever the game ran from
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
    scenario = as_played(scenario, save, save_path)  # the copy kept beside the save, if the file changed since
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

    path = Path(args.save)
    try:
        save = read_save(path)
        scenario = _report_scenario(args, path, save)
        game = replay(scenario, save)
    except SaveError as error:
        sys.stderr.write(f"{path}: {error}{_previous_hint(path)}\n")
        return 1
    except _ReportError as error:
        sys.stderr.write(f"deterrence report: {error}\n")
        return 1
    debrief = build_debrief(scenario, game.states, game.logs, lang=args.lang, dialogue=save.dialogue)
    if args.brief:
        return _write_brief(args, path, debrief)
    text = render(debrief, args.format, generated=datetime.date.today().isoformat())
    with speaking(args.lang):
        return _deliver("report", args.output, path.with_suffix(f".{args.format}"), text, tr("Report"))


# --- for authors: new, scenarios --------------------------------------------------------------


def _scenario_id(stem: str) -> str:
    """A scenario id from a file name: 'My Crisis 2024' -> 'my-crisis-2024'."""
    ident = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")[:60].strip("-_")
    return ident or "my-scenario"


def _starter_text(target: Path) -> str:
    """The starter scenario, with an id and a title made from the file's name."""
    text = resources.STARTER.read_text(encoding="utf-8")
    words = "".join(ch for ch in re.sub(r"[-_]+", " ", target.stem) if ch.isprintable()).strip()
    title = (words[:1].upper() + words[1:]) if words else "A new crisis"
    text = text.replace("\nid: starter\n", f"\nid: {_scenario_id(target.stem)}\n", 1)
    text = text.replace('\ntitle: "A new crisis"\n', f"\ntitle: {json.dumps(title, ensure_ascii=False)}\n", 1)
    if target.name.isprintable():  # the name goes in comments: a line break would end one
        text = text.replace("THIS-FILE.yaml", target.name)
    return text


def _write_new(path: Path, text: str) -> None:
    """Create a file that does not exist yet (mode 'x': never replaces one, even in a race)."""
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)


def cmd_new(args: argparse.Namespace) -> int:
    """Write a small scenario that validates and plays, for an author to turn into their own."""
    target = Path(args.path)
    if not target.suffix and target.name and not target.is_dir():
        target = target.with_name(target.name + ".yaml")
    problem = None
    if target.is_dir():
        problem = f"{target} is a folder; give a file name, e.g. {target / 'my-crisis.yaml'}"
    elif target.suffix.lower() != ".yaml":
        problem = f"{target}: a scenario's file name ends in .yaml (the window lists .yaml files), e.g. my-crisis.yaml"
    elif target.exists() or target.is_symlink():
        problem = f"{target} already exists; nothing was written (choose another name, or move that file first)"
    elif not target.parent.is_dir():
        problem = f"cannot write {target}: the folder {target.parent} does not exist"
    if problem is not None:
        sys.stderr.write(f"deterrence new: {problem}\n")
        return 1
    try:
        _write_new(target, _starter_text(target))
    except FileExistsError:
        sys.stderr.write(f"deterrence new: {target} already exists; nothing was written\n")
        return 1
    except OSError as error:
        sys.stderr.write(f"deterrence new: cannot write {target}: {error.strerror or error}\n")
        return 1
    lines = [f"Wrote {target}: a small scenario that plays, ready to edit (its id: {_scenario_id(target.stem)})."]
    schema = target.parent / "scenario.schema.json"
    if not schema.exists():
        from game.scenario.schema import main_text

        try:
            _write_new(schema, main_text())
            lines.append(f"Wrote {schema} next to it: the first line of the scenario points your editor to it.")
        except OSError as error:
            lines.append(f"Could not write {schema} ({error.strerror or error}); deterrence schema prints it.")
    lines += [
        f"Check it after each change:  deterrence validate {target}",
        f"Play it:                     deterrence play --text {target}",
        f"The authoring guide:         {resources.SCENARIOS / 'README.md'}",
        f"The window lists your own scenarios from {_data_dir(None) / 'scenarios'}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _describe(path: Path) -> tuple[str, str]:
    """A scenario file's id and title, or what is wrong with it."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        count = len(error.errors)
        return "?", f"cannot be played: {count} problem{'s' if count != 1 else ''} (deterrence validate {path})"
    return scenario.id, str(scenario.title)


def _list_folder(heading: str, folder: Path, files: list[Path], empty: str) -> list[str]:
    lines = [f"{heading}: {folder}"]
    for path in files:
        ident, title = _describe(path)
        lines += [f"  {ident:<30} {title}", f"  {'':<30} {path}"]
    if not files:
        lines.append(f"  {empty}")
    return lines


def cmd_scenarios(args: argparse.Namespace) -> int:
    """The scenarios the window offers: the bundled ones, then the teacher's own."""
    own_dir = _data_dir(args.data_dir) / "scenarios"
    own = sorted(p for p in own_dir.glob("*.yaml") if p.is_file()) if own_dir.is_dir() else []
    lines = _list_folder("Bundled with the game", resources.SCENARIOS, resources.bundled_scenarios(), "(none found)")
    lines.append("")
    lines += _list_folder(
        "Your own, in the data folder",
        own_dir,
        own,
        f"(none yet: a .yaml file put here is listed in the window; deterrence new {own_dir / 'my-crisis.yaml'})",
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _write_brief(args: argparse.Namespace, save_path: Path, debrief: Any) -> int:
    """`report --brief`: the two-page student handout, a PDF."""
    from game.kit.brief import render_brief

    handout = render_brief(debrief)
    with speaking(debrief.lang):
        return _deliver("report", args.output, save_path.with_suffix(".brief.pdf"), handout, tr("Student handout"))


def _deliver(command: str, output: str | None, default: Path, data: str | bytes, what: str) -> int:
    """Write what a command made to -o FILE (default: ``default``), or to standard output for '-'."""
    if output == "-":
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return 0
    from game.report import write_atomic

    target = Path(output) if output else default
    try:
        write_atomic(target, data)
    except OSError as error:
        sys.stderr.write(f"deterrence {command}: cannot write {target}: {error.strerror or error}\n")
        return 1
    sys.stdout.write(tr("{what} written to {target}", what=what, target=target) + "\n")
    return 0


# --- print ---------------------------------------------------------------------------------------


def cmd_print(args: argparse.Namespace) -> int:
    """A scenario's print-and-play kit as a PDF."""
    from game.kit import build_kit

    scenario = _load(args.scenario)
    kit = build_kit(scenario, args.paper, args.lang, duplex=not args.single_sided)
    with speaking(args.lang):
        return _deliver("print", args.output, Path(f"{scenario.id}-kit.pdf"), kit, tr("Kit"))


# --- entry point -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="deterrence", description="Deterrence & Dialogue, a classroom board game.")
    sub = parser.add_subparsers(dest="command", required=True)

    play = sub.add_parser("play", help="play a scenario (the flagship when none is named)")
    play.add_argument("scenario", nargs="?", help="a scenario file")
    play.add_argument("--text", action="store_true", help="play in the terminal (hot-seat; screen-reader friendly)")
    play.add_argument("--teams", help="actors played by people, e.g. us,rok (the rest are bots)")
    play.add_argument("--bots", help="bots for the other seats, e.g. objective:hawk or dprk=random")
    play.add_argument("--seed", type=_seed, help=f"seed for a repeatable game (0 to {MAX_SEED})")
    play.add_argument("--save", help="with --text: save the game in this file (default: the data folder's games/)")
    play.add_argument("--demo", action="store_true", help="every seat a bot: the game plays itself (attract mode)")
    play.add_argument("--screenshots", help="with --demo: save a PNG of each distinct screen in this folder")
    play.add_argument("--exit-at-end", action="store_true", help="with --demo: quit after the debrief")
    play.add_argument(
        "--speed", type=_speed, default=1.0, help="with --demo: how fast it plays (2 = twice as fast; up to 1000)"
    )
    play.add_argument("--resume", action="store_true", help="continue the last game (autosaved after every turn)")
    play.add_argument(
        "--devices",
        action="store_true",
        help="teams join from their own phones or laptops (a server on the school network; the window shows a QR code)",
    )
    play.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    play.add_argument("--size", type=_size, help="window size in pixels, e.g. 1920x1080")
    play.add_argument("--data-dir", help="where autosaves and your own scenarios live (default: your data folder)")
    add_language_option(play)
    play.set_defaults(func=cmd_play)

    rep = sub.add_parser("replay", help="step through a saved game turn by turn; fork a new game from any turn")
    rep.add_argument("save", help="a save file (every game is saved in your data folder's games/)")
    rep.add_argument("--scenario", help="the scenario file, if it has moved since the game was saved")
    rep.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    rep.add_argument("--size", type=_size, help="window size in pixels, e.g. 1920x1080")
    rep.add_argument("--data-dir", help="where saves and your own scenarios live (default: your data folder)")
    add_language_option(rep)
    rep.set_defaults(func=cmd_replay)

    report = sub.add_parser("report", help="write the debrief of a saved game: a printable HTML (or Markdown) report")
    report.add_argument("save", help="a save file (deterrence simulate --save-dir, play --save, or your data folder)")
    report.add_argument("--format", choices=("html", "md"), default="html", help="HTML (default) or Markdown")
    report.add_argument("-o", "--output", help="the file to write (default: the save's name with .html/.md; - prints)")
    report.add_argument("--scenario", help="the scenario file, if it is not where the save says")
    add_language_option(report)
    report.add_argument(
        "--brief", action="store_true", help="a two-page A4 student handout as a PDF instead (default: SAVE.brief.pdf)"
    )
    report.set_defaults(func=cmd_report)

    kit = sub.add_parser("print", help="make a print-and-play PDF kit of a scenario: team sheets, cards, board, slips")
    kit.add_argument("scenario", help="a scenario file")
    kit.add_argument("-o", "--output", help="the PDF to write (default: SCENARIO_ID-kit.pdf here; - prints)")
    kit.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size: a4 (default) or letter")
    kit.add_argument(
        "--single-sided",
        action="store_true",
        help="for a printer without duplex: no page left blank between parts (glue each card back behind its front)",
    )
    add_language_option(kit)
    kit.set_defaults(func=cmd_print)

    check = sub.add_parser("validate", help="check scenario files; exit 1 if any has errors")
    check.add_argument("paths", nargs="+", help="scenario files")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default: file:line:col: message) or JSON"
    )
    check.add_argument(
        "--lang",
        action="append",
        type=_text_language,
        metavar="LANG",
        help="report how many texts are translated into LANG (may be repeated) and list each one that is not;"
        " default: every language the scenario's texts use",
    )
    check.add_argument("--strict", action="store_true", help="count warnings (and untranslated texts) as errors")
    check.set_defaults(func=cmd_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="start a scenario of your own: a small one that plays, ready to edit")
    new.add_argument("path", help="the file to write, e.g. my-crisis.yaml (an existing file is never replaced)")
    new.set_defaults(func=cmd_new)

    listing = sub.add_parser("scenarios", help="list the bundled scenarios and your own, with their ids and paths")
    listing.add_argument("--data-dir", help="where your own scenarios live (default: your data folder)")
    listing.set_defaults(func=cmd_scenarios)

    sim = sub.add_parser("simulate", help="bots play many games; print how the scenario balances")
    sim.add_argument("scenario", help="a scenario file")
    sim.add_argument("--games", type=_games, default=1000, help=f"how many games (default 1000, at most {MAX_GAMES:,})")
    sim.add_argument("--seed", type=_seed, default=1, help="seed of the first game; the same seed gives the same games")
    sim.add_argument("--bots", help="random, objective[:TEMPERAMENT], or per seat: us=objective:hawk,dprk=random")
    sim.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        help=f"processes to use, 1 to {MAX_JOBS}; more than your processors do not help (same results for any number)",
    )
    sim.add_argument("--json", action="store_true", help="print JSON")
    add_language_option(sim)
    sim.add_argument("--save-dir", help="write every game's save into this folder (made if missing)")
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
