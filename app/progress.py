"""Progress reporting for long work, without Qt.

Long operations take a ``progress`` callback ``(done, total, message) -> None`` and check a
``CancelToken`` between steps; the GUI wraps them with ``ui.widgets.tasks.run_task``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from app.errors import RepatError


class Cancelled(RepatError):
    """The user cancelled; nothing was changed."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def no_progress(done: int, total: int, message: str = "") -> None:
    return None


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ProgressCallback = Callable[[int, int, str], None]
