"""Printed documents in the application: handover certificates, bag labels, case sheets, and the
"verify document" field.

- ``CertificateDialog(ctx, round_id, parent, certificate_id=None, case_ids=None)``: the form (kind,
  scope, place, date, time, the three parties with representatives and witnesses, notes), the
  preview (Qt's PDF viewer), and Preview / Issue / Print / Save as PDF; for an issued certificate,
  a reprint with Correct (a new certificate that supersedes it) and Void (supervisors).
- ``CertificatesDialog(ctx, round_id, parent)``: the certificates of a round; new, open.
- ``VerifyField`` / ``VerifyDialog(ctx, parent)``: scan the QR code (a USB scanner types it) or type
  a certificate number; the answer in plain words and colour.
- ``open_labels(ctx, round_id, parent, case_ids=None)`` and ``open_case_sheet(ctx, case_id, parent)``:
  generate on a worker thread, then preview, print or save.

Every PDF is generated off the GUI thread (``ui.widgets.tasks.run_task``) and shown from memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QIODevice,
    QPointF,
    QRect,
    QRegularExpression,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QRegularExpressionValidator,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import CAN_ISSUE_CERTIFICATES, AppContext
from app.services.documents import case_documents, certificates, verification
from app.services.documents.certificate_forms import (
    CertificateForm,
    CertificateInfo,
    IssueRefused,
    IssueResult,
    Party,
    Person,
    Problem,
    RenderedDocument,
    Scope,
)
from app.services.documents.verification import Answer, Verification
from app.services.rounds import rounds

from ui import i18n
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.service_messages import user_message

_CTX = "Documents"
Documents = i18n.context(_CTX)  # for the plural strings (see i18n.context)
PRINT_DPI_MAX = 300

KIND_LABELS = {
    "acceptance": QT_TRANSLATE_NOOP("Documents", "Acceptance from the sending side"),
    "transfer": QT_TRANSLATE_NOOP("Documents", "Transfer to a forensic institution"),
    "release": QT_TRANSLATE_NOOP("Documents", "Release to the family"),
}
STATUS_LABELS = {
    "draft": QT_TRANSLATE_NOOP("Documents", "Draft"),
    "issued": QT_TRANSLATE_NOOP("Documents", "Issued"),
    "void": QT_TRANSLATE_NOOP("Documents", "Void"),
}
PARTY_TITLES = {
    "acceptance": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Sending party"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Receiving party"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary"),
    },
    "transfer": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Transferring party"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Forensic institution"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary (optional)"),
    },
    "release": {
        "sending": QT_TRANSLATE_NOOP("Documents", "Releasing institution"),
        "receiving": QT_TRANSLATE_NOOP("Documents", "Family (recipient)"),
        "intermediary": QT_TRANSLATE_NOOP("Documents", "Intermediary (optional)"),
    },
}
PARTY_NAMES = {
    "sending": QT_TRANSLATE_NOOP("Documents", "the sending party"),
    "receiving": QT_TRANSLATE_NOOP("Documents", "the receiving party"),
    "intermediary": QT_TRANSLATE_NOOP("Documents", "the intermediary"),
}
PARTY_KEYS = ("sending", "receiving", "intermediary")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def kind_label(kind: str) -> str:
    return _tr(str(KIND_LABELS.get(kind, kind)))


def status_label(status: str) -> str:
    return _tr(str(STATUS_LABELS.get(status, status)))


def problem_text(problem: Problem) -> str:
    """One reason a draft cannot be issued, in the user's language."""
    translate = QCoreApplication.translate
    party = _tr(str(PARTY_NAMES.get(problem.party, problem.party)))
    texts = {
        "no_cases": translate("Documents", "the certificate lists no cases"),
        "no_place": translate("Documents", "the place is missing"),
        "party_unnamed": translate("Documents", "%1 is not named"),
        "no_representative": translate("Documents", "%1 has no representative"),
        "no_witness": translate("Documents", "there is no witness"),
        "correction_target_gone": translate("Documents", "the certificate it corrects is no longer issued"),
        "already_on_certificate": translate(
            "Documents", "these cases are already on an issued certificate of this kind: %2"
        ),
    }
    witness = problem.role == "witness"
    if problem.code == "person_no_name":
        text = (
            translate("Documents", "witness %3 of %1 has no name")
            if witness
            else translate("Documents", "representative %3 of %1 has no name")
        )
    elif problem.code == "person_no_document":
        text = (
            translate("Documents", "witness %3 of %1 (%4) has no identity document")
            if witness
            else translate("Documents", "representative %3 of %1 (%4) has no identity document")
        )
    else:
        text = texts.get(problem.code, problem.text)
    return (
        text.replace("%1", party).replace("%2", problem.detail).replace("%3", str(problem.index))
        .replace("%4", problem.name or translate("Documents", "no name"))
    )


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, IssueRefused):
        head = QCoreApplication.translate("Documents", "Certificate %1 cannot be issued yet:")
        lines = [head.replace("%1", exc.number)]
        lines += ["• " + problem_text(p) for p in exc.problems]
        return "\n".join(lines)
    return user_message(exc)


