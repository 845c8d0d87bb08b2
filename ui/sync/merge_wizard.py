"""The merge wizard: import one or more bundle files into this database.

1. choose the files (and the passphrase of encrypted ones);
2. preview: what each file would do — new, updated and unchanged records, conflicts, probable
   duplicates, files held in quarantine or refused, with the reason (``sync.preview_import`` runs
   the import for real in a transaction that is rolled back, off the GUI thread);
3. apply (``sync.apply_import``, one transaction) with a progress bar; Stop cancels it and the
   database stays exactly as it was;
4. the result, with the way to the conflicts, the probable duplicates and the devices.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.progress import Cancelled
from app.services.context import AppContext
from app.services.sync import exchange as sync
from app.sync.bundle import SUFFIX

from ui import i18n
from ui.shell.settings import app_settings
from ui.sync.common import file_note, file_status
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.service_messages import translate_message, user_message

AnyIndex = QModelIndex | QPersistentModelIndex
KEY_FOLDER = "exchange/import_folder"
ImportTotals = i18n.context("ImportTotals")  # for the plural strings (see i18n.context)

_STATUS_COLOURS = {
    sync.STATUS_REFUSED: "#fde2e0",
    sync.STATUS_QUARANTINED: "#fff3cd",
    sync.STATUS_ALREADY: "#eeeeee",
    sync.STATUS_OWN: "#eeeeee",
}


class FileSummaryModel(QAbstractTableModel):
    """One row per bundle file: its figures and what happens to it."""

    (COL_FILE, COL_DEVICE, COL_STATUS, COL_NEW, COL_UPDATED, COL_UNCHANGED, COL_CONFLICTS, COL_DUPLICATES,
     COL_NOTE) = range(9)
    COLUMNS = 9
    NUMBERS = {COL_NEW: "new", COL_UPDATED: "updated", COL_UNCHANGED: "unchanged", COL_CONFLICTS: "conflicts",
               COL_DUPLICATES: "duplicates"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[sync.FileSummary] = []

    def set_summaries(self, rows: Sequence[sync.FileSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summaries(self) -> list[sync.FileSummary]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("File"), self.tr("From"), self.tr("Status"), self.tr("New"), self.tr("Updated"),
                self.tr("Unchanged"), self.tr("Conflicts"), self.tr("Probable\nduplicates"),
                self.tr("Note"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f = self._rows[index.row()]
        col = index.column()
        counted = f.status in (sync.STATUS_READY, sync.STATUS_APPLIED)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.COL_FILE:
                return Path(f.path).name if role == Qt.ItemDataRole.DisplayRole else f.path
            if col == self.COL_DEVICE:
                return f.device_code
            if col == self.COL_STATUS:
                return file_status(f.status)
            if col in self.NUMBERS:
                return f"{int(getattr(f, self.NUMBERS[col])):,}" if counted else ""
            if col == self.COL_NOTE:
                return file_note(f)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _STATUS_COLOURS.get(f.status)
            if colour is None and col == self.COL_CONFLICTS and counted and f.conflicts:
                colour = "#fff3cd"
            if colour is None and col == self.COL_DUPLICATES and counted and f.duplicates:
                colour = "#fff3cd"
            return QBrush(QColor(colour)) if colour else None
        return None


class SummaryTable(QTableView):
    """A table of a few files whose notes wrap: the rows follow the width of the note column."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        if shiboken6.isValid(self):
            self.resizeRowsToContents()


