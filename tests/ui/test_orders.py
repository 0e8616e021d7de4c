"""A team's hand warns before a move breaks a deal: one in force, or one the team has offered."""

from __future__ import annotations

from pathlib import Path

from game.engine.state import Order
from game.ui.scenes.play import OrdersScene
from tests.ui.pilot import FLAGSHIP, Pilot, launched


def orders_of(pilot: Pilot, actor: str, answer: Order | None = None) -> str:
    """What the team sees on its hand, every page of it (having chosen an answer to an offer)."""
    scene = OrdersScene(pilot.app, actor)
    if answer is not None:
        assert answer.offer is not None
        scene.answer_of[answer.offer] = answer
    pilot.app.reset(scene)
    pilot.step()
    pages = []
    for page in range(scene.pages()):
        scene.page = page
        pages.append(pilot.screen_text())
    return " ".join(pages)


def test_the_hand_warns_which_cards_break_a_deal_before_and_after_it_is_accepted(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
        seats.update(us="human", dprk="human")
        app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]
        session = app.session

        assert "Breaks" not in orders_of(pilot, "us")

        session.give_orders("us", [Order("freeze_for_freeze")])
        session.give_orders("dprk", [])
        session.resolve()
        seen = orders_of(pilot, "us")
        assert "Our offer Freeze for freeze awaits DPRK's answer this turn." in seen
        assert "If accepted, we promise not to play:" in seen
        assert seen.count("Breaks Freeze for freeze if accepted") == 3  # the three paused assets

        offer = session.view_of("dprk").offers_to_me[0]
        assert "Breaks" not in orders_of(pilot, "dprk")
        accepting = next(o for o in session.view_of("dprk").orders if o.answer == "accept")
        assert "Breaks the deal Freeze for freeze" in orders_of(pilot, "dprk", answer=accepting)
        session.give_orders("us", [Order("restate_pledge")])  # Seoul stays calm
        session.give_orders("dprk", [Order("freeze_for_freeze", offer.id, "accept")])
        session.resolve()
        assert not session.state.over
        seen = orders_of(pilot, "us")
        assert "Agreement in force: Freeze for freeze (until turn 3)." in seen
        assert seen.count("Breaks the deal Freeze for freeze") == 3
        assert "if accepted" not in seen


def test_the_page_line_points_to_the_other_cards_from_every_page(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        app = pilot.app
        app.open_scenario(FLAGSHIP)
        app.start_game(app.scene.scenario, dict.fromkeys(app.scene.seats, "human"))  # type: ignore[attr-defined]
        scene = OrdersScene(pilot.app, "us")
        pilot.app.reset(scene)
        pilot.step()
        pages = scene.pages()
        assert pages > 1  # the US hand does not fit one page at this size
        seen = []
        for page in range(pages):
            scene.page = page
            seen.append(pilot.screen_text())
        assert f"page 1 of {pages} (more cards: ▶)" in seen[0]
        assert f"page {pages} of {pages} (more cards: ◀)" in seen[-1]
        assert "more cards: ▶" not in seen[-1], "the last page points on to nothing"
