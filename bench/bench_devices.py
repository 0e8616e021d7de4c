"""Load test of the team devices' server: 30 devices (5 teams × 6) talking and ordering on localhost.

    .venv/bin/python bench/bench_devices.py [--seconds 60] [--devices-per-team 6] [--idle 10] [--json]

The server runs in a process of its own (as in class: the window's process), with a hosted
game of the flagship in which all five sides are teams of people. Each device, for
``--seconds``: about once a second sends a message (to one team or to all) or a new draft of
its team's orders; then the teacher ends the talks and every team with something to play seals
(China, with nothing on turn 1, is not waited for), and the turn must resolve on every device.
Measured:

- round trip: from a device sending a message to that device receiving it back from the server
  (every message reaches its sender's devices too): p50, p99, max;
- lost messages: every device of every team a message reaches must receive it exactly once;
- the server's CPU: during the load, and idle (30 devices connected, nobody doing anything)
  over ``--idle`` seconds, as a share of one core (from /proc: Linux).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
TEAMS = ("us", "rok", "dprk", "japan", "china")


def serve() -> None:
    """The server's process: host a five-team game, print its address and links, serve until stdin closes."""
    sys.path.insert(0, str(ROOT))
    from game.net.hub import Hub
    from game.net.server import DeviceServer
    from game.scenario.load import load_scenario
    from game.session import HUMAN, Session

    scenario = load_scenario(ROOT / "scenarios" / "washington-declaration-2023.yaml")
    session = Session(scenario, {a: HUMAN for a in scenario.actors}, 1)
    hub = Hub(session, talk_seconds=3600, auto_resolve=True)
    server = DeviceServer(hub, host="127.0.0.1", port=0)
    server.start()
    tokens = {team: hub.join(hub.room, team) for team in TEAMS}
    hub.start()
    print(json.dumps({"url": server.base_url, "tokens": tokens, "teacher": hub.teacher_token}), flush=True)
    sys.stdin.read()
    server.stop()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Device:
    def __init__(self, team: str, number: int, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.team, self.number, self.ws = team, number, ws
        self.received: dict[str, int] = {}  # message text -> times received
        self.state: dict[str, Any] = {}
        self.errors: list[str] = []

    async def listen(self, sent_at: dict[str, float], rtts: list[float]) -> None:
        async for frame in self.ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(frame.data)
            if data["type"] == "messages":
                now = time.perf_counter()
                for message in data["messages"]:
                    text = message["text"]
                    self.received[text] = self.received.get(text, 0) + 1
                    if text.startswith(f"{self.team}.{self.number}:"):  # its own, back from the server
                        rtts.append(now - sent_at[text])
            elif data["type"] == "state":
                self.state = data
            elif data["type"] == "error":
                self.errors.append(data["error"])


async def load(info: dict[str, Any], seconds: float, per_team: int, pid: int, idle: float) -> dict[str, Any]:
    sent_at: dict[str, float] = {}
    addressed: dict[str, str] = {}  # message text -> to
    rtts: list[float] = []
    rng = random.Random(1)
    async with aiohttp.ClientSession() as http:
        devices = []
        for team in TEAMS:
            for number in range(per_team):
                ws = await http.ws_connect(info["url"] + "/ws", max_msg_size=0)
                await ws.send_json({"type": "hello", "token": info["tokens"][team]})
                devices.append(Device(team, number, ws))
        listeners = [asyncio.create_task(d.listen(sent_at, rtts)) for d in devices]
        await asyncio.sleep(2)
        hands = {d.team: [c["id"] for c in d.state.get("hand", []) if c["playable"]] for d in devices}

        async def act(device: Device) -> None:
            end = time.perf_counter() + seconds
            count = 0
            while time.perf_counter() < end:
                await asyncio.sleep(rng.uniform(0.5, 1.5))
                if rng.random() < 0.6:
                    count += 1
                    text = f"{device.team}.{device.number}: message {count}"
                    to = rng.choice([t for t in (*TEAMS, "all") if t != device.team])
                    sent_at[text], addressed[text] = time.perf_counter(), to
                    await device.ws.send_json({"type": "say", "to": to, "text": text})
                else:
                    chosen = rng.sample(hands[device.team], k=min(1, len(hands[device.team])))
                    await device.ws.send_json({"type": "draft", "orders": [{"move": m} for m in chosen]})

        cpu_before, wall_before = cpu_seconds(pid), time.perf_counter()
        await asyncio.gather(*(act(d) for d in devices))
        cpu_load = (cpu_seconds(pid) - cpu_before) / (time.perf_counter() - wall_before)
        await asyncio.sleep(2)  # the last messages arrive

        teacher = await http.ws_connect(info["url"] + "/ws")
        await teacher.send_json({"type": "hello", "token": info["teacher"]})
        await teacher.send_json({"type": "end_talks"})
        await asyncio.sleep(1)
        for team in TEAMS:
            sealer = next(d for d in devices if d.team == team)
            mine = next((t for t in sealer.state.get("teams", []) if t["id"] == team), {})
            if mine.get("ordering") == "now":  # a team with nothing to play has no seal button, is not waited for
                await sealer.ws.send_json({"type": "seal", "orders": []})
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not all(d.state.get("turn") == 2 for d in devices):
            await asyncio.sleep(0.1)
        turn_resolved = all(d.state.get("turn") == 2 for d in devices)

        await asyncio.sleep(1)
        cpu_before, wall_before = cpu_seconds(pid), time.perf_counter()
        await asyncio.sleep(idle)
        cpu_idle = (cpu_seconds(pid) - cpu_before) / (time.perf_counter() - wall_before)

        for device in devices:
            await device.ws.close()
        await teacher.close()
        for task in listeners:
            task.cancel()

    expected = lost = duplicated = 0
    for text, to in addressed.items():
        sender = text.split(".", 1)[0]
        for device in devices:
            if to == "all" or device.team in (sender, to):
                expected += 1
                got = device.received.get(text, 0)
                lost += got == 0
                duplicated += got > 1
    rtts.sort()
    ms = [round(x * 1000, 1) for x in rtts]
    return {
        "devices": len(devices),
        "seconds": seconds,
        "messages_sent": len(addressed),
        "deliveries_expected": expected,
        "lost": lost,
        "duplicated": duplicated,
        "round_trip_ms": {
            "p50": ms[len(ms) // 2] if ms else None,
            "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else None,
            "max": ms[-1] if ms else None,
        },
        "errors": sorted({e for d in devices for e in d.errors}),
        "turn_resolved_on_every_device": turn_resolved,
        "server_cpu_under_load_pct_of_a_core": round(cpu_load * 100, 1),
        "server_cpu_idle_pct_of_a_core": round(cpu_idle * 100, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--devices-per-team", type=int, default=6)
    parser.add_argument("--idle", type=float, default=10)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        info = json.loads(child.stdout.readline())
        result = asyncio.run(load(info, args.seconds, args.devices_per_team, child.pid, args.idle))
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(20)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:40} {value}")
    ok = result["lost"] == 0 and result["duplicated"] == 0 and result["turn_resolved_on_every_device"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
