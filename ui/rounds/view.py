"""Rounds: the list (a table model and its view) and the dialog that creates or edits one round
with its transport units.

The round dialog keeps every change (the round's fields and its transport units) in the window
until Save, then applies them through ``app.services.rounds.rounds``; Cancel with changes asks first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError, StaleEdit
from app.services.context import CAN_MANAGE_ROUNDS, AppContext
from app.services.rounds import rounds
from app.services.rounds.rounds import RoundData, RoundSummary, TransportUnitData, TransportUnitSummary

from ui import i18n
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.service_messages import user_message

ID_ROLE = Qt.ItemDataRole.UserRole


def can_manage_rounds(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in CAN_MANAGE_ROUNDS


def _int_or_none(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


# --- the list of rounds -----------------------------------------------------------------------


class RoundsModel(ListTableModel):
    """One row per round, newest first (the service's order)."""

    COL_CODE, COL_DATE, COL_PLACE, COL_SENDING, COL_INTERMEDIARY, COL_DECLARED, COL_MANIFEST, COL_RECEIVED = range(8)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Round"), self.tr("Date"), self.tr("Place"), self.tr("Sending party"),
                self.tr("Intermediary"), self.tr("Declared"), self.tr("On manifest"), self.tr("Received"))

    def round_at(self, row: int) -> RoundSummary | None:
        found: RoundSummary | None = self.row_at(row)
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.round_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_DECLARED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.COL_CODE:
            return r.code
        if col == self.COL_DATE:
            return i18n.format_date(r.round_date)
        if col == self.COL_PLACE:
            return r.place
        if col == self.COL_SENDING:
            return r.sending_party
        if col == self.COL_INTERMEDIARY:
            return r.intermediary
        if col == self.COL_DECLARED:
            return _text(r.declared_total) or "—"
        if col == self.COL_MANIFEST:
            return str(r.manifest_lines)
        if col == self.COL_RECEIVED:
            return str(r.received)
        return None


def round_caption(r: RoundSummary) -> str:
    """How a round is named in the round selector: code, date, received of declared."""
    if r.declared_total is None:
        text = QCoreApplication.translate("RoundsView", "%1 — %2 — %3 received")
    else:
        text = QCoreApplication.translate("RoundsView", "%1 — %2 — %3 of %4 received")
        text = text.replace("%4", str(r.declared_total))
    return text.replace("%3", str(r.received)).replace("%1", r.code).replace("%2", i18n.format_date(r.round_date))


class RoundsView(QWidget):
    """The Rounds tab: every round, with buttons to create one or open one."""

    roundSaved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RoundsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RoundsModel.COL_PLACE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((RoundsModel.COL_CODE, 160), (RoundsModel.COL_DATE, 100), (RoundsModel.COL_SENDING, 220),
                           (RoundsModel.COL_INTERMEDIARY, 160), (RoundsModel.COL_DECLARED, 110),
                           (RoundsModel.COL_MANIFEST, 110), (RoundsModel.COL_RECEIVED, 110)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())

        # "New round…" sits above the tabs, in the main window; this tab opens the selected round.
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        if can_manage_rounds(self.ctx):
            self.open_button.setText(self.tr("&Edit round…"))
        else:
            self.open_button.setText(self.tr("&View round…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_rounds(self, rows: list[RoundSummary]) -> None:
        selected = self.selected_round_id()
        self.model.set_rows(rows)
        self.open_button.setEnabled(bool(rows))
        row = self.model.row_of(selected) if selected else -1
        self.table.selectRow(max(row, 0))

    def selected_round_id(self) -> str | None:
        index = self.table.currentIndex()
        r = self.model.round_at(index.row()) if index.isValid() else None
        return r.id if r else None

    def open_selected(self) -> None:
        round_id = self.selected_round_id()
        if round_id is None:
            return
        saved = open_round_dialog(self.ctx, self, round_id)
        if saved is not None:
            self.roundSaved.emit(saved.id)


def open_round_dialog(ctx: AppContext, parent: QWidget | None, round_id: str | None = None) -> RoundSummary | None:
    """Create (no ``round_id``) or open a round; the saved round, or None when nothing was saved."""
    try:
        dialog = RoundDialog(ctx, round_id, parent)
    except RepatError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("RoundsView", "Round"), user_message(exc))
        return None
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    saved = dialog.saved_round if (accepted or dialog.saved_round is not None) else None
    dialog.deleteLater()
    return saved


# --- transport units ----------------------------------------------------------------------------


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
            self.COL_DECLARED_BAGS: _text(d.declared_bags) or "—",
            self.COL_COUNTED: str(row.counted) if row.id else "—",
            self.COL_NOTES: d.notes.replace("\n", " "),
        }.get(col)


