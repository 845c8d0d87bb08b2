"""The PDF preview: Qt's PDF viewer over a document kept in memory (zoom, print, save as PDF),
printing a PDF through the system print dialog, and the dialog that shows a generated document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QRect,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.documents.certificate_forms import RenderedDocument

from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

PRINT_DPI_MAX = 300


def print_pdf(pdf: QPdfDocument, printer: QPrinter, parent: QWidget | None = None) -> int:
    """Print the pages of ``pdf`` (the printer's page range, or all) as images at up to 300 dpi.

    Returns the number of pages sent. Shows a cancellable progress dialog over ``parent``.
    """
    count = pdf.pageCount()
    if count <= 0:
        return 0
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        first, last = 1, count
    last = min(last, count)
    painter = QPainter()
    if not painter.begin(printer):
        raise RepatError(QCoreApplication.translate("Documents", "The printer could not be started."))
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    progress = None
    if parent is not None and last - first > 0:
        progress = QProgressDialog(
            QCoreApplication.translate("Documents", "Printing…"),
            QCoreApplication.translate("Documents", "Cancel"),
            0,
            last - first + 1,
            parent,
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
    sent = 0
    try:
        for n, page in enumerate(range(first - 1, last)):
            if progress is not None:
                if progress.wasCanceled():
                    printer.abort()
                    break
                progress.setValue(n)
            if n:
                printer.newPage()
            points = pdf.pagePointSize(page)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = pdf.render(page, size)
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
            sent += 1
            QCoreApplication.processEvents()
    finally:
        painter.end()
        if progress is not None:
            progress.close()
            progress.deleteLater()
    return sent


def prepare_printer(pdf: QPdfDocument, title: str) -> QPrinter:
    """A printer set to the document's own paper (A4, or the 100 × 150 mm label)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the documents carry their own margins
    if pdf.pageCount() > 0:
        points = pdf.pagePointSize(0)
        size = QSizeF(points.width(), points.height())
        page = QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        landscape = points.width() > points.height()
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        printer.setPageSize(page)
        printer.setPageOrientation(orientation)
    printer.setFromTo(1, max(pdf.pageCount(), 1))
    return printer


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


class PdfPreview(Retranslating, QWidget):
    """Qt's PDF viewer over a document kept in memory, with zoom, print and save."""

    documentChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: RenderedDocument | None = None
        self.pdf = QPdfDocument(self)
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.zoom_out = QToolButton()
        self.zoom_in = QToolButton()
        self.fit_width = QToolButton()
        self.fit_page = QToolButton()
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / 1.25))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.pages_label = QLabel()
        bar = QHBoxLayout()
        for button in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            button.setAutoRaise(True)
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.view, 1)
        self.view.hide()
        for keys, factor in ((QKeySequence.StandardKey.ZoomIn, 1.25), (QKeySequence.StandardKey.ZoomOut, 1 / 1.25)):
            shortcut = QShortcut(keys, self, lambda f=factor: self._zoom(f))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.pdf.statusChanged.connect(self._status_changed)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._update_pages())
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_out.setText(self.tr("Zoom out"))
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in.setText(self.tr("Zoom in"))
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit_width.setText(self.tr("Fit width"))
        self.fit_page.setText(self.tr("Whole page"))
        self.placeholder.setText(self.tr("The preview appears here."))
        self._update_pages()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def set_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.placeholder.show()
        self.view.hide()

    def set_document(self, document: RenderedDocument) -> None:
        """Show ``document`` (read from memory; nothing is written to disk)."""
        old = self._buffer
        self.document = document
        self._bytes = QByteArray(document.data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self.placeholder.hide()
        self.view.show()
        self._update_pages()
        self.documentChanged.emit()

    def page_count(self) -> int:
        return int(self.pdf.pageCount())

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.view.pageNavigator().jump(0, QPointF(), self.view.zoomFactor())
        self._update_pages()

    def _update_pages(self) -> None:
        count = self.page_count()
        if count <= 0:
            self.pages_label.clear()
            return
        current = self.view.pageNavigator().currentPage() + 1
        self.pages_label.setText(self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(count)))

    def print_document(self) -> int:
        """The system print dialog, then print. Returns the pages sent (0 when cancelled)."""
        if self.document is None or self.page_count() <= 0:
            return 0
        printer = prepare_printer(self.pdf, self.document.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self.document.title))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        try:
            return print_pdf(self.pdf, printer, self)
        except RepatError as exc:
            QMessageBox.warning(self, self.tr("Print"), user_message(exc))
            return 0

    def save_as(self, path: str | None = None) -> str | None:
        """Save the PDF (asking where when ``path`` is None). Returns the saved path."""
        if self.document is None:
            return None
        if path is None:
            suggested = str(Path(documents_folder()) / self.document.file_name)
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), suggested, self.tr("PDF documents (*.pdf)")
            )
            if not path:
                return None
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
        try:
            return self.document.save(path)
        except RepatError as exc:
            QMessageBox.warning(self, self.tr("Save as PDF"), user_message(exc))
            return None


class DocumentPreviewDialog(Retranslating, QDialog):
    """A generated document: preview, print, save as PDF."""

    def __init__(self, document: RenderedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = PdfPreview(self)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.preview.print_document)
        self.save_button.clicked.connect(lambda: self.preview.save_as())
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self, self.preview.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.preview.save_as())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(820, 900)
        self.preview.set_document(document)
        self.setWindowTitle(document.title)
        self.retranslate()
        self.print_button.setFocus()

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.close_button.setText(self.tr("&Close"))


def show_document(parent: QWidget, document: RenderedDocument) -> None:
    dialog = DocumentPreviewDialog(document, parent)
    dialog.open()
