"""Handover certificates: draft → issued → void. What a certificate says is built in
``app.services.documents.certificate_content``, its verification is in ``app.services.documents.verification``; bag
labels and case sheets are in ``app.services.documents.case_documents``.

Lifecycle:

- A **draft** is numbered when it is created (the number comes from this device's counter, so it
  is unique across laptops: ``KH01-A-2026-0001``; A = acceptance, T = transfer, R = release) and
  may be changed and printed freely (with a DRAFT watermark). Everyone may prepare drafts.
- **Issuing** (clerks and supervisors) checks that nothing is missing, freezes the canonical
  content and its SHA-256, links every listed case, and records a custody event for each, all in
  one transaction; the issued PDF is rendered inside that transaction, so a certificate that
  cannot be printed is not issued either.
- An issued certificate is never edited: every service refuses, and a session hook refuses any
  other change to its frozen columns. A supervisor may **void** it, with a reason; a correction is
  a new certificate that **supersedes** it (the old one becomes void, linked to the new one).

The draft form (place, date, time, parties, notes, scope) is kept in the certificate's ``parties``
JSON column.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.documents.content import content_sha256
from app.documents.layout import RenderedPdf
from app.documents.vocabulary import KIND_LETTER
from app.domain import (
    CaseStatus,
    CertificateKind,
    CertificateStatus,
    CustodyEventType,
    Role,
)
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.lookalikes import number_reading
from app.persistence import counters
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    CustodyEvent,
    Round,
    TransportUnit,
    User,
)
from app.persistence.models.certificates import certificate_case_id
from app.persistence.queries import by_shown_key, shown_keys
from app.persistence.versioning import insert_versions, stamp_rows, utcnow
from app.progress import CancelToken
from app.services.context import CAN_ISSUE_CERTIFICATES, AppContext
from app.services.documents.certificate_content import (
    build_content,
    case_filter,
    form_of,
    missing_in_records,
    scope_of,
    user_name,
)
from app.services.documents.certificate_forms import (
    KIND_NAMES,
    MAX_NOTES,
    PARTY_KEYS,
    CertificateForm,
    CertificateFrozen,
    CertificateInfo,
    IssueRefused,
    IssueResult,
    Problem,
    Progress,
    RenderedDocument,
    Scope,
    clean_form,
)

CAN_PREPARE_CERTIFICATES = (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR)
CAN_VOID_CERTIFICATES = (Role.SUPERVISOR,)

CUSTODY_FOR_KIND = {
    CertificateKind.ACCEPTANCE.value: CustodyEventType.CERTIFIED.value,
    CertificateKind.TRANSFER.value: CustodyEventType.TRANSFERRED.value,
    CertificateKind.RELEASE.value: CustodyEventType.RELEASED.value,
}

# --- reading --------------------------------------------------------------------------------


def _linked_case_ids(session: Session, cert_id: str) -> list[str]:
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


def _info(session: Session, cert: Certificate) -> CertificateInfo:
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
        return _info(session, cert)


def find_certificate(ctx: AppContext, number: str) -> CertificateInfo:
    ctx.require()
    with ctx.reading() as session:
        wanted = number_reading(number)
        found = by_shown_key(session, Certificate.__table__, "number", [wanted], Certificate.id)
        cert = session.get(Certificate, found[wanted][0]) if wanted in found else None
        if cert is None or cert.deleted:
            raise NotFound(f"There is no certificate {number.strip()} in this database.")
        return _info(session, cert)


def list_certificates(ctx: AppContext, round_id: str | None = None) -> list[CertificateInfo]:
    """Certificates, newest first (of one round when ``round_id`` is given)."""
    ctx.require()
    with ctx.reading() as session:
        stmt = select(Certificate).where(Certificate.deleted.is_(False))
        if round_id:
            stmt = stmt.where(Certificate.round_id == round_id)
        certs = session.scalars(stmt.order_by(Certificate.created_at.desc(), Certificate.number.desc())).all()
        return [_info(session, c) for c in certs]


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


# --- drafts ---------------------------------------------------------------------------------


def default_form(ctx: AppContext, round_id: str, kind: str = CertificateKind.ACCEPTANCE.value) -> CertificateForm:
    """A new form: place, date and organisations from the round, people from the round's latest
    certificate of the same kind (the same delegations usually sign every act of a round)."""
    ctx.require()
    with ctx.reading() as session:
        rnd = session.get(Round, round_id)
        if rnd is None or rnd.deleted:
            raise NotFound("The round does not exist.")
        previous = session.scalars(
            select(Certificate)
            .where(Certificate.round_id == round_id, Certificate.kind == kind, Certificate.deleted.is_(False))
            .order_by(Certificate.created_at.desc())
            .limit(1)
        ).first()
        if previous is not None:
            form = form_of(previous)
            form.act_time = ""
            form.notes = ""
            return form
        form = CertificateForm(kind=kind, place=rnd.place, act_date=rnd.round_date)
        if kind == CertificateKind.ACCEPTANCE.value:
            form.sending.organisation = rnd.sending_party
            form.receiving.organisation = rnd.receiving_party
            form.intermediary.organisation = rnd.intermediary
        else:
            form.sending.organisation = rnd.receiving_party
        return form


def _check_scope(session: Session, scope: Scope) -> tuple[Round, TransportUnit | None]:
    rnd = session.get(Round, scope.round_id)
    if rnd is None or rnd.deleted:
        raise NotFound("The round does not exist.")
    unit = None
    if scope.transport_unit_id:
        unit = session.get(TransportUnit, scope.transport_unit_id)
        if unit is None or unit.deleted or unit.round_id != rnd.id:
            raise ValidationError("The transport unit is not part of this round.", {"transport_unit_id": "bad"})
    if scope.case_ids is not None:
        if not scope.case_ids:
            raise ValidationError("Choose at least one case for the certificate.", {"cases": "empty"})
        ids = list(dict.fromkeys(scope.case_ids))
        found = 0
        for start in range(0, len(ids), 500):
            found += int(
                session.scalar(
                    select(func.count()).select_from(Case).where(
                        Case.id.in_(ids[start : start + 500]), Case.round_id == rnd.id, Case.deleted.is_(False)
                    )
                )
                or 0
            )
        if found != len(ids):
            raise ValidationError("Some of the chosen cases are not in this round.", {"cases": "bad"})
    return rnd, unit


def _set_linked_cases(session: Session, cert: Certificate, case_ids: Sequence[str] | None) -> None:
    """Make the certificate's case links exactly ``case_ids`` (tombstoning the others).

    A case may have several link rows: links made on two devices before link ids were derived
    from the pair, one of them superseded by the merge. One live row is enough; a case listed
    again gets back the row the merge keeps (the smallest id)."""
    wanted = set(case_ids or ())
    existing: dict[str, list[CertificateCase]] = {}
    for link in session.scalars(
        select(CertificateCase).where(CertificateCase.certificate_id == cert.id).order_by(CertificateCase.id)
    ):
        existing.setdefault(link.case_id, []).append(link)
    for case_id, links in existing.items():
        live = [link for link in links if not link.deleted]
        if case_id in wanted and not live:
            links[0].deleted = False
        elif case_id not in wanted:
            for link in live:
                link.deleted = True
    for case_id in sorted(wanted - set(existing)):
        session.add(CertificateCase(certificate_id=cert.id, case_id=case_id))


def _new_number(session: Session, ctx: AppContext, kind: str) -> str:
    year = utcnow().year
    return counters.next_unused(
        session, f"certificate:{ctx.device_code}:{year}",
        lambda seq: f"{ctx.device_code}-{KIND_LETTER[kind]}-{year}-{seq:04d}", Certificate.number,
    )


def create_draft(
    ctx: AppContext, scope: Scope, form: CertificateForm, *, supersedes_id: str | None = None
) -> CertificateInfo:
    """A new numbered draft for ``scope``."""
    ctx.require(*CAN_PREPARE_CERTIFICATES)
    form = clean_form(form)
    with ctx.unit_of_work() as session:
        _check_scope(session, scope)
        if supersedes_id is not None:
            ctx.require(*CAN_ISSUE_CERTIFICATES)
            old = session.get(Certificate, supersedes_id)
            if old is None or old.status != CertificateStatus.ISSUED.value:
                raise ValidationError("Only an issued certificate can be corrected.")
        cert = Certificate(
            number=_new_number(session, ctx, form.kind),
            kind=form.kind,
            status=CertificateStatus.DRAFT.value,
            round_id=scope.round_id,
            transport_unit_id=scope.transport_unit_id,
            parties={**form.to_json(), "scope": scope.type},
            supersedes_id=supersedes_id,
        )
        session.add(cert)
        session.flush()
        if scope.case_ids is not None:
            _set_linked_cases(session, cert, scope.case_ids)
            session.flush()
        return _info(session, cert)


def _load_draft(session: Session, certificate_id: str) -> Certificate:
    cert = session.get(Certificate, certificate_id)
    if cert is None or cert.deleted:
        raise NotFound("The certificate does not exist.")
    if cert.status != CertificateStatus.DRAFT.value:
        state = "issued" if cert.status == CertificateStatus.ISSUED.value else "void"
        raise CertificateFrozen(
            f"Certificate {cert.number} is {state} and cannot be changed; "
            + ("issue a correction that supersedes it." if state == "issued" else "prepare a new one.")
        )
    return cert


def update_draft(
    ctx: AppContext,
    certificate_id: str,
    expected_rev: int | None,
    form: CertificateForm,
    scope: Scope | None = None,
) -> CertificateInfo:
    """Change a draft's form (and, if given, its scope). Issued certificates are refused."""
    ctx.require(*CAN_PREPARE_CERTIFICATES)
    form = clean_form(form)
    with ctx.unit_of_work() as session:
        cert = _load_draft(session, certificate_id)
        if expected_rev is not None and cert.rev != expected_rev:
            raise StaleEdit(f"Someone else changed draft {cert.number} after you opened it; reopen it.")
        if form.kind != cert.kind:
            raise ValidationError(
                f"Draft {cert.number} is an {KIND_NAMES[cert.kind]} certificate; start a new draft for another kind."
            )
        scope_type = scope_of(cert)
        if scope is not None:
            if scope.round_id != cert.round_id:
                raise ValidationError("A draft cannot be moved to another round.")
            _check_scope(session, scope)
            cert.transport_unit_id = scope.transport_unit_id
            scope_type = scope.type
            _set_linked_cases(session, cert, scope.case_ids)
        cert.parties = {**form.to_json(), "scope": scope_type}
        try:
            session.flush()
        except StaleDataError as exc:
            raise StaleEdit(f"Someone else changed draft {cert.number} at the same time; reopen it.") from exc
        return _info(session, cert)


