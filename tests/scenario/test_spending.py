"""The validator on format 2's resources, costs, gains, free moves and caps: each mistake an author
can make is reported at its line and column, with a suggestion where a name is misspelt."""

from __future__ import annotations

from pathlib import Path

from game.scenario import ScenarioError, load_scenario_text

OPS = (Path(__file__).resolve().parents[1] / "data" / "ops.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    try:
        scenario = load_scenario_text(text, "ops.yaml")
    except ScenarioError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in scenario.warnings]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_proof_scenario_validates_without_a_warning() -> None:
    assert problems(OPS) == []


def test_an_unknown_resource_in_a_cost_is_an_error_at_its_key_with_a_suggestion() -> None:
    text = OPS.replace("cost: {capital: 1, intel: 2}", "cost: {capital: 1, intle: 2}")
    line = line_of(text, "intle")
    col = text.splitlines()[line - 1].index("intle") + 1
    assert problems(text) == [f"ops.yaml:{line}:{col}: unknown resource 'intle' (did you mean 'intel'?)"]


def test_an_unknown_resource_in_a_gain_or_a_team_is_an_error_with_a_suggestion() -> None:
    text = OPS.replace("{gain: intel, amount: 2}", "{gain: intell, amount: 2}").replace(
        "resources: {intel: 0}", "resources: {intl: 0}"
    )
    found = problems(text)
    assert any("unknown resource 'intell' (did you mean 'intel'?)" in p for p in found)
    assert any(p.startswith(f"ops.yaml:{line_of(text, 'intl')}:") and "'intl'" in p for p in found)


def test_resources_in_a_format_1_file_say_to_write_format_2() -> None:
    found = problems(OPS.replace("format: 2", "format: 1"))
    assert (
        f"ops.yaml:{line_of(OPS, '  capital:')}:3: resources is a format-2 key:"
        " write 'format: 2' at the top of the file"
        in found
    )
    assert any("per_turn is a format-2 key" in p for p in found)


def test_budget_beside_resources_is_an_error() -> None:
    text = OPS.replace("    resources: {intel: 0}", "    budget: 2\n    resources: {intel: 0}")
    assert problems(text) == [
        f"ops.yaml:{line_of(text, 'budget: 2')}:5: with `resources`, a team's amounts are its `resources`"
        " (e.g. {capital: 3}), not `budget`"
    ]


def test_a_cap_below_one_is_an_error() -> None:
    text = OPS.replace("icon: scales, per_turn: 1", "icon: scales, per_turn: 0")
    line = line_of(text, "per_turn: 0")
    col = text.splitlines()[line - 1].index("0}") + 1
    assert problems(text) == [f"ops.yaml:{line}:{col}: per_turn is at least 1 (to forbid a kind, leave its cards out)"]


def test_a_free_move_that_costs_something_is_a_warning() -> None:
    text = OPS.replace("    cost: 0\n    free: true", "    cost: 1\n    free: true")
    (warning,) = problems(text)
    assert "the move 'watch' is free but costs something" in warning
    assert warning.startswith(f"ops.yaml:{line_of(text, 'free: true')}:")


def test_a_gain_in_an_event_must_name_the_team() -> None:
    text = OPS.replace(
        "endings:", "events:\n  leak: {name: Leak, turn: 2, effects: [{gain: intel, amount: 1}]}\nendings:"
    )
    (error,) = problems(text)
    assert "a gain outside a move needs `to`" in error


def test_a_resource_named_like_a_track_is_an_error() -> None:
    text = OPS.replace("  intel: {name: {en: Intelligence", "  tension: {name: {en: Intelligence")
    assert any("the resource 'tension' has the name of a track" in p for p in problems(text))


def test_format_1_still_warns_of_a_card_that_costs_0_when_a_budget_can_be_0() -> None:
    text = """\
format: 1
id: f1
title: F1
turns: 2
tracks: {tension: {name: Tension}}
actors: {a: {name: A, budget: "turn % 2", objectives: {o: {text: O, when: "tension < 5", main: true}}}}
kinds: {k: {name: K}}
moves: {m: {name: M, kind: k, by: a, cost: 0, effects: [{tension: -1}]}}
endings: {e: {name: E}}
"""
    assert any("a budget of 0 does not stop free moves" in p for p in problems(text))
    assert not any("free moves" in p for p in problems(text.replace("format: 1", "format: 2")))
