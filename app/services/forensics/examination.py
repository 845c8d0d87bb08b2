"""Recording the examination of a case (completing it appends the ``examined`` custody event)
and the samples taken from the remains (added, or withdrawn when recorded in error)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.domain import CaseStatus, CustodyEventType
from app.errors import NotFound, ValidationError
from app.persistence.models import Sample
from app.services.context import AppContext
from app.services.forensics.case_record import (
    CAN_RECORD_FORENSICS,
    MAX_NOTES,
    MAX_TEXT,
    ExaminationStatus,
    ForensicRecord,
    SampleType,
    add_custody,
    advance,
    check_rev,
    clean_text,
    load_case,
    local_to_utc,
    not_before_receipt,
    not_future,
    record_of,
)

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
    examined_by = clean_text(data.examined_by, MAX_TEXT, "examiner's name", field_name="examined_by")
    notes = clean_text(data.notes, MAX_NOTES, "examination notes", field_name="notes")
    if status is ExaminationStatus.COMPLETED:
        if data.examined_at is None:
            raise ValidationError("Enter when the examination was completed.", {"examined_at": "required"})
        if not examined_by:
            raise ValidationError("Enter who examined the remains.", {"examined_by": "required"})
    not_future(data.examined_at, "examination time", "examined_at")
    with ctx.unit_of_work() as session:
        case = load_case(session, case_id)
        check_rev(case, expected_rev)
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
            examined_at = local_to_utc(data.examined_at) if data.examined_at else None
            not_before_receipt(case, examined_at, "examination", "examined_at")
            case.examination_status = None if status is ExaminationStatus.NOT_STARTED else status.value
            case.examined_by = examined_by
            case.examination_notes = notes
            case.examined_at = examined_at
            if status is ExaminationStatus.COMPLETED:
                assert case.examined_at is not None
                add_custody(
                    session, ctx, case, CustodyEventType.EXAMINED.value, case.examined_at,
                    to_party=examined_by, notes=f"Examination completed by {examined_by}",
                )
                advance(case, CaseStatus.EXAMINED)
        session.flush()
        return record_of(session, case)


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
    label = clean_text(data.label, 100, "sample number", field_name="label")
    taken_by = clean_text(data.taken_by, MAX_TEXT, "name of who took the sample", field_name="taken_by")
    sent_to = clean_text(data.sent_to, MAX_TEXT, "laboratory", field_name="sent_to")
    notes = clean_text(data.notes, MAX_NOTES, "sample notes", field_name="notes")
    if data.taken_on is None:
        raise ValidationError("Enter the date the sample was taken.", {"taken_on": "required"})
    not_future(data.taken_on, "sampling date", "taken_on")
    with ctx.unit_of_work() as session:
        case = load_case(session, case_id)
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
        return record_of(session, case)


def withdraw_sample(ctx: AppContext, sample_id: str) -> ForensicRecord:
    """Withdraw a sample recorded in error (kept in the history as a tombstone)."""
    ctx.require(*CAN_RECORD_FORENSICS)
    with ctx.unit_of_work() as session:
        sample = session.get(Sample, sample_id)
        if sample is None or sample.deleted:
            raise NotFound("The sample no longer exists.")
        sample.deleted = True
        session.flush()
        return record_of(session, load_case(session, sample.case_id))
