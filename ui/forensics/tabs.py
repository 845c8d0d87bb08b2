"""The widgets of the forensics dialog: its title, its four tabs (examination, samples,
identification, release to the family) with their forms and buttons, and the date and time
fields they use. ``ForensicsDialog`` (``ui.forensics.window``) builds on ``ForensicsTabs``: it
sets the texts, shows the record and saves each step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.widgets.inline_error import InlineError


def local_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def now_edit(parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime(), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(i18n.date_format() + " HH:mm")
    return edit


def date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(i18n.date_format())
    return edit


def py_datetime(edit: QDateTimeEdit) -> dt.datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, dt.datetime)
    return value.replace(second=0, microsecond=0)


def py_date(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


class ForensicsTabs(QDialog):
    """The forensics dialog's widgets, built by ``_build``; the buttons call the dialog's steps."""

    TAB_EXAMINATION, TAB_SAMPLES, TAB_IDENTIFICATION, TAB_RELEASE = range(4)

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self._form_labels: dict[int, list[QLabel]] = {}
        self.title = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._examination_tab(), "")
        self.tabs.addTab(self._samples_tab(), "")
        self.tabs.addTab(self._identification_tab(), "")
        self.tabs.addTab(self._release_tab(), "")
        self.error = InlineError(self)
        self.error.setObjectName("forensicsError")
        self.notice = QLabel(self)
        self.notice.setObjectName("forensicsNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(close)

    def _examination_tab(self) -> QWidget:
        page = QWidget(self)
        self.exam_status = QComboBox(page)
        self.exam_status.setObjectName("examinationStatus")
        self.exam_at = now_edit(page)
        self.exam_by = QLineEdit(page)
        self.exam_by.setObjectName("examinedBy")
        self.exam_notes = QPlainTextEdit(page)
        self.exam_notes.setTabChangesFocus(True)
        self.exam_final = QLabel(page)
        self.exam_final.setWordWrap(True)
        self.exam_save = QPushButton(page)
        self.exam_save.setObjectName("saveExamination")
        self.exam_save.clicked.connect(self.save_examination)
        self.exam_form = QFormLayout()
        for widget in (self.exam_status, self.exam_at, self.exam_by, self.exam_notes):
            self._add_row(self.exam_form, widget)
        layout = QVBoxLayout(page)
        layout.addLayout(self.exam_form)
        layout.addWidget(self.exam_final)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.exam_save)
        layout.addLayout(row)
        return page

    def _samples_tab(self) -> QWidget:
        page = QWidget(self)
        self.samples = QTableWidget(0, 6, page)
        self.samples.setObjectName("samplesTable")
        self.samples.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.samples.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.samples.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.samples.verticalHeader().hide()
        self.samples.horizontalHeader().setStretchLastSection(True)
        self.withdraw = QPushButton(page)
        self.withdraw.clicked.connect(self.withdraw_sample)
        self.samples.itemSelectionChanged.connect(
            lambda: self.withdraw.setEnabled(self.can_record and bool(self.samples.selectedItems())))
        self.sample_box = QGroupBox(page)
        self.sample_type = QComboBox(self.sample_box)
        self.sample_type.setObjectName("sampleType")
        self.sample_label = QLineEdit(self.sample_box)
        self.sample_label.setObjectName("sampleLabel")
        self.sample_taken_on = date_edit(self.sample_box)
        self.sample_taken_by = QLineEdit(self.sample_box)
        self.sample_sent_to = QLineEdit(self.sample_box)
        self.sample_notes = QLineEdit(self.sample_box)
        self.sample_add = QPushButton(self.sample_box)
        self.sample_add.setObjectName("addSample")
        self.sample_add.clicked.connect(self.add_sample)
        self.sample_form = QFormLayout(self.sample_box)
        for widget in (self.sample_type, self.sample_label, self.sample_taken_on, self.sample_taken_by,
                       self.sample_sent_to, self.sample_notes):
            self._add_row(self.sample_form, widget)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.sample_add)
        self.sample_form.addRow(add_row)
        layout = QVBoxLayout(page)
        layout.addWidget(self.samples, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.withdraw)
        layout.addLayout(row)
        layout.addWidget(self.sample_box)
        return page

    def _identification_tab(self) -> QWidget:
        page = QWidget(self)
        self.claimed_box = QGroupBox(page)
        self.claimed = QLabel(self.claimed_box)
        self.claimed.setObjectName("claimedIdentity")
        self.claimed.setWordWrap(True)
        self.claimed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.claimed_box).addWidget(self.claimed)
        self.dispute = QLabel(page)
        self.dispute.setObjectName("disputeBanner")
        self.dispute.setWordWrap(True)
        self.dispute.setStyleSheet(
            "background: #ffdd96; color: #3a2a00; border: 1px solid #d4a017; border-radius: 3px; padding: 4px 8px;")
        self.dispute.hide()
        self.est_name = QLineEdit(page)
        self.est_name.setObjectName("establishedName")
        self.est_birth = QLineEdit(page)
        self.est_birth.setObjectName("establishedBirthDate")
        self.est_citizenship = QLineEdit(page)
        self.est_citizenship.setObjectName("establishedCitizenship")
        self.method = QComboBox(page)
        self.method.setObjectName("identificationMethod")
        self.identified_by = QLineEdit(page)
        self.identified_by.setObjectName("identifiedBy")
        self.identified_on = date_edit(page)
        self.ident_save = QPushButton(page)
        self.ident_save.setObjectName("saveIdentification")
        self.ident_save.clicked.connect(self.save_identification)
        self.ident_form = QFormLayout()
        for widget in (self.est_name, self.est_birth, self.est_citizenship, self.method, self.identified_by,
                       self.identified_on):
            self._add_row(self.ident_form, widget)
        layout = QVBoxLayout(page)
        layout.addWidget(self.claimed_box)
        layout.addWidget(self.dispute)
        layout.addLayout(self.ident_form)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ident_save)
        layout.addLayout(row)
        return page

    def _release_tab(self) -> QWidget:
        page = QWidget(self)
        self.released_info = QLabel(page)
        self.released_info.setObjectName("releasedInfo")
        self.released_info.setWordWrap(True)
        self.rel_name = QLineEdit(page)
        self.rel_name.setObjectName("recipientName")
        self.rel_relationship = QLineEdit(page)
        self.rel_relationship.setObjectName("recipientRelationship")
        self.rel_document = QLineEdit(page)
        self.rel_document.setObjectName("recipientDocument")
        self.rel_at = now_edit(page)
        self.rel_place = QLineEdit(page)
        self.rel_by = QLineEdit(page)
        self.rel_notes = QPlainTextEdit(page)
        self.rel_notes.setTabChangesFocus(True)
        self.rel_save = QPushButton(page)
        self.rel_save.setObjectName("recordRelease")
        self.rel_save.clicked.connect(self.save_release)
        self.rel_form = QFormLayout()
        for widget in (self.rel_name, self.rel_relationship, self.rel_document, self.rel_at, self.rel_place,
                       self.rel_by, self.rel_notes):
            self._add_row(self.rel_form, widget)
        layout = QVBoxLayout(page)
        layout.addWidget(self.released_info)
        layout.addLayout(self.rel_form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rel_save)
        layout.addLayout(row)
        return page

    def _add_row(self, form: QFormLayout, widget: QWidget) -> None:
        """A form row whose label (set in ``retranslate``) is the field's buddy, for its mnemonic."""
        label = QLabel(widget.parentWidget())
        label.setBuddy(widget)
        form.addRow(label, widget)
        self._form_labels.setdefault(id(form), []).append(label)

    def _set_labels(self, form: QFormLayout, texts: list[str]) -> None:
        for label, text in zip(self._form_labels.get(id(form), []), texts, strict=True):
            label.setText(text)
