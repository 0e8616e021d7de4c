"""The debrief report: the data (debrief.py), the charts (charts.py), HTML and Markdown.

Headless like the engine: the debrief screen and ``deterrence report`` both build a
:class:`Debrief` and render it; the screen loads the same SVG charts the HTML inlines.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from game.report.debrief import Debrief, build_debrief
from game.report.html import render_html
from game.report.markdown import render_markdown

FORMATS = ("html", "md")


def render(debrief: Debrief, fmt: str, *, generated: str = "") -> str:
    """The report in a format: 'html' or 'md'."""
    if fmt == "html":
        return render_html(debrief, generated=generated)
    if fmt == "md":
        return render_markdown(debrief, generated=generated)
    raise ValueError(f"unknown report format {fmt!r}; the formats are {', '.join(FORMATS)}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file (text as UTF-8, or bytes: a PDF) whole or not at all; a half-written report is
    worse than none. The file gets the usual permissions (a report is for sharing), not a temporary
    file's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "xb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def export(debrief: Debrief, folder: Path, *, date: str) -> list[Path]:
    """Write the HTML and Markdown reports as FOLDER/SCENARIO-DATE-SEED.{html,md}; return their paths."""
    stem = f"{debrief.scenario_id}-{date}-{debrief.seed}"
    paths = []
    for fmt in FORMATS:
        path = folder / f"{stem}.{fmt}"
        write_atomic(path, render(debrief, fmt, generated=date))
        paths.append(path)
    return paths


__all__ = ["FORMATS", "Debrief", "build_debrief", "export", "render", "render_html", "render_markdown", "write_atomic"]
