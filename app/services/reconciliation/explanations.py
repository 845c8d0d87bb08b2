"""The discrepancies of rounds and their explanations: every discrepancy with its explanation
(``list_discrepancies``), and explaining or resolving them (``explain``).

Explanations
------------
Derived discrepancies are not stored; their explanations are. A ``Discrepancy`` row keyed by
(round, kind, subject) carries the explanation (text, who, when) and ``resolved``. Intake already
writes such rows (unexplained) for off-list tags, duplicate tags and commingled remains; the
first explanation of any other subject creates one. Explaining again updates the same row(s), so
explaining is idempotent, and the rows are ordinary synced rows: they are versioned and travel
in bundles. A discrepancy is *explained* when some row of its key has a non-empty explanation.
The unexplained count of a round also includes its open merge conflicts and undecided probable
duplicates, which are settled in the merge view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain import Role
from app.errors import NotFound, ValidationError
from app.persistence.models import Case, Discrepancy, ManifestLine, Round, TransportUnit, User
from app.persistence.versioning import utcnow
from app.services.cases.void import VOIDED_CASE
from app.services.context import AppContext
from app.services.forensics.identity import identity_differences
from app.services.reconciliation.counting import _rounds, _snapshot
from app.services.reconciliation.round_figures import EXPLAINABLE, KINDS, LISTED_KEYS, LIVE_KEYS
from app.services.reconciliation.rules import (
    _conflict_rounds,
    _duplicate_rounds,
    _gap_conditions,
    _subjects,
    _total_mismatches,
    _unit_rows,
)

CAN_EXPLAIN = (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR)
CAN_RESOLVE = (Role.SUPERVISOR,)
MAX_EXPLANATION = 5000


@dataclass(frozen=True)
class SubjectRef:
    """What an explanation is attached to: a discrepancy of ``figure`` in a round."""

    round_id: str
    figure: str
    subject_id: str | None  # None for declared_total_mismatch

    @property
    def kind(self) -> str:
        return KINDS[self.figure].kind


@dataclass(frozen=True)
class DiscrepancyItem:
    ref: SubjectRef
    round_code: str
    kind: str
    subject_type: str
    case_id: str | None
    number: str  # case number, manifest line number, unit label, round code, table name
    tag: str
    name: str
    declared: int | None
    counted: int | None
    reasons: tuple[str, ...]  # custody rules broken, identity parts disputed
    detail: str
    explanation: str
    explained_by: str
    explained_at: datetime | None
    resolved: bool

    @property
    def explained(self) -> bool:
        return bool(self.explanation)

    @property
    def explainable(self) -> bool:
        return self.ref.figure in EXPLAINABLE


def _explanations(session: Session, ids: Sequence[str]) -> dict[tuple[str, str, str | None], tuple[Any, str]]:
    """(round, kind, subject) -> (row, explainer's name): the row that speaks for the key — the
    most recently explained one, else the oldest. ``explain`` keeps every row of a key alike;
    rows made on two laptops for one key may differ until someone explains it again."""
    rows = session.execute(
        select(Discrepancy, User.full_name, User.username)
        .outerjoin(User, User.id == Discrepancy.explained_by)
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False))
        .order_by(Discrepancy.created_at, Discrepancy.id)
    ).all()
    best: dict[tuple[str, str, str | None], tuple[Any, str]] = {}

    def rank(d: Discrepancy) -> tuple[bool, datetime]:
        return bool(d.explanation), d.explained_at or datetime.min

    for d, full_name, username in rows:
        key = (d.round_id, d.kind, d.case_id or d.manifest_line_id or d.transport_unit_id)
        current = best.get(key)
        if current is None or rank(d) > rank(current[0]):
            best[key] = (d, full_name or username or "")
    return best


def list_discrepancies(
    ctx: AppContext, round_ids: Sequence[str], *, unexplained_only: bool = False, limit: int | None = None
) -> list[DiscrepancyItem]:
    """Every discrepancy of ``round_ids`` with its explanation, grouped by round and kind."""
    ctx.require()
    ids = list(round_ids)
    if not ids:
        return []
    items: list[DiscrepancyItem] = []
    with ctx.reading() as session:
        _snapshot(session)
        refs = {r.id: r for r in _rounds(session, ids, None, None)}
        codes = {rid: r.code for rid, r in refs.items()}
        explained = _explanations(session, ids)

        def make(figure: str, rid: str, subject: str | None, subject_type: str, case_id: str | None, number: str,
                 tag: str = "", name: str = "", declared: int | None = None, counted: int | None = None,
                 reasons: tuple[str, ...] = (), detail: str = "") -> None:
            kind = KINDS[figure].kind
            entry = explained.get((rid, kind, subject))
            d, who = entry if entry else (None, "")
            item = DiscrepancyItem(
                SubjectRef(rid, figure, subject), codes.get(rid, ""), kind, subject_type, case_id, number, tag, name,
                declared, counted, reasons, detail or (d.detail if d is not None else ""),
                d.explanation if d is not None else "", who if d is not None and d.explanation else "",
                d.explained_at if d is not None else None, bool(d.resolved) if d is not None else False,
            )
            if not (unexplained_only and item.explained) or figure in LIVE_KEYS:
                items.append(item)

        for ref, received in _total_mismatches(session, list(refs.values())):
            make("declared_total_mismatch", ref.id, None, "round", None, ref.code,
                 declared=ref.declared_total, counted=received)
        for r in session.execute(_manifest_detail(ids)).all():
            make("declared_not_received", r.round_id, r.id, "manifest_line", None, str(r.line_no), r.sender_tag,
                 r.claimed_name)
        for figure in ("received_not_declared", "duplicate_tags", "commingled", "identity_disputed", "custody_gaps"):
            gap_flags = _gap_conditions() if figure == "custody_gaps" else {}
            cols: list[Any] = [Case.id, Case.round_id, Case.case_number, Case.sender_tag, Case.claimed_name,
                    Case.claimed_birth_date, Case.claimed_citizenship, Case.established_name,
                    Case.established_birth_date, Case.established_citizenship]
            cols += [cond.label(name) for name, cond in gap_flags.items()]
            sub = _subjects(figure, ids)
            stmt = (
                select(*cols)
                .join(Round, Round.id == Case.round_id)
                .where(Case.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
                .order_by(Round.round_date, Round.code, Case.case_number)
            )
            for r in session.execute(stmt).all():
                reasons: tuple[str, ...] = ()
                if figure == "custody_gaps":
                    reasons = tuple(name for name in gap_flags if getattr(r, name))
                elif figure == "identity_disputed":
                    reasons = tuple(identity_differences(r[4], r[5], r[6], r[7], r[8], r[9]))
                make(figure, r.round_id, r.id, "case", r.id, r.case_number, r.sender_tag, r.claimed_name,
                     reasons=reasons)
        for figure in ("bag_count_mismatch", "broken_seals"):
            for u in _unit_rows(session, ids, figure):
                make(figure, u.round_id, u.id, "transport_unit", None, u.label, declared=u.declared_bags,
                     counted=int(u.counted), detail=u.seal_numbers if figure == "broken_seals" else "")
        for v in session.execute(
            select(Discrepancy.round_id, Case.id, Case.case_number, Case.sender_tag, Case.claimed_name,
                   Discrepancy.detail)
            .join(Case, Case.id == Discrepancy.case_id)
            .where(Discrepancy.round_id.in_(ids), Discrepancy.kind == VOIDED_CASE, Discrepancy.deleted.is_(False),
                   Case.deleted.is_(True))
            .order_by(Case.case_number, Discrepancy.created_at)
        ).all():
            make("voided_cases", v.round_id, v.id, "case", v.id, v.case_number, v.sender_tag, v.claimed_name,
                 detail=v.detail)
        conflicts = _conflict_rounds(session, ids, rows=True)
        duplicates = _duplicate_rounds(session, ids, rows=True)
        numbers = _case_numbers(session, [c.row_id for c in conflicts if c.table_name == "cases"]
                                + [x for p in duplicates if p.table_name == "cases" for x in (p.row_a, p.row_b)])
        for c in conflicts:
            on_case = c.table_name == "cases"
            make("open_conflicts", c.round_id, c.id, "conflict", c.row_id if on_case else None,
                 numbers.get(c.row_id, c.table_name) if on_case else c.table_name, detail=c.field)
        for p in duplicates:
            on_cases = p.table_name == "cases"
            label = f"{numbers.get(p.row_a, p.row_a)} / {numbers.get(p.row_b, p.row_b)}" if on_cases else p.table_name
            make("probable_duplicates", p.round_id, p.id, "duplicate", p.row_a if on_cases else None, label,
                 detail=p.reasons)
    order = {k: i for i, k in enumerate(LISTED_KEYS)}
    round_order = {rid: i for i, rid in enumerate(ids)}
    items.sort(key=lambda it: (round_order.get(it.ref.round_id, 0), order[it.ref.figure]))
    return items[:limit] if limit is not None else items


def _case_numbers(session: Session, case_ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), 500):
        out.update(session.execute(
            select(Case.id, Case.case_number).where(Case.id.in_(ids[start : start + 500]))).tuples().all())
    return out


def _manifest_detail(ids: Sequence[str]) -> Select[Any]:
    sub = _subjects("declared_not_received", ids)
    return (
        select(ManifestLine.id, ManifestLine.round_id, ManifestLine.line_no, ManifestLine.sender_tag,
               ManifestLine.claimed_name)
        .where(ManifestLine.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
        .order_by(ManifestLine.round_id, ManifestLine.line_no)
    )


def _check_subject(session: Session, ref: SubjectRef) -> tuple[str | None, str | None, str | None]:
    """(case_id, manifest_line_id, transport_unit_id) of a subject, checked to exist in the round."""
    if ref.figure == "voided_cases":
        raise ValidationError("A voided case is explained by the reason it was voided.")
    if ref.figure not in EXPLAINABLE:
        raise ValidationError("Merge conflicts and probable duplicates are settled in the merge view.")
    subject = KINDS[ref.figure].subject
    rnd = session.get(Round, ref.round_id)
    if rnd is None or rnd.deleted:
        raise NotFound("The round does not exist.")
    if subject == "round":
        return None, None, None
    model: Any = {"case": Case, "manifest_line": ManifestLine, "transport_unit": TransportUnit}[subject]
    row = session.get(model, ref.subject_id) if ref.subject_id else None
    if row is None or row.round_id != ref.round_id:
        raise NotFound("The record of this discrepancy is not part of the round.")
    return (
        ref.subject_id if subject == "case" else None,
        ref.subject_id if subject == "manifest_line" else None,
        ref.subject_id if subject == "transport_unit" else None,
    )


def _rows_for(session: Session, ref: SubjectRef, keys: tuple[str | None, str | None, str | None]) -> list[Discrepancy]:
    case_id, line_id, unit_id = keys
    return list(
        session.scalars(
            select(Discrepancy)
            .where(
                Discrepancy.round_id == ref.round_id, Discrepancy.kind == ref.kind, Discrepancy.deleted.is_(False),
                Discrepancy.case_id.is_(None) if case_id is None else Discrepancy.case_id == case_id,
                Discrepancy.manifest_line_id.is_(None) if line_id is None else Discrepancy.manifest_line_id == line_id,
                Discrepancy.transport_unit_id.is_(None) if unit_id is None
                else Discrepancy.transport_unit_id == unit_id,
            )
            .order_by(Discrepancy.created_at, Discrepancy.id)
        )
    )


_DETAIL = {
    "declared_total_mismatch": "The declared total differs from the number of cases received.",
    "declared_not_received": "On the sending side's list but not received.",
    "bag_count_mismatch": "The number of bags counted differs from the number declared.",
    "broken_seals": "The seals of the transport unit were not intact.",
    "identity_disputed": "The established identity differs from the claimed identity.",
    "custody_gaps": "The custody chain has a gap.",
    "received_not_declared": "Received but not on the sending side's list.",
    "duplicate_tags": "The tag was already received in this round.",
    "commingled": "Commingled remains.",
}


def explain(
    ctx: AppContext, refs: Sequence[SubjectRef], explanation: str | None, *, resolved: bool | None = None
) -> int:
    """Explain (and/or mark resolved) each discrepancy of ``refs``, in one transaction.

    ``explanation`` None keeps each one's explanation (to resolve or reopen only). The same text
    given again changes nothing. Resolving needs an explanation. Returns how many rows changed.
    """
    user = ctx.require(*CAN_EXPLAIN)
    if resolved is not None:
        ctx.require(*CAN_RESOLVE)
    text_ = None if explanation is None else explanation.strip()
    if text_ is not None and not text_:
        raise ValidationError("Write the explanation first.", {"explanation": "required"})
    if text_ is not None and len(text_) > MAX_EXPLANATION:
        raise ValidationError(f"The explanation is longer than {MAX_EXPLANATION} characters.",
                              {"explanation": "long"})
    if not refs:
        raise ValidationError("Choose the discrepancies to explain.")
    changed = 0
    now = utcnow()
    with ctx.unit_of_work() as session:
        for ref in refs:
            keys = _check_subject(session, ref)
            rows = _rows_for(session, ref, keys)
            if not rows:
                if text_ is None:
                    raise ValidationError("Explain the discrepancy before marking it resolved.",
                                          {"explanation": "required"})
                rows = [Discrepancy(round_id=ref.round_id, kind=ref.kind, case_id=keys[0], manifest_line_id=keys[1],
                                    transport_unit_id=keys[2], detail=_DETAIL.get(ref.figure, ""))]
                session.add(rows[0])
            if resolved and text_ is None and not any(r.explanation for r in rows):
                raise ValidationError("Explain the discrepancy before marking it resolved.",
                                      {"explanation": "required"})
            for row in rows:
                before = (row.explanation, row.resolved)
                if text_ is not None and row.explanation != text_:
                    row.explanation, row.explained_by, row.explained_at = text_, user.id, now
                elif text_ is None and resolved and not row.explanation:
                    best = max((r for r in rows if r.explanation), key=lambda r: r.explained_at or datetime.min)
                    row.explanation, row.explained_by, row.explained_at = (
                        best.explanation, best.explained_by, best.explained_at)
                if resolved is not None:
                    row.resolved = resolved
                if (row.explanation, row.resolved) != before or row in session.new:
                    changed += 1
        session.flush()
    return changed
