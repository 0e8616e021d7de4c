"""The objective bot's shortcuts choose exactly what its plain arithmetic chose; the pool plays the same games."""

import pytest

from game.bots import parse_bots, play_game, simulate
from game.bots.match import GamePool, _init_worker, _run_batch, _spans, game_seed, play_many, summarize_game
from game.bots.policies import ObjectiveBot, _distance, _Facts, _Scorer, _touches
from game.engine import view
from game.engine.rng import derive
from game.engine.save import replay
from game.scenario import load_scenario
from tests.conftest import DATA, scenario_files


def plain_utility(scenario, actor, world, turn, risk):
    """ObjectiveBot.utility as it was first written: every term, walking the trees."""
    total = 0.0
    for objective in scenario.actors[actor].objectives.values():
        gap = _distance(objective.when.tree, world, turn)
        total += objective.points * (1.0 if gap == 0 else -0.25 * gap)
    for ending in scenario.endings.values():
        if ending.immediate and ending.everyone_loses and ending.when is not None:
            gap = _distance(ending.when.tree, world, turn)
            total -= risk * 4.0 * max(0.0, 3.0 - gap) ** 2 / 9.0
    return total


def plain_gain(scenario, world, actor, turn, risk, changes, played):
    """The gain as first written: copy the whole world, apply every change, score every term."""
    if not changes and not played:
        return 0.0
    after = dict(world)
    for ref, delta, p in changes:
        track = scenario.all_tracks[ref]
        after[ref] = min(track.max, max(track.min, after[ref] + p * delta))
    for key in played:
        after[key] += 1
    return plain_utility(scenario, actor, after, turn, risk) - plain_utility(scenario, actor, world, turn, risk)


@pytest.mark.parametrize("path", [DATA / "counts.yaml", DATA / "counter.yaml", *scenario_files()], ids=lambda p: p.stem)
def test_each_move_is_worth_exactly_what_the_plain_arithmetic_says(path):
    """Bit for bit, on the states of 40 games: so the bot's choices cannot change, only its work."""
    scenario = load_scenario(path)
    facts = _Facts.of(scenario)
    bot = ObjectiveBot("dove")
    checked = 0
    for seed in range(40):
        game = play_game(scenario, seed, parse_bots(scenario, "random"))
        for state in replay(scenario, game.save).states[:-1]:
            for actor in scenario.actors:
                seen = view(scenario, state, actor)
                world = bot.guesses(scenario, seen)
                scorer = _Scorer(scenario, actor, world, seen.turn, 0.7)
                assert scorer.base == plain_utility(scenario, actor, world, seen.turn, 0.7)
                for order in seen.orders:
                    changes = bot.expected(scenario, order.move, seen, world)
                    bumps = facts.bumps[order.move]
                    got = bot.gain(scenario, scorer, changes, bumps)
                    assert got == plain_gain(scenario, world, actor, seen.turn, 0.7, changes, bumps)
                    if not (seen.agreements or seen.my_offers):  # the terms a move reaches, worked out once
                        touched = _touches(scenario, actor, facts)[order.move]
                        assert bot.gain(scenario, scorer, changes, bumps, touched) == got
                    checked += 1
                assert world == bot.guesses(scenario, seen)  # weighing a move leaves the world as it was
    assert checked > 200


def test_the_bot_chooses_the_same_orders_from_the_same_view_and_dice():
    scenario = load_scenario(scenario_files()[-1])
    game = play_game(scenario, 3, parse_bots(scenario, "objective"))
    for actor in scenario.actors:
        seen = view(scenario, game.final, actor)
        a = ObjectiveBot("hawk").choose(scenario, seen, derive(3, 9, actor))
        b = ObjectiveBot("hawk").choose(scenario, seen, derive(3, 9, actor))
        assert a == b


@pytest.fixture(scope="module")
def rules():
    return load_scenario(DATA / "rules.yaml")


def test_a_pool_of_two_plays_the_same_games_as_one_process(rules):
    seats = [parse_bots(rules, "random"), parse_bots(rules, "objective:hawk")]
    here = play_many(rules, list(range(40)), seats, jobs=1)
    there = play_many(rules, list(range(40)), seats, jobs=2)
    assert here == there
    assert [g.seed for g in here] == list(range(40)) * 2
    assert [g.seats for g in here[:40]] == [seats[0]] * 40
    assert here[0] == summarize_game(rules, (0, seats[0]))


@pytest.mark.parametrize("n", [0, 1, 7, 256, 257, 6000, 20_011])
def test_a_pool_cuts_its_work_into_batches_that_cover_every_item_once_the_short_ones_last(n):
    spans = _spans(n, 2, 128)
    assert [i for start, end in spans for i in range(start, end)] == list(range(n))  # each once, in order
    sizes = [end - start for start, end in spans]
    assert sizes == sorted(sizes, reverse=True)  # never growing (a remainder, if any, last)
    if n > 2 * 128:
        assert len(spans) <= 40  # few batches to send, however many items...
        assert max(sizes[-4:]) <= -(-n // 256)  # ...and the last ones a 128th of a worker's share


def test_simulate_gives_the_same_summary_with_any_number_of_jobs(rules):
    seats = parse_bots(rules, "objective")
    told: list[int] = []
    one = simulate(rules, 300, 7, seats, jobs=1)
    two = simulate(rules, 300, 7, seats, jobs=2, progress=told.append)
    assert one.as_json() == two.as_json()
    assert told[-1] == 300 and told == sorted(told)


def test_simulate_reports_what_its_games_show(rules):
    """The tally of many games is the sum of each game's own figures: endings, mean scores and tracks,
    plays per game, the share of games a move was played in (a tally counts in place, game by game)."""
    seats = parse_bots(rules, "random")
    games = [play_game(rules, game_seed(5, index), seats) for index in range(120)]
    summary = simulate(rules, 120, 5, seats).as_json()
    endings: dict[str, int] = {}
    for game in games:
        endings[game.final.outcome.ending] = endings.get(game.final.outcome.ending, 0) + 1
    assert summary["endings"] == endings
    for actor in rules.actors:
        mean = sum(g.final.outcome.scores[actor] for g in games) / len(games)
        assert summary["scores"][actor] == pytest.approx(mean, abs=1e-3)
    for ref in rules.all_tracks:
        assert summary["tracks"][ref] == pytest.approx(sum(g.final.tracks[ref] for g in games) / 120, abs=1e-3)
    for move_id, stats in summary["moves"].items():
        by = rules.moves[move_id].by  # each team's play counts (a joint move's, once for each of its side)
        assert stats["plays"] == sum(g.final.plays.get(f"{actor}:{move_id}", 0) for g in games for actor in by)
        assert stats["games"] == pytest.approx(sum(move_id in g.final.ever for g in games) / 120, abs=1e-4)
    assert summary["mean_turns"] == pytest.approx(sum(g.turns for g in games) / 120, abs=1e-3)


def test_a_worker_loads_the_scenario_once_and_then_only_plays(rules, monkeypatch):
    import game.scenario.load as load

    _init_worker(rules.path, None)  # as a spawned worker starts: reads the file
    monkeypatch.setattr(load, "load_scenario", lambda *_: pytest.fail("a batch loaded the scenario again"))
    games = [(seed, parse_bots(rules, "random")) for seed in range(5)]
    assert _run_batch((summarize_game, games)) == GamePool(rules).play(games)
