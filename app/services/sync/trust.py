"""Whose bundles are applied: the trust state of a bundle's signing key, a key registered as
trusted or revoked, and the quarantine where a bundle from an unknown or revoked device (or one
waiting for an earlier bundle of its device) is held."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, update

from app import paths
from app.errors import RepatError, os_reason
from app.ids import uuid7
from app.persistence.models import DeviceKey, QuarantinedBundle
from app.persistence.versioning import utcnow
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.sync.common import _reading
from app.sync import crypto
from app.sync.bundle.members import SUFFIX
from app.sync.bundle.reading import Bundle
from app.sync.bundle.writing import fsync_folder


@dataclass(frozen=True)
class QuarantineEntry:
    id: str
    device_code: str
    fingerprint: str
    reason: str  # unknown | revoked | key mismatch
    received_at: datetime
    received_by: str
    versions: int
    size: int
    file_path: str
    status: str

def _quarantine_dir() -> Path:
    folder = paths.data_dir() / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

def _trust_state(conn: Connection, local: accounts.DeviceInfo, b: Bundle) -> str:
    if b.public_key == local.public_key:
        return "own"
    if b.device_code == local.code:
        return "key mismatch"
    keys = conn.execute(
        select(DeviceKey.public_key, DeviceKey.status).where(DeviceKey.device_code == b.device_code)
    ).tuples().all()
    for key, status in keys:
        if key == b.public_key:
            return "trusted" if status == "trusted" else "revoked"
    revoked_key = conn.scalar(select(DeviceKey.status).where(DeviceKey.public_key == b.public_key))
    if revoked_key == "revoked":
        return "revoked"
    if any(status == "trusted" for _, status in keys):
        return "key mismatch"
    return "unknown"


def _register_key(conn: Connection, code: str, public_key: str, decided_by: str, status: str = "trusted") -> None:
    exists = conn.scalar(select(func.count()).select_from(DeviceKey).where(DeviceKey.public_key == public_key))
    values = {"device_code": code, "fingerprint": crypto.fingerprint(public_key), "status": status,
              "decided_by": decided_by, "decided_at": utcnow()}
    if exists:
        conn.execute(update(DeviceKey).where(DeviceKey.public_key == public_key).values(**values))
    else:
        conn.execute(insert(DeviceKey).values(public_key=public_key, **values))

def _quarantine(
    conn: Connection, b: Bundle, name: str, reason: str, received_by: str, *, store: bool
) -> Path | None:
    """Hold ``b`` (the file ``name``): a row, and (when ``store``) a copy of the verified file;
    returns the copy. A copy that cannot be written stops the whole import (nothing is applied)."""
    existing = conn.scalar(
        select(QuarantinedBundle.id).where(
            QuarantinedBundle.bundle_id == b.bundle_id, QuarantinedBundle.status == "held"
        )
    )
    if existing:
        return None
    qid = uuid7()
    target = _quarantine_dir() / f"{qid}{SUFFIX}"
    if store:
        try:
            shutil.copyfile(b.path, target)
            with open(target, "rb+") as fh:
                os.fsync(fh.fileno())
            fsync_folder(target.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
            raise RepatError(
                f"Cannot keep a copy of {name} in quarantine: {os_reason(exc)}; nothing was imported."
            ) from exc
    conn.execute(
        insert(QuarantinedBundle).values(
            id=qid, bundle_id=b.bundle_id, device_code=b.device_code, public_key=b.public_key,
            fingerprint=b.fingerprint, reason=reason, file_path=str(target), file_sha256=b.file_sha256,
            size=b.path.stat().st_size, versions=b.version_count, received_at=utcnow(), received_by=received_by,
            status="held",
        )
    )
    return target if store else None


# A bundle that continues a device's chain after a version not received yet: held, and applied by
# the next import that brings the earlier one (``_apply_waiting``).
REASON_WAITING = "waiting"

_REASON_TEXT = {
    "unknown": "is not a trusted device here",
    "revoked": "has been revoked here",
    "key mismatch": "signed with a different key than the one registered here",
}

def list_quarantine(ctx: AppContext, *, include_done: bool = False) -> list[QuarantineEntry]:
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(QuarantinedBundle).order_by(QuarantinedBundle.received_at)
        if not include_done:
            stmt = stmt.where(QuarantinedBundle.status == "held")
        rows = conn.execute(stmt).all()
    return [
        QuarantineEntry(r.id, r.device_code, r.fingerprint, r.reason, r.received_at, r.received_by, r.versions,
                        r.size, r.file_path, r.status)
        for r in rows
    ]
