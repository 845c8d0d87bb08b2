"""What a certificate says: its canonical content, built from the records as they are (frozen
when it is issued), and what in the records stops a draft from being issued."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents.content import CONTENT_FORMAT
from app.domain import Category, CertificateKind, CertificateStatus, DiscrepancyKind
from app.errors import NotFound
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    Discrepancy,
    ManifestLine,
    PersonalEffect,
    Round,
    TransportUnit,
)
from app.persistence.models.keys import shown_key
from app.services.context import AppContext
from app.services.documents.certificate_forms import (
    KIND_NAMES,
    PARTY_KEYS,
    CertificateForm,
    Problem,
    missing_in_form,
)

# A case is accepted once and released once; it may be transferred many times.
ONCE_PER_CASE = {CertificateKind.ACCEPTANCE.value, CertificateKind.RELEASE.value}


def form_of(cert: Certificate) -> CertificateForm:
    """The form the clerk filled in, as the certificate keeps it."""
    data = dict(cert.parties or {})
    data.setdefault("kind", cert.kind)
    return CertificateForm.from_json(data)


def scope_of(cert: Certificate) -> str:
    """What the certificate covers: "round", "unit" or "cases"."""
    return str((cert.parties or {}).get("scope") or ("unit" if cert.transport_unit_id else "round"))


def user_name(ctx: AppContext) -> str:
    """The logged-in user's name as printed documents show it."""
    user = ctx.user
    return (user.full_name or user.username) if user else ""


def local_now() -> datetime:
    """Now, local time, to the minute (as printed documents show it)."""
    return datetime.now().replace(second=0, microsecond=0)


def build_content(
    session: Session, cert: Certificate, *, prepared_by: str, issuing: bool = False
) -> dict[str, Any]:
    """The canonical content of a certificate from the records as they are now."""
    form = form_of(cert)
    rnd = session.get(Round, cert.round_id)
    if rnd is None:
        raise NotFound("The certificate's round does not exist.")
    scope_type = scope_of(cert)
    unit = session.get(TransportUnit, cert.transport_unit_id) if cert.transport_unit_id else None
    in_scope = case_filter(cert)
    effects = (
        select(PersonalEffect.case_id, func.count().label("n"))
        .join(Case, Case.id == PersonalEffect.case_id)
        .where(PersonalEffect.deleted.is_(False), Case.round_id == rnd.id)
        .group_by(PersonalEffect.case_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Case.id, shown_key(Case.__table__, "case_number"), Case.sender_tag, Case.bag_number, Case.category,
            Case.claimed_name, Case.claimed_birth_date, Case.notes, Case.transport_unit_id,
            func.coalesce(effects.c.n, 0),
        )
        .outerjoin(effects, effects.c.case_id == Case.id)
        .where(Case.deleted.is_(False), Case.round_id == rnd.id, in_scope)
        .order_by(Case.case_number)
    ).all()
    cases = [
        {
            "case_number": r[1], "sender_tag": r[2], "bag_number": r[3], "category": r[4], "claimed_name": r[5],
            "claimed_birth_date": r[6], "notes": r[7], "effects": int(r[9]),
        }
        for r in rows
    ]
    case_ids = {r[0] for r in rows}
    unit_of_case = {r[0]: r[8] for r in rows}

    # counts
    counted_by_category = Tally(r[4] for r in rows)
    declared_by_category: dict[str, int] | None = None
    if scope_type == "round":
        manifest = session.execute(
            select(ManifestLine.category, func.count())
            .where(ManifestLine.round_id == rnd.id, ManifestLine.deleted.is_(False))
            .group_by(ManifestLine.category)
        ).all()
        if manifest:
            declared_by_category = {str(cat or ""): int(n) for cat, n in manifest}
    categories = [
        {
            "category": cat.value,
            "declared": (declared_by_category or {}).get(cat.value, 0) if declared_by_category is not None else None,
            "counted": counted_by_category.get(cat.value, 0),
        }
        for cat in Category
        if counted_by_category.get(cat.value) or (declared_by_category or {}).get(cat.value)
    ]
    if scope_type == "round":
        declared_total = rnd.declared_total
        units = list(
            session.scalars(
                select(TransportUnit)
                .where(TransportUnit.round_id == rnd.id, TransportUnit.deleted.is_(False))
                .order_by(TransportUnit.label)
            )
        )
    elif scope_type == "unit":
        declared_total = unit.declared_bags if unit else None
        units = [unit] if unit else []
    else:
        declared_total = None
        used = {u for u in unit_of_case.values() if u}
        units = [
            u for u in session.scalars(
                select(TransportUnit).where(TransportUnit.round_id == rnd.id).order_by(TransportUnit.label)
            )
            if u.id in used
        ]
    counted_by_unit = Tally(unit_of_case.values())
    unit_rows = [
        {
            "label": u.label, "seal_numbers": u.seal_numbers, "seal_intact": u.seal_intact,
            "declared": u.declared_bags, "counted": counted_by_unit.get(u.id, 0),
        }
        for u in units
    ]
    if counted_by_unit.get(None):
        unit_rows.append(
            {"label": "", "seal_numbers": "", "seal_intact": None, "declared": None,
             "counted": counted_by_unit[None]}
        )

    # discrepancies that concern what this certificate lists
    numbers = {r[0]: r[1] for r in rows}
    discrepancies = []
    marked_units: set[str | None] = set()
    for d in session.scalars(
        select(Discrepancy)
        .where(Discrepancy.round_id == rnd.id, Discrepancy.deleted.is_(False))
        .order_by(Discrepancy.created_at, Discrepancy.id)
    ):
        if d.case_id is not None:
            if d.case_id not in case_ids:
                continue
        elif scope_type == "unit":
            if d.transport_unit_id != cert.transport_unit_id:
                continue
        elif scope_type == "cases":
            continue
        discrepancies.append(
            {
                "kind": d.kind,
                "case_number": numbers.get(d.case_id or "", ""),
                "detail": d.detail,
                "explanation": d.explanation,
                "resolved": d.resolved,
            }
        )
        if d.kind == DiscrepancyKind.COUNT_MISMATCH.value and d.case_id is None:
            marked_units.add(d.transport_unit_id)
    # count mismatches the counts table shows, unless one is already marked for the same unit
    mismatches = []
    if declared_total is not None and declared_total != len(cases):
        key = cert.transport_unit_id if scope_type == "unit" else None
        if key not in marked_units:
            where = f"{unit.label}: " if unit is not None and scope_type == "unit" else ""
            mismatches.append((where, declared_total, len(cases)))
    if scope_type == "round":
        for u in units:
            counted = counted_by_unit.get(u.id, 0)
            if u.declared_bags is not None and u.declared_bags != counted and u.id not in marked_units:
                mismatches.append((f"{u.label}: ", u.declared_bags, counted))
    for where, declared, counted in mismatches:
        discrepancies.append(
            {
                "kind": DiscrepancyKind.COUNT_MISMATCH.value,
                "case_number": "",
                "detail": f"{where}заявлено {declared}, пораховано {counted} / declared {declared}, counted {counted}.",
                "explanation": "",
                "resolved": False,
            }
        )

    now = local_now()
    act_date = form.act_date or (now.date() if issuing else None)
    act_time = form.act_time or (now.strftime("%H:%M") if issuing else "")
    supersedes = session.get(Certificate, cert.supersedes_id) if cert.supersedes_id else None
    return {
        "format": CONTENT_FORMAT,
        "number": cert.number,
        "kind": cert.kind,
        "date": act_date.isoformat() if act_date else "",
        "time": act_time,
        "place": form.place,
        "agreement_ref": rnd.agreement_ref,
        "round": {"code": rnd.code, "date": rnd.round_date.isoformat(), "declared_total": rnd.declared_total},
        "scope": {"type": scope_type, "transport_unit": unit.label if unit and scope_type == "unit" else ""},
        "parties": {key: form.party(key).to_json() for key in PARTY_KEYS},
        "counts": {
            "declared": declared_total,
            "counted": len(cases),
            "categories": categories,
            "units": unit_rows,
        },
        "cases": cases,
        "discrepancies": discrepancies,
        "notes": form.notes,
        "supersedes": supersedes.number if supersedes else "",
        "prepared_by": prepared_by,
    }


