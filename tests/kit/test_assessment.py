"""A scenario's own assessment in the kit: the concept check for students, its answer key for the
teacher, the exit ticket, and the memo with its rubric; and validate's word on a wrong answer key."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from game.kit import build_kit
from game.scenario import ScenarioError, load_scenario, load_scenario_text
from tests.conftest import DATA, SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


def pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def flagship_pages() -> list[str]:
    return pages(build_kit(load_scenario(FLAGSHIP)))


def test_the_concept_check_is_printed_for_students_without_its_answers(flagship_pages: list[str]) -> None:
    plan = load_scenario(FLAGSHIP).assessment
    assert plan is not None and len(plan.concept_check) >= 8
    (check,) = [p for p in flagship_pages if p.startswith("Concept check Circle one")]
    for item in plan.concept_check:
        assert flat(str(item.question)) in check
        for choice in item.choices:
            assert flat(str(choice)) in check
        if item.why:
            assert flat(str(item.why)) not in check  # the students' page gives nothing away


def test_the_answer_key_gives_each_right_choice_and_the_objective_it_checks(flagship_pages: list[str]) -> None:
    scenario = load_scenario(FLAGSHIP)
    plan = scenario.assessment
    assert plan is not None
    key = " ".join(p for p in flagship_pages if p.startswith("Concept check: answer key"))
    for number, item in enumerate(plan.concept_check, 1):
        letter = "abcdef"[item.answer - 1]
        assert f"{number}. {letter}) {flat(str(item.choices[item.answer - 1]))}" in key
        if item.objective is not None:
            objective = flat(str(scenario.learning_objectives[item.objective - 1]))
            assert f"Checks learning objective {item.objective}: {objective}" in key


def test_the_exit_ticket_memo_and_rubric_have_pages_of_their_own(flagship_pages: list[str]) -> None:
    plan = load_scenario(FLAGSHIP).assessment
    assert plan is not None and plan.memo is not None
    (ticket,) = [p for p in flagship_pages if p.startswith("Exit ticket")]
    for prompt in plan.exit_ticket:
        assert flat(str(prompt)) in ticket
    (memo,) = [p for p in flagship_pages if p.startswith("Policy memo")]
    assert flat(str(plan.memo)) in memo
    for row in plan.rubric:
        assert flat(str(row.criterion)) in memo
        for score, text in row.levels.items():
            assert f"{score}: {flat(str(text))}" in memo


def test_a_scenario_without_an_assessment_prints_no_such_pages() -> None:
    mini = pages(build_kit(load_scenario(DATA / "mini.yaml")))
    assert not [p for p in mini if p.startswith(("Concept check", "Exit ticket", "Policy memo"))]


ITEM = """
assessment:
  concept_check:
    - question: Which is right?
      choices: [this one, that one]
      answer: {answer}
      objective: {objective}
"""


@pytest.mark.parametrize(
    ("answer", "objective", "message"),
    [
        (3, 1, "the answer counts the choices from 1: 1 to 2, not 3"),
        (0, 1, "the answer counts the choices from 1: 1 to 2, not 0"),
        (1, 2, "the learning objective counts from 1 (the scenario lists no learning_objectives), not 2"),
    ],
)
def test_validate_refuses_an_answer_key_that_points_nowhere(answer: int, objective: int, message: str) -> None:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8") + ITEM.format(answer=answer, objective=objective)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "quiz.yaml")
    (problem,) = [p for p in info.value.problems if p.message == message]
    key = "answer" if "answer" in message else "objective"
    assert text.splitlines()[problem.line - 1].strip().startswith(f"{key}:")


def test_a_question_needs_at_least_two_choices() -> None:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8") + ITEM.format(answer=1, objective=1).replace(
        "[this one, that one]", "[only this]"
    ).replace("      objective: 1\n", "")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "quiz.yaml")
    assert [p.message for p in info.value.problems] == ["a question has 2 to 6 choices, not 1"]
