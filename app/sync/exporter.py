"""Export: the row versions this database has not exported yet (or all), and the bytes of the
attachments they reference, into one signed bundle file.

The file is written beside its target under a temporary name, synced to disk, read back and
verified like an import would, (encrypted and verified again,) renamed into place, and only then
are the versions marked as exported, in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, func, insert, select

from app.errors import RepatError, ValidationError, os_reason
from app.ids import uuid7
from app.persistence import chain
from app.persistence.db import Database
from app.persistence.models import Blob, ExportMark, RowVersion
from app.persistence.versioning import utcnow
from app.progress import CancelToken, ProgressCallback, no_progress
from app.sync import chaincheck, crypto
from app.sync.bundle.members import FORMAT_NAME, FORMAT_VERSION, MAX_BLOB_BYTES, MAX_FILE_BYTES, BundleError
from app.sync.bundle.reading import verify_zip
from app.sync.bundle.writing import BundleWriter, move_into_place

IN_CHUNK = 500


class NothingToExport(ValidationError):
    """No change was made since the last bundle."""


class ExportFailed(RepatError):
    """The bundle file could not be written or read back; its sentence says that nothing was
    marked as exported."""


_NOT_READ_BACK = "The bundle could not be read back correctly; nothing was marked as exported."
_ENCRYPTED_NOT_READ_BACK = "The encrypted bundle could not be read back; nothing was marked as exported."


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    versions: int
    blobs: int
    tables: dict[str, int]
    seq_from: int | None
    seq_to: int | None
    size: int
    encrypted: bool
    device_code: str
    fingerprint: str
    missing_blobs: int  # attachments whose bytes are not in this database


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="milliseconds") if value is not None else None


def _runs(seqs: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted sequence numbers."""
    runs: list[tuple[int, int]] = []
    for s in seqs:
        if runs and s == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], s)
        else:
            runs.append((s, s))
    return runs


class TamperedLog(ExportFailed):
    """A version about to be exported does not match its own hash: the log was changed."""


