"""The table of bundle files (what each one does or would do) and the sentence of their totals,
shown by the preview and the result pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.services.sync.report import (
    STATUS_ALREADY,
    STATUS_APPLIED,
    STATUS_OWN,
    STATUS_QUARANTINED,
    STATUS_READY,
    STATUS_REFUSED,
    FileSummary,
)

from ui import i18n
from ui.sync.common import file_note, file_status

AnyIndex = QModelIndex | QPersistentModelIndex
ImportTotals = i18n.context("ImportTotals")  # for the plural strings (see i18n.context)

_STATUS_COLOURS = {
    STATUS_REFUSED: "#fde2e0",
    STATUS_QUARANTINED: "#fff3cd",
    STATUS_ALREADY: "#eeeeee",
    STATUS_OWN: "#eeeeee",
}


class FileSummaryModel(QAbstractTableModel):
    """One row per bundle file: its figures and what happens to it."""

    (COL_FILE, COL_DEVICE, COL_STATUS, COL_NEW, COL_UPDATED, COL_UNCHANGED, COL_CONFLICTS, COL_DUPLICATES,
     COL_NOTE) = range(9)
    COLUMNS = 9
    NUMBERS = {COL_NEW: "new", COL_UPDATED: "updated", COL_UNCHANGED: "unchanged", COL_CONFLICTS: "conflicts",
               COL_DUPLICATES: "duplicates"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileSummary] = []

    def set_summaries(self, rows: Sequence[FileSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summaries(self) -> list[FileSummary]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("File"), self.tr("From"), self.tr("Status"), self.tr("New"), self.tr("Updated"),
                self.tr("Unchanged"), self.tr("Conflicts"), self.tr("Probable\nduplicates"),
                self.tr("Note"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f = self._rows[index.row()]
        col = index.column()
        counted = f.status in (STATUS_READY, STATUS_APPLIED)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.COL_FILE:
                return Path(f.path).name if role == Qt.ItemDataRole.DisplayRole else f.path
            if col == self.COL_DEVICE:
                return f.device_code
            if col == self.COL_STATUS:
                return file_status(f.status)
            if col in self.NUMBERS:
                return f"{int(getattr(f, self.NUMBERS[col])):,}" if counted else ""
            if col == self.COL_NOTE:
                return file_note(f)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _STATUS_COLOURS.get(f.status)
            if colour is None and col == self.COL_CONFLICTS and counted and f.conflicts:
                colour = "#fff3cd"
            if colour is None and col == self.COL_DUPLICATES and counted and f.duplicates:
                colour = "#fff3cd"
            return QBrush(QColor(colour)) if colour else None
        return None


class SummaryTable(QTableView):
    """A table of a few files whose notes wrap: the rows follow the width of the note column."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        if shiboken6.isValid(self):
            self.resizeRowsToContents()


def summary_table(model: FileSummaryModel, parent: QWidget) -> QTableView:
    table = SummaryTable(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few files at most
    header.setSectionResizeMode(FileSummaryModel.COL_NOTE, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model.modelReset.connect(table.resizeRowsToContents)
    return table


def totals_text(files: Sequence[FileSummary], applied: bool) -> str:
    """The sum over the files, in one sentence."""
    counted = [f for f in files if f.status in (STATUS_READY, STATUS_APPLIED)]
    new = sum(f.new for f in counted)
    updated = sum(f.updated for f in counted)
    unchanged = sum(f.unchanged for f in counted)
    conflicts = sum(f.conflicts for f in counted)
    duplicates = sum(f.duplicates for f in counted)
    held = sum(1 for f in files if f.status == STATUS_QUARANTINED)
    refused = sum(1 for f in files if f.status == STATUS_REFUSED)
    translate = QCoreApplication.translate
    if not counted:
        text = (translate("MergeWizard", "No record changed.") if applied
                else translate("MergeWizard", "No record would change."))
    elif applied:
        text = translate("MergeWizard", "Imported: %1 new, %2 updated and %3 unchanged record(s); %4 new "
                         "conflict(s) and %5 new probable duplicate(s).")
    else:
        text = translate("MergeWizard", "Importing would bring %1 new, %2 updated and %3 unchanged record(s); "
                         "%4 new conflict(s) and %5 new probable duplicate(s).")
    text = (text.replace("%1", f"{new:,}").replace("%2", f"{updated:,}").replace("%3", f"{unchanged:,}")
            .replace("%4", f"{conflicts:,}").replace("%5", f"{duplicates:,}"))
    if held and applied:
        text += " " + ImportTotals.tr("%n file(s) from devices not trusted here are held in quarantine.",
                                      "", held)
    elif held:
        text += " " + ImportTotals.tr("%n file(s) from devices not trusted here would be held in "
                                      "quarantine.", "", held)
    if refused:
        text += " " + ImportTotals.tr("%n file(s) refused; they change nothing.", "", refused)
    return text