def find_open_draft(ctx: AppContext, scope: Scope, kind: str) -> CertificateInfo | None:
    """The newest draft of ``kind`` with exactly this scope, to regenerate instead of renumbering."""
    ctx.require()
    with ctx.reading() as session:
        drafts = session.scalars(
            select(Certificate)
            .where(
                Certificate.round_id == scope.round_id,
                Certificate.kind == kind,
                Certificate.status == CertificateStatus.DRAFT.value,
                Certificate.deleted.is_(False),
                Certificate.supersedes_id.is_(None),
            )
            .order_by(Certificate.created_at.desc())
        ).all()
        for cert in drafts:
            if scope_of(cert) != scope.type or cert.transport_unit_id != scope.transport_unit_id:
                continue
            if scope.case_ids is not None and set(_linked_case_ids(session, cert.id)) != set(scope.case_ids):
                continue
            return _info(session, cert)
    return None


def discard_draft(ctx: AppContext, certificate_id: str) -> CertificateInfo:
    """Give up a draft (it stays in the records as void, so its number is accounted for)."""
    ctx.require(*CAN_PREPARE_CERTIFICATES)
    with ctx.unit_of_work() as session:
        cert = _load_draft(session, certificate_id)
        cert.status = CertificateStatus.VOID.value
        cert.void_reason = "Draft discarded."
        cert.voided_at = utcnow()
        session.flush()
        return _info(session, cert)