class TransportUnitDialog(QDialog):
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
            self.declared_bags.setText(_text(data.declared_bags))
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            declared_bags=_int_or_none(self.declared_bags.text()),
            notes=self.notes.toPlainText().strip(),
        )
        super().accept()


# --- the round dialog ---------------------------------------------------------------------------


class RoundDialog(QDialog):
    """Create or edit one round and its transport units (read-only for roles that may not edit)."""

    def __init__(self, ctx: AppContext, round_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = can_manage_rounds(ctx)
        self.round: RoundSummary | None = None
        self.saved_round: RoundSummary | None = None
        self._loaded: RoundData | None = None

        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate.currentDate())
        self.place = QLineEdit()
        self.sending = QLineEdit()
        self.receiving = QLineEdit()
        self.intermediary = QLineEdit()
        self.agreement = QLineEdit()
        self.declared = QLineEdit()
        self.declared.setValidator(QIntValidator(0, 1_000_000, self))
        self.declared.setMaximumWidth(120)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        for edit in (self.place, self.sending, self.receiving, self.intermediary, self.agreement):
            edit.setMaxLength(300)
        fields: list[QWidget] = [
            self.code, self.date, self.place, self.sending, self.receiving, self.intermediary, self.agreement,
            self.declared, self.notes,
        ]
        self.labels = [QLabel() for _ in fields]
        form = QFormLayout()
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.code.setMinimumWidth(360)

        self.units = TransportUnitsModel(self)
        self.units_table = QTableView()
        self.units_table.setModel(self.units)
        self.units_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units_table.verticalHeader().hide()
        units_header = self.units_table.horizontalHeader()
        units_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few rows only
        units_header.setSectionResizeMode(TransportUnitsModel.COL_NOTES, QHeaderView.ResizeMode.Stretch)
        units_header.setMinimumSectionSize(70)
        self.units_table.setMinimumHeight(120)
        self.units_table.doubleClicked.connect(lambda _i: self.edit_unit())
        self.units_table.activated.connect(lambda _i: self.edit_unit())
        self.add_unit_button = QPushButton()
        self.add_unit_button.clicked.connect(self.add_unit)
        self.edit_unit_button = QPushButton()
        self.edit_unit_button.clicked.connect(self.edit_unit)
        self.units_box = QGroupBox()
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(self.add_unit_button)
        unit_buttons.addWidget(self.edit_unit_button)
        unit_buttons.addStretch(1)
        units_layout = QVBoxLayout(self.units_box)
        units_layout.addWidget(self.units_table)
        units_layout.addLayout(unit_buttons)

        self.error = InlineError()
        self.buttons = QDialogButtonBox()
        if self.editable:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        else:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.units_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "code": self.code, "round_date": self.date, "declared_total": self.declared, "label": self.units_table,
        }
        if not self.editable:
            for edit in (self.code, self.place, self.sending, self.receiving, self.intermediary, self.agreement,
                         self.declared):
                edit.setReadOnly(True)
            self.date.setReadOnly(True)
            self.notes.setReadOnly(True)
            self.add_unit_button.setEnabled(False)
            self.edit_unit_button.setEnabled(False)
        self.units_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_unit_buttons())
        self.units.modelReset.connect(self._update_unit_buttons)
        self.units.rowsInserted.connect(lambda *_: self._update_unit_buttons())
        if round_id is not None:
            self.load(round_id)
        self._loaded = self.round_data()
        self._update_unit_buttons()
        self.retranslate()
        self.resize(760, 660)
        self.code.setFocus()

    # -- text --

    def retranslate(self) -> None:
        if self.round is None:
            self.setWindowTitle(self.tr("New round"))
        else:
            self.setWindowTitle(self.tr("Round %1").replace("%1", self.round.code))
        for label, text in zip(self.labels, (
            self.tr("Round &code:"), self.tr("&Date:"), self.tr("&Place:"), self.tr("&Sending party:"),
            self.tr("&Receiving party:"), self.tr("&Intermediary:"), self.tr("&Agreement reference:"),
            self.tr("Declared &total:"), self.tr("&Notes:"),
        ), strict=True):
            label.setText(text)
        self.date.setDisplayFormat(i18n.date_format())
        self.code.setPlaceholderText(self.tr("e.g. R-2026-06-01"))
        self.intermediary.setPlaceholderText(self.tr("e.g. ICRC"))
        self.declared.setPlaceholderText(self.tr("not stated"))
        self.units_box.setTitle(self.tr("Transport units"))
        self.add_unit_button.setText(self.tr("&Add transport unit…"))
        self.edit_unit_button.setText(self.tr("&Edit transport unit…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading --

    def load(self, round_id: str) -> None:
        """Fill the window from the database (dropping what was typed here)."""
        r = rounds.get_round(self.ctx, round_id)
        units = rounds.list_transport_units(self.ctx, round_id)
        self.round = r
        self.code.setText(r.code)
        self.date.setDate(QDate(r.round_date.year, r.round_date.month, r.round_date.day))
        self.place.setText(r.place)
        self.sending.setText(r.sending_party)
        self.receiving.setText(r.receiving_party)
        self.intermediary.setText(r.intermediary)
        self.agreement.setText(r.agreement_ref)
        self.declared.setText(_text(r.declared_total))
        self.notes.setPlainText(r.notes)
        self.units.set_rows([UnitRow.from_summary(u) for u in units])
        if units:
            self.units_table.selectRow(0)
        self._loaded = self.round_data()
        self.error.clear_message()
        self.retranslate()

    def round_data(self) -> RoundData:
        d = self.date.date()
        return RoundData(
            code=self.code.text().strip(),
            round_date=dt.date(d.year(), d.month(), d.day()),
            place=self.place.text().strip(),
            sending_party=self.sending.text().strip(),
            receiving_party=self.receiving.text().strip(),
            intermediary=self.intermediary.text().strip(),
            agreement_ref=self.agreement.text().strip(),
            declared_total=_int_or_none(self.declared.text()),
            notes=self.notes.toPlainText().strip(),
        )

    def has_changes(self) -> bool:
        return self.round_data() != self._loaded or bool(self.units.changed_rows())

    # -- transport units --

    def _update_unit_buttons(self) -> None:
        self.edit_unit_button.setEnabled(self.editable and self.units_table.currentIndex().isValid())

    def _taken(self, except_row: int = -1) -> set[str]:
        return {r.data.label for i, r in enumerate(self.units.rows()) if i != except_row}

    def add_unit(self) -> None:
        dialog = TransportUnitDialog(None, self._taken(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_data is not None:
            row = self.units.add(UnitRow(dialog.result_data, changed=True))
            self.units_table.selectRow(row)
        dialog.deleteLater()

    def edit_unit(self) -> None:
        index = self.units_table.currentIndex()
        if not self.editable or not index.isValid():
            return
        n = index.row()
        current = self.units.row_at(n)
        dialog = TransportUnitDialog(current.data, self._taken(n), self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.result_data is not None and dialog.result_data != current.data:
            self.units.replace_row(n, replace(current, data=dialog.result_data, changed=True))
        dialog.deleteLater()

    # -- saving --

    def accept(self) -> None:
        if not self.editable:
            super().accept()
            return
        self.error.clear_message()
        data = self.round_data()
        if not data.code:
            self.error.show_message(self.tr("Enter the round's code, e.g. R-2026-06-01."))
            self.code.setFocus()
            return
        try:
            if self.round is None:
                self.round = rounds.create_round(self.ctx, data)
            elif data != self._loaded:
                self.round = rounds.update_round(self.ctx, self.round.id, self.round.rev, data)
        except StaleEdit as exc:
            self._offer_reload(exc)
            return
        except RepatError as exc:
            self.error.show_error(exc, self.fields)
            return
        self.saved_round = self.round
        self._loaded = data
        self.retranslate()
        if self._save_units():
            super().accept()

    def _save_units(self) -> bool:
        assert self.round is not None
        for n in self.units.changed_rows():
            row = self.units.row_at(n)
            try:
                if row.id is None:
                    saved = rounds.add_transport_unit(self.ctx, self.round.id, row.data)
                else:
                    saved = rounds.update_transport_unit(self.ctx, row.id, row.rev, row.data)
            except StaleEdit as exc:
                self._offer_reload(exc)
                return False
            except RepatError as exc:
                self.units_table.selectRow(n)
                self.error.show_error(exc)
                return False
            self.units.replace_row(n, UnitRow.from_summary(saved))
        return True

    def _offer_reload(self, exc: StaleEdit) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed by someone else"), user_message(exc), parent=self)
        box.setInformativeText(
            self.tr("Reload the round to see the current values? What you typed in this window will be lost.")
        )
        reload_button = box.addButton(self.tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload_button)
        box.exec()
        if box.clickedButton() is reload_button and self.round is not None:
            self.load(self.round.id)
        else:
            self.error.show_message(user_message(exc))

    def reject(self) -> None:
        if self.editable and self.has_changes():
            answer = QMessageBox.question(
                self,
                self.tr("Discard changes?"),
                self.tr("The round has changes that are not saved. Close the window and discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
