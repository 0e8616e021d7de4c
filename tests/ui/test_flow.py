"""A class plays the board game: title to debrief with keys and clicks, as players would.

Everything runs in the real App on the dummy video driver; events are pygame's own, and
clicks land on the rects the scenes drew. Assertions are about what the players see (the
scene on top, labels, the text on screen) and what the game records (orders, the log).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine.state import Order
from game.engine.view import redact
from game.scenario.load import load_scenario
from game.scenario.model import Scenario
from game.ui.app import App
from game.ui.scenes.play import OrdersScene
from tests.conftest import DATA, ROOT
from tests.ui.pilot import FLAGSHIP, Pilot, launched


@pytest.fixture(scope="module")
def flagship() -> Scenario:
    return load_scenario(FLAGSHIP)


# --- the whole game ---------------------------------------------------------------------------


def test_two_teams_and_three_bots_play_the_flagship_from_the_title_to_the_debrief(tmp_path, flagship):
    with launched(tmp_path, seed=2023) as p:
        humans = start_from_the_title(p, flagship)
        turns = answered = 0
        while p.name == "event":
            turns += 1
            answered += play_a_turn(p, flagship, humans)
            if turns == 1:
                assert p.app.autosave_path.exists(), "no autosave after the first turn"

        assert p.name == "ending"
        session = p.app.session
        outcome = session.state.outcome
        assert outcome is not None
        ending = flagship.endings[outcome.ending]
        text = p.screen_text()
        assert str(ending.name) in text
        assert f"after turn {outcome.turn}" in text
        for actor_id, actor in flagship.actors.items():
            score = outcome.scores[actor_id]
            most = actor.max_points
            assert f"{actor.name}: {score} of {most} point{'' if most == 1 else 's'}" in text

        low, high = flagship.turn_range
        assert turns == len(session.save.turns) == outcome.turn
        assert turns <= high
        assert turns >= low or ending.immediate, f"a non-immediate ending after {turns} turns"
        assert set(session.humans) == set(humans)
        assert answered, "no offer came up in this game, so answering one went untested: change the seed"

        see_the_debrief(p, flagship)
        p.click_button("Back to the title")
        assert p.name == "title"
        assert "Continue the last game" in p.labels()


def start_from_the_title(p: Pilot, scenario: Scenario) -> list[str]:
    """Title → choose → setup with two teams of students → briefing → turn 1."""
    assert p.name == "title"
    assert "Deterrence & Dialogue" in p.screen_text()
    assert "Continue the last game" not in p.labels()

    p.click_button("Choose a scenario")
    assert p.name == "choose"
    p.click_button(str(scenario.title))
    assert p.name == "setup"

    actors = list(scenario.actors)

    def seat_label(actor: str) -> str:
        return p.scene.buttons[actors.index(actor)].label

    students = [a for a in actors if seat_label(a) == "A team of students"]
    assert students == [a for a in actors if not scenario.actors[a].optional]
    p.click(p.scene.buttons[actors.index("rok")].rect.center)  # the ROK seat goes to a bot
    assert seat_label("rok").startswith("Bot: ")
    humans = [a for a in actors if seat_label(a) == "A team of students"]
    assert humans == ["us", "dprk"]

    p.click_button("Start: the briefing")
    assert p.name == "briefing"
    text = p.screen_text()
    for actor_id, actor in scenario.actors.items():
        who = "your team" if actor_id in humans else "a bot"
        assert f"{actor.name} — {who}" in text

    p.press(pygame.K_RETURN)
    assert p.name == "event"
    assert p.app.session.state.turn == 1
    return humans


def play_a_turn(p: Pilot, scenario: Scenario, humans: list[str]) -> int:
    """One turn at the table; return how many offers the teams answered."""
    session = p.app.session
    answered = 0
    turn = session.state.turn
    text = p.screen_text()
    assert f"Turn {turn}" in text
    for entry in session.state.event_log:
        if entry.kind == "event":
            assert str(scenario.events[entry.source or ""].name) in text

    p.click_button("Continue")
    for index, actor in enumerate(humans):
        check_the_privacy_screen(p, scenario, actor, humans)
        if index % 2 == 0:
            p.press(pygame.K_SPACE)
        else:
            p.click_button("We are Team")
        assert p.name == "orders"
        assert isinstance(p.scene, OrdersScene) and p.scene.actor == actor
        budget = p.scene.view.budget
        sealed = give_orders(p, scenario, actor, turn=turn)
        answered += sum(o.offer is not None for o in sealed)
        paid = [o for o in sealed if o.offer is None or o.answer == "counter"]  # accepting costs nothing
        assert sum(scenario.moves[o.move].cost for o in paid) <= budget
        if actor != humans[-1]:
            assert session.orders[actor] == sealed, "the sealed orders are not what the team picked"
        else:
            assert list(session.save.turns[-1][actor]) == sealed, "the sealed orders are not what the team played"

    assert p.name == "reveal"
    step_through_the_reveal(p, scenario, turn)
    return answered


def check_the_privacy_screen(p: Pilot, scenario: Scenario, actor: str, humans: list[str]) -> None:
    assert p.name == "privacy"
    team = scenario.actors[actor]
    text = p.screen_text()
    assert f"Pass to Team {team.name}" in text
    assert p.button("We are Team").label == f"We are Team {team.short}"
    for other in humans:
        if other != actor:
            assert str(scenario.actors[other].name) not in text
    secrets = [str(m.name) for m in scenario.moves.values()]
    secrets += [str(o.text) for a in scenario.actors.values() for o in a.objectives.values()]
    secrets += ["Political capital", "secret orders"]
    shown = [s for s in secrets if s in text]
    assert not shown, f"the privacy screen shows {shown}"


def give_orders(p: Pilot, scenario: Scenario, actor: str, *, turn: int) -> list[Order]:
    """Answer every offer, pick cards until the budget runs out, seal; return what was sealed."""
    scene = p.scene
    assert isinstance(scene, OrdersScene)
    budget = scene.view.budget
    text = p.screen_text()
    assert f"Team {scenario.actors[actor].name} — secret orders" in text
    assert f"Political capital: {budget} of {budget} left" in text
    check_hidden_tracks(p, scenario, actor)

    answers: list[Order] = []
    for index, (kind, offer_id) in enumerate(scene.cards):
        if kind != "offer":
            continue
        assert isinstance(offer_id, int)
        focus_card(p, index)
        assert "● No answer" in offer_text(p, index)
        assert "○ A: Accept" in offer_text(p, index)
        p.press(pygame.K_a if turn % 2 else pygame.K_r)  # accept on odd turns, reject on even ones
        wanted = "accept" if turn % 2 else "reject"
        assert ("● A: Accept" if turn % 2 else "● R: Reject") in offer_text(p, index)
        assert "○ No answer" in offer_text(p, index)
        answers += [o for o in scene.answers[offer_id] if o.answer == wanted]

    picked: list[Order] = []
    left = budget - sum(scenario.moves[o.move].cost for o in answers if o.answer == "counter")
    plays = [(i, o) for i, (kind, o) in enumerate(scene.cards) if kind == "play"]
    for attempt, (index, order) in enumerate(sorted(plays, key=lambda pair: preference(scenario, pair[1]))[:8]):
        assert isinstance(order, Order)
        cost = scenario.moves[order.move].cost
        click_card(p, index)
        now = left_on_screen(p)
        if order in scene.picked:
            assert cost <= left and now == left - cost
            picked.append(order)
            if attempt == 0:  # drop it and pick it again: the budget follows
                click_card(p, index)
                assert order not in scene.picked and left_on_screen(p) == left
                click_card(p, index)
                assert order in scene.picked
        else:
            assert now == left, "a card that was not picked changed the budget"
        if cost > left:
            assert order not in scene.picked, f"{order.move} costs {cost} but only {left} was left"
        left = left_on_screen(p)
        assert left >= 0

    if turn % 2:
        p.press(pygame.K_s)
        if not answers and not picked:  # nothing chosen: S asks once more before sealing empty orders
            assert p.name == "orders"
            p.press(pygame.K_s)
    else:
        p.click_button("Seal our orders")
    return [*answers, *picked]


def preference(scenario: Scenario, order: int | Order) -> tuple[bool, bool]:
    """Reassure allies first, then make offers: games that last, with offers to answer."""
    assert isinstance(order, Order)
    move = scenario.moves[order.move]
    reassures = any(e.delta > 0 and e.track.endswith(".assurance") for e in move.effects)
    return (not reassures, move.offer is None)


def offer_text(p: Pilot, index: int) -> str:
    """The text on one offer card (offers come first in the hand, one card each)."""
    scene = p.scene
    assert isinstance(scene, OrdersScene)
    cards: list[list[str]] = []
    for line in p.screen_lines():
        if line.startswith("OFFER from"):
            cards.append([])
        if cards:
            cards[-1].append(line)
    on_page = scene.page_list()[scene.page].index(index)
    return " ".join(" ".join(cards[on_page]).split())


def check_hidden_tracks(p: Pilot, scenario: Scenario, viewer: str | None) -> None:
    """A hidden track shows its number only to its owner (on the projector: to nobody)."""
    lines = p.screen_lines()
    for ref, track in scenario.all_tracks.items():
        if track.style == "ladder":  # a ladder shows its value by the marker's rung, not in text
            continue
        label = scenario.track_label[ref]
        shown = track_lines(lines, label)
        assert shown, f"{label} is not on the board"
        numbers = [value for value in shown if value[:1].isdigit()]
        if track.visible != "public" and scenario.track_owner.get(ref) != viewer:
            assert not numbers, f"{viewer or 'the projector'} sees {numbers}"


def track_lines(lines: list[str], label: str) -> list[str]:
    """What the board says after a track's name ("Name: value"); a long name may be cut short with "…"."""
    found = []
    for line in lines:
        name, sep, value = line.partition(": ")
        if sep and (name == label or (name.endswith("…") and label.startswith(name[:-1].rstrip()))):
            found.append(value)
    return found


