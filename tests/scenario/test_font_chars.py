"""The validator's lists of the bundled font (what it draws, how wide) are the font's own.

tools/font_chars.py writes them; run it again after changing assets/fonts.
"""

from __future__ import annotations

import importlib.util

from fontTools.ttLib import TTFont

from game.scenario.silent import font_chars, font_widths
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("font_chars_tool", ROOT / "tools" / "font_chars.py")
assert spec is not None and spec.loader is not None
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


def test_the_shipped_lists_are_what_the_tool_makes_from_the_fonts():
    assert tool.OUT.read_text(encoding="utf-8") == tool.ranges_text(tool.drawable())
    assert tool.WIDTHS.read_text(encoding="utf-8") == tool.widths_text()


def test_the_list_holds_hangul_and_not_the_minus_sign_the_font_lacks():
    cmap = TTFont(ROOT / "assets" / "fonts" / "NanumGothic.ttf", lazy=True).getBestCmap()
    known = font_chars()
    assert ord("한") in known and ord("A") in known and ord("−") not in known
    assert known <= set(cmap)


def test_a_narrow_letter_is_narrower_than_a_wide_one_and_hangul_wider_still():
    widths = font_widths()
    assert widths[ord("i")] < widths[ord("a")] < widths[-1]  # 가 (any character not listed)
