"""Writing a document to disk: all or nothing.

The PDF is written to a temporary file in the target folder and renamed over the target only
when complete, so a full disk, a cut-off USB stick or a refused permission never leaves half a
file behind. Problems become one sentence (``OutputError``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.errors import RepatError, os_reason


class OutputError(RepatError):
    """The document cannot be written where the user asked."""


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Refuse early (before any work) a target that cannot be written; return it resolved."""
    target = Path(path).expanduser()
    if str(path).strip() == "":
        raise OutputError("Give the name of the file to write.")
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give the name of a file to write in it.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise OutputError(f"Cannot write {target}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {target}: {folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write {target}: permission denied in the folder {folder}.")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"Cannot write {target}: the existing file is read-only.")
    return target.resolve()


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` completely or not at all; return the written path."""
    target = check_writable(path)
    fd = -1
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp_name, target)
        temp_name = ""
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {os_reason(exc)}; nothing was written.") from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return target
