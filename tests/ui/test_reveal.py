"""The reveal ends with a summary of the turn that agrees with the log, move by move."""

from __future__ import annotations

from game.bots.match import parse_bots, play_game
from game.scenario import load_scenario
from game.ui.scenes.play import turn_summary
from tests.conftest import SCENARIOS


def test_the_end_of_turn_summary_is_each_tracks_net_change_without_next_turns_events():
    scenario = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    game = play_game(scenario, 3, parse_bots(scenario, "objective"), keep_logs=True)
    for turn in range(1, game.turns):
        before = next(s for s in _states(scenario, game) if s.turn == turn)
        log = game.logs[turn]
        lines = [entry.text for entry in turn_summary(scenario, before, log, game.final)]
        assert lines[0] == f"End of turn {turn}: where things stand"
        net = dict(before.tracks)
        for entry in log:
            if entry.kind == "change" and entry.turn == turn:
                net[entry.track] = entry.after
        for ref, track in scenario.all_tracks.items():
            label = scenario.track_label[ref]
            if net[ref] == before.tracks[ref]:
                assert not any(line.startswith(f"{label}:") for line in lines[1:])
            elif track.visible == "public":
                delta = net[ref] - before.tracks[ref]
                assert f"{label}: {before.tracks[ref]} → {net[ref]} ({delta:+d})" in lines
            else:
                assert f"{label}: changed (not public)" in lines


def _states(scenario, game):
    from game.engine.save import replay

    return replay(scenario, game.save).states
