"""The print kit in Korean: `deterrence print --lang ko` prints no English words of its own.

The PDF's text is read back with pypdf. What may stay Latin is what a Korean class reads in Latin
too: the sources as cited, the glossary's English terms beside the Korean ones, acronyms (NCG,
SSBN), dice (2d6), paper sizes (A4, Letter) and the command a teacher types.
"""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from pypdf import PdfReader

from game.cli import main
from game.kit import build_kit
from game.scenario import load_scenario
from game.scenario.model import Scenario
from tests.conftest import ROOT

KOREAN = [ROOT / "scenarios" / "washington-declaration-2023.yaml", ROOT / "scenarios" / "tutorial.yaml"]
#: Latin a Korean kit may print: the paper's name and the command for the handout.
ALLOWED = {"Letter", "deterrence", "report", "SAVE", "brief"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


@cache
def korean_kit(path: str) -> tuple[Scenario, list[str]]:
    scenario = load_scenario(path)
    reader = PdfReader(io.BytesIO(build_kit(scenario, "a4", "ko")))
    return scenario, [" ".join(page.extract_text().split()) for page in reader.pages]


def cited(scenario: Scenario) -> set[str]:
    """The Latin words of what is printed as cited: the sources, and the glossary's English terms."""
    words: set[str] = set()
    for source in scenario.sources.values():
        for part in (source.title, source.publisher, source.date, source.url, source.note):
            words |= set(WORD.findall(part or ""))
    for term in scenario.glossary:
        words |= set(WORD.findall(term))
    return words


def english_left(scenario: Scenario, pages: list[str]) -> dict[str, list[int]]:
    allowed = cited(scenario) | ALLOWED
    found: dict[str, list[int]] = {}
    for number, text in enumerate(pages, 1):
        for word in WORD.findall(text):
            acronym_or_dice = word.isupper() or re.fullmatch(r"\d*d\d+", word)
            if not acronym_or_dice and word not in allowed:
                found.setdefault(word, []).append(number)
    return found


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: p.stem)
def test_a_korean_kit_has_no_english_words_of_its_own(path):
    scenario, pages = korean_kit(str(path))
    left = english_left(scenario, pages)
    assert not left, f"English in the Korean kit of {path.name} (word: pages): {left}"


def test_the_korean_kit_says_its_headings_in_korean_on_every_kind_of_page():
    _, pages = korean_kit(str(KOREAN[0]))
    every = "\n".join(pages)
    for heading in (
        "인쇄해서 하는 게임 키트",
        "종이로 게임 진행하기",
        "팀 안내지",
        "행동 카드: 앞면",
        "사건 카드",
        "명령",
        "게임판: 지표",
        "확전 사다리",
        "지도: 한반도",
        "용어 풀이",
        "연표",
        "토론 질문",
        "개념 확인",
    ):
        assert heading in every, heading
    assert "쪽" in pages[0]  # the footer's page number
    check = next(page for page in pages if page.startswith("개념 확인 "))
    assert "① " in check and "④ " in check and "a) " not in check  # choices numbered as a Korean test numbers them


def test_the_english_kit_is_still_english():
    scenario = load_scenario(KOREAN[1])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(build_kit(scenario, "a4", "en"))).pages)
    assert "team sheet" in text and "팀 안내지" not in text


def test_print_takes_the_language_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "kit.pdf"
    assert main(["print", str(KOREAN[1]), "--lang", "ko", "-o", str(out)]) == 0
    first = PdfReader(out).pages[0].extract_text()
    assert "인쇄해서 하는 게임 키트" in first
    assert f"인쇄용 키트 파일을 만들었습니다: {out}" in capsys.readouterr().out


def test_the_korean_kit_glossary_gives_each_term_in_korean():
    scenario = load_scenario(KOREAN[1])
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(build_kit(scenario, "a4", "ko"))).pages)
    for key, entry in scenario.glossary.items():
        assert entry.name(key).values["ko"] in text, key


def test_the_check_finds_english_where_there_is_some():
    scenario = load_scenario(KOREAN[1])
    english = [page.extract_text() for page in PdfReader(io.BytesIO(build_kit(scenario, "a4", "en"))).pages]
    left = english_left(scenario, english)
    assert {"Accepted", "Effects", "Played"} <= set(left)


def test_the_student_handout_of_a_flagship_game_in_korean_has_no_english_words_of_its_own():
    from game.kit.brief import render_brief
    from game.report import build_debrief
    from tests.report.games import bot_game

    scenario = load_scenario(KOREAN[0])
    game = bot_game(scenario, 3)
    debrief = build_debrief(scenario, game.states, game.logs, lang="ko")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(render_brief(debrief))).pages]
    assert len(pages) <= 2
    assert "우리 게임에서 일어난 일" in pages[0] and "팀별 목표 달성" in pages[0]
    assert not english_left(scenario, pages)


def test_hangul_in_a_box_wraps_at_spaces_never_inside_a_word():
    from game.kit.pdf import Page

    pdf = Page()
    pdf.add_page()
    text = (
        "한국이 중국에 맞선 블록에 들어가지 않겠다고 중국 정부에 말합니다. "
        "연루 우려 -2, 평양의 무기 개발 자금을 대는 은행을 겨냥합니다."
    )
    for width in (25.0, 40.0, 56.0):
        lines = pdf.lines_of(text, width, 8)
        assert len(lines) > 1
        assert " ".join(line.strip() for line in lines) == text, f"a word broken at {width} mm: {lines}"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_korean_cards_in_a_korean_kit_stay_inside_their_cards(paper):
    from game.kit.pdf import Page
    from game.kit.sheets import CARD_H, CARD_W, COLUMNS, ROWS, card_origin
    from tests.kit.test_kit import long_scenario, text_positions

    reader = PdfReader(io.BytesIO(build_kit(long_scenario(), paper, "ko")))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    card_pages = [i for i, text in enumerate(pages) if text.startswith(("행동 카드", "사건 카드"))]
    assert len(card_pages) == 4
    pdf = Page(paper)
    pdf.add_page()
    for i in card_pages:
        cards = [card_origin(pdf, k, "뒷면" in pages[i][:40]) for k in range(COLUMNS * ROWS)]
        for x, y, text in [p for p in text_positions(reader, i) if p[1] > 9]:
            inside = any(cx - 0.1 <= x <= cx + CARD_W and cy <= y <= cy + CARD_H - 1 for cx, cy in cards)
            assert inside, f"page {i + 1}: {text[:30]!r} at ({x:.1f}, {y:.1f}) mm is outside every card"
    fronts = " ".join(pages[i] for i in card_pages if "앞면" in pages[i][:40])
    assert "효과: -1 Tension" in fronts, "the long story crowded out the rule"
