"""What a teacher noticed in the printed flagship kit, and checks that it stays fixed, in English and Korean.

- the hidden tracks are on the teacher's own page, not on the shared board, and the rules say so;
- the tokens the cards put on the map are printed to cut out, each as many times as the map can hold it;
- on the map every place's circle is inside the map and clear of its neighbours' (Dandong and Sohae);
- the timeline is readable (9 pt), tells each real event once, in date order, the same in both languages;
- printed double-sided, each part handed out on its own starts a sheet of its own (a blank page says so);
- 'In this kit' lists every part; no word is broken over two lines; a long offer is whole on its slip.

The PDFs are read back with pypdf: their text, and where each piece of it stands on the page.
"""

from __future__ import annotations

import io
import itertools
import math
import re

import pytest
from pypdf import PdfReader

from game.i18n import pick, speaking, tr
from game.kit import board, build_kit, rules, words
from game.kit.pdf import MARGIN, Page
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Scenario
from game.ui.wording import track_label
from tests.conftest import DATA, scenario_files
from tests.kit.test_kit import text_positions
from tests.kit.test_kit_playable import FLAGSHIP, kit

LANGS = ["en", "ko"]


def say(lang: str, words_of, *args):
    """What the kit says in a language: a heading of ``game.kit.words`` or a catalogue message."""
    with speaking(lang):
        return words_of(*args)


def starting(pages: list[str], heading: str) -> list[int]:
    return [i for i, text in enumerate(pages) if text.startswith(heading)]


# --- hidden tracks: the teacher's page, not the board ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_hidden_tracks_are_on_the_teachers_page_and_not_on_the_board(lang):
    scenario, _reader, pages = kit(lang)
    hidden = [ref for ref, t in scenario.all_tracks.items() if t.visible == "hidden"]
    assert len(hidden) == 3  # North Korea's weapons, belief in US resolve and regime security
    with speaking(lang):
        labels = {ref: " ".join(track_label(scenario, ref).split()) for ref in scenario.all_tracks}
        heading = tr("The board: tracks · {title}", title=pick(scenario.title))
    shared = " ".join(pages[i] for i in starting(pages, heading))
    (teacher,) = starting(pages, say(lang, words.hidden_title))
    for ref in hidden:
        assert labels[ref] not in shared, f"the hidden track {labels[ref]} is printed on the shared board"
        assert labels[ref] in pages[teacher], f"the hidden track {labels[ref]} is not on the teacher's page"
    for ref in scenario.all_tracks:
        if ref not in hidden:
            assert labels[ref] in shared, f"the public track {labels[ref]} is missing from the board"
    procedure = pages[1]
    assert say(lang, words.hidden_setup) in procedure, "the rules do not say where the hidden tracks are"


def test_a_scenario_without_hidden_tracks_has_no_teachers_page():
    scenario = load_scenario(DATA / "mini.yaml")
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace(", visible: hidden, estimate: 2", "")
    open_game = load_scenario_text(text, "open.yaml")
    for s, expected in ((scenario, 1), (open_game, 0)):
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(build_kit(s))).pages]
        assert len(starting(pages, "The teacher's hidden tracks")) == expected
        assert ("The hidden tracks are not on the board" in pages[1]) == bool(expected)


# --- tokens to cut out -------------------------------------------------------------------------------------


def token_pieces(reader: PdfReader, page: int) -> list[str]:
    """The labels printed on the tokens of a token page (right of the column that says what each is)."""
    left = MARGIN + 60
    return [" ".join(text.split()) for x, y, text in text_positions(reader, page) if x > left and 20 < y < 280]