# --- the PDF preview ------------------------------------------------------------------------


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


class PdfPreview(QWidget):
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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


class DocumentPreviewDialog(QDialog):
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _show_document(parent: QWidget, document: RenderedDocument) -> None:
    dialog = DocumentPreviewDialog(document, parent)
    dialog.open()


class LabelsDialog(QDialog):
    """Which cases (the whole round, the bags no label was made for yet, a transport unit, the
    selected cases) and which paper (A4 sheet or label printer roll)."""

    def __init__(
        self, choice: case_documents.LabelChoice, selected: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = choice
        self.selected = tuple(selected)
        self.all_cases = QRadioButton()
        self.not_made = QRadioButton()
        self.unit = QRadioButton()
        self.unit_combo = QComboBox()
        for unit_id, label, ids in choice.units:
            self.unit_combo.addItem(f"{label} ({len(ids)})", unit_id)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.unit.setChecked(True))
        self.selection = QRadioButton()
        self.selection.setVisible(len(self.selected) > 0)
        self.unit.setEnabled(bool(choice.units))
        self.unit_combo.setEnabled(bool(choice.units))
        self.not_made.setEnabled(bool(choice.not_made))
        if self.selected:
            self.selection.setChecked(True)
        elif choice.not_made and len(choice.not_made) < choice.all_cases:
            self.not_made.setChecked(True)
        else:
            self.all_cases.setChecked(True)
        self.which = QLabel()
        self.a4 = QRadioButton()
        self.roll = QRadioButton()
        self.a4.setChecked(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.ok = QPushButton()
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        self.ok.clicked.connect(self.accept)
        self.cancel.clicked.connect(self.reject)
        cases_group = QButtonGroup(self)
        paper_group = QButtonGroup(self)
        for button in (self.all_cases, self.not_made, self.unit, self.selection):
            cases_group.addButton(button)
        for button in (self.a4, self.roll):
            paper_group.addButton(button)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit)
        unit_row.addWidget(self.unit_combo, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.which)
        layout.addWidget(self.all_cases)
        layout.addWidget(self.not_made)
        layout.addLayout(unit_row)
        layout.addWidget(self.selection)
        layout.addSpacing(8)
        layout.addWidget(self.info)
        layout.addWidget(self.a4)
        layout.addWidget(self.roll)
        layout.addLayout(row)
        self.retranslate()

    @property
    def layout_code(self) -> str:
        return "roll" if self.roll.isChecked() else "a4"

    @property
    def case_ids(self) -> list[str] | None:
        """The chosen cases (None: the whole round)."""
        if self.selection.isChecked():
            return list(self.selected)
        if self.not_made.isChecked():
            return list(self.choice.not_made)
        if self.unit.isChecked() and self.unit_combo.currentIndex() >= 0:
            return list(self.choice.units[self.unit_combo.currentIndex()][2])
        return None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Bag labels"))
        self.which.setText(self.tr("Labels for:"))
        self.all_cases.setText(self.tr("&Every case of the round (%n)", "", self.choice.all_cases))
        self.not_made.setText(self.tr("The bags &without a label yet (%n)", "", len(self.choice.not_made)))
        self.unit.setText(self.tr("One &transport unit:"))
        self.selection.setText(self.tr("The &selected cases (%n)", "", len(self.selected)))
        self.info.setText(self.tr("Paper:"))
        self.a4.setText(self.tr("&A4 sheet of 8 labels (105 × 74 mm)"))
        self.roll.setText(self.tr("&Label printer, 100 × 150 mm"))
        self.ok.setText(self.tr("&Generate"))
        self.cancel.setText(self.tr("Cancel"))

    def accept(self) -> None:
        if self.case_ids == []:  # a unit with no bags yet
            QMessageBox.information(self, self.tr("Bag labels"), self.tr("There are no cases to label in this choice."))
            return
        super().accept()


