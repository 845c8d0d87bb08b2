"""The dashboard's table of rounds: ``FiguresModel`` (a row per round, a last row with the total
of the rounds shown or selected, a column per figure) and the view that lists a figure's
records on Enter as on a click.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget

from app.services.reconciliation import round_figures
from app.services.reconciliation.round_figures import DISCREPANCY_KEYS, FIGURE_KEYS, RoundFigures

from ui import i18n
from ui.reconciliation.figure_names import _number, figure_description, figure_header

AnyIndex = QModelIndex | QPersistentModelIndex


class FiguresModel(QAbstractTableModel):
    """One row per round and a last row with the total; a column per figure."""

    COL_ROUND, COL_DATE, COL_UNEXPLAINED = 0, 1, 2
    FIRST_FIGURE = 3
    COLUMNS = FIRST_FIGURE + len(FIGURE_KEYS)
    ROUND_IDS_ROLE = Qt.ItemDataRole.UserRole
    KEY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RoundFigures] = []
        self._total: RoundFigures | None = None
        self._total_ids: list[str] = []
        self._total_is_selection = False

    def set_rounds(self, rows: Sequence[RoundFigures]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = round_figures.total(self._rows) if self._rows else None
        self._total_ids = [r.round_id for r in self._rows]
        self._total_is_selection = False
        self.endResetModel()

    def set_total_of(self, round_ids: Sequence[str]) -> None:
        """Make the total row the sum of ``round_ids`` (two or more), else of every round shown."""
        chosen = [r for r in self._rows if r.round_id in set(round_ids)]
        if len(chosen) < 2:
            chosen = self._rows
        self._total_is_selection = chosen is not self._rows
        self._total = round_figures.total(chosen) if chosen else None
        self._total_ids = [r.round_id for r in chosen]
        if self._rows:
            last = len(self._rows)
            self.dataChanged.emit(self.index(last, 0), self.index(last, self.COLUMNS - 1))

    def rounds(self) -> list[RoundFigures]:
        return list(self._rows)

    def row_of(self, round_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.round_id == round_id), -1)

    def figure_key(self, column: int) -> str | None:
        if self.FIRST_FIGURE <= column < self.COLUMNS:
            return FIGURE_KEYS[column - self.FIRST_FIGURE]
        return None

    def column_of(self, key: str) -> int:
        return self.FIRST_FIGURE + FIGURE_KEYS.index(key)

    def round_ids(self, row: int) -> list[str]:
        if row == len(self._rows):
            return list(self._total_ids)
        return [self._rows[row].round_id]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() or not self._rows:
            return 0
        return len(self._rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = self.figure_key(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_ROUND:
                return self.tr("Round")
            if section == self.COL_DATE:
                return self.tr("Date")
            if section == self.COL_UNEXPLAINED:
                return self.tr("Unex-\nplained")
            return figure_header(key or "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.COL_UNEXPLAINED:
                return self.tr("Discrepancies with no explanation yet (merge conflicts and duplicates until settled).")
            return figure_description(key) if key else None
        return None

    def _figures(self, row: int) -> RoundFigures | None:
        if row < len(self._rows):
            return self._rows[row]
        return self._total

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        fig = self._figures(row)
        if fig is None:
            return None
        is_total = row == len(self._rows)
        key = self.figure_key(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_ROUND:
                if not is_total:
                    return fig.code
                if self._total_is_selection:
                    return self.tr("Selected (%n)", "", fig.rounds)
                return self.tr("Total (%n)", "", fig.rounds)
            if col == self.COL_DATE:
                return "" if is_total else i18n.format_date(fig.round_date)
            if col == self.COL_UNEXPLAINED:
                return _number(fig.unexplained_total)
            if key == "declared_total" and not fig.declared_known:
                return "—" if not is_total else _number(fig[key]) + "*"
            return _number(fig[key or ""])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= self.COL_UNEXPLAINED:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in DISCREPANCY_KEYS and fig[key]:
                return QBrush(QColor("#fde2e0") if fig.unexplained.get(key) else QColor("#fff4d6"))
            if col == self.COL_UNEXPLAINED and fig.unexplained_total:
                return QBrush(QColor("#fde2e0"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in DISCREPANCY_KEYS and fig[key]:
                return self.tr("%1 of %2 not explained yet. Click to list them.").replace(
                    "%1", _number(fig.unexplained.get(key or "", 0))).replace("%2", _number(fig[key or ""]))
            if key and key != "declared_total":
                return self.tr("Click to list them.")
            if key == "declared_total" and is_total and not fig.declared_known:
                return self.tr("* Not every round has a declared total.")
            return None
        if role == self.ROUND_IDS_ROLE:
            return self.round_ids(row)
        if role == self.KEY_ROLE:
            return key
        return None


class _FiguresTable(QTableView):
    """The table; Enter on a figure lists its records like a click does."""

    figureChosen = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.figureChosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


__all__ = ["FiguresModel"]
