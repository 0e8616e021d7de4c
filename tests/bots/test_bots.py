"""Bots play every scenario to the end, only ever give legal orders, and play to their objectives."""

from collections import Counter

import pytest

from game.bots import ObjectiveBot, RandomBot, make_bot, parse_bots, play_game, simulate
from game.bots.policies import shown
from game.engine import legal_moves, new_game, resolve_turn, view
from game.engine.purse import purse_of
from game.engine.rng import DICE, LEGACY_DICE, derive
from game.engine.view import ORDERS_FIELDS, orders_view
from game.scenario import load_scenario
from tests.conftest import DATA, ROOT, scenario_files

ALL = [DATA / "mini.yaml", DATA / "rules.yaml", *scenario_files()]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
@pytest.mark.parametrize("bots", ["random", "objective:pragmatist", "objective:hawk", "objective:dove"])
def test_bots_play_every_scenario_to_the_end_on_many_seeds(path, bots):
    scenario = load_scenario(path)
    seats = parse_bots(scenario, bots)
    for seed in range(25):
        game = play_game(scenario, seed, seats)  # an illegal order would raise IllegalOrderError
        assert game.final.over


@pytest.mark.parametrize("bot", [RandomBot(), ObjectiveBot("hawk"), ObjectiveBot("dove")], ids=lambda b: b.name)
def test_a_bot_orders_only_from_the_legal_orders_in_its_view(bot, mini):
    state = new_game(mini, 3)
    for actor in mini.actors:
        orders = bot.choose(mini, view(mini, state, actor), derive(3, 1, actor))
        legal = legal_moves(mini, state, actor)
        assert all(order in legal for order in orders)


def test_the_objective_bot_meets_its_objective_more_often_than_a_random_bot(mini):
    smart = simulate(mini, 200, 1, parse_bots(mini, "objective"))
    blind = simulate(mini, 200, 1, parse_bots(mini, "objective,red=random"))
    assert smart.objectives["red"]["strong"] > blind.objectives["red"]["strong"] + 0.2


def test_a_dove_avoids_the_catastrophe_more_than_a_hawk(mini):
    hawks = simulate(mini, 300, 2, parse_bots(mini, "objective:hawk"))
    doves = simulate(mini, 300, 2, parse_bots(mini, "objective:dove"))
    assert doves.endings.get("war", 0) <= hawks.endings.get("war", 0)


def test_a_bad_bot_spec_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown bot 'genius'"):
        make_bot("genius")


@pytest.mark.parametrize("path", [DATA / "rules.yaml", *scenario_files()], ids=lambda p: p.stem)
def test_an_objective_bot_never_breaks_a_deal_in_the_turn_it_accepts_it(path):
    """Accepting 'if you pause tests, we pause the flyover' and testing anyway would teach nothing."""
    scenario = load_scenario(path)
    seats = parse_bots(scenario, "objective")
    accepted = 0
    for seed in range(40):
        game = play_game(scenario, seed, seats, keep_logs=True)
        for log in game.logs:
            deals = {(e.source, e.turn): e.actor for e in log if e.kind == "agreement" and e.phase == "answers"}
            accepted += len(deals)
            for entry in log:
                if entry.kind == "note" or "broke the agreement" not in entry.text:
                    continue
                assert deals.get((entry.source, entry.turn)) != entry.actor, entry.text
    if any(move.offer and move.offer.agreement for move in scenario.moves.values()):
        assert accepted, "no deal was ever accepted: the test saw nothing"


@pytest.mark.parametrize("dice", [DICE, LEGACY_DICE], ids=["block dice", "old dice"])
def test_a_random_bot_plays_each_card_it_can_afford_alike(dice):
    """A random bot favours no card of the same price, whichever dice it draws from (the block dice walk
    the cards as they shuffle them; the older dice shuffle them all first), and both play as much."""
    flagship = load_scenario(ROOT / "scenarios" / "washington-declaration-2023.yaml")
    seen = view(flagship, new_game(flagship, 7), "us")
    price = {order.move: purse_of(flagship).first[order.move] for order in seen.orders}
    plays: Counter[str] = Counter()
    games = 3000
    for seed in range(games):
        plays.update(order.move for order in RandomBot().choose(flagship, seen, derive(seed, 1, "bot:us", dice)))
    for cost in set(price.values()):
        rates = [plays[move] / games for move in price if price[move] == cost]
        mean = sum(rates) / len(rates)
        assert all(abs(rate - mean) < 0.15 * mean for rate in rates), (cost, rates)
    spent = sum(price[move] * n for move, n in plays.items()) / games
    assert 1.8 < spent <= seen.budget  # a budget of 2, spent nearly always (a card is passed over 1 time in 5)


FORMAT_2 = [DATA / name for name in ("defcon.yaml", "influence.yaml", "ops.yaml", "war-scare-1983.yaml")]


@pytest.mark.parametrize("path", [*ALL, *FORMAT_2], ids=lambda p: p.stem)
def test_a_random_bot_shown_only_its_cards_orders_as_from_its_whole_view(path):
    """A random bot is shown an orders_view (a third of view()'s cost): in each of its fields it holds
    what view() holds, it holds nothing else, and the bot gives the same orders from it."""
    scenario = load_scenario(path)
    seats = parse_bots(scenario, "random")
    bot = RandomBot()
    assert shown(bot) is orders_view and shown(ObjectiveBot("hawk")) is view
    for seed in range(12):
        state = new_game(scenario, seed, seats, explain=False)
        for orders in play_game(scenario, seed, seats).orders:
            for actor in scenario.actors:
                whole, lean = view(scenario, state, actor), orders_view(scenario, state, actor)
                assert {f: getattr(lean, f) for f in ORDERS_FIELDS} == {f: getattr(whole, f) for f in ORDERS_FIELDS}
                dice = (derive(seed, state.turn, f"bot:{actor}") for _ in range(2))
                assert bot.choose(scenario, lean, next(dice)) == bot.choose(scenario, whole, next(dice))
            state = resolve_turn(scenario, state, orders, explain=False).state
    lean = orders_view(scenario, state, next(iter(scenario.actors)))
    for hidden in ("tracks", "plays", "event_log", "agreements", "ever"):
        with pytest.raises(AttributeError):
            getattr(lean, hidden)