def focus_card(p: Pilot, index: int) -> None:
    scene = p.scene
    assert isinstance(scene, OrdersScene)
    for _ in range(len(scene.cards)):
        if scene.card == index:
            return
        p.press(pygame.K_RIGHT)
    assert scene.card == index


def click_card(p: Pilot, index: int) -> None:
    """Bring the card's page up with the arrow keys, then click the middle of the card."""
    focus_card(p, index)
    p.app.draw()
    rects = [rect for rect, i in p.scene.card_rects if i == index]  # type: ignore[attr-defined]
    assert rects, f"card {index} is not drawn on its page"
    p.click(rects[0].center)


def left_on_screen(p: Pilot) -> int:
    text = p.screen_text()
    marker = "Political capital: "
    assert marker in text
    return int(text.split(marker, 1)[1].split(" ", 1)[0])


def step_through_the_reveal(p: Pilot, scenario: Scenario, turn: int) -> None:
    """Every public entry of the turn's resolution is shown, in order, one move per step (bots' plain plays batched)."""
    session = p.app.session
    scene = p.scene
    log = [e for e in session.logs[-1] if e.turn == turn and e.phase != "events"]
    public = list(redact(scenario, None, log))
    steps = scene.steps  # type: ignore[attr-defined]
    shown = [e for step in steps for e in step if e in public]
    assert shown == public, "the reveal lost or reordered entries of the log"
    moves = [e for e in public if e.kind == "move"]
    for step in steps:  # one move a step, or a run of the bots' plain plays (no dice, no piece) together
        inside = [e for e in step if e.kind == "move"]
        if len(inside) > 1:
            assert step[0].kind == "note" and not any(e.dice or e.kind == "token" for e in step)
            assert all(session.seats[e.actor] != "human" for e in inside if e.actor)
        else:
            assert step[0].kind == "move" or not inside
    assert [e for step in steps for e in step if e.kind == "move"] == moves
    assert f"step 0 of {len(steps)}" in p.screen_text()
    check_hidden_tracks(p, scenario, None)

    ways = [lambda: p.press(pygame.K_SPACE), lambda: p.click_button("Next step"), lambda: p.press(pygame.K_RIGHT)]
    for number, step in enumerate(steps, 1):
        ways[number % 3]()
        moving = [e for e in step if e.kind == "change" and e.before is not None and e.before != e.after]
        frames = p.settle()
        if moving:
            assert frames > 0, "a marker jumped instead of moving"
            final = {entry.track: entry.after for entry in moving}  # a track may move twice in a step
            for ref, value in final.items():
                assert scene.shown[ref] == value, f"the {ref} marker stopped short"  # type: ignore[attr-defined]
        text = p.screen_text()
        assert f"step {number} of {len(steps)}" in text
        assert " ".join(step[0].text.split())[:40] in text
        check_hidden_tracks(p, scenario, None)

    assert p.primary().label == "Continue"
    end_of_turn = dict(session.states[-2].tracks)  # the next turn's events are not on the board yet
    for entry in log:
        if entry.kind == "change" and entry.track and entry.after is not None:
            end_of_turn[entry.track] = entry.after
    lines = p.screen_lines()
    for ref, track in scenario.all_tracks.items():
        if track.visible == "public" and track.style != "ladder":
            label = scenario.track_label[ref]
            shown = track_lines(lines, label)
            assert shown, f"{label} is not on the board"
            number = shown[0].split(" ")[0].rstrip("…").removesuffix(track.unit)
            assert number in ("", str(end_of_turn[ref])), f"{shown[0]}, but the turn ended at {end_of_turn[ref]}"
    p.press(pygame.K_SPACE)
    assert p.name in ("event", "ending")


