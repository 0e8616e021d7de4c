"""The printed kit can be played as the game is played: what a teacher notices at the table.

- a track's boxes hold its start and every value the rules test, and every move lands on a box;
- each team has a slip for every turn of the longest game (and a spare), with a line for each offer;
- a card two teams play is printed once for each of them, and each copy says whose it is;
- a budget that changes with the turn is printed as its value on each turn, not as 'the turn mod 2'.

The flagship's kit is read back with pypdf, in English and in Korean.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import pytest
from pypdf import PdfReader

from game.i18n import pick
from game.kit import rules
from game.kit.pdf import Page
from game.kit.sheets import CARD_H, CARD_W, COLUMNS, ROWS, card_origin
from game.scenario import load_scenario, load_scenario_text
from game.scenario.model import Effect, Scenario
from tests.conftest import DATA, ROOT, scenario_files
from tests.kit.test_kit import kit_of, text_positions, texts
from tests.kit.test_kit_korean import korean_kit

FLAGSHIP = ROOT / "scenarios" / "washington-declaration-2023.yaml"


@cache
def korean_reader() -> PdfReader:
    import io

    from game.kit import build_kit

    return PdfReader(io.BytesIO(build_kit(load_scenario(FLAGSHIP), "a4", "ko")))


def team(scenario: Scenario, actor: str, lang: str) -> str:
    """A team's short name in a language, as its slips and cards print it."""
    who = scenario.actors[actor]
    return pick(who.short or who.name, lang)


def kit(lang: str) -> tuple[Scenario, PdfReader, list[str]]:
    if lang == "en":
        scenario, reader = kit_of(str(FLAGSHIP))
        return scenario, reader, texts(reader)
    scenario, pages = korean_kit(str(FLAGSHIP))
    return scenario, korean_reader(), pages


# --- tracks -----------------------------------------------------------------------------------------


def board_text(pages: list[str], heading: str) -> str:
    return " ".join(p for p in pages if p.startswith(heading))


@pytest.mark.parametrize(("lang", "heading"), [("en", "The board: tracks"), ("ko", "게임판: 지표")])
def test_the_bomb_support_track_has_a_box_for_its_start_every_threshold_and_every_point(lang, heading):
    """rok.support starts at 63; the bomb needs 66, an event fires at 72, an objective wants below 60; cards
    move it by 1, 2, 3 or 6: a box for each point, so every one of those can be marked."""
    scenario, _reader, pages = kit(lang)
    board = board_text(pages, heading)
    boxes = set(re.findall(r"(?<![\d.])(\d+)%", board))
    support = scenario.all_tracks["rok.support"]
    assert support.start == 63
    for value in (support.start, 60, 66, 72):
        assert str(value) in boxes, f"no {value}% box on the board"
    missing = [v for v in range(support.min, support.max + 1) if str(v) not in boxes]
    assert not missing, f"values with no box to mark them: {missing}"


def plain_steps(scenario: Scenario, ref: str) -> set[int]:
    """Every fixed change of a track that a card, answer, roll, event, combination or rule can make."""
    seen: set[int] = set()
    for part in rules._parts(scenario, set()):
        if isinstance(part, Effect) and part.track == ref and part.amount is None and part.op == "add":
            seen.add(part.delta)
    return seen - {0}


@pytest.mark.parametrize("path", [*scenario_files(), DATA / "mini.yaml"], ids=lambda p: p.stem)
def test_every_track_has_its_start_its_thresholds_and_a_box_wherever_a_move_lands(path):
    scenario = load_scenario(path)
    marks = rules.track_marks(scenario)
    for ref, track in scenario.all_tracks.items():
        values = [v for row in rules.track_rows(scenario, ref) for v in row]
        assert values == sorted(set(values)), ref
        assert track.start in values, f"{ref}: no box for the start {track.start}"
        for mark in marks.get(ref, {}):
            if track.min <= mark <= track.max:
                assert mark in values, f"{ref}: no box for {mark}, a value the rules test"
        for value in values:
            for step in plain_steps(scenario, ref):
                lands = min(track.max, max(track.min, value + step))
                if values[0] <= lands <= values[-1]:
                    assert lands in values, f"{ref}: {value} {step:+d} lands on {lands}, which has no box"


