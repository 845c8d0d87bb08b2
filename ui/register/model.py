"""The register's entries as a Qt table model: in Ukrainian order of the names, searched and paged
in SQL (``app.services.register.listing``), ``PAGE_SIZE`` rows at a time as the view scrolls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.errors import RepatError
from app.services.context import AppContext
from app.services.register import listing
from app.services.register.listing import EntryRow

from ui import i18n
from ui.widgets import labels

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
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

Index = QModelIndex | QPersistentModelIndex


def date_text(value: str) -> str:
    """A stored date (ISO, or a year alone) as the user's language writes dates."""
    try:
        return i18n.format_date(dt.date.fromisoformat(value)) if len(value) == 10 else value
    except ValueError:
        return value


class RegisterTableModel(QAbstractTableModel):
    """Rows of ``EntryRow`` matching one search; more pages are fetched as the view scrolls."""

    loadFailed = Signal(str)  # a service failed while loading rows (one sentence for the user)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._search = ""
        self._rows: list[EntryRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._next_key: tuple[bytes, str] | None = None

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Show the entries matching ``text`` (all of them when empty), from the first page."""
        self.beginResetModel()
        try:
            self._search = text
            self._rows, self._cells, self._next_key = [], [], None
            self._load_page(None)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        self.set_search(self._search)

    def _load_page(self, after: tuple[bytes, str] | None) -> list[EntryRow]:
        try:
            page = listing.list_entries(self._ctx, self._search, after=after, limit=PAGE_SIZE)
        except RepatError as exc:
            self._next_key = None
            self.loadFailed.emit(str(exc))
            return []
        self._next_key = page.next_key
        if after is None:
            self._rows = list(page.rows)
            self._cells = [self._texts(r) for r in page.rows]
        return page.rows

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next_key is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._next_key is None:
            return
        rows = self._load_page(self._next_key)
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._cells.extend(self._texts(r) for r in rows)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_at(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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

    @staticmethod
    def _texts(row: EntryRow) -> tuple[str, ...]:
        return (
            row.register_number,
            row.full_name,
            date_text(row.birth_date),
            labels.sex(row.sex) if row.sex else "",
            row.military_unit,
            date_text(row.disappeared_on),
            row.disappeared_place,
        )

    def retranslate(self) -> None:
        self._cells = [self._texts(r) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
