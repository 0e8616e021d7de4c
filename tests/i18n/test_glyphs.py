"""Every character the Korean words use is in the bundled font (a missing one is drawn as a box)."""

from __future__ import annotations

import pygame
import pytest
import yaml
from babel.messages.pofile import read_po

from game import i18n
from tests.conftest import ROOT

FONTS = sorted((ROOT / "assets" / "fonts").glob("*.ttf"))


def korean_characters() -> set[str]:
    with i18n.catalogue_path("ko").open("rb") as po:
        catalogue = read_po(po, locale="ko")
    text = ""
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        text += "".join(s for s in strings if s)
    termbase = yaml.safe_load((ROOT / "game" / "i18n" / "termbase.yaml").read_text(encoding="utf-8"))
    text += "".join(term["ko"] + "".join(term.get("also", [])) for term in termbase["terms"])
    return {c for c in text if not c.isspace()}


def drawn(font: pygame.font.Font, char: str) -> bytes:
    return pygame.image.tobytes(font.render(char, True, (0, 0, 0), (255, 255, 255)), "RGB")


@pytest.mark.parametrize("font_path", FONTS, ids=lambda p: p.name)
def test_the_bundled_font_has_every_character_of_the_korean_words(font_path):
    """A character the font lacks is drawn as the same box as U+FFFF (a noncharacter no font has);
    pygame's metrics() gives the box's metrics, not None, so the pictures are compared."""
    pygame.font.init()
    font = pygame.font.Font(str(font_path), 40)
    box = drawn(font, "\uffff")
    characters = sorted(korean_characters())
    assert sum("가" <= c <= "힣" for c in characters) > 200, "the Korean catalogue is read"
    assert drawn(font, "\U000f0000") == box, "the box is what a missing glyph looks like"
    missing = [c for c in characters if drawn(font, c) == box]
    assert not missing, f"{font_path.name} cannot draw {missing} (shown as boxes)"
