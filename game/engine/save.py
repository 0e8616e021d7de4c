"""Saves: JSON, versioned, written atomically, replayed to exactly the same states.

A save holds what is needed to re-derive every state: the scenario's identity and hash,
the seed, the seats and the orders of each turn. Replaying it runs the rules again, so a
save can never hold a state the rules would not produce. Save files are untrusted input:
they are size-limited, checked field by field, and a bad one raises SaveError.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from game.engine.errors import EngineError, SaveError
from game.engine.rng import DICE, LEGACY_DICE
from game.engine.state import GameState, Intervention, LogEntry, Order
from game.engine.turn import intervene, new_game, resolve_turn
from game.scenario.model import Scenario

SAVE_FORMAT = "deterrence-dialogue-save"
SAVE_VERSION = 3  # 3: the cheap dice (rng.DICE); 2 added the teacher's interventions (version 1 saves have none)
NEW_DICE_SINCE = 3  # saves before this version replay with the dice they were played with (rng.LEGACY_DICE)
MAX_SAVE_BYTES = 5_000_000
MAX_TURNS = 200
MAX_ORDERS = 100
MAX_INTERVENTIONS = 500
MAX_REASON = 500


@frozen
class SaveGame:
    scenario_id: str
    scenario_hash: str
    scenario_path: str
    seed: int
    seats: dict[str, str]
    turns: tuple[dict[str, tuple[Order, ...]], ...]
    version: int = SAVE_VERSION
    meta: dict[str, str] = field(factory=dict)
    # (turns resolved before it, what the teacher did), in the order they happened
    interventions: tuple[tuple[int, Intervention], ...] = ()

    def with_turn(self, orders: Mapping[str, Sequence[Order]]) -> SaveGame:
        frozen_orders = {actor: tuple(o) for actor, o in orders.items()}
        return evolve(self, turns=(*self.turns, frozen_orders), version=_growing(self.version))

    def with_turns(self, turns: Sequence[Mapping[str, Sequence[Order]]]) -> SaveGame:
        """The save with several turns' orders added at once (a bot game keeps them until its end)."""
        frozen_turns = tuple({actor: tuple(o) for actor, o in orders.items()} for orders in turns)
        return evolve(self, turns=(*self.turns, *frozen_turns), version=_growing(self.version))

    def with_intervention(self, action: Intervention) -> SaveGame:
        interventions = (*self.interventions, (len(self.turns), action))
        return evolve(self, interventions=interventions, version=_growing(self.version))

    @property
    def dice(self) -> int:
        """The dice the game was played with: an old save replays with the old dice, die for die."""
        return DICE if self.version >= NEW_DICE_SINCE else LEGACY_DICE

    def without_last_turn(self) -> SaveGame:
        """The save as it was before the last turn was resolved (its interventions kept)."""
        if not self.turns:
            return self
        kept = len(self.turns) - 1
        return evolve(
            self,
            turns=self.turns[:-1],
            interventions=tuple((at, a) for at, a in self.interventions if at <= kept),
        )

    def up_to(self, turns: int) -> SaveGame:
        """The game as it stood when ``turns`` turns had been resolved (for a fork)."""
        return evolve(
            self,
            turns=self.turns[:turns],
            interventions=tuple((at, a) for at, a in self.interventions if at < turns),
        )


def _growing(version: int) -> int:
    """The version of a save that grows by a turn: the newest one that rolls the same dice."""
    return SAVE_VERSION if version >= NEW_DICE_SINCE else NEW_DICE_SINCE - 1


def start_save(scenario: Scenario, seed: int, seats: Mapping[str, str], *, dice_kind: int = DICE) -> SaveGame:
    version = SAVE_VERSION if dice_kind == DICE else NEW_DICE_SINCE - 1
    return SaveGame(scenario.id, scenario.source_hash, scenario.path, seed, dict(seats), (), version)


# --- to and from JSON -----------------------------------------------------------------------


def _order_json(order: Order) -> Any:
    if order.offer is None:
        return order.move
    return {"move": order.move, "offer": order.offer, "answer": order.answer}


