"""Format 2's spending: named resources, costs per resource, carry-over and gains, caps per kind,
and the budget-0 rule. Each test plays tests/data/ops.yaml (or a small variant) and checks what a
team would notice: which cards it is offered, which orders are refused and why, what it holds.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.bots.policies import make_bot
from game.engine.errors import IllegalOrderError
from game.engine.purse import wallet
from game.engine.state import Order
from game.engine.turn import check_orders, legal_moves, new_game, purse, resolve_turn
from game.engine.view import view
from game.report.logtext import log_text
from game.scenario import load_scenario, load_scenario_text

DATA = Path(__file__).resolve().parents[1] / "data"
OPS = DATA / "ops.yaml"


@pytest.fixture(scope="module")
def ops():
    return load_scenario(OPS)


def moves(scenario, state, actor):
    return {o.move for o in legal_moves(scenario, state, actor) if o.offer is None}


def after(scenario, state, orders):
    return resolve_turn(scenario, state, {a: [Order(m) for m in ms] for a, ms in orders.items()}).state


# --- caps per kind ---------------------------------------------------------------------------


def test_a_kind_capped_at_one_a_turn_refuses_a_second_card_of_it(ops):
    state = new_game(ops, 1)
    assert {"make_case", "press_point"} <= moves(ops, state, "blue")  # each alone is fine
    check_orders(ops, state, "blue", [Order("make_case")])
    with pytest.raises(IllegalOrderError, match=r"only 1 move.*argument"):
        check_orders(ops, state, "blue", [Order("make_case"), Order("press_point")])


def test_a_wallet_stops_a_picker_at_the_cap_as_the_rules_do(ops):
    state = new_game(ops, 1)
    picking = wallet(ops, view(ops, state, "blue").purse)
    assert picking.fits("press_point")
    picking.take("make_case")
    assert not picking.fits("press_point")
    assert picking.fits("recruit")  # another kind, and capital is left


# --- several resources -------------------------------------------------------------------------


def test_each_team_holds_each_resource_its_own_amount(ops):
    state = new_game(ops, 1)
    assert purse(ops, state, "blue") == (2, 0)  # blue's intel per turn is overridden to 0
    assert purse(ops, state, "red") == (2, 1)
    assert view(ops, state, "red").purse == (2, 1)


def test_a_card_needs_every_resource_it_costs(ops):
    state = new_game(ops, 1)
    assert "brief" not in moves(ops, state, "blue")  # 1 capital is there, 2 intel are not
    with pytest.raises(IllegalOrderError, match="costs 2 intel"):
        check_orders(ops, state, "blue", [Order("brief")])


def test_a_gain_lands_next_turn_and_carries_within_the_cap(ops):
    state = new_game(ops, 1)
    state = after(ops, state, {"blue": ["recruit"]})
    assert purse(ops, state, "blue") == (2, 2)  # 0 a turn, +2 gained
    assert "brief" in moves(ops, state, "blue")
    state = after(ops, state, {"blue": ["recruit"]})
    assert purse(ops, state, "blue") == (2, 3)  # 2 kept + 2 gained, held at max 3
    state = after(ops, state, {"blue": ["brief"]})
    assert purse(ops, state, "blue") == (2, 1)  # 3 - 2 spent, kept


def test_capital_that_does_not_carry_is_lost_at_the_end_of_the_turn(ops):
    state = after(ops, new_game(ops, 1), {"red": []})
    assert purse(ops, state, "red")[1] == 2  # intel carries: 1 kept + 1
    assert purse(ops, state, "red")[0] == 0  # turn 2: red's capital is 2 * (turn % 2)


def test_a_gain_is_told_to_the_team_and_not_to_the_others(ops):
    result = resolve_turn(ops, new_game(ops, 1), {"blue": [Order("recruit")]})
    lines = [log_text(e, ops) for e in result.log if e.kind == "private"]
    assert "Blue gain 2 Intelligence for next turn." in lines
    red = view(ops, result.state, "red")
    assert not any("Intelligence" in log_text(e, ops) for e in red.event_log)


# --- the budget-0 rule ----------------------------------------------------------------------


def test_a_team_that_holds_something_may_still_play_a_card_that_costs_0(ops):
    state = after(ops, new_game(ops, 1), {"red": ["squeeze"]})  # red spends its one intel
    assert purse(ops, state, "red") == (0, 1)  # turn 2: no capital, 1 intel
    assert moves(ops, state, "red") == {"watch", "wait"}  # not nothing: `wait` (cost 0) is allowed


def test_cost_zero_is_not_free_when_a_team_holds_nothing():
    text = OPS.read_text(encoding="utf-8").replace("per_turn: 1, carry: true, max: 3", "per_turn: 0")
    scenario = load_scenario_text(text, "ops0.yaml")
    state = after(scenario, new_game(scenario, 1), {})
    assert purse(scenario, state, "red") == (0, 0)
    assert moves(scenario, state, "red") == {"watch"}  # `wait` costs 0 but is not free
    with pytest.raises(IllegalOrderError, match="only free moves"):
        check_orders(scenario, state, "red", [Order("wait")])


def test_format_1_keeps_cards_that_cost_0_playable_with_a_budget_of_0():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("budget: 2", "budget: 0")
    scenario = load_scenario_text(
        text.replace("cost: 1\n    effects: [{tension: -1}]", "cost: 0\n    effects: [{tension: -1}]")
    )
    state = new_game(scenario, 1)
    assert moves(scenario, state, "blue") == {"talk"}


# --- bots spend within every resource and cap -------------------------------------------------


@pytest.mark.parametrize("bots", ["random", "objective"])
def test_bots_give_orders_within_every_resource_and_cap(ops, bots):
    spent_intel = 0
    for seed in range(15):
        state = new_game(ops, seed)
        rng = random.Random(seed)
        while not state.over:
            orders = {}
            for actor in ops.actors:
                chosen = make_bot(bots, ops).choose(ops, view(ops, state, actor), rng)
                check_orders(ops, state, actor, chosen)  # raises if a resource or a cap is overdrawn
                kinds = [ops.moves[o.move].kind for o in chosen]
                assert kinds.count("argument") <= 1
                spent_intel += sum(ops.price(ops.moves[o.move])[1] for o in chosen)
                orders[actor] = chosen
            state = resolve_turn(ops, state, orders, explain=False).state
    assert spent_intel > 0  # the second resource is spent, not left alone


def test_a_team_sees_the_others_public_resources_and_not_their_own_ones(ops):
    state = new_game(ops, 1)
    blue = view(ops, state, "blue")
    assert blue.purse == (2, 0)
    assert blue.purses == {"red": (2, None)}  # red's capital is public; its intelligence is red's own


def test_the_objective_bot_values_a_gain_by_what_it_will_buy(ops, monkeypatch):
    """Blue holds no intelligence; recruiting a source gives 2, which pays for Brief the allies next turn."""
    from game.bots import policies

    state = new_game(ops, 1)
    seen = view(ops, state, "blue")
    bot = make_bot("objective", ops)

    def recruits() -> int:
        return sum(any(o.move == "recruit" for o in bot.choose(ops, seen, random.Random(i))) for i in range(100))

    valued = recruits()
    monkeypatch.setattr(policies, "_gains_of", lambda scenario: {})
    assert valued > recruits() + 20  # without the gain, recruiting is worth nothing but the noise
