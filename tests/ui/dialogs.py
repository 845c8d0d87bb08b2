"""Drive a modal dialog that the code under test opens with ``exec()``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

_generation = [0]


def forget_waiting_handlers() -> None:
    """Stop every ``when_modal`` still waiting (called after each test): a handler whose dialog
    never came must not close a dialog of the next test."""
    _generation[0] += 1


def when_modal(handler: Callable[[QWidget], None], kind: type[QWidget] = QDialog, timeout_ms: int = 5000) -> list[QWidget]:
    """Call ``handler`` with the next modal widget of ``kind`` once it is shown.

    Returns a list that holds the widget once it was handled. If the handler raises, the dialog
    is closed so that the test fails instead of hanging.
    """
    handled: list[QWidget] = []
    waited = [0]
    generation = _generation[0]

    def poll() -> None:
        if generation != _generation[0]:
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            handled.append(widget)
            try:
                handler(widget)
            except BaseException:
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
                raise
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return handled
