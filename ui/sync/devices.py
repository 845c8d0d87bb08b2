"""Devices and keys: this device's key fingerprint (text and QR), the devices known here with
their trust, the bundles held in quarantine, and which rounds this device receives.

A supervisor trusts a device after comparing the fingerprint its laptop shows (typed here, or
confirmed digit by digit), may import its held bundles at once, and revokes a device after a
confirmation. Everyone sees the lists; ``changed`` is emitted after an import of held bundles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError, os_reason
from app.progress import Cancelled
from app.services.context import AppContext
from app.services.rounds import rounds
from app.services.sync import exchange as sync
from app.services.sync.exchange import DeviceEntry, QuarantineEntry

from ui import i18n
from ui.sync.common import (
    device_status,
    hold_reason,
    is_device_manager,
    local_time,
    normalize_fingerprint,
    qr_image,
)
from ui.sync.export import default_folder
from ui.sync.merge_wizard import totals_text
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import ListTableModel
from ui.widgets.service_messages import translate_reason, user_message

AnyIndex = QModelIndex | QPersistentModelIndex
FileSize = i18n.context("FileSize")  # sizes of files, e.g. "3 KB" (see i18n.context)


def monospace(font: QFont, scale: float = 1.0) -> QFont:
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    fixed.setPointSizeF(font.pointSizeF() * scale)
    return fixed


def _size(n: int) -> str:
    if n < 1024:
        return FileSize.tr("%1 B").replace("%1", str(n))
    if n < 1024 * 1024:
        return FileSize.tr("%1 KB").replace("%1", f"{n / 1024:.0f}")
    return FileSize.tr("%1 MB").replace("%1", f"{n / (1024 * 1024):.1f}")


@dataclass(frozen=True)
class DevicesState:
    me: DeviceEntry
    devices: list[DeviceEntry]
    held: list[QuarantineEntry]
    receive: list[str] | None
    round_codes: list[str]


def load_state(ctx: AppContext) -> DevicesState:
    return DevicesState(
        sync.this_device(ctx), sync.list_devices(ctx), sync.list_quarantine(ctx), sync.receive_rounds(ctx),
        [r.code for r in rounds.list_rounds(ctx)],
    )


class DevicesModel(ListTableModel):
    COL_CODE, COL_NAME, COL_STATUS, COL_FINGERPRINT, COL_HELD, COL_LAST, COL_UPTO = range(7)

    KEY = "code"

    def device(self, row: int) -> DeviceEntry:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Device"), self.tr("Name"), self.tr("Status"), self.tr("Key fingerprint"),
                self.tr("Held bundles"), self.tr("Last import"), self.tr("Up to change"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_CODE: d.code,
                self.COL_NAME: d.name,
                self.COL_STATUS: device_status(d.status),
                self.COL_FINGERPRINT: d.fingerprint,
                self.COL_HELD: str(d.held_bundles) if d.held_bundles else "",
                self.COL_LAST: local_time(d.last_import),
                self.COL_UPTO: str(d.last_sequence) if d.last_sequence is not None else "",
            }.get(col)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_HELD, self.COL_UPTO):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class QuarantineModel(ListTableModel):
    COL_DEVICE, COL_FINGERPRINT, COL_REASON, COL_RECEIVED, COL_BY, COL_CHANGES, COL_SIZE = range(7)

    def entry(self, row: int) -> QuarantineEntry:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Device"), self.tr("Key fingerprint"), self.tr("Why held"), self.tr("Received"),
                self.tr("By"), self.tr("Changes"), self.tr("Size"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                self.COL_DEVICE: q.device_code,
                self.COL_FINGERPRINT: q.fingerprint,
                self.COL_REASON: hold_reason(q.reason),
                self.COL_RECEIVED: local_time(q.received_at),
                self.COL_BY: q.received_by,
                self.COL_CHANGES: f"{q.versions:,}",
                self.COL_SIZE: _size(q.size),
            }.get(col)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_CHANGES, self.COL_SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: QAbstractTableModel, parent: QWidget, name: str, stretch: int) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # tens of rows
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # the dialog shares its height between the two tables by their stretch, whatever their hints
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    table.setMinimumHeight(100)
    return table


class TrustDialog(QDialog):
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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


class DevicesDialog(QDialog):
    changed = Signal()
    loadedSignal = Signal()
    heldImported = Signal(object)  # the ImportResult of bundles held in quarantine, imported from here

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self.ctx = ctx
        self.can_manage = is_device_manager(ctx)
        self.state: DevicesState | None = None
        self.loaded = False
        self.busy = False
        self.qr_picture: QImage | None = None
        self._generation = 0
        self.setSizeGripEnabled(True)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(1120, 780)

    # -- construction --

    def _build(self) -> None:
        # this device
        self.me_box = QGroupBox(self)
        self.qr = QLabel(self.me_box)
        self.qr.setObjectName("fingerprintQr")
        self.qr.setFixedSize(190, 190)
        self.qr.setScaledContents(False)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label = QLabel(self.me_box)
        self.code = QLabel(self.me_box)
        self.code.setObjectName("deviceCode")
        self.code.setFont(monospace(self.code.font(), 1.3))
        self.fingerprint_label = QLabel(self.me_box)
        self.fingerprint = QLabel(self.me_box)
        self.fingerprint.setObjectName("deviceFingerprint")
        self.fingerprint.setFont(monospace(self.fingerprint.font(), 1.3))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.me_hint = QLabel(self.me_box)
        self.me_hint.setWordWrap(True)
        self.save_key_button = QPushButton(self.me_box)
        self.save_key_button.clicked.connect(self.save_device_key)
        self.save_hq_key_button = QPushButton(self.me_box)
        self.save_hq_key_button.clicked.connect(self.save_hq_key)
        self.save_hq_key_button.setVisible(self.can_manage)
        me_text = QGridLayout()
        me_text.addWidget(self.code_label, 0, 0)
        me_text.addWidget(self.code, 0, 1)
        me_text.addWidget(self.fingerprint_label, 1, 0)
        me_text.addWidget(self.fingerprint, 1, 1)
        me_text.addWidget(self.me_hint, 2, 0, 1, 2)
        me_text.setColumnStretch(1, 1)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.save_key_button)
        key_buttons.addWidget(self.save_hq_key_button)
        key_buttons.addStretch(1)
        me_text.addLayout(key_buttons, 3, 0, 1, 2)
        me_text.setRowStretch(4, 1)
        me = QHBoxLayout(self.me_box)
        me.addWidget(self.qr)
        me.addLayout(me_text, 1)

        # which rounds this device receives
        self.rounds_box = QGroupBox(self)
        self.all_rounds = QRadioButton(self.rounds_box)
        self.all_rounds.setObjectName("receiveAllRounds")
        self.some_rounds = QRadioButton(self.rounds_box)
        self.some_rounds.setObjectName("receiveSomeRounds")
        self.rounds_group = QButtonGroup(self)
        self.rounds_group.addButton(self.all_rounds)
        self.rounds_group.addButton(self.some_rounds)
        self.all_rounds.setChecked(True)
        self.round_list = QListWidget(self.rounds_box)
        self.round_list.setObjectName("receiveRoundList")
        self.round_list.setMaximumHeight(110)
        self.other_codes = QLineEdit(self.rounds_box)
        self.other_codes.setObjectName("receiveOtherCodes")
        self.other_codes_label = QLabel(self.rounds_box)
        self.other_codes_label.setBuddy(self.other_codes)
        self.save_rounds_button = QPushButton(self.rounds_box)
        self.save_rounds_button.setObjectName("saveReceiveRounds")
        self.save_rounds_button.clicked.connect(self.save_receive_rounds)
        self.some_rounds.toggled.connect(lambda _on: self._update_rounds_enabled())
        rounds_layout = QVBoxLayout(self.rounds_box)
        rounds_layout.addWidget(self.all_rounds)
        rounds_layout.addWidget(self.some_rounds)
        rounds_layout.addWidget(self.round_list, 1)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other_codes_label)
        other_row.addWidget(self.other_codes, 1)
        rounds_layout.addLayout(other_row)
        rounds_layout.addWidget(self.save_rounds_button, 0, Qt.AlignmentFlag.AlignRight)
        self.rounds_box.setMinimumWidth(320)

        top = QHBoxLayout()
        top.addWidget(self.me_box, 3)
        top.addWidget(self.rounds_box, 2)

        # known devices
        self.devices_box = QGroupBox(self)
        self.devices_model = DevicesModel(self)
        self.devices_table = _table(self.devices_model, self.devices_box, "devicesTable", DevicesModel.COL_NAME)
        self.devices_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.trust_button = QPushButton(self.devices_box)
        self.trust_button.setObjectName("trustDevice")
        self.trust_button.clicked.connect(self.trust_selected)
        self.revoke_button = QPushButton(self.devices_box)
        self.revoke_button.setObjectName("revokeDevice")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.manage_note = QLabel(self.devices_box)
        self.manage_note.setWordWrap(True)
        self.manage_note.setVisible(not self.can_manage)
        for button in (self.trust_button, self.revoke_button):
            button.setVisible(self.can_manage)
        device_side = QVBoxLayout()
        device_side.addWidget(self.trust_button)
        device_side.addWidget(self.revoke_button)
        device_side.addStretch(1)
        devices_row = QHBoxLayout()
        devices_row.addWidget(self.devices_table, 1)
        devices_row.addLayout(device_side)
        devices_layout = QVBoxLayout(self.devices_box)
        devices_layout.addLayout(devices_row, 1)
        devices_layout.addWidget(self.manage_note)

        # quarantine
        self.held_box = QGroupBox(self)
        self.held_model = QuarantineModel(self)
        self.held_table = _table(self.held_model, self.held_box, "quarantineTable", QuarantineModel.COL_REASON)
        self.held_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.import_held_button = QPushButton(self.held_box)
        self.import_held_button.setObjectName("importHeld")
        self.import_held_button.clicked.connect(self.import_held_selected)
        self.import_held_button.setVisible(self.can_manage)
        held_side = QVBoxLayout()
        held_side.addWidget(self.import_held_button)
        held_side.addStretch(1)
        held_row = QHBoxLayout()
        held_row.addWidget(self.held_table, 1)
        held_row.addLayout(held_side)
        self.held_note = QLabel(self.held_box)
        self.held_note.setWordWrap(True)
        held_layout = QVBoxLayout(self.held_box)
        held_layout.addLayout(held_row, 1)
        held_layout.addWidget(self.held_note)

        self.message = QLabel(self)
        self.message.setObjectName("devicesMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.devices_box, 3)
        layout.addWidget(self.held_box, 2)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for button in (self.save_key_button, self.save_hq_key_button, self.save_rounds_button, self.trust_button,
                       self.revoke_button, self.import_held_button):
            button.setAutoDefault(False)
        self._update_rounds_enabled()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Devices and keys"))
        self.me_box.setTitle(self.tr("This device"))
        self.code_label.setText(self.tr("Device code:"))
        self.fingerprint_label.setText(self.tr("Key fingerprint:"))
        self.me_hint.setText(self.tr("The headquarters compares this fingerprint (or scans the QR code) before it "
                                     "trusts the bundles of this device."))
        self.save_key_button.setText(self.tr("Save the &public key…"))
        self.save_key_button.setToolTip(self.tr("This device's signing key as a PEM file, to check its bundles' "
                                                "signatures with standard tools."))
        self.save_hq_key_button.setText(self.tr("Save the &headquarters' key…"))
        self.save_hq_key_button.setToolTip(self.tr("The public key the laptops encrypt their bundles for; give the "
                                                   "file to each laptop. Its private half stays in this database."))
        self.rounds_box.setTitle(self.tr("Rounds this device receives"))
        self.all_rounds.setText(self.tr("&All rounds"))
        self.some_rounds.setText(self.tr("&Only the rounds ticked below (and its own)"))
        self.other_codes_label.setText(self.tr("&Other round codes:"))
        self.other_codes.setPlaceholderText(self.tr("e.g. R-2026-07-01, R-2026-07-15"))
        self.other_codes.setToolTip(self.tr("Codes of rounds not in this database yet, separated by commas"))
        self.save_rounds_button.setText(self.tr("Sa&ve the choice"))
        self.devices_box.setTitle(self.tr("Devices known here"))
        self.trust_button.setText(self.tr("&Trust…"))
        self.revoke_button.setText(self.tr("&Revoke…"))
        self.manage_note.setText(self.tr("Only a supervisor can trust or revoke devices."))
        self.held_box.setTitle(self.tr("Bundles held in quarantine"))
        self.import_held_button.setText(self.tr("&Import held bundles"))
        self.held_note.setText(self.tr("A bundle from a device not trusted here waits here until a supervisor "
                                       "trusts the device (after comparing its key fingerprint) and imports its "
                                       "held bundles."))
        self.import_held_button.setToolTip(self.tr("Import the bundles held for the chosen device, once it is "
                                                   "trusted."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading --

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ctx = self.ctx
        self.loaded = False

        def done(state: object) -> None:
            if not shiboken6.isValid(self) or generation != self._generation or not isinstance(state, DevicesState):
                return
            self._loaded(state)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.error.show_message(user_message(exc))
                self.loaded = True
                self.loadedSignal.emit()

        tasks.start(lambda _p, _t: load_state(ctx), done, failed)

    def _loaded(self, state: DevicesState) -> None:
        first = self.state is None
        keep_device = self.selected_device()
        self.state = state
        self.code.setText(state.me.code + (f"  ({state.me.name})" if state.me.name else ""))
        self.fingerprint.setText(state.me.fingerprint)
        if state.me.fingerprint:
            self.qr_picture = qr_image(state.me.fingerprint, module=5)
            self.qr.setPixmap(QPixmap.fromImage(self.qr_picture))
            self.qr.setToolTip(state.me.fingerprint)
        self.devices_model.set_rows(state.devices)
        row = self.devices_model.row_of(keep_device.code) if keep_device else -1
        if row < 0:
            row = next((i for i, d in enumerate(state.devices) if d.status != "this device"), -1)
        if row >= 0:
            self.devices_table.selectRow(row)
        self.held_model.set_rows(state.held)
        if state.held:
            self.held_table.selectRow(0)
        if first:
            self._fill_rounds(state)
        self.loaded = True
        self._update_buttons()
        self.loadedSignal.emit()

    def _fill_rounds(self, state: DevicesState) -> None:
        chosen = set(state.receive or [])
        self.round_list.clear()
        for code in sorted(set(state.round_codes)):
            item = QListWidgetItem(code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.round_list.addItem(item)
        self.other_codes.setText(", ".join(sorted(chosen - set(state.round_codes))))
        (self.some_rounds if state.receive is not None else self.all_rounds).setChecked(True)
        self._update_rounds_enabled()

    def _update_rounds_enabled(self) -> None:
        some = self.some_rounds.isChecked()
        self.round_list.setEnabled(some)
        self.other_codes.setEnabled(some)
        self.other_codes_label.setEnabled(some)

    # -- selection --

    def selected_device(self) -> DeviceEntry | None:
        index = self.devices_table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.devices_model.rowCount():
            return None
        return self.devices_model.device(index.row())

    def selected_held(self) -> QuarantineEntry | None:
        index = self.held_table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.held_model.rowCount():
            return None
        return self.held_model.entry(index.row())

    def select_device(self, code: str) -> bool:
        row = self.devices_model.row_of(code)
        if row >= 0:
            self.devices_table.selectRow(row)
        return row >= 0

    def _status_of(self, code: str) -> str:
        row = self.devices_model.row_of(code)
        return self.devices_model.device(row).status if row >= 0 else "unknown"

    def _update_buttons(self) -> None:
        d = self.selected_device()
        idle = not self.busy and self.can_manage
        self.trust_button.setEnabled(idle and d is not None and d.status in ("unknown", "revoked")
                                     and bool(d.fingerprint))
        self.revoke_button.setEnabled(idle and d is not None and d.status == "trusted")
        held = self.selected_held()
        self.import_held_button.setEnabled(idle and held is not None and self._status_of(held.device_code) == "trusted")

    # -- actions --

    def _say(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def trust_selected(self) -> None:
        d = self.selected_device()
        if d is None or not self.can_manage or self.busy:
            return
        dialog = TrustDialog(d, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        fingerprint, import_now = dialog.fingerprint(), dialog.import_held.isChecked() and d.held_bundles > 0
        dialog.deleteLater()
        if accepted:
            self.trust(d.code, fingerprint, import_held=import_now)

    def trust(self, code: str, fingerprint: str, *, import_held: bool) -> None:
        """Trust ``code``'s key with this fingerprint (and import its held bundles)."""
        ctx = self.ctx
        self.busy = True
        self._update_buttons()

        def work(progress: Any, token: Any) -> sync.TrustResult:
            return sync.trust_device(ctx, code, fingerprint=fingerprint, import_held=import_held,
                                     progress=progress, token=token)

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            if isinstance(result, sync.TrustResult):
                text = self.tr("%1 is trusted (key %2).").replace("%1", result.device.code) \
                    .replace("%2", result.device.fingerprint)
                if result.imported is not None and result.imported.files:
                    text += " " + totals_text(result.imported.files, applied=True)
                    self.heldImported.emit(result.imported)
                    if result.imported.applied:
                        self.changed.emit()
                self._say(text)
            self.reload()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self._update_buttons()
            self.message.hide()
            if isinstance(exc, Cancelled):
                self.error.show_message(self.tr("Stopped; nothing was imported. The device may already be "
                                                "trusted: import its held bundles with Import held bundles."))
                self.reload()
            else:
                self.error.show_message(user_message(exc))

        tasks.run_task(self, self.tr("Trusting %1").replace("%1", code), work, done, failed)

    def revoke_selected(self) -> None:
        d = self.selected_device()
        if d is None or not self.can_manage or self.busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Revoke %1?").replace("%1", d.code),
            self.tr("Stop accepting bundles signed by %1 (key %2)? Its future bundles will be held in quarantine "
                    "until it is trusted again. What was imported stays.").replace("%1", d.code)
            .replace("%2", d.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmRevoke")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.ctx
        self.busy = True
        self._update_buttons()

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            if isinstance(result, DeviceEntry):
                self._say(self.tr("%1 is revoked.").replace("%1", result.code))
            self.reload()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.busy = False
                self._update_buttons()
                self.error.show_message(user_message(exc))

        tasks.start(lambda _p, _t: sync.revoke_device(ctx, d.code), done, failed)

    def import_held_selected(self) -> None:
        held = self.selected_held()
        if held is None or not self.can_manage or self.busy:
            return
        ctx = self.ctx
        code = held.device_code
        self.busy = True
        self._update_buttons()

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            if isinstance(result, sync.ImportResult):
                self._say(totals_text(result.files, applied=True))
                self.heldImported.emit(result)
                if result.applied:
                    self.changed.emit()
            self.reload()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self._update_buttons()
            self.message.hide()
            if isinstance(exc, Cancelled):
                self.error.show_message(self.tr("Stopped; the database is as it was and the bundles stay held."))
            else:
                self.error.show_message(user_message(exc))

        tasks.run_task(self, self.tr("Importing the held bundles of %1").replace("%1", code),
                       lambda p, t: sync.import_held(ctx, code, p, t), done, failed)

    def chosen_round_codes(self) -> list[str] | None:
        if self.all_rounds.isChecked():
            return None
        codes = [self.round_list.item(i).text() for i in range(self.round_list.count())
                 if self.round_list.item(i).checkState() == Qt.CheckState.Checked]
        codes += [c.strip() for c in self.other_codes.text().split(",") if c.strip()]
        return codes

    def save_receive_rounds(self) -> None:
        try:
            chosen = sync.set_receive_rounds(self.ctx, self.chosen_round_codes())
        except RepatError as exc:
            self.message.hide()
            self.error.show_message(user_message(exc))
            return
        if chosen is None:
            self._say(self.tr("This device now receives all rounds."))
        else:
            self._say(self.tr("This device now receives the rounds %1 (and the ones made on it).")
                      .replace("%1", ", ".join(chosen)))

    def _save_pem(self, title: str, name: str, data: bytes) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path(default_folder()) / name),
                                                    self.tr("Public keys (*.pem)"))
        if not path:
            return
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self.error.show_message(self.tr("Cannot write %1: %2.").replace("%1", path)
                                    .replace("%2", translate_reason(os_reason(exc))))
            return
        self._say(self.tr("Saved %1.").replace("%1", path))

    def save_device_key(self) -> None:
        try:
            data = sync.device_public_key_pem(self.ctx)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self._save_pem(self.tr("Save this device's public key"), f"{self.ctx.device_code}-signing-key.pem", data)

    def save_hq_key(self) -> None:
        try:
            data = sync.hq_public_key_pem(self.ctx)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self._save_pem(self.tr("Save the headquarters' key"), f"{self.ctx.device_code}-headquarters-key.pem", data)
