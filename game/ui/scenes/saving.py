"""When a save cannot be written or read: another folder to save in, the previous good save.

A full disk or a read-only data folder never stops a class: the game goes on, a banner
says where it could not write, and these screens let the teacher pick a folder that works
(their Documents, their home folder, the temporary folder, or one they type, such as a
USB stick). A damaged save offers the save before it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.i18n import tr
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.scenes.base import PickScene, Scene
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.session import Session

FOLDER_NAME = "Deterrence & Dialogue games"  # a folder's name stays the same in every language
OWN_SCENES = ("save-elsewhere", "folder")  # they say it themselves: no banner over them
MAX_PATH = 400


def other_folders() -> list[tuple[str, str, Path]]:
    """Folders a teacher can usually write in: (label, what to know about it, path)."""
    from platformdirs import user_documents_dir

    home = Path.home()
    found = [
        (tr("Your Documents folder"), tr("kept, and easy to find again"), Path(user_documents_dir()) / FOLDER_NAME),
        (tr("Your home folder"), tr("kept"), home / FOLDER_NAME),
        (
            tr("The temporary folder"),
            tr("may be emptied when the computer restarts: copy the game from there after class"),
            Path(tempfile.gettempdir()) / "deterrence-dialogue",
        ),
    ]
    unique: list[tuple[str, str, Path]] = []
    for label, note, path in found:
        if all(path != other for _, _, other in unique):
            unique.append((label, note, path))
    return unique


class SaveElsewhereScene(PickScene):
    """Ctrl+S, or a click on the banner: save the game in another folder (or try again)."""

    name = "save-elsewhere"

    def __init__(self, app: App) -> None:
        session = app.session
        here = session.autosave.parent if session.autosave is not None else app.games_dir
        options: list[tuple[str, str, Callable[[], None]]] = [
            (tr("Try again here"), str(here), partial(self.choose, here)),
        ]
        options += [(label, f"{path} · {note}", partial(self.choose, path)) for label, note, path in other_folders()]
        options.append((tr("Type a folder…"), tr("a USB stick or a shared folder"), self.type_folder))
        super().__init__(app, tr("Save the game in another folder"), "Ctrl+S", options, note=self.problem(app))

    @staticmethod
    def problem(app: App) -> str:
        why = app.session.unsaved or tr("the game has not been saved yet")
        return tr(
            "The game is not saved: {why}. It goes on, and every turn is kept until it can be written. "
            "Choose a folder this computer lets you write in; the next games are saved there too.",
            why=why,
        )

    def choose(self, folder: Path) -> None:
        if self.app.save_elsewhere(folder):
            self.app.pop()
            self.app.show_toast(tr("Saved in {folder}", folder=folder), 4.0)
        else:
            self.note = self.problem(self.app)
            self.layout()
            self.app.dirty = True

    def type_folder(self) -> None:
        self.app.push(FolderScene(self.app, self.choose))


class FolderScene(Scene):
    """Type the folder to save in; Enter saves there, Esc goes back."""

    name = "folder"
    typing = True

    def __init__(self, app: App, chosen: Callable[[Path], None]) -> None:
        super().__init__(app)
        self.chosen = chosen
        self.path = ""

    def enter(self) -> None:
        super().enter()
        pygame.key.start_text_input()

    def leave(self) -> None:
        pygame.key.stop_text_input()

    def layout(self) -> None:
        self.buttons = [
            Button(tr("Back (Esc)"), self.cancel, pygame.K_ESCAPE),
            Button(tr("Save here (Enter)"), self.confirm, pygame.K_RETURN, primary=True),
        ]
        self.button_row(self.buttons, self.t.height - self.t.px(30))
        self.buttons[1].enabled = bool(self.path.strip())
        self.focus = 1  # Enter saves, as the label says

    def cancel(self) -> None:
        self.leave()
        self.app.pop()

    def confirm(self) -> None:
        typed = self.path.strip()
        if not typed:
            return
        self.leave()
        self.app.pop()
        self.chosen(Path(typed).expanduser())

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            self.path = (self.path + event.text)[:MAX_PATH]
            self.layout()
            return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        """Keys edit the path (Space is a letter of it, not a button press)."""
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.confirm()
        elif event.key == pygame.K_ESCAPE:
            self.cancel()
        elif event.key == pygame.K_BACKSPACE:
            self.path = self.path[:-1]
            self.layout()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        top = self.heading(surface, tr("Type a folder"), tr("Enter saves there · Esc goes back")) + t.px(30)
        x, width = t.px(60), t.width - t.px(120)
        label = tr("The folder to save the game in:")
        top += w.text(surface, label, t.font("body", bold=True), th.NAVY, (x, top))
        box = pygame.Rect(x, top + t.px(10), width, t.font("large").get_linesize() * 2 + t.px(20))
        w.panel(surface, box, t, fill=th.WHITE)
        w.text(
            surface,
            self.path + "|",
            t.font("large"),
            th.INK,
            (box.x + t.px(14), box.y + t.px(10)),
            width=box.w - t.px(28),
        )
        example = tr("For example {folder}; a folder that is not there yet is made.", folder=Path.home() / FOLDER_NAME)
        w.text(surface, example, t.font("small"), th.MUTED, (x, box.bottom + t.px(12)), width=width)
        self.draw_buttons(surface)


class DamagedSaveScene(Scene):
    """Continue found the last save damaged: say why, and offer the save before it."""

    name = "damaged-save"

    def __init__(self, app: App, path: Path, problem: str, previous: Session | None) -> None:
        super().__init__(app)
        self.path, self.problem, self.previous = path, problem, previous

    def layout(self) -> None:
        self.buttons = []
        if self.previous is not None:
            turns = self.previous.turns_done()  # a turn in rounds saves one entry a round
            label = (
                tr("Continue from the previous save (after turn {turn})", turn=turns)
                if turns
                else tr("Continue from the previous save")
            )
            self.buttons.append(Button(label, self.use_previous, pygame.K_RETURN, primary=True))
        self.buttons.append(Button(tr("Back (Esc)"), self.app.pop, pygame.K_ESCAPE, primary=self.previous is None))
        self.button_row(self.buttons, self.t.height - self.t.px(30))

    def use_previous(self) -> None:
        if self.previous is not None:
            self.app.continue_session(self.previous, self.path)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.t
        x, width = t.px(60), t.width - t.px(120)
        top = self.heading(surface, tr("The last game's save is damaged")) + t.px(28)
        top += w.text(surface, str(self.path), t.font("body", bold=True), th.INK, (x, top), width=width) + t.px(8)
        top += w.text(
            surface, self.problem[:1].upper() + self.problem[1:], t.font("body"), th.DANGER, (x, top), width=width
        )
        if self.previous is not None:
            more = tr(
                "The save before it is whole: continue from there. The turn after it is lost and is played "
                "again; the damaged file is replaced when the game is next saved."
            )
        else:
            more = tr(
                "There is no earlier save of this game. Choose Replay a game on the title screen to open another one."
            )
        w.text(surface, more, t.font("body"), th.INK, (x, top + t.px(16)), width=width)
        self.draw_buttons(surface)


def draw_unsaved_banner(surface: pygame.Surface, t: th.Theme, why: str, top: int = 0) -> pygame.Rect:
    """The banner on every screen while the game is not saved, just under its title band (``top``), so the
    title (whose secret orders these are) stays readable; return where it is (it is a button)."""
    font = t.font("body", bold=True)
    message = tr(
        "Not saved: {why}. The game goes on and keeps its turns until they can be written: "
        "press Ctrl+S or click here to save in another folder.",
        why=why,
    )
    width = t.width - t.px(48)
    lines = w.wrap(font, message, width)[:3]  # a long path is cut short rather than cover the screen
    box = pygame.Rect(0, top, t.width, len(lines) * font.get_linesize() + t.px(20))
    pygame.draw.rect(surface, th.DANGER, box)
    w.text(surface, message, font, th.WHITE, (t.px(24), top + t.px(10)), width=width, max_lines=3)
    return box
