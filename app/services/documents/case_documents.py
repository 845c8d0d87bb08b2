"""The printed documents of cases that are not certificates: bag labels for the cases of a round,
and the case sheet of one case."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import CertificateStatus
from app.errors import NotFound, ValidationError
from app.persistence.models import (
    Case,
    Certificate,
    CustodyEvent,
    LocalSetting,
    PersonalEffect,
    Round,
    TransportUnit,
    User,
)
from app.persistence.models.keys import shown_key
from app.persistence.queries import shown_keys
from app.progress import CancelToken
from app.services.context import AppContext
from app.services.documents.certificate_content import local_now, user_name
from app.services.documents.certificate_forms import Progress, RenderedDocument


def render_labels(
    ctx: AppContext,
    round_id: str,
    layout: str,
    *,
    case_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> RenderedDocument:
    """Bag labels for the cases of a round (or the chosen ones), in case-number order."""
    from app.documents.labels import LABELS_TITLE, LabelData
    from app.documents.labels import render_labels as render

    ctx.require()
    with ctx.reading() as session:
        rnd = session.get(Round, round_id)
        if rnd is None or rnd.deleted:
            raise NotFound("The round does not exist.")
        stmt = select(
            shown_key(Case.__table__, "case_number"), Case.received_at, Case.sender_tag, Case.bag_number,
            Case.category, Case.id,
        ).where(Case.round_id == round_id, Case.deleted.is_(False))
        if case_ids is not None:
            stmt = stmt.where(Case.id.in_(list(case_ids)))
        rows = session.execute(stmt.order_by(Case.case_number)).all()
        code = rnd.code
    if not rows:
        raise ValidationError(f"Round {code} has no cases to print labels for.")
    labels = [LabelData(r[0], code, _local_date(r[1]), r[2], r[3], r[4]) for r in rows]
    pdf = render(labels, layout, title=f"{LABELS_TITLE} {code}", progress=progress, token=token)
    if ctx.user is not None and ctx.user.id:  # a reader's command line does not remember
        _remember_made(ctx, round_id, [r[5] for r in rows])
    safe = re.sub(r"[^\w.-]+", "_", code)
    return RenderedDocument(pdf.data, pdf.pages, f"{LABELS_TITLE} {code}", f"labels-{safe}-{layout}.pdf", code)


# --- which labels: the whole round, the bags not on a label yet, a transport unit -----------------

LABELS_MADE = "labels_made:"  # + round id: the cases this installation has made labels for (local)


@dataclass(frozen=True)
class LabelChoice:
    """What a clerk can print labels for in a round."""

    all_cases: int
    not_made: tuple[str, ...]  # the cases no label was made for here yet
    units: tuple[tuple[str, str, tuple[str, ...]], ...]  # (unit id, label, its cases)


def _made(session: Session, round_id: str) -> set[str]:
    setting = session.get(LocalSetting, LABELS_MADE + round_id)
    return set(json.loads(setting.value)) if setting is not None else set()


def label_choice(ctx: AppContext, round_id: str) -> LabelChoice:
    ctx.require()
    with ctx.reading() as session:
        rows = session.execute(
            select(Case.id, Case.transport_unit_id)
            .where(Case.round_id == round_id, Case.deleted.is_(False))
            .order_by(Case.case_number, Case.id)
        ).all()
        made = _made(session, round_id)
        units = session.execute(
            select(TransportUnit.id, TransportUnit.label)
            .where(TransportUnit.round_id == round_id, TransportUnit.deleted.is_(False))
            .order_by(TransportUnit.label)
        ).all()
    by_unit: dict[str, list[str]] = {}
    for case_id, unit_id in rows:
        if unit_id:
            by_unit.setdefault(unit_id, []).append(case_id)
    return LabelChoice(
        len(rows),
        tuple(cid for cid, _u in rows if cid not in made),
        tuple((uid, label, tuple(by_unit.get(uid, ()))) for uid, label in units),
    )


def _remember_made(ctx: AppContext, round_id: str, case_ids: Sequence[str]) -> None:
    with ctx.unit_of_work() as session:
        made = _made(session, round_id) | set(case_ids)
        setting = session.get(LocalSetting, LABELS_MADE + round_id)
        if setting is None:
            session.add(LocalSetting(key=LABELS_MADE + round_id, value=json.dumps(sorted(made))))
        else:
            setting.value = json.dumps(sorted(made))


def _local_date(moment: datetime | None) -> str:
    """A stored (naive UTC) time as the local calendar date."""
    return moment.replace(tzinfo=UTC).astimezone().date().isoformat() if moment else ""


def _fmt(moment: datetime | None) -> str:
    """A stored (naive UTC) time as local time, to the minute."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def case_sheet_data(session: Session, case: Case, printed_by: str) -> dict[str, Any]:
    rnd = session.get(Round, case.round_id)
    unit = session.get(TransportUnit, case.transport_unit_id) if case.transport_unit_id else None
    parent = session.get(Case, case.parent_case_id) if case.parent_case_id else None
    users = dict(session.execute(select(User.id, User.full_name)).tuples().all())
    effects = session.scalars(
        select(PersonalEffect)
        .where(PersonalEffect.case_id == case.id, PersonalEffect.deleted.is_(False))
        .order_by(PersonalEffect.position)
    ).all()
    events = session.execute(
        select(CustodyEvent, Certificate.number, Certificate.status)
        .outerjoin(Certificate, Certificate.id == CustodyEvent.certificate_id)
        .where(CustodyEvent.case_id == case.id, CustodyEvent.deleted.is_(False))
        .order_by(CustodyEvent.occurred_at, CustodyEvent.id)
    ).all()
    numbers = shown_keys(session, Case.__table__, "case_number", [case.id, *([parent.id] if parent else [])])
    return {
        "case_number": numbers.get(case.id, case.case_number),
        "round": {
            "code": rnd.code if rnd else "",
            "date": rnd.round_date.isoformat() if rnd else "",
            "place": rnd.place if rnd else "",
        },
        "transport_unit": unit.label if unit else "",
        "sender_tag": case.sender_tag,
        "bag_number": case.bag_number,
        "on_manifest": not case.off_manifest,
        "received_at": _fmt(case.received_at),
        "received_by": users.get(case.received_by or "", ""),
        "category": case.category,
        "condition_flags": [f for f in case.condition_flags.split(",") if f],
        "apparent_sex": case.apparent_sex,
        "age_group": case.age_group,
        "storage_location": case.storage_location,
        "status": case.status,
        "parent_case": numbers.get(parent.id, parent.case_number) if parent else "",
        "claimed": {
            "name": case.claimed_name,
            "birth_date": case.claimed_birth_date,
            "citizenship": case.claimed_citizenship,
            "source": case.claimed_source,
        },
        "established": {
            "name": case.established_name,
            "birth_date": case.established_birth_date,
            "method": case.identification_method,
            "by": case.identified_by,
            "on": case.identified_on.isoformat() if case.identified_on else "",
        },
        "notes": case.notes,
        "effects": [
            {"category": e.category, "description": e.description, "quantity": e.quantity,
             "container_seal": e.container_seal}
            for e in effects
        ],
        "custody": [
            {
                "at": _fmt(ev.occurred_at), "event": ev.event_type, "place": ev.place, "from": ev.from_party,
                "to": ev.to_party, "seals_before": ev.seals_before, "seals_after": ev.seals_after,
                "witnesses": ev.witnesses, "certificate": number or "",
                "act_voided": cert_status == CertificateStatus.VOID.value,
                "recorded_by": users.get(ev.recorded_by or "", ""), "notes": ev.notes,
            }
            for ev, number, cert_status in events
        ],
        "printed_at": local_now().strftime("%Y-%m-%d %H:%M"),
        "printed_by": printed_by,
    }


def render_case_sheet(
    ctx: AppContext,
    case_id: str,
    *,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> RenderedDocument:
    """The case sheet of one case (one or two A4 pages)."""
    from app.documents.case_sheet import TITLE
    from app.documents.case_sheet import render_case_sheet as render

    ctx.require()
    with ctx.reading() as session:
        case = session.get(Case, case_id)
        if case is None or case.deleted:
            raise NotFound("The case does not exist.")
        data = case_sheet_data(session, case, user_name(ctx))
    pdf = render(data, progress=progress, token=token)
    number = data["case_number"]
    return RenderedDocument(pdf.data, pdf.pages, f"{TITLE[1]} {number}", f"case-{number}.pdf", number)
