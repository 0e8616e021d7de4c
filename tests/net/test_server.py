"""The devices' server as devices use it: real sockets on localhost, the pages' own frames.

Each hostile case (a forged token, a revoked one replayed, an oversized frame, malformed JSON,
a flood) is refused, and a well-behaved team's device on the same server goes on unharmed.
"""

from __future__ import annotations

import asyncio
import json

import aiohttp

from game.engine.dialogue import MAX_TEXT
from game.net.server import CSP, MAX_FRAME
from tests.net.conftest import Client, device, token_of


def run(coroutine):
    return asyncio.run(coroutine)


async def _still_answers(client: Client) -> None:
    """The device is still served: a ping comes back."""
    await client.send({"type": "ping", "nonce": "alive"})
    pong = await client.next("pong")
    assert pong["nonce"] == "alive"


def test_pages_carry_a_content_security_policy_and_no_token(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            for path in ("/join", "/team", "/teacher", "/static/app.js"):
                response = await http.get(hosted.base_url + path)
                assert response.status == 200
                assert response.headers["Content-Security-Policy"] == CSP
                assert response.headers["Referrer-Policy"] == "no-referrer"
                text = await response.text()
                assert hosted.hub.teacher_token not in text
                assert all(token not in text for token in hosted.hub.tokens)
            assert (await http.get(hosted.base_url + "/static/../hub.py")).status == 404

    run(go())


def test_a_team_reads_its_own_hand_and_never_another_teams(hosted, flagship):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            state = await us.next("state")
            assert state["team"]["id"] == "us"
            assert {card["id"] for card in state["hand"]} == set(flagship.moves_of("us"))
            dprk_only = set(flagship.moves_of("dprk")) - set(flagship.moves_of("us"))
            assert dprk_only and not dprk_only & {card["id"] for card in state["hand"]}
            hidden = [t for t in state["tracks"] if t["value"] is None]
            assert hidden, "the US does not see every track exactly"

    run(go())


def test_a_message_reaches_its_addressee_and_the_teacher_but_not_a_third_team(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            rok = await device(http, hosted, token_of(hosted, "rok"))
            dprk = await device(http, hosted, token_of(hosted, "dprk"))
            teacher = await device(http, hosted, hosted.hub.teacher_token)
            for client in (us, rok, dprk, teacher):
                await client.next("state")
            await us.send({"type": "say", "to": "rok", "text": "<script>alert(1)</script> meet at the NCG?"})
            said = await us.next("said")
            got = (await rok.next("messages"))["messages"]
            assert [m["text"] for m in got] == ["<script>alert(1)</script> meet at the NCG?"]
            assert (await teacher.next("messages"))["messages"][0]["id"] == said["id"]
            await dprk.send({"type": "ping", "nonce": 1})
            await dprk.next("pong")
            assert not [f for f in dprk.frames if f["type"] == "messages"]

    run(go())


def test_a_forged_token_is_refused_and_the_socket_closed(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            await us.next("state")
            for fake in (token_of(hosted, "us")[:-2] + "xx", "토큰" * 12, 12345, None):
                forged = await device(http, hosted, fake)
                refused = await forged.next("refused")
                assert "does not work" in refused["error"]
                assert await forged.closed() == 4403
            no_hello = Client(await http.ws_connect(hosted.base_url + "/ws"))
            await no_hello.send({"type": "say", "to": "rok", "text": "hi"})
            assert await no_hello.closed() == 4400
            await _still_answers(us)
            assert hosted.hub.session.dialogue == ()

    run(go())


def test_a_replayed_old_link_stops_working_once_the_team_moved_to_another_device(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            old = token_of(hosted, "rok")
            phone = await device(http, hosted, old)
            await phone.next("state")
            new = hosted.hub.new_link("rok")
            assert await phone.closed() == 4403  # the device that had the old link is cut off at once
            replayed = await device(http, hosted, old)
            await replayed.next("refused")
            tablet = await device(http, hosted, new)
            assert (await tablet.next("state"))["team"]["id"] == "rok"

    run(go())


def test_a_room_code_claims_only_an_open_seat_and_only_before_the_game(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            again = await http.post(hosted.base_url + "/api/join", json={"room": hosted.hub.room, "team": "us"})
            assert again.status == 403
            wrong = await http.post(hosted.base_url + "/api/join", json={"room": "ZZZZ", "team": "japan"})
            assert wrong.status == 403
            hangul = await http.post(hosted.base_url + "/api/join", json={"room": "방코드", "team": "japan"})
            assert hangul.status == 403
            junk = await http.post(hosted.base_url + "/api/join", data=b"{not json")
            assert junk.status == 400

    run(go())


def test_an_oversized_frame_closes_only_that_device(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            rok = await device(http, hosted, token_of(hosted, "rok"))
            await us.next("state")
            await rok.next("state")
            await rok.ws.send_str(json.dumps({"type": "say", "to": "us", "text": "x" * (MAX_FRAME + 10)}))
            assert await rok.closed() == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
            await _still_answers(us)
            assert hosted.hub.session.dialogue == ()

    run(go())


def test_malformed_frames_get_an_error_and_change_nothing(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            await us.next("state")
            bad = [
                "{not json",
                "[1, 2]",
                json.dumps({"type": "say", "to": "rok", "text": "y" * (MAX_TEXT + 1)}),
                json.dumps({"type": "say", "to": "nobody", "text": "hi"}),
                json.dumps({"type": "say", "to": "us", "text": "to myself"}),
                json.dumps({"type": "seal", "orders": "ncg"}),
                json.dumps({"type": "draft", "orders": [{"move": "ncg", "extra": 1}]}),
                json.dumps({"type": "answer", "proposal": 99, "accept": True}),
                json.dumps({"type": "extend", "seconds": 600}),  # a teacher's action from a team
                json.dumps({"type": "propose", "to": "rok", "move": "ssbn_visit"}),  # not a joint move
                '{"type": "say", "to": "rok", "text": "hi", "n": 1e999}',
                "[" * 500 + "]" * 500,
            ]
            for text in bad:
                await us.ws.send_str(text)
                error = await us.next("error")
                assert error["error"]
            await _still_answers(us)
            assert hosted.hub.session.dialogue == ()
            assert hosted.hub.phase == "talks" and hosted.hub.seconds_left() <= 120

    run(go())


def test_a_flood_is_cut_off_and_the_other_teams_are_still_served(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            us = await device(http, hosted, token_of(hosted, "us"))
            dprk = await device(http, hosted, token_of(hosted, "dprk"))
            await us.next("state")
            await dprk.next("state")
            for number in range(400):
                if dprk.ws.closed:
                    break
                try:
                    await dprk.ws.send_str(json.dumps({"type": "say", "to": "all", "text": f"spam {number}"}))
                except ConnectionError:
                    break
            assert await dprk.closed() == 4429
            kept = [m for m in hosted.hub.session.dialogue if m.sender == "dprk"]
            assert 0 < len(kept) <= 40  # the burst got through, the flood did not
            await us.send({"type": "say", "to": "rok", "text": "still here"})
            await us.next("said")
            await _still_answers(us)

    run(go())


def test_another_sites_page_cannot_open_a_socket(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            try:
                await http.ws_connect(hosted.base_url + "/ws", headers={"Origin": "http://evil.example"})
            except aiohttp.WSServerHandshakeError as error:
                assert error.status == 403
            else:
                raise AssertionError("a socket from another site's page was accepted")

    run(go())


def test_two_devices_of_a_team_share_the_draft_and_a_sealed_order_is_final(hosted, flagship):
    async def go():
        async with aiohttp.ClientSession() as http:
            phone = await device(http, hosted, token_of(hosted, "us"))
            laptop = await device(http, hosted, token_of(hosted, "us"))
            await phone.next("state")
            await laptop.next("state")
            hosted.hub.to_orders()
            move = next(o.move for o in hosted.hub.session.view_of("us").orders if o.offer is None)
            await phone.send({"type": "draft", "orders": [{"move": move}]})
            while True:
                state = await laptop.next("state")
                if state["draft"]:
                    break
            assert state["draft"] == [{"move": move, "offer": None, "answer": None}]
            await laptop.send({"type": "seal", "orders": state["draft"]})
            while (await phone.next("state"))["sealed"] is None:
                pass
            await phone.send({"type": "seal", "orders": []})
            assert "sealed" in (await phone.next("error"))["error"]
            await phone.send({"type": "draft", "orders": []})
            assert "sealed" in (await phone.next("error"))["error"]
            assert hosted.hub.sealed["us"][-1].move == move

    run(go())


def test_a_device_that_reconnects_gets_what_it_missed_and_nothing_twice(hosted):
    async def go():
        async with aiohttp.ClientSession() as http:
            rok = await device(http, hosted, token_of(hosted, "rok"))
            await rok.next("state")
            hosted.hub.say("us", "rok", "first")
            first = (await rok.next("messages"))["messages"]
            await rok.ws.close()  # the phone sleeps
            hosted.hub.say("us", "rok", "second")
            hosted.hub.say("dprk", "all", "third")
            again = await device(http, hosted, token_of(hosted, "rok"), seen=first[-1]["id"])
            missed = (await again.next("messages"))["messages"]
            assert [m["text"] for m in missed] == ["second", "third"]
            reloaded = await device(http, hosted, token_of(hosted, "rok"))  # a reload knows nothing
            everything = (await reloaded.next("messages"))["messages"]
            assert [m["text"] for m in everything] == ["first", "second", "third"]

    run(go())


def test_what_is_said_is_autosaved_within_seconds_not_only_when_the_turn_ends(hosted):
    import time

    from game.engine.save import read_save

    hosted.hub.say("us", "all", "kept even if the laptop closes now")
    autosave = hosted.hub.session.autosave
    for _ in range(50):
        if autosave.exists() and read_save(autosave).dialogue:
            break
        time.sleep(0.1)
    assert [m.text for m in read_save(autosave).dialogue] == ["kept even if the laptop closes now"]
