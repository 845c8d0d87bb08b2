"""Writing a bundle: its members written (the versions compressed and hashed on a second thread)
and the manifest signed (``BundleWriter``); the file moved into place, and files removed quietly."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import shutil
import threading
import zipfile
from pathlib import Path
from typing import Any

from app.sync import crypto
from app.sync.bundle.members import BLOB_PREFIX, MANIFEST, SIGNATURE, VERSIONS


class BundleWriter:
    """Writes a bundle to a temporary file beside its target; ``finish`` signs it."""

    def __init__(self, temp_path: Path, *, compress_level: int = 1) -> None:
        self.temp_path = temp_path
        self._zf = zipfile.ZipFile(
            temp_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compress_level, allowZip64=True
        )
        self.members: dict[str, dict[str, Any]] = {}
        self._versions: Any = None
        self._versions_hash = hashlib.sha256()
        self._versions_size = 0

    def open_versions(self) -> None:
        """Start ``versions.jsonl``. Its chunks are compressed and hashed on a second thread
        (zlib and hashlib release the interpreter lock), while the caller builds the next."""
        self._versions = self._zf.open(VERSIONS, "w", force_zip64=True)
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._pump, name="repat-bundle-writer", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._failure is not None:
                continue
            try:
                self._versions.write(data)
                self._versions_hash.update(data)
                self._versions_size += len(data)
            except BaseException as exc:  # handed to the caller by close_versions
                self._failure = exc

    def write_versions(self, data: bytes) -> None:
        if self._failure is not None:
            raise self._failure
        self._queue.put(data)

    def close_versions(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        self._versions.close()
        self.members[VERSIONS] = {"sha256": self._versions_hash.hexdigest(), "size": self._versions_size}

    def add_blob(self, sha256: str, data: bytes) -> None:
        name = BLOB_PREFIX + sha256
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._zf.writestr(info, data)
        self.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def finish(self, manifest: dict[str, Any], private_key_b64: str) -> bytes:
        manifest = dict(manifest, members=self.members)
        manifest_bytes = json.dumps(manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        for name, data in ((MANIFEST, manifest_bytes), (SIGNATURE, crypto.sign(private_key_b64, manifest_bytes))):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            self._zf.writestr(info, data)
        self._zf.close()
        with open(self.temp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        return manifest_bytes

    def abort(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None and thread.is_alive():
            self._failure = self._failure or RuntimeError("aborted")
            self._queue.put(None)
            thread.join()
        with contextlib.suppress(Exception):  # the file is removed anyway
            self._zf.close()
        self.temp_path.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_into_place(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    fsync_folder(target.parent)


def remove_quietly(path: Path) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass
