"""The game as a user installs it: built into an sdist and a wheel, installed into a fresh
virtual environment outside the checkout, and played from another folder.

The slow test needs PyPI (or the pip cache): the build backend and the game's dependencies
are installed the way a user's pip would install them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, scenario_files

BUNDLED = [  # the files a player or an author needs, as they sit in the checkout
    *(f"scenarios/{p.name}" for p in scenario_files()),
    "scenarios/scenario.schema.json",
    "scenarios/README.md",
    "scenarios/templates/starter.yaml",
    "assets/CREDITS.md",
    "assets/fonts/NanumGothic.ttf",
    "assets/fonts/NanumGothicBold.ttf",
    "assets/fonts/OFL-Nanum.txt",
    "assets/maps/world-50m.json",
]
IN_WHEEL = {"scenarios/": "game/bundled/scenarios/", "assets/": "game/bundled/assets/"}


def code_folders() -> set[str]:
    """Every folder of game/ that holds Python code, as a dotted package name."""
    return {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "game").rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_every_folder_of_code_is_in_the_package_list():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    missing = code_folders() - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml, or the wheel lacks it"


def test_the_checkout_lists_its_bundled_scenarios_from_any_folder(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "scenarios", "--data-dir", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    paths = [Path(p) for p in listed_paths(result.stdout)]
    assert sorted(p.name for p in paths) == [p.name for p in scenario_files()]
    assert all(p.is_absolute() and p.is_file() for p in paths), paths


def listed_paths(listing: str) -> list[str]:
    """The scenario files in the output of `deterrence scenarios`."""
    return [line.strip() for line in listing.splitlines() if line.strip().endswith(".yaml")]


# --- the slow test: sdist -> wheel -> fresh venv -> play ----------------------------------------


def copy_checkout(target: Path) -> Path:
    """What a clean clone holds for a build (no egg-info or build/ left by an earlier one)."""
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("game", "scenarios", "assets"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    return target


TIMES: list[tuple[float, str]] = []  # how long each step took, printed at the end (pytest -s)


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300):
    start = time.monotonic()
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    words = [Path(str(c)).name for c in command]
    TIMES.append((time.monotonic() - start, " ".join(["pip", words[5]] if words[1:3] == ["-m", "pip"] else words[:2])))
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


def user_env(home: Path) -> dict[str, str]:
    """A user's shell away from the checkout: no display, no test settings, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "PYTHON", "VIRTUAL_ENV"))}
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(home), PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def land_share(png: Path) -> float:
    """The share of a screenshot's pixels in the map's land colour."""
    import pygame

    from game.ui.theme import LAND

    image = pygame.image.load(str(png))
    width, height = image.get_size()
    points = [(x, y) for x in range(0, width, 3) for y in range(0, height, 3)]
    return sum(tuple(image.get_at(p))[:3] == LAND for p in points) / len(points)


FONT_CHECK = """
import pygame
from game.ui import theme
pygame.font.init()
t = theme.Theme((1920, 1080))
print(*(f"{font.name} {font.style_name}" for font in (t.font(), t.font(bold=True))), theme.FONT_DIR, sep="\\n")
"""


