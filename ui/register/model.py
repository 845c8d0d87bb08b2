"""The register's entries as a Qt table model: in Ukrainian order of the names, searched and paged
in SQL (``app.services.register.listing``), ``PAGE_SIZE`` rows at a time as the view scrolls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt

from app.services.context import AppContext
from app.services.register import listing
from app.services.register.listing import EntryRow

from ui import i18n
from ui.widgets import labels
from ui.widgets.paged_model import Index, KeysetPagedModel

PAGE_SIZE = 200

COL_NUMBER = 0
COL_NAME = 1
COL_BORN = 2
COL_SEX = 3
COL_UNIT = 4
COL_DISAPPEARED_ON = 5
COL_PLACE = 6
COLUMN_COUNT = 7  # the citizenship, the circumstances and the rest: in the entry beside the table

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ENTRY_ID = int(ENTRY_ID_ROLE)


def date_text(value: str) -> str:
    """A stored date (ISO, or a year alone) as the user's language writes dates."""
    try:
        return i18n.format_date(dt.date.fromisoformat(value)) if len(value) == 10 else value
    except ValueError:
        return value


class RegisterTableModel(KeysetPagedModel):
    """Rows of ``EntryRow`` matching one search; more pages are fetched as the view scrolls."""

    PAGE_SIZE = PAGE_SIZE
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, parent)
        self._search = ""

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Show the entries matching ``text`` (all of them when empty), from the first page."""
        self._search = text
        self._reload()

    def refresh(self) -> None:
        self.set_search(self._search)

    def _fetch(self, after: Any, limit: int) -> tuple[list[EntryRow], Any]:
        page = listing.list_entries(self._ctx, self._search, after=after, limit=limit)
        return page.rows, page.next_key

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = index.row()
        if r < 0 or r >= len(self._rows) or not index.isValid():
            return None
        role = int(role)
        if role == _DISPLAY:
            return self._cells[r][index.column()]
        if role == _TOOLTIP and index.column() in (COL_NAME, COL_PLACE, COL_UNIT):
            return self._cells[r][index.column()] or None
        if role == _ENTRY_ID:
            return self._rows[r].id
        return None

    def _texts(self, row: EntryRow) -> tuple[str, ...]:
        return (
            row.register_number,
            row.full_name,
            date_text(row.birth_date),
            labels.sex(row.sex) if row.sex else "",
            row.military_unit,
            date_text(row.disappeared_on),
            row.disappeared_place,
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_NUMBER: self.tr("Register number"),
            COL_NAME: self.tr("Name"),
            COL_BORN: self.tr("Born"),
            COL_SEX: self.tr("Sex"),
            COL_UNIT: self.tr("Military unit"),
            COL_DISAPPEARED_ON: self.tr("Missing since"),
            COL_PLACE: self.tr("Place of disappearance"),
        }.get(section)
