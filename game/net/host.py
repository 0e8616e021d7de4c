"""Hosting a game for the team devices: what the window (or a test) holds while it does.

The command line hands :func:`start_hosting` to the window, so the window never imports the
web stack itself; the window shows the QR code (as a matrix of modules it draws), the address
and the room code, and stops the server when the game is left.
"""

from __future__ import annotations

from pathlib import Path

from game.net.hub import Hub
from game.net.server import DEFAULT_PORT, DeviceServer
from game.session import Session


def devices_file(autosave: Path) -> Path:
    """Where the links of a hosted game are kept, beside its autosave (for resuming it)."""
    return autosave.with_name(autosave.name + ".devices")


class Hosting:
    """A hosted game: its hub (the phases, links and talks) and the server the devices reach."""

    def __init__(self, hub: Hub, server: DeviceServer) -> None:
        self.hub = hub
        self.server = server

    @property
    def join_url(self) -> str:
        return self.server.join_url()

    @property
    def teacher_url(self) -> str:
        return self.server.teacher_url()

    @property
    def room(self) -> str:
        return self.hub.room

    def qr(self, url: str | None = None) -> list[list[bool]]:
        """The QR code of the join page (or another address) as rows of dark (True) modules."""
        import segno

        code = segno.make(url or self.join_url, error="m")
        return [[bool(module) for module in row] for row in code.matrix]

    def stop(self) -> None:
        self.server.stop()


def start_hosting(
    session: Session,
    *,
    resume: bool = False,
    host: str | None = None,
    port: int = DEFAULT_PORT,
    lang: str | None = None,
    talk_seconds: int = 180,
    order_seconds: int = 0,
) -> Hosting:
    """Serve the game to the devices; OSError if no port can be opened.

    With ``resume`` (the game was reopened), the links kept beside the autosave still work,
    so the devices reconnect by themselves.
    """
    hub = Hub(session, talk_seconds=talk_seconds, order_seconds=order_seconds)
    if session.autosave is not None:
        state_file = devices_file(session.autosave)
        if not (resume and hub.restore(state_file)):
            hub.state_file = state_file
    server = DeviceServer(hub, host=host, port=port, lang=lang)
    server.start()
    hub.remember()
    return Hosting(hub, server)
