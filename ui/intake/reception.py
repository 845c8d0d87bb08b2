"""When the bag was received: "now" for a bag scanned as it arrives, or the time written on a
paper form in back-entry mode, which keeps the last time and steps it after each save so that a
stack of forms is typed fast. The rules live in ``app.services.cases.reception_time``."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.errors import ValidationError
from app.services.cases import reception_time

from ui.widgets.retranslate import Retranslating

BACK_ENTRY_SHORTCUT = "Ctrl+B"
DEFAULT_STEP_MINUTES = 1
TIME_FORMAT = "%Y-%m-%d %H:%M"


class ReceptionBox(Retranslating, QGroupBox):
    """The reception time of the bag being recorded."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receptionBox")
        self._back_entry = QCheckBox(self)
        self._back_entry.setObjectName("backEntry")
        self._now = QLabel(self)
        self._now.setObjectName("receivedNow")
        self._at = QLineEdit(self)
        self._at.setObjectName("receivedAt")
        self._at.setMinimumWidth(self.fontMetrics().horizontalAdvance("8888-88-88 88:88") + 24)
        self._at.setText(datetime.now().strftime(TIME_FORMAT))
        self._step = QSpinBox(self)
        self._step.setObjectName("receivedStep")
        self._step.setRange(0, 240)
        self._step.setValue(DEFAULT_STEP_MINUTES)
        self._reason = QLineEdit(self)
        self._reason.setObjectName("lateReason")
        self._reason.setMaxLength(500)

        time_row = QHBoxLayout()
        time_row.addWidget(self._now)
        time_row.addWidget(self._at)
        self._step_label = QLabel(self)
        self._step_label.setBuddy(self._step)
        time_row.addWidget(self._step_label)
        time_row.addWidget(self._step)
        time_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self._back_entry)
        self._at_label = QLabel(self)
        self._at_label.setBuddy(self._at)
        form.addRow(self._at_label, time_row)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self._reason)
        form.addRow(self._reason_label, self._reason)
        self._late_widgets = (self._reason_label, self._reason)

        self._back_entry.toggled.connect(self._mode_changed)
        self._at.textChanged.connect(lambda _t: self.changed.emit())
        self._reason.textChanged.connect(lambda _t: self.changed.emit())
        toggle = QShortcut(QKeySequence(BACK_ENTRY_SHORTCUT), parent or self)
        toggle.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        toggle.activated.connect(self._back_entry.toggle)
        self._mode_changed(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Received"))
        self._back_entry.setText(self.tr("Bac&k-entry from paper forms (Ctrl+B)"))
        self._back_entry.setToolTip(self.tr(
            "Type the time written on the form. After each save the time moves on by the step, "
            "ready for the next form."))
        self._now.setText(self.tr("Now (the time of saving)"))
        self._at.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM, as on the form"))
        self._at.setAccessibleName(self.tr("Reception date and time"))
        self._step.setSuffix(self.tr(" min"))
        self._step.setAccessibleName(self.tr("Step after each save, in minutes"))
        self._reason.setPlaceholderText(self.tr("Only if received after the round's days"))
        self._step_label.setText(self.tr("then st&ep:"))
        self._at_label.setText(self.tr("Recei&ved at:"))
        self._reason_label.setText(self.tr("Reason for a l&ate time:"))

    # --- what the form records -------------------------------------------------------------
    def back_entry(self) -> bool:
        return self._back_entry.isChecked()

    def set_back_entry(self, on: bool) -> None:
        self._back_entry.setChecked(on)

    def received_at(self) -> datetime | None:
        """The local wall-clock time typed (naive), or None for "now". Raises the service's
        ``ValidationError`` (one sentence) for a time it cannot read."""
        if not self.back_entry():
            return None
        return reception_time.parse(self._at.text())

    def set_received_at(self, value: datetime) -> None:
        self._at.setText(value.strftime(TIME_FORMAT))

    def late_reason(self) -> str:
        return self._reason.text().strip() if self.back_entry() else ""

    def focus_widget(self) -> QWidget:
        return self._at

    def focus_widgets(self) -> list[QWidget]:
        return [self._back_entry, self._at, self._step, self._reason]

    def after_save(self) -> None:
        """Ready for the next paper form: the time moves on by the step; the reason is cleared."""
        if self.back_entry():
            try:
                typed = reception_time.parse(self._at.text())
            except ValidationError:
                return
            self.set_received_at(typed + timedelta(minutes=self._step.value()))
        self._reason.clear()

    def _mode_changed(self, on: bool) -> None:
        self._now.setVisible(not on)
        self._at.setVisible(on)
        self._step.setEnabled(on)
        for widget in self._late_widgets:
            widget.setEnabled(on)
        if on:
            self._at.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.changed.emit()
