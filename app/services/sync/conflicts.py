"""Conflicts: two devices changed one field of a record differently; listed with their competing
values, and settled by a supervisor with a new version that travels like any other."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.sql import sqltypes

from app.domain import AgeGroup, CaseStatus, Category, Sex, normalize_text
from app.errors import NotFound, RepatError, ValidationError
from app.ids import uuid7
from app.persistence.models import Case, Certificate, CertificateCase, Conflict, RowVersion
from app.persistence.models.keys import shown_key
from app.persistence.queries import shown_keys
from app.persistence.versioning import canonical_json, insert_versions, utcnow
from app.services.context import AppContext
from app.services.sync.common import CAN_RESOLVE, _reading, _transaction
from app.sync.importer.engine import Importer
from app.sync.merge import DERIVED_FIELDS
from app.sync.tables import NATURAL_KEYS, table_info


@dataclass(frozen=True)
class ConflictCandidate:
    version_id: str
    value: Any
    author: str
    device: str
    hlc: str
    at: datetime | None  # from the clock stamp
    provisional: bool  # the value shown until the conflict is resolved


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table: str
    row_id: str
    record: str  # case number, round code, user name ... as people know the record
    field: str
    status: str  # open | resolved
    base_value: Any
    provisional: Any
    current: Any  # the value stored now
    candidates: list[ConflictCandidate]
    merge_version_id: str
    hlc: str
    resolution_version_id: str | None
    resolved_by: str
    resolved_at: datetime | None

ENUM_FIELDS: dict[tuple[str, str], Any] = {
    ("cases", "category"): Category,
    ("cases", "apparent_sex"): Sex,
    ("cases", "age_group"): AgeGroup,
    ("cases", "status"): CaseStatus,
}


def _hlc_time(stamp: str) -> datetime | None:
    try:
        ms = int(stamp.split("-", 1)[0])
    except (ValueError, IndexError):
        return None
    return datetime.utcfromtimestamp(ms / 1000)


def _labels(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, str]:
    if table == "certificate_cases" and ids:  # a case listed on a certificate: "certificate / case"
        found_links: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            for link_id, number, case_number in conn.execute(
                select(
                    CertificateCase.id, shown_key(Certificate.__table__, "number"),
                    shown_key(Case.__table__, "case_number"),
                )
                .join(Certificate, Certificate.id == CertificateCase.certificate_id)
                .join(Case, Case.id == CertificateCase.case_id)
                .where(CertificateCase.id.in_(ids[i : i + 500]))
            ):
                found_links[link_id] = f"{number} / {case_number}"
        return found_links
    column = {"cases": "case_number", "rounds": "code", "users": "username", "devices": "code",
              "certificates": "number", "transport_units": "label"}.get(table)
    if column is None or not ids:
        return {}
    t = table_info(table).table
    if table in NATURAL_KEYS:  # a shared number is labelled as each row shows it
        return shown_keys(conn, t, column, ids)
    found: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        found.update(conn.execute(select(t.c.id, t.c[column]).where(t.c.id.in_(ids[i : i + 500]))).tuples().all())
    return found


def _conflict_info(conn: Connection, c: Any, labels: dict[str, str]) -> ConflictInfo:
    provisional = json.loads(c.provisional) if c.provisional is not None else None
    candidates = []
    for cand in json.loads(c.candidates):
        candidates.append(ConflictCandidate(
            cand["version_id"], cand["value"], cand.get("author", ""), cand.get("device", ""), cand.get("hlc", ""),
            _hlc_time(cand.get("hlc", "")),
            canonical_json(cand["value"]) == canonical_json(provisional),
        ))
    t = table_info(c.table_name).table
    current = None
    if c.field in t.c:
        value = conn.scalar(select(t.c[c.field]).where(t.c.id == c.row_id))
        current = value.isoformat() if isinstance(value, datetime | date) else value
    resolved_by = ""
    resolved_at = None
    if c.resolution_version_id:
        row = conn.execute(
            select(RowVersion.author_name, RowVersion.hlc).where(RowVersion.version_id == c.resolution_version_id)
        ).first()
        if row is not None:
            resolved_by, resolved_at = row[0], _hlc_time(row[1])
    record = labels.get(c.row_id) or f"{c.table_name} {c.row_id[:8]}"
    return ConflictInfo(
        c.id, c.table_name, c.row_id, record, c.field, c.status,
        json.loads(c.base_value) if c.base_value is not None else None, provisional, current, candidates,
        c.merge_version_id, c.hlc, c.resolution_version_id, resolved_by, resolved_at,
    )


def list_conflicts(
    ctx: AppContext, *, status: str | None = "open", table: str | None = None, row_id: str | None = None
) -> list[ConflictInfo]:
    """Conflicts, oldest first (``status`` "open", "resolved" or None for all)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(Conflict).order_by(Conflict.hlc, Conflict.id)
        if status:
            stmt = stmt.where(Conflict.status == status)
        if table:
            stmt = stmt.where(Conflict.table_name == table)
        if row_id:
            stmt = stmt.where(Conflict.row_id == row_id)
        rows = conn.execute(stmt).all()
        labels: dict[str, str] = {}
        for tname in {r.table_name for r in rows}:
            labels.update(_labels(conn, tname, [r.row_id for r in rows if r.table_name == tname]))
        return [_conflict_info(conn, r, labels) for r in rows]


