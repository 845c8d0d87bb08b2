"""File → Back up… and File → Restore from a backup…, and the automatic daily backup.

``BackupActions(ctx, window, settings)`` owns the two actions for the File menu and a timer that,
when Settings name a backup folder (a memory stick, say), writes today's backup there once a day
and keeps the last seven (``app.services.admin.backup.rotate``). A stick that is not plugged in is told
in the status bar, never in a window that interrupts intake.

Restoring replaces the open database, so the window only checks the file and asks; it then emits
``restoreRequested(path)`` and the shell closes the database, restores, reopens it and asks for a
login again (see ``ui.main``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from app.errors import RepatError
from app.services.admin import backup
from app.services.context import CAN_MANAGE_ACCOUNTS, AppContext

from ui.widgets import tasks
from ui.widgets.service_messages import user_message

SETTING_FOLDER = "backup/folder"
SETTING_LAST_FOLDER = "backup/last_folder"
CHECK_EVERY_MS = 60 * 60 * 1000  # the daily backup is looked at hourly (a laptop left on overnight)
FIRST_CHECK_MS = 20 * 1000  # ...and shortly after the window opens, once the first screen is drawn
FILE_FILTER = "Repat backup (*.sqlite3);;All files (*)"


def backup_folder(settings: QSettings) -> str:
    return str(settings.value(SETTING_FOLDER, "") or "").strip()


def pick_backup_file(parent: QWidget | None, settings: QSettings, title: str) -> str:
    start = str(settings.value(SETTING_LAST_FOLDER, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.HomeLocation
    )
    path, _ = QFileDialog.getOpenFileName(parent, title, start, FILE_FILTER)
    if path:
        settings.setValue(SETTING_LAST_FOLDER, str(Path(path).parent))
    return path


def confirm_restore(parent: QWidget | None, path: str) -> bool:
    """Check ``path`` and ask before anything is replaced; False when refused or declined."""
    title = QCoreApplication.translate("BackupActions", "Restore from a backup")
    try:
        found = backup.inspect_file(Path(path))
    except RepatError as exc:
        QMessageBox.warning(parent, title, user_message(exc))
        return False
    answer = QMessageBox.question(
        parent,
        title,
        QCoreApplication.translate(
            "BackupActions",
            "Replace the records on this computer by the backup %1 of %2 (%3 case(s))? The current database is "
            "kept as a copy beside it, and its case numbers are not issued again. You log in again afterwards."
        ).replace("%1", Path(path).name).replace("%2", found.device_code or "?").replace("%3", str(found.cases)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupActions(QObject):
    restoreRequested = Signal(str)
    autoBackupDone = Signal(str)  # the status bar text after an automatic backup (or why there was none)

    def __init__(self, ctx: AppContext, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.settings = settings
        self.backup_action = QAction(window)
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(window)
        self.restore_action.triggered.connect(self.restore)
        file_based = ctx.db.path is not None
        self.backup_action.setEnabled(file_based)
        supervisor = ctx.user is not None and ctx.user.role in CAN_MANAGE_ACCOUNTS
        self.restore_action.setEnabled(file_based and supervisor)
        self._auto_running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.auto_backup)
        if file_based:
            self.timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self.auto_backup)
        self.retranslate()

    def retranslate(self) -> None:
        self.backup_action.setText(self.tr("&Back up…"))
        self.backup_action.setStatusTip(self.tr("Write a checked copy of this database to a file"))
        self.restore_action.setText(self.tr("&Restore from a backup…"))
        self.restore_action.setStatusTip(self.tr("Replace this database by a backup, keeping the current one"))
        if self.ctx.db.path is None:
            self.backup_action.setToolTip(self.tr("A server database is backed up with the server's tools (pg_dump)."))

    def _device_code(self) -> str:
        return self.ctx.device_code

    def back_up(self) -> None:
        start = str(self.settings.value(SETTING_LAST_FOLDER, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.HomeLocation
        )
        suggested = str(Path(start) / f"repat-{self._device_code()}-{date.today().isoformat()}-copy.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Back up"), suggested, FILE_FILTER)
        if not path:
            return
        self.settings.setValue(SETTING_LAST_FOLDER, str(Path(path).parent))
        db = self.ctx.db
        title = self.tr("Back up")

        def work(_progress: object, _token: object) -> backup.BackupInfo:
            return backup.backup(db, Path(path))

        def done(made: backup.BackupInfo) -> None:
            QMessageBox.information(
                self.window, title,
                self.tr("Backed up %1 case(s) to %2; the copy was checked after writing.")
                .replace("%1", str(made.cases)).replace("%2", str(made.path)),
            )

        tasks.run_task(self.window, title, work, done)

    def restore(self) -> None:
        path = pick_backup_file(self.window, self.settings, self.tr("Restore from a backup"))
        if path and confirm_restore(self.window, path):
            self.restoreRequested.emit(path)

    def auto_backup(self) -> None:
        folder = backup_folder(self.settings)
        if not folder or self._auto_running or self.ctx.db.path is None:
            return
        self._auto_running = True
        db, code = self.ctx.db, self._device_code()

        def work(_progress: object, _token: object) -> backup.BackupInfo | None:
            return backup.rotate(db, code, Path(folder))

        def done(made: backup.BackupInfo | None) -> None:
            self._auto_running = False
            if made is not None:
                self.autoBackupDone.emit(
                    self.tr("Today's backup was written to %1.").replace("%1", str(made.path))
                )

        def failed(exc: BaseException) -> None:
            self._auto_running = False
            self.autoBackupDone.emit(user_message(exc))

        tasks.start(work, done, failed)
