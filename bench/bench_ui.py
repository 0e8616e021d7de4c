"""How the board-game window feels: launch to first frame, frame times while animating, idle CPU.

    .venv/bin/python bench/bench_ui.py [--size 1920x1080] [--frames 600] [--idle 5] [--repeat 3] [--json]
    .venv/bin/python bench/bench_ui.py --profile     # where the frame time goes (cProfile)

What is measured (see bench/README.md, section UI, for the aims and the latest figures):

- launch: a fresh process runs `deterrence play` (the CLI's own code path) until the title
  screen's first frame is on the display; the wall time is taken from just before the
  process is spawned to just after that frame's ``display.flip``, with the split inside the
  process (imports, ``App.open_window``, the first ``draw``);
- the first frame of each screen on the way to a team's hand, in one process (cold caches:
  that is what the class waits for after pressing a key);
- frame time while something changes, each frame ``App.step(1/60)`` with its events and
  ``display.flip``: the title redrawn, the mouse moving over the orders hand (tooltips,
  hover), the reveal's markers moving; wall time (what the class sees) and the thread's CPU
  time (the drawing's own cost: on a shared machine the wall-time tail is mostly waiting);
- CPU while idle: the real ``App.run()`` loop on a team's hand and on the title, in a fresh
  process with no input for a few seconds, from ``time.process_time``; and, to compare,
  SDL alone waiting for events in the same way (with the dummy driver SDL polls).

SDL's dummy video driver is used unless SDL_VIDEODRIVER is set: no window, so ``flip``
costs less than on a real display and the figures are for drawing alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"
AIMS = {"p99_frame_ms": 8.0, "launch_s": 1.5, "idle_cpu_percent": 3.0}
IDLE_SCENES = {"orders": "a team's hand", "title": "the title", "bare": "SDL alone (event.wait, no game)"}
HUMAN_SEAT = "us"  # one team of students, bots for the rest: one privacy screen and one hand a turn

perf = time.perf_counter
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout clean for --json
sys.path.insert(0, str(ROOT))


# --- a game on the table, without the event loop ---------------------------------------------------


def open_app(size: tuple[int, int], data_dir: Path) -> Any:
    from game.ui.app import App
    from game.ui.scenes.menu import TitleScene

    app = App(FLAGSHIP, scenario_dir=ROOT / "scenarios", data_dir=data_dir, size=size, seed=2023)
    app.open_window()
    app.push(TitleScene(app))
    return app


def seats_with_one_team(scenario: Any) -> dict[str, str]:
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    seats[HUMAN_SEAT] = "human"
    return seats


def first_frames(app: Any) -> dict[str, float]:
    """ms from the key press to the first frame of each screen on the way to the hand (cold)."""
    out: dict[str, float] = {}

    def stage(name: str, action: Callable[[], None]) -> None:
        start = perf()
        action()
        app.draw()
        out[name] = round(1e3 * (perf() - start), 1)

    import pygame

    from game.ui.scenes import menu

    def resized(size: tuple[int, int]) -> None:
        app.handle(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))

    size = app.screen.get_size()
    smaller = (size[0] * 5 // 6, size[1] * 5 // 6)
    menu._title_of_version.cache_clear()  # each run reads the scenarios as a new process would
    stage("scenario menu (reads every scenario's title)", lambda: app.push(menu.ChooseScene(app)))
    app.pop()
    stage("scenario menu again (titles kept)", lambda: app.push(menu.ChooseScene(app)))
    pygame.display.set_mode(smaller, pygame.RESIZABLE)  # the window manager's part, not timed
    stage("scenario menu, window resized", lambda: resized(smaller))
    stage("scenario menu, Ctrl +", lambda: app.set_scale(app.ui_scale * 1.1))
    app.set_scale(1.0)
    pygame.display.set_mode(size, pygame.RESIZABLE)
    resized(size)
    app.pop()
    stage("setup (opens the scenario and its map)", lambda: app.open_scenario(FLAGSHIP))
    setup = app.scene
    stage("briefing", lambda: app.start_game(setup.scenario, seats_with_one_team(setup.scenario)))
    stage("event", app.begin_turn)
    stage("privacy", app.after_events)
    stage("orders", app.scene.go)
    stage("reveal (resolves the turn)", app.scene.seal)
    return out


# --- frame times -----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def clock() -> tuple[float, float]:
    return perf(), time.thread_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall time and this thread's CPU time since start: on a shared machine the two differ."""
    return perf() - start[0], time.thread_time() - start[1]


