"""Merge conflicts: the same field of a record changed to different values on two devices.

``ConflictsDialog(ctx)`` lists the open conflicts (or the resolved ones) and shows the competing
values of the chosen one side by side, each with who wrote it, on which device and when. A
supervisor keeps one of them or types another (the service checks it); the choice is a new
version of the record that travels like any other, and the conflict leaves the open list. Other
roles see everything read-only. ``changed`` is emitted after each resolution.
"""

from __future__ import annotations

from typing import Any

import shiboken6

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.sync.conflicts import (
    ENUM_FIELDS,
    ConflictCandidate,
    ConflictInfo,
    list_conflicts,
    resolve_conflict,
)

from ui.cases import fields as case_fields
from ui.sync.common import is_supervisor, local_time, record_kind
from ui.widgets import labels, tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import ListTableModel
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

AnyIndex = QModelIndex | QPersistentModelIndex


def field_name(c: ConflictInfo) -> str:
    return case_fields.field_label(c.field)


def value_text(c: ConflictInfo, value: Any) -> str:
    """A value of the conflict's field as users read it."""
    if c.table == "cases":
        return case_fields.display_value(c.field, value)
    if value is None or value == "":
        return "\u2014"
    if isinstance(value, bool):
        return case_fields.yes_no(value)
    return str(value)


