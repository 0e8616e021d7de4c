"""Noninterference: what a viewer may not see changes nothing that viewer is shown.

For random games of every bundled scenario and the probe scenarios with hidden and owner tracks,
a state is paired with a twin that differs only in the viewer's secrets: the true values of the
tracks it cannot see (a hidden track keeps the range the viewer sees; an owner track may be
anything), the game's seed (future dice, private draws), the secret last turn, the other teams'
budgets, sealed orders and private log lines, and the numbers, words and places in the log of
the changes and rolls it cannot see, and what a turn's earlier rounds did unseen (format 2 phases: covert
plays, who moved a track, gains). Everything shown to the viewer must be the same for both:
its view, its log as it reads it (in English and in Korean), its cards with their availability,
chance and effect wording, and the terminal game's orders screen. The window's orders screen is
compared in tests/ui/test_noninterference_window.py, from the same twins.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots.policies import RandomBot, make_bot, shown
from game.engine.facts import KIND as FACT
from game.engine.facts import fact_of, facts_seen, sees_fact
from game.engine.rng import derive
from game.engine.sight import sight, unseen_reads
from game.engine.state import GameState, LogEntry, TurnSoFar
from game.engine.turn import PRIVATE, legal_moves
from game.engine.view import estimate_offset, hidden_condition, redact, seen_as, track_view, unseen_plays, view
from game.report.logtext import LogWords
from game.scenario import load_scenario
from game.scenario.model import Scenario, fact_ref
from game.ui.session import HUMAN, Session
from game.ui.text import TextGame
from game.ui.wording import dice_chance, effect_preview
from tests.conftest import DATA, scenario_files
from tests.engine.games import random_game

FILES = [
    *scenario_files(),
    DATA / "secrets.yaml",
    DATA / "rules.yaml",
    DATA / "mini.yaml",
    DATA / "war-scare-1983.yaml",  # format 2: covert moves, a private event, intelligence, per-team audiences
    DATA / "matrix-ncg-2023.yaml",  # format 2: facts (one secret, set by a covert move) and an umpire who sees all
    DATA / "defcon.yaml",  # format 2 phases: a turn in rounds, so views mid-turn
    DATA / "influence.yaml",  # format 2: templates, hidden place values (the map's badges), tokens with values
    DATA / "ops.yaml",  # format 2: two resources (amounts seen by their team only), gains told privately, a cap
]
SEEDS = range(4)


@cache
def scenario_of(path: Path) -> Scenario:
    return load_scenario(path)


@cache
def game_of(path: Path, seed: int) -> tuple[tuple[GameState, tuple[tuple[LogEntry, ...], ...]], ...]:
    """Each state of a random game that still awaits orders, with the logs of the turns before it."""
    scenario = scenario_of(path)
    played = random_game(scenario, seed)
    logs: list[tuple[LogEntry, ...]] = [played[0][0].event_log]
    out = []
    for state, _, log in played:
        if not state.over:
            out.append((state, tuple(logs)))
        logs.append(log)
    return tuple(out)


# --- the twin: the same game, but for what the viewer may not see ----------------------------------


def twin_state(scenario: Scenario, state: GameState, viewer: str | None, rnd: random.Random) -> GameState:
    seed = rnd.randrange(2**32)
    moved = evolve(state, seed=seed, learned=twin_learned(scenario, state, viewer, rnd))
    tracks = dict(state.tracks)
    for ref, track in scenario.all_tracks.items():
        seen = seen_as(scenario, state, ref, viewer)  # as the scenario says, or better where it learnt more
        if seen == "none":
            tracks[ref] = rnd.randint(track.min, track.max)
        elif seen == "estimate":  # any value whose range, with the new seed's draw, is the one the viewer sees
            shown = track_view(scenario, state, ref, viewer)
            width = 2 * track.estimate
            same = [
                value
                for value in range(track.min, track.max + 1)
                if track_view(scenario, evolve(moved, tracks={**tracks, ref: value}), ref, viewer) == shown
            ]
            assert same, f"no value of {ref} gives the range {shown} with offset {estimate_offset(moved, ref, width)}"
            tracks[ref] = rnd.choice(same)
    for fact in scenario.facts:  # format 2: a fact the viewer does not read may be true or not
        if not sees_fact(scenario, fact, viewer):
            tracks[fact_ref(fact)] = rnd.randint(0, 1)
    low, high = scenario.turn_range
    budgets = {
        key: (b if seen_amount(scenario, key, viewer) else rnd.randint(0, 9)) for key, b in state.budgets.items()
    }
    return evolve(
        moved,
        tracks=tracks,
        end_turn=rnd.randint(max(low, state.turn), high),
        budgets=budgets,
        event_log=twin_log(scenario, state.event_log, viewer, rnd),
        so_far=twin_so_far(scenario, state, viewer, rnd),
        **twin_plays(scenario, state, viewer, rnd),
    )


def twin_so_far(scenario: Scenario, state: GameState, viewer: str | None, rnd: random.Random) -> TurnSoFar | None:
    """This turn's earlier rounds (format 2 phases) with what the viewer did not see made up: the covert
    plays it was not shown (their kinds' counts with them, their places among the plays, the interactions
    they took part in), who moved a track whose mover it is not told (anyone's, once a covert play is
    hidden from it), and the gains of resources it is not told of."""
    so_far = state.so_far
    if so_far is None or viewer in scenario.umpires:
        return so_far
    covert, _ = unseen_plays(scenario, viewer)
    played = {m: n for m, n in so_far.played.items() if m not in covert}
    kinds = dict(so_far.kinds)
    led = [(m, a) for m, a in so_far.led if m not in covert]
    for move_id in sorted(covert):
        now = rnd.randint(0, 2)
        kind = scenario.moves[move_id].kind
        kinds[kind] = kinds.get(kind, 0) - so_far.played.get(move_id, 0) + now
        if now:
            played[move_id] = now
        for _ in range(now):
            led.insert(rnd.randint(0, len(led)), (move_id, rnd.choice(scenario.moves[move_id].by)))
    refs = [*scenario.all_tracks, *(fact_ref(f) for f in scenario.facts)]

    def told_who(ref: str) -> bool:  # the viewer's log says who moved it: never once a play is hidden from it
        return not covert and blame_seen(scenario, ref, viewer)

    def blamed(told: dict[str, str]) -> dict[str, str]:
        kept = {ref: who for ref, who in told.items() if told_who(ref)}
        for ref in refs:
            if not told_who(ref) and rnd.random() < 0.3:
                kept[ref] = rnd.choice([*scenario.actors])
        return kept

    fired = frozenset(
        i
        for i, inter in scenario.interactions.items()
        if (i in so_far.fired if not covert.intersection(inter.when) else rnd.random() < 0.5)
    )
    gained = {key: n for key, n in so_far.gained.items() if seen_amount(scenario, key, viewer)}
    for key in state.budgets:
        if not seen_amount(scenario, key, viewer) and rnd.random() < 0.5:
            gained[key] = rnd.randint(1, 3)
    return TurnSoFar(
        played,
        {k: n for k, n in kinds.items() if n},
        blamed(so_far.raised_by),
        blamed(so_far.lowered_by),
        tuple(led),
        fired,
        gained,
    )


def blame_seen(scenario: Scenario, ref: str, viewer: str | None) -> bool:
    """Whether the viewer's log says who moved a track (one it sees exactly) or set a fact (one it reads)."""
    if ref in scenario.all_tracks:
        return sight(scenario, ref, viewer) == "exact"
    return any(fact_ref(f) == ref and sees_fact(scenario, f, viewer) for f in scenario.facts)


