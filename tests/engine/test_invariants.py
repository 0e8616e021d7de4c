"""Properties that hold in every game: determinism, bounds, and a log that explains every change."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.bots.match import parse_bots, play_game
from game.engine import new_game
from game.engine.save import replay
from game.scenario import load_scenario
from tests.conftest import DATA, scenario_files

SCENARIOS = [DATA / "mini.yaml", DATA / "rules.yaml", *scenario_files()]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def scenario(request):
    return load_scenario(request.param)


@pytest.mark.parametrize("bots", ["random", "objective", "objective:hawk"])
def test_the_same_seed_and_orders_give_the_same_game(scenario, bots):
    seats = parse_bots(scenario, bots)
    for seed in range(5):
        first = play_game(scenario, seed, seats, keep_logs=True)
        second = play_game(scenario, seed, seats, keep_logs=True)
        assert first.final == second.final
        assert first.logs == second.logs


def test_different_seeds_give_different_games(scenario):
    seats = parse_bots(scenario, "random")
    finals = {tuple(sorted(play_game(scenario, seed, seats).final.tracks.items())) for seed in range(20)}
    assert len(finals) > 1


@settings(max_examples=40)
@given(seed=st.integers(min_value=0, max_value=2**48), bots=st.sampled_from(["random", "objective:hawk"]))
def test_tracks_stay_in_bounds_and_every_change_is_in_the_log(scenario, seed, bots):
    game = play_game(scenario, seed, parse_bots(scenario, bots))
    replayed = replay(scenario, game.save)
    states, logs = replayed.states, replayed.logs
    assert states[-1] == game.final
    for before, after, log in zip(states[:-1], states[1:], logs[1:], strict=True):
        running = dict(before.tracks)
        for entry in log:
            if entry.kind == "change":
                assert entry.track is not None
                assert entry.before == running[entry.track], entry.text
                running[entry.track] = entry.after
        assert running == after.tracks, "a track changed without a log entry saying why"
        for ref, value in after.tracks.items():
            track = scenario.all_tracks[ref]
            assert track.min <= value <= track.max, ref


def test_every_game_ends_with_an_outcome_within_the_turn_limit(scenario):
    _low, high = scenario.turn_range
    seats = parse_bots(scenario, "random")
    for seed in range(30):
        game = play_game(scenario, seed, seats)
        assert game.final.outcome is not None
        assert 1 <= game.turns <= high


def test_an_uncertain_end_varies_between_games_within_its_range():
    scenario = load_scenario(DATA / "mini.yaml")  # turns: {min: 3, max: 4}
    ends = {new_game(scenario, seed).end_turn for seed in range(40)}
    assert ends == {3, 4}
