"""Golden games: digests of whole bot games, recorded once and checked after every engine change.

    .venv/bin/python bench/golden.py --check            # every recorded game still plays the same
    .venv/bin/python bench/golden.py --record           # write tests/data/golden/games.json afresh

A game's digest covers what a player or a teacher could notice: every order given, every log
entry of every turn (each field, the words included), the ending, who was blamed, the scores,
the objectives met and the final tracks and counts of plays. The games in ``games.json`` were
first recorded by the code before the speed work of issue 12 (commit cdca5cb) and checked
against it; they were recorded again after two deliberate changes of rules (a deal broken by
both sides in one turn names both, so the log has one more line; the bundled scenarios'
redesign for their lessons), and again when the flagship's place "East Sea / Sea of Japan"
became "East Sea" (the name is in token log lines; the Cuban and tutorial games only changed
file hashes, their digests are the same), and when the Cuban UN's track "Standing of the UN"
became "Standing" (its label read "UN Standing of the UN"; the Cuban games' log words changed), and
when the flagship's words changed on 2026-12-06 (cards' names, texts, sources: each time, 5,600
games of its four sets were first checked to have the same orders, log fields other than words,
ending, scores and tracks with the file before and after).
They are played with the dice of that older code
(``random.Random`` seeded per purpose, dice version 1), so any difference is a change of the
rules or of a bot's choice, not of the dice.

``--saves`` writes save files of this code's version (``v2-*`` were made by that old code with
the dice of save version 2; ``v3-*`` by the code of 2026-12-06, before the block dice, with
save version 3's splitmix dice) and the digests of their replays to tests/data/golden/, for the
test that old saves replay exactly; a save whose scenario has changed since replays with the copy of
the scenario it was made with, kept in tests/data/golden/scenarios/ (name-sha256[:12].yaml).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import evolve

from game.bots.match import parse_bots, play_game
from game.engine.rng import derive
from game.engine.save import SaveGame, read_save, replay, start_save, to_json
from game.engine.state import GameState, Intervention, LogEntry
from game.engine.turn import intervene, new_game, resolve_turn
from game.engine.view import view
from game.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
GAMES = GOLDEN / "games.json"

# (scenario, bots, number of seeds): thousands where the time goes, a few hundred elsewhere
SETS: list[tuple[str, str, int]] = [
    ("scenarios/washington-declaration-2023.yaml", "random", 3000),
    ("scenarios/washington-declaration-2023.yaml", "", 2000),  # the scenario's own bots
    ("scenarios/washington-declaration-2023.yaml", "objective:hawk", 300),
    ("scenarios/washington-declaration-2023.yaml", "objective:dove", 300),
    ("scenarios/cuban-missile-crisis-1962.yaml", "random", 300),
    ("scenarios/cuban-missile-crisis-1962.yaml", "", 300),
    ("scenarios/tutorial.yaml", "", 300),
    ("tests/data/rules.yaml", "random", 300),
    ("tests/data/rules.yaml", "objective", 300),
    ("tests/data/counter.yaml", "objective", 300),
    ("tests/data/counts.yaml", "", 300),
    ("tests/data/mini.yaml", "objective:hawk", 300),
]
PER_GAME = 25  # per-game digests kept for the first seeds of each set, so a test can say which game differs


def _entry(entry: LogEntry) -> list[Any]:
    """An entry's fields as recorded before the log kept messages: its English words in place of the message."""
    fields: tuple[Any, ...] = (entry.turn, entry.phase, entry.kind, entry.text, entry.actor, entry.source, entry.track)
    fields += (entry.before, entry.after, entry.dice, entry.success)
    if entry.band is not None:  # a field added since the games were recorded counts only when set
        fields += (entry.band,)
    return [None if v is None else (list(v) if isinstance(v, tuple) else v) for v in fields]