def summary(times: list[tuple[float, float]]) -> dict[str, float]:
    wall = [1e3 * t for t, _ in times]
    cpu = [1e3 * c for _, c in times]
    return {
        "frames": len(wall),
        "median_ms": round(statistics.median(wall), 2),
        "p99_ms": round(percentile(wall, 0.99), 2),
        "max_ms": round(max(wall), 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "cpu_p99_ms": round(percentile(cpu, 0.99), 2),
    }


def frames_title(app: Any, count: int) -> list[tuple[float, float]]:
    from game.ui.scenes.menu import TitleScene

    app.reset(TitleScene(app))
    times: list[tuple[float, float]] = []
    for _ in range(count):
        start = clock()
        app.dirty = True  # something changed (a hover, a key): the whole screen is drawn again
        app.step(1 / 60)
        times.append(since(start))
    return times


def frames_orders(app: Any, count: int) -> list[tuple[float, float]]:
    """The mouse sweeping over the hand and the board: one motion event and one frame each."""
    import pygame

    reach_orders(app)
    width, height = app.screen.get_size()
    times: list[tuple[float, float]] = []
    for index in range(count):
        x = int((index * 23) % width)
        y = int(height * (0.72 + 0.2 * ((index // 40) % 2))) if index % 80 < 60 else int(height * 0.4)
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(23, 0), buttons=(0, 0, 0))
        start = clock()
        app.handle(event)
        app.step(1 / 60)
        times.append(since(start))
    return times


def frames_reveal(app: Any, count: int) -> list[tuple[float, float]]:
    """The reveal's markers moving, step after step; the step's key press is in its first frame."""
    import pygame

    from game.ui.scenes.play import RevealScene

    reach_orders(app)
    turn = app.session.state.turn
    app.scene.seal()
    entries = [e for e in app.session.logs[-1] if e.turn == turn]
    space = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0)
    times: list[tuple[float, float]] = []
    while len(times) < count:
        scene = app.scene
        if not isinstance(scene, RevealScene) or scene.done:
            app.reset(RevealScene(app, entries))  # the same reveal again
            continue
        start = clock()
        app.handle(space)
        animating = app.step(1 / 60)
        times.append(since(start))
        while animating and len(times) < count:
            start = clock()
            animating = app.step(1 / 60)
            times.append(since(start))
    return times


def reach_orders(app: Any) -> None:
    from game.scenario.load import load_scenario

    if app._session is None or app.session.state.over:  # a game can end in its first turn
        app.open_scenario(FLAGSHIP)
        scenario = load_scenario(FLAGSHIP)
        app.start_game(scenario, seats_with_one_team(scenario))
    app.begin_turn()
    app.after_events()
    app.scene.go()
    app.step(1 / 60)


FRAME_SCENES: dict[str, Callable[[Any, int], list[tuple[float, float]]]] = {
    "title (redrawn)": frames_title,
    "orders (mouse over the hand)": frames_orders,
    "reveal (markers moving)": frames_reveal,
}


def frame_times(size: tuple[int, int], count: int) -> dict[str, Any]:
    import pygame

    with tempfile.TemporaryDirectory() as data:
        app = open_app(size, Path(data))
        out: dict[str, Any] = {}
        try:
            for name, measure in FRAME_SCENES.items():
                measure(app, 30)  # warm the text and map caches
                out[name] = summary(measure(app, count))
        finally:
            pygame.display.quit()
    return out


# --- child processes: launch and idle ---------------------------------------------------------------


def child_launch(size: str, data_dir: str) -> None:
    """`deterrence play` until the title's first frame; print the times, then leave at once."""
    started = perf()
    from game.ui import app as app_module

    imported = perf()
    stages: dict[str, float] = {"imports_s": imported - started}
    open_window, draw = app_module.App.open_window, app_module.App.draw

    def timed_open(self: Any) -> Any:
        start = perf()
        screen = open_window(self)
        stages["open_window_s"] = perf() - start
        return screen

    def first_draw(self: Any) -> None:
        start = perf()
        draw(self)
        stages["first_draw_s"] = perf() - start
        print(json.dumps({"at": time.time(), **stages}), flush=True)
        os._exit(0)

    app_module.App.open_window = timed_open  # type: ignore[method-assign]
    app_module.App.draw = first_draw  # type: ignore[method-assign]
    from game.cli import main

    stages["cli_import_s"] = perf() - imported
    main(["play", "--size", size, "--data-dir", data_dir])
    raise SystemExit("the window closed before its first frame")


def child_idle(size: str, data_dir: str, scene: str, seconds: float) -> None:
    """The real App.run() loop, left alone on a screen; print the CPU it used meanwhile."""
    import threading

    import pygame

    from game.scenario.load import load_scenario
    from game.ui.app import App
    from game.ui.session import Session

    width, height = (int(v) for v in size.split("x"))
    app = App(FLAGSHIP, scenario_dir=ROOT / "scenarios", data_dir=Path(data_dir), size=(width, height), resume=True)
    if scene == "orders":  # a game in progress: the loop resumes it, and the team opens its hand
        scenario = load_scenario(FLAGSHIP)
        Session(scenario, seats_with_one_team(scenario), 2023, autosave=app.games_dir / "idle.json").keep()
        resume = app.continue_last

        def to_the_hand() -> None:
            resume()
            app.after_events()
            app.scene.go()  # type: ignore[attr-defined]

        app.continue_last = to_the_hand  # type: ignore[method-assign]
    if scene == "bare":  # SDL alone, no game: what waiting for events costs with this video driver

        def bare_loop() -> int:
            pygame.display.init()
            pygame.display.set_mode((width, height))
            while counted_wait(1000).type != pygame.QUIT:
                pass
            return 0

        app.run = bare_loop  # type: ignore[method-assign]
    counts = {"draws": 0, "wakeups": 0}
    draw, wait = app.draw, pygame.event.wait

    def counted_draw() -> None:
        counts["draws"] += 1
        draw()

    def counted_wait(*args: Any) -> Any:
        counts["wakeups"] += 1
        return wait(*args)

    app.draw = counted_draw  # type: ignore[method-assign]
    pygame.event.wait = counted_wait  # type: ignore[assignment]
    result: dict[str, Any] = {}

    def watch() -> None:
        time.sleep(1.5)  # the first frames are drawn, the caches are warm
        assert scene == "bare" or app.scene.name == scene, app.scene.name
        draws, wakeups = counts["draws"], counts["wakeups"]
        cpu, wall = time.process_time(), perf()
        time.sleep(seconds)
        result.update(
            cpu_s=time.process_time() - cpu,
            wall_s=perf() - wall,
            draws=counts["draws"] - draws,
            wakeups=counts["wakeups"] - wakeups,
        )
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    threading.Thread(target=watch, daemon=True).start()
    app.run()
    result["cpu_percent"] = round(100 * result["cpu_s"] / result["wall_s"], 2)
    print(json.dumps(result), flush=True)


def spawn(*args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, *args]
    start_wall = time.time()
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(lines[-1])
    if "at" in result:
        result["launch_s"] = result.pop("at") - start_wall
    return result


# --- one run, many runs ---------------------------------------------------------------------------


def run_once(size: tuple[int, int], frames: int, idle: float) -> dict[str, Any]:
    text_size = f"{size[0]}x{size[1]}"
    with tempfile.TemporaryDirectory() as data:
        launch = spawn("--child", "launch", "--size", text_size, "--data-dir", data)
    with tempfile.TemporaryDirectory() as data:
        import pygame

        app = open_app(size, Path(data))
        try:
            screens = first_frames(app)
        finally:
            pygame.display.quit()
    idle_cpu = {}
    for scene in IDLE_SCENES:
        with tempfile.TemporaryDirectory() as data:
            idle_cpu[scene] = spawn(
                "--child", "idle", "--size", text_size, "--data-dir", data, "--scene", scene, "--idle", str(idle)
            )
    return {
        "launch": {k: round(v, 3) for k, v in launch.items()},
        "first_frame_ms": screens,
        "frames": frame_times(size, frames),
        "idle": idle_cpu,
    }


def run(size: tuple[int, int], frames: int, idle: float, repeat: int) -> dict[str, Any]:
    before = load_average()
    runs = [run_once(size, frames, idle) for _ in range(repeat)]
    return {
        "size": list(size),
        "video_driver": os.environ.get("SDL_VIDEODRIVER"),
        "repeat": repeat,
        "machine": machine(before),
        "best": best_of(runs),
        "runs": runs,
    }


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """For each figure: the best run and the spread (lowest, highest) over the runs."""

    def figure(pick: Callable[[dict[str, Any]], float]) -> dict[str, float]:
        values = [pick(r) for r in runs]
        return {"best": min(values), "low": min(values), "high": max(values)}

    out: dict[str, Any] = {
        "launch_s": figure(lambda r: r["launch"]["launch_s"]),
        "imports_s": figure(lambda r: r["launch"]["imports_s"] + r["launch"]["cli_import_s"]),
        "open_window_s": figure(lambda r: r["launch"]["open_window_s"]),
        "first_draw_s": figure(lambda r: r["launch"]["first_draw_s"]),
    }
    for name in runs[0]["first_frame_ms"]:
        out[f"first frame: {name} ms"] = figure(lambda r, n=name: r["first_frame_ms"][n])  # type: ignore[misc]
    for name in runs[0]["frames"]:
        for key in ("median_ms", "p99_ms", "max_ms", "cpu_median_ms", "cpu_p99_ms"):
            out[f"{name} {key}"] = figure(lambda r, n=name, k=key: r["frames"][n][k])  # type: ignore[misc]
    for scene, label in IDLE_SCENES.items():
        out[f"idle, {label}: CPU % of a core"] = figure(lambda r, s=scene: r["idle"][s]["cpu_percent"])  # type: ignore[misc]
        for what in ("wakeups", "draws"):
            out[f"idle, {label}: {what} a second"] = figure(
                lambda r, s=scene, w=what: round(r["idle"][s][w] / r["idle"][s]["wall_s"], 2)  # type: ignore[misc]
            )
    return out


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def machine(load_before: float | None) -> dict[str, Any]:
    import pygame

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_1min_before": load_before,
        "load_1min_after": load_average(),
        "python": platform.python_version(),
        "pygame": pygame.version.ver,
        "sdl": ".".join(str(v) for v in pygame.get_sdl_version()),
    }


# --- output -----------------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    m, best = result["machine"], result["best"]
    width, height = result["size"]
    lines = [
        f"window {width}x{height}, SDL video driver {result['video_driver']!r}, pygame {m['pygame']} (SDL {m['sdl']})",
        f"machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; load average {m['load_1min_before']} "
        f"before, {m['load_1min_after']} after; best of {result['repeat']} run(s), spread low-high",
        "",
        f"{'measurement':<60} {'best':>9} {'spread':>15} {'aim':>9}",
        f"{'-' * 60} {'-' * 9} {'-' * 15} {'-' * 9}",
    ]

    def row(label: str, key: str, unit: str, scale: float = 1.0, aim: str = "") -> None:
        f = best[key]
        b, lo, hi = (f[k] * scale for k in ("best", "low", "high"))
        spread = f"{lo:.2f}-{hi:.2f}"
        lines.append(f"{label:<60} {b:>7.2f}{unit:>2} {spread:>15} {aim:>9}")

    row("launch to the title's first frame (wall)", "launch_s", " s", aim=f"< {AIMS['launch_s']} s")
    row("  imports (game.ui.app, game.cli)", "imports_s", " s")
    row("  App.open_window", "open_window_s", " s")
    row("  first draw", "first_draw_s", " s")
    for key in best:
        if key.startswith("first frame: "):
            row(key.removesuffix(" ms"), key, "ms")
    for key in best:
        if key.endswith(("median_ms", "p99_ms", "max_ms")):
            aim = f"<= {AIMS['p99_frame_ms']:.0f} ms" if key.endswith(" p99_ms") else ""
            name, _, figure = key.removesuffix("_ms").rpartition(" ")
            row(f"frame: {name}, {figure.replace('cpu_', 'CPU ')}", key, "ms", aim=aim)
    for key in best:
        if key.startswith("idle"):
            cpu = key.endswith("CPU % of a core")
            aim = f"< {AIMS['idle_cpu_percent']:.0f} %" if cpu and "SDL alone" not in key else ""
            row(key, key, " %" if cpu else "", aim=aim)
    return "\n".join(lines) + "\n"


# --- profile -----------------------------------------------------------------------------------------


def profile(size: tuple[int, int], frames: int) -> str:
    """cProfile over the frame-time measurements: the functions that take the time."""
    import cProfile
    import io
    import pstats

    import pygame

    out = []
    with tempfile.TemporaryDirectory() as data:
        app = open_app(size, Path(data))
        try:
            for name, measure in FRAME_SCENES.items():
                measure(app, 30)
                profiler = cProfile.Profile()
                start = perf()
                profiler.runcall(measure, app, frames)
                spent = perf() - start
                stream = io.StringIO()
                stats = pstats.Stats(profiler, stream=stream).sort_stats("tottime")
                stats.print_stats(12)
                out.append(f"=== {name}: {frames} frames, {1e3 * spent / frames:.2f} ms a frame under the profiler")
                out.append(hot_spots(stats, frames))
                out.append(stream.getvalue())
        finally:
            pygame.display.quit()
    return "\n".join(out)


def hot_spots(stats: Any, frames: int) -> str:
    """ms a frame in pygame's drawing calls, split by the function of the game that made them."""
    rows = []
    for (_, _, function), (_, _, _, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if not function.startswith(("<built-in method pygame.draw", "<method 'blit'", "<method 'fill'")):
            continue
        for (path, line, caller), (_, calls, own, _) in callers.items():
            rows.append((1e3 * own / frames, calls / frames, function, f"{Path(path).name}:{line} {caller}"))
    rows.sort(reverse=True)
    lines = [f"{'ms/frame':>9} {'calls/frame':>12}  pygame call <- made by"]
    lines += [f"{ms:>9.2f} {calls:>12.1f}  {what} <- {where}" for ms, calls, what, where in rows[:12]]
    return "\n".join(lines) + "\n"


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1920x1080", help="window size (default 1920x1080, a classroom projector)")
    parser.add_argument("--frames", type=int, default=600, help="frames timed per screen (default 600)")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds left idle for the CPU figure (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best and the spread are reported")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--profile", action="store_true", help="print where the frame time goes instead")
    parser.add_argument("--child", choices=["launch", "idle"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--scene", default="orders", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "launch":
        child_launch(args.size, args.data_dir)
        return 0
    if args.child == "idle":
        child_idle(args.size, args.data_dir, args.scene, args.idle)
        return 0
    size = parse_size(args.size)
    if args.profile:
        sys.stdout.write(profile(size, args.frames))
        return 0
    result = run(size, max(10, args.frames), args.idle, max(1, args.repeat))
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