def to_json(save: SaveGame) -> str:
    data = {
        "format": SAVE_FORMAT,
        "version": save.version,
        "scenario": {"id": save.scenario_id, "sha256": save.scenario_hash, "path": save.scenario_path},
        "seed": save.seed,
        "seats": save.seats,
        "meta": save.meta,
        "turns": [{actor: [_order_json(o) for o in orders] for actor, orders in turn.items()} for turn in save.turns],
        "interventions": [_intervention_json(at, action) for at, action in save.interventions],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _intervention_json(at: int, action: Intervention) -> dict[str, Any]:
    data: dict[str, Any] = {"after_turn": at, "kind": action.kind}
    for key in ("event", "track", "value"):
        if getattr(action, key) is not None:
            data[key] = getattr(action, key)
    if action.reason:
        data["reason"] = action.reason
    return data


def _intervention_from(raw: Any, where: str, turns: int) -> tuple[int, Intervention]:
    _need(isinstance(raw, dict), f"{where} is not a mapping")
    _need(set(raw) <= {"after_turn", "kind", "event", "track", "value", "reason"}, f"{where} has unknown keys")
    at, kind = raw.get("after_turn"), raw.get("kind")
    _need(isinstance(at, int) and not isinstance(at, bool) and 0 <= at <= turns, f"{where} has a bad after_turn")
    _need(kind in ("event", "adjust", "end"), f"{where} has a bad kind {kind!r}")
    event, track, value, reason = raw.get("event"), raw.get("track"), raw.get("value"), raw.get("reason", "")
    _need(event is None or isinstance(event, str), f"{where} has a bad event")
    _need(track is None or isinstance(track, str), f"{where} has a bad track")
    _need(value is None or (isinstance(value, int) and not isinstance(value, bool)), f"{where} has a bad value")
    _need(isinstance(reason, str) and len(reason) <= MAX_REASON, f"{where} has a bad reason")
    return at, Intervention(kind, event, track, value, reason)


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise SaveError(f"not a valid save: {message}")


def _order_from(raw: Any, where: str) -> Order:
    if isinstance(raw, str):
        return Order(raw)
    _need(isinstance(raw, dict), f"{where} is not an order")
    move, offer, answer = raw.get("move"), raw.get("offer"), raw.get("answer")
    _need(isinstance(move, str), f"{where} has no move")
    _need(offer is None or (isinstance(offer, int) and not isinstance(offer, bool)), f"{where} has a bad offer number")
    _need(answer in (None, "accept", "reject", "counter"), f"{where} has a bad answer {answer!r}")
    _need(set(raw) <= {"move", "offer", "answer"}, f"{where} has unknown keys")
    return Order(move, offer, answer)


def from_json(text: str) -> SaveGame:
    """Parse a save; raise SaveError saying what is wrong."""
    if len(text) > MAX_SAVE_BYTES:
        raise SaveError(f"not a valid save: larger than {MAX_SAVE_BYTES // 1_000_000} MB")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise SaveError(f"the save is damaged or truncated (not JSON: {error})") from None
    _need(isinstance(data, dict) and data.get("format") == SAVE_FORMAT, "this is not a Deterrence & Dialogue save")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"not a valid save: bad version {version!r}")
    if version > SAVE_VERSION:
        raise SaveError(
            f"this save is version {version!r}; this game reads versions up to {SAVE_VERSION}: update the game"
        )
    scenario, seed, seats, turns = data.get("scenario"), data.get("seed"), data.get("seats"), data.get("turns")
    _need(isinstance(scenario, dict), "no scenario")
    assert isinstance(scenario, dict)
    sid, shash, spath = scenario.get("id"), scenario.get("sha256"), scenario.get("path", "")
    _need(all(isinstance(x, str) for x in (sid, shash, spath)), "bad scenario identity")
    _need(isinstance(seed, int) and not isinstance(seed, bool), "bad seed")
    _need(
        isinstance(seats, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in seats.items()),
        "bad seats",
    )
    _need(isinstance(turns, list) and len(turns) <= MAX_TURNS, "bad turns")
    meta = data.get("meta", {})
    _need(isinstance(meta, dict) and all(isinstance(v, str) for v in meta.values()), "bad meta")
    parsed = []
    for number, turn in enumerate(turns, 1):
        _need(isinstance(turn, dict), f"turn {number} is not a mapping of actor to orders")
        orders: dict[str, tuple[Order, ...]] = {}
        for actor, items in turn.items():
            _need(isinstance(items, list) and len(items) <= MAX_ORDERS, f"turn {number}: bad orders of {actor!r}")
            orders[actor] = tuple(_order_from(o, f"turn {number}, {actor}") for o in items)
        parsed.append(orders)
    raw_interventions = data.get("interventions", [])
    _need(isinstance(raw_interventions, list) and len(raw_interventions) <= MAX_INTERVENTIONS, "bad interventions")
    interventions = tuple(
        _intervention_from(raw, f"intervention {number}", len(parsed))
        for number, raw in enumerate(raw_interventions, 1)
    )
    _need(
        all(a[0] <= b[0] for a, b in pairwise(interventions)),
        "interventions out of order",
    )
    return SaveGame(
        str(sid), str(shash), str(spath), seed, dict(seats), tuple(parsed), version, dict(meta), interventions
    )


# --- files ---------------------------------------------------------------------------------


def write_save(path: str | Path, save: SaveGame) -> None:
    """Write atomically: a crash mid-write leaves the previous save whole."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(to_json(save))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_save(path: str | Path) -> SaveGame:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)
    except OSError as error:
        raise SaveError(f"cannot read the save {str(path)!r}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"the save {str(path)!r} is damaged (not UTF-8 text)") from None
    return from_json(text)


# --- replay --------------------------------------------------------------------------------


@frozen
class Replay:
    """Every state of a game (states[0] is the start) and the log of each turn."""

    states: tuple[GameState, ...]
    logs: tuple[tuple[LogEntry, ...], ...]


def replay(scenario: Scenario, save: SaveGame, *, check_hash: bool = True) -> Replay:
    """Re-derive every state from the save's orders; SaveError if they do not fit."""
    if save.scenario_id != scenario.id:
        raise SaveError(f"the save is a game of {save.scenario_id!r}, not of {scenario.id!r}")
    if check_hash and save.scenario_hash != scenario.source_hash:
        raise SaveError(
            f"the scenario {scenario.id!r} has changed since this game was saved; "
            "open it with the scenario file it was played with"
        )
    state = new_game(scenario, save.seed, save.seats, dice_kind=save.dice)
    states, logs = [state], [state.event_log]
    pending = list(save.interventions)

    def teacher(done: int) -> None:
        nonlocal state
        while pending and pending[0][0] == done:
            _, action = pending.pop(0)
            try:
                result = intervene(scenario, state, action)
            except EngineError as error:
                raise SaveError(
                    f"the teacher's {action.kind} before turn {done + 1} cannot be replayed: {error}"
                ) from None
            state = states[-1] = result.state
            logs[-1] = (*logs[-1], *result.log)

    for number, orders in enumerate(save.turns, 1):
        teacher(number - 1)
        try:
            result = resolve_turn(scenario, state, orders)
        except EngineError as error:
            raise SaveError(f"turn {number} of the save cannot be replayed: {error}") from None
        state = result.state
        states.append(state)
        logs.append(result.log)
    teacher(len(save.turns))
    return Replay(tuple(states), tuple(logs))
