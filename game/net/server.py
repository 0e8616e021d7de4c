"""The local web server the team devices join: pages, a WebSocket per device, nothing else.

aiohttp serves the pages and the sockets from one event loop in a thread of its own; the game
itself is the :class:`~game.net.hub.Hub` (plain Python, under a lock), so the window's thread
and this one drive the same game. The server listens only while a game is hosted.

What a device sends is untrusted: frames are size-limited (aiohttp closes an oversized one),
parsed as JSON with limits, checked field by field, and rate-limited per device; a device that
floods is cut off without slowing the others. Nothing received is ever executed or put into a
page as markup: the pages' script writes text with ``textContent`` only, and the
Content-Security-Policy forbids any script but the page's own file.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from game.engine.dialogue import MAX_TEXT, message_json
from game.i18n import language, speaking, tr
from game.net import views
from game.net.hub import MAX_ORDERS, Hub, Refused, order_from

MAX_FRAME = 16 * 1024  # bytes of one frame from a device: an order list or a message is far smaller
RATE = 8.0  # frames a second a device may keep sending
BURST = 30.0  # and in a burst
CUT_OFF_AFTER = 40  # frames refused for rate in a row: the device is flooding, close it
HELLO_SECONDS = 10.0  # a socket that does not say who it is in this time is closed
MAX_JOINS = 20  # join attempts per address per minute (the room code is short)
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
STATIC = {"app.js": "text/javascript", "style.css": "text/css"}
DEFAULT_PORT = 8765


def lan_address() -> str:
    """The address other devices on the school network reach this computer at (127.0.0.1 if none).

    Connecting a UDP socket sends nothing; it only asks the system which interface it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def _static(name: str) -> bytes:
    return resources.files("game.net").joinpath("static", name).read_bytes()


class Bucket:
    """A token bucket: RATE frames a second, BURST at once."""

    def __init__(self, rate: float = RATE, burst: float = BURST) -> None:
        self.rate, self.burst = rate, burst
        self.level = burst
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level >= 1:
            self.level -= 1
            return True
        return False


class Device:
    """One open socket: a team's device (``actor``) or the teacher's page (``actor`` None)."""

    def __init__(self, ws: web.WebSocketResponse, token: str, actor: str | None, lang: str, seen: int) -> None:
        self.ws = ws
        self.token = token
        self.actor = actor
        self.lang = lang
        self.seen = seen  # the last message id this device has
        self.version: tuple[int, int] = (-1, -1)  # the state it was sent last
        self.bucket = Bucket()
        self.refused = 0


