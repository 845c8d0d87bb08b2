"""Logging, the last-resort exception hook, and service messages in the user's language.

``install_logging()`` writes a rotating log file in ``app.paths.log_dir()``.
``install_excepthook()`` makes an unexpected error show a dialog (the message, and where the
traceback was written) instead of silently killing the window.
``user_message(exc)`` is the text to show for an ``app.errors`` exception: the services speak
English sentences; the known ones are translated here, the rest are shown as they are.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from app.errors import RepatError
from app.paths import log_dir

log = logging.getLogger("repat")

LOG_FILE_NAME = "repat.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_CTX = "ServiceMessages"

# Sentences the services raise, with %1, %2 for the parts they fill in. Keep in step with app/.
_MARKED = (
    # start-up and the database
    QT_TRANSLATE_NOOP("ServiceMessages", "The database %1 is on removable media; copy it to this computer's disk and open the copy."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a folder, not a Repat database file."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read the database file %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a Repat database (it is not an SQLite file)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database file %1 is read-only; Repat needs to write to it. Check the file's permissions or copy it to a folder you can write to."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot create the folder %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The folder %1 is read-only; Repat needs to write its database and journal there."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file is not a Repat database (it holds other tables)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database was written by a newer version of Repat; install that version to open it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The disk is full: nothing was saved. Free some space and try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database is read-only: nothing was saved."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database is busy (another program is writing to it); try again in a moment."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file is not a Repat database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database server cannot be reached; nothing was lost. Check the network and try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The connection to the database server was lost; nothing was lost. Try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The upgrade left broken references; the database was not changed."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Repat is already open on this database (%1). Switch to that window, or close it first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database refused the change: %1."),
    # accounts
    QT_TRANSLATE_NOOP("ServiceMessages", "The device code must be 2 to 8 Latin capital letters or digits, starting with a letter (e.g. KH01)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The user name must be 2 to 64 Latin letters, digits, dots, dashes or underscores."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The password must be at least %1 characters long."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the supervisor's full name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database is already set up."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A device with the code %1 already exists in this database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Wrong user name or password."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the user's full name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The user name %1 is taken."),
    QT_TRANSLATE_NOOP("ServiceMessages", "You cannot deactivate your own account."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no user %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The current password is wrong."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database has not been set up yet; run the first-run set-up (repat init)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This installation's device record is missing."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Log in first."),
    # rounds and transport units
    QT_TRANSLATE_NOOP("ServiceMessages", "A round with the code %1 already exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The round no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The round does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no round %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed this round after you opened it; reopen it and apply your change again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the transport unit's plate or ID."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The declared bag count cannot be negative."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This round already has a transport unit %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The transport unit no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed this transport unit after you opened it; reopen it."),
    # cases
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose the round first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The tag is longer than 100 characters; check the scanner."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Scan or type the tag, or tick \u201cno tag\u201d if the bag has none."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Personal effect %1 has no description."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Personal effect %1: the quantity must be at least 1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The transport unit is not part of this round."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no case %1 to attach this part to."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no case %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The case does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The case no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 was changed by someone else after you opened it. Review their change and choose which values to keep."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a photo or scan Repat can keep (use JPEG, PNG, TIFF or PDF)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is larger than %2 MB."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The photo's content is not in this database."),
    # long work
    QT_TRANSLATE_NOOP("ServiceMessages", "Cancelled; nothing was changed."),
)
_SERVICE_MESSAGES: tuple[str, ...] = tuple(str(m) for m in _MARKED)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    regex = "".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts)
    return re.compile(regex, re.DOTALL)


# Exact sentences first, then the ones with placeholders (most literal text first).
_COMPILED = sorted(
    ((t, _pattern(t)) for t in _SERVICE_MESSAGES), key=lambda item: ("%" in item[0], -len(item[0]))
)


def translate_message(text: str) -> str:
    """A service's English sentence in the current language (unchanged when it is not known)."""
    for template, pattern in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(_CTX, template)
        for i, value in enumerate(match.groups(), start=1):
            translated = translated.replace(f"%{i}", value)
        return translated
    return text


def user_message(exc: BaseException) -> str:
    """What to tell the user about ``exc``."""
    if isinstance(exc, RepatError):
        return translate_message(str(exc))
    return QCoreApplication.translate("Errors", "Something went wrong: %1. Details are in the log.").replace(
        "%1", f"{type(exc).__name__}: {exc}"
    )


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


# --- inline messages in forms -----------------------------------------------------------------


class InlineError(QLabel):
    """A message above a form's buttons; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel { color: #8a1c1c; background: #fdecea; border: 1px solid #f0b8b3;"
            " border-radius: 3px; padding: 6px; }"
        )
        self.setAccessibleName(QCoreApplication.translate("Errors", "Error"))
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.show()
        self._fit_window()

    def _fit_window(self) -> None:
        """Grow the dialog when the message needs room, so the form above it is not squeezed."""
        window = self.window()
        if window is self or window.layout() is None:
            return
        window.layout().activate()  # type: ignore[union-attr]  # checked above
        hint = window.sizeHint()
        if window.height() < hint.height() or window.width() < hint.width():
            window.resize(max(window.width(), hint.width()), max(window.height(), hint.height()))

    def show_error(self, exc: BaseException, fields: dict[str, QWidget] | None = None) -> None:
        """Show ``exc`` and move the focus to the first field it names."""
        self.show_message(user_message(exc))
        named = getattr(exc, "fields", None) or {}
        for name in named:
            widget = (fields or {}).get(name)
            if widget is not None:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                break

    def clear_message(self) -> None:
        self.clear()
        self.hide()
