"""Start the application: language, database, single-instance lock, first run or login, main window.

``run_gui`` is what ``repat`` runs without a command. Set ``REPAT_EXIT_AFTER_START=1`` (with
``REPAT_USER`` and ``REPAT_PASSWORD``, which stand in for the login dialog) to log in, show the
main window, print how long start-up took and quit: the start-up check uses it. On a database
not set up yet it shows the first-run dialog, prints its title and quits (the packaging check).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.errors import RepatError
from app.paths import resources_dir
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.database import Database, open_database

from ui import i18n
from ui.widgets import errors, service_messages
from ui.widgets.stored_settings import app_settings, saved_database

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

ENV_EXIT_AFTER_START = "REPAT_EXIT_AFTER_START"
KEY_LAST_USER = "login/last_user"
_STARTED = time.perf_counter()


def seconds_since_process_start() -> float:
    """Wall-clock seconds since this process started (since this module loaded, off Linux)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _STARTED


def _fatal(message: str, quiet: bool = False) -> None:
    """Tell the user why Repat cannot go on (on stderr too, for a start from a terminal)."""
    log.error("cannot start: %s", message)
    print(f"repat: {message}", file=sys.stderr, flush=True)
    if not quiet:
        QMessageBox.critical(None, QCoreApplication.translate("Startup", "Repat cannot start"), message)


class Shell(QObject):
    """Runs first run / login and the main window, and login again after Log out."""

    def __init__(self, db: Database, settings: QSettings, exit_after_start: bool = False) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.exit_after_start = exit_after_start
        self.window: MainWindow | None = None
        self._logging_out = False
        self._restore_from: str | None = None

    def start(self) -> bool:
        """Log someone in and show the main window; False when the user gave up."""
        ctx = self._authenticate()
        if ctx is None:
            return False
        self._show_main(ctx)
        return True

    def _authenticate(self) -> AppContext | None:
        if self.exit_after_start:
            if not accounts.is_initialized(self.db):  # a fresh install: show the set-up window, say so, quit
                from ui.shell.first_run import FirstRunDialog

                first = FirstRunDialog(self.db, self.settings)
                first.show()
                QApplication.processEvents()
                print(f"repat: first-run dialog shown: {first.windowTitle()}", flush=True)
                first.close()
                first.deleteLater()
                return None
            return accounts.login(self.db, os.environ.get("REPAT_USER", ""), os.environ.get("REPAT_PASSWORD", ""))
        if not accounts.is_initialized(self.db):
            from ui.shell.first_run import FirstRunDialog

            first = FirstRunDialog(self.db, self.settings)
            ok = first.exec() == QDialog.DialogCode.Accepted
            first.deleteLater()
            if first.restore_path:  # a new laptop taking over the backup of the one it replaces
                self.restore(first.restore_path)
                return self._authenticate()
            ctx = first.context if ok else None
        else:
            from ui.shell.login import LoginDialog

            device = accounts.local_device(self.db)
            login = LoginDialog(
                self.db, device.code, str(self.settings.value(KEY_LAST_USER, "") or ""), self.settings
            )
            ok = login.exec() == QDialog.DialogCode.Accepted
            login.deleteLater()
            ctx = login.context if ok else None
        if ctx is not None and ctx.user is not None:
            self.settings.setValue(KEY_LAST_USER, ctx.user.username)
        return ctx

    def _show_main(self, ctx: AppContext) -> None:
        from ui.shell.main_window import MainWindow

        window = MainWindow(ctx, self.settings)
        window.logoutRequested.connect(self._log_out)
        window.restoreRequested.connect(self._restore_requested)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()
        log.info("%s logged in on %s", ctx.user.username if ctx.user else "?", ctx.device_code)
        if self.exit_after_start:  # usable = shown with its rounds loaded
            window.roundsLoaded.connect(lambda: QTimer.singleShot(0, self._report_start_and_quit))

    def _report_start_and_quit(self) -> None:
        elapsed = seconds_since_process_start()
        print(f"repat: main window shown {elapsed:.2f} s after start", flush=True)
        log.info("start-up took %.2f s", elapsed)
        QApplication.quit()

    def shutdown(self) -> None:
        """Close the window and let background reads finish before the interpreter exits."""
        window = self.window
        self.window = None
        if window is not None:
            window.closed.disconnect(self._window_closed)
            window.close()
            shiboken6.delete(window)
        QThreadPool.globalInstance().waitForDone(10000)

    def _log_out(self) -> None:
        self._logging_out = True
        window = self.window
        if window is not None:
            window.close()

    def _restore_requested(self, path: str) -> None:
        self._restore_from = path
        self._log_out()

    def restore(self, path: str) -> bool:
        """Close the database, put the backup ``path`` in its place, open it again; True when restored.
        Refused or failed, the current database is opened again as it was."""
        from pathlib import Path

        from app.services.admin import backup

        target = self.db.path
        if target is None:
            return False
        QThreadPool.globalInstance().waitForDone(10000)  # background reads let go of the file first
        self.db.close()
        title = QCoreApplication.translate("Shell", "Restore from a backup")
        restored = False
        try:
            done = backup.restore(Path(path), target)
        except RepatError as exc:
            QMessageBox.warning(None, title, service_messages.user_message(exc))
        else:
            restored = True
            text = QCoreApplication.translate(
                "Shell", "Restored %1 case(s) from %2. The database it replaced is kept as %3."
            ).replace("%1", str(done.restored.cases)).replace("%2", Path(path).name)
            text = text.replace("%3", str(done.kept) if done.kept else "\u2014")
            log.info("restored %s over %s; kept %s", path, target, done.kept)
            QMessageBox.information(None, title, text)
        self.db = open_database(target)
        self.db.acquire_instance_lock()
        return restored

    def _window_closed(self) -> None:
        window = self.window
        self.window = None
        if window is not None:
            window.deleteLater()
        if not self._logging_out:
            QApplication.quit()
            return
        self._logging_out = False
        if self._restore_from:
            path, self._restore_from = self._restore_from, None
            try:
                self.restore(path)
            except RepatError as exc:  # the database could not be opened again
                _fatal(service_messages.user_message(exc))
                QApplication.quit()
                return
        ctx = self._authenticate()
        if ctx is None:
            QApplication.quit()
        else:
            self._show_main(ctx)


