"""Recording the identification of a case (the established identity, beside the claimed one,
which is never changed) and the release of identified remains to the family."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain import CaseStatus, CustodyEventType, normalize_text
from app.errors import ValidationError
from app.persistence.models import Release, Round
from app.services.context import AppContext
from app.services.forensics.case_record import (
    CAN_RECORD_FORENSICS,
    CAN_RECORD_RELEASE,
    MAX_NOTES,
    MAX_TEXT,
    ExaminationStatus,
    ForensicRecord,
    IdentificationMethod,
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
from app.services.forensics.identity import identity_differences, normalize_birth_date

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
    name = clean_text(data.established_name, 400, "established name", required=True, field_name="established_name")
    birth = normalize_birth_date(clean_text(data.established_birth_date, 32, "birth date", field_name="birth_date"))
    citizenship = clean_text(data.established_citizenship, 100, "citizenship", field_name="citizenship")
    identified_by = clean_text(data.identified_by, MAX_TEXT, "name of who identified the remains",
                          required=True, field_name="identified_by")
    try:
        method = IdentificationMethod(data.method).value
    except ValueError as exc:
        raise ValidationError(f"Unknown identification method: {data.method}.", {"method": "unknown"}) from exc
    if data.identified_on is None:
        raise ValidationError("Enter the date of the identification.", {"identified_on": "required"})
    not_future(data.identified_on, "identification date", "identified_on")
    with ctx.unit_of_work() as session:
        case = load_case(session, case_id)
        check_rev(case, expected_rev)
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
        advance(case, CaseStatus.IDENTIFIED)
        session.flush()
        return record_of(session, case)


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
    recipient = clean_text(data.recipient_name, MAX_TEXT, "recipient's name", required=True, field_name="recipient_name")
    relationship = clean_text(data.recipient_relationship, 100, "relationship", field_name="recipient_relationship")
    document = clean_text(data.recipient_document, MAX_TEXT, "recipient's identity document", required=True,
                     field_name="recipient_document")
    place = clean_text(data.place, MAX_TEXT, "place", field_name="place")
    released_by = clean_text(data.released_by, MAX_TEXT, "name of who released the remains",
                        field_name="released_by") or user.full_name or user.username
    notes = clean_text(data.notes, MAX_NOTES, "release notes", field_name="notes")
    if data.released_at is None:
        raise ValidationError("Enter when the remains were released.", {"released_at": "required"})
    not_future(data.released_at, "release time", "released_at")
    with ctx.unit_of_work() as session:
        case = load_case(session, case_id)
        check_rev(case, expected_rev)
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
        at = local_to_utc(data.released_at)
        not_before_receipt(case, at, "release", "released_at")
        if case.examined_at is not None and at < case.examined_at:
            raise ValidationError(
                f"The release of case {case.case_number} cannot be before its examination.", {"released_at": "early"}
            )
        rnd = session.get(Round, case.round_id)
        event = add_custody(
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
        return record_of(session, case)
