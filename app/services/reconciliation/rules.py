"""The rules of the discrepancy figures in SQL: the records behind each one (its *subjects*,
``_subjects``), which of them are explained, the custody-chain gaps as conditions, what makes a
case ``sampled`` (``_has_sample``), and the merge conflicts and probable duplicates (app.sync) a
round has open, counted live. The figures, the drill-down and the discrepancy list all read the
records through these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, aliased

from app.domain import CaseStatus, Category, CustodyEventType, DiscrepancyKind
from app.persistence.models import Case, CustodyEvent, Discrepancy, ManifestLine, Round, Sample, TransportUnit
from app.services.reconciliation.round_figures import KINDS, KindDef, RoundFigures, RoundRef

# --- the SQL -----------------------------------------------------------------------------------------


def _live_case() -> ColumnElement[bool]:
    return Case.deleted.is_(False)


def _live_in_lookup(deleted: Any) -> ColumnElement[bool]:
    """"Not a tombstone" inside a lookup by (round, tag): written as ``IS NOT true`` so that
    SQLite's planner looks the tag up in the (round, tag) index instead of scanning the round
    through the (round, deleted) index, which it would otherwise rate as good."""
    condition: ColumnElement[bool] = deleted.is_not(True)
    return condition


def _has_sample() -> ColumnElement[bool]:
    """The case has at least one sample taken for identification that was not withdrawn (a
    sample recorded in error is withdrawn as a tombstone, ``app.services.forensics``)."""
    condition: ColumnElement[bool] = exists().where(Sample.case_id == Case.id, Sample.deleted.is_(False))
    return condition


def _has_event(*types: str) -> Any:
    return exists().where(CustodyEvent.case_id == Case.id, CustodyEvent.event_type.in_(types),
                          CustodyEvent.deleted.is_(False))


def _subjects(key: str, ids: Sequence[str]) -> Select[Any]:
    """(round_id, subject) of every discrepancy of figure ``key`` in rounds ``ids``."""
    if key == "declared_not_received":
        received = exists().where(
            Case.round_id == ManifestLine.round_id, Case.sender_tag_norm == ManifestLine.sender_tag_norm,
            Case.sender_tag_norm != "", _live_in_lookup(Case.deleted),
        )
        return select(ManifestLine.round_id.label("round_id"), ManifestLine.id.label("subject")).where(
            ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids), ~received
        )
    if key == "received_not_declared":
        declared = exists().where(
            ManifestLine.round_id == Case.round_id, ManifestLine.sender_tag_norm == Case.sender_tag_norm,
            _live_in_lookup(ManifestLine.deleted),
        )
        return _case_subjects(ids, or_(Case.sender_tag_norm == "", ~declared))
    if key == "duplicate_tags":
        earlier = aliased(Case)
        before = exists().where(
            earlier.round_id == Case.round_id, earlier.sender_tag_norm == Case.sender_tag_norm,
            _live_in_lookup(earlier.deleted),
            or_(earlier.received_at < Case.received_at,
                and_(earlier.received_at == Case.received_at, earlier.case_number < Case.case_number)),
        )
        return _case_subjects(ids, and_(Case.sender_tag_norm != "", before))
    if key == "bag_count_mismatch":
        counted = _unit_counts(ids)
        return (
            select(TransportUnit.round_id.label("round_id"), TransportUnit.id.label("subject"))
            .outerjoin(counted, and_(counted.c.unit_id == TransportUnit.id, counted.c.round_id == TransportUnit.round_id))
            .where(
                TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids),
                TransportUnit.declared_bags.is_not(None),
                TransportUnit.declared_bags != func.coalesce(counted.c.n, 0),
            )
        )
    if key == "broken_seals":
        return select(TransportUnit.round_id.label("round_id"), TransportUnit.id.label("subject")).where(
            TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids), TransportUnit.seal_intact.is_(False)
        )
    if key == "commingled":
        return _case_subjects(ids, Case.category == Category.COMMINGLED.value)
    if key == "identity_disputed":
        return _case_subjects(ids, Case.identity_disputed.is_(True))
    if key == "custody_gaps":
        return _case_subjects(ids, _custody_gap())
    raise ValueError(f"no subject query for {key}")


def _case_subjects(ids: Sequence[str], condition: ColumnElement[bool]) -> Select[Any]:
    return select(Case.round_id.label("round_id"), Case.id.label("subject")).where(
        _live_case(), Case.round_id.in_(ids), condition
    )


def _unit_counts(ids: Sequence[str]) -> Any:
    """Live cases per (round, transport unit): a unit counts the cases of its own round."""
    return (
        select(Case.round_id.label("round_id"), Case.transport_unit_id.label("unit_id"), func.count().label("n"))
        .where(_live_case(), Case.round_id.in_(ids), Case.transport_unit_id.is_not(None))
        .group_by(Case.round_id, Case.transport_unit_id)
        .subquery()
    )


def _examined_status() -> ColumnElement[bool]:
    return or_(
        Case.status.in_((CaseStatus.EXAMINED.value, CaseStatus.IDENTIFIED.value)),
        Case.examination_status == "completed",
    )


def _gap_conditions() -> dict[str, ColumnElement[bool]]:
    released, returned = CaseStatus.RELEASED.value, CaseStatus.RETURNED.value
    return {
        "no_received_event": ~_has_event(CustodyEventType.RECEIVED.value),
        "no_examined_event": and_(_examined_status(), ~_has_event(CustodyEventType.EXAMINED.value)),
        "no_released_event": and_(Case.status == released, ~_has_event(CustodyEventType.RELEASED.value)),
        "no_returned_event": and_(Case.status == returned, ~_has_event(CustodyEventType.RETURNED.value)),
        "event_without_status": and_(
            Case.status.not_in((released, returned)),
            _has_event(CustodyEventType.RELEASED.value, CustodyEventType.RETURNED.value),
        ),
    }


def _custody_gap() -> ColumnElement[bool]:
    return or_(*_gap_conditions().values())


def _subject_column(subject: str) -> Any:
    return {
        "case": Discrepancy.case_id,
        "manifest_line": Discrepancy.manifest_line_id,
        "transport_unit": Discrepancy.transport_unit_id,
    }[subject]


def _explained_keys(kind: KindDef, ids: Sequence[str]) -> Any:
    return (
        select(Discrepancy.round_id.label("rid"), _subject_column(kind.subject).label("sid"))
        .where(
            Discrepancy.kind == kind.kind, Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
            Discrepancy.round_id.in_(ids),
        )
        .distinct()
        .subquery()
    )


def _count_with_explained(session: Session, key: str, ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """round_id -> (discrepancies, of which explained) for figure ``key``."""
    kind = KINDS[key]
    subjects = _subjects(key, ids).subquery()
    explained = _explained_keys(kind, ids)
    rows = session.execute(
        select(subjects.c.round_id, func.count(), func.count(explained.c.sid))
        .select_from(
            subjects.outerjoin(
                explained, and_(explained.c.rid == subjects.c.round_id, explained.c.sid == subjects.c.subject)
            )
        )
        .group_by(subjects.c.round_id)
    ).all()
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


def _round_level_explained(session: Session, ids: Sequence[str]) -> set[str]:
    """Rounds whose declared-total mismatch is explained (a count-mismatch row with no subject)."""
    return set(
        session.scalars(
            select(Discrepancy.round_id).where(
                Discrepancy.kind == DiscrepancyKind.COUNT_MISMATCH.value, Discrepancy.deleted.is_(False),
                Discrepancy.explanation != "", Discrepancy.round_id.in_(ids), Discrepancy.case_id.is_(None),
                Discrepancy.transport_unit_id.is_(None), Discrepancy.manifest_line_id.is_(None),
            )
        )
    )


# --- live figures: merge conflicts and probable duplicates (app.sync) ------------------------------


def _sync_models() -> tuple[Any, Any]:
    """The Conflict and ProbableDuplicate models, when this build has them."""
    from app.persistence import models

    return getattr(models, "Conflict", None), getattr(models, "ProbableDuplicate", None)


def _conflict_rounds(session: Session, ids: Sequence[str], *, rows: bool = False) -> Any:
    """Open conflicts per round (or, with ``rows``, the conflicts themselves)."""
    conflict, _dup = _sync_models()
    if conflict is None:
        return [] if rows else {}
    from app.persistence.models import TABLE_TO_MODEL

    parts: list[Select[Any]] = []
    for table, model in TABLE_TO_MODEL.items():
        columns = model.__table__.c  # type: ignore[attr-defined]
        if table == "rounds":
            round_col = columns.id
        elif "round_id" in columns:
            round_col = columns.round_id
        elif "case_id" in columns:
            round_col = Case.round_id
        else:
            continue
        stmt = (
            select(conflict.id, conflict.table_name, conflict.row_id, conflict.field, round_col.label("round_id"))
            .select_from(conflict)
            .join(model, columns.id == conflict.row_id)
        )
        if round_col is Case.round_id:
            stmt = stmt.join(Case, Case.id == columns.case_id)
        parts.append(stmt.where(conflict.status == "open", conflict.table_name == table, round_col.in_(ids)))
    result: list[Any] = []
    for part in parts:
        result += session.execute(part).all()
    if rows:
        return result
    counts: dict[str, int] = {}
    for r in result:
        counts[r.round_id] = counts.get(r.round_id, 0) + 1
    return counts


def _duplicate_rounds(session: Session, ids: Sequence[str], *, rows: bool = False) -> Any:
    """Open probable duplicates per round: cases by their scope (the round), rounds by the first."""
    _conflict, dup = _sync_models()
    if dup is None:
        return [] if rows else {}
    round_of = func.coalesce(dup.scope_id, sql_case((dup.table_name == "rounds", dup.row_a), else_=None))
    stmt = select(dup.id, dup.table_name, dup.row_a, dup.row_b, dup.reasons, round_of.label("round_id")).where(
        dup.status == "open", round_of.in_(ids)
    )
    result = session.execute(stmt).all()
    if rows:
        return result
    counts: dict[str, int] = {}
    for r in result:
        counts[r.round_id] = counts.get(r.round_id, 0) + 1
    return counts


def _add_live(session: Session, figures: dict[str, RoundFigures]) -> None:
    ids = list(figures)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for key, counts in (("open_conflicts", _conflict_rounds(session, chunk)),
                            ("probable_duplicates", _duplicate_rounds(session, chunk))):
            for rid in chunk:
                n = counts.get(rid, 0)
                figures[rid].values[key] = n
                figures[rid].unexplained[key] = n


# --- records read by the drill-down and the discrepancy list -------------------------------------


def _unit_rows(session: Session, ids: Sequence[str], key: str) -> list[Any]:
    counted = _unit_counts(ids)
    sub = _subjects(key, ids)
    return list(session.execute(
        select(TransportUnit.id, TransportUnit.round_id, Round.code.label("round_code"), TransportUnit.label,
               TransportUnit.declared_bags, func.coalesce(counted.c.n, 0).label("counted"),
               TransportUnit.seal_numbers)
        .join(Round, Round.id == TransportUnit.round_id)
        .outerjoin(counted, and_(counted.c.unit_id == TransportUnit.id, counted.c.round_id == TransportUnit.round_id))
        .where(TransportUnit.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
        .order_by(Round.round_date, Round.code, TransportUnit.label)
    ).all())


def _total_mismatches(session: Session, refs: Sequence[RoundRef]) -> list[tuple[RoundRef, int]]:
    """Rounds whose declared total differs from the cases received, with the number received."""
    ids = [r.id for r in refs if r.declared_total is not None]
    if not ids:
        return []
    received = dict(session.execute(
        select(Case.round_id, func.count()).where(_live_case(), Case.round_id.in_(ids)).group_by(Case.round_id)
    ).tuples().all())
    return [
        (r, int(received.get(r.id, 0))) for r in refs
        if r.declared_total is not None and r.declared_total != received.get(r.id, 0)
    ]
