"""Where an import opens its files: a working folder of its own on this computer's disk (the
abandoned ones removed), and the worker threads that copy, decrypt and verify the bundles."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app import filelock, paths
from app.progress import Cancelled
from app.sync.bundle.reading import Bundle, open_bundle
from app.sync.bundle.writing import remove_quietly

# Each import copies its files (and decrypts them) into a working folder of its own, locked while
# the import runs. A working folder without its lock file (made by an older version, or caught
# between its making and its locking) is taken for abandoned only after this many seconds.
_IN_USE = ".in-use"
_ABANDONED_AFTER = 24 * 3600


def _working_folder() -> tuple[Path, Callable[[], None]]:
    """A new working folder on this computer's disk, and what removes it when the import ends.
    The folders of imports that a crash or a power cut interrupted (whole and decrypted copies
    of bundles) are removed first: their lock ended with their process."""
    root = paths.data_dir() / "incoming"
    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(root)
    folder = root / uuid.uuid4().hex[:12]
    folder.mkdir()
    lock = filelock.hold(folder / _IN_USE)

    def remove() -> None:
        if lock is not None:
            lock.close()
        remove_quietly(folder)

    return folder, remove


def _remove_abandoned(root: Path) -> None:
    try:
        folders = list(root.iterdir())
    except OSError:
        return
    for folder in folders:
        try:
            if not folder.is_dir():
                continue
            marker = folder / _IN_USE
            if marker.exists():
                lock = filelock.hold(marker)
                if lock is None:
                    continue  # an import running in another window or command
                lock.close()
            elif time.time() - folder.stat().st_mtime < _ABANDONED_AFTER:
                continue
        except OSError:
            continue
        remove_quietly(folder)

class _Opener:
    """Copies, decrypts and verifies the bundle files on worker threads, several at once (zlib
    and hashlib work without holding the interpreter lock). ``bundle(i)`` waits for file ``i``."""

    def __init__(
        self, sources: Sequence[tuple[str, Path]], workdir: Path, passphrase: str | None, hq_private: str | None
    ) -> None:
        self._stop = threading.Event()
        workers = max(1, min(len(sources), os.cpu_count() or 1, 4))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="repat-verify")
        self._futures = [
            self._pool.submit(self._open, name, path, workdir, passphrase, hq_private) for name, path in sources
        ]

    def _open(
        self, name: str, path: Path, workdir: Path, passphrase: str | None, hq_private: str | None
    ) -> Bundle | None:
        if self._stop.is_set():
            return None
        return open_bundle(path, workdir, passphrase=passphrase, hq_private_b64=hq_private, label=name)

    def bundle(self, i: int) -> Bundle:
        b = self._futures[i].result()
        if b is None:
            raise Cancelled()
        return b

    def close(self) -> None:
        """Stop (the file being checked is finished first), so the work folder can go."""
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
