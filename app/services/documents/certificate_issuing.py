"""Issuing, voiding and printing certificates: a draft issued in one transaction (frozen content,
case links, custody events, the PDF), an issued certificate voided by a supervisor, and the PDF
of a draft (watermarked) or a reprint of an issued or void one from its frozen content.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.documents.content import content_sha256
from app.documents.layout import RenderedPdf
from app.domain import CaseStatus, CertificateKind, CertificateStatus, CustodyEventType, Role
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.persistence.models import Case, Certificate, CertificateCase, CustodyEvent, TransportUnit
from app.persistence.models.certificates import certificate_case_id
from app.persistence.versioning import insert_versions, stamp_rows, utcnow
from app.progress import CancelToken
from app.services.context import CAN_ISSUE_CERTIFICATES, AppContext
from app.services.documents.certificate_content import (
    build_content,
    case_filter,
    missing_in_records,
    user_name,
)
from app.services.documents.certificate_drafts import CAN_PREPARE_CERTIFICATES, load_draft
from app.services.documents.certificate_forms import (
    MAX_NOTES,
    PARTY_KEYS,
    CertificateFrozen,
    CertificateInfo,
    IssueRefused,
    IssueResult,
    Progress,
    RenderedDocument,
)
from app.services.documents.certificate_records import certificate_info, linked_case_ids

CAN_VOID_CERTIFICATES = (Role.SUPERVISOR,)

CUSTODY_FOR_KIND = {
    CertificateKind.ACCEPTANCE.value: CustodyEventType.CERTIFIED.value,
    CertificateKind.TRANSFER.value: CustodyEventType.TRANSFERRED.value,
    CertificateKind.RELEASE.value: CustodyEventType.RELEASED.value,
}

# --- issue and void -------------------------------------------------------------------------


def _occurred_at(content: dict[str, Any], fallback: datetime) -> datetime:
    """The act's local date and time as naive UTC (how the database keeps times)."""
    try:
        local = datetime.combine(date.fromisoformat(content["date"]), time.fromisoformat(content["time"]))
    except (KeyError, ValueError):
        return fallback
    return local.astimezone(UTC).replace(tzinfo=None)


def _witness_text(content: dict[str, Any]) -> str:
    names = []
    for key in PARTY_KEYS:
        for w in content["parties"][key]["witnesses"]:
            names.append(f"{w['name']} ({w['document']})" if w.get("document") else w["name"])
    return "; ".join(names)


def _released_already(session: Session, case_ids: Sequence[str]) -> set[str]:
    """The cases of ``case_ids`` that already have a live "released" custody event."""
    found: set[str] = set()
    for start in range(0, len(case_ids), 500):
        found.update(session.scalars(
            select(CustodyEvent.case_id).where(
                CustodyEvent.case_id.in_(case_ids[start : start + 500]), CustodyEvent.deleted.is_(False),
                CustodyEvent.event_type == CustodyEventType.RELEASED.value,
            )
        ))
    return found


