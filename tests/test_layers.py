"""The layers stay apart: pygame only in game/ui, YAML and cattrs only in game/scenario.

The rules, the bots, the command line and the terminal game must work on a machine
without a display (and start fast), so importing them must never import pygame.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
HEADLESS = [
    "game.engine",
    "game.scenario",
    "game.bots",
    "game.report",
    "game.cli",
    "game.ui.text",
    "game.kit",
    "game.session",
    "game.net.host",
]

#: third-party package -> the only folder of game/ that may import it
CONFINED = {"pygame": "ui", "yaml": "scenario", "cattrs": "scenario", "fpdf": "kit", "aiohttp": "net", "segno": "net"}


@pytest.mark.parametrize("module", HEADLESS)
def test_importing_a_headless_module_does_not_import_pygame(module: str):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m == 'pygame' or m.startswith('pygame.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"importing {module} imported {result.stdout.strip()}"


def test_importing_every_headless_module_together_does_not_import_pygame():
    code = "import sys\n" + "".join(f"import {m}\n" for m in HEADLESS) + "print('pygame' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def imported_packages(path: Path) -> set[str]:
    """Top-level packages a source file imports: import statements, and importlib.import_module
    or __import__ called with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value.split(".")[0])
    return found


def test_the_source_scan_sees_every_kind_of_import(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os.path\nfrom yaml import safe_load\nfrom . import sibling\n"
        "import importlib\nimportlib.import_module('pygame.display')\n__import__('cattrs')\n",
        encoding="utf-8",
    )
    assert imported_packages(sample) == {"os", "yaml", "importlib", "pygame", "cattrs"}


@pytest.mark.parametrize(("package", "home"), sorted(CONFINED.items()))
def test_a_package_is_imported_only_in_its_layer(package: str, home: str):
    sources = sorted(GAME.rglob("*.py"))
    assert sources, f"no sources under {GAME}"
    outside = [
        str(path.relative_to(GAME.parent))
        for path in sources
        if package in imported_packages(path) and path.relative_to(GAME).parts[0] != home
    ]
    assert outside == [], f"{package} may be imported only under game/{home}/"


def imported_modules(path: Path) -> set[str]:
    """Full names of the modules a source file imports with import statements."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_report_reads_the_engine_and_scenario_but_not_the_window_or_the_command_line():
    sources = sorted((GAME / "report").glob("*.py"))
    assert sources, "game/report has no sources"
    wrong = {
        f"{path.name}: {module}"
        for path in sources
        for module in imported_modules(path)
        if module.startswith(("game.ui", "game.cli", "game.bots"))
    }
    assert wrong == set(), "game/report must not depend on the UI, the CLI or the bots"


@pytest.mark.parametrize("module", ["game.engine", "game.session", "game.cli", "game.ui.app"])
def test_the_web_stack_is_loaded_only_when_a_game_is_hosted_for_devices(module: str):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'segno', 'game')"
        " and (m.startswith('game.net') or not m.startswith('game'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().splitlines()[-1]  # after pygame's greeting, when the window's code loads it
    assert loaded == "[]", f"importing {module} imported {loaded}"


@pytest.mark.parametrize("module", ["game.engine", "game.report", "game.cli", "game.kit", "game.ui.wording"])
def test_the_pdf_library_is_loaded_only_when_a_kit_or_handout_is_made(module: str):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m == 'fpdf' or m.startswith('fpdf.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"importing {module} imported {result.stdout.strip()}"
