"""Before the game: title, scenario choice, setup, and the problems of a broken scenario."""

from __future__ import annotations

import functools
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.i18n import LANGUAGES, NAMES, language, ntr, pick, tr
from game.scenario.load import Problem, ScenarioError, load_scenario
from game.scenario.model import Scenario, Text
from game.ui import boxart
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import PickScene, Scene
from game.ui.session import HUMAN
from game.ui.widgets import Button
from game.ui.wording import temperament_name

if TYPE_CHECKING:
    from game.ui.app import App


def subtitle() -> str:
    return tr("A classroom game of nuclear deterrence, alliance assurance and diplomacy")


def language_label() -> str:
    """The language control: every language in its own words, so anyone finds theirs."""
    return " / ".join(NAMES[code] for code in LANGUAGES) + " (L)"


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.backdrop = w.Layer()  # the title and the board: painted once, copied while the mouse moves
        self.art_rect = pygame.Rect(0, 0, 0, 0)
        self.drawn = False

    def update(self, dt: float) -> bool:
        """After the first frame (the buttons at once), load the board it shows; then nothing moves."""
        if boxart.ready(self.app.start_path):
            return False
        if self.drawn:
            boxart.prepare(self.app.start_path)
            self.app.dirty = True
        return True

    def layout(self) -> None:
        app = self.app
        self.buttons = [Button(tr("Play the flagship scenario"), self.play_flagship, pygame.K_p, primary=True)]
        games = app.saved_games()
        if games:
            self.buttons.append(Button(tr("Continue the last game"), app.continue_last, pygame.K_c))
        self.buttons += [Button(tr("Choose a scenario"), lambda: app.push(ChooseScene(app)), pygame.K_s)]
        if games:
            self.buttons.append(Button(tr("Replay a game"), self.choose_replay, pygame.K_r))
        self.language = Button(language_label(), self.next_language, pygame.K_l)
        self.buttons += [self.language, Button(tr("Quit"), app.quit, pygame.K_q)]
        t = self.t
        height = t.font("body", bold=True).get_linesize() + t.px(26)
        count = len(self.buttons)
        width = max(w.button_width(t, b.label) for b in self.buttons) + t.px(40)
        column = count * (height + t.px(16)) - t.px(16)
        if self.lay_out_with_board(width, height, column):
            return
        top = min(t.height // 2 + t.px(10), t.height - count * (height + t.px(16)) - t.px(60))
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect((t.width - width) // 2, top + index * (height + t.px(16)), width, height)
        # the title and its line above the buttons, a quarter down the screen if there is room;
        # with big text and many buttons the line gives way, so nothing is drawn over a button
        title = t.font("title", bold=True).get_linesize() + t.px(10)
        line = len(w.wrap(t.font("large"), subtitle(), t.width - t.px(80))) * t.font("large").get_linesize()
        self.subtitle_shown = top - title - line - t.px(24) >= t.px(10)
        block = title + (line if self.subtitle_shown else 0)
        self.title_y = max(t.px(10), min(t.height // 4, top - block - t.px(24)))
        self.art_rect = pygame.Rect(0, 0, 0, 0)

    def lay_out_with_board(self, width: int, height: int, column: int) -> bool:
        """The title across the top, the board as the box shows it on the left, the buttons on the right.

        False (and nothing laid out) if the window is too small for the board to be more than a stamp."""
        t = self.t
        title_h = t.font("title", bold=True).get_linesize() + t.px(10)
        line = len(w.wrap(t.font("large"), subtitle(), t.width - t.px(80))) * t.font("large").get_linesize()
        hint_top = t.height - t.px(50) - t.px(10)
        self.title_y = t.px(24)
        self.subtitle_shown = True
        top = self.title_y + title_h + line + t.px(28)
        if hint_top - top < column + t.px(20):  # big text: the line under the title gives way first
            self.subtitle_shown = False
            top = self.title_y + title_h + t.px(16)
        left = t.width - width - t.px(60)
        art = pygame.Rect(t.px(60), top + t.px(12), left - t.px(120), hint_top - top - t.px(24))
        if hint_top - top < column or art.w < t.px(420) or art.h < t.px(260):
            return False
        self.art_rect = art
        first = top + (hint_top - top - column) // 2
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(left, first + index * (height + t.px(16)), width, height)
        return True

    def next_language(self) -> None:
        """The next language the game speaks; the title (and every screen after it) speaks it at once."""
        codes = list(LANGUAGES)
        self.app.set_lang(codes[(codes.index(language()) + 1) % len(codes)])
        self.focus = self.buttons.index(self.language)  # laid out again: stay on the control
        self.app.show_toast(tr("Language: {name}", name=NAMES[language()]))

    def choose_replay(self) -> None:
        from game.ui.scenes.teacher import PickScene

        options = []
        for path in self.app.saved_games()[:60]:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            detail = tr("last played {when} · {path}", when=when, path=path)
            options.append((path.stem[:40], detail, partial(self.app.open_replay, path)))
        self.app.push(PickScene(self.app, tr("Replay a game"), tr("The most recent first"), options))

    def play_flagship(self) -> None:
        self.app.open_scenario(self.app.start_path)

    def auto(self) -> None:
        self.play_flagship()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.t
        art = boxart.ready(self.app.start_path)
        key = (t.width, t.height, t.scale, language(), self.title_y, self.subtitle_shown, tuple(self.art_rect), art)
        self.backdrop.draw(surface, (t.width, t.height), key, self.draw_backdrop)
        self.draw_buttons(surface)
        self.draw_hint(surface)
        self.drawn = True

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        """The navy ground, the title and its line, and the board as the box shows it."""
        t = self.t
        surface.fill(th.NAVY)
        title = t.font("title", bold=True)
        name = tr("Deterrence & Dialogue")
        w.text(surface, name, title, th.WHITE, (0, self.title_y), width=t.width, align="center")
        if self.subtitle_shown:
            w.text(
                surface,
                subtitle(),
                t.font("large"),
                th.mix(th.WHITE, th.NAVY, 0.15),
                (t.px(40), self.title_y + title.get_linesize() + t.px(10)),
                width=t.width - t.px(80),
                align="center",
            )
        boxart.draw(surface, t, self.art_rect, self.app.start_path)

    def draw_hint(self, surface: pygame.Surface) -> None:
        t = self.t
        hint = tr(
            "Arrows or Tab to choose, Enter to press · F1 help · F11 full screen · Ctrl +/- text size · "
            "M sound · L language"
        )
        w.text(
            surface,
            hint,
            t.font("small"),
            th.mix(th.WHITE, th.NAVY, 0.35),
            (0, t.height - t.px(50)),
            width=t.width,
            align="center",
        )


class ChooseScene(PickScene):
    """The bundled scenarios, and the teacher's own from the user scenario folder, a page at a time."""

    name = "choose"

    def __init__(self, app: App) -> None:
        super().__init__(
            app,
            tr("Choose a scenario"),
            tr("bundled, then your own"),
            [],
            note=tr("Your own scenarios go in {folder}", folder=app.user_scenario_dir),
        )

    def enter(self) -> None:
        files = self.scenario_files()
        bundled = set(self.app.scenario_dir.glob("*.yaml"))
        self.options = [
            (
                _title_of(p),
                p.name if p in bundled else tr("{file} (yours)", file=p.name),
                partial(self.app.open_scenario, p),
            )
            for p in files
        ]
        super().enter()

    def scenario_files(self) -> list[Path]:
        bundled = sorted(self.app.scenario_dir.glob("*.yaml"))
        own = sorted(self.app.user_scenario_dir.glob("*.yaml")) if self.app.user_scenario_dir.exists() else []
        return bundled + own


def _title_of(path: Path) -> str:
    """A scenario's title for the menu; the file name if it cannot be read.

    Reading a scenario means loading and checking all of it (about 45 ms for the
    flagship), so each version of a file (its path, time and size) is read once a run:
    opening the menu again costs nothing, and a file the teacher edits is read again.
    Choosing a scenario still loads it afresh, problems and all.
    """
    try:
        stat = path.stat()
    except OSError:
        return tr("{file} (has problems)", file=path.name)
    title = _title_of_version(path, stat.st_mtime_ns, stat.st_size)
    return pick(title) if title is not None else tr("{file} (has problems)", file=path.name)


@functools.lru_cache(maxsize=256)
def _title_of_version(path: Path, mtime_ns: int, size: int) -> Text | str | None:
    """The title in every language (picked when shown, so a switch of language re-words the menu)."""
    try:
        return load_scenario(path).title
    except ScenarioError:
        return None


class ProblemsScene(Scene):
    """A scenario that cannot be played: its problems, on screen, instead of a crash."""

    name = "problems"

    def __init__(self, app: App, path: Path, problems: list[Problem]) -> None:
        super().__init__(app)
        self.path = path
        self.problems = problems

    def layout(self) -> None:
        self.buttons = [Button(tr("Back"), self.app.pop, pygame.K_ESCAPE, primary=True)]
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        top = self.heading(surface, tr("This scenario cannot be played yet")) + t.px(24)
        count = sum(p.severity == "error" for p in self.problems)
        intro = ntr(
            "{file} has {n} problem. Fix it in the file, then choose it again:",
            "{file} has {n} problems. Fix them in the file, then choose it again:",
            count,
            file=self.path.name,
        )
        top += w.text(surface, intro, t.font("body", bold=True), th.INK, (t.px(40), top), width=t.width - t.px(80))
        font = t.font("small")
        for problem in self.problems[:14]:
            line = tr(
                "line {line}, column {col}: {problem}", line=problem.line, col=problem.col, problem=problem.message
            )
            colour = th.DANGER if problem.severity == "error" else th.MUTED
            top += t.px(6) + w.text(surface, line, font, colour, (t.px(60), top), width=t.width - t.px(120))
        if len(self.problems) > 14:
            w.text(
                surface,
                tr("… and {count} more: run", count=len(self.problems) - 14) + f"  deterrence validate {self.path}",
                font,
                th.INK,
                (t.px(60), top + t.px(8)),
                width=t.width - t.px(120),
            )
        self.draw_buttons(surface)


class SetupScene(Scene):
    """Which actors are teams and which are bots, and how the bots play."""

    name = "setup"
    SEAT_CHOICES = ("human", "objective:pragmatist", "objective:hawk", "objective:dove", "random")

    def __init__(self, app: App, scenario: Scenario) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.seats = {a: (HUMAN if not actor.optional else actor.bot) for a, actor in scenario.actors.items()}

    def layout(self) -> None:
        app = self.app
        self.buttons = [Button(self.seat_label(a), partial(self.cycle, a)) for a in self.scenario.actors]
        self.start = Button(tr("Start: the briefing"), self.begin, pygame.K_s, primary=True)
        self.back = Button(tr("Back"), app.pop, pygame.K_ESCAPE)
        label = tr("{minutes} (T to change)", minutes=app.timer.minutes_text())
        self.timer_button = Button(label, self.cycle_timer, pygame.K_t)
        self.buttons += [self.timer_button, self.start, self.back]
        if app.host_devices is not None:  # team devices (game/net): a choice of its own in the bottom row
            yes, no = tr("Teams join from their devices: yes (D)"), tr("Teams join from their devices: no (D)")
            on = yes if app.want_devices else no
            self.devices_button = Button(on, self.toggle_devices, pygame.K_d)
            self.buttons.append(self.devices_button)
        t = self.t
        bottom = [b for b in (self.back, getattr(self, "devices_button", None), self.start) if b in self.buttons]
        self.button_row(bottom, t.height - t.px(40))
        self.top = t.px(120) + self.intro_height() + t.px(24)
        height = t.font("body", bold=True).get_linesize() + t.px(22)
        pitch = height + t.px(14)
        seats = [*self.buttons[: len(self.scenario.actors)], self.timer_button]
        room = self.start.rect.top - t.px(16) - self.top
        # With big text on a small screen one column of seats does not fit: then each seat
        # is one button that names its side, in two columns.
        self.compact = len(seats) * pitch + t.px(20) > room
        if not self.compact:
            x = t.width // 2
            for index, button in enumerate(seats):
                extra = t.px(20) if button is self.timer_button else 0
                button.rect = pygame.Rect(x, self.top + index * pitch + extra, t.width // 2 - t.px(80), height)
        else:
            gap = t.px(44)  # room for the next column's colour swatch
            left = t.px(60)
            width = (t.width - 2 * left - gap) // 2
            rows = -(-len(seats) // 2)
            pitch = min(pitch, max(height + t.px(4), room // max(1, rows)))
            for index, button in enumerate(seats):
                column, row = divmod(index, rows)
                button.rect = pygame.Rect(left + column * (width + gap), self.top + row * pitch, width, height)
            for actor_id, button in zip(self.scenario.actors, seats, strict=False):
                actor = self.scenario.actors[actor_id]
                button.label = f"{pick(actor.short or actor.name)}: {self.seat_label(actor_id)}"
            self.timer_button.label = tr("Timer: {minutes}", minutes=app.timer.minutes_text())
        self.start.enabled = True

    def intro(self) -> str:
        low, high = self.scenario.turn_range
        if low == high:
            length = tr("The game lasts {low} turns.", low=low)
        else:
            length = tr("The game lasts {low} to {high} turns (the last turn is a secret).", low=low, high=high)
        how = tr("Who plays each side? Click a seat (or Tab to it and press Enter) to change it.")
        return f"{how} {length}"

    def intro_height(self) -> int:
        t = self.t
        return len(w.wrap(t.font("body"), self.intro(), t.width - t.px(120))) * t.font("body").get_linesize()

    def toggle_devices(self) -> None:
        self.app.want_devices = not self.app.want_devices
        self.layout()

    def cycle_timer(self) -> None:
        """Off, 1, 2 … 10 minutes for each team's orders; the teacher can change it later (F2)."""
        self.app.timer.cycle()
        self.layout()

    def seat_label(self, actor_id: str) -> str:
        seat = self.seats[actor_id]
        if seat == HUMAN:
            return tr("A team of students")
        policy, _, temper = seat.partition(":")
        if policy == "random":
            return tr("Bot: random moves")
        return tr("Bot: {name}", name=temperament_name(temper, self.scenario))

    def cycle(self, actor_id: str) -> None:
        choices = self.SEAT_CHOICES
        current = self.seats[actor_id]
        index = choices.index(current) if current in choices else 0
        self.seats[actor_id] = choices[(index + 1) % len(choices)]
        self.layout()

    def begin(self) -> None:
        self.app.start_game(self.scenario, dict(self.seats))

    def auto(self) -> None:
        self.begin()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        self.heading(surface, pick(self.scenario.title), tr("Set up the table"))
        w.text(surface, self.intro(), t.font("body"), th.INK, (t.px(60), t.px(120)), width=t.width - t.px(120))
        if self.compact:
            for actor, button in zip(self.scenario.actors.values(), self.buttons, strict=False):
                colour = th.parse_colour(actor.colour)
                swatch = pygame.Rect(button.rect.x - t.px(22), button.rect.y, t.px(14), button.rect.h)
                pygame.draw.rect(surface, colour, swatch, border_radius=t.px(4))
            self.draw_buttons(surface)
            return
        for index, actor in enumerate(self.scenario.actors.values()):
            button = self.buttons[index]
            top = button.rect.y
            colour = th.parse_colour(actor.colour)
            pygame.draw.rect(surface, colour, (t.px(60), top, t.px(28), button.rect.h), border_radius=t.px(6))
            label = tr("{name} (optional)", name=pick(actor.name)) if actor.optional else pick(actor.name)
            w.text(
                surface,
                label,
                t.font("large", bold=True),
                th.INK,
                (t.px(104), top + t.px(6)),
                width=t.width // 2 - t.px(140),
                max_lines=1,
            )
        w.text(
            surface,
            tr("Time for each team's orders"),
            t.font("large", bold=True),
            th.INK,
            (t.px(104), self.timer_button.rect.y + t.px(6)),
            width=t.width // 2 - t.px(140),
            max_lines=1,
        )
        self.draw_buttons(surface)
