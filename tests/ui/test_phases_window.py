"""The window plays a turn in rounds (format 2 phases): a banner for each round, the privacy screen and
the orders of that round's teams only, its reveal, then the next round; and skips a team with nothing to play."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.state import Order
from game.scenario import load_scenario, load_scenario_text
from tests.conftest import DATA
from tests.engine.test_phases import BROKE
from tests.ui.pilot import Pilot, launched


def seal_nothing(p: Pilot) -> None:
    """A team at its orders seals without a card (and confirms)."""
    assert p.name == "orders"
    p.press(pygame.K_s)
    if p.name == "orders":  # nothing picked: S once more seals the empty orders
        p.press(pygame.K_s)
    p.settle()


def test_a_hot_seat_turn_in_rounds_shows_each_round_then_only_its_team(tmp_path: Path) -> None:
    defcon = load_scenario(DATA / "defcon.yaml")
    with launched(tmp_path) as p:
        p.app.start_game(defcon, {"usa": "human", "ussr": "human"})
        p.app.begin_turn()
        p.settle()
        assert p.name == "event"
        p.advance()
        assert p.name == "round" and "The American move — USA orders" in p.screen_text()
        p.advance()
        assert p.name == "privacy" and "Pass to Team United States" in p.screen_text()
        p.advance()
        assert "The American move" in p.screen_text()  # the orders screen says which round
        p.press(pygame.K_RIGHT)  # the second card, Operations
        p.press(pygame.K_SPACE)
        p.press(pygame.K_s)
        p.settle()
        assert p.name == "reveal"
        p.advance_to("round")
        assert "The Soviet move — USSR orders" in p.screen_text()
        assert p.app.session.state.round == 1
        p.advance()
        assert p.name == "privacy" and "Pass to Team Soviet Union" in p.screen_text()
        p.advance()
        assert "The Soviet move" in p.screen_text()
        news = p.scene.news()  # type: ignore[attr-defined]
        assert "USA: Operations" in news  # the American move of this very turn, resolved
        seal_nothing(p)
        p.advance_to("event")
        assert p.app.session.state.turn == 2 and p.app.session.state.round == 0
        assert [list(orders) for orders in p.app.session.save.turns] == [["usa"], ["ussr"]]
        assert p.app.session.save.turns[0]["usa"] == (Order("usa_ops"),)


def test_the_window_demo_plays_defcon_in_rounds_to_the_end(tmp_path: Path) -> None:
    with launched(tmp_path, start=DATA / "defcon.yaml", demo=True, speed=100) as p:
        seen: dict[str, set[str]] = {}
        for _ in range(20000):
            p.recorder.lines.clear()
            p.step(1 / 20)
            seen.setdefault(p.name, set()).update(p.recorder.lines)
            if p.name in ("ending", "debrief"):
                break
        assert p.name in ("ending", "debrief"), f"stuck on {p.name}"
        session = p.app.session
        assert session.state.over and session.save.turns
        assert all(len(orders) == 1 for orders in session.save.turns)  # one team a round
        banners = " ".join(seen.get("round", set()))
        assert "The American move" in banners and "The Soviet move" in banners


def test_a_team_with_nothing_to_play_gets_no_privacy_screen_in_the_window(tmp_path: Path) -> None:
    scenario = load_scenario_text(BROKE, "broke.yaml")
    with launched(tmp_path) as p:
        p.app.start_game(scenario, {"rich": "human", "poor": "human"})
        p.app.begin_turn()
        p.settle()
        p.advance()  # the event card
        assert p.name == "privacy" and "Pass to Team Rich" in p.screen_text()
        p.advance()
        seal_nothing(p)
        assert p.name == "reveal"  # nobody asked Poor, whose budget of 0 buys nothing
        assert p.app.session.save.turns[0]["poor"] == ()


def test_the_replay_of_a_game_in_rounds_steps_round_by_round(tmp_path: Path) -> None:
    from game.bots.match import play_game
    from game.engine.save import write_save

    defcon = load_scenario(DATA / "defcon.yaml")
    game = next(
        g for g in (play_game(defcon, seed, {"usa": "objective", "ussr": "objective"}) for seed in range(20))
        if g.turns >= 2 and g.final.outcome is not None and g.final.outcome.ending == "cold_war"
    )
    path = tmp_path / "game.json"
    write_save(path, game.save)
    with launched(tmp_path / "data") as p:
        p.app.open_replay(path)
        assert p.name == "replay"
        p.press(pygame.K_RIGHT)
        assert "Replay — turn 1, after The American move" in p.screen_text()
        shown = p.scene.turn_log(1)  # type: ignore[attr-defined]
        assert {e.round for e in shown} == {"usa_move"}  # the American move's lines, not the Soviet one's
        p.press(pygame.K_RIGHT)
        assert "Replay — turn 1, after The Soviet move" in p.screen_text()
        assert p.scene.last == len(game.save.turns)  # type: ignore[attr-defined]