def test_a_threshold_outside_the_steps_still_gets_its_box():
    """A track that moves by 5 from 0 to 100 still shows the 33 an ending tests, and its start of 12."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      trust: {name: Trust, start: 5}",
        "      trust: {name: Trust, start: 12, max: 100}\n      mood: {name: Mood, start: 50, min: 0, max: 100}",
    )
    text = text.replace("effects: [{blue.trust: +1}, {tension: +1}]", "effects: [{blue.trust: +5}, {tension: +1}]")
    text = text.replace('when: "tension <= 4"', 'when: "tension <= 4 and blue.trust < 33"')
    scenario = load_scenario_text(text, "steps.yaml")
    rows = rules.track_rows(scenario, "blue.trust")
    values = [v for row in rows for v in row]
    assert 12 in values and 33 in values
    assert {17, 22, 27, 32} <= set(values)  # the start's own steps of 5
    assert 13 not in values and 98 not in values  # never reached
    assert 50 in [v for row in rules.track_rows(scenario, "blue.mood") for v in row]  # nothing moves it


# --- order slips ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "orders"), [("en", "· ORDERS ·"), ("ko", "· 명령 ·")])
def test_every_team_has_a_slip_for_each_turn_of_the_longest_game_and_a_spare(lang, orders):
    """... and as many more spares as fill its last page: no slip page is printed half empty."""
    scenario, _reader, pages = kit(lang)
    longest = scenario.turn_range[1]
    assert longest == 6
    for actor_id in scenario.actors:
        head = f"{team(scenario, actor_id, lang)} {orders}"
        per_page = [page.count(head) for page in pages if page.startswith(head)]
        assert sum(per_page) >= longest + 1, f"{actor_id} has {sum(per_page)} slips for a game of up to {longest} turns"
        assert len(set(per_page)) == 1, f"{actor_id}'s slip pages hold {per_page} slips: the last is not full"
        assert sum(per_page) - per_page[0] < longest + 1, f"{actor_id}: a whole page of slips nobody needs"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_slip_has_a_line_for_every_offer_its_team_can_receive_in_a_turn(lang):
    """North Korea can be offered talks by the US and by South Korea, relief, a freeze, an end-of-war
    declaration and a moratorium in the same turn: six lines to answer them, each naming the offer and its maker."""
    scenario, _reader, pages = kit(lang)
    head = f"{team(scenario, 'dprk', lang)} · {'ORDERS' if lang == 'en' else '명령'} ·"
    slip = next(p for p in pages if p.startswith(head)).split(head)[1]
    offers = [
        ("offer_talks", "us"),
        ("offer_talks", "rok"),
        ("relief_for_freeze", "us"),
        ("freeze_for_freeze", "us"),
        ("end_of_war", "rok"),
        ("china_moratorium", "china"),
    ]
    for move_id, maker in offers:
        name = str(scenario.moves[move_id].name.values[lang])
        line = rf"{re.escape(name[:12])}[^()]*\({re.escape(team(scenario, maker, lang))}\)"
        assert re.search(line, slip), f"no line to answer {name} from {maker}"
    assert len(re.findall(r"\((?:US|ROK|PRC|미국|한국|중국)\)", slip)) == len(offers)


def test_a_team_that_makes_offers_has_a_line_for_the_counter_offer_that_comes_back():
    scenario = load_scenario(FLAGSHIP)
    assert ("dprk_stall", ("dprk",)) in rules.offers_received(scenario, "rok")  # a counter to its talks offer
    assert rules.offers_received(scenario, "japan") == []  # no offer reaches Japan: one blank line


def test_a_team_ordering_in_two_rounds_of_a_turn_gets_two_slips_a_turn():
    text = (DATA / "defcon.yaml").read_text(encoding="utf-8")
    text = text.replace("who: [ussr]}", "who: [ussr, usa]}")
    scenario = load_scenario_text(text, "rounds.yaml")
    longest = scenario.turn_range[1]
    assert rules.slip_count(scenario, "usa") == 2 * longest + 1
    assert rules.slip_count(scenario, "ussr") == longest + 1


# --- cards: a copy for each team ----------------------------------------------------------------------


def card_texts(reader: PdfReader, page: int, back: bool) -> list[list[str]]:
    """The pieces of text on each card of a card page, card by card."""
    pdf = Page("a4")
    pdf.add_page()
    origins = [card_origin(pdf, k, back) for k in range(COLUMNS * ROWS)]
    cards: list[list[str]] = [[] for _ in origins]
    for x, y, text in text_positions(reader, page):
        for k, (cx, cy) in enumerate(origins):
            if cx - 0.1 <= x <= cx + CARD_W and cy <= y <= cy + CARD_H:
                cards[k].append(" ".join(text.split()))
    return cards


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Move cards: fronts"), ("ko", "행동 카드: 앞면"), ("en", "Move cards: backs")]
)
def test_a_card_two_teams_play_is_printed_for_each_and_says_whose_copy_it_is(lang, heading):
    """Each copy names its team at its foot, front and back, so the cards sort into the teams' piles."""
    scenario, reader, pages = kit(lang)
    back = "backs" in heading
    holders: dict[str, list[str]] = {}
    for page in (i for i, text in enumerate(pages) if text.startswith(heading)):
        for pieces in card_texts(reader, page, back):
            lines = {*pieces, *(f"{a} {b}" for a, b in itertools.pairwise(pieces))}  # a title on 2 lines
            for move_id in ("offer_talks", "tighten_sanctions", "state_visit"):
                if str(scenario.moves[move_id].name.values[lang]) in lines:  # its title, not a mention
                    teams = [team(scenario, a, lang) for a in scenario.actors]
                    holders.setdefault(move_id, []).extend(p for p in pieces if p in teams)
    assert sorted(holders.get("offer_talks", [])) == sorted(team(scenario, a, lang) for a in ("us", "rok"))
    assert sorted(holders.get("tighten_sanctions", [])) == sorted(team(scenario, a, lang) for a in ("us", "japan"))
    assert holders.get("state_visit", []) == [team(scenario, "us", lang)]


