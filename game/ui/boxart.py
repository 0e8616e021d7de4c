"""The title screen's board, as a game's box shows it: the flagship's map with a few pieces, and its ladder."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.state import TokenState
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.model import Scenario
from game.ui import board
from game.ui import theme as th
from game.ui import widgets as w
from game.ui.theme import Theme

PIECES = 3  # enough to read as a game in play, few enough to leave the map its places


_Art = tuple[Scenario, board.MapLayer, list[TokenState]]
_loaded: dict[Path, _Art | None] = {}


def ready(path: Path) -> bool:
    """Whether the board of this scenario is loaded: the title's first frame does not wait for it."""
    return path in _loaded


def prepare(path: Path) -> None:
    """Load the scenario the title shows, its map and a few of its pieces (None kept if it does not load)."""
    if path in _loaded:
        return
    try:
        scenario = load_scenario(path)
    except (ScenarioError, OSError):
        _loaded[path] = None
        return
    _loaded[path] = (scenario, board.MapLayer(scenario), _pieces(scenario))


def _pieces(scenario: Scenario) -> list[TokenState]:
    """The first pieces the scenario's moves would put on the map, one a place and from different teams."""
    out: list[TokenState] = []
    places: set[str] = set()
    teams: set[str] = set()
    for move_id, move in scenario.moves.items():
        token = move.token
        actor = move.by[0] if move.by else None
        if token is None or token.at in places or actor in teams:
            continue
        out.append(TokenState(token.at, token.label.values.get("en", ""), actor, move_id, 0))
        places.add(token.at)
        teams.add(actor or "")
        if len(out) == PIECES:
            break
    return out


def _ladder_ref(scenario: Scenario) -> str | None:
    return next((ref for ref, track in scenario.all_tracks.items() if track.style == "ladder"), None)


def draw(surface: pygame.Surface, t: Theme, rect: pygame.Rect, path: Path) -> None:
    """The board in rect: its ladder with the marker at the start on the left, the map with pieces on the right.

    The board's words are drawn at the window's ×1 size at most: it is a picture of the game,
    and big text is for the title and the buttons."""
    found = _loaded.get(path)
    if found is None or rect.w <= 0 or rect.h <= 0:
        return
    scenario, layer, pieces = found
    bt = t.shrunk(min(1.0, t.ui_scale))
    pygame.draw.rect(
        surface, th.mix(th.NAVY, th.PAPER, 0.12), rect.inflate(bt.px(24), bt.px(24)), border_radius=bt.px(18)
    )
    map_rect = rect
    ref = _ladder_ref(scenario)
    if ref is not None:
        track = scenario.all_tracks[ref]
        rungs_w = board.ladder_width(bt, track)
        panel = pygame.Rect(rect.x, rect.y, rungs_w + bt.px(52), rect.h)
        if rect.w - panel.w >= rect.w // 2:  # the map stays the larger part of the picture
            pygame.draw.rect(surface, th.PANEL, panel, border_radius=bt.px(10))
            rungs = pygame.Rect(panel.x + bt.px(12), panel.y + bt.px(12), rungs_w, panel.h - bt.px(24))
            w.ladder(surface, bt, rungs, track, track.start)
            map_rect = pygame.Rect(panel.right + bt.px(16), rect.y, rect.right - panel.right - bt.px(16), rect.h)
    board.draw_map(surface, bt, map_rect, layer, pieces)
