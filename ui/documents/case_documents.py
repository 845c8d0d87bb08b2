"""Bag labels and case sheets: ``open_labels(ctx, round_id, parent, case_ids=None)`` asks which
cases and which paper (``LabelsDialog``), ``open_case_sheet(ctx, case_id, parent)``; both generate
the PDF on a worker thread, then preview, print or save it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import AppContext
from app.services.documents import case_documents

from ui.documents.preview import show_document
from ui.documents.texts import error_text
from ui.widgets import tasks


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
        lambda document: show_document(parent, document),
        lambda exc: _warn(parent, QCoreApplication.translate("Documents", "Bag labels"), exc),
    )


def open_case_sheet(ctx: AppContext, case_id: str, parent: QWidget) -> None:
    """Generate the case sheet off the GUI thread, then preview."""
    tasks.run_task(
        parent,
        QCoreApplication.translate("Documents", "Preparing the case sheet"),
        lambda progress, token: case_documents.render_case_sheet(ctx, case_id, progress=progress, token=token),
        lambda document: show_document(parent, document),
        lambda exc: _warn(parent, QCoreApplication.translate("Documents", "Case sheet"), exc),
    )


def _warn(parent: QWidget, title: str, exc: BaseException) -> None:
    from app.progress import Cancelled

    if not isinstance(exc, Cancelled):
        QMessageBox.warning(parent, title, error_text(exc))
