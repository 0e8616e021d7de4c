"""Format 2 templates and place values (issue 14 §5): a move written once `for_each: place` becomes one
ordinary move per place at load time, with the place's id and name filled in, in every language; every
mistake in it is said once, at the template's own line; place values are tracks read PLACE.VALUE."""

from __future__ import annotations

import pytest

from game.scenario import load_scenario, load_scenario_text
from game.scenario.load import ScenarioError
from tests.conftest import ROOT

INFLUENCE = ROOT / "tests" / "data" / "influence.yaml"

HEAD = """\
format: 2
id: tpl
title: Templates
turns: 3
tracks:
  defcon: {name: DEFCON, min: 1, max: 5, start: 4}
actors:
  usa: {name: USA, objectives: {a: {text: Rome leans west, when: "rome.lean > 0", main: true}}}
  ussr: {name: USSR, objectives: {a: {text: Rome leans east, when: "rome.lean < 0", main: true}}}
kinds:
  aid: {name: Aid}
map:
  region: Europe
  lon: [-6, 30]
  lat: [35, 56]
  place_values:
    stability: {name: {en: Stability, ko: 안정도}, min: 0, max: 4}
    region: {name: Region, min: 1, max: 2, badge: false}
    lean: {name: Lean, min: -3, max: 3}
  places:
    rome: {name: {en: Rome, ko: 로마}, lon: 12.5, lat: 41.9, values: {stability: 2, region: 1, lean: 0}}
    berlin: {name: {en: Berlin, ko: 베를린}, lon: 13.4, lat: 52.5, values: {stability: 2, region: 2, lean: 0}}
    sea: {name: North Sea, lon: 3.0, lat: 55.0}
endings:
  peace: {name: Peace}
moves:
  talk: {name: Talk, kind: aid, by: [usa, ussr], effects: [{defcon: +1}]}
"""

