"""Keeping the reconciliation's facts (``app.services.reconciliation.facts``) right: the queue the
triggers fill, the catch-up that works it off (``catch_up``, ``bring_up_to_date``), the rebuild
from the records (``rebuild``), and what a reader learns from the queue (``pending_rounds``,
``marks``, ``triggers_present``).

How the facts stay right
------------------------
Database triggers (migrations 0008 and 0014) append the (round, normalised tag) group of every
change to ``cases``, ``manifest_lines``, ``custody_events``, ``certificate_cases``, ``certificates``
and ``samples`` to ``reconciliation_queue``, in the transaction of the change — whoever makes it: the services
through the ORM, bulk Core statements, the merge of a bundle, raw SQL. A case's facts depend
only on its own row, its custody events, samples, certificate links (and their certificates) and on
the cases and manifest lines of its group, so recomputing the facts of every queued group brings
all of them up to date. ``catch_up`` does that; a group recomputed twice gives the same facts,
so it can run any time, as often as wanted.

``catch_up`` runs before the figures are read (``bring_up_to_date``) and, for big writes such
as a merge, at the end of the writing transaction, so that the next reader finds nothing to do.
On PostgreSQL every catch-up first takes one transaction-level advisory lock: catch-ups run one
after another, each sees everything committed before it, and a change it cannot see yet keeps
its queue entry for the next one. A reader whose snapshot still holds queue entries (a writer
committed in between) knows which rounds they touch (``pending_rounds``) and counts those
rounds from the records themselves.

A catch-up then recounts each round it touched from the facts, in the same transaction: the
round's cases by ``flags`` and transport unit (``reconciliation_counts``), by day of each step
(``reconciliation_days``), its manifest lines (``reconciliation_rounds``) — the few hundred rows
the figures read — and adds one to the round's ``mark``; cached figures carry the mark they were
computed at.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    Select,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from app.persistence.models import (
    Case,
    ManifestLine,
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationQueue,
    ReconciliationRound,
)
from app.services.reconciliation.facts import case_facts, line_facts

if TYPE_CHECKING:
    from app.persistence.db import Database

log = logging.getLogger(__name__)

# The triggers that fill the queue (created by migrations 0008 and 0014). Without all of them
# the facts cannot be trusted, and the reconciliation counts from the records instead.
TRIGGERS: tuple[str, ...] = tuple(
    f"reconciliation_{table}_{op}"
    for table in ("cases", "manifest_lines", "custody_events", "certificate_cases", "certificates", "samples")
    for op in ("insert", "update", "delete")
    if not (table == "certificates" and op != "update")
)
PG_LOCK_KEY = 0x5265636F6E  # "Recon": one advisory lock for every catch-up
QUEUE_BATCH = 100_000  # queue entries taken per statement (PostgreSQL)
ANALYZE_AFTER = 10_000  # groups recomputed at once after which PostgreSQL's statistics are renewed


_CASE_COLUMNS = ("case_id", "round_id", "unit_id", "flags", "received_day", "examined_day", "identified_day",
                 "released_day")
_LINE_COLUMNS = ("line_id", "round_id", "received")

# The groups one catch-up recomputes: a temporary table of the session's own.
_temp = MetaData()
GROUPS = Table(
    "reconciliation_groups", _temp,
    Column("round_id", String(36), nullable=False),
    Column("tag", String(100), nullable=False),
    PrimaryKeyConstraint("round_id", "tag"),
)


def _prepare_groups(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE TEMPORARY TABLE IF NOT EXISTS reconciliation_groups "
            "(round_id VARCHAR(36) NOT NULL, tag VARCHAR(100) NOT NULL, PRIMARY KEY (round_id, tag)) "
            "ON COMMIT DROP"
        ))
    else:
        conn.execute(text(
            "CREATE TEMPORARY TABLE IF NOT EXISTS reconciliation_groups "
            "(round_id VARCHAR(36) NOT NULL, tag VARCHAR(100) NOT NULL, PRIMARY KEY (round_id, tag))"
        ))
    conn.execute(delete(GROUPS))


def _take_queue(conn: Connection) -> None:
    """Move every queue entry this transaction can see into the groups table, exactly once."""
    if conn.dialect.name == "postgresql":
        # Each statement takes the oldest entries, through the primary key (a big catch-up leaves
        # the table's pages empty but not yet given back, and reading them would cost every
        # later reader); an entry committed meanwhile is neither taken nor lost.
        # Each batch starts after the last one (the entries this transaction deleted stay in the
        # index until it commits); an entry committed meanwhile below that point waits for the
        # next catch-up.
        last = -1
        while True:
            last = conn.execute(text(
                "WITH taken AS (DELETE FROM reconciliation_queue WHERE id IN "
                "(SELECT id FROM reconciliation_queue WHERE id > :last ORDER BY id LIMIT :batch) "
                "RETURNING id, round_id, tag), "
                "kept AS (INSERT INTO reconciliation_groups (round_id, tag) SELECT DISTINCT round_id, tag FROM taken "
                "ON CONFLICT DO NOTHING) SELECT max(id) FROM taken"
            ), {"last": last, "batch": QUEUE_BATCH}).scalar_one()
            if last is None:
                break
        conn.execute(text("ANALYZE reconciliation_groups"))  # a temporary table has no statistics otherwise
    else:
        # SQLite has one writer at a time: nothing can be queued between these two statements
        conn.execute(text(
            "INSERT OR IGNORE INTO reconciliation_groups (round_id, tag) "
            "SELECT round_id, tag FROM reconciliation_queue"
        ))
        conn.execute(delete(ReconciliationQueue))


def _recompute_groups(conn: Connection) -> int:
    """Recompute the facts of every case and manifest line of the groups table; returns the
    number of groups."""
    dialect = conn.dialect.name
    n = int(conn.execute(select(func.count()).select_from(GROUPS)).scalar_one())
    if not n:
        return 0
    # "(round, tag) IN (the groups)": both databases look each group up in the (round, tag) index
    # (a join would let SQLite scan every case when it knows nothing of the groups table's size)
    groups = select(GROUPS.c.round_id, GROUPS.c.tag)
    in_group = tuple_(Case.round_id, Case.sender_tag_norm).in_(groups)
    line_in_group = tuple_(ManifestLine.round_id, ManifestLine.sender_tag_norm).in_(groups)
    # by case id: a case that left a group (another tag or round) drops its old facts here,
    # since the triggers queue the group it joined as well as the one it left
    conn.execute(delete(ReconciliationCase).where(ReconciliationCase.case_id.in_(select(Case.id).where(in_group))))
    conn.execute(insert(ReconciliationCase).from_select(list(_CASE_COLUMNS), case_facts(dialect).where(in_group)))
    conn.execute(delete(ReconciliationLine).where(
        ReconciliationLine.line_id.in_(select(ManifestLine.id).where(line_in_group))))
    conn.execute(insert(ReconciliationLine).from_select(list(_LINE_COLUMNS), line_facts().where(line_in_group)))
    _recompute_rounds(conn)
    if dialect == "postgresql" and n >= ANALYZE_AFTER:
        # after a big catch-up the planner's picture of the facts is out of date until the
        # autovacuum gets round to it; the next readers should not pay for that
        conn.execute(text(
            "ANALYZE reconciliation_cases, reconciliation_lines, reconciliation_counts, reconciliation_days, "
            "reconciliation_rounds"
        ))
    return n


_DAY_STEPS = ("received_day", "examined_day", "identified_day", "released_day")
_IN_GROUPS = "round_id IN (SELECT round_id FROM reconciliation_groups)"


def _recompute_rounds(conn: Connection) -> None:
    """Recount every round of the groups table from its facts, and add one to its mark."""
    for table in ("reconciliation_counts", "reconciliation_days"):
        conn.execute(text(f"DELETE FROM {table} WHERE {_IN_GROUPS}"))
    conn.execute(text(
        "INSERT INTO reconciliation_counts (round_id, unit_id, flags, cases) "
        "SELECT round_id, COALESCE(unit_id, ''), flags, COUNT(*) FROM reconciliation_cases "
        f"WHERE {_IN_GROUPS} GROUP BY round_id, COALESCE(unit_id, ''), flags"
    ))
    conn.execute(text(
        "INSERT INTO reconciliation_days (round_id, step, day, cases) " + " UNION ALL ".join(
            f"SELECT round_id, {step}, {column}, COUNT(*) FROM reconciliation_cases "
            f"WHERE {_IN_GROUPS} AND {column} IS NOT NULL GROUP BY round_id, {column}"
            for step, column in enumerate(_DAY_STEPS)
        )
    ))
    # SQLite needs a WHERE in an upsert's SELECT (else ON CONFLICT would read as a join's ON)
    conn.execute(text(
        "INSERT INTO reconciliation_rounds (round_id, mark, manifest_lines, lines_not_received) "
        "SELECT g.round_id, 1, "
        "(SELECT COUNT(*) FROM reconciliation_lines l WHERE l.round_id = g.round_id), "
        "(SELECT COUNT(*) FROM reconciliation_lines l WHERE l.round_id = g.round_id AND l.received = false) "
        "FROM (SELECT DISTINCT round_id FROM reconciliation_groups) g WHERE true "
        "ON CONFLICT (round_id) DO UPDATE SET mark = reconciliation_rounds.mark + 1, "
        "manifest_lines = excluded.manifest_lines, lines_not_received = excluded.lines_not_received"
    ))


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(PG_LOCK_KEY)))


def catch_up(conn: Connection) -> int:
    """Bring the facts of every queued group up to date, in the caller's (writing) transaction.

    Call it at the end of a transaction that wrote many cases, manifest lines, custody events or
    certificate links — the merge of bundles above all — so that the next dashboard finds the
    facts ready; the figures call it anyway before they read. Returns the number of groups
    recomputed (0 when the queue was empty)."""
    if not queue_waiting(conn):
        return 0
    _lock(conn)
    _prepare_groups(conn)
    _take_queue(conn)
    return _recompute_groups(conn)


def rebuild(conn: Connection, round_ids: Sequence[str] | None = None) -> int:
    """Recompute the facts of every case and manifest line (of ``round_ids``) from the records,
    whatever the queue says, in the caller's transaction. Returns the number of groups."""
    _lock(conn)
    _prepare_groups(conn)
    for model in (Case, ManifestLine):
        stmt = select(model.round_id, model.sender_tag_norm).distinct()
        if round_ids is not None:
            stmt = stmt.where(model.round_id.in_(list(round_ids)))
        conn.execute(_insert_groups(conn, stmt))
    derived: tuple[Any, ...] = (ReconciliationCase, ReconciliationLine, ReconciliationCount, ReconciliationDay)
    for table in derived:
        stale = delete(table)
        if round_ids is not None:  # facts of cases no longer in these rounds go with their new group
            stale = stale.where(table.round_id.in_(list(round_ids)))
        conn.execute(stale)
    return _recompute_groups(conn)


