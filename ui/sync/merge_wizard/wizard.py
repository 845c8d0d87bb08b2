"""The merge wizard (``MergeWizard``): its four pages put together; Cancel while importing stops
the import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.services.context import AppContext
from app.services.sync.report import ImportResult

from ui.sync.merge_wizard.apply import ApplyPage
from ui.sync.merge_wizard.files import FilesPage
from ui.sync.merge_wizard.preview import PreviewPage
from ui.sync.merge_wizard.result import ResultPage
from ui.widgets.retranslate import Retranslating


class MergeWizard(Retranslating, QWizard):
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

    def _applied(self, result: ImportResult) -> None:
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
