"""The bundle's members: their names and size limits, the error a refused file raises
(``BundleError``), and a member inflated and hashed here under a hard cap."""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from app.errors import RepatError

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
