"""The intake form's status lines: above the fields, the bag just saved (green) and the error
(red: the fields an error names get a red frame, drawn by the form's style sheet for
``invalid="true"``, and the first of them the focus); at the bottom, the draft status beside the
Discard and Save buttons."""

from __future__ import annotations

from shiboken6 import isValid

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.widgets.retranslate import Retranslating


class SavedLine(QLabel):
    """The case number of the bag just saved, in large green letters; hidden until a bag is saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedLabel")
        saved_font = QFont(self.font())
        saved_font.setPointSizeF(saved_font.pointSizeF() * 1.35)
        saved_font.setBold(True)
        self.setFont(saved_font)
        self.setStyleSheet("color: #1b5e20;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def shown_text(self) -> str:
        return self.text() if not self.isHidden() else ""


class ErrorLine(QLabel):
    """Hidden while there is nothing to say; ``fields`` maps the field names the services use in
    their errors to the form's widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.hide()
        self.fields: dict[str, QWidget] = {}
        self._invalid: list[QWidget] = []

    def shown_text(self) -> str:
        return self.text() if not self.isHidden() else ""

    def is_marked(self, widget: QWidget) -> bool:
        """Whether ``widget`` has the red frame of the last error."""
        return widget in self._invalid

    def show_error(self, message: str, fields: dict[str, str] | None = None) -> None:
        """Show ``message`` ("" hides the line) and frame the fields it names."""
        self.setText(message)
        self.setVisible(bool(message))
        for key in fields or {}:
            widget = self.fields.get(key)
            if widget is not None:
                widget.setProperty("invalid", True)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                self._invalid.append(widget)
        if self._invalid:
            self._invalid[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_invalid(self) -> None:
        """Take the red frames away."""
        for widget in self._invalid:
            if isValid(widget):
                widget.setProperty("invalid", False)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._invalid = []


class SaveBar(Retranslating, QWidget):
    """The bottom bar, which stays in view whatever a banner adds to the form above it: the draft
    status, and the Discard and Save buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft_status = QLabel(self)
        self.draft_status.setObjectName("draftStatus")
        self.draft_status.setEnabled(False)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearForm")
        self.clear_button.setAutoDefault(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveBag")
        self.save_button.setAutoDefault(True)
        self.save_button.setDefault(True)
        bottom = QHBoxLayout(self)
        bottom.addWidget(self.draft_status, 1)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.save_button)
        bottom.setContentsMargins(9, 0, 9, 9)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons' texts in the current language."""
        self.clear_button.setText(self.tr("&Discard this bag…"))
        self.save_button.setText(self.tr("&Save bag (Enter)"))
