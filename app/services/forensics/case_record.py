"""The forensic record of a case: the vocabulary (who may record what, examination statuses,
sample types, identification methods), the record the forensics dialog reads, and what every
step shares (checking the typed fields, the case's status moving forward, its custody events)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import CaseStatus, Role
from app.errors import NotFound, StaleEdit, ValidationError
from app.persistence.models import Case, CustodyEvent, Release, Round, Sample
from app.services.context import AppContext
from app.services.forensics.identity import identity_differences

CAN_RECORD_FORENSICS = (Role.FIELD_OFFICER, Role.SUPERVISOR)
CAN_RECORD_RELEASE = (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR)

MAX_TEXT = 300
MAX_NOTES = 5000
CLOCK_SLACK = timedelta(minutes=5)  # the clocks of two laptops differ a little


class ExaminationStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class SampleType(StrEnum):
    BONE = "bone"
    TOOTH = "tooth"
    TISSUE = "tissue"
    BLOOD = "blood"
    HAIR = "hair"
    OTHER = "other"


class IdentificationMethod(StrEnum):
    DNA = "dna"
    FINGERPRINTS = "fingerprints"
    DENTAL = "dental"
    MEDICAL = "medical"  # implants, old fractures, surgery
    VISUAL = "visual"  # recognition by relatives
    DOCUMENTS = "documents"
    OTHER = "other"


# Statuses a case passes through, in order; a forensic step only ever moves a case forward.
_ORDER = [CaseStatus.RECEIVED, CaseStatus.STORED, CaseStatus.EXAMINED, CaseStatus.IDENTIFIED, CaseStatus.RELEASED]


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleView:
    id: str
    sample_type: str
    label: str
    taken_on: date | None
    taken_by: str
    sent_to: str
    notes: str


@dataclass(frozen=True)
class ReleaseView:
    id: str
    released_at: datetime
    place: str
    recipient_name: str
    recipient_relationship: str
    recipient_document: str
    released_by: str
    notes: str


@dataclass(frozen=True)
class ForensicRecord:
    """Everything the forensics dialog shows for one case."""

    case_id: str
    case_number: str
    round_code: str
    rev: int
    status: str
    examination_status: str
    examined_at: datetime | None
    examined_by: str
    examination_notes: str
    claimed_name: str
    claimed_birth_date: str
    claimed_citizenship: str
    claimed_source: str
    established_name: str
    established_birth_date: str
    established_citizenship: str
    identification_method: str
    identified_by: str
    identified_on: date | None
    identity_disputed: bool
    differences: list[str]
    samples: list[SampleView] = field(default_factory=list)
    releases: list[ReleaseView] = field(default_factory=list)

    @property
    def examined(self) -> bool:
        return self.examination_status == ExaminationStatus.COMPLETED.value

    @property
    def identified(self) -> bool:
        return self.identified_on is not None

    @property
    def released(self) -> bool:
        return self.status == CaseStatus.RELEASED.value


def load_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise NotFound("The case no longer exists.")
    return case


def record_of(session: Session, case: Case) -> ForensicRecord:
    rnd = session.get(Round, case.round_id)
    samples = [
        SampleView(s.id, s.sample_type, s.label, s.taken_on, s.taken_by, s.sent_to, s.notes)
        for s in session.scalars(
            select(Sample)
            .where(Sample.case_id == case.id, Sample.deleted.is_(False))
            .order_by(Sample.taken_on, Sample.created_at, Sample.id)
        )
    ]
    releases = [
        ReleaseView(
            r.id, r.released_at, r.place, r.recipient_name, r.recipient_relationship, r.recipient_document,
            r.released_by, r.notes,
        )
        for r in session.scalars(
            select(Release).where(Release.case_id == case.id, Release.deleted.is_(False)).order_by(Release.released_at)
        )
    ]
    return ForensicRecord(
        case_id=case.id,
        case_number=case.case_number,
        round_code=rnd.code if rnd else "",
        rev=case.rev,
        status=case.status,
        examination_status=case.examination_status or ExaminationStatus.NOT_STARTED.value,
        examined_at=case.examined_at,
        examined_by=case.examined_by or "",
        examination_notes=case.examination_notes or "",
        claimed_name=case.claimed_name,
        claimed_birth_date=case.claimed_birth_date,
        claimed_citizenship=case.claimed_citizenship,
        claimed_source=case.claimed_source,
        established_name=case.established_name,
        established_birth_date=case.established_birth_date,
        established_citizenship=case.established_citizenship or "",
        identification_method=case.identification_method,
        identified_by=case.identified_by,
        identified_on=case.identified_on,
        identity_disputed=bool(case.identity_disputed),
        differences=identity_differences(
            case.claimed_name, case.claimed_birth_date, case.claimed_citizenship,
            case.established_name, case.established_birth_date, case.established_citizenship,
        ),
        samples=samples,
        releases=releases,
    )


def get_record(ctx: AppContext, case_id: str) -> ForensicRecord:
    ctx.require()
    with ctx.reading() as session:
        return record_of(session, load_case(session, case_id))


# --- validation helpers -------------------------------------------------------------------------


def clean_text(value: str | None, limit: int, what: str, *, required: bool = False, field_name: str = "") -> str:
    text = " ".join((value or "").split()) if limit <= MAX_TEXT else (value or "").strip()
    if required and not text:
        raise ValidationError(f"Enter the {what}.", {field_name or what: "required"})
    if len(text) > limit:
        raise ValidationError(f"The {what} is longer than {limit} characters.", {field_name or what: "long"})
    return text


def not_future(moment: date | datetime | None, what: str, field_name: str) -> None:
    if moment is None:
        return
    if isinstance(moment, datetime):
        if moment > datetime.now() + CLOCK_SLACK:
            raise ValidationError(f"The {what} is in the future.", {field_name: "future"})
    elif moment > date.today():
        raise ValidationError(f"The {what} is in the future.", {field_name: "future"})


def not_before_receipt(case: Case, moment: datetime | None, what: str, field_name: str) -> None:
    """Refuse a step dated before the remains were received (UTC, with the clocks' slack)."""
    if moment is not None and moment < case.received_at - CLOCK_SLACK:
        raise ValidationError(
            f"The {what} of case {case.case_number} cannot be before the remains were received.",
            {field_name: "early"},
        )


def check_rev(case: Case, expected_rev: int | None) -> None:
    if expected_rev is not None and case.rev != expected_rev:
        raise StaleEdit(
            f"Case {case.case_number} was changed by someone else after you opened it; "
            "reopen it to see their change, then apply yours again."
        )


def advance(case: Case, to: CaseStatus) -> None:
    """Move the case forward to ``to``; never backwards, never out of released/returned."""
    try:
        current = _ORDER.index(CaseStatus(case.status))
    except ValueError:  # returned, or a status this code does not know
        return
    if _ORDER.index(to) > current:
        case.status = to.value


def local_to_utc(moment: datetime) -> datetime:
    """A local wall-clock time (as typed in a form) as naive UTC, how the database keeps times."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)


def add_custody(session: Session, ctx: AppContext, case: Case, event_type: str, occurred_at: datetime,
             *, to_party: str = "", from_party: str = "", place: str = "", notes: str = "") -> CustodyEvent:
    user = ctx.require()
    event = CustodyEvent(
        case_id=case.id,
        event_type=event_type,
        occurred_at=occurred_at,
        place=place,
        from_party=from_party,
        to_party=to_party,
        recorded_by=user.id,
        notes=notes,
    )
    session.add(event)
    return event
