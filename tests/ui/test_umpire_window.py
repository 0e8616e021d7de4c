"""The umpire and facts at the table (format 2, tests/data/matrix-ncg-2023.yaml): the window plays the
matrix game to its end, the board lists what is true now, the umpire's screen asks the teacher first,
and the terminal game plays it through."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from game.engine.state import Order
from game.engine.turn import new_game, resolve_turn
from game.scenario import load_scenario
from game.ui.scenes.play import PrivacyScene
from game.ui.text import TextGame
from tests.conftest import DATA
from tests.engine.test_noninterference import session_of
from tests.ui.pilot import Pilot, launched
from tests.ui.test_flow import play_command
from tests.ui.test_noninterference_window import orders_screen

MATRIX = DATA / "matrix-ncg-2023.yaml"


@pytest.fixture(scope="module")
def pilot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pilot]:
    with launched(tmp_path_factory.mktemp("window")) as pilot:
        yield pilot


def test_the_window_plays_the_matrix_game_to_its_debrief(tmp_path) -> None:
    shots = tmp_path / "shots"
    args = [str(MATRIX), "--demo", "--exit-at-end", "--speed", "100", "--seed", "2", "--size", "960x540"]
    result = play_command(*args, "--screenshots", str(shots), "--data-dir", str(tmp_path / "data"), timeout=300)
    assert result.returncode == 0, result.stderr
    names = {path.stem.split("-", 1)[1] for path in shots.glob("*.png")}
    assert {"orders", "reveal", "ending", "debrief"} <= names


def test_the_board_lists_what_is_true_now_as_the_team_reads_it(pilot: Pilot) -> None:
    scenario = load_scenario(MATRIX)
    start = new_game(scenario, 1)
    turn1 = resolve_turn(scenario, start, {"rok": [Order("argue_ncg")], "dprk": [Order("prepare_launch")]})
    session = session_of(scenario, turn1.state, (start.event_log, turn1.log), {})
    rok = " ".join(orders_screen(pilot, session, "rok"))
    dprk = " ".join(orders_screen(pilot, session, "dprk"))
    assert "What is true now" in rok
    assert "The Washington Declaration is signed" in rok
    assert "A launch is being prepared in secret." not in rok
    assert "A launch is being prepared in secret." in dprk


def test_the_umpires_screen_asks_whether_the_projector_is_off(pilot: Pilot) -> None:
    scenario = load_scenario(MATRIX)
    start = new_game(scenario, 1)
    app = pilot.app
    app.session = session_of(scenario, start, (start.event_log,), {})
    app.reset(PrivacyScene(app, "umpire"))
    pilot.step()
    text = pilot.screen_text()
    assert "Is the projector off?" in text
    assert "The projector is off" in pilot.labels()
    app.reset(PrivacyScene(app, "rok"))
    pilot.step()
    assert "Is the projector off?" not in pilot.screen_text()


def test_the_terminal_game_plays_it_through_and_says_what_became_true() -> None:
    scenario = load_scenario(MATRIX)
    out = io.StringIO()
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    final = TextGame(scenario, seats, 3, ask=lambda prompt: "", out=out).run()
    text = out.getvalue()
    assert final.outcome is not None
    assert "What is true now" in text
    assert "Now true:" in text
    scores = text[text.rindex("Scores") :]
    assert "Republic of Korea:" in scores
    assert "Umpire:" not in scores  # the umpire scores nothing


def test_the_window_debrief_says_what_was_true_at_the_end(pilot: Pilot) -> None:
    from game.ui.scenes.end import DebriefScene

    scenario = load_scenario(MATRIX)
    start = new_game(scenario, 1)
    argued = resolve_turn(scenario, start, {"rok": [Order("argue_ncg")]})
    ruled = resolve_turn(scenario, argued.state, {"umpire": [Order("rule_ncg")]})
    session = session_of(scenario, ruled.state, (start.event_log, argued.log, ruled.log), {})
    session.states = [start, argued.state, ruled.state]
    app = pilot.app
    app.session = session
    scene = DebriefScene(app)
    app.reset(scene)
    scene.show(2)  # the key moments
    pilot.step()
    text = " ".join(pilot.screen_lines())
    assert "What was true at the end" in text
    assert "The Nuclear Consultative Group has met in Seoul. (since turn 1)" in text
