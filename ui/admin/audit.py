"""Tools → Verify records: ``repat audit verify`` in a window, on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.services.admin import audit
from app.services.context import AppContext

from ui.widgets.tasks import run_task


class AuditDialog(QDialog):
    """The verdict in one sentence, then the report line by line (selectable, to copy)."""

    def __init__(self, report: audit.AuditReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Verify records"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        if report.intact:
            self.verdict.setText(self.tr("All records are intact: every chain of versions, every record and every "
                                     "issued certificate is as it was written."))
        else:
            self.verdict.setText(self.tr("The records are NOT intact: some were changed outside Repat. Nothing was "
                                     "repaired; tell a supervisor and keep this database as it is."))
            self.verdict.setStyleSheet("color: #a40000; font-weight: bold;")
        self.details = QPlainTextEdit("\n".join(audit.describe(report)))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(860, 420)


def verify_records(ctx: AppContext, parent: QWidget) -> None:
    def done(report: audit.AuditReport) -> None:
        dialog = AuditDialog(report, parent)
        dialog.setObjectName("audit_dialog")
        dialog.open()

    run_task(parent, QCoreApplication.translate("AuditDialog", "Verifying the records…"), lambda progress, token: audit.verify(ctx, progress, token), done)
