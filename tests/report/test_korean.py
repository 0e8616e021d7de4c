"""The report in Korean: `deterrence report SAVE --lang ko`, and the debrief built in a language."""

from __future__ import annotations

import re
import shutil
import string
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game import i18n
from game.cli import main
from game.i18n import speaking
from game.report import build_debrief, render
from game.report.logtext import log_text, scenario_texts
from game.scenario import load_scenario
from tests.conftest import DATA, SCENARIOS, scenario_files
from tests.report.games import bot_game

HANGUL = re.compile(r"[가-힣]")
UNTRANSLATED = re.compile(r'<span lang="en" class="untranslated">.*?</span>', re.DOTALL)


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(SCENARIOS / "washington-declaration-2023.yaml")


@pytest.fixture(scope="module")
def korean_html(flagship) -> str:
    game = bot_game(flagship, 3)
    return render(build_debrief(flagship, game.states, game.logs, lang="ko"), "html", generated="2026-12-05")


def english_phrases() -> list[str]:
    """The catalogue's English, cut at its placeholders: the pieces long enough to be words a
    reader would notice (a heading, a legend, a sentence of the log)."""
    with i18n.catalogue_path("ko").open("rb") as po:
        catalogue = read_po(po, locale="ko")
    phrases = set()
    for message in catalogue:
        for english in message.id if isinstance(message.id, tuple) else (message.id,):
            for literal, *_ in string.Formatter().parse(english):
                piece = literal.strip(" .:,()—")
                if len(piece) >= 6 and re.search(r"[A-Za-z]{3}", piece):
                    phrases.add(piece)
    return sorted(phrases)


def visible_nodes(html: str) -> list[str]:
    """The pieces of text a reader sees, without the scenario's texts that have no Korean yet (they
    are marked) and the list of sources (titles of English documents stay English)."""
    body = html.split("<body>", 1)[1]
    body = re.sub(r'<section id="sources">.*?</section>', " ", body, flags=re.DOTALL)
    body = UNTRANSLATED.sub(" ", body)
    return [unescape(node).strip() for node in re.findall(r">([^<]+)<", body) if node.strip()]


def test_the_korean_report_is_marked_korean_and_none_of_its_own_words_are_english(korean_html):
    """No sentence of the report's own is left in English. A phrase of several words may not appear
    anywhere; a single word ('Move', 'Outcome') may not stand alone as a label or a heading (inside
    an English scenario text, 'success' is the scenario's word, not the report's)."""
    assert '<html lang="ko">' in korean_html
    nodes = visible_nodes(korean_html)
    text = "\n".join(nodes)
    phrases = english_phrases()
    assert "Key moments" in phrases and "held at" in phrases and "Outcome" in phrases
    left = [p for p in phrases if (" " in p and p in text) or (" " not in p and p in nodes)]
    assert not left, f"English words of the report left in the Korean report: {left}"


def test_every_heading_label_and_link_of_the_korean_report_is_in_korean(korean_html):
    parts = re.findall(r"<h2>(.*?)</h2>|<nav>(.*?)</nav>|<span class=\"kind\">(.*?)</span>", korean_html)
    words = [w for part in parts for w in part if w]
    links = re.findall(r">([^<>]+)</a>", "".join(re.findall(r"<nav>.*?</nav>", korean_html)))
    assert len(words) > 20 and len(links) == 9
    assert all(HANGUL.search(w) for w in [*words, *links]), [w for w in words if not HANGUL.search(w)]
    assert "<title>워싱턴 선언, 2023: 돌아보기</title>" in korean_html  # the flagship's title has Korean


def test_the_flagship_leaves_no_english_text_in_the_korean_report(korean_html):
    """Every text of the flagship has Korean: none is shown in English, so the note is not needed."""
    assert UNTRANSLATED.findall(korean_html) == []
    assert "밑줄 친 글은" not in korean_html
    assert '>긴장 <span class="final">' in korean_html
    assert "확장억제" in korean_html and "핵협의그룹(NCG)" in korean_html


def test_scenario_texts_without_korean_are_shown_in_english_marked_and_explained():
    """tests/data/mini.yaml has Korean for its title only: the rest is English, marked and explained."""
    mini = load_scenario(DATA / "mini.yaml")
    game = bot_game(mini, 3)
    html = render(build_debrief(mini, game.states, game.logs, lang="ko"), "html", generated="2026-12-05")
    marked = UNTRANSLATED.findall(html)
    assert marked, "the mini scenario is English apart from its title: its texts are marked"
    assert "밑줄 친 글은 이 시나리오에 아직 한국어 번역이 없어 영어로 보여 줍니다." in html
    assert "<h1>작은 위기: 돌아보기</h1>" in html  # the title has Korean, so it is not marked


def english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z'’-]+", text))


def proper_names(scenario) -> set[str]:
    """The Latin-letter words a Korean text of the scenario may keep: those its own Korean uses
    (US, ROK, NCG, SSBN...), the actors' names, and what a text with no Korean says (marked as such)."""
    allowed: set[str] = set()
    for actor in scenario.actors.values():
        for text in (actor.name, actor.short):
            if text is not None:
                allowed |= english_words(" ".join(text.values.values()))
    for text in scenario_texts(scenario):  # what the scenario's own Korean writes in Latin letters (U-2, DEFCON)
        allowed |= english_words(text.values.get("ko", ""))
    with i18n.catalogue_path("ko").open("rb") as po:
        for message in read_po(po, locale="ko"):
            if not message.id:  # the catalogue's header
                continue
            for korean in message.string if isinstance(message.string, tuple) else (message.string,):
                allowed |= english_words(re.sub(r"\{\w+\}", " ", korean or ""))
    return allowed