def app_icon() -> QIcon:
    """Repat's icon in every size drawn from resources/icons/repat.svg (packaging/make_icons.py)."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "hicolor").glob("*/apps/repat.png")):
        icon.addFile(str(png))
    return icon


def run_gui(db: str | None, lang: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("Repat")
    QCoreApplication.setApplicationName("Repat")
    app.setApplicationDisplayName("Repat")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("repat")  # Wayland and the task bar match the window to repat.desktop
    app.setQuitOnLastWindowClosed(False)  # the shell quits when the main window closes
    log_path = errors.install_logging()
    errors.install_excepthook()
    log.info("Repat starting; log file %s", log_path)
    settings = app_settings()
    i18n.install(i18n.resolve_language(lang, settings))

    exit_after_start = os.environ.get(ENV_EXIT_AFTER_START) == "1"
    try:
        database = open_database(db or saved_database(settings))
    except RepatError as exc:
        _fatal(service_messages.user_message(exc), exit_after_start)
        return 1
    try:
        database.acquire_instance_lock()
    except RepatError as exc:
        database.close()
        _fatal(service_messages.user_message(exc), exit_after_start)
        return 1
    if database.backup_path is not None:
        log.info("database upgraded; the previous version was copied to %s", database.backup_path)

    shell = Shell(database, settings, exit_after_start)
    try:
        try:
            started = shell.start()
        except RepatError as exc:
            _fatal(service_messages.user_message(exc), exit_after_start)
            return 1
        if not started:
            return 0
        return app.exec()
    finally:
        shell.shutdown()
        settings.sync()
        shell.db.close()  # the one open now (a restore opens it again)
        database.close()
        log.info("Repat closed")


if __name__ == "__main__":
    raise SystemExit(run_gui(os.environ.get("REPAT_DB"), None))
