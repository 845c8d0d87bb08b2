"""Import the sending side's list (manifest) of a round from a CSV file.

``ManifestImportDialog(ctx, round_id, parent)`` lets a field officer choose a file, shows the
detected encoding and delimiter (the encoding can be overridden), a preview of the first rows, a
column choice per field (filled in from the headers), and every problem by line number. The
file is read and checked off the GUI thread; the import itself runs with a cancellable progress
dialog. ``exec()`` returns Accepted once lines were imported; ``import_result`` tells how many.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.progress import Cancelled, CancelToken
from app.services.context import CAN_MANAGE_ROUNDS, AppContext
from app.services.rounds import manifest
from app.services.rounds.manifest import ImportResult, ManifestCheck, ManifestTable, Problem

from ui.widgets import tasks
from ui.widgets.service_messages import user_message

AnyIndex = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 50
PROBLEM_BACKGROUND = QColor("#fde2e1")
PROBLEM_FOREGROUND = QColor("#5c0a07")

_CTX = "ManifestImport"

# The services' sentences about a manifest file, with %1, %2 for the parts they fill in.
_FILE_MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ManifestImport", "The file is empty."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is larger than %1 MB; a manifest list is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("ManifestImport", "%1 is larger than %2 MB; a manifest list is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is saved as UTF-16; save it from the spreadsheet as \u201cCSV UTF-8\u201d and try again."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is a spreadsheet workbook, not CSV; save it from the spreadsheet as \u201cCSV UTF-8\u201d first."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is a PDF document, not a CSV list."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is not a text (CSV) file: it holds binary data, or it is saved as UTF-16. Save the list as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is not a text (CSV) file."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file cannot be read as %1: line %2 holds a byte that is not valid in it."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file says it is UTF-8 but line %1 is not valid UTF-8; save it again as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file's encoding is neither UTF-8 nor Windows-1251; save the list as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "Line %1 holds a value longer than %2 characters; the file is probably not a manifest list (or a quote is not closed)."),
    QT_TRANSLATE_NOOP("ManifestImport", "Line %1 cannot be read as CSV: %2."),
    QT_TRANSLATE_NOOP("ManifestImport", "There is no file %1."),
    QT_TRANSLATE_NOOP("ManifestImport", "%1 is a folder, not a CSV file."),
    QT_TRANSLATE_NOOP("ManifestImport", "You may not read %1; check the file's permissions."),
    QT_TRANSLATE_NOOP("ManifestImport", "Cannot read %1: %2."),
    QT_TRANSLATE_NOOP("ManifestImport", "Choose the column that holds the sender's tag."),
    QT_TRANSLATE_NOOP("ManifestImport", "The list has problems on %1 lines, so nothing was imported: correct the file, or import only the good rows."),
    QT_TRANSLATE_NOOP("ManifestImport", "The list has problems on %1 line, so nothing was imported: correct the file, or import only the good rows."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file has a header but no rows; nothing was imported."),
    QT_TRANSLATE_NOOP("ManifestImport", "No row of the list can be imported; nothing was imported."),
)

_FIELD_LABELS: dict[str, str] = {
    manifest.SENDER_TAG: QT_TRANSLATE_NOOP("ManifestImport", "Sender's &tag (required):"),
    manifest.CLAIMED_NAME: QT_TRANSLATE_NOOP("ManifestImport", "Claimed &name:"),
    manifest.CLAIMED_BIRTH_DATE: QT_TRANSLATE_NOOP("ManifestImport", "Claimed &birth date:"),
    manifest.CLAIMED_CITIZENSHIP: QT_TRANSLATE_NOOP("ManifestImport", "Claimed citi&zenship:"),
    manifest.CATEGORY: QT_TRANSLATE_NOOP("ManifestImport", "C&ategory:"),
    manifest.NOTES: QT_TRANSLATE_NOOP("ManifestImport", "N&otes:"),
}
_FIELD_NAMES: dict[str, str] = {
    manifest.SENDER_TAG: QT_TRANSLATE_NOOP("ManifestImport", "tag"),
    manifest.CLAIMED_NAME: QT_TRANSLATE_NOOP("ManifestImport", "name"),
    manifest.CLAIMED_BIRTH_DATE: QT_TRANSLATE_NOOP("ManifestImport", "birth date"),
    manifest.CLAIMED_CITIZENSHIP: QT_TRANSLATE_NOOP("ManifestImport", "citizenship"),
}
_ENCODING_NAMES: dict[str, str] = {
    "utf-8": QT_TRANSLATE_NOOP("ManifestImport", "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP("ManifestImport", "UTF-8 with BOM"),
    "cp1251": QT_TRANSLATE_NOOP("ManifestImport", "Windows-1251 (Cyrillic)"),
}
_DELIMITER_NAMES: dict[str, str] = {
    ",": QT_TRANSLATE_NOOP("ManifestImport", "commas"),
    ";": QT_TRANSLATE_NOOP("ManifestImport", "semicolons"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    return re.compile("".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts), re.DOTALL)


_FILE_PATTERNS = sorted(((t, _pattern(t)) for t in _FILE_MESSAGES), key=lambda i: ("%" in i[0], -len(i[0])))


def message_text(exc: BaseException) -> str:
    """A service error about a manifest file, in the user's language."""
    text = str(exc)
    for template, pattern in _FILE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            translated = _tr(template)
            for i, value in enumerate(match.groups(), start=1):
                translated = translated.replace(f"%{i}", value)
            return translated
    return user_message(exc)