def _final(state: GameState) -> dict[str, Any]:
    outcome = state.outcome
    assert outcome is not None
    return {
        "ending": outcome.ending,
        "turn": outcome.turn,
        "blamed": outcome.blamed,
        "scores": outcome.scores,
        "met": {a: list(m) for a, m in outcome.met.items()},
        "tracks": state.tracks,
        "plays": state.plays,
        "ever": state.ever,
    }


def digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def old_dice() -> dict[str, Any]:
    """play_game's keyword for the dice of the recorded games, if this code has more than one kind."""
    return {"dice_kind": 1} if "dice_kind" in inspect.signature(play_game).parameters else {}


def game_digest(scenario: Any, seed: int, seats: dict[str, str]) -> str:
    game = play_game(scenario, seed, seats, keep_logs=True, **old_dice())
    orders = [{a: [str(o) for o in os_] for a, os_ in turn.items()} for turn in game.save.turns]
    logs = [[_entry(e) for e in log] for log in game.logs]
    return digest({"seed": seed, "orders": orders, "logs": logs, "final": _final(game.final)})


def play_set(path: str, bots: str, seeds: int) -> dict[str, Any]:
    scenario = load_scenario(ROOT / path)
    seats = parse_bots(scenario, bots or None)
    each = [game_digest(scenario, seed, seats) for seed in range(seeds)]
    return {
        "scenario": path,
        "sha256": scenario.source_hash,
        "bots": bots,
        "seeds": seeds,
        "digest": digest(each),
        "first": each[:PER_GAME],
    }


def record() -> int:
    sets = []
    for path, bots, seeds in SETS:
        start = time.process_time()
        sets.append(play_set(path, bots, seeds))
        print(f"{path} {bots or 'own bots'}: {seeds} games, {time.process_time() - start:.1f} s CPU", file=sys.stderr)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    data = {"dice": 1, "recorded_with": "cdca5cb", "sets": sets}
    GAMES.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


def check(limit: int | None = None, out: Callable[[str], object] = print) -> int:
    """Play every recorded set again (or its first ``limit`` seeds, at most PER_GAME); 1 if any game differs."""
    recorded = json.loads(GAMES.read_text(encoding="utf-8"))
    bad = 0
    for want in recorded["sets"]:
        seeds = want["seeds"] if limit is None else min(limit, want["seeds"], PER_GAME)
        label = f"{want['scenario']} {want['bots'] or 'own bots'}: {seeds} games"
        if load_scenario(ROOT / want["scenario"]).source_hash != want["sha256"]:
            out(f"skipped    {label} (the scenario file has changed since the games were recorded)")
            continue
        got = play_set(want["scenario"], want["bots"], seeds)
        if seeds == want["seeds"]:
            same = got["digest"] == want["digest"]
        else:
            same = got["first"][:seeds] == want["first"][:seeds]
        bad += not same
        out(f"{'same     ' if same else 'DIFFERENT'}  {label}")
    return 1 if bad else 0


# --- old saves -------------------------------------------------------------------------------


def _bot_orders(scenario: Any, state: GameState, seed: int, seats: dict[str, str]) -> dict[str, list[Any]]:
    from game.bots.policies import make_bot

    return {
        actor: make_bot(spec).choose(scenario, view(scenario, state, actor), derive(seed, state.turn, f"bot:{actor}"))
        for actor, spec in seats.items()
    }


def _with_teacher(path: str, seed: int) -> SaveGame:
    """A bot game in which the teacher played an event, adjusted a track and ended the game early."""
    scenario = load_scenario(ROOT / path)
    seats = parse_bots(scenario, None)
    state = new_game(scenario, seed, seats)
    save = start_save(scenario, seed, seats)
    event = next(iter(scenario.events))
    track = next(iter(scenario.all_tracks))
    for turn in range(1, 6):
        if state.over:
            break
        if turn == 2:
            action = Intervention("event", event=event, reason="a news story")
            state = intervene(scenario, state, action).state
            save = save.with_intervention(action)
        if turn == 3 and not state.over:
            action = Intervention("adjust", track=track, value=scenario.all_tracks[track].min + 1, reason="a test")
            state = intervene(scenario, state, action).state
            save = save.with_intervention(action)
        if state.over:
            break
        orders = _bot_orders(scenario, state, seed, seats)
        state = resolve_turn(scenario, state, orders).state
        save = save.with_turn(orders)
    if not state.over:
        save = save.with_intervention(Intervention("end", reason="the bell rang"))
    return save


