"""The hosted game without the web: deals in the talks, seals, the save, resuming after the laptop closed."""

from __future__ import annotations

import asyncio
import json
import socket

import aiohttp
import pytest

from game.engine.dialogue import Message
from game.engine.errors import SaveError
from game.engine.save import from_json, read_save, to_json
from game.engine.state import THIS_TURN, Order
from game.net.host import devices_file, start_hosting
from game.net.hub import Hub, Refused
from game.report.debrief import build_debrief
from game.scenario.load import load_scenario
from game.session import HUMAN, Session
from game.ui.autosave import open_session
from tests.conftest import SCENARIOS
from tests.net.conftest import FLAGSHIP, device, three_teams


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(SCENARIOS / "tutorial.yaml")


def hub_of(scenario, seats, **options) -> Hub:
    hub = Hub(Session(scenario, seats, 4), **options)
    for actor, seat in seats.items():
        if seat == HUMAN:
            hub.join(hub.room, actor)
    hub.start()
    return hub


def test_a_joint_move_agreed_in_the_talks_is_played_by_both_teams_this_turn(tutorial):
    seats = {a: HUMAN if a in ("protector", "ally") else tutorial.actors[a].bot for a in tutorial.actors}
    hub = hub_of(tutorial, seats, talk_seconds=60, auto_resolve=True)
    assert hub.phase == "talks"
    proposal = hub.propose("ally", "protector", "plan_together", "shall we?")
    hub.answer("protector", proposal.id, True)
    assert hub.deals_of("ally") == hub.deals_of("protector") == ["plan_together"]
    with pytest.raises(Refused):
        hub.answer("protector", proposal.id, False)  # answered once, for good
    hub.to_orders()
    hub.seal("ally", [])
    hub.seal("protector", [])
    played = hub.session.last_orders()
    assert Order("plan_together") in played["ally"] and Order("plan_together") in played["protector"]
    log = " ".join(e.text for e in hub.session.turn_log(1))
    assert "did not happen" not in log  # both joined: the joint move happened
    assert [m.kind for m in hub.session.dialogue] == ["proposal", "accept"]


def test_an_offer_agreed_in_the_talks_is_made_and_accepted_this_turn(flagship):
    hub = hub_of(flagship, three_teams(flagship), talk_seconds=60, auto_resolve=True)
    proposal = hub.propose("us", "dprk", "offer_talks")
    hub.answer("dprk", proposal.id, True)
    assert hub.deals_of("us") == ["offer_talks"] and hub.accepted_offers("dprk") == ["offer_talks"]
    hub.to_orders()
    for team in ("us", "rok", "dprk"):
        hub.seal(team, [])
    played = hub.session.last_orders()
    assert Order("offer_talks") in played["us"]
    assert Order("offer_talks", THIS_TURN, "accept") in played["dprk"]  # both teams' orders, this turn
    assert hub.session.state.turn == 2 and hub.phase == "talks"
    assert not [o for o in hub.session.state.offers if o.move == "offer_talks"]  # nothing waits for turn 2
    log = [e for e in hub.session.turn_log(1) if e.source == "offer_talks"]
    assert [e.kind for e in log][:3] == ["move", "offer", "answer"]
    assert "as agreed in the talks" in log[1].text and "accepted" in log[2].text
    assert hub.drafts == {}  # the new turn starts clean: no answer left over from the talks
    # the debrief's turn 1: the deal as said in the talks, beside its acceptance in what happened
    session = hub.session
    debrief = build_debrief(flagship, session.states, session.logs, dialogue=session.dialogue, reveal=True)
    turn = debrief.timeline[0]
    assert turn.number == 1
    assert [s.text for s in turn.said][-1].endswith("It takes effect this turn.")
    assert any(step.kind == "answer" and "accepted" in step.text for step in turn.steps)


def test_an_offer_accepted_in_the_talks_cannot_be_dropped_from_the_orders(flagship):
    hub = hub_of(flagship, three_teams(flagship), talk_seconds=60)
    hub.answer("dprk", hub.propose("us", "dprk", "offer_talks").id, True)
    hub.to_orders()
    hub.seal("dprk", [Order("offer_talks", THIS_TURN, "accept"), Order("offer_talks", THIS_TURN, "accept")])
    assert hub.sealed["dprk"].count(Order("offer_talks", THIS_TURN, "accept")) == 1


def test_a_team_cannot_seal_orders_the_rules_refuse_nor_twice(flagship):
    hub = hub_of(flagship, three_teams(flagship), talk_seconds=0)
    assert hub.phase == "orders"
    with pytest.raises(Refused, match="ssbn"):
        hub.seal("dprk", [Order("ssbn_visit")])  # not a DPRK card
    hub.seal("dprk", [])
    with pytest.raises(Refused, match="sealed"):
        hub.seal("dprk", [])


