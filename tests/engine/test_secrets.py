"""Each leak of hidden information that issue 14 found, with the probe scenario tests/data/secrets.yaml:
Red's Power is hidden (others see a range), its Alert is Red's own (others see nothing)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from attrs import evolve

from game.engine.rng import chance_of_success
from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import redact, track_view, view
from game.scenario import load_scenario
from game.ui.wording import dice_chance, effect_preview
from tests.conftest import DATA
from tests.engine.games import random_game


@pytest.fixture(scope="module")
def secrets():
    return load_scenario(DATA / "secrets.yaml")


def test_a_roll_whose_modifier_reads_an_owner_track_shows_others_neither_modifier_nor_total(secrets):
    """'rolled 1+6 +3 (USSR Soviet alert ÷ 2)' told the other side the value was 6 or 7."""
    state = evolve(new_game(secrets, 5), turn=2)
    result = resolve_turn(secrets, state, {"blue": [Order("strike")]})
    (roll,) = [e for e in result.log if e.kind == "roll"]
    assert "Alert" in roll.text  # the teacher's full log says it
    for viewer in ("blue", None):
        (shown,) = [e for e in redact(secrets, viewer, result.log) if e.kind == "roll"]
        assert "alert" not in shown.text.lower() and " = " not in shown.text
        assert "plus a modifier you cannot see, against 7" in shown.text
    (own,) = [e for e in redact(secrets, "red", result.log) if e.kind == "roll"]
    assert own.text == roll.text


def test_a_hidden_tracks_range_is_the_same_for_every_viewer_and_moves_only_with_the_value(secrets):
    """Ranges re-drawn each turn and for each viewer (true 5 shown as 4-8, 3-7, 5-9) pinned the value."""
    moved = 0
    for seed in range(12):
        ranges = []
        for state, _, _ in random_game(secrets, seed):
            for_blue = track_view(secrets, state, "red.power", "blue")
            assert for_blue == track_view(secrets, state, "red.power", None)  # the projector sees the same
            assert for_blue.low <= state.tracks["red.power"] <= for_blue.high
            ranges.append((state.tracks["red.power"], for_blue.low, for_blue.high))
        for (before, low, high), (after, low2, high2) in pairwise(ranges):
            if before == after:
                assert (low, high) == (low2, high2)  # nothing moved the value: the range stays put
            else:
                moved += 1
    assert moved > 5  # the games did move the value, so the test saw ranges follow it


def test_a_card_reading_another_teams_secret_is_offered_whatever_the_secret_and_fails_privately(secrets):
    """Inspection needs Red's Power >= 6: it appeared exactly when the hidden value crossed 6."""
    state = evolve(new_game(secrets, 1), turn=2, events=(), event_log=())
    low, high = (evolve(state, tracks={**state.tracks, "red.power": v}) for v in (5, 7))
    assert Order("inspect") in view(secrets, low, "blue").orders
    assert view(secrets, low, "blue").orders == view(secrets, high, "blue").orders
    assert Order("inspect") not in view(secrets, new_game(secrets, 1), "blue").orders  # turn 1: Blue sees it fails
    words = effect_preview(secrets, secrets.moves["inspect"], view(secrets, low, "blue"))
    assert "depends on something you cannot see" in words

    failed = resolve_turn(secrets, low, {"blue": [Order("inspect")]})
    assert failed.state.tracks["blue.trust"] == low.tracks["blue.trust"]  # it did not happen
    said = [e.text for e in redact(secrets, "blue", failed.log)]
    assert "Inspection did not happen: its condition did not hold." in said
    for other in ("red", None):
        assert not any("Inspection" in e.text for e in redact(secrets, other, failed.log))
    worked = resolve_turn(secrets, high, {"blue": [Order("inspect")]})
    assert worked.state.tracks["blue.trust"] == high.tracks["blue.trust"] + 1


def test_the_validator_warns_of_a_condition_that_reads_another_teams_secret(secrets):
    warned = {w.line: w.message for w in secrets.warnings if "secret" in w.message}
    lines = (DATA / "secrets.yaml").read_text(encoding="utf-8").splitlines()
    inspect, bluff = (
        lines.index(f'    requires: "{text}"') + 1 for text in ("turn >= 2 and red.power >= 6", "blue.resolve <= 3")
    )
    assert "'inspect' reads another team's secret 'red.power', which 'blue' cannot see" in warned[inspect]
    assert "'call_bluff' reads another team's secret 'blue.resolve', which 'red' cannot see" in warned[bluff]
    assert len(warned) == 2


