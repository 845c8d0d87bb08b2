"""The Settings dialog: language, the database, the backup folder (the settings themselves are
kept by ``ui.widgets.stored_settings``)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import database as database_service
from app.services.admin.backup import ROTATION_KEEP

from ui import i18n
from ui.admin.backup import SETTING_FOLDER, backup_folder
from ui.widgets import tasks
from ui.widgets.errors import log_file
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message
from ui.widgets.stored_settings import SETTING_DATABASE, saved_database


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


class SettingsDialog(Retranslating, QDialog):
    """Language (applied at once) and, for reference, the database and log file in use."""

    def __init__(self, settings: QSettings, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = QComboBox()
        for code in i18n.SUPPORTED:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.database = QLineEdit(saved_database(settings) or "")
        self.database.setMinimumWidth(420)
        self.database.setPlaceholderText(database)
        self.database.setClearButtonEnabled(True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.test = QPushButton()
        self.test.clicked.connect(self._test)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self._test_task: object | None = None
        self.backup_folder = QLineEdit(backup_folder(settings))
        self.backup_folder.setClearButtonEnabled(True)
        self.choose_folder = QPushButton()
        self.choose_folder.clicked.connect(self._choose_folder)
        self.backup_label = QLabel()
        self.backup_label.setBuddy(self.backup_folder)
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        self.backup_note.setEnabled(False)
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
        database_row = QHBoxLayout()
        database_row.addWidget(self.database, 1)
        database_row.addWidget(self.browse)
        database_row.addWidget(self.test)
        form.addRow(self.database_label, database_row)
        form.addRow("", self.database_note)
        form.addRow("", self.test_result)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(self.choose_folder)
        form.addRow(self.backup_label, backup_row)
        form.addRow("", self.backup_note)
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
            self.tr("Menus, windows and forms change language at once; what is typed in a form stays.")
        )
        self.browse.setText(self.tr("&Browse…"))
        self.backup_label.setText(self.tr("Back&up folder:"))
        self.choose_folder.setText(self.tr("Choo&se…"))
        self.backup_folder.setPlaceholderText(self.tr("none: no automatic backup"))
        self.backup_note.setText(
            self.tr("Once a day while Repat runs, a checked copy of the database is written there and the "
                    "last %1 are kept: a memory stick or another disk, so a laptop that dies loses nothing "
                    "of the day.").replace("%1", str(ROTATION_KEEP))
        )
        self.test.setText(self.tr("&Test connection"))
        self.database_note.setText(
            self.tr("Empty: the database in your data folder. A headquarters server is given as "
                    "postgresql://user@server/database. The change takes effect when Repat is next started; "
                    "--db on the command line takes precedence.")
        )

    def selected_language(self) -> str:
        return str(self.language.currentData())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Database file"), self.database.text() or self.database.placeholderText(),
            self.tr("Repat database (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    def _test(self) -> None:
        """Open the chosen database off the GUI thread (a server may take seconds to answer)."""
        target = self.database.text().strip() or None
        self.test.setEnabled(False)
        self.test_result.setText(self.tr("Connecting…"))

        def work(_progress: object, _token: object) -> str:
            db = database_service.open_database(target)
            try:
                return str(database_service.schema_version(db) or "")
            finally:
                db.close()

        def done(_version: object) -> None:
            self.test.setEnabled(True)
            self.test_result.setText(self.tr("The database opened and is ready."))

        def failed(exc: BaseException) -> None:
            self.test.setEnabled(True)
            self.test_result.setText(user_message(exc))

        self._test_task = tasks.start(work, done, failed)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def selected_database(self) -> str | None:
        return self.database.text().strip() or None

    def accept(self) -> None:
        chosen = self.selected_database()
        if chosen != saved_database(self.settings):
            self.settings.setValue(SETTING_DATABASE, chosen or "")
            QMessageBox.information(
                self, self.tr("Settings"), self.tr("Repat will use the new database when it is next started.")
            )
        self.settings.setValue(SETTING_FOLDER, self.backup_folder.text().strip())
        lang = self.selected_language()
        self.settings.setValue(i18n.SETTING_LANGUAGE, lang)
        self.settings.sync()
        if lang != i18n.current_language():
            i18n.install(lang)
        super().accept()