def export_bundle(
    db: Database,
    *,
    out: Path,
    device_code: str,
    public_key_b64: str,
    private_key_b64: str,
    exported_by: str,
    full: bool = False,
    recipient: crypto.Recipient | None = None,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> ExportResult:
    out = Path(out)
    if out.is_dir():
        raise ValidationError(f"{out} is a folder; give the bundle file's name, e.g. {out / 'export.repat'}.")
    folder = out.parent
    if not folder.exists():
        raise ValidationError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ValidationError(f"Cannot write to the folder {folder}.")
    token = token or CancelToken()
    _remove_stale_parts(folder)
    temp = folder / f".{out.name}.{uuid.uuid4().hex[:8]}.part"
    writer: BundleWriter | None = None
    seqs: list[int] = []
    tables: dict[str, int] = {}
    attachment_shas: set[str] = set()
    head: dict[str, Any] | None = None
    heads: dict[str, dict[str, Any]] = {}  # each chain in the bundle: its device, places and head
    try:
        writer = BundleWriter(temp)
        with db.engine.connect() as conn:
            conn.begin()
            total = _count(conn, full)
            if total == 0:
                raise NothingToExport(
                    "There is nothing new to export since the last bundle (use --full to export everything)."
                    if not full else "This database holds no records to export."
                )
            last = conn.execute(
                select(RowVersion.seq, RowVersion.version_id, RowVersion.hlc).order_by(RowVersion.seq.desc()).limit(1)
            ).first()
            if last is not None:
                head = {"seq": last.seq, "version_id": last.version_id, "hlc": last.hlc}
            writer.open_versions()
            done = 0
            for part in _read_versions(conn, full):
                token.check()
                lines = []
                for (seq, vid, table, row_id, parent, mp, hlc, device, author_id, author, deleted, snapshot,
                     created, resolves, chain_id, chain_seq, prev_hash, content_hash) in part:
                    seqs.append(seq)
                    tables[table] = tables.get(table, 0) + 1
                    if table == "attachments":
                        sha = json.loads(snapshot).get("sha256")
                        if isinstance(sha, str) and len(sha) == 64:
                            attachment_shas.add(sha)
                    line = chain.version_line(
                        version_id=vid, table=table, row_id=row_id, parent=parent, merge_parents=mp, hlc=hlc,
                        device=device, author_id=author_id, author=author, deleted=deleted, snapshot=snapshot,
                        created_at=created, resolves=resolves, chain_id=chain_id, chain_seq=chain_seq,
                        prev_hash=prev_hash,
                    )
                    if chain.hash_line(line) != content_hash:
                        raise TamperedLog(
                            f"{device}'s version {chain_seq or vid} no longer matches its hash: this database's "
                            "history was changed. Nothing was exported; run 'repat audit verify' and tell a supervisor."
                        )
                    if chain_id is not None and chain_seq is not None:
                        run = heads.get(chain_id)
                        heads[chain_id] = {
                            "device": device,
                            "from": min(run["from"], chain_seq) if run else chain_seq,
                            "to": max(run["to"], chain_seq) if run else chain_seq,
                            "hash": content_hash if not run or chain_seq > run["to"] else run["hash"],
                        }
                    lines.append(line + "\n")
                writer.write_versions("".join(lines).encode())
                done += len(part)
                progress(done, total, "Writing changes")
            writer.close_versions()
            blobs, missing = _write_blobs(conn, writer, attachment_shas, token)
        bundle_id = uuid7()
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "bundle_id": bundle_id,
            "created_at": _iso(utcnow()),
            "created_by": exported_by,
            "device": {"code": device_code, "public_key": public_key_b64,
                       "key_id": crypto.fingerprint(public_key_b64)},
            "full": full,
            "sequence": {"from": min(seqs), "to": max(seqs)},
            "head": head,
            "chains": dict(sorted(heads.items())),
            "counts": {"versions": len(seqs), "blobs": blobs, "tables": dict(sorted(tables.items()))},
        }
        manifest_bytes = writer.finish(manifest, private_key_b64)
        token.check()
        progress(len(seqs), len(seqs), "Checking the file")
        try:
            checked = verify_zip(temp, out.name)
        except BundleError as exc:
            raise ExportFailed(_NOT_READ_BACK) from exc
        if checked.manifest_bytes != manifest_bytes or len(checked.versions_bytes.splitlines()) != len(seqs):
            raise ExportFailed(_NOT_READ_BACK)
        final = temp
        if recipient is not None:
            final = folder / f".{out.name}.{uuid.uuid4().hex[:8]}.enc.part"
            try:
                with open(final, "wb") as fh:
                    crypto.encrypt_file(temp, fh, recipient)
                    fh.flush()
                    os.fsync(fh.fileno())
                _verify_encrypted(final, temp, recipient)
            except BaseException:
                final.unlink(missing_ok=True)
                raise
            temp.unlink(missing_ok=True)
        token.check()
        move_into_place(final, out)
    except BaseException as exc:
        if writer is not None:
            writer.abort()
        with contextlib.suppress(OSError):  # a stick pulled out: there is nothing left to remove
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a stick pulled out, a refused permission
            raise ExportFailed(f"Cannot write {out}: {os_reason(exc)}; nothing was marked as exported.") from exc
        raise
    # If marking fails, the complete file stays; the same changes then go out again next time,
    # which an import recognises.
    _mark_exported(db, seqs, bundle_id, heads)
    return ExportResult(
        out, bundle_id, len(seqs), blobs, dict(sorted(tables.items())), min(seqs), max(seqs), out.stat().st_size,
        recipient is not None, device_code, crypto.fingerprint(public_key_b64), missing,
    )


# The temporary files an export writes beside its target (``.NAME.1a2b3c4d.part``, and
# ``.NAME.1a2b3c4d.enc.part`` when encrypting). An export removes its own when it fails; after
# a power cut or a stick pulled out they stay, hidden, taking room on the stick. One not
# written to for an hour is no export's any more.
_PART = re.compile(r"\..+\.[0-9a-f]{8}(\.enc)?\.part")
_STALE_AFTER = 3600


def _remove_stale_parts(folder: Path) -> None:
    try:
        names = [p for p in folder.iterdir() if _PART.fullmatch(p.name)]
    except OSError:
        return
    for p in names:
        with contextlib.suppress(OSError):
            if p.is_file() and time.time() - p.stat().st_mtime > _STALE_AFTER:
                p.unlink()


VERSION_COLUMNS = (
    "seq", "version_id", "table_name", "row_id", "parent_version_id", "merge_parents", "hlc", "device_code",
    "author_id", "author_name", "deleted", "snapshot", "created_at", "resolves", "chain_id", "chain_seq",
    "prev_hash", "content_hash",
)


def exported_floor(conn: Connection) -> int:
    """Every version up to this ``seq`` was exported (the first export range, when it starts
    at the beginning of the log); above it, the ranges in ``export_marks`` say."""
    first = conn.execute(select(ExportMark.seq_from, ExportMark.seq_to).order_by(ExportMark.seq_from).limit(1)).first()
    if first is None:
        return 0
    lowest = conn.scalar(select(func.min(RowVersion.seq)))
    return int(first[1]) if lowest is not None and first[0] <= lowest else 0