def test_the_log_does_not_say_which_move_changed_a_hidden_track(secrets):
    state = evolve(new_game(secrets, 2), events=(), event_log=())
    orders = {"red": [Order("build"), Order("talk")], "blue": [Order("talk")]}
    log = [e for e in resolve_turn(secrets, state, orders).log if e.turn == 1]  # not turn 2's event cards
    for viewer in ("blue", None):
        shown = redact(secrets, viewer, log)
        hidden = [e for e in shown if e.track in ("red.power", "red.alert")]
        assert [e.text for e in hidden] == ["R Power changed (hidden).", "R Alert changed (hidden)."]
        assert all(e.source is None and e.actor is None and e.before is None for e in hidden)
        assert shown[-2:] == tuple(hidden)  # after every line of the turn, not beside the move that did it
        assert "Build up" in " ".join(e.text for e in shown)  # the move itself is public
    assert any(e.text.startswith("R Power 5 → 6") for e in redact(secrets, "red", log))


def test_a_cards_chance_never_counts_an_unseen_owner_track_as_0(secrets):
    """Strike adds Red's Alert // 2 - 3: counted as 0 it showed 3%, the truth (Alert 4) is 42%."""
    shown = dice_chance(secrets, secrets.moves["strike"], view(secrets, new_game(secrets, 1), "blue"))
    worst, best = (round(chance_of_success(2, 6, 7 - plus) * 100) for plus in (-3, 2))  # Alert 0..10
    assert shown == f"dice: {worst}–{best}% success"
    own = dice_chance(secrets, secrets.moves["strike"], view(secrets, new_game(secrets, 1), "red"))
    assert own == f"dice: {round(chance_of_success(2, 6, 7 + 1) * 100)}% success"  # Red may not play it, but sees


def test_only_the_team_whose_card_failed_reads_why_on_its_next_orders_screen(secrets):
    from tests.engine.test_noninterference import session_of, text_orders_screen

    state = evolve(new_game(secrets, 1), turn=2, events=(), event_log=())
    state = evolve(state, tracks={**state.tracks, "red.power": 5})
    result = resolve_turn(secrets, state, {"blue": [Order("inspect")]})
    logs = (state.event_log, result.log)
    line = "Only your team sees this: Inspection did not happen: its condition did not hold."
    assert line in " ".join(text_orders_screen(session_of(secrets, result.state, logs, {}), "blue").split())
    assert "Inspection did not happen" not in text_orders_screen(session_of(secrets, result.state, logs, {}), "red")


def test_a_bot_guesses_a_track_it_cannot_see_at_all_as_the_middle_of_its_limits(secrets):
    """Not as 0 (or 0.5): a bot weighing Strike's dice would count Red's Alert as nothing."""
    from game.engine.view import guesses

    state = new_game(secrets, 1)
    assert guesses(view(secrets, state, "blue"))["red.alert"] == 5.0  # Alert runs from 0 to 10
    assert guesses(view(secrets, state, "red"))["red.alert"] == 4.0  # its own: the value


def test_a_counter_offer_reading_another_teams_secret_is_offered_whatever_it_is_and_fails_privately(secrets):
    offered = resolve_turn(secrets, evolve(new_game(secrets, 1), event_log=()), {"blue": [Order("propose")]}).state
    low, high = (evolve(offered, tracks={**offered.tracks, "blue.resolve": v}) for v in (3, 5))
    (offer,) = low.offers
    counter = Order("call_bluff", offer.id, "counter")
    assert counter in view(secrets, high, "red").orders
    assert view(secrets, low, "red").orders == view(secrets, high, "red").orders
    failed = resolve_turn(secrets, high, {"red": [counter]})
    assert not any(e.kind == "move" and e.source == "call_bluff" for e in failed.log)  # it did not happen
    assert not any(e.kind == "change" and e.source == "call_bluff" for e in failed.log)
    assert "Call the bluff did not happen: its condition did not hold." in [
        e.text for e in redact(secrets, "red", failed.log)
    ]
    assert not any("did not happen" in e.text for e in redact(secrets, "blue", failed.log))
    worked = resolve_turn(secrets, low, {"red": [counter]})
    assert any(e.kind == "move" and e.source == "call_bluff" for e in worked.log)


def test_a_roll_told_without_its_modifier_is_said_in_korean_too(secrets):
    from game.report.logtext import LogWords

    state = evolve(new_game(secrets, 5), turn=2)
    result = resolve_turn(secrets, state, {"blue": [Order("strike")]})
    (shown,) = [e for e in redact(secrets, "blue", result.log) if e.kind == "roll"]
    korean = LogWords(secrets, "ko").entry(shown)
    faces = "+".join(map(str, shown.dice or ()))
    # said in Korean, with the dice and the target but no number for the modifier
    assert korean.startswith("Strike: ") and "rolled" not in korean and "보정값" in korean
    assert f"주사위 {faces}" in korean and "목표 7" in korean
