"""Forensic progress of a case: examination, samples, identification, release to the family.

Each step writes real records, so the reconciliation's "examined / identified / released"
figures count what was recorded here:

- **Examination**: status (not started → in progress → completed), when, by whom, notes.
  Completing it appends an ``examined`` custody event and moves the case to ``examined``. A
  completed examination is final (the custody chain is append-only); its notes may still grow.
- **Samples**: what was taken (bone, tooth, tissue...), the laboratory's number, when, by whom,
  where it was sent. A sample recorded in error is withdrawn (a tombstone), never erased.
- **Identification** (after a completed examination): the established identity — name, birth
  date, citizenship — with the method, who identified and when. It is stored in the
  ``established_*`` fields and never touches the claimed identity; the case is flagged
  ``identity_disputed`` when the two differ (see ``identity_differences``).
- **Release to the family** (after identification): recipient, relationship, document, when,
  where, by whom; appends a ``released`` custody event and moves the case to ``released``.

Every change is an ORM change of a synced row, so it is versioned and travels in bundles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import CaseStatus, CustodyEventType, Role, normalize_text
from app.errors import NotFound, StaleEdit, ValidationError
from app.persistence.models import Case, CustodyEvent, Release, Round, Sample
from app.services.context import AppContext

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


# --- comparing the claimed and the established identity -------------------------------------

_COUNTRY_ALIASES: dict[str, str] = {}
for _code, _names in {
    "UA": ("ua", "ukr", "ukraine", "україна", "украина", "ukrainian", "громадянин україни", "громадянка україни"),
    "RU": ("ru", "rus", "russia", "russian federation", "росія", "россия", "російська федерація",
           "российская федерация", "рф"),
    "BY": ("by", "blr", "belarus", "білорусь", "беларусь"),
    "MD": ("md", "mda", "moldova", "молдова"),
    "GE": ("ge", "geo", "georgia", "грузія", "грузия"),
    "PL": ("pl", "pol", "poland", "польща", "польша"),
}.items():
    for _name in _names:
        _COUNTRY_ALIASES[_name] = _code

_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"), (3, 2, 1)),
)


def normalize_citizenship(value: str | None) -> str:
    text = normalize_text(value).strip(" .")
    return _COUNTRY_ALIASES.get(text, text)


def normalize_birth_date(value: str | None) -> str:
    """ISO ``YYYY-MM-DD`` for a full date (ISO or DD.MM.YYYY), the year alone for ``YYYY``,
    otherwise the trimmed text."""
    text = (value or "").strip()
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match.group(y)), int(match.group(m)), int(match.group(d))).isoformat()
            except ValueError:
                return text
    return text


def _name_tokens(value: str | None) -> Counter[str]:
    return Counter(re.split(r"[\s,]+", normalize_text(value).replace("-", " ").strip()) if value else [])


def identity_differences(
    claimed_name: str | None,
    claimed_birth_date: str | None,
    claimed_citizenship: str | None,
    established_name: str | None,
    established_birth_date: str | None,
    established_citizenship: str | None,
) -> list[str]:
    """The parts of the identity (``name``, ``birth_date``, ``citizenship``) on which the claim
    and the forensic result disagree. A part missing on either side is not a disagreement.

    Names are compared as sets of words, case- and order-insensitively ("Петренко Іван" =
    "іван петренко"); dates after normalising the format, a year alone matching any date in
    that year; citizenship through common names and codes of the same country ("UA" =
    "Україна" = "Ukraine").
    """
    differences: list[str] = []
    if claimed_name and established_name and _name_tokens(claimed_name) != _name_tokens(established_name):
        differences.append("name")
    a, b = normalize_birth_date(claimed_birth_date), normalize_birth_date(established_birth_date)
    if a and b and a != b:
        short, full = sorted((a, b), key=len)
        if not (len(short) == 4 and full.startswith(short)):
            differences.append("birth_date")
    c, d = normalize_citizenship(claimed_citizenship), normalize_citizenship(established_citizenship)
    if c and d and c != d:
        differences.append("citizenship")
    return differences


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


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise NotFound("The case no longer exists.")
    return case


def _record(session: Session, case: Case) -> ForensicRecord:
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
        return _record(session, _case(session, case_id))


# --- validation helpers -------------------------------------------------------------------------


def _text(value: str | None, limit: int, what: str, *, required: bool = False, field_name: str = "") -> str:
    text = " ".join((value or "").split()) if limit <= MAX_TEXT else (value or "").strip()
    if required and not text:
        raise ValidationError(f"Enter the {what}.", {field_name or what: "required"})
    if len(text) > limit:
        raise ValidationError(f"The {what} is longer than {limit} characters.", {field_name or what: "long"})
    return text


def _not_future(moment: date | datetime | None, what: str, field_name: str) -> None:
    if moment is None:
        return
    if isinstance(moment, datetime):
        if moment > datetime.now() + CLOCK_SLACK:
            raise ValidationError(f"The {what} is in the future.", {field_name: "future"})
    elif moment > date.today():
        raise ValidationError(f"The {what} is in the future.", {field_name: "future"})


def _not_before_receipt(case: Case, moment: datetime | None, what: str, field_name: str) -> None:
    """Refuse a step dated before the remains were received (UTC, with the clocks' slack)."""
    if moment is not None and moment < case.received_at - CLOCK_SLACK:
        raise ValidationError(
            f"The {what} of case {case.case_number} cannot be before the remains were received.",
            {field_name: "early"},
        )


def _check_rev(case: Case, expected_rev: int | None) -> None:
    if expected_rev is not None and case.rev != expected_rev:
        raise StaleEdit(
            f"Case {case.case_number} was changed by someone else after you opened it; "
            "reopen it to see their change, then apply yours again."
        )


def _advance(case: Case, to: CaseStatus) -> None:
    """Move the case forward to ``to``; never backwards, never out of released/returned."""
    try:
        current = _ORDER.index(CaseStatus(case.status))
    except ValueError:  # returned, or a status this code does not know
        return
    if _ORDER.index(to) > current:
        case.status = to.value


def _local_to_utc(moment: datetime) -> datetime:
    """A local wall-clock time (as typed in a form) as naive UTC, how the database keeps times."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)


def _custody(session: Session, ctx: AppContext, case: Case, event_type: str, occurred_at: datetime,
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


# --- examination --------------------------------------------------------------------------------


@dataclass
class ExaminationData:
    status: str = ExaminationStatus.IN_PROGRESS.value
    examined_at: datetime | None = None  # local time; required when completed
    examined_by: str = ""
    notes: str = ""


def record_examination(
    ctx: AppContext, case_id: str, data: ExaminationData, *, expected_rev: int | None = None
) -> ForensicRecord:
    """Record the examination's progress. Completing it appends the ``examined`` custody event
    and moves the case to ``examined``."""
    ctx.require(*CAN_RECORD_FORENSICS)
    try:
        status = ExaminationStatus(data.status)
    except ValueError as exc:
        raise ValidationError(f"Unknown examination status: {data.status}.", {"status": "unknown"}) from exc
    examined_by = _text(data.examined_by, MAX_TEXT, "examiner's name", field_name="examined_by")
    notes = _text(data.notes, MAX_NOTES, "examination notes", field_name="notes")
    if status is ExaminationStatus.COMPLETED:
        if data.examined_at is None:
            raise ValidationError("Enter when the examination was completed.", {"examined_at": "required"})
        if not examined_by:
            raise ValidationError("Enter who examined the remains.", {"examined_by": "required"})
    _not_future(data.examined_at, "examination time", "examined_at")
    with ctx.unit_of_work() as session:
        case = _case(session, case_id)
        _check_rev(case, expected_rev)
        was = case.examination_status or ExaminationStatus.NOT_STARTED.value
        if was == ExaminationStatus.COMPLETED.value and status is not ExaminationStatus.COMPLETED:
            raise ValidationError(
                f"The examination of case {case.case_number} is completed and recorded in its custody chain; "
                "it cannot be reopened. Add what you found to its notes instead.",
                {"status": "final"},
            )
        if was == ExaminationStatus.COMPLETED.value:
            case.examination_notes = notes  # only the notes may still change
        else:
            examined_at = _local_to_utc(data.examined_at) if data.examined_at else None
            _not_before_receipt(case, examined_at, "examination", "examined_at")
            case.examination_status = None if status is ExaminationStatus.NOT_STARTED else status.value
            case.examined_by = examined_by
            case.examination_notes = notes
            case.examined_at = examined_at
            if status is ExaminationStatus.COMPLETED:
                assert case.examined_at is not None
                _custody(
                    session, ctx, case, CustodyEventType.EXAMINED.value, case.examined_at,
                    to_party=examined_by, notes=f"Examination completed by {examined_by}",
                )
                _advance(case, CaseStatus.EXAMINED)
        session.flush()
        return _record(session, case)


# --- samples --------------------------------------------------------------------------------------


@dataclass
class SampleData:
    sample_type: str = SampleType.BONE.value
    label: str = ""
    taken_on: date | None = None
    taken_by: str = ""
    sent_to: str = ""
    notes: str = ""


def add_sample(ctx: AppContext, case_id: str, data: SampleData) -> ForensicRecord:
    ctx.require(*CAN_RECORD_FORENSICS)
    try:
        sample_type = SampleType(data.sample_type).value
    except ValueError as exc:
        raise ValidationError(f"Unknown sample type: {data.sample_type}.", {"sample_type": "unknown"}) from exc
    label = _text(data.label, 100, "sample number", field_name="label")
    taken_by = _text(data.taken_by, MAX_TEXT, "name of who took the sample", field_name="taken_by")
    sent_to = _text(data.sent_to, MAX_TEXT, "laboratory", field_name="sent_to")
    notes = _text(data.notes, MAX_NOTES, "sample notes", field_name="notes")
    if data.taken_on is None:
        raise ValidationError("Enter the date the sample was taken.", {"taken_on": "required"})
    _not_future(data.taken_on, "sampling date", "taken_on")
    with ctx.unit_of_work() as session:
        case = _case(session, case_id)
        if label:
            clash = session.scalar(
                select(Sample.id).where(Sample.case_id == case.id, Sample.label == label, Sample.deleted.is_(False))
            )
            if clash:
                raise ValidationError(
                    f"Case {case.case_number} already has a sample numbered {label}.", {"label": "taken"}
                )
        session.add(
            Sample(case_id=case.id, sample_type=sample_type, label=label, taken_on=data.taken_on,
                   taken_by=taken_by, sent_to=sent_to, notes=notes)
        )
        session.flush()
        return _record(session, case)


def withdraw_sample(ctx: AppContext, sample_id: str) -> ForensicRecord:
    """Withdraw a sample recorded in error (kept in the history as a tombstone)."""
    ctx.require(*CAN_RECORD_FORENSICS)
    with ctx.unit_of_work() as session:
        sample = session.get(Sample, sample_id)
        if sample is None or sample.deleted:
            raise NotFound("The sample no longer exists.")
        sample.deleted = True
        session.flush()
        return _record(session, _case(session, sample.case_id))


# --- identification -----------------------------------------------------------------------------


@dataclass
class IdentificationData:
    established_name: str = ""
    established_birth_date: str = ""
    established_citizenship: str = ""
    method: str = IdentificationMethod.DNA.value
    identified_by: str = ""
    identified_on: date | None = None


def record_identification(
    ctx: AppContext, case_id: str, data: IdentificationData, *, expected_rev: int | None = None
) -> ForensicRecord:
    """Record (or correct) the established identity. The claimed identity is never changed;
    the case is flagged ``identity_disputed`` when the two differ."""
    ctx.require(*CAN_RECORD_FORENSICS)
    name = _text(data.established_name, 400, "established name", required=True, field_name="established_name")
    birth = normalize_birth_date(_text(data.established_birth_date, 32, "birth date", field_name="birth_date"))
    citizenship = _text(data.established_citizenship, 100, "citizenship", field_name="citizenship")
    identified_by = _text(data.identified_by, MAX_TEXT, "name of who identified the remains",
                          required=True, field_name="identified_by")
    try:
        method = IdentificationMethod(data.method).value
    except ValueError as exc:
        raise ValidationError(f"Unknown identification method: {data.method}.", {"method": "unknown"}) from exc
    if data.identified_on is None:
        raise ValidationError("Enter the date of the identification.", {"identified_on": "required"})
    _not_future(data.identified_on, "identification date", "identified_on")
    with ctx.unit_of_work() as session:
        case = _case(session, case_id)
        _check_rev(case, expected_rev)
        if (case.examination_status or "") != ExaminationStatus.COMPLETED.value:
            raise ValidationError(
                f"Record the completed examination of case {case.case_number} before its identification.",
                {"examination": "required"},
            )
        case.established_name = name
        case.established_name_norm = normalize_text(name)
        case.established_birth_date = birth
        case.established_citizenship = citizenship
        case.identification_method = method
        case.identified_by = identified_by
        case.identified_on = data.identified_on
        case.identity_disputed = bool(
            identity_differences(
                case.claimed_name, case.claimed_birth_date, case.claimed_citizenship, name, birth, citizenship
            )
        )
        _advance(case, CaseStatus.IDENTIFIED)
        session.flush()
        return _record(session, case)


# --- release to the family -------------------------------------------------------------------------


@dataclass
class ReleaseData:
    recipient_name: str = ""
    recipient_relationship: str = ""
    recipient_document: str = ""
    released_at: datetime | None = None  # local time
    place: str = ""
    released_by: str = ""
    notes: str = ""


def record_release(
    ctx: AppContext, case_id: str, data: ReleaseData, *, expected_rev: int | None = None
) -> ForensicRecord:
    """Release identified remains to the family: the release record, the ``released`` custody
    event and the case's status, in one transaction."""
    user = ctx.require(*CAN_RECORD_RELEASE)
    recipient = _text(data.recipient_name, MAX_TEXT, "recipient's name", required=True, field_name="recipient_name")
    relationship = _text(data.recipient_relationship, 100, "relationship", field_name="recipient_relationship")
    document = _text(data.recipient_document, MAX_TEXT, "recipient's identity document", required=True,
                     field_name="recipient_document")
    place = _text(data.place, MAX_TEXT, "place", field_name="place")
    released_by = _text(data.released_by, MAX_TEXT, "name of who released the remains",
                        field_name="released_by") or user.full_name or user.username
    notes = _text(data.notes, MAX_NOTES, "release notes", field_name="notes")
    if data.released_at is None:
        raise ValidationError("Enter when the remains were released.", {"released_at": "required"})
    _not_future(data.released_at, "release time", "released_at")
    with ctx.unit_of_work() as session:
        case = _case(session, case_id)
        _check_rev(case, expected_rev)
        if case.status == CaseStatus.RELEASED.value:
            raise ValidationError(f"Case {case.case_number} has already been released.", {"status": "released"})
        if case.status == CaseStatus.RETURNED.value:
            raise ValidationError(f"Case {case.case_number} was returned; it cannot be released.",
                                  {"status": "returned"})
        if case.identified_on is None:
            raise ValidationError(
                f"Record the identification of case {case.case_number} before releasing the remains.",
                {"identification": "required"},
            )
        at = _local_to_utc(data.released_at)
        _not_before_receipt(case, at, "release", "released_at")
        if case.examined_at is not None and at < case.examined_at:
            raise ValidationError(
                f"The release of case {case.case_number} cannot be before its examination.", {"released_at": "early"}
            )
        rnd = session.get(Round, case.round_id)
        event = _custody(
            session, ctx, case, CustodyEventType.RELEASED.value, at,
            from_party=released_by or (rnd.receiving_party if rnd else ""),
            to_party=f"{recipient} ({relationship})" if relationship else recipient,
            place=place, notes=f"Released to the family; document: {document}",
        )
        session.flush()
        session.add(
            Release(
                case_id=case.id, released_at=at, place=place, recipient_name=recipient,
                recipient_relationship=relationship, recipient_document=document, released_by=released_by,
                custody_event_id=event.id, notes=notes,
            )
        )
        case.status = CaseStatus.RELEASED.value
        session.flush()
        return _record(session, case)


__all__ = [
    "CAN_RECORD_FORENSICS", "CAN_RECORD_RELEASE", "ExaminationData", "ExaminationStatus", "ForensicRecord",
    "IdentificationData", "IdentificationMethod", "ReleaseData", "SampleData", "SampleType", "add_sample",
    "get_record", "identity_differences", "record_examination", "record_identification", "record_release",
    "withdraw_sample",
]