def issue_certificate(
    ctx: AppContext,
    certificate_id: str,
    *,
    expected_rev: int | None = None,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> IssueResult:
    """Issue a draft: all of it in one transaction, or nothing.

    Refuses (``IssueRefused``) with the exact list of what is missing. Returns the issued
    certificate and its PDF, rendered from the frozen content before the transaction commits.
    """
    from app.documents.certificate import render_certificate

    user = ctx.require(*CAN_ISSUE_CERTIFICATES)
    actor = ctx.actor
    with ctx.unit_of_work() as session:
        cert = load_draft(session, certificate_id)
        if expected_rev is not None and cert.rev != expected_rev:
            raise StaleEdit(f"Someone else changed draft {cert.number} after you opened it; reopen it.")
        if cert.supersedes_id:
            ctx.require(*CAN_ISSUE_CERTIFICATES)
        content = build_content(session, cert, prepared_by=user_name(ctx), issuing=True)
        missing = missing_in_records(session, cert, content)
        if missing:
            raise IssueRefused(cert.number, missing)
        sha = content_sha256(content)
        pdf = render_certificate(content, sha, progress=progress, token=token)
        if token is not None:
            token.check()
        now = utcnow()
        case_rows = session.execute(
            select(Case.id, Case.transport_unit_id).where(Case.deleted.is_(False), case_filter(cert))
        ).all()
        seals = dict(
            session.execute(
                select(TransportUnit.id, TransportUnit.seal_numbers).where(TransportUnit.round_id == cert.round_id)
            ).tuples().all()
        )
        linked = set(linked_case_ids(session, cert.id))
        # A case whose link was taken off while this was a draft is listed again on that row (a
        # link's id is derived from the pair); changed while the certificate is still a draft.
        retired = {
            link.case_id: link for link in session.scalars(
                select(CertificateCase).where(CertificateCase.certificate_id == cert.id,
                                              CertificateCase.deleted.is_(True))
                .order_by(CertificateCase.id.desc())
            )
        }
        for cid, _unit in case_rows:
            if cid not in linked and cid in retired:
                retired[cid].deleted = False
        session.flush()
        links = [{"id": certificate_case_id(cert.id, cid), "certificate_id": cert.id, "case_id": cid}
                 for cid, _unit in case_rows if cid not in linked and cid not in retired]
        occurred = _occurred_at(content, now)
        parties = content["parties"]
        # A case released to the family in the forensics dialog already has its "released"
        # custody event (the handover happened once): the certificate lists it and links it,
        # without recording the handover a second time.
        handed_over = _released_already(session, [cid for cid, _unit in case_rows]) \
            if cert.kind == CertificateKind.RELEASE.value else set()
        events = [
            {
                "case_id": cid,
                "event_type": CUSTODY_FOR_KIND[cert.kind],
                "occurred_at": occurred,
                "place": content["place"],
                "from_party": parties["sending"]["organisation"],
                "to_party": parties["receiving"]["organisation"],
                "seals_before": seals.get(unit_id or "", "") or "",
                "seals_after": "",
                "witnesses": _witness_text(content)[:5000],
                "certificate_id": cert.id,
                "recorded_by": user.id,
                "notes": f"Certificate {cert.number}",
            }
            for cid, unit_id in case_rows
            if cid not in handed_over
        ]
        cert.content = content
        cert.content_sha256 = sha
        cert.status = CertificateStatus.ISSUED.value
        cert.issued_at = now
        cert.issued_by = user.id
        if cert.supersedes_id:
            old = session.get(Certificate, cert.supersedes_id)
            if old is not None:
                old.status = CertificateStatus.VOID.value
                old.void_reason = f"Superseded by {cert.number}."
                old.voided_at = now
        if cert.kind == CertificateKind.RELEASE.value:
            for case in session.scalars(select(Case).where(Case.id.in_([cid for cid, _u in case_rows]))):
                case.status = CaseStatus.RELEASED.value
        try:
            session.flush()
        except StaleDataError as exc:
            raise StaleEdit(f"Someone else changed draft {cert.number} at the same time; reopen it.") from exc
        for table, model, rows in (
            ("certificate_cases", CertificateCase, links),
            ("custody_events", CustodyEvent, events),
        ):
            if rows:
                versions = stamp_rows(table, rows, actor)
                session.execute(insert(model), rows)
                insert_versions(session, versions)
        info = certificate_info(session, cert)
    document = RenderedDocument(
        pdf.data, pdf.pages, f"{cert.number}", f"{cert.number}.pdf", cert.number,
        CertificateStatus.ISSUED.value, sha,
    )
    return IssueResult(info, document)


def void_certificate(ctx: AppContext, certificate_id: str, reason: str) -> CertificateInfo:
    """Void an issued certificate (supervisors only), with a reason. Its content stays as it was."""
    ctx.require(*CAN_VOID_CERTIFICATES)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("Give the reason for voiding the certificate.", {"reason": "required"})
    if len(reason) > MAX_NOTES:
        raise ValidationError(f"The reason is longer than {MAX_NOTES} characters.")
    with ctx.unit_of_work() as session:
        cert = session.get(Certificate, certificate_id)
        if cert is None or cert.deleted:
            raise NotFound("The certificate does not exist.")
        if cert.status == CertificateStatus.DRAFT.value:
            raise ValidationError(f"{cert.number} is a draft; discard it instead of voiding it.")
        if cert.status == CertificateStatus.VOID.value:
            raise CertificateFrozen(f"Certificate {cert.number} is already void.")
        cert.status = CertificateStatus.VOID.value
        cert.void_reason = reason
        cert.voided_at = utcnow()
        session.flush()
        return certificate_info(session, cert)


# --- rendering ------------------------------------------------------------------------------


def render_certificate(
    ctx: AppContext,
    certificate_id: str,
    *,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> RenderedDocument:
    """The certificate as PDF: a draft from the records as they are now (watermarked DRAFT);
    an issued or void one from its frozen content (a reprint, with the same hash)."""
    from app.documents.certificate import render_certificate as render

    user = ctx.require(*CAN_PREPARE_CERTIFICATES)
    with ctx.reading() as session:
        cert = session.get(Certificate, certificate_id)
        if cert is None or cert.deleted:
            raise NotFound("The certificate does not exist.")
        if cert.status == CertificateStatus.DRAFT.value:
            content = build_content(session, cert, prepared_by=user.full_name or user.username)
            mark: str | None = "draft"
        else:
            if user.role not in CAN_ISSUE_CERTIFICATES:
                raise PermissionDenied("Only clerks and supervisors may reprint issued certificates.")
            if cert.content is None:
                raise NotFound(f"Certificate {cert.number} has no stored content to print.")
            content = cert.content
            mark = "void" if cert.status == CertificateStatus.VOID.value else None
        number, status = cert.number, cert.status
    sha = content_sha256(content)
    pdf: RenderedPdf = render(content, sha, mark=mark, progress=progress, token=token)
    suffix = "-draft" if mark == "draft" else ("-void" if mark == "void" else "")
    return RenderedDocument(pdf.data, pdf.pages, number, f"{number}{suffix}.pdf", number, status, sha)
