"""Logging and the last-resort exception hook.

``install_logging()`` writes a rotating log file in ``app.paths.log_dir()``.
``install_excepthook()`` makes an unexpected error show a dialog (the message, and where the
traceback was written) instead of silently killing the window.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import log_dir

from ui.widgets.service_messages import user_message

log = logging.getLogger("repat")

LOG_FILE_NAME = "repat.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5


# --- log file ---------------------------------------------------------------------------------


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def install_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file (and warnings to stderr). Returns the file's path."""
    path = log_file()
    root = logging.getLogger()
    if not any(getattr(h, "_repat", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._repat = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("repat: %(levelname)s %(message)s"))
        console._repat = True  # type: ignore[attr-defined]
        root.addHandler(console)
    root.setLevel(level)
    return path


# --- exception hook ---------------------------------------------------------------------------

_showing = False


def show_error_dialog(exc: BaseException, details: str) -> None:
    """The dialog for an unexpected error (on the GUI thread)."""
    global _showing
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
        box.setText(user_message(exc))
        box.setInformativeText(
            QCoreApplication.translate(
                "Errors", "Your saved work is safe. The details were written to the log file:\n%1"
            ).replace("%1", str(log_file()))
        )
        box.setDetailedText(details)
        box.exec()
    finally:
        _showing = False


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: write the traceback to the log and tell the user."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error:\n%s", details)
    app = QApplication.instance()
    if app is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    if QThread.currentThread() is app.thread():
        show_error_dialog(exc, details)
    else:  # a worker thread: show it from the GUI thread
        QTimer.singleShot(0, app, lambda: show_error_dialog(exc, details))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook

