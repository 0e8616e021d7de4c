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


def test_each_move_turns_its_card_over_then_rolls_its_dice_then_says_what_it_did(tmp_path):
    from tests.ui.pilot import FLAGSHIP, launched

    with launched(tmp_path) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats["dprk"] = "strategy:dprk_talk_and_build"  # tests a missile on turn 1: a move with dice
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        app.resolve()
        reveal = pilot.scene
        rolled = [i for i, step in enumerate(reveal.steps) if any(e.dice for e in step)]  # type: ignore[attr-defined]
        assert rolled, "the bots' first turn has a move with dice"
        while reveal.step < rolled[0]:  # type: ignore[attr-defined]
            reveal.advance()  # type: ignore[attr-defined]
        step = reveal.steps[reveal.step]  # type: ignore[attr-defined]
        roll = next(e for e in step if e.dice)
        effects = [e.text for e in step[1:] if e.kind == "change"]

        turning = pilot.screen_lines()  # the card is still face down: nothing has happened yet
        assert step[0].text in " ".join(turning)
        assert not any(text in turning for text in effects)
        assert "Success" not in turning and "Failure" not in turning

        pilot.step(reveal.FLIP_SECONDS + 0.05)  # type: ignore[attr-defined]
        tumbling = pilot.screen_lines()  # face up; the dice are rolling
        assert not any(text in tumbling for text in effects)

        frames = pilot.settle()
        assert frames > 0
        settled = pilot.screen_lines()
        assert ("Success" if roll.success else "Failure") in settled
        assert all(text in settled for text in effects)
        assert not pilot.step(), "nothing moves once the step has played: no busy loop"


def test_a_rolls_verdict_is_the_one_in_its_log_line():
    scenario = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    game = play_game(scenario, 4, parse_bots(scenario, "objective,dprk=strategy:dprk_talk_and_build"), keep_logs=True)
    rolls = [e for log in game.logs for e in log if e.kind == "roll"]
    assert rolls
    for entry in rolls:
        assert entry.success is (": success." in entry.text)
        assert "//" not in entry.text and "." not in entry.text.split(" = ")[0]  # track labels, not author syntax
    assert any("DPRK Belief in US resolve ÷ 2" in entry.text for entry in rolls)
