"""Import the missing-persons register from its spreadsheet (XLSX, or CSV).

``RegisterImportDialog(ctx, parent)`` mirrors the manifest's import: the file (chosen or dropped),
its encoding and delimiter (detected unless chosen), a column per field (proposed from the
headers), a preview of the first rows with the rows that have problems tinted, and every problem
by line. What an import would do (new, updated, unchanged entries) is shown before it is done.
Reading and checking run off the GUI thread, the import with a cancellable progress dialog.
Unlike the manifest, the good rows are imported and the refused ones listed, line and reason,
in the result. ``exec()`` returns Accepted once entries were written; ``import_result`` tells how
many.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError, ValidationError
from app.progress import Cancelled, CancelToken
from app.services.context import CAN_IMPORT_REGISTER, AppContext
from app.services.register import columns, importing
from app.services.register.importing import RegisterImportResult, RegisterPreview
from app.services.rounds.manifest_file import ManifestTable

from ui.register.texts import FIELD_LABELS, message_text, problem_text, result_text, translated_text
from ui.rounds.manifest_inputs import ColumnChoice, FileChoice
from ui.rounds.manifest_tables import PREVIEW_ROWS, PreviewAndProblems
from ui.rounds.manifest_texts import DELIMITER_NAMES, ENCODING_NAMES
from ui.rounds.manifest_texts import translated_text as manifest_text
from ui.widgets import tasks
from ui.widgets.file_drop import OpensDroppedFile


class RegisterImportDialog(OpensDroppedFile, QDialog):
    """Choose, preview, map, check and import the register's file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.import_result: RegisterImportResult | None = None
        self._path: Path | None = None
        self._data: bytes | None = None
        self._table: ManifestTable | None = None
        self._preview: RegisterPreview | None = None
        self._error = ""
        self._status = ""
        self._generation = 0  # results of older reads and checks are ignored
        self._busy = False
        self._importing = False
        self._closed = False
        self.may_import = ctx.user is not None and ctx.user.role in CAN_IMPORT_REGISTER
        self.setObjectName("registerImport")
        self.setAcceptDrops(True)
        self.setSizeGripEnabled(True)
        self.resize(1100, 760)

        top = FileChoice(delimiter=True)
        self.file_label, self.file_edit, self.choose_button = top.file_label, top.file_edit, top.choose_button
        self.encoding_label, self.encoding_combo, self.detected_label = (
            top.encoding_label, top.encoding_combo, top.detected_label
        )
        assert top.delimiter_label is not None and top.delimiter_combo is not None
        self.delimiter_label, self.delimiter_combo = top.delimiter_label, top.delimiter_combo
        self.choose_button.clicked.connect(self.choose_file)
        self.encoding_combo.currentIndexChanged.connect(self._reparse)
        self.delimiter_combo.currentIndexChanged.connect(self._reparse)

        self.mapping_box = ColumnChoice(fields=columns.TARGET_FIELDS, auto_mapping=columns.auto_mapping)
        self.field_labels, self.field_combos = self.mapping_box.field_labels, self.mapping_box.field_combos
        self.mapping_hint = self.mapping_box.hint
        for combo in self.field_combos.values():
            combo.currentIndexChanged.connect(self._mapping_changed)
        mapping_scroll = QScrollArea()  # fifteen fields: on a small screen the column choice scrolls
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        mapping_scroll.setWidget(self.mapping_box)
        mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        mapping_scroll.setMinimumWidth(self.mapping_box.sizeHint().width() + 24)

        splitter = PreviewAndProblems()
        self.tables = splitter
        self.preview_model, self.preview, self.preview_label = (
            splitter.preview_model, splitter.preview, splitter.preview_label
        )
        self.problems_model, self.problems, self.problems_label = (
            splitter.problems_model, splitter.problems, splitter.problems_label
        )
        self.copy_button = splitter.copy_button
        middle = QHBoxLayout()
        middle.addWidget(mapping_scroll)
        middle.addWidget(splitter, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("registerImportSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self._close_clicked)
        self.import_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.choose_button.setFocus()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import the missing-persons register"))
        self.file_label.setText(self.tr("&File:"))
        self.file_edit.setPlaceholderText(self.tr("Choose the register's XLSX or CSV file, or drop it here"))
        self.choose_button.setText(self.tr("C&hoose file\u2026"))
        self.encoding_label.setText(self.tr("&Encoding:"))
        self.encoding_combo.setItemText(0, self.tr("Detect automatically"))
        self.encoding_combo.setItemText(1, manifest_text(ENCODING_NAMES["utf-8"]))
        self.encoding_combo.setItemText(2, manifest_text(ENCODING_NAMES["cp1251"]))
        self.delimiter_label.setText(self.tr("&Delimiter:"))
        self.delimiter_combo.setItemText(0, self.tr("Detect automatically"))
        self.delimiter_combo.setItemText(1, self.tr("Comma ( , )"))
        self.delimiter_combo.setItemText(2, self.tr("Semicolon ( ; )"))
        self.mapping_box.setTitle(self.tr("Columns"))
        self.mapping_hint.setText(self.tr(
            "Columns with the usual headers are chosen for you (номер заяви, ПІБ or прізвище, ім'я, по батькові, "
            "дата народження, дата зникнення …). The name is one column or three: surname, given name and "
            "patronymic are joined. A field left \u201cnot in the file\u201d keeps what the register holds."
        ))
        for target, label in self.field_labels.items():
            label.setText(translated_text(FIELD_LABELS[target]))
        for combo in self.field_combos.values():
            if combo.count():
                combo.setItemText(0, self.tr("(not in the file)"))
        self.preview_label.setText(self.tr("&Preview (first %1 rows):").replace("%1", str(PREVIEW_ROWS)))
        self.import_button.setText(self.tr("&Import"))
        self.copy_button.setText(self.tr("Cop&y problems"))
        self.copy_button.setToolTip(self.tr("Copy every problem with its line number, to send back or keep"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._preview is not None:
                self._show_preview(self._preview)
        super().changeEvent(event)

    # --- the file -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self._path.parent) if self._path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the missing-persons register"), start,
            self.tr("Registers (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path) -> None:
        """Read ``path`` off the GUI thread, then check it against the register."""
        if self.import_result is not None or self._importing:
            return
        self._path = Path(path)
        self.file_edit.setText(str(self._path))
        self._data = None
        self._status = ""
        self._load(self._path, None)

    def _reparse(self) -> None:
        if self._path is not None and self.import_result is None and not self._importing:
            self._status = ""
            self._load(self._path, self._data)

    def _load(self, path: Path, data: bytes | None) -> None:
        self._generation += 1
        generation = self._generation
        encoding, delimiter = self.encoding_combo.currentData(), self.delimiter_combo.currentData()
        self._set_table(None)
        self._error = ""

        def read(_progress: Any, _token: CancelToken) -> tuple[bytes, ManifestTable | None, BaseException | None]:
            content = data if data is not None else importing.read_register_bytes(path)
            try:
                table = importing.read_register(content, encoding=encoding, delimiter=delimiter, filename=path.name)
                return content, table, None
            except RepatError as exc:  # the bytes are kept: another encoding may read them
                return content, None, exc

        self._start(generation, read, self._loaded)

    def _loaded(self, result: tuple[bytes, ManifestTable | None, BaseException | None]) -> None:
        self._data, table, exc = result
        if exc is not None:
            self._show_error(exc)
            return
        self._set_table(table)
        self._recheck()

    def _set_table(self, table: ManifestTable | None) -> None:
        self._table = table
        self._preview = None
        self.preview_model.set_table(table)
        self.problems_model.set_problems([])
        self.mapping_box.set_table(table, self.tr("(not in the file)"))
        if table is not None:
            self.preview.resizeColumnsToContents()
            for col in range(self.preview_model.columnCount()):
                self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 260))

    def mapping(self) -> dict[str, int | None]:
        return self.mapping_box.mapping()

    def _mapping_changed(self) -> None:
        if self._table is not None:
            self._status = ""
            self._recheck()

    # --- checking -------------------------------------------------------------------------------

    def _recheck(self) -> None:
        table = self._table
        if table is None or self.import_result is not None:
            return
        self._generation += 1
        generation = self._generation
        self._preview = None
        self._error = ""
        mapping = self.mapping()
        try:
            columns.require_mapping(mapping, len(table.headers))
        except ValidationError as exc:
            self._busy = False  # any check still running is for an older choice
            self._show_error(exc)
            self.preview_model.set_problems({})
            return
        ctx = self.ctx

        def work(_progress: Any, _token: CancelToken) -> RegisterPreview:
            return importing.check_register(ctx, table, mapping)

        self._start(generation, work, self._show_preview)

    def _show_preview(self, preview: RegisterPreview) -> None:
        self._preview = preview
        rows = [(p.line_no, problem_text(p)) for p in preview.check.problems]
        self.problems_model.set_problems(rows)
        by_line: dict[int, list[str]] = {}
        for line, text in rows:
            by_line.setdefault(line, []).append(text)
        self.preview_model.set_problems(by_line)
        self._update_state()

    def _start(self, generation: int, work: Any, on_done: Any) -> None:
        self._busy = True
        self._update_state()

        def done(result: object) -> None:
            if not self._closed and generation == self._generation:
                self._busy = False
                on_done(result)
                self._update_state()

        def failed(exc: BaseException) -> None:
            if not self._closed and generation == self._generation:
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
    def preview_result(self) -> RegisterPreview | None:
        return self._preview

    @property
    def error(self) -> str:
        return self._error

    # --- state ------------------------------------------------------------------------------------

    def _update_state(self) -> None:
        table, preview, done = self._table, self._preview, self.import_result is not None
        workbook = table is not None and table.is_workbook
        if table is None:
            self.detected_label.setText("")
        elif workbook:
            self.detected_label.setText(
                self.tr("Read from the sheet \u201c%1\u201d; %n row(s).", "", len(table.rows)).replace("%1", table.sheet)
            )
        else:
            self.detected_label.setText(
                self.tr("Read as %1, values separated by %2; %n row(s).", "", len(table.rows))
                .replace("%1", manifest_text(ENCODING_NAMES.get(table.encoding, table.encoding)))
                .replace("%2", manifest_text(DELIMITER_NAMES.get(table.delimiter, table.delimiter)))
            )
        count = self.problems_model.rowCount() if preview is not None else 0
        if done:
            self.problems_label.setText(self.tr("Refused &rows (%1):").replace("%1", str(count)))
        else:
            self.problems_label.setText(self.tr("P&roblems (%1):").replace("%1", str(count)))
        ready = self.may_import and not self._busy and not done and not self._error
        self.import_button.setEnabled(ready and preview is not None and bool(preview.check.good_rows))
        for combo in self.field_combos.values():
            combo.setEnabled(table is not None and not done)
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.setEnabled(self._data is not None and not done and not workbook)
        self.copy_button.setEnabled(self.problems_model.rowCount() > 0)
        self.choose_button.setEnabled(not done)
        self.close_button.setText(self.tr("Close") if done else self.tr("Cancel"))
        self.summary_label.setText(self._summary_text())
        self.summary_label.setStyleSheet("font-weight: bold;" if done else "")

    def _summary_text(self) -> str:
        if self._status:
            return self._status
        if not self.may_import:
            return self.tr("Your role may not import the register; a supervisor can.")
        if self._busy:
            return self.tr("Reading and checking the file\u2026")
        if self._error:
            return self._error
        if self._path is None:
            return self.tr("Choose the register's file: XLSX, or CSV in UTF-8 or Windows-1251.")
        preview = self._preview
        if preview is None:
            return ""
        check = preview.check
        if check.total_rows == 0:
            return self.tr("The file has a header but no rows.")
        good = len(check.good_rows)
        text = (
            self.tr("%n row(s) can be imported:", "", good) + " "
            + self.tr("%1 new, %2 changed, %3 as the register already holds them.")
            .replace("%1", str(preview.new)).replace("%2", str(preview.updated)).replace("%3", str(preview.unchanged))
        ) if good else self.tr("No row of the file can be imported.")
        if check.refused:
            text += " " + self.tr("%n row(s) have problems and will be left out; they are listed above.", "",
                                  check.refused)
        return text

    # --- importing ----------------------------------------------------------------------------------

    def start_import(self) -> None:
        table, ctx = self._table, self.ctx
        if table is None or not self.import_button.isEnabled():
            return
        mapping = self.mapping()
        checking = self.tr("Checking the register\u2026")
        writing = self.tr("Written %1 of %2 entries\u2026")

        def work(progress: Any, token: CancelToken) -> RegisterImportResult:
            def report(done: int, total: int, _message: str = "") -> None:
                progress(done, total, writing.replace("%1", str(done)).replace("%2", str(total)) if total else checking)

            return importing.import_register(ctx, table, mapping, progress=report, token=token)

        self._busy = True
        self._importing = True
        self._status = ""
        self._update_state()
        tasks.run_task(self, self.tr("Importing the register"), work, self._imported, self._import_failed)

    def _imported(self, result: RegisterImportResult) -> None:
        self._busy = False
        self._importing = False
        self.import_result = result
        self.problems_model.set_problems([(p.line_no, problem_text(p)) for p in result.problems])
        self._status = result_text(result)
        self._update_state()
        self.close_button.setFocus()

    def _import_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._importing = False
        if isinstance(exc, Cancelled):
            self._status = self.tr("The import was cancelled; nothing was changed.")
        else:
            self._status = message_text(exc)
        self._recheck()  # the register may have changed meanwhile
        self._update_state()

    # --- closing ------------------------------------------------------------------------------------

    def _close_clicked(self) -> None:
        if self.import_result is not None:
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        if self._importing:
            return  # the progress dialog offers Cancel; closing now would hide the outcome
        if self.import_result is not None:
            result = QDialog.DialogCode.Accepted.value
        self._closed = True
        super().done(result)
