"""The two tables of the manifest import: a preview of the file's first rows (rows with problems
tinted) above the list of every problem, each with its model. ``PreviewAndProblems`` holds both;
the import dialog sets its texts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.rounds import manifest_file
from app.services.rounds.manifest_file import ManifestTable

AnyIndex = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 50
PROBLEM_BACKGROUND = QColor("#fde2e1")
PROBLEM_FOREGROUND = QColor("#5c0a07")


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read, with the file line in the first column; rows with
    problems are tinted and carry their problems as a tooltip."""

    COL_LINE = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: list[manifest_file.SourceRow] = []
        self._problems: dict[int, list[str]] = {}

    def set_table(self, table: ManifestTable | None, limit: int = PREVIEW_ROWS) -> None:
        self.beginResetModel()
        self._headers = table.headers if table else ()
        self._rows = list(table.rows[:limit]) if table else []
        self._problems = {}
        self.endResetModel()

    def set_problems(self, problems: dict[int, list[str]]) -> None:
        self._problems = problems
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def line_at(self, row: int) -> int:
        return self._rows[row].line_no

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._headers else len(self._headers) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.COL_LINE:
            return self.tr("Line")
        if 0 < section <= len(self._headers):
            return self._headers[section - 1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        problems = self._problems.get(row.line_no)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_LINE:
                return str(row.line_no)
            cell = row.cells[col - 1] if col - 1 < len(row.cells) else ""
            return cell.replace("\n", " \u21b5 ")
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return QBrush(PROBLEM_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProblemsModel(QAbstractTableModel):
    """Every problem of the file: its line and what is wrong."""

    COL_LINE = 0
    COL_PROBLEM = 1
    COLUMNS = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str]] = []

    def set_problems(self, rows: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def problem_at(self, row: int) -> tuple[int, str]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.COL_LINE: self.tr("Line"), self.COL_PROBLEM: self.tr("Problem")}.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line, text = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.COL_LINE:
                return str(line) if line else "\u2014"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def setup_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)


class PreviewAndProblems(QSplitter):
    """The preview above the problems; double-clicking a problem selects its row in the preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        setup_table(self.preview)
        self.preview_label = QLabel()
        self.preview_label.setBuddy(self.preview)
        self.problems_model = ProblemsModel(self)
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        setup_table(self.problems)
        self.problems.horizontalHeader().setSectionResizeMode(ProblemsModel.COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.problems.doubleClicked.connect(self.show_problem_row)
        self.problems.setColumnWidth(ProblemsModel.COL_LINE, 64)
        self.problems_label = QLabel()
        self.problems_label.setBuddy(self.problems)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_problems)
        problems_head = QHBoxLayout()
        problems_head.addWidget(self.problems_label, 1)
        problems_head.addWidget(self.copy_button)

        preview_part = QWidget()
        preview_layout = QVBoxLayout(preview_part)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.preview)
        problems_part = QWidget()
        problems_layout = QVBoxLayout(problems_part)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addLayout(problems_head)
        problems_layout.addWidget(self.problems)
        self.addWidget(preview_part)
        self.addWidget(problems_part)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)

    def show_problem_row(self, index: QModelIndex) -> None:
        """Select the preview row of a problem (when it is among the previewed rows)."""
        line, _text = self.problems_model.problem_at(index.row())
        for row in range(self.preview_model.rowCount()):
            if self.preview_model.line_at(row) == line:
                self.preview.selectRow(row)
                self.preview.scrollTo(self.preview_model.index(row, 0))
                return

    def problems_text(self) -> str:
        """Every problem, one per line with its file line (to send back to the sending side)."""
        rows = (self.problems_model.problem_at(r) for r in range(self.problems_model.rowCount()))
        return "\n".join(f"{line}\t{text}" if line else text for line, text in rows)

    def copy_problems(self) -> None:
        QGuiApplication.clipboard().setText(self.problems_text())
