"""Per-device sequences (case and certificate numbers), safe under concurrent writers."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.persistence.models import Counter


def next_value(session: Session, name: str) -> int:
    """Increment and return the counter ``name`` inside the caller's transaction.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) first, so two writers
    can never read the same value.
    """
    for _attempt in range(3):
        value = session.scalar(
            update(Counter).where(Counter.name == name).values(value=Counter.value + 1).returning(Counter.value)
        )
        if value is not None:
            return int(value)
        try:
            with session.begin_nested():
                session.execute(insert(Counter).values(name=name, value=1))
            return 1
        except IntegrityError:
            continue  # another writer created it first: increment theirs
    raise RuntimeError(f"could not advance counter {name}")


def peek(session: Session, name: str) -> int:
    return int(session.scalar(select(Counter.value).where(Counter.name == name)) or 0)


def next_unused(session: Session, name: str, number: Callable[[int], str], column: InstrumentedAttribute[str]) -> str:
    """The number made by ``number`` from the next value of counter ``name`` that no row holds in
    ``column`` yet (live or deleted). A laptop set up again under its old device code starts its
    counters afresh; once it has received the records it issued before, the counter moves past
    their numbers instead of issuing one of them a second time."""
    while True:
        candidate = number(next_value(session, name))
        if session.scalar(select(column).where(column == candidate).limit(1)) is None:
            return candidate
