"""Counting the figures of rounds, without the cache: from their facts (``_compute``) or from the
records themselves (``_compute_direct``); the live rounds chosen (``_rounds``) and the snapshot
the figures are read in.

Speed
-----
The records are not read figure by figure: ``app.services.reconciliation.facts`` keeps, for each
live case and manifest line, what the figures' rules make of it (status, forensic steps, custody
events, certificates, tag matches, as bits) and, for each round, its cases counted by those
facts, by transport unit and by day. Database triggers queue every change to the records those
facts come from, whoever writes it; the queue is worked off at the end of a big write (a merge)
and in any case before the figures are read. A round's figures are then read from a few hundred
rows: the figures of a million cases cost a fraction of a second even the first time.
``_compute_direct`` counts from the records themselves, with the SQL that also lists the records
behind a figure; it serves the rounds whose queued changes a reader's snapshot still holds, and
a database without the triggers. The drill-down lists, the discrepancy list and the reports'
details always read the records.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from app.domain import CaseStatus, CertificateStatus, CustodyEventType
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    CustodyEvent,
    Discrepancy,
    ManifestLine,
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationRound,
    Round,
    TransportUnit,
)
from app.services.reconciliation import facts as facts
from app.services.reconciliation.round_figures import (
    DISCREPANCY_KEYS,
    EXPLAINABLE,
    FIGURE_KEYS,
    KINDS,
    RoundFigures,
    RoundRef,
)
from app.services.reconciliation.rules import (
    _count_with_explained,
    _has_sample,
    _live_case,
    _round_level_explained,
)


def _rounds(session: Session, round_ids: Sequence[str] | None, date_from: date | None,
            date_to: date | None) -> list[RoundRef]:
    stmt = select(Round.id, Round.code, Round.round_date, Round.declared_total).where(Round.deleted.is_(False))
    if round_ids is not None:
        stmt = stmt.where(Round.id.in_(list(round_ids)))
    if date_from is not None:
        stmt = stmt.where(Round.round_date >= date_from)
    if date_to is not None:
        stmt = stmt.where(Round.round_date <= date_to)
    return [RoundRef(*r) for r in session.execute(stmt.order_by(Round.round_date, Round.code)).all()]


def _snapshot(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


# --- figures from the records ---------------------------------------------------------------------


def _day(value: Any) -> str:
    return str(value)[:10]


def _empty(rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    zero = dict.fromkeys(FIGURE_KEYS, 0)
    return {
        r.id: RoundFigures(
            r.id, r.code, r.round_date, r.declared_total is not None,
            {**zero, "declared_total": r.declared_total or 0}, dict.fromkeys(DISCREPANCY_KEYS, 0),
        )
        for r in rounds
    }


def _declared_total_mismatch(session: Session, rounds: Sequence[RoundRef], out: dict[str, RoundFigures]) -> None:
    explained_totals = _round_level_explained(session, [r.id for r in rounds])
    for r in rounds:
        fig = out[r.id]
        if r.declared_total is not None and r.declared_total != fig.values["received"]:
            fig.values["declared_total_mismatch"] = 1
            fig.unexplained["declared_total_mismatch"] = 0 if r.id in explained_totals else 1


def _sampled(session: Session, ids: Sequence[str], out: dict[str, RoundFigures]) -> None:
    """``sampled``: the live cases of each round with at least one live sample (``_has_sample``)."""
    for rid, n in session.execute(
        select(Case.round_id, func.count())
        .where(_live_case(), Case.round_id.in_(list(ids)), _has_sample())
        .group_by(Case.round_id)
    ).tuples():
        out[rid].values["sampled"] = int(n)


def _compute_direct(session: Session, rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    """Figures of ``rounds`` from the records themselves (without the live conflict and
    duplicate counts): several look-ups per case, so only for the few rounds whose facts are
    behind (``reconciliation_facts.pending_rounds``) or when the facts cannot be trusted."""
    ids = [r.id for r in rounds]
    out = _empty(rounds)

    def put(key: str, pairs: Iterable[Any]) -> None:
        for rid, n in pairs:
            out[rid].values[key] = int(n or 0)

    put("manifest_lines", session.execute(
        select(ManifestLine.round_id, func.count())
        .where(ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids))
        .group_by(ManifestLine.round_id)
    ).all())

    def flag(condition: ColumnElement[bool]) -> Any:
        return func.sum(sql_case((condition, 1), else_=0))

    core = session.execute(
        select(
            Case.round_id,
            func.count(),
            flag(Case.examination_status == "completed"),
            flag(Case.identified_on.is_not(None)),
            flag(Case.status == CaseStatus.RELEASED.value),
            flag(Case.status == CaseStatus.RETURNED.value),
        )
        .where(_live_case(), Case.round_id.in_(ids))
        .group_by(Case.round_id)
    ).all()
    for rid, *numbers in core:
        for key, n in zip(("received", "examined", "identified", "released", "returned"), numbers, strict=True):
            out[rid].values[key] = int(n or 0)

    issued = exists().where(
        CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
        Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
        Certificate.status == CertificateStatus.ISSUED.value,
    )
    put("certified", session.execute(
        select(Case.round_id, func.count()).where(_live_case(), Case.round_id.in_(ids), issued).group_by(Case.round_id)
    ).all())
    _sampled(session, ids, out)

    for key in EXPLAINABLE:
        if key == "declared_total_mismatch":
            continue
        for rid, (n, explained) in _count_with_explained(session, key, ids).items():
            out[rid].values[key] = n
            out[rid].unexplained[key] = n - explained
    _declared_total_mismatch(session, rounds, out)
    _timeline(session, ids, out)
    return out


def _timeline(session: Session, ids: Sequence[str], out: dict[str, RoundFigures]) -> None:
    def add(index: int, rows: Iterable[Any]) -> None:
        for rid, day, n in rows:
            if day is None:
                continue
            slot = out[rid].timeline.setdefault(_day(day), [0, 0, 0, 0])
            slot[index] += int(n)

    received_day = func.date(Case.received_at)
    add(0, session.execute(
        select(Case.round_id, received_day, func.count())
        .where(_live_case(), Case.round_id.in_(ids)).group_by(Case.round_id, received_day)
    ).all())
    examined_day = func.date(Case.examined_at)
    add(1, session.execute(
        select(Case.round_id, examined_day, func.count())
        .where(_live_case(), Case.round_id.in_(ids), Case.examination_status == "completed")
        .group_by(Case.round_id, examined_day)
    ).all())
    add(2, session.execute(
        select(Case.round_id, Case.identified_on, func.count())
        .where(_live_case(), Case.round_id.in_(ids), Case.identified_on.is_not(None))
        .group_by(Case.round_id, Case.identified_on)
    ).all())
    first_release = (
        select(Case.round_id.label("round_id"), func.min(CustodyEvent.occurred_at).label("at"))
        .join(CustodyEvent, and_(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False),
                                 CustodyEvent.event_type == CustodyEventType.RELEASED.value))
        .where(_live_case(), Case.round_id.in_(ids), Case.status == CaseStatus.RELEASED.value)
        .group_by(Case.id, Case.round_id)
        .subquery()
    )
    released_day = func.date(first_release.c.at)
    add(3, session.execute(
        select(first_release.c.round_id, released_day, func.count()).group_by(first_release.c.round_id, released_day)
    ).all())
    for fig in out.values():
        fig.timeline = dict(sorted(fig.timeline.items()))


# --- figures from the facts (app.services.reconciliation.facts) ----------------------------------

# figure -> Discrepancy.kind of the case figures an explanation can be attached to
_CASE_SUBJECT_FIGURES = ("received_not_declared", "duplicate_tags", "commingled", "identity_disputed", "custody_gaps")


def _compute(session: Session, rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    """Figures of ``rounds`` from their facts (without the live conflict and duplicate counts):
    the rounds' counts (a few hundred rows each), their transport units, and the explained
    subjects checked against the facts of their case or line."""
    ids = [r.id for r in rounds]
    out = _empty(rounds)
    if not ids:
        return out
    RC, RL, RN = ReconciliationCase, ReconciliationLine, ReconciliationCount  # noqa: N806
    rules = functools.lru_cache(maxsize=None)(facts.figure_keys)
    for rid, flags, n in session.execute(
        select(RN.round_id, RN.flags, func.sum(RN.cases)).where(RN.round_id.in_(ids)).group_by(RN.round_id, RN.flags)
    ).tuples():
        values = out[rid].values
        for key in rules(flags):
            values[key] += int(n)
    counted: dict[tuple[str, str], int] = {
        (rid, uid): int(n) for rid, uid, n in session.execute(
            select(RN.round_id, RN.unit_id, func.sum(RN.cases))
            .where(RN.round_id.in_(ids), RN.unit_id != "").group_by(RN.round_id, RN.unit_id)
        ).tuples()
    }
    for rid, lines, not_received in session.execute(
        select(ReconciliationRound.round_id, ReconciliationRound.manifest_lines, ReconciliationRound.lines_not_received)
        .where(ReconciliationRound.round_id.in_(ids))
    ).tuples():
        out[rid].values["manifest_lines"] = lines
        out[rid].values["declared_not_received"] = not_received

    # transport units: few per round, read as they are
    unit_subjects: dict[str, set[tuple[str, str]]] = {"bag_count_mismatch": set(), "broken_seals": set()}
    for uid, rid, declared_bags, seal_intact in session.execute(
        select(TransportUnit.id, TransportUnit.round_id, TransportUnit.declared_bags, TransportUnit.seal_intact)
        .where(TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids))
    ).tuples():
        if declared_bags is not None and declared_bags != counted.get((rid, uid), 0):
            unit_subjects["bag_count_mismatch"].add((rid, uid))
        if seal_intact is False:
            unit_subjects["broken_seals"].add((rid, uid))
    for key, subjects in unit_subjects.items():
        for rid, _uid in subjects:
            out[rid].values[key] += 1

    # explained discrepancies: of the explained subjects, those that are discrepancies now
    explained: dict[str, dict[str, int]] = {rid: dict.fromkeys(DISCREPANCY_KEYS, 0) for rid in ids}
    figure_of = {KINDS[f].kind: f for f in _CASE_SUBJECT_FIGURES}
    for rid, kind, _cid, flags in session.execute(
        select(Discrepancy.round_id, Discrepancy.kind, Discrepancy.case_id, RC.flags)
        .join(RC, and_(RC.case_id == Discrepancy.case_id, RC.round_id == Discrepancy.round_id))
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind.in_(list(figure_of)))
        .distinct()
    ).tuples():
        figure = figure_of[kind]
        if figure in rules(flags):
            explained[rid][figure] += 1
    explained_lines = session.execute(
        select(Discrepancy.round_id, func.count(Discrepancy.manifest_line_id.distinct()))
        .join(RL, and_(RL.line_id == Discrepancy.manifest_line_id, RL.round_id == Discrepancy.round_id))
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind == KINDS["declared_not_received"].kind, RL.received.is_(False))
        .group_by(Discrepancy.round_id)
    ).tuples()
    for rid, n in explained_lines:
        explained[rid]["declared_not_received"] = int(n)
    unit_figure_of = {KINDS[f].kind: f for f in unit_subjects}
    for rid, kind, unit in session.execute(
        select(Discrepancy.round_id, Discrepancy.kind, Discrepancy.transport_unit_id)
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind.in_(list(unit_figure_of)), Discrepancy.transport_unit_id.is_not(None))
        .distinct()
    ).tuples():
        figure = unit_figure_of[kind]
        if (rid, unit) in unit_subjects[figure]:
            explained[rid][figure] += 1
    for rid in ids:
        fig = out[rid]
        for key in EXPLAINABLE:
            fig.unexplained[key] = fig.values[key] - explained[rid][key]
    _declared_total_mismatch(session, rounds, out)

    for rid, step, day, n in session.execute(
        select(ReconciliationDay.round_id, ReconciliationDay.step, ReconciliationDay.day, ReconciliationDay.cases)
        .where(ReconciliationDay.round_id.in_(ids))
    ).tuples():
        slot = out[rid].timeline.setdefault(facts.day_of(day).isoformat(), [0, 0, 0, 0])
        slot[step] += n
    for fig in out.values():
        fig.timeline = dict(sorted(fig.timeline.items()))
    return out