class DeviceServer:
    """The web server of one hosted game, run in a thread of its own."""

    def __init__(self, hub: Hub, *, host: str | None = None, port: int = DEFAULT_PORT, lang: str | None = None):
        self.hub = hub
        self.host = host or lan_address()
        self.port = port
        self.lang = lang or language()
        self.devices: set[Device] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.runner: web.AppRunner | None = None
        self.wake: asyncio.Event | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.joins: dict[str, list[float]] = {}
        self.started = threading.Event()
        self.error: BaseException | None = None
        self.cache: dict[tuple[str, str], tuple[tuple[int, int], str]] = {}  # (team, lang) -> (version, frame)

    # --- addresses -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def join_url(self) -> str:
        return f"{self.base_url}/join"

    def team_url(self, actor: str) -> str:
        return f"{self.base_url}/team#{self.hub.link_for(actor)}"

    def teacher_url(self) -> str:
        return f"{self.base_url}/teacher#{self.hub.teacher_token}"

    # --- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Listen (in a thread of its own) and return once the port is open; OSError if it cannot."""
        self.thread = threading.Thread(target=self._run, name="devices-server", daemon=True)
        self.thread.start()
        self.started.wait(15)
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self.loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except BaseException as error:  # the port is taken, the address is gone: the window says so
            self.error = error
            self.started.set()
            loop.close()
            return
        self.started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._close())
            loop.close()

    async def _open(self) -> None:
        self.wake = asyncio.Event()
        self.hub.listeners.append(self._changed)
        app = web.Application(middlewares=[self._headers], client_max_size=MAX_FRAME)
        app.router.add_get("/", self._join_page)
        app.router.add_get("/join", self._join_page)
        app.router.add_get("/team", self._team_page)
        app.router.add_get("/teacher", self._teacher_page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/qr.svg", self._qr)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/ws", self._socket)
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        last: OSError | None = None
        ports = range(self.port, self.port + 20) if self.port else [0]  # the usual port, or the next free one
        for port in ports:
            try:
                await web.TCPSite(self.runner, self.host, port, reuse_address=True).start()
            except OSError as error:
                last = error
                continue
            self.port = self.runner.addresses[-1][1]
            break
        else:
            raise last or OSError("no free port")
        loop = asyncio.get_running_loop()
        self.tasks = [loop.create_task(self._push_loop()), loop.create_task(self._clock_loop())]

    async def _close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for device in list(self.devices):
            await device.ws.close()
        if self.runner is not None:
            await self.runner.cleanup()

    def stop(self) -> None:
        """Stop listening: the server runs only while a game is hosted."""
        if self._changed in self.hub.listeners:
            self.hub.listeners.remove(self._changed)
        if self.loop is not None and self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        if self.thread is not None:
            self.thread.join(10)

    def _changed(self) -> None:
        """The hub changed (from any thread): wake the pusher."""
        loop, wake = self.loop, self.wake
        if loop is not None and wake is not None and not loop.is_closed():
            loop.call_soon_threadsafe(wake.set)

    # --- pages -------------------------------------------------------------------------------

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        response.headers.update(HEADERS)
        return response

    def _page_lang(self, request: web.Request) -> str:
        asked = request.query.get("lang", "")
        return asked if asked in ("en", "ko") else self.lang

    def _page(self, request: web.Request, kind: str) -> web.Response:
        lang = self._page_lang(request)
        with speaking(lang):
            title = {"join": tr("Join the game"), "team": tr("Your team"), "teacher": tr("Teacher")}[kind]
            data = {"kind": kind, "words": views.words(lang), "lang": lang, "max_text": MAX_TEXT}
            if kind == "join":
                data["teams"] = [
                    {"id": a, "name": str(self.hub.scenario.actors[a].name)} for a in self.hub.open_seats()
                ]
                data["join_words"] = {
                    "room": tr("Room code"),
                    "team": tr("Your team"),
                    "join": tr("Join"),
                    "none": tr("Every team has joined. Ask your team for its link, or the teacher."),
                }
            page = Template(_static("page.html").decode("utf-8")).substitute(
                lang=lang,
                title=_escape(title),
                game=_escape(tr("Deterrence & Dialogue")),
                noscript=_escape(tr("This page needs JavaScript.")),
                data=json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
            )
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def _join_page(self, request: web.Request) -> web.Response:
        return self._page(request, "join")

    async def _team_page(self, request: web.Request) -> web.Response:
        return self._page(request, "team")

    async def _teacher_page(self, request: web.Request) -> web.Response:
        return self._page(request, "teacher")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            raise web.HTTPNotFound()
        return web.Response(body=_static(name), content_type=STATIC[name], charset="utf-8")

    async def _qr(self, request: web.Request) -> web.Response:
        import segno

        out = io.BytesIO()
        segno.make(self.join_url(), error="m").save(out, kind="svg", scale=6, border=2)
        return web.Response(body=out.getvalue(), content_type="image/svg+xml")

    async def _join(self, request: web.Request) -> web.Response:
        """A device claims an open seat with the room code: it gets its team's token."""
        address = request.remote or "?"
        now = time.monotonic()
        recent = [t for t in self.joins.get(address, []) if now - t < 60]
        self.joins[address] = [*recent, now]
        if len(recent) >= MAX_JOINS:
            return web.json_response({"error": tr("Too many tries: wait a minute.")}, status=429)
        try:
            body = await request.json(loads=_loads)
        except (ValueError, UnicodeDecodeError):
            return web.json_response({"error": "not JSON"}, status=400)
        if not isinstance(body, dict):
            return web.json_response({"error": "not an object"}, status=400)
        try:
            token = self.hub.join(body.get("room"), body.get("team"))
        except Refused as error:
            return web.json_response({"error": str(error)}, status=403)
        return web.json_response({"token": token})

    # --- sockets -------------------------------------------------------------------------------

    def _same_origin(self, request: web.Request) -> bool:
        """A page of another site may not open a socket here (the browser says where it comes from)."""
        origin = request.headers.get("Origin")
        return origin is None or urlsplit(origin).netloc == request.host

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            raise web.HTTPForbidden(text="another site's page")
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME, heartbeat=20, autoping=True)
        await ws.prepare(request)
        device = await self._hello(ws)
        if device is None:
            return ws
        self.devices.add(device)
        try:
            await self._send_news(device)
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    await self._frame(device, frame.data)
                elif frame.type == WSMsgType.ERROR:
                    break
                else:
                    await self._error(device, "text frames only")
        finally:
            self.devices.discard(device)
        return ws

    async def _hello(self, ws: web.WebSocketResponse) -> Device | None:
        """The first frame says who the device is; anything else closes the socket."""
        try:
            frame = await ws.receive(timeout=HELLO_SECONDS)
        except TimeoutError:
            await ws.close(code=4408, message=b"no hello")
            return None
        data = _parse(frame.data) if frame.type == WSMsgType.TEXT else None
        if not isinstance(data, dict) or data.get("type") != "hello":
            await ws.close(code=4400, message=b"say hello first")
            return None
        token, seen, lang = data.get("token"), data.get("seen", 0), data.get("lang")
        lang = lang if lang in ("en", "ko") else self.lang
        seen = seen if isinstance(seen, int) and not isinstance(seen, bool) and seen >= 0 else 0
        if self.hub.is_teacher(token):
            return Device(ws, str(token), None, lang, seen)
        actor = self.hub.team_of(token)
        if actor is None:
            await ws.send_json({"type": "refused", "error": tr("This link does not work (any more).")})
            await ws.close(code=4403, message=b"unknown token")
            return None
        return Device(ws, str(token), actor, lang, seen)

    async def _frame(self, device: Device, text: str) -> None:
        if not device.bucket.take():
            device.refused += 1
            if device.refused >= CUT_OFF_AFTER:
                await device.ws.close(code=4429, message=b"too many frames")
            elif device.refused == 1:
                await self._error(device, "too many messages: slow down")
            return
        device.refused = 0
        data = _parse(text)
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            await self._error(device, "not a JSON object with a type")
            return
        kind = data["type"]
        if kind == "ping":
            await device.ws.send_json({"type": "pong", "nonce": _short(data.get("nonce"))})
            return
        handler = (TEACHER_ACTIONS if device.actor is None else TEAM_ACTIONS).get(kind)
        if handler is None:
            await self._error(device, f"unknown request {kind[:30]!r}")
            return
        if not self._still_valid(device):  # the teacher moved the team to another device
            await device.ws.close(code=4403, message=b"link moved")
            return
        try:
            reply = handler(self, device, data)
        except Refused as error:
            await self._error(device, str(error), data.get("nonce"))
            return
        if reply is not None:
            await device.ws.send_json(reply)
        await self._push()

    def _still_valid(self, device: Device) -> bool:
        if device.actor is None:
            return self.hub.is_teacher(device.token)
        return self.hub.team_of(device.token) == device.actor

    async def _error(self, device: Device, text: str, nonce: object = None) -> None:
        if not device.ws.closed:
            await device.ws.send_json({"type": "error", "error": text, "nonce": _short(nonce)})

    # --- pushing the news -------------------------------------------------------------------

    async def _push_loop(self) -> None:
        assert self.wake is not None
        while True:
            await self.wake.wait()
            self.wake.clear()
            await self._push()

    async def _clock_loop(self) -> None:
        """Once a second: the talks end when their time is up; what was said is autosaved."""
        while True:
            await asyncio.sleep(1.0)
            if self.hub.deadline is not None:
                self.hub.tick()
            if self.hub.unsaved_talk:
                await asyncio.get_running_loop().run_in_executor(None, self.hub.keep_talk)

    async def _push(self) -> None:
        for device in list(self.devices):
            try:
                await self._send_news(device)
            except (ConnectionError, RuntimeError):
                self.devices.discard(device)

    async def _send_news(self, device: Device) -> None:
        """New messages that reach the device, then the state if it changed."""
        if device.ws.closed:
            self.devices.discard(device)
            return
        if not self._still_valid(device):
            await device.ws.send_json({"type": "refused", "error": tr("This link does not work (any more).")})
            await device.ws.close(code=4403, message=b"link moved")
            self.devices.discard(device)
            return
        with self.hub.lock:
            fresh = self.hub.messages_for(device.actor, device.seen)
            version = self.hub.version_for(device.actor)
            frame = self._state_frame(device, version) if version != device.version else None
        if fresh:
            await device.ws.send_json({"type": "messages", "messages": [message_json(m) for m in fresh]})
            device.seen = fresh[-1].id
        if frame is not None:
            await device.ws.send_str(frame)
            device.version = version

    def _state_frame(self, device: Device, version: tuple[int, int]) -> str:
        """The state for a device, as text: made once per team, language and change, not per device."""
        key = (device.actor or "", device.lang)
        cached = self.cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        if device.actor is None:
            links = {a: self.team_url(a) for a in self.hub.session.humans}
            data = views.teacher_state(self.hub, device.lang, links)
        else:
            data = views.team_state(self.hub, device.actor, device.lang)
        frame = json.dumps(data, ensure_ascii=False)
        self.cache[key] = (version, frame)
        return frame


