"""Rounds: the list (a table model and its view). The dialog that creates or edits one round is
in ``ui.rounds.round_dialog``, its transport units in ``ui.rounds.transport_units``; a round's
candidates from the missing-persons register open in ``ui.cases.candidates_round``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.rounds.rounds import RoundSummary

from ui import i18n
from ui.rounds.common import can_manage_rounds, number_text
from ui.rounds.round_dialog import open_round_dialog
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.retranslate import Retranslating

ID_ROLE = Qt.ItemDataRole.UserRole


# --- the list of rounds -----------------------------------------------------------------------


class RoundsModel(ListTableModel):
    """One row per round, newest first (the service's order)."""

    COL_CODE, COL_DATE, COL_PLACE, COL_SENDING, COL_INTERMEDIARY, COL_DECLARED, COL_MANIFEST, COL_RECEIVED = range(8)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Round"), self.tr("Date"), self.tr("Place"), self.tr("Sending party"),
                self.tr("Intermediary"), self.tr("Declared"), self.tr("On manifest"), self.tr("Received"))

    def round_at(self, row: int) -> RoundSummary | None:
        found: RoundSummary | None = self.row_at(row)
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.round_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_DECLARED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.COL_CODE:
            return r.code
        if col == self.COL_DATE:
            return i18n.format_date(r.round_date)
        if col == self.COL_PLACE:
            return r.place
        if col == self.COL_SENDING:
            return r.sending_party
        if col == self.COL_INTERMEDIARY:
            return r.intermediary
        if col == self.COL_DECLARED:
            return number_text(r.declared_total) or "—"
        if col == self.COL_MANIFEST:
            return str(r.manifest_lines)
        if col == self.COL_RECEIVED:
            return str(r.received)
        return None


def round_caption(r: RoundSummary) -> str:
    """How a round is named in the round selector: code, date, received of declared."""
    if r.declared_total is None:
        text = QCoreApplication.translate("RoundsView", "%1 — %2 — %3 received")
    else:
        text = QCoreApplication.translate("RoundsView", "%1 — %2 — %3 of %4 received")
        text = text.replace("%4", str(r.declared_total))
    return text.replace("%3", str(r.received)).replace("%1", r.code).replace("%2", i18n.format_date(r.round_date))


class RoundsView(Retranslating, QWidget):
    """The Rounds tab: every round, with buttons to create one or open one."""

    roundSaved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RoundsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RoundsModel.COL_PLACE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((RoundsModel.COL_CODE, 160), (RoundsModel.COL_DATE, 100), (RoundsModel.COL_SENDING, 220),
                           (RoundsModel.COL_INTERMEDIARY, 160), (RoundsModel.COL_DECLARED, 110),
                           (RoundsModel.COL_MANIFEST, 110), (RoundsModel.COL_RECEIVED, 110)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())

        # "New round…" sits above the tabs, in the main window; this tab opens the selected round.
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.candidates_button = QPushButton()
        self.candidates_button.setObjectName("roundCandidates")
        self.candidates_button.clicked.connect(self.open_candidates)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.candidates_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        if can_manage_rounds(self.ctx):
            self.open_button.setText(self.tr("&Edit round…"))
        else:
            self.open_button.setText(self.tr("&View round…"))
        self.candidates_button.setText(self.tr("Ca&ndidates…"))
        self.candidates_button.setToolTip(self.tr(
            "The applications of the missing-persons register the round's cases may answer (never an identification)"))

    def set_rounds(self, rows: list[RoundSummary]) -> None:
        selected = self.selected_round_id()
        self.model.set_rows(rows)
        self.open_button.setEnabled(bool(rows))
        self.candidates_button.setEnabled(bool(rows))
        row = self.model.row_of(selected) if selected else -1
        self.table.selectRow(max(row, 0))

    def selected_round_id(self) -> str | None:
        index = self.table.currentIndex()
        r = self.model.round_at(index.row()) if index.isValid() else None
        return r.id if r else None

    def open_candidates(self) -> None:
        """The selected round's candidates, in a window of their own."""
        index = self.table.currentIndex()
        r = self.model.round_at(index.row()) if index.isValid() else None
        if r is not None:
            from ui.cases.candidates_round import open_round_candidates

            open_round_candidates(self.ctx, r.id, r.code, self)

    def open_selected(self) -> None:
        round_id = self.selected_round_id()
        if round_id is None:
            return
        saved = open_round_dialog(self.ctx, self, round_id)
        if saved is not None:
            self.roundSaved.emit(saved.id)
