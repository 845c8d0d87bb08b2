"""The missing-persons register's window: the entries in Ukrainian order with a search field, the
selected entry in full beside them, and *Import register…* (supervisors).

``RegisterWindow(ctx, parent)`` is a non-modal window; the main window keeps one and brings it
forward when asked again. The table is paged in SQL as it scrolls; the count is made off the
GUI thread.
"""

from __future__ import annotations

import html

from shiboken6 import isValid

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import CAN_IMPORT_REGISTER, AppContext
from app.services.register import listing
from app.services.register.listing import RegisterEntry

from ui.register import model as m
from ui.register.import_dialog import RegisterImportDialog
from ui.register.model import RegisterTableModel, date_text
from ui.widgets import labels, tasks
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

SEARCH_DELAY_MS = 200
_COLUMN_CHARS = {m.COL_NUMBER: 16, m.COL_NAME: 35, m.COL_BORN: 12, m.COL_SEX: 8, m.COL_UNIT: 12,
                 m.COL_DISAPPEARED_ON: 13, m.COL_PLACE: 28}


class RegisterWindow(Retranslating, QDialog):
    """The register: search, count, the paged table and the selected entry."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.import_dialog: RegisterImportDialog | None = None
        self._count: int | None = None
        self._count_generation = 0
        self.setObjectName("registerWindow")
        self.setSizeGripEnabled(True)
        self.resize(1280, 720)

        self.search_label = QLabel()
        self.search_field = QLineEdit()
        self.search_field.setObjectName("registerSearch")
        self.search_field.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_field)
        self.count_label = QLabel()
        self.count_label.setObjectName("registerCount")
        self.import_button = QPushButton()
        self.import_button.setObjectName("registerImportButton")
        self.import_button.clicked.connect(self.import_register)
        self.import_button.setVisible(ctx.user is not None and ctx.user.role in CAN_IMPORT_REGISTER)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        self.model = RegisterTableModel(ctx, self)
        self.model.loadFailed.connect(self._show_error)
        self.model.modelReset.connect(self.error_label.hide)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

        self.detail = QTextBrowser()
        self.detail.setObjectName("registerEntry")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([980, 300])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search_field, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search_field.textChanged.connect(self._debounce.start)
        self.search_field.returnPressed.connect(self.apply_search)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(lambda: (self.search_field.setFocus(), self.search_field.selectAll()))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._show_selected)

        self.retranslate()
        self.model.set_search("")
        self._update_count()
        self.search_field.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Missing-persons register"))
        self.search_label.setText(self.tr("&Search:"))
        self.search_field.setPlaceholderText(self.tr("Name in Cyrillic or Latin letters, or register number — Ctrl+F"))
        self.search_field.setAccessibleName(self.tr("Search the register"))
        self.import_button.setText(self.tr("&Import register\u2026"))
        self.import_button.setToolTip(self.tr("Import the register's XLSX or CSV file; entries already here are updated"))
        self.model.retranslate()
        self._size_columns()
        if self._count is not None:
            self.count_label.setText(self._count_text(self._count))
        self._show_selected()

    def _size_columns(self) -> None:
        """Each column as wide as its usual content, or as its header in the current language."""
        metrics = self.table.horizontalHeader().fontMetrics()
        char = self.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(chars * char + 16, metrics.horizontalAdvance(header) + 20))

    # --- searching and counting ----------------------------------------------------------------

    def apply_search(self) -> None:
        self._debounce.stop()
        text = self.search_field.text().strip()
        if text != self.model.search:
            self.model.set_search(text)
            self._update_count()

    def refresh(self) -> None:
        self.model.refresh()
        self._update_count()

    @property
    def count(self) -> int | None:
        return self._count

    def _update_count(self) -> None:
        self._count_generation += 1
        generation = self._count_generation
        ctx, search = self.ctx, self.model.search
        self._count = None
        self.count_label.setText(self.tr("Counting\u2026"))

        def done(result: object) -> None:
            if isValid(self) and generation == self._count_generation and isinstance(result, int):
                self._count = result
                self.count_label.setText(self._count_text(result))

        def failed(exc: BaseException) -> None:
            if isValid(self) and generation == self._count_generation:
                self.count_label.setText("")
                self._show_error(user_message(exc))

        tasks.start(lambda _progress, _token: listing.count_entries(ctx, search), done, failed)

    def _count_text(self, n: int) -> str:
        return self.tr("%Ln entries", "", n)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # --- the selected entry ----------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected()

    def selected_entry_id(self) -> str | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row is not None else None

    def _show_selected(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is None:
            hint = self.tr("Select an entry to see all it says.")
            self.detail.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        try:
            entry = listing.get_entry(self.ctx, entry_id)
        except RepatError as exc:
            self.detail.setPlainText(user_message(exc))
            return
        self.detail.setHtml(self.entry_html(entry))

    def entry_html(self, e: RegisterEntry) -> str:
        facts = [
            (self.tr("Register number"), e.register_number),
            (self.tr("Born"), date_text(e.birth_date)),
            (self.tr("Sex"), labels.sex(e.sex) if e.sex else ""),
            (self.tr("Citizenship"), e.citizenship),
            (self.tr("Military unit"), e.military_unit),
            (self.tr("Missing since"), date_text(e.disappeared_on)),
            (self.tr("Place of disappearance"), e.disappeared_place),
        ]
        texts = [
            (self.tr("Circumstances"), e.circumstances),
            (self.tr("Distinguishing marks"), e.distinguishing_marks),
            (self.tr("Relatives who gave DNA reference samples"), e.relatives_sampled),
            (self.tr("Notes"), e.notes),
        ]
        rows = "".join(
            f"<tr><td style='color:#555; padding-right:8px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in facts if v
        )
        parts = [f"<h3>{html.escape(e.full_name)}</h3><table>{rows}</table>"]
        for title, text in texts:
            if text:
                body = html.escape(text).replace("\n", "<br>")
                parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
        return "".join(parts)

    # --- importing ---------------------------------------------------------------------------------

    def import_register(self) -> None:
        """The import dialog (window-modal); the list is read again after it."""
        dialog = RegisterImportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh() if isValid(self) else None)
        self.import_dialog = dialog
        dialog.open()
