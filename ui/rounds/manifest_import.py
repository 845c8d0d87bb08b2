"""Import the sending side's list (manifest) of a round from a CSV file.

``ManifestImportDialog(ctx, round_id, parent)`` lets a field officer choose a file, shows the
detected encoding and delimiter (the encoding can be overridden), a preview of the first rows, a
column choice per field (filled in from the headers), and every problem by line number. The
file is read and checked off the GUI thread; the import itself runs with a cancellable progress
dialog. ``exec()`` returns Accepted once lines were imported; ``import_result`` tells how many.
Its parts live beside it: ``manifest_inputs`` (the file and the columns), ``manifest_tables``
(the preview and the problems) and ``manifest_texts`` (the services' sentences translated).
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
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import RepatError
from app.progress import Cancelled, CancelToken
from app.services.context import CAN_MANAGE_ROUNDS, AppContext
from app.services.rounds import manifest, manifest_columns, manifest_file, spreadsheet
from app.services.rounds.manifest import ImportResult
from app.services.rounds.manifest_check import ManifestCheck
from app.services.rounds.manifest_file import ManifestTable

from ui.rounds.manifest_inputs import ColumnChoice, FileChoice
from ui.rounds.manifest_tables import PREVIEW_ROWS, PreviewAndProblems
from ui.rounds.manifest_texts import (
    DELIMITER_NAMES,
    ENCODING_NAMES,
    FIELD_LABELS,
    message_text,
    problem_text,
    translated_text,
)
from ui.widgets import tasks
from ui.widgets.file_drop import OpensDroppedFile


class ManifestImportDialog(OpensDroppedFile, QDialog):
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
        top = FileChoice()
        self.file_label, self.file_edit, self.choose_button = top.file_label, top.file_edit, top.choose_button
        self.encoding_label, self.encoding_combo, self.detected_label = (
            top.encoding_label, top.encoding_combo, top.detected_label
        )
        self.choose_button.clicked.connect(self.choose_file)
        self.encoding_combo.currentIndexChanged.connect(self._reparse)

        # columns
        self.mapping_box = ColumnChoice()
        self.field_labels, self.field_combos = self.mapping_box.field_labels, self.mapping_box.field_combos
        self.mapping_hint = self.mapping_box.hint
        for combo in self.field_combos.values():
            combo.currentIndexChanged.connect(self._mapping_changed)

        # preview and problems
        splitter = PreviewAndProblems()
        self.preview_model, self.preview, self.preview_label = (
            splitter.preview_model, splitter.preview, splitter.preview_label
        )
        self.problems_model, self.problems, self.problems_label = (
            splitter.problems_model, splitter.problems, splitter.problems_label
        )
        self.copy_button = splitter.copy_button

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
        layout.addWidget(top)
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

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import the sending side's list"))
        self.file_label.setText(self.tr("&File:"))
        self.file_edit.setPlaceholderText(self.tr("Choose the CSV or XLSX file saved from the spreadsheet, or drop it here"))
        self.choose_button.setText(self.tr("&Choose file\u2026"))
        self.encoding_label.setText(self.tr("&Encoding:"))
        self.encoding_combo.setItemText(0, self.tr("Detect automatically"))
        self.encoding_combo.setItemText(1, translated_text(ENCODING_NAMES["utf-8"]))
        self.encoding_combo.setItemText(2, translated_text(ENCODING_NAMES["cp1251"]))
        self.mapping_box.setTitle(self.tr("Columns"))
        self.mapping_hint.setText(self.tr(
            "Columns with the usual headers are chosen for you: tag or бірка, name or ПІБ, "
            "birth date or дата народження, citizenship or громадянство, category or категорія, "
            "notes or примітки. Choose the others here."
        ))
        for target, label in self.field_labels.items():
            label.setText(translated_text(FIELD_LABELS[target]))
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
            self.tr("Lists (*.csv *.txt *.xlsx);;All files (*)"),
        )
        if path:
            self.open_file(path)

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
            content = data if data is not None else manifest_file.read_file_bytes(path)
            try:
                return content, spreadsheet.read_table(content, encoding=encoding, filename=path.name), None
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
        self.mapping_box.set_table(table, self.tr("(not in the file)"))
        if table is not None:
            self.preview.resizeColumnsToContents()
            for col in range(self.preview_model.columnCount()):
                self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 260))

    def mapping(self) -> dict[str, int | None]:
        return self.mapping_box.mapping()

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
        if mapping[manifest_columns.SENDER_TAG] is None:
            self._busy = False  # any check still running is for an older choice
            self._error = translated_text("Choose the column that holds the sender's tag.")
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
        if table is not None and table.is_workbook:
            self.detected_label.setText(self.tr("Read from the sheet \u201c%1\u201d; %n row(s).", "", len(table.rows))
                                        .replace("%1", table.sheet))
        elif table is not None:
            self.detected_label.setText(
                self.tr("Read as %1, values separated by %2; %n row(s).", "", len(table.rows))
                .replace("%1", translated_text(ENCODING_NAMES.get(table.encoding, table.encoding)))
                .replace("%2", translated_text(DELIMITER_NAMES.get(table.delimiter, table.delimiter)))
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
        self.encoding_combo.setEnabled(self._data is not None and not done and not (table and table.is_workbook))
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
            return self.tr("Choose the list the sending side handed over (XLSX, or CSV in UTF-8 or Windows-1251).")
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
