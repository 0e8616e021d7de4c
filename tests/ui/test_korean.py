"""The game in Korean: a whole window game and a whole terminal game show no English of their own.

Every string drawn (the window: through widgets.render; the terminal: every line written) is
searched for Latin words. What may stay Latin: keys and formats (F1, Ctrl, HTML), commands and
paths a teacher types, and the scenario's own words where the scenario has no Korean yet (its
author's job, counted by `validate --lang ko`, not the game's): with a fully translated scenario
those disappear by themselves and this test holds the scenario to Korean too.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import attrs
import pygame
import pytest

from game import i18n
from game.i18n import Fallback, speaking
from game.scenario import load_scenario
from game.scenario.model import Scenario, Text
from game.ui.app import App
from game.ui.text import TextGame, clean, text_width, wrap
from tests.conftest import SCENARIOS, scenario_files
from tests.ui.pilot import FLAGSHIP, Pilot, launched

#: Words a Korean screen keeps in Latin letters: keys, file formats, the language control's
#: "English", the word typed to stop the terminal game.
KEPT = {
    "F1", "F2", "F3", "F11", "Ctrl", "Esc", "Tab", "Enter", "Space", "PgDn", "Page", "Up", "Down",
    "HTML", "Markdown", "English", "quit",
}  # fmt: skip
#: A word of English; dice are written 2d6 in every language (the cards and the rules say so).
WORD = re.compile(r"(?<![0-9])[A-Za-z][A-Za-z0-9'’]*[A-Za-z0-9]")
FILE = re.compile(r"\.(yaml|json|html|md|png)\b")  # a file's name is shown as it is


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """A Korean window chooses Korean for the whole program; the next test speaks English again."""
    yield
    i18n.set_language(None)


def untranslated_words(scenario: Scenario) -> set[str]:
    """Latin words the scenario itself puts on screen: texts without Korean, sources, glossary terms."""
    words: set[str] = set()
    for text in _texts(scenario):
        if isinstance(i18n.pick(text, "ko"), Fallback):
            words |= set(WORD.findall(text.default))
    for source in scenario.sources.values():
        for part in (source.title, source.publisher, source.date, source.url):
            words |= set(WORD.findall(part or ""))
    for key, entry in scenario.glossary.items():
        if entry.term is None:  # `Term: meaning`: the key, shown as written in every language
            words |= set(WORD.findall(key))
    return words


def _texts(value: object) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)


def english(lines: list[str], allowed: set[str]) -> list[str]:
    """The lines that show a Latin word no Korean screen should (paths and commands aside)."""
    found = []
    for line in lines:
        if line.lstrip().startswith("deterrence "):
            continue  # a command for the teacher to type
        kept = " ".join(t for t in line.split() if not FILE.search(t) and "/" not in t and "--" not in t)
        words = WORD.findall(kept)
        # acronyms stay as Korean writes them: 핵협의그룹(NCG), 전략핵잠수함(SSBN), 사드(THAAD)
        strange = [w for w in words if w not in KEPT and w not in allowed and not (w.isupper() and len(w) <= 6)]
        if strange:
            found.append(f"{line!r}: {strange}")
    return found


# --- the window ------------------------------------------------------------------------------


def visit(pilot: Pilot, key: int, seen: dict[str, set[str]], *then: int) -> None:
    """Open a window-wide screen (help, glossary, teacher's menu...), read it, then close it."""
    for press in (key, *then):
        pilot.press(press)
        seen.setdefault(pilot.name, set()).update(pilot.screen_lines())
    while pilot.name not in ("event",):
        pilot.press(pygame.K_ESCAPE)


def play_demo(pilot: Pilot) -> dict[str, set[str]]:
    """The demo from the title to the debrief, every screen on the way read; the help, glossary and
    teacher's screens opened once during the first turn."""
    seen: dict[str, set[str]] = {"title": set(pilot.screen_lines())}
    detours = True
    for _ in range(20000):
        pilot.recorder.lines.clear()
        pilot.step(1 / 20)
        seen.setdefault(pilot.name, set()).update(pilot.recorder.lines)
        if pilot.name == "event" and detours:
            detours = False
            pilot.app.demo = False  # the demo would press the primary button of each detour
            visit(pilot, pygame.K_F1, seen)
            visit(pilot, pygame.K_F3, seen)
            visit(pilot, pygame.K_F2, seen, pygame.K_a, pygame.K_y)  # Y: the projector is off
            visit(pilot, pygame.K_F2, seen, pygame.K_p)
            visit(pilot, pygame.K_F2, seen, pygame.K_d)
            visit(pilot, pygame.K_F2, seen, pygame.K_o, pygame.K_y)
            pilot.app.demo = True
        if pilot.name == "title" and "debrief" in seen:
            return seen
    raise AssertionError(f"the demo never ended; stuck on {pilot.name}")


@pytest.mark.parametrize("name", ["washington-declaration-2023.yaml", "tutorial.yaml"])
def test_a_whole_window_game_in_korean_shows_no_english_of_its_own(tmp_path: Path, name: str):
    with launched(tmp_path, start=SCENARIOS / name, demo=True, speed=100, lang="ko") as pilot:
        seen = play_demo(pilot)
        pilot.app.open_replay(pilot.app.saved_games()[0])  # the replay of the game just played
        for _ in range(pilot.scene.last + 1):  # type: ignore[attr-defined]
            seen.setdefault(pilot.name, set()).update(pilot.screen_lines())
            pilot.press(pygame.K_RIGHT)
        pilot.app.reset(pilot.app.stack[0].__class__(pilot.app))  # the title again
        pilot.press(pygame.K_s)  # choose a scenario
        seen.setdefault(pilot.name, set()).update(pilot.screen_lines())
        allowed = set().union(*(untranslated_words(load_scenario(path)) for path in scenario_files()))
    assert {"title", "setup", "help", "glossary", "teacher", "adjust", "pause", "confirm", "pick"} <= set(seen)
    assert {"ending", "debrief", "replay", "choose"} <= set(seen)
    problems = []
    for name, lines in sorted(seen.items()):
        problems += [f"{name}: {problem}" for problem in english(sorted(lines), allowed)]
    assert not problems, "English on a Korean screen:\n" + "\n".join(problems)
    assert "억제와 대화" in seen["title"] and "돌아보기" in " ".join(seen["debrief"])


def test_the_title_screen_chooses_the_language_and_the_settings_keep_it(tmp_path: Path):
    with launched(tmp_path) as pilot:
        assert "Play the flagship scenario" in pilot.labels()
        pilot.click_button("English / 한국어")
        assert "대표 시나리오 플레이" in pilot.labels(), "the title is laid out again in Korean"
        assert "대표 시나리오 플레이" in pilot.screen_text()
        assert pilot.scene.buttons[pilot.scene.focus].label.startswith("English / 한국어"), "focus stays put"
        pilot.press(pygame.K_F1)
        assert "게임 방법" in pilot.screen_text(), "the next screens speak it too"
    assert json.loads((tmp_path / "settings.json").read_text())["lang"] == "ko"
    i18n.set_language(None)
    with launched(tmp_path) as pilot:  # the next class: the window opens in Korean
        assert "대표 시나리오 플레이" in pilot.labels()
        pilot.press(pygame.K_l)
        assert "Play the flagship scenario" in pilot.labels()
    assert json.loads((tmp_path / "settings.json").read_text())["lang"] == "en"


def test_lang_on_the_command_line_wins_over_the_settings_for_this_run(tmp_path: Path):
    (tmp_path / "settings.json").write_text('{"lang": "ko"}')
    app = App(FLAGSHIP, scenario_dir=SCENARIOS, data_dir=tmp_path, lang="en")
    assert app.lang == "en" and i18n.language() == "en"
    (tmp_path / "settings.json").write_text('{"lang": "xx"}')  # a broken setting: the system's language
    assert App(FLAGSHIP, scenario_dir=SCENARIOS, data_dir=tmp_path).lang == "en"


# --- the terminal ---------------------------------------------------------------------------


def play_in_korean(scenario: Scenario, human: str) -> list[str]:
    """A whole terminal game in Korean: one team of students (learning about, picking and dropping
    cards, answering offers), bots in the other seats; every line written and every prompt."""
    out = io.StringIO()
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        if "y/N" in prompt:
            return "y"
        if "답(번호)" in prompt:
            return "1"
        if "카드 번호" in prompt:
            asked = sum("카드 번호" in p for p in prompts[-4:])
            return {1: "i 1", 2: "1", 3: "99"}.get(asked, "")
        return ""

    seats = {a: ("human" if a == human else actor.bot) for a, actor in scenario.actors.items()}
    with speaking("ko"):
        TextGame(scenario, seats, 4, ask=ask, out=out).run()
    return out.getvalue().splitlines() + prompts


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_a_whole_terminal_game_in_korean_shows_no_english_of_its_own(path: Path):
    scenario = load_scenario(path)
    lines = play_in_korean(scenario, next(iter(scenario.actors)))
    text = "\n".join(lines)
    assert "게임 종료" in text and "점수" in text, "played to the end"
    assert "비밀 명령" in text and "남은 정치적 자본" in text, "a team gave its orders"
    problems = english(lines, untranslated_words(scenario))
    assert not problems, "English in a Korean terminal game:\n" + "\n".join(problems)


# --- layout that fits Hangul in a terminal ---------------------------------------------------

SENTENCE = (
    "한국과 미국은 워싱턴 선언에서 핵협의그룹(NCG)을 새로 만들고, 전략핵잠수함(SSBN)이 "
    "한국에 기항하기로 했습니다. 북한은 이를 위협으로 보고 미사일을 발사했습니다."
)


@pytest.mark.parametrize("width", [20, 31, 40, 78])
def test_korean_wraps_at_spaces_within_the_terminal_columns(width: int):
    lines = wrap(SENTENCE, width)
    assert all(text_width(line) <= width for line in lines), [(text_width(x), x) for x in lines]
    assert [word for line in lines for word in line.split()] == SENTENCE.split(), "every word whole, in order"
    assert len(lines) >= text_width(SENTENCE) // width, "a syllable counts two columns, not one"


def test_a_long_korean_run_without_spaces_breaks_between_syllables_never_before_a_full_stop():
    run = "확장억제는동맹국을지키겠다는약속입니다." * 6
    for width in (6, 9, 14, 21, 38, 77):  # 6, 14, 38, 77: a plain cut would start a line with the '.'
        lines = wrap(run, width)
        assert "".join(lines) == run, "no syllable lost or split"
        assert all(text_width(line) <= width for line in lines)
        assert not any(line.startswith(".") for line in lines), lines
        assert sum(text_width(line) for line in lines[:-1]) >= (len(lines) - 1) * (width - 3), "lines are filled"


def test_hangul_typed_as_separate_jamo_is_one_syllable_on_screen():
    decomposed = unicodedata.normalize("NFD", "억제와 대화")
    assert len(decomposed) > len("억제와 대화")
    assert clean(decomposed) == "억제와 대화" and text_width(clean(decomposed)) == 11


def test_the_terminal_rules_are_as_wide_as_the_text(tmp_path: Path):
    out = io.StringIO()
    game = TextGame(
        load_scenario(SCENARIOS / "tutorial.yaml"), {"protector": "objective", "ally": "objective"}, 1, out=out
    )
    assert text_width(game.rule()) == game.width
    assert text_width(game.rule("═")) <= game.width  # a box-drawing rule that a terminal may draw wide


def test_play_and_replay_take_lang_on_the_command_line():
    from game.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["play", "--lang", "ko_KR.UTF-8"]).lang == "ko"
    assert parser.parse_args(["play", "--text", "--lang", "en"]).lang == "en"
    assert parser.parse_args(["replay", "game.json", "--lang", "ko"]).lang == "ko"
    assert parser.parse_args(["play"]).lang is None  # the title screen's choice, else the system's


def test_the_window_wraps_korean_at_spaces_and_cuts_a_long_run_between_syllables(tmp_path: Path):
    from game.ui import widgets

    with launched(tmp_path, lang="ko") as pilot:
        font = pilot.app.theme.font("body")
        width = font.size("가" * 12)[0]
        lines = widgets.wrap(font, SENTENCE, width)
        assert all(font.size(line)[0] <= width for line in lines)
        assert [word for line in lines for word in line.split()] == SENTENCE.split(), "every word whole, in order"
        run = "확장억제는동맹국을지키겠다는약속입니다" * 4
        cut = widgets.wrap(font, run, width)
        assert "".join(cut) == run and len(cut) > 1
        assert all(font.size(line)[0] <= width for line in cut)
