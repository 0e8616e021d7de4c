"""The board draws any valid scenario (issue 14, item 3; issue 16): every ladder and meter fits,
colours follow which way is good, every place keeps its name, an offer shows all its answers."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.state import Order, TokenState
from game.engine.turn import new_game
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.ui import board, widgets
from game.ui import theme as th
from game.ui.scenes.play import OrdersScene, RevealScene
from tests.conftest import DATA, scenario_files
from tests.ui.pilot import FLAGSHIP, Pilot, launched
from tests.ui.test_layout import overlaps_and_cuts

SIZES = [(1280, 720), (1920, 1080)]
SCALES = [1.0, 1.8]


def crowded_yaml() -> str:
    """A scenario with six ladders and twelve meters, every name long: the board must still show each."""
    ladders = "".join(
        f"  ladder{i}: {{name: The long escalation ladder number {i} of six, min: 0, max: 6, start: {i},"
        f" style: ladder, good: {'up' if i % 2 else 'down'},"
        f" rungs: {{0: A calm and quiet rung, 3: The rung in the middle of it, 6: The very top rung of all}}}}\n"
        for i in range(1, 7)
    )
    meters = "".join(
        f"  meter{i}: {{name: A meter with a rather long name number {i}, min: 0, max: 10, start: {i % 10}}}\n"
        for i in range(1, 13)
    )
    return f"""format: 1
id: crowded
title: A crowded board
turns: 2
tracks:
{ladders}{meters}actors:
  blue:
    name: Blue
    colour: "#1f77b4"
    budget: 1
    objectives:
      calm: {{text: Keep it calm, when: "ladder2 <= 4", points: 2, main: true}}
  red:
    name: Red
    colour: "#d62728"
    budget: 1
    objectives:
      calm: {{text: Keep it high, when: "ladder1 >= 2", points: 2, main: true}}
kinds:
  talk: {{name: Talk, colour: "#2ca02c", icon: dove}}
moves:
  talk:
    name: Talk
    kind: talk
    by: [blue, red]
    cost: 1
    effects: [{{ladder1: -1, meter3: +1}}]
endings:
  calm: {{name: Calm}}
"""


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    path = tmp_path / "crowded.yaml"
    path.write_text(crowded_yaml(), encoding="utf-8")
    return path


def start(pilot: Pilot, path: Path) -> Scenario:
    app = pilot.app
    app.open_scenario(path)
    scenario: Scenario = app.scene.scenario  # type: ignore[attr-defined]
    seats = {actor: "objective" for actor in scenario.actors}
    app.start_game(scenario, seats)
    return scenario


def drawn_track_names(pilot: Pilot, scenario: Scenario) -> tuple[list[str], list[str]]:
    """Each track's name as drawn on the board (whole, or its start before an ellipsis), and the layout's faults."""
    with widgets.recording() as boxes:
        lines = pilot.screen_lines()
    missing = []
    for ref, track in scenario.all_tracks.items():
        name = track.name.values["en"]
        if not any(line.startswith(name[:12]) for line in lines):
            missing.append(ref)
    return missing, overlaps_and_cuts(boxes)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
def test_six_ladders_and_twelve_meters_all_show_without_overlap(tmp_path: Path, crowded: Path, size, scale):
    with launched(tmp_path, size=size) as pilot:
        pilot.app.set_scale(scale)
        scenario = start(pilot, crowded)
        pilot.app.reset(OrdersScene(pilot.app, "blue"))
        missing, problems = drawn_track_names(pilot, scenario)
        assert not missing, f"tracks not on the hand's board: {missing}"
        assert not problems, "\n".join(problems[:20])
        session = pilot.app.session
        for actor in scenario.actors:
            session.give_orders(actor, [Order("talk")])
        pilot.app.resolve()
        assert isinstance(pilot.scene, RevealScene)
        pilot.scene.advance()
        pilot.scene.settle()
        missing, problems = drawn_track_names(pilot, scenario)
        assert not missing, f"tracks not on the reveal's board: {missing}"
        assert not problems, "\n".join(problems[:20])


def rung_colour(surface: pygame.Surface, rung: widgets.Rung) -> tuple[int, int, int]:
    """The colour at a rung's right end, clear of its label."""
    x, y = rung.box.right - 3, rung.box.centery
    return tuple(surface.get_at((x, y)))[:3]  # type: ignore[return-value]


def greenish(colour: tuple[int, int, int]) -> bool:
    return colour[1] > colour[0]


