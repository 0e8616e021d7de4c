"""The report of a whole game of the flagship, as a teacher hands it out: HTML and Markdown."""

from __future__ import annotations

import re

import pytest

from game.report import build_debrief, render_html, render_markdown
from game.scenario import load_scenario
from tests.conftest import SCENARIOS
from tests.report.games import bot_game
from tests.report.test_hostile import Page

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(FLAGSHIP)


@pytest.fixture(scope="module", params=[4, 11])
def game(request, flagship):
    return bot_game(flagship, request.param)


@pytest.fixture(scope="module")
def html(flagship, game):
    return render_html(build_debrief(flagship, game.states, game.logs), generated="2024-05-01")


def text_of(html: str) -> str:
    page = Page()
    page.feed(html)
    return " ".join(" ".join(page.text).split())


def plain(text: object) -> str:
    return " ".join(str(text).split())


def test_the_report_names_the_ending_and_every_team_with_its_score(flagship, game, html):
    outcome = game.states[-1].outcome
    text = text_of(html)
    assert f"How it ended {plain(flagship.endings[outcome.ending].name)}" in text
    for actor_id, actor in flagship.actors.items():
        score = outcome.scores[actor_id]
        assert f"{plain(actor.name)} {score} of {actor.max_points} points" in text
        for objective in actor.objectives.values():
            assert plain(objective.text) in text


def test_every_move_played_is_in_the_timeline(flagship, game, html):
    moves = [e for log in game.logs for e in log if e.kind == "move"]
    assert len(re.findall(r'<li class="step step-move ', html)) == len(moves)
    text = text_of(html)
    for entry in moves:
        assert plain(entry.text) in text


def test_one_chart_per_track_with_its_picture_and_the_hidden_ones_marked(flagship, html):
    charts = html.split('<figure class="chart panel">')[1:]
    public = [r for r, t in flagship.all_tracks.items() if t.visible == "public"]
    hidden = [r for r, t in flagship.all_tracks.items() if t.visible != "public"]
    assert len(charts) == len(public) + len(hidden)
    for chart, ref in zip(charts, flagship.all_tracks, strict=True):
        assert text_of(chart).startswith(plain(flagship.track_label[ref]))
        assert chart.count("<svg") == 1 and "<polyline" in chart
        assert ("revealed for the debrief" in chart) == (ref in hidden)


def test_the_questions_objectives_history_and_sources_are_there(flagship, html):
    text = text_of(html)
    for question in flagship.questions:
        assert plain(question) in text
    for objective in flagship.learning_objectives:
        assert plain(objective) in text
    assert "What really happened" in text
    assert plain(flagship.teach.history) in text
    assert "Sources" in text


def test_the_page_is_self_contained_and_printable(html):
    page = Page()
    page.feed(html)
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert not [v for n, v in page.attributes if n == "src"]
    external = [v for n, v in page.attributes if n == "href" and not v.startswith("#")]
    assert all(v.startswith(("https://", "http://")) for v in external)  # links to sources, never fetched
    assert "@media print" in html and "size: A4" in html


def test_the_markdown_report_has_the_same_content(flagship, game):
    debrief = build_debrief(flagship, game.states, game.logs)
    md = render_markdown(debrief)
    assert f"**{debrief.ending.name}**" in md
    moves = [e for log in game.logs for e in log if e.kind == "move"]
    assert len(re.findall(r"^- \*(Move|Did not happen):\* ", md, flags=re.M)) == len(moves)
    assert md.count("\n| Turn | start |") == len(debrief.tracks)
    for track in debrief.tracks:
        assert "| " + " | ".join(map(str, track.values)) + " |" in md
    assert "## Discussion questions" in md
