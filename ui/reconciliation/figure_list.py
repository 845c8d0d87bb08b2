"""The records behind one figure (``FigureListDialog``), which a click on a figure of the
dashboard opens; a case opens in its case file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.reconciliation import drilldown
from app.services.reconciliation.drilldown import DrillItem

from ui.cases.open_case import open_case
from ui.reconciliation.figure_names import _number, figure_description
from ui.widgets import labels, tasks
from ui.widgets.service_messages import user_message

AnyIndex = QModelIndex | QPersistentModelIndex
DRILL_LIMIT = 5000


class DrillModel(QAbstractTableModel):
    COL_ROUND, COL_NUMBER, COL_TAG, COL_NAME, COL_STATUS, COL_DETAIL = range(6)
    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[DrillItem] = []

    def set_items(self, items: Sequence[DrillItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> DrillItem:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Round"), self.tr("Number"), self.tr("Tag"), self.tr("Claimed name"), self.tr("Status"),
                self.tr("Detail"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        it = self._items[index.row()]
        col = index.column()
        if col == self.COL_ROUND:
            return it.round_code
        if col == self.COL_NUMBER:
            return self.tr("Line %1").replace("%1", it.number) if it.kind == "manifest_line" else it.number
        if col == self.COL_TAG:
            return it.tag
        if col == self.COL_NAME:
            return it.name
        if col == self.COL_STATUS:
            return labels.status(it.status) if it.kind == "case" else ""
        if it.kind == "case":  # who the remains were identified as, else when and where the bag is
            return self.tr("identified as %1").replace("%1", it.detail) if it.detail else it.where
        return it.detail


class FigureListDialog(QDialog):
    """The records behind one figure; a case opens in its case file."""

    def __init__(self, ctx: AppContext, round_ids: Sequence[str], key: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureListDialog")
        self._ctx = ctx
        self.key = key
        self.round_ids = list(round_ids)
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self.model = DrillModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.activated.connect(self._open)
        self.status = QLabel(self.tr("Loading…"), self)
        self.status.setObjectName("drillStatus")
        self.open_button = QPushButton(self.tr("&Open case"), self)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        description = QLabel(figure_description(key), self)
        description.setWordWrap(True)
        layout.addWidget(description)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.loaded = False
        self._load()

    def _load(self) -> None:
        ctx, ids, key = self._ctx, self.round_ids, self.key

        def done(items: object) -> None:
            if not shiboken6.isValid(self) or not isinstance(items, list):
                return
            self.model.set_items(items)
            self.table.resizeColumnsToContents()
            shown = len(items)
            if shown >= DRILL_LIMIT:
                self.status.setText(self.tr("The first %1 are shown; narrow the rounds to see the others.")
                                    .replace("%1", _number(shown)))
            else:
                self.status.setText(self.tr("%n record(s)", "", shown))
            if shown:
                self.table.selectRow(0)
                self.table.setFocus()
            self.loaded = True
            self._update_open()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.status.setText(user_message(exc))
                self.loaded = True

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_open())
        tasks.start(lambda _p, _t: drilldown.figure_cases(ctx, ids, key, limit=DRILL_LIMIT), done, failed)

    def _update_open(self) -> None:
        index = self.table.currentIndex()
        self.open_button.setEnabled(index.isValid() and self.model.item(index.row()).case_id is not None)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        case_id = self.model.item(index.row()).case_id
        if case_id:
            open_case(self._ctx, case_id, self)


__all__ = ["FigureListDialog"]
