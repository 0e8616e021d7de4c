"""Saves: JSON, versioned, written atomically, replayed to exactly the same states.

A save holds what is needed to re-derive every state: the scenario's identity and hash,
the seed, the seats and the orders of each turn. Replaying it runs the rules again, so a
save can never hold a state the rules would not produce. Save files are untrusted input:
they are size-limited, checked field by field, and a bad one raises SaveError.

Every save written carries a checksum: ``"checksum": "sha256:<hex>"``, the SHA-256 of the
canonical JSON of everything else in the file (keys sorted, no spaces, UTF-8; see
``checksum_of``). It does not depend on the version number's value, so a new version keeps
it. A save whose checksum does not match (a flipped bit in the seed) is refused; a save
with no checksum (written before they existed) is read as before. Whether the orders fit
the scenario (its actors, bots and moves) is checked against the scenario in ``replay``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from difflib import get_close_matches
from itertools import pairwise
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from game.engine.dialogue import MAX_DIALOGUE, Message, message_from, message_json
from game.engine.errors import EngineError, SaveError
from game.engine.rng import DICE, LEGACY_DICE, SPLITMIX_DICE
from game.engine.state import GameState, Intervention, LogEntry, Order
from game.engine.turn import intervene, new_game, resolve_turn
from game.files import read_regular_file
from game.scenario.model import Scenario, bot_spec_problem

SAVE_FORMAT = "deterrence-dialogue-save"
# 4: the block dice (rng.DICE); 3: splitmix64 dice; 2 added the teacher's interventions (version 1 saves have none)
SAVE_VERSION = 4
# the dice of each save version: a save replays, and grows, with the dice it was played with
DICE_OF_VERSION = {1: LEGACY_DICE, 2: LEGACY_DICE, 3: SPLITMIX_DICE, 4: DICE}
# the newest version that rolls each kind of dice (what a new save of a game with them says)
VERSION_OF_DICE = {LEGACY_DICE: 2, SPLITMIX_DICE: 3, DICE: SAVE_VERSION}
MAX_SAVE_BYTES = 5_000_000
MAX_TURNS = 1200  # entries: a turn in rounds (format 2 phases) saves one a round; 100 turns of 12 rounds
MAX_ORDERS = 100
MAX_INTERVENTIONS = 500
MAX_REASON = 500
MAX_DIGITS = 19  # the longest whole number a save may hold (a 64-bit seed): longer ones are damage
MAX_SEED = 2**63 - 1
HUMAN_SEAT = "human"  # a seat played by people (the other seats name a bot)
KEYS = frozenset(
    {"format", "version", "scenario", "seed", "seats", "meta", "turns", "interventions", "dialogue", "checksum"}
)


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
    # what the teams said in the talks before their orders (team devices), in the order said
    dialogue: tuple[Message, ...] = ()

    def with_message(self, message: Message) -> SaveGame:
        return evolve(self, dialogue=(*self.dialogue, message))

    def with_turn(self, orders: Mapping[str, Sequence[Order]]) -> SaveGame:
        frozen_orders = {actor: tuple(o) for actor, o in orders.items()}
        return evolve(self, turns=(*self.turns, frozen_orders), version=_growing(self.version))

    def with_turns(self, turns: Sequence[Mapping[str, Sequence[Order]]]) -> SaveGame:
        """The save with several turns' orders added at once (a bot game keeps them until its end)."""
        frozen_turns = tuple({actor: tuple(o) for actor, o in orders.items()} for orders in turns)
        # made directly, not by evolve (which looks the fields up again): every bot game ends here
        return SaveGame(
            self.scenario_id,
            self.scenario_hash,
            self.scenario_path,
            self.seed,
            self.seats,
            (*self.turns, *frozen_turns),
            _growing(self.version),
            self.meta,
            self.interventions,
        )

    def with_intervention(self, action: Intervention) -> SaveGame:
        interventions = (*self.interventions, (len(self.turns), action))
        return evolve(self, interventions=interventions, version=_growing(self.version))

    @property
    def dice(self) -> int:
        """The dice the game was played with: an old save replays with the old dice, die for die."""
        return DICE_OF_VERSION.get(self.version, DICE)

    def without_last_turn(self) -> SaveGame:
        """The save as it was before the last turn was resolved (its interventions kept)."""
        if not self.turns:
            return self
        kept = len(self.turns) - 1
        return evolve(
            self,
            turns=self.turns[:-1],
            interventions=tuple((at, a) for at, a in self.interventions if at <= kept),
            dialogue=tuple(m for m in self.dialogue if m.turn <= kept + 1),  # the talks before the undone orders stay
        )

    def up_to(self, turns: int) -> SaveGame:
        """The game as it stood when ``turns`` turns had been resolved (for a fork)."""
        return evolve(
            self,
            turns=self.turns[:turns],
            interventions=tuple((at, a) for at, a in self.interventions if at < turns),
            dialogue=tuple(m for m in self.dialogue if m.turn <= turns),
        )


