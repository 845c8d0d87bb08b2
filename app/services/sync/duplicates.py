"""Probable duplicates: two records that look alike (found by the import), listed with both sides,
and linked as the same remains or dismissed by a supervisor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from app.errors import NotFound, ValidationError
from app.persistence.models import (
    Case,
    Certificate,
    Device,
    DuplicateDecision,
    ProbableDuplicate,
    Round,
    User,
)
from app.persistence.queries import shown_keys
from app.services.context import AppContext
from app.services.sync.common import CAN_RESOLVE, _reading
from app.sync import crypto
from app.sync.tables import NATURAL_KEYS, table_info


@dataclass(frozen=True)
class DuplicateSide:
    id: str
    label: str  # case number, round code or user name
    details: dict[str, Any]


@dataclass(frozen=True)
class DuplicateInfo:
    id: str
    table: str
    # same_tag | same_bag | same_code | same_username | same_case_number | same_certificate_number |
    # same_device_code (a number or code two installations both issued)
    reasons: list[str]
    status: str  # open | linked | dismissed
    scope: str  # the round's code for cases
    a: DuplicateSide
    b: DuplicateSide
    detected_at: datetime

CASE_DETAIL_FIELDS = ("case_number", "sender_tag", "bag_number", "claimed_name", "category", "received_at",
                      "round_id", "transport_unit_id", "deleted", "same_remains_as_id")


def _sides(conn: Connection, table: str, ids: list[str]) -> dict[str, DuplicateSide]:
    out: dict[str, DuplicateSide] = {}
    t = table_info(table).table
    # two rows sharing a number are told apart by the number each shows (see KEY_CLASH)
    shown = shown_keys(conn, t, NATURAL_KEYS[table], ids) if table in NATURAL_KEYS else {}
    if table == "cases":
        for i in range(0, len(ids), 500):
            for row in conn.execute(
                select(*[getattr(Case, f) for f in ("id", *CASE_DETAIL_FIELDS)]).where(Case.id.in_(ids[i : i + 500]))
            ):
                details = dict(zip(CASE_DETAIL_FIELDS, row[1:], strict=True))
                out[row[0]] = DuplicateSide(row[0], shown.get(row[0], str(details["case_number"])), details)
    elif table == "rounds":
        for row in conn.execute(select(Round.id, Round.code, Round.round_date, Round.place).where(Round.id.in_(ids))):
            out[row[0]] = DuplicateSide(row[0], row[1], {"code": row[1], "round_date": row[2], "place": row[3]})
    elif table == "users":
        for row in conn.execute(select(User.id, User.username, User.full_name, User.role).where(User.id.in_(ids))):
            out[row[0]] = DuplicateSide(row[0], row[1], {"username": row[1], "full_name": row[2], "role": row[3]})
    elif table == "devices":
        for row in conn.execute(
            select(Device.id, Device.code, Device.name, Device.public_key, Device.created_at).where(Device.id.in_(ids))
        ):
            out[row[0]] = DuplicateSide(row[0], shown.get(row[0], row[1]), {
                "code": row[1], "name": row[2], "fingerprint": crypto.fingerprint(row[3]) if row[3] else "",
                "created_at": row[4],
            })
    elif table == "certificates":
        for row in conn.execute(
            select(Certificate.id, Certificate.number, Certificate.kind, Certificate.status, Certificate.round_id,
                   Certificate.created_at).where(Certificate.id.in_(ids))
        ):
            out[row[0]] = DuplicateSide(row[0], shown.get(row[0], row[1]), {
                "number": row[1], "kind": row[2], "status": row[3], "round_id": row[4], "created_at": row[5],
            })
    return out


def list_duplicates(ctx: AppContext, *, status: str | None = "open") -> list[DuplicateInfo]:
    """Probable duplicates (``status`` "open", "linked", "dismissed" or None for all)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(ProbableDuplicate).order_by(ProbableDuplicate.detected_at, ProbableDuplicate.id)
        if status:
            stmt = stmt.where(ProbableDuplicate.status == status)
        rows = conn.execute(stmt).all()
        sides: dict[str, DuplicateSide] = {}
        for table in {r.table_name for r in rows}:
            ids = sorted({x for r in rows if r.table_name == table for x in (r.row_a, r.row_b)})
            sides.update(_sides(conn, table, ids))
        rounds = dict(conn.execute(
            select(Round.id, Round.code).where(Round.id.in_({r.scope_id for r in rows if r.scope_id}))
        ).tuples().all()) if rows else {}
    result = []
    for r in rows:
        a = sides.get(r.row_a) or DuplicateSide(r.row_a, r.row_a[:8], {})
        b = sides.get(r.row_b) or DuplicateSide(r.row_b, r.row_b[:8], {})
        result.append(DuplicateInfo(r.id, r.table_name, r.reasons.split(","), r.status, rounds.get(r.scope_id, ""),
                                    a, b, r.detected_at))
    return result


def _find_duplicate(ctx: AppContext, duplicate_id: str) -> DuplicateInfo:
    text = duplicate_id.strip().lower()
    if len(text) < 4:
        raise ValidationError("Give at least the first four characters of the duplicate's id.")
    matches = [d for d in list_duplicates(ctx, status=None) if d.id.startswith(text)]
    if not matches:
        raise NotFound(f"There is no probable duplicate {duplicate_id.strip()}.")
    if len(matches) > 1:
        raise ValidationError(f"More than one probable duplicate starts with {duplicate_id.strip()}; give more of its id.")
    return matches[0]


def _decide(ctx: AppContext, duplicate_id: str, decision: str, note: str) -> DuplicateInfo:
    ctx.require(*CAN_RESOLVE)
    dup = _find_duplicate(ctx, duplicate_id)
    if decision == "linked" and dup.table != "cases":
        raise ValidationError("Only two cases can be linked as the same remains; dismiss this flag instead.")
    with ctx.unit_of_work() as session:
        row = session.get(DuplicateDecision, dup.id)
        if row is None:
            session.add(DuplicateDecision(id=dup.id, table_name=dup.table, row_a=dup.a.id, row_b=dup.b.id,
                                          decision=decision, note=note.strip()))
        else:
            row.decision = decision
            row.note = note.strip()
            row.deleted = False
        if decision == "linked":
            first, second = sorted(
                (session.get(Case, dup.a.id), session.get(Case, dup.b.id)),
                key=lambda c: (c.received_at, c.case_number) if c is not None else (datetime.max, ""),
            )
            if first is None or second is None:
                raise NotFound("One of the two cases is not in this database.")
            if second.same_remains_as_id != first.id:
                second.same_remains_as_id = first.id
        session.flush()
        session.execute(update(ProbableDuplicate).where(ProbableDuplicate.id == dup.id).values(status=decision))
    return _find_duplicate(ctx, dup.id)


def link_duplicates(ctx: AppContext, duplicate_id: str, *, note: str = "") -> DuplicateInfo:
    """Record that two cases are the same remains: the later case points to the earlier one
    (``same_remains_as_id``). Both stay; nothing is merged."""
    return _decide(ctx, duplicate_id, "linked", note)


def dismiss_duplicate(ctx: AppContext, duplicate_id: str, *, note: str = "") -> DuplicateInfo:
    """Record that the two records are not the same (the flag is closed everywhere)."""
    return _decide(ctx, duplicate_id, "dismissed", note)
