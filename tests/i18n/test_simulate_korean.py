"""`simulate --lang ko`: the tables, the balance verdicts and the lessons in Korean, lined up."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.ui.text import text_width
from tests.conftest import SCENARIOS

TUTORIAL = str(SCENARIOS / "tutorial.yaml")
HEADINGS = ("Endings", "Teams", "Tracks at the end (mean)", "Moves", "Balance")


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["simulate", TUTORIAL, "--games", "40", "--seed", "2", *args]) == 0
    return capsys.readouterr().out


def test_simulate_in_korean_has_korean_headings_names_and_verdicts(capsys):
    out = simulate(capsys, "--lang", "ko")
    assert out.startswith("튜토리얼: 억제와 안심: 게임 40판, 시드 2, 평균 ")
    for heading in ("결말", "팀", "마지막 지표 값(평균)", "행동", "안내서의 목표(8절)에 비춘 균형"):
        assert re.search(rf"^\s*{re.escape(heading)}", out, re.MULTILINE), heading
    assert "목표 벗어남: " in out or "경계에 가까움: " in out, "the verdicts"
    for name in ("무력 충돌", "보호국", "함께 계획하기", "동맹국 안심", "평화 지키기: 긴장 2 이하"):
        assert name in out
    assert not [h for h in HEADINGS if h in out], "no English heading left"
    english = re.findall(r"\b[A-Za-z]{3,}\b", out)
    assert set(english) <= {"objective", "pragmatist", "protector", "ally", "requires", "games", "seed"}, english


def test_the_korean_table_lines_up_in_the_terminal(capsys):
    """A Hangul syllable takes two columns: each row's figures end where the heading's columns do."""
    lines = simulate(capsys, "--lang", "ko").splitlines()
    start = lines.index("마지막 지표 값(평균)")
    rows = lines[start + 1 : start + 4]
    assert len({text_width(row) for row in rows}) == 1, rows
    heading = next(i for i, line in enumerate(lines) if line.startswith("행동"))
    widths = {text_width(line) for line in lines[heading : heading + 8]}
    assert len(widths) == 1, lines[heading : heading + 8]


def test_simulate_speaks_english_by_default_and_when_asked(capsys):
    for args in ((), ("--lang", "en")):
        out = simulate(capsys, *args)
        assert out.startswith("Tutorial: Deter and Reassure: 40 games, seed 2")
        assert all(h in out for h in HEADINGS) and "결말" not in out


def test_the_lessons_in_korean(capsys):
    code = main(["simulate", TUTORIAL, "--lessons", "--no-search", "--lesson", "warnings_deter", "--lang", "ko"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0] == "튜토리얼: 억제와 안심: 교훈, 시드 1"
    assert "성립" in out and "HOLDS" not in out
    assert "적대국에 경고하는 보호국은 동맹국과 계획만 하는 보호국보다 적대국을 더 잘 억제합니다." in out
    assert "보호국: 억제만 하기" in out and "교훈 1개 가운데 1개가 성립합니다." in out