def _growing(version: int) -> int:
    """The version of a save that grows by a turn: the newest one that rolls the same dice."""
    return VERSION_OF_DICE[DICE_OF_VERSION.get(version, DICE)]


def start_save(scenario: Scenario, seed: int, seats: Mapping[str, str], *, dice_kind: int = DICE) -> SaveGame:
    version = VERSION_OF_DICE[dice_kind]
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
    if save.dialogue:  # only games played with talks have it: every other save's checksum stays as it was
        data["dialogue"] = [message_json(m) for m in save.dialogue]
    data["checksum"] = checksum_of(data)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def checksum_of(data: Mapping[str, Any]) -> str:
    """'sha256:' and the SHA-256 of the canonical JSON of a save's data without its checksum."""
    rest = {key: value for key, value in data.items() if key != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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


class _NumberError(Exception):
    """A number no save holds: too long (Python refuses past 4,300 digits), NaN or infinite."""


def _whole_number(digits: str) -> int:
    length = len(digits.lstrip("-"))
    if length > MAX_DIGITS:
        raise _NumberError(f"it holds a number {length:,} digits long (a save's numbers have at most {MAX_DIGITS})")
    return int(digits)


def _no_constant(name: str) -> Any:
    raise _NumberError(f"it holds {name}, which is not a number a save can hold")


def _check_checksum(data: dict[str, Any]) -> None:
    """A save with a checksum must match it; one without (older saves) is read as before."""
    if "checksum" not in data:
        return
    stored = data["checksum"]
    _need(isinstance(stored, str), "bad checksum")
    if stored != checksum_of(data):
        raise SaveError(
            "the save is damaged: its checksum does not match its contents "
            "(a seed, an order or a turn was changed after it was written)",
            "checksum",
        )


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise SaveError(f"not a valid save: {message}", "invalid", detail=message)


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
        megabytes = MAX_SAVE_BYTES // 1_000_000
        raise SaveError(f"not a valid save: larger than {megabytes} MB", "too_large", megabytes=megabytes)
    try:
        data = json.loads(text, parse_int=_whole_number, parse_constant=_no_constant)
    except _NumberError as error:
        raise SaveError(f"the save is damaged: {error}", "damaged", detail=str(error)) from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise SaveError(
            f"the save is damaged or truncated (not JSON: {error})", "not_json", detail=str(error)
        ) from None
    _need(isinstance(data, dict) and data.get("format") == SAVE_FORMAT, "this is not a Deterrence & Dialogue save")
    unknown = sorted(set(data) - KEYS)
    _need(not unknown, f"unknown key {unknown[0]!r}" if unknown else "")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"not a valid save: bad version {version!r}", "invalid", detail=f"bad version {version!r}")
    if version > SAVE_VERSION:
        raise SaveError(
            f"this save is version {version!r}; this game reads versions up to {SAVE_VERSION}: update the game",
            "newer",
            version=version,
            newest=SAVE_VERSION,
        )
    scenario, seed, seats, turns = data.get("scenario"), data.get("seed"), data.get("seats"), data.get("turns")
    _need(isinstance(scenario, dict), "no scenario")
    assert isinstance(scenario, dict)
    sid, shash, spath = scenario.get("id"), scenario.get("sha256"), scenario.get("path", "")
    _need(all(isinstance(x, str) for x in (sid, shash, spath)), "bad scenario identity")
    _need(isinstance(seed, int) and not isinstance(seed, bool) and abs(seed) <= MAX_SEED, "bad seed")
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
    raw_dialogue = data.get("dialogue", [])
    _need(isinstance(raw_dialogue, list) and len(raw_dialogue) <= MAX_DIALOGUE, "bad dialogue")
    dialogue = tuple(message_from(raw, f"message {number}") for number, raw in enumerate(raw_dialogue, 1))
    _check_checksum(data)  # last: a save that is not even well formed says what is wrong with it
    return SaveGame(
        str(sid), str(shash), str(spath), seed, dict(seats), tuple(parsed), version, dict(meta), interventions, dialogue
    )


# --- files ---------------------------------------------------------------------------------


