"""``InlineError``: the message shown above a form's buttons, which moves the focus to the field
an error names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.widgets.service_messages import user_message


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
