"""The debrief data: everything that happened is in it, once, and the charts' numbers are the game's."""

from __future__ import annotations

from collections import Counter

import pytest

from game.engine.state import Intervention, Order
from game.engine.turn import intervene, new_game, resolve_turn
from game.report import build_debrief
from game.report.debrief import score_line
from game.scenario import load_scenario, load_scenario_text
from tests.conftest import DATA, SCENARIOS
from tests.report.games import bot_game

CASES = [
    (DATA / "mini.yaml", "random"),
    (DATA / "rules.yaml", "random"),
    (SCENARIOS / "washington-declaration-2023.yaml", None),
    (SCENARIOS / "washington-declaration-2023.yaml", "random"),
]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0].stem}-{c[1] or 'default'}")
def case(request):
    path, bots = request.param
    return load_scenario(path), bots


@pytest.mark.parametrize("seed", range(6))
def test_every_change_in_the_log_is_in_the_timeline_exactly_once(case, seed):
    scenario, bots = case
    game = bot_game(scenario, seed, bots)
    debrief = build_debrief(scenario, game.states, game.logs)
    logged = Counter(e.text for log in game.logs for e in log if e.kind == "change")
    shown = Counter(d.text for turn in debrief.timeline for s in turn.steps for d in s.details if d.kind == "change")
    assert shown == logged
    headlines = Counter(e.text for log in game.logs for e in log if e.kind in ("event", "move", "answer"))
    steps = Counter(s.text for turn in debrief.timeline for s in turn.steps if s.kind in ("move", "answer"))
    assert steps == Counter({t: n for t, n in headlines.items() if not t.startswith("Event: ")})


@pytest.mark.parametrize("seed", range(6))
def test_each_chart_starts_at_the_start_and_ends_where_the_game_ended(case, seed):
    scenario, bots = case
    game = bot_game(scenario, seed, bots)
    final = game.states[-1]
    debrief = build_debrief(scenario, game.states, game.logs)
    assert [t.ref for t in debrief.tracks] == list(scenario.all_tracks)  # over: hidden tracks revealed
    for track in debrief.tracks:
        assert track.values[0] == scenario.all_tracks[track.ref].start
        assert track.values[-1] == final.tracks[track.ref]
        assert len(track.values) == final.outcome.turn + 1
        assert all(track.low <= v <= track.high for v in track.values)
        assert track.revealed == (scenario.all_tracks[track.ref].visible != "public")


def test_the_value_at_the_end_of_a_turn_is_the_state_before_the_next_turns_events(case):
    scenario, bots = case
    game = bot_game(scenario, 2, bots)
    debrief = build_debrief(scenario, game.states, game.logs)
    for track in debrief.tracks:
        for turn in range(1, len(track.values) - 1):
            events = [e for e in game.logs[turn] if e.turn == turn + 1 and e.track == track.ref]
            start_of_next = game.states[turn].tracks[track.ref]
            expected = events[0].before if events else start_of_next
            assert track.values[turn] == expected, (track.ref, turn)


def test_key_moments_are_the_largest_swings_in_one_turn(case):
    scenario, bots = case
    game = bot_game(scenario, 5, bots)
    debrief = build_debrief(scenario, game.states, game.logs)
    swings = sorted(
        (
            abs(t.values[i] - t.values[i - 1]) / (t.high - t.low)
            for t in debrief.tracks
            for i in range(1, len(t.values))
            if t.values[i] != t.values[i - 1]
        ),
        reverse=True,
    )
    moments = [m for m in debrief.key_moments if m.kind == "swing"]
    chosen = sorted(abs(m.delta) / (debrief.track(m.ref).high - debrief.track(m.ref).low) for m in moments)
    assert chosen == sorted(swings[: len(chosen)])
    assert len(moments) == min(5, len(swings))
    for moment in moments:
        track = debrief.track(moment.ref)
        assert (moment.before, moment.after) == (track.values[moment.turn - 1], track.values[moment.turn])
        assert moment.reasons, "a key moment says why"
    assert [m.turn for m in debrief.key_moments] == sorted(m.turn for m in debrief.key_moments)