TEMP_PATTERN = re.compile(r"^\..+\.json(\.prev)?\.[a-z0-9_]{8}\.tmp$")  # what _write_atomic leaves if killed
STALE_SECONDS = 600  # a temp file this old is not being written any more


def write_save(path: str | Path, save: SaveGame, *, keep_previous: bool = False) -> None:
    """Write atomically: a crash mid-write leaves the previous save whole.

    With ``keep_previous`` the save it replaces, if it reads as a good save, is kept beside
    it as ``NAME.json.prev``, so a save damaged later (a bad disk, a hand edit) still leaves
    the turn before it to continue from; leftover temp files in the folder are removed.
    OSError says why the file could not be written; nothing is lost but this write.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if keep_previous:
        clean_stale_temps(target.parent)
        old = _good_save_text(target)
        if old is not None:
            _write_atomic(previous_of(target), old)
    _write_atomic(target, to_json(save))


def previous_of(path: str | Path) -> Path:
    """Where the save before the last one of this game is kept."""
    target = Path(path)
    return target.with_name(target.name + ".prev")


def _good_save_text(path: Path) -> str | None:
    try:
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        from_json(text)
    except (OSError, UnicodeDecodeError, SaveError):
        return None
    return text


def _write_atomic(target: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def clean_stale_temps(folder: str | Path, *, older_than: float = STALE_SECONDS) -> int:
    """Remove the temp files of saves whose writing was killed midway; return how many.

    Only our own pattern (``.NAME.json.XXXXXXXX.tmp``), only plain files, only ones not
    touched for ``older_than`` seconds (another window may be writing a fresh one).
    """
    removed = 0
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if (
                TEMP_PATTERN.match(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < limit
            ):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # gone already, or not ours to remove: it does no harm
    return removed


def read_save(path: str | Path) -> SaveGame:
    try:
        raw = read_regular_file(path, MAX_SAVE_BYTES)
    except OSError as error:
        why = str(error.strerror or error)
        raise SaveError(f"cannot read the save {str(path)!r}: {why}", "unreadable", path=str(path), why=why) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"the save {str(path)!r} is damaged (not UTF-8 text)", "not_text", path=str(path)) from None
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
        raise SaveError(
            f"the save is a game of {save.scenario_id!r}, not of {scenario.id!r}",
            "other_scenario",
            saved=save.scenario_id,
            scenario=scenario.id,
        )
    if check_hash and save.scenario_hash != scenario.source_hash:
        raise SaveError(
            f"the scenario {scenario.id!r} has changed since this game was saved; "
            "open it with the scenario file it was played with",
            "scenario_changed",
            scenario=scenario.id,
        )
    check_fits(scenario, save)
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
                    f"the teacher's {action.kind} before turn {done + 1} cannot be replayed: {error}",
                    "replay",
                    turn=done + 1,
                    detail=str(error),
                ) from None
            state = states[-1] = result.state
            logs[-1] = (*logs[-1], *result.log)

    for number, orders in enumerate(save.turns, 1):
        teacher(number - 1)
        try:
            result = resolve_turn(scenario, state, orders)
        except EngineError as error:
            raise SaveError(
                f"turn {number} of the save cannot be replayed: {error}", "replay", turn=number, detail=str(error)
            ) from None
        state = result.state
        states.append(state)
        logs.append(result.log)
    teacher(len(save.turns))
    return Replay(tuple(states), tuple(logs))


def check_fits(scenario: Scenario, save: SaveGame) -> None:
    """SaveError if the save names an actor, a bot or a move its scenario does not have.

    Checked before anything is replayed, so a save damaged this way is refused when it is
    opened, not a turn later when a bot with a misspelt name is asked to play.
    """
    actors = scenario.actors
    for actor, seat in save.seats.items():
        _need(actor in actors, f"a seat for {actor!r}, which is not an actor of {scenario.id!r}{_hint(actor, actors)}")
        problem = None if seat == HUMAN_SEAT else bot_spec_problem(seat, scenario.temperaments, scenario.strategies)
        _need(problem is None, f"the seat of {actor!r}: {problem}")
    missing = [actor for actor in actors if actor not in save.seats]
    _need(not missing, f"no seat for {', '.join(map(repr, missing))}")
    for number, turn in enumerate(save.turns, 1):
        for actor, orders in turn.items():
            _need(
                actor in actors, f"turn {number} has orders of {actor!r}, which is not an actor{_hint(actor, actors)}"
            )
            for order in orders:
                _need(
                    order.move in scenario.moves,
                    f"turn {number}: {actor} played {order.move!r}, not a move of the scenario"
                    f"{_hint(order.move, scenario.moves)}",
                )


def _hint(word: str, choices: Iterable[str]) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
