"""A hosted game on localhost, and devices that talk to it as the pages' script does."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from game.net.hub import Hub
from game.net.server import DeviceServer
from game.scenario.load import load_scenario
from game.scenario.model import Scenario
from game.session import HUMAN, Session
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "washington-declaration-2023.yaml"
TEAMS = ("us", "rok", "dprk")


@pytest.fixture(scope="session")
def flagship() -> Scenario:
    return load_scenario(FLAGSHIP)


def three_teams(scenario: Scenario) -> dict[str, str]:
    return {a: HUMAN if a in TEAMS else scenario.actors[a].bot for a in scenario.actors}


@pytest.fixture
def hosted(flagship, tmp_path) -> Iterator[DeviceServer]:
    """A game of three teams of people, hosted on 127.0.0.1, every team joined, talks on."""
    session = Session(flagship, three_teams(flagship), 11, autosave=tmp_path / "game.json")
    hub = Hub(session, talk_seconds=120, auto_resolve=True)
    hub.state_file = tmp_path / "game.devices.json"
    server = DeviceServer(hub, host="127.0.0.1", port=0)
    server.start()
    for team in TEAMS:
        hub.join(hub.room, team)
    hub.start()
    yield server
    server.stop()


class Client:
    """One device: a socket, and every frame it has been sent."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.frames: list[dict[str, Any]] = []

    async def send(self, frame: dict[str, Any]) -> None:
        await self.ws.send_str(json.dumps(frame))

    async def next(self, kind: str, timeout: float = 5.0) -> dict[str, Any]:
        """The next frame of a kind (the others are kept in ``frames``)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            message = await self.ws.receive(timeout=max(0.01, end - loop.time()))
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"socket closed: {message.type} {message.data} {message.extra}")
            frame = json.loads(message.data)
            self.frames.append(frame)
            if frame["type"] == kind:
                return frame

    async def closed(self, timeout: float = 5.0) -> int | None:
        """Wait for the server to close the socket; its close code."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            message = await self.ws.receive(timeout=max(0.01, end - loop.time()))
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                return self.ws.close_code if self.ws.close_code is not None else message.data
            if message.type == aiohttp.WSMsgType.TEXT:
                self.frames.append(json.loads(message.data))


async def device(http: aiohttp.ClientSession, server: DeviceServer, token: object, seen: int = 0) -> Client:
    ws = await http.ws_connect(server.base_url + "/ws", max_msg_size=0)
    client = Client(ws)
    await client.send({"type": "hello", "token": token, "seen": seen})
    return client


def token_of(server: DeviceServer, team: str) -> str:
    return server.hub.link_for(team)