@pytest.mark.parametrize("lang", LANGS)
def test_every_token_a_card_puts_on_the_map_is_printed_as_often_as_the_map_can_hold_it(lang):
    scenario, reader, pages = kit(lang)
    (page,) = starting(pages, say(lang, words.tokens_title))
    with speaking(lang):
        piles = {pile.label: pile.copies for pile in rules.token_piles(scenario)}
        said = [pick(m.token.label) for m in scenario.moves.values() if m.token is not None]
        said += [pick(e.token.label) for e in scenario.events.values() if e.token is not None]
    assert set(said) == set(piles), "a token a card or event puts on the map has no pile to cut out"
    pieces = token_pieces(reader, page)
    for label, copies in piles.items():
        assert pieces.count(label) == copies, f"{label}: {pieces.count(label)} tokens printed, {copies} needed"
    # a B-52 flyover stays on the map through the next turn, when the US may fly another (twice a game): two
    # at once, and the March event puts down a third; the SSBN visit is once a game; a missile test three times
    assert (piles["B-52"], piles["SSBN"], piles["MSL" if lang == "en" else "미사일"]) == (3, 1, 2)


def test_a_token_that_stays_for_good_is_printed_once_for_every_play():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    effects: [{red.power: +1, tension: +2}]\n",
        "    effects: [{red.power: +1, tension: +2}]\n    token: {at: site, label: MSL, turns: 0}\n",
    )
    text += "map:\n  region: Test\n  lon: [120, 130]\n  lat: [30, 40]\n"
    text += "  places:\n    site: {name: Site, lon: 125, lat: 35}\n"
    scenario = load_scenario_text(text, "tokens.yaml")
    (pile,) = rules.token_piles(scenario)
    assert (pile.label, pile.copies, pile.places) == ("MSL", scenario.turn_range[1], ("Site",))


# --- the map -------------------------------------------------------------------------------------------------


MAPPED = [path for path in scenario_files() if load_scenario(path).map is not None]


@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_every_place_circle_is_inside_the_map_and_clear_of_the_others(path):
    scenario = load_scenario(path)
    pdf = Page("a4")
    pdf.add_page(orientation="L")
    rect = (pdf.l_margin, 26.0, pdf.w - 2 * pdf.l_margin, pdf.h - 26.0 - pdf.b_margin)
    layout = board.map_layout(pdf, scenario, rect)
    left, top, width, height = layout.box
    spots = layout.spots
    for place, spot in spots.items():
        (x, y), r = spot.centre, spot.radius
        assert r >= board.TOKEN / 2 - 0.01, f"{place}: no room for a token"
        assert left + 1 <= x - r and x + r <= left + width - 1, f"{place}'s circle runs off the map's side"
        assert top + 1 <= y - r and y + r <= top + height - 1, f"{place}'s circle runs off the map's top or foot"
    ids = list(spots)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            gap = math.dist(spots[first].centre, spots[second].centre)
            assert gap >= 2 * board.TOKEN / 2, f"the circles of {first} and {second} overlap"


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_page_draws_its_names_where_the_layout_puts_them(lang):
    """Dandong and Sohae, 9 mm apart on the page: both names readable, beside their own circles."""
    scenario, reader, pages = kit(lang)
    with speaking(lang):
        (page,) = starting(pages, tr("The map: {region}", region=pick(scenario.map.region)))
        pdf = Page("a4")
        pdf.add_page(orientation="L")
        pdf.heading(tr("The map: {region}", region=pick(scenario.map.region)), 14)
        top = pdf.get_y()
        layout = board.map_layout(
            pdf, scenario, (pdf.l_margin, top, pdf.w - 2 * pdf.l_margin, pdf.h - top - pdf.b_margin)
        )
        names = {pick(place.name): pid for pid, place in scenario.map.places.items()}
    drawn = {" ".join(text.split()): (x, y) for x, y, text in text_positions(reader, page)}
    for name, pid in names.items():
        assert name in drawn, f"{name} is not on the map"
        left, label_top, _w, _h = layout.spots[pid].label
        assert abs(drawn[name][0] - left) < 2 and abs(drawn[name][1] - label_top) < 5, name
    dandong, sohae = layout.spots["dandong"], layout.spots["sohae"]
    assert math.dist(dandong.centre, sohae.centre) >= 2 * dandong.radius


# --- the timeline --------------------------------------------------------------------------------------------

DATE_X = MARGIN + 1.5  # where a date label starts: the left margin, and the cell's own margin


