"""What the objective bot looks up of a move's worth is what the plain arithmetic says, bit for bit, the first
time it meets a world and every time after, in any game: so remembering changes no choice, only the work."""

import pytest

from game.bots import parse_bots, play_game
from game.bots.policies import ObjectiveBot, _cards, _Facts, _recall_tables, _roll_plus, _Scorer
from game.engine import view
from game.engine.save import replay
from game.scenario import load_scenario
from tests.bots.test_thinking_less import plain_gain, plain_utility
from tests.conftest import DATA, scenario_files


@pytest.mark.parametrize("path", [DATA / "counts.yaml", DATA / "counter.yaml", *scenario_files()], ids=lambda p: p.stem)
def test_a_move_looked_up_is_worth_what_it_is_worked_out_to_be(path):
    scenario = load_scenario(path)
    facts = _Facts.of(scenario)
    bot = ObjectiveBot("dove")
    temper = bot.temperament(scenario)
    states = []
    for seed in range(25):
        game = play_game(scenario, seed, parse_bots(scenario, "random"))
        states += replay(scenario, game.save).states[:-1]
    looked_up = 0
    for _ in range(2):  # the second time round, every world was met before
        for state in states:
            for actor in scenario.actors:
                seen = view(scenario, state, actor)
                world = bot.guesses(scenario, seen)
                known = _recall_tables(scenario, actor, temper.risk, facts)[1]
                scorer = _Scorer(scenario, actor, world, seen.turn, temper.risk, facts, known)
                assert scorer.base == plain_utility(scenario, actor, world, seen.turn, temper.risk)
                cards = _cards(scenario, actor, temper, facts)
                for order in seen.orders:
                    *_, plan, steps, played, recall = cards[order.move]
                    if steps is not None:
                        got, changes = scorer.recalled(recall, steps, played, None), plan.fixed
                    elif not plan.foresee:  # a roll whose modifier reads the guesses
                        plus = _roll_plus(plan, played, world, seen.turn)
                        weighed = plan.weighed(plus, facts.bounds)
                        got, changes = scorer.recalled(recall, weighed[1], played, plus), weighed[0]
                    else:
                        continue
                    assert got == plain_gain(scenario, world, actor, seen.turn, temper.risk, changes, played)
                    looked_up += 1
                assert world == bot.guesses(scenario, seen)  # weighing a move leaves the world as it was
    assert looked_up > 200
