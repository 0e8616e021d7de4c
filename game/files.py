"""Reading files that come from anywhere (scenarios, saves) without ever blocking on one that is not a file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file; OSError for anything else.

    A FIFO, a terminal or a device would block the read (or never end), a directory has
    nothing to read: they are refused before any read. The file is opened non-blocking, so
    a FIFO put in its place between the check and the open cannot block either; the check
    is then made on what was opened."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise _special(path)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _special(path)
        return handle.read(limit + 1)


def _not_a_file(path: str | Path) -> str:
    return "it is a folder, not a file" if os.path.isdir(path) else "it is not a regular file (a pipe or a device?)"


def _special(path: str | Path) -> OSError:
    return OSError(errno.EINVAL, _not_a_file(path))
