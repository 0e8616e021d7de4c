"""`deterrence print`: the kit of any scenario is complete, fits its paper, and no text leaves its card.

The PDFs are read back with pypdf (text and positions), as a reader of the printed page would.
"""

from __future__ import annotations

import io
import math
import re
from functools import cache

import pytest
from pypdf import PdfReader

from game.cli import main
from game.kit import build_kit
from game.kit import rules as kit_rules
from game.kit.pdf import Page
from game.kit.sheets import CARD_H, CARD_W, COLUMNS, ROWS, card_origin
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Scenario
from tests.conftest import DATA, scenario_files
from tests.scenario.test_guide import block_after

MM = 72 / 25.4  # PDF points per millimetre
SIZES_PT = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}


def flat(text: str) -> str:
    """Text as a reader sees it: line breaks and runs of spaces are one space."""
    return " ".join(text.split())


@cache
def kit_of(path: str, paper: str = "a4") -> tuple[Scenario, PdfReader]:
    scenario = load_scenario(path)
    return scenario, PdfReader(io.BytesIO(build_kit(scenario, paper)))


def texts(reader: PdfReader) -> list[str]:
    return [flat(page.extract_text()) for page in reader.pages]


def pages_titled(reader: PdfReader, start: str) -> list[int]:
    return [i for i, text in enumerate(texts(reader)) if text.startswith(start)]


def check_complete(scenario: Scenario, reader: PdfReader) -> None:
    """Every team has a sheet and slips; every card and event is cut out, front and back; the rest is there."""
    pages = texts(reader)
    whole = " ".join(pages)
    for actor_id, actor in scenario.actors.items():
        sheet = [p for p in pages if f"{actor.name}" in p and "team sheet" in p]
        assert sheet, f"no team sheet for {actor.name}"
        assert any(f"{kit_rules.name_of(scenario, actor_id)} · ORDERS" in p for p in pages), f"no slips for {actor_id}"
        for move_id in scenario.moves_of(actor_id):
            assert flat(str(scenario.moves[move_id].name)) in whole
    fronts = " ".join(p for p in pages if p.startswith("Move cards: fronts"))
    backs = " ".join(p for p in pages if p.startswith("Move cards: backs"))
    for move in scenario.moves.values():
        assert flat(str(move.name)) in fronts, f"card {move.name} is not cut out"
        assert flat(str(move.name)) in backs, f"card {move.name} has no back"
    events = " ".join(p for p in pages if p.startswith("Event cards"))
    for event in scenario.events.values():
        assert flat(str(event.name)) in events, f"event {event.name} is not cut out"
    cards = len(kit_rules.card_copies(scenario))  # a copy for each team that plays a card
    expected_card_pages = 2 * math.ceil(cards / 9) + 2 * math.ceil(len(scenario.events) / 9)
    assert len([p for p in pages if p.startswith(("Move cards", "Event cards"))]) == expected_card_pages
    assert "Running the game on paper" in whole and "F2" in whole
    assert "The board: tracks" in whole
    for label in scenario.track_label.values():
        assert flat(label) in whole
    if scenario.map is not None:
        assert f"The map: {scenario.map.region}" in whole
        for place in scenario.map.places.values():
            assert flat(str(place.name)) in whole
    for key, entry in scenario.glossary.items():
        assert flat(str(entry.name(key))) in whole
    for question in scenario.questions:
        assert flat(str(question)) in whole


@pytest.mark.parametrize("path", [*scenario_files(), DATA / "mini.yaml"], ids=lambda p: p.stem)
def test_every_bundled_scenario_gives_a_complete_kit(path):
    """The bundled scenarios, and mini.yaml: no map, no events, no glossary, no questions."""
    scenario, reader = kit_of(str(path))
    check_complete(scenario, reader)


def test_the_kit_of_the_scenario_written_from_the_guide_is_complete(tmp_path):
    path = tmp_path / "lighthouse.yaml"
    path.write_text(block_after("full-example"), encoding="utf-8")
    assert main(["print", str(path), "-o", str(tmp_path / "kit.pdf"), "--paper", "letter"]) == 0
    check_complete(load_scenario(path), PdfReader(tmp_path / "kit.pdf"))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_page_is_on_the_paper_asked_for_and_the_cards_fit_it(paper):
    _scenario, reader = kit_of(str(DATA / "mini.yaml"), paper)
    short, long = SIZES_PT[paper]
    for number, page in enumerate(reader.pages, 1):
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert size == pytest.approx([short, long], abs=1), f"page {number} is {size}, not {paper}"
    pdf = Page(paper)
    pdf.add_page()
    for index in range(COLUMNS * ROWS):
        for back in (False, True):
            x, y = card_origin(pdf, index, back)
            assert x >= 5 and x + CARD_W <= pdf.w - 5, "a card column runs off the paper"
            assert y >= 5 and y + CARD_H <= pdf.h - 5, "a card row runs off the paper"


