"""Three teams play a whole game from three browser pages while the window is the projector.

Real pages in the system Chromium (Playwright, ``executable_path``: no browser is downloaded),
the real window under the dummy video driver, the real server on localhost. The teams join with
the room code, talk, agree a joint move that is played the same turn, order, seal; a phone
reloads mid-turn and finds everything it had; the report holds what was said.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pygame
import pytest

from game.engine.save import read_save
from game.engine.state import THIS_TURN, Order
from game.net.host import start_hosting
from game.report.debrief import build_debrief
from game.report.html import render_html
from tests.ui.pilot import Pilot, launched

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("DEVICES_SHOTS", "/tmp/shots/devices"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="the system Chromium is missing (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def pump(p: Pilot, until, limit: int = 1200, page=None) -> None:
    """Run the window's frames (and let the pages breathe) until the condition holds."""
    for _ in range(limit):
        if until():
            return
        p.step(0.05)
        if page is not None:
            page.wait_for_timeout(25)
        else:
            pygame.time.wait(25)
    raise AssertionError(f"the window never got there; it shows {p.name}")


def join(browser, url: str, room: str, team: str, size=(360, 740)):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    page.fill("#room", room)
    page.select_option("#team", team)
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/team**")
    page.problems = problems  # type: ignore[attr-defined]
    return page


def seal(page, play_one: bool = True) -> None:
    """Play the first card that can be played (if asked), then seal and confirm."""
    page.wait_for_selector("#phase:text-is('Orders')")  # (the pages' CSP forbids evaluating strings)
    if play_one:
        page.locator("#hand-section button:has-text('Play this card'):enabled").first.click()
        page.wait_for_selector("#hand-section ul li:has-text('✓')")
    page.get_by_role("button", name="Seal our orders").click()
    page.get_by_role("button", name="Yes, seal them").click()
    page.wait_for_selector("text=Sealed: your orders are final.")


def test_three_teams_play_a_whole_game_from_three_pages(browser, tmp_path):
    host = partial(start_hosting, host="127.0.0.1", port=0, talk_seconds=600)
    with launched(tmp_path, seed=5, host_devices=host, devices=True) as p:
        p.press(pygame.K_p)  # the flagship: its setup screen (three teams, two optional bots)
        p.settle()
        assert p.name == "setup"
        p.press(pygame.K_s)
        p.settle()
        assert p.name == "devices-lobby"
        hosting = p.app.devices
        assert hosting.room in p.screen_text() and hosting.join_url in p.screen_text()
        pages = {team: join(browser, hosting.join_url, hosting.room, team) for team in ("us", "rok", "dprk")}
        pump(p, lambda: len(hosting.hub.joined()) == 3)
        p.press(pygame.K_s)  # start: the briefing
        p.settle()
        turn = 0
        while True:
            while p.name not in ("devices-projector", "ending", "debrief"):
                p.advance()
            if p.name != "devices-projector":
                break
            turn += 1
            us, rok, dprk = pages["us"], pages["rok"], pages["dprk"]
            assert "Talks" in p.screen_text() and "US" in p.screen_text()
            if turn == 1:
                us.select_option("#talk-to", "rok")
                us.fill("#talk-text", "Shall we drill together? <b>yes</b>")
                us.get_by_role("button", name="Send").click()
                rok.wait_for_selector("#msgs li:has-text('Shall we drill together? <b>yes</b>')")
                assert dprk.locator("#msgs li").count() == 0  # not the DPRK's to read
                us.select_option("#propose-move", "offer_talks")
                us.select_option("#propose-to", "dprk")
                us.get_by_role("button", name="Propose a deal").click()
                dprk.get_by_role("button", name="Accept").click()
                us.wait_for_selector("#proposals :text('accepted')")
                us.reload()  # the phone reloads mid-turn: the talk and the deal are still there
                us.wait_for_selector("#msgs li:has-text('Shall we drill together?')")
                us.wait_for_selector("#proposals :text('accepted')")
                p.press(pygame.K_t)  # the teacher ends the talks
                pump(p, lambda: hosting.hub.phase == "orders", page=us)
                us.wait_for_selector("#hand-section li:has-text('Agreed in the talks: takes effect this turn')")
                # the DPRK's acceptance is in its orders this turn, not next
                accepted = "Accept: Talks without preconditions — Agreed in the talks"
                dprk.wait_for_selector(f"#hand-section li:has-text('{accepted}')")
                assert "1 deal agreed in the talks: takes effect this turn." in p.screen_text()
                screenshots(browser, us, p)
                seal(us, play_one=False)  # the deal alone: the offer of talks
                seal(rok)
            else:
                p.press(pygame.K_t)
                pump(p, lambda: hosting.hub.phase == "orders", page=us)
                if turn == 2:  # the offer was answered on turn 1: nothing of it waits now
                    dprk.wait_for_selector("#phase:text-is('Orders')")
                    dprk.wait_for_selector("#hand-section ul.plain li:text-is('Nothing yet')")  # no answer waits
                seal(us)
                seal(rok)
            assert p.name == "devices-projector"  # the DPRK is still ordering
            seal(dprk)
            pump(p, lambda: p.name == "reveal", page=dprk)
            assert turn < 10
        assert turn >= 5
        while p.name != "debrief":
            p.advance()
        p.press(pygame.K_2)  # the timeline: the talks of turn 1 come before what the teams did
        p.settle()
        assert "What was said before the orders" in p.screen_text()
        assert "US → ROK: Shall we drill together? <b>yes</b>" in p.screen_text()
        for page in pages.values():
            page.wait_for_selector("text=The game is over")
            assert page.problems == []  # type: ignore[attr-defined]
        session = p.app.session
        first, second = session.save.turns[0], session.save.turns[1]
        assert [o.move for o in first["us"]] == ["offer_talks"]
        assert Order("offer_talks", THIS_TURN, "accept") in first["dprk"]  # made and accepted on turn 1
        assert not any(o.move == "offer_talks" for o in second["dprk"])
        turn_one = " ".join(e.text for e in session.turn_log(1))
        assert "as agreed in the talks" in turn_one and "accepted Talks without preconditions" in turn_one
        saved = read_save(session.autosave)
        assert [m.kind for m in saved.dialogue] == ["message", "proposal", "accept"]
        debrief = build_debrief(session.scenario, session.states, session.logs, dialogue=saved.dialogue)
        report = render_html(debrief)
        assert "What was said before the orders" in report
        assert "Shall we drill together? &lt;b&gt;yes&lt;/b&gt;" in report
        said = report.index("Shall we drill together?")
        assert report.index("<h3>Turn 1</h3>") < said < report.index("<h3>Turn 2</h3>")  # beside what they did
        for page in pages.values():
            page.close()