def test_the_outcome_and_every_teams_objectives_and_score(case):
    scenario, bots = case
    game = bot_game(scenario, 3, bots)
    outcome = game.states[-1].outcome
    debrief = build_debrief(scenario, game.states, game.logs)
    assert debrief.over and debrief.ending is not None
    assert debrief.ending.name == str(scenario.endings[outcome.ending].name)
    assert [t.id for t in debrief.teams] == list(scenario.actors)
    for team in debrief.teams:
        assert team.score == outcome.scores[team.id]
        met = [o.met for o in team.objectives]
        assert met == [oid in outcome.met[team.id] for oid in scenario.actors[team.id].objectives]


def test_a_game_in_progress_shows_the_public_view_only():
    scenario = load_scenario(DATA / "rules.yaml")
    game = next(g for g in (bot_game(scenario, seed, "random") for seed in range(1, 50)) if len(g.states) > 3)
    states, logs = game.states[:3], game.logs[:3]
    debrief = build_debrief(scenario, states, logs)
    assert not debrief.over and debrief.ending is None and not debrief.revealed
    hidden = {r for r, t in scenario.all_tracks.items() if t.visible != "public"}
    assert hidden, "rules.yaml must have hidden tracks for this test"
    assert not {t.ref for t in debrief.tracks} & hidden
    details = [d for turn in debrief.timeline for s in turn.steps for d in s.details if d.ref in hidden]
    assert details, "the hidden tracks changed in these turns"
    assert all(d.before is None and d.after is None and "(hidden)" in d.text for d in details)
    assert all(o.met is None for team in debrief.teams for o in team.objectives)
    assert not [m for m in debrief.key_moments if m.ref in hidden]


def test_history_notes_come_from_the_cards_that_happened_and_the_ending():
    scenario = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    game = bot_game(scenario, 4)
    debrief = build_debrief(scenario, game.states, game.logs)
    happened = {s.source for turn in debrief.timeline for s in turn.steps if s.kind == "move" and s.happened}
    expected = {
        str(scenario.moves[m].name) for m in happened if scenario.moves[m].teach and scenario.moves[m].teach.history
    }
    titles = {note.title for note in debrief.history}
    assert expected <= titles
    never = {str(mv.name) for mid, mv in scenario.moves.items() if mid not in happened}
    assert not never & titles, "a note about a card that never came up"
    assert f"Ending: {debrief.ending.name}" in titles
    cited = {n for note in debrief.history for n in note.sources}
    assert cited == {ref.number for ref in debrief.sources}


def test_the_teachers_adjustment_is_its_own_step_with_its_change():
    scenario = load_scenario(DATA / "mini.yaml")
    game = bot_game(scenario, 1, "random")
    states, logs = list(game.states[:2]), list(game.logs[:2])
    result = intervene(scenario, states[-1], Intervention("adjust", track="tension", value=9, reason="a test"))
    states[-1], logs[-1] = result.state, (*logs[-1], *result.log)
    debrief = build_debrief(scenario, states, logs)
    steps = [s for turn in debrief.timeline for s in turn.steps if s.kind == "teacher"]
    assert len(steps) == 1
    assert [d.after for d in steps[0].details] == [9]


def test_a_game_the_teacher_ended_early_charts_its_final_values():
    scenario = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    # a game whose turn 3 opened with an event that moved a track, before the teacher ended it
    game = next(
        g
        for g in (bot_game(scenario, seed) for seed in range(40))
        if any(e.turn == 3 and e.kind == "change" for e in g.logs[2])
    )
    states, logs = list(game.states[:3]), list(game.logs[:3])
    result = intervene(scenario, states[-1], Intervention("end", reason="the bell rang"))
    states[-1], logs[-1] = result.state, (*logs[-1], *result.log)
    debrief = build_debrief(scenario, states, logs)
    assert debrief.over and debrief.turns_played == result.state.outcome.turn
    for track in debrief.tracks:
        assert track.values[-1] == result.state.tracks[track.ref]
    assert "The teacher ended the game before turn 3 (the bell rang)." in [
        s.text for turn in debrief.timeline for s in turn.steps
    ]