def seen_amount(scenario: Scenario, key: str, viewer: str | None) -> bool:
    """Whether the viewer sees an amount of GameState.budgets ("actor", or "actor:resource" in format 2):
    its own, and every team's of a public resource."""
    actor, _, rid = key.partition(":")
    resource = scenario.resources.get(rid or scenario.resource_ids[0])
    return actor == viewer or (resource is not None and resource.visible == "public")


def twin_learned(scenario: Scenario, state: GameState, viewer: str | None, rnd: random.Random) -> dict[str, int]:
    """The viewer's own intelligence kept; what the other teams learnt, made up."""
    mine = {key: width for key, width in state.learned.items() if key.split(":", 1)[0] == viewer}
    for actor in scenario.actors:
        if actor != viewer and rnd.random() < 0.5:
            mine[f"{actor}:{rnd.choice([*scenario.all_tracks])}"] = rnd.randint(0, 3)
    return mine


def twin_plays(scenario: Scenario, state: GameState, viewer: str | None, rnd: random.Random) -> dict:
    """Other counts of the covert plays the viewer does not see (the kinds' counts moving with them),
    and other private events of this turn among those it is not told of."""
    covert, private = unseen_plays(scenario, viewer)
    ever, last, kinds = dict(state.ever), dict(state.last_played), dict(state.last_kinds)
    for move_id in sorted(covert):
        now = rnd.randint(0, 2)
        kind = scenario.moves[move_id].kind
        kinds[kind] = kinds.get(kind, 0) + now - last.get(move_id, 0)
        last[move_id] = now
        ever[move_id] = now + rnd.randint(0, 3)
    events = tuple(e for e in state.events if e not in private) + tuple(
        e for e in sorted(private) if rnd.random() < 0.5
    )
    return {"ever": ever, "last_played": last, "last_kinds": {k: n for k, n in kinds.items() if n}, "events": events}


