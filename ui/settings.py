"""User settings (QSettings) and the Settings dialog: language, and where the database is."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.paths import data_dir

from ui import i18n
from ui.errors import log_file

SETTINGS_FILE = "settings.ini"


def app_settings() -> QSettings:
    """The user's settings: the platform's usual place, or a file beside the data when
    ``REPAT_DATA_DIR`` points Repat at another data folder (portable use, tests)."""
    if os.environ.get("REPAT_DATA_DIR"):
        return QSettings(str(data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)
    return QSettings()


class LanguageCombo(QComboBox):
    """Each language named in itself; choosing one switches the application and remembers it."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        for code in i18n.SUPPORTED:
            self.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.setCurrentIndex(max(0, self.findData(i18n.current_language())))
        self.setAccessibleName("Language / Мова")
        self.setToolTip("Language / Мова")
        self.currentIndexChanged.connect(self._apply)

    def _apply(self, _index: int) -> None:
        lang = str(self.currentData())
        self.settings.setValue(i18n.SETTING_LANGUAGE, lang)
        if lang != i18n.current_language():
            i18n.install(lang)


class SettingsDialog(QDialog):
    """Language (applied at once) and, for reference, the database and log file in use."""

    def __init__(self, settings: QSettings, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = QComboBox()
        for code in i18n.SUPPORTED:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.database = QLineEdit(database)
        self.database.setReadOnly(True)
        self.database.setMinimumWidth(420)
        self.log = QLineEdit(str(log_file()))
        self.log.setReadOnly(True)

        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.database_label = QLabel()
        self.database_label.setBuddy(self.database)
        self.log_label = QLabel()
        self.log_label.setBuddy(self.log)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.setEnabled(False)
        self.database_note = QLabel()
        self.database_note.setWordWrap(True)
        self.database_note.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow("", self.language_note)
        form.addRow(self.database_label, self.database)
        form.addRow("", self.database_note)
        form.addRow(self.log_label, self.log)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))
        self.database_label.setText(self.tr("&Database:"))
        self.log_label.setText(self.tr("Log &file:"))
        self.language_note.setText(
            self.tr("Menus and windows change language at once; a form that is already filled in keeps its "
                    "labels until Repat is restarted.")
        )
        self.database_note.setText(
            self.tr("To work on another database, start Repat with --db PATH_OR_URL.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def selected_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        lang = self.selected_language()
        self.settings.setValue(i18n.SETTING_LANGUAGE, lang)
        self.settings.sync()
        if lang != i18n.current_language():
            i18n.install(lang)
        super().accept()
