"""An offer agreed in the talks: made and accepted in the same turn (a standing answer, offer THIS_TURN)."""

import pytest

from game.engine import IllegalOrderError, Order, new_game, resolve_turn, view
from game.engine.save import from_json, replay, start_save, to_json
from game.engine.state import THIS_TURN, GameState
from game.engine.view import redact

AGREED = Order("freeze", THIS_TURN, "accept")  # Red accepts Blue's freeze before Blue makes it


def play(rules, state: GameState, **orders: list[Order]):
    return resolve_turn(rules, state, {actor: tuple(o) for actor, o in orders.items()})


def texts(log) -> list[str]:
    return [entry.text for entry in log]


def test_an_offer_accepted_in_the_talks_is_made_and_accepted_the_same_turn(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("freeze")], red=[AGREED])
    lines = texts(result.log)
    assert "B offer Freeze for freeze to Red, as agreed in the talks." in lines
    assert "Red accepted Freeze for freeze (B → Red)." in lines
    assert "Agreement Freeze for freeze holds until the end of turn 2." in lines
    assert result.state.tracks["talks"] == state.tracks["talks"] + 1  # the acceptance's effect, this turn
    assert [(a.move, a.parties) for a in result.state.agreements] == [("freeze", ("blue", "red"))]
    assert view(rules, result.state, "red").offers_to_me == ()  # nothing waits for next turn


def test_it_has_the_same_effects_as_an_acceptance_next_turn(rules):
    now = play(rules, new_game(rules, seed=1), blue=[Order("freeze")], red=[AGREED])
    later = play(rules, new_game(rules, seed=1), blue=[Order("freeze")])
    offer = view(rules, later.state, "red").offers_to_me[0]
    later = play(rules, later.state, red=[Order("freeze", offer.id, "accept")])
    accepted = [e for e in now.log if e.phase == "answers"]
    expected = [e for e in later.log if e.phase == "answers"]
    assert [(e.kind, e.text, e.track, dict(e.args).get("delta")) for e in accepted] == [
        (e.kind, e.text.replace("turn 3", "turn 2"), e.track, dict(e.args).get("delta")) for e in expected
    ]


def test_the_deal_binds_from_this_turn(rules):
    state = play(rules, new_game(rules, seed=1), blue=[Order("freeze")], red=[AGREED]).state
    result = play(rules, state, red=[Order("test")])
    assert "Red broke the agreement Freeze for freeze by playing Test." in texts(result.log)


def test_an_agreement_not_made_lapses_and_the_log_says_so(rules):
    state = new_game(rules, seed=1)
    result = play(rules, state, blue=[Order("drill")], red=[AGREED])
    lines = texts(result.log)
    assert "Red had agreed in the talks to Freeze for freeze, but B did not make the offer: it lapsed." in lines
    lapsed = [e for e in result.log if "lapsed" in e.text]
    assert lapsed[0].kind == "answer" and lapsed[0].actor == "red"
    assert result.state.agreements == () and result.state.tracks["talks"] == state.tracks["talks"]
    # a public line: the proposer reads it too
    assert lapsed[0] in redact(rules, "blue", result.log)


def test_without_a_standing_answer_the_offer_waits_as_before(rules):
    result = play(rules, new_game(rules, seed=1), blue=[Order("freeze")], red=[])
    assert "B offer Freeze for freeze to Red, who answers next turn." in texts(result.log)
    assert [o.move for o in view(rules, result.state, "red").offers_to_me] == ["freeze"]


def test_a_standing_answer_is_free_and_leaves_the_budget_for_moves(rules):
    state = new_game(rules, seed=1)
    budget = view(rules, state, "red").budget
    moves = [Order("test")] if budget >= 1 else []
    play(rules, state, blue=[Order("freeze")], red=[AGREED, *moves])  # not refused as over budget


@pytest.mark.parametrize(
    ("actor", "order", "reason"),
    [
        ("red", Order("freeze", THIS_TURN, "reject"), "can only be accepted in advance"),
        ("red", Order("freeze", THIS_TURN, "counter"), "can only be accepted in advance"),
        ("red", Order("counter", THIS_TURN, "accept"), "'counter' is not an offer made to red"),
        ("blue", Order("freeze", THIS_TURN, "accept"), "'freeze' is not an offer made to blue"),
        ("red", Order("test", THIS_TURN, "accept"), "'test' is not an offer made to red"),
        ("red", Order("nothing such", THIS_TURN, "accept"), "not an offer made to red"),
    ],
)
def test_illegal_standing_answers_are_refused_with_the_reason(rules, actor, order, reason):
    with pytest.raises(IllegalOrderError, match=reason):
        play(rules, new_game(rules, seed=1), **{actor: [order]})


def test_accepting_in_advance_twice_is_refused(rules):
    with pytest.raises(IllegalOrderError, match="accepted in advance twice"):
        play(rules, new_game(rules, seed=1), red=[AGREED, AGREED])


def test_a_standing_answer_is_saved_and_replayed_exactly(rules):
    state = new_game(rules, seed=5, seats={"blue": "human", "red": "human"})
    turns = [{"blue": (Order("freeze"),), "red": (AGREED,)}, {"blue": (), "red": (AGREED,)}]
    save = start_save(rules, 5, {"blue": "human", "red": "human"})
    logs = []
    for orders in turns:
        result = resolve_turn(rules, state, orders)
        logs.append(texts(result.log))
        state = result.state
        save = save.with_turn(orders)
    again = replay(rules, from_json(to_json(save)))
    assert again.states[-1] == state
    assert [texts(log) for log in again.logs[-2:]] == logs
    assert from_json(to_json(save)).turns[0]["red"] == (AGREED,)