def timeline_entries(reader: PdfReader, pages: list[str], heading: str) -> list[tuple[str, str]]:
    """The printed timeline, entry by entry: (its date label, its text), over all its pages."""
    first = starting(pages, heading)[0]
    entries: list[tuple[str, str]] = []
    page = first
    while True:
        pieces = [(x, y, " ".join(t.split())) for x, y, t in text_positions(reader, page) if y < 280]
        if page == first:
            pieces = pieces[1:]  # the heading
        elif not pieces or abs(pieces[0][0] - DATE_X) > 1 or not re.search(r"\d", pieces[0][2]):
            break  # the next part: the timeline has ended
        for x, _y, text in pieces:
            if abs(x - DATE_X) <= 1:
                entries.append((text, ""))
            else:
                date, said = entries[-1]
                entries[-1] = (date, f"{said} {text}".strip())
        page += 1
    return entries


def date_key(label: str) -> tuple[int, int, int]:
    """'26 Apr 2023' or '2023년 4월 26일' → (2023, 4, 26); a month or a year alone has 0 for what it leaves out."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year = int(re.search(r"\d{4}", label).group(0))  # type: ignore[union-attr]
    month = next((i + 1 for i, m in enumerate(months) if m in label), 0)
    korean = re.search(r"(\d{1,2})월(?: (\d{1,2})일)?", label)
    if korean:
        return year, int(korean.group(1)), int(korean.group(2) or 0)
    day = re.match(r"(\d{1,2}) ", label)
    return year, month, int(day.group(1)) if day else 0


@pytest.fixture(scope="module")
def timelines() -> dict[str, list[tuple[str, str]]]:
    found = {}
    for lang in LANGS:
        _scenario, reader, pages = kit(lang)
        found[lang] = timeline_entries(reader, pages, say(lang, tr, "What really happened: a timeline"))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_is_printed_whole_at_a_readable_size(lang, timelines):
    _scenario, reader, pages = kit(lang)
    first = starting(pages, say(lang, tr, "What really happened: a timeline"))[0]
    sizes: set[float] = set()
    for page in range(first, first + 3):

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip() and tm[5] > 40:  # above the footer
                sizes.add(round(size, 1))

        reader.pages[page].extract_text(visitor_text=visit)
    assert min(sizes) >= 8, f"the timeline is printed at {sorted(sizes)} pt"
    assert "more history note" not in " ".join(pages), "the timeline leaves notes out"
    assert len(timelines[lang]) >= 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_tells_each_event_once_in_date_order(lang, timelines):
    entries = timelines[lang]
    keys = [date_key(date) for date, _text in entries]
    for before, after in itertools.pairwise(keys):
        if before[0] == after[0] and 0 in (before[1], after[1]):
            continue  # a year alone ('2017', 'In late 2017 …') goes at the start or, said late, the end of its year
        assert before <= after, f"{before} comes before {after}"
    dated = [date for date, _text in entries if re.search(r"\d{1,2} |일$", date)]
    assert len(dated) == len(set(dated)), f"a day has two entries: {sorted(dated)}"
    coal, lotte = ("coal", "Lotte") if lang == "en" else ("석탄", "롯데")
    for word in (coal, lotte):
        told = [date for date, text in entries if word in text]
        assert len(told) == 1, f"{word!r} is told {len(told)} times: {told}"
    assert len({text for _date, text in entries}) == len(entries)


def test_the_timeline_lists_the_same_events_in_both_languages(timelines):
    english, korean = timelines["en"], timelines["ko"]
    assert [date_key(d) for d, _ in english] == [date_key(d) for d, _ in korean]
    scenario = load_scenario(FLAGSHIP)
    with speaking("en"):
        notes = rules.timeline(scenario)
    korean_of = {str(t.history): t.history.values["ko"] for t in rules.teachings(scenario) if t and t.history}
    for (_date, said), note in zip(korean, notes, strict=True):
        assert said.endswith(" ".join(korean_of[note.text].split())), f"{said!r} is not the Korean of {note.text!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_timeline_note_needs_its_card_to_make_sense(lang, timelines):
    """The fragments the teacher found ('This did not happen in 2023', 'Much like the end of 2023', 'The
    2023 Declaration promised such a visit') are not printed alone."""
    fragments = {
        "en": ("This did not happen", "Much like the end of 2023", "promised such a visit"),
        "ko": ("2023년에는 일어나지 않았다", "2023년 말과 매우 비슷하다", "이런 기항을 약속했다"),
    }[lang]
    for _date, text in timelines[lang]:
        for fragment in fragments:
            assert fragment not in text or text.startswith(("About “", "‘")), text
        if lang == "en":
            assert not re.match(r"(This|That|It|They|Such|Much like)\b", text), text


def test_notes_of_one_event_are_told_once_and_a_note_on_its_card_names_it():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    name: Talk\n    kind: talk\n",
        "    name: Talk\n    kind: talk\n"
        "    teach: {history: 'On 12 May 2019 the two sides met in Geneva and agreed to talk again.', sources: [a]}\n",
    )
    text = text.replace(
        "    name: Drill\n",
        "    name: Drill\n"
        "    teach: {history: 'In May 2019 the two sides met in Geneva and agreed to talk.', sources: [a]}\n",
    )
    text = text.replace(
        "  calm: {name: Calm}",
        "  calm: {name: Calm,\n"
        "         teach: {history: 'It did not happen: in late 2019 the talks broke down.', sources: [b]}}\n"
        "  quiet: {name: Quiet, when: 'tension <= 0', teach: {history: 'In March 2019 a drill began.', sources: [b]}}",
    )
    text += "sources:\n  a: {title: Report A, date: '2019-05'}\n  b: {title: Report B, date: '2019-12'}\n"
    scenario = load_scenario_text(text, "events.yaml")
    notes = rules.timeline(scenario)
    assert [note.date for note in notes] == ["2019-03", "2019-05-12", "2019"]  # 'late 2019' at the end of 2019
    assert "Geneva" in notes[1].text and sum("Geneva" in note.text for note in notes) == 1
    assert notes[2].needs_card and notes[2].about == "Calm"


