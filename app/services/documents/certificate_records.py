"""Certificate records: reading them (one by id or number, the list of a round, case numbers to
case ids) and the session guard that keeps an issued certificate as it was issued.

Lifecycle of a handover certificate: draft → issued → void.

- A **draft** is numbered when it is created (the number comes from this device's counter, so it
  is unique across laptops: ``KH01-A-2026-0001``; A = acceptance, T = transfer, R = release) and
  may be changed and printed freely (with a DRAFT watermark). Everyone may prepare drafts
  (``app.services.documents.certificate_drafts``).
- **Issuing** (clerks and supervisors) checks that nothing is missing, freezes the canonical
  content and its SHA-256, links every listed case, and records a custody event for each, all in
  one transaction; the issued PDF is rendered inside that transaction, so a certificate that
  cannot be printed is not issued either (``app.services.documents.certificate_issuing``).
- An issued certificate is never edited: every service refuses, and a session hook (here) refuses
  any other change to its frozen columns. A supervisor may **void** it, with a reason; a correction
  is a new certificate that **supersedes** it (the old one becomes void, linked to the new one).

What a certificate says is built in ``app.services.documents.certificate_content``, its
verification is in ``app.services.documents.verification``; bag labels and case sheets are in
``app.services.documents.case_documents``. The draft form (place, date, time, parties, notes,
scope) is kept in the certificate's ``parties`` JSON column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from app.domain import CertificateStatus
from app.errors import NotFound, ValidationError
from app.lookalikes import number_reading
from app.persistence.models import Case, Certificate, CertificateCase, Round, TransportUnit, User
from app.persistence.queries import by_shown_key, shown_keys
from app.services.context import AppContext
from app.services.documents.certificate_content import case_filter, form_of, scope_of
from app.services.documents.certificate_forms import CertificateFrozen, CertificateInfo

# --- reading --------------------------------------------------------------------------------


def linked_case_ids(session: Session, cert_id: str) -> list[str]:
    return list(
        session.scalars(
            select(CertificateCase.case_id).where(
                CertificateCase.certificate_id == cert_id, CertificateCase.deleted.is_(False)
            )
        )
    )


def _case_count(session: Session, cert: Certificate) -> int:
    if cert.status != CertificateStatus.DRAFT.value and cert.content:
        return len(cert.content.get("cases", []))
    return int(
        session.scalar(
            select(func.count()).select_from(Case).where(Case.deleted.is_(False), case_filter(cert))
        )
        or 0
    )


def certificate_info(session: Session, cert: Certificate) -> CertificateInfo:
    rnd = session.get(Round, cert.round_id) if cert.round_id else None
    unit = session.get(TransportUnit, cert.transport_unit_id) if cert.transport_unit_id else None
    issued_by = ""
    if cert.issued_by:
        user = session.get(User, cert.issued_by)
        issued_by = (user.full_name or user.username) if user else ""
    supersedes = session.get(Certificate, cert.supersedes_id) if cert.supersedes_id else None
    superseded_by = session.scalar(
        select(Certificate.number).where(
            Certificate.supersedes_id == cert.id,
            Certificate.status == CertificateStatus.ISSUED.value,
            Certificate.deleted.is_(False),
        )
    )
    # a number another installation issued too shows its stable alternative (see KEY_CLASH)
    number = shown_keys(session, Certificate.__table__, "number", [cert.id]).get(cert.id, cert.number)
    return CertificateInfo(
        id=cert.id,
        rev=cert.rev,
        number=number,
        kind=cert.kind,
        status=cert.status,
        round_id=cert.round_id or "",
        round_code=rnd.code if rnd else "",
        scope_type=scope_of(cert),
        transport_unit_id=cert.transport_unit_id,
        transport_unit_label=unit.label if unit else "",
        form=form_of(cert),
        case_count=_case_count(session, cert),
        content_sha256=cert.content_sha256,
        issued_at=cert.issued_at,
        issued_by=issued_by,
        void_reason=cert.void_reason,
        voided_at=cert.voided_at,
        supersedes_number=supersedes.number if supersedes else "",
        superseded_by_number=superseded_by or "",
        created_at=cert.created_at,
    )


def get_certificate(ctx: AppContext, certificate_id: str) -> CertificateInfo:
    ctx.require()
    with ctx.reading() as session:
        cert = session.get(Certificate, certificate_id)
        if cert is None or cert.deleted:
            raise NotFound("The certificate does not exist.")
        return certificate_info(session, cert)


def find_certificate(ctx: AppContext, number: str) -> CertificateInfo:
    ctx.require()
    with ctx.reading() as session:
        wanted = number_reading(number)
        found = by_shown_key(session, Certificate.__table__, "number", [wanted], Certificate.id)
        cert = session.get(Certificate, found[wanted][0]) if wanted in found else None
        if cert is None or cert.deleted:
            raise NotFound(f"There is no certificate {number.strip()} in this database.")
        return certificate_info(session, cert)


def list_certificates(ctx: AppContext, round_id: str | None = None) -> list[CertificateInfo]:
    """Certificates, newest first (of one round when ``round_id`` is given)."""
    ctx.require()
    with ctx.reading() as session:
        stmt = select(Certificate).where(Certificate.deleted.is_(False))
        if round_id:
            stmt = stmt.where(Certificate.round_id == round_id)
        certs = session.scalars(stmt.order_by(Certificate.created_at.desc(), Certificate.number.desc())).all()
        return [certificate_info(session, c) for c in certs]


def case_ids_for_numbers(ctx: AppContext, round_id: str, numbers: Sequence[str]) -> tuple[str, ...]:
    """Case ids for case numbers (as typed or read from a file), all of them in ``round_id``."""
    ctx.require()
    wanted = [number_reading(n) for n in numbers if n.strip()]
    if not wanted:
        raise ValidationError("The list of cases is empty.")
    with ctx.reading() as session:
        # a number two installations issued names the case that shows it (see KEY_CLASH)
        found = {
            shown: (cid, rid)
            for shown, (cid, rid, deleted) in by_shown_key(
                session, Case.__table__, "case_number", wanted, Case.id, Case.round_id, Case.deleted
            ).items()
            if not deleted
        }
    unknown = [n for n in wanted if n not in found]
    if unknown:
        shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        raise ValidationError(f"These cases are not in this database: {shown}.")
    elsewhere = [n for n in wanted if found[n][1] != round_id]
    if elsewhere:
        raise ValidationError(f"These cases belong to another round: {', '.join(elsewhere[:10])}.")
    return tuple(dict.fromkeys(found[n][0] for n in wanted))


# --- the guard: issued certificates never change --------------------------------------------

_FROZEN_FREE = frozenset({"rev", "head_version", "hlc", "updated_at", "updated_by"})
_VOIDING = frozenset({"status", "void_reason", "voided_at"})


def _guard_issued_certificates(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Refuse, in any session, a change to an issued or void certificate other than voiding it,
    and any change to the case list of a certificate that is not a draft."""
    for obj in session.deleted:
        if isinstance(obj, Certificate | CertificateCase):
            raise CertificateFrozen("Certificates are never deleted; void them instead.")
    for obj in session.dirty:
        if isinstance(obj, Certificate):
            state = inspect(obj)
            history = state.attrs.status.history
            before = history.deleted[0] if history.deleted else obj.status
            if before == CertificateStatus.DRAFT.value:
                continue
            changed = {a.key for a in state.attrs if a.history.has_changes()} - _FROZEN_FREE
            if not changed:
                continue
            if before == CertificateStatus.ISSUED.value and changed <= _VOIDING and obj.status == "void":
                continue
            raise CertificateFrozen(
                f"Certificate {obj.number} is {before} and cannot be changed; "
                "a correction is a new certificate that supersedes it."
            )
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, CertificateCase):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            with session.no_autoflush:
                parent = session.get(Certificate, obj.certificate_id)
            if parent is not None and parent.status != CertificateStatus.DRAFT.value:
                raise CertificateFrozen(f"The case list of certificate {parent.number} cannot be changed.")


if not event.contains(Session, "before_flush", _guard_issued_certificates):
    event.listen(Session, "before_flush", _guard_issued_certificates)
