"""Every character the Korean words use is in the bundled font (a missing one is drawn as a box).

The Korean words are the catalogue's translations, the termbase, and every ``ko`` text of every
bundled scenario. Two checks: the font's character map (read with fontTools, which the print kit's
fpdf2 already needs) names each missing character; and pygame, which draws the window, is asked
to draw them, so a font that maps a character to an empty glyph is caught too.
"""

from __future__ import annotations

import unicodedata

import pygame
import pytest
import yaml
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from game import i18n
from game.scenario import load_scenario
from game.scenario.texts import scenario_texts
from tests.conftest import ROOT, scenario_files

FONTS = sorted((ROOT / "assets" / "fonts").glob("*.ttf"))


def catalogue_text() -> str:
    with i18n.catalogue_path("ko").open("rb") as po:
        catalogue = read_po(po, locale="ko")
    text = ""
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        text += "".join(s for s in strings if s)
    return text


def termbase_text() -> str:
    termbase = yaml.safe_load((ROOT / "game" / "i18n" / "termbase.yaml").read_text(encoding="utf-8"))
    return "".join(term["ko"] + "".join(term.get("also", [])) for term in termbase["terms"])


def scenarios_text() -> str:
    """The Korean of every bundled scenario (each text's ``ko``)."""
    return "".join(
        text.values.get("ko", "") for path in scenario_files() for _, text in scenario_texts(load_scenario(path))
    )


def korean_characters() -> set[str]:
    return {c for c in catalogue_text() + termbase_text() + scenarios_text() if not c.isspace()}


def named(characters: list[str]) -> str:
    return ", ".join(f"{c!r} U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in characters)


def test_the_korean_words_are_all_read():
    scenario_hangul = {c for c in scenarios_text() if "가" <= c <= "힣"}
    assert len(scenario_hangul) > 300, "the tutorial's Korean is read"
    assert sum("가" <= c <= "힣" for c in korean_characters()) > len(scenario_hangul)


@pytest.mark.parametrize("font_path", FONTS, ids=lambda p: p.name)
def test_the_font_maps_every_character_of_the_korean_words(font_path):
    cmap = TTFont(font_path, lazy=True).getBestCmap()
    assert ord("한") in cmap and ord("\uffff") not in cmap, "the character map is read"
    missing = sorted(c for c in korean_characters() if ord(c) not in cmap)
    assert not missing, f"{font_path.name} has no glyph for {named(missing)}"


def drawn(font: pygame.font.Font, char: str) -> bytes:
    return pygame.image.tobytes(font.render(char, True, (0, 0, 0), (255, 255, 255)), "RGB")


@pytest.mark.parametrize("font_path", FONTS, ids=lambda p: p.name)
def test_the_bundled_font_draws_every_character_of_the_korean_words(font_path):
    """A character the font lacks is drawn as the same box as U+FFFF (a noncharacter no font has);
    pygame's metrics() gives the box's metrics, not None, so the pictures are compared."""
    pygame.font.init()
    font = pygame.font.Font(str(font_path), 40)
    box = drawn(font, "\uffff")
    assert drawn(font, "\U000f0000") == box, "the box is what a missing glyph looks like"
    missing = sorted(c for c in korean_characters() if drawn(font, c) == box)
    assert not missing, f"{font_path.name} cannot draw {named(missing)} (shown as boxes)"
