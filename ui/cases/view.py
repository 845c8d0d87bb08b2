"""The case list: search, count and a paged table; Enter or a double-click opens the case file."""

from __future__ import annotations

from dataclasses import replace

from shiboken6 import isValid

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.cases import listing
from app.services.cases.listing import CaseQuery
from app.services.context import AppContext

from ui.cases.detail import CaseDetailDialog
from ui.cases.model import (
    COL_BAG,
    COL_CASE_NO,
    COL_CATEGORY,
    COL_LOCATION,
    COL_NAME,
    COL_RECEIVED,
    COL_ROUND,
    COL_STATUS,
    COL_TAG,
    CaseTableModel,
)
from ui.widgets import tasks

SEARCH_DELAY_MS = 200

# Initial column widths in average character widths; users can resize them.
_COLUMN_CHARS = {
    COL_CASE_NO: 20,
    COL_TAG: 15,
    COL_BAG: 9,
    COL_NAME: 38,
    COL_CATEGORY: 21,
    COL_STATUS: 12,
    COL_RECEIVED: 19,
    COL_LOCATION: 21,
    COL_ROUND: 16,
}


class CasesView(QWidget):
    """Search field, count and the case table of one round (or of all rounds)."""

    # The case file of this case was opened (its id).
    caseOpened = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._round_id: str | None = None
        self._count_generation = 0
        self._count: int | None = None
        self._dialog: CaseDetailDialog | None = None

        self._search = QLineEdit(self)
        self._search.setObjectName("caseSearch")
        self._search.setPlaceholderText(self.tr("Case number, tag or name — Ctrl+F"))
        self._search.setClearButtonEnabled(True)
        self._search.setAccessibleName(self.tr("Search cases"))
        self._search.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self._search)

        self._count_label = QLabel(self)
        self._count_label.setObjectName("caseCount")
        self._count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error_label = QLabel(self)
        self._error_label.setObjectName("caseListError")
        self._error_label.setWordWrap(True)
        self._error_label.setStyleSheet("color: #b00020;")
        self._error_label.hide()

        self._model = CaseTableModel(ctx, self)
        self._model.loadFailed.connect(self._show_error)
        self._model.modelReset.connect(self._clear_error)

        self._table = QTableView(self)
        self._table.setObjectName("caseTable")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._table.setTabKeyNavigation(False)
        self._table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = self._table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vheader.hide()
        hheader = self._table.horizontalHeader()
        hheader.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hheader.setStretchLastSection(True)
        hheader.setHighlightSections(False)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            self._table.setColumnWidth(column, chars * char + 16)
        self._table.activated.connect(self._open_index)

        # Sorting happens in SQL: the header asks the model, which re-queries.
        self._sort_indicator = (COL_CASE_NO, Qt.SortOrder.AscendingOrder)
        hheader.setSortIndicator(*self._sort_indicator)
        self._model.set_query(CaseQuery())
        self._table.setSortingEnabled(True)
        hheader.sortIndicatorChanged.connect(self._sort_changed)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self._search.textChanged.connect(self._debounce.start)
        self._search.returnPressed.connect(self._search_entered)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self._search, 1)
        top.addSpacing(12)
        top.addWidget(self._count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._error_label)
        layout.addWidget(self._table, 1)
        self.setTabOrder(self._search, self._table)
        self.setFocusProxy(self._search)
        self._update_count()

    # --- public interface -----------------------------------------------------------------

    @property
    def model(self) -> CaseTableModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    @property
    def count(self) -> int | None:
        """The number of cases matching the current search, once counted."""
        return self._count

    def set_round(self, round_id: str | None) -> None:
        """Show the cases of one round, or of every round with ``None``."""
        self._round_id = round_id
        self._debounce.stop()
        self._set_query(replace(self._model.query, round_id=round_id, search=self._search.text().strip()))

    def refresh(self) -> None:
        """Reload the list (new and changed cases appear), keeping the selected case."""
        self._debounce.stop()
        self._set_query(replace(self._model.query, round_id=self._round_id, search=self._search.text().strip()))

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def selected_case_id(self) -> str | None:
        index = self._table.currentIndex()
        return self._model.case_id(index.row()) if index.isValid() else None

    def selected_case_ids(self) -> list[str]:
        """The cases selected in the table (Shift/Ctrl+click), in table order."""
        rows = sorted({index.row() for index in self._table.selectionModel().selectedRows()})
        return [case_id for row in rows if (case_id := self._model.case_id(row))]

    def open_case(self, case_id: str) -> CaseDetailDialog:
        """Open the case file (window-modal, not blocking); the list reloads after a change."""
        dialog = CaseDetailDialog(self._ctx, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.caseChanged.connect(lambda _id: self.refresh())
        self._dialog = dialog
        dialog.open()
        self.caseOpened.emit(case_id)
        return dialog

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._model.retranslate()
            if self._count is not None:
                self._count_label.setText(self._count_text(self._count))
        super().changeEvent(event)

    # --- internals ------------------------------------------------------------------------

    def _set_query(self, query: CaseQuery) -> None:
        keep = self.selected_case_id()
        self._model.set_query(query)
        if keep is not None:
            row = self._model.row_of(keep)
            if row >= 0:
                self._table.selectRow(row)
        self._update_count()

    def _apply_search(self) -> None:
        text = self._search.text().strip()
        if text == self._model.query.search and self._round_id == self._model.query.round_id:
            return
        self._set_query(replace(self._model.query, round_id=self._round_id, search=text))

    def _search_entered(self) -> None:
        """Enter in the search field: search now; one match opens, several go to the table."""
        self._debounce.stop()
        self._apply_search()
        rows = self._model.rowCount()
        if rows == 1:
            case_id = self._model.case_id(0)
            if case_id:
                self._table.selectRow(0)
                self.open_case(case_id)
        elif rows > 1:
            self._focus_table()

    def _focus_table(self) -> None:
        if self._model.rowCount() and not self._table.currentIndex().isValid():
            self._table.selectRow(0)
        self._table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            self._debounce.stop()
            self._apply_search()
            self._focus_table()
            return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        case_id = self._model.case_id(index.row())
        if case_id:
            self.open_case(case_id)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self._table.horizontalHeader()
        if not self._model.is_sortable(column):
            # Only indexed columns sort; put the indicator back where the rows really are.
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            return
        self._sort_indicator = (column, order)

    def _show_error(self, message: str) -> None:
        self._error_label.setText(message)
        self._error_label.show()

    def _clear_error(self) -> None:
        self._error_label.hide()

    def _update_count(self) -> None:
        """Count the matching cases on a worker thread; a newer search supersedes an older count."""
        self._count_generation += 1
        generation = self._count_generation
        query = self._model.query
        ctx = self._ctx
        if self._count is None:
            self._count_label.setText(self.tr("Counting…"))

        def done(result: object) -> None:
            if not isValid(self) or generation != self._count_generation or not isinstance(result, int):
                return
            self._count = result
            self._count_label.setText(self._count_text(result))

        def failed(exc: BaseException) -> None:
            if not isValid(self) or generation != self._count_generation:
                return
            self._count_label.setText("")
            if isinstance(exc, RepatError):
                self._show_error(str(exc))

        tasks.start(lambda _progress, _token: listing.count_cases(ctx, query), done, failed)

    def _count_text(self, n: int) -> str:
        if n == 1:
            return self.tr("1 case")
        return self.tr("%Ln cases", "", n)
