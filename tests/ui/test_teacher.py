"""The teacher's controls (F2), driven headless with the keys a teacher presses."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.save import read_save, replay
from game.scenario import load_scenario
from game.ui.app import App
from game.ui.scenes.menu import TitleScene
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"


def key(app: App, code: int, text: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=text, scancode=0))
    app.step(0.016)


def type_text(app: App, text: str) -> None:
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.step(0.016)


@pytest.fixture
def app(tmp_path: Path):
    """A game of the flagship with the US and the ROK as teams, at the first team's orders."""
    # seed 7: a game whose first turn does not end it
    app = App(FLAGSHIP, scenario_dir=SCENARIOS, data_dir=tmp_path, size=(1280, 720), seed=7)
    app.open_window()
    app.push(TitleScene(app))
    app.open_scenario(FLAGSHIP)
    setup = app.scene
    seats = {actor: setup.seats[actor] for actor in setup.seats}  # type: ignore[attr-defined]
    seats.update(us="human", rok="human")
    app.start_game(setup.scenario, seats)  # type: ignore[attr-defined]
    app.begin_turn()
    app.after_events()
    assert app.scene.name == "privacy"
    key(app, pygame.K_SPACE)
    assert app.scene.name == "orders"
    yield app
    pygame.quit()


def seal_all(app: App) -> None:
    """Every team seals whatever it has picked; then the reveal is skipped to its end."""
    while app.scene.name in ("privacy", "orders"):
        key(app, pygame.K_SPACE if app.scene.name == "privacy" else pygame.K_s)
    assert app.scene.name == "reveal"
    while app.scene.name == "reveal":
        key(app, pygame.K_RETURN)


def test_f2_opens_the_teachers_controls_and_esc_goes_back(app):
    key(app, pygame.K_F2)
    assert app.scene.name == "teacher"
    labels = [b.label for b in app.scene.buttons]
    assert any("Pause" in label for label in labels)
    assert any("Undo" in label for label in labels)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "orders"


def test_pause_hides_the_board_and_stops_the_timer(app):
    app.timer.set(4)
    app.step(30.0)
    assert app.timer.shown() == "3:30"
    key(app, pygame.K_F2)
    key(app, pygame.K_p)
    assert app.scene.name == "pause"
    app.step(100.0)
    assert app.timer.shown() == "3:30"
    key(app, pygame.K_SPACE)
    assert app.scene.name == "orders"
    app.step(10.0)
    assert app.timer.shown() == "3:20"


def test_the_timer_runs_out_and_the_teacher_extends_it(app):
    app.timer.set(2)
    app.step(125.0)
    assert app.timer.up
    key(app, pygame.K_F2)
    key(app, pygame.K_x)
    assert not app.timer.up and app.timer.shown() == "1:00"
    key(app, pygame.K_ESCAPE)
    app.step(1.0)
    assert app.timer.shown() == "0:59"


def test_the_timer_length_cycles_and_restarts_for_each_team(app):
    key(app, pygame.K_F2)
    key(app, pygame.K_t)
    assert app.timer.minutes == 1
    key(app, pygame.K_t)
    assert app.timer.minutes == 2
    assert any("2 min" in b.label for b in app.scene.buttons)
    key(app, pygame.K_ESCAPE)
    app.step(50.0)
    key(app, pygame.K_s)  # nothing picked: S asks once more (a stray S never seals a team's orders)
    assert app.scene.name == "orders"
    key(app, pygame.K_s)  # the US seals
    assert app.scene.name == "privacy"
    key(app, pygame.K_SPACE)  # the ROK's turn at the screen: a full two minutes
    assert app.timer.shown() == "2:00"


