"""The PDF page: fpdf2 with the bundled Nanum fonts (Latin and Hangul), and text that fits its box.

fpdf2 is imported here and in the kit's other drawing modules only (tests/test_layers.py).
Every text drawn in a box is measured first with the font's own widths (``multi_cell`` in
dry-run mode) and shrunk, then cut with an ellipsis, until it fits: a long card never spills
over its neighbour, whatever an author wrote.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from game.i18n import tr

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT = "Nanum"
PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 12.0
INK = (30, 36, 48)
MUTED = (95, 104, 118)
LINE_HEIGHT = 1.25  # times the font size


def rgb(colour: str) -> tuple[int, int, int]:
    """'#0072B2' → (0, 114, 178); anything else is grey (the loader has checked colours)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        return (136, 136, 136)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def light(colour: tuple[int, int, int], amount: float = 0.85) -> tuple[int, int, int]:
    r, g, b = colour
    return tuple(round(c + (255 - c) * amount) for c in (r, g, b))  # type: ignore[return-value]


def pt_to_mm(points: float) -> float:
    return points * 25.4 / 72


class Page(FPDF):
    """An fpdf2 document with the game's fonts, a footer, and measured text."""

    def __init__(self, paper: str = "a4", *, footer: str = "", duplex: bool = True) -> None:
        super().__init__(unit="mm", format=PAPERS[paper])
        self.paper = paper
        self.duplex = duplex  # printed double-sided: each part handed out alone starts a sheet of its own
        self.footer_text = footer
        self.bare_pages: set[int] = set()  # pages filled to the edge (cards, slips): no footer
        self.add_font(FONT, "", str(FONTS / "NanumGothic.ttf"))
        self.add_font(FONT, "B", str(FONTS / "NanumGothicBold.ttf"))
        self.set_font(FONT, size=10)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, MARGIN + 4)
        self.set_text_color(*INK)
        self.set_creator("Deterrence & Dialogue")
        self._measured: dict[tuple[str, float, float, bool], list[str]] = {}
        self._widths: dict[tuple[str, float, bool], list[float]] = {}

    def footer(self) -> None:
        if not self.footer_text or self.page_no() in self.bare_pages:
            return
        self.set_y(-MARGIN)
        self.set_font(FONT, size=7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, tr("{footer} · page {page}", footer=self.footer_text, page=self.page_no()), align="C")
        self.set_text_color(*INK)

    # --- measuring -------------------------------------------------------------------------

    def lines_of(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """The lines a text breaks into in a column of this width, at this size (fpdf2's own line breaking)."""
        key = (text, width, size, bold)
        if key not in self._measured:
            self.set_font(FONT, "B" if bold else "", size)
            lines = self.multi_cell(width, pt_to_mm(size) * LINE_HEIGHT, text, dry_run=True, output="LINES")
            assert isinstance(lines, list)  # output="LINES" gives the lines alone
            self._measured[key] = [str(line) for line in lines]
        return self._measured[key]

    def height_of(self, blocks: Sequence[tuple[str, bool]], width: float, size: float) -> float:
        """The height of text blocks (text, bold) stacked in a column, with a small gap between them."""
        line = pt_to_mm(size) * LINE_HEIGHT
        total = sum(len(self.lines_of(text, width, size, bold)) * line for text, bold in blocks)
        return total + max(0, len(blocks) - 1) * line * 0.25

    def word_widths(self, text: str, size: float, bold: bool = False) -> list[float]:
        """The width of each word of a text at this size."""
        key = (text, size, bold)
        if key not in self._widths:
            self.set_font(FONT, "B" if bold else "", size)
            self._widths[key] = [self.get_string_width(word) for word in text.split()]
        return self._widths[key]

    def whole_words(self, blocks: Sequence[tuple[str, bool]], width: float, size: float) -> int:
        """How many words of the blocks fit the width whole at this size (a wider one would be broken): a
        line holds the width less the cell's margins."""
        room = width - 2 * self.c_margin
        return sum(w <= room for text, bold in blocks for w in self.word_widths(text, size, bold))

    def fit(self, blocks: Sequence[tuple[str, bool]], width: float, height: float, sizes: Sequence[float]) -> float:
        """The largest size at which the blocks fit, every word whole on its line; the smallest if none does,
        or if a word is too wide for the box even at the smallest size (``cut`` then shortens it)."""
        whole = self.whole_words(blocks, width, sizes[-1])
        if whole < sum(len(text.split()) for text, _bold in blocks):
            return sizes[-1]  # a word too wide for the box even at the smallest size: as much of it as can be
        for size in sizes:
            if self.whole_words(blocks, width, size) >= whole and self.height_of(blocks, width, size) <= height:
                return size
        return sizes[-1]

    def cut(self, blocks: list[tuple[str, bool]], width: float, height: float, size: float) -> list[tuple[str, bool]]:
        """Blocks shortened, the longest first (a card's rules are short lines; its story is long), until
        they fit; a cut ends in '…'. A word wider than the box loses its last letters first ('Overwhel…'):
        a word is never broken over two lines."""
        blocks = [(self._narrow(text, width, size, bold), bold) for text, bold in blocks]
        while blocks and self.height_of(blocks, width, size) > height:
            longest = max(range(len(blocks)), key=lambda i: len(blocks[i][0]))
            text, bold = blocks[longest]
            base = text.removesuffix(" …").removesuffix("…")
            words = base.split()
            if len(words) > 1:  # drop words: a fifth of a long text at a time, else one
                keep = words[: max(1, len(words) * 4 // 5)] if len(words) > 12 else words[:-1]
                shorter = " ".join(keep) + " …"
            elif len(base) > 1:  # one word wider than the box: drop letters
                shorter = base[: len(base) * 3 // 4] + "…"
            else:
                shorter = ""
            if not shorter or shorter == text:  # every pass must shorten something, or drop the block
                blocks.pop(longest)
            else:
                blocks[longest] = (shorter, bold)
        return blocks

    def _narrow(self, text: str, width: float, size: float, bold: bool) -> str:
        """The text with every word wider than the box cut to fit it, ending in '…'."""
        room = width - 2 * self.c_margin
        if all(w <= room for w in self.word_widths(text, size, bold)):
            return text
        self.set_font(FONT, "B" if bold else "", size)
        parts = re.split(r"(\s+)", text)  # the words, and the spaces and line breaks between them
        for i in range(0, len(parts), 2):
            while len(parts[i]) > 1 and self.get_string_width(parts[i]) > room:
                parts[i] = parts[i][:-2] + "…"
        return "".join(parts)

    # --- drawing ---------------------------------------------------------------------------

    def text_box(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        blocks: Sequence[tuple[str, bool]],
        sizes: Sequence[float] = (9, 8, 7.5, 7, 6.5, 6, 5.5),
    ) -> float:
        """Draw blocks inside a box, shrunk and cut to fit; returns the height used."""
        size = self.fit(blocks, width, height, sizes)
        fitted = self.cut(list(blocks), width, height, size)
        line = pt_to_mm(size) * LINE_HEIGHT
        self.set_xy(x, y)
        for text, bold in fitted:
            self.set_font(FONT, "B" if bold else "", size)
            self.set_x(x)
            self.multi_cell(width, line, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_y(self.get_y() + line * 0.25)
        return self.height_of(fitted, width, size)

    def heading(self, text: str, size: float = 16, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, "B", size)
        self.set_text_color(*colour)
        self.multi_cell(0, pt_to_mm(size) * 1.3, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1)

    def para(self, text: str, size: float = 10, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin)
        self.multi_cell(0, pt_to_mm(size) * LINE_HEIGHT, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def labelled(self, label: str, text: str, size: float = 9, indent: float = 28) -> None:
        """A label in the margin column and its text beside it, kept on one page."""
        width = self.w - self.l_margin - self.r_margin - indent
        line = pt_to_mm(size) * LINE_HEIGHT
        needed = max(len(self.lines_of(text, width, size)), len(self.lines_of(label, indent - 2, size, True))) * line
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()
        top = self.get_y()
        self.set_font(FONT, "B", size)
        self.set_xy(self.l_margin, top)
        self.multi_cell(indent - 2, line, label, align="L")
        self.set_font(FONT, "", size)
        self.set_xy(self.l_margin + indent, top)
        self.multi_cell(width, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y(), top + needed) + line * 0.2)

    def rule(self, colour: tuple[int, int, int] = MUTED) -> None:
        self.set_draw_color(*colour)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def new_sheet(self, orientation: str = "P") -> None:
        """A new page that starts a sheet of paper of its own when the kit is printed double-sided (an odd
        page): a part handed out on its own never shares paper with the part before it. When the next page
        would be even, a page that says it is blank on purpose comes first."""
        if self.duplex and self.page_no() % 2 == 1:
            self.add_page()
            self.set_font(FONT, "", 10)
            self.set_text_color(*MUTED)
            self.set_y(self.h / 2 - 5)
            self.cell(0, 10, tr("This page is intentionally blank."), align="C")
            self.set_text_color(*INK)
        self.add_page(orientation=orientation)

    def ensure(self, height: float) -> None:
        """A new page unless this much room is left."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # 'TSI0 NOT subset': harmless hinting tables
