"""The termbase: Korean texts use the agreed terms (game/i18n/termbase.yaml)."""

from __future__ import annotations

import re

import pytest
import yaml
from attrs import evolve
from babel.messages.pofile import read_po

from game import i18n
from game.report.logtext import scenario_texts as _texts
from game.scenario import load_scenario
from tests.conftest import ROOT, scenario_files

TERMBASE = yaml.safe_load((ROOT / "game" / "i18n" / "termbase.yaml").read_text(encoding="utf-8"))
TERMS = TERMBASE["terms"]


def catalogue_pairs() -> list[tuple[str, str]]:
    with i18n.catalogue_path("ko").open("rb") as po:
        catalogue = read_po(po, locale="ko")
    pairs = []
    for message in catalogue:
        if message.id:
            english = message.id[0] if isinstance(message.id, tuple) else message.id
            korean = message.string[0] if isinstance(message.string, tuple) else message.string
            pairs.append((english, korean))
    return pairs


def scenario_pairs() -> list[tuple[str, str]]:
    """Each text in English and Korean; a glossary entry's term and meaning as one text, as they are shown."""
    pairs = []
    for path in scenario_files():
        scenario = load_scenario(path)
        for text in _texts(evolve(scenario, glossary={})):
            if "ko" in text.values:
                pairs.append((text.default, text.values["ko"]))
        for key, entry in scenario.glossary.items():
            term = entry.name(key)
            pairs.append((f"{term.get('en')}: {entry.text.get('en')}", f"{term.get('ko')}: {entry.text.get('ko')}"))
    return pairs


def test_every_term_is_complete_and_cites_a_source_listed_in_the_file():
    for term in TERMS:
        assert term["en"] and term["ko"], term["id"]
        assert term["sources"], f"{term['id']} cites no source"
        for source in term["sources"]:
            entry = TERMBASE["sources"].get(source)
            assert entry is not None, f"{term['id']} cites {source!r}, which is not under sources"
            assert entry["url"].startswith(("http://", "https://")) and entry["title"] and entry["seen"]


def term_problems(pairs: list[tuple[str, str]]) -> list[str]:
    """Where a Korean text (beside its English) does not use the termbase's terms."""
    problems = []
    for english, korean in pairs:
        for term in TERMS:
            for variant in term.get("avoid", []):
                if variant in korean:
                    problems.append(f"{korean!r} says {variant!r}: the termbase says {term['ko']!r}")
            said = any(re.search(rf"\b{re.escape(e)}\b", english, re.IGNORECASE) for e in term["en"])
            agreed = [term["ko"], *term.get("also", [])]
            if term.get("required") and said and not any(a in korean for a in agreed):
                problems.append(f"{english!r} → {korean!r}: should say {term['ko']!r}")
    return problems


@pytest.mark.parametrize("pairs", [catalogue_pairs, scenario_pairs], ids=["catalogue", "scenarios"])
def test_korean_texts_use_the_agreed_terms(pairs):
    problems = term_problems(pairs())
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_variant_or_a_missing_term():
    assert term_problems([("North Korea tests a missile.", "북조선이 미사일을 시험합니다.")]) == [
        "'북조선이 미사일을 시험합니다.' says '북조선': the termbase says '북한'",
        "'North Korea tests a missile.' → '북조선이 미사일을 시험합니다.': should say '북한'",
    ]
    assert term_problems([("The NCG meets.", "핵자문그룹이 열립니다.")])[0].startswith("'핵자문그룹이 열립니다.' says")
    missing = term_problems([("Extended deterrence holds.", "억제가 유지됩니다.")])
    assert missing == ["'Extended deterrence holds.' → '억제가 유지됩니다.': should say '확장억제'"]
    assert term_problems([("Extended deterrence holds.", "확장억제가 유지됩니다.")]) == []