def secret(scenario: Scenario, entry: LogEntry, viewer: str | None) -> bool:
    """Whether a log entry is, as a whole or in its numbers, none of the viewer's business."""
    if viewer in scenario.umpires:  # format 2's umpire reads everything
        return False
    if entry.kind == FACT:  # a fact it does not read, or one set by a play it did not see (told without it)
        return not sees_fact(scenario, fact_of(entry), viewer) or not stays(entry, viewer)
    if entry.kind == PRIVATE:
        return entry.actor != viewer
    if entry.audience is not None and viewer not in entry.audience:  # a covert play, a private event
        return True
    if entry.track is not None:
        return sight(scenario, entry.track, viewer) != "exact"
    if entry.kind == "roll" and entry.source in scenario.moves:
        roll = scenario.moves[entry.source].roll
        return roll is not None and bool(unseen_reads(scenario, roll.plus, viewer))
    return False


def scrambled(scenario: Scenario, entry: LogEntry, rnd: random.Random, viewer: str | None) -> LogEntry:
    """A secret entry with other numbers, words, move and actor (a roll keeps its public dice and verdict)."""
    if entry.kind == FACT:
        source = rnd.choice([*scenario.moves, None])
        if sees_fact(scenario, fact_of(entry), viewer):  # the fact is told; its cause is not
            return entry._replace(actor=rnd.choice([*scenario.actors, None]), source=source)
        unread = [f for f in scenario.facts if not sees_fact(scenario, f, viewer)]
        other = rnd.choice(unread)
        args = ((entry.args[0][0], entry.args[0][1]._replace(id=other)),)  # type: ignore[union-attr]
        return entry._replace(args=args, success=rnd.random() < 0.5, source=source)
    if entry.kind == "roll" and stays(entry, viewer):
        return entry._replace(message=f"rolled with a modifier of {rnd.randint(-9, 9)}", args=())
    if entry.kind == PRIVATE:  # still another team's line
        secret_line = f"a secret of {entry.actor}: {rnd.random()}"
        return entry._replace(message=secret_line, args=(), source=rnd.choice([*scenario.moves]))
    return entry._replace(
        message=f"something secret {rnd.random()}",
        args=(),
        actor=rnd.choice([*scenario.actors, None]),
        source=rnd.choice([*scenario.moves, None]),
        before=rnd.randint(-5, 15),
        after=rnd.randint(-5, 15),
    )


def twin_log(
    scenario: Scenario, log: tuple[LogEntry, ...], viewer: str | None, rnd: random.Random
) -> tuple[LogEntry, ...]:
    """The log with each secret entry scrambled; a change or a private line also moves to another place
    within its turn (a roll stays: that the dice were rolled, and when, is public; its numbers are not)."""
    out: list[LogEntry] = []

    def placed(entry: LogEntry) -> bool:  # stays where it is: a public roll, with its numbers secret
        return entry.kind == "roll" and stays(entry, viewer)

    for turn in dict.fromkeys(e.turn for e in log):
        entries = [e for e in log if e.turn == turn]
        kept = [
            scrambled(scenario, e, rnd, viewer) if placed(e) and secret(scenario, e, viewer) else e for e in entries
        ]
        public = [e for e in kept if placed(e) or not secret(scenario, e, viewer)]
        for entry in kept:
            if not placed(entry) and secret(scenario, entry, viewer):
                public.insert(rnd.randint(0, len(public)), scrambled(scenario, entry, rnd, viewer))
        out.extend(public)
    return tuple(out)


def stays(entry: LogEntry, viewer: str | None) -> bool:
    """Whether the viewer may know that this entry happened, and when (a covert play's roll it may not)."""
    return entry.audience is None or viewer in entry.audience