def open_labels(
    ctx: AppContext,
    round_id: str,
    parent: QWidget,
    case_ids: Sequence[str] | None = None,
    layout: str | None = None,
    selected: Sequence[str] = (),
) -> None:
    """Ask which cases and which paper (unless given), generate the labels off the GUI thread,
    then preview. ``selected``: the cases chosen in the case list, offered as a choice."""
    if layout is None:
        try:
            choice = case_documents.label_choice(ctx, round_id)
        except RepatError as exc:
            _warn(parent, QCoreApplication.translate("Documents", "Bag labels"), exc)
            return
        if case_ids is not None:
            selected = case_ids
        chooser = LabelsDialog(choice, selected, parent)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            chooser.deleteLater()
            return
        layout = chooser.layout_code
        case_ids = chooser.case_ids
        chooser.deleteLater()
    chosen = layout
    ids = list(case_ids) if case_ids is not None else None
    tasks.run_task(
        parent,
        QCoreApplication.translate("Documents", "Preparing bag labels"),
        lambda progress, token: case_documents.render_labels(
            ctx, round_id, chosen, case_ids=ids, progress=progress, token=token
        ),
        lambda document: _show_document(parent, document),
        lambda exc: _warn(parent, QCoreApplication.translate("Documents", "Bag labels"), exc),
    )


def open_case_sheet(ctx: AppContext, case_id: str, parent: QWidget) -> None:
    """Generate the case sheet off the GUI thread, then preview."""
    tasks.run_task(
        parent,
        QCoreApplication.translate("Documents", "Preparing the case sheet"),
        lambda progress, token: case_documents.render_case_sheet(ctx, case_id, progress=progress, token=token),
        lambda document: _show_document(parent, document),
        lambda exc: _warn(parent, QCoreApplication.translate("Documents", "Case sheet"), exc),
    )


def _warn(parent: QWidget, title: str, exc: BaseException) -> None:
    from app.progress import Cancelled

    if not isinstance(exc, Cancelled):
        QMessageBox.warning(parent, title, _error_text(exc))


# --- the certificate form -------------------------------------------------------------------