def test_every_team_gets_each_of_its_cards_and_a_joint_card_is_printed_once_for_all_its_teams():
    scenario = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    cards = rules.card_copies(scenario)
    for actor_id in scenario.actors:
        mine = [c.id for c in cards if any(team == rules.name_of(scenario, actor_id) for team, _ in c.teams)]
        assert sorted(mine) == sorted(scenario.moves_of(actor_id)), actor_id
    (joint,) = [c for c in cards if scenario.moves[c.id].joint]
    assert [team for team, _ in joint.teams] == [rules.name_of(scenario, a) for a in scenario.moves[joint.id].by]
    assert len(cards) == sum(1 if m.joint else len(m.by) for m in scenario.moves.values())


# --- a budget that changes with the turn --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_budget_of_the_turn_is_printed_as_its_value_on_each_turn(lang):
    """Japan's capital is 'turn % 2', China's '1 - turn % 2': 1 and 0 on alternate turns, said turn by turn."""
    scenario, _reader, pages = kit(lang)
    whole = " ".join(pages)
    assert not re.search(r"\bmod\b|나눈 나머지|\(를\)|\(으\)로", whole), "a formula of the turn is printed as a formula"
    capital = "Political capital" if lang == "en" else "정치적 자본"
    for actor_id, odd, even in (("japan", 1, 0), ("china", 0, 1)):
        name = str(scenario.actors[actor_id].name.values[lang])
        sheet = next(p for p in pages if p.startswith(name) and capital in p)  # its team sheet
        line = sheet.split(capital, 1)[1][:80]
        if lang == "en":
            assert line.startswith(f" {odd} on turns 1, 3, 5; {even} on turns 2, 4, 6;"), line
        else:
            said = rf" 1, 3, 5턴\S* {odd}\S*; 2, 4, 6턴\S* {even}"
            assert re.match(said, line), f"{line!r} (the Korean of '{{value}} on turns {{turns}}' is in the catalogue?)"
    procedure = next(p for p in pages if "(1 on turns 1, 3, 5; 0 on turns 2, 4, 6)" in p or "1, 3, 5턴" in p)
    assert "1, 3, 5" in procedure and "2, 4, 6" in procedure


def test_the_values_of_a_budget_come_from_the_formula_turn_by_turn():
    scenario = load_scenario(FLAGSHIP)
    assert rules.turn_values(scenario, scenario.actors["japan"].budget) == [(1, [1, 3, 5]), (0, [2, 4, 6])]
    assert rules.turn_values(scenario, scenario.actors["us"].budget) is None  # a plain number
    text = (
        (DATA / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace("budget: 2\n    tracks:\n      power", "budget: 'turn - 3'\n    tracks:\n      power")
    )
    mini = load_scenario_text(text, "negative.yaml")
    assert rules.turn_values_text(mini, mini.actors["red"].budget) == "0 on turns 1, 2, 3; 1 on turn 4"
