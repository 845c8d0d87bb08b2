"""The devices dialog's widgets (this device, the rounds it receives, the devices known here, the
bundles held in quarantine), the state it loads and what is selected in it."""

from __future__ import annotations

import shiboken6

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.sync.devices import DeviceEntry
from app.services.sync.trust import QuarantineEntry

from ui.sync.common import is_device_manager, qr_image
from ui.sync.devices.models import DevicesModel, DevicesState, QuarantineModel, _table, load_state, monospace
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.service_messages import user_message


class DevicesView(QDialog):
    """The widgets, loading and selection of the devices dialog; ``DevicesDialog`` gives it its texts
    and its actions."""

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