class PeopleTable(QWidget):
    """Representatives or witnesses: name, position, identity document; add and remove rows."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        # the name takes the room; position and document are as wide as their heading or text,
        # so "Identity document" is never clipped in a narrow party box
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.table.setMinimumHeight(80)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QToolButton()
        self.remove_button = QToolButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(side)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Full name"), self.tr("Position"), self.tr("Identity document")]
        )
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a person"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected person"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_row(self, person: Person | None = None) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        person = person if isinstance(person, Person) else Person()
        for col, value in enumerate((person.name, person.position, person.document)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)
        first = self.table.item(row, 0)
        if not person.name and first is not None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(first)
        self.changed.emit()
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_people(self, people: Sequence[Person]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for person in people:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, value in enumerate((person.name, person.position, person.document)):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)

    def set_cell(self, row: int, col: int, text: str) -> None:
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        item.setText(text)

    def people(self) -> list[Person]:
        out = []
        for row in range(self.table.rowCount()):
            values = []
            for col in range(3):
                item = self.table.item(row, col)
                values.append(item.text().strip() if item is not None else "")
            person = Person(*values)
            if not person.empty:
                out.append(person)
        return out


class PartyBox(QGroupBox):
    """One party: its organisation, representatives and witnesses."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.kind = "acceptance"
        self.organisation = QLineEdit()
        self.organisation.setMaxLength(300)
        self.representatives = PeopleTable()
        self.witnesses = PeopleTable()
        self.org_label = QLabel()
        self.org_label.setBuddy(self.organisation)
        self.reps_label = QLabel()
        self.wit_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.org_label, self.organisation)
        form.addRow(self.reps_label, self.representatives)
        form.addRow(self.wit_label, self.witnesses)
        self.organisation.textEdited.connect(lambda _t: self.changed.emit())
        self.representatives.changed.connect(self.changed)
        self.witnesses.changed.connect(self.changed)
        self.retranslate()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_tr(str(PARTY_TITLES.get(self.kind, PARTY_TITLES["acceptance"])[self.key])))
        self.org_label.setText(self.tr("&Organisation:"))
        self.reps_label.setText(self.tr("Representatives:"))
        self.wit_label.setText(self.tr("Witnesses:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_party(self, party: Party) -> None:
        self.organisation.setText(party.organisation)
        self.representatives.set_people(party.representatives)
        self.witnesses.set_people(party.witnesses)

    def party(self) -> Party:
        return Party(self.organisation.text().strip(), self.representatives.people(), self.witnesses.people())


class CertificateDialog(QDialog):
    """Prepare, preview, issue, print and save a handover certificate; or reprint, correct, void one."""

    certificateChanged = Signal(str)  # the certificate's id, after a save, issue, correction or void

    def __init__(
        self,
        ctx: AppContext,
        round_id: str,
        parent: QWidget | None = None,
        *,
        certificate_id: str | None = None,
        case_ids: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.info: CertificateInfo | None = None
        self.case_ids: tuple[str, ...] | None = tuple(case_ids) if case_ids is not None else None
        self.dirty = False
        self._loading = False
        self._task: tasks.Task | None = None
        role = ctx.user.role if ctx.user else None
        self.can_issue = role in CAN_ISSUE_CERTIFICATES
        self.can_void = role in certificates.CAN_VOID_CERTIFICATES
        self.round = rounds.get_round(ctx, round_id)
        self.units = rounds.list_transport_units(ctx, round_id)
        self._build()
        if certificate_id is not None:
            self.load(certificates.get_certificate(ctx, certificate_id))
        else:
            self._fill_form(certificates.default_form(ctx, round_id, "acceptance"))
        self.dirty = False
        self.retranslate()
        self._update_state()

    # layout

    def _build(self) -> None:
        self.status_label = QLabel()
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.kind_combo = QComboBox()
        for kind in ("acceptance", "transfer", "release"):
            self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.scope_round = QRadioButton()
        self.scope_unit = QRadioButton()
        self.scope_cases = QRadioButton()
        self.scope_group = QButtonGroup(self)
        for radio in (self.scope_round, self.scope_unit, self.scope_cases):
            self.scope_group.addButton(radio)
            radio.toggled.connect(self._scope_toggled)
        self.unit_combo = QComboBox()
        for unit in self.units:
            self.unit_combo.addItem(f"{unit.label} ({unit.counted_bags})", unit.id)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._mark_dirty())
        self.scope_unit.setEnabled(bool(self.units))
        self.scope_cases.setVisible(self.case_ids is not None)
        self.scope_round.setChecked(self.case_ids is None)
        self.scope_cases.setChecked(self.case_ids is not None)
        self.place = QLineEdit()
        self.place.setMaxLength(300)
        self.act_date = QDateEdit()
        self.act_date.setCalendarPopup(True)
        self.act_date.setDisplayFormat("yyyy-MM-dd")
        self.act_time = QLineEdit()
        self.act_time.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^(([01]?\d|2[0-3]):[0-5]\d)?$"), self.act_time)
        )
        self.act_time.setMaximumWidth(90)
        self.parties = {key: PartyBox(key) for key in PARTY_KEYS}
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.notes.setTabChangesFocus(True)
        for widget in (self.place, self.act_time):
            widget.textEdited.connect(lambda _t: self._mark_dirty())
        self.act_date.dateChanged.connect(lambda _d: self._mark_dirty())
        self.notes.textChanged.connect(self._mark_dirty)
        for box in self.parties.values():
            box.changed.connect(self._mark_dirty)

        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind_combo)
        self.scope_label = QLabel()
        self.place_label = QLabel()
        self.place_label.setBuddy(self.place)
        self.date_label = QLabel()
        self.date_label.setBuddy(self.act_date)
        self.time_label = QLabel()
        self.time_label.setBuddy(self.act_time)
        self.notes_label = QLabel()
        self.notes_label.setBuddy(self.notes)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.scope_round)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.scope_unit)
        unit_row.addWidget(self.unit_combo, 1)
        scope_box.addLayout(unit_row)
        scope_box.addWidget(self.scope_cases)
        when = QHBoxLayout()
        when.addWidget(self.act_date)
        when.addWidget(self.time_label)
        when.addWidget(self.act_time)
        when.addStretch(1)

        self.form_widget = QWidget()
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.scope_label, scope_box)
        form.addRow(self.place_label, self.place)
        form.addRow(self.date_label, when)
        column = QVBoxLayout(self.form_widget)
        column.addLayout(form)
        for box in self.parties.values():
            column.addWidget(box)
        column.addWidget(self.notes_label)
        column.addWidget(self.notes)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_widget)
        scroll.setMinimumWidth(520)

        self.banner = InlineError()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.banner)

        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 680])

        self.save_button = QPushButton()
        self.preview_button = QPushButton()
        self.issue_button = QPushButton()
        self.print_button = QPushButton()
        self.pdf_button = QPushButton()
        self.correct_button = QPushButton()
        self.void_button = QPushButton()
        self.discard_button = QPushButton()
        self.close_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save_draft)
        self.preview_button.clicked.connect(lambda: self.refresh_preview())
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self.preview.print_document)
        self.pdf_button.clicked.connect(lambda: self.preview.save_as())
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        self.close_button.clicked.connect(self.close)
        self.preview.documentChanged.connect(self._update_state)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, lambda: self.refresh_preview())
        QShortcut(QKeySequence.StandardKey.Print, self, self.preview.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        buttons = QHBoxLayout()
        for button in (
            self.save_button, self.preview_button, self.issue_button, self.correct_button, self.void_button,
            self.discard_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.print_button, self.pdf_button, self.close_button):
            buttons.addWidget(button)
        for button in (
            self.save_button, self.preview_button, self.issue_button, self.print_button, self.pdf_button,
            self.correct_button, self.void_button, self.discard_button, self.close_button,
        ):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1340, 880)

    def retranslate(self) -> None:
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, kind_label(self.kind_combo.itemData(i)))
        self.kind_label.setText(self.tr("&Kind:"))
        self.scope_label.setText(self.tr("Cases:"))
        self.scope_round.setText(self.tr("The &whole round (%n case(s))", "", self.round.received))
        self.scope_unit.setText(self.tr("One &transport unit:"))
        count = len(self.case_ids or ())
        self.scope_cases.setText(self.tr("The chosen case(s) (%n)", "", count))
        self.place_label.setText(self.tr("&Place:"))
        self.date_label.setText(self.tr("&Date:"))
        self.time_label.setText(self.tr("T&ime:"))
        self.act_time.setPlaceholderText(self.tr("HH:MM"))
        self.act_time.setToolTip(self.tr("Leave empty to use the moment of issue."))
        self.notes_label.setText(self.tr("&Notes:"))
        self.save_button.setText(self.tr("Save &draft"))
        self.preview_button.setText(self.tr("Pre&view"))
        self.preview_button.setToolTip(self.tr("Save the draft and show it (F5)"))
        self.issue_button.setText(self.tr("&Issue…"))
        if not self.can_issue:
            self.issue_button.setToolTip(self.tr("Only clerks and supervisors issue certificates."))
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.correct_button.setText(self.tr("C&orrect…"))
        self.correct_button.setToolTip(
            self.tr("Prepare a new certificate that supersedes this one (an issued certificate is never edited)")
        )
        self.void_button.setText(self.tr("&Void…"))
        self.discard_button.setText(self.tr("Dis&card draft…"))
        self.close_button.setText(self.tr("&Close"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # state

    @property
    def is_draft(self) -> bool:
        return self.info is None or self.info.is_draft

    def _update_state(self) -> None:
        info = self.info
        if info is None:
            text = self.tr("New certificate for round %1 (not saved yet)").replace("%1", self.round.code)
        elif info.status == "draft":
            text = self.tr("Draft %1, round %2: %n case(s)", "", info.case_count)
            text = text.replace("%1", info.number).replace("%2", info.round_code)
            if info.supersedes_number:
                text += " " + self.tr("(corrects %1)").replace("%1", info.supersedes_number)
        elif info.status == "issued":
            text = self.tr("Certificate %1, issued %2 by %3: %n case(s)", "", info.case_count)
            text = text.replace("%1", info.number).replace("%3", info.issued_by).replace(
                "%2", info.issued_at.strftime("%Y-%m-%d %H:%M UTC") if info.issued_at else ""
            )
        else:
            text = self.tr("Certificate %1 is VOID: %2").replace("%1", info.number).replace("%2", info.void_reason)
            if info.superseded_by_number:
                text += " " + self.tr("Superseded by %1.").replace("%1", info.superseded_by_number)
        self.status_label.setText(text)
        title = kind_label(info.kind if info else str(self.kind_combo.currentData()))
        self.setWindowTitle(f"{title} — {info.number}" if info else title)
        draft = self.is_draft
        busy = self._task is not None
        self.form_widget.setEnabled(draft and not busy)
        self.kind_combo.setEnabled(self.info is None and not busy)
        self.unit_combo.setEnabled(draft and self.scope_unit.isChecked())
        self.save_button.setVisible(draft)
        self.preview_button.setVisible(draft)
        self.issue_button.setVisible(draft)
        self.save_button.setEnabled(not busy)
        self.preview_button.setEnabled(not busy)
        self.issue_button.setEnabled(self.can_issue and not busy)
        has_pdf = self.preview.page_count() > 0 and not busy
        self.print_button.setEnabled(has_pdf)
        self.pdf_button.setEnabled(has_pdf)
        issued = info is not None and info.status == "issued"
        superseded = bool(info is not None and info.superseded_by_number)
        self.correct_button.setVisible(issued and self.can_issue and not superseded)
        self.void_button.setVisible(issued and self.can_void)
        self.discard_button.setVisible(info is not None and info.status == "draft")
        self.discard_button.setEnabled(not busy)

    def _mark_dirty(self) -> None:
        if not self._loading:
            self.dirty = True

    def _kind_changed(self, _index: int) -> None:
        for box in self.parties.values():
            box.set_kind(str(self.kind_combo.currentData()))
        if self.info is None and not self.dirty and not self._loading:
            self._fill_form(certificates.default_form(self.ctx, self.round_id, str(self.kind_combo.currentData())))
        self._update_state()

    def _scope_toggled(self, _checked: bool) -> None:
        self.unit_combo.setEnabled(self.scope_unit.isChecked() and self.is_draft)
        self._mark_dirty()

    def _fill_form(self, form: CertificateForm) -> None:
        self._loading = True
        try:
            index = self.kind_combo.findData(form.kind)
            if index >= 0:
                self.kind_combo.setCurrentIndex(index)
            for box in self.parties.values():
                box.set_kind(form.kind)
            self.place.setText(form.place)
            when = form.act_date or self.round.round_date or date.today()
            self.act_date.setDate(QDate(when.year, when.month, when.day))
            self.act_time.setText(form.act_time)
            for key, box in self.parties.items():
                box.set_party(form.party(key))
            self.notes.setPlainText(form.notes)
        finally:
            self._loading = False

    def form(self) -> CertificateForm:
        d = self.act_date.date()
        return CertificateForm(
            kind=str(self.kind_combo.currentData()),
            place=self.place.text().strip(),
            act_date=date(d.year(), d.month(), d.day()),
            act_time=self.act_time.text().strip(),
            sending=self.parties["sending"].party(),
            receiving=self.parties["receiving"].party(),
            intermediary=self.parties["intermediary"].party(),
            notes=self.notes.toPlainText().strip(),
        )

    def scope(self) -> Scope:
        if self.scope_cases.isChecked() and self.case_ids is not None:
            return Scope(self.round_id, case_ids=self.case_ids)
        if self.scope_unit.isChecked() and self.unit_combo.currentData():
            return Scope(self.round_id, transport_unit_id=str(self.unit_combo.currentData()))
        return Scope(self.round_id)

    def load(self, info: CertificateInfo) -> None:
        """Show a saved certificate (and regenerate its preview)."""
        self.info = info
        self._loading = True
        try:
            if info.scope_type == "unit" and info.transport_unit_id:
                self.scope_unit.setChecked(True)
                index = self.unit_combo.findData(info.transport_unit_id)
                if index >= 0:
                    self.unit_combo.setCurrentIndex(index)
            elif info.scope_type == "cases":
                if self.case_ids is None:
                    self.case_ids = ()
                self.scope_cases.setVisible(True)
                self.scope_cases.setChecked(True)
            else:
                self.scope_round.setChecked(True)
        finally:
            self._loading = False
        self._fill_form(info.form)
        self.dirty = False
        self.retranslate()
        self.refresh_preview(save=False)

    # actions

    def save_draft(self) -> CertificateInfo | None:
        """Save the form as a draft (numbering it the first time). None when refused."""
        if not self.is_draft:
            return self.info
        self.banner.clear_message()
        scope = self.scope()
        if scope.type == "cases" and not self.case_ids and self.info is not None:
            scope = None  # type: ignore[assignment]  # keep the draft's own chosen cases
        try:
            if self.info is None:
                self.info = certificates.create_draft(self.ctx, scope or Scope(self.round_id), self.form())
            else:
                self.info = certificates.update_draft(self.ctx, self.info.id, self.info.rev, self.form(), scope)
        except RepatError as exc:
            self.banner.show_error(exc, {"place": self.place, "time": self.act_time})
            return None
        self.dirty = False
        self._update_state()
        self.certificateChanged.emit(self.info.id)
        return self.info

    def refresh_preview(self, save: bool = True) -> None:
        """Save the draft (unless ``save`` is False) and regenerate the preview on a worker thread."""
        if self._task is not None:
            return
        if save and self.is_draft and self.save_draft() is None:
            return
        if self.info is None:
            return
        cert_id = self.info.id
        self.preview.set_placeholder(self.tr("Preparing the preview…"))
        self._start(
            self.tr("Preparing the certificate"),
            lambda progress, token: certificates.render_certificate(
                self.ctx, cert_id, progress=progress, token=token
            ),
            self._rendered,
        )

    def _start(self, title: str, work: Any, done: Any) -> None:
        def finished(result: object) -> None:
            self._task = None
            done(result)
            self._update_state()

        def failed(exc: BaseException) -> None:
            self._task = None
            self._update_state()
            from app.progress import Cancelled

            if isinstance(exc, Cancelled):
                self.preview.set_placeholder(self.tr("Cancelled."))
                return
            self.banner.show_message(_error_text(exc))
            if self.preview.page_count() <= 0:
                self.preview.set_placeholder(self.tr("The document could not be prepared."))

        self._task = tasks.run_task(self, title, work, finished, failed)
        self._update_state()

    def _rendered(self, document: RenderedDocument) -> None:
        self.preview.set_document(document)

    def issue(self) -> None:
        if not self.can_issue or self._task is not None:
            return
        info = self.save_draft()
        if info is None:
            return
        # every reason that stops issuing is shown before the question that cannot be taken back
        try:
            missing = certificates.missing_for_issue(self.ctx, info.id)
        except RepatError as exc:
            self.banner.show_message(user_message(exc))
            return
        if missing:
            self.banner.show_message(_error_text(IssueRefused(info.number, missing)))
            return
        question = self.tr(
            "Issue certificate %1 listing %n case(s)?\n\nOnce issued it can never be changed: a mistake is "
            "corrected by a new certificate that supersedes it. A custody event is recorded for every case.",
            "",
            info.case_count,
        ).replace("%1", info.number)
        if info.supersedes_number:
            question += "\n\n" + self.tr(
                "It corrects %1: issuing it voids %1, whose events are kept and marked as belonging to a voided act."
            ).replace("%1", info.supersedes_number)
        answer = QMessageBox.question(
            self,
            self.tr("Issue certificate"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        cert_id, rev = info.id, info.rev
        self._start(
            self.tr("Issuing the certificate"),
            lambda progress, token: certificates.issue_certificate(
                self.ctx, cert_id, expected_rev=rev, progress=progress, token=token
            ),
            self._issued,
        )

    def _issued(self, result: IssueResult) -> None:
        self.info = result.certificate
        self.dirty = False
        self.banner.clear_message()
        self.preview.set_document(result.document)
        self.retranslate()
        self.certificateChanged.emit(result.certificate.id)

    def correct(self) -> None:
        if self.info is None:
            return
        try:
            draft = certificates.start_correction(self.ctx, self.info.id)
        except RepatError as exc:
            self.banner.show_message(_error_text(exc))
            return
        self.certificateChanged.emit(draft.id)
        self.load(draft)

    def void(self) -> None:
        if self.info is None or not self.can_void:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Void certificate"),
            self.tr("Why is certificate %1 void? The reason is kept with it.").replace("%1", self.info.number),
        )
        if not ok or not reason.strip():
            return
        try:
            info = certificates.void_certificate(self.ctx, self.info.id, reason)
        except RepatError as exc:
            self.banner.show_message(_error_text(exc))
            return
        self.certificateChanged.emit(info.id)
        self.load(info)

    def discard(self) -> None:
        """Give up this draft (after confirmation); it stays in the records as void."""
        if self.info is None or not self.info.is_draft or self._task is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard draft"),
            self.tr("Discard draft %1? Its number stays in the records, marked void.").replace("%1", self.info.number),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        try:
            info = certificates.discard_draft(self.ctx, self.info.id)
        except RepatError as exc:
            self.banner.show_message(_error_text(exc))
            return
        self.dirty = False
        self.certificateChanged.emit(info.id)
        self.accept()

    # closing

    def _confirm_close(self) -> bool:
        if self._task is not None:
            self._task.token.cancel()
        if not (self.dirty and self.is_draft):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this draft before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save_draft() is not None
        return True

    def reject(self) -> None:
        if self._confirm_close():
            self.dirty = False
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._confirm_close():
            self.dirty = False
            event.accept()
        else:
            event.ignore()


# --- the list of a round's certificates -----------------------------------------------------


class CertificatesDialog(QDialog):
    """The certificates of a round: number, kind, status, cases; new and open."""

    COL_NUMBER, COL_KIND, COL_STATUS, COL_CASES, COL_ISSUED, COL_NOTE = range(6)

    def __init__(self, ctx: AppContext, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.items: list[CertificateInfo] = []
        self.table = QTableWidget(0, 6, self)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        self.new_button.clicked.connect(self.new_certificate)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Handover certificates"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Kind"), self.tr("Status"), self.tr("Cases"), self.tr("Issued"),
             self.tr("Note")]
        )
        self.new_button.setText(self.tr("&New certificate…"))
        self.open_button.setText(self.tr("&Open…"))
        self.close_button.setText(self.tr("&Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()
        super().changeEvent(event)

    def reload(self) -> None:
        self.items = certificates.list_certificates(self.ctx, self.round_id)
        self.table.setRowCount(len(self.items))
        for row, info in enumerate(self.items):
            note = ""
            if info.superseded_by_number:
                note = self.tr("Superseded by %1").replace("%1", info.superseded_by_number)
            elif info.supersedes_number:
                note = self.tr("Corrects %1").replace("%1", info.supersedes_number)
            elif info.void_reason:
                note = info.void_reason
            issued = info.issued_at.strftime("%Y-%m-%d %H:%M") if info.issued_at else ""
            values = [
                info.number, kind_label(info.kind), status_label(info.status), str(info.case_count), issued, note
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == self.COL_CASES:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.open_button.setEnabled(bool(self.items))
        if self.items and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _open(self, certificate_id: str | None) -> None:
        try:
            dialog = CertificateDialog(self.ctx, self.round_id, self, certificate_id=certificate_id)
        except RepatError as exc:
            QMessageBox.warning(self, self.windowTitle(), _error_text(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.certificateChanged.connect(lambda _id: self.reload())
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()

    def new_certificate(self) -> None:
        self._open(None)

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self._open(self.items[row].id)


# --- verification ---------------------------------------------------------------------------


def verification_text(result: Verification) -> str:
    """The answer in the user's language, one or two sentences."""
    translate = QCoreApplication.translate
    n = result.number
    cases = result.case_count
    if result.answer == Answer.VALID:
        text = Documents.tr(
            "VALID. Certificate %1 (round %2, %n case(s)) was issued on %4 and is in force.", "", cases
        )
        text = text.replace("%2", result.round_code).replace(
            "%4", result.issued_at.strftime("%Y-%m-%d") if result.issued_at else ""
        )
    elif result.answer == Answer.VOID:
        text = translate("Documents", "VOID. Certificate %1 was voided on %2: %3")
        text = text.replace("%2", result.voided_at.strftime("%Y-%m-%d") if result.voided_at else "")
        text = text.replace("%3", result.void_reason)
    elif result.answer == Answer.SUPERSEDED:
        text = translate("Documents", "SUPERSEDED. Certificate %1 was replaced by %2; use the new certificate.")
        text = text.replace("%2", result.superseded_by)
    elif result.answer == Answer.MISMATCH:
        if "stored record" in result.message:
            text = translate(
                "Documents", "CONTENT DOES NOT MATCH. The stored record of %1 fails its own checksum; tell a supervisor."
            )
        else:
            text = translate(
                "Documents", "CONTENT DOES NOT MATCH. This paper is not a true copy of certificate %1 as issued."
            )
    elif result.answer == Answer.DRAFT:
        text = translate("Documents", "DRAFT. %1 was never issued and has no force.")
    elif result.answer == Answer.SHARED:
        text = translate(
            "Documents",
            "NUMBER ISSUED TWICE. Two laptops set up under one device code both issued certificate %1; "
            "scan the QR code to tell which one this paper is.",
        )
    elif n:
        text = translate(
            "Documents",
            "UNKNOWN. Certificate %1 is not in this database; if it was issued on another laptop, "
            "import that laptop's data first.",
        )
    else:
        text = translate("Documents", "UNKNOWN. This is not a Repat certificate code.")
    text = text.replace("%1", n)
    if n and not result.content_checked and result.answer not in (
        Answer.UNKNOWN, Answer.DRAFT, Answer.MISMATCH, Answer.SHARED
    ):
        text += " " + translate(
            "Documents", "Only the number was checked; scan the QR code to check the content as well."
        )
    return text


ANSWER_COLOURS = {
    Answer.VALID: ("#0f5132", "#d1e7dd"),
    Answer.VOID: ("#842029", "#f8d7da"),
    Answer.SUPERSEDED: ("#664d03", "#fff3cd"),
    Answer.MISMATCH: ("#842029", "#f8d7da"),
    Answer.UNKNOWN: ("#41464b", "#e2e3e5"),
    Answer.DRAFT: ("#664d03", "#fff3cd"),
    Answer.SHARED: ("#664d03", "#fff3cd"),
}


class VerifyField(QWidget):
    """A field a USB scanner types the QR code into (or a person types a number); the answer below."""

    verified = Signal(object)  # the Verification

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Verification | None = None
        self.input = QLineEdit()
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.check)
        self.label = QLabel()
        self.label.setBuddy(self.input)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAccessibleName("verification result")
        self.answer.hide()
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.answer)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Verify document — scan the QR code or type the certificate number:"))
        self.input.setPlaceholderText(self.tr("REPAT:CERT:… or KH01-A-2026-0001"))
        self.check_button.setText(self.tr("C&heck"))
        if self.result is not None:
            self._show(self.result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check(self) -> Verification | None:
        text = self.input.text().strip()
        if not text:
            return None
        try:
            result = verification.verify(self.ctx, text)
        except RepatError as exc:
            QMessageBox.warning(self, self.tr("Verify document"), user_message(exc))
            return None
        self.result = result
        self._show(result)
        self.input.selectAll()  # the next scan replaces this one
        self.verified.emit(result)
        return result

    def _show(self, result: Verification) -> None:
        fg, bg = ANSWER_COLOURS[result.answer]
        self.answer.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; padding: 8px; font-weight: bold; }}"
        )
        self.answer.setText(verification_text(result))
        self.answer.show()


class VerifyDialog(QDialog):
    """A small window around ``VerifyField``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = VerifyField(ctx, self)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(620, 220)
        self.retranslate()
        self.field.input.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify document"))
        self.close_button.setText(self.tr("&Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_certificates(ctx: AppContext, round_id: str, parent: QWidget) -> CertificatesDialog:
    dialog = CertificatesDialog(ctx, round_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_verify(ctx: AppContext, parent: QWidget) -> VerifyDialog:
    dialog = VerifyDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = [
    "CertificateDialog",
    "CertificatesDialog",
    "DocumentPreviewDialog",
    "PdfPreview",
    "VerifyDialog",
    "VerifyField",
    "open_case_sheet",
    "open_certificates",
    "open_labels",
    "open_verify",
    "print_pdf",
]
