"""Two independent checks of the reconciliation's facts, used after every kind of write:

- the facts kept up to date through the queue equal facts rebuilt from the records from nothing
  (``reconciliation_facts.rebuild``, rolled back afterwards);
- the figures read from the facts equal the figures counted from the records themselves with the
  direct SQL (``reconciliation._compute_direct``), every figure, explained count and timeline day.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from app.persistence.db import Database
from app.persistence.models import (
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationQueue,
    ReconciliationRound,
)
from app.services.context import AppContext
from app.services.reconciliation import counting, fact_queue


def facts_state(conn: Connection) -> dict[str, Any]:
    """Every fact and count (the marks apart, which only ever grow)."""
    def rows(*columns: Any) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in conn.execute(select(*columns)).all())

    rc, rl, rn, rd, rr = ReconciliationCase, ReconciliationLine, ReconciliationCount, ReconciliationDay, ReconciliationRound
    return {
        "cases": rows(rc.case_id, rc.round_id, rc.unit_id, rc.flags, rc.received_day, rc.examined_day,
                      rc.identified_day, rc.released_day),
        "lines": [(a, b, bool(c)) for a, b, c in rows(rl.line_id, rl.round_id, rl.received)],
        "counts": rows(rn.round_id, rn.unit_id, rn.flags, rn.cases),
        "days": rows(rd.round_id, rd.step, rd.day, rd.cases),
        # a round whose last line or case went keeps a row of zeros; one never touched has none
        "rounds": [r for r in rows(rr.round_id, rr.manifest_lines, rr.lines_not_received) if r[1] or r[2]],
    }


def assert_facts_match_records(db: Database) -> dict[str, Any]:
    """Catch up, then compare the facts with facts rebuilt from the records; returns them."""
    fact_queue.bring_up_to_date(db)
    with db.engine.connect() as conn:
        kept = facts_state(conn)
        assert conn.execute(select(ReconciliationQueue.id)).first() is None
        conn.rollback()
        trans = conn.begin()
        try:
            fact_queue.rebuild(conn)
            rebuilt = facts_state(conn)
        finally:
            trans.rollback()
    for key in kept:
        assert kept[key] == rebuilt[key], key
    return kept


def assert_figures_match_records(ctx: AppContext) -> None:
    """Every round's figures from the facts equal those counted from the records."""
    fact_queue.bring_up_to_date(ctx.db)
    with ctx.reading() as session:
        refs = counting._rounds(session, None, None, None)
        fast = counting._compute(session, refs)
        slow = counting._compute_direct(session, refs)
    assert list(fast) == list(slow)
    for rid, a in fast.items():
        b = slow[rid]
        assert a.values == b.values, a.code
        assert a.unexplained == b.unexplained, a.code
        assert a.timeline == b.timeline, a.code


def check_all(ctx: AppContext) -> None:
    assert_facts_match_records(ctx.db)
    assert_figures_match_records(ctx)
