"""The board a room can read (issue 16): rules on the card, endings seen coming, offers answered
explicitly, a reveal that rewinds, and the small defects the class met, each as a player meets it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.state import Order
from game.i18n import speaking
from game.scenario import load_scenario
from game.ui import theme as th
from game.ui import widgets
from game.ui.rules import card_rules, ending_cause, endings_near, track_marks
from game.ui.scenes.play import EventScene, OrdersScene, RevealScene
from tests.conftest import scenario_files
from tests.ui.pilot import FLAGSHIP, Pilot, launched


def start(pilot: Pilot, humans: tuple[str, ...] = ("us", "dprk")) -> None:
    app = pilot.app
    app.open_scenario(FLAGSHIP)
    seats = dict.fromkeys(app.scene.seats, "objective")  # type: ignore[attr-defined]
    seats.update(dict.fromkeys(humans, "human"))
    app.start_game(app.scene.scenario, seats)  # type: ignore[attr-defined]


def hand(pilot: Pilot, actor: str) -> OrdersScene:
    scene = OrdersScene(pilot.app, actor)
    pilot.app.reset(scene)
    pilot.step()
    return scene


def test_learn_more_shows_every_rule_of_the_card_before_its_history(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        start(pilot)
        scene = hand(pilot, "dprk")
        index = next(i for i, (_, o) in enumerate(scene.cards) if isinstance(o, Order) and o.move == "missile_test")
        scene.card = index
        pilot.press(pygame.K_i)
        text = pilot.screen_text()
        assert pilot.name == "learn-more"
        assert "The rules on the card" in text
        assert "Costs 1 political capital." in text or "Costs 2 political capital." in text
        assert "Dice: 2d6" in text and "% success" in text  # the chance, not only the target
        assert "On success:" in text and "On failure:" in text
        assert text.index("The rules on the card") < text.index("What happened")


def test_an_offers_rules_say_what_each_answer_does():
    scenario = load_scenario(FLAGSHIP)
    rules = " ".join(card_rules(scenario, scenario.moves["offer_talks"]))
    assert "An offer to DPRK, who answers next turn." in rules
    assert "If DPRK accepts: +1 Dialogue, -1 Tension." in rules
    assert "If DPRK rejects: +1 Sanctions." in rules
    assert "If DPRK does not answer: -1 Dialogue." in rules


def test_an_offer_is_answered_with_accept_reject_or_counter_each_saying_what_it_does(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        start(pilot)
        session = pilot.app.session
        session.give_orders("us", [Order("offer_talks")])
        session.give_orders("dprk", [])
        session.resolve()
        scene = hand(pilot, "dprk")
        offer_id = next(item for kind, item in scene.cards if kind == "offer")
        assert isinstance(offer_id, int)
        text = pilot.screen_text()
        assert "○ A: Accept — +1 Dialogue, -1 Tension" in text
        assert "○ R: Reject — +1 Sanctions" in text
        assert "○ C: Counter with Talks about talks" in text
        assert "● No answer — -1 Dialogue" in text
        pilot.press(pygame.K_a)
        assert scene.answer_of[offer_id] is not None and scene.answer_of[offer_id].answer == "accept"
        assert "● A: Accept" in pilot.screen_text()
        pilot.press(pygame.K_r)
        assert scene.answer_of[offer_id].answer == "reject"  # type: ignore[union-attr]
        pilot.press(pygame.K_c)
        assert scene.answer_of[offer_id].answer == "counter"  # type: ignore[union-attr]
        row = next(r for r, o in scene.answer_rects[offer_id] if o is None)
        pilot.click(row.center)  # a click on "No answer" takes the answer back
        assert scene.answer_of[offer_id] is None


def test_s_with_nothing_picked_asks_again_instead_of_sealing(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot)
        hand(pilot, "us")
        pilot.press(pygame.K_s)
        assert pilot.name == "orders", "a stray S sealed a team's empty orders"
        assert "press S again" in pilot.app.toast[0]
        pilot.press(pygame.K_s)
        assert "us" in pilot.app.session.orders and pilot.app.session.orders["us"] == []


def test_one_focus_ring_at_a_time_on_a_teams_hand(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot)
        scene = hand(pilot, "us")
        drawn: list[bool] = []
        original = widgets.Button.draw

        def spy(self, surface, t, *, focused=False, hovered=False):  # type: ignore[no-untyped-def]
            drawn.append(focused)
            original(self, surface, t, focused=focused, hovered=hovered)

        widgets.Button.draw = spy  # type: ignore[method-assign]
        try:
            pilot.app.draw()
            assert not any(drawn), "a button has a focus ring while the arrows move over the cards"
            pilot.press(pygame.K_TAB)
            drawn.clear()
            pilot.app.draw()
            assert sum(drawn) == 1 and scene.on_buttons
        finally:
            widgets.Button.draw = original  # type: ignore[method-assign]


def test_the_primary_button_stands_out_from_the_navy_band():
    def contrast(a: th.Colour, b: th.Colour) -> float:
        def lum(c: th.Colour) -> float:
            parts = [(v / 255) / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
            return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

        high, low = sorted((lum(a), lum(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    assert th.PRIMARY != th.NAVY
    assert contrast(th.WHITE, th.PRIMARY) >= 4.5  # its words read
    assert contrast(th.PRIMARY, th.NAVY) > 1.5  # and it is not navy on navy


def test_the_reveal_goes_back_a_step_with_the_board_and_lists_every_step(tmp_path: Path):
    with launched(tmp_path, size=(1920, 1080)) as pilot:
        start(pilot, humans=())
        pilot.app.resolve()
        reveal = pilot.scene
        assert isinstance(reveal, RevealScene)
        moved = [i for i, step in enumerate(reveal.steps) if any(e.kind == "change" and e.track for e in step)]
        assert len(moved) >= 2
        while reveal.step < moved[1]:
            reveal.advance()
        reveal.settle()
        at_second = dict(reveal.shown)
        pilot.press(pygame.K_LEFT)
        assert reveal.step == moved[1] - 1
        assert reveal.shown == reveal.values_after(moved[1] - 1)
        changed = next(e for e in reveal.steps[moved[1]] if e.kind == "change" and e.track)
        assert reveal.shown[changed.track] == changed.before != at_second[changed.track]
        pilot.press(pygame.K_a)
        assert pilot.name == "learn-more"
        text = pilot.screen_text()
        for _ in range(20):  # a long turn runs on below the screen: read it page by page
            pilot.press(pygame.K_PAGEDOWN)
            text += pilot.screen_text()
        for step in reveal.steps:  # each step's first entry of the log (a batch's heading is the reveal's own)
            first = next((e for e in step if e.kind != "note"), step[0])
            assert first.text in text


def test_every_ending_with_a_threshold_is_marked_and_warned_of_one_move_before():
    scenario = load_scenario(FLAGSHIP)
    marks = {(ref, m.op, m.value) for ref, ms in track_marks(scenario).items() for m in ms}
    assert ("tension", ">=", 10) in marks  # Catastrophe
    assert ("rok.support", ">=", 66) in marks and ("rok.assurance", "<=", 4) in marks  # the ROK's bomb
    calm = dict.fromkeys(scenario.all_tracks, 5.0)
    calm["rok.support"] = 40.0
    assert endings_near(scenario, calm) == []
    edge = {**calm, "tension": 9.0}
    assert any(line.startswith("Catastrophe is one move away: Tension 9") for line in endings_near(scenario, edge))
    hidden = {**edge, "tension": None}
    assert not any("Tension" in line for line in endings_near(scenario, hidden)), "a hidden track gives it away"
    cause = ending_cause(scenario, "catastrophe", {**{k: 5 for k in scenario.all_tracks}, "tension": 10})
    assert cause == ["Tension 10 (this ending needs at least 10)."]


def test_an_ending_a_card_brings_is_never_said_to_come_by_itself():
    """South Korea goes nuclear only if the ROK plays its bomb card, which needs turn 3+, support 66+,
    assurance 4 or less: the warning names the card and its team, and waits for its turn."""
    scenario = load_scenario(FLAGSHIP)
    near = {**dict.fromkeys(scenario.all_tracks, 5.0), "rok.support": 70.0, "rok.assurance": 6.0}
    (line,) = endings_near(scenario, near, turn=4)
    assert line.startswith("South Korea goes nuclear is near") and "Decide to build our own bomb" in line
    assert "ROK" in line and "it ends at" not in line, line
    (line,) = endings_near(scenario, {**near, "rok.assurance": 4.0}, turn=4)
    assert line == "South Korea goes nuclear is one move away: ROK can now play Decide to build our own bomb."
    (line,) = endings_near(scenario, {**near, "rok.assurance": 4.0}, turn=2)
    assert "from turn 3" in line
    assert endings_near(scenario, {**near, "rok.assurance": 4.0}, turn=1) == []  # two turns off: no alarm
    with speaking("ko"):
        (korean,) = endings_near(scenario, near, turn=4)
    assert "near" not in korean and "자체 핵무장 결정하기" in korean


def test_a_quiet_turn_is_a_card_not_a_line(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot)
        session = pilot.app.session
        while [e for e in session.state.event_log if e.kind == "event"] and not session.state.over:
            session.give_orders("us", [])
            session.give_orders("dprk", [])
            session.resolve()
        assert not session.state.over, "the game ended before a turn without an event"
        pilot.app.reset(EventScene(pilot.app))
        text = pilot.screen_text()
        assert "A quiet turn" in text and "up to the teams' own moves" in text


def test_every_kind_of_card_has_its_drawn_icon_from_the_bundled_set():
    pygame.display.init()
    for path in scenario_files():
        scenario = load_scenario(path)
        for kind in scenario.kinds.values():
            image = widgets._svg_icon(kind.icon, (48, 48), (0, 0, 0))
            assert image is not None, f"{path.name}: no icon {kind.icon}.svg"
            assert image.get_bounding_rect().w > 24, f"{kind.icon}.svg draws almost nothing"


def test_a_card_that_only_makes_an_offer_is_one_step_of_the_reveal():
    from game.engine.state import LogEntry
    from game.ui.scenes.play import group_steps

    entries = [
        LogEntry(1, "moves", "move", "US: Freeze for freeze", actor="us", source="freeze_for_freeze"),
        LogEntry(1, "moves", "offer", "US offer Freeze for freeze to DPRK", actor="us"),
        LogEntry(1, "moves", "move", "DPRK: Fiery rhetoric", actor="dprk", source="fiery_rhetoric"),
        LogEntry(1, "moves", "offer", "DPRK offer Stall to US", actor="dprk"),
    ]
    steps = group_steps(entries)
    assert [[e.text for e in step] for step in steps] == [
        ["US: Freeze for freeze", "US offer Freeze for freeze to DPRK"],
        ["DPRK: Fiery rhetoric", "DPRK offer Stall to US"],
    ]


def test_the_turn_says_which_team_has_nothing_to_order_and_skips_its_screen(tmp_path: Path):
    from tests.ui.test_layout import overlaps_and_cuts

    for size in ((1280, 720), (1024, 600)):
        with launched(tmp_path, size=size) as pilot:
            start(pilot, humans=("us", "rok", "dprk", "japan", "china"))
            pilot.app.reset(EventScene(pilot.app))
            with widgets.recording() as boxes:
                text = pilot.screen_text()
            # China acts in even turns: on turn 1 it has nothing it can play, and no orders screen
            assert "China has nothing to order this turn: no card it can play now." in text
            assert not overlaps_and_cuts(boxes), overlaps_and_cuts(boxes)
            assert "china" not in pilot.app.session.waiting_for()
            if size == (1280, 720):
                pygame.image.save(pilot.app.screen, str(tmp_path / "event.png"))


def test_the_briefing_gives_each_role_whole(tmp_path: Path):
    """China's role ends with when it acts ('You act in even turns'): cut at three lines, it was lost."""
    from game.ui.scenes.play import BriefingScene

    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot, humans=("us", "rok", "dprk", "japan", "china"))
        scene = BriefingScene(pilot.app)
        pilot.app.reset(scene)
        shown = []
        for _ in range(12):  # the briefing scrolls: read it to its end
            shown.append(pilot.screen_text())
            pilot.press(pygame.K_PAGEDOWN)
        text = " ".join(shown)
        assert "You act in even turns (2, 4, 6)" in text
        assert "You act in odd turns (1, 3, 5)" in text


