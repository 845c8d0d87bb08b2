"""The case list as a Qt table model: sorted and filtered in SQL, paged with a keyset cursor.

The model never holds more rows than the user has scrolled to: ``canFetchMore``/``fetchMore``
pull the next page of ``PAGE_SIZE`` rows from ``app.services.cases.listing.list_cases``. There is no
proxy model; ``sort`` re-queries.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.errors import RepatError
from app.services.cases import listing
from app.services.cases.listing import CaseQuery, CaseRow
from app.services.context import AppContext

from ui.cases.fields import local_time
from ui.widgets import labels

PAGE_SIZE = 200

COL_CASE_NO = 0
COL_TAG = 1
COL_BAG = 2
COL_NAME = 3
COL_CATEGORY = 4
COL_STATUS = 5
COL_RECEIVED = 6
COL_LOCATION = 7
COL_ROUND = 8
COLUMN_COUNT = 9

# Columns the database can sort by (an index or a cheap key), and the service's sort key.
SORT_KEYS: dict[int, str] = {
    COL_CASE_NO: "case_number",
    COL_RECEIVED: "received_at",
    COL_TAG: "sender_tag",
    COL_NAME: "claimed_name",
}

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OFF_MANIFEST_ROLE = Qt.ItemDataRole.UserRole + 2

# data() runs for every role of every visible cell on each repaint: compare plain ints.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CASE_ID = int(CASE_ID_ROLE)
_OFF_MANIFEST = int(OFF_MANIFEST_ROLE)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

OFF_MANIFEST_BACKGROUND = QColor(255, 221, 150)  # amber
OFF_MANIFEST_FOREGROUND = QColor(40, 30, 0)

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Rows of ``CaseRow`` for one ``CaseQuery``; more pages are fetched as the view scrolls."""

    # A service failed while loading rows (one sentence for the user).
    loadFailed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = CaseQuery()
        self._rows: list[CaseRow] = []
        self._cells: list[tuple[str, ...]] = []  # display texts, made once per loaded row
        self._next_key: tuple[Any, str] | None = None
        self._loaded = False
        self._background = QBrush(OFF_MANIFEST_BACKGROUND)
        self._foreground = QBrush(OFF_MANIFEST_FOREGROUND)
        self._warning_icon: QIcon | None = None

    # --- the query ------------------------------------------------------------------------

    @property
    def query(self) -> CaseQuery:
        return self._query

    def set_query(self, query: CaseQuery) -> None:
        """Swap in a new query and load its first page."""
        self.beginResetModel()
        try:
            self._query = query
            self._rows = []
            self._cells = []
            self._next_key = None
            self._loaded = True
            self._load_page(None)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        """Reload from the first page (rows added or changed elsewhere become visible)."""
        self.set_query(self._query)

    def _load_page(self, after: tuple[Any, str] | None) -> list[CaseRow]:
        try:
            page = listing.list_cases(self._ctx, self._query, after=after, limit=PAGE_SIZE)
        except RepatError as exc:
            self._next_key = None
            self.loadFailed.emit(str(exc))
            return []
        self._next_key = page.next_key
        if after is None:
            self._rows = list(page.rows)
            self._cells = [self._texts(r) for r in page.rows]
        return page.rows

    # --- paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._next_key is not None

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

    # --- sorting --------------------------------------------------------------------------

    @staticmethod
    def is_sortable(column: int) -> bool:
        return column in SORT_KEYS

    def sort_column(self) -> int:
        for column, key in SORT_KEYS.items():
            if key == self._query.sort:
                return column
        return COL_CASE_NO

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return  # sorting this column would need a full scan; the view keeps the old order
        descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded and key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    # --- the table ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def case_id(self, row: int) -> str | None:
        r = self.row_at(row)
        return r.id if r else None

    def row_of(self, case_id: str) -> int:
        """The row showing ``case_id`` among the loaded rows, or -1."""
        for i, r in enumerate(self._rows):
            if r.id == case_id:
                return i
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Every role not handled here returns None (an invalid QVariant for the view).
        r = index.row()
        if r < 0 or r >= len(self._rows) or not index.isValid():
            return None
        role = int(role)
        if role == _DISPLAY:
            return self._cells[r][index.column()]
        row = self._rows[r]
        if role == _BACKGROUND:
            return self._background if row.off_manifest else None
        if role == _FOREGROUND:
            return self._foreground if row.off_manifest else None
        if role == _DECORATION:
            if index.column() == COL_TAG and row.off_manifest:
                return self._warning()
            return None
        if role == _TOOLTIP:
            if row.off_manifest:
                return self.tr("Not on the sending side's list: recorded as a discrepancy.")
            return None
        if role == _CASE_ID:
            return row.id
        if role == _OFF_MANIFEST:
            return row.off_manifest
        return None

    @staticmethod
    def _texts(row: CaseRow) -> tuple[str, ...]:
        """The displayed text of each column, in column order."""
        return (
            row.case_number,
            row.sender_tag,
            row.bag_number,
            row.claimed_name,
            labels.category(row.category),
            labels.status(row.status),
            local_time(row.received_at),
            row.storage_location,
            row.round_code,
        )

    def retranslate(self) -> None:
        """Make the texts again in the current language (after a language change)."""
        self._cells = [self._texts(r) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def _warning(self) -> QIcon:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if section in SORT_KEYS:
                return self.tr("Click to sort by this column")
            return None
        return None

    def _header(self, section: int) -> str | None:
        headers = {
            COL_CASE_NO: self.tr("Case number"),
            COL_TAG: self.tr("Sender's tag"),
            COL_BAG: self.tr("Bag"),
            COL_NAME: self.tr("Claimed name"),
            COL_CATEGORY: self.tr("Category"),
            COL_STATUS: self.tr("Status"),
            COL_RECEIVED: self.tr("Received"),
            COL_LOCATION: self.tr("Storage location"),
            COL_ROUND: self.tr("Round"),
        }
        return headers.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS
