"""`deterrence play` with no display says so at once and points to the terminal game; it never hangs.

These run the command as a user would, in a shell with no display and no SDL_VIDEODRIVER
(the test session's own dummy driver is taken away).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's displays")


def play_without_display(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    # An empty runtime folder: SDL cannot reach a Wayland desktop of the machine running the tests.
    clean.update(XDG_RUNTIME_DIR=str(tmp_path), **env)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", *args, "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=30,  # the old behaviour: an invisible window waiting for ever
    )
    return result, time.monotonic() - start


def test_play_without_a_display_says_so_within_two_seconds_and_points_to_text(tmp_path: Path):
    result, seconds = play_without_display(tmp_path)
    assert result.returncode != 0
    assert "No display is available" in result.stderr
    assert "deterrence play --text" in result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < 2, f"took {seconds:.1f} s"


def test_a_display_that_cannot_be_reached_is_no_display_either(tmp_path: Path):
    """DISPLAY names a screen that is not there: SDL quietly falls back to drawing off screen."""
    result, seconds = play_without_display(tmp_path, DISPLAY=":4242")
    assert result.returncode != 0
    assert "No display is available" in result.stderr and "offscreen" in result.stderr
    assert "deterrence play --text" in result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < 2, f"took {seconds:.1f} s"


def test_the_demo_without_a_display_is_refused_unless_it_saves_screenshots(tmp_path: Path):
    result, _ = play_without_display(tmp_path, "--demo", "--exit-at-end")
    assert result.returncode != 0 and "deterrence play --text" in result.stderr


def test_the_demo_with_screenshots_plays_to_the_debrief_without_a_display(tmp_path: Path):
    shots = tmp_path / "shots"
    args = ("--demo", "--seed", "3", "--screenshots", str(shots), "--exit-at-end", "--speed", "100")
    result, _ = play_without_display(tmp_path, *args, "--size", "1280x720")
    assert result.returncode == 0, result.stderr
    assert [p for p in shots.glob("*.png") if p.stem.endswith("-debrief")]