def test_an_injected_event_card_is_shown_logged_and_saved(app):
    session = app.session
    key(app, pygame.K_F2)
    key(app, pygame.K_e)
    assert app.scene.name == "pick"
    first = app.scene.buttons[0].label
    key(app, pygame.K_RETURN)
    assert app.scene.name == "event"
    event_id = session.state.events[-1]
    assert str(session.scenario.events[event_id].name) == first
    assert any("played by the teacher" in e.text for e in session.state.event_log)
    saved = read_save(app.autosave_path)
    assert saved.interventions[-1][1].event == event_id


def test_adjusting_a_track_needs_a_reason_and_is_logged(app):
    session = app.session
    key(app, pygame.K_F2)
    key(app, pygame.K_a)
    assert app.scene.name == "confirm"  # the projector warning first: the next screen shows hidden values
    key(app, pygame.K_y)
    assert app.scene.name == "adjust"
    before = session.state.tracks["tension"]
    assert app.scene.refs[0] == "tension"  # type: ignore[attr-defined]
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RETURN)  # no reason yet: nothing happens
    assert app.scene.name == "adjust"
    type_text(app, "the class voted")
    key(app, pygame.K_RETURN)
    assert session.state.tracks["tension"] == before + 1
    assert any("adjusted by the teacher (the class voted)" in e.text for e in session.logs[-1])
    assert app.scene.name in ("privacy", "orders")


def test_the_key_that_opens_the_adjust_screen_is_not_typed_into_the_reason(app):
    key(app, pygame.K_F2)
    key(app, pygame.K_a)
    # a real key press: the key, then its letter as text, in the same batch of events
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y", scancode=0))
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="y"))
    app.step(0.016)
    assert app.scene.name == "adjust"
    assert app.scene.reason == ""  # type: ignore[attr-defined]
    type_text(app, "a vote")  # what the teacher types next is the reason
    assert app.scene.reason == "a vote"  # type: ignore[attr-defined]


def test_the_teacher_gives_a_bots_orders_and_they_are_played(app):
    session = app.session
    key(app, pygame.K_F2)
    key(app, pygame.K_o)
    key(app, pygame.K_y)  # the projector is off
    actors = list(session.scenario.actors)
    dprk = actors.index("dprk")
    for _ in range(dprk):
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert app.scene.name == "orders" and app.scene.actor == "dprk"  # type: ignore[attr-defined]
    key(app, pygame.K_SPACE)  # pick the first card
    picked = list(app.scene.picked)  # type: ignore[attr-defined]
    key(app, pygame.K_s)
    assert session.orders["dprk"] == picked
    seal_all(app)
    assert session.last_orders()["dprk"] == tuple(picked)


def test_reveal_all_orders_shows_every_team_of_the_last_turn(app):
    key(app, pygame.K_F2)
    reveal = next(b for b in app.scene.buttons if "Reveal" in b.label)
    assert not reveal.enabled  # no turn played yet
    key(app, pygame.K_ESCAPE)
    seal_all(app)
    app.after_events()
    key(app, pygame.K_F2)
    key(app, pygame.K_r)
    key(app, pygame.K_y)  # the projector is off
    assert app.scene.name == "all-orders"
    app.draw()
    assert set(app.session.last_orders()) == set(app.session.scenario.actors)


def test_undo_takes_back_the_last_turn_and_the_autosave(app):
    session = app.session
    start = session.state
    seal_all(app)
    assert session.state.turn == 2
    app.after_events()
    key(app, pygame.K_F2)
    key(app, pygame.K_u)
    assert app.scene.name == "confirm"
    key(app, pygame.K_y)
    assert session.state == start
    assert app.scene.name == "event"
    saved = read_save(app.autosave_path)
    assert saved.turns == ()
    again = replay(load_scenario(FLAGSHIP), saved)
    assert again.states[-1] == start


def test_ending_early_scores_the_game_and_shows_the_ending(app):
    key(app, pygame.K_F2)
    key(app, pygame.K_d)
    key(app, pygame.K_ESCAPE)  # cancel: nothing happens
    assert app.scene.name == "teacher" and not app.session.state.over
    key(app, pygame.K_d)
    key(app, pygame.K_y)
    assert app.session.state.over
    assert app.scene.name == "ending"
    assert any("The teacher ended the game" in e.text for e in app.session.logs[-1])
    assert read_save(app.autosave_path).interventions[-1][1].kind == "end"


