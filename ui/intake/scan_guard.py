"""Keep a barcode scan out of the fields that are not meant for one.

A scanner types a tag as a burst of keystrokes a few milliseconds apart and ends it with Enter.
When such a burst lands in another field (the officer scans again before saving, and the focus
is already in *Bag number*), its Enter must not save the bag with the tag as its bag number.
``ScanGuard`` watches the fields it is installed on: a burst of at least ``MIN_CHARS`` printable
keys, each within ``MAX_GAP`` seconds of the one before, ended by Enter, is taken back out of the
field (the field gets its text, or its choice, back) and emitted as ``scanned(field, text)``
instead; the Enter is not passed on. A person typing the same text is far slower and is not
affected.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

MIN_CHARS = 5
MAX_GAP = 0.035  # seconds between two keys of one burst; people type 0.1 s apart or slower


@dataclass
class _Burst:
    text: str
    last: float
    before_text: str
    before_index: int


class ScanGuard(QObject):
    scanned = Signal(QWidget, str)  # the field a burst landed in (given back its text), the burst

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bursts: dict[int, _Burst] = {}
        self.clock: Callable[[], float] = time.monotonic

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            if event.type() == QEvent.Type.FocusOut:
                self._bursts.pop(id(watched), None)
            return False
        assert isinstance(event, QKeyEvent)
        # the window system's time of the key when it gives one (a scanner's own pace, even when
        # this program is busy), else when it reached us (synthetic events carry none)
        now = event.timestamp() / 1000 if event.timestamp() else self.clock()
        key = id(watched)
        burst = self._bursts.get(key)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._bursts.pop(key, None)
            if burst is not None and len(burst.text) >= MIN_CHARS and now - burst.last <= MAX_GAP * 3:
                self._restore(watched, burst)
                self.scanned.emit(watched, burst.text)
                return True
            return False
        text = event.text()
        if len(text) == 1 and text.isprintable() and not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            if burst is None or now - burst.last > MAX_GAP:
                burst = _Burst("", now, *self._state(watched))
                self._bursts[key] = burst
            burst.text += text
            burst.last = now
        else:
            self._bursts.pop(key, None)
        return False

    @staticmethod
    def _state(widget: QWidget) -> tuple[str, int]:
        if isinstance(widget, QLineEdit):
            return widget.text(), -1
        if isinstance(widget, QComboBox):
            return widget.currentText() if widget.isEditable() else "", widget.currentIndex()
        return "", -1

    @staticmethod
    def _restore(widget: QWidget, burst: _Burst) -> None:
        if isinstance(widget, QLineEdit):
            widget.setText(burst.before_text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(burst.before_index)
            if widget.isEditable():
                widget.setEditText(burst.before_text)
