"""The rules of a turn, each checked on tests/data/rules.yaml as a player would see it."""

import pytest

from game.engine import GameOverError, IllegalOrderError, Order, legal_moves, new_game, resolve_turn, view
from game.engine.state import GameState
from game.engine.view import Risk, agreements_at_risk, redact
from tests.conftest import DATA


def play(rules, state: GameState, **orders: list[Order]):
    return resolve_turn(rules, state, {actor: tuple(o) for actor, o in orders.items()})


def texts(log) -> list[str]:
    return [entry.text for entry in log]


def test_the_first_turns_events_have_happened_when_the_game_starts(rules):
    state = new_game(rules, seed=1)
    assert state.turn == 1
    assert state.events == ("opening",)
    assert state.tracks["talks"] == 1
    assert "Talks 0 → 1 (+1): event Opening" in texts(state.event_log)


def test_budget_can_be_a_formula_of_tracks(rules):
    state = new_game(rules, seed=1)
    assert view(rules, state, "red").budget == 2  # 1 + power 5 // 5
    assert view(rules, state, "blue").budget == 3


def test_a_joint_move_happens_once_when_both_order_it(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("summit")], red=[Order("summit")])
    assert result.state.tracks["talks"] == 3
    assert "B and R: Summit" in texts(result.log)


def test_a_joint_move_ordered_by_one_side_does_not_happen(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("summit")], red=[])
    assert result.state.tracks["talks"] == 1
    assert "Summit did not happen: R did not join (ordered by B; nothing was spent)." in texts(result.log)


