"""The catalogues: complete in Korean, placeholders that match, and every word of the code in them."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from game import i18n
from game.i18n import Fallback, ntr, pick, speaking, tr
from game.scenario.model import Text
from tests.conftest import ROOT

GAME = ROOT / "game"
KEYWORDS = {"tr": None, "ntr": (1, 2), "N_": None}
#: The parts of the game whose words go through the catalogue: the report, the catalogue's own
#: helpers, the engine's log messages (N_), the window and the terminal game (game/ui), the team
#: devices, simulate's words, the command line's player-facing messages, and conditions and formulas
#: in words (game/scenario/readable.py) as a player reads them.
CATALOGUED = ("report", "i18n", "engine", "ui", "net", "bots", "session.py", "cli.py", "scenario/readable.py")


def catalogue(lang: str):
    with i18n.catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def fields(message: str) -> set[str]:
    """The named placeholders of a message: {'turn'} for 'Turn {turn}'."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def messages(lang: str):
    return [m for m in catalogue(lang) if m.id]


def extracted(where: Path) -> set[str]:
    """The messages pybabel extracts from a folder or a file, with the keywords of docs/translating.md."""
    if where.is_file():
        found = extract_from_file("python", str(where), keywords=KEYWORDS)
    else:
        found = (item[1:] for item in extract_from_dir(where, method_map=[("**.py", "python")], keywords=KEYWORDS))
    return {message[0] if isinstance(message, tuple) else message for _, message, _, _ in found}


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE])
def test_every_message_has_a_translation_with_the_same_placeholders(lang):
    problems = []
    for message in messages(lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*map(fields, ids))
        if message.fuzzy or not all(strings):
            problems.append(f"{ids[0]!r}: no {lang} translation" + (" (fuzzy)" if message.fuzzy else ""))
            continue
        for text in strings:
            if fields(text) != expected:
                problems.append(f"{ids[0]!r}: {text!r} has {sorted(fields(text))}, not {sorted(expected)}")
    assert not problems, "\n".join(problems)
    assert not list(catalogue(lang).check()), "Babel's own checks of the catalogue"


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE])
def test_no_message_is_translated_twice(lang):
    # branches append entries at the end and merge by union (.gitattributes): a message added on two
    # branches would be in the file twice, and Babel silently keeps one of the two translations
    text = i18n.catalogue_path(lang).read_text(encoding="utf-8")
    ids = [re.search(r"^msgid .*?(?=^msg(?:str|id_plural))", block, re.M | re.S) for block in text.split("\n\n")]
    ids = [found.group(0) for found in ids if found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    assert not twice, "translated twice:\n" + "\n".join(twice)


def test_the_report_the_window_and_the_terminal_have_no_word_outside_the_catalogue():
    """What `pybabel extract` finds in the report, the window, the terminal game and the CLI is in the
    Korean catalogue: a new sentence fails here until docs/translating.md's commands are run and the
    sentence translated (the test above then checks its translation and placeholders)."""
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in messages("ko")}
    for part in CATALOGUED:
        found = extracted(GAME / part)
        missing = sorted(found - known)
        assert not missing, f"game/{part}: not in the Korean catalogue: {missing}"
    assert "Key moments" in extracted(GAME / "report"), "the extraction found the report's words"
    assert "Teacher's controls" in extracted(GAME / "ui"), "the extraction found the window's words"
    assert "Game stopped." in extracted(GAME / "ui"), "... and the terminal game's"
    assert "Type numbers from 1 to {count}, e.g. 1,3" in extracted(GAME / "cli.py"), "... and the CLI's"


def test_no_word_is_looked_up_inside_an_f_string():
    """pybabel cannot see tr() inside an f-string (Python 3.11 reads it as one token): such a
    sentence would be missing from the catalogue and stay English, so none is allowed."""
    hidden = []
    for path in sorted(GAME.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in KEYWORDS:
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, f"tr()/ntr() inside an f-string: {hidden}"


def test_messages_speak_the_current_language_with_their_placeholders():
    with speaking("ko"):
        assert tr("Turn {turn}", turn=3) == "3턴"
        assert ntr("{n} turn", "{n} turns", 1) == "1턴"  # Korean has one plural form
        assert ntr("{n} turn", "{n} turns", 5) == "5턴"
    with speaking("en"):
        assert tr("Turn {turn}", turn=3) == "Turn 3"
        assert ntr("{n} turn", "{n} turns", 1) == "1 turn"
        assert ntr("{n} turn", "{n} turns", 5) == "5 turns"
    assert tr("A sentence no catalogue has") == "A sentence no catalogue has"


def test_the_language_comes_from_the_system_and_can_be_set():
    assert i18n.system_language({"LANG": "ko_KR.UTF-8"}) == "ko"
    assert i18n.system_language({"LANGUAGE": "fr:ko", "LANG": "en_US.UTF-8"}) == "ko"
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.system_language({}) == "en"
    with speaking("ko-KR"):
        assert i18n.language() == "ko"
        with speaking("en"):
            assert i18n.language() == "en"
        assert i18n.language() == "ko"
    try:
        assert i18n.set_language("ko_KR.UTF-8") == "ko" and tr("Timeline") == "진행 기록"
        with speaking("en"):
            assert tr("Timeline") == "Timeline"
    finally:
        i18n.set_language(None)
    assert i18n.language() == "en"  # the tests' system language (tests/conftest.py)
    with pytest.raises(ValueError, match="unknown language 'fr'; the game speaks en, ko"):
        i18n.parse_language("fr")


def test_a_scenario_text_falls_back_to_english_marked():
    both = Text({"en": "Tension", "ko": "긴장"})
    english = Text({"en": "Trust"})
    assert pick(both, "ko") == "긴장" and not isinstance(pick(both, "ko"), Fallback)
    assert pick(english, "ko") == "Trust" and isinstance(pick(english, "ko"), Fallback)
    assert not isinstance(pick(english, "en"), Fallback)
    assert pick(None, "ko") == ""