AID = """\
  aid_{place}:
    for_each: place
    where: "place.region == 1"
    name: {en: "Aid to {place.name}", ko: "{place.name} 원조"}
    kind: aid
    by: [usa]
    requires: "{place}.stability <= 3"
    effects: [{"{place}.lean": +1}]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(text, "t.yaml")
    return [str(p) for p in error.value.problems if p.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_template_makes_one_plain_move_per_place_its_where_admits() -> None:
    scenario = load_scenario_text(HEAD + AID + AID.replace("aid_{", "east_aid_{").replace("== 1", "== 2"))
    assert [m for m in scenario.moves if "aid" in m] == ["aid_rome", "east_aid_berlin"]
    aid = scenario.moves["aid_rome"]
    assert aid.requires is not None and aid.requires.source == "rome.stability <= 3"
    assert [e.track for e in aid.effects] == ["rome.lean"]
    assert aid.for_each is None and aid.where is None  # the engine sees a plain move


def test_each_language_gets_the_places_name_in_that_language() -> None:
    aid = load_scenario_text(HEAD + AID).moves["aid_rome"]
    assert aid.name.get("en") == "Aid to Rome"
    assert aid.name.get("ko") == "로마 원조"


def test_a_place_without_the_value_where_reads_is_not_copied() -> None:
    scenario = load_scenario_text(HEAD + AID.replace('where: "place.region == 1"', 'where: "place.stability >= 0"'))
    assert "aid_sea" not in scenario.moves  # the sea has no stability
    assert {"aid_rome", "aid_berlin"} <= set(scenario.moves)


def test_a_mistake_in_a_template_is_said_once_at_the_templates_line() -> None:
    text = HEAD + AID.replace('"{place}.lean"', '"{place}.laen"').replace("== 1", ">= 1")
    found = problems_of(text)
    line = line_of(text, '"{place}.laen"')
    assert len([p for p in found if "laen" in p]) == 2  # rome.laen and berlin.laen: each named, at one line
    assert all(p.startswith(f"t.yaml:{line}:") for p in found if "laen" in p), found
    assert any("unknown track 'rome.laen' (did you mean 'rome.lean'?)" in p for p in found), found


def test_an_id_made_twice_is_an_error_at_the_template() -> None:
    text = HEAD + "  aid_rome: {name: Aid, kind: aid, by: [usa], effects: [{defcon: -1}]}\n" + AID
    found = problems_of(text)
    assert found == [
        f"t.yaml:{line_of(text, 'aid_{place}:')}:3: the id 'aid_rome' is made twice: an item above has it already;"
        " give the template's id a {place}"
    ]


def test_a_template_id_without_place_is_refused() -> None:
    text = HEAD + AID.replace("aid_{place}:", "aid:")
    assert problems_of(text) == [
        f"t.yaml:{len(HEAD.splitlines()) + 1}:3: a template's id must hold {{place}}, e.g. coup_{{place}},"
        " so that each copy has its own"
    ]


def test_where_reads_only_the_places_values_and_must_admit_one() -> None:
    text = HEAD + AID.replace("place.region == 1", "place.region == 1 and defcon > 2")
    line = line_of(text, "where:")
    assert problems_of(text) == [
        f"t.yaml:{line}:35: in 'place.region == 1 and defcon > 2': where reads the place's values as place.VALUE,"
        " not 'defcon'"
    ]
    text = HEAD + AID.replace("place.region == 1", "place.region == 3")
    assert problems_of(text) == [f"t.yaml:{line}:12: no place meets this condition: the template makes nothing"]


def test_a_placeholder_other_than_place_and_its_name_says_how_to_read_a_value() -> None:
    text = HEAD + AID.replace('ko: "{place.name} 원조"', 'ko: "{place.stability} 원조"')
    (found,) = problems_of(text)
    assert found.startswith(f"t.yaml:{line_of(text, 'place.stability} 원조')}:")
    assert "{place.stability} is not known" in found and "{place}.stability" in found


def test_templates_and_place_values_are_format_2() -> None:
    text = (HEAD + AID).replace("format: 2", "format: 1")
    found = problems_of(text)
    assert (
        f"t.yaml:{line_of(text, 'for_each')}:15: for_each is a format-2 key: write 'format: 2' at the top of the file"
        in found
    )
    assert any("place_values is a format-2 key" in p for p in found), found


def test_where_without_for_each_is_refused() -> None:
    text = HEAD + AID.replace("    for_each: place\n", "")
    assert any("where chooses the places of a template: it needs for_each: place" in p for p in problems_of(text))


def test_place_values_are_tracks_named_after_the_place() -> None:
    scenario = load_scenario_text(HEAD + AID)
    assert scenario.all_tracks["berlin.stability"].start == 2
    assert (scenario.all_tracks["berlin.lean"].min, scenario.all_tracks["berlin.lean"].max) == (-3, 3)
    assert scenario.track_label["berlin.stability"] == "Berlin Stability"
    assert scenario.all_tracks["berlin.stability"].name.get("ko") == "베를린 안정도"
    assert scenario.place_refs["rome.region"] == ("rome", "region")
    assert "sea.stability" not in scenario.all_tracks  # a place has the values it lists


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("berlin: {name: {en", "usa: {name: {en"),  # a place named like an actor: usa.lean would be both
        ("stability: 2, region: 2", "stability: 9, region: 2"),
        ("stability: 2, region: 2", "stabilty: 2, region: 2"),
    ],
)
def test_place_values_are_checked_at_the_place(change: str, message: str) -> None:
    text = HEAD.replace(change, message) + AID
    line = line_of(text, message)
    found = problems_of(text)
    assert found and all(p.startswith(f"t.yaml:{line}:") for p in found), found
    said = " ".join(found)
    if message.startswith("usa"):
        assert "the place 'usa' has the id of an actor" in said
    elif "9" in message:
        assert "berlin.stability starts at 9, outside its limits (0..4)" in said
    else:
        assert "unknown place value 'stabilty' (did you mean 'stability'?)" in said


def test_the_influence_map_makes_its_cards_from_four_templates_and_validates_clean() -> None:
    scenario = load_scenario(INFLUENCE)
    assert scenario.warnings == ()
    assert len(scenario.moves) == 19 and len(scenario.events) == 6
    assert sum(1 for m in scenario.moves if m.startswith("usa_aid_")) == 3  # the West's places only
    assert scenario.moves["ussr_coup_warsaw"].name.get("ko") == "바르샤바 쿠데타"


def warnings_of(text: str) -> list[str]:
    return [str(p) for p in load_scenario_text(text, "t.yaml").warnings]


def test_a_piece_taken_off_where_none_is_ever_put_is_warned_of_once_at_the_template() -> None:
    remove = AID.replace("effects: [", 'token: {at: "{place}", label: UK, remove: true}\n    effects: [')
    text = HEAD + remove.replace("aid_{place}", "drop_{place}").replace("== 1", ">= 1").replace("Aid to", "Drop in")
    text = text.replace('"{place.name} 원조"', '"{place.name} 철수"')
    line = line_of(text, "label: UK")
    assert warnings_of(text) == [
        f"t.yaml:{line}:35: warning: nothing puts a piece labelled 'UK' where this takes one off: it never happens"
    ]
    placing = remove.replace(", remove: true", "").replace("== 1", ">= 1")  # a piece put at every place
    assert warnings_of(text + placing) == []


def test_a_place_value_no_place_gives_is_warned_of() -> None:
    text = HEAD.replace("    lean: {name: Lean", "    unused: {name: Unused}\n    lean: {name: Lean") + AID
    assert warnings_of(text) == [
        f"t.yaml:{line_of(text, 'unused:')}:5: warning: no place has the value 'unused': give it in a place's values"
    ]


def test_templates_cannot_ask_for_more_copies_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.scenario.templates.MAX_EXPANDED", 2)
    text = HEAD + AID.replace("== 1", ">= 1") + AID.replace("aid_{", "more_{").replace("Aid to", "More for")
    found = problems_of(text)
    assert f"t.yaml:{line_of(text, 'more_{place}:')}:3: the templates make more than 2 items" in found


def test_the_guides_example_of_templates_loads_clean_and_plays() -> None:
    from game.bots.match import parse_bots, play_game
    from tests.scenario.test_guide import block_after

    example = load_scenario_text(block_after("templates-example"), "influence-sketch.yaml")
    assert example.warnings == ()
    assert list(example.moves) == ["usa_aid_rome", "ussr_coup_rome", "ussr_coup_berlin"]
    for seed in range(5):
        assert play_game(example, seed, parse_bots(example, None)).final.outcome is not None
