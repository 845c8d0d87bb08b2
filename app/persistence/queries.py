"""Dialect-specific pieces behind one function each, so services stay portable."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, literal
from sqlalchemy.orm import Session

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