def test_every_card_of_the_hand_names_its_kind(tmp_path: Path):
    """'Strategic deployment' and 'Domestic politics' did not fit one line of the card's band and were
    left to the icon alone; two lines hold them."""
    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot, humans=("us", "rok", "dprk"))
        scenario = pilot.app.session.scenario
        for actor in ("us", "rok"):
            scene = hand(pilot, actor)
            shown = []
            for page in range(scene.pages()):
                scene.page = page
                with widgets.recording() as boxes:
                    shown.append(pilot.screen_text())
                from tests.ui.test_layout import overlaps_and_cuts

                assert not overlaps_and_cuts(boxes), overlaps_and_cuts(boxes)
            text = " ".join(shown)
            kinds = {scenario.moves[o.move].kind for o in pilot.app.session.view_of(actor).orders}
            for kind in kinds:
                assert str(scenario.kinds[kind].name) in text, f"{actor}: kind {kind} not named on its cards"
            if actor == "us":
                pygame.image.save(pilot.app.screen, str(tmp_path / "hand.png"))


def test_a_cards_tooltip_never_hides_what_is_left_to_spend(tmp_path: Path):
    with launched(tmp_path, size=(1280, 720)) as pilot:
        start(pilot)
        scene = hand(pilot, "us")
        card = scene.card_rects[0][0]
        scene.hover = card.center
        with widgets.recording() as boxes:
            text = pilot.screen_text()
        budget = next(b for b in boxes if b.text.startswith("Political capital:"))
        tips = [b for b in boxes if b.plane > budget.plane]
        assert tips, "hovering a card shows its tooltip"
        assert not any(tip.box.colliderect(budget.box) for tip in tips), "the tooltip hides the budget line"
        assert "Political capital: 2 of 2 left" in text


