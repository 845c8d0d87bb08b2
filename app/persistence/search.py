"""The search forms kept beside names (``SyncedMixin.search_columns``): filled on every write.

An ORM save fills them just before the row is written (a mapper hook). A Core statement that
writes rows of such a table adds ``search_values`` to each row: the importer, the demo data and
the bulk loaders of the benchmarks do. They are never part of a snapshot, so a record's history,
its hash chain and the merge do not see them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, event, func, insert, select, update

from app.names import forms_version
from app.persistence.models import SEARCH_COLUMNS, TABLE_TO_MODEL, LocalSetting, SyncedMixin

NAMES: frozenset[str] = frozenset(col for columns in SEARCH_COLUMNS.values() for col in columns)


def search_values(table_name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The search columns of ``table_name`` for a row whose source columns are in ``row``."""
    return {col: make(row.get(source)) for col, (source, make) in SEARCH_COLUMNS.get(table_name, {}).items()}


def with_search_values(table_name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (changed in place) with their search columns, for a Core insert."""
    if table_name in SEARCH_COLUMNS:
        for row in rows:
            row.update(search_values(table_name, row))
    return rows


def _fill(_mapper: Any, _conn: Any, obj: SyncedMixin) -> None:
    for col, (source, make) in type(obj).search_columns.items():
        value = make(getattr(obj, source))
        if getattr(obj, col) != value:
            setattr(obj, col, value)


for _model in {TABLE_TO_MODEL[name] for name in SEARCH_COLUMNS}:
    if not event.contains(_model, "before_insert", _fill):
        event.listen(_model, "before_insert", _fill)
        event.listen(_model, "before_update", _fill)


SETTING = "search_forms"
PG_LOCK_KEY = 0x4E616D6573  # "Names": one advisory lock for a refresh of the search forms
REFRESH_BATCH = 5000


def refresh_if_stale(engine: Engine) -> int:
    """Make the stored search forms again when they were made under other fold rules or another
    ICU release than this program's (``app.names.forms_version``), or never; the rows refreshed.

    Run when a database is opened: after the upgrade that adds the columns, and after an update of
    the program that changes the rules. One transaction, so a refresh cut short is done again.
    """
    wanted = forms_version()
    with engine.connect() as conn:
        if _stored(conn) == wanted:
            return 0
    # Several clients may open a shared database at once: one refreshes, the others wait for it
    # (a write lock taken first) and then find the forms current.
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(PG_LOCK_KEY)))
        if _stored(conn) == wanted:
            return 0
        done = sum(_refresh_table(conn, name) for name in sorted(SEARCH_COLUMNS))
        conn.execute(delete(LocalSetting).where(LocalSetting.key == SETTING))
        conn.execute(insert(LocalSetting).values(key=SETTING, value=wanted))
    return done


def _stored(conn: Connection) -> str | None:
    return conn.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING))


def _refresh_table(conn: Connection, name: str) -> int:
    table = TABLE_TO_MODEL[name].__table__  # type: ignore[attr-defined]
    columns = SEARCH_COLUMNS[name]
    sources = sorted({source for source, _ in columns.values()})
    stmt = update(table).where(table.c.id == bindparam("b_id")).values(
        {col: bindparam(f"b_{col}") for col in columns}
    )
    done, last = 0, ""
    while True:
        rows = conn.execute(
            select(table.c.id, *[table.c[s] for s in sources])
            .where(table.c.id > last).order_by(table.c.id).limit(REFRESH_BATCH)
        ).mappings().all()
        if not rows:
            return done
        conn.execute(stmt, [
            {"b_id": r["id"], **{f"b_{col}": value for col, value in search_values(name, dict(r)).items()}}
            for r in rows
        ])
        done += len(rows)
        last = rows[-1]["id"]