def _find_conflict(conn: Connection, conflict_id: str) -> Any:
    text = conflict_id.strip().lower()
    if len(text) < 4:
        raise ValidationError("Give at least the first four characters of the conflict's id.")
    rows = conn.execute(select(Conflict).where(Conflict.id.like(text.replace("%", "") + "%")).limit(2)).all()
    if not rows:
        raise NotFound(f"There is no conflict {conflict_id.strip()}.")
    if len(rows) > 1:
        raise ValidationError(f"More than one conflict starts with {conflict_id.strip()}; give more of its id.")
    return rows[0]


def get_conflict(ctx: AppContext, conflict_id: str) -> ConflictInfo:
    ctx.require()
    with _reading(ctx.db) as conn:
        c = _find_conflict(conn, conflict_id)
        return _conflict_info(conn, c, _labels(conn, c.table_name, [c.row_id]))


def _parse_value(table: str, field_name: str, text: str) -> Any:
    t = table_info(table).table
    if field_name not in t.c:
        raise ValidationError(f"{table} has no field {field_name}.")
    column = t.c[field_name]
    text = text.strip()
    enum = ENUM_FIELDS.get((table, field_name))
    if enum is not None:
        try:
            return str(enum(text).value)
        except ValueError as exc:
            choices = ", ".join(e.value for e in enum)
            raise ValidationError(f"{text} is not a valid value here; choose one of: {choices}.") from exc
    if text == "" and column.nullable and not isinstance(column.type, sqltypes.String):
        return None
    try:
        if isinstance(column.type, sqltypes.Boolean):
            lowered = text.lower()
            if lowered in ("yes", "true", "1", "так"):
                return True
            if lowered in ("no", "false", "0", "ні"):
                return False
            raise ValueError(text)
        if isinstance(column.type, sqltypes.Integer):
            return int(text)
        if isinstance(column.type, sqltypes.DateTime):
            return datetime.fromisoformat(text).isoformat(timespec="milliseconds")
        if isinstance(column.type, sqltypes.Date):
            return date.fromisoformat(text).isoformat()
        if isinstance(column.type, sqltypes.JSON):
            return json.loads(text)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a valid value for {field_name}.") from exc
    length = getattr(column.type, "length", None)
    if length is not None and len(text) > length:
        raise ValidationError(f"The value is longer than {length} characters.")
    return text


