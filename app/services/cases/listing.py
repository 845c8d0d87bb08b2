"""The case list: cases sorted, filtered and paged in SQL (keyset cursor), and their count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from app.domain import normalize_tag
from app.errors import ValidationError
from app.lookalikes import number_reading
from app.names import prefix_folds
from app.persistence.models import Case, Round
from app.persistence.models.keys import shown_key
from app.persistence.queries import alternative_match, prefix_match
from app.services.context import AppContext


@dataclass(frozen=True)
class CaseRow:
    id: str
    case_number: str
    round_code: str
    sender_tag: str
    bag_number: str
    claimed_name: str
    category: str
    status: str
    off_manifest: bool
    storage_location: str
    received_at: datetime


SortKey = Literal["case_number", "received_at", "sender_tag", "claimed_name"]
SORT_COLUMNS: dict[str, Any] = {
    "case_number": Case.case_number,
    "received_at": Case.received_at,
    "sender_tag": Case.sender_tag_norm,
    "claimed_name": Case.claimed_name_key,  # Ukrainian alphabetical order (app.names.sort_key)
}


@dataclass(frozen=True)
class CaseQuery:
    round_id: str | None = None
    search: str = ""
    sort: str = "case_number"
    descending: bool = False


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    next_key: tuple[Any, str] | None  # keyset cursor for the following page


def _conditions(session: Session, query: CaseQuery) -> list[ColumnElement[bool]]:
    """The WHERE terms of a case query; they name only ``cases`` columns."""
    conditions: list[ColumnElement[bool]] = [Case.deleted.is_(False)]
    if query.round_id:
        conditions.append(Case.round_id == query.round_id)
    text_ = query.search.strip()
    if text_:
        number = number_reading(text_)  # a number typed with look-alike letters or in the other layout
        alternative = alternative_match(Case.__table__, "case_number", number)
        conditions.append(
            or_(
                *([alternative] if alternative is not None else []),
                prefix_match(session, Case.case_number, number),
                prefix_match(session, Case.sender_tag_norm, normalize_tag(text_)),
                # a name in either script and any common transliteration (app.names)
                *(prefix_match(session, column, fold)
                  for fold in prefix_folds(text_)
                  for column in (Case.claimed_name_fold, Case.claimed_name_given, Case.established_name_fold)),
            )
        )
    return conditions


def _filtered(session: Session, query: CaseQuery) -> Select[Any]:
    return (
        select(
            Case.id, shown_key(Case.__table__, "case_number").label("case_number"), Round.code, Case.sender_tag,
            Case.bag_number, Case.claimed_name, Case.category, Case.status, Case.off_manifest, Case.storage_location,
            Case.received_at,
        )
        .join(Round, Round.id == Case.round_id)
        .where(*_conditions(session, query))
    )


def list_cases(
    ctx: AppContext, query: CaseQuery, *, after: tuple[Any, str] | None = None, limit: int = 200
) -> CasePage:
    """One page of cases, sorted and filtered in SQL, continued with a keyset cursor.

    The cursor is compared as a row value, ``(sort column, id) > (last value, last id)``, which
    both SQLite and PostgreSQL answer from the ``(column, id)`` index: a page deep in the list
    costs what the first one does.
    """
    ctx.require()
    column = SORT_COLUMNS.get(query.sort)
    if column is None:
        raise ValidationError(f"Cannot sort by {query.sort}.")
    with ctx.reading() as session:
        stmt = _filtered(session, query)
        if after is not None:
            value, last_id = after
            key = tuple_(column, Case.id)
            bound = tuple_(literal(value, column.type), literal(last_id, Case.id.type))
            stmt = stmt.where(key < bound if query.descending else key > bound)
        order = (column.desc(), Case.id.desc()) if query.descending else (column.asc(), Case.id.asc())
        sort_value = column.label("sort_value")
        rows = session.execute(stmt.add_columns(sort_value).order_by(*order).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    page = [CaseRow(*r[:11]) for r in rows]
    next_key = (rows[-1][-1], rows[-1][0]) if more and rows else None
    return CasePage(page, next_key)


def count_cases(ctx: AppContext, query: CaseQuery) -> int:
    """How many cases match (counted from the indexes, without reading the rows when it can)."""
    ctx.require()
    with ctx.reading() as session:
        stmt = select(func.count()).select_from(Case).where(*_conditions(session, query))
        return int(session.scalar(stmt) or 0)
