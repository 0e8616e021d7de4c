"""Format 2's umpire and facts (issue 14 §7): facts a class reads as sentences, and a facilitator who
scores nothing, sees everything and rules on the teams' arguments the turn after."""

from __future__ import annotations

import pytest

from game.bots.match import play_game
from game.bots.policies import ObjectiveBot, make_bot
from game.engine.rng import derive
from game.engine.state import Order
from game.engine.turn import legal_moves, new_game, resolve_turn
from game.engine.view import redact, track_view, view
from game.report.debrief import build_debrief
from game.report.markdown import render_markdown
from game.scenario import ScenarioError, load_scenario, load_scenario_text
from tests.conftest import DATA

MATRIX = DATA / "matrix-ncg-2023.yaml"

SMALL = """
format: 2
id: small-umpire
title: Small
turns: 3
tracks:
  tension: {name: Tension, start: 3}
facts:
  wall: {text: {en: The wall is built., ko: 벽이 세워졌습니다.}}
  plan: {text: A secret plan is ready., visible_to: [red]}
actors:
  red:
    name: Red
    budget: 2
    tracks:
      power: {name: Power, start: 2, visible: hidden, estimate: 1}
    objectives:
      wall: {text: The wall stands, when: "fact(wall)", points: 2, main: true}
  blue:
    name: Blue
    budget: 1
    objectives:
      calm: {text: Calm, when: "tension <= 3", points: 1, main: true}
  ump:
    name: Umpire
    budget: 0
    facilitator: true
    bot: umpire
kinds:
  act: {name: Act}
  ruling: {name: Ruling}
moves:
  build: {name: Build the wall, kind: act, by: [red], effects: [{fact: wall}, {tension: +1}]}
  plot: {name: Plot, kind: act, by: [red], cost: 0, covert: true, effects: [{fact: plan}, {red.power: +1}]}
  tear: {name: Tear it down, kind: act, by: [blue], requires: "fact(wall)", effects: [{fact: wall, clear: true}]}
  rule_build:
    name: Rule on the wall
    kind: ruling
    by: [ump]
    cost: 0
    requires: "played(build)"
    effects: [{tension: +1}]
endings:
  war: {name: War, when: "tension >= 9", immediate: true, blame: tension, losers: [blamed]}
  done: {name: Done}
"""


@pytest.fixture(scope="module")
def small():
    return load_scenario_text(SMALL, "small.yaml")


def test_a_fact_is_made_true_read_by_conditions_listed_and_logged_then_cleared(small) -> None:
    start = new_game(small, 1)
    assert view(small, start, "blue").facts == ()
    assert Order("tear") not in legal_moves(small, start, "blue")  # requires fact(wall)
    built = resolve_turn(small, start, {"red": [Order("build")]})
    assert view(small, built.state, "blue").facts == ("wall",)
    assert "Now true: The wall is built." in [e.text for e in built.log]
    assert Order("tear") in legal_moves(small, built.state, "blue")
    torn = resolve_turn(small, built.state, {"blue": [Order("tear")]})
    assert view(small, torn.state, "blue").facts == ()
    assert "No longer true: The wall is built." in [e.text for e in torn.log]


def test_a_secret_fact_is_read_only_by_its_audience_and_the_umpire(small) -> None:
    played = resolve_turn(small, new_game(small, 1), {"red": [Order("plot")]})
    state, log = played.state, played.log
    assert view(small, state, "red").facts == ("plan",)
    assert view(small, state, "ump").facts == ("plan",)
    assert view(small, state, "blue").facts == ()
    assert not any("plan" in e.text for e in redact(small, "blue", log))
    assert not any("plan" in e.text for e in redact(small, None, log))
    assert any("A secret plan is ready" in e.text for e in redact(small, "red", log))


def test_the_umpire_sees_every_track_and_covert_play_exactly(small) -> None:
    played = resolve_turn(small, new_game(small, 1), {"red": [Order("plot")]})
    assert track_view(small, played.state, "red.power", "ump").value == 3
    assert track_view(small, played.state, "red.power", "blue").value is None
    umpire_log = [e.text for e in redact(small, "ump", played.log)]
    assert any("Plot" in line for line in umpire_log)
    assert not any("Plot" in line for line in (e.text for e in redact(small, "blue", played.log)))
    assert view(small, played.state, "ump").last_played.get("plot") == 1
    assert "plot" not in view(small, played.state, "blue").last_played