def see_the_debrief(p: Pilot, scenario: Scenario) -> None:
    p.press(pygame.K_d)
    assert p.name == "debrief"
    assert "Charts" in p.screen_text()
    p.press(pygame.K_2)
    assert "Turn 1" in p.screen_text()
    p.click_button("3 Key moments")
    text = p.screen_text()
    assert "Key moments" in text
    assert "Turn " in text
    p.press(pygame.K_4)
    assert " ".join(str(scenario.questions[0]).split()) in p.screen_text()
    p.click_button("1 Charts")
    assert "Charts" in p.screen_text()


# --- help, learn more -------------------------------------------------------------------------


def test_help_and_learn_more_open_over_the_hand_and_close_without_losing_it(tmp_path, flagship):
    with launched(tmp_path) as p:
        p.advance_to("orders")
        scene = p.scene
        assert isinstance(scene, OrdersScene)
        plays = [i for i, (kind, _) in enumerate(scene.cards) if kind == "play"]
        click_card(p, plays[0])
        picked = list(scene.picked)
        assert picked

        p.press(pygame.K_F1)
        assert p.name == "help"
        assert "How to play" in p.screen_text()
        p.press(pygame.K_F1)  # a second F1 does not stack a second help
        assert [s.name for s in p.app.stack].count("help") == 1
        p.press(pygame.K_ESCAPE)
        assert p.scene is scene and scene.picked == picked

        p.click_button("Help (F1)")
        assert p.name == "help"
        p.click_button("Close")
        assert p.scene is scene

        focus_card(p, plays[0])
        p.press(pygame.K_i)
        assert p.name == "learn-more"
        move = flagship.moves[picked[0].move]
        assert str(move.name) in p.screen_text()
        p.press(pygame.K_ESCAPE)
        assert p.scene is scene

        p.app.draw()
        ref, area = next(iter(scene.track_areas.items()))
        p.click(area.center)
        assert p.name == "learn-more"
        assert flagship.track_label[ref] in p.screen_text()
        p.click_button("Close")
        assert p.scene is scene and scene.picked == picked


