"""The devices and keys dialog (``DevicesDialog``): its texts, and what its buttons do: trust a
device, revoke one, import held bundles, choose the rounds received, save the public keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.errors import RepatError, os_reason
from app.progress import Cancelled
from app.services.sync.devices import (
    DeviceEntry,
    TrustResult,
    device_public_key_pem,
    hq_public_key_pem,
    import_held,
    revoke_device,
    trust_device,
)
from app.services.sync.report import ImportResult
from app.services.sync.status import set_receive_rounds

from ui.sync.devices.trust import TrustDialog
from ui.sync.devices.view import DevicesView
from ui.sync.export import default_folder
from ui.sync.merge_wizard.summary import totals_text
from ui.widgets import tasks
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import translate_reason, user_message


class DevicesDialog(Retranslating, DevicesView):
    """Devices and keys: the texts and actions of the dialog whose widgets ``DevicesView`` makes."""

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

        def work(progress: Any, token: Any) -> TrustResult:
            return trust_device(ctx, code, fingerprint=fingerprint, import_held=import_held,
                                progress=progress, token=token)

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            if isinstance(result, TrustResult):
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

        tasks.start(lambda _p, _t: revoke_device(ctx, d.code), done, failed)

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
            if isinstance(result, ImportResult):
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
                       lambda p, t: import_held(ctx, code, p, t), done, failed)

    def chosen_round_codes(self) -> list[str] | None:
        if self.all_rounds.isChecked():
            return None
        codes = [self.round_list.item(i).text() for i in range(self.round_list.count())
                 if self.round_list.item(i).checkState() == Qt.CheckState.Checked]
        codes += [c.strip() for c in self.other_codes.text().split(",") if c.strip()]
        return codes

    def save_receive_rounds(self) -> None:
        try:
            chosen = set_receive_rounds(self.ctx, self.chosen_round_codes())
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
            data = device_public_key_pem(self.ctx)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self._save_pem(self.tr("Save this device's public key"), f"{self.ctx.device_code}-signing-key.pem", data)

    def save_hq_key(self) -> None:
        try:
            data = hq_public_key_pem(self.ctx)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self._save_pem(self.tr("Save the headquarters' key"), f"{self.ctx.device_code}-headquarters-key.pem", data)
