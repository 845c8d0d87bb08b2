"""Rounds (handover events) and their transport units."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select

from app.errors import NotFound, StaleEdit, ValidationError
from app.persistence.models import Case, ManifestLine, Round, TransportUnit
from app.services.context import CAN_MANAGE_ROUNDS, AppContext


@dataclass
class RoundData:
    code: str
    round_date: date
    place: str = ""
    sending_party: str = ""
    receiving_party: str = ""
    intermediary: str = ""
    agreement_ref: str = ""
    declared_total: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class RoundSummary:
    id: str
    rev: int
    code: str
    round_date: date
    place: str
    sending_party: str
    receiving_party: str
    intermediary: str
    agreement_ref: str
    declared_total: int | None
    notes: str
    manifest_lines: int
    received: int


@dataclass
class TransportUnitData:
    label: str
    description: str = ""
    seal_numbers: str = ""
    seal_intact: bool | None = None
    declared_bags: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class TransportUnitSummary:
    id: str
    rev: int
    round_id: str
    label: str
    description: str
    seal_numbers: str
    seal_intact: bool | None
    declared_bags: int | None
    notes: str
    counted_bags: int


def _clean_round(data: RoundData) -> RoundData:
    data.code = data.code.strip()
    for f in ("place", "sending_party", "receiving_party", "intermediary", "agreement_ref", "notes"):
        setattr(data, f, (getattr(data, f) or "").strip())
    problems: dict[str, str] = {}
    if not data.code:
        problems["code"] = "required"
    if len(data.code) > 64:
        problems["code"] = "too long"
    if not isinstance(data.round_date, date):
        problems["round_date"] = "required"
    if data.declared_total is not None and data.declared_total < 0:
        problems["declared_total"] = "negative"
    if problems:
        names = {"code": "round code", "round_date": "date", "declared_total": "declared total"}
        raise ValidationError(
            "Check the round: " + ", ".join(f"{names.get(k, k)} ({v})" for k, v in problems.items()) + ".",
            problems,
        )
    return data


def _summary(session: object, r: Round, manifest: int, received: int) -> RoundSummary:
    return RoundSummary(
        r.id, r.rev, r.code, r.round_date, r.place, r.sending_party, r.receiving_party, r.intermediary,
        r.agreement_ref, r.declared_total, r.notes, manifest, received,
    )


def create_round(ctx: AppContext, data: RoundData) -> RoundSummary:
    ctx.require(*CAN_MANAGE_ROUNDS)
    data = _clean_round(data)
    with ctx.unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(Round).where(Round.code == data.code)):
            raise ValidationError(f"A round with the code {data.code} already exists.", {"code": "taken"})
        r = Round(**{f.name: getattr(data, f.name) for f in fields(data)})
        session.add(r)
        session.flush()
        return _summary(session, r, 0, 0)


def update_round(ctx: AppContext, round_id: str, expected_rev: int, data: RoundData) -> RoundSummary:
    ctx.require(*CAN_MANAGE_ROUNDS)
    data = _clean_round(data)
    with ctx.unit_of_work() as session:
        r = session.get(Round, round_id)
        if r is None or r.deleted:
            raise NotFound("The round no longer exists.")
        if r.rev != expected_rev:
            raise StaleEdit("Someone else changed this round after you opened it; reopen it and apply your change again.")
        clash = session.scalar(select(Round.id).where(Round.code == data.code, Round.id != round_id))
        if clash:
            raise ValidationError(f"A round with the code {data.code} already exists.", {"code": "taken"})
        for f in fields(data):
            setattr(r, f.name, getattr(data, f.name))
        session.flush()
    return get_round(ctx, round_id)


def list_rounds(ctx: AppContext) -> list[RoundSummary]:
    ctx.require()
    with ctx.reading() as session:
        manifest = (
            select(ManifestLine.round_id, func.count().label("n"))
            .where(ManifestLine.deleted.is_(False))
            .group_by(ManifestLine.round_id)
            .subquery()
        )
        received = (
            select(Case.round_id, func.count().label("n"))
            .where(Case.deleted.is_(False))
            .group_by(Case.round_id)
            .subquery()
        )
        rows = session.execute(
            select(Round, func.coalesce(manifest.c.n, 0), func.coalesce(received.c.n, 0))
            .outerjoin(manifest, manifest.c.round_id == Round.id)
            .outerjoin(received, received.c.round_id == Round.id)
            .where(Round.deleted.is_(False))
            .order_by(Round.round_date.desc(), Round.code)
        ).all()
        return [_summary(session, r, m, n) for r, m, n in rows]


def find_round(ctx: AppContext, code_or_id: str) -> RoundSummary:
    """A round by its code (as users type it) or its id."""
    ctx.require()
    with ctx.reading() as session:
        rid = session.scalar(
            select(Round.id).where(
                (Round.code == code_or_id.strip()) | (Round.id == code_or_id.strip()), Round.deleted.is_(False)
            )
        )
    if rid is None:
        raise NotFound(f"There is no round {code_or_id}.")
    return get_round(ctx, rid)


def get_round(ctx: AppContext, round_id: str) -> RoundSummary:
    ctx.require()
    with ctx.reading() as session:
        r = session.get(Round, round_id)
        if r is None or r.deleted:
            raise NotFound("The round does not exist.")
        m = session.scalar(
            select(func.count()).select_from(ManifestLine).where(
                ManifestLine.round_id == round_id, ManifestLine.deleted.is_(False)
            )
        )
        n = session.scalar(
            select(func.count()).select_from(Case).where(Case.round_id == round_id, Case.deleted.is_(False))
        )
        return _summary(session, r, m or 0, n or 0)


def _clean_unit(data: TransportUnitData) -> TransportUnitData:
    data.label = data.label.strip()
    data.seal_numbers = data.seal_numbers.strip()
    if not data.label:
        raise ValidationError("Enter the transport unit's plate or ID.", {"label": "required"})
    if data.declared_bags is not None and data.declared_bags < 0:
        raise ValidationError("The declared bag count cannot be negative.", {"declared_bags": "negative"})
    return data


def _unit_summary(u: TransportUnit, counted: int) -> TransportUnitSummary:
    return TransportUnitSummary(
        u.id, u.rev, u.round_id, u.label, u.description, u.seal_numbers, u.seal_intact, u.declared_bags,
        u.notes, counted,
    )


def add_transport_unit(ctx: AppContext, round_id: str, data: TransportUnitData) -> TransportUnitSummary:
    ctx.require(*CAN_MANAGE_ROUNDS)
    data = _clean_unit(data)
    with ctx.unit_of_work() as session:
        if session.get(Round, round_id) is None:
            raise NotFound("The round does not exist.")
        clash = session.scalar(
            select(TransportUnit.id).where(
                TransportUnit.round_id == round_id,
                TransportUnit.label == data.label,
                TransportUnit.deleted.is_(False),
            )
        )
        if clash:
            raise ValidationError(f"This round already has a transport unit {data.label}.", {"label": "taken"})
        u = TransportUnit(round_id=round_id, **{f.name: getattr(data, f.name) for f in fields(data)})
        session.add(u)
        session.flush()
        return _unit_summary(u, 0)


def update_transport_unit(
    ctx: AppContext, unit_id: str, expected_rev: int, data: TransportUnitData
) -> TransportUnitSummary:
    ctx.require(*CAN_MANAGE_ROUNDS)
    data = _clean_unit(data)
    with ctx.unit_of_work() as session:
        u = session.get(TransportUnit, unit_id)
        if u is None or u.deleted:
            raise NotFound("The transport unit no longer exists.")
        if u.rev != expected_rev:
            raise StaleEdit("Someone else changed this transport unit after you opened it; reopen it.")
        for f in fields(data):
            setattr(u, f.name, getattr(data, f.name))
        session.flush()
        counted = session.scalar(
            select(func.count()).select_from(Case).where(Case.transport_unit_id == unit_id, Case.deleted.is_(False))
        )
        return _unit_summary(u, counted or 0)


def list_transport_units(ctx: AppContext, round_id: str) -> list[TransportUnitSummary]:
    ctx.require()
    with ctx.reading() as session:
        counted = (
            select(Case.transport_unit_id, func.count().label("n"))
            .where(Case.deleted.is_(False), Case.round_id == round_id)
            .group_by(Case.transport_unit_id)
            .subquery()
        )
        rows = session.execute(
            select(TransportUnit, func.coalesce(counted.c.n, 0))
            .outerjoin(counted, counted.c.transport_unit_id == TransportUnit.id)
            .where(TransportUnit.round_id == round_id, TransportUnit.deleted.is_(False))
            .order_by(TransportUnit.label)
        ).all()
        return [_unit_summary(u, n) for u, n in rows]