# --- what a device may ask ----------------------------------------------------------------------


def _orders(data: dict[str, Any]) -> list[Any]:
    raw = data.get("orders")
    if not isinstance(raw, list) or len(raw) > MAX_ORDERS:
        raise Refused("orders are a list of at most 20")
    orders = [order_from(o) for o in raw]
    if any(o is None for o in orders):
        raise Refused("a malformed order")
    return orders


def _draft(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    assert device.actor is not None
    server.hub.draft(device.actor, _orders(data))


def _seal(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    assert device.actor is not None
    server.hub.seal(device.actor, _orders(data))


def _say(server: DeviceServer, device: Device, data: dict[str, Any]) -> dict[str, Any]:
    assert device.actor is not None
    message = server.hub.say(device.actor, data.get("to"), data.get("text"))
    return {"type": "said", "id": message.id, "nonce": _short(data.get("nonce"))}


def _propose(server: DeviceServer, device: Device, data: dict[str, Any]) -> dict[str, Any]:
    assert device.actor is not None
    message = server.hub.propose(device.actor, data.get("to"), data.get("move"), data.get("text", ""))
    return {"type": "said", "id": message.id, "nonce": _short(data.get("nonce"))}


def _answer(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    assert device.actor is not None
    server.hub.answer(device.actor, data.get("proposal"), data.get("accept"))


def _extend(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    seconds = data.get("seconds", 60)
    server.hub.extend(seconds if isinstance(seconds, int) and not isinstance(seconds, bool) else 60)


def _end_talks(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    if server.hub.phase != "talks":
        raise Refused("the talks are not on")
    server.hub.to_orders()


def _new_link(server: DeviceServer, device: Device, data: dict[str, Any]) -> dict[str, Any]:
    team = data.get("team")
    if not isinstance(team, str):
        raise Refused("which team?")
    server.hub.new_link(team)
    return {"type": "link", "team": team, "url": server.team_url(team)}


def _start(server: DeviceServer, device: Device, data: dict[str, Any]) -> None:
    server.hub.start(bots_for_open_seats=data.get("bots", True) is not False)


Action = Callable[[DeviceServer, Device, dict[str, Any]], dict[str, Any] | None]
TEAM_ACTIONS: dict[str, Action] = {
    "draft": _draft,
    "seal": _seal,
    "say": _say,
    "propose": _propose,
    "answer": _answer,
}
TEACHER_ACTIONS: dict[str, Action] = {
    "extend": _extend,
    "end_talks": _end_talks,
    "new_link": _new_link,
    "start": _start,
}


# --- parsing -----------------------------------------------------------------------------------


class _TooDeep(ValueError):
    pass


def _number(digits: str) -> int:
    if len(digits) > 12:
        raise ValueError("a number too long")
    return int(digits)


def _no_float(text: str) -> float:
    raise ValueError("no fractions here")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_number, parse_float=_no_float, parse_constant=_no_constant)


def _parse(text: object) -> Any:
    """A frame as JSON, or None: numbers are short whole ones, and it is never deep."""
    if not isinstance(text, str) or len(text) > MAX_FRAME:
        return None
    if text.count("[") + text.count("{") > 200:  # no deeply nested bombs
        return None
    try:
        return _loads(text)
    except (ValueError, RecursionError):
        return None


def _short(value: object) -> str | int | None:
    """A device's nonce, echoed back only if it is a short string or a number."""
    if isinstance(value, str) and len(value) <= 40:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