def test_turning_points_are_key_moments_beside_the_swings():
    """A card the author marks as a moment, the first deal and every broken deal are key moments,
    even when no number swings much: a turn-8 nuclear test must not be left out of the debrief."""
    text = (
        (DATA / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    effects: [{red.power: +1, tension: +2}]",
            "    moment: true\n    effects: [{red.power: +1, tension: +2}]",
        )
    )
    scenario = load_scenario_text(text, "moments.yaml")
    state = new_game(scenario, 1, {"blue": "human", "red": "human"})
    states, logs = [state], [state.event_log]
    for orders in ({"red": [Order("talk")]}, {"red": [Order("test")]}, {"red": [Order("test")]}):
        result = resolve_turn(scenario, states[-1], orders)
        states.append(result.state)
        logs.append(result.log)
    debrief = build_debrief(scenario, states, logs)
    firsts = [m for m in debrief.key_moments if m.kind == "first"]
    assert [(m.turn, m.label) for m in firsts] == [(2, "Missile test")]  # the first test only, not the second
    assert firsts[0].headline == "★ Turn 2: Missile test"
    assert any("Missile test" in reason for reason in firsts[0].reasons)
    turns = [(m.turn, m.kind != "swing") for m in debrief.key_moments]
    assert turns == sorted(turns, key=lambda t: (t[0], not t[1]))  # in order; a turning point before its swings


def test_a_broken_deal_is_a_key_moment():
    scenario = load_scenario(DATA / "rules.yaml")
    game = None
    for seed in range(40):
        candidate = bot_game(scenario, seed, "random")
        if any(e.kind == "agreement" and e.phase == "moves" for log in candidate.logs for e in log):
            game = candidate
            break
    assert game is not None, "random bots break a deal in some game of rules.yaml"
    debrief = build_debrief(scenario, game.states, game.logs)
    broken = [m for m in debrief.key_moments if m.kind == "deal" and m.label.startswith("A deal broken")]
    assert broken and broken[0].better is False
    assert "broke the agreement" in broken[0].reasons[0]


def test_scores_are_shown_against_the_most_a_team_could_score(case):
    scenario, bots = case
    game = bot_game(scenario, 3, bots)
    debrief = build_debrief(scenario, game.states, game.logs)
    for team in debrief.teams:
        actor = scenario.actors[team.id]
        assert team.max_score == sum(max(0, o.points) for o in actor.objectives.values())
        line = f"{team.score} of {team.max_score} point{'' if team.max_score == 1 else 's'}"
        assert score_line(team, why=False) == line
        assert score_line(team) == (f"{line} ({team.score_note})" if team.score_note else line)


def test_a_deal_broken_by_both_sides_is_one_key_moment_naming_both():
    scenario = load_scenario(DATA / "rules.yaml")
    state = new_game(scenario, 1, {"blue": "human", "red": "human"})
    states, logs = [state], [state.event_log]

    def turn(orders: dict[str, list[Order]]) -> None:
        result = resolve_turn(scenario, states[-1], orders)
        states.append(result.state)
        logs.append(result.log)

    turn({"blue": [Order("freeze")]})
    offer = states[-1].offers[0]
    turn({"red": [Order("freeze", offer.id, "accept")]})
    turn({"red": [Order("test")], "blue": [Order("drill")]})
    debrief = build_debrief(scenario, states, logs)
    deals = [m for m in debrief.key_moments if m.kind == "deal"]
    assert [(m.turn, m.label) for m in deals] == [
        (2, "A first deal: Freeze for freeze"),
        (3, "A deal broken by both sides: Freeze for freeze"),
    ]
    assert any("Blue broke" in r for r in deals[1].reasons) and any("Red broke" in r for r in deals[1].reasons)