# --- window size and text size --------------------------------------------------------------------


def check_layout(p: Pilot, when: str) -> None:
    """The scene draws, and every button is on screen and clear of the others."""
    text = p.screen_text()
    assert text, f"{p.name} drew no text {when}"
    buttons = p.scene.buttons
    for button in buttons:
        p.assert_on_screen(button)
    for index, a in enumerate(buttons):
        for b in buttons[index + 1 :]:
            assert not a.rect.colliderect(b.rect), f"{a.label!r} overlaps {b.label!r} on {p.name} {when}"


def resize_and_rescale(p: Pilot) -> None:
    """What a teacher does to fit a projector: resize, full screen, bigger and smaller text."""
    for size in ((1920, 1080), (1024, 600)):
        p.resize(size)
        assert p.app.theme.width == size[0] and p.app.theme.height == size[1]
        check_layout(p, f"at {size}")
    for key in (pygame.K_EQUALS, pygame.K_EQUALS, pygame.K_EQUALS):
        p.press(key, mod=pygame.KMOD_LCTRL)
    assert p.app.ui_scale > 1.3
    check_layout(p, f"at 1024x600, text x{p.app.ui_scale:.2f}")
    for key in (pygame.K_MINUS,) * 6:
        p.press(key, mod=pygame.KMOD_LCTRL)
    assert p.app.ui_scale < 0.8
    check_layout(p, f"at 1024x600, text x{p.app.ui_scale:.2f}")
    p.press(pygame.K_F11)
    assert p.app.fullscreen
    check_layout(p, "full screen")
    p.press(pygame.K_F11)
    assert not p.app.fullscreen
    p.app.set_scale(1.0)
    p.resize((1280, 720))
    check_layout(p, "back at 1280x720")


