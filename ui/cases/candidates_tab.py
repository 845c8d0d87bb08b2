"""The case file's Candidates tab: the applications of the missing-persons register this case most
likely answers, ranked with their score and reasons, and the buttons that prioritise one for DNA
comparison, reject it, or withdraw that decision. Never an identification: the established
identity is recorded only in the Forensics window.

The candidates are looked for on a worker thread (the register's index is built the first time),
with a busy bar; a decision is saved at once and the list is read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.services.context import AppContext
from app.services.register import candidates, decisions
from app.services.register.candidates import Candidate, CaseCandidates

from ui.cases.candidates_texts import date_text, decision_text, disappeared_text, reasons_text
from ui.widgets import tasks
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

_ERROR_STYLE = "color: #b00020;"


def may_decide(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in decisions.CAN_DECIDE


class CandidatesModel(ListTableModel):
    """One row per candidate, in the service's order (prioritised, undecided, rejected)."""

    KEY = "person_id"
    COL_SCORE, COL_DECISION, COL_NUMBER, COL_NAME, COL_BORN, COL_DISAPPEARED, COL_REASONS = range(7)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Score"), self.tr("Decision"), self.tr("Application"), self.tr("Name"), self.tr("Born"),
                self.tr("Disappeared"), self.tr("Why"))

    def candidate_at(self, row: int) -> Candidate | None:
        found: Candidate | None = self.row_at(row)
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.candidate_at(index.row()) if index.isValid() else None
        if c is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(c.score), decision_text(c.decision, short=True), c.register_number, c.full_name, date_text(c.birth_date),
                    disappeared_text(c), reasons_text(c))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = reasons_text(c, "\n")
            if c.decision:
                tip += "\n\n" + self.tr("%1 by %2.").replace("%1", decision_text(c.decision)).replace(
                    "%2", c.decided_by)
                if c.note:
                    tip += "\n" + c.note
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and c.decision == candidates.PRIORITISED:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (c.decision == candidates.REJECTED or c.excluded):
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class CandidatesTab(Retranslating, QWidget):
    """The ranked candidates of one case. ``loaded`` is emitted each time the list is filled,
    ``decided`` after a decision was saved."""

    loaded = Signal()
    decided = Signal()

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidatesTab")
        self._ctx = ctx
        self._case_id = case_id
        self._found: CaseCandidates | None = None
        self._started = False
        self._busy = False
        self._keep: str | None = None

        self.note = QLabel(self)
        self.note.setObjectName("candidatesNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #eef3fb; border: 1px solid #9db4d8; border-radius: 3px; padding: 6px;")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("candidatesBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.hide()
        self.status = QLabel(self)
        self.status.setObjectName("candidatesStatus")
        self.status.setWordWrap(True)

        self.model = CandidatesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("candidatesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((CandidatesModel.COL_SCORE, 50), (CandidatesModel.COL_DECISION, 100),
                           (CandidatesModel.COL_NUMBER, 130), (CandidatesModel.COL_NAME, 230),
                           (CandidatesModel.COL_BORN, 90), (CandidatesModel.COL_DISAPPEARED, 150)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        # the selected candidate in full: every reason, the unit, the decision and its note
        self.details = QLabel(self)
        self.details.setObjectName("candidateDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setStyleSheet("border: 1px solid palette(mid); border-radius: 3px; padding: 6px;")
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("candidateDecisionNote")
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note_edit)
        self.prioritise_button = QPushButton(self)
        self.prioritise_button.setObjectName("prioritiseCandidate")
        self.prioritise_button.clicked.connect(lambda: self._decide(candidates.PRIORITISED))
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("rejectCandidate")
        self.reject_button.clicked.connect(lambda: self._decide(candidates.REJECTED))
        self.withdraw_button = QPushButton(self)
        self.withdraw_button.setObjectName("withdrawCandidate")
        self.withdraw_button.clicked.connect(lambda: self._decide(decisions.WITHDRAWN))
        self.show_rejected = QCheckBox(self)
        self.show_rejected.setObjectName("showRejectedCandidates")
        self.show_rejected.setChecked(True)
        self.show_rejected.toggled.connect(lambda _on: self._show())

        decide_row = QHBoxLayout()
        decide_row.addWidget(self.prioritise_button)
        decide_row.addWidget(self.reject_button)
        decide_row.addWidget(self.withdraw_button)
        decide_row.addWidget(self.note_label)
        decide_row.addWidget(self.note_edit, 1)
        decide_row.addWidget(self.show_rejected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(decide_row)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.note.setText(self.tr(
            "Applications of the missing-persons register this case may answer, ranked by how well they fit. "
            "They set the order of DNA comparisons: a candidate is not an identification. Only a forensic "
            "identification (Forensics…) records who this is."))
        self.prioritise_button.setText(self.tr("P&rioritise for DNA comparison"))
        self.prioritise_button.setToolTip(self.tr("Compare this case with the application's reference samples first"))
        self.reject_button.setText(self.tr("Re&ject"))
        self.reject_button.setToolTip(self.tr("Not this person: the application stays listed, marked and last"))
        self.withdraw_button.setText(self.tr("&Withdraw decision"))
        self.note_label.setText(self.tr("N&ote:"))
        self.note_edit.setPlaceholderText(self.tr("why (optional)"))
        self.show_rejected.setText(self.tr("Show rejected"))
        if not may_decide(self._ctx):
            for button in (self.prioritise_button, self.reject_button, self.withdraw_button):
                button.setToolTip(self.tr("Supervisors and field officers decide about candidates."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_status()
        self._show_details()

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:  # looked for when first shown, not when the case file opens
            self.load()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def found(self) -> CaseCandidates | None:
        return self._found

    def load(self) -> None:
        """Look for the candidates again (on a worker thread)."""
        self._started = True
        self._busy = True
        self.busy_bar.show()
        self._show_status()
        self._update_buttons()
        ctx, case_id = self._ctx, self._case_id
        tasks.start(lambda _progress, _token: candidates.case_candidates(ctx, case_id), self._loaded, self._failed)

    def _loaded(self, found: object) -> None:
        self._busy = False
        self.busy_bar.hide()
        if isinstance(found, CaseCandidates):
            self._found = found
        self._show()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.busy_bar.hide()
        self._show_status(user_message(exc))
        self._update_buttons()
        self.loaded.emit()

    def _show(self) -> None:
        keep = self._keep or self.selected_person_id()
        rows = self._found.candidates if self._found else []
        if not self.show_rejected.isChecked():
            rows = [c for c in rows if c.decision != candidates.REJECTED]
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if rows:
            self.table.selectRow(max(row, 0))
        self._keep = None
        self._show_status()
        self._update_buttons()
        self._show_details()

    def _show_status(self, error: str = "") -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        if error:
            self.status.setText(error)
        elif self._busy:
            self.status.setText(self.tr("Looking for candidates in the register…"))
        elif self._found is None:
            self.status.setText("")
        elif not self._found.candidates:
            self.status.setText(self.tr("No application of the register is a candidate for this case."))
        else:
            count = len(self._found.candidates)
            rejected = sum(c.decision == candidates.REJECTED for c in self._found.candidates)
            text = self.tr("%n candidate(s), best first.", "", count)
            if rejected:
                text += " " + self.tr("%n rejected.", "", rejected)
            self.status.setText(text)

    # --- deciding --------------------------------------------------------------------------

    def selected(self) -> Candidate | None:
        index = self.table.currentIndex()
        return self.model.candidate_at(index.row()) if index.isValid() else None

    def selected_person_id(self) -> str | None:
        c = self.selected()
        return c.person_id if c else None

    def select(self, register_number: str) -> None:
        for row, c in enumerate(self.model.rows()):
            if c.register_number == register_number:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._show_details()

    def _show_details(self) -> None:
        c = self.selected()
        if c is None:
            self.details.setText("")
            return
        first = self.tr("%1 · %2, born %3").replace("%1", c.register_number).replace("%2", c.full_name).replace(
            "%3", date_text(c.birth_date) or "\u2014")
        if c.military_unit:
            first += " · " + self.tr("unit %1").replace("%1", c.military_unit)
        lines = [
            first,
            self.tr("Disappeared: %1").replace("%1", disappeared_text(c) or "\u2014"),
            self.tr("Score %1: %2").replace("%1", str(c.score)).replace("%2", reasons_text(c) or "\u2014"),
        ]
        if c.decision:
            decided = self.tr("%1 by %2: %3") if c.note else self.tr("%1 by %2.")
            lines.append(decided.replace("%1", decision_text(c.decision)).replace("%2", c.decided_by)
                         .replace("%3", c.note))
        self.details.setText("\n".join(lines))

    def _update_buttons(self) -> None:
        c = self.selected()
        allowed = may_decide(self._ctx) and c is not None and not self._busy
        self.prioritise_button.setEnabled(allowed and c is not None and c.decision != candidates.PRIORITISED)
        self.reject_button.setEnabled(allowed and c is not None and c.decision != candidates.REJECTED)
        self.withdraw_button.setEnabled(allowed and c is not None and bool(c.decision))
        self.note_edit.setEnabled(may_decide(self._ctx))

    def _decide(self, decision: str) -> None:
        c = self.selected()
        if c is None or self._busy:
            return
        try:
            decisions.decide(self._ctx, self._case_id, c.person_id, decision, self.note_edit.text())
        except RepatError as exc:
            self._show_status(user_message(exc))
            return
        self.note_edit.clear()
        self._keep = c.person_id
        self.decided.emit()
        self.load()
