"""The register's entries: paged in Ukrainian alphabetical order, searched by name or number.

Entries are sorted by the stored collation key of the name (``full_name_key``, ``app.names``) and
paged with a keyset cursor ``(key, id)``, as the case list is, so a page deep in the list costs
what the first one does. A search matches the start of the name in either script and any common
transliteration (``app.names.prefix_folds`` on ``full_name_fold``) or the start of the register
number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.names import prefix_folds
from app.persistence.models import MissingPerson
from app.persistence.queries import prefix_match
from app.services.context import CAN_READ_REGISTER, AppContext


@dataclass(frozen=True)
class EntryRow:
    """An entry as the register's list shows it."""

    id: str
    register_number: str
    full_name: str
    birth_date: str
    sex: str
    citizenship: str
    military_unit: str
    disappeared_on: str
    disappeared_place: str


@dataclass(frozen=True)
class RegisterEntry(EntryRow):
    """An entry with everything the application says."""

    circumstances: str
    distinguishing_marks: str
    relatives_sampled: str
    notes: str
    import_batch: str | None
    updated_at: datetime


@dataclass(frozen=True)
class EntryPage:
    rows: list[EntryRow]
    next_key: tuple[bytes, str] | None  # keyset cursor for the following page


_ROW_COLUMNS = (
    MissingPerson.id, MissingPerson.register_number, MissingPerson.full_name, MissingPerson.birth_date,
    MissingPerson.sex, MissingPerson.citizenship, MissingPerson.military_unit, MissingPerson.disappeared_on,
    MissingPerson.disappeared_place,
)


def _conditions(session: Session, search: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [MissingPerson.deleted.is_(False)]
    text_ = " ".join(search.split())
    if text_:
        numbers = dict.fromkeys([text_, text_.upper()])
        conditions.append(or_(
            *(prefix_match(session, MissingPerson.register_number, n) for n in numbers),
            *(prefix_match(session, MissingPerson.full_name_fold, fold) for fold in prefix_folds(text_)),
        ))
    return conditions


def _page_query(session: Session, search: str, after: tuple[bytes, str] | None) -> Select[Any]:
    stmt = select(*_ROW_COLUMNS, MissingPerson.full_name_key).where(*_conditions(session, search))
    if after is not None:
        key, last_id = after
        stmt = stmt.where(
            tuple_(MissingPerson.full_name_key, MissingPerson.id)
            > tuple_(literal(key, MissingPerson.full_name_key.type), literal(last_id, MissingPerson.id.type))
        )
    return stmt.order_by(MissingPerson.full_name_key, MissingPerson.id)


def list_entries(
    ctx: AppContext, search: str = "", *, after: tuple[bytes, str] | None = None, limit: int = 200
) -> EntryPage:
    """One page of entries in Ukrainian order of their names, continued with ``next_key``."""
    ctx.require(*CAN_READ_REGISTER)
    with ctx.reading() as session:
        rows = session.execute(_page_query(session, search, after).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    page = [EntryRow(*r[:-1]) for r in rows]
    next_key = (bytes(rows[-1][-1]), rows[-1][0]) if more and rows else None
    return EntryPage(page, next_key)


def count_entries(ctx: AppContext, search: str = "") -> int:
    """How many entries match ``search`` (all of them without one)."""
    ctx.require(*CAN_READ_REGISTER)
    with ctx.reading() as session:
        stmt = select(func.count()).select_from(MissingPerson).where(*_conditions(session, search))
        return int(session.scalar(stmt) or 0)


def get_entry(ctx: AppContext, entry_id: str) -> RegisterEntry:
    """Everything one entry says."""
    ctx.require(*CAN_READ_REGISTER)
    with ctx.reading() as session:
        p = session.get(MissingPerson, entry_id)
        if p is None or p.deleted:
            raise NotFound("The register has no such entry.")
        return RegisterEntry(
            p.id, p.register_number, p.full_name, p.birth_date, p.sex, p.citizenship, p.military_unit,
            p.disappeared_on, p.disappeared_place, p.circumstances, p.distinguishing_marks, p.relatives_sampled,
            p.notes, p.import_batch, p.updated_at,
        )