def test_a_ruling_comes_the_turn_after_the_play_it_rules_on_and_the_umpire_bot_makes_it(small) -> None:
    start = new_game(small, 1)
    assert legal_moves(small, start, "ump") == []
    built = resolve_turn(small, start, {"red": [Order("build")]})
    assert Order("rule_build") in legal_moves(small, built.state, "ump")
    bot = make_bot("umpire", small)
    orders = bot.choose(small, view(small, built.state, "ump"), derive(1, 2, "bot:ump", built.state.dice))
    assert orders == [Order("rule_build")]


def test_the_umpire_scores_nothing_is_never_blamed_and_is_not_a_team_of_the_results(small) -> None:
    state = new_game(small, 1)
    for _ in range(3):  # red builds every turn, the umpire rules: tension climbs by 2 a turn
        if state.over:
            break
        orders = {"red": [Order("build")]}
        if Order("rule_build") in legal_moves(small, state, "ump"):
            orders["ump"] = [Order("rule_build")]
        state = resolve_turn(small, state, orders).state
    assert state.outcome is not None
    assert state.outcome.scores["ump"] == 0
    assert state.outcome.blamed != "ump"
    debrief = build_debrief(small, [state], [()])
    assert [t.id for t in debrief.teams] == ["red", "blue"]


def test_a_bot_foresees_the_ruling_its_play_brings(small) -> None:
    state = new_game(small, 1)
    bot = ObjectiveBot("pragmatist")
    v = view(small, state, "red")
    changes = bot.expected(small, "build", v, bot.guesses(small, v))
    assert ("tension", 1, 1.0) in [(ref, step, p) for ref, step, p in changes if ref == "tension"][1:]


def test_the_debrief_and_the_report_list_each_fact_with_the_turn_it_became_true(small) -> None:
    start = new_game(small, 1)
    one = resolve_turn(small, start, {})
    two = resolve_turn(small, one.state, {"red": [Order("build")]})
    debrief = build_debrief(small, [start, one.state, two.state], [start.event_log, one.log, two.log])
    assert debrief.facts == (("The wall is built.", 2),)
    assert "The wall is built. (since turn 2)" in render_markdown(debrief)
    korean = build_debrief(small, [start, one.state, two.state], [start.event_log, one.log, two.log], lang="ko")
    assert "벽이 세워졌습니다. (2턴부터)" in render_markdown(korean)


def problems(text: str) -> list[str]:
    try:
        scenario = load_scenario_text(text, "x.yaml")
    except ScenarioError as error:
        return [str(p) for p in error.problems]
    return [str(w) for w in scenario.warnings]


def test_the_validator_warns_of_the_umpires_silent_mistakes() -> None:
    objectives = "    objectives: {x: {text: X, when: 'tension > 0', main: true}}\n"
    text = SMALL.replace("    facilitator: true\n", "    facilitator: true\n" + objectives)
    text = text.replace("facts:\n", "facts:\n  never: {text: Never set.}\n")
    text = text.replace('requires: "played(build)"', 'requires: "played(tear)"')
    text = text.replace('requires: "fact(wall)"', 'requires: "turn > 9"')
    found = " | ".join(problems(text))
    assert "'ump' is the facilitator: it scores nothing, so its objectives are never counted" in found
    assert "the fact 'never' is never made true" in found
    assert "the ruling 'rule_build' can never be played: no team can play 'tear'" in found


def test_the_facilitator_cannot_win_and_a_fact_must_exist_and_be_format_2() -> None:
    found = " | ".join(problems(SMALL.replace("losers: [blamed]", "losers: [ump]")))
    assert "'ump' is the facilitator: it never wins, loses or scores" in found
    found = " | ".join(problems(SMALL.replace("effects: [{fact: wall}, {tension: +1}]", "effects: [{fact: wal}]")))
    assert "unknown fact 'wal' (did you mean 'wall'?)" in found
    found = " | ".join(problems(SMALL.replace('when: "fact(wall)"', 'when: "fact(wal)"')))
    assert "unknown fact 'wal'" in found
    found = " | ".join(problems(SMALL.replace("format: 2", "format: 1")))
    assert "facts is a format-2 key" in found
    assert "facilitator is a format-2 key" in found


