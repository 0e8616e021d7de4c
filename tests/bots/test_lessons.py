"""Lessons and strategies: a scenario's claims about play are played out and judged, and the
dominance search finds the play its author did not declare.

The fixture (tests/data/lessons.yaml) is built so that the answers are known without
simulating: talking keeps the peace, threatening brings war (and the blamed team scores
-3), two coin-calling strategies cannot be told apart, and trading is worth more than any
declared way of playing Blue.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from game.bots import lessons as ls
from game.bots.match import play_game
from game.bots.strategies import StrategyBot, moves_matching
from game.cli import main
from game.engine.rng import derive
from game.engine.turn import new_game
from game.engine.view import view
from game.scenario import ScenarioError, load_scenario, load_scenario_text
from tests.conftest import SCENARIOS

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "lessons.yaml"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(FIXTURE)


@pytest.fixture(scope="module")
def results(scenario):
    with ls.Player(scenario, seed=1) as player:
        return {r.id: r for r in ls.check_lessons(player)}


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue()


# --- verdicts ---------------------------------------------------------------------------------


def test_a_lesson_true_by_construction_holds_against_every_profile(results):
    result = results["talking_keeps_the_peace"]
    assert result.verdict == "holds"
    assert [c.verdict for c in result.comparisons] == ["holds", "holds"]
    assert all(c.mine == 0 and c.theirs == 1 for c in result.comparisons)  # never war, always war


def test_a_false_lesson_fails_and_says_the_opposite_happens(results):
    result = results["threats_pay"]
    assert result.verdict == "fails"
    (comparison,) = result.comparisons
    assert comparison.mine == -3  # Blue pushed it over the edge: blamed_points
    assert comparison.theirs == 2
    assert "the opposite happens" in result.advice[0]
    assert "Blue Threaten 4.00 vs 0.00" in result.advice[0]  # the plays that differ


def test_a_coin_cannot_tell_two_equal_strategies_apart(results):
    result = results["no_difference"]
    assert result.verdict == "cannot tell yet"
    (comparison,) = result.comparisons
    assert comparison.low < 0 < comparison.high
    assert re.search(r"try `games: \d+`", result.advice[0])


@pytest.mark.parametrize(
    ("effect", "low", "high", "by", "verdict"),
    [
        (1.0, 0.5, 1.5, 0.5, "holds"),
        (0.4, 0.1, 0.7, 0.5, "cannot tell yet"),  # surely above 0, not surely below what a class notices
        (0.2, 0.1, 0.3, 0.5, "fails"),  # surely too small to notice
        (0.0, 0.0, 0.0, 0.0, "fails"),  # no difference at all
        (0.3, -0.2, 0.8, 0.0, "cannot tell yet"),
        (-1.0, -1.5, -0.5, 0.0, "fails"),
    ],
)
def test_verdicts(effect, low, high, by, verdict):
    assert ls.verdict_of(effect, low, high, by) == verdict


def test_paired_differences_use_the_same_games():
    # the same games shifted by one: a sure effect of 1, although each side varies a lot
    mine = [10.0, 1.0, 7.0, 3.0, 9.0]
    theirs = [9.0, 0.0, 6.0, 2.0, 8.0]
    assert ls.paired(mine, theirs, 1.0) == (1.0, 1.0, 1.0)
    assert ls.paired(mine, theirs, -1.0) == (-1.0, -1.0, -1.0)


# --- the dominance search ----------------------------------------------------------------------


def test_a_profile_asked_for_twice_at_once_plays_its_games_once(scenario):
    # the dominance search asks for every team's strategies in one go, and each team's default bots
    # are the same seats: they must be played once, as many games as the largest ask
    seats = ls.seats_of(scenario, {})
    with ls.Player(scenario, seed=1) as player:
        player.games([(seats, 10), (seats, 25), (seats, 5)])
        seeds = [game.seed for game in player.played[seats]]
    assert len(seeds) == 25 and len(set(seeds)) == 25
    assert seeds == [ls.game_seed(1, index) for index in range(25)]


def test_the_search_finds_the_card_no_declared_strategy_plays(scenario):
    told: list[tuple[int, int]] = []
    with ls.Player(scenario, seed=1) as player:
        found = ls.search_dominant(player, progress=lambda plans, games: told.append((plans, games)))
        played = {seats for seats, games in player.played.items() if games}
    # told before each of its two rounds of games: how many ways of playing (each once), how many games each
    (screened, screen), (confirmed, confirm) = told
    assert (screen, confirm) == (ls.SCREEN_GAMES, ls.CONFIRM_GAMES)
    assert screened == len(played) and 0 < confirmed < screened
    assert found, "trading is worth 5 points and no declared strategy trades"
    assert {d.actor for d in found} == {"blue"}
    best = max(found, key=lambda d: d.margin)
    assert best.strategy in ("_blue_favour_trade", "_blue_only_trade")
    assert best.low > 0 and best.margin >= ls.margin_of(scenario, "blue")


def test_the_search_finds_nothing_when_the_best_play_is_declared(scenario):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "  red_talks:", "  blue_trades: {actor: blue, name: Blue trades, prefer: [trade], only: true}\n  red_talks:"
    )
    declared = load_scenario_text(text, "declared.yaml")
    with ls.Player(declared, seed=1) as player:
        assert ls.search_dominant(player, ["blue"]) == []


# --- strategies as bots -----------------------------------------------------------------------


def test_a_strategy_plays_its_preferred_cards_and_never_its_banned_ones():
    import attrs

    from game.scenario.model import Strategy, Text

    flagship = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    provocations = set(moves_matching(flagship, "dprk", "kind:provocation"))
    assert provocations
    extra = {
        "quiet_north": Strategy(actor="dprk", name=Text.of("Quiet"), never=("kind:provocation",)),
        "loud_north": Strategy(actor="dprk", name=Text.of("Loud"), prefer=("kind:provocation",), only=True),
    }
    scenario = attrs.evolve(flagship, strategies={**flagship.strategies, **extra})
    defaults = {a: x.bot for a, x in scenario.actors.items()}
    loud_played = 0
    for seed in range(15):
        quiet = play_game(scenario, seed, {**defaults, "dprk": "strategy:quiet_north"})
        assert not any(quiet.final.plays.get(f"dprk:{mv}") for mv in provocations)
        loud = play_game(scenario, seed, {**defaults, "dprk": "strategy:loud_north"})
        played = {key.split(":")[1] for key in loud.final.plays if key.startswith("dprk:")}
        assert played <= provocations  # only: nothing else
        loud_played += len(played)
    assert loud_played > 0


def test_a_strategy_answers_offers_as_it_says(scenario):
    text = """