# --- double-sided printing: each part on sheets of its own ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_printed_double_sided_each_part_handed_out_on_its_own_starts_a_sheet(lang):
    scenario, _reader, pages = kit(lang)
    blank = say(lang, tr, "This page is intentionally blank.")
    with speaking(lang):
        plan = scenario.assessment
        assert plan is not None
        starts = {
            "the answer key": words.key_title(),
            "the concept check": words.check_title() + " ",
            "the exit ticket": words.exit_title(),
            "the policy memo": words.memo_title(),
            "the tokens": words.tokens_title(),
            "the teacher's tracks": words.hidden_title(),
            "the board": tr("The board: tracks · {title}", title=pick(scenario.title)),
            "the map": tr("The map: {region}", region=pick(scenario.map.region)),
            "the glossary": tr("Glossary"),
            "the questions": tr("Debrief: discussion questions"),
        }
        for actor_id, actor in scenario.actors.items():
            short = f" ({pick(actor.short)})" if actor.short and pick(actor.short) != pick(actor.name) else ""
            starts[f"{actor_id}'s team sheet"] = tr("{team}: team sheet", team=pick(actor.name) + short)
            starts[f"{actor_id}'s slips"] = words.slip_head(rules.name_of(scenario, actor_id))[:12]
        fronts = tr("{title}: fronts. Cut along the grey lines.", title=tr("Move cards"))
        backs = tr("{title}: backs (print on the reverse). Cut along the grey lines.", title=tr("Move cards"))
    for part, heading in starts.items():
        found = starting(pages, heading)
        assert found, f"no page starts with {heading!r}"
        assert found[0] % 2 == 0, f"{part} starts on page {found[0] + 1}, on the back of the page before"
    front_pages = starting(pages, fronts)
    assert front_pages and starting(pages, backs) == [i + 1 for i in front_pages]
    assert all(i % 2 == 0 for i in front_pages), "a card front is on an even page: its backs would be on the next sheet"
    for i, text in enumerate(pages):
        if text.startswith(blank):
            assert i % 2 == 1 and not pages[i + 1].startswith(blank), f"page {i + 1} is blank for nothing"


