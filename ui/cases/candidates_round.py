"""A round's candidates: the cases without any candidate at or above a threshold, the applications
of the missing-persons register that several cases of the round answer, and every case with its
best candidate. Double-click (or Enter) opens the case file. Computed on a worker thread with a
cancellable progress dialog (``ui.widgets.tasks.run_task``); never an identification.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.register import candidates
from app.services.register.candidates import CaseCandidates, RoundCandidates

from ui.cases.candidates_texts import count_text, date_text, decision_text
from ui.cases.open_case import open_case
from ui.widgets import tasks
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

CASE_ROLE = Qt.ItemDataRole.UserRole


class RoundCasesModel(ListTableModel):
    """Cases of a round with their best candidate (the cases without one, or every case)."""

    KEY = "case_id"
    COL_CASE, COL_TAG, COL_CLAIMED, COL_BEST, COL_SCORE, COL_DECISION = range(6)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Case"), self.tr("Tag"), self.tr("Claimed name"), self.tr("Best candidate"),
                self.tr("Score"), self.tr("Decision"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c: CaseCandidates | None = self.row_at(index.row()) if index.isValid() else None
        if c is None:
            return None
        col = index.column()
        best = c.best()
        if role == CASE_ROLE:
            return c.case_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.COL_CASE:
            return c.case_number
        if col == self.COL_TAG:
            return c.sender_tag
        if col == self.COL_CLAIMED:
            return c.claimed_name or "\u2014"
        if best is None:
            return "\u2014" if col in (self.COL_BEST, self.COL_SCORE) else ""
        if col == self.COL_BEST:
            return f"{best.register_number} \u00b7 {best.full_name}"
        if col == self.COL_SCORE:
            return str(best.score)
        if col == self.COL_DECISION:
            return decision_text(best.decision, short=True)
        return None


def _case_table(parent: QWidget, model: RoundCasesModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    for col, width in ((RoundCasesModel.COL_CASE, 150), (RoundCasesModel.COL_TAG, 90),
                       (RoundCasesModel.COL_CLAIMED, 250), (RoundCasesModel.COL_BEST, 370),
                       (RoundCasesModel.COL_SCORE, 50)):
        table.setColumnWidth(col, width)
    return table


class RoundCandidatesDialog(Retranslating, QDialog):
    """The candidates of one round; ``computed`` tells a test (or a caller) the lists are filled."""

    def __init__(self, ctx: AppContext, round_id: str, round_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundCandidatesDialog")
        self.setSizeGripEnabled(True)
        self._ctx = ctx
        self._round_id = round_id
        self._round_code = round_code
        self._found: RoundCandidates | None = None
        self._task: tasks.Task | None = None

        self.note = QLabel(self)
        self.note.setObjectName("roundCandidatesNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #eef3fb; border: 1px solid #9db4d8; border-radius: 3px; padding: 6px;")
        self.threshold_label = QLabel(self)
        self.threshold = QSpinBox(self)
        self.threshold.setObjectName("candidateThreshold")
        self.threshold.setRange(0, 100)
        self.threshold.setValue(candidates.DEFAULT_THRESHOLD)
        self.threshold_label.setBuddy(self.threshold)
        self.compute_button = QPushButton(self)
        self.compute_button.setObjectName("computeCandidates")
        self.compute_button.clicked.connect(self.compute)
        self.summary = QLabel(self)
        self.summary.setObjectName("roundCandidatesSummary")
        self.summary.setWordWrap(True)

        self.without_model = RoundCasesModel(self)
        self.without_table = _case_table(self, self.without_model, "casesWithoutCandidates")
        self.every_model = RoundCasesModel(self)
        self.every_table = _case_table(self, self.every_model, "everyCaseCandidates")
        for table in (self.without_table, self.every_table):
            table.doubleClicked.connect(self._open_index)
            table.activated.connect(self._open_index)
        self.shared_tree = QTreeWidget(self)
        self.shared_tree.setObjectName("sharedApplications")
        self.shared_tree.setColumnCount(4)
        self.shared_tree.setAlternatingRowColors(True)
        self.shared_tree.setUniformRowHeights(True)
        self.shared_tree.itemActivated.connect(self._open_item)
        self.shared_tree.itemDoubleClicked.connect(self._open_item)
        header = self.shared_tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((180, 300, 100)):
            self.shared_tree.setColumnWidth(col, width)

        self.lists = QTabWidget(self)
        self.lists.setObjectName("roundCandidateLists")
        self.lists.addTab(self.without_table, "")
        self.lists.addTab(self.shared_tree, "")
        self.lists.addTab(self.every_table, "")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.threshold_label)
        top.addWidget(self.threshold)
        top.addWidget(self.compute_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(1060, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Candidates of round %1").replace("%1", self._round_code))
        self.note.setText(self.tr(
            "Which applications of the missing-persons register the cases of this round may answer. The lists set "
            "priorities for DNA comparison; a candidate is not an identification. Double-click a case to open its "
            "case file, where its candidates can be prioritised or rejected."))
        self.threshold_label.setText(self.tr("A candidate scores at &least:"))
        self.compute_button.setText(self.tr("&Find candidates"))
        self._fill_texts()

    # --- computing -------------------------------------------------------------------------

    @property
    def found(self) -> RoundCandidates | None:
        return self._found

    @property
    def running(self) -> bool:
        return self._task is not None

    def compute(self) -> None:
        """Look for the round's candidates (on a worker thread, with a progress dialog)."""
        if self._task is not None:
            return
        ctx, round_id, threshold = self._ctx, self._round_id, self.threshold.value()
        self.compute_button.setEnabled(False)
        self._task = tasks.run_task(
            self, self.tr("Finding the candidates of round %1…").replace("%1", self._round_code),
            lambda progress, token: candidates.round_candidates(ctx, round_id, threshold, progress=progress,
                                                                cancel=token),
            self._computed, self._failed,
        )

    def _computed(self, found: object) -> None:
        self._task = None
        self.compute_button.setEnabled(True)
        if isinstance(found, RoundCandidates):
            self._found = found
            self.without_model.set_rows(found.without_candidates)
            self.every_model.set_rows(found.cases)
            self._fill_shared(found)
        self._fill_texts()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.compute_button.setEnabled(True)
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(user_message(exc))

    def _fill_shared(self, found: RoundCandidates) -> None:
        self.shared_tree.clear()
        cases = {c.case_id: c for c in found.cases}
        for entry in found.shared:
            top = QTreeWidgetItem([entry.register_number, entry.full_name, date_text(entry.birth_date),
                                   self.tr("%n case(s)", "", len(entry.cases))])
            for match in entry.cases:
                case = cases.get(match.case_id)
                score = str(match.score)
                if match.decision:
                    score += " \u00b7 " + decision_text(match.decision, short=True)
                child = QTreeWidgetItem([match.case_number, case.claimed_name if case else "",
                                         date_text(case.claimed_birth_date) if case else "", score])
                child.setData(0, CASE_ROLE, match.case_id)
                top.addChild(child)
            self.shared_tree.addTopLevelItem(top)
        self.shared_tree.expandAll()

    def _fill_texts(self) -> None:
        found = self._found
        self.shared_tree.setHeaderLabels([self.tr("Application / case"), self.tr("Name"), self.tr("Born"),
                                          self.tr("Score")])
        without = len(found.without_candidates) if found else 0
        shared = len(found.shared) if found else 0
        self.lists.setTabText(0, self.tr("Cases &without a candidate (%1)").replace("%1", str(without)))
        self.lists.setTabText(1, self.tr("&Applications matched by several cases (%1)").replace("%1", str(shared)))
        self.lists.setTabText(2, self.tr("E&very case"))
        if found is None:
            self.summary.setText(self.tr("Looking for candidates…") if self._task else "")
            return
        self.summary.setStyleSheet("")
        self.summary.setText(
            self.tr("%1 cases compared with %2 applications of the register; a candidate counts from a score of %3 "
                    "(a prioritised one always, a rejected one never).")
            .replace("%1", count_text(len(found.cases))).replace("%2", count_text(found.register_size))
            .replace("%3", str(found.threshold))
        )

    # --- opening a case --------------------------------------------------------------------

    def _open_index(self, index: AnyIndex) -> None:
        case_id = index.data(CASE_ROLE)
        if isinstance(case_id, str):
            open_case(self._ctx, case_id, self)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        case_id = item.data(0, CASE_ROLE)
        if isinstance(case_id, str):
            open_case(self._ctx, case_id, self)


def open_round_candidates(ctx: AppContext, round_id: str, round_code: str, parent: QWidget | None) -> \
        RoundCandidatesDialog:
    """Open the round's candidates in a window of their own and start looking for them."""
    dialog = RoundCandidatesDialog(ctx, round_id, round_code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.compute()
    return dialog


__all__ = ["RoundCandidatesDialog", "RoundCasesModel", "open_round_candidates"]
