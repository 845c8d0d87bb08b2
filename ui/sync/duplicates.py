"""Probable duplicates: two cases that look like the same remains (the same sender's tag in one
round, or the same bag), and two records holding a number or code that should be unique (a case
or certificate number, a device code, issued again by a laptop set up anew under its old device
code); flagged by the merge, which keeps both, and never merged by it.

``DuplicatesDialog(ctx)`` lists the pairs and shows the two records side by side (case number,
tag, bag, round, claimed name, category, received at and by). A supervisor links them as the same
remains (the later case points to the earlier one; both stay) or dismisses the flag, after a
confirmation. Other roles see the list read-only. ``changed`` is emitted after each decision.
"""

from __future__ import annotations

from typing import Any

import shiboken6

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.cases import case_file
from app.services.context import AppContext
from app.services.sync.duplicates import (
    DuplicateInfo,
    DuplicateSide,
    dismiss_duplicate,
    link_duplicates,
    list_duplicates,
)

from ui.cases import fields as case_fields
from ui.sync.common import duplicate_reasons, duplicate_status, is_supervisor, local_time, record_kind
from ui.widgets import labels, tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import ListTableModel
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

AnyIndex = QModelIndex | QPersistentModelIndex

# the rows of the side-by-side comparison of two cases: (key, shown as)
CASE_ROWS = ("case_number", "sender_tag", "bag_number", "round", "claimed_name", "category", "received_at",
             "received_by", "same_remains_as")