def _pick(candidates: list[dict[str, Any]], choice: str) -> Any:
    """A candidate's value by its number in the list (1, 2, ...) or its version id (or a
    unique start or end of it)."""
    wanted = choice.strip().lower()
    if wanted.isdigit() and len(wanted) <= 3:
        if 1 <= int(wanted) <= len(candidates):
            return candidates[int(wanted) - 1]["value"]
        raise ValidationError(f"Pick a value numbered 1 to {len(candidates)}.")
    matches = [
        x for x in candidates
        if len(wanted) >= 4 and (x["version_id"].lower().startswith(wanted) or x["version_id"].lower().endswith(wanted))
    ]
    if len({x["version_id"] for x in matches}) != 1:
        raise ValidationError("Pick one of the listed values by its number or its version id.")
    return matches[0]["value"]


def resolve_conflict(
    ctx: AppContext, conflict_id: str, *, pick_version: str | None = None, value: str | None = None
) -> ConflictInfo:
    """Settle a conflict with one of the competing values (``pick_version``: its number in
    ``candidates``, counting from 1, or its version id) or a typed ``value``. The choice is a new version of the record by this
    supervisor: it travels in the next bundle and settles the conflict everywhere."""
    me = ctx.require(*CAN_RESOLVE)
    if (pick_version is None) == (value is None):
        raise ValidationError("Pick one of the values or type another one (not both).")
    with _transaction(ctx.db) as conn:
        c = _find_conflict(conn, conflict_id)
        if c.status != "open":
            raise ValidationError("This conflict is already resolved.")
        info = table_info(c.table_name)
        t = info.table
        row = conn.execute(select(t.c.head_version, t.c.rev).where(t.c.id == c.row_id)).first()
        if row is None:
            raise ValidationError(
                "The record is not in the database yet (it waits for a record not received); "
                "import the missing bundle first."
            )
        head = row.head_version
        snapshot_text = conn.scalar(select(RowVersion.snapshot).where(RowVersion.version_id == head))
        if snapshot_text is None:
            raise RepatError("The record's current version is missing from the log; it cannot be resolved here.")
        snapshot = json.loads(snapshot_text)
        if pick_version is not None:
            new_value = _pick(json.loads(c.candidates), pick_version)
        else:
            new_value = _parse_value(c.table_name, c.field, value or "")
        snapshot[c.field] = new_value
        for derived, source in DERIVED_FIELDS.get(c.table_name, {}).items():
            if source == c.field and derived in snapshot:
                snapshot[derived] = normalize_text(new_value if isinstance(new_value, str) else "")
        now = utcnow()
        snapshot["updated_at"] = now.isoformat(timespec="milliseconds")
        snapshot["updated_by"] = me.id
        vid = uuid7()
        stamp = ctx.clock.now()
        insert_versions(conn, [dict(
            version_id=vid, table_name=c.table_name, row_id=c.row_id, parent_version_id=head, hlc=stamp,
            device_code=ctx.device_code, author_id=me.id, author_name=me.username,
            deleted=bool(snapshot.get("deleted")), snapshot=canonical_json(snapshot), created_at=now,
            exported=False, merge_parents=None, resolves=json.dumps([{"conflict": c.id, "field": c.field}]),
        )])
        values = info.to_row(snapshot)
        values.pop("id")
        natural_key = NATURAL_KEYS.get(c.table_name) == c.field
        before = conn.scalar(select(t.c[c.field]).where(t.c.id == c.row_id)) if natural_key else None
        if natural_key:  # marked while its value changes; settled right after (see KEY_CLASH)
            values["key_clash"] = True
        conn.execute(
            update(t).where(t.c.id == c.row_id)
            .values(**values, head_version=vid, hlc=stamp, rev=t.c.rev + 1)
        )
        if natural_key:
            settled = {v for v in (before, values.get(c.field)) if v is not None}
            Importer(conn, now=now).settle_natural_key(c.table_name, c.row_id, sorted(settled))
        conn.execute(update(Conflict).where(Conflict.id == c.id).values(status="resolved", resolution_version_id=vid))
        resolved_id = c.id
    return get_conflict(ctx, resolved_id)
