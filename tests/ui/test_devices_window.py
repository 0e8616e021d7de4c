"""The window as the projector of a hosted game: lobby, seats nobody joined, resuming after a close."""

from __future__ import annotations

from functools import partial

import pygame

from game.net.host import start_hosting
from tests.ui.pilot import Pilot, launched

HOST = partial(start_hosting, host="127.0.0.1", port=0, talk_seconds=60)


def to_lobby(p: Pilot) -> None:
    p.press(pygame.K_p)
    p.settle()
    assert "Teams join from their devices: yes (D)" in p.labels()
    p.press(pygame.K_s)
    p.settle()
    assert p.name == "devices-lobby"


def to_projector(p: Pilot) -> None:
    for _ in range(20):
        if p.name == "devices-projector":
            return
        p.advance()
    raise AssertionError(f"stuck on {p.name}")


def test_a_seat_nobody_joined_orders_at_the_laptop_after_the_devices_sealed(tmp_path):
    with launched(tmp_path, seed=3, host_devices=HOST, devices=True) as p:
        to_lobby(p)
        hub = p.app.devices.hub
        hub.join(hub.room, "us")
        hub.join(hub.room, "rok")
        p.press(pygame.K_h)  # seats not joined: at the laptop, as before
        p.settle()
        assert "Seats not joined: at the laptop (H)" in p.labels()
        p.press(pygame.K_s)
        p.settle()
        to_projector(p)
        assert hub.device_teams() == ["us", "rok"] and p.app.session.seats["dprk"] == "human"
        shown = p.screen_text()
        assert "Teams are talking on their devices." in shown
        assert not any(str(card.name) in shown for card in p.app.session.scenario.moves.values())  # no hand
        p.press(pygame.K_t)  # the teacher ends the talks
        p.settle()
        hub.seal("us", [])
        hub.seal("rok", [])
        p.step(0.05)
        assert p.name == "privacy"  # the DPRK, which nobody joined, orders at the laptop


def test_a_hosted_game_reopened_is_hosted_again_with_the_same_links(tmp_path):
    with launched(tmp_path, seed=3, host_devices=HOST, devices=True) as p:
        to_lobby(p)
        hub = p.app.devices.hub
        token = hub.join(hub.room, "us")
        hub.join(hub.room, "rok")
        p.press(pygame.K_s)
        p.settle()
        to_projector(p)
        p.app.quit()
        p.app.stop_hosting()  # the laptop closes
    with launched(tmp_path, seed=3, host_devices=HOST) as p:
        assert "Continue the last game" in p.labels()
        p.press(pygame.K_c)
        p.settle()
        assert p.app.devices is not None, "continuing a hosted game hosts it again"
        assert p.app.devices.hub.team_of(token) == "us"
        to_projector(p)
        p.app.stop_hosting()


def test_the_projector_says_which_team_has_nothing_to_order_instead_of_still_ordering(tmp_path):
    with launched(tmp_path, seed=3, host_devices=HOST, devices=True) as p:
        p.press(pygame.K_p)
        p.settle()
        while p.scene.seats["china"] != "human":  # China too is a team of students
            p.scene.cycle("china")
        p.press(pygame.K_s)
        p.settle()
        hub = p.app.devices.hub
        for team in ("us", "rok", "dprk", "china"):
            hub.join(hub.room, team)
        p.press(pygame.K_s)
        p.settle()
        to_projector(p)
        p.press(pygame.K_t)  # the teacher ends the talks
        p.settle()
        shown = p.screen_text()
        # on turn 1 China (it acts in even turns) has nothing it can play: the turn does not wait for it
        assert "China: no orders this turn" in shown
        assert "United States: still ordering…" in shown
        for team in ("us", "rok", "dprk"):
            hub.seal(team, [])
        p.step(0.05)
        assert p.name == "reveal"  # not waiting for China
