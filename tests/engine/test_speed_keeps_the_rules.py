"""The speed work changed no rule: golden games, old saves, the log switched off, the dice."""

import json
import statistics

import pytest

from bench.golden import GAMES, GOLDEN, replay_digest
from bench.golden import play_set as golden_set
from game.bots.match import parse_bots, play_game
from game.engine import new_game, resolve_turn
from game.engine.rng import DICE, LEGACY_DICE, Dice, derive
from game.engine.save import SAVE_VERSION, from_json, read_save, replay, to_json
from game.scenario import load_scenario
from tests.conftest import DATA, ROOT, scenario_files

RECORDED = json.loads(GAMES.read_text(encoding="utf-8"))["sets"]


@pytest.mark.parametrize("want", RECORDED, ids=lambda w: f"{w['scenario'].split('/')[-1]}-{w['bots'] or 'own'}")
def test_bot_games_play_as_they_did_before_the_speed_work(want):
    """Every order, log entry, score and final track of the first recorded seeds, with the old dice."""
    scenario = load_scenario(ROOT / want["scenario"])
    if scenario.source_hash != want["sha256"]:
        pytest.skip("the scenario file changed since the games were recorded (bench/golden.py --record)")
    got = golden_set(want["scenario"], want["bots"], 10)
    assert got["first"] == want["first"][:10]


SAVES = sorted(GOLDEN.glob("v*.json"))


@pytest.mark.parametrize("path", SAVES, ids=lambda p: p.stem)
def test_a_save_made_before_the_speed_work_replays_to_the_same_states_and_logs(path):
    want = json.loads((GOLDEN / "saves.json").read_text(encoding="utf-8"))[path.name]
    save = read_save(path)
    assert save.version == 2
    scenario = load_scenario(ROOT / save.scenario_path)
    if scenario.source_hash != save.scenario_hash:
        pytest.skip("the scenario file changed since the save was made")
    assert replay_digest(scenario, save) == want


def test_an_old_save_that_goes_on_keeps_its_dice(rules_scenario):
    """A version-2 game resumed and played on stays version 2, so it replays with the old dice."""
    old = read_save(GOLDEN / "v2-rules-teacher-4.json")
    longer = old.with_turn({})
    assert longer.version == 2 and longer.dice == LEGACY_DICE
    assert replay(rules_scenario, from_json(to_json(old))).states[-1].dice == LEGACY_DICE


def test_a_new_game_is_saved_with_the_new_dice(rules_scenario):
    game = play_game(rules_scenario, 5, parse_bots(rules_scenario, "random"))
    assert game.save.version == SAVE_VERSION and game.save.dice == DICE
    assert replay(rules_scenario, from_json(to_json(game.save))).states[-1] == game.final


@pytest.fixture(scope="module")
def rules_scenario():
    return load_scenario(DATA / "rules.yaml")


@pytest.mark.parametrize("path", [DATA / "rules.yaml", DATA / "counter.yaml", *scenario_files()], ids=lambda p: p.stem)
@pytest.mark.parametrize("bots", ["random", "objective"])
def test_a_game_without_its_log_is_the_same_game(path, bots):
    """explain=False only leaves the words out: same orders, same states, turn after turn."""
    scenario = load_scenario(path)
    seats = parse_bots(scenario, bots)
    for seed in range(30):
        told = play_game(scenario, seed, seats, keep_logs=True)
        silent = play_game(scenario, seed, seats)
        assert silent.save.turns == told.save.turns
        assert silent.final == told.final
        state = new_game(scenario, seed, seats, explain=False)
        assert state.event_log == ()
        for orders in told.save.turns:
            result = resolve_turn(scenario, state, orders, explain=False)
            assert result.log == ()
            state = result.state
        assert state == told.final


def test_the_dice_of_a_purpose_do_not_depend_on_any_other_purpose():
    first = [derive(7, 3, "roll:us:drill").randint(1, 6) for _ in range(3)]
    busy = derive(7, 3, "roll:rok:drill")
    for _ in range(50):
        busy.random()
    assert [derive(7, 3, "roll:us:drill").randint(1, 6) for _ in range(3)] == first


def test_the_dice_are_the_same_on_every_machine():
    """Pinned values: the dice are integer arithmetic, the same on any platform and Python."""
    rng = derive(12345, 2, "event")
    assert [rng.randint(1, 6) for _ in range(8)] == PINNED
    assert derive(-3, 0, "end").next64() != derive(3, 0, "end").next64()  # type: ignore[attr-defined]


PINNED = [3, 2, 5, 3, 3, 2, 6, 1]


def test_the_dice_are_fair_enough_for_a_game():
    rng = derive(1, 1, "fairness")
    faces = [rng.randint(1, 6) for _ in range(60_000)]
    counts = [faces.count(f) for f in range(1, 7)]
    chi2 = sum((c - 10_000) ** 2 / 10_000 for c in counts)
    assert chi2 < 20.5, counts  # 5 degrees of freedom: p ~ 0.001
    normal = [rng.gauss(0, 2) for _ in range(20_000)]
    assert abs(statistics.fmean(normal)) < 0.06 and abs(statistics.stdev(normal) - 2) < 0.06
    deck = list(range(10))
    seen = set()
    for _ in range(3000):
        rng.shuffle(deck)
        seen.add(deck[0])
        assert sorted(deck) == list(range(10))
    assert seen == set(range(10))
    assert isinstance(rng, Dice) and isinstance(derive(1, 1, "x", LEGACY_DICE).random(), float)


def test_a_shuffle_is_fisher_yates_with_a_swap_for_each_half_of_a_draw():
    """The shuffle works a list's draws out together (game.engine.rng._halves): every swap is still the one
    the plain loop makes from next64's halves, high then low, and the dice move on by as many draws."""
    for length in range(40):
        for seed in range(40):
            rng, plain = derive(seed, length, "deck"), derive(seed, length, "deck")
            deck = list(range(length))
            rng.shuffle(deck)  # type: ignore[arg-type]
            want = list(range(length))
            halves: list[int] = []
            for i in range(length - 1, 0, -1):
                if not halves:
                    z = plain.next64()  # type: ignore[attr-defined]
                    halves = [(z & 0xFFFFFFFF) or 1, z >> 32]
                j = (halves.pop() * (i + 1)) >> 32
                want[i], want[j] = want[j], want[i]
            assert deck == want, (length, seed)
            assert rng.next64() == plain.next64()  # type: ignore[attr-defined]
