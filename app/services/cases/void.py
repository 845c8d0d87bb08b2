"""Voiding a case recorded in error (a bag scanned into the wrong round, a test entry).

A supervisor voids a case with a reason. The case becomes a tombstone (``deleted``), so it
leaves every count and list of live cases, travels in bundles like any other change, and keeps
its whole history. A ``Discrepancy`` of kind ``VOIDED_CASE`` carries the reason (as its detail
and its explanation, by whom and when), so the round's discrepancies list the case and why it
went. A case listed on an issued act cannot be voided: the act says it was handed over, so the
act is voided or corrected first.

On another laptop, an edit made to the case before it learnt of the voiding meets the tombstone
in the merge (``app.sync.merge``): that is a conflict on ``deleted`` for a supervisor to settle,
with the voiding as provisional value and the edit kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain import CertificateStatus, Role
from app.errors import NotFound, ValidationError
from app.persistence.models import Case, Certificate, CertificateCase, Discrepancy
from app.persistence.versioning import utcnow
from app.services.context import AppContext

CAN_VOID_CASES = (Role.SUPERVISOR,)
VOIDED_CASE = "voided_case"  # Discrepancy.kind
MAX_REASON = 2000


@dataclass(frozen=True)
class VoidResult:
    case_id: str
    case_number: str
    round_id: str


def void_case(ctx: AppContext, case_number_or_id: str, reason: str) -> VoidResult:
    """Void the case with this number (or id), in one transaction. Raises ``NotFound`` for an
    unknown case and ``ValidationError`` (one sentence) when there is no reason, the case is
    already void, or it is listed on an issued act."""
    user = ctx.require(*CAN_VOID_CASES)
    text = " ".join(reason.split())
    if not text:
        raise ValidationError("Give the reason the case is voided.", {"reason": "required"})
    if len(text) > MAX_REASON:
        raise ValidationError(f"The reason is longer than {MAX_REASON} characters.", {"reason": "long"})
    key = case_number_or_id.strip()
    with ctx.unit_of_work() as session:
        case = session.get(Case, key) or session.scalars(
            select(Case).where(Case.case_number == key.upper()).order_by(Case.deleted, Case.id).limit(1)
        ).first()
        if case is None:
            raise NotFound(f"There is no case {key}.")
        if case.deleted:
            raise ValidationError(f"Case {case.case_number} is already void.", {"case": "void"})
        acts = list(
            session.scalars(
                select(Certificate.number)
                .join(CertificateCase, CertificateCase.certificate_id == Certificate.id)
                .where(
                    CertificateCase.case_id == case.id, CertificateCase.deleted.is_(False),
                    Certificate.deleted.is_(False), Certificate.status == CertificateStatus.ISSUED.value,
                )
                .order_by(Certificate.number)
            )
        )
        if acts:
            raise ValidationError(
                f"Case {case.case_number} is listed on the issued act {', '.join(acts)}; "
                "void or correct the act first.",
                {"case": "certified"},
            )
        now = utcnow()
        case.deleted = True
        session.add(
            Discrepancy(
                round_id=case.round_id, kind=VOIDED_CASE, case_id=case.id, detail=text, explanation=text,
                explained_by=user.id, explained_at=now, resolved=True,
            )
        )
        session.flush()
        return VoidResult(case.id, case.case_number, case.round_id)
