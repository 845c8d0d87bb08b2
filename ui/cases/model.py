"""The case list as a Qt table model: sorted and filtered in SQL, paged with a keyset cursor.

The model never holds more rows than the user has scrolled to: ``canFetchMore``/``fetchMore``
pull the next page of ``PAGE_SIZE`` rows from ``app.services.cases.listing.list_cases``. There is no
proxy model; ``sort`` re-queries.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.services.cases import listing
from app.services.cases.listing import CaseQuery, CaseRow
from app.services.context import AppContext

from ui.cases.fields import local_time
from ui.widgets import labels
from ui.widgets.paged_model import Index, KeysetPagedModel

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

OFF_MANIFEST_BACKGROUND = QColor(255, 221, 150)  # amber
OFF_MANIFEST_FOREGROUND = QColor(40, 30, 0)

class CaseTableModel(KeysetPagedModel):
    """Rows of ``CaseRow`` for one ``CaseQuery``; more pages are fetched as the view scrolls."""

    PAGE_SIZE = PAGE_SIZE
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, parent)
        self._query = CaseQuery()
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
        self._query = query
        self._loaded = True
        self._reload()

    def refresh(self) -> None:
        """Reload from the first page (rows added or changed elsewhere become visible)."""
        self.set_query(self._query)

    def _fetch(self, after: Any, limit: int) -> tuple[list[CaseRow], Any]:
        page = listing.list_cases(self._ctx, self._query, after=after, limit=limit)
        return page.rows, page.next_key

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

    def _texts(self, row: CaseRow) -> tuple[str, ...]:
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
