"""What students read in the key moments and the handout (`deterrence report --brief`) of flagship games:
nothing said twice, the causes of a swing that add up to it, no turn the game never had, and a score
the ending set with its reason beside it. In English and in Korean."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from pypdf import PdfReader

from game.engine.save import Replay
from game.i18n import pick, speaking
from game.kit.brief import render_brief
from game.report import build_debrief, render_html
from game.report.debrief import MOMENT_REASONS, Debrief, Team, score_line
from game.scenario import load_scenario
from game.scenario.model import Scenario
from tests.conftest import SCENARIOS
from tests.report.games import bot_game
from tests.report.test_report import text_of

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
LANGS = ("en", "ko")
#: Bot games of the flagship, with the default bots and with random ones.
GAMES = [(seed, bots) for seed in range(40) for bots in (None, "random")]
#: One game with all four: the Declaration signed (a card with a signal, marked a moment), a swing of
#: tension with six causes, a deal struck in the last turn to hold a turn longer, and a catastrophe.
SHOWCASE = (23, "random")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def flat(text: str) -> str:
    return " ".join(text.split())


@cache
def flagship() -> Scenario:
    return load_scenario(FLAGSHIP)


@cache
def game(seed: int, bots: str | None) -> Replay:
    return bot_game(flagship(), seed, bots)


@cache
def debrief(seed: int, bots: str | None, lang: str) -> Debrief:
    played = game(seed, bots)
    return build_debrief(flagship(), played.states, played.logs, lang=lang)


@cache
def handout(lang: str) -> str:
    """The showcase game's handout, as its text reads (lines joined)."""
    pdf = render_brief(debrief(*SHOWCASE, lang))
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_the_showcase_game_has_what_the_tests_below_need():
    """Else the handout tests would pass without showing anything (the flagship or the bots changed):
    pick another SHOWCASE with `deterrence simulate --save-dir` or a loop over bot_game."""
    scenario, played, d = flagship(), game(*SHOWCASE), debrief(*SHOWCASE, "en")
    entries = [e for log in played.logs for e in log]
    assert any(m.kind == "first" and str(scenario.moves["state_visit"].name) == m.label for m in d.key_moments)
    causes = {
        (m.turn, m.ref): {(e.message, e.args) for e in entries if e.turn == m.turn and e.track == m.ref}
        for m in d.key_moments
        if m.kind == "swing"
    }
    assert max(len(c) for c in causes.values()) > MOMENT_REASONS
    deals = [dict(e.args)["until"] for e in entries if e.kind == "agreement" and e.phase == "answers"]
    assert any(until > d.turns_played for until in deals)
    assert d.ending is not None and d.ending.everyone_loses
    assert any(o.met for team in d.teams if team.score == 0 for o in team.objectives)


# --- 1. nothing said twice --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_key_moment_never_says_the_same_text_twice(lang):
    for seed, bots in GAMES:
        for moment in debrief(seed, bots, lang).key_moments:
            for i, reason in enumerate(moment.reasons):
                said = reason.strip().rstrip(".")
                others = [other for j, other in enumerate(moment.reasons) if j != i]
                assert not any(said in other for other in others), (seed, bots, moment.headline, moment.reasons)


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_says_a_cards_signal_once(lang):
    """'Biden and Yoon sign it in Washington.' once, not '…in Washington.; Biden and Yoon sign it…'."""
    scenario, d, text = flagship(), debrief(*SHOWCASE, lang), handout(lang)
    named = {pick(move.name, lang): move for move in scenario.moves.values()}
    signals = [
        flat(pick(named[m.label].signal, lang))
        for m in d.key_moments
        if m.kind == "first" and m.label in named and named[m.label].signal
    ]
    assert signals, "the showcase game plays a card with a signal that is a key moment"
    for signal in signals:
        assert text.count(signal) == 1, signal


# --- 2. the causes of a swing add up to it ----------------------------------------------------


def _number(reason: str, unit: str) -> int:
    """The change a reason line starts with: '+2: Missile test (DPRK)' -> 2, '-1%: …' -> -1."""
    head, sep, _ = reason.partition(": ")
    assert sep and re.fullmatch(rf"[+-]\d+{re.escape(unit)}", head), reason
    return int(head.removesuffix(unit))


@pytest.mark.parametrize("lang", LANGS)
def test_the_causes_shown_under_a_swing_add_up_to_it(lang):
    """At most MOMENT_REASONS lines (the handout and the debrief screen show no more), each cause
    once, and their numbers sum to the swing: a student can check the arithmetic."""
    for seed, bots in GAMES:
        d = debrief(seed, bots, lang)
        for moment in d.key_moments:
            if moment.kind != "swing":
                continue
            unit = d.track(moment.ref).unit
            where = (seed, bots, moment.headline, moment.reasons)
            assert 0 < len(moment.reasons) <= MOMENT_REASONS, where
            assert sum(_number(r, unit) for r in moment.reasons) == moment.delta, where
            causes = [r.partition(": ")[2] for r in moment.reasons]
            assert len(set(causes)) == len(causes), where


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_shows_every_cause_of_a_swing_it_lists(lang):
    """No '…' cutting off the causes that would make the sum work."""
    d, text = debrief(*SHOWCASE, lang), handout(lang)
    swings = [m for m in d.key_moments if m.kind == "swing"]
    assert any(len(m.reasons) == MOMENT_REASONS for m in swings)
    for moment in swings:
        assert flat("; ".join(moment.reasons)) in text, moment.reasons
    others = {"en": "3 other changes", "ko": "그 밖의 변화 3건"}[lang]
    assert f"+3: {others}" in text


# --- 3. no turn the game never had ------------------------------------------------------------

TURN = {"en": re.compile(r"\b[Tt]urn (\d+)"), "ko": re.compile(r"(\d+)턴")}


@pytest.mark.parametrize("lang", LANGS)
def test_no_deal_is_said_to_hold_past_the_last_turn_of_the_game(lang):
    """A deal struck in the last turn 'holds until the end of turn 7' in the log; the game ended after
    turn 6, so the debrief says it was to hold to the end of the game."""
    found = 0
    for seed, bots in GAMES:
        d = debrief(seed, bots, lang)
        deals = [s.text for t in d.timeline for s in t.steps if s.kind == "agreement"]
        deals += [r for m in d.key_moments if m.kind == "deal" for r in m.reasons]
        for text in deals:
            assert all(int(n) <= d.turns_played for n in TURN[lang].findall(text)), (seed, bots, text)
        found += sum({"en": "to the end of the game", "ko": "게임이 끝날 때까지"}[lang] in text for text in deals)
    assert found, "some game strikes a deal meant to outlast it"


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_names_no_turn_after_the_last(lang):
    d, text = debrief(*SHOWCASE, lang), handout(lang)
    turns = [int(n) for n in TURN[lang].findall(text)]
    assert turns and max(turns) == d.turns_played


# --- 4. a score the ending set says why -------------------------------------------------------


def _earned(team: Team) -> int:
    return sum(o.points for o in team.objectives if o.met)


@pytest.mark.parametrize("lang", LANGS)
def test_a_score_that_is_not_the_objectives_met_says_why(lang):
    for seed, bots in GAMES:
        d = debrief(seed, bots, lang)
        assert d.ending is not None
        for team in d.teams:
            if team.score != _earned(team) or d.ending.everyone_loses:
                assert team.score_note and team.score_note in score_line(team), (seed, bots, team.short)
            else:
                assert not team.score_note, (seed, bots, team.short, team.score_note)


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_explains_a_zero_score_beside_it(lang):
    """'ROK: 0 of 10 points' with two objectives 'met' is explained where the score is shown."""
    d, text = debrief(*SHOWCASE, lang), handout(lang)
    explained = [team for team in d.teams if team.score != _earned(team)]
    assert explained
    with speaking(lang):  # the handout's words are the debrief's language
        for team in explained:
            assert flat(f"{team.short}: {score_line(team)}") in text
            assert team.score_note and score_line(team, why=False) != score_line(team)
    notes = {team.score_note for team in d.teams}
    if lang == "en":
        assert notes == {"the ending scores every team 0", "the team blamed for the ending scores -3"}
    else:
        assert all(HANGUL.search(note) and not re.search(r"[A-Za-z]{3}", note) for note in notes), notes


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_explains_a_zero_score_in_the_teams_card(lang):
    d = debrief(*SHOWCASE, lang)
    page = text_of(render_html(d, generated="2024-05-01"))
    with speaking(lang):
        for team in d.teams:
            assert flat(f"{team.name} {score_line(team, why=False)} ({team.score_note})") in page
