"""Intake of remains: the intake data, its checks, the tag lookup against the manifest, and
``record_intake``, which records one bag in one transaction."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain import (
    AgeGroup,
    CaseStatus,
    Category,
    ConditionFlag,
    CustodyEventType,
    DiscrepancyKind,
    EffectCategory,
    Sex,
    normalize_tag,
    normalize_text,
)
from app.errors import NotFound, ValidationError
from app.ids import uuid7
from app.names import name_fold
from app.persistence import counters
from app.persistence.models import (
    Attachment,
    Blob,
    Case,
    CustodyEvent,
    Discrepancy,
    Draft,
    ManifestLine,
    PersonalEffect,
    Round,
    TransportUnit,
)
from app.persistence.versioning import utcnow
from app.services.cases import reception_time
from app.services.cases.drafts import INTAKE_DRAFT
from app.services.context import CAN_RECORD_INTAKE, AppContext

MAX_PHOTO_BYTES = 40 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".webp", ".bmp", ".pdf"}
MAX_EFFECTS = 500


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



MAX_TAG = 100


def check_tag_length(tag: str) -> None:
    """Refuse a tag no sending side writes: most often two scans run together."""
    if len(tag.strip()) > MAX_TAG:
        raise ValidationError(
            f"The tag is longer than {MAX_TAG} characters; check the scanner.", {"sender_tag": "long"}
        )


def validate_choice(value: str, enum: Any, field_name: str, label: str) -> str:
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
    data.category = validate_choice(data.category, Category, "category", "category")
    data.apparent_sex = validate_choice(data.apparent_sex, Sex, "apparent_sex", "apparent sex")
    data.age_group = validate_choice(data.age_group, AgeGroup, "age_group", "age group")
    data.condition_flags = sorted(
        {validate_choice(f, ConditionFlag, "condition_flags", "condition") for f in data.condition_flags}
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
        e.category = validate_choice(e.category, EffectCategory, "effects", "effect category")
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
        elif line is not None and name_fold(claimed_name) == name_fold(line.claimed_name):
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
