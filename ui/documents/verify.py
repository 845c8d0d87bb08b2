"""Verifying a printed certificate: ``VerifyField`` (a USB scanner types the QR code into it, or a
person types a certificate number) and ``VerifyDialog(ctx, parent)`` around it; the answer in
plain words and colour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import AppContext
from app.services.documents import verification
from app.services.documents.verification import Answer, Verification

from ui import i18n
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

_CTX = "Documents"
Documents = i18n.context(_CTX)  # for the plural strings (see i18n.context)


def verification_text(result: Verification) -> str:
    """The answer in the user's language, one or two sentences."""
    translate = QCoreApplication.translate
    n = result.number
    cases = result.case_count
    if result.answer == Answer.VALID:
        text = Documents.tr(
            "VALID. Certificate %1 (round %2, %n case(s)) was issued on %4 and is in force.", "", cases
        )
        text = text.replace("%2", result.round_code).replace(
            "%4", result.issued_at.strftime("%Y-%m-%d") if result.issued_at else ""
        )
    elif result.answer == Answer.VOID:
        text = translate("Documents", "VOID. Certificate %1 was voided on %2: %3")
        text = text.replace("%2", result.voided_at.strftime("%Y-%m-%d") if result.voided_at else "")
        text = text.replace("%3", result.void_reason)
    elif result.answer == Answer.SUPERSEDED:
        text = translate("Documents", "SUPERSEDED. Certificate %1 was replaced by %2; use the new certificate.")
        text = text.replace("%2", result.superseded_by)
    elif result.answer == Answer.MISMATCH:
        if "stored record" in result.message:
            text = translate(
                "Documents", "CONTENT DOES NOT MATCH. The stored record of %1 fails its own checksum; tell a supervisor."
            )
        else:
            text = translate(
                "Documents", "CONTENT DOES NOT MATCH. This paper is not a true copy of certificate %1 as issued."
            )
    elif result.answer == Answer.DRAFT:
        text = translate("Documents", "DRAFT. %1 was never issued and has no force.")
    elif result.answer == Answer.SHARED:
        text = translate(
            "Documents",
            "NUMBER ISSUED TWICE. Two laptops set up under one device code both issued certificate %1; "
            "scan the QR code to tell which one this paper is.",
        )
    elif n:
        text = translate(
            "Documents",
            "UNKNOWN. Certificate %1 is not in this database; if it was issued on another laptop, "
            "import that laptop's data first.",
        )
    else:
        text = translate("Documents", "UNKNOWN. This is not a Repat certificate code.")
    text = text.replace("%1", n)
    if n and not result.content_checked and result.answer not in (
        Answer.UNKNOWN, Answer.DRAFT, Answer.MISMATCH, Answer.SHARED
    ):
        text += " " + translate(
            "Documents", "Only the number was checked; scan the QR code to check the content as well."
        )
    return text


ANSWER_COLOURS = {
    Answer.VALID: ("#0f5132", "#d1e7dd"),
    Answer.VOID: ("#842029", "#f8d7da"),
    Answer.SUPERSEDED: ("#664d03", "#fff3cd"),
    Answer.MISMATCH: ("#842029", "#f8d7da"),
    Answer.UNKNOWN: ("#41464b", "#e2e3e5"),
    Answer.DRAFT: ("#664d03", "#fff3cd"),
    Answer.SHARED: ("#664d03", "#fff3cd"),
}


class VerifyField(Retranslating, QWidget):
    """A field a USB scanner types the QR code into (or a person types a number); the answer below."""

    verified = Signal(object)  # the Verification

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Verification | None = None
        self.input = QLineEdit()
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.check)
        self.label = QLabel()
        self.label.setBuddy(self.input)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAccessibleName("verification result")
        self.answer.hide()
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.answer)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Verify document — scan the QR code or type the certificate number:"))
        self.input.setPlaceholderText(self.tr("REPAT:CERT:… or KH01-A-2026-0001"))
        self.check_button.setText(self.tr("C&heck"))
        if self.result is not None:
            self._show(self.result)

    def check(self) -> Verification | None:
        text = self.input.text().strip()
        if not text:
            return None
        try:
            result = verification.verify(self.ctx, text)
        except RepatError as exc:
            QMessageBox.warning(self, self.tr("Verify document"), user_message(exc))
            return None
        self.result = result
        self._show(result)
        self.input.selectAll()  # the next scan replaces this one
        self.verified.emit(result)
        return result

    def _show(self, result: Verification) -> None:
        fg, bg = ANSWER_COLOURS[result.answer]
        self.answer.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; padding: 8px; font-weight: bold; }}"
        )
        self.answer.setText(verification_text(result))
        self.answer.show()


class VerifyDialog(Retranslating, QDialog):
    """A small window around ``VerifyField``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = VerifyField(ctx, self)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(620, 220)
        self.retranslate()
        self.field.input.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify document"))
        self.close_button.setText(self.tr("&Close"))


def open_verify(ctx: AppContext, parent: QWidget) -> VerifyDialog:
    dialog = VerifyDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