def _unexported(conn: Connection) -> Any:
    covered = exists().where(ExportMark.seq_from <= RowVersion.seq, ExportMark.seq_to >= RowVersion.seq)
    return and_(RowVersion.seq > exported_floor(conn), ~covered)


def count_unexported(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(RowVersion).where(_unexported(conn))) or 0)


def _read_versions(conn: Connection, full: bool) -> Iterator[Sequence[Any]]:
    """The versions to export in log order, in batches; raw rows from the driver on SQLite."""
    if conn.dialect.name == "sqlite":
        where = "" if full else (
            f" WHERE seq > {exported_floor(conn)} AND NOT EXISTS (SELECT 1 FROM export_marks m "
            "WHERE row_versions.seq BETWEEN m.seq_from AND m.seq_to)"
        )
        cursor = conn.exec_driver_sql(f"SELECT {', '.join(VERSION_COLUMNS)} FROM row_versions{where} ORDER BY seq")
        while True:
            rows = cursor.fetchmany(5000)
            if not rows:
                return
            yield rows
    table = RowVersion.__table__
    stmt = select(*[table.c[c] for c in VERSION_COLUMNS]).order_by(RowVersion.seq)
    if not full:
        stmt = stmt.where(_unexported(conn))
    result = conn.execution_options(stream_results=True, yield_per=5000).execute(stmt)
    for part in result.partitions(5000):
        yield [tuple(r) for r in part]


def _count(conn: Connection, full: bool) -> int:
    if full:
        return int(conn.scalar(select(func.count()).select_from(RowVersion)) or 0)
    return count_unexported(conn)


def _write_blobs(conn: Connection, writer: BundleWriter, shas: set[str], token: CancelToken) -> tuple[int, int]:
    import hashlib

    written = 0
    wanted = sorted(shas)
    found: set[str] = set()
    for i in range(0, len(wanted), IN_CHUNK):
        token.check()
        chunk = wanted[i : i + IN_CHUNK]
        for sha, data in conn.execute(select(Blob.sha256, Blob.data).where(Blob.sha256.in_(chunk))):
            data = bytes(data)
            if hashlib.sha256(data).hexdigest() != sha or len(data) > MAX_BLOB_BYTES:
                continue  # damaged locally: leave it out rather than make a bundle that is refused
            writer.add_blob(sha, data)
            found.add(sha)
            written += 1
    return written, len(shas) - len(found)


def _verify_encrypted(encrypted: Path, plain: Path, recipient: crypto.Recipient) -> None:
    """Decrypt the written file again (passphrase files) or check its frame (HQ key files)."""
    import hashlib

    if recipient.passphrase is None:
        # Without the headquarters' private key, check the header and the chunk frames.
        header = crypto.read_header(encrypted)
        if header.get("scheme") != "x25519":
            raise ExportFailed(_ENCRYPTED_NOT_READ_BACK)
        return

    class _Hasher:
        def __init__(self) -> None:
            self.h = hashlib.sha256()

        def write(self, data: bytes) -> int:
            self.h.update(data)
            return len(data)

    sink = _Hasher()
    crypto.decrypt_file(encrypted, sink, passphrase=recipient.passphrase, hq_private_b64=None,  # type: ignore[arg-type]
                        max_bytes=MAX_FILE_BYTES)
    expected = hashlib.sha256(plain.read_bytes()).hexdigest()
    if sink.h.hexdigest() != expected:
        raise ExportFailed(_ENCRYPTED_NOT_READ_BACK)


def mark_exported(conn: Connection, seqs: list[int]) -> None:
    """Record that the versions ``seqs`` were exported, keeping ``export_marks`` merged."""
    marks = [tuple(r) for r in conn.execute(select(ExportMark.seq_from, ExportMark.seq_to)).all()]
    merged: list[tuple[int, int]] = []
    for a, b in sorted([*marks, *_runs(sorted(set(seqs)))]):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((int(a), int(b)))
    if merged != sorted(marks):
        conn.execute(delete(ExportMark))
        conn.execute(insert(ExportMark), [{"seq_from": a, "seq_to": b} for a, b in merged])


def _mark_exported(db: Database, seqs: list[int], bundle_id: str, heads: dict[str, dict[str, Any]]) -> None:
    with db.session(write=True) as session:
        conn = session.connection()
        mark_exported(conn, seqs)
        # the heads this bundle signed: the log must hold them from now on (repat audit verify)
        chaincheck.record_checkpoints(conn, bundle_id, heads, utcnow())