def test_f2_on_the_debrief_opens_the_teachers_controls(app):
    key(app, pygame.K_F2)
    key(app, pygame.K_d)
    key(app, pygame.K_y)  # the teacher ends the game
    key(app, pygame.K_d)  # the ending's Debrief
    assert app.scene.name == "debrief"
    key(app, pygame.K_F2)
    assert app.scene.name == "teacher"
    enabled = {b.label.split()[0] for b in app.scene.buttons if b.enabled}  # type: ignore[attr-defined]
    assert "D" not in enabled and "X" not in enabled  # a finished game cannot be ended again or timed
    key(app, pygame.K_ESCAPE)  # back to the debrief, nothing changed
    assert app.scene.name == "debrief" and app.session.state.over


def test_every_teacher_screen_draws_at_a_small_and_a_large_size(app):
    for size in ((1024, 600), (1920, 1080)):
        app.screen = pygame.display.set_mode(size)
        app.resized(size)
        for code in (pygame.K_p, pygame.K_e, pygame.K_a, pygame.K_o, pygame.K_d):
            key(app, pygame.K_F2)
            key(app, code)
            if app.scene.name == "confirm" and code != pygame.K_d:
                app.draw()
                key(app, pygame.K_y)  # past the projector warning, to the screen itself
            app.draw()
            while app.scene.name != "orders":
                key(app, pygame.K_ESCAPE)


# --- explaining: tooltips and the glossary (the same table, any team) -------------------------


def test_pointing_at_a_card_or_a_track_explains_it(app):
    scene = app.scene
    app.draw()
    rect, index = scene.card_rects[0]
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    app.step(0.016)
    move = scene.cards[index][1]
    name = str(app.session.scenario.moves[move.move].name)
    assert scene.hover_tip().startswith(f"{name}: ")
    ref, area = next(iter(scene.track_areas.items()))
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=area.center, rel=(0, 0), buttons=(0, 0, 0)))
    app.step(0.016)
    assert scene.hover_tip().startswith(app.session.scenario.track_label[ref])


def test_f3_opens_the_glossary_and_pages_through_every_term(app):
    key(app, pygame.K_F3)
    assert app.scene.name == "glossary"
    terms = app.session.scenario.glossary
    seen = 0
    for _ in range(len(terms)):
        app.draw()
        seen += app.scene.shown
        if seen >= len(terms):
            break
        key(app, pygame.K_PAGEDOWN)
    assert seen == len(terms)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "orders"


def test_a_control_that_shows_hidden_values_warns_of_the_projector_first(app):
    """Adjust a track lists every hidden track's true value: on the projector, the class would read them."""
    hidden = [ref for ref, t in app.session.scenario.all_tracks.items() if t.visible != "public"]
    assert hidden
    key(app, pygame.K_F2)
    key(app, pygame.K_a)
    assert app.scene.name == "confirm"
    app.draw()
    assert "Is the projector off?" in app.scene.title  # type: ignore[attr-defined]
    key(app, pygame.K_ESCAPE)  # not now: back to the controls, nothing shown
    assert app.scene.name == "teacher"
    key(app, pygame.K_a)
    key(app, pygame.K_y)
    assert app.scene.name == "adjust" and set(hidden) <= set(app.scene.refs)  # type: ignore[attr-defined]


def test_the_teachers_panel_names_an_offer_accepted_in_the_talks_before_it_is_made():
    from game.engine.state import THIS_TURN, Order
    from game.ui.scenes.teacher import _order_text

    scenario = load_scenario(SCENARIOS / "washington-declaration-2023.yaml")
    text = _order_text(scenario, Order("offer_talks", THIS_TURN, "accept"))
    assert text == "accept Talks without preconditions (agreed in the talks)"
