"""The banner the case file shows when a save meets someone else's change: their change, yours,
and the two ways out (reload and keep theirs, or apply yours on top)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import StaleEdit

from ui.cases.fields import field_label

_CONFLICT_STYLE = "QFrame#conflictBanner { background: #fff3cd; border: 1px solid #d4a017; border-radius: 4px; }"


class ConflictBanner(QFrame):
    """Hidden until ``show_conflict``; the owner connects ``keep_theirs`` and ``apply_mine``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setStyleSheet(_CONFLICT_STYLE)
        self._text = QLabel(self)
        self._text.setObjectName("conflictText")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self.keep_theirs = QPushButton(self.tr("&Reload (keep theirs)"), self)
        self.keep_theirs.setObjectName("keepTheirs")
        self.apply_mine = QPushButton(self.tr("&Apply mine on top"), self)
        self.apply_mine.setObjectName("applyMine")
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        conflict_buttons.addWidget(self.keep_theirs)
        conflict_buttons.addWidget(self.apply_mine)
        conflict_layout = QVBoxLayout(self)
        conflict_layout.addWidget(self._text)
        conflict_layout.addLayout(conflict_buttons)
        self.hide()

    def show_conflict(self, err: StaleEdit, mine: dict[str, Any], value: Callable[[str, Any], str]) -> None:
        """Show their change (from ``err``) and ``mine``; ``value`` shows a field's value."""
        theirs = "".join(
            f"<li><b>{_esc(field_label(k))}</b>: {_esc(value(k, old))} \u2192 {_esc(value(k, new))}</li>"
            for k, (old, new) in err.changed_fields.items()
        ) or "<li>" + _esc(self.tr("(no visible field)")) + "</li>"
        yours = "".join(
            f"<li><b>{_esc(field_label(k))}</b>: {_esc(value(k, v))}</li>" for k, v in mine.items()
        )
        self._text.setText(
            "<p><b>" + _esc(str(err)) + "</b></p><p>"
            + _esc(self.tr("Their change:")) + "</p><ul>" + theirs + "</ul><p>"
            + _esc(self.tr("Your change:")) + "</p><ul>" + yours + "</ul>"
        )
        self.show()
        self.apply_mine.setFocus()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
