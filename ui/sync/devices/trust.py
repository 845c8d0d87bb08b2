"""Trusting one device's key: the fingerprint the laptop shows, typed here or compared digit by
digit with the key seen here (``TrustDialog``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.sync.devices import DeviceEntry

from ui.sync.common import normalize_fingerprint
from ui.sync.devices.models import monospace
from ui.widgets.retranslate import Retranslating


class TrustDialog(Retranslating, QDialog):
    """Trust one device's key after comparing its fingerprint with the laptop's screen."""

    def __init__(self, device: DeviceEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.device = device
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.seen_label = QLabel(self)
        self.seen = QLabel(device.fingerprint, self)
        self.seen.setObjectName("seenFingerprint")
        self.seen.setFont(monospace(self.seen.font(), 1.2))
        self.seen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.typed_label = QLabel(self)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typedFingerprint")
        self.typed.setFont(monospace(self.typed.font(), 1.2))
        self.typed.setMinimumWidth(380)
        self.typed_label.setBuddy(self.typed)
        self.match = QLabel(self)
        self.match.setObjectName("fingerprintMatch")
        self.confirmed = QCheckBox(self)
        self.confirmed.setObjectName("fingerprintConfirmed")
        self.import_held = QCheckBox(self)
        self.import_held.setObjectName("importHeldNow")
        self.import_held.setChecked(device.held_bundles > 0)
        self.import_held.setVisible(device.held_bundles > 0)
        form = QFormLayout()
        form.addRow(self.seen_label, self.seen)
        form.addRow(self.typed_label, self.typed)
        form.addRow("", self.match)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.trust_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trustButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.import_held)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(lambda _t: self._update())
        self.confirmed.toggled.connect(lambda _on: self._update())
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        code = self.device.code
        self.setWindowTitle(self.tr("Trust %1").replace("%1", code))
        self.intro.setText(self.tr(
            "On %1's laptop, open Exchange → Devices and keys: it shows its key fingerprint. Type it here (or scan "
            "its QR code into the field), or compare it digit by digit with the key seen here. Trust the device only "
            "if they are the same.").replace("%1", code))
        self.seen_label.setText(self.tr("Key seen here:"))
        self.typed_label.setText(self.tr("&Fingerprint the laptop shows:"))
        self.typed.setPlaceholderText("XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX")
        self.confirmed.setText(self.tr("I &compared them digit by digit: they are the same"))
        self.import_held.setText(self.tr("&Import its %n held bundle(s) now", "", self.device.held_bundles))
        self.trust_button.setText(self.tr("&Trust"))
        self._update()

    def typed_matches(self) -> bool:
        return bool(self.typed.text().strip()) and (
            normalize_fingerprint(self.typed.text()) == normalize_fingerprint(self.device.fingerprint)
        )

    def _update(self) -> None:
        text = self.typed.text().strip()
        if not text:
            self.match.setText("")
        elif self.typed_matches():
            self.match.setText(self.tr("The same as the key seen here."))
            self.match.setStyleSheet("QLabel { color: #1d6b22; }")
        else:
            self.match.setText(self.tr("Not the same (yet): do not trust a key that differs."))
            self.match.setStyleSheet("QLabel { color: #8a1c1c; }")
        typed_wrong = bool(text) and not self.typed_matches()
        self.trust_button.setEnabled(not typed_wrong and (self.typed_matches() or self.confirmed.isChecked()))

    def fingerprint(self) -> str:
        """The fingerprint to trust: the one typed, or the one seen here after a comparison by eye."""
        return self.typed.text().strip() if self.typed.text().strip() else self.device.fingerprint
