"""The certificate form: ``PeopleTable`` (representatives or witnesses), ``PartyBox`` (one party:
organisation, representatives, witnesses) and ``CertificateFormDialog``, the widgets of the
certificate dialog (kind, scope, place, date, time, the three parties, notes; the preview; the
buttons) with the form filled from a ``CertificateForm`` and read back. ``CertificateDialog``
(``ui.documents.certificate``) builds on it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.documents.certificate_forms import CertificateForm, Party, Person, Scope

from ui.documents.preview import PdfPreview
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating

_CTX = "Documents"

PARTY_TITLES = {
    "acceptance": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Sending party"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Receiving party"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary"),
    },
    "transfer": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Transferring party"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Forensic institution"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary (optional)"),
    },
    "release": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Releasing institution"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Family (recipient)"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary (optional)"),
    },
}
PARTY_KEYS = ("sending", "receiving", "intermediary")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class PeopleTable(Retranslating, QWidget):
    """Representatives or witnesses: name, position, identity document; add and remove rows."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        # the name takes the room; position and document are as wide as their heading or text,
        # so "Identity document" is never clipped in a narrow party box
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.table.setMinimumHeight(80)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QToolButton()
        self.remove_button = QToolButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(side)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Full name"), self.tr("Position"), self.tr("Identity document")]
        )
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a person"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected person"))

    def add_row(self, person: Person | None = None) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        person = person if isinstance(person, Person) else Person()
        for col, value in enumerate((person.name, person.position, person.document)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)
        first = self.table.item(row, 0)
        if not person.name and first is not None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(first)
        self.changed.emit()
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_people(self, people: Sequence[Person]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for person in people:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, value in enumerate((person.name, person.position, person.document)):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)

    def set_cell(self, row: int, col: int, text: str) -> None:
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        item.setText(text)

    def people(self) -> list[Person]:
        out = []
        for row in range(self.table.rowCount()):
            values = []
            for col in range(3):
                item = self.table.item(row, col)
                values.append(item.text().strip() if item is not None else "")
            person = Person(*values)
            if not person.empty:
                out.append(person)
        return out