def replay_digest(scenario: Any, save: SaveGame) -> str:
    played = replay(scenario, save)
    states = [
        {
            "turn": s.turn,
            "end_turn": s.end_turn,
            "tracks": s.tracks,
            "offers": [repr(o) for o in s.offers],
            "agreements": [repr(a) for a in s.agreements],
            "tokens": [repr(t) for t in s.tokens],
            "plays": s.plays,
            "events": list(s.events),
            "budgets": s.budgets,
            "outcome": None if s.outcome is None else _final(s),
        }
        for s in played.states
    ]
    logs = [[_entry(e) for e in log] for log in played.logs]
    return digest({"states": states, "logs": logs})


FROZEN = GOLDEN / "scenarios"  # each scenario file as an old save was made with: <stem>-<sha256[:12]>.yaml


def scenario_of(save: SaveGame) -> Any | None:
    """The scenario a save was made with: the file it names if unchanged since, else the frozen copy of
    that version kept beside the saves (an old save's test outlives the edits of its scenario); None
    when neither is there."""
    scenario = load_scenario(ROOT / save.scenario_path)
    if scenario.source_hash == save.scenario_hash:
        return scenario
    frozen = FROZEN / f"{Path(save.scenario_path).stem}-{save.scenario_hash[:12]}.yaml"
    if frozen.is_file():
        scenario = load_scenario(frozen)
        if scenario.source_hash == save.scenario_hash:
            return scenario
    return None


def write_saves() -> int:
    made: dict[str, str] = {}
    games = [
        ("scenarios/washington-declaration-2023.yaml", "", 5),
        ("scenarios/washington-declaration-2023.yaml", "random", 8),
        ("scenarios/cuban-missile-crisis-1962.yaml", "", 3),
        ("tests/data/rules.yaml", "random", 11),
        ("tests/data/counter.yaml", "objective", 2),
    ]
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path, bots, seed in games:
        scenario = load_scenario(ROOT / path)
        save = evolve(play_game(scenario, seed, parse_bots(scenario, bots or None)).save, scenario_path=path)
        name = f"v{save.version}-{Path(path).stem}-{bots.replace(':', '_') or 'own'}-{seed}.json"
        (GOLDEN / name).write_text(to_json(save), encoding="utf-8")
    for path, seed in (("scenarios/washington-declaration-2023.yaml", 7), ("tests/data/rules.yaml", 4)):
        save = evolve(_with_teacher(path, seed), scenario_path=path)
        name = f"v{save.version}-{Path(path).stem}-teacher-{seed}.json"
        (GOLDEN / name).write_text(to_json(save), encoding="utf-8")
    if (GOLDEN / "saves.json").exists():  # a save of a scenario changed since keeps its digest
        made.update(json.loads((GOLDEN / "saves.json").read_text(encoding="utf-8")))
    for file in sorted(GOLDEN.glob("v*.json")):
        save = read_save(file)
        scenario = scenario_of(save)
        if scenario is not None:
            made[file.name] = replay_digest(scenario, save)
    (GOLDEN / "saves.json").write_text(json.dumps(made, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--check", action="store_true", help="play the recorded games again and compare")
    what.add_argument("--record", action="store_true", help="record the games with this code")
    what.add_argument("--saves", action="store_true", help="write old-version saves and their replay digests")
    parser.add_argument("--limit", type=int, help="with --check: only the first N seeds of each set")
    args = parser.parse_args(argv)
    if args.record:
        return record()
    if args.saves:
        return write_saves()
    return check(args.limit)


if __name__ == "__main__":
    raise SystemExit(main())
