"""A scenario is untrusted input: its texts must never become script, markup or links in a report.

The scenario here is tests/data/mini.yaml with every player-facing text replaced by one that
holds a <script>, quotes, <b> markup, an <img> with an event handler and a javascript: link.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from game.report import build_debrief, render_html, render_markdown
from game.report.charts import plot_svg
from tests.report.games import HOSTILE, bot_game, hostile_scenario

#: Tags the report itself writes; anything else came from a text that was not escaped.
OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3", "p", "nav", "a",
    "main", "section", "span", "ul", "ol", "li", "dl", "dt", "dd", "strong", "figure", "figcaption",
    "svg", "rect", "line", "polyline", "circle", "footer",
}  # fmt: skip


class Page(HTMLParser):
    """Every element, attribute and text of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module", params=[(1, "en"), (3, "en"), (3, "ko")], ids=["calm", "war", "war-ko"])
def debrief(request, tmp_path_factory):
    """A debrief of the hostile scenario; in Korean, its texts are English and marked as such."""
    seed, lang = request.param
    scenario = hostile_scenario(tmp_path_factory.mktemp("hostile"))
    game = bot_game(scenario, seed, "random")
    return build_debrief(scenario, game.states, game.logs, lang=lang)


def test_the_html_report_holds_no_element_or_attribute_from_the_hostile_text(debrief):
    page = Page()
    page.feed(render_html(debrief, generated="2024-01-01"))
    page.close()
    assert "script" not in page.tags
    assert "img" not in page.tags and "b" not in page.tags
    assert set(page.tags) <= OWN_TAGS, f"unexpected elements: {set(page.tags) - OWN_TAGS}"
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    hostile_fragments = ("alert(", "javascript:", "<", "quotes")
    leaked = [(n, v) for n, v in page.attributes if any(f in v for f in hostile_fragments)]
    assert leaked == []


def test_the_html_report_shows_the_hostile_text_as_text(debrief):
    page = Page()
    page.feed(render_html(debrief))
    text = " ".join("".join(page.text).split())
    # The title, an actor's name, the questions: shown whole, as the author wrote them.
    assert text.count(HOSTILE) >= 10
    assert "# not a heading" in text


def test_a_javascript_source_url_is_shown_but_never_linked(debrief):
    html = render_html(debrief)
    page = Page()
    page.feed(html)
    assert "javascript:alert(4)" in "".join(page.text)
    assert not [v for n, v in page.attributes if n == "href" and not v.startswith("#")]


def test_the_report_forbids_scripts_even_if_something_slipped_through(debrief):
    html = render_html(debrief)
    assert "Content-Security-Policy" in html
    assert "default-src 'none'" in html


def test_the_chart_pictures_carry_hostile_labels_only_escaped(debrief):
    for track in debrief.tracks:
        svg = plot_svg(track, 400, 200)
        page = Page()
        page.feed(svg)
        assert set(page.tags) <= {"svg", "title", "rect", "line", "polyline", "circle"}
        assert not [v for _, v in page.attributes if "<" in v or "alert" in v]


def unescaped(markdown: str, characters: str) -> list[str]:
    """Characters of `characters` in the text that no backslash escapes."""
    found, index = [], 0
    while index < len(markdown):
        char = markdown[index]
        if char == "\\":
            index += 2
            continue
        if char in characters:
            found.append(markdown[max(0, index - 20) : index + 20])
        index += 1
    return found


def test_the_markdown_report_escapes_markup_links_and_html(debrief):
    md = render_markdown(debrief, generated="2024-01-01")
    # The report writes no raw HTML, link, image or code of its own: any of these is a leak.
    assert unescaped(md, "<>[]`") == []
    assert "alert(1)" in md  # the text is there, escaped, not dropped
    assert "\\<script\\>" in md


def test_markdown_never_lets_a_text_start_a_heading_or_a_list(debrief):
    md = render_markdown(debrief)
    assert "\\# not a heading" in md
    assert "1\\. not a list" in md
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert not [h for h in headings if h.lstrip("#").startswith((" \\# not", " 1. not"))]
    assert all(h.split(" ", 1)[0] in ("#", "##", "###") for h in headings)