class DuplicatesModel(ListTableModel):
    COL_ROUND, COL_REASON, COL_A, COL_B, COL_STATUS, COL_DETECTED = range(6)

    def duplicate(self, row: int) -> DuplicateInfo:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Round"), self.tr("Why"), self.tr("First record"), self.tr("Second record"),
                self.tr("Status"), self.tr("Flagged"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        col = index.column()
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == self.COL_ROUND:
            return d.scope
        if col == self.COL_REASON:
            return duplicate_reasons(d.reasons)
        if col == self.COL_A:
            return f"{record_kind(d.table)} {d.a.label}"
        if col == self.COL_B:
            return f"{record_kind(d.table)} {d.b.label}"
        if col == self.COL_STATUS:
            return duplicate_status(d.status)
        if col == self.COL_DETECTED:
            return local_time(d.detected_at)
        return None


class DuplicatesDialog(Retranslating, QDialog):
    changed = Signal()
    sidesLoaded = Signal()

    SHOW_OPEN, SHOW_LINKED, SHOW_DISMISSED, SHOW_ALL = "open", "linked", "dismissed", ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.ctx = ctx
        self.can_decide = is_supervisor(ctx)
        self.loaded = False
        self.busy = False
        self._generation = 0
        self._side_generation = 0
        self._received: dict[str, str] = {}  # case id -> "who on which device"
        self.setSizeGripEnabled(True)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(1000, 640)

    # -- construction --

    def _build(self) -> None:
        self.show_label = QLabel(self)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("duplicateFilter")
        for key in (self.SHOW_OPEN, self.SHOW_LINKED, self.SHOW_DISMISSED, self.SHOW_ALL):
            self.show_combo.addItem("", key)
        self.show_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_label.setBuddy(self.show_combo)
        self.read_only_note = QLabel(self)
        self.read_only_note.setVisible(not self.can_decide)
        top = QHBoxLayout()
        top.addWidget(self.show_label)
        top.addWidget(self.show_combo)
        top.addSpacing(16)
        top.addWidget(self.read_only_note)
        top.addStretch(1)

        self.model = DuplicatesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("duplicatesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.compare = QTableWidget(0, 2, self)
        self.compare.setObjectName("duplicateComparison")
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.compare.setWordWrap(False)

        self.note = QLineEdit(self)
        self.note.setObjectName("decisionNote")
        self.note.setMaxLength(1000)
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note)
        self.link_button = QPushButton(self)
        self.link_button.setObjectName("linkDuplicates")
        self.link_button.clicked.connect(self.link_current)
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("dismissDuplicate")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.open_a_button = QPushButton(self)
        self.open_a_button.clicked.connect(lambda: self._open_side(0))
        self.open_b_button = QPushButton(self)
        self.open_b_button.clicked.connect(lambda: self._open_side(1))
        decide = QHBoxLayout()
        decide.addWidget(self.note_label)
        decide.addWidget(self.note, 1)
        decide.addWidget(self.link_button)
        decide.addWidget(self.dismiss_button)
        for widget in (self.note_label, self.note, self.link_button, self.dismiss_button):
            widget.setVisible(self.can_decide)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.compare, 1)
        lower_layout.addLayout(decide)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.status = QLabel(self)
        self.status.setObjectName("duplicatesStatus")
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.open_a_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_b_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.link_button, self.dismiss_button, self.open_a_button, self.open_b_button):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_current()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Probable duplicates"))
        self.show_label.setText(self.tr("S&how:"))
        for i, text in enumerate((self.tr("Open"), self.tr("Linked as the same remains"), self.tr("Dismissed"),
                                  self.tr("All"))):
            self.show_combo.setItemText(i, text)
        self.read_only_note.setText(self.tr("Only a supervisor can link or dismiss; you see them read-only."))
        self.note_label.setText(self.tr("&Note:"))
        self.note.setPlaceholderText(self.tr("why (optional), e.g. the DNA report number"))
        self.link_button.setText(self.tr("&Link as the same remains…"))
        self.dismiss_button.setText(self.tr("&Dismiss…"))
        self.open_a_button.setText(self.tr("Open &first"))
        self.open_b_button.setText(self.tr("Open &second"))
        self._fill_comparison()
        self._show_status()

    # -- loading --

    def reload(self, select: str | None = None) -> None:
        self._generation += 1
        generation = self._generation
        ctx = self.ctx
        status = self.show_combo.currentData() or None
        current = self.current()
        keep = select or (current.id if current else None)
        self.loaded = False
        self.status.setText(self.tr("Loading…"))

        def done(rows: object) -> None:
            if not shiboken6.isValid(self) or generation != self._generation or not isinstance(rows, list):
                return
            self._loaded(rows, keep)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.status.setText(user_message(exc))
                self.loaded = True

        tasks.start(lambda _p, _t: list_duplicates(ctx, status=status), done, failed)

    def _loaded(self, rows: list[DuplicateInfo], keep: str | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_current()
        self.loaded = True
        self._show_status()

    def _show_status(self) -> None:
        n = self.model.rowCount()
        if self.show_combo.currentData() == self.SHOW_OPEN:
            text = self.tr("%n probable duplicate(s) to decide.", "", n) if n else self.tr(
                "No probable duplicates to decide.")
        else:
            text = self.tr("%n probable duplicate(s).", "", n)
        self.status.setText(text)

    # -- the chosen pair --

    def current(self) -> DuplicateInfo | None:
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.model.rowCount():
            return None
        return self.model.duplicate(index.row())

    def _show_current(self) -> None:
        d = self.current()
        self.error.clear_message()
        open_pair = d is not None and d.status == "open" and not self.busy
        self.link_button.setEnabled(self.can_decide and open_pair and d is not None and d.table == "cases")
        self.dismiss_button.setEnabled(self.can_decide and open_pair)
        self.note.setEnabled(self.can_decide and open_pair)
        is_case = d is not None and d.table == "cases"
        self.open_a_button.setEnabled(is_case)
        self.open_b_button.setEnabled(is_case)
        self.compare.setVisible(d is not None)
        self._fill_comparison()
        if is_case and d is not None:
            self._load_received(d)

    def _load_received(self, d: DuplicateInfo) -> None:
        """Who received each case, on which device (read off the GUI thread)."""
        missing = [s.id for s in (d.a, d.b) if s.id not in self._received]
        if not missing:
            self.sidesLoaded.emit()
            return
        self._side_generation += 1
        generation = self._side_generation
        ctx = self.ctx

        def work(_p: Any, _t: Any) -> dict[str, str]:
            found: dict[str, str] = {}
            for case_id in missing:
                try:
                    detail = case_file.get_case(ctx, case_id)
                except RepatError:
                    found[case_id] = ""
                    continue
                who = next((c.recorded_by for c in detail.custody if c.event_type == "received"), "")
                device = next((h.device for h in detail.history if h.table == "cases"), "")
                found[case_id] = f"{who} ({device})" if who and device else who or device
            return found

        def done(found: object) -> None:
            if not shiboken6.isValid(self) or not isinstance(found, dict):
                return
            self._received.update(found)
            if generation == self._side_generation:
                self._fill_comparison()
                self.sidesLoaded.emit()

        tasks.start(work, done, lambda _exc: None)

    def _row_label(self, key: str) -> str:
        if key == "round":
            return self.tr("Round")
        if key == "same_remains_as":
            return self.tr("Linked to")
        return case_fields.field_label(key)

    def _side_value(self, d: DuplicateInfo, side: DuplicateSide, other: DuplicateSide, key: str) -> str:
        details = side.details
        if d.table != "cases":
            return case_fields.display_value(key, details.get(key))
        if key == "round":
            return d.scope or "\u2014"
        if key == "received_by":
            return self._received.get(side.id, "\u2026") or "\u2014"
        if key == "same_remains_as":
            target = details.get("same_remains_as_id")
            if not target:
                return "\u2014"
            return other.label if target == other.id else str(target)[:8]
        if key == "category" and details.get(key):
            return labels.category(str(details[key]))
        return case_fields.display_value(key, details.get(key))

    def _fill_comparison(self) -> None:
        d = self.current()
        if d is None:
            self.compare.setRowCount(0)
            return
        keys = list(CASE_ROWS) if d.table == "cases" else sorted(set(d.a.details) | set(d.b.details))
        self.compare.setRowCount(len(keys))
        self.compare.setHorizontalHeaderLabels([
            self.tr("First: %1").replace("%1", d.a.label), self.tr("Second: %1").replace("%1", d.b.label)])
        self.compare.setVerticalHeaderLabels([self._row_label(k) for k in keys])
        same_keys = {"same_tag": "sender_tag", "same_bag": "bag_number", "same_case_number": "case_number",
                     "same_certificate_number": "number", "same_device_code": "code"}
        flagged = {same_keys[r] for r in d.reasons if r in same_keys}
        bold = QFont(self.compare.font())
        bold.setBold(True)
        for row, key in enumerate(keys):
            for col, (side, other) in enumerate(((d.a, d.b), (d.b, d.a))):
                item = QTableWidgetItem(self._side_value(d, side, other, key))
                item.setToolTip(item.text())
                if key in flagged:
                    item.setFont(bold)
                    item.setBackground(QBrush(QColor("#fff3cd")))
                self.compare.setItem(row, col, item)

    # -- deciding --

    def _confirm(self, d: DuplicateInfo, link: bool) -> bool:
        if link:
            title = self.tr("Link as the same remains?")
            text = self.tr("Record that %1 and %2 are the same remains? Both cases stay; the later one points to "
                           "the earlier one. The decision travels to every database with the next bundle.")
        else:
            title = self.tr("Dismiss the flag?")
            text = self.tr("Record that %1 and %2 are different remains? The flag is closed in every database "
                           "with the next bundle.")
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          text.replace("%1", d.a.label).replace("%2", d.b.label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmLink" if link else "confirmDismiss")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def link_current(self) -> None:
        self._decide(link=True)

    def dismiss_current(self) -> None:
        self._decide(link=False)

    def _decide(self, *, link: bool) -> None:
        d = self.current()
        if d is None or self.busy or not self.can_decide or d.status != "open":
            return
        if not self._confirm(d, link):
            return
        self.busy = True
        self.error.clear_message()
        self._show_current()
        ctx = self.ctx
        note = self.note.text()
        decide = link_duplicates if link else dismiss_duplicate

        def done(_result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self.note.clear()
            row = self.model.row_of(d.id)
            following = self.model.duplicate(row + 1).id if 0 <= row < self.model.rowCount() - 1 else None
            self._received.pop(d.a.id, None)
            self._received.pop(d.b.id, None)
            self.reload(select=following)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self._show_current()
            self.error.show_message(user_message(exc))

        tasks.start(lambda _p, _t: decide(ctx, d.id, note=note), done, failed)

    def _open_side(self, which: int) -> None:
        d = self.current()
        if d is None or d.table != "cases":
            return
        from ui.cases.open_case import open_case

        open_case(self.ctx, (d.a, d.b)[which].id, self)