def test_card_backs_are_mirrored_so_a_long_edge_duplex_print_lines_up():
    pdf = Page("a4")
    pdf.add_page()
    for index in range(COLUMNS * ROWS):
        front_x, front_y = card_origin(pdf, index, back=False)
        back_x, back_y = card_origin(pdf, index, back=True)
        assert back_y == front_y
        assert back_x + CARD_W == pytest.approx(pdf.w - front_x), "a back is not behind its front"


def test_the_board_pages_are_landscape_and_the_ladder_names_every_rung():
    scenario, reader = kit_of(str(DATA / "mini.yaml"))
    board = [i for i, t in enumerate(texts(reader)) if t.startswith(("The board", "The escalation ladder", "The map"))]
    assert board
    for i in board:
        box = reader.pages[i].mediabox
        assert float(box.width) > float(box.height), f"board page {i + 1} is not landscape"
    ladder = next(t for t in texts(reader) if t.startswith("The escalation ladder"))
    for rung in scenario.tracks["tension"].rungs.values():
        assert str(rung) in ladder


# --- long texts never leave their card -------------------------------------------------------------

LONG_EN = (
    "An extremely long card text that an enthusiastic author wrote without stopping, with every detail of the "
    "history, the politics and the military situation, repeated again and again so that it cannot possibly fit. "
) * 6
LONG_KO = "한반도의 긴장이 높아지고 동맹국들은 핵협의그룹에서 만나 확장억제를 논의합니다. " * 12
WORD = "Supercalifragilisticexpialidocious" * 4  # one word wider than a card


def long_scenario() -> Scenario:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    long_teach = f'{{what: "{LONG_EN}", why: "{LONG_KO}", history: "{LONG_EN} {WORD}"}}'
    text = text.replace(
        "    name: Talk\n    kind: talk\n",
        f'    name: "{LONG_KO[:60]} {WORD}"\n    kind: talk\n    text: "{LONG_EN}"\n    signal: "{LONG_KO}"\n'
        f"    teach: {long_teach}\n",
    )
    text = text.replace(
        "    name: Missile test\n",
        f'    name: "Missile test with a very long name that goes on and on and on and on"\n'
        f'    text: "{LONG_KO}"\n    teach: {long_teach}\n',
    )
    text += f'events:\n  storm:\n    name: "{LONG_KO[:40]}"\n    turn: 2\n    text: "{LONG_EN}{LONG_KO}"\n'
    return load_scenario_text(text, "long.yaml")


def text_positions(reader: PdfReader, index: int) -> list[tuple[float, float, str]]:
    """Where each piece of text on a page starts, in millimetres from the top left."""
    page = reader.pages[index]
    height = float(page.mediabox.height)
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x / MM, (height - y) / MM, text))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_very_long_card_texts_in_english_and_korean_stay_inside_their_cards(paper):
    scenario = long_scenario()
    reader = PdfReader(io.BytesIO(build_kit(scenario, paper)))
    pages = texts(reader)
    card_pages = [i for i, t in enumerate(pages) if t.startswith(("Move cards", "Event cards"))]
    assert len(card_pages) == 4
    pdf = Page(paper)
    pdf.add_page()
    for i in card_pages:
        back = ": backs" in pages[i][:40]
        cards = [card_origin(pdf, k, back) for k in range(COLUMNS * ROWS)]
        positions = [p for p in text_positions(reader, i) if p[1] > 9]  # below the page's own caption
        assert positions, f"no text found on card page {i + 1}"
        for x, y, text in positions:
            inside = any(cx - 0.1 <= x <= cx + CARD_W and cy <= y <= cy + CARD_H - 1 for cx, cy in cards)
            assert inside, f"page {i + 1}: {text[:30]!r} at ({x:.1f}, {y:.1f}) mm is outside every card"
    assert "…" in " ".join(pages[i] for i in card_pages), "a text too long for its card is not shown as cut"
    fronts = " ".join(pages[i] for i in card_pages if ": fronts" in pages[i][:40])
    for rule in ("Effects: +1 Red Power, +2 Tension", "Played by: Blue and Red", "Effects: -1 Tension"):
        assert rule in fronts, f"the long story crowded out the rule {rule!r}"


