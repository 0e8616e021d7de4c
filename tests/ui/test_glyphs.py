"""Every character the game shows exists in the bundled fonts (no empty boxes on the projector)."""

from __future__ import annotations

import ast

import pygame
import pytest

from game.ui import theme as th
from tests.conftest import ROOT, scenario_files


def _shown_text() -> dict[str, str]:
    """Each non-ASCII character of the UI's string literals and of the bundled scenarios, and where."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "game" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for char in node.value:
                    if ord(char) > 127:
                        found.setdefault(char, f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in scenario_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for char in line:
                if ord(char) > 127:
                    found.setdefault(char, f"{path.relative_to(ROOT)}:{number}")
    return found


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_every_character_shown_has_a_glyph_in_the_bundled_font(bold):
    pygame.font.init()
    font = pygame.font.Font(str(th.FONT_DIR / ("NanumGothicBold.ttf" if bold else "NanumGothic.ttf")), 40)
    missing = pygame.image.tobytes(font.render("\uffff", True, (0, 0, 0), (255, 255, 255)), "RGB")
    absent = {
        char: where
        for char, where in _shown_text().items()
        if char not in "\ufe0f"
        and pygame.image.tobytes(font.render(char, True, (0, 0, 0), (255, 255, 255)), "RGB") == missing
    }
    assert not absent, f"characters the font cannot draw (shown as boxes): {absent}"


@pytest.mark.parametrize("size", [14, 17, 21])
def test_both_arrows_are_drawn_as_arrows_pointing_their_way(size):
    """Nanum Gothic draws ← and → as a dot at small sizes: the help's '←/→ choose a card' drew '‹ /→'.
    Each is drawn as a line with its head on its own side."""
    from game.ui import widgets

    pygame.font.init()
    font = pygame.font.Font(str(th.FONT_DIR / "NanumGothic.ttf"), size)

    def ink(text: str) -> tuple[int, int]:
        image = widgets.render(font, text, (0, 0, 0))
        width, height = image.get_size()
        inked = [(x, y) for x in range(width) for y in range(height) if image.get_at((x, y)).a > 128]
        assert len(inked) >= width // 2, f"{text!r} at {size} px is barely drawn: {len(inked)} pixels"
        return sum(x < width / 2 for x, _ in inked), sum(x >= width / 2 for x, _ in inked)

    left, right = ink("→")
    assert right > left, "→ has its head on the right"
    left, right = ink("←")
    assert left > right, "← has its head on the left"
