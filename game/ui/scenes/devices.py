"""The projector while teams play from their devices: the lobby (QR, address, room code) and the
public board while they talk and order. Never a hand: the projector is seen by the whole room.

The window does not import the web stack: the command line hands it ``start_hosting`` (game/net),
and these scenes read the hosted game's hub, which is plain Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.engine.view import events_seen, track_view
from game.i18n import ntr, pick, tr
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import Scene
from game.ui.widgets import Button
from game.ui.wording import ordering_text, turn_heading

if TYPE_CHECKING:
    from game.ui.app import App


def draw_qr(surface: pygame.Surface, rows: list[list[bool]], rect: pygame.Rect) -> pygame.Rect:
    """A QR code as dark squares on white, as large as fits in ``rect`` (with its quiet zone)."""
    count = len(rows) + 4
    size = max(1, min(rect.w, rect.h) // count)
    box = pygame.Rect(rect.x, rect.y, size * count, size * count)
    pygame.draw.rect(surface, th.WHITE, box)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                pygame.draw.rect(surface, (0, 0, 0), (box.x + (x + 2) * size, box.y + (y + 2) * size, size, size))
    return box


class LobbyScene(Scene):
    """Teams join: scan the code (or type the address), enter the room code, pick the team."""

    name = "devices-lobby"
    demo_delay = 3.0

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.hosting: Any = app.devices
        self.qr = self.hosting.qr()
        self.seen = -1
        self.bots = True  # seats nobody joined: bots (or, pressing H, teams at the laptop as before)

    def layout(self) -> None:
        start = Button(tr("Start the game"), self.begin, pygame.K_s, primary=True)
        seats = Button(self.seats_label(), self.toggle_seats, pygame.K_h)
        back = Button(tr("Stop hosting"), self.stop, pygame.K_ESCAPE)
        self.buttons = [start, seats, back]
        self.button_row(self.buttons, self.t.height - self.t.px(24))

    def seats_label(self) -> str:
        return tr("Seats not joined: bots (H)") if self.bots else tr("Seats not joined: at the laptop (H)")

    def toggle_seats(self) -> None:
        self.bots = not self.bots
        self.layout()

    def begin(self) -> None:
        hub = self.hosting.hub
        hub.start(bots_for_open_seats=self.bots)
        self.app.session = hub.session
        self.app.devices_started()

    def stop(self) -> None:
        self.app.stop_hosting()
        self.app.to_title()

    def update(self, dt: float) -> bool:
        hub = self.hosting.hub
        if hub.phase != "lobby":  # the teacher started from the teacher's page
            self.app.session = hub.session
            self.app.devices_started()
            return False
        if hub.version != self.seen:
            self.seen = hub.version
            self.app.dirty = True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        top = self.heading(surface, tr("Teams join from their devices"), str(self.app.session.scenario.title))
        side = min(t.width * 40 // 100, t.height - top - t.px(170))
        box = draw_qr(surface, self.qr, pygame.Rect(t.px(40), top + t.px(24), side, side))
        x = box.right + t.px(40)
        width = t.width - x - t.px(40)
        y = top + t.px(24)
        y += w.text(surface, tr("1. Scan the code, or open:"), t.font("large"), th.INK, (x, y), width=width)
        y += w.text(surface, self.hosting.join_url, t.font("heading", bold=True), th.NAVY, (x, y), width=width)
        y += t.px(16)
        y += w.text(surface, tr("2. Type the room code:"), t.font("large"), th.INK, (x, y), width=width)
        y += w.text(surface, self.hosting.room, t.font("title", bold=True), th.NAVY, (x, y), width=width)
        y += t.px(16)
        y += w.text(surface, tr("3. Choose your team."), t.font("large"), th.INK, (x, y), width=width)
        y += t.px(20)
        hub = self.hosting.hub
        joined = set(hub.joined())
        for actor in hub.session.humans:
            spec = hub.scenario.actors[actor]
            mark = tr("joined") if actor in joined else tr("waiting")
            colour = th.parse_colour(spec.colour)
            pygame.draw.rect(surface, colour, (x, y + t.px(4), t.px(18), t.px(18)), border_radius=t.px(4))
            line = f"{pick(spec.name)}: {mark}"
            y += w.text(surface, line, t.font("body", bold=actor in joined), th.INK, (x + t.px(28), y), width=width)
        note = tr("The teacher's page (its link is in the terminal) has the same controls and every team's link.")
        w.text(surface, note, t.font("small"), th.MUTED, (x, y + t.px(16)), width=width)
        self.draw_buttons(surface)


class ProjectorScene(Scene):
    """While teams talk and order on their devices: the public board, the phase, who sealed, the timer."""

    name = "devices-projector"
    demo_delay = 1.0

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.hosting: Any = app.devices
        self.seen = -1
        self.left: int | None = None
        self.phase = ""

    def layout(self) -> None:
        hub = self.hosting.hub
        self.phase = hub.phase
        end = Button(tr("End the talks (T)"), self.end_talks, pygame.K_t)
        more = Button(tr("One more minute (+)"), self.more_time, pygame.K_PLUS)
        self.buttons = [end, more] if hub.phase == "talks" else [more] if hub.deadline is not None else []
        self.button_row(self.buttons, self.t.height - self.t.px(16), centre=False, right=self.t.width - self.t.px(24))

    def end_talks(self) -> None:
        hub = self.hosting.hub
        if hub.phase == "talks":
            hub.to_orders()

    def more_time(self) -> None:
        hub = self.hosting.hub
        if hub.phase in ("talks", "orders"):
            hub.extend(60)

    def update(self, dt: float) -> bool:
        hub = self.hosting.hub
        hub.tick()
        if hub.all_sealed():
            self.app.devices_sealed()
            return False
        left = hub.seconds_left()
        if hub.version != self.seen or left != self.left:
            self.seen, self.left = hub.version, left
            if hub.phase != self.phase:
                self.layout()
            self.app.dirty = True
        return False

    def auto(self) -> None:
        """The demo has no devices: nothing to press."""

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        hub = self.hosting.hub
        session = hub.session
        scenario, state = session.scenario, session.state
        phase = tr("Talks") if hub.phase == "talks" else tr("Orders")
        top = self.heading(surface, f"{phase} · {turn_heading(scenario, state.turn)}", self.clock_text())
        left_w = t.width * 55 // 100
        y = top + t.px(20)
        for ref, track in scenario.all_tracks.items():
            seen = track_view(scenario, state, ref, None)  # the class at large: public tracks only
            if not seen.known:
                continue
            label = f"{scenario.track_label[ref]}: {seen.value if seen.exact else f'{seen.low}–{seen.high}'}"
            w.text(surface, label, t.font("body", bold=True), th.INK, (t.px(36), y), width=left_w - t.px(60))
            y += t.font("body").get_linesize() + t.px(2)
            span = None if seen.exact else (seen.low, seen.high)
            rect = pygame.Rect(t.px(36), y, left_w - t.px(72), t.px(18))
            w.meter(surface, t, rect, track, seen.value, span, th.NAVY)
            y += t.px(32)
        x = left_w + t.px(20)
        width = t.width - x - t.px(36)
        ty = top + t.px(20)
        for event in events_seen(scenario, state, None):  # a private event is not for the projector
            name = pick(scenario.events[event].name)
            ty += w.text(surface, name, t.font("large", bold=True), th.INK, (x, ty), width=width, max_lines=2)
        ty += t.px(20)
        doing = (
            tr("Teams are talking on their devices.") if hub.phase == "talks" else tr("Teams are ordering in secret.")
        )
        ty += w.text(surface, doing, t.font("large", bold=True), th.NAVY, (x, ty), width=width)
        deals = sum(p.status == "accepted" for p in hub.proposals.values())  # how many, never which
        if deals:
            agreed = ntr(
                "{n} deal agreed in the talks: takes effect this turn.",
                "{n} deals agreed in the talks: take effect this turn.",
                deals,
            )
            ty += w.text(surface, agreed, t.font("body"), th.NAVY, (x, ty), width=width)
        ty += t.px(8)
        sealed = set(hub.sealed)
        for actor in hub.device_teams():
            spec = scenario.actors[actor]
            busy = tr("still ordering…") if hub.phase == "orders" else tr("talking")
            mark = tr("sealed") if actor in sealed else ordering_text(hub.ordering(actor)) or busy
            pygame.draw.rect(surface, th.parse_colour(spec.colour), (x, ty + t.px(8), t.px(20), t.px(20)))
            ty += w.text(
                surface,
                f"{pick(spec.name)}: {mark}",
                t.font("large", bold=actor in sealed),
                th.INK,
                (x + t.px(28), ty),
                width=width - t.px(28),
            )
        note = tr("Room {room} · {url}", room=hub.room, url=self.hosting.join_url)
        w.text(surface, note, t.font("small"), th.MUTED, (t.px(36), t.height - t.px(44)), width=left_w)
        self.draw_buttons(surface)

    def clock_text(self) -> str:
        left = self.hosting.hub.seconds_left()
        if left is None:
            return ""
        return f"{left // 60}:{left % 60:02d}"
