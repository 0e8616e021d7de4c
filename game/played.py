"""A copy of each scenario file as games were played with it, kept beside their saves.

A save names its scenario file and the SHA-256 of its bytes, and replays only with that very
version: the same orders on other rules would be another game. When the file changes later (a new
version of the game updates a bundled scenario, a teacher fixes a typo), the copy kept beside the
save still opens the game as it was played. No pygame here: the window, the terminal game and the
command line share it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.engine.save import SaveGame
from game.files import read_regular_file
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.model import Scenario
from game.scenario.yamlread import MAX_BYTES

KEPT = "scenarios"  # beside the saves: a copy of each scenario file as games were played with it


def kept_path(save_path: Path, scenario_stem: str, sha256: str) -> Path:
    """Where the copy of a scenario's version is kept for the saves of a folder."""
    return save_path.parent / KEPT / f"{scenario_stem}-{sha256[:16]}.yaml"


def keep_scenario(save_path: Path, scenario: Scenario) -> None:
    """Keep a copy of the scenario file beside the save, once per version: when the file is changed
    later (a new version of the game, a teacher's edit), the game still opens as it was played.
    A copy that cannot be written is not a lost turn: the save itself is written apart."""
    target = kept_path(save_path, Path(scenario.path).stem, scenario.source_hash)
    if target.is_file():
        return
    try:
        raw = read_regular_file(scenario.path, MAX_BYTES)
        if hashlib.sha256(raw).hexdigest() != scenario.source_hash:
            return  # changed since it was loaded: not the version played
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(raw)
        partial.replace(target)
    except OSError:
        return


def as_played(scenario: Scenario, save: SaveGame, save_path: Path) -> Scenario:
    """The scenario the save was played with: the one given if unchanged since, else the copy kept
    beside the save (the same bytes, checked by their hash); else the one given, which replaying
    then refuses with the reason ("the scenario has changed since this game was saved")."""
    if scenario.source_hash == save.scenario_hash or not save.scenario_hash:
        return scenario
    stem = Path(save.scenario_path).stem if save.scenario_path else Path(scenario.path).stem
    kept = kept_path(save_path, stem, save.scenario_hash)
    if not kept.is_file():
        return scenario
    try:
        older = load_scenario(kept)
    except ScenarioError:
        return scenario  # a copy today's loader refuses: the given file's error is the one to say
    return older if older.source_hash == save.scenario_hash and older.id == save.scenario_id else scenario
