"""Write game/scenario/font_chars.txt: the characters the bundled fonts can draw, as ranges.

The validator warns about a character the board would draw as a box (e.g. U+2212 "−"), without
reading the font at every load (fontTools takes a fifth of a second, and is only the print
kit's dependency). Run it after changing assets/fonts; tests/scenario/test_font_chars.py checks
that the list matches the fonts.

    .venv/bin/python tools/font_chars.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = sorted((ROOT / "assets" / "fonts").glob("*.ttf"))
OUT = ROOT / "game" / "scenario" / "font_chars.txt"
WIDTHS = ROOT / "game" / "scenario" / "font_widths.txt"
#: Characters whose widths are listed one by one; any other drawable one is as wide as 가.
LISTED = range(0x20, 0x2000)


def drawable() -> set[int]:
    """Code points every bundled font maps (a character one style lacks is a box in that style)."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONTS]
    return set.intersection(*maps)


def ranges_text(points: set[int]) -> str:
    """One 'XXXX-YYYY' (or 'XXXX') line per run of consecutive code points."""
    lines, ordered = [], sorted(points)
    start = prev = ordered[0]
    for point in [*ordered[1:], None]:
        if point is not None and point == prev + 1:
            prev = point
            continue
        lines.append(f"{start:04X}" if start == prev else f"{start:04X}-{prev:04X}")
        if point is not None:
            start = prev = point
    header = "# Characters the bundled fonts draw (tools/font_chars.py writes this file; do not edit)\n"
    return header + "\n".join(lines) + "\n"


def widths_text() -> str:
    """Advance widths in thousandths of an em of the regular font: 'XXXX W' per listed character,
    then '* W' for every other one (the board draws place names in the regular font)."""
    font = TTFont(ROOT / "assets" / "fonts" / "NanumGothic.ttf", lazy=True)
    cmap, metrics, em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm

    def width(point: int) -> int:
        return round(metrics[cmap[point]][0] * 1000 / em)

    lines = [f"{p:04X} {width(p)}" for p in LISTED if p in cmap]
    header = "# Advance widths of the regular font, in 1/1000 em (tools/font_chars.py writes this file)\n"
    return header + "\n".join(lines) + f"\n* {width(ord('가'))}\n"


def main() -> int:
    OUT.write_text(ranges_text(drawable()), encoding="utf-8")
    WIDTHS.write_text(widths_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} and {WIDTHS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
