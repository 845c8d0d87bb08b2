"""The bundle file: a ZIP with a signed manifest, the row versions and the attachments' bytes.

Members:

- ``manifest.json``: format and version, the bundle id, the device (code, Ed25519 public key,
  key id), the range of the device's version log it carries, counts per table, the SHA-256 and
  size of every other member, and the head of the version log when it was made;
- ``manifest.sig``: the Ed25519 signature of the exact bytes of ``manifest.json``;
- ``versions.jsonl``: one row version per line, canonical JSON (the snapshot as a JSON string);
- ``blobs/<sha256>``: the bytes of photos and scans referenced by the exported attachments.

Reading checks, in this order and before anything is parsed or stored: that the file is a ZIP,
every member name is one of the above (no paths), no member is larger than its limit or
compressed suspiciously well, the manifest's signature, the format version, and then the
SHA-256 of every member while it is inflated under a hard cap. Members are inflated by this
module (not by ``zipfile``) so a stream that would grow past its declared size is stopped at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import re
import shutil
import struct
import threading
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import RepatError, os_reason
from app.sync import crypto

FORMAT_NAME = "repat-bundle"
FORMAT_VERSION = 2  # 2: each version has its place in its device's hash chain
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
VERSIONS = "versions.jsonl"
BLOB_PREFIX = "blobs/"
SUFFIX = ".repat"

MAX_FILE_BYTES = 8 * 1024**3
MAX_MANIFEST_BYTES = 32 * 1024**2
MAX_VERSIONS_BYTES = 2 * 1024**3
MAX_BLOB_BYTES = 64 * 1024**2
MAX_MEMBERS = 500_000
MAX_RATIO = 100  # inflated size / stored size, beyond which a member is a likely zip bomb
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like
READ_CHUNK = 1 << 20

_BLOB_RE = re.compile(r"^blobs/[0-9a-f]{64}$")
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_MAGIC = 0x04034B50


class BundleError(RepatError):
    """A bundle file that is refused; the message says why in one sentence."""


@dataclass
class Bundle:
    """A bundle whose signature and member hashes were all verified."""

    path: Path  # the verified plain ZIP on local disk
    manifest: dict[str, Any]
    manifest_bytes: bytes
    versions_bytes: bytes
    file_sha256: str
    encrypted: bool = False
    blob_names: list[str] = field(default_factory=list)

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def device_code(self) -> str:
        return str(self.manifest["device"]["code"])

    @property
    def public_key(self) -> str:
        return str(self.manifest["device"]["public_key"])

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.public_key)

    @property
    def seq_range(self) -> tuple[int | None, int | None]:
        seq = self.manifest.get("sequence") or {}
        return seq.get("from"), seq.get("to")

    @property
    def version_count(self) -> int:
        return int(self.manifest.get("counts", {}).get("versions", 0))

    def read_blob(self, sha256: str) -> bytes:
        """The verified bytes of ``blobs/<sha256>`` (inflated and hashed again, under the cap)."""
        name = BLOB_PREFIX + sha256
        with zipfile.ZipFile(self.path) as zf, open(self.path, "rb") as raw:
            info = zf.getinfo(name)
            data = b"".join(_inflate(raw, info, MAX_BLOB_BYTES, self.path.name))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BundleError(f"{self.path.name} was changed while it was being imported; import it again.")
        return data


# --- reading ---------------------------------------------------------------------------------


def _unsafe(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))


def _inflate(raw: BinaryIO, info: zipfile.ZipInfo, limit: int, label: str) -> Iterator[bytes]:
    """The member's bytes, inflated here under a hard cap, with its CRC and size checked."""
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise BundleError(_truncated(label))
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_MAGIC:
        raise BundleError(f"{label} is damaged: a member's header is missing.")
    raw.seek(info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10])
    declared = info.file_size
    cap = min(declared, limit)
    remaining = info.compress_size
    produced = 0
    crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != declared:
            raise BundleError(f"{label} is damaged: a stored member's sizes disagree.")
        while remaining:
            chunk = raw.read(min(READ_CHUNK, remaining))
            if not chunk:
                raise BundleError(_truncated(label))
            remaining -= len(chunk)
            produced += len(chunk)
            if produced > cap:
                raise BundleError(_bomb(label))
            crc = zlib.crc32(chunk, crc)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        while remaining or inflater.unconsumed_tail:
            if inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            else:
                data = raw.read(min(READ_CHUNK, remaining))
                if not data:
                    raise BundleError(_truncated(label))
                remaining -= len(data)
            try:
                out = inflater.decompress(data, READ_CHUNK)
            except zlib.error as exc:
                raise BundleError(f"{label} is damaged: a member cannot be inflated.") from exc
            produced += len(out)
            if produced > cap:
                raise BundleError(_bomb(label))
            if out:
                crc = zlib.crc32(out, crc)
                yield out
            if inflater.eof:
                break
        try:
            tail = inflater.flush()
        except zlib.error as exc:
            raise BundleError(f"{label} is damaged: a member cannot be inflated.") from exc
        produced += len(tail)
        if produced > cap:
            raise BundleError(_bomb(label))
        if tail:
            crc = zlib.crc32(tail, crc)
            yield tail
    else:
        raise BundleError(f"{label} uses a compression Repat does not accept; it was refused.")
    if produced != declared or (crc & 0xFFFFFFFF) != info.CRC:
        raise BundleError(f"{label} is damaged: a member does not match its checksum.")