class ConflictsModel(ListTableModel):
    COL_RECORD, COL_FIELD, COL_SHOWN, COL_VALUES, COL_WHEN, COL_STATUS = range(6)

    def conflict(self, row: int) -> ConflictInfo:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Record"), self.tr("Field"), self.tr("Shown now"), self.tr("Values"),
                self.tr("Last edit"), self.tr("Status"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        col = index.column()
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == self.COL_RECORD:
            return f"{record_kind(c.table)} {c.record}"
        if col == self.COL_FIELD:
            return field_name(c)
        if col == self.COL_SHOWN:
            return value_text(c, c.current)
        if col == self.COL_VALUES:
            return " / ".join(value_text(c, x.value) for x in c.candidates)
        if col == self.COL_WHEN:
            times = [x.at for x in c.candidates if x.at is not None]
            return local_time(max(times)) if times else ""
        if col == self.COL_STATUS:
            if c.status == "open":
                return self.tr("Open")
            return self.tr("Resolved by %1").replace("%1", c.resolved_by) if c.resolved_by else self.tr("Resolved")
        return None


class CandidateCard(QGroupBox):
    """One competing value, with who wrote it and where, and the button that keeps it."""

    def __init__(self, number: int, conflict: ConflictInfo, candidate: ConflictCandidate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.candidate = candidate
        self.value = QLabel(value_text(conflict, candidate.value), self)
        self.value.setObjectName("candidateValue")
        self.value.setWordWrap(True)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.value.setFont(font)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.marker = QLabel(self)
        self.marker.setWordWrap(True)
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName(f"keepValue{number}")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.who)
        layout.addWidget(self.marker)
        layout.addSpacing(6)
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setMinimumWidth(260)
        self.keep_button.setAutoDefault(False)
        self.setMaximumWidth(420)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.retranslate()

    def retranslate(self) -> None:
        c = self.candidate
        self.setTitle(self.tr("Value %1").replace("%1", str(self.number)))
        self.who.setText(self.tr("by %1 on device %2\n%3").replace("%1", c.author or "?")
                         .replace("%2", c.device or "?").replace("%3", local_time(c.at)))
        self.marker.setText(self.tr("Shown everywhere until the conflict is resolved.") if c.provisional else "")
        self.marker.setVisible(c.provisional)
        self.marker.setStyleSheet("QLabel { color: #6b4e00; font-style: italic; }")
        # Alt+1, Alt+2 … keep a value from the keyboard
        self.keep_button.setText(self.tr("Keep value &%1").replace("%1", str(self.number)))


class ConflictsDialog(Retranslating, QDialog):
    changed = Signal()

    SHOW_OPEN, SHOW_RESOLVED, SHOW_ALL = "open", "resolved", ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.ctx = ctx
        self.can_resolve = is_supervisor(ctx)
        self.loaded = False
        self.busy = False
        self._generation = 0
        self.cards: list[CandidateCard] = []
        self.setSizeGripEnabled(True)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(1100, 680)

    # -- construction --

    def _build(self) -> None:
        self.show_label = QLabel(self)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("conflictFilter")
        for key in (self.SHOW_OPEN, self.SHOW_RESOLVED, self.SHOW_ALL):
            self.show_combo.addItem("", key)
        self.show_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_label.setBuddy(self.show_combo)
        self.read_only_note = QLabel(self)
        self.read_only_note.setVisible(not self.can_resolve)
        top = QHBoxLayout()
        top.addWidget(self.show_label)
        top.addWidget(self.show_combo)
        top.addSpacing(16)
        top.addWidget(self.read_only_note)
        top.addStretch(1)

        self.model = ConflictsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.detail = QWidget(self)
        self.heading = QLabel(self.detail)
        self.heading.setObjectName("conflictHeading")
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.base = QLabel(self.detail)
        self.base.setWordWrap(True)
        self.resolved_note = QLabel(self.detail)
        self.resolved_note.setWordWrap(True)
        self.cards_host = QWidget()
        self.cards_layout = QHBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_scroll = QScrollArea(self.detail)
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setWidget(self.cards_host)
        self.cards_scroll.setMinimumHeight(190)

        self.other_box = QGroupBox(self.detail)
        self.other_text = QLineEdit(self.other_box)
        self.other_text.setObjectName("otherValue")
        self.other_choice = QComboBox(self.other_box)
        self.other_choice.setObjectName("otherChoice")
        self.other_label = QLabel(self.other_box)
        self.use_other_button = QPushButton(self.other_box)
        self.use_other_button.setObjectName("useOtherValue")
        self.use_other_button.clicked.connect(self.resolve_with_typed)
        self.other_text.returnPressed.connect(self.resolve_with_typed)
        other = QVBoxLayout(self.other_box)
        other.addWidget(self.other_label)
        other.addWidget(self.other_text)
        other.addWidget(self.other_choice)
        other.addSpacing(6)
        other.addWidget(self.use_other_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.other_box.setMinimumWidth(260)
        self.other_box.setVisible(self.can_resolve)

        values_row = QHBoxLayout()
        values_row.addWidget(self.cards_scroll, 1)
        values_row.addWidget(self.other_box, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.base)
        detail_layout.addWidget(self.resolved_note)
        detail_layout.addLayout(values_row, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([280, 320])

        self.status = QLabel(self)
        self.status.setObjectName("conflictsStatus")
        self.error = InlineError(self)
        self.open_case_button = QPushButton(self)
        self.open_case_button.clicked.connect(self.open_case)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.reload)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.open_case_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter in the value field uses the typed value; it must never press another button
        for button in (self.use_other_button, self.open_case_button, self.refresh_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_current()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conflicts"))
        self.show_label.setText(self.tr("S&how:"))
        for i, text in enumerate((self.tr("Open conflicts"), self.tr("Resolved conflicts"), self.tr("All conflicts"))):
            self.show_combo.setItemText(i, text)
        self.read_only_note.setText(self.tr("Only a supervisor can resolve conflicts; you see them read-only."))
        self.other_box.setTitle(self.tr("Another value"))
        self.other_label.setText(self.tr("Neither is right? Type the correct value:"))
        self.use_other_button.setText(self.tr("&Use this value"))
        self.open_case_button.setText(self.tr("Open c&ase"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        for card in self.cards:
            card.retranslate()
        self._show_details_text()
        self._show_status()

    # -- loading --

    def reload(self, select: str | None = None) -> None:
        self._generation += 1
        generation = self._generation
        ctx = self.ctx
        status = self.show_combo.currentData() or None
        current = self.current()
        keep = select or (current.id if current is not None else None)
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

        tasks.start(lambda _p, _t: list_conflicts(ctx, status=status), done, failed)

    def _loaded(self, rows: list[ConflictInfo], keep: str | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for col in (ConflictsModel.COL_RECORD, ConflictsModel.COL_SHOWN, ConflictsModel.COL_VALUES):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 300))
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
        key = self.show_combo.currentData()
        if key == self.SHOW_OPEN:
            text = self.tr("%n open conflict(s).", "", n) if n else self.tr("No open conflicts.")
        elif key == self.SHOW_RESOLVED:
            text = self.tr("%n resolved conflict(s).", "", n)
        else:
            text = self.tr("%n conflict(s).", "", n)
        self.status.setText(text)

    # -- the chosen conflict --

    def current(self) -> ConflictInfo | None:
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.model.rowCount():
            return None
        return self.model.conflict(index.row())

    def select(self, conflict_id: str) -> bool:
        row = self.model.row_of(conflict_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _clear_cards(self) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        while self.cards_layout.count():
            self.cards_layout.takeAt(0)

    def _show_current(self) -> None:
        c = self.current()
        self.error.clear_message()
        self._clear_cards()
        self.detail.setVisible(c is not None)
        self.open_case_button.setEnabled(c is not None and c.table == "cases")
        if c is None:
            return
        editable = self.can_resolve and c.status == "open" and not self.busy
        for i, candidate in enumerate(c.candidates, start=1):
            card = CandidateCard(i, c, candidate, self.cards_host)
            card.keep_button.setVisible(self.can_resolve and c.status == "open")
            card.keep_button.setEnabled(editable)
            card.keep_button.clicked.connect(lambda _=False, n=i: self.resolve_with_candidate(n))
            self.cards_layout.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
            card.show()  # now, not when the layout gets round to it
            self.cards.append(card)
        self.cards_layout.addStretch(1)
        enum = ENUM_FIELDS.get((c.table, c.field))
        self.other_choice.clear()
        if enum is not None:
            for code, _text in labels.choices(enum):
                self.other_choice.addItem(case_fields.display_value(c.field, code), code)
        self.other_choice.setVisible(enum is not None)
        self.other_text.setVisible(enum is None)
        self.other_text.clear()
        self.other_label.setBuddy(self.other_choice if enum is not None else self.other_text)
        self.other_box.setVisible(self.can_resolve and c.status == "open")
        self.other_box.setEnabled(editable)
        self._show_details_text()

    def _show_details_text(self) -> None:
        c = self.current()
        if c is None:
            return
        self.heading.setText(f"{record_kind(c.table)} {c.record} \u2014 {field_name(c)}")
        self.base.setText(self.tr("Before the competing edits: %1").replace("%1", value_text(c, c.base_value)))
        if c.status == "open":
            self.resolved_note.setText(self.tr("Until a supervisor chooses, every database shows value %1.")
                                       .replace("%1", str(next((i for i, x in enumerate(c.candidates, 1)
                                                                if x.provisional), 1))))
        else:
            self.resolved_note.setText(self.tr("Resolved by %1 on %2: %3.").replace("%1", c.resolved_by or "?")
                                       .replace("%2", local_time(c.resolved_at))
                                       .replace("%3", value_text(c, c.current)))

    # -- resolving --

    def resolve_with_candidate(self, number: int) -> None:
        c = self.current()
        if c is None:
            return
        self._resolve(c, pick=str(number))

    def resolve_with_typed(self) -> None:
        c = self.current()
        if c is None or not self.can_resolve or c.status != "open":
            return
        if self.other_choice.isVisible():
            value = str(self.other_choice.currentData() or "")
        else:
            value = self.other_text.text()
        self._resolve(c, value=value)

    def _resolve(self, c: ConflictInfo, *, pick: str | None = None, value: str | None = None) -> None:
        if self.busy:
            return
        self.busy = True
        self.error.clear_message()
        self._set_editable(False)
        ctx = self.ctx
        # the candidate's version id, not its number, so a list read meanwhile cannot change the choice
        version = c.candidates[int(pick) - 1].version_id if pick is not None else None

        def work(_p: Any, _t: Any) -> ConflictInfo:
            return resolve_conflict(ctx, c.id, pick_version=version, value=value)

        def done(_result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            row = self.model.row_of(c.id)
            following = self.model.conflict(row + 1).id if 0 <= row < self.model.rowCount() - 1 else None
            self.reload(select=following)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self._set_editable(True)
            self.error.show_message(user_message(exc))
            if value is not None and self.other_text.isVisible():
                self.other_text.setFocus()
                self.other_text.selectAll()

        tasks.start(work, done, failed)

    def _set_editable(self, on: bool) -> None:
        for card in self.cards:
            card.keep_button.setEnabled(on)
        self.other_box.setEnabled(on)

    def open_case(self) -> None:
        c = self.current()
        if c is not None and c.table == "cases":
            from ui.cases.open_case import open_case

            open_case(self.ctx, c.row_id, self)
