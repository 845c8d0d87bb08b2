"""What this device holds and receives: the records waiting for others, the sync status, and the
rounds it receives."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.errors import ValidationError
from app.persistence.models import Conflict, ProbableDuplicate, QuarantinedBundle, SyncPending
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.sync.common import SETTING_RECEIVE_ROUNDS, _reading, _set_setting, _setting, _transaction
from app.sync import exporter


@dataclass(frozen=True)
class HeldRecord:
    table: str
    row_id: str
    reason: str  # waiting (a record it refers to is missing) | incomplete (earlier changes missing)
    detail: str


@dataclass(frozen=True)
class SyncStatus:
    device_code: str
    fingerprint: str
    unexported: int
    open_conflicts: int
    open_duplicates: int
    held_bundles: int
    held_records: int
    receive_rounds: list[str] | None = field(default=None)

# --- which rounds this device receives -----------------------------------------------------------


def receive_rounds(ctx: AppContext) -> list[str] | None:
    """The round codes this device receives, or None for all rounds."""
    ctx.require()
    with _reading(ctx.db) as conn:
        text = _setting(conn, SETTING_RECEIVE_ROUNDS)
    return sorted(json.loads(text)) if text else None


def set_receive_rounds(ctx: AppContext, codes: Sequence[str] | None) -> list[str] | None:
    """Receive only the rounds ``codes`` (plus the rounds created on this device), or all rounds
    with None. Changes of other rounds in later imports are skipped."""
    ctx.require()
    cleaned = sorted({c.strip() for c in codes if c.strip()}) if codes is not None else None
    if cleaned is not None and not cleaned:
        raise ValidationError("Name at least one round, or choose to receive all rounds.")
    with _transaction(ctx.db) as conn:
        _set_setting(conn, SETTING_RECEIVE_ROUNDS, json.dumps(cleaned) if cleaned is not None else None)
    return cleaned

def list_held(ctx: AppContext) -> list[HeldRecord]:
    """Records whose changes arrived but which wait for another record (or earlier changes)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        rows = conn.execute(select(SyncPending).order_by(SyncPending.table_name, SyncPending.row_id)).all()
    return [HeldRecord(r.table_name, r.row_id, r.reason, r.detail) for r in rows]


def sync_status(ctx: AppContext) -> SyncStatus:
    ctx.require()
    local = accounts.local_device(ctx.db)
    with _reading(ctx.db) as conn:
        unexported = exporter.count_unexported(conn)
        conflicts = conn.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open"))
        dups = conn.scalar(select(func.count()).select_from(ProbableDuplicate).where(ProbableDuplicate.status == "open"))
        held = conn.scalar(select(func.count()).select_from(QuarantinedBundle).where(QuarantinedBundle.status == "held"))
        pending = conn.scalar(select(func.count()).select_from(SyncPending))
        codes = _setting(conn, SETTING_RECEIVE_ROUNDS)
    return SyncStatus(local.code, local.fingerprint, int(unexported or 0), int(conflicts or 0), int(dups or 0),
                      int(held or 0), int(pending or 0), sorted(json.loads(codes)) if codes else None)