def test_a_text_box_never_grows_past_its_height():
    pdf = Page("a4")
    pdf.add_page()
    for text in (LONG_EN, LONG_KO, WORD, LONG_EN + LONG_KO):
        for width, height in ((56, 60), (40, 12), (20, 5)):
            used = pdf.text_box(20, 30, width, height, [(text, False), ("Second block " * 20, True)])
            assert used <= height + 0.01
            assert pdf.get_y() <= 30 + height + 2, f"{text[:20]!r} in {width}×{height} mm ran to {pdf.get_y()}"


def test_short_texts_are_printed_whole_and_large():
    pdf = Page("a4")
    pdf.add_page()
    blocks = [("Convene the NCG", True), ("+2 ROK Assurance", False)]
    assert pdf.fit(blocks, 56, 60, (9, 8, 7)) == 9
    assert pdf.cut(blocks, 56, 60, 9) == blocks


# --- the words --------------------------------------------------------------------------------------


def test_a_team_sheet_lists_the_end_of_turn_rules_that_touch_its_tracks_and_no_others(tmp_path):
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text += (
        "drift:\n"
        "  - {name: Red grows, when: 'red.power < 5', effects: [{red.power: +1}]}\n"
        "  - {name: Calm returns, effects: [{tension: -1}]}\n"
    )
    scenario = load_scenario_text(text, "drift.yaml")
    blue = [line.label for line in kit_rules.drift_for(scenario, "blue")]
    red = [line.label for line in kit_rules.drift_for(scenario, "red")]
    assert blue == ["Calm returns"]  # Blue's objective reads tension; Red's power is not Blue's
    assert red == ["Red grows"]


def test_a_roll_says_its_chance_for_each_value_of_its_modifier(mini):
    roll = mini.moves["drill"].roll
    words = kit_rules.chances(mini, roll)
    # 2d6 + Blue trust ÷ 3 (0..3) against 8: 42%, 58%, 72%, 83%; the start (trust 5) gives +1
    assert words == "+0: 42% · +1: 58% · +2: 72% · +3: 83% (at the start +1)"
    card = kit_rules.move_card(mini, "drill")
    said = " ".join(f"{line.label}: {line.text}" for line in card.lines)
    assert "Roll 2d6 + Blue Trust ÷ 3: success on 8 or more." in said
    assert "Only when: Tension is below 9" in said


def test_the_timeline_puts_dated_history_in_date_order_and_undated_last():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    name: Talk\n    kind: talk\n",
        "    name: Talk\n    kind: talk\n    teach: {history: Talks resumed in May 2019.}\n",
    )
    text = text.replace(
        "  calm: {name: Calm}",
        "  calm: {name: Calm, teach: {history: 'On 26 April 2023 the allies signed it.'}}\n"
        "  quiet: {name: Quiet, when: 'tension <= 0', teach: {history: 'Nobody remembers when.'}}\n"
        "  old: {name: Old, when: 'tension <= 1', teach: {history: 'In 1962 the crisis peaked.'}}",
    )
    scenario = load_scenario_text(text, "dates.yaml")
    dated = kit_rules.timeline(scenario)
    assert [d.date for d in dated] == ["1962", "2019-05", "2023-04-26", ""]
    assert [kit_rules.date_words(d.date) for d in dated] == ["1962", "May 2019", "26 Apr 2023", ""]


def test_print_writes_a_pdf_and_names_it(tmp_path, capsys):
    target = tmp_path / "out" / "kit.pdf"
    assert main(["print", str(DATA / "mini.yaml"), "-o", str(target)]) == 0
    assert re.match(rb"%PDF-1\.\d", target.read_bytes()[:8])
    assert str(target) in capsys.readouterr().out


def test_print_of_a_broken_scenario_says_where_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "mini.yaml").read_text(encoding="utf-8").replace("tension <= 4", "tensoin <= 4"))
    with pytest.raises(SystemExit) as stop:
        main(["print", str(bad), "-o", str(tmp_path / "k.pdf")])
    assert stop.value.code == 1
    assert "bad.yaml:" in capsys.readouterr().err
    assert not (tmp_path / "k.pdf").exists()


def test_a_modifier_that_counts_plays_is_given_its_whole_range_on_the_card():
    """'plus: ever(talk)' is 0 at the start but can grow each turn: the card must not say it is always +0."""
    from game.kit.rules import plus_range

    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace('plus: "blue.trust // 3"', 'plus: "ever(talk)"')
    scenario = load_scenario_text(text, "counts.yaml")
    roll = scenario.moves["drill"].roll
    assert roll is not None and roll.plus is not None
    low, high = plus_range(scenario, roll.plus)
    assert low == 0 and high == 2 * scenario.turn_range[1]  # talk: Blue and Red, once each a turn
