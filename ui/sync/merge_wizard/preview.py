"""Page 2 of the merge wizard: what each file would change, worked out off the GUI thread in a
transaction that is rolled back."""

from __future__ import annotations

from typing import Any

import shiboken6

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.progress import Cancelled
from app.services.context import AppContext
from app.services.sync import imports
from app.services.sync.report import STATUS_QUARANTINED, STATUS_READY, FileSummary

from ui.sync.merge_wizard.files import FilesPage
from ui.sync.merge_wizard.summary import FileSummaryModel, summary_table, totals_text
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message


class PreviewPage(Retranslating, QWizardPage):
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

        def work(progress: Any, token: Any) -> list[FileSummary]:
            return imports.preview_import(ctx, paths, passphrase=passphrase, progress=progress, token=token)

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

    def _show(self, summaries: list[FileSummary]) -> None:
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
            f.status in (STATUS_READY, STATUS_QUARANTINED) for f in self.model.summaries()
        )
