"""Decisions about a case's candidates: compare the case with this application's reference
samples first (``prioritised``), or not (``rejected``), or withdraw what was decided.

A decision sets a priority and nothing else: it never touches the case, and least of all its
established identity, which only a forensic identification records
(``app.services.forensics.identification``). A decision is a synced record (one per case and
application, its id derived from both, ``candidate_decision_id``), so it is versioned and
travels in bundles; two people deciding the same pair differently on two laptops meet as a
conflict for a supervisor. Supervisors and field officers decide, as they record forensics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.errors import NotFound, ValidationError
from app.persistence.models import CandidateDecision, Case, MissingPerson
from app.persistence.models.register import candidate_decision_id
from app.persistence.versioning import utcnow
from app.services.context import AppContext
from app.services.forensics.case_record import CAN_RECORD_FORENSICS, MAX_NOTES
from app.services.register.candidates import DECISIONS

CAN_DECIDE = CAN_RECORD_FORENSICS
WITHDRAWN = ""


@dataclass(frozen=True)
class DecisionView:
    id: str
    case_id: str
    case_number: str
    person_id: str
    register_number: str
    decision: str  # prioritised | rejected | "" (withdrawn)
    note: str
    decided_by: str
    decided_at: datetime | None


def find_entry_id(ctx: AppContext, register_number: str) -> str:
    """The id of the register entry with this register number."""
    ctx.require()
    number = register_number.strip()
    with ctx.reading() as session:
        found = session.scalar(
            select(MissingPerson.id).where(MissingPerson.register_number == number, MissingPerson.deleted.is_(False))
        )
    if found is None:
        raise NotFound(f"There is no application {number} in the register.")
    return found


def decide(ctx: AppContext, case_id: str, person_id: str, decision: str, note: str = "") -> DecisionView:
    """Prioritise the application ``person_id`` for DNA comparison with the case, reject it, or
    (``decision`` empty) withdraw the decision. Deciding what is already decided changes nothing."""
    user = ctx.require(*CAN_DECIDE)
    if decision not in (*DECISIONS, WITHDRAWN):
        raise ValidationError(f"Unknown decision: {decision}.", {"decision": "unknown"})
    text = (note or "").strip()
    if len(text) > MAX_NOTES:
        raise ValidationError(f"The note is longer than {MAX_NOTES} characters.", {"note": "long"})
    with ctx.unit_of_work() as session:
        case = session.get(Case, case_id)
        if case is None or case.deleted:
            raise NotFound("The case no longer exists.")
        person = session.get(MissingPerson, person_id)
        if person is None or person.deleted:
            raise NotFound("The application is no longer in the register.")
        record = session.get(CandidateDecision, candidate_decision_id(case_id, person_id))
        if record is None or record.deleted:
            if decision == WITHDRAWN:
                raise ValidationError(
                    f"Nothing was decided about application {person.register_number} for case {case.case_number}.",
                    {"decision": "none"},
                )
            if record is None:
                record = CandidateDecision(id=candidate_decision_id(case_id, person_id), case_id=case_id,
                                           person_id=person_id)
                session.add(record)
            record.deleted = False
        if (record.decision, record.note) != (decision, text) or record.decided_at is None:
            record.decision = decision
            record.note = text
            record.decided_by = user.full_name or user.username
            record.decided_at = utcnow()
        session.flush()
        return DecisionView(record.id, case.id, case.case_number, person.id, person.register_number,
                            record.decision, record.note, record.decided_by, record.decided_at)


__all__ = ["CAN_DECIDE", "WITHDRAWN", "DecisionView", "decide", "find_entry_id"]
