"""Certificate drafts: a new form for a round, creating, changing, finding and discarding drafts,
starting the correction of an issued certificate, and what still stops a draft from being issued.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.documents.vocabulary import KIND_LETTER
from app.domain import CertificateKind, CertificateStatus, Role
from app.errors import NotFound, StaleEdit, ValidationError
from app.persistence import counters
from app.persistence.models import Case, Certificate, CertificateCase, Round, TransportUnit
from app.persistence.versioning import utcnow
from app.services.context import CAN_ISSUE_CERTIFICATES, AppContext
from app.services.documents.certificate_content import build_content, form_of, missing_in_records, scope_of
from app.services.documents.certificate_forms import (
    KIND_NAMES,
    CertificateForm,
    CertificateFrozen,
    CertificateInfo,
    Problem,
    Scope,
    clean_form,
)
from app.services.documents.certificate_records import certificate_info, linked_case_ids

CAN_PREPARE_CERTIFICATES = (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR)

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
        return certificate_info(session, cert)


def load_draft(session: Session, certificate_id: str) -> Certificate:
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
        cert = load_draft(session, certificate_id)
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
        return certificate_info(session, cert)


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
            if scope.case_ids is not None and set(linked_case_ids(session, cert.id)) != set(scope.case_ids):
                continue
            return certificate_info(session, cert)
    return None


def discard_draft(ctx: AppContext, certificate_id: str) -> CertificateInfo:
    """Give up a draft (it stays in the records as void, so its number is accounted for)."""
    ctx.require(*CAN_PREPARE_CERTIFICATES)
    with ctx.unit_of_work() as session:
        cert = load_draft(session, certificate_id)
        cert.status = CertificateStatus.VOID.value
        cert.void_reason = "Draft discarded."
        cert.voided_at = utcnow()
        session.flush()
        return certificate_info(session, cert)


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
        case_ids = tuple(linked_case_ids(session, old.id)) if scope_type == "cases" else None
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
        cert = load_draft(session, certificate_id)
        content = build_content(session, cert, prepared_by="", issuing=True)
        return missing_in_records(session, cert, content)
