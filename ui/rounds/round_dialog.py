"""The dialog that creates or edits one round with its transport units.

It keeps every change (the round's fields and its transport units) in the window until Save,
then applies them through ``app.services.rounds.rounds``; Cancel with changes asks first.
``open_round_dialog`` opens it and reports what was saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from app.services.context import AppContext
from app.services.rounds import rounds
from app.services.rounds.rounds import RoundData, RoundSummary

from ui import i18n
from ui.rounds.common import can_manage_rounds, int_or_none, number_text
from ui.rounds.transport_units import TransportUnitDialog, TransportUnitsModel, UnitRow
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message


class RoundDialog(Retranslating, QDialog):
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
        self.declared.setText(number_text(r.declared_total))
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
            declared_total=int_or_none(self.declared.text()),
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