def case_filter(cert: Certificate) -> Any:
    """Which cases a draft lists (links exist only for a chosen set until it is issued)."""
    scope = scope_of(cert)
    if scope == "cases":
        return Case.id.in_(
            select(CertificateCase.case_id).where(
                CertificateCase.certificate_id == cert.id, CertificateCase.deleted.is_(False)
            )
        )
    if scope == "unit":
        return Case.transport_unit_id == cert.transport_unit_id
    return Case.round_id == cert.round_id


def missing_in_records(session: Session, cert: Certificate, content: dict[str, Any]) -> list[Problem]:
    """What stops ``cert`` (with its ``content`` built) from being issued: no cases, a form not
    filled in, a correction of a certificate no longer issued, cases already on another."""
    missing: list[Problem] = []
    if not content["cases"]:
        missing.append(Problem("no_cases", "it lists no cases"))
    missing += missing_in_form(form_of(cert))
    if cert.supersedes_id:
        old = session.get(Certificate, cert.supersedes_id)
        if old is None or old.status != CertificateStatus.ISSUED.value:
            missing.append(Problem("correction_target_gone", "the certificate it corrects is no longer issued"))
    if cert.kind in ONCE_PER_CASE and content["cases"]:
        # the cases it lists, by id: two cases may share a number (see KEY_CLASH)
        clash = [
            (str(a), str(b))
            for a, b in session.execute(
                select(shown_key(Case.__table__, "case_number"), Certificate.number)
                .join(CertificateCase, CertificateCase.case_id == Case.id)
                .join(Certificate, Certificate.id == CertificateCase.certificate_id)
                .where(
                    Case.deleted.is_(False),
                    Case.round_id == cert.round_id,
                    case_filter(cert),
                    CertificateCase.deleted.is_(False),
                    Certificate.kind == cert.kind,
                    Certificate.status == CertificateStatus.ISSUED.value,
                    Certificate.id != (cert.supersedes_id or ""),
                )
            )
        ]
        if clash:
            shown = ", ".join(f"{case} (on {number})" for case, number in sorted(clash)[:5])
            more = f" and {len(clash) - 5} more" if len(clash) > 5 else ""
            missing.append(
                Problem(
                    "already_on_certificate",
                    f"these cases are already on an issued {KIND_NAMES[cert.kind]} certificate: {shown}{more}",
                    detail=f"{shown}{more}",
                )
            )
    return missing
