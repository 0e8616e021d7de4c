"""What YAML does to plain words an author types, said in the author's terms.

`No` and `Yes` are yes/no values to YAML 1.1, a bare `?` starts a key, and ': ' in an unquoted
text makes a mapping. Each problem says what the author probably meant and how to write it.
"""

from __future__ import annotations

import pytest

from game.scenario import ScenarioError, load_scenario_text
from tests.conftest import DATA

MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "x.yaml")
    return [str(p) for p in caught.value.problems]


def test_no_as_a_name_is_a_yes_no_value_and_the_message_says_to_quote_the_word():
    text = MINI.replace("  calm: {name: Calm}", "  calm: {name: No}")
    assert problems(text) == [
        "x.yaml:51:16: No is read by YAML as false (a yes/no value), not as text; "
        'if you mean the word, write it in quotes: "No"'
    ]


def test_yes_in_one_language_of_a_text_points_at_that_language():
    text = MINI.replace("    name: Blue\n", "    name: {en: Yes, ko: 네}\n")
    assert problems(text) == [
        "x.yaml:10:16: Yes is read by YAML as true (a yes/no value), not as text; "
        'if you mean the word, write it in quotes: "Yes"'
    ]


def test_a_bare_question_mark_is_explained_as_the_start_of_a_key():
    text = MINI.replace("    name: Talk\n", "    name: ?\n", 1)
    (problem,) = problems(text)
    assert problem.startswith("x.yaml:30:11: YAML syntax:")
    assert problem.endswith(
        """a '?' on its own starts a YAML key: if you meant a question mark, write it in quotes: "?\""""
    )


def test_a_colon_in_a_list_item_suggests_the_whole_text_in_quotes():
    text = MINI.replace("format: 1\n", "format: 1\nquestions:\n  - What did you learn: deterrence or assurance?\n")
    assert problems(text) == [
        "x.yaml:3:5: 'What did you learn' is not a language code such as en or ko; if this is one text, its ': ' "
        'made it a mapping: write it in quotes: "What did you learn: deterrence or assurance?"'
    ]


def test_a_colon_inside_a_plain_text_suggests_the_whole_text_in_quotes():
    text = MINI.replace("    name: Drill\n", "    name: Drill\n    text: Drill: a show of force\n")
    (problem,) = problems(text)
    assert problem.startswith("x.yaml:37:16: YAML syntax: mapping values are not allowed")
    assert problem.endswith('write the whole text in quotes: "Drill: a show of force"')


def test_a_real_language_map_is_not_mistaken_for_a_colon_in_a_text():
    text = MINI.replace("    name: Blue\n", "    name: {en: Blue, fr: Bleu}\n")
    assert load_scenario_text(text, "x.yaml").actors["blue"].name.get("fr") == "Bleu"
