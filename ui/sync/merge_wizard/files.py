"""Page 1 of the merge wizard: the bundle files to import, and the passphrase of encrypted ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.sync.bundle.members import SUFFIX

from ui.widgets.retranslate import Retranslating
from ui.widgets.stored_settings import app_settings

KEY_FOLDER = "exchange/import_folder"


class FilesPage(Retranslating, QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = QListWidget(self)
        self.files.setObjectName("bundleFiles")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files_label = QLabel(self)
        self.files_label.setBuddy(self.files)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files)
        delete.activated.connect(self.remove_selected)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(side)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("importPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.passphrase_hint = QLabel(self)
        self.passphrase_hint.setWordWrap(True)
        self.passphrase_hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.passphrase_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addLayout(row, 1)
        layout.addLayout(form)
        self._update_buttons()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Bundle files"))
        self.setSubTitle(self.tr("Choose the files the laptops (or the headquarters) exported. They are checked "
                                 "before anything is imported; the order does not change the result."))
        self.files_label.setText(self.tr("&Files to import:"))
        self.add_button.setText(self.tr("&Add files…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.passphrase_hint.setText(self.tr("Only for files encrypted with a passphrase. Files encrypted for "
                                             "the headquarters' key need none here."))

    def paths(self) -> list[str]:
        return [str(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        known = set(self.paths())
        for p in paths:
            text = str(Path(p))
            if text in known:
                continue
            known.add(text)
            item = QListWidgetItem(Path(text).name)
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setToolTip(text)
            self.files.addItem(item)
        self._update_buttons()
        self.completeChanged.emit()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()
        self.completeChanged.emit()

    def choose_files(self) -> None:
        settings = app_settings()
        folder = str(settings.value(KEY_FOLDER, "") or "")
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Bundle files"), folder,
            self.tr("Repat bundles (*%1);;All files (*)").replace("%1", SUFFIX),
        )
        if paths:
            settings.setValue(KEY_FOLDER, str(Path(paths[0]).parent))
            self.add_paths(paths)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.files.selectedItems()))

    def passphrase_value(self) -> str | None:
        return self.passphrase.text() or None

    def isComplete(self) -> bool:
        return self.files.count() > 0