def _lines(params: tuple[str, ...]) -> str:
    shown = list(params[:5])
    if len(params) > 6:
        return ", ".join(shown) + " " + _tr(QT_TRANSLATE_NOOP("ManifestImport", "\u2026 (%1 more)")).replace("%1", str(len(params) - 5))
    return ", ".join(params)


def problem_text(problem: Problem) -> str:
    """One problem of a row, in the user's language."""
    p = problem.params
    kind = problem.kind
    if kind == manifest.PROBLEM_MISSING_TAG:
        return _tr(QT_TRANSLATE_NOOP("ManifestImport", "The tag is missing."))
    if kind == manifest.PROBLEM_TOO_MANY_COLUMNS and len(p) == 2:
        return _tr(QT_TRANSLATE_NOOP(
            "ManifestImport",
            "The row has %1 columns but the header has %2; check for a delimiter inside a value without quotes.",
        )).replace("%1", p[0]).replace("%2", p[1])
    if kind == manifest.PROBLEM_TOO_LONG and len(p) == 3:
        field = _tr(_FIELD_NAMES.get(p[0], p[0]))
        return (
            _tr(QT_TRANSLATE_NOOP("ManifestImport", "The %1 is %2 characters long; at most %3 are allowed."))
            .replace("%1", field).replace("%2", p[1]).replace("%3", p[2])
        )
    if kind == manifest.PROBLEM_UNKNOWN_CATEGORY and len(p) == 1:
        return _tr(QT_TRANSLATE_NOOP(
            "ManifestImport",
            "Unknown category \u201c%1\u201d; use complete, partial, fragments or commingled "
            "(повне тіло, частина, фрагменти, змішані).",
        )).replace("%1", p[0])
    if kind == manifest.PROBLEM_DUPLICATE_IN_FILE:
        return _tr(QT_TRANSLATE_NOOP("ManifestImport", "The tag is listed more than once in the file (lines %1).")).replace("%1", _lines(p))
    if kind == manifest.PROBLEM_ALREADY_IN_MANIFEST and len(p) == 1:
        return _tr(QT_TRANSLATE_NOOP("ManifestImport", "The tag is already on this round's manifest (manifest line %1).")).replace("%1", p[0])
    return problem.message


