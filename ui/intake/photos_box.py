"""The intake form's photos: the photos and scans attached to the bag being recorded, added from
files (checked for type and size before the bag is saved) and removed again."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.services.cases.intake import MAX_PHOTO_BYTES, PHOTO_SUFFIXES

from ui.widgets.retranslate import Retranslating


class _PhotoList(QListWidget):
    """The photo list keeps Enter to itself, so it does not save the bag."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class PhotosBox(Retranslating, QGroupBox):
    """The files attached to the bag, by path. ``changed`` fires when photos are added or removed;
    ``refused`` carries what was wrong with the files just added ("" when nothing was)."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last_dir = ""
        self._photos = _PhotoList(self)
        self._photos.setObjectName("photoList")
        self._photos.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._photos.setMinimumHeight(70)
        self._add_photo = QPushButton(self)
        self._add_photo.setObjectName("addPhotos")
        self._add_photo.setAutoDefault(True)
        self._add_photo.clicked.connect(self.choose_photos)
        self._remove_photo = QPushButton(self)
        self._remove_photo.setObjectName("removePhoto")
        self._remove_photo.setAutoDefault(True)
        self._remove_photo.clicked.connect(self.remove_selected_photos)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self._add_photo)
        photo_buttons.addWidget(self._remove_photo)
        photo_buttons.addStretch(1)
        photos_layout = QVBoxLayout(self)
        photos_layout.addWidget(self._photos, 1)
        photos_layout.addLayout(photo_buttons)
        delete_photo = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self._photos)
        delete_photo.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_photo.activated.connect(self.remove_selected_photos)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the group in the current language; the photos stay."""
        self.setTitle(self.tr("Photos"))
        self._photos.setAccessibleName(self.tr("Photos"))
        self._photos.setToolTip(self.tr("Delete removes the selected photos from this bag"))
        self._add_photo.setText(self.tr("Add &photos…"))
        self._remove_photo.setText(self.tr("Remove photo"))

    def focus_widgets(self) -> list[QWidget]:
        """The list and its buttons in their tab order."""
        return [self._photos, self._add_photo, self._remove_photo]

    def photo_paths(self) -> list[str]:
        return [str(self._photos.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self._photos.count())]

    def choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos or scans"),
            self._last_dir,
            self.tr("Photos and scans (%1)").replace("%1", " ".join(f"*{s}" for s in sorted(PHOTO_SUFFIXES))),
        )
        if paths:
            self._last_dir = str(Path(paths[0]).parent)
            self.add_photos(paths)

    def add_photos(self, paths: list[str]) -> None:
        """Attach files by path; refused files are named in ``refused``, the rest are added."""
        problems: list[str] = []
        known = set(self.photo_paths())
        for raw in paths:
            path = Path(raw)
            if str(path) in known:
                continue
            if path.suffix.lower() not in PHOTO_SUFFIXES:
                problems.append(self.tr("%1 is not a photo or scan (use JPEG, PNG, TIFF or PDF).").replace("%1", path.name))
                continue
            try:
                size = path.stat().st_size
            except OSError:
                problems.append(self.tr("%1 cannot be read.").replace("%1", path.name))
                continue
            if size > MAX_PHOTO_BYTES:
                problems.append(
                    self.tr("%1 is larger than %2 MB.")
                    .replace("%1", path.name)
                    .replace("%2", str(MAX_PHOTO_BYTES // (1024 * 1024)))
                )
                continue
            self._add_photo_item(str(path), size)
            known.add(str(path))
        self.refused.emit(" ".join(problems))
        self.changed.emit()

    def set_photos(self, paths: list[str]) -> None:
        """Show these files (a draft's photos); one no longer there is shown as missing."""
        self._photos.clear()
        for path in paths:
            try:
                size: int | None = Path(str(path)).stat().st_size
            except OSError:
                size = None
            self._add_photo_item(str(path), size)

    def clear(self) -> None:
        self._photos.clear()

    def _add_photo_item(self, path: str, size: int | None) -> None:
        name = os.path.basename(path)
        if size is None:
            item = QListWidgetItem(
                self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                self.tr("%1 (file missing)").replace("%1", name),
            )
        else:
            item = QListWidgetItem(
                self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon),
                f"{name}  ({max(1, size // 1024)} KB)",
            )
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(path)
        self._photos.addItem(item)

    def remove_selected_photos(self) -> None:
        rows = sorted({self._photos.row(i) for i in self._photos.selectedItems()}, reverse=True)
        if not rows and self._photos.currentRow() >= 0:
            rows = [self._photos.currentRow()]
        for row in rows:
            self._photos.takeItem(row)
        if rows:
            self.changed.emit()
