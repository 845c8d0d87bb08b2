"""The certificates of a round: ``CertificatesDialog(ctx, round_id, parent)`` lists them (number,
kind, status, cases, when issued, what corrects what) and opens one, or a new one, in the
certificate dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import AppContext
from app.services.documents import certificate_records
from app.services.documents.certificate_forms import CertificateInfo

from ui.documents.certificate import CertificateDialog
from ui.documents.texts import error_text, kind_label, status_label


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
        self.items = certificate_records.list_certificates(self.ctx, self.round_id)
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
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
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


def open_certificates(ctx: AppContext, round_id: str, parent: QWidget) -> CertificatesDialog:
    dialog = CertificatesDialog(ctx, round_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
