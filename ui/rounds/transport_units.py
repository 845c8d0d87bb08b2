"""The transport units of a round (trailers or vehicles with their seals): the rows the round
dialog keeps until Save, their table model, and the dialog that adds or edits one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.rounds.rounds import TransportUnitData, TransportUnitSummary

from ui.rounds.common import int_or_none, number_text
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.retranslate import Retranslating


@dataclass
class UnitRow:
    """A transport unit as shown in the round dialog: saved (id, rev) or not yet, changed or not."""

    data: TransportUnitData
    id: str | None = None
    rev: int = 0
    counted: int = 0
    changed: bool = False

    @classmethod
    def from_summary(cls, u: TransportUnitSummary) -> UnitRow:
        data = TransportUnitData(u.label, u.description, u.seal_numbers, u.seal_intact, u.declared_bags, u.notes)
        return cls(data, u.id, u.rev, u.counted_bags)


def seal_text(intact: bool | None) -> str:
    if intact is None:
        return QCoreApplication.translate("TransportUnits", "Unknown")
    if intact:
        return QCoreApplication.translate("TransportUnits", "Intact")
    return QCoreApplication.translate("TransportUnits", "Broken")


class TransportUnitsModel(ListTableModel):
    COL_LABEL, COL_SEALS, COL_SEAL_STATE, COL_DECLARED_BAGS, COL_COUNTED, COL_NOTES = range(6)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Plate / ID"), self.tr("Seal numbers"), self.tr("Seals"), self.tr("Declared bags"),
                self.tr("Counted"), self.tr("Notes"))

    def add(self, row: UnitRow) -> int:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()
        return n

    def replace_row(self, n: int, row: UnitRow) -> None:
        self._rows[n] = row
        self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))

    def changed_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.changed or r.id is None]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_DECLARED_BAGS, self.COL_COUNTED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.changed or row.id is None):
            font = QFont()
            font.setItalic(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        d = row.data
        return {
            self.COL_LABEL: d.label,
            self.COL_SEALS: d.seal_numbers,
            self.COL_SEAL_STATE: seal_text(d.seal_intact),
            self.COL_DECLARED_BAGS: number_text(d.declared_bags) or "—",
            self.COL_COUNTED: str(row.counted) if row.id else "—",
            self.COL_NOTES: d.notes.replace("\n", " "),
        }.get(col)


class TransportUnitDialog(Retranslating, QDialog):
    """One transport unit's plate/ID, seals and declared bag count."""

    def __init__(
        self, data: TransportUnitData | None, taken_labels: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.taken_labels = {t.casefold() for t in taken_labels}
        self.result_data: TransportUnitData | None = None
        self.label = QLineEdit()
        self.label.setMaxLength(100)
        self.description = QLineEdit()
        self.description.setMaxLength(300)
        self.seal_numbers = QLineEdit()
        self.seal_numbers.setMaxLength(500)
        self.seal_state = QComboBox()
        for value in (True, False, None):
            self.seal_state.addItem("", value)
        self.declared_bags = QLineEdit()
        self.declared_bags.setValidator(QIntValidator(0, 100_000, self))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.labels = [QLabel() for _ in range(6)]
        form = QFormLayout()
        for label, field in zip(
            self.labels,
            (self.label, self.description, self.seal_numbers, self.seal_state, self.declared_bags, self.notes),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.label.setMinimumWidth(300)
        self.error = InlineError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if data is not None:
            self.label.setText(data.label)
            self.description.setText(data.description)
            self.seal_numbers.setText(data.seal_numbers)
            self.seal_state.setCurrentIndex(self.seal_state.findData(data.seal_intact))
            self.declared_bags.setText(number_text(data.declared_bags))
            self.notes.setPlainText(data.notes)
        else:
            self.seal_state.setCurrentIndex(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Transport unit"))
        for label, text in zip(self.labels, (
            self.tr("&Plate or ID:"), self.tr("&Description:"), self.tr("&Seal numbers:"),
            self.tr("Seals &state:"), self.tr("Declared &bags:"), self.tr("&Notes:"),
        ), strict=True):
            label.setText(text)
        self.description.setPlaceholderText(self.tr("e.g. refrigerated trailer"))
        self.seal_numbers.setPlaceholderText(self.tr("separate several numbers with commas"))
        self.declared_bags.setPlaceholderText(self.tr("not stated"))
        for i in range(self.seal_state.count()):
            self.seal_state.setItemText(i, seal_text(self.seal_state.itemData(i)))

    def accept(self) -> None:
        label = self.label.text().strip()
        if not label:
            self.error.show_message(self.tr("Enter the plate number or ID of the trailer or vehicle."))
            self.label.setFocus()
            return
        if label.casefold() in self.taken_labels:
            self.error.show_message(self.tr("This round already has a transport unit %1.").replace("%1", label))
            self.label.setFocus()
            self.label.selectAll()
            return
        self.result_data = TransportUnitData(
            label=label,
            description=self.description.text().strip(),
            seal_numbers=self.seal_numbers.text().strip(),
            seal_intact=self.seal_state.currentData(),
            declared_bags=int_or_none(self.declared_bags.text()),
            notes=self.notes.toPlainText().strip(),
        )
        super().accept()