def test_an_offer_is_answered_next_turn_and_accepting_makes_an_agreement(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    pending = view(rules, state, "red").offers_to_me
    assert [(o.move, o.by, o.to) for o in pending] == [("freeze", ("blue",), "red")]
    assert Order("freeze", pending[0].id, "accept") in legal_moves(rules, state, "red")
    result = play(rules, state, red=[Order("freeze", pending[0].id, "accept")])
    assert "Red accepted Freeze for freeze (B → Red)." in texts(result.log)
    assert "Agreement Freeze for freeze holds until the end of turn 3." in texts(result.log)
    assert result.state.tracks["talks"] == 2
    assert [a.move for a in result.state.agreements] == ["freeze"]


def test_playing_a_paused_move_breaks_the_agreement(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    offer = view(rules, state, "red").offers_to_me[0]
    before = state.tracks["tension"]
    result = play(rules, state, red=[Order("freeze", offer.id, "accept"), Order("test")])
    assert result.state.agreements == ()
    assert "Red broke the agreement Freeze for freeze by playing Test." in texts(result.log)
    assert result.state.tracks["tension"] == before + 2 + 2  # the test, then the broken deal


def test_when_both_sides_break_a_deal_in_one_turn_both_are_named(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    offer = view(rules, state, "red").offers_to_me[0]
    state = play(rules, state, red=[Order("freeze", offer.id, "accept")]).state
    before = state.tracks["tension"]
    result = play(rules, state, red=[Order("test")], blue=[Order("drill")])
    lines = texts(result.log)
    # force moves resolve in file order (drill before test), yet neither side escapes the record
    assert "Blue broke the agreement Freeze for freeze by playing Drill." in lines
    assert "Red broke the agreement Freeze for freeze too, by playing Test." in lines
    broken = [e for e in result.log if e.kind == "change" and e.source == "freeze"]
    assert [e.after - e.before for e in broken] == [2]  # the price of breaking it is paid once
    assert result.state.tracks["tension"] >= before + 2


def test_a_player_is_told_which_moves_would_break_a_deal(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    red, blue = view(rules, state, "red"), view(rules, state, "blue")
    offer = red.offers_to_me[0]
    # Red breaks it only by accepting and testing in the same turn.
    assert agreements_at_risk(rules, red, "test") == []
    assert agreements_at_risk(rules, red, "test", accepting=[offer.id]) == [Risk("freeze", True)]
    # Blue cannot know Red's answer: its drill breaks the deal if Red accepts.
    assert agreements_at_risk(rules, blue, "drill") == [Risk("freeze", False, "red")]
    assert agreements_at_risk(rules, blue, "summit") == []
    after = play(rules, state, red=[Order("freeze", offer.id, "accept")]).state
    assert agreements_at_risk(rules, view(rules, after, "blue"), "drill") == [Risk("freeze", True)]
    assert agreements_at_risk(rules, view(rules, after, "red"), "test") == [Risk("freeze", True)]


def test_an_agreement_kept_to_its_end_pays_off(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    offer = view(rules, state, "red").offers_to_me[0]
    state = play(rules, state, red=[Order("freeze", offer.id, "accept")]).state
    result = play(rules, state)
    assert "The agreement Freeze for freeze ran its course, kept by all sides." in texts(result.log)
    kept = [e for e in result.log if e.kind == "change" and e.text.endswith("Freeze for freeze was kept")]
    assert len(kept) == 1 and kept[0].track == "tension" and kept[0].after < kept[0].before


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        ("reject", "Tension 3 → 4 (+1): Red rejected Freeze for freeze"),
        (None, "B Trust 5 → 4 (-1): Red ignored Freeze for freeze"),
    ],
)
def test_rejecting_or_ignoring_an_offer_has_its_own_effects(rules, answer, line):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    offer = view(rules, state, "red").offers_to_me[0]
    orders = [Order("freeze", offer.id, answer)] if answer else []
    result = play(rules, state, red=orders)
    assert line in texts(result.log)


def test_a_counter_offer_goes_back_to_the_first_side(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")]).state
    offer = view(rules, state, "red").offers_to_me[0]
    state = play(rules, state, red=[Order("counter", offer.id, "counter")]).state
    assert [(o.move, o.to) for o in view(rules, state, "blue").offers_to_me] == [("counter", "blue")]


def test_moves_that_meet_trigger_an_interaction(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("drill")], red=[Order("test")])
    assert "Spiral: Drill and test meet." in texts(result.log)
    assert result.state.tracks["tension"] >= 4 + 1 + 2 + 3 - 0 or result.state.over


def test_an_immediate_ending_names_the_team_that_tipped_it_and_nobody_scores(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("drill")], red=[Order("test")])  # 4 +1 +2 +3 = 10
    outcome = result.state.outcome
    assert outcome is not None and outcome.ending == "war"
    assert outcome.blamed == "red"
    assert outcome.scores == {"blue": 0, "red": 0}
    assert "Ending: War. Red's move pushed it over the edge." in texts(result.log)
    with pytest.raises(GameOverError):
        play(rules, result.state)


def test_tension_eases_when_nobody_uses_force(rules):
    result = play(rules, new_game(rules, seed=1), blue=[Order("wait")])
    assert "Tension 4 → 3 (-1): Tension eases" in texts(result.log)


def test_a_conditional_event_follows_what_was_played_last_turn(rules):
    result = play(rules, new_game(rules, seed=1), red=[Order("test")])
    assert result.state.events == ("nervous",)
    assert "B Trust 5 → 4 (-1): event Nerves" in texts(result.log)


def test_a_move_with_a_limit_leaves_the_hand_when_used_up(rules):
    state = new_game(rules, seed=1)
    for orders in ([Order("test")], [Order("wait")], [Order("test")]):  # waiting lets tension ease
        state = play(rules, state, red=orders).state
    assert not state.over
    assert Order("test") not in legal_moves(rules, state, "red")
    with pytest.raises(IllegalOrderError, match=r"illegal order 'test' of red on turn 4: test may be played only 2"):
        play(rules, state, red=[Order("test")])


def test_orders_over_budget_are_refused_with_the_costs(rules):
    state = new_game(rules, seed=1)
    with pytest.raises(IllegalOrderError, match="illegal order 'drill' of red on turn 1: red cannot play drill"):
        play(rules, state, red=[Order("drill")])
    with pytest.raises(IllegalOrderError, match="they cost 3, the budget is 2"):
        play(rules, state, red=[Order("test"), Order("counter"), Order("wait"), Order("summit")])


def test_answering_an_offer_that_does_not_exist_is_refused(rules):
    state = new_game(rules, seed=1)
    with pytest.raises(IllegalOrderError, match="no offer 7 awaits red's answer"):
        play(rules, state, red=[Order("freeze", 7, "accept")])


def test_a_dice_roll_is_logged_with_the_faces_and_the_target(rules):
    result = play(rules, new_game(rules, seed=1), blue=[Order("drill")])
    rolls = [e for e in result.log if e.kind == "roll"]
    assert len(rolls) == 1
    assert rolls[0].dice is not None and len(rolls[0].dice) == 1
    assert rolls[0].text == f"Drill: rolled {rolls[0].dice[0]} = {rolls[0].dice[0]} against 7: failure."


def test_a_token_stays_on_the_map_for_its_turns(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("drill")]).state
    assert [(t.place, t.label) for t in state.tokens] == [("sea", "Fleet")]
    state = play(rules, state).state
    assert [t.label for t in state.tokens] == ["Fleet"]  # still there in turn 3 ("turns: 2")
    state = play(rules, state).state
    assert state.tokens == ()


def test_hidden_tracks_show_others_a_range_and_owner_tracks_show_nothing(rules):
    state = new_game(rules, seed=3)
    blue = view(rules, state, "blue")
    red = view(rules, state, "red")
    assert red.tracks["red.power"].value == 5
    power = blue.tracks["red.power"]
    assert power.value is None and power.low <= 5 <= power.high and power.high - power.low == 2
    assert blue.tracks["red.secret"].value is None and not blue.tracks["red.secret"].known
    assert blue.tracks["tension"].value == 4


def test_the_log_hides_the_numbers_of_tracks_a_player_cannot_see(rules):
    result = play(rules, new_game(rules, seed=1), red=[Order("wait")])
    seen_by_blue = [e.text for e in redact(rules, "blue", result.log) if e.track == "red.secret"]
    assert seen_by_blue == ["R Secret changed (hidden)."]  # not which move: tests/engine/test_secrets.py
    seen_by_red = [e.text for e in redact(rules, "red", result.log) if e.track == "red.secret"]
    assert seen_by_red == ["R Secret 2 → 3 (+1): Wait (R)"]


def test_the_last_turn_ends_the_game_with_the_first_ending_that_holds(rules):
    state = new_game(rules, seed=1)
    while not state.over:
        state = play(rules, state, blue=[Order("wait")]).state
    assert state.turn == 5
    assert state.outcome is not None and state.outcome.ending == "stalemate"
    assert state.outcome.met["blue"] == ("calm",)  # tension eased 4 -> 0
    assert state.outcome.scores == {"blue": 2, "red": 0}


def test_a_roll_whose_modifier_reads_a_hidden_track_does_not_give_its_value_away():
    """'rolled 2+3 +2 (Power ÷ 2) = 7' would tell the other side the hidden value is 4 or 5."""
    from game.scenario import load_scenario_text

    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace('plus: "blue.trust // 3"', 'plus: "red.power // 2"')
    scenario = load_scenario_text(text, "hidden-plus.yaml")
    state = new_game(scenario, 2)
    result = resolve_turn(scenario, state, {"blue": [Order("drill")]})
    (roll,) = [e for e in result.log if e.kind == "roll"]
    assert "Power" in roll.text  # the full log (the teacher, the debrief after the game) says it
    for viewer in ("blue", None):  # the other team, and the projector
        shown = next(e for e in redact(scenario, viewer, result.log) if e.kind == "roll")
        assert "power" not in shown.text.lower()
        assert "plus a modifier you cannot see, against 8" in shown.text
        assert f"= {sum(roll.dice or ())}" not in shown.text and " = " not in shown.text  # no total either
        assert shown.dice == roll.dice and shown.success == roll.success  # the dice and the verdict are public
    owner = next(e for e in redact(scenario, "red", result.log) if e.kind == "roll")
    assert owner.text == roll.text  # Red sees its own track: nothing to hide from it


@pytest.mark.parametrize(
    ("counted", "plus", "succeeds"), [("talk", "played(talk) * 20", True), ("test", "played(test) * 20", False)]
)
def test_a_rolls_plus_counts_only_the_moves_resolved_before_it_as_the_guide_says(counted, plus, succeeds):
    """In mini, talk (an earlier kind) resolves before Blue's drill, Red's test (same kind, a later
    actor) after it: both are played this turn, but only talk is counted when drill's roll is made."""
    from game.scenario import load_scenario_text

    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('plus: "blue.trust // 3", target: 8', f'plus: "{plus}", target: 13')
    scenario = load_scenario_text(text, "plus.yaml")
    state = new_game(scenario, 3)
    orders = {"blue": (Order("drill"),), "red": (Order("talk"), Order("test"))}
    result = resolve_turn(scenario, state, orders)
    (roll,) = [e for e in result.log if e.kind == "roll"]
    assert roll.success is succeeds  # 2d6 alone never reaches 13; +20 always does
    assert result.state.last_played[counted] == 1  # played this turn all the same
