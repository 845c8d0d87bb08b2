"""The records behind one figure (``figure_cases``): cases, manifest lines, transport units, the
round, merge conflicts or probable duplicates, by the same rules as the figure itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, literal, select
from sqlalchemy.orm import Session

from app.domain import CaseStatus, CertificateStatus
from app.errors import ValidationError
from app.persistence.models import Case, Certificate, CertificateCase, ManifestLine, Round
from app.persistence.models.keys import shown_key
from app.services.context import AppContext
from app.services.reconciliation.counting import _rounds
from app.services.reconciliation.round_figures import FIGURE_KEYS
from app.services.reconciliation.rules import (
    _conflict_rounds,
    _duplicate_rounds,
    _has_sample,
    _live_case,
    _subjects,
    _total_mismatches,
    _unit_rows,
)


@dataclass(frozen=True)
class DrillItem:
    """One record behind a figure: a case, a manifest line, a transport unit, a round, a merge
    conflict or a probable duplicate (``kind``)."""

    kind: str
    id: str
    round_id: str
    round_code: str
    case_id: str | None
    number: str  # case number, manifest line number, unit label, round code
    tag: str
    name: str  # claimed name (cases, manifest lines)
    status: str
    detail: str
    where: str = ""  # a case: when it was received, its bag, where it is kept


_CASE_FIGURES: dict[str, Callable[[], ColumnElement[bool]]] = {
    "received": lambda: literal(True),
    "examined": lambda: Case.examination_status == "completed",
    "sampled": _has_sample,
    "identified": lambda: Case.identified_on.is_not(None),
    "released": lambda: Case.status == CaseStatus.RELEASED.value,
    "returned": lambda: Case.status == CaseStatus.RETURNED.value,
}


def _case_items(session: Session, condition: ColumnElement[bool] | None, ids: Sequence[str],
                limit: int | None, subjects: Select[Any] | None = None) -> list[DrillItem]:
    stmt = (
        select(Case.id, Case.round_id, Round.code, shown_key(Case.__table__, "case_number"), Case.sender_tag,
               Case.claimed_name, Case.status, Case.established_name, Case.received_at, Case.bag_number,
               Case.storage_location)
        .join(Round, Round.id == Case.round_id)
        .where(_live_case(), Case.round_id.in_(ids))
    )
    if condition is not None:
        stmt = stmt.where(condition)
    if subjects is not None:
        stmt = stmt.where(Case.id.in_(subjects.with_only_columns(subjects.selected_columns.subject)))
    stmt = stmt.order_by(Round.round_date, Round.code, Case.case_number)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        DrillItem("case", r[0], r[1], r[2], r[0], r[3], r[4], r[5], r[6], r[7], _where_and_when(r[8], r[9], r[10]))
        for r in session.execute(stmt).all()
    ]


def _where_and_when(received_at: datetime | None, bag: str, storage: str) -> str:
    """What tells the case apart in a list when it has no established name yet: when it was
    received (local time), its bag and where it is kept."""
    when = received_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if received_at else ""
    return " \u00b7 ".join(part for part in (when, bag or "", storage or "") if part)


def figure_cases(
    ctx: AppContext, round_ids: Sequence[str], figure_key: str, *, limit: int | None = None
) -> list[DrillItem]:
    """The records behind one figure of ``round_ids`` (the same rules as the figure itself):
    cases for case figures, manifest lines for ``manifest_lines`` and ``declared_not_received``,
    transport units for the unit figures, the round for ``declared_total_mismatch``, conflicts
    and duplicate pairs for the merge figures. ``declared_total`` has none."""
    ctx.require()
    if figure_key not in FIGURE_KEYS:
        raise ValidationError(f"Unknown figure: {figure_key}.")
    ids = list(round_ids)
    if not ids:
        return []
    with ctx.reading() as session:
        if figure_key in _CASE_FIGURES:
            return _case_items(session, _CASE_FIGURES[figure_key](), ids, limit)
        if figure_key == "certified":
            issued = exists().where(
                CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
                Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
                Certificate.status == CertificateStatus.ISSUED.value,
            )
            return _case_items(session, issued, ids, limit)
        if figure_key == "declared_total":
            return []
        if figure_key in ("manifest_lines", "declared_not_received"):
            return _manifest_items(session, ids, figure_key, limit)
        if figure_key in ("bag_count_mismatch", "broken_seals"):
            return _unit_items(session, ids, figure_key)
        if figure_key == "declared_total_mismatch":
            return [
                DrillItem("round", ref.id, ref.id, ref.code, None, ref.code, "", "", "",
                          f"declared {ref.declared_total}, received {received}")
                for ref, received in _total_mismatches(session, _rounds(session, ids, None, None))
            ]
        if figure_key == "open_conflicts":
            codes = _codes(session, ids)
            return [
                DrillItem("conflict", r.id, r.round_id, codes.get(r.round_id, ""),
                          r.row_id if r.table_name == "cases" else None, r.table_name, "", "", "open", r.field)
                for r in _conflict_rounds(session, ids, rows=True)
            ]
        if figure_key == "probable_duplicates":
            codes = _codes(session, ids)
            return [
                DrillItem("duplicate", r.id, r.round_id, codes.get(r.round_id, ""),
                          r.row_a if r.table_name == "cases" else None, r.table_name, "", "", "open", r.reasons)
                for r in _duplicate_rounds(session, ids, rows=True)
            ]
        return _case_items(session, None, ids, limit, subjects=_subjects(figure_key, ids))


def _codes(session: Session, ids: Sequence[str]) -> dict[str, str]:
    return {rid: code for rid, code in session.execute(select(Round.id, Round.code).where(Round.id.in_(ids))).all()}


def _manifest_items(session: Session, ids: Sequence[str], key: str, limit: int | None) -> list[DrillItem]:
    stmt = (
        select(ManifestLine.id, ManifestLine.round_id, Round.code, ManifestLine.line_no, ManifestLine.sender_tag,
               ManifestLine.claimed_name, ManifestLine.claimed_citizenship)
        .join(Round, Round.id == ManifestLine.round_id)
        .where(ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids))
        .order_by(Round.round_date, Round.code, ManifestLine.line_no)
    )
    if key == "declared_not_received":
        sub = _subjects(key, ids)
        stmt = stmt.where(ManifestLine.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        DrillItem("manifest_line", r[0], r[1], r[2], None, str(r[3]), r[4], r[5], "", r[6])
        for r in session.execute(stmt).all()
    ]


def _unit_detail(key: str, row: Any) -> str:
    if key == "bag_count_mismatch":
        return f"declared {row.declared_bags}, counted {row.counted}"
    return f"seals {row.seal_numbers} not intact" if row.seal_numbers else "seals not intact"


def _unit_items(session: Session, ids: Sequence[str], key: str) -> list[DrillItem]:
    return [
        DrillItem("transport_unit", r.id, r.round_id, r.round_code, None, r.label, "", "", "", _unit_detail(key, r))
        for r in _unit_rows(session, ids, key)
    ]
