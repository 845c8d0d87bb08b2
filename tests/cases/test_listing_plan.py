"""The case table's first page is read from an index in its order, never by sorting every case."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.persistence.db import Database
from app.persistence.models import Case
from app.services.cases import listing


def _plan(db: Database, sql: str) -> str:
    with Session(db.engine) as session:
        if db.dialect == "postgresql":
            # forbid the sort and the table scan as far as the planner allows: a plan that still
            # sorts has no index giving the order
            session.execute(text("SET LOCAL enable_sort = off"))
            session.execute(text("SET LOCAL enable_seqscan = off"))
            return "\n".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))
        return "\n".join(str(r[-1]) for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))


def test_first_page_in_case_number_order_reads_an_index(db: Database) -> None:
    with Session(db.engine) as session:
        stmt = listing._filtered(session, listing.CaseQuery()).order_by(Case.case_number, Case.id).limit(201)
        sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = _plan(db, sql)
    if db.dialect == "postgresql":
        assert "Sort Key: cases.case_number" not in plan, plan
        assert "ix_cases_case_number_order" in plan, plan
    else:
        assert "TEMP B-TREE" not in plan, plan
        assert "ix_cases_case_number_order" in plan, plan