def _insert_groups(conn: Connection, groups: Select[Any]) -> Any:
    """INSERT (round_id, tag) rows of ``groups`` into the groups table, skipping those there."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(GROUPS).from_select(["round_id", "tag"], groups).on_conflict_do_nothing()
    return GROUPS.insert().prefix_with("OR IGNORE").from_select(["round_id", "tag"], groups)


def bring_up_to_date(db: Database, *, wait: float = 1.0) -> CatchUp:
    """``catch_up`` in a transaction of its own, waiting at most ``wait`` seconds for the
    database (a merge may be writing): what the figures do before they read."""
    with db.engine.connect() as conn:
        waiting = queue_waiting(conn)
        conn.rollback()
    if not waiting:
        return CatchUp(0, True)
    try:
        with db.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                assert raw is not None
                usual = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
                raw.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
                try:
                    with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                        groups = catch_up(conn)
                finally:
                    raw.execute(f"PRAGMA busy_timeout={usual}")
            else:
                with conn.begin():
                    conn.execute(text(f"SET LOCAL lock_timeout = {int(wait * 1000)}"))
                    groups = catch_up(conn)
        return CatchUp(groups, True)
    except (OperationalError, DBAPIError) as exc:
        log.info("reconciliation facts not brought up to date now: %s", exc)
        return CatchUp(0, False)


# --- reading -----------------------------------------------------------------------------------------


def queue_waiting(conn: Connection | Session) -> bool:
    """Whether changes are queued (read through the primary key, see ``_take_queue``)."""
    head = select(ReconciliationQueue.id).order_by(ReconciliationQueue.id).limit(1)
    return conn.execute(head).first() is not None


def pending_rounds(session: Session) -> set[str]:
    """Rounds with queued changes in this snapshot: their facts may be behind their records."""
    if not queue_waiting(session):
        return set()
    rows = session.execute(select(ReconciliationQueue.round_id).distinct()).scalars().all()
    return {r for r in rows if r}


def marks(session: Session, round_ids: Iterable[str]) -> dict[str, int]:
    """round_id -> its mark (a round whose facts never changed has none: 0)."""
    ids = list(round_ids)
    out: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        out.update(session.execute(
            select(ReconciliationRound.round_id, ReconciliationRound.mark)
            .where(ReconciliationRound.round_id.in_(ids[start : start + 500]))
        ).tuples().all())
    return out


_trusted: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def triggers_present(conn: Connection | Session) -> bool:
    """Whether every trigger that fills the queue exists (remembered per engine)."""
    bind = conn.get_bind() if isinstance(conn, Session) else conn.engine
    engine = bind if isinstance(bind, Engine) else bind.engine
    if engine not in _trusted:
        if engine.dialect.name == "postgresql":
            found = set(conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'reconciliation_%'"
            )).scalars())
        else:
            found = set(conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'reconciliation_%'"
            )).scalars())
        missing = set(TRIGGERS) - found
        if missing:
            log.error("reconciliation triggers missing (%s): counting from the records", ", ".join(sorted(missing)))
        _trusted[engine] = not missing
    return _trusted[engine]


@dataclass(frozen=True)
class CatchUp:
    groups: int
    done: bool  # False: the database was busy, and the queue is still there


__all__ = ["CatchUp", "catch_up", "marks", "pending_rounds", "queue_waiting", "rebuild", "triggers_present"]
