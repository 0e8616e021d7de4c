"""The board-game window: a stack of scenes, the flow of a game, and a loop that sleeps.

The loop blocks in ``pygame.event.wait`` while nothing moves (near-zero CPU on an idle
board) and runs at the display's rate only while an animation plays.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.engine.errors import SaveError
from game.engine.save import clean_stale_temps, previous_of
from game.i18n import ntr, pick, set_language, tr
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.model import Scenario, Text
from game.ui import autosave, widgets
from game.ui import theme as th
from game.ui.board import MapLayer
from game.ui.display import NoDisplay, no_display_message
from game.ui.scenes.base import Scene
from game.ui.scenes.saving import OWN_SCENES, draw_unsaved_banner
from game.ui.session import Session
from game.ui.settings import load_settings, save_settings
from game.ui.sound import Sounds
from game.ui.timer import PhaseTimer
from game.ui.wording import save_problem


def help_sections() -> list[tuple[str, str]]:
    """The help screen's sections, in the current language (asked again when the language changes)."""
    return [
        (
            tr("The goal"),
            tr(
                "Each team pursues its objectives (right panel). "
                "If the escalation ladder reaches its top, everyone loses."
            ),
        ),
        (
            tr("A turn"),
            tr("Event cards → each team gives secret orders → the reveal, step by step → the next turn."),
        ),
        (
            tr("Your hand"),
            tr(
                "←/→ choose a card, Space pick or drop it, I learn more about it, S seal your orders. "
                "Each card costs political capital; you have a budget each turn."
            ),
        ),
        (
            tr("Offers"),
            tr("An offer from another team appears first in your hand: Space cycles accept / reject / counter."),
        ),
        (
            tr("The board"),
            tr(
                "Click a track to learn what it means. Hidden tracks show a range, not the value. "
                "A mark on a track shows where an ending begins: red if the game then ends at once, "
                "navy if it is scored at the end."
            ),
        ),
        (
            tr("Anywhere"),
            tr(
                "F1 this help · F3 the glossary · F11 full screen · Ctrl + / Ctrl - bigger or smaller text · "
                "M sound on or off · Esc back. Point at a track or a card to see what it is."
            ),
        ),
        (
            tr("The teacher"),
            tr(
                "F2 opens the teacher's controls: pause, the timer, play an event card, adjust a track, "
                "give a team's orders, reveal every order, undo the last turn, end the game."
            ),
        ),
    ]


class HelpScene(Scene):
    name = "help"

    def layout(self) -> None:
        from game.ui.widgets import Button

        self.buttons = [Button(tr("Close"), self.app.pop, pygame.K_ESCAPE, primary=True)]
        if self.app._session is not None and self.app.session.scenario.glossary:
            self.buttons.insert(0, Button(tr("Glossary (F3)"), self.glossary, pygame.K_g))
        self.button_row(self.buttons, self.t.height - self.t.px(40))

    def glossary(self) -> None:
        self.app.pop()
        self.app.show_glossary()

    def draw(self, surface: pygame.Surface) -> None:

        super().draw(surface)
        t = self.t
        top = self.heading(surface, tr("How to play"), "F1") + t.px(24)
        bottom = min(button.rect.top for button in self.buttons) - t.px(12)
        # big text on a small screen: the help scrolls (Page Down) rather than run under the buttons
        self.scrolled(surface, pygame.Rect(0, top, t.width, bottom - top), lambda y: self.draw_text(surface, y))
        self.draw_buttons(surface)

    def draw_text(self, surface: pygame.Surface, y: int) -> int:
        from game.ui import widgets as w

        t = self.t
        for title, body in help_sections():
            y += w.text(surface, title, t.font("large", bold=True), th.NAVY, (t.px(60), y), width=t.width - t.px(120))
            y += w.text(surface, body, t.font("body"), th.INK, (t.px(60), y), width=t.width - t.px(120)) + t.px(14)
        return y