def _truncated(label: str) -> str:
    return f"{label} is incomplete or damaged (it may have been cut short while copying); ask for the file again."


def _bomb(label: str) -> str:
    return f"{label} contains a member that inflates far beyond its stated size (a possible zip bomb); it was refused."


def _not_a_bundle(label: str) -> str:
    return f"{label} is not a Repat export bundle."


def _read_member(raw: BinaryIO, info: zipfile.ZipInfo, limit: int, label: str) -> tuple[bytes, str]:
    h = hashlib.sha256()
    parts = []
    for chunk in _inflate(raw, info, limit, label):
        h.update(chunk)
        parts.append(chunk)
    return b"".join(parts), h.hexdigest()


def _hash_member(raw: BinaryIO, info: zipfile.ZipInfo, limit: int, label: str) -> str:
    h = hashlib.sha256()
    for chunk in _inflate(raw, info, limit, label):
        h.update(chunk)
    return h.hexdigest()


def copy_to_local(source: Path, folder: Path) -> tuple[Path, str]:
    """Copy ``source`` into ``folder`` (local disk), returning the copy and its SHA-256."""
    label = source.name
    try:
        size = source.stat().st_size
    except FileNotFoundError as exc:
        raise BundleError(f"There is no file {source}.") from exc
    except OSError as exc:
        raise BundleError(f"Cannot read {source}: {exc.strerror}.") from exc
    if source.is_dir():
        raise BundleError(f"{source} is a folder, not a bundle file.")
    if size == 0:
        raise BundleError(f"{label} is empty; it is not a Repat export bundle.")
    if size > MAX_FILE_BYTES:
        raise BundleError(f"{label} is larger than Repat accepts ({MAX_FILE_BYTES // 1024**3} GB); it was refused.")
    folder.mkdir(parents=True, exist_ok=True)
    # unique per copy: the same file may be given twice, and be copied while an earlier copy is read
    target = folder / f"{os.getpid()}-{uuid.uuid4().hex[:16]}{SUFFIX}"
    h = hashlib.sha256()
    copied = 0
    try:
        with open(source, "rb") as src, open(target, "wb") as dst:
            while True:
                chunk = src.read(READ_CHUNK)
                if not chunk:
                    break
                copied += len(chunk)
                if copied > MAX_FILE_BYTES:
                    raise BundleError(f"{label} is larger than Repat accepts; it was refused.")
                h.update(chunk)
                dst.write(chunk)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise BundleError(f"Cannot copy {label} to this computer: {os_reason(exc)}.") from exc
    except BundleError:
        target.unlink(missing_ok=True)
        raise
    return target, h.hexdigest()


def open_bundle(
    source: Path,
    workdir: Path,
    *,
    passphrase: str | None = None,
    hq_private_b64: str | None = None,
    label: str | None = None,
) -> Bundle:
    """Copy ``source`` to ``workdir``, decrypt it if needed, and verify it completely.

    Raises ``BundleError`` with one sentence for anything refused; nothing is parsed before the
    signature and every member hash are checked.
    """
    label = label or source.name
    local, file_sha = copy_to_local(source, workdir)
    encrypted = False
    try:
        with open(local, "rb") as fh:
            head = fh.read(8)
        if head == crypto.MAGIC:
            encrypted = True
            plain = local.with_suffix(".zip")
            try:
                with open(plain, "wb") as out:
                    crypto.decrypt_file(local, out, passphrase=passphrase, hq_private_b64=hq_private_b64,
                                        max_bytes=MAX_FILE_BYTES)
            except crypto.CryptoError as exc:
                plain.unlink(missing_ok=True)
                raise BundleError(f"{label}: {exc}") from exc
            except OSError as exc:  # the decrypted copy does not fit on this computer's disk
                plain.unlink(missing_ok=True)
                raise BundleError(f"Cannot copy {label} to this computer: {os_reason(exc)}.") from exc
            local.unlink(missing_ok=True)
            local = plain
        bundle = verify_zip(local, label)
        bundle.file_sha256 = file_sha
        bundle.encrypted = encrypted
        return bundle
    except BaseException:
        local.unlink(missing_ok=True)
        raise


