"""The questions the intake form asks before it acts: record a bag whose tag was already received
in the round as another bag? Discard what was typed for this bag? Both open window-modal; the form
reads the answer with ``confirmed()`` when the box is finished."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.cases.intake import DuplicateTag


class DuplicateTagBox(QMessageBox):
    """The tag was already received in this round: another bag with the same tag, or a double scan?"""

    def __init__(self, err: DuplicateTag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateTagBox")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Tag already received"))
        self.setText(
            self.tr("Tag %1 was already received in this round as %2.")
            .replace("%1", err.tag)
            .replace("%2", ", ".join(err.case_numbers))
        )
        self.setInformativeText(
            self.tr("Record this as another bag with the same tag? A duplicate-tag discrepancy will be recorded.")
        )
        self.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        self.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Record as another bag"))
        self.button(QMessageBox.StandardButton.No).setText(self.tr("&No, check the bag"))
        self.setDefaultButton(QMessageBox.StandardButton.No)
        self.setEscapeButton(QMessageBox.StandardButton.No)

    def confirmed(self) -> bool:
        """The user chose to record the bag as another one."""
        return self.clickedButton() is self.button(QMessageBox.StandardButton.Yes)


class DiscardBagBox(QMessageBox):
    """Discard everything typed for the bag being recorded?"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discardBagBox")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Discard this bag"))
        self.setText(self.tr("Discard everything typed for this bag? Nothing has been saved for it."))
        self.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def confirmed(self) -> bool:
        """The user chose to discard the bag."""
        return self.clickedButton() is self.button(QMessageBox.StandardButton.Discard)
