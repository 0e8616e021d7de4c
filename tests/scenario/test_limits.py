"""Limits that keep every scenario `validate` accepts playable: each hostile case is refused
by the loader, fast, at its position, in words a teacher reads; the edge of each limit loads.

The cases come from files that passed `validate` and then crashed or hung a front end: a NUL
or an ESC written as an escape, a budget of 10^18, 200 KB of combining accents, text
amplified through aliases, a ladder from -10^18 to 10^18, an unquoted date that the JSON
Schema reads as a date, and a FIFO given as the scenario's path.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from game.scenario import ScenarioError, load_scenario, load_scenario_text, validate
from game.scenario.load import MAX_BUDGET, MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_NUMBER, MAX_SPAN, MAX_TEXT_LENGTH
from game.scenario.yamlread import MAX_MARKS, MAX_TEXT
from tests.scenario.test_hostile import FILE, SECONDS, mini_text, only, problems


def replaced(old: str, new: str, text: str | None = None) -> str:
    """mini.yaml (or text) with one piece replaced."""
    text = mini_text() if text is None else text
    assert old in text, f"tests/data/mini.yaml changed: {old!r} is not in it any more"
    return text.replace(old, new, 1)


def position(text: str, piece: str, after: str = "") -> tuple[int, int]:
    """Line and column where piece starts (the first one after `after`)."""
    at = text.index(piece, text.index(after) if after else 0)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def loads(text: str) -> None:
    start = time.perf_counter()
    load_scenario_text(text, FILE)
    assert time.perf_counter() - start < SECONDS


TALK = "    name: Talk\n    kind: talk\n"


# --- control characters written as escapes ----------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\0", "U+0000 (NUL)"),
        ("\\e", "U+001B (ESC)"),
        ("\\e[2J\\e[3J", "U+001B (ESC)"),  # clears a terminal and its scrollback
        ("\\x07", "U+0007 (BEL)"),
        ("\\b", "U+0008 (backspace)"),
        ("\\r", "U+000D (carriage return)"),
        ("\\x9b", "U+009B"),  # CSI: a whole escape sequence in one character on some terminals
        ("\\x7f", "U+007F (DEL)"),
        ("\\uFFFE", "U+FFFE"),
    ],
)
def test_control_characters_written_as_escapes_are_refused_where_the_text_is(escape: str, shown: str):
    text = replaced(TALK, f'    name: "Ta{escape}lk"\n    kind: talk\n')
    line, col = position(text, '"Ta')
    assert only(text) == (
        f"{FILE}:{line}:{col}: the text holds the control character {shown}; "
        "scenario texts hold letters, spaces and line breaks only"
    )


def test_an_escape_in_a_key_is_refused_too():
    text = mini_text() + 'glossary: {"Ter\\0m": A word}\n'
    line, col = position(text, '"Ter')
    assert only(text) == (
        f"{FILE}:{line}:{col}: the text holds the control character U+0000 (NUL); "
        "scenario texts hold letters, spaces and line breaks only"
    )


def test_tabs_and_line_breaks_written_as_escapes_are_fine():
    loads(replaced(TALK, '    name: Talk\n    text: "One line\\nand\\tanother"\n    kind: talk\n'))


# --- numbers ----------------------------------------------------------------------------------


def test_a_budget_of_ten_to_the_eighteenth_is_refused():
    text = replaced("budget: 2", "budget: 1000000000000000000")
    line, col = position(text, "1000000000000000000")
    assert only(text) == (
        f"{FILE}:{line}:{col}: the budget can reach a 19-digit number (with the tracks at their limits); "
        f"it must stay between {-MAX_BUDGET} and {MAX_BUDGET}"
    )


def test_a_budget_formula_that_can_grow_too_far_is_refused_and_one_that_cannot_loads():
    text = replaced("budget: 2", 'budget: "tension * 20"')  # tension 0..10: up to 200
    assert only(text).endswith(
        f": the budget can reach 200 (with the tracks at their limits); it must stay between -100 and {MAX_BUDGET}"
    )
    loads(replaced("budget: 2", 'budget: "tension * 10"'))  # up to 100: the edge


def test_counts_of_plays_are_bounded_by_the_turns_and_the_players_of_a_card():
    # 'talk' is played by blue and red, at most once each a turn, in at most 4 turns: ever(talk) <= 8
    loads(replaced("budget: 2", 'budget: "2 + ever(talk)"'))
    assert only(replaced("budget: 2", 'budget: "ever(talk) * 13"')).endswith(
        f": the budget can reach 104 (with the tracks at their limits); it must stay between -100 and {MAX_BUDGET}"
    )
    loads(replaced("budget: 2", 'budget: "played_kind(show) * 20"'))  # drill and test: at most 2 a turn


@pytest.mark.parametrize(
    ("old", "new", "piece", "number"),
    [
        ("min: 0, max: 10, start: 3", "min: 0, max: 10, start: 3000", "3000", "3000"),
        ("target: 8", "target: 99999", "99999", "99999"),
        ("points: 2", "points: -1001", "-1001", "-1001"),
        ("{red.power: +1, tension: +2}", "{red.power: +1, tension: +2000}", "+2000", "2000"),
        ("estimate: 2", "estimate: 123456789012345", "123456789012345", "a 15-digit number"),
    ],
)
def test_numbers_past_a_thousand_are_refused_where_they_are(old: str, new: str, piece: str, number: str):
    text = replaced(old, new)
    line, col = position(text, piece)
    found = [str(p) for p in problems(text)]
    assert found[0] == (
        f"{FILE}:{line}:{col}: {number} is out of range: numbers lie between {-MAX_NUMBER} and {MAX_NUMBER}"
        if "tension" not in new
        else f"{FILE}:{line}:{col}: a change of {number} is out of range: changes lie between "
        f"{-MAX_NUMBER} and {MAX_NUMBER}"
    ), found


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1.0e+300"])
def test_infinite_or_huge_bot_settings_are_refused(value: str):
    text = mini_text() + f"temperaments:\n  wild: {{risk: {value}}}\n"
    line, col = position(text, value, "wild")
    message = only(text)
    assert message.startswith(f"{FILE}:{line}:{col}: "), message
    assert message.endswith(f"is out of range: numbers lie between {-MAX_NUMBER} and {MAX_NUMBER}"), message


def test_a_place_at_not_a_number_is_refused_not_warned_about():
    text = mini_text() + "map:\n  region: Here\n  lon: [0, 10]\n  lat: [0, 10]\n  places:\n"
    text += "    x: {name: X, lon: .nan, lat: 5}\n"
    line, col = position(text, ".nan")
    found = problems(text)
    assert str(found[0]) == f"{FILE}:{line}:{col}: nan is out of range: numbers lie between -1000 and 1000"
    assert found[0].severity == "error"


def test_a_cost_over_the_highest_budget_is_refused():
    text = replaced("    cost: 1\n    effects: [{tension: -1}]", "    cost: 101\n    effects: [{tension: -1}]")
    line, col = position(text, "101")
    assert str(problems(text)[0]) == f"{FILE}:{line}:{col}: cost is at most {MAX_BUDGET}, the highest budget"


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("weight", "10000", "the weight can reach 10000"),
        ("weight", '"tension * 200"', "the weight can reach 2000"),
    ],
)
def test_event_weights_are_bounded(where: str, value: str, message: str):
    text = mini_text() + f"events:\n  storm: {{name: Storm, {where}: {value}}}\n"
    assert only(text).endswith(
        f": {message} (with the tracks at their limits); it must stay between {-MAX_NUMBER} and {MAX_NUMBER}"
    )


def test_a_roll_modifier_is_bounded():
    text = replaced('plus: "blue.trust // 3"', 'plus: "blue.trust * 1000"')
    assert only(text).endswith(
        ": the modifier can reach 10000 (with the tracks at their limits); it must stay between -1000 and 1000"
    )


def test_agreements_and_tokens_last_at_most_a_game():
    text = mini_text() + "map: {region: Here, lon: [0, 10], lat: [0, 10], places: {x: {name: X, lon: 5, lat: 5}}}\n"
    text = replaced("    effects: [{red.power: +1, tension: +2}]", "    token: {at: x, label: T, turns: 101}", text)
    assert only(text).endswith(": a token stays 0 (for good) to 100 turns")


# --- spans ------------------------------------------------------------------------------------


def test_a_ladder_from_minus_to_plus_ten_to_the_eighteenth_is_refused():
    text = replaced("min: 0, max: 10, start: 3", "min: -1000000000000000000, max: 1000000000000000000, start: 3")
    line, _ = position(text, "-1000000000000000000")
    bound = f"is out of range: numbers lie between {-MAX_NUMBER} and {MAX_NUMBER}"
    assert [str(p) for p in problems(text)][:2] == [
        f"{FILE}:{line}:{position(text, '-1000')[1]}: a 19-digit number {bound}",
        f"{FILE}:{line}:{position(text, ' 1000000000000000000,')[1] + 1}: a 19-digit number {bound}",
    ]


def test_a_track_spans_at_most_a_thousand_steps():
    text = replaced("min: 0, max: 10, start: 3", "min: -600, max: 600, start: 3")
    line, col = position(text, "600, start")
    assert only(text) == f"{FILE}:{line}:{col}: a track spans at most {MAX_SPAN} steps; -600..600 spans 1200"
    loads(replaced("min: 0, max: 10, start: 3", "min: -500, max: 500, start: 3"))  # the edge


# --- texts ------------------------------------------------------------------------------------


def test_two_hundred_kilobytes_of_combining_accents_are_refused():
    text = replaced(TALK, '    name: "T' + "\u0301" * 200_000 + '"\n    kind: talk\n')
    line, col = position(text, '"T')
    assert only(text) == (
        f"{FILE}:{line}:{col}: the text stacks more than {MAX_MARKS} accents or other combining marks on one letter"
    )


def test_accents_as_real_writing_uses_them_are_fine():
    words = "Tiếng Việt, हिन्दी, ภาษาไทย, Ελληνικά, a" + "\u0301" * MAX_MARKS
    loads(replaced(TALK, f'    name: "{words}"\n    kind: talk\n'))


def test_a_name_is_at_most_a_line_and_a_text_at_most_a_few_pages():
    name = "N" * (MAX_NAME_LENGTH + 1)
    text = replaced(TALK, f"    name: {name}\n    kind: talk\n")
    line, col = position(text, name)
    assert only(text) == f"{FILE}:{line}:{col}: a name may hold {MAX_NAME_LENGTH} characters; this one holds 201"
    long = "word " * (MAX_TEXT_LENGTH // 5) + "x"
    text = replaced(TALK, f"    name: Talk\n    text: {long}\n    kind: talk\n")
    assert only(text).endswith(f": a text may hold 5,000 characters; this one holds {len(long):,}")
    loads(replaced(TALK, f"    name: {'N' * MAX_NAME_LENGTH}\n    text: {long[:-2]}\n    kind: talk\n"))


def test_a_long_name_in_another_language_is_refused_at_its_language():
    name = "이" * (MAX_NAME_LENGTH + 1)
    text = replaced('title: {en: "Mini crisis", ko: "작은 위기"}', f'title: {{en: "Mini crisis", ko: "{name}"}}')
    line, col = position(text, f'"{name[:3]}')
    assert only(text) == f"{FILE}:{line}:{col}: a name may hold {MAX_NAME_LENGTH} characters; this one holds 201"


def test_text_amplified_through_aliases_is_refused_where_it_passes_the_limit():
    # 312 KB of text, repeated by aliases: the anchor and three copies pass the limit
    big = "x" * 312_000
    text = f'anchor: &big "{big}"\ncopies: [*big, *big, *big, *big]\n'
    line, col = 2, 1 + len("copies: [*big, *big, ")
    assert only(text) == (
        f"{FILE}:{line}:{col}: the scenario holds more than {MAX_TEXT:,} characters of text once aliases are expanded"
    )


def test_text_amplified_through_nested_aliases_is_refused_long_before_it_is_built():
    text = 'a: &a ["' + "y" * 5000 + '"]\n'
    for level, name in enumerate("bcdefg"):
        text += f"{name}: &{name} [" + ", ".join([f"*{'abcdefg'[level]}"] * 10) + "]\n"
    assert only(text).endswith(" characters of text once aliases are expanded")


def test_an_id_is_at_most_64_characters():
    long_id = "m" * (MAX_ID_LENGTH + 1)
    text = replaced("id: mini", f"id: {long_id}")
    assert only(text) == f"{FILE}:2:5: an id may hold {MAX_ID_LENGTH} characters; this one holds 65"
    text = replaced("  talk:\n    name: Talk", f"  {long_id}:\n    name: Talk")
    line, col = position(text, long_id)
    assert only(text) == f"{FILE}:{line}:{col}: an id may hold {MAX_ID_LENGTH} characters; this one holds 65"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2023-07-20", "2023-07-20T10:00:00Z", "2023-07-20 10:00:00"])
def test_an_unquoted_date_is_refused_with_the_quotes_it_needs(date: str):
    text = mini_text() + f"sources:\n  s: {{title: T, date: {date}}}\n"
    line, col = position(text, date)
    assert only(text) == (
        f"{FILE}:{line}:{col}: {date} is read as a date by YAML tools (editors, the JSON Schema); "
        f'write it in quotes: "{date}"'
    )


@pytest.mark.parametrize(
    "date", ['"2023-07-20"', "'2023-07-20'", '"1966"', "July 2023", "2023-7-2", "!!str 2023-07-20"]
)
def test_dates_in_quotes_or_not_shaped_as_dates_are_text(date: str):
    scenario = load_scenario_text(mini_text() + f"sources:\n  s: {{title: T, date: {date}}}\n", FILE)
    assert isinstance(scenario.sources["s"].date, str)


# --- special files ----------------------------------------------------------------------------


def loaded_in_a_thread(path: Path) -> list[str]:
    """validate(path) in a thread that must end quickly (a blocked open would never end)."""
    result: list[str] = []
    thread = threading.Thread(target=lambda: result.extend(str(p) for p in validate(path)), daemon=True)
    thread.start()
    thread.join(SECONDS * 2)
    assert not thread.is_alive(), f"validate({path}) is still reading after {SECONDS * 2} s"
    return result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_the_scenario_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert loaded_in_a_thread(fifo) == [
        f"{fifo}:1:1: cannot read the file: it is not a regular file (a pipe or a device?)"
    ]


def test_a_folder_as_the_scenario_is_refused(tmp_path: Path):
    folder = tmp_path / "crisis.yaml"
    folder.mkdir()
    assert loaded_in_a_thread(folder) == [f"{folder}:1:1: cannot read the file: it is a folder, not a file"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_as_the_scenario_is_refused(device: str):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    assert loaded_in_a_thread(Path(device)) == [
        f"{device}:1:1: cannot read the file: it is not a regular file (a pipe or a device?)"
    ]


def test_a_link_to_a_scenario_is_read_as_the_scenario(tmp_path: Path):
    target = tmp_path / "real.yaml"
    target.write_text(mini_text(), encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert load_scenario(link).id == "mini"


def test_only_scenario_errors_come_out(tmp_path: Path):
    for path in (tmp_path, tmp_path / "missing.yaml"):
        with pytest.raises(ScenarioError):
            load_scenario(path)


def test_what_a_whole_game_can_print_is_bounded():
    # Each turn: 20 cards of 2,004 characters in two hands (80,160), mini's own three cards
    # (Talk twice, Drill, Missile test: 25) and objectives (23); with 10 repeating events of
    # 2,001 characters (20,010), 100,218 a turn: 10,021,800 in 100 turns, past 10 million.
    text = replaced("turns: {min: 3, max: 4}", "turns: 100")
    cards = "".join(
        f"  card_{i}: {{name: Card, kind: talk, by: [blue, red], effects: [{{tension: 0}}], text: {'w' * 2000}}}\n"
        for i in range(20)
    )
    text = replaced("moves:\n", "moves:\n" + cards, text)
    loads(text)
    events = "".join(f"  e{i}: {{name: E, text: {'w' * 2000}, weight: 1, once: false}}\n" for i in range(10))
    text += "events:\n" + events
    assert only(text) == (
        f"{FILE}:4:8: a game of 100 turns could print 10,021,800 characters of card, event and objective texts "
        "(each as often as it can come up); at most 10,000,000: shorten the texts or the game"
    )


def test_a_lessons_games_keep_their_own_range():
    lesson = (
        "lessons:\n  calm_pays:\n    claim: Talking pays\n    measure: {ending: calm}\n"
        "    higher: {blue: random}\n    than: {blue: objective}\n    games: GAMES\n"
    )
    loads(mini_text() + lesson.replace("GAMES", "5000"))
    assert only(mini_text() + lesson.replace("GAMES", "50000")).endswith(": `games` must be between 20 and 20000")
