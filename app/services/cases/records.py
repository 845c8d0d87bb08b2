"""Intake of remains, the case list (paged in SQL) and the case file with its history."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, delete, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from app.domain import (
    AgeGroup,
    CaseStatus,
    Category,
    CertificateStatus,
    ConditionFlag,
    CustodyEventType,
    DiscrepancyKind,
    EffectCategory,
    Sex,
    normalize_tag,
    normalize_text,
)
from app.errors import NotFound, StaleEdit, ValidationError
from app.ids import uuid7
from app.lookalikes import number_reading
from app.persistence import counters
from app.persistence.models import (
    Attachment,
    Blob,
    Case,
    Certificate,
    CustodyEvent,
    Discrepancy,
    Draft,
    ManifestLine,
    PersonalEffect,
    Round,
    RowVersion,
    TransportUnit,
    User,
)
from app.persistence.models.keys import shown_key
from app.persistence.queries import alternative_match, by_shown_key, prefix_match, shown_keys
from app.persistence.versioning import history as version_history
from app.persistence.versioning import utcnow
from app.services.cases import reception_time
from app.services.cases.void import VOIDED_CASE
from app.services.context import CAN_RECORD_INTAKE, AppContext

MAX_PHOTO_BYTES = 40 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".webp", ".bmp", ".pdf"}
MAX_EFFECTS = 500
INTAKE_DRAFT = "intake"


class DuplicateTag(ValidationError):
    """The tag was already received in this round (a double scan, or two bags with one tag)."""

    def __init__(self, tag: str, case_numbers: list[str]) -> None:
        super().__init__(
            f"Tag {tag} was already received in this round as {', '.join(case_numbers)}. "
            "If this is really another bag, confirm to record it as a duplicate-tag discrepancy.",
            {"sender_tag": "duplicate"},
        )
        self.tag = tag
        self.case_numbers = case_numbers


@dataclass
class EffectData:
    description: str
    category: str = EffectCategory.OTHER.value
    quantity: int = 1
    container_seal: str = ""


@dataclass
class PhotoData:
    filename: str
    content: bytes
    caption: str = ""

    @classmethod
    def from_path(cls, path: str | Path) -> PhotoData:
        p = Path(path)
        if p.suffix.lower() not in PHOTO_SUFFIXES:
            raise ValidationError(f"{p.name} is not a photo or scan Repat can keep (use JPEG, PNG, TIFF or PDF).")
        try:
            size = p.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise ValidationError(f"{p.name} is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
            return cls(p.name, p.read_bytes())
        except OSError as exc:
            raise ValidationError(f"Cannot read {p.name}: {exc.strerror}.") from exc


@dataclass
class IntakeData:
    round_id: str
    sender_tag: str = ""
    transport_unit_id: str | None = None
    bag_number: str = ""
    category: str = Category.COMPLETE.value
    condition_flags: list[str] = field(default_factory=list)
    apparent_sex: str = Sex.UNKNOWN.value
    age_group: str = AgeGroup.UNKNOWN.value
    storage_location: str = ""
    notes: str = ""
    claimed_name: str = ""
    claimed_birth_date: str = ""
    claimed_citizenship: str = ""
    parent_case_number: str = ""
    effects: list[EffectData] = field(default_factory=list)
    photos: list[PhotoData] = field(default_factory=list)
    # when the bag was actually received (None: now); naive means local time (app.services.cases.reception_time)
    received_at: datetime | None = None
    late_reason: str = ""  # why it was received after the round's days


@dataclass(frozen=True)
class TagLookup:
    tag: str
    manifest_line_id: str | None
    claimed_name: str
    claimed_birth_date: str
    claimed_citizenship: str
    category: str | None
    received_as: list[str]  # case numbers already received with this tag in the round

    @property
    def on_manifest(self) -> bool:
        return self.manifest_line_id is not None

    @property
    def already_received(self) -> bool:
        return bool(self.received_as)


@dataclass(frozen=True)
class IntakeResult:
    case_id: str
    case_number: str
    off_manifest: bool
    duplicate_of: list[str]


@dataclass(frozen=True)
class CaseRow:
    id: str
    case_number: str
    round_code: str
    sender_tag: str
    bag_number: str
    claimed_name: str
    category: str
    status: str
    off_manifest: bool
    storage_location: str
    received_at: datetime


SortKey = Literal["case_number", "received_at", "sender_tag", "claimed_name"]
SORT_COLUMNS: dict[str, Any] = {
    "case_number": Case.case_number,
    "received_at": Case.received_at,
    "sender_tag": Case.sender_tag_norm,
    "claimed_name": Case.claimed_name_norm,
}


@dataclass(frozen=True)
class CaseQuery:
    round_id: str | None = None
    search: str = ""
    sort: str = "case_number"
    descending: bool = False


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    next_key: tuple[Any, str] | None  # keyset cursor for the following page


MAX_TAG = 100


def check_tag_length(tag: str) -> None:
    """Refuse a tag no sending side writes: most often two scans run together."""
    if len(tag.strip()) > MAX_TAG:
        raise ValidationError(
            f"The tag is longer than {MAX_TAG} characters; check the scanner.", {"sender_tag": "long"}
        )


def _validate_choice(value: str, enum: Any, field_name: str, label: str) -> str:
    try:
        return str(enum(value).value)
    except ValueError as exc:
        raise ValidationError(f"Unknown {label}: {value}.", {field_name: "unknown"}) from exc


def _clean_intake(data: IntakeData) -> IntakeData:
    data.sender_tag = data.sender_tag.strip()
    data.bag_number = data.bag_number.strip()
    data.storage_location = data.storage_location.strip()
    data.claimed_name = " ".join(data.claimed_name.split())
    if not data.round_id:
        raise ValidationError("Choose the round first.", {"round_id": "required"})
    check_tag_length(data.sender_tag)
    data.category = _validate_choice(data.category, Category, "category", "category")
    data.apparent_sex = _validate_choice(data.apparent_sex, Sex, "apparent_sex", "apparent sex")
    data.age_group = _validate_choice(data.age_group, AgeGroup, "age_group", "age group")
    data.condition_flags = sorted(
        {_validate_choice(f, ConditionFlag, "condition_flags", "condition") for f in data.condition_flags}
    )
    if not data.sender_tag and ConditionFlag.NO_TAG.value not in data.condition_flags:
        raise ValidationError(
            "Scan or type the tag, or tick \u201cno tag\u201d if the bag has none.", {"sender_tag": "required"}
        )
    if len(data.effects) > MAX_EFFECTS:
        raise ValidationError(f"A case can list at most {MAX_EFFECTS} personal effects.")
    for i, e in enumerate(data.effects, start=1):
        e.description = e.description.strip()
        if not e.description:
            raise ValidationError(f"Personal effect {i} has no description.", {"effects": "description"})
        if e.quantity < 1:
            raise ValidationError(f"Personal effect {i}: the quantity must be at least 1.", {"effects": "quantity"})
        e.category = _validate_choice(e.category, EffectCategory, "effects", "effect category")
    return data


def _received_as(session: Session, round_id: str, tag_norm: str) -> list[str]:
    if not tag_norm:
        return []
    return list(
        session.scalars(
            select(Case.case_number)
            .where(Case.round_id == round_id, Case.sender_tag_norm == tag_norm, Case.deleted.is_(False))
            .order_by(Case.case_number)
        )
    )


def _manifest_line(session: Session, round_id: str, tag_norm: str) -> ManifestLine | None:
    if not tag_norm:
        return None
    return session.scalars(
        select(ManifestLine)
        .where(
            ManifestLine.round_id == round_id,
            ManifestLine.sender_tag_norm == tag_norm,
            ManifestLine.deleted.is_(False),
        )
        .order_by(ManifestLine.line_no)
        .limit(1)
    ).first()


def lookup_tag(ctx: AppContext, round_id: str, tag: str) -> TagLookup:
    """What the manifest claims for a scanned tag, and whether it was already received."""
    ctx.require()
    tag_norm = normalize_tag(tag)
    with ctx.reading() as session:
        line = _manifest_line(session, round_id, tag_norm)
        received = _received_as(session, round_id, tag_norm)
        if line is None:
            return TagLookup(tag.strip(), None, "", "", "", None, received)
        return TagLookup(
            tag.strip(), line.id, line.claimed_name, line.claimed_birth_date, line.claimed_citizenship,
            line.category, received,
        )


def case_number_for(device_code: str, year: int, seq: int) -> str:
    return f"{device_code}-{year}-{seq:05d}"


def store_blob(session: Session, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, size=len(content), data=content))
    return digest


def _add_photo(session: Session, case_id: str, photo: PhotoData) -> Attachment:
    if len(photo.content) > MAX_PHOTO_BYTES:
        raise ValidationError(f"{photo.filename} is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
    digest = store_blob(session, photo.content)
    media_type = mimetypes.guess_type(photo.filename)[0] or "application/octet-stream"
    att = Attachment(
        case_id=case_id, sha256=digest, filename=photo.filename, media_type=media_type,
        size=len(photo.content), caption=photo.caption,
    )
    session.add(att)
    return att


def record_intake(
    ctx: AppContext,
    data: IntakeData,
    *,
    confirm_duplicate: bool = False,
    clear_draft: bool = True,
) -> IntakeResult:
    """Record one bag: the case, its effects and photos, the "received" custody event, and any
    discrepancy (off-manifest tag, duplicate tag), all in one transaction.

    A tag already received in this round raises ``DuplicateTag`` unless ``confirm_duplicate``.
    The user's intake draft is removed in the same transaction, so it cannot come back after
    the case is saved.
    """
    user = ctx.require(*CAN_RECORD_INTAKE)
    data = _clean_intake(data)
    tag_norm = normalize_tag(data.sender_tag)
    with ctx.unit_of_work() as session:
        rnd = session.get(Round, data.round_id)
        if rnd is None or rnd.deleted:
            raise NotFound("The round does not exist.")
        reception = reception_time.check(data.received_at, rnd.round_date, data.late_reason, utcnow())
        received_at = reception.at
        unit: TransportUnit | None = None
        if data.transport_unit_id:
            unit = session.get(TransportUnit, data.transport_unit_id)
            if unit is None or unit.round_id != rnd.id:
                raise ValidationError("The transport unit is not part of this round.", {"transport_unit_id": "bad"})
        parent_id: str | None = None
        if data.parent_case_number.strip():
            parent_id = session.scalar(
                select(Case.id).where(Case.case_number == data.parent_case_number.strip().upper())
            )
            if parent_id is None:
                raise ValidationError(
                    f"There is no case {data.parent_case_number} to attach this part to.", {"parent": "unknown"}
                )
        duplicates = _received_as(session, rnd.id, tag_norm)
        if duplicates and not confirm_duplicate:
            raise DuplicateTag(data.sender_tag, duplicates)
        line = _manifest_line(session, rnd.id, tag_norm)
        year = rnd.round_date.year  # the round's year, also for a round typed in later
        number = counters.next_unused(
            session, f"case:{ctx.device_code}:{year}",
            lambda seq: case_number_for(ctx.device_code, year, seq), Case.case_number,
        )
        claimed_name, claimed_birth, claimed_cit, source = (
            data.claimed_name, data.claimed_birth_date.strip(), data.claimed_citizenship.strip(), "documents"
        )
        if line is not None and not claimed_name:
            claimed_name, claimed_birth, claimed_cit, source = (
                line.claimed_name, line.claimed_birth_date, line.claimed_citizenship, "manifest"
            )
        elif line is not None and normalize_text(claimed_name) == line.claimed_name_norm:
            source = "manifest"
        if not claimed_name:
            source = ""
        case = Case(
            id=uuid7(),  # known before the flush: the whole intake is written in one flush
            case_number=number,
            round_id=rnd.id,
            transport_unit_id=unit.id if unit else None,
            manifest_line_id=line.id if line else None,
            parent_case_id=parent_id,
            sender_tag=data.sender_tag,
            sender_tag_norm=tag_norm,
            off_manifest=line is None,
            bag_number=data.bag_number,
            category=data.category,
            condition_flags=",".join(data.condition_flags),
            apparent_sex=data.apparent_sex,
            age_group=data.age_group,
            storage_location=data.storage_location,
            status=CaseStatus.RECEIVED.value,
            claimed_name=claimed_name,
            claimed_name_norm=normalize_text(claimed_name),
            claimed_birth_date=claimed_birth,
            claimed_citizenship=claimed_cit,
            claimed_source=source,
            notes=data.notes.strip(),
            received_at=received_at,
            received_by=user.id,
        )
        session.add(case)
        for pos, e in enumerate(data.effects):
            session.add(
                PersonalEffect(
                    case_id=case.id, position=pos, category=e.category, description=e.description,
                    quantity=e.quantity, container_seal=e.container_seal.strip(),
                )
            )
        for photo in data.photos:
            _add_photo(session, case.id, photo)
        session.add(
            CustodyEvent(
                case_id=case.id,
                event_type=CustodyEventType.RECEIVED.value,
                occurred_at=received_at,
                place=rnd.place,
                from_party=rnd.sending_party,
                to_party=rnd.receiving_party,
                seals_before=unit.seal_numbers if unit else "",
                witnesses=rnd.intermediary,
                recorded_by=user.id,
                notes=f"Received by {user.full_name or user.username}"
                + (f"; after the round's days: {reception.late_reason}" if reception.late_reason else ""),
            )
        )
        if line is None:
            session.add(
                Discrepancy(
                    round_id=rnd.id, kind=DiscrepancyKind.RECEIVED_NOT_DECLARED.value, case_id=case.id,
                    detail=f"Tag {data.sender_tag or '(none)'} is not on the sending side's list.",
                )
            )
        if duplicates:
            session.add(
                Discrepancy(
                    round_id=rnd.id, kind=DiscrepancyKind.DUPLICATE_TAG.value, case_id=case.id,
                    detail=f"Tag {data.sender_tag} also received as {', '.join(duplicates)}.",
                )
            )
        if data.category == Category.COMMINGLED.value:
            session.add(
                Discrepancy(
                    round_id=rnd.id, kind=DiscrepancyKind.COMMINGLED.value, case_id=case.id,
                    detail="Commingled remains.",
                )
            )
        if clear_draft:
            session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.kind == INTAKE_DRAFT))
        session.flush()
        return IntakeResult(case.id, number, line is None, duplicates)


# --- the case list ----------------------------------------------------------------------------


def _conditions(session: Session, query: CaseQuery) -> list[ColumnElement[bool]]:
    """The WHERE terms of a case query; they name only ``cases`` columns."""
    conditions: list[ColumnElement[bool]] = [Case.deleted.is_(False)]
    if query.round_id:
        conditions.append(Case.round_id == query.round_id)
    text_ = query.search.strip()
    if text_:
        norm = normalize_text(text_)
        number = number_reading(text_)  # a number typed with look-alike letters or in the other layout
        alternative = alternative_match(Case.__table__, "case_number", number)
        conditions.append(
            or_(
                *([alternative] if alternative is not None else []),
                prefix_match(session, Case.case_number, number),
                prefix_match(session, Case.sender_tag_norm, normalize_tag(text_)),
                prefix_match(session, Case.claimed_name_norm, norm),
                prefix_match(session, Case.established_name_norm, norm),
            )
        )
    return conditions


def _filtered(session: Session, query: CaseQuery) -> Select[Any]:
    return (
        select(
            Case.id, shown_key(Case.__table__, "case_number").label("case_number"), Round.code, Case.sender_tag,
            Case.bag_number, Case.claimed_name, Case.category, Case.status, Case.off_manifest, Case.storage_location,
            Case.received_at,
        )
        .join(Round, Round.id == Case.round_id)
        .where(*_conditions(session, query))
    )


def list_cases(
    ctx: AppContext, query: CaseQuery, *, after: tuple[Any, str] | None = None, limit: int = 200
) -> CasePage:
    """One page of cases, sorted and filtered in SQL, continued with a keyset cursor.

    The cursor is compared as a row value, ``(sort column, id) > (last value, last id)``, which
    both SQLite and PostgreSQL answer from the ``(column, id)`` index: a page deep in the list
    costs what the first one does.
    """
    ctx.require()
    column = SORT_COLUMNS.get(query.sort)
    if column is None:
        raise ValidationError(f"Cannot sort by {query.sort}.")
    with ctx.reading() as session:
        stmt = _filtered(session, query)
        if after is not None:
            value, last_id = after
            key = tuple_(column, Case.id)
            bound = tuple_(literal(value, column.type), literal(last_id, Case.id.type))
            stmt = stmt.where(key < bound if query.descending else key > bound)
        order = (column.desc(), Case.id.desc()) if query.descending else (column.asc(), Case.id.asc())
        sort_value = column.label("sort_value")
        rows = session.execute(stmt.add_columns(sort_value).order_by(*order).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    page = [CaseRow(*r[:11]) for r in rows]
    next_key = (rows[-1][-1], rows[-1][0]) if more and rows else None
    return CasePage(page, next_key)


def count_cases(ctx: AppContext, query: CaseQuery) -> int:
    """How many cases match (counted from the indexes, without reading the rows when it can)."""
    ctx.require()
    with ctx.reading() as session:
        stmt = select(func.count()).select_from(Case).where(*_conditions(session, query))
        return int(session.scalar(stmt) or 0)


# --- the case file ----------------------------------------------------------------------------


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
        changes["category"] = _validate_choice(changes["category"], Category, "category", "category")
    if "apparent_sex" in changes:
        changes["apparent_sex"] = _validate_choice(changes["apparent_sex"], Sex, "apparent_sex", "apparent sex")
    if "age_group" in changes:
        changes["age_group"] = _validate_choice(changes["age_group"], AgeGroup, "age_group", "age group")
    if "condition_flags" in changes:
        flags = changes["condition_flags"]
        if isinstance(flags, str):
            flags = [f for f in flags.split(",") if f]
        changes["condition_flags"] = ",".join(
            sorted({_validate_choice(f, ConditionFlag, "condition_flags", "condition") for f in flags})
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


# --- drafts -----------------------------------------------------------------------------------


def save_draft(ctx: AppContext, payload: dict[str, Any], kind: str = INTAKE_DRAFT) -> None:
    """Keep what the user is typing; a separate short transaction, so it survives a power cut."""
    user = ctx.require()
    text_ = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    with ctx.reading() as session:
        draft = session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.kind == kind))
        if draft is None:
            session.add(Draft(user_id=user.id, kind=kind, payload=text_, updated_at=utcnow()))
        elif draft.payload != text_:
            draft.payload = text_
            draft.updated_at = utcnow()


def load_draft(ctx: AppContext, kind: str = INTAKE_DRAFT) -> dict[str, Any] | None:
    user = ctx.require()
    with ctx.reading() as session:
        text_ = session.scalar(select(Draft.payload).where(Draft.user_id == user.id, Draft.kind == kind))
    if not text_:
        return None
    try:
        value = json.loads(text_)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def discard_draft(ctx: AppContext, kind: str = INTAKE_DRAFT) -> None:
    user = ctx.require()
    with ctx.reading() as session:
        session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.kind == kind))


def round_date_default() -> date:
    return date.today()
