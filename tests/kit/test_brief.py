"""`deterrence report SAVE --brief`: a student handout that fits two A4 pages, with what matters in it."""

from __future__ import annotations

import io
from functools import cache

import pytest
from pypdf import PdfReader

from game.cli import main
from game.kit.brief import render_brief
from game.report import build_debrief
from game.report.debrief import Debrief
from game.scenario import load_scenario_text
from tests.conftest import DATA, SCENARIOS
from tests.report.games import bot_game

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
A4 = (595.3, 841.9)


def flat(text: str) -> str:
    return " ".join(text.split())


@cache
def long_games() -> tuple[Debrief, ...]:
    """Flagship games of nine turns with all five teams, the two with the most happening in them.

    The flagship itself lasts five or six turns; the handout must hold the longest game a
    scenario may give, so the same file is played over nine turns (an author's longer version)."""
    text = FLAGSHIP.read_text(encoding="utf-8")
    assert "\nturns: {min: 5, max: 6}\n" in text
    scenario = load_scenario_text(text.replace("\nturns: {min: 5, max: 6}\n", "\nturns: 9\n"), str(FLAGSHIP))
    assert len(scenario.actors) == 5
    games = []
    for seed in range(40):
        game = bot_game(scenario, seed)
        debrief = build_debrief(scenario, game.states, game.logs)
        if debrief.turns_played == 9:
            games.append(debrief)
    assert len(games) >= 2, "no nine-turn flagship games in 40 seeds"
    games.sort(key=lambda d: -sum(len(turn.steps) for turn in d.timeline))
    return tuple(games[:2])


@pytest.mark.parametrize("which", [0, 1])
def test_the_handout_of_a_nine_turn_five_team_game_fits_two_a4_pages(which):
    debrief = long_games()[which]
    reader = PdfReader(io.BytesIO(render_brief(debrief)))
    assert len(reader.pages) <= 2
    for page in reader.pages:
        assert [float(page.mediabox.width), float(page.mediabox.height)] == pytest.approx(A4, abs=1)
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert debrief.ending is not None and debrief.ending.name in text
    for team in debrief.teams:
        assert f"{team.short}: {team.score} of {team.max_score} points" in text
        for objective in team.objectives:
            assert flat(objective.text) in text
    for question in debrief.questions:
        assert flat(question) in text, f"question missing: {question}"
    for moment in debrief.key_moments:
        assert flat(moment.label) in text


def test_the_handout_keeps_the_questions_together_on_the_last_page():
    debrief = long_games()[0]
    reader = PdfReader(io.BytesIO(render_brief(debrief)))
    last = flat(reader.pages[-1].extract_text())
    assert "Questions to discuss" in last
    for question in debrief.questions:
        assert flat(question) in last


def test_report_brief_writes_the_handout_beside_the_save(tmp_path, capsys):
    scenario = tmp_path / "mini.yaml"
    scenario.write_text((DATA / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    saves = tmp_path / "saves"
    assert main(["simulate", str(scenario), "--games", "1", "--seed", "3", "--save-dir", str(saves)]) == 0
    save = next(saves.glob("*.json"))
    capsys.readouterr()
    assert main(["report", str(save), "--brief"]) == 0
    target = save.with_suffix(".brief.pdf")
    assert str(target) in capsys.readouterr().out
    reader = PdfReader(target)
    assert len(reader.pages) <= 2
    assert "Blue" in reader.pages[0].extract_text()
