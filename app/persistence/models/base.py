"""The declarative base every table builds on, with its naming convention, and ``SyncedMixin``:
the columns every synced row carries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from app.ids import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _uuid_pk() -> Mapped[str]:
    return mapped_column(String(UUID_LEN), primary_key=True, default=uuid7)


class SyncedMixin:
    """Columns every synced row carries.

    ``rev`` counts local saves and is the optimistic-lock column: a save based on an older
    ``rev`` fails instead of overwriting someone else's edit. ``head_version`` points to the
    newest row version, ``hlc`` is its clock stamp.
    """

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=uuid7)
    rev: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    head_version: Mapped[str | None] = mapped_column(String(UUID_LEN))
    hlc: Mapped[str | None] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(UUID_LEN))

    # Columns of the table that are this database's own derived state: left out of the ORM
    # mapping, so they are never part of a row version's snapshot (see ``KEY_CLASH``).
    local_columns: ClassVar[tuple[str, ...]] = ()
    # Search forms of a column, kept beside it for indexed search and sorting: column -> (source
    # column, how it is made from the source). Mapped, so an ORM save fills them (see
    # ``app.persistence.search``), but never part of a snapshot: they are this database's index
    # of the record, computed again wherever a record is written.
    search_columns: ClassVar[dict[str, tuple[str, Callable[[str | None], Any]]]] = {}

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.rev, "exclude_properties": list(cls.local_columns)}
