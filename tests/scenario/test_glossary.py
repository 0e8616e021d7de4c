"""A glossary term can be translated: `key: {term: {en, ko}, text: {en, ko}}`, beside the old `Term: meaning`.

Every place that shows the glossary (the debrief report, the terminal's briefing, the window's
F3 page, the print kit) shows the term in the language of the game.
"""

from __future__ import annotations

import io

import pytest

from game.i18n import set_language, speaking
from game.report import build_debrief, render
from game.scenario import ScenarioError, load_scenario, load_scenario_text
from game.ui.text import TextGame
from tests.conftest import DATA, SCENARIOS, scenario_files
from tests.report.games import bot_game

MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")
GLOSSARY = """glossary:
  NCG: The Nuclear Consultative Group
  Assurance: {en: Convincing an ally, ko: 동맹을 안심시키는 것}
  deterrence:
    term: {en: Deterrence, ko: 억제}
    text: {en: Preventing an attack, ko: 공격을 막는 것}
"""


@pytest.fixture(scope="module")
def scenario():
    return load_scenario_text(MINI + GLOSSARY, "glossary.yaml")


def test_both_forms_load_and_a_term_without_translations_is_its_key(scenario):
    terms = {key: (entry.name(key).get("ko"), entry.text.get("ko")) for key, entry in scenario.glossary.items()}
    assert terms == {
        "NCG": ("NCG", "The Nuclear Consultative Group"),
        "Assurance": ("Assurance", "동맹을 안심시키는 것"),
        "deterrence": ("억제", "공격을 막는 것"),
    }


def test_an_entry_with_a_term_needs_its_text_and_no_other_key():
    text = MINI + "glossary:\n  deterrence:\n    term: {en: Deterrence, ko: 억제}\n    txt: Preventing\n"
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "g.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "g.yaml:53:3: missing key 'text'",
        "g.yaml:55:5: unknown key 'txt' in a term (did you mean 'text'?)",
    ]


def test_the_korean_term_no_longer_prefixes_the_meaning_in_the_bundled_scenarios():
    for path in scenario_files():
        for key, entry in load_scenario(path).glossary.items():
            term, meaning = entry.name(key).get("ko"), entry.text.get("ko")
            assert (entry.term is not None and term != entry.name(key).get("en")) or term.isascii(), (path.name, key)
            assert not meaning.startswith(term), (path.name, key, meaning)


def test_the_report_gives_the_term_in_the_language_of_the_report(scenario):
    game = bot_game(scenario, 1)
    korean = build_debrief(scenario, game.states, game.logs, lang="ko")
    english = build_debrief(scenario, game.states, game.logs, lang="en")
    assert ("억제", "공격을 막는 것") in korean.glossary
    assert ("Deterrence", "Preventing an attack") in english.glossary
    assert "<dt>억제</dt><dd>공격을 막는 것</dd>" in render(korean, "html")
    assert "- **억제:** 공격을 막는 것" in render(korean, "md")


def test_the_terminal_briefing_lists_the_glossary_in_the_language_of_the_game(scenario):
    out = io.StringIO()
    with speaking("ko"):
        game = TextGame(scenario, {"blue": "objective", "red": "objective"}, 1, ask=lambda _: "quit", out=out)
        game.run()
    assert "- 억제: 공격을 막는 것" in out.getvalue()
    assert "- NCG: The Nuclear Consultative Group" in out.getvalue()


def test_the_windows_glossary_pages_show_the_korean_term(tmp_path):
    import pygame

    from game.ui.app import App
    from game.ui.scenes.menu import TitleScene

    flagship = SCENARIOS / "washington-declaration-2023.yaml"
    app = App(flagship, scenario_dir=SCENARIOS, data_dir=tmp_path, size=(1280, 720), seed=7, lang="ko")
    app.open_window()
    try:
        app.push(TitleScene(app))
        app.open_scenario(flagship)
        setup = app.scene
        app.start_game(setup.scenario, dict(setup.seats))  # type: ignore[attr-defined]
        app.show_glossary()
        assert app.scene.name == "glossary"
        with speaking("ko"):
            terms = dict(app.scene.terms)  # type: ignore[attr-defined]
        assert terms["억제"].startswith("공격하면")
        assert terms["핵우산"] == "핵무기를 통한 확장억제를 흔히 부르는 이름."
    finally:
        pygame.display.quit()
        set_language(None)  # a Korean window chooses Korean for the whole program; the next test speaks English
