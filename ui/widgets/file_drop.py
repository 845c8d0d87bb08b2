"""A window that opens a file dropped on it: the import dialogs of lists (manifest, register)."""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent


class OpensDroppedFile:
    """Mixed into a widget (before its Qt class) that has ``open_file(path)`` and accepts drops:
    a local file dragged over it is accepted, and opened when dropped."""

    def open_file(self, path: str) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(urls[0].toLocalFile())