def test_a_ladder_whose_high_end_is_good_is_green_at_the_top_and_red_at_the_bottom():
    pygame.font.init()
    t = th.Theme((1920, 1080))
    surface = pygame.Surface((900, 700))
    for path, good_top in ((DATA / "defcon.yaml", True), (FLAGSHIP, False)):
        scenario = load_scenario(path)
        tracks = board.TrackBoard(scenario)
        state = new_game(scenario, seed=1)
        tracks.draw(surface, t, surface.get_rect(), state, None)
        ladder = tracks.layout(t, surface.get_rect()).ladders[0]
        top, bottom = rung_colour(surface, ladder.rungs[-1]), rung_colour(surface, ladder.rungs[0])
        assert greenish(top) == good_top, (path.name, top)
        assert greenish(bottom) != good_top, (path.name, bottom)
        assert (bottom if good_top else top) == th.DANGER  # the worst rung is red, at whichever end it is


MAPPED = [p for p in [*scenario_files(), DATA / "war-scare-1983.yaml"] if load_scenario(p).map is not None]


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_every_place_on_the_map_keeps_its_name_clear_of_pieces_and_other_names(tmp_path: Path, path, size, scale):
    with launched(tmp_path, size=size) as pilot:
        pilot.app.set_scale(scale)
        scenario = start(pilot, path)
        scene = OrdersScene(pilot.app, next(iter(scenario.actors)))
        pilot.app.reset(scene)
        layer = scene.layer  # type: ignore[attr-defined]
        tokens = [token for move_id in scenario.moves for token in _token_of(scenario, move_id)][:8]
        pieces, names = layer.placed(scene.bt, scene.map_rect, tokens)
        inside = scene.map_rect.inflate(-2, -2)
        placed = {name.name for name in names}
        for place_id, place in scenario.map.places.items():  # type: ignore[union-attr]
            xy = layer.place_xy(place_id, scene.map_rect)
            if xy is not None and inside.collidepoint(xy):
                assert place.name.values["en"] in placed, f"{place_id} lost its name"
        boxes = [box for _, box in pieces] + [name.box for name in names]
        for index, one in enumerate(boxes):
            assert scene.map_rect.contains(one), f"cut by the map's edge: {one}"
            others = boxes[index + 1 :]
            hit = one.collidelist(others)
            if index >= len(pieces):  # pieces may stand together; a name never runs over anything
                assert hit == -1, f"{names[index - len(pieces)].name} overlaps {others[hit]}"
            else:
                names_after = [name.box for name in names]
                assert one.collidelist(names_after) == -1, f"a piece over a name at {one}"


def _token_of(scenario: Scenario, move_id: str) -> list[TokenState]:
    move = scenario.moves[move_id]
    if move.token is None:
        return []
    actor = move.by[0] if move.by else None
    return [TokenState(move.token.at, move.token.label.values.get("en", ""), actor, move_id, 0)]


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
def test_the_title_screen_shows_the_board_with_pieces_and_its_ladder(tmp_path: Path, size, scale):
    with launched(tmp_path, size=size) as pilot:
        pilot.app.set_scale(scale)
        pilot.step()  # after the first frame, the board is loaded
        with widgets.recording() as boxes:
            lines = pilot.screen_lines()
        assert not overlaps_and_cuts(boxes), overlaps_and_cuts(boxes)[:10]
        assert "Seoul" in lines and "Pyongyang" in lines  # the flagship's map, its places named
        assert "SSBN" in lines  # a piece on it
        assert any(line.startswith("10  Catastrophe") for line in lines)  # the ladder's top rung
        art = pilot.scene.art_rect  # type: ignore[attr-defined]
        assert all(not art.colliderect(button.rect) for button in pilot.scene.buttons)
        assert pilot.app.screen.get_rect().contains(art)


@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
def test_at_the_largest_text_an_offer_shows_all_four_answers(tmp_path: Path, size):
    with launched(tmp_path, size=size) as pilot:
        pilot.app.set_scale(1.8)
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats.update({"us": "human", "dprk": "human"})
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        session = app.session
        session.give_orders("us", [Order("offer_talks")])
        session.give_orders("dprk", [])
        session.resolve()
        scene = OrdersScene(app, "dprk")
        app.reset(scene)
        pilot.step()
        if scene.drawer:
            pilot.press(pygame.K_h)  # open the hand
        offer_id = next(item for kind, item in scene.cards if kind == "offer")
        with widgets.recording() as boxes:
            text = pilot.screen_text()
        rows = scene.answer_rects[offer_id]
        assert len(rows) == 4, f"only {len(rows)} answers drawn"
        card = next(rect for rect, index in scene.card_rects if scene.cards[index] == ("offer", offer_id))
        for row, _ in rows:
            assert card.contains(row)
        assert [row.collidelist([r for r, _ in rows if r != row]) for row, _ in rows] == [-1] * 4
        for words in ("A: Accept", "R: Reject", "C: Counter", "No answer"):
            assert words in text
        assert not overlaps_and_cuts(boxes), overlaps_and_cuts(boxes)[:10]


