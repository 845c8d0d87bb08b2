"""Page 3 of the merge wizard: the files applied in one transaction, with a progress bar; Stop
cancels and leaves the database as it was."""

from __future__ import annotations

from typing import Any

import shiboken6

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.progress import Cancelled
from app.services.context import AppContext
from app.services.sync import imports
from app.services.sync.report import ImportResult

from ui.sync.merge_wizard.files import FilesPage
from ui.widgets import tasks
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import translate_message, user_message


class ApplyPage(Retranslating, QWizardPage):
    """Applies the files in one transaction; Stop cancels and leaves the database as it was."""

    applied = Signal(object)  # ImportResult
    stopped = Signal(str)  # the message shown after a cancel or an error

    def __init__(self, ctx: AppContext, files_page: FilesPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files_page = files_page
        self.task: tasks.Task | None = None
        self.result_value: ImportResult | None = None
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

        def work(progress: Any, token: Any) -> ImportResult:
            return imports.apply_import(ctx, paths, progress, token, passphrase=passphrase)

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
            if isinstance(result, ImportResult):
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
