"""Export for headquarters: the changes of this database in one signed bundle file.

``ExportDialog(ctx)`` lets the user choose everything or only what is new since the last
export, optional encryption (a passphrase typed twice, or the headquarters' public key file)
and the target file; ``export_bundle`` runs off the GUI thread with a cancellable progress
dialog. The service marks the changes as exported only once the file is completely written and
read back, so a failed or cancelled export leaves them for the next bundle, and the dialog says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.progress import Cancelled
from app.services.context import AppContext
from app.services.sync.export import export_bundle
from app.services.sync.status import SyncStatus, sync_status
from app.sync.bundle.members import SUFFIX
from app.sync.exporter import ExportFailed, ExportResult, NothingToExport

from ui.sync.common import table_label
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message
from ui.widgets.stored_settings import app_settings

KEY_FOLDER = "exchange/export_folder"
KEY_HQ_KEY = "exchange/hq_key_file"


def default_folder() -> str:
    saved = str(app_settings().value(KEY_FOLDER, "") or "")
    if saved and Path(saved).is_dir():
        return saved
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def default_file_name(device_code: str, folder: str | Path, today: date | None = None, full: bool = False) -> Path:
    """``KH01-2026-06-01.repat`` in ``folder`` (``-2``, ``-3`` … when that file exists)."""
    stem = f"{device_code}-{(today or date.today()).isoformat()}" + ("-full" if full else "")
    path = Path(folder) / f"{stem}{SUFFIX}"
    n = 2
    while path.exists():
        path = Path(folder) / f"{stem}-{n}{SUFFIX}"
        n += 1
    return path


class ExportDialog(Retranslating, QDialog):
    """Choose what to export, how to protect it, and where to write it."""

    exported = Signal(object)  # the ExportResult

    ENCRYPT_NONE, ENCRYPT_PASSPHRASE, ENCRYPT_HQ_KEY = range(3)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.ctx = ctx
        self.result_value: ExportResult | None = None
        self.task: tasks.Task | None = None
        self._chosen_in_dialog: str | None = None  # the file dialog already asked about overwriting
        self._pending: int | None = None
        self._build()
        self.retranslate()
        self._update_enabled()
        self._load_status()

    # -- construction --

    def _build(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingLabel")

        self.what_box = QGroupBox(self)
        self.only_new = QRadioButton(self.what_box)
        self.only_new.setChecked(True)
        self.everything = QRadioButton(self.what_box)
        what = QVBoxLayout(self.what_box)
        what.addWidget(self.only_new)
        what.addWidget(self.everything)
        self.everything.toggled.connect(self._full_toggled)

        self.protect_box = QGroupBox(self)
        self.no_encryption = QRadioButton(self.protect_box)
        self.no_encryption.setChecked(True)
        self.with_passphrase = QRadioButton(self.protect_box)
        self.with_hq_key = QRadioButton(self.protect_box)
        self.encryption = QButtonGroup(self)
        for i, button in enumerate((self.no_encryption, self.with_passphrase, self.with_hq_key)):
            self.encryption.addButton(button, i)
        self.encryption.idToggled.connect(lambda _i, _on: self._update_enabled())
        self.passphrase = QLineEdit(self.protect_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.repeat = QLineEdit(self.protect_box)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setObjectName("passphraseRepeat")
        self.passphrase_label = QLabel(self.protect_box)
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label = QLabel(self.protect_box)
        self.repeat_label.setBuddy(self.repeat)
        self.hq_key = QLineEdit(self.protect_box)
        self.hq_key.setObjectName("hqKeyFile")
        self.hq_key.setText(str(app_settings().value(KEY_HQ_KEY, "") or ""))
        self.hq_key_label = QLabel(self.protect_box)
        self.hq_key_label.setBuddy(self.hq_key)
        self.hq_key_browse = QPushButton(self.protect_box)
        self.hq_key_browse.clicked.connect(self.choose_hq_key)
        secrets = QFormLayout()
        secrets.setContentsMargins(24, 0, 0, 0)
        secrets.addRow(self.passphrase_label, self.passphrase)
        secrets.addRow(self.repeat_label, self.repeat)
        key_row = QHBoxLayout()
        key_row.addWidget(self.hq_key, 1)
        key_row.addWidget(self.hq_key_browse)
        key_form = QFormLayout()
        key_form.setContentsMargins(24, 0, 0, 0)
        key_form.addRow(self.hq_key_label, key_row)
        protect = QVBoxLayout(self.protect_box)
        protect.addWidget(self.no_encryption)
        protect.addWidget(self.with_passphrase)
        protect.addLayout(secrets)
        protect.addWidget(self.with_hq_key)
        protect.addLayout(key_form)

        self.file_label = QLabel(self)
        self.file = QLineEdit(self)
        self.file.setObjectName("targetFile")
        self.file.setMinimumWidth(420)
        self.file.setText(str(default_file_name(self.ctx.device_code, default_folder())))
        self.file.textEdited.connect(lambda _t: setattr(self, "_chosen_in_dialog", None))
        self.file_label.setBuddy(self.file)
        self.file_browse = QPushButton(self)
        self.file_browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.file_browse)

        self.error = InlineError(self)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("exportResult")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label.setStyleSheet(
            "QLabel { color: #1d4d1f; background: #e8f5e9; border: 1px solid #a5d6a7;"
            " border-radius: 3px; padding: 6px; }"
        )
        self.done_label.hide()

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.pending)
        layout.addWidget(self.what_box)
        layout.addWidget(self.protect_box)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.only_new, self.everything)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export for headquarters"))
        self.intro.setText(self.tr(
            "Writes the changes made in this database into one signed file. Carry it to the headquarters on a "
            "USB stick or send it; the headquarters merges it. Nothing is marked as exported until the file is "
            "completely written and checked."))
        self.what_box.setTitle(self.tr("What to export"))
        self.only_new.setText(self.tr("&Only what is new since the last export"))
        self.everything.setText(self.tr("E&verything this database holds (a full export)"))
        self.protect_box.setTitle(self.tr("Protection on the way"))
        self.no_encryption.setText(self.tr("&Not encrypted (signed only)"))
        self.with_passphrase.setText(self.tr("Encrypted with a &passphrase"))
        self.passphrase_label.setText(self.tr("Pa&ssphrase:"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.passphrase.setPlaceholderText(self.tr("give it to the headquarters separately, not with the stick"))
        self.with_hq_key.setText(self.tr("Encrypted for the &headquarters' public key"))
        self.hq_key_label.setText(self.tr("&Key file:"))
        self.hq_key.setPlaceholderText(self.tr("the .pem file the headquarters gave you"))
        self.hq_key_browse.setText(self.tr("Choose &key…"))
        self.file_label.setText(self.tr("&Save as:"))
        self.file_browse.setText(self.tr("&Browse…"))
        self.export_button.setText(self.tr("&Export"))
        self._show_pending()

    # -- state --

    def _load_status(self) -> None:
        ctx = self.ctx

        def done(status: object) -> None:
            if shiboken6.isValid(self) and isinstance(status, SyncStatus):
                self._pending = status.unexported
                self._show_pending()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.pending.setText(user_message(exc))

        tasks.start(lambda _p, _t: sync_status(ctx), done, failed)

    def _show_pending(self) -> None:
        if self._pending is None:
            self.pending.setText(self.tr("Counting the changes not exported yet…"))
        elif self._pending == 0:
            self.pending.setText(self.tr("Every change has been exported already; only a full export writes a file."))
        else:
            self.pending.setText(self.tr("%n change(s) not exported yet.", "", self._pending))

    def _update_enabled(self) -> None:
        method = self.encryption.checkedId()
        passphrase_widgets: tuple[QWidget, ...] = (self.passphrase, self.repeat, self.passphrase_label,
                                                   self.repeat_label)
        for widget in passphrase_widgets:
            widget.setEnabled(method == self.ENCRYPT_PASSPHRASE)
        key_widgets: tuple[QWidget, ...] = (self.hq_key, self.hq_key_label, self.hq_key_browse)
        for widget in key_widgets:
            widget.setEnabled(method == self.ENCRYPT_HQ_KEY)
        running = self.task is not None
        self.export_button.setEnabled(not running)

    def _full_toggled(self, full: bool) -> None:
        current = Path(self.file.text().strip()) if self.file.text().strip() else None
        folder = current.parent if current is not None and current.parent.is_dir() else Path(default_folder())
        if current is None or current.name.startswith(f"{self.ctx.device_code}-"):
            self.file.setText(str(default_file_name(self.ctx.device_code, folder, full=full)))
            self._chosen_in_dialog = None

    # -- choosing files --

    def choose_file(self) -> None:
        start = self.file.text().strip() or str(default_file_name(self.ctx.device_code, default_folder()))
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the bundle as"), start, self.tr("Repat bundles (*%1)").replace("%1", SUFFIX)
        )
        if path:
            if not path.endswith(SUFFIX) and not Path(path).exists():
                path += SUFFIX
            self.file.setText(path)
            self._chosen_in_dialog = path

    def choose_hq_key(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The headquarters' public key"), self.hq_key.text().strip() or default_folder(),
            self.tr("Public keys (*.pem);;All files (*)"),
        )
        if path:
            self.hq_key.setText(path)

    # -- export --

    def _options(self) -> dict[str, Any] | None:
        """The keyword arguments for the service, or None after telling the user what is missing."""
        target = self.file.text().strip()
        if not target:
            self.error.show_message(self.tr("Choose the file to write."))
            self.file.setFocus()
            return None
        options: dict[str, Any] = {"out": target, "full": self.everything.isChecked()}
        method = self.encryption.checkedId()
        if method == self.ENCRYPT_PASSPHRASE:
            if not self.passphrase.text():
                self.error.show_message(self.tr("Type the passphrase, twice."))
                self.passphrase.setFocus()
                return None
            if self.passphrase.text() != self.repeat.text():
                self.error.show_message(self.tr("The two passphrases differ; type the same passphrase twice."))
                self.repeat.setFocus()
                self.repeat.selectAll()
                return None
            options["passphrase"] = self.passphrase.text()
        elif method == self.ENCRYPT_HQ_KEY:
            key = self.hq_key.text().strip()
            if not key:
                self.error.show_message(self.tr("Choose the headquarters' public key file."))
                self.hq_key.setFocus()
                return None
            options["hq_key_file"] = key
        return options

    def _confirm_overwrite(self, target: str) -> bool:
        if not Path(target).exists() or self._chosen_in_dialog == target:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace the file?"),
                          self.tr("%1 exists already. Replace it?").replace("%1", target),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmOverwrite")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def start_export(self) -> None:
        if self.task is not None:
            return
        self.error.clear_message()
        self.done_label.hide()
        options = self._options()
        if options is None or not self._confirm_overwrite(options["out"]):
            return
        ctx = self.ctx

        def work(progress: Any, token: Any) -> ExportResult:
            return export_bundle(ctx, progress=progress, token=token, **options)

        self.task = tasks.run_task(self, self.tr("Exporting"), work, self._finished, self._failed)
        self._update_enabled()

    def _finished(self, result: object) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self._update_enabled()
        if not isinstance(result, ExportResult):
            return
        self.result_value = result
        settings = app_settings()
        settings.setValue(KEY_FOLDER, str(Path(result.path).parent))
        if self.with_hq_key.isChecked():
            settings.setValue(KEY_HQ_KEY, self.hq_key.text().strip())
        self.done_label.setText(self.describe(result))
        self.done_label.show()
        self._load_status()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.exported.emit(result)

    def describe(self, result: ExportResult) -> str:
        tables = ", ".join(f"{table_label(name)} {count:,}" for name, count in result.tables.items() if count)
        text = self.tr("Wrote %1: %2 change(s) (%3) and %4 photo(s) or scan(s).") \
            .replace("%1", str(result.path)).replace("%2", f"{result.versions:,}") \
            .replace("%3", tables).replace("%4", f"{result.blobs:,}")
        if result.encrypted:
            text += " " + self.tr("The file is encrypted.")
        text += " " + self.tr("Signed by %1, key fingerprint %2.").replace("%1", result.device_code) \
            .replace("%2", result.fingerprint)
        if result.missing_blobs:
            text += " " + self.tr("%n photo(s) have no content in this database and were left out.", "",
                                  result.missing_blobs)
        return text

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self._update_enabled()
        if isinstance(exc, Cancelled):
            self.error.show_message(self.tr("The export was cancelled. Nothing was marked as exported; the same "
                                            "changes will go into the next bundle."))
        elif isinstance(exc, (NothingToExport, ExportFailed)):  # their sentence says it all
            self.error.show_message(user_message(exc))
        else:
            self.error.show_message(user_message(exc) + " " + self.tr(
                "Nothing was marked as exported; the same changes will go into the next bundle."))

    def reject(self) -> None:
        if self.task is not None:
            self.task.token.cancel()
            return
        super().reject()
