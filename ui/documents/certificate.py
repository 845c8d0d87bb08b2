"""The handover certificate dialog: ``CertificateDialog(ctx, round_id, parent, certificate_id=None,
case_ids=None)``: the form (kind, scope, place, date, time, the three parties with representatives
and witnesses, notes), the preview (Qt's PDF viewer), and Preview / Issue / Print / Save as PDF;
for an issued certificate, a reprint with Correct (a new certificate that supersedes it) and Void
(supervisors). Its widgets are built by ``CertificateFormDialog`` (``ui.documents.certificate_form``).

Every PDF is generated off the GUI thread (``ui.widgets.tasks.run_task``) and shown from memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.errors import RepatError
from app.services.context import CAN_ISSUE_CERTIFICATES, AppContext
from app.services.documents import certificate_drafts, certificate_issuing, certificate_records
from app.services.documents.certificate_forms import (
    CertificateInfo,
    IssueRefused,
    IssueResult,
    RenderedDocument,
    Scope,
)
from app.services.rounds import rounds

from ui.documents.certificate_form import CertificateFormDialog
from ui.documents.texts import error_text, kind_label
from ui.widgets import tasks
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message


class CertificateDialog(Retranslating, CertificateFormDialog):
    """Prepare, preview, issue, print and save a handover certificate; or reprint, correct, void one."""

    certificateChanged = Signal(str)  # the certificate's id, after a save, issue, correction or void

    def __init__(
        self,
        ctx: AppContext,
        round_id: str,
        parent: QWidget | None = None,
        *,
        certificate_id: str | None = None,
        case_ids: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.info: CertificateInfo | None = None
        self.case_ids: tuple[str, ...] | None = tuple(case_ids) if case_ids is not None else None
        self.dirty = False
        self._loading = False
        self._task: tasks.Task | None = None
        role = ctx.user.role if ctx.user else None
        self.can_issue = role in CAN_ISSUE_CERTIFICATES
        self.can_void = role in certificate_issuing.CAN_VOID_CERTIFICATES
        self.round = rounds.get_round(ctx, round_id)
        self.units = rounds.list_transport_units(ctx, round_id)
        self._build()
        if certificate_id is not None:
            self.load(certificate_records.get_certificate(ctx, certificate_id))
        else:
            self._fill_form(certificate_drafts.default_form(ctx, round_id, "acceptance"))
        self.dirty = False
        self.retranslate()
        self._update_state()

    def retranslate(self) -> None:
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, kind_label(self.kind_combo.itemData(i)))
        self.kind_label.setText(self.tr("&Kind:"))
        self.scope_label.setText(self.tr("Cases:"))
        self.scope_round.setText(self.tr("The &whole round (%n case(s))", "", self.round.received))
        self.scope_unit.setText(self.tr("One &transport unit:"))
        count = len(self.case_ids or ())
        self.scope_cases.setText(self.tr("The chosen case(s) (%n)", "", count))
        self.place_label.setText(self.tr("&Place:"))
        self.date_label.setText(self.tr("&Date:"))
        self.time_label.setText(self.tr("T&ime:"))
        self.act_time.setPlaceholderText(self.tr("HH:MM"))
        self.act_time.setToolTip(self.tr("Leave empty to use the moment of issue."))
        self.notes_label.setText(self.tr("&Notes:"))
        self.save_button.setText(self.tr("Save &draft"))
        self.preview_button.setText(self.tr("Pre&view"))
        self.preview_button.setToolTip(self.tr("Save the draft and show it (F5)"))
        self.issue_button.setText(self.tr("&Issue…"))
        if not self.can_issue:
            self.issue_button.setToolTip(self.tr("Only clerks and supervisors issue certificates."))
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.correct_button.setText(self.tr("C&orrect…"))
        self.correct_button.setToolTip(
            self.tr("Prepare a new certificate that supersedes this one (an issued certificate is never edited)")
        )
        self.void_button.setText(self.tr("&Void…"))
        self.discard_button.setText(self.tr("Dis&card draft…"))
        self.close_button.setText(self.tr("&Close"))
        self._update_state()

    # state

    @property
    def is_draft(self) -> bool:
        return self.info is None or self.info.is_draft

    def _update_state(self) -> None:
        info = self.info
        if info is None:
            text = self.tr("New certificate for round %1 (not saved yet)").replace("%1", self.round.code)
        elif info.status == "draft":
            text = self.tr("Draft %1, round %2: %n case(s)", "", info.case_count)
            text = text.replace("%1", info.number).replace("%2", info.round_code)
            if info.supersedes_number:
                text += " " + self.tr("(corrects %1)").replace("%1", info.supersedes_number)
        elif info.status == "issued":
            text = self.tr("Certificate %1, issued %2 by %3: %n case(s)", "", info.case_count)
            text = text.replace("%1", info.number).replace("%3", info.issued_by).replace(
                "%2", info.issued_at.strftime("%Y-%m-%d %H:%M UTC") if info.issued_at else ""
            )
        else:
            text = self.tr("Certificate %1 is VOID: %2").replace("%1", info.number).replace("%2", info.void_reason)
            if info.superseded_by_number:
                text += " " + self.tr("Superseded by %1.").replace("%1", info.superseded_by_number)
        self.status_label.setText(text)
        title = kind_label(info.kind if info else str(self.kind_combo.currentData()))
        self.setWindowTitle(f"{title} — {info.number}" if info else title)
        draft = self.is_draft
        busy = self._task is not None
        self.form_widget.setEnabled(draft and not busy)
        self.kind_combo.setEnabled(self.info is None and not busy)
        self.unit_combo.setEnabled(draft and self.scope_unit.isChecked())
        self.save_button.setVisible(draft)
        self.preview_button.setVisible(draft)
        self.issue_button.setVisible(draft)
        self.save_button.setEnabled(not busy)
        self.preview_button.setEnabled(not busy)
        self.issue_button.setEnabled(self.can_issue and not busy)
        has_pdf = self.preview.page_count() > 0 and not busy
        self.print_button.setEnabled(has_pdf)
        self.pdf_button.setEnabled(has_pdf)
        issued = info is not None and info.status == "issued"
        superseded = bool(info is not None and info.superseded_by_number)
        self.correct_button.setVisible(issued and self.can_issue and not superseded)
        self.void_button.setVisible(issued and self.can_void)
        self.discard_button.setVisible(info is not None and info.status == "draft")
        self.discard_button.setEnabled(not busy)

    def _kind_changed(self, _index: int) -> None:
        for box in self.parties.values():
            box.set_kind(str(self.kind_combo.currentData()))
        if self.info is None and not self.dirty and not self._loading:
            self._fill_form(certificate_drafts.default_form(self.ctx, self.round_id, str(self.kind_combo.currentData())))
        self._update_state()

    def _scope_toggled(self, _checked: bool) -> None:
        self.unit_combo.setEnabled(self.scope_unit.isChecked() and self.is_draft)
        self._mark_dirty()

    def load(self, info: CertificateInfo) -> None:
        """Show a saved certificate (and regenerate its preview)."""
        self.info = info
        self._loading = True
        try:
            if info.scope_type == "unit" and info.transport_unit_id:
                self.scope_unit.setChecked(True)
                index = self.unit_combo.findData(info.transport_unit_id)
                if index >= 0:
                    self.unit_combo.setCurrentIndex(index)
            elif info.scope_type == "cases":
                if self.case_ids is None:
                    self.case_ids = ()
                self.scope_cases.setVisible(True)
                self.scope_cases.setChecked(True)
            else:
                self.scope_round.setChecked(True)
        finally:
            self._loading = False
        self._fill_form(info.form)
        self.dirty = False
        self.retranslate()
        self.refresh_preview(save=False)

    # actions

    def save_draft(self) -> CertificateInfo | None:
        """Save the form as a draft (numbering it the first time). None when refused."""
        if not self.is_draft:
            return self.info
        self.banner.clear_message()
        scope = self.scope()
        if scope.type == "cases" and not self.case_ids and self.info is not None:
            scope = None  # type: ignore[assignment]  # keep the draft's own chosen cases
        try:
            if self.info is None:
                self.info = certificate_drafts.create_draft(self.ctx, scope or Scope(self.round_id), self.form())
            else:
                self.info = certificate_drafts.update_draft(self.ctx, self.info.id, self.info.rev, self.form(), scope)
        except RepatError as exc:
            self.banner.show_error(exc, {"place": self.place, "time": self.act_time})
            return None
        self.dirty = False
        self._update_state()
        self.certificateChanged.emit(self.info.id)
        return self.info

    def refresh_preview(self, save: bool = True) -> None:
        """Save the draft (unless ``save`` is False) and regenerate the preview on a worker thread."""
        if self._task is not None:
            return
        if save and self.is_draft and self.save_draft() is None:
            return
        if self.info is None:
            return
        cert_id = self.info.id
        self.preview.set_placeholder(self.tr("Preparing the preview…"))
        self._start(
            self.tr("Preparing the certificate"),
            lambda progress, token: certificate_issuing.render_certificate(
                self.ctx, cert_id, progress=progress, token=token
            ),
            self._rendered,
        )

    def _start(self, title: str, work: Any, done: Any) -> None:
        def finished(result: object) -> None:
            self._task = None
            done(result)
            self._update_state()

        def failed(exc: BaseException) -> None:
            self._task = None
            self._update_state()
            from app.progress import Cancelled

            if isinstance(exc, Cancelled):
                self.preview.set_placeholder(self.tr("Cancelled."))
                return
            self.banner.show_message(error_text(exc))
            if self.preview.page_count() <= 0:
                self.preview.set_placeholder(self.tr("The document could not be prepared."))

        self._task = tasks.run_task(self, title, work, finished, failed)
        self._update_state()

    def _rendered(self, document: RenderedDocument) -> None:
        self.preview.set_document(document)

    def issue(self) -> None:
        if not self.can_issue or self._task is not None:
            return
        info = self.save_draft()
        if info is None:
            return
        # every reason that stops issuing is shown before the question that cannot be taken back
        try:
            missing = certificate_drafts.missing_for_issue(self.ctx, info.id)
        except RepatError as exc:
            self.banner.show_message(user_message(exc))
            return
        if missing:
            self.banner.show_message(error_text(IssueRefused(info.number, missing)))
            return
        question = self.tr(
            "Issue certificate %1 listing %n case(s)?\n\nOnce issued it can never be changed: a mistake is "
            "corrected by a new certificate that supersedes it. A custody event is recorded for every case.",
            "",
            info.case_count,
        ).replace("%1", info.number)
        if info.supersedes_number:
            question += "\n\n" + self.tr(
                "It corrects %1: issuing it voids %1, whose events are kept and marked as belonging to a voided act."
            ).replace("%1", info.supersedes_number)
        answer = QMessageBox.question(
            self,
            self.tr("Issue certificate"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        cert_id, rev = info.id, info.rev
        self._start(
            self.tr("Issuing the certificate"),
            lambda progress, token: certificate_issuing.issue_certificate(
                self.ctx, cert_id, expected_rev=rev, progress=progress, token=token
            ),
            self._issued,
        )

    def _issued(self, result: IssueResult) -> None:
        self.info = result.certificate
        self.dirty = False
        self.banner.clear_message()
        self.preview.set_document(result.document)
        self.retranslate()
        self.certificateChanged.emit(result.certificate.id)

    def correct(self) -> None:
        if self.info is None:
            return
        try:
            draft = certificate_drafts.start_correction(self.ctx, self.info.id)
        except RepatError as exc:
            self.banner.show_message(error_text(exc))
            return
        self.certificateChanged.emit(draft.id)
        self.load(draft)

    def void(self) -> None:
        if self.info is None or not self.can_void:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Void certificate"),
            self.tr("Why is certificate %1 void? The reason is kept with it.").replace("%1", self.info.number),
        )
        if not ok or not reason.strip():
            return
        try:
            info = certificate_issuing.void_certificate(self.ctx, self.info.id, reason)
        except RepatError as exc:
            self.banner.show_message(error_text(exc))
            return
        self.certificateChanged.emit(info.id)
        self.load(info)

    def discard(self) -> None:
        """Give up this draft (after confirmation); it stays in the records as void."""
        if self.info is None or not self.info.is_draft or self._task is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard draft"),
            self.tr("Discard draft %1? Its number stays in the records, marked void.").replace("%1", self.info.number),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        try:
            info = certificate_drafts.discard_draft(self.ctx, self.info.id)
        except RepatError as exc:
            self.banner.show_message(error_text(exc))
            return
        self.dirty = False
        self.certificateChanged.emit(info.id)
        self.accept()

    # closing

    def _confirm_close(self) -> bool:
        if self._task is not None:
            self._task.token.cancel()
        if not (self.dirty and self.is_draft):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this draft before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save_draft() is not None
        return True

    def reject(self) -> None:
        if self._confirm_close():
            self.dirty = False
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._confirm_close():
            self.dirty = False
            event.accept()
        else:
            event.ignore()