def summary_table(model: FileSummaryModel, parent: QWidget) -> QTableView:
    table = SummaryTable(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few files at most
    header.setSectionResizeMode(FileSummaryModel.COL_NOTE, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model.modelReset.connect(table.resizeRowsToContents)
    return table


def totals_text(files: Sequence[sync.FileSummary], applied: bool) -> str:
    """The sum over the files, in one sentence."""
    counted = [f for f in files if f.status in (sync.STATUS_READY, sync.STATUS_APPLIED)]
    new = sum(f.new for f in counted)
    updated = sum(f.updated for f in counted)
    unchanged = sum(f.unchanged for f in counted)
    conflicts = sum(f.conflicts for f in counted)
    duplicates = sum(f.duplicates for f in counted)
    held = sum(1 for f in files if f.status == sync.STATUS_QUARANTINED)
    refused = sum(1 for f in files if f.status == sync.STATUS_REFUSED)
    translate = QCoreApplication.translate
    if not counted:
        text = (translate("MergeWizard", "No record changed.") if applied
                else translate("MergeWizard", "No record would change."))
    elif applied:
        text = translate("MergeWizard", "Imported: %1 new, %2 updated and %3 unchanged record(s); %4 new "
                         "conflict(s) and %5 new probable duplicate(s).")
    else:
        text = translate("MergeWizard", "Importing would bring %1 new, %2 updated and %3 unchanged record(s); "
                         "%4 new conflict(s) and %5 new probable duplicate(s).")
    text = (text.replace("%1", f"{new:,}").replace("%2", f"{updated:,}").replace("%3", f"{unchanged:,}")
            .replace("%4", f"{conflicts:,}").replace("%5", f"{duplicates:,}"))
    if held and applied:
        text += " " + ImportTotals.tr("%n file(s) from devices not trusted here are held in quarantine.",
                                      "", held)
    elif held:
        text += " " + ImportTotals.tr("%n file(s) from devices not trusted here would be held in "
                                      "quarantine.", "", held)
    if refused:
        text += " " + ImportTotals.tr("%n file(s) refused; they change nothing.", "", refused)
    return text


# --- page 1: the files ---------------------------------------------------------------------------


class FilesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = QListWidget(self)
        self.files.setObjectName("bundleFiles")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files_label = QLabel(self)
        self.files_label.setBuddy(self.files)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files)
        delete.activated.connect(self.remove_selected)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(side)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("importPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.passphrase_hint = QLabel(self)
        self.passphrase_hint.setWordWrap(True)
        self.passphrase_hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.passphrase_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addLayout(row, 1)
        layout.addLayout(form)
        self._update_buttons()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Bundle files"))
        self.setSubTitle(self.tr("Choose the files the laptops (or the headquarters) exported. They are checked "
                                 "before anything is imported; the order does not change the result."))
        self.files_label.setText(self.tr("&Files to import:"))
        self.add_button.setText(self.tr("&Add files…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.passphrase_hint.setText(self.tr("Only for files encrypted with a passphrase. Files encrypted for "
                                             "the headquarters' key need none here."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paths(self) -> list[str]:
        return [str(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        known = set(self.paths())
        for p in paths:
            text = str(Path(p))
            if text in known:
                continue
            known.add(text)
            item = QListWidgetItem(Path(text).name)
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setToolTip(text)
            self.files.addItem(item)
        self._update_buttons()
        self.completeChanged.emit()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()
        self.completeChanged.emit()

    def choose_files(self) -> None:
        settings = app_settings()
        folder = str(settings.value(KEY_FOLDER, "") or "")
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Bundle files"), folder,
            self.tr("Repat bundles (*%1);;All files (*)").replace("%1", SUFFIX),
        )
        if paths:
            settings.setValue(KEY_FOLDER, str(Path(paths[0]).parent))
            self.add_paths(paths)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.files.selectedItems()))

    def passphrase_value(self) -> str | None:
        return self.passphrase.text() or None

    def isComplete(self) -> bool:
        return self.files.count() > 0


# --- page 2: the preview ---------------------------------------------------------------------------


class PreviewPage(QWizardPage):
    """What each file would do, worked out off the GUI thread."""

    previewed = Signal()

    def __init__(self, ctx: AppContext, files_page: FilesPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files_page = files_page
        self.task: tasks.Task | None = None
        self.loaded = False
        self._generation = 0
        self.setCommitPage(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.working = QLabel(self)
        self.model = FileSummaryModel(self)
        self.table = summary_table(self.model, self)
        self.table.setObjectName("previewTable")
        self.totals = QLabel(self)
        self.totals.setObjectName("previewTotals")
        self.totals.setWordWrap(True)
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.working)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("What the files would change"))
        self.setSubTitle(self.tr("Nothing has been changed yet. Conflicts keep both values until a supervisor "
                                 "chooses; probable duplicates are only flagged, never merged."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.working.setText(self.tr("Checking the signatures and working out what each file would change…"))
        if self.loaded:
            self.totals.setText(totals_text(self.model.summaries(), applied=False))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        self._generation += 1
        generation = self._generation
        self.loaded = False
        self.model.set_summaries([])
        self.totals.clear()
        self.error.clear_message()
        self.working.show()
        self.progress.show()
        self.progress.setRange(0, 0)
        ctx = self.ctx
        paths = self.files_page.paths()
        passphrase = self.files_page.passphrase_value()

        def work(progress: Any, token: Any) -> list[sync.FileSummary]:
            return sync.preview_import(ctx, paths, passphrase=passphrase, progress=progress, token=token)

        def progressed(done: int, total: int, _message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation and total > 0:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done, total))

        def done(result: object) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self.task = None
            self._show(result if isinstance(result, list) else [])

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self.task = None
            self.working.hide()
            self.progress.hide()
            if not isinstance(exc, Cancelled):
                self.error.show_message(user_message(exc))
            self.loaded = True
            self.completeChanged.emit()
            self.previewed.emit()

        self.task = tasks.start(work, done, failed, progressed)
        self.completeChanged.emit()

    def _show(self, summaries: list[sync.FileSummary]) -> None:
        self.working.hide()
        self.progress.hide()
        self.model.set_summaries(summaries)
        self.totals.setText(totals_text(summaries, applied=False))
        self.loaded = True
        self.completeChanged.emit()
        self.previewed.emit()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.token.cancel()
            self.task = None
        self._generation += 1

    def cleanupPage(self) -> None:  # going Back
        self.cancel()
        self.loaded = False
        super().cleanupPage()

    def isComplete(self) -> bool:
        return self.loaded and any(
            f.status in (sync.STATUS_READY, sync.STATUS_QUARANTINED) for f in self.model.summaries()
        )


# --- page 3: applying ---------------------------------------------------------------------------------


class ApplyPage(QWizardPage):
    """Applies the files in one transaction; Stop cancels and leaves the database as it was."""

    applied = Signal(object)  # ImportResult
    stopped = Signal(str)  # the message shown after a cancel or an error

    def __init__(self, ctx: AppContext, files_page: FilesPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files_page = files_page
        self.task: tasks.Task | None = None
        self.result_value: sync.ImportResult | None = None
        self.progress = QProgressBar(self)
        self.progress.setObjectName("applyProgress")
        self.working = QLabel(self)
        self.working.setWordWrap(True)
        self.step = QLabel(self)  # what the import is doing now
        self.step.setObjectName("applyStep")
        self.step.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopImport")
        self.stop_button.clicked.connect(self.stop)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("applyOutcome")
        self.outcome.setWordWrap(True)
        self.restart_button = QPushButton(self)
        self.restart_button.clicked.connect(self._restart)
        self.restart_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.working)
        layout.addWidget(self.progress)
        layout.addWidget(self.step)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("Everything is applied in one transaction: until it is complete, the database "
                                 "is unchanged."))
        self.working.setText(self.tr("Applying the files… Stop leaves the database exactly as it was."))
        self.stop_button.setText(self.tr("&Stop"))
        self.restart_button.setText(self.tr("&Start again"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def running(self) -> bool:
        return self.task is not None

    def initializePage(self) -> None:
        self.result_value = None
        self.outcome.clear()
        self.outcome.setStyleSheet("")
        self.restart_button.hide()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.working.show()
        self.progress.show()
        self.progress.setRange(0, 0)
        ctx = self.ctx
        paths = self.files_page.paths()
        passphrase = self.files_page.passphrase_value()

        def work(progress: Any, token: Any) -> sync.ImportResult:
            return sync.apply_import(ctx, paths, progress, token, passphrase=passphrase)

        def progressed(done: int, total: int, message: str) -> None:
            if shiboken6.isValid(self) and total > 0:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done, total))
                self.step.setText(translate_message(message))

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.task = None
            self.stop_button.hide()
            self.working.hide()
            self.step.clear()
            if isinstance(result, sync.ImportResult):
                self.result_value = result
                self.progress.setRange(0, 1)
                self.progress.setValue(1)
                self.completeChanged.emit()
                self.applied.emit(result)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.task = None
            self.stop_button.hide()
            self.working.hide()
            self.progress.hide()
            self.step.clear()
            if isinstance(exc, Cancelled):
                text = self.tr("The import was stopped. The database is exactly as it was before; nothing "
                               "was imported.")
            else:
                text = user_message(exc) + " " + self.tr("The database is as it was before the import.")
            self.outcome.setText(text)
            self.outcome.setStyleSheet("QLabel { background: #fff3cd; border: 1px solid #e0c36a; "
                                       "border-radius: 3px; padding: 6px; }")
            self.restart_button.show()
            self.completeChanged.emit()
            self.stopped.emit(text)

        self.task = tasks.start(work, done, failed, progressed)
        self.completeChanged.emit()

    def stop(self) -> None:
        if self.task is not None:
            self.task.token.cancel()
            self.stop_button.setEnabled(False)
            self.working.setText(self.tr("Stopping… the changes made so far are being undone."))

    def _restart(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.restart()

    def isComplete(self) -> bool:
        return self.result_value is not None


# --- page 4: the result ----------------------------------------------------------------------------------


class ResultPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFinalPage(True)
        self.model = FileSummaryModel(self)
        self.table = summary_table(self.model, self)
        self.table.setObjectName("resultTable")
        self.totals = QLabel(self)
        self.totals.setObjectName("resultTotals")
        self.totals.setWordWrap(True)
        self.next_steps = QLabel(self)
        self.next_steps.setWordWrap(True)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("openConflicts")
        self.duplicates_button = QPushButton(self)
        self.duplicates_button.setObjectName("openDuplicates")
        self.devices_button = QPushButton(self)
        self.devices_button.setObjectName("openDevices")
        buttons = QHBoxLayout()
        buttons.addWidget(self.conflicts_button)
        buttons.addWidget(self.duplicates_button)
        buttons.addWidget(self.devices_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.next_steps)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Import finished"))
        self.setSubTitle(self.tr("Each change of a record is kept in its history, whichever file it came from."))
        self.conflicts_button.setText(self.tr("Open &conflicts…"))
        self.duplicates_button.setText(self.tr("Open probable &duplicates…"))
        self.devices_button.setText(self.tr("Open de&vices and keys…"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_result(self, result: sync.ImportResult) -> None:
        self.model.set_summaries(result.files)
        self._fill()

    def update_held(self, result: sync.ImportResult) -> None:
        """The bundles shown as held went in later (trusted in Devices): show what they did."""
        later = {f.bundle_id: f for f in result.files if f.bundle_id}
        rows = [later.get(f.bundle_id, f) if f.status == sync.STATUS_QUARANTINED else f
                for f in self.model.summaries()]
        self.model.set_summaries(rows)
        self._fill()

    def _fill(self) -> None:
        files = self.model.summaries()
        if not files:
            return
        self.totals.setText(totals_text(files, applied=True))
        conflicts = sum(f.conflicts for f in files if f.status == sync.STATUS_APPLIED)
        duplicates = sum(f.duplicates for f in files if f.status == sync.STATUS_APPLIED)
        held = any(f.status == sync.STATUS_QUARANTINED for f in files)
        steps = []
        if conflicts:
            steps.append(self.tr("A supervisor chooses the value of each conflict in Conflicts."))
        if duplicates:
            steps.append(self.tr("A supervisor links or dismisses each probable duplicate."))
        if held:
            steps.append(self.tr("Compare the key fingerprint with the laptop's screen, trust the device in Devices "
                                 "and keys, then import its held bundles there."))
        self.next_steps.setText(" ".join(steps))
        self.next_steps.setVisible(bool(steps))
        self.devices_button.setVisible(held)


# --- the wizard --------------------------------------------------------------------------------------------


class MergeWizard(QWizard):
    """Import and merge bundle files. ``imported`` is emitted after a completed import."""

    PAGE_FILES, PAGE_PREVIEW, PAGE_APPLY, PAGE_RESULT = range(4)

    imported = Signal(object)  # ImportResult
    openConflicts = Signal()
    openDuplicates = Signal()
    openDevices = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, paths: Sequence[str | Path] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("mergeWizard")
        self.ctx = ctx
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.files_page = FilesPage(self)
        self.preview_page = PreviewPage(ctx, self.files_page, self)
        self.apply_page = ApplyPage(ctx, self.files_page, self)
        self.result_page = ResultPage(self)
        self.setPage(self.PAGE_FILES, self.files_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_APPLY, self.apply_page)
        self.setPage(self.PAGE_RESULT, self.result_page)
        self.apply_page.applied.connect(self._applied)
        self.result_page.conflicts_button.clicked.connect(self.openConflicts.emit)
        self.result_page.duplicates_button.clicked.connect(self.openDuplicates.emit)
        self.result_page.devices_button.clicked.connect(self.openDevices.emit)
        if paths:
            self.files_page.add_paths(paths)
        self.setSizeGripEnabled(True)
        self.resize(1040, 600)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import and merge"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _applied(self, result: sync.ImportResult) -> None:
        self.result_page.set_result(result)
        if self.currentId() == self.PAGE_APPLY:
            self.next()
        if result.applied:
            self.imported.emit(result)

    def reject(self) -> None:
        """Cancel while importing stops the import (the database stays as it was) and keeps the
        wizard open to say so; otherwise the wizard closes."""
        if self.apply_page.running:
            self.apply_page.stop()
            return
        self.preview_page.cancel()
        super().reject()