def sealed_orders(scenario: Scenario, state: GameState, viewer: str | None, rnd: random.Random) -> dict:
    """Some legal orders of every other team, given already and waiting for the reveal."""
    return {
        actor: [o for o in legal_moves(scenario, state, actor) if o.offer is None and rnd.random() < 0.3][:2]
        for actor in scenario.actors
        if actor != viewer
    }


# --- what the viewer is shown ---------------------------------------------------------------


def shown_view(scenario: Scenario, state: GameState, actor: str) -> tuple:
    v = view(scenario, state, actor)
    return (
        v.actor,
        v.turn,
        v.turn_range,
        dict(v.tracks),
        v.budget,
        v.orders,
        v.offers_to_me,
        v.my_offers,
        v.agreements,
        v.tokens,
        v.events,
        v.event_log,
        v.outcome,
        dict(v.plays),
        dict(v.ever),
        dict(v.last_played),
        dict(v.last_kinds),
        v.facts,
        v.round,
        v.so_far,  # this turn's earlier rounds (format 2 phases), as the viewer saw them
    )


def shown_log(scenario: Scenario, logs: tuple[tuple[LogEntry, ...], ...], viewer: str | None) -> list:
    entries = redact(scenario, viewer, [e for log in logs for e in log])
    korean = LogWords(scenario, "ko")
    return [(e, korean.entry(e)) for e in entries]


def shown_cards(scenario: Scenario, state: GameState, actor: str) -> list:
    v = view(scenario, state, actor)
    cards = []
    for move_id in scenario.moves_of(actor):
        move = scenario.moves[move_id]
        chance = dice_chance(scenario, move, v) if move.roll is not None else ""
        offered = any(o.move == move_id and o.offer is None for o in v.orders)
        cards.append(
            (move_id, offered, hidden_condition(scenario, actor, move), effect_preview(scenario, move, v), chance)
        )
    return cards


def session_of(scenario: Scenario, state: GameState, logs: tuple[tuple[LogEntry, ...], ...], orders: dict) -> Session:
    """A hot-seat session at this state: every seat a team, the other teams' orders already sealed."""
    session = Session(scenario, dict.fromkeys(scenario.actors, HUMAN), 0)
    session.states = [state]
    session.logs = list(logs)
    session.orders = {actor: list(given) for actor, given in orders.items()}
    return session


def text_orders_screen(session: Session, actor: str) -> str:
    """The terminal game's orders screen for a team: it reads a card's details, picks the first card
    (or is told why not), answers every offer with its first choice, and seals."""
    picks: Iterator[str] = iter(["i 1", "1", "i 2", ""])

    def ask(prompt: str) -> str:
        if "answer" in prompt:
            return "1"
        if prompt.startswith("Card number"):
            return next(picks, "")
        return "y" if "y/N" in prompt else ""

    out = io.StringIO()
    chosen = TextGame(session=session, ask=ask, out=out).human_orders(actor)
    return out.getvalue() + repr(chosen)


# --- the property ---------------------------------------------------------------------------


def pair(data: st.DataObject, path: Path | None = None) -> tuple[Scenario, str, tuple, tuple]:
    """A scenario (``path``, or one drawn), a viewer, a state of a random game and its twin for the viewer:
    each as (state, logs of the turns so far, the other teams' sealed orders)."""
    if path is None:
        path = data.draw(st.sampled_from(FILES), label="scenario")
    scenario = scenario_of(path)
    states = game_of(path, data.draw(st.sampled_from(SEEDS), label="seed"))
    state, logs = states[data.draw(st.integers(0, len(states) - 1), label="turn")]
    viewer = data.draw(st.sampled_from(sorted(scenario.actors)), label="viewer")
    rnd = random.Random(data.draw(st.integers(0, 2**32), label="twin"))
    twin = twin_state(scenario, state, viewer, rnd)
    twin_logs = tuple(twin_log(scenario, log, viewer, rnd) for log in logs)
    original = (state, logs, sealed_orders(scenario, state, viewer, rnd))
    return scenario, viewer, original, (twin, twin_logs, sealed_orders(scenario, state, viewer, rnd))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_a_team_cannot_see_changes_nothing_it_is_shown(path, data):
    scenario, viewer, (state, logs, orders), (twin, twin_logs, twin_orders) = pair(data, path)
    assert shown_view(scenario, twin, viewer) == shown_view(scenario, state, viewer)
    assert shown_log(scenario, twin_logs, viewer) == shown_log(scenario, logs, viewer)
    assert shown_cards(scenario, twin, viewer) == shown_cards(scenario, state, viewer)
    screen = text_orders_screen(session_of(scenario, state, logs, orders), viewer)
    assert text_orders_screen(session_of(scenario, twin, twin_logs, twin_orders), viewer) == screen
    assert bot_orders(scenario, twin, viewer) == bot_orders(scenario, state, viewer)