def test_the_reveal_tells_a_run_of_the_bots_plain_plays_as_one_step_and_show_all_lists_each(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats["us"] = "human"
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        session = app.session
        session.give_orders("us", [Order("restate_pledge")])  # a team's own plain card
        for actor, orders in session.bot_orders().items():
            if actor != "us":
                session.give_orders(actor, orders)
        app.resolve()
        reveal = pilot.scene
        assert isinstance(reveal, RevealScene)
        batches = [step for step in reveal.steps if sum(e.kind == "move" for e in step) > 1]
        assert batches, "the bots' plain plays each took a step of their own"
        for step in batches:
            assert step[0].kind == "note" and "plain moves" in reveal.say(step[0])
            assert all(e.actor != "us" for e in step if e.kind == "move")  # a team's card is never batched
            assert not any(e.dice or e.kind in ("token", "offer") for e in step)
        own = [step for step in reveal.steps if step[0].kind == "move" and step[0].actor == "us"]
        assert len(own) == 1
        moves = sum(e.kind == "move" for step in reveal.steps for e in step)
        assert len(reveal.steps) < moves + 1  # fewer steps than moves (and the summary)
        reveal.show_all()
        listed = pilot.screen_text()
        for step in reveal.every_step:
            if step[0].kind == "move":
                assert reveal.say(step[0]) in listed  # every move's own line, batched or not


def test_going_back_in_the_reveal_takes_a_new_piece_off_the_map(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats["us"] = "human"
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        session = app.session
        session.give_orders("us", [Order("carrier_visit")])  # puts a carrier on the map
        for actor, orders in session.bot_orders().items():
            if actor != "us":
                session.give_orders(actor, orders)
        app.resolve()
        reveal = pilot.scene
        assert isinstance(reveal, RevealScene)
        placing = next(i for i, step in enumerate(reveal.steps) if any(e.kind == "token" for e in step))
        assert placing > 0
        while reveal.step < placing:
            pilot.press(pygame.K_RIGHT)
        assert any(token.source == "carrier_visit" for token in reveal._tokens_so_far())
        assert "CVN" in pilot.screen_lines()
        pilot.press(pygame.K_LEFT)
        assert not any(token.source == "carrier_visit" for token in reveal._tokens_so_far())
        assert "CVN" not in pilot.screen_lines()


def test_the_titles_first_frame_does_not_wait_for_the_board(tmp_path: Path):
    from game.ui import boxart

    boxart._loaded.clear()  # as in a fresh start of the game
    with launched(tmp_path, size=(1280, 720)) as pilot:
        first = pilot.screen_lines()
        assert "Play the flagship scenario" in first and "Seoul" not in first
        pilot.step()
        assert "Seoul" in pilot.screen_lines()


@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p"])
def test_a_place_beyond_the_maps_edges_is_still_on_the_board_with_its_name(tmp_path: Path, size):
    """The validator warns of a place off the map; the board still draws it, widening the map, never cutting it."""
    edges = "  lon: [124.0, 132.0]\n  lat: [33.0, 43.5]\n"
    text = FLAGSHIP.read_text(encoding="utf-8").replace(edges, "  lon: [125.5, 130.0]\n  lat: [35.0, 40.0]\n", 1)
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text(text, encoding="utf-8")
    squeezed = load_scenario(narrow)
    region = squeezed.map
    assert region is not None
    beyond = [p for p in region.places.values() if not (125.5 <= p.lon <= 130.0 and 35.0 <= p.lat <= 40.0)]
    assert beyond, "the narrowed map must leave places outside its edges"
    with launched(tmp_path, size=size) as pilot:
        scenario = start(pilot, narrow)
        scene = OrdersScene(pilot.app, next(iter(scenario.actors)))
        pilot.app.reset(scene)
        pilot.screen_lines()
        _, names = scene.layer.placed(scene.bt, scene.map_rect, ())  # type: ignore[attr-defined]
        named = {name.name for name in names}
        for place_id, place in region.places.items():
            xy = scene.layer.place_xy(place_id, scene.map_rect)  # type: ignore[attr-defined]
            assert xy is not None and scene.map_rect.collidepoint(xy), f"{place_id} is off the board"
            assert place.name.values["en"] in named, f"{place_id} lost its name"