class GlossaryScene(Scene):
    """The scenario's glossary: each term and what it means, a page at a time."""

    name = "glossary"

    def __init__(self, app: App, terms: list[tuple[Text | str, Text | str]]) -> None:
        super().__init__(app)
        self.scenario_terms = terms  # picked in the language of the moment, so a switch re-words them
        self.start = 0
        self.shown = 0

    def layout(self) -> None:
        from game.ui.widgets import Button

        self.buttons = [
            Button(tr("More (PgDn)"), self.more, pygame.K_PAGEDOWN),
            Button(tr("Close"), self.app.pop, pygame.K_ESCAPE, primary=True),
        ]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    @property
    def terms(self) -> list[tuple[str, str]]:
        return [(pick(term), pick(meaning)) for term, meaning in self.scenario_terms]

    def more(self) -> None:
        self.start = self.start + self.shown if self.start + self.shown < len(self.terms) else 0
        self.app.dirty = True

    def draw(self, surface: pygame.Surface) -> None:
        from game.ui import widgets as w

        super().draw(surface)
        t = self.t
        count = ntr("{n} term", "{n} terms", len(self.scenario_terms))
        top = self.heading(surface, tr("Glossary"), tr("{count} · F3", count=count)) + t.px(24)
        bottom = t.height - t.px(110)
        x, width = t.px(60), t.width - t.px(120)
        self.shown = 0
        for term, meaning in self.terms[self.start :]:
            need = (
                t.font("body", bold=True).get_linesize()
                + len(w.wrap(t.font("body"), meaning, width)) * t.font("body").get_linesize()
            )
            if top + need > bottom and self.shown:
                break
            top += w.text(surface, term, t.font("body", bold=True), th.NAVY, (x, top), width=width)
            top += w.text(surface, meaning, t.font("body"), th.INK, (x, top), width=width) + t.px(12)
            self.shown += 1
        self.buttons[0].enabled = len(self.terms) > self.shown
        self.draw_buttons(surface)