def bot_orders(scenario: Scenario, state: GameState, actor: str) -> list:
    """What the team's bot orders, and a random bot: bots read views, so a secret cannot steer them
    (beliefs included); a random bot is shown only its cards (orders_view), as games show it."""
    chosen = []
    for bot in (make_bot(scenario.actors[actor].bot, scenario), RandomBot()):
        seen = shown(bot)(scenario, state, actor)
        chosen.append(bot.choose(scenario, seen, derive(7, state.turn, f"bot:{actor}", state.dice)))
    return chosen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_what_nobody_can_see_changes_nothing_the_projector_shows(data):
    """The class at large (the projector, the terminal's public lines) sees no team's secret."""
    path = data.draw(st.sampled_from(FILES), label="scenario")
    scenario = scenario_of(path)
    states = game_of(path, data.draw(st.sampled_from(SEEDS), label="seed"))
    state, logs = states[data.draw(st.integers(0, len(states) - 1), label="turn")]
    rnd = random.Random(data.draw(st.integers(0, 2**32), label="twin"))
    twin = twin_state(scenario, state, None, rnd)
    twin_logs = tuple(twin_log(scenario, log, None, rnd) for log in logs)
    assert shown_log(scenario, twin_logs, None) == shown_log(scenario, logs, None)
    assert facts_seen(scenario, twin, None) == facts_seen(scenario, state, None)
    for ref in scenario.all_tracks:
        assert track_view(scenario, twin, ref, None) == track_view(scenario, state, ref, None)


def test_the_twins_do_differ_in_the_secrets():
    """The property is not empty: the probe's twins change hidden values and move secret log lines."""
    scenario = scenario_of(DATA / "secrets.yaml")
    rnd = random.Random(1)
    changed = 0
    for state, _ in game_of(DATA / "secrets.yaml", 0):
        twin = twin_state(scenario, state, "blue", rnd)
        changed += twin.tracks["red.power"] != state.tracks["red.power"]
        changed += twin.tracks["red.alert"] != state.tracks["red.alert"]
    assert changed >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_scenario_has_states_to_pair(path):
    assert game_of(path, 0)


def test_the_twins_differ_in_the_secret_facts_too():
    """Format 2: a fact a team does not read (the DPRK's secret launch preparation) is flipped in its twins."""
    path = DATA / "matrix-ncg-2023.yaml"
    scenario = scenario_of(path)
    rnd = random.Random(2)
    flipped = 0
    for state, _ in game_of(path, 0):
        twin = twin_state(scenario, state, "usa", rnd)
        flipped += twin.tracks[fact_ref("launch_ready")] != state.tracks[fact_ref("launch_ready")]
        assert twin.tracks[fact_ref("declaration")] == state.tracks[fact_ref("declaration")]  # a public fact stays
    assert flipped > 0


def test_the_twins_differ_in_what_a_turns_earlier_rounds_did_unseen():
    """Format 2 phases: the covert plays of a turn's earlier rounds, hidden from a team, differ in its
    twins (their counts and their places among the plays), and so does who moved what."""
    path = DATA / "matrix-ncg-2023.yaml"
    scenario = scenario_of(path)
    rnd = random.Random(3)
    plays = blame = mid_turn = 0
    for seed in SEEDS:
        for state, _ in game_of(path, seed):
            if state.so_far is None:
                continue
            mid_turn += 1
            for viewer in scenario.actors:
                if not unseen_plays(scenario, viewer)[0]:  # no covert move is hidden from this team
                    continue
                twin = twin_state(scenario, state, viewer, rnd).so_far
                assert twin is not None
                plays += (twin.played, twin.led) != (state.so_far.played, state.so_far.led)
                blame += (twin.raised_by, twin.lowered_by) != (state.so_far.raised_by, state.so_far.lowered_by)
    assert mid_turn and plays and blame