def untranslated(scenario) -> set[str]:
    """The English words of the scenario's texts that have no Korean yet (shown in English, marked)."""
    words: set[str] = set()
    for text in scenario_texts(scenario):
        if "ko" not in text.values:
            words |= english_words(text.default)
    return words


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_a_whole_game_log_said_in_korean_keeps_no_english_word_but_names(path):
    """Every entry of bot games' logs (rolls, offers, deals, events, changes and their reasons, the
    ending), said in Korean by the one renderer: no English word is left but the names the Korean
    texts themselves write in Latin letters (US, NCG...) and scenario texts that have no Korean yet."""
    scenario = load_scenario(path)
    allowed = proper_names(scenario) | untranslated(scenario)
    seeds = 8 if path.stem.startswith("washington") else 3
    left: dict[str, str] = {}
    said_some = 0
    for seed in range(seeds):
        game = bot_game(scenario, seed)
        for entry in (e for log in game.logs for e in log):
            said = log_text(entry, scenario, "ko")
            said_some += bool(HANGUL.search(said))
            for word in english_words(said) - allowed:
                left.setdefault(word, said)
    assert not left, left
    assert said_some, "the log was said in Korean"


def test_a_change_in_the_log_is_said_with_its_numbers_and_reason(flagship):
    game = bot_game(flagship, 3)
    changes = [e for log in game.logs for e in log if e.kind == "change" and e.track == "tension"]
    said = log_text(changes[0], flagship, "ko")
    assert said.startswith(f"긴장 {changes[0].before} → {changes[0].after} (")
    held = next((e for e in changes if ", held at " in e.text), None)
    if held is not None:
        assert f"{held.after}에서 멈춤" in log_text(held, flagship, "ko")


def test_the_debrief_speaks_the_current_language_unless_told(flagship):
    game = bot_game(flagship, 3)
    with speaking("ko"):
        korean = build_debrief(flagship, game.states, game.logs)
    english = build_debrief(flagship, game.states, game.logs, lang="en")
    assert korean.lang == "ko" and english.lang == "en"
    assert korean.title == "워싱턴 선언, 2023" and english.title == "Washington Declaration, 2023"
    assert render(english, "html").count('class="untranslated"') == 0
    assert '<html lang="en">' in render(english, "html")


def test_the_markdown_report_in_korean(flagship):
    game = bot_game(flagship, 3)
    markdown = render(build_debrief(flagship, game.states, game.logs, lang="ko"), "md")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings and all(HANGUL.search(h) for h in headings), headings
    assert markdown.startswith("# 워싱턴 선언, 2023: 돌아보기\n")
    objectives = [line for line in markdown.splitlines() if line.startswith(("- ✔", "- ✘"))]
    assert objectives and all(re.match(r"- [✔✘] (달성|미달성): \S.* \(\d+점\)", o) for o in objectives), objectives


@pytest.fixture
def save(tmp_path: Path, capsys) -> Path:
    scenario = tmp_path / "mini.yaml"
    shutil.copy(DATA / "mini.yaml", scenario)
    assert main(["simulate", str(scenario), "--games", "1", "--seed", "3", "--save-dir", str(tmp_path / "s")]) == 0
    capsys.readouterr()
    return tmp_path / "s" / "game-00001.json"


def test_deterrence_report_lang_ko_writes_a_korean_report(save, tmp_path, capsys):
    target = tmp_path / "ko.html"
    assert main(["report", str(save), "--lang", "ko", "-o", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert '<html lang="ko">' in html and "<h1>작은 위기: 돌아보기</h1>" in html
    assert "게임의 결말" in html or "현재 상황" in html
    assert main(["report", str(save), "--lang", "ko_KR.UTF-8", "-o", "-"]) == 0
    assert '<html lang="ko">' in capsys.readouterr().out


def test_an_unknown_language_is_refused_in_one_line(save, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", str(save), "--lang", "klingon"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --lang: unknown language 'klingon'; the game speaks en, ko" in err


def test_the_teachers_interventions_are_said_in_korean(flagship):
    """An event played by the teacher, a track adjusted with a reason, the game ended early."""
    from game.engine.state import Intervention
    from game.engine.turn import intervene, new_game

    state = new_game(flagship, 5)
    event = next(iter(flagship.events))
    log: list = []
    for action in (
        Intervention("event", event=event),
        Intervention("adjust", track="tension", value=9, reason="the class asked"),
        Intervention("end"),
    ):
        result = intervene(flagship, state, action)
        state, log = result.state, [*log, *result.log]
    said = [log_text(e, flagship, "ko") for e in log]
    assert all(HANGUL.search(s) for s in said), said
    assert any(s.startswith("교사가 낸 사건: ") for s in said)
    assert "교사가 긴장 지표를 조정했습니다(the class asked)." in said
    assert any(s.startswith("긴장 ") and s.endswith(": 교사의 조정(the class asked)") for s in said)
    assert any(s.startswith("교사가 1턴 전에 게임을 끝냈습니다") for s in said)
    assert any(s.startswith("결말: ") for s in said)


def test_without_lang_the_report_speaks_the_systems_language(save, tmp_path, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ko_KR.UTF-8")
    target = tmp_path / "system.html"
    assert main(["report", str(save), "-o", str(target)]) == 0
    assert '<html lang="ko">' in target.read_text(encoding="utf-8")
    assert main(["report", str(save), "--lang", "en", "-o", str(target)]) == 0
    assert '<html lang="en">' in target.read_text(encoding="utf-8")