def screenshots(browser, phone, p: Pilot) -> None:
    """The team page at a phone's and a laptop's size, and the projector while teams order."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "team-360x740.png"))
    phone.screenshot(path=str(SHOTS / "team-360x740-full.png"), full_page=True)
    laptop = browser.new_page(viewport={"width": 1280, "height": 800})
    laptop.goto(phone.url)
    laptop.wait_for_selector("#hand-section")
    laptop.screenshot(path=str(SHOTS / "team-1280x800.png"))
    laptop.close()
    p.step(0.05)
    pygame.image.save(p.app.screen, str(SHOTS / "projector-orders.png"))


def test_the_team_page_is_usable_in_korean(browser, tmp_path, flagship):
    from game.net.hub import Hub
    from game.net.server import DeviceServer
    from game.session import Session
    from tests.net.conftest import three_teams

    hub = Hub(Session(flagship, three_teams(flagship), 3), talk_seconds=60)
    server = DeviceServer(hub, host="127.0.0.1", port=0, lang="ko")
    server.start()
    try:
        token = hub.join(hub.room, "rok")
        hub.join(hub.room, "us")
        hub.start()
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{server.base_url}/team#{token}")
        page.wait_for_selector("#hand-section")
        assert page.get_attribute("html", "lang") == "ko"
        hand = page.locator("#hand-section").inner_text()
        assert "내는 팀" in hand and "효과" in hand, "the cards' rules are in Korean (the print kit's wording)"
        assert "Played by" not in hand and "Effects" not in hand
        assert (
            page.locator("#talks-section .note").inner_text()
            != "The teacher can read every message, and they go into the game's report."
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") in ("SELECT", "TEXTAREA", "BUTTON", "SUMMARY")
        first = page.locator("#hand-section button[aria-pressed]:enabled").first
        button_id = first.get_attribute("id")
        first.focus()
        page.keyboard.press("Enter")  # from the keyboard alone: the card is played, the focus stays on it
        page.wait_for_selector(f"#{button_id}[aria-pressed=true]")
        assert page.evaluate("document.activeElement.id") == button_id
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "nothing runs off a phone's screen"
        if shutil.which("true"):
            page.screenshot(path=str(SHOTS / "team-ko-360x740.png"))
        page.close()
    finally:
        server.stop()


def test_a_team_with_nothing_to_play_is_told_so_and_has_no_seal_button(browser, flagship):
    from game.net.hub import Hub
    from game.net.server import DeviceServer
    from game.session import HUMAN, Session

    seats = {a: HUMAN if a in ("us", "china") else flagship.actors[a].bot for a in flagship.actors}
    hub = Hub(Session(flagship, seats, 3), talk_seconds=60, auto_resolve=True)
    server = DeviceServer(hub, host="127.0.0.1", port=0)
    server.start()
    try:
        tokens = {team: hub.join(hub.room, team) for team in ("us", "china")}
        hub.start()
        hub.to_orders()
        pages = {}
        for team, lang in (("us", "en"), ("china", "en"), ("china", "ko")):
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(f"{server.base_url}/team?lang={lang}#{tokens[team]}")
            page.wait_for_selector("#phase")
            page.wait_for_selector("#hand-section")
            pages[team, lang] = page
        # turn 1: China acts in even turns, with nothing it can play; the turn will not wait for it
        china = pages["china", "en"]
        assert china.locator("#not-asked").inner_text().startswith("Nothing for your team to order this turn")
        assert china.locator("#seal").count() == 0, "no seal button to press for nothing"
        korean = pages["china", "ko"].locator("#not-asked").inner_text()
        assert korean and "Nothing" not in korean
        us = pages["us", "en"]
        assert us.locator("#seal").is_enabled() and us.locator("#not-asked").count() == 0
        assert "no orders this turn" in us.locator("#board-section li:has-text('China')").inner_text()
        assert "no orders this turn" not in us.locator("#board-section li:has-text('United States')").inner_text()
        if shutil.which("true"):
            china.screenshot(path=str(SHOTS / "team-nothing-to-order-360x740.png"))
        hub.seal("us", [])
        assert hub.session.state.turn == 2  # resolved without China's orders
        for page in pages.values():
            page.close()
    finally:
        server.stop()
