"""Reading a bundle: the file copied to this computer's disk, decrypted if needed, and verified
completely before anything is parsed (``open_bundle``, ``verify_zip``); the verified ``Bundle``."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import os_reason
from app.sync import crypto
from app.sync.bundle.members import (
    BLOB_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    MAX_BLOB_BYTES,
    MAX_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    RATIO_FLOOR,
    READ_CHUNK,
    SIGNATURE,
    SUFFIX,
    VERSIONS,
    BundleError,
    _bomb,
    _hash_member,
    _inflate,
    _limit,
    _read_member,
    _truncated,
)


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

def _unsafe(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))

def _not_a_bundle(label: str) -> str:
    return f"{label} is not a Repat export bundle."

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
