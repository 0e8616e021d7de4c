"""Line charts of the tracks over the turns, as SVG: drawn once, shown by the report and the screen.

The SVG holds the picture only: rung bands, grid, the line and its points, rings on the key
moments. It holds no words, because the SVG renderer inside pygame (nanosvg) draws no
``<text>``. The labels (values, rung names, turns) come from :func:`labels` with positions
in the same coordinates as the picture, and each host sets them in its own type: the HTML
report as positioned text around the image, the debrief screen with its fonts. So there is
one drawing routine, and words on screen and paper are real text at the host's size.

``plot_svg(history, width, height)`` draws at any size: the debrief screen asks for the
pixel size of its chart cell (and again after a resize) so lines stay sharp.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from attrs import frozen

from game.i18n import tr
from game.report.debrief import TrackHistory

GRID = "#d9d2c3"
FRAME = "#b5aa94"
POINT = "#1f2430"
BAND_GOOD = (255, 255, 255)
BAND_BAD = (232, 148, 120)  # a warm tint that deepens toward the bad end of a ladder
BAND_NEUTRAL = (236, 232, 222)
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_TURN_LABELS = 12


def safe_colour(colour: str, fallback: str = "#22324A") -> str:
    """A #rrggbb colour, or the fallback: only such a string is written into a style or an SVG."""
    return colour if COLOUR_PATTERN.match(colour) else fallback


@frozen
class Plot:
    """Where values and turns fall in a picture of the given size (y grows downward)."""

    width: float
    height: float
    low: int
    high: int
    points: int
    scale: float = 1.0

    @property
    def radius(self) -> float:
        return max(2.0, 4.5 * self.scale)

    @property
    def pad(self) -> float:
        """Room around the plot so that points and the rings of key moments at the edges are not cut."""
        return max(6.0, self.radius * 2.2 + max(1.0, 3.0 * self.scale))

    def x(self, index: int) -> float:
        if self.points < 2:
            return self.width / 2
        return self.pad + index * (self.width - 2 * self.pad) / (self.points - 1)

    def y(self, value: float) -> float:
        span = max(1, self.high - self.low)
        return self.height - self.pad - (value - self.low) * (self.height - 2 * self.pad) / span


def plot_of(history: TrackHistory, width: float, height: float, scale: float = 1.0) -> Plot:
    return Plot(width, height, history.low, history.high, len(history.values), scale)


@frozen
class Label:
    """A word to set beside the picture: `side` is left (values), right (rungs) or bottom (turns);
    `at` is the y (left, right) or x (bottom) in the picture's coordinates."""

    side: str
    at: float
    text: str