format: 1
id: answers
title: Answers
turns: 3
tracks: {trust: {name: Trust, start: 5}}
actors:
  a: {name: A, budget: 2}
  b: {name: B, budget: 2}
kinds: {talk: {name: Talk}}
moves:
  propose: {name: Propose, kind: talk, by: [a], offer: {to: b, accept: [{trust: +1}], counters: [haggle]}}
  haggle: {name: Haggle, kind: talk, by: [b], offer: {to: a, accept: [{trust: +1}]}}
endings: {end: {name: End}}
strategies:
  a_proposes: {actor: a, name: Proposes, prefer: [propose], only: true}
  b_haggles: {actor: b, name: Haggles, answers: {propose: haggle}, only: true}
  b_refuses: {actor: b, name: Refuses, answers: {"*": reject}, only: true}
"""
    answers = load_scenario_text(text, "answers.yaml")
    state = new_game(answers, 1, {"a": "strategy:a_proposes", "b": "strategy:b_haggles"})
    from game.engine.turn import resolve_turn

    first = {
        a: StrategyBot(s).choose(answers, view(answers, state, a), derive(1, 1, a))
        for a, s in (("a", "a_proposes"), ("b", "b_haggles"))
    }
    state = resolve_turn(answers, state, first).state
    b_view = view(answers, state, "b")
    assert [o.answer for o in StrategyBot("b_haggles").choose(answers, b_view, derive(1, 2, "b"))] == ["counter"]
    assert [o.answer for o in StrategyBot("b_refuses").choose(answers, b_view, derive(1, 2, "b"))] == ["reject"]


def test_the_blamed_team_scores_the_endings_blamed_points(scenario):
    game = play_game(scenario, 3, {"blue": "strategy:blue_threatens", "red": "strategy:red_threatens"})
    outcome = game.final.outcome
    assert outcome is not None and outcome.ending == "war"
    assert outcome.blamed in ("blue", "red")
    assert outcome.scores[outcome.blamed] == -3
    other = "red" if outcome.blamed == "blue" else "blue"
    assert outcome.scores[other] == 0  # everyone else loses as before


# --- the command ------------------------------------------------------------------------------


def test_simulate_lessons_prints_each_verdict_and_exits_1_when_one_fails():
    code, out = run("simulate", str(FIXTURE), "--lessons")
    assert code == 1
    assert "HOLDS  talking_keeps_the_peace" in out
    assert "FAILS  threats_pay" in out
    assert "CANNOT TELL YET no_difference" in out
    assert "1 of 3 lessons hold." in out
    assert "DOMINANT Blue" in out


def test_simulate_lessons_json_and_the_same_answer_on_two_processes():
    code, out = run("simulate", str(FIXTURE), "--lessons", "--json", "--no-search")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert {item["id"]: item["holds"] for item in data["lessons"]} == {
        "talking_keeps_the_peace": True,
        "threats_pay": False,
        "no_difference": False,
    }
    assert data["dominant"] == []  # --no-search
    _, twice = run("simulate", str(FIXTURE), "--lessons", "--json", "--no-search", "--jobs", "2")
    assert json.loads(twice) == data


def test_one_lesson_can_be_checked_alone_and_an_unknown_one_is_named():
    code, out = run("simulate", str(FIXTURE), "--lessons", "--lesson", "talking_keeps_the_peace", "--no-search")
    assert code == 0 and "1 of 1 lessons hold." in out
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        assert main(["simulate", str(FIXTURE), "--lessons", "--lesson", "talking"]) == 2
    assert "unknown lesson 'talking'" in err.getvalue()


# --- what validate says -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "prefer: [talk], only: true}\n  blue_threatens",
            "prefer: [tlak], only: true}\n  blue_threatens",
            "unknown move 'tlak' (did you mean 'talk'?)",
        ),
        (
            "blue_heads: {actor: blue, name: Blue calls heads, prefer: [heads]",
            "blue_heads: {actor: blue, name: Blue calls heads, prefer: [kind:taalk]",
            "unknown kind 'taalk'",
        ),
        (
            "red_talks: {actor: red, name: Red talks, prefer: [talk]",
            "red_talks: {actor: red, name: Red talks, prefer: [trade]",
            "red cannot play 'trade' (it is played by blue)",
        ),
        (
            "lower: {blue: blue_talks, red: red_talks}",
            "lower: {blue: red_talks, red: red_talks}",
            "the strategy 'red_talks' is one of red's, not blue's",
        ),
        (
            "higher: {blue: blue_heads, red: red_talks}",
            "higher: {blue: blue_hedas, red: red_talks}",
            "unknown strategy of blue 'blue_hedas' (did you mean 'blue_heads'?)",
        ),
        (
            "measure: {ending: war}",
            "measure: {ending: war, turns: true}",
            "a measure has one of score, ending, objective, plays, plays_kind, track, turns (here: ending, turns)",
        ),
        ("measure: {score: blue}", "measure: {score: bleu}", "unknown actor 'bleu' (did you mean 'blue'?)"),
        ("    games: 40\n  threats_pay", "    games: 5\n  threats_pay", "`games` must be between 20 and 20000"),
        ("    lower: {blue: blue_talks, red: red_talks}\n", "", "needs one of `higher` or `lower`"),
    ],
)
def test_validate_names_each_mistake_where_it_is(old, new, message):
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text.replace(old, new, 1), "broken.yaml")
    found = [p for p in info.value.problems if message in p.message]
    assert found, [str(p) for p in info.value.problems]
    line = found[0].line
    changed = text.replace(old, new, 1).splitlines()
    assert 1 <= line <= len(changed)


def test_an_answer_the_offer_does_not_allow_is_refused():
    text = FIXTURE.read_text(encoding="utf-8") + ""
    text = text.replace(
        "  red_talks: {actor: red,",
        "  red_answers: {actor: red, name: Answers, answers: {talk: accept}}\n  red_talks: {actor: red,",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "broken.yaml")
    assert any("unknown offer made to red 'talk'" in p.message for p in info.value.problems)


# --- the guide's worked example ---------------------------------------------------------------


def test_the_guides_worked_example_holds_and_finds_what_the_guide_says():
    from tests.scenario.test_guide import block_after

    example = load_scenario_text(block_after("full-example") + block_after("lessons-example"), "lighthouse.yaml")
    assert example.warnings == ()
    with ls.Player(example, seed=1) as player:
        results = ls.check_lessons(player)
        found = ls.search_dominant(player)
    assert [r.verdict for r in results] == ["holds", "holds"]
    # the guide says the search finds a Southland that spends everything on deployments
    assert any(d.actor == "south" and d.strategy == "_south_only_deployment" for d in found)


def test_a_strategy_in_no_lesson_is_a_warning():
    """Declaring a strategy hides it from the dominance search; one that no lesson uses may hide the best play."""
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "  red_talks:", "  blue_hoards: {actor: blue, name: Blue hoards, prefer: [trade], only: true}\n  red_talks:"
    )
    scenario = load_scenario_text(text, "unused.yaml")
    (warning,) = [w for w in scenario.warnings if "blue_hoards" in w.message]
    assert "is in no lesson" in warning.message
    assert text.splitlines()[warning.line - 1].lstrip().startswith("blue_hoards:")
    assert not [w for w in load_scenario(FIXTURE).warnings if "in no lesson" in w.message]