@pytest.mark.slow
def test_the_wheel_installs_anywhere_and_plays_a_whole_game(tmp_path: Path):
    start = time.monotonic()
    src = copy_checkout(tmp_path / "src")
    venv, dist, elsewhere = tmp_path / "venv", tmp_path / "dist", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = user_env(tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # No pip or setuptools inside: the game's environment holds the game and its dependencies only.
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python, deterrence = bin_dir / "python", bin_dir / "deterrence"
    pip = (sys.executable, "-m", "pip", "--python", python)  # this pip, installing into that environment

    # The sdist, made as `python -m build` makes it; then the wheel, built from the sdist by pip.
    # (The build backend goes in a folder of its own, not in the game's environment.)
    backend = tmp_path / "backend"
    run(*pip, "install", "-q", "--no-compile", "--target", backend, "setuptools>=69", cwd=tmp_path, env=env)
    build = "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))"
    sdist = dist / run(python, "-c", build, dist, cwd=src, env={**env, "PYTHONPATH": str(backend)}).stdout.split()[-1]
    with tarfile.open(sdist) as archive:
        sdist_names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert not [f for f in BUNDLED if f not in sdist_names], "the sdist lacks bundled files"
    run(*pip, "wheel", "-q", "--no-deps", "-w", dist, sdist, cwd=tmp_path, env=env)
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        wheel_names = set(archive.namelist())
    code = {str(p.relative_to(ROOT)) for p in (ROOT / "game").rglob("*.py") if "__pycache__" not in p.parts}
    assert code <= wheel_names, f"the wheel lacks {sorted(code - wheel_names)}"
    expected = {f.replace(old, new) for f in BUNDLED for old, new in IN_WHEEL.items() if f.startswith(old)}
    assert expected <= wheel_names, f"the wheel lacks {sorted(expected - wheel_names)}"

    # Installed with its dependencies, as a user's pip installs it.
    run(*pip, "install", "-q", "--no-compile", wheel, cwd=tmp_path, env=env)
    print("installed:", run(*pip, "list", "--format=freeze", cwd=tmp_path, env=env).stdout.split())
    site = Path(run(python, "-c", "import game; print(game.__file__)", cwd=elsewhere, env=env).stdout.strip()).parent
    assert site.is_relative_to(venv), f"the game was imported from {site}, not from the fresh environment"

    # From another folder: the bundled scenarios are listed, and validate.
    data = tmp_path / "teacher"
    paths = listed_paths(run(deterrence, "scenarios", "--data-dir", data, cwd=elsewhere, env=env).stdout)
    assert sorted(Path(p).name for p in paths) == [p.name for p in scenario_files()]
    assert all(Path(p).is_relative_to(site) for p in paths), paths
    run(deterrence, "validate", "--strict", "--lang", "en", *paths, cwd=elsewhere, env=env)

    # An author's first scenario: written, valid, with the schema next to it.
    run(deterrence, "new", "my-crisis.yaml", cwd=elsewhere, env=env)
    run(deterrence, "validate", "--strict", "my-crisis.yaml", cwd=elsewhere, env=env)
    assert (elsewhere / "scenario.schema.json").is_file()

    # The bundled font, from the installed package (pygame's own font has no Korean and no ★).
    body, bold, font_dir = run(python, "-c", FONT_CHECK, cwd=elsewhere, env=env).stdout.splitlines()[-3:]
    assert (body, bold) == ("NanumGothic Regular", "NanumGothic Bold")
    assert Path(font_dir).is_relative_to(site)

    # A whole demo game to the debrief, with no display (--screenshots implies headless).
    shots = elsewhere / "shots"
    play = ["play", "--demo", "--seed", "4", "--screenshots", shots, "--exit-at-end", "--speed", "100"]
    run(deterrence, *play, "--size", "1280x720", "--data-dir", data, cwd=elsewhere, env=env, timeout=120)
    screens = sorted(p.name for p in shots.glob("*.png"))
    assert any(name.endswith("-debrief.png") for name in screens), screens
    orders = next(shots.glob("*-orders.png"))
    assert land_share(orders) > 0.01, "the map on the orders screen has no land: it was not found"

    # The printable report of the game just played.
    (save,) = (data / "games").glob("*.json")
    run(deterrence, "report", save, "-o", "game.html", cwd=elsewhere, env=env)
    report = (elsewhere / "game.html").read_text(encoding="utf-8")
    assert "Washington Declaration" in report and "<svg" in report
    steps = ", ".join(f"{name} {seconds:.1f} s" for seconds, name in sorted(TIMES, reverse=True)[:6])
    print(f"the wheel test took {time.monotonic() - start:.1f} s; the longest steps: {steps}")
