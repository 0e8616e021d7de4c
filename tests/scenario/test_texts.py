"""Translation coverage: the walk over a scenario's texts, and what `validate` says about it."""

from __future__ import annotations

import json

import attrs
import pytest

from game.cli import main
from game.scenario import load_scenario
from game.scenario.texts import check_translations, coverage, languages_used, missing, scenario_texts
from tests.conftest import DATA

PARTLY = str(DATA / "translations" / "partly.yaml")
COMPLETE = str(DATA / "translations" / "complete.yaml")


def line_at(path: str, line: int, col: int) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read().splitlines()[line - 1][col - 1 :]


def test_the_walk_finds_every_text_with_its_path_in_the_file():
    paths = [path for path, _ in scenario_texts(load_scenario(PARTLY))]
    assert paths == [
        ("title",),
        ("summary",),
        ("tracks", "tension", "name"),
        ("actors", "blue", "name"),
        ("actors", "red", "name"),
        ("kinds", "talk", "name"),
        ("moves", "talk", "name"),
        ("moves", "talk", "text"),
        ("endings", "calm", "name"),
        ("glossary", "Deterrence"),
        ("questions", 0),
        ("questions", 1),
    ]


def test_coverage_counts_the_texts_written_in_a_language():
    scenario = load_scenario(PARTLY)
    assert languages_used(scenario) == ["en", "ja", "ko"]
    assert str(coverage(scenario, "ko")) == "ko: 7 of 12 texts, 58%"
    assert str(coverage(scenario, "en")) == "en: 12 of 12 texts, 100%"
    assert str(coverage(scenario, "fr")) == "fr: 0 of 12 texts, 0%"
    assert [path for path, _ in missing(scenario, "ko")] == [
        ("summary",),
        ("actors", "blue", "name"),
        ("moves", "talk", "text"),
        ("glossary", "Deterrence"),
        ("questions", 1),
    ]


def test_coverage_is_100_only_when_every_text_is_translated():
    scenario = load_scenario(COMPLETE)
    assert coverage(scenario, "ko").complete
    almost = attrs.evolve(coverage(scenario, "ko"), translated=484, total=485)
    assert str(almost) == "ko: 484 of 485 texts, 99%"


def test_each_missing_text_is_a_warning_at_the_text_itself():
    report = check_translations(PARTLY, load_scenario(PARTLY), ["ko"])
    assert all(p.severity == "warning" for p in report.problems)
    starts = [line_at(PARTLY, p.line, p.col)[:12] for p in report.problems]
    assert starts == [">-", "Blue", '"Lower the t', '"Who gained ', '{en: "Stoppi']


def test_validate_lang_ko_reports_coverage_and_lists_each_missing_text(capsys):
    assert main(["validate", "--lang", "ko", PARTLY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{PARTLY}:6:10: warning: no ko translation of summary: 'A small test of translation coverage: s…'"
    assert f"{PARTLY}:13:11: warning: no ko translation of actors.blue.name: 'Blue'" in out
    assert out[-2:] == [f"{PARTLY}: ko: 7 of 12 texts, 58%", f"{PARTLY}: 0 error(s), 5 warning(s)"]
    assert not any(" ja " in line or "ja:" in line for line in out), "only the language asked"


def test_validate_without_lang_checks_every_language_the_scenario_uses(capsys):
    assert main(["validate", PARTLY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if "texts," in line] == [
        f"{PARTLY}: en: 12 of 12 texts, 100%",
        f"{PARTLY}: ja: 1 of 12 texts, 8%",
        f"{PARTLY}: ko: 7 of 12 texts, 58%",
    ]
    assert sum("no ja translation" in line for line in out) == 11


def test_strict_makes_a_missing_translation_an_error(capsys):
    assert main(["validate", "--strict", "--lang", "ko", PARTLY]) == 1
    assert main(["validate", "--strict", "--lang", "ko", COMPLETE]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [f"{COMPLETE}: ko: 6 of 6 texts, 100%", f"{COMPLETE}: ok"]


def test_a_scenario_in_english_only_says_nothing_of_translation_unless_asked(capsys):
    english = str(DATA / "counter.yaml")
    assert main(["validate", english]) == 0
    assert capsys.readouterr().out == f"{english}: ok\n"
    assert main(["validate", "--lang", "ko_KR", english]) == 0
    assert "ko: 0 of" in capsys.readouterr().out


def test_validate_json_gives_the_coverage(capsys):
    assert main(["validate", "--format", "json", "--lang", "ko", PARTLY]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["coverage"] == [{"lang": "ko", "translated": 7, "total": 12, "percent": 58}]
    assert len(data["files"][0]["problems"]) == 5


def test_a_bad_language_code_is_refused_in_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--lang", "not a code", PARTLY])
    assert exit_.value.code == 2
    assert "'not a code' is not a language code" in capsys.readouterr().err


def test_the_guide_shows_what_validate_says_of_a_translation(tmp_path, monkeypatch, capsys):
    """The authoring guide's section "Translating a scenario": its example, and the output it shows."""
    from tests.scenario.test_guide import block_after

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lighthouse.yaml").write_text(block_after("translate-example"), encoding="utf-8")
    assert main(["validate", "--lang", "ko", "lighthouse.yaml"]) == 0
    assert capsys.readouterr().out == block_after("translate-output")
    assert main(["validate", "--strict", "--lang", "ko", "lighthouse.yaml"]) == 1
