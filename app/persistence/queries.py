"""Dialect-specific pieces behind one function each, so services stay portable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, and_, literal, select
from sqlalchemy.orm import Session

from app.persistence.models.keys import shown_key, split_alternative_key

PREFIX_END = "\U0010ffff"


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def prefix_match(session: Session, column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix`` (already normalised), using the column's index.

    SQLite compares text by code point (BINARY), so a half-open range uses the index. PostgreSQL
    uses LIKE with the index built with ``text_pattern_ops``.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return and_(column >= literal(prefix), column < literal(prefix + PREFIX_END))
    matched: ColumnElement[bool] = column.like(escape_like(prefix) + "%", escape="\\")
    return matched


def shown_keys(conn: Connection | Session, table: FromClause, column: str, ids: Sequence[str]) -> dict[str, str]:
    """The value each of ``ids`` shows for its natural key ``column``: its own, or its
    alternative when another row holds it too (see ``shown_key``)."""
    shown = shown_key(table, column)
    found: dict[str, str] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 500):
        rows = conn.execute(select(table.c.id, shown).where(table.c.id.in_(unique[start : start + 500])))
        found.update((row[0], row[1]) for row in rows)
    return found


def by_shown_key(
    conn: Connection | Session, table: FromClause, column: str, texts: Sequence[str], *columns: Any
) -> dict[str, tuple[Any, ...]]:
    """``columns`` of the rows shown as each of ``texts`` (a value, or an alternative "…~3F9A"),
    keyed by the text as shown; of rows sharing a value, the plain value is the one that shows it."""
    recorded = set()
    for t in texts:
        parts = split_alternative_key(t)
        recorded.add(parts[0] if parts else t.strip().upper())
    shown = shown_key(table, column)
    found: dict[str, tuple[Any, ...]] = {}
    unique = sorted(recorded)
    for start in range(0, len(unique), 500):
        for row in conn.execute(select(shown, *columns).where(table.c[column].in_(unique[start : start + 500]))):
            found[row[0]] = tuple(row[1:])
    return found


def alternative_match(table: FromClause, column: str, text_: str) -> ColumnElement[bool] | None:
    """The row shown as ``text_`` when ``text_`` is an alternative number ("…~3F9A"), else None.
    The recorded value is compared first, so the column's index finds the few candidates."""
    parts = split_alternative_key(text_)
    if parts is None:
        return None
    value, _tail = parts
    matched: ColumnElement[bool] = and_(table.c[column] == value, shown_key(table, column) == text_.strip().upper())
    return matched
