"""What the sync engine knows about the synced tables: their order, keys, column types and the
round each row belongs to."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from operator import is_not
from typing import Any

from sqlalchemy import Table
from sqlalchemy.sql import sqltypes

from app.persistence.models import TABLE_TO_MODEL, Base
from app.persistence.models.keys import KEY_CLASH
from app.persistence.search import NAMES as SEARCH_FORMS
from app.persistence.versioning import BOOKKEEPING

Converter = Callable[[Any], Any]

# Columns a snapshot never holds: the local copy's bookkeeping, and derived local state.
NOT_SYNCED = BOOKKEEPING | {KEY_CLASH} | SEARCH_FORMS

# Natural keys that two installations may both issue (see ``KEY_CLASH`` in the models), with the
# reason a shared value is flagged under.
NATURAL_KEYS: dict[str, str] = {"devices": "code", "cases": "case_number", "certificates": "number"}
SHARED_KEY_REASONS: dict[str, str] = {
    "devices": "same_device_code", "cases": "same_case_number", "certificates": "same_certificate_number",
}


def _to_datetime(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _to_date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _to_bytes(value: Any) -> Any:
    return bytes.fromhex(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class TableInfo:
    name: str
    table: Table
    columns: tuple[str, ...]  # snapshot columns, in table order
    column_set: frozenset[str]
    converters: tuple[tuple[str, Converter], ...]  # only the columns whose JSON form differs
    defaults: dict[str, Any]  # for columns a snapshot from an older Repat lacks
    foreign_keys: tuple[tuple[str, str], ...]  # (column, referenced table)
    self_keys: tuple[str, ...]  # columns referring to the same table

    def to_row(self, snapshot: dict[str, Any]) -> dict[str, Any]:
        """Column values for the table from a snapshot (a new dict)."""
        if snapshot.keys() == self.column_set:
            row = dict(snapshot)
        else:
            row = {c: snapshot.get(c, self.defaults.get(c)) for c in self.columns}
        for name, conv in self.converters:
            value = row[name]
            if value is not None:
                row[name] = conv(value)
        return row


def _default_of(column: Any) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    if default is not None and getattr(default, "is_callable", False):
        try:
            return default.arg(None)
        except TypeError:
            return None
    return None


@cache
def table_info(name: str) -> TableInfo:
    table = Base.metadata.tables[name]
    columns = tuple(c.name for c in table.columns if c.name not in NOT_SYNCED)
    converters: list[tuple[str, Converter]] = []
    defaults: dict[str, Any] = {}
    fks: list[tuple[str, str]] = []
    for c in table.columns:
        if c.name in NOT_SYNCED:
            continue
        if isinstance(c.type, sqltypes.DateTime):
            converters.append((c.name, _to_datetime))
        elif isinstance(c.type, sqltypes.Date):
            converters.append((c.name, _to_date))
        elif isinstance(c.type, sqltypes.LargeBinary):
            converters.append((c.name, _to_bytes))
        defaults[c.name] = _default_of(c)
        for fk in c.foreign_keys:
            fks.append((c.name, fk.column.table.name))
    return TableInfo(
        name, table, columns, frozenset(columns), tuple(converters), defaults, tuple(fks),
        tuple(col for col, target in fks if target == name),
    )


@cache
def table_order() -> tuple[str, ...]:
    """Synced tables, referenced tables first."""
    return tuple(t.name for t in Base.metadata.sorted_tables if t.name in TABLE_TO_MODEL)


def synced_tables() -> tuple[str, ...]:
    return table_order()


# How a row finds its round, for laptops that receive only some rounds:
# ("self",) the row is a round; ("field", col) the round id is in the row;
# ("via", col, table) the row belongs to the record in ``col`` (a case or certificate).
ROUND_SCOPE_OVERRIDES: dict[str, tuple[str, ...]] = {
    "rounds": ("self",),
    "certificate_cases": ("via", "certificate_id", "certificates"),
}


@cache
def round_scope(table: str) -> tuple[str, ...] | None:
    """How rows of ``table`` find their round (None: not scoped by round)."""
    if table in ROUND_SCOPE_OVERRIDES:
        return ROUND_SCOPE_OVERRIDES[table]
    columns = Base.metadata.tables[table].c
    if "round_id" in columns:
        return ("field", "round_id")
    if "case_id" in columns:
        return ("via", "case_id", "cases")
    if "certificate_id" in columns:
        return ("via", "certificate_id", "certificates")
    return None


# --- SQLite's storage form, for the bulk path that bypasses SQLAlchemy's type processing ------


def sqlite_datetime(value: str | None) -> str | None:
    """An ISO datetime as SQLAlchemy stores it in SQLite (``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    if value is None:
        return None
    if len(value) == 23 and value[10] == "T" and value[19] == ".":
        return value[:10] + " " + value[11:] + "000"
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_json(value: Any) -> str | None:
    import json

    return None if value is None else json.dumps(value)


def _sqlite_bytes(value: Any) -> Any:
    return bytes.fromhex(value) if isinstance(value, str) else value


@cache
def sqlite_converters(name: str) -> tuple[tuple[int, Converter], ...]:
    """(position in ``columns``, converter) for the columns whose JSON form is not SQLite's.
    Each converter passes None through."""
    info = table_info(name)
    out: list[tuple[int, Converter]] = []
    for i, c in enumerate(info.columns):
        t = info.table.c[c].type
        if isinstance(t, sqltypes.DateTime):
            out.append((i, sqlite_datetime))
        elif isinstance(t, sqltypes.JSON):
            out.append((i, _sqlite_json))
        elif isinstance(t, sqltypes.LargeBinary):
            out.append((i, _sqlite_bytes))
    return tuple(out)


@cache
def _getter(name: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    info = table_info(name)
    get = operator.itemgetter(*info.columns)
    if len(info.columns) == 1:
        return lambda snap: (get(snap),)
    return get  # type: ignore[return-value]


def sqlite_values(name: str, snapshot: dict[str, Any]) -> list[Any]:
    """The snapshot's values in ``table_info(name).columns`` order, in SQLite's storage form."""
    return list(sqlite_rows(name, [snapshot])[0])


def sqlite_columns(
    name: str, snapshots: Sequence[dict[str, Any]], *, convert_datetimes: bool = True
) -> list[Sequence[Any]]:
    """The snapshots' values column by column (``table_info(name).columns`` order), in SQLite's
    storage form (datetimes left as in the snapshot unless ``convert_datetimes``). Built with
    C-level iteration (item getters, ``zip``, ``map``): an import turns 10^5 snapshots into rows
    this way."""
    info = table_info(name)
    if not snapshots:
        return [() for _ in info.columns]
    get = _getter(name)
    try:
        values = list(map(get, snapshots))
    except KeyError:  # snapshots from another version of Repat: defaults for what they lack
        defaults, wanted = info.defaults, info.column_set
        values = [
            get(snap) if wanted <= snap.keys() else tuple(snap.get(c, defaults.get(c)) for c in info.columns)
            for snap in snapshots
        ]
    columns: list[Sequence[Any]] = list(zip(*values, strict=True))
    for i, conv in sqlite_converters(name):
        if convert_datetimes or conv is not sqlite_datetime:
            columns[i] = list(map(conv, columns[i]))
    return columns


@cache
def datetime_positions(name: str) -> tuple[int, ...]:
    return tuple(i for i, conv in sqlite_converters(name) if conv is sqlite_datetime)


SQLITE_DATETIME_PARAM = "replace(?, 'T', ' ') || '000'"


def sqlite_params(name: str, columns: list[Sequence[Any]]) -> list[str]:
    """The parameter markers for ``columns`` (as from ``sqlite_columns`` without converting the
    datetimes): SQLite turns datetimes in the snapshots' form ("YYYY-MM-DDTHH:MM:SS.mmm", all
    of them usually) into its storage form itself; others are converted here, in place."""
    marks = ["?"] * len(columns)
    for i in datetime_positions(name):
        present = list(filter(partial(is_not, None), columns[i]))
        if not present:
            continue
        if set(map(len, present)) == {23} and set(map(operator.itemgetter(10, 19), present)) == {("T", ".")}:
            marks[i] = SQLITE_DATETIME_PARAM
        else:
            columns[i] = list(map(sqlite_datetime, columns[i]))
    return marks


def sqlite_rows(name: str, snapshots: Sequence[dict[str, Any]], *extra: Sequence[Any]) -> list[tuple[Any, ...]]:
    """One tuple per snapshot: its columns in SQLite's storage form, then the ``extra`` columns."""
    return list(zip(*sqlite_columns(name, snapshots), *extra, strict=True))
