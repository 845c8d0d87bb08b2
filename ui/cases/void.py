"""Voiding a case recorded in error (a supervisor's act): the reason is asked for, what voiding
does is said before it is done, and a refusal (the case is on an issued act) is shown in the
dialog, which stays open."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.cases import void as case_void
from app.services.context import AppContext

from ui.widgets.service_messages import user_message

MAX_REASON = case_void.MAX_REASON


def may_void(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in case_void.CAN_VOID_CASES


class VoidCaseDialog(QDialog):
    """Asks why case ``case_number`` is voided, then voids it; ``accepted`` once it is done."""

    def __init__(self, ctx: AppContext, case_id: str, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidCaseDialog")
        self._ctx = ctx
        self._case_id = case_id
        self.setWindowTitle(self.tr("Void case %1").replace("%1", case_number))
        explain = QLabel(
            self.tr(
                "Void case %1 because it was recorded in error (a bag scanned into the wrong round, a test "
                "entry)? It leaves the round's counts on every computer once exchanged; its history is kept "
                "and your reason is listed in the round's discrepancies. A case on an issued act cannot be "
                "voided: void or correct the act first."
            ).replace("%1", case_number),
            self,
        )
        explain.setWordWrap(True)
        reason_label = QLabel(self.tr("&Reason (required):"), self)
        self._reason = QPlainTextEdit(self)
        self._reason.setObjectName("voidReason")
        self._reason.setTabChangesFocus(True)
        self._reason.setAccessibleName(self.tr("Reason for voiding"))
        reason_label.setBuddy(self._reason)
        self._error = QLabel(self)
        self._error.setObjectName("voidError")
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: #b00020; font-weight: bold;")
        self._error.hide()
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self._void = self._buttons.addButton(self.tr("&Void case"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self._void.setObjectName("voidCaseButton")
        self._void.setEnabled(False)
        self._void.clicked.connect(self.void)
        self._buttons.rejected.connect(self.reject)
        self._reason.textChanged.connect(self._reason_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(reason_label)
        layout.addWidget(self._reason, 1)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height() + 60)
        self._reason.setFocus()

    def error_text(self) -> str:
        return self._error.text() if not self._error.isHidden() else ""

    def _reason_changed(self) -> None:
        text = self._reason.toPlainText().strip()
        self._void.setEnabled(bool(text) and len(text) <= MAX_REASON)

    def void(self) -> None:
        try:
            case_void.void_case(self._ctx, self._case_id, self._reason.toPlainText())
        except RepatError as exc:
            self._error.setText(user_message(exc))
            self._error.show()
            return
        self.accept()
