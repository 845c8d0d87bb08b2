"""What the sync services share: who may manage devices and resolve, this installation's local
settings, and the transactions they read and write in (with an import's SQLite settings)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from app.domain import Role
from app.errors import DatabaseError
from app.persistence.db import Database, describe_db_error
from app.persistence.models import LocalSetting

CAN_MANAGE_DEVICES = (Role.SUPERVISOR,)
CAN_RESOLVE = (Role.SUPERVISOR,)

SETTING_RECEIVE_ROUNDS = "sync_receive_rounds"
SETTING_HQ_PRIVATE = "hq_x25519_private"


def _setting(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(LocalSetting.value).where(LocalSetting.key == key))


def _set_setting(conn: Connection, key: str, value: str | None) -> None:
    exists = conn.scalar(select(func.count()).select_from(LocalSetting).where(LocalSetting.key == key))
    if value is None:
        if exists:
            from sqlalchemy import delete

            conn.execute(delete(LocalSetting).where(LocalSetting.key == key))
    elif exists:
        conn.execute(update(LocalSetting).where(LocalSetting.key == key).values(value=value))
    else:
        conn.execute(insert(LocalSetting).values(key=key, value=value))


# SQLite page cache for an import (KiB): writing 10^5 rows into tables with many indexes
# touches far more index pages than the default 2 MB hold.
IMPORT_CACHE_KIB = 256 * 1024
# Where SQLite keeps an import's statement journals: a row written by a statement that fires
# triggers may need undoing alone, and with the default (a temporary file) each such row costs
# file writes. In memory they take a few pages at a time, as long as no savepoint is open: under
# a savepoint the in-memory journal grows with every statement and the writes slow down many
# times over, so the careful way of importing (savepoints) keeps the default.
IMPORT_TEMP_STORE = "MEMORY"


def _sqlite_pragmas(conn: Connection, **values: str) -> dict[str, str]:
    """Set SQLite pragmas (outside a transaction) and return their previous values. On the
    driver's connection: SQLAlchemy would begin a transaction first, and ``temp_store`` cannot
    change within one."""
    raw = conn.connection.driver_connection
    assert raw is not None
    before = {name: str(raw.execute(f"PRAGMA {name}").fetchone()[0]) for name in values}
    for name, value in values.items():
        raw.execute(f"PRAGMA {name} = {value}")
    return before


@contextlib.contextmanager
def _transaction(
    db: Database, *, commit: bool = True, bulk: bool = False, journals_in_memory: bool = False
) -> Iterator[Connection]:
    """One write transaction (SQLite's write lock taken up front); rolled back on any error,
    and also at the end when ``commit`` is false (a dry run). ``bulk`` gives SQLite a larger
    page cache for the transaction (``synchronous`` stays as the engine sets it: FULL) and pauses
    Python's cycle collector, which would otherwise walk the hundreds of thousands of objects an
    import holds again and again. ``journals_in_memory``: SQLite keeps statement journals in
    memory (only for work without savepoints: see ``IMPORT_TEMP_STORE``)."""
    collecting = gc.isenabled()
    try:
        with db.engine.connect() as conn:
            previous = None
            if db.dialect == "sqlite":
                if bulk:
                    previous = _sqlite_pragmas(
                        conn, cache_size=f"-{IMPORT_CACHE_KIB}",
                        temp_store=IMPORT_TEMP_STORE if journals_in_memory else "DEFAULT",
                    )
                conn.execution_options(sqlite_begin="IMMEDIATE")
            if bulk:
                gc.disable()
            try:
                trans = conn.begin()
                try:
                    yield conn
                except BaseException:
                    trans.rollback()
                    raise
                if commit:
                    trans.commit()
                else:
                    trans.rollback()
            finally:
                if previous is not None:
                    try:
                        conn.rollback()  # nothing to undo: the transaction ended above
                        _sqlite_pragmas(conn, **previous)
                    except Exception:
                        conn.invalidate()  # not back into the pool with an import's settings
                        raise
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    finally:
        if collecting:
            gc.enable()


@contextlib.contextmanager
def _reading(db: Database) -> Iterator[Connection]:
    try:
        with db.engine.connect() as conn:
            yield conn
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
