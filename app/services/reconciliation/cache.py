"""The figures of rounds as everyone reads them (``figures``, ``unexplained_counts``), served from
the cache and recomputed only for the rounds changed since; the repairs (``recompute_all``,
``rebuild_facts``).

A round's figures are cached (``reconciliation_cache``, local), on top of the facts, with the
newest row-version seq they include and the round's facts mark. Every change to a synced row
appends a row version, so a refresh reads the versions written since, maps each to its round,
and recomputes only the rounds they touch (or whose mark moved). On SQLite writers are
serialised, so versions appear in seq order. On PostgreSQL a transaction may commit a lower seq
after a higher one is visible; a refresh runs in one REPEATABLE READ snapshot and, when other
writers were in flight, remembers the seqs it could not see yet ("gaps") and looks at them again
later. Open conflicts and probable duplicates are counted live. Reports always compute afresh.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.errors import DatabaseError, NotFound, ValidationError
from app.persistence.models import Case, LocalSetting, ReconciliationCache, RowVersion
from app.persistence.versioning import utcnow
from app.progress import CancelToken
from app.services.context import AppContext
from app.services.reconciliation import fact_queue
from app.services.reconciliation.counting import _compute, _compute_direct, _rounds, _snapshot
from app.services.reconciliation.round_figures import (
    CACHE_FORMAT,
    DISCREPANCY_KEYS,
    FIGURE_KEYS,
    Progress,
    RoundFigures,
    RoundRef,
)
from app.services.reconciliation.rules import _add_live

log = logging.getLogger(__name__)

DELTA_LIMIT = 50_000  # more new versions than this since the cache: recompute every round
GAP_TTL = timedelta(hours=2)
GAPS_SETTING = "reconciliation.gaps"
ROUND_CHUNK = 10  # rounds computed per batch of queries from the records
FACTS_CHUNK = 500  # rounds computed per batch of queries from their facts

# Tables whose rows carry round_id / case_id: how a row version maps to a round.
_ROUND_TABLES = frozenset({"cases", "manifest_lines", "transport_units", "discrepancies", "certificates"})
_CASE_TABLES = frozenset({"custody_events", "certificate_cases", "samples", "releases"})


# --- the cache --------------------------------------------------------------------------------------


def _from_json(ref: RoundRef, data: dict[str, Any]) -> RoundFigures:
    values = {k: int(data["values"].get(k, 0)) for k in FIGURE_KEYS}
    return RoundFigures(
        ref.id, ref.code, ref.round_date, bool(data.get("declared_known")), values,
        {k: int(data["unexplained"].get(k, 0)) for k in DISCREPANCY_KEYS},
        {d: list(c) for d, c in data.get("timeline", {}).items()},
    )


def _load_gaps(session: Session) -> list[list[Any]]:
    text_ = session.scalar(select(LocalSetting.value).where(LocalSetting.key == GAPS_SETTING))
    try:
        gaps = json.loads(text_) if text_ else []
    except json.JSONDecodeError:
        return []
    now = utcnow()
    return [g for g in gaps if datetime.fromisoformat(g[2]) > now - GAP_TTL]


def _in_gaps(seq: int, gaps: Sequence[Sequence[Any]]) -> bool:
    return any(lo <= seq <= hi for lo, hi, _t in gaps)


def _writers_in_flight(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(
        select(func.pg_snapshot_xip(func.pg_current_snapshot())).subquery())))


def _missing_ranges(session: Session, low: int, high: int) -> list[tuple[int, int]]:
    """Ranges of seq in (low, high] with no visible row version (PostgreSQL)."""
    if high <= low:
        return []
    seqs = select(RowVersion.seq.label("seq"), func.lead(RowVersion.seq).over(order_by=RowVersion.seq).label("nxt")) \
        .where(RowVersion.seq > low, RowVersion.seq <= high).subquery()
    ranges = [(int(a) + 1, int(b) - 1) for a, b in session.execute(
        select(seqs.c.seq, seqs.c.nxt).where(seqs.c.nxt > seqs.c.seq + 1)).all()]
    first = session.scalar(select(func.min(RowVersion.seq)).where(RowVersion.seq > low, RowVersion.seq <= high))
    if first is None:
        ranges.append((low + 1, high))
    elif first > low + 1:
        ranges.append((low + 1, int(first) - 1))
    return ranges


def _subtract(gaps: list[list[Any]], seen: set[int]) -> list[list[Any]]:
    """``gaps`` without the seqs now seen."""
    out: list[list[Any]] = []
    for lo, hi, stamp in gaps:
        inside = sorted(s for s in seen if lo <= s <= hi)
        start = lo
        for s in inside:
            if s > start:
                out.append([start, s - 1, stamp])
            start = s + 1
        if start <= hi:
            out.append([start, hi, stamp])
    return out


def _rounds_touched(session: Session, versions: Sequence[Any]) -> dict[str, set[int]]:
    """round_id -> the seqs of ``versions`` (seq, table_name, row_id, snapshot) that touch it."""
    touched: dict[str, set[int]] = {}
    by_case: dict[str, set[int]] = {}

    def touch(rid: Any, seqs: Iterable[int]) -> None:
        if isinstance(rid, str) and rid:
            touched.setdefault(rid, set()).update(seqs)

    for seq, table, row_id, snapshot in versions:
        if table == "rounds":
            touch(row_id, (seq,))
        elif table in _ROUND_TABLES or table in _CASE_TABLES:
            try:
                data = json.loads(snapshot)
            except json.JSONDecodeError:
                continue
            if table in _ROUND_TABLES:
                touch(data.get("round_id"), (seq,))
            case_id = data.get("case_id")
            if isinstance(case_id, str) and case_id:
                by_case.setdefault(case_id, set()).add(seq)
    case_ids = list(by_case)
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        for cid, rid in session.execute(select(Case.id, Case.round_id).where(Case.id.in_(chunk))).all():
            touch(rid, by_case[cid])
    return touched


@dataclass
class _Refresh:
    figures: dict[str, RoundFigures]
    computed: dict[str, RoundFigures]  # to keep in the cache
    as_of: int
    gaps: list[list[Any]] | None  # None: unchanged
    marks: dict[str, int] = field(default_factory=dict)


def _refresh(
    session: Session,
    refs: Sequence[RoundRef],
    *,
    fresh: bool,
    progress: Progress | None,
    token: CancelToken | None,
) -> _Refresh:
    pg = session.get_bind().dialect.name == "postgresql"
    current = int(session.scalar(select(func.coalesce(func.max(RowVersion.seq), 0))) or 0)
    in_flight = pg and _writers_in_flight(session)
    # Rounds with queued changes in this snapshot have facts behind their records: they are
    # counted from the records and not cached. Without the triggers no facts are trusted.
    trusted = fact_queue.triggers_present(session)
    pending = fact_queue.pending_rounds(session) if trusted else {r.id for r in refs}
    marks = fact_queue.marks(session, [r.id for r in refs]) if trusted else {}
    cached: dict[str, tuple[int, dict[str, Any]]] = {}
    if not fresh:
        ids = [r.id for r in refs]
        for start in range(0, len(ids), 500):
            for rid, as_of, text_ in session.execute(
                select(ReconciliationCache.round_id, ReconciliationCache.as_of_seq, ReconciliationCache.figures)
                .where(ReconciliationCache.round_id.in_(ids[start : start + 500]))
            ).all():
                try:
                    data = json.loads(text_)
                except json.JSONDecodeError:
                    continue
                if data.get("format") == CACHE_FORMAT and (not trusted or data.get("mark") == marks.get(rid, 0)):
                    cached[rid] = (int(as_of), data)
    gaps = _load_gaps(session) if pg else []
    stale = {r.id for r in refs if r.id not in cached or (trusted and r.id in pending)}
    low = min((as_of for as_of, _d in cached.values()), default=current)
    new_gaps: list[list[Any]] | None = None
    if cached and (low < current or gaps):
        seq_filter = or_(and_(RowVersion.seq > low, RowVersion.seq <= current),
                         *[RowVersion.seq.between(lo, hi) for lo, hi, _t in gaps])
        n = int(session.scalar(select(func.count()).select_from(RowVersion).where(seq_filter)) or 0)
        if n > DELTA_LIMIT:
            stale = {r.id for r in refs}
            seen: set[int] = set()
        else:
            versions = session.execute(
                select(RowVersion.seq, RowVersion.table_name, RowVersion.row_id, RowVersion.snapshot).where(seq_filter)
            ).all()
            seen = {int(v[0]) for v in versions}
            for rid, seqs in _rounds_touched(session, versions).items():
                if rid in cached and any(seq > cached[rid][0] or _in_gaps(seq, gaps) for seq in seqs):
                    stale.add(rid)
        if pg:
            new_gaps = _subtract(gaps, seen)
    if pg and in_flight:
        stamp = utcnow().isoformat()
        new_gaps = (new_gaps if new_gaps is not None else gaps) + [
            [lo, hi, stamp] for lo, hi in _missing_ranges(session, low if cached else 0, current)
        ]
    figures = {rid: _from_json(ref, cached[rid][1]) for ref in refs if (rid := ref.id) in cached and rid not in stale}
    todo = [r for r in refs if r.id in stale]
    from_facts = [r for r in todo if trusted and r.id not in pending]
    from_records = [r for r in todo if not (trusted and r.id not in pending)]
    computed: dict[str, RoundFigures] = {}
    uncached: dict[str, RoundFigures] = {}
    done = 0
    for batch, chunk, compute in ((from_facts, FACTS_CHUNK, _compute), (from_records, ROUND_CHUNK, _compute_direct)):
        for start in range(0, len(batch), chunk):
            if token is not None:
                token.check()
            if progress is not None:
                progress(done, len(todo), f"Reconciling round {done + 1} of {len(todo)}\u2026")
            part = compute(session, batch[start : start + chunk])
            (uncached if trusted and compute is _compute_direct else computed).update(part)
            done += len(part)
    if progress is not None and todo:
        progress(len(todo), len(todo), "")
    figures.update(computed)
    figures.update(uncached)
    _add_live(session, figures)
    return _Refresh(figures, computed, current, new_gaps, marks)


def _store(ctx: AppContext, result: _Refresh) -> None:
    """Keep freshly computed figures (best effort: a failure only costs a later recompute)."""
    if not result.computed and result.gaps is None:
        return
    try:
        with ctx.db.session(write=True) as session:
            ids = list(result.computed)
            existing: dict[str, ReconciliationCache] = {}
            for start in range(0, len(ids), 500):
                for row in session.scalars(
                    select(ReconciliationCache).where(ReconciliationCache.round_id.in_(ids[start : start + 500]))
                ):
                    existing[row.round_id] = row
            now = utcnow()
            for rid, fig in result.computed.items():
                payload = json.dumps({**fig.to_json(), "mark": result.marks.get(rid, 0)}, sort_keys=True,
                                     separators=(",", ":"))
                cached = existing.get(rid)
                if cached is None:
                    session.add(ReconciliationCache(round_id=rid, as_of_seq=result.as_of, figures=payload,
                                                    computed_at=now))
                elif cached.as_of_seq <= result.as_of:
                    cached.as_of_seq, cached.figures, cached.computed_at = result.as_of, payload, now
            if result.gaps is not None:
                setting = session.get(LocalSetting, GAPS_SETTING)
                value = json.dumps(result.gaps)
                if setting is None:
                    session.add(LocalSetting(key=GAPS_SETTING, value=value))
                else:
                    setting.value = value
    except DatabaseError as exc:
        log.warning("reconciliation figures not cached: %s", exc)


def figures(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> list[RoundFigures]:
    """The figures of each live round (all, those in ``round_ids``, and/or those dated within
    ``date_from``..``date_to``), oldest first. ``fresh`` ignores the cache."""
    ctx.require()
    if date_from and date_to and date_from > date_to:
        raise ValidationError("The start of the period is after its end.", {"date_from": "after end"})
    fact_queue.bring_up_to_date(ctx.db)  # a busy database leaves the queue: those rounds count from the records
    with ctx.reading() as session:
        _snapshot(session)
        refs = _rounds(session, round_ids, date_from, date_to)
        wanted = len(set(round_ids or ()))
        if round_ids is not None and (date_from or date_to or len(refs) < wanted) \
                and len(_rounds(session, round_ids, None, None)) < wanted:
            raise NotFound("One of the rounds no longer exists.")
        result = _refresh(session, refs, fresh=fresh, progress=progress, token=token)
    _store(ctx, result)
    return [result.figures[r.id] for r in refs]


def rebuild_facts(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> None:
    """Rebuild the stored facts of the rounds (all, or those chosen as for ``figures``) from the
    records alone; ``figures(..., fresh=True)`` then counts nothing but the records. The repair
    when the figures are doubted; it reads every case of those rounds (about half a minute per
    million cases), so run it off the GUI thread."""
    ctx.require()
    if date_from and date_to and date_from > date_to:
        raise ValidationError("The start of the period is after its end.", {"date_from": "after end"})
    every = round_ids is None and date_from is None and date_to is None
    with ctx.reading() as session:
        ids = None if every else [r.id for r in _rounds(session, round_ids, date_from, date_to)]
    if token is not None:
        token.check()
    if progress is not None:
        progress(0, 0, "Rebuilding the facts from the records\u2026")
    with ctx.db.session(write=True) as session:
        fact_queue.rebuild(session.connection(), ids)


def recompute_all(ctx: AppContext, progress: Progress | None = None, token: CancelToken | None = None) -> int:
    """Forget the cached figures and compute every round afresh; returns the number of rounds."""
    return len(figures(ctx, fresh=True, progress=progress, token=token))


def unexplained_counts(ctx: AppContext) -> dict[str, int]:
    """round_id -> how many of its discrepancies are not explained (every live round).

    Cheap once the figures are cached (the usual case); the first call on a large database
    computes every round, so call it off the GUI thread.
    """
    return {f.round_id: f.unexplained_total for f in figures(ctx)}