class App:
    """The window and the game flow; scenes call its methods to move the game on."""

    def __init__(
        self,
        start_path: Path,
        *,
        scenario_dir: Path,
        data_dir: Path,
        size: tuple[int, int] = (1600, 900),
        speed: float = 1.0,
        fullscreen: bool = False,
        demo: bool = False,
        seed: int | None = None,
        screenshots: Path | None = None,
        exit_at_end: bool = False,
        resume: bool = False,
        replay: Path | None = None,
        lang: str | None = None,
        host_devices: Callable[..., Any] | None = None,
        devices: bool = False,
    ) -> None:
        self.start_path = start_path
        self.scenario_dir = scenario_dir
        self.data_dir = data_dir
        self.user_scenario_dir = data_dir / "scenarios"
        self.games_dir = autosave.games_dir(data_dir)  # every game keeps its own save, written after each turn
        self.autosave_path = data_dir / autosave.LEGACY_AUTOSAVE  # the game being played (set when it starts)
        self.replay_path = replay
        self.size = size
        self.fullscreen = fullscreen
        self.demo = demo
        self.seed = seed
        self.screenshots = screenshots
        self.exit_at_end = exit_at_end
        self.resume = resume
        # Team devices: the command line hands over game.net's start_hosting (the window does not
        # import the web stack); `devices` is the teacher's choice to host (--devices, or setup).
        self.host_devices = host_devices
        self.want_devices = devices
        self.devices: Any = None  # the hosted game while teams play from their devices
        self.stack: list[Scene] = []
        self.running = True
        self.dirty = True
        self._session: Session | None = None
        self.map_layer: MapLayer
        self.shot_names: set[str] = set()
        self.idle = 0.0
        self.settings_path = data_dir / "settings.json"
        self.settings = load_settings(self.settings_path)
        self.ui_scale = self.settings.ui_scale
        # --lang for this run, else the language chosen on the title screen last time, else the system's
        self.lang = set_language(lang or self.settings.lang)
        self.sound = Sounds()
        self.toast = ("", 0.0)  # a short message over any screen, and how long it stays
        self.speed = speed  # the demo's pace: 2.0 plays twice as fast
        self.timer = PhaseTimer(0)  # the teacher's countdown for each team's orders
        self.banner = pygame.Rect(0, 0, 0, 0)  # the "not saved" banner, while there is one: a click opens its fix
        for folder in (self.games_dir, data_dir):
            clean_stale_temps(folder)  # what a save killed midway (power cut, full disk) left behind

    @property
    def session(self) -> Session:
        """The game being played; scenes that show a game exist only while there is one."""
        if self._session is None:
            raise RuntimeError("no game is being played")
        return self._session

    @session.setter
    def session(self, value: Session) -> None:
        self._session = value

    # --- window ---------------------------------------------------------------------------

    def open_window(self) -> pygame.Surface:
        try:
            pygame.display.init()
            pygame.font.init()
            pygame.display.set_caption(tr("Deterrence & Dialogue"))
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.fullscreen else 0)
            self.screen = pygame.display.set_mode((0, 0) if self.fullscreen else self.size, flags)
        except pygame.error as error:
            raise NoDisplay(str(error)) from None
        self.theme = th.Theme(self.screen.get_size(), self.ui_scale)
        pygame.key.set_repeat(400, 60)
        if self.settings.sound and not self.demo:
            self.sound.switch(True)
        return self.screen

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.fullscreen else 0)
        self.screen = pygame.display.set_mode((0, 0) if self.fullscreen else self.size, flags)
        self.resized(self.screen.get_size())

    def resized(self, size: tuple[int, int]) -> None:
        self.theme.resize(size)
        for scene in self.stack:
            scene.layout()
        self.dirty = True

    def set_scale(self, factor: float) -> None:
        self.ui_scale = max(0.6, min(1.8, factor))
        self.theme.ui_scale = self.ui_scale
        self.resized(self.screen.get_size())
        self.keep_settings(ui_scale=self.ui_scale)

    def set_lang(self, lang: str) -> None:
        """Speak another language from now on, remembered for the next class; every screen is laid out
        again, so buttons are measured in the new words."""
        self.lang = set_language(lang)
        self.keep_settings(lang=self.lang)
        pygame.display.set_caption(tr("Deterrence & Dialogue"))
        for scene in self.stack:
            scene.layout()
        self.dirty = True

    def toggle_sound(self) -> None:
        """M: sound on or off, remembered for next time; says which, or why it cannot."""
        if self.sound.switch(not self.sound.on):
            self.show_toast(tr("Sound on (M to switch off)") if self.sound.on else tr("Sound off (M to switch on)"))
            self.keep_settings(sound=self.sound.on)
        else:
            self.show_toast(self.sound.problem)

    def keep_settings(self, **changes: object) -> None:
        self.settings = self.settings.with_(**changes)
        save_settings(self.settings_path, self.settings)

    def show_toast(self, text: str, seconds: float = 2.0) -> None:
        self.toast = (text, seconds)
        self.dirty = True

    # --- scenes ---------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.stack[-1]

    def push(self, scene: Scene) -> None:
        if self.stack:
            self.capture()
        self.stack.append(scene)
        scene.enter()
        self.idle = 0.0
        self.dirty = True

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.scene.layout()
        self.idle = 0.0
        self.dirty = True

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.capture()
            self.stack.pop()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        if self.stack:
            self.capture()
        self.stack = []
        self.push(scene)

    def capture(self) -> None:
        """With --screenshots: save the last frame of each kind of screen, once."""
        if self.screenshots is None or not self.stack:
            return
        scene = self.scene
        if scene.name in self.shot_names:
            return
        self.draw()
        self.shot_names.add(scene.name)
        self.screenshots.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(self.screenshots / f"{len(self.shot_names):02d}-{scene.name}.png"))

    def scene_below(self, scene: Scene) -> Scene | None:
        index = self.stack.index(scene)
        return self.stack[index - 1] if index > 0 else None

    def quit(self) -> None:
        self.running = False

    def show_help(self) -> None:
        if self.scene.name != "help":
            self.push(HelpScene(self))

    def show_glossary(self) -> None:
        if self._session is None or self.scene.name == "glossary":
            return
        glossary = self.session.scenario.glossary
        terms: list[tuple[Text | str, Text | str]] = [(entry.name(key), entry.text) for key, entry in glossary.items()]
        if terms:
            self.push(GlossaryScene(self, terms))

    def show_teacher(self) -> None:
        from game.ui.scenes.teacher import IN_GAME, TeacherScene

        if self._session is not None and self.scene.name in IN_GAME:
            self.push(TeacherScene(self))

    # --- the teacher's controls -------------------------------------------------------------------

    def after_intervention(self, *, show_events: bool) -> None:
        """Back to the game after the teacher changed it: the ending if it ended, else the turn."""
        from game.ui.scenes.play import EventScene

        if self.session.state.over:
            self.after_reveal()
        elif show_events:
            self.reset(EventScene(self))
        else:
            self.resume_turn()

    def resume_turn(self) -> None:
        """Carry on with the turn in progress: the next team to order, or the reveal."""
        self.next_team()

    def teacher_orders(self, actor: str) -> None:
        """The teacher gives (or changes) one team's orders for this turn, in the open."""
        from game.ui.scenes.play import OrdersScene

        self.timer.restart()
        self.reset(OrdersScene(self, actor, teacher=True))

    def undo_turn(self) -> None:
        if self.session.undo():
            self.begin_turn()
        else:
            self.pop()

    def end_early(self) -> None:
        from game.engine.state import Intervention

        # no reason: the log says "The teacher ended the game before turn 4." in every language
        self.session.intervene(Intervention("end", reason=""))
        self.after_reveal()

    # --- the game flow ------------------------------------------------------------------------

    def open_scenario(self, path: Path) -> None:
        from game.ui.scenes.menu import ProblemsScene, SetupScene

        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            self.push(ProblemsScene(self, Path(path), error.problems))
            return
        self.use_map(scenario)
        setup = SetupScene(self, scenario)
        if self.demo:
            setup.seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
        self.push(setup)

    def use_map(self, scenario: Scenario) -> None:
        """The map layer of this scenario (kept when it is the same scenario)."""
        layer = getattr(self, "map_layer", None)
        if layer is None or layer.scenario is not scenario:
            self.map_layer = MapLayer(scenario)

    def start_game(self, scenario: Scenario, seats: dict[str, str]) -> None:
        from game.ui.scenes.play import BriefingScene

        seed = self.seed if self.seed is not None else random.SystemRandom().randrange(2**32)
        self.use_map(scenario)
        self.autosave_path = self.new_save_path(scenario.id, seed)
        self.session = Session(scenario, seats, seed, autosave=self.autosave_path)
        self.session.keep()
        if self.want_devices and self.start_hosting():
            from game.ui.scenes.devices import LobbyScene

            self.reset(LobbyScene(self))
            return
        self.reset(BriefingScene(self))

    def new_save_path(self, scenario_id: str, seed: int, note: str = "") -> Path:
        """A fresh file in the games folder: a new game never overwrites an earlier one."""
        return autosave.new_save_path(self.games_dir, scenario_id, seed, note)

    def saved_games(self) -> list[Path]:
        """Every saved game, the most recently played first."""
        return autosave.saved_games(self.games_dir, self.autosave_path)

    def load_session(self, path: Path) -> Session:
        """The game in a save file, replayed; SaveError, ScenarioError or OSError say why not."""
        return autosave.open_session(path, self.start_path)

    def open_save(self, path: Path) -> Session | None:
        """The game in a save file, replayed; on a problem, say so on screen and return None."""
        from game.scenario.load import Problem
        from game.ui.scenes.menu import ProblemsScene

        try:
            session = self.load_session(path)
        except ScenarioError as error:
            self.push(ProblemsScene(self, path, error.problems))
            return None
        except (SaveError, OSError) as error:
            self.push(ProblemsScene(self, path, [Problem(str(path), 1, 1, save_problem(error))]))
            return None
        self.use_map(session.scenario)
        return session

    def continue_last(self) -> None:
        """Reopen the last game at the start of the turn after its last completed one.

        If its save is damaged, say why and offer the save before it (kept as NAME.json.prev).
        """
        from game.ui.scenes.saving import DamagedSaveScene

        games = self.saved_games()
        if not games:
            return
        try:
            session = self.load_session(games[0])
        except (SaveError, OSError) as error:
            previous = self.previous_session(games[0])
            self.push(DamagedSaveScene(self, games[0], save_problem(error), previous))
            return
        except ScenarioError:
            self.open_save(games[0])  # the scenario's own problems, on their screen
            return
        self.continue_session(session, games[0])

    def previous_session(self, path: Path) -> Session | None:
        """The game as its previous save holds it, if that save is whole."""
        previous = previous_of(path)
        if not previous.is_file():
            return None
        try:
            session = self.load_session(previous)
        except (SaveError, ScenarioError, OSError):
            return None
        session.autosave = path  # saved where the game belongs, over the damaged file
        return session

    def continue_session(self, session: Session, path: Path) -> None:
        self.use_map(session.scenario)
        self.session = session
        self.autosave_path = path
        if self.host_devices is not None and path.with_name(path.name + ".devices").is_file():
            self.start_hosting(resume=True)  # the devices reconnect with the links they had
        if self.session.state.over:
            self.after_reveal()
        else:
            self.begin_turn()

    def save_elsewhere(self, folder: Path) -> bool:
        """Autosave this game (and the next ones) in another folder; False if it cannot be written there."""
        if not self.session.save_in(folder):
            return False
        self.games_dir = folder
        self.autosave_path = self.session.autosave or self.autosave_path
        return True

    def show_save_elsewhere(self) -> None:
        from game.ui.scenes.saving import SaveElsewhereScene

        if self._session is not None and self.scene.name not in OWN_SCENES:
            self.push(SaveElsewhereScene(self))

    def open_replay(self, path: Path) -> None:
        """Step through a saved game turn by turn (and fork a new game from any turn)."""
        from game.ui.scenes.replay import ReplayScene

        session = self.open_save(path)
        if session is not None:
            self.session = session
            self.push(ReplayScene(self, path))

    def fork(self, turns: int) -> None:
        """A new game that starts where the replayed one stood after `turns` turns: what if?"""
        old = self.session
        save = old.save.up_to(turns)
        self.autosave_path = self.new_save_path(old.scenario.id, old.seed, f"-fork-{turns}")
        self.session = Session(old.scenario, dict(old.seats), old.seed, autosave=self.autosave_path, save=save)
        self.session.keep()
        self.begin_turn()

    # --- team devices (game/net, handed over by the command line) --------------------------

    def start_hosting(self, *, resume: bool = False) -> bool:
        """Serve this game to the teams' devices; False (and a note on screen) if it cannot."""
        if self.host_devices is None or self._session is None:
            return False
        self.stop_hosting()
        try:
            # the setup's "time for each team's orders" times the devices' orders too
            self.devices = self.host_devices(self.session, resume=resume, order_seconds=self.timer.minutes * 60)
        except OSError as error:
            self.show_toast(tr("Cannot host the game for devices: {error}", error=error.strerror or error), 6.0)
            return False
        print(tr("Teams join at {url} with the room code {room}", url=self.devices.join_url, room=self.devices.room))
        print(tr("The teacher's page: {url}", url=self.devices.teacher_url), flush=True)
        return True

    def stop_hosting(self) -> None:
        if self.devices is not None:
            self.devices.stop()
            self.devices = None

    def devices_started(self) -> None:
        """The teacher started the hosted game: the briefing, then the turns."""
        from game.ui.scenes.play import BriefingScene

        self.reset(BriefingScene(self))

    def devices_sealed(self) -> None:
        """Every device team sealed: teams at the laptop (if any) order, then the reveal."""
        self.next_team()

    def begin_turn(self) -> None:
        """The turn's event cards; in a turn in rounds past its first, the next round's banner instead."""
        from game.ui.scenes.play import EventScene, RoundScene

        if self.devices is not None:
            self.devices.hub.ensure_turn()  # the talks start while the event is read out
        self.reset(RoundScene(self) if self.session.state.round else EventScene(self))

    def after_events(self) -> None:
        from game.ui.scenes.play import RoundScene

        if self.session.round.phase is not None:  # a turn in rounds: the first round's banner
            self.reset(RoundScene(self))
        else:
            self.next_team()

    def next_team(self) -> None:
        from game.ui.scenes.play import PrivacyScene

        if self.devices is not None and self.devices.hub.waiting() and not self.demo:
            from game.ui.scenes.devices import ProjectorScene

            self.reset(ProjectorScene(self))
            return
        waiting = self.session.waiting_for()
        if self.demo and not self.session.orders:
            shown = self.demo_team()
            waiting = [shown] if shown is not None else []
        if waiting:
            self.reset(PrivacyScene(self, waiting[0]))
        else:
            self.resolve()

    def demo_team(self) -> str | None:
        """In the demo every seat is a bot; one team a turn (of those ordering in this round, with
        something to play) shows its hand as it chooses."""
        session = self.session
        actors = [a for a in session.acting() if not session.idle(a)]
        return actors[(session.state.turn - 1) % len(actors)] if actors else None

    def orders_sealed(self, actor: str, orders: list) -> None:
        self.session.give_orders(actor, orders)
        if self.demo:
            self.resolve()
        else:
            self.next_team()

    def resolve(self) -> None:
        from game.ui.scenes.play import RevealScene

        turn = self.session.state.turn
        if self.devices is not None:
            with self.devices.hub.lock:
                result = self.session.resolve()
                self.devices.hub.after_resolve()
        else:
            result = self.session.resolve()
        self.reset(RevealScene(self, [e for e in result.log if e.turn == turn]))

    def after_reveal(self) -> None:
        from game.ui.scenes.end import EndingScene

        if self.session.state.over:
            self.reset(EndingScene(self))
        else:
            self.begin_turn()

    def debrief(self) -> None:
        from game.ui.scenes.end import DebriefScene

        self.reset(DebriefScene(self))

    def to_title(self) -> None:
        from game.ui.scenes.menu import TitleScene

        self.stop_hosting()
        if self.demo and self.exit_at_end:
            self.capture()
            self.running = False
            return
        self.reset(TitleScene(self))

    def demo_finished(self) -> None:
        if self.exit_at_end:
            self.capture()
            self.running = False
        else:
            self.to_title()

    # --- the loop -------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        """One event: window-wide keys first, then the scene on top."""
        self.idle = 0.0
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = (event.x, event.y) if event.type == pygame.WINDOWSIZECHANGED else event.size
            if size != (self.theme.width, self.theme.height):
                if not self.fullscreen:
                    self.size = size
                self.resized(self.screen.get_size())
        elif event.type == pygame.WINDOWEXPOSED:
            self.dirty = True
        elif self.unsaved() and self.asks_to_save_elsewhere(event):
            self.show_save_elsewhere()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.show_help()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            self.show_teacher()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.show_glossary()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_m and not self.scene.typing:
            self.toggle_sound()
        elif (
            event.type == pygame.KEYDOWN
            and event.mod & pygame.KMOD_CTRL
            and event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS)
        ):
            grow = event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
            self.set_scale(self.ui_scale * (1.1 if grow else 1 / 1.1))
        else:
            self.scene.handle(event)
            self.dirty = True

    def unsaved(self) -> str | None:
        """Why the game being played is not saved, or None if it is (or there is none)."""
        return self._session.unsaved if self._session is not None else None

    def asks_to_save_elsewhere(self, event: pygame.event.Event) -> bool:
        """Ctrl+S, or a click on the banner."""
        if event.type == pygame.KEYDOWN:
            return bool(event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL)
        return event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.banner.collidepoint(event.pos)

    def step(self, dt: float) -> bool:
        """Advance animations, the timer and the demo; draw if needed. True while animating."""
        animating = self.scene.update(dt * self.speed if self.demo else dt)  # --speed paces the animations too
        if self.scene.name == "orders" and self.timer.tick(dt):
            self.dirty = True
            if self.timer.up:
                self.sound.play("time_up")
            elif self.timer.left <= 10:
                self.sound.play("tick")
        text, left = self.toast
        if left > 0:
            self.toast = (text, left - dt)
            animating = True  # drawn until it has gone
        if self.demo:
            self.idle += dt
            if self.idle * self.speed >= self.scene.demo_delay and not animating:
                self.idle = 0.0
                self.scene.auto()
                self.dirty = True
        if animating or self.dirty:
            self.draw()
        return animating

    def draw(self) -> None:
        scene = self.scene
        scene.draw(self.screen)
        why = self.unsaved() if scene.name not in OWN_SCENES else None
        top = scene.band_height()
        self.banner = draw_unsaved_banner(self.screen, self.theme, why, top) if why else pygame.Rect(0, 0, 0, 0)
        text, left = self.toast
        if left > 0 and text:
            t = self.theme
            image = widgets.render(t.font("body", bold=True), text, th.WHITE)
            box = image.get_rect(midbottom=(t.width // 2, t.height - t.px(110))).inflate(t.px(36), t.px(18))
            pygame.draw.rect(self.screen, th.NAVY, box, border_radius=t.px(10))
            self.screen.blit(image, image.get_rect(center=box.center))
        pygame.display.flip()
        self.dirty = False

    def run(self) -> int:
        """The main loop; returns the process exit code."""
        from game.ui.scenes.menu import TitleScene

        self.open_window()
        self.push(TitleScene(self))
        if self.replay_path is not None:
            self.open_replay(self.replay_path)
        elif self.resume:
            self.continue_last()
        clock = pygame.time.Clock()
        animating = False
        while self.running:
            if animating or self.demo:
                events = pygame.event.get()
                dt = clock.tick(60) / 1000
            else:
                first = pygame.event.wait(1000)
                events = [first, *pygame.event.get()] if first.type != pygame.NOEVENT else []
                dt = clock.tick() / 1000
            for event in events:
                self.handle(event)
                if not self.running:
                    break
            if self.running:
                animating = self.step(dt)
        self.stop_hosting()  # the server listens only while a game is hosted
        pygame.quit()
        return 0


def run_app(**kwargs: object) -> int:
    """Start the window (see game.ui.display.check_display, asked first); if it cannot open, say how to play instead."""
    try:
        app = App(**kwargs)  # type: ignore[arg-type]
        return app.run()
    except NoDisplay as error:
        sys.stderr.write(no_display_message(error))
        return 2