def value_ticks(history: TrackHistory) -> list[int]:
    """Values that get a grid line and a number: the rung steps, or the ends and the middle."""
    ticks = {history.low, history.high}
    if history.rungs:
        ticks.update(level for level, _ in history.rungs if history.low <= level <= history.high)
    else:
        ticks.add((history.low + history.high) // 2)
    return sorted(ticks)


def turn_ticks(count: int) -> list[int]:
    """Indexes of the points that get a turn label: all of them, or every n-th of a long game."""
    step = max(1, -(-count // MAX_TURN_LABELS))
    ticks = list(range(0, count, step))
    if count and ticks[-1] != count - 1:
        ticks.append(count - 1)
    return ticks


def labels(history: TrackHistory, width: float, height: float, scale: float = 1.0) -> list[Label]:
    """The words around the picture of a track, placed for a picture of this size (and scale)."""
    plot = plot_of(history, width, height, scale)
    gap = height * LABEL_GAP
    out = _spaced([Label("left", plot.y(v), f"{v}{history.unit}") for v in value_ticks(history)], gap)
    out += _spaced(
        [Label("right", plot.y(level), name) for level, name in history.rungs if history.low <= level <= history.high],
        gap,
    )
    start = tr("start")
    out += [Label("bottom", plot.x(i), start if i == 0 else str(i)) for i in turn_ticks(len(history.values))]
    return out


#: The least distance between two labels on one side, as a share of the picture's height: in
#: print the picture is small and a 0-100 gauge's steps at 60, 67 and 80 would print over each other.
LABEL_GAP = 0.14


def _spaced(labels: list[Label], gap: float) -> list[Label]:
    """The labels of one side with none closer than `gap` to another: the two ends first, then in order."""
    if len(labels) < 3:
        return labels
    kept: list[Label] = []
    for label in [labels[0], labels[-1], *labels[1:-1]]:
        if all(abs(label.at - other.at) >= gap for other in kept):
            kept.append(label)
    return sorted(kept, key=lambda lb: -lb.at)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(round(x + (y - x) * t) for x, y in zip(a, b, strict=True)))


def _badness(history: TrackHistory, index: int, count: int) -> float:
    """How bad the index-th rung (from the bottom) is for the track's owner, 0 to 1."""
    if count < 2:
        return 0.0
    share = index / (count - 1)
    return share if history.good == "down" else 1 - share


def _bands(history: TrackHistory, plot: Plot) -> list[str]:
    """A tinted band for each rung of a ladder, deeper toward the bad end.

    A rung covers the values from its step up to the next step; the lowest band reaches
    the bottom edge and the highest the top edge. A top rung that is the maximum itself
    (e.g. 10: Catastrophe) gets a strip around the top line so that it shows."""
    rungs = [level for level, _ in history.rungs if history.low <= level <= history.high]
    shapes = []
    for index, level in enumerate(rungs):
        last = index + 1 == len(rungs)
        top = 0.0 if last else plot.y(rungs[index + 1])
        bottom = plot.height if index == 0 and level == history.low else plot.y(level)
        if last and level == history.high and len(rungs) > 1:
            bottom = plot.y(level) + plot.pad * 0.6
        if history.good == "neither":
            fill = _mix(BAND_NEUTRAL, BAND_GOOD, 0.0 if index % 2 else 0.6)
        else:
            fill = _mix(BAND_GOOD, BAND_BAD, 0.75 * _badness(history, index, len(rungs)))
        shapes.append(
            f'<rect x="0" y="{top:.1f}" width="{plot.width:.1f}" height="{max(0.0, bottom - top):.1f}" fill="{fill}"/>'
        )
    return shapes


def plot_svg(history: TrackHistory, width: int, height: int, *, marks: Iterable[int] = (), scale: float = 1.0) -> str:
    """The picture of a track's history: bands, grid, line, points; rings on the turns in `marks`.

    `scale` thickens lines and points (the screen passes its UI scale); give :func:`labels`
    the same scale so that the words line up with the picture."""
    plot = plot_of(history, width, height, scale)
    colour = safe_colour(history.colour)
    stroke = max(1.0, 3.0 * scale)
    radius = plot.radius
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(history.label)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        *_bands(history, plot),
    ]
    for value in value_ticks(history):
        y = plot.y(value)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
    for index in turn_ticks(len(history.values)):
        x = plot.x(index)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="{GRID}" stroke-width="1"/>')
    parts.append(
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" stroke="{FRAME}" '
        'stroke-width="1"/>'
    )
    points = [(plot.x(i), plot.y(v)) for i, v in enumerate(history.values)]
    if len(points) > 1:
        dash = f' stroke-dasharray="{stroke * 3:.1f} {stroke * 2:.1f}"' if history.revealed else ""
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{stroke:.1f}" '
            f'stroke-linejoin="round" stroke-linecap="round"{dash}/>'
        )
    for index in sorted(set(marks)):
        if 0 <= index < len(points):
            x, y = points[index]
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius * 2.2:.1f}" fill="none" stroke="{POINT}" '
                f'stroke-width="{max(1.0, stroke * 0.7):.1f}"/>'
            )
    for x, y in points:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" stroke="{POINT}" '
            f'stroke-width="{max(1.0, stroke * 0.5):.1f}"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