def verify_zip(path: Path, label: str) -> Bundle:
    with open(path, "rb") as raw:
        magic = raw.read(4)
    if magic != b"PK\x03\x04":
        raise BundleError(_not_a_bundle(label))
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise BundleError(_truncated(label)) from exc
    except (OSError, ValueError, NotImplementedError) as exc:
        raise BundleError(_truncated(label)) from exc
    with zf, open(path, "rb") as raw:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BundleError(f"{label} has more members than a bundle may have; it was refused.")
        for info in infos:
            if _unsafe(info.filename):
                raise BundleError(f"{label} contains an unsafe file name ({info.filename!r}); it was refused.")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise BundleError(f"{label} contains the same member twice; it was refused.")
        by_name = {i.filename: i for i in infos}
        if MANIFEST not in by_name or SIGNATURE not in by_name:
            raise BundleError(_not_a_bundle(label))
        file_size = path.stat().st_size
        for info in infos:
            limit = _limit(info.filename)
            if limit is None:
                raise BundleError(f"{label} contains an unexpected member ({info.filename}); it was refused.")
            if info.flag_bits & 0x1:
                raise BundleError(f"{label} contains an encrypted member; it was refused.")
            if info.file_size > limit:
                raise BundleError(f"{label} contains a member larger than Repat accepts ({info.filename}); it was refused.")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise BundleError(_bomb(label))
            if info.header_offset + info.compress_size > file_size:
                raise BundleError(_truncated(label))
        manifest_bytes, _ = _read_member(raw, by_name[MANIFEST], MAX_MANIFEST_BYTES, label)
        signature, _ = _read_member(raw, by_name[SIGNATURE], 1024, label)
        try:
            manifest = json.loads(manifest_bytes)
        except ValueError as exc:
            raise BundleError(_not_a_bundle(label)) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise BundleError(_not_a_bundle(label))
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise BundleError(_not_a_bundle(label))
        if version > FORMAT_VERSION:
            raise BundleError(
                f"{label} was made by a newer version of Repat (bundle format {version}); "
                "install that version to import it."
            )
        if version < FORMAT_VERSION:
            raise BundleError(
                f"{label} was made by an older version of Repat, before records were chained; "
                "update Repat on that laptop and export again."
            )
        device = manifest.get("device")
        if not isinstance(device, dict) or not isinstance(device.get("public_key"), str) \
                or not isinstance(device.get("code"), str):
            raise BundleError(f"{label} is damaged: its manifest does not name the device that made it.")
        if not crypto.verify(device["public_key"], manifest_bytes, signature):
            raise BundleError(
                f"The signature of {label} is not valid: the file was altered after it was signed, "
                "or signed with another key; it was refused."
            )
        _check_manifest(manifest, label)
        members = manifest["members"]
        present = set(by_name) - {MANIFEST, SIGNATURE}
        if present != set(members):
            extra = sorted(present - set(members))
            if extra:
                raise BundleError(f"{label} contains a member the signed manifest does not list ({extra[0]}); it was refused.")
            raise BundleError(_truncated(label))
        versions_bytes = b""
        blob_names: list[str] = []
        for name in sorted(members):
            expected = members[name]
            info = by_name[name]
            if info.file_size != expected["size"]:
                raise BundleError(f"{name} in {label} was changed after the bundle was signed; it was refused.")
            limit = min(_limit(name) or 0, int(expected["size"]))
            if name == VERSIONS:
                versions_bytes, digest = _read_member(raw, info, limit, label)
            else:
                digest = _hash_member(raw, info, limit, label)
                if digest != name[len(BLOB_PREFIX):]:
                    raise BundleError(f"{name} in {label} does not hold the bytes its name promises; it was refused.")
                blob_names.append(name[len(BLOB_PREFIX):])
            if digest != expected["sha256"]:
                raise BundleError(f"{name} in {label} was changed after the bundle was signed; it was refused.")
    return Bundle(path, manifest, manifest_bytes, versions_bytes, "", blob_names=blob_names)


def _limit(name: str) -> int | None:
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name == SIGNATURE:
        return 1024
    if name == VERSIONS:
        return MAX_VERSIONS_BYTES
    if _BLOB_RE.match(name):
        return MAX_BLOB_BYTES
    return None


def _check_manifest(manifest: dict[str, Any], label: str) -> None:
    damaged = BundleError(f"{label} is damaged: its manifest is incomplete.")
    members = manifest.get("members")
    if not isinstance(members, dict) or VERSIONS not in members:
        raise damaged
    for name, entry in members.items():
        if not isinstance(name, str) or _limit(name) is None or name in (MANIFEST, SIGNATURE):
            raise BundleError(f"{label} lists an unexpected member ({name}); it was refused.")
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) \
                or not isinstance(entry.get("size"), int):
            raise damaged
    if not isinstance(manifest.get("bundle_id"), str) or len(manifest["bundle_id"]) > 36:
        raise damaged
    if not isinstance(manifest.get("counts"), dict):
        raise damaged


# --- writing ---------------------------------------------------------------------------------


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
