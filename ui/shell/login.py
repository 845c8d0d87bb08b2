"""Log in on this device; a wrong password keeps the dialog open with a clear message."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AuthenticationError, RepatError
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.database import Database

from ui.shell.settings import LanguageCombo
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating


class LoginDialog(Retranslating, QDialog):
    """``context`` holds the logged-in user's session once accepted."""

    def __init__(
        self,
        db: Database,
        device_code: str,
        username: str = "",
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.context: AppContext | None = None
        self.device_code = device_code

        self.heading = QLabel("Repat")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.device = QLabel()
        self.username = QLineEdit(username)
        self.username.setMaxLength(64)
        self.username.setMinimumWidth(260)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)

        self.error = InlineError()
        self.buttons = QDialogButtonBox()
        self.login_button = QPushButton()
        self.login_button.setDefault(True)
        self.quit_button = QPushButton()
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        if settings is not None:  # choose the language before anything else
            self.language = LanguageCombo(settings)
            top.addWidget(self.language, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.device)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if username else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in to Repat"))
        self.device.setText(self.tr("Device %1").replace("%1", self.device_code))
        self.username_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.login_button.setText(self.tr("&Log in"))
        self.quit_button.setText(self.tr("&Quit"))

    def accept(self) -> None:
        self.error.clear_message()
        if not self.username.text().strip():
            self.error.show_message(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        try:
            self.context = accounts.login(self.db, self.username.text(), self.password.text())
        except AuthenticationError as exc:
            self.error.show_error(exc)
            self.password.clear()
            self.password.setFocus()
            return
        except RepatError as exc:
            self.error.show_error(exc)
            return
        super().accept()
