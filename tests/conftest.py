"""Shared fixtures. UI tests run headless: no window, no sound device."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The game speaks the system's language unless told: tests that read its English words run in
# English on any machine (a test of another language asks for it, e.g. i18n.speaking("ko")).
os.environ["LANGUAGE"] = "en"

settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def mini():
    from game.scenario import load_scenario

    return load_scenario(DATA / "mini.yaml")


def scenario_files() -> list[Path]:
    """Every scenario shipped in scenarios/ (the authoring guide and schema are not scenarios)."""
    return sorted(SCENARIOS.glob("*.yaml"))
