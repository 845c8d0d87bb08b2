"""First start on a new database: name this laptop (device) and create the first supervisor."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError, ValidationError
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.database import Database

from ui.shell.settings import LanguageCombo
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating


class FirstRunDialog(Retranslating, QDialog):
    """Set up this installation. ``context`` is the supervisor's session once accepted."""

    def __init__(self, db: Database, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.context: AppContext | None = None
        self.settings = settings
        self.restore_path = ""  # a backup chosen instead of setting up (the shell restores it)

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.device_code = QLineEdit()
        self.device_code.setMaxLength(8)
        self.device_code.setPlaceholderText("KH01")
        self.device_code.textEdited.connect(self._upper_device_code)
        self.device_name = QLineEdit()
        self.device_name.setMaxLength(200)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(300)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.device_code, self.device_name, self.username, self.full_name, self.password, self.repeat):
            edit.setMinimumWidth(280)

        self.device_box = QGroupBox()
        device_form = QFormLayout(self.device_box)
        self.device_code_label = self._row(device_form, self.device_code)
        self.device_code_hint = QLabel()
        self.device_code_hint.setWordWrap(True)
        self.device_code_hint.setEnabled(False)
        device_form.addRow("", self.device_code_hint)
        self.device_name_label = self._row(device_form, self.device_name)

        self.user_box = QGroupBox()
        user_form = QFormLayout(self.user_box)
        self.username_label = self._row(user_form, self.username)
        self.full_name_label = self._row(user_form, self.full_name)
        self.password_label = self._row(user_form, self.password)
        self.repeat_label = self._row(user_form, self.repeat)

        self.error = InlineError()
        self.buttons = QDialogButtonBox()
        self.setup_button = QPushButton()
        self.setup_button.setDefault(True)
        self.quit_button = QPushButton()
        self.buttons.addButton(self.setup_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button = QPushButton()
        self.restore_button.setVisible(db.path is not None)
        self.restore_button.clicked.connect(self.restore_backup)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        if settings is not None:  # choose the language before anything else
            self.language = LanguageCombo(settings)
            top.addWidget(self.language, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.device_box)
        layout.addWidget(self.user_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "device_code": self.device_code,
            "username": self.username,
            "full_name": self.full_name,
            "password": self.password,
        }
        self.setMinimumWidth(520)
        self.retranslate()
        self.device_code.setFocus()

    @staticmethod
    def _row(form: QFormLayout, field: QWidget) -> QLabel:
        label = QLabel()
        label.setBuddy(field)
        form.addRow(label, field)
        return label

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up Repat"))
        self.heading.setText(self.tr("Welcome to Repat"))
        self.intro.setText(
            self.tr(
                "This database is new. Give this computer a short device code, used in every case "
                "number it creates, and create the first supervisor account."
            )
        )
        self.device_box.setTitle(self.tr("This computer"))
        self.device_code_label.setText(self.tr("Device &code:"))
        self.device_code_hint.setText(
            self.tr("2 to 8 Latin capital letters or digits, starting with a letter; unique to this computer.")
        )
        self.device_name_label.setText(self.tr("Device &name:"))
        self.device_name.setPlaceholderText(self.tr("e.g. Field laptop 1"))
        self.user_box.setTitle(self.tr("First supervisor"))
        self.username_label.setText(self.tr("&User name:"))
        self.full_name_label.setText(self.tr("&Full name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.password.setPlaceholderText(self.tr("at least %1 characters").replace("%1", str(accounts.MIN_PASSWORD)))
        self.repeat_label.setText(self.tr("&Repeat password:"))
        self.setup_button.setText(self.tr("&Set up"))
        self.quit_button.setText(self.tr("&Quit"))
        self.restore_button.setText(self.tr("Restore from a &backup…"))
        self.restore_button.setToolTip(
            self.tr("This computer replaces one that was backed up: take over its records instead of setting up anew.")
        )

    def restore_backup(self) -> None:
        from PySide6.QtCore import QSettings

        from ui.admin.backup import confirm_restore, pick_backup_file

        path = pick_backup_file(self, self.settings or QSettings(), self.tr("Restore from a backup"))
        if path and confirm_restore(self, path):
            self.restore_path = path
            self.reject()

    def _upper_device_code(self, text: str) -> None:
        if text != text.upper():
            pos = self.device_code.cursorPosition()
            self.device_code.setText(text.upper())
            self.device_code.setCursorPosition(pos)

    def accept(self) -> None:
        self.error.clear_message()
        if self.password.text() != self.repeat.text():
            self.error.show_message(self.tr("The two passwords differ; type the same password twice."))
            self.repeat.setFocus()
            self.repeat.selectAll()
            return
        try:
            accounts.validate_device_code(self.device_code.text())
            self.context = accounts.initialize(
                self.db,
                device_code=self.device_code.text(),
                device_name=self.device_name.text(),
                username=self.username.text(),
                full_name=self.full_name.text(),
                password=self.password.text(),
            )
        except ValidationError as exc:
            self.error.show_error(exc, self.fields)
            return
        except RepatError as exc:
            self.error.show_error(exc)
            return
        super().accept()