class PartyBox(Retranslating, QGroupBox):
    """One party: its organisation, representatives and witnesses."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.kind = "acceptance"
        self.organisation = QLineEdit()
        self.organisation.setMaxLength(300)
        self.representatives = PeopleTable()
        self.witnesses = PeopleTable()
        self.org_label = QLabel()
        self.org_label.setBuddy(self.organisation)
        self.reps_label = QLabel()
        self.wit_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.org_label, self.organisation)
        form.addRow(self.reps_label, self.representatives)
        form.addRow(self.wit_label, self.witnesses)
        self.organisation.textEdited.connect(lambda _t: self.changed.emit())
        self.representatives.changed.connect(self.changed)
        self.witnesses.changed.connect(self.changed)
        self.retranslate()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_tr(str(PARTY_TITLES.get(self.kind, PARTY_TITLES["acceptance"])[self.key])))
        self.org_label.setText(self.tr("&Organisation:"))
        self.reps_label.setText(self.tr("Representatives:"))
        self.wit_label.setText(self.tr("Witnesses:"))

    def set_party(self, party: Party) -> None:
        self.organisation.setText(party.organisation)
        self.representatives.set_people(party.representatives)
        self.witnesses.set_people(party.witnesses)

    def party(self) -> Party:
        return Party(self.organisation.text().strip(), self.representatives.people(), self.witnesses.people())


class CertificateFormDialog(QDialog):
    """The widgets of the certificate dialog (the form, the preview, the buttons), and the form
    filled from a ``CertificateForm`` and read back; the buttons call ``CertificateDialog``."""

    # layout

    def _build(self) -> None:
        self.status_label = QLabel()
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.kind_combo = QComboBox()
        for kind in ("acceptance", "transfer", "release"):
            self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.scope_round = QRadioButton()
        self.scope_unit = QRadioButton()
        self.scope_cases = QRadioButton()
        self.scope_group = QButtonGroup(self)
        for radio in (self.scope_round, self.scope_unit, self.scope_cases):
            self.scope_group.addButton(radio)
            radio.toggled.connect(self._scope_toggled)
        self.unit_combo = QComboBox()
        for unit in self.units:
            self.unit_combo.addItem(f"{unit.label} ({unit.counted_bags})", unit.id)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._mark_dirty())
        self.scope_unit.setEnabled(bool(self.units))
        self.scope_cases.setVisible(self.case_ids is not None)
        self.scope_round.setChecked(self.case_ids is None)
        self.scope_cases.setChecked(self.case_ids is not None)
        self.place = QLineEdit()
        self.place.setMaxLength(300)
        self.act_date = QDateEdit()
        self.act_date.setCalendarPopup(True)
        self.act_date.setDisplayFormat("yyyy-MM-dd")
        self.act_time = QLineEdit()
        self.act_time.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^(([01]?\d|2[0-3]):[0-5]\d)?$"), self.act_time)
        )
        self.act_time.setMaximumWidth(90)
        self.parties = {key: PartyBox(key) for key in PARTY_KEYS}
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.notes.setTabChangesFocus(True)
        for widget in (self.place, self.act_time):
            widget.textEdited.connect(lambda _t: self._mark_dirty())
        self.act_date.dateChanged.connect(lambda _d: self._mark_dirty())
        self.notes.textChanged.connect(self._mark_dirty)
        for box in self.parties.values():
            box.changed.connect(self._mark_dirty)

        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind_combo)
        self.scope_label = QLabel()
        self.place_label = QLabel()
        self.place_label.setBuddy(self.place)
        self.date_label = QLabel()
        self.date_label.setBuddy(self.act_date)
        self.time_label = QLabel()
        self.time_label.setBuddy(self.act_time)
        self.notes_label = QLabel()
        self.notes_label.setBuddy(self.notes)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.scope_round)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.scope_unit)
        unit_row.addWidget(self.unit_combo, 1)
        scope_box.addLayout(unit_row)
        scope_box.addWidget(self.scope_cases)
        when = QHBoxLayout()
        when.addWidget(self.act_date)
        when.addWidget(self.time_label)
        when.addWidget(self.act_time)
        when.addStretch(1)

        self.form_widget = QWidget()
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.scope_label, scope_box)
        form.addRow(self.place_label, self.place)
        form.addRow(self.date_label, when)
        column = QVBoxLayout(self.form_widget)
        column.addLayout(form)
        for box in self.parties.values():
            column.addWidget(box)
        column.addWidget(self.notes_label)
        column.addWidget(self.notes)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_widget)
        scroll.setMinimumWidth(520)

        self.banner = InlineError()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.banner)

        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 680])

        self.save_button = QPushButton()
        self.preview_button = QPushButton()
        self.issue_button = QPushButton()
        self.print_button = QPushButton()
        self.pdf_button = QPushButton()
        self.correct_button = QPushButton()
        self.void_button = QPushButton()
        self.discard_button = QPushButton()
        self.close_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save_draft)
        self.preview_button.clicked.connect(lambda: self.refresh_preview())
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self.preview.print_document)
        self.pdf_button.clicked.connect(lambda: self.preview.save_as())
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        self.close_button.clicked.connect(self.close)
        self.preview.documentChanged.connect(self._update_state)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, lambda: self.refresh_preview())
        QShortcut(QKeySequence.StandardKey.Print, self, self.preview.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        buttons = QHBoxLayout()
        for button in (
            self.save_button, self.preview_button, self.issue_button, self.correct_button, self.void_button,
            self.discard_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.print_button, self.pdf_button, self.close_button):
            buttons.addWidget(button)
        for button in (
            self.save_button, self.preview_button, self.issue_button, self.print_button, self.pdf_button,
            self.correct_button, self.void_button, self.discard_button, self.close_button,
        ):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1340, 880)

    # the form

    def _mark_dirty(self) -> None:
        if not self._loading:
            self.dirty = True

    def _fill_form(self, form: CertificateForm) -> None:
        self._loading = True
        try:
            index = self.kind_combo.findData(form.kind)
            if index >= 0:
                self.kind_combo.setCurrentIndex(index)
            for box in self.parties.values():
                box.set_kind(form.kind)
            self.place.setText(form.place)
            when = form.act_date or self.round.round_date or date.today()
            self.act_date.setDate(QDate(when.year, when.month, when.day))
            self.act_time.setText(form.act_time)
            for key, box in self.parties.items():
                box.set_party(form.party(key))
            self.notes.setPlainText(form.notes)
        finally:
            self._loading = False

    def form(self) -> CertificateForm:
        d = self.act_date.date()
        return CertificateForm(
            kind=str(self.kind_combo.currentData()),
            place=self.place.text().strip(),
            act_date=date(d.year(), d.month(), d.day()),
            act_time=self.act_time.text().strip(),
            sending=self.parties["sending"].party(),
            receiving=self.parties["receiving"].party(),
            intermediary=self.parties["intermediary"].party(),
            notes=self.notes.toPlainText().strip(),
        )

    def scope(self) -> Scope:
        if self.scope_cases.isChecked() and self.case_ids is not None:
            return Scope(self.round_id, case_ids=self.case_ids)
        if self.scope_unit.isChecked() and self.unit_combo.currentData():
            return Scope(self.round_id, transport_unit_id=str(self.unit_combo.currentData()))
        return Scope(self.round_id)
