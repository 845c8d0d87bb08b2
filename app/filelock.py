"""Exclusive locks on files, held while a file handle stays open and released by the operating
system when the process ends in any way (a crash or a power cut included)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO


def try_lock(fh: IO[str]) -> bool:
    """Take an exclusive lock on the open file ``fh`` without waiting; False when another
    process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def hold(path: Path) -> IO[str] | None:
    """Open ``path`` (created if needed) and lock it; the open file holds the lock until it is
    closed. None when another process holds it."""
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - the caller keeps it open
    if try_lock(fh):
        return fh
    fh.close()
    return None
