"""one custody chain: the events an act of acceptance recorded become "certified"

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 20:30:00

Before this revision, issuing an act of acceptance recorded a second "received" custody event
for each case it listed, beside the one written at intake, so the chain said a body was received
twice (three times after a correction). Such an event now has its own type, "certified": the
case was listed on that act. Each event changed here gets a row version, authored "migration".

Every replica that holds the event migrates it by itself, so the version is the same on each of
them, byte for byte apart from when it was written: its id is derived from the row and the
version it follows, it keeps that version's clock stamp and, like the versions a merge computes,
belongs to no device's chain (device "MERGE"; its own hash only). A bundle that carries it to a
replica that made it too is then no change there; a replica that had not received the event yet
gets the certified event with the version. The hash below is the one of revision 0009.

Downgrading keeps the events as they are ("certified"): the versions written cannot be unwritten.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGE_DEVICE = "MERGE"
AUTHOR = "migration"
NAMESPACE = uuid.UUID("6f0d6a52-8d0e-4d53-9a55-1c0a2b7e5a31")
BOOKKEEPING = ("rev", "head_version", "hlc")
_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _iso_ms(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    text = str(value)
    if len(text) >= 23 and text[10] in " T" and text[19] == ".":
        return text[:10] + "T" + text[11:23]
    return datetime.fromisoformat(text).isoformat(timespec="milliseconds")


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _hash(v: dict[str, Any]) -> str:
    """Revision 0009's canonical line of a version without a place in a chain, hashed."""
    line = (
        f'{{"author":{_enc(v["author_name"])},"author_id":null,"chain_id":null,"chain_seq":null,'
        f'"created_at":{_enc(_iso_ms(v["created_at"]))},"deleted":{"true" if v["deleted"] else "false"},'
        f'"device":{_enc(v["device_code"])},"hlc":{_enc(v["hlc"])},"merge_parents":null,'
        f'"parent":{_enc(v["parent_version_id"]) if v["parent_version_id"] else "null"},'
        f'"prev_hash":null,"resolves":null,"row_id":{_enc(v["row_id"])},"snapshot":{_enc(v["snapshot"])},'
        f'"table":{_enc(v["table_name"])},"version_id":{_enc(v["version_id"])}}}'
    )
    return hashlib.sha256(line.encode()).hexdigest()


def upgrade() -> None:
    conn = op.get_bind()
    events = conn.execute(sa.text(
        "SELECT e.* FROM custody_events e JOIN certificates c ON c.id = e.certificate_id "
        "WHERE e.event_type = 'received' AND c.kind = 'acceptance' ORDER BY e.id"
    )).mappings().all()
    if not events:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    versions: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for ev in events:
        parent = ev["head_version"]
        head = conn.execute(
            sa.text("SELECT snapshot, hlc FROM row_versions WHERE version_id = :v"), {"v": parent}
        ).first() if parent else None
        if head is not None:
            snapshot = json.loads(head.snapshot)
        else:  # a row without its version (written behind the application's back): from the row
            snapshot = {k: _json_value(v) for k, v in ev.items() if k not in BOOKKEEPING}
            snapshot["deleted"] = bool(snapshot.get("deleted"))
        snapshot["event_type"] = "certified"
        text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        vid = str(uuid.uuid5(NAMESPACE, f"certified:{ev['id']}:{parent or ''}"))
        hlc = ev["hlc"] or (head.hlc if head is not None else "") or f"{0:013d}-{0:05d}-{MERGE_DEVICE}"
        version = {
            "version_id": vid, "table_name": "custody_events", "row_id": ev["id"], "parent_version_id": parent,
            "merge_parents": None, "hlc": hlc, "device_code": MERGE_DEVICE, "author_id": None,
            "author_name": AUTHOR, "deleted": bool(ev["deleted"]), "snapshot": text, "created_at": now,
            "exported": False, "resolves": None, "chain_id": None, "chain_seq": None, "prev_hash": None,
        }
        version["content_hash"] = _hash(version)
        versions.append(version)
        rows.append({"id": ev["id"], "v": vid})
    known = {
        vid for (vid,) in conn.execute(
            sa.text("SELECT version_id FROM row_versions WHERE version_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)),
            {"ids": [v["version_id"] for v in versions]},
        )
    }
    fresh = [v for v in versions if v["version_id"] not in known]
    if fresh:
        columns = list(fresh[0])
        conn.execute(
            sa.text(f"INSERT INTO row_versions ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"),
            fresh,
        )
    conn.execute(
        sa.text("UPDATE custody_events SET event_type = 'certified', head_version = :v, rev = rev + 1 WHERE id = :id"),
        rows,
    )


def downgrade() -> None:
    pass
