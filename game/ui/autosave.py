"""Where every game is saved, and finding the last one: shared by the window and the terminal game.

No pygame here: ``deterrence play --text`` saves into the same games folder as the window, so
"Continue the last game" and ``--resume`` find a game whichever front end played it.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.save import read_save
from game.played import as_played
from game.scenario.load import load_scenario
from game.ui.session import Session

LEGACY_AUTOSAVE = "autosave.json"  # where versions before the games folder kept the one game


def games_dir(data_dir: Path) -> Path:
    """The folder where every game keeps its own save, written after each turn."""
    return Path(data_dir) / "games"


def new_save_path(games: Path, scenario_id: str, seed: int, note: str = "") -> Path:
    """A fresh file in the games folder: a new game never overwrites an earlier one."""
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    path = games / f"{scenario_id}-{stamp}-{seed}{note}.json"
    number = 2
    while path.exists():
        path = games / f"{scenario_id}-{stamp}-{seed}{note}-{number}.json"
        number += 1
    return path


def saved_games(games: Path, *also: Path) -> list[Path]:
    """Every saved game in the folder (and the other files given, if they exist), the most recent first."""
    found = list(games.glob("*.json")) if games.is_dir() else []
    found += [path for path in also if path.is_file() and path not in found]
    times = {}
    for path in found:
        try:
            times[path] = path.stat().st_mtime
        except OSError:
            continue  # removed meanwhile (another window, the teacher tidying up)
    return sorted(times, key=times.__getitem__, reverse=True)


def open_session(path: Path, default_scenario: Path) -> Session:
    """The game in a save file, replayed, saving on into the same file.

    Raises SaveError (a damaged or foreign save), ScenarioError (its scenario has problems)
    or OSError (a file cannot be read); the caller says which to the players.
    """
    save = read_save(path)
    scenario_path = Path(save.scenario_path) if save.scenario_path else default_scenario
    scenario = as_played(load_scenario(scenario_path), save, path)
    return Session(scenario, save.seats, save.seed, autosave=path, save=save)
