"""Forensic progress of one case: examination, samples, identification, release to the family.

``ForensicsDialog(ctx, case_id, parent=None)`` has a tab for each step. Each tab saves through
``app.services.forensics`` on its own button, which writes the records and custody events the
reconciliation counts; ``caseChanged(case_id)`` is emitted after every save. The claimed
identity is shown beside the established one and never edited here. Steps come in order: the
identification needs a completed examination, the release needs the identification.

The dialog's widgets are built by ``ForensicsTabs`` (``ui.forensics.tabs``); the names of the
forensic codes are in ``ui.forensics.labels``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, Qt, Signal
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableWidgetItem, QWidget

from app.errors import RepatError, StaleEdit
from app.services.context import AppContext
from app.services.forensics import case_record, examination, identification
from app.services.forensics.case_record import (
    CAN_RECORD_FORENSICS,
    CAN_RECORD_RELEASE,
    ExaminationStatus,
    ForensicRecord,
    IdentificationMethod,
    SampleType,
)
from app.services.forensics.examination import ExaminationData, SampleData
from app.services.forensics.identification import IdentificationData, ReleaseData

from ui import i18n
from ui.forensics.labels import examination_label, method_label, sample_label
from ui.forensics.tabs import ForensicsTabs, local_text, py_date, py_datetime
from ui.widgets import labels
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

_CTX = "Forensics"
_PARTS = {
    "name": QT_TRANSLATE_NOOP("Forensics", "name"),
    "birth_date": QT_TRANSLATE_NOOP("Forensics", "birth date"),
    "citizenship": QT_TRANSLATE_NOOP("Forensics", "citizenship"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class ForensicsDialog(Retranslating, ForensicsTabs):
    """Record the forensic progress of one case."""

    caseChanged = Signal(str)

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forensicsDialog")
        self._ctx = ctx
        self.case_id = case_id
        self.record: ForensicRecord | None = None
        role = ctx.user.role if ctx.user else None
        self.can_record = role in CAN_RECORD_FORENSICS
        self.can_release = role in CAN_RECORD_RELEASE
        self.setSizeGripEnabled(True)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(760, 600)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Forensic progress"))
        self.tabs.setTabText(self.TAB_EXAMINATION, self.tr("E&xamination"))
        self.tabs.setTabText(self.TAB_SAMPLES, self.tr("Sa&mples"))
        self.tabs.setTabText(self.TAB_IDENTIFICATION, self.tr("&Identification"))
        self.tabs.setTabText(self.TAB_RELEASE, self.tr("Re&lease to family"))
        self._fill_combo(self.exam_status, [(s.value, examination_label(s.value)) for s in ExaminationStatus])
        self._fill_combo(self.sample_type, [(s.value, sample_label(s.value)) for s in SampleType])
        self._fill_combo(self.method, [(m.value, method_label(m.value)) for m in IdentificationMethod])
        self._set_labels(self.exam_form, [self.tr("&Status:"), self.tr("Completed &at:"), self.tr("Examined &by:"),
                                          self.tr("&Notes:")])
        self.exam_save.setText(self.tr("Sa&ve examination"))
        self.samples.setHorizontalHeaderLabels([self.tr("Sample"), self.tr("Number"), self.tr("Taken on"),
                                                self.tr("Taken by"), self.tr("Sent to"), self.tr("Notes")])
        self.withdraw.setText(self.tr("&Withdraw sample…"))
        self.sample_box.setTitle(self.tr("New sample"))
        self._set_labels(self.sample_form, [self.tr("&Type:"), self.tr("&Number:"), self.tr("Taken &on:"),
                                            self.tr("Taken b&y:"), self.tr("Sent to la&b:"), self.tr("Not&es:")])
        self.sample_add.setText(self.tr("&Add sample"))
        self.claimed_box.setTitle(self.tr("Claimed identity (as given; never changed here)"))
        self._set_labels(self.ident_form, [self.tr("Established &name:"), self.tr("&Birth date:"),
                                           self.tr("&Citizenship:"), self.tr("Met&hod:"),
                                           self.tr("Identified b&y:"), self.tr("Identified &on:")])
        self.est_birth.setPlaceholderText(self.tr("YYYY-MM-DD, DD.MM.YYYY or the year"))
        self.ident_save.setText(self.tr("Sa&ve identification"))
        self._set_labels(self.rel_form, [self.tr("&Recipient:"), self.tr("Relationshi&p:"),
                                         self.tr("Identity &document:"), self.tr("Released &at:"),
                                         self.tr("Pla&ce:"), self.tr("Released b&y:"), self.tr("N&otes:")])
        self.rel_by.setPlaceholderText(self.tr("you, if left empty"))
        self.rel_save.setText(self.tr("Record releas&e…"))
        if self.record is not None:
            self._show(self.record)

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, text in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # --- showing the record ----------------------------------------------------------------

    def reload(self) -> None:
        try:
            record = case_record.get_record(self._ctx, self.case_id)
        except RepatError as exc:
            self.error.show_error(exc)
            for i in range(self.tabs.count()):
                self.tabs.widget(i).setEnabled(False)
            return
        self._show(record)

    def _show(self, r: ForensicRecord) -> None:
        self.record = r
        self.title.setText(self.tr("Case %1").replace("%1", r.case_number))
        self.subtitle.setText(self.tr("Round %1 · status: %2 · examination: %3")
                              .replace("%1", r.round_code).replace("%2", labels.status(r.status))
                              .replace("%3", examination_label(r.examination_status)))
        # examination
        self.exam_status.setCurrentIndex(max(0, self.exam_status.findData(r.examination_status)))
        if r.examined_at is not None:
            local = r.examined_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
            self.exam_at.setDateTime(QDateTime(local))
        self.exam_by.setText(r.examined_by)
        self.exam_notes.setPlainText(r.examination_notes)
        final = r.examined
        for widget in (self.exam_status, self.exam_at, self.exam_by):
            widget.setEnabled(self.can_record and not final)
        self.exam_notes.setEnabled(self.can_record)
        self.exam_save.setEnabled(self.can_record)
        self.exam_final.setText(
            self.tr("Completed on %1 and recorded in the custody chain; only the notes can still change.")
            .replace("%1", local_text(r.examined_at)) if final else "")
        # samples
        self.samples.setRowCount(len(r.samples))
        for row, s in enumerate(r.samples):
            values = [sample_label(s.sample_type), s.label, i18n.format_date(s.taken_on), s.taken_by, s.sent_to,
                      s.notes]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.samples.setItem(row, col, item)
        self.samples.resizeColumnsToContents()
        self.withdraw.setEnabled(False)
        self.sample_box.setEnabled(self.can_record)
        # identification
        claimed = [r.claimed_name or self.tr("(no name claimed)")]
        if r.claimed_birth_date:
            claimed.append(self.tr("born %1").replace("%1", r.claimed_birth_date))
        if r.claimed_citizenship:
            claimed.append(self.tr("citizenship: %1").replace("%1", r.claimed_citizenship))
        source = {"manifest": self.tr("the sending side's list"), "documents": self.tr("documents found on the body")}
        if r.claimed_source in source:
            claimed.append(self.tr("from %1").replace("%1", source[r.claimed_source]))
        self.claimed.setText(", ".join(claimed))
        if r.identified:
            self.est_name.setText(r.established_name)
            self.est_birth.setText(r.established_birth_date)
            self.est_citizenship.setText(r.established_citizenship)
            self.method.setCurrentIndex(max(0, self.method.findData(r.identification_method)))
            self.identified_by.setText(r.identified_by)
            if r.identified_on:
                self.identified_on.setDate(QDate(r.identified_on))
        if r.identity_disputed:
            parts = ", ".join(_tr(_PARTS.get(p, p)) for p in r.differences)
            self.dispute.setText(self.tr("The established identity differs from the claimed one (%1). "
                                         "The case counts as disputed in the reconciliation.").replace("%1", parts))
            self.dispute.show()
        else:
            self.dispute.hide()
        ident_ready = r.examined
        for widget in (self.est_name, self.est_birth, self.est_citizenship, self.method, self.identified_by,
                       self.identified_on, self.ident_save):
            widget.setEnabled(self.can_record and ident_ready)
        self.ident_save.setToolTip("" if ident_ready else self.tr("Complete the examination first."))
        # release
        if r.releases:
            rel = r.releases[-1]
            who = rel.recipient_name + (f" ({rel.recipient_relationship})" if rel.recipient_relationship else "")
            self.released_info.setText(self.tr("Released to %1 on %2, by %3.").replace("%1", who)
                                       .replace("%2", local_text(rel.released_at)).replace("%3", rel.released_by))
        elif r.released:
            self.released_info.setText(self.tr("Released (recorded by a release certificate)."))
        elif not r.identified:
            self.released_info.setText(self.tr("Remains are released to the family after their identification."))
        else:
            self.released_info.setText("")
        open_release = self.can_release and r.identified and not r.released and r.status != "returned"
        for widget in (self.rel_name, self.rel_relationship, self.rel_document, self.rel_at, self.rel_place,
                       self.rel_by, self.rel_notes, self.rel_save):
            widget.setEnabled(open_release)

    # --- saving --------------------------------------------------------------------------------

    def _saved(self, record: ForensicRecord, message: str) -> None:
        self.error.hide()
        self._show(record)
        self.notice.setText(message)
        self.notice.show()
        self.caseChanged.emit(self.case_id)

    def _failed(self, exc: RepatError) -> None:
        self.notice.hide()
        self.error.show_message(user_message(exc))
        if isinstance(exc, StaleEdit):
            self.reload()

    def save_examination(self) -> None:
        r = self.record
        if r is None:
            return
        data = ExaminationData(str(self.exam_status.currentData()), py_datetime(self.exam_at),
                               self.exam_by.text(), self.exam_notes.toPlainText())
        if data.status != ExaminationStatus.COMPLETED.value and not r.examined:
            data.examined_at = None
        if data.status == ExaminationStatus.COMPLETED.value and not r.examined:
            answer = QMessageBox.question(
                self, self.tr("Complete the examination"),
                self.tr("Record the examination of case %1 as completed? It goes into the custody chain and "
                        "cannot be reopened.").replace("%1", r.case_number))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            record = examination.record_examination(self._ctx, self.case_id, data, expected_rev=r.rev)
        except RepatError as exc:
            self._failed(exc)
            return
        self._saved(record, self.tr("The examination is saved."))

    def add_sample(self) -> None:
        data = SampleData(str(self.sample_type.currentData()), self.sample_label.text(),
                          py_date(self.sample_taken_on), self.sample_taken_by.text(), self.sample_sent_to.text(),
                          self.sample_notes.text())
        try:
            record = examination.add_sample(self._ctx, self.case_id, data)
        except RepatError as exc:
            self._failed(exc)
            return
        for edit in (self.sample_label, self.sample_notes):
            edit.clear()
        self._saved(record, self.tr("The sample is recorded."))

    def withdraw_sample(self) -> None:
        items = self.samples.selectedItems()
        if not items:
            return
        sample_id = str(items[0].data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(
            self, self.tr("Withdraw sample"),
            self.tr("Withdraw this sample as recorded in error? It stays in the case's history."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            record = examination.withdraw_sample(self._ctx, sample_id)
        except RepatError as exc:
            self._failed(exc)
            return
        self._saved(record, self.tr("The sample is withdrawn."))

    def save_identification(self) -> None:
        r = self.record
        if r is None:
            return
        data = IdentificationData(self.est_name.text(), self.est_birth.text(), self.est_citizenship.text(),
                                  str(self.method.currentData()), self.identified_by.text(),
                                  py_date(self.identified_on))
        try:
            record = identification.record_identification(self._ctx, self.case_id, data, expected_rev=r.rev)
        except RepatError as exc:
            self._failed(exc)
            return
        self._saved(record, self.tr("The identification is saved."))

    def save_release(self) -> None:
        r = self.record
        if r is None:
            return
        data = ReleaseData(self.rel_name.text(), self.rel_relationship.text(), self.rel_document.text(),
                           py_datetime(self.rel_at), self.rel_place.text(), self.rel_by.text(),
                           self.rel_notes.toPlainText())
        answer = QMessageBox.question(
            self, self.tr("Record the release"),
            self.tr("Record that the remains of case %1 were released to %2? This goes into the custody chain "
                    "and cannot be undone.").replace("%1", r.case_number).replace("%2", data.recipient_name.strip()
                                                                                   or self.tr("the family")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            record = identification.record_release(self._ctx, self.case_id, data, expected_rev=r.rev)
        except RepatError as exc:
            self._failed(exc)
            return
        self._saved(record, self.tr("The release is recorded."))


def open_forensics(ctx: AppContext, case_id: str, parent: QWidget | None = None) -> ForensicsDialog:
    """Show the forensics dialog of a case (non-modal); returns it."""
    dialog = ForensicsDialog(ctx, case_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["ForensicsDialog", "open_forensics"]
