"""Run long work on the application's QThreadPool and hand the result back to the GUI thread.

``run_task(parent, title, func, on_done)`` calls ``func(progress, token)`` on a worker thread,
shows a cancellable progress dialog, and calls ``on_done(result)`` or shows the error on the
GUI thread. ``func`` is Qt-free (a service function); its progress callback is turned into a
signal here.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import RepatError
from app.progress import Cancelled, CancelToken

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], CancelToken], Any]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """A QRunnable whose signals live on a small QObject it owns."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.token = CancelToken()
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(self._progress, self.token)
        except BaseException as exc:  # handed to the GUI thread, never lost
            if not isinstance(exc, RepatError):
                log.error("background task failed:\n%s", traceback.format_exc())
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, result)

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The receiving side is gone (the window closed or the application is quitting).
            log.debug("background task finished after its window was closed")

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self._emit(self.signals.progress, done, total, message)


_running: set[Task] = set()


def start(
    work: Work,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Task:
    """Start ``work`` on the global pool; callbacks run on the GUI thread."""
    task = Task(work)
    _running.add(task)

    def finished(result: object) -> None:
        _running.discard(task)
        if on_done:
            on_done(result)

    def failed(exc: object) -> None:
        _running.discard(task)
        if on_error and isinstance(exc, BaseException):
            on_error(exc)

    task.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    task.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    if on_progress:
        task.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(task)
    return task


def error_text(exc: BaseException) -> str:
    if isinstance(exc, RepatError):
        return str(exc)
    return QCoreApplication.translate("Tasks", "Something went wrong: %1. Details are in the log.").replace(
        "%1", str(exc)
    )


def run_task(
    parent: QWidget,
    title: str,
    work: Work,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Run ``work`` with a modal, cancellable progress dialog over ``parent``."""
    dialog = QProgressDialog(title, QCoreApplication.translate("Tasks", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    def finished(result: object) -> None:
        dialog.close()
        dialog.deleteLater()
        if on_done:
            on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if on_error:
            on_error(exc)
        elif not isinstance(exc, Cancelled):
            QMessageBox.warning(parent, title, error_text(exc))

    task = start(work, finished, failed, progress)
    dialog.canceled.connect(task.token.cancel)
    return task


@Slot()
def wait_for_all(timeout_ms: int = 30000) -> bool:
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