def test_every_screen_fits_after_resizing_full_screen_and_text_size_changes(tmp_path):
    seen = []
    with launched(tmp_path) as p:
        while True:
            seen.append(p.name)
            resize_and_rescale(p)
            if p.name == "orders" and "help" not in seen:
                p.press(pygame.K_F1)
                continue
            if p.name == "help":
                p.press(pygame.K_ESCAPE)
                p.press(pygame.K_i)
                continue
            if p.name == "learn-more":
                p.press(pygame.K_ESCAPE)
                p.app.session.seats.update(dict.fromkeys(p.app.session.humans, "random"))  # bots finish the game
            if p.name == "debrief":
                break
            p.advance()
            while p.name in seen and p.name in ("privacy", "orders", "event", "reveal"):
                p.advance()
    assert set(seen) >= {
        "title",
        "setup",
        "briefing",
        "event",
        "privacy",
        "orders",
        "help",
        "learn-more",
        "reveal",
        "ending",
        "debrief",
    }


def test_the_setup_fits_with_the_largest_text(tmp_path):
    with launched(tmp_path, size=(1280, 720)) as p:
        p.press(pygame.K_p)
        assert p.name == "setup"
        p.app.set_scale(1.8)
        check_layout(p, "with the text x1.8")


def test_every_scenario_in_the_menu_is_on_screen(tmp_path):
    own = tmp_path / "scenarios"
    own.mkdir()
    for number in range(12):
        (own / f"class-{number:02d}.yaml").write_bytes((DATA / "mini.yaml").read_bytes())
    with launched(tmp_path, size=(1600, 900)) as p:
        p.press(pygame.K_s)
        assert p.name == "choose"
        check_layout(p, "with 12 of the teacher's own scenarios")


def test_a_small_window_with_the_largest_text_still_draws_a_whole_turn(tmp_path):
    """The board leaves no room for the map at 640x360 with text x1.8: it must still draw."""
    with launched(tmp_path, size=(640, 360)) as p:
        for _ in range(8):
            p.press(pygame.K_EQUALS, mod=pygame.KMOD_LCTRL)
        assert p.app.ui_scale == 1.8
        p.press(pygame.K_p)
        p.press(pygame.K_s)  # Start
        for name in ("briefing", "event", "privacy", "orders", "reveal"):
            p.advance_to(name)
            assert p.screen_text()


# --- a broken scenario, saves --------------------------------------------------------------------


def test_a_broken_scenario_chosen_from_the_menu_shows_its_problems_with_line_and_column(tmp_path):
    own = tmp_path / "scenarios"
    own.mkdir()
    broken = own / "typo_key.yaml"
    broken.write_bytes((DATA / "broken" / "typo_key.yaml").read_bytes())
    with launched(tmp_path) as p:
        p.press(pygame.K_s)
        assert p.name == "choose"
        p.click_button("typo_key.yaml (has problems)")
        assert p.name == "problems"
        text = p.screen_text()
        assert "typo_key.yaml has 1 problem. Fix it in the file" in text
        assert "line 18, column 5: unknown key 'costt' in a move (did you mean 'cost'?)" in text
        problem = p.scene.problems[0]  # type: ignore[attr-defined]
        assert (Path(problem.file).name, problem.line, problem.col) == ("typo_key.yaml", 18, 5)
        p.press(pygame.K_ESCAPE)
        assert p.name == "choose"


def run_briefly(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """App.run() as `deterrence play` starts it; the 'user' lets one frame draw, then closes the window."""
    events = iter([pygame.event.Event(pygame.NOEVENT), pygame.event.Event(pygame.QUIT)])
    frames: list[str] = []
    real_draw = app.draw

    def draw() -> None:
        frames.append(app.scene.name)
        real_draw()

    monkeypatch.setattr(pygame.event, "wait", lambda timeout=0: next(events))
    monkeypatch.setattr(app, "draw", draw)
    assert app.run() == 0
    assert frames, "no frame was drawn"


def test_a_game_played_by_the_class_resumes_at_the_next_turn_in_a_new_window(tmp_path, monkeypatch):
    with launched(tmp_path, seed=7) as p:  # a seed whose first turn does not end the game
        p.advance_to("event")
        p.advance()
        while p.name != "event":  # the teams seal, the reveal is stepped through
            p.advance()
        session = p.app.session
        assert session.state.turn == 2
        expected = session.state
        save = p.app.autosave_path

    later = App(FLAGSHIP, scenario_dir=ROOT / "scenarios", data_dir=tmp_path, size=(1280, 720), resume=True)
    run_briefly(later, monkeypatch)
    assert later.scene.name == "event"
    assert later.autosave_path == save
    assert later.session.state == expected


def test_a_damaged_save_behind_continue_shows_a_clear_problem(tmp_path):
    games = tmp_path / "games"
    games.mkdir()
    (games / "broken.json").write_text('{"format": "deterrence-dialogue-save", "turns": [', encoding="utf-8")
    with launched(tmp_path) as p:
        p.click_button("Continue the last game")
        assert p.name == "damaged-save"
        text = p.screen_text()
        assert "broken.json" in text
        assert "damaged" in text
        p.click_button("Back")
        assert p.name == "title"


# --- the command line ------------------------------------------------------------------------------


def play_command(*args: str, driver: str = "dummy", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": driver, "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "game", "play", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_without_a_display_play_says_to_use_the_terminal_game(tmp_path):
    result = play_command("--data-dir", str(tmp_path), driver="nonexistent", timeout=60)
    assert result.returncode != 0
    assert "deterrence play --text" in result.stderr
    assert "No display" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_demo_plays_itself_and_saves_a_screenshot_of_each_screen(tmp_path):
    shots = tmp_path / "shots"
    args = ["--demo", "--exit-at-end", "--speed", "100", "--seed", "3", "--size", "960x540"]
    result = play_command(*args, "--screenshots", str(shots), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    names = {path.stem.split("-", 1)[1]: path for path in shots.glob("*.png")}
    wanted = ["title", "setup", "briefing", "event", "privacy", "orders", "reveal", "ending", "debrief"]
    assert set(wanted) <= set(names), f"missing: {set(wanted) - set(names)}"
    numbered = sorted(names[name].name for name in wanted)
    assert [n.split("-", 1)[1].removesuffix(".png") for n in numbered] == wanted, "screens out of order"
    for name in wanted:
        image = pygame.image.load(str(names[name]))
        assert image.get_size() == (960, 540), name