def test_the_talks_are_kept_in_the_save_and_a_damaged_message_is_refused(flagship):
    hub = hub_of(flagship, three_teams(flagship), talk_seconds=60)
    hub.say("rok", "us", "한미동맹을 믿어도 될까요?")
    hub.say("dprk", "all", "Any drill will be answered.")
    text = to_json(hub.session.save)
    again = from_json(text)
    assert again.dialogue == hub.session.save.dialogue
    assert again.dialogue[0] == Message(1, 1, "rok", "us", "한미동맹을 믿어도 될까요?")
    data = json.loads(text)
    data["dialogue"][0]["text"] = "x" * 501
    data.pop("checksum")
    with pytest.raises(SaveError, match="message 1 is longer than 500"):
        from_json(json.dumps(data))
    plain = Session(flagship, three_teams(flagship), 4)
    assert "dialogue" not in json.loads(to_json(plain.save))  # a game without talks: its save is as before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_reopening_the_laptops_game_resumes_the_server_and_the_devices_links_still_work(flagship, tmp_path):
    save = tmp_path / "game.json"
    port = _free_port()
    session = Session(flagship, three_teams(flagship), 9, autosave=save)
    hosting = start_hosting(session, host="127.0.0.1", port=port, talk_seconds=0)
    tokens = {team: hosting.hub.join(hosting.room, team) for team in ("us", "rok", "dprk")}
    hosting.hub.start()
    hosting.hub.seal("us", [])
    hosting.stop()  # the laptop's lid closes
    assert devices_file(save).stat().st_mode & 0o077 == 0  # the links are secrets: only the teacher reads them

    reopened = open_session(save, FLAGSHIP)
    again = start_hosting(reopened, resume=True, host="127.0.0.1", port=port, talk_seconds=0)
    try:
        assert again.server.port == port and again.room == hosting.room
        assert again.hub.sealed["us"] == [] and again.hub.waiting() == ["rok", "dprk"]

        async def reconnect():
            async with aiohttp.ClientSession() as http:
                us = await device(http, again.server, tokens["us"])
                state = await us.next("state")
                assert state["sealed"] == [] and state["phase"] == "orders"

        asyncio.run(reconnect())
        again.hub.seal("rok", [])
        again.hub.seal("dprk", [])
        assert again.hub.all_sealed()
        assert read_save(save).seed == 9
    finally:
        again.stop()


def test_what_other_teams_draft_seal_say_and_agree_never_changes_a_teams_page(flagship):
    """Noninterference at the devices: two games that differ only in what the ROK and the DPRK
    ordered, said and agreed between themselves give the US's devices the same page and talk."""
    from game.net.views import team_state

    def game(variant: int) -> Hub:
        hub = hub_of(flagship, three_teams(flagship), talk_seconds=60)
        if variant:
            hub.say("rok", "dprk", "a secret between us")
            proposal = hub.propose("rok", "dprk", "end_of_war")
            hub.answer("dprk", proposal.id, True)
        hub.to_orders()
        rok_cards = [o for o in hub.session.view_of("rok").orders if o.offer is None]
        hub.draft("dprk", [rok_cards[0]] if variant else [])
        hub.seal("rok", [rok_cards[variant]])
        return hub

    plain, busy = game(0), game(1)
    page = {k: v for k, v in team_state(plain, "us", "en").items() if k != "version"}
    other = {k: v for k, v in team_state(busy, "us", "en").items() if k != "version"}
    assert page == other
    assert plain.messages_for("us") == busy.messages_for("us") == []
    assert busy.messages_for("dprk") and busy.messages_for(None)  # the teacher reads every channel


def test_the_server_stops_listening_when_the_game_is_no_longer_hosted(flagship):
    hosting = start_hosting(Session(flagship, three_teams(flagship), 2), host="127.0.0.1", port=0)
    port = hosting.server.port
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    hosting.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


def test_a_korean_teams_page_gives_the_tracks_and_the_news_in_korean(flagship):
    """The team page's track labels and its news and reveal lines are in the page's language;
    the English page keeps the engine's words exactly."""
    from game.net.views import team_state
    from game.report.logtext import log_text, track_label

    hub = hub_of(flagship, three_teams(flagship), auto_resolve=True)
    hub.to_orders()
    for team in ("us", "rok", "dprk"):
        hub.seal(team, [])
    korean, english = team_state(hub, "us", "ko"), team_state(hub, "us", "en")
    assert korean["reveal"], "a turn was played: its reveal is on the page"
    for ref, row in zip(flagship.all_tracks, korean["tracks"], strict=True):
        assert row["label"] == track_label(flagship, ref, "ko") != flagship.track_label[ref]
    said = [line["text"] for line in korean["reveal"] + korean["event_log"]]
    assert all(any("가" <= c <= "힣" for c in text) for text in said), said
    assert said != [line["text"] for line in english["reveal"] + english["event_log"]]
    assert [row["label"] for row in english["tracks"]] == [flagship.track_label[r] for r in flagship.all_tracks]
    turn_log = redact_for_us(hub)
    assert [line["text"] for line in english["reveal"]] == [e.text for e in turn_log]
    assert [line["text"] for line in korean["reveal"]] == [log_text(e, flagship, "ko") for e in turn_log]


def redact_for_us(hub: Hub) -> list:
    from game.engine.view import redact

    return list(redact(hub.scenario, "us", hub.session.turn_log(hub.session.state.turn - 1)))