def test_the_matrix_game_validates_strictly_and_bots_play_it_to_an_ending() -> None:
    scenario = load_scenario(MATRIX)
    assert scenario.warnings == ()
    assert scenario.umpires == frozenset({"umpire"})
    ruled = 0
    for seed in range(8):
        game = play_game(scenario, seed, {a: actor.bot for a, actor in scenario.actors.items()})
        assert game.final.outcome is not None and game.final.outcome.ending in scenario.endings
        ruled += sum(n for key, n in game.final.plays.items() if key.startswith("umpire:"))
    assert ruled > 8, "the umpire bot rules on the teams' arguments"


def test_in_the_matrix_game_the_umpire_rules_in_its_own_round_on_the_arguments_on_the_table() -> None:
    scenario = load_scenario(MATRIX)
    start = new_game(scenario, 1)
    assert legal_moves(scenario, start, "umpire") == []  # the teams' round first
    argued = resolve_turn(scenario, start, {"usa": [Order("argue_ssbn")], "rok": [Order("argue_ncg")]})
    state = argued.state
    assert state.turn == 1, "the same turn, its ruling round"
    assert "on_ssbn" in view(scenario, state, "dprk").facts  # an argument on the table is public
    assert legal_moves(scenario, state, "usa") == []
    assert set(legal_moves(scenario, state, "umpire")) == {Order("rule_ssbn"), Order("rule_ncg")}
    ruled = resolve_turn(scenario, state, {"umpire": [Order("rule_ssbn"), Order("rule_ncg")]})
    facts = view(scenario, ruled.state, "rok").facts
    assert ruled.state.turn == 2
    assert "on_ssbn" not in facts and "on_ncg" not in facts  # ruled, off the table
    assert "ncg_met" in facts  # every band of the NCG ruling establishes that the group met


def test_an_umpire_ordering_with_the_teams_is_warned_that_it_rules_blind() -> None:
    text = SMALL.replace("endings:", "phases:\n  - {id: all_at_once, name: All, who: all}\nendings:")
    found = " | ".join(problems(text))
    assert "the facilitator 'ump' orders in the round 'all_at_once' with red, blue: it rules before it sees" in found
    rounds = "phases:\n  - {id: teams, name: Teams, who: [red, blue]}\n  - {id: ruling, name: Ruling, who: [ump]}\n"
    text = SMALL.replace("endings:", rounds + "endings:")
    assert "rules before it sees" not in " | ".join(problems(text))


def test_the_guides_umpire_example_loads_without_a_warning_and_plays() -> None:
    from tests.scenario.test_guide import block_after

    scenario = load_scenario_text(block_after("umpire-example"), "umpire.yaml")
    assert scenario.warnings == ()
    game = play_game(scenario, 1, {a: actor.bot for a, actor in scenario.actors.items()})
    assert game.final.outcome is not None


def test_a_card_says_its_facts_in_words_and_its_chance_from_the_facts_its_team_reads() -> None:
    from game.ui.wording import dice_chance, effect_preview

    scenario = load_scenario(MATRIX)
    start = new_game(scenario, 1)
    assert effect_preview(scenario, scenario.moves["argue_ncg"], view(scenario, start, "rok")) == (
        "true: On the table: joint planning in the NCG (ROK)."
    )
    argued = resolve_turn(scenario, start, {"dprk": [Order("prepare_launch"), Order("argue_icbm")]}).state
    ruling = scenario.moves["rule_icbm"]
    assert "no longer true: On the table: a solid-fuel ICBM test (DPRK)." in effect_preview(
        scenario, ruling, view(scenario, argued, "umpire")
    )
    # the umpire reads the secret preparation: one figure per result (2d6 + 3 against 8)
    assert dice_chance(scenario, ruling, view(scenario, argued, "umpire")) == "dice: Strong 58%, Partial 25%, Weak 17%"
    assert "–" in dice_chance(scenario, ruling, view(scenario, argued, "usa"))  # the USA cannot read it: a range