def test_a_move_that_breaks_a_deal_is_one_step_with_its_dice_and_effects():
    """The DPRK's missile test broke Freeze for freeze: the reveal showed the card with no result, then its
    dice and effects under 'DPRK broke the agreement'. The deal it breaks is told with the move."""
    from game.engine.state import Order
    from game.session import Session
    from game.ui.scenes.play import group_steps

    flagship = load_scenario(FLAGSHIP)
    session = Session(flagship, {a: "human" for a in flagship.actors}, 1)
    session.give_orders("us", [Order("freeze_for_freeze")])
    session.resolve()
    offer = session.view_of("dprk").offers_to_me[0]
    session.give_orders("dprk", [Order("freeze_for_freeze", offer.id, "accept")])
    session.resolve()
    assert any(a.move == "freeze_for_freeze" for a in session.state.agreements)
    session.give_orders("dprk", [Order("missile_test")])
    result = session.resolve()
    turn = session.state.turn - 1
    steps = group_steps([e for e in result.log if e.turn == turn and e.phase == "moves"])
    (step,) = [s for s in steps if s[0].kind == "move" and s[0].source == "missile_test"]
    kinds = [e.kind for e in step]
    assert "agreement" in kinds and "roll" in kinds, kinds
    assert not any(s[0].kind == "agreement" for s in steps), "the broken deal is not a step of its own"


def test_the_ending_left_when_none_held_says_which_ending_one_track_kept_away():
    """'Uneasy stability' ended a game with Dialogue 4: nothing said a breakthrough needed 5."""
    from game.ui.rules import endings_missed

    scenario = load_scenario(FLAGSHIP)
    assert scenario.endings["uneasy_stability"].when is None  # the ending left when no other holds
    tracks = {**dict.fromkeys(scenario.all_tracks, 5), "dialogue": 4, "tension": 3}
    missed = endings_missed(scenario, "uneasy_stability", tracks)
    assert "One short of Diplomatic breakthrough: Dialogue 4 (this ending needs at least 5)." in missed
    assert not any("Catastrophe" in line for line in missed), "a sudden ending is not a missed goal"
    far = endings_missed(scenario, "uneasy_stability", {**tracks, "dialogue": 3})
    assert not any("breakthrough" in line for line in far), "two steps away is not one short"
    assert endings_missed(scenario, "breakthrough", tracks) == []  # an ending with a condition says its own
    with speaking("ko"):
        (korean, *_) = endings_missed(scenario, "uneasy_stability", tracks)
    assert "One short" not in korean and "외교적 돌파구" in korean