# --- the contents, words whole, slips --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_in_this_kit_lists_every_part_the_kit_has(lang):
    scenario, _reader, pages = kit(lang)
    cover = pages[0]
    with speaking(lang):
        parts = [
            words.check_title(),
            words.exit_title(),
            words.memo_title(),
            words.tokens_title(),
            words.hidden_title(),
        ]
        parts += [title for title, _what in words.contents(scenario)]
    for title in parts:
        assert title in cover, f"'In this kit' does not list {title!r}"
    assert "SSBN" in cover  # the tokens by name


def test_a_word_too_wide_for_its_box_is_shrunk_never_broken():
    """'Overwhelming' under a narrow box of a track used to print as 'Overwhe' / 'lming'."""
    pdf = Page("a4")
    pdf.add_page()
    pdf.text_box(20, 20, 14.5, 6, [("Overwhelming", False)], (6, 5.5, 5, 4.5))  # whole at 5 pt, not at 6
    pdf.text_box(20, 40, 6, 6, [("Overwhelming majority", False)], (6, 5.5, 5, 4.5))
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "Overwhelming", lines
    for line in lines[1:]:
        for word in line.split():
            assert word in ("Overwhelming", "majority") or word.endswith("…"), f"{word!r}: a word broken in two"


@pytest.mark.parametrize("lang", LANGS)
def test_every_rung_name_on_the_board_is_whole(lang):
    scenario, _reader, pages = kit(lang)
    with speaking(lang):
        shared = tr("The board: tracks · {title}", title=pick(scenario.title))
        rungs = [pick(name) for ref, track in board.on_board(scenario) for name in track.rungs.values()]
    board_text = " ".join(pages[i] for i in starting(pages, shared))
    for rung in rungs:
        assert " ".join(rung.split()) in board_text, f"the rung {rung!r} is broken or cut on the board"


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_offer_is_printed_whole_on_its_slip(lang):
    scenario, _reader, pages = kit(lang)
    offer = pick(scenario.moves["end_of_war"].name, lang)
    maker = pick(scenario.actors["rok"].short, lang)
    head = say(lang, words.slip_head, pick(scenario.actors["dprk"].short, lang))[:10]
    slip = next(page for page in pages if page.startswith(head))
    assert f"{offer} ({maker})" in slip, f"the offer {offer!r} is cut on North Korea's slip"


def test_a_slip_page_holds_as_many_slips_as_fit():
    scenario = load_scenario(FLAGSHIP)
    pdf = Page("a4")
    for actor_id in scenario.actors:
        height, per_page, count = _layout(pdf, scenario, actor_id)
        assert per_page * (height + 3) - 3 <= pdf.h - 2 * pdf.t_margin, "the slips run off the page"
        assert (per_page + 1) * (height + 3) - 3 > pdf.h - 2 * pdf.t_margin, "room for another slip is wasted"
        assert count % per_page == 0 and count >= rules.slip_count(scenario, actor_id)


def _layout(pdf: Page, scenario: Scenario, actor_id: str) -> tuple[float, int, int]:
    from game.kit.sheets import slip_layout

    return slip_layout(pdf, scenario, actor_id)


def test_printed_single_sided_no_page_is_left_blank():
    """Twelve blank pages keep the parts apart on a duplex printer; a single-sided printer would waste them."""
    scenario = load_scenario(FLAGSHIP)
    single = PdfReader(io.BytesIO(build_kit(scenario, duplex=False))).pages
    double = PdfReader(io.BytesIO(build_kit(scenario))).pages
    blank = "This page is intentionally blank."
    assert sum(blank in page.extract_text() for page in double) > 0
    assert not any(blank in page.extract_text() for page in single)
    assert len(single) < len(double)
    printing = " ".join(single[0].extract_text().split()) + " ".join(single[1].extract_text().split())
    assert "Printed double-sided" not in printing and "glue each back page behind its front" in printing
