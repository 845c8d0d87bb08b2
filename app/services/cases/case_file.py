"""The case file: one case with its effects, photos, custody events and history, and its edits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import AgeGroup, Category, CertificateStatus, ConditionFlag, Sex
from app.errors import NotFound, StaleEdit, ValidationError
from app.lookalikes import number_reading
from app.persistence.models import (
    Attachment,
    Blob,
    Case,
    Certificate,
    CustodyEvent,
    Discrepancy,
    PersonalEffect,
    Round,
    RowVersion,
    TransportUnit,
    User,
)
from app.persistence.queries import by_shown_key, shown_keys
from app.persistence.versioning import history as version_history
from app.services.cases.intake import validate_choice
from app.services.cases.void import VOIDED_CASE
from app.services.context import CAN_RECORD_INTAKE, AppContext


@dataclass(frozen=True)
class EffectView:
    id: str
    category: str
    description: str
    quantity: int
    container_seal: str


@dataclass(frozen=True)
class AttachmentView:
    id: str
    sha256: str
    filename: str
    media_type: str
    size: int
    caption: str


@dataclass(frozen=True)
class CustodyView:
    id: str
    event_type: str
    occurred_at: datetime
    place: str
    from_party: str
    to_party: str
    seals_before: str
    seals_after: str
    witnesses: str
    certificate_id: str | None
    recorded_by: str
    notes: str
    certificate_number: str = ""
    act_voided: bool = False  # the act this event belongs to was voided or superseded since


@dataclass(frozen=True)
class HistoryEntry:
    table: str
    version_id: str
    at: datetime
    author: str
    device: str
    changed: dict[str, tuple[Any, Any]]
    deleted: bool


@dataclass(frozen=True)
class CaseDetail:
    id: str
    rev: int
    fields: dict[str, Any]
    round_code: str
    transport_unit: str
    effects: list[EffectView]
    attachments: list[AttachmentView]
    custody: list[CustodyView]
    history: list[HistoryEntry]


CASE_FIELDS = (
    "case_number", "sender_tag", "bag_number", "category", "condition_flags", "apparent_sex", "age_group",
    "storage_location", "status", "off_manifest", "claimed_name", "claimed_birth_date", "claimed_citizenship",
    "claimed_source", "established_name", "established_birth_date", "identification_method", "identified_by",
    "identified_on", "notes", "received_at",
)
EDITABLE_FIELDS = frozenset(
    {"bag_number", "category", "condition_flags", "apparent_sex", "age_group", "storage_location", "notes",
     "transport_unit_id"}
)
HIDDEN_HISTORY_FIELDS = frozenset(
    {"id", "updated_at", "updated_by", "created_at", "sender_tag_norm", "claimed_name_norm",
     "established_name_norm", "password_hash", "case_id", "position"}
)


def find_case_id(ctx: AppContext, case_number: str) -> str:
    ctx.require()
    with ctx.reading() as session:
        wanted = number_reading(case_number)
        # of the cases sharing a number, the plain number is the one that shows it as it is
        found = by_shown_key(session, Case.__table__, "case_number", [wanted], Case.id)
    cid: str | None = found[wanted][0] if wanted in found else None
    if cid is None:
        raise NotFound(f"There is no case {case_number}.")
    return cid


def get_case(ctx: AppContext, case_id: str) -> CaseDetail:
    ctx.require()
    with ctx.reading() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound("The case does not exist.")
        rnd = session.get(Round, case.round_id)
        unit = session.get(TransportUnit, case.transport_unit_id) if case.transport_unit_id else None
        users = dict(session.execute(select(User.id, User.full_name)).tuples().all())
        effects = [
            EffectView(e.id, e.category, e.description, e.quantity, e.container_seal)
            for e in session.scalars(
                select(PersonalEffect)
                .where(PersonalEffect.case_id == case_id, PersonalEffect.deleted.is_(False))
                .order_by(PersonalEffect.position)
            )
        ]
        attachments = [
            AttachmentView(a.id, a.sha256, a.filename, a.media_type, a.size, a.caption)
            for a in session.scalars(
                select(Attachment)
                .where(Attachment.case_id == case_id, Attachment.deleted.is_(False))
                .order_by(Attachment.created_at)
            )
        ]
        custody = [
            CustodyView(
                ev.id, ev.event_type, ev.occurred_at, ev.place, ev.from_party, ev.to_party, ev.seals_before,
                ev.seals_after, ev.witnesses, ev.certificate_id, users.get(ev.recorded_by or "", ""), ev.notes,
                number or "", cert_status == CertificateStatus.VOID.value,
            )
            for ev, number, cert_status in session.execute(
                select(CustodyEvent, Certificate.number, Certificate.status)
                .outerjoin(Certificate, Certificate.id == CustodyEvent.certificate_id)
                .where(CustodyEvent.case_id == case_id, CustodyEvent.deleted.is_(False))
                .order_by(CustodyEvent.occurred_at, CustodyEvent.id)
            ).tuples()
        ]
        hist = case_history(session, case_id)
        fields = {name: getattr(case, name) for name in CASE_FIELDS}
        fields["transport_unit_id"] = case.transport_unit_id
        # A number another installation issued too: the case shows its alternative, and names the
        # others (listed as probable duplicates for the supervisor; see KEY_CLASH)
        sharing = list(session.scalars(select(Case.id).where(Case.case_number == case.case_number)))
        shown = shown_keys(session, Case.__table__, "case_number", sharing)
        fields["recorded_number"] = case.case_number
        fields["case_number"] = shown.get(case.id, case.case_number)
        fields["number_shared_with"] = sorted(v for k, v in shown.items() if k != case.id)
        fields["voided"] = bool(case.deleted)
        fields["void_reason"] = (
            session.scalar(
                select(Discrepancy.detail)
                .where(Discrepancy.case_id == case_id, Discrepancy.kind == VOIDED_CASE, Discrepancy.deleted.is_(False))
                .order_by(Discrepancy.created_at.desc())
                .limit(1)
            )
            if case.deleted else None
        ) or ""
        return CaseDetail(
            case.id, case.rev, fields, rnd.code if rnd else "", unit.label if unit else "", effects, attachments,
            custody, hist,
        )


def case_history(session: Session, case_id: str) -> list[HistoryEntry]:
    """Every version of the case and of its effects and photos, oldest first."""
    entries: list[HistoryEntry] = []
    child_ids: list[tuple[str, str]] = [("cases", case_id)]
    child_ids += [("personal_effects", i) for i in session.scalars(
        select(PersonalEffect.id).where(PersonalEffect.case_id == case_id))]
    child_ids += [("attachments", i) for i in session.scalars(
        select(Attachment.id).where(Attachment.case_id == case_id))]
    for table, row_id in child_ids:
        for v in version_history(session, table, row_id):
            changed = {k: c for k, c in v["changed"].items() if k not in HIDDEN_HISTORY_FIELDS}
            entries.append(HistoryEntry(table, v["version_id"], v["at"], v["author"], v["device"], changed, v["deleted"]))
    entries.sort(key=lambda e: (e.at, e.table != "cases"))
    return entries


def attachment_bytes(ctx: AppContext, sha256: str) -> bytes:
    ctx.require()
    with ctx.reading() as session:
        blob = session.get(Blob, sha256)
        if blob is None:
            raise NotFound("The photo's content is not in this database.")
        return bytes(blob.data)


def update_case(ctx: AppContext, case_id: str, expected_rev: int, changes: dict[str, Any]) -> CaseDetail:
    """Change editable fields of a case. A save based on an old copy raises ``StaleEdit`` with
    the fields someone else changed meanwhile (theirs, as now stored), so nothing is overwritten
    silently."""
    ctx.require(*CAN_RECORD_INTAKE)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if "category" in changes:
        changes["category"] = validate_choice(changes["category"], Category, "category", "category")
    if "apparent_sex" in changes:
        changes["apparent_sex"] = validate_choice(changes["apparent_sex"], Sex, "apparent_sex", "apparent sex")
    if "age_group" in changes:
        changes["age_group"] = validate_choice(changes["age_group"], AgeGroup, "age_group", "age group")
    if "condition_flags" in changes:
        flags = changes["condition_flags"]
        if isinstance(flags, str):
            flags = [f for f in flags.split(",") if f]
        changes["condition_flags"] = ",".join(
            sorted({validate_choice(f, ConditionFlag, "condition_flags", "condition") for f in flags})
        )
    with ctx.unit_of_work() as session:
        case = session.get(Case, case_id)
        if case is None or case.deleted:
            raise NotFound("The case no longer exists.")
        if case.rev != expected_rev:
            theirs = _changed_since(session, case, expected_rev)
            raise StaleEdit(
                f"Case {case.case_number} was changed by someone else after you opened it. "
                "Review their change and choose which values to keep.",
                theirs,
            )
        for key, value in changes.items():
            setattr(case, key, value.strip() if isinstance(value, str) else value)
        session.flush()
    return get_case(ctx, case_id)


def _changed_since(session: Session, case: Case, expected_rev: int) -> dict[str, tuple[object, object]]:
    versions = session.scalars(
        select(RowVersion.snapshot)
        .where(RowVersion.table_name == "cases", RowVersion.row_id == case.id)
        .order_by(RowVersion.hlc)
    ).all()
    if not versions:
        return {}
    base_index = max(0, min(expected_rev - 1, len(versions) - 1))
    base = json.loads(versions[base_index])
    now = json.loads(versions[-1])
    return {
        k: (base.get(k), v)
        for k, v in now.items()
        if base.get(k) != v and k not in HIDDEN_HISTORY_FIELDS
    }