def start_correction(ctx: AppContext, certificate_id: str) -> CertificateInfo:
    """A new draft that will supersede an issued certificate: same scope and form, new number."""
    ctx.require(*CAN_ISSUE_CERTIFICATES)
    with ctx.reading() as session:
        old = session.get(Certificate, certificate_id)
        if old is None or old.deleted:
            raise NotFound("The certificate does not exist.")
        if old.status != CertificateStatus.ISSUED.value:
            raise ValidationError(f"Certificate {old.number} is not issued, so there is nothing to correct.")
        form = form_of(old)
        scope_type = scope_of(old)
        case_ids = tuple(_linked_case_ids(session, old.id)) if scope_type == "cases" else None
        scope = Scope(old.round_id or "", old.transport_unit_id if scope_type == "unit" else None, case_ids)
        pending = session.scalar(
            select(Certificate.number).where(
                Certificate.supersedes_id == old.id,
                Certificate.status == CertificateStatus.DRAFT.value,
                Certificate.deleted.is_(False),
            )
        )
        old_number = old.number
    if pending:
        raise ValidationError(f"A correction of {old_number} is already being prepared: {pending}.")
    return create_draft(ctx, scope, form, supersedes_id=certificate_id)


def missing_for_issue(ctx: AppContext, certificate_id: str) -> list[Problem]:
    """What still stops a draft from being issued (empty when it is ready)."""
    ctx.require()
    with ctx.reading() as session:
        cert = _load_draft(session, certificate_id)
        content = build_content(session, cert, prepared_by="", issuing=True)
        return missing_in_records(session, cert, content)


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
        cert = _load_draft(session, certificate_id)
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
        linked = set(_linked_case_ids(session, cert.id))
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
        info = _info(session, cert)
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
        return _info(session, cert)


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
