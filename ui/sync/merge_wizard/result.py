"""Page 4 of the merge wizard: what the import did, and the way to the conflicts, the probable
duplicates and the devices."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget, QWizardPage

from app.services.sync.report import STATUS_APPLIED, STATUS_QUARANTINED, ImportResult

from ui.sync.merge_wizard.summary import FileSummaryModel, summary_table, totals_text
from ui.widgets.retranslate import Retranslating


class ResultPage(Retranslating, QWizardPage):
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

    def set_result(self, result: ImportResult) -> None:
        self.model.set_summaries(result.files)
        self._fill()

    def update_held(self, result: ImportResult) -> None:
        """The bundles shown as held went in later (trusted in Devices): show what they did."""
        later = {f.bundle_id: f for f in result.files if f.bundle_id}
        rows = [later.get(f.bundle_id, f) if f.status == STATUS_QUARANTINED else f
                for f in self.model.summaries()]
        self.model.set_summaries(rows)
        self._fill()

    def _fill(self) -> None:
        files = self.model.summaries()
        if not files:
            return
        self.totals.setText(totals_text(files, applied=True))
        conflicts = sum(f.conflicts for f in files if f.status == STATUS_APPLIED)
        duplicates = sum(f.duplicates for f in files if f.status == STATUS_APPLIED)
        held = any(f.status == STATUS_QUARANTINED for f in files)
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
