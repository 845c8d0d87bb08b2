"""The case file's Photos tab: thumbnails of the case's photos and scans; a photo opens larger in a
``PhotoViewer``, a scan (PDF) in the system's viewer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.cases import case_file
from app.services.cases.case_file import AttachmentView, CaseDetail
from app.services.context import AppContext

from ui.widgets import tasks

THUMBNAIL = 160


class PhotoViewer(QDialog):
    """One photo, fitted to the window (or at full size)."""

    def __init__(self, ctx: AppContext, attachment: AttachmentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.filename)
        self._image = QImage()
        self._label = QLabel(self.tr("Loading…"), self)
        self._label.setObjectName("photoViewerImage")
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self._label)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(attachment.caption or attachment.filename, self)
        caption.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(caption)
        layout.addWidget(close)
        self.resize(1000, 760)

        sha = attachment.sha256

        def load(_progress: Callable[[int, int, str], None], _token: object) -> QImage:
            return QImage.fromData(QByteArray(case_file.attachment_bytes(ctx, sha)))

        def done(result: object) -> None:
            if not isValid(self) or not isinstance(result, QImage):
                return
            if result.isNull():
                self._label.setText(self.tr("This file cannot be shown as a picture."))
                return
            self._image = result
            self._fit()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._label.setText(tasks.error_text(exc))

        tasks.start(load, done, failed)

    @property
    def image(self) -> QImage:
        return self._image

    def _fit(self) -> None:
        if self._image.isNull():
            return
        holder = self._label.parentWidget()
        area = holder.size() if holder is not None else self.size()
        pixmap = QPixmap.fromImage(self._image)
        if pixmap.width() > area.width() or pixmap.height() > area.height():
            pixmap = pixmap.scaled(
                area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self._label.setPixmap(pixmap)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()


class PhotosTab(QWidget):
    """The photos of a case as thumbnails (loaded in the background); ``failed`` carries the message
    when a scan's content cannot be read."""

    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._attachments: list[AttachmentView] = []
        self._thumb_items: dict[str, QListWidgetItem] = {}
        self._photos = QListWidget(self)
        self._photos.setObjectName("photoList")
        self._photos.setViewMode(QListView.ViewMode.IconMode)
        self._photos.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self._photos.setGridSize(QSize(THUMBNAIL + 48, THUMBNAIL + 56))
        self._photos.setResizeMode(QListView.ResizeMode.Adjust)
        self._photos.setMovement(QListView.Movement.Static)
        self._photos.setWordWrap(True)
        self._photos.setViewportMargins(8, 8, 8, 8)
        self._photos.itemActivated.connect(self._open_photo)
        photos_layout = QVBoxLayout(self)
        photos_layout.addWidget(self._photos, 1)
        photos_hint = QLabel(self.tr("Double-click a photo, or select it and press Enter, to see it larger."), self)
        photos_hint.setEnabled(False)
        photos_layout.addWidget(photos_hint)

    @property
    def photo_list(self) -> QListWidget:
        return self._photos

    def fill(self, d: CaseDetail) -> None:
        self._attachments = list(d.attachments)
        self._photos.clear()
        self._thumb_items = {}
        placeholder = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for att in d.attachments:
            item = QListWidgetItem(placeholder, att.filename)
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            item.setToolTip(
                self.tr("%1 — %2 KB; double-click to enlarge")
                .replace("%1", att.filename)
                .replace("%2", str(max(1, att.size // 1024)))
            )
            self._photos.addItem(item)
            self._thumb_items[att.id] = item
        images = [(a.id, a.sha256) for a in d.attachments if a.media_type.startswith("image/")]
        if not images:
            return
        ctx = self._ctx

        def load(_progress: Callable[[int, int, str], None], token: Any) -> list[tuple[str, QImage]]:
            out: list[tuple[str, QImage]] = []
            for att_id, sha in images:
                if token.cancelled:
                    break
                image = QImage.fromData(QByteArray(case_file.attachment_bytes(ctx, sha)))
                if not image.isNull():
                    image = image.scaled(
                        THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                    out.append((att_id, image))
            return out

        def done(result: object) -> None:
            if not isValid(self) or not isinstance(result, list):
                return
            for att_id, image in result:
                item = self._thumb_items.get(att_id)
                if item is not None:
                    item.setIcon(QIcon(QPixmap.fromImage(image)))
                    item.setData(Qt.ItemDataRole.UserRole + 1, True)

        tasks.start(load, done)

    def thumbnails_loaded(self) -> int:
        return sum(
            1 for i in range(self._photos.count()) if self._photos.item(i).data(Qt.ItemDataRole.UserRole + 1)
        )

    def _open_photo(self, item: QListWidgetItem) -> None:
        att_id = item.data(Qt.ItemDataRole.UserRole)
        att = next((a for a in self._attachments if a.id == att_id), None)
        if att is None:
            return
        if not att.media_type.startswith("image/"):
            self._open_externally(att)
            return
        viewer = PhotoViewer(self._ctx, att, self.window())
        viewer.setObjectName("photoViewer")
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()

    def _open_externally(self, att: AttachmentView) -> None:
        """A scan (PDF): hand a temporary copy to the system's viewer."""
        try:
            content = case_file.attachment_bytes(self._ctx, att.sha256)
        except RepatError as exc:
            self.failed.emit(str(exc))
            return
        folder = Path(tempfile.mkdtemp(prefix="repat-"))
        target = folder / Path(att.filename).name
        target.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