def test_a_late_marked_moment_is_never_crowded_out_by_early_deals(monkeypatch):
    """Deals struck and broken early must not push a last-turn nuclear test out of the debrief."""
    from game.report import debrief as module

    monkeypatch.setattr(module, "MILESTONES", 2)  # room for two turning points
    text = (DATA / "rules.yaml").read_text(encoding="utf-8")
    scenario = load_scenario_text(text.replace("    limit: 2\n", "    limit: 2\n    moment: true\n", 1), "late.yaml")
    assert scenario.moves["test"].moment
    state = new_game(scenario, 1, {"blue": "human", "red": "human"})
    states, logs = [state], [state.event_log]

    def turn(orders: dict[str, list[Order]]) -> None:
        result = resolve_turn(scenario, states[-1], orders)
        states.append(result.state)
        logs.append(result.log)

    turn({"blue": [Order("freeze")]})
    offer = states[-1].offers[0]
    turn({"red": [Order("freeze", offer.id, "accept")], "blue": [Order("drill")]})  # a first deal, broken at once
    turn({"red": [Order("test")]})  # the marked card, last
    debrief = build_debrief(scenario, states, logs)
    turning = [(m.turn, m.label) for m in debrief.key_moments if m.kind != "swing"]
    assert turning == [(2, "A first deal: Freeze for freeze"), (3, "Test")]  # the broken deal gives way, not the test


def test_after_the_game_the_debrief_marks_what_was_secret_and_who_knew():
    """A covert exercise or a private event was hidden in play; the debrief shows it, saying it was secret."""
    scenario = load_scenario(DATA / "war-scare-1983.yaml")
    for seed in range(40):
        game = bot_game(scenario, seed, "random")
        private = [e for log in game.logs for e in log if e.audience is not None and e.kind in ("move", "event")]
        if private:
            break
    assert private, "no random game of the war scare played a covert move"
    debrief = build_debrief(scenario, game.states, game.logs, lang="en")
    steps = [s for turn in debrief.timeline for s in turn.steps]
    secret = {s.text: s.secret for s in steps if s.secret}
    for entry in private:
        names = [str(scenario.actors[a].short or scenario.actors[a].name) for a in entry.audience]
        marked = [text for step_text, text in secret.items() if entry.text in step_text or step_text in entry.text]
        assert marked and all(name in marked[0] for name in names), entry.text
    public = [e for log in game.logs for e in log if e.audience is None and e.kind == "move"]
    assert all(not s.secret for s in steps if s.kind == "move" and any(e.text == s.text for e in public))


def test_the_debrief_says_which_team_learnt_what_its_intelligence_told_it():
    # the class reads the debrief together: a private line of intelligence names its team, never "you"
    from game.i18n import pick, speaking

    scenario = load_scenario(DATA / "war-scare-1983.yaml")
    state = new_game(scenario, 3)
    states, logs = [state], [state.event_log]
    turns = [{"nato": [Order("sigint")]}, {"ussr": [Order("ryan")]}]
    while state.outcome is None:  # the debrief reveals the secrets once the game is over
        result = resolve_turn(scenario, state, turns.pop(0) if turns else {})
        state = result.state
        states.append(state)
        logs.append(result.log)
    for lang in ("en", "ko"):
        with speaking(lang):
            debrief = build_debrief(scenario, states, logs)
            nato, ussr = (pick(scenario.actors[a].name) for a in ("nato", "ussr"))
        lines = [d.text for turn in debrief.timeline for step in turn.steps for d in step.details]
        learnt = [line for line in lines if "Intelligence" in line or "첩보" in line]
        assert len(learnt) == 2, lines
        assert nato in learnt[0] and ussr in learnt[1]
        assert not any("you" in line.lower() or "당신" in line for line in learnt)