# --- models -------------------------------------------------------------------------------------


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read, with the file line in the first column; rows with
    problems are tinted and carry their problems as a tooltip."""

    COL_LINE = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: list[manifest.SourceRow] = []
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


# --- the dialog ---------------------------------------------------------------------------------


class ManifestImportDialog(QDialog):
    """Choose, preview, map, check and import a manifest CSV file into one round."""

    def __init__(self, ctx: AppContext, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.import_result: ImportResult | None = None
        self.confirm_box: QMessageBox | None = None
        self._path: Path | None = None
        self._data: bytes | None = None
        self._table: ManifestTable | None = None
        self._check: ManifestCheck | None = None
        self._error = ""  # the file cannot be read, or the mapping is incomplete
        self._status = ""  # the outcome of an import, or why it failed
        self._generation = 0  # results of older reads and checks are ignored
        self._busy = False
        self._importing = False
        self._closed = False
        self.may_import = ctx.user is not None and ctx.user.role in CAN_MANAGE_ROUNDS

        self.setAcceptDrops(True)
        self.setSizeGripEnabled(True)
        self.resize(980, 720)

        # file and how it is read
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)

        self.encoding_label = QLabel()
        self.encoding_combo = QComboBox()
        for key in (None, "utf-8", "cp1251"):
            self.encoding_combo.addItem("", key)
        self.encoding_label.setBuddy(self.encoding_combo)
        self.encoding_combo.currentIndexChanged.connect(self._reparse)
        self.detected_label = QLabel()
        self.detected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_combo)
        encoding_row.addWidget(self.detected_label, 1)

        top = QFormLayout()
        top.addRow(self.file_label, file_row)
        top.addRow(self.encoding_label, encoding_row)

        # columns
        self.mapping_box = QGroupBox()
        mapping_form = QFormLayout(self.mapping_box)
        self.field_labels: dict[str, QLabel] = {}
        self.field_combos: dict[str, QComboBox] = {}
        for target in manifest.TARGET_FIELDS:
            label = QLabel()
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(18)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(self._mapping_changed)
            mapping_form.addRow(label, combo)
            self.field_labels[target] = label
            self.field_combos[target] = combo
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        self.mapping_hint.setMaximumWidth(340)
        mapping_form.addRow(self.mapping_hint)

        # preview and problems
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self._setup_table(self.preview)
        self.preview_label = QLabel()
        self.preview_label.setBuddy(self.preview)
        self.problems_model = ProblemsModel(self)
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        self._setup_table(self.problems)
        self.problems.horizontalHeader().setSectionResizeMode(ProblemsModel.COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.problems.doubleClicked.connect(self._show_problem_row)
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
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(preview_part)
        splitter.addWidget(problems_part)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        middle = QHBoxLayout()
        middle.addWidget(self.mapping_box)
        middle.addWidget(splitter, 1)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.good_rows_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.import_all)
        self.good_rows_button.clicked.connect(self.import_good_rows)
        self.close_button.clicked.connect(self._close_clicked)
        self.import_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

        self.setTabOrder(self.file_edit, self.choose_button)
        self.setTabOrder(self.choose_button, self.encoding_combo)
        previous: QWidget = self.encoding_combo
        for combo in self.field_combos.values():
            self.setTabOrder(previous, combo)
            previous = combo
        self.setTabOrder(previous, self.preview)
        self.setTabOrder(self.preview, self.problems)
        self.setTabOrder(self.problems, self.copy_button)

        self.retranslate()
        self._update_state()
        self.choose_button.setFocus()

    @staticmethod
    def _setup_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import the sending side's list"))
        self.file_label.setText(self.tr("&File:"))
        self.file_edit.setPlaceholderText(self.tr("Choose the CSV file saved from the spreadsheet, or drop it here"))
        self.choose_button.setText(self.tr("&Choose file\u2026"))
        self.encoding_label.setText(self.tr("&Encoding:"))
        self.encoding_combo.setItemText(0, self.tr("Detect automatically"))
        self.encoding_combo.setItemText(1, _tr(_ENCODING_NAMES["utf-8"]))
        self.encoding_combo.setItemText(2, _tr(_ENCODING_NAMES["cp1251"]))
        self.mapping_box.setTitle(self.tr("Columns"))
        self.mapping_hint.setText(self.tr(
            "Columns with the usual headers are chosen for you: tag or бірка, name or ПІБ, "
            "birth date or дата народження, citizenship or громадянство, category or категорія, "
            "notes or примітки. Choose the others here."
        ))
        for target, label in self.field_labels.items():
            label.setText(_tr(_FIELD_LABELS[target]))
        for combo in self.field_combos.values():
            if combo.count():
                combo.setItemText(0, self.tr("(not in the file)"))
        self.preview_label.setText(self.tr("&Preview (first %1 rows):").replace("%1", str(PREVIEW_ROWS)))
        self.import_button.setText(self.tr("&Import"))
        self.good_rows_button.setText(self.tr("Import only &good rows\u2026"))
        self.copy_button.setText(self.tr("Cop&y problems"))
        self.copy_button.setToolTip(self.tr("Copy every problem with its line number, to send back or keep"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._check is not None:
                self._show_check(self._check)
        super().changeEvent(event)

    # --- choosing and reading the file ----------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self._path.parent) if self._path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the sending side's list"), start,
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.open_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(urls[0].toLocalFile())

    def open_file(self, path: str | Path) -> None:
        """Read and parse ``path`` off the GUI thread, then check it against the round."""
        if self.import_result is not None or self._importing:
            return
        self._path = Path(path)
        self.file_edit.setText(str(self._path))
        self._data = None
        self._status = ""
        self._load(self._path, None)

    def _reparse(self) -> None:
        """Read the same file again with the encoding now chosen."""
        if self._path is None or self.import_result is not None or self._importing:
            return
        self._status = ""
        self._load(self._path, self._data)

    def _load(self, path: Path, data: bytes | None) -> None:
        self._generation += 1
        generation = self._generation
        encoding = self.encoding_combo.currentData()
        self._set_table(None)
        self._error = ""

        def read(_progress: Any, _token: CancelToken) -> tuple[bytes, ManifestTable | None, BaseException | None]:
            content = data if data is not None else manifest.read_file_bytes(path)
            try:
                return content, manifest.read_csv(content, encoding=encoding, filename=path.name), None
            except RepatError as exc:  # the bytes are kept: another encoding may read them
                return content, None, exc

        self._start(generation, read, self._loaded)

    def _loaded(self, result: tuple[bytes, ManifestTable | None, BaseException | None]) -> None:
        self._data, table, exc = result
        if exc is not None:
            self._show_error(exc)
            return
        assert table is not None
        self._parsed(table)

    def _parsed(self, table: ManifestTable) -> None:
        self._set_table(table)
        self._recheck()

    def _set_table(self, table: ManifestTable | None) -> None:
        self._table = table
        self._check = None
        self.preview_model.set_table(table)
        self.problems_model.set_problems([])
        mapping = manifest.auto_mapping(table.headers) if table else {}
        for target, combo in self.field_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in the file)"), None)
            if table is not None:
                for index, header in enumerate(table.headers):
                    combo.addItem(header, index)
                chosen = mapping.get(target)
                combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)
        if table is not None:
            self.preview.resizeColumnsToContents()
            for col in range(self.preview_model.columnCount()):
                self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 260))

    def mapping(self) -> dict[str, int | None]:
        return {target: combo.currentData() for target, combo in self.field_combos.items()}

    def _mapping_changed(self) -> None:
        if self._table is not None:
            self._recheck()

    # --- checking -------------------------------------------------------------------------------

    def _recheck(self, keep_status: bool = False) -> None:
        table = self._table
        if table is None or self.import_result is not None:
            return
        if not keep_status:
            self._status = ""
        self._generation += 1
        generation = self._generation
        self._check = None
        self._error = ""
        mapping = self.mapping()
        if mapping[manifest.SENDER_TAG] is None:
            self._busy = False  # any check still running is for an older choice
            self._error = _tr("Choose the column that holds the sender's tag.")
            self.problems_model.set_problems([(0, self._error)])
            self.preview_model.set_problems({})
            self._update_state()
            return
        ctx, round_id = self.ctx, self.round_id

        def check(_progress: Any, _token: CancelToken) -> ManifestCheck:
            return manifest.check_manifest(ctx, round_id, table, mapping)

        self._start(generation, check, self._show_check)

    def _show_check(self, check: ManifestCheck) -> None:
        self._check = check
        rows = [(p.line_no, problem_text(p)) for p in check.problems]
        self.problems_model.set_problems(rows)
        by_line: dict[int, list[str]] = {}
        for line, text in rows:
            by_line.setdefault(line, []).append(text)
        self.preview_model.set_problems(by_line)
        self._update_state()

    def _show_problem_row(self, index: QModelIndex) -> None:
        """Select the preview row of a problem (when it is among the previewed rows)."""
        line, _text = self.problems_model.problem_at(index.row())
        for row in range(self.preview_model.rowCount()):
            if self.preview_model.line_at(row) == line:
                self.preview.selectRow(row)
                self.preview.scrollTo(self.preview_model.index(row, 0))
                return

    # --- background work --------------------------------------------------------------------------

    def _start(self, generation: int, work: Any, on_done: Any) -> None:
        self._busy = True
        self._update_state()

        def done(result: object) -> None:
            if self._closed or generation != self._generation:
                return
            self._busy = False
            on_done(result)
            self._update_state()

        def failed(exc: BaseException) -> None:
            if self._closed or generation != self._generation:
                return
            self._busy = False
            self._show_error(exc)

        tasks.start(work, done, failed)

    def _show_error(self, exc: BaseException) -> None:
        self._error = message_text(exc)
        self.problems_model.set_problems([(0, self._error)])
        self._update_state()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def check(self) -> ManifestCheck | None:
        return self._check

    @property
    def table(self) -> ManifestTable | None:
        return self._table

    @property
    def error(self) -> str:
        return self._error

    # --- state ------------------------------------------------------------------------------------

    def _update_state(self) -> None:
        table, check, done = self._table, self._check, self.import_result is not None
        if table is not None:
            self.detected_label.setText(
                self.tr("Read as %1, values separated by %2; %n row(s).", "", len(table.rows))
                .replace("%1", _tr(_ENCODING_NAMES.get(table.encoding, table.encoding)))
                .replace("%2", _tr(_DELIMITER_NAMES.get(table.delimiter, table.delimiter)))
            )
        else:
            self.detected_label.setText("")
        count = self.problems_model.rowCount() if check is not None else 0
        self.problems_label.setText(self.tr("P&roblems (%1):").replace("%1", str(count)))
        clean = check is not None and not check.has_errors and check.total_rows > 0
        some_good = check is not None and check.has_errors and len(check.good_rows) > 0
        ready = self.may_import and not self._busy and not done and not self._error
        self.import_button.setEnabled(ready and clean)
        self.good_rows_button.setEnabled(ready and some_good)
        self.good_rows_button.setVisible(check is None or check.has_errors)
        for combo in self.field_combos.values():
            combo.setEnabled(table is not None and not done)
        self.encoding_combo.setEnabled(self._data is not None and not done)
        self.copy_button.setEnabled(self.problems_model.rowCount() > 0)
        self.choose_button.setEnabled(not done)
        if done:
            self.close_button.setText(self.tr("Close"))
        else:
            self.close_button.setText(self.tr("Cancel"))
        self.summary_label.setText(self._summary_text())

    def _summary_text(self) -> str:
        if self._status:
            return self._status
        if not self.may_import:
            return self.tr("Your role may not import a manifest; a field officer or a supervisor can.")
        if self._busy:
            return self.tr("Reading and checking the file\u2026")
        if self._error:
            return self._error
        check = self._check
        if self._path is None:
            return self.tr("Choose the list the sending side handed over (CSV, UTF-8 or Windows-1251).")
        if check is None:
            return ""
        if check.total_rows == 0:
            return self.tr("The file has a header but no rows.")
        if not check.has_errors:
            return self.tr("%n row(s) ready to import.", "", check.total_rows)
        lines = len(check.problem_lines)
        return (
            self.tr("%n line(s) have problems, so the list cannot be imported as it is.", "", lines)
            + " "
            + self.tr("Importing only the good rows would import %1 and skip %2.")
            .replace("%1", str(len(check.good_rows))).replace("%2", str(check.skipped))
        )

    # --- importing ----------------------------------------------------------------------------------

    def import_all(self) -> None:
        if self._check is None or self._check.has_errors or not self.import_button.isEnabled():
            return
        self._run_import(only_good_rows=False)

    def import_good_rows(self) -> None:
        check = self._check
        if check is None or not self.good_rows_button.isEnabled():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Import only the good rows"),
            self.tr("%n row(s) will be skipped: rows with problems, and repeated tags after their first row.",
                    "", check.skipped),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(
            self.tr("%n row(s) will be imported. Import them?", "", len(check.good_rows))
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Import"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Don't import"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self._run_import(only_good_rows=True)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _run_import(self, *, only_good_rows: bool) -> None:
        table, ctx, round_id = self._table, self.ctx, self.round_id
        if table is None:
            return
        mapping = self.mapping()
        checking = self.tr("Checking the list\u2026")
        writing = self.tr("Imported %1 of %2 lines\u2026")

        def work(progress: Any, token: CancelToken) -> ImportResult:
            def report(done: int, total: int, _message: str = "") -> None:
                progress(done, total, writing.replace("%1", str(done)).replace("%2", str(total)) if total else checking)

            return manifest.import_manifest(
                ctx, round_id, table, mapping, only_good_rows, progress=report, token=token
            )

        self._busy = True
        self._importing = True
        self._status = ""
        self._update_state()
        tasks.run_task(self, self.tr("Importing the manifest"), work, self._imported, self._import_failed)

    def _imported(self, result: ImportResult) -> None:
        self._busy = False
        self._importing = False
        self.import_result = result
        text = self.tr("Imported %n manifest line(s).", "", result.imported)
        if result.skipped:
            text += " " + self.tr("Skipped %n row(s) with problems or repeated tags.", "", result.skipped)
        self._status = text
        self._update_state()
        self.close_button.setFocus()

    def _import_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._importing = False
        if isinstance(exc, Cancelled):
            self._status = self.tr("The import was cancelled; nothing was changed.")
        else:
            self._status = message_text(exc)
        # the round may have changed meanwhile (a list imported on another laptop): check again
        self._recheck(keep_status=True)

    # --- closing ------------------------------------------------------------------------------------

    def _close_clicked(self) -> None:
        if self.import_result is not None:
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        if self._importing:
            return  # the import's progress dialog offers Cancel; closing now would hide the outcome
        if self.import_result is not None:
            result = QDialog.DialogCode.Accepted.value
        self._closed = True
        if self.confirm_box is not None:
            self.confirm_box.close()
        super().done(result)

    def problems_text(self) -> str:
        """Every problem, one per line with its file line (to send back to the sending side)."""
        rows = (self.problems_model.problem_at(r) for r in range(self.problems_model.rowCount()))
        return "\n".join(f"{line}\t{text}" if line else text for line, text in rows)

    def copy_problems(self) -> None:
        QGuiApplication.clipboard().setText(self.problems_text())
