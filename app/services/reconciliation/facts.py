"""The reconciliation's facts: what it counts about each live case and manifest line, kept in
two narrow local tables so that the figures of any number of rounds are a few passes over them
(``app.services.reconciliation.counting``) instead of several look-ups per case in the records.

How the facts stay right
------------------------
Database triggers (migration 0008) append the (round, normalised tag) group of every change to
``cases``, ``manifest_lines``, ``custody_events``, ``certificate_cases`` and ``certificates`` to
``reconciliation_queue``, in the transaction of the change — whoever makes it: the services
through the ORM, bulk Core statements, the merge of a bundle, raw SQL. A case's facts depend
only on its own row, its custody events, its certificate links (and their certificates) and on
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

The bits of ``reconciliation_cases.flags``
------------------------------------------
Bits 0-2 hold the case's status (``STATUS_CODES``); the others are single facts (``EXAMINED``
etc.). The rules built on them — the custody-chain gaps above all — are applied in Python to
each distinct ``flags`` value of a round (``figure_keys``), so a rule is defined in one place
per path and needs no migration to change.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    Engine,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Select,
    String,
    Table,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy import case as sql_case
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from app.domain import CaseStatus, Category, CertificateStatus, CustodyEventType
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    CustodyEvent,
    ManifestLine,
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationQueue,
    ReconciliationRound,
)

if TYPE_CHECKING:
    from app.persistence.db import Database

log = logging.getLogger(__name__)

# --- the bits -----------------------------------------------------------------------------------

STATUS_MASK = 0b111
STATUS_CODES: dict[str, int] = {
    CaseStatus.RECEIVED.value: 0, CaseStatus.STORED.value: 1, CaseStatus.EXAMINED.value: 2,
    CaseStatus.IDENTIFIED.value: 3, CaseStatus.RELEASED.value: 4, CaseStatus.RETURNED.value: 5,
}
OTHER_STATUS = 7  # a status this code does not know
EXAMINED = 1 << 3  # the examination is completed
IDENTIFIED = 1 << 4  # an identification is recorded
CERTIFIED = 1 << 5  # on at least one live link to a live issued certificate
UNDECLARED = 1 << 6  # no tag, or no live manifest line of the round carries it
DUPLICATE = 1 << 7  # an earlier live case of the round carries the same (non-empty) tag
COMMINGLED = 1 << 8
DISPUTED = 1 << 9  # identity_disputed
EVENT_BITS: dict[str, int] = {  # the live custody events the case has, by type
    CustodyEventType.RECEIVED.value: 1 << 10, CustodyEventType.EXAMINED.value: 1 << 11,
    CustodyEventType.RELEASED.value: 1 << 12, CustodyEventType.RETURNED.value: 1 << 13,
}
HAS_RECEIVED_EVENT = EVENT_BITS[CustodyEventType.RECEIVED.value]
HAS_EXAMINED_EVENT = EVENT_BITS[CustodyEventType.EXAMINED.value]
HAS_RELEASED_EVENT = EVENT_BITS[CustodyEventType.RELEASED.value]
HAS_RETURNED_EVENT = EVENT_BITS[CustodyEventType.RETURNED.value]

_RELEASED = STATUS_CODES[CaseStatus.RELEASED.value]
_RETURNED = STATUS_CODES[CaseStatus.RETURNED.value]
_EXAMINED_STATUSES = (STATUS_CODES[CaseStatus.EXAMINED.value], STATUS_CODES[CaseStatus.IDENTIFIED.value])

EPOCH = date(1970, 1, 1)

# The triggers that fill the queue (created by migration 0008). Without all of them the facts
# cannot be trusted, and the reconciliation counts from the records instead.
TRIGGERS: tuple[str, ...] = tuple(
    f"reconciliation_{table}_{op}"
    for table in ("cases", "manifest_lines", "custody_events", "certificate_cases", "certificates")
    for op in ("insert", "update", "delete")
    if not (table == "certificates" and op != "update")
)
PG_LOCK_KEY = 0x5265636F6E  # "Recon": one advisory lock for every catch-up
QUEUE_BATCH = 100_000  # queue entries taken per statement (PostgreSQL)
ANALYZE_AFTER = 10_000  # groups recomputed at once after which PostgreSQL's statistics are renewed


def gap_reasons(flags: int) -> tuple[str, ...]:
    """The custody-chain rules (``reconciliation.CUSTODY_RULES``) a case with ``flags`` breaks."""
    status = flags & STATUS_MASK
    reasons: list[str] = []
    if not flags & HAS_RECEIVED_EVENT:
        reasons.append("no_received_event")
    if (status in _EXAMINED_STATUSES or flags & EXAMINED) and not flags & HAS_EXAMINED_EVENT:
        reasons.append("no_examined_event")
    if status == _RELEASED and not flags & HAS_RELEASED_EVENT:
        reasons.append("no_released_event")
    if status == _RETURNED and not flags & HAS_RETURNED_EVENT:
        reasons.append("no_returned_event")
    if status not in (_RELEASED, _RETURNED) and flags & (HAS_RELEASED_EVENT | HAS_RETURNED_EVENT):
        reasons.append("event_without_status")
    return tuple(reasons)


def figure_keys(flags: int) -> tuple[str, ...]:
    """The case figures a live case with ``flags`` counts in."""
    status = flags & STATUS_MASK
    counts = {
        "received": True,
        "certified": bool(flags & CERTIFIED),
        "examined": bool(flags & EXAMINED),
        "identified": bool(flags & IDENTIFIED),
        "released": status == _RELEASED,
        "returned": status == _RETURNED,
        "received_not_declared": bool(flags & UNDECLARED),
        "duplicate_tags": bool(flags & DUPLICATE),
        "commingled": bool(flags & COMMINGLED),
        "identity_disputed": bool(flags & DISPUTED),
        "custody_gaps": bool(gap_reasons(flags)),
    }
    return tuple(key for key, yes in counts.items() if yes)


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=number)


# --- computing facts in SQL -----------------------------------------------------------------------


def _day(dialect: str, value: Any) -> ColumnElement[Any]:
    """The UTC day of a date or timestamp, as days since 1970-01-01."""
    if dialect == "postgresql":
        return type_coerce(cast(value, Date) - cast(literal(EPOCH.isoformat()), Date), Integer)
    # SQLite keeps dates and timestamps as ISO text: the day is its first ten characters
    return cast(func.julianday(func.substr(value, 1, 10)) - 2440587.5, Integer)


def _bit(condition: ColumnElement[bool], bit: int) -> ColumnElement[int]:
    return sql_case((condition, bit), else_=0)


def case_facts(dialect: str) -> Select[Any]:
    """``reconciliation_cases`` rows of the live cases (filter and join the result to a scope)."""
    status_code = sql_case(
        *((Case.status == status, code) for status, code in STATUS_CODES.items()), else_=OTHER_STATUS
    )
    event = sql_case(*((CustodyEvent.event_type == t, bit) for t, bit in EVENT_BITS.items()), else_=0)
    events = (
        select(func.coalesce(func.sum(event.distinct()), 0))  # distinct powers of two: their sum is their OR
        .where(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False))
        .scalar_subquery()
    )
    certified = exists().where(
        CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
        Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
        Certificate.status == CertificateStatus.ISSUED.value,
    )
    # "IS NOT true" for the tombstone in a look-up by (round, tag): SQLite then uses the
    # (round, tag) index instead of scanning the round
    declared = exists().where(
        ManifestLine.round_id == Case.round_id, ManifestLine.sender_tag_norm == Case.sender_tag_norm,
        ManifestLine.deleted.is_not(True),
    )
    earlier = Case.__table__.alias("earlier")
    duplicate = exists().where(
        earlier.c.round_id == Case.round_id, earlier.c.sender_tag_norm == Case.sender_tag_norm,
        earlier.c.deleted.is_not(True),
        or_(earlier.c.received_at < Case.received_at,
            and_(earlier.c.received_at == Case.received_at, earlier.c.case_number < Case.case_number)),
    )
    flags = (
        status_code
        + _bit(Case.examination_status == "completed", EXAMINED)
        + _bit(Case.identified_on.is_not(None), IDENTIFIED)
        + _bit(certified, CERTIFIED)
        + _bit(or_(Case.sender_tag_norm == "", ~declared), UNDECLARED)
        + _bit(and_(Case.sender_tag_norm != "", duplicate), DUPLICATE)
        + _bit(Case.category == Category.COMMINGLED.value, COMMINGLED)
        + _bit(Case.identity_disputed.is_(True), DISPUTED)
        + events
    )
    first_release = (
        select(func.min(CustodyEvent.occurred_at))
        .where(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False),
               CustodyEvent.event_type == CustodyEventType.RELEASED.value)
        .scalar_subquery()
    )
    return select(
        Case.id.label("case_id"),
        Case.round_id.label("round_id"),
        Case.transport_unit_id.label("unit_id"),
        flags.label("flags"),
        _day(dialect, Case.received_at).label("received_day"),
        sql_case((Case.examination_status == "completed", _day(dialect, Case.examined_at)),
                 else_=None).label("examined_day"),
        _day(dialect, Case.identified_on).label("identified_day"),
        sql_case((Case.status == CaseStatus.RELEASED.value, _day(dialect, first_release)),
                 else_=None).label("released_day"),
    ).where(Case.deleted.is_(False))


def line_facts() -> Select[Any]:
    """``reconciliation_lines`` rows of the live manifest lines."""
    received = exists().where(
        Case.round_id == ManifestLine.round_id, Case.sender_tag_norm == ManifestLine.sender_tag_norm,
        Case.sender_tag_norm != "", Case.deleted.is_not(True),
    )
    return select(
        ManifestLine.id.label("line_id"),
        ManifestLine.round_id.label("round_id"),
        sql_case((received, True), else_=False).label("received"),
    ).where(ManifestLine.deleted.is_(False))


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


__all__ = [
    "CERTIFIED", "COMMINGLED", "DISPUTED", "DUPLICATE", "EVENT_BITS", "EXAMINED", "IDENTIFIED", "STATUS_CODES",
    "UNDECLARED", "CatchUp", "case_facts", "catch_up", "day_of", "figure_keys", "gap_reasons", "line_facts",
    "marks", "pending_rounds", "queue_waiting", "rebuild", "triggers_present",
]
