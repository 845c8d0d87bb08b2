"""The case file's first two tabs: the Case tab (the receipt, read-only, and the description, which
can be edited) and the Identity tab (the claimed identity beside the established one)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain import AgeGroup, Category, ConditionFlag, Sex
from app.services.cases.case_file import CaseDetail

from ui.cases.fields import display_value, field_label, local_time, yes_no
from ui.widgets import labels

EDITABLE = ("bag_number", "category", "condition_flags", "apparent_sex", "age_group", "storage_location", "notes")


class CaseTab(QWidget):
    """The receipt and the editable description; ``edited`` is emitted when a field is changed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        receipt = QGroupBox(self.tr("Receipt"), self)
        receipt_form = QFormLayout(receipt)
        self._ro: dict[str, QLabel] = {}
        for key in ("case_number", "sender_tag", "round", "transport_unit", "status", "received_at",
                    "off_manifest"):
            value = QLabel(receipt)
            value.setObjectName(f"ro_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._ro[key] = value
        receipt_form.addRow(self.tr("Case number:"), self._ro["case_number"])
        receipt_form.addRow(self.tr("Sender's tag:"), self._ro["sender_tag"])
        receipt_form.addRow(self.tr("Round:"), self._ro["round"])
        receipt_form.addRow(self.tr("Transport unit:"), self._ro["transport_unit"])
        receipt_form.addRow(self.tr("Status:"), self._ro["status"])
        receipt_form.addRow(self.tr("Received at:"), self._ro["received_at"])
        receipt_form.addRow(self.tr("Not on the manifest:"), self._ro["off_manifest"])

        desc = QGroupBox(self.tr("Description (editable)"), self)
        form = QFormLayout(desc)
        self._bag = QLineEdit(desc)
        self._bag.setObjectName("edit_bag_number")
        self._category = QComboBox(desc)
        self._category.setObjectName("edit_category")
        for code, text in labels.choices(Category):
            self._category.addItem(text, code)
        self._flags: dict[str, QCheckBox] = {}
        flags_box = QWidget(desc)
        grid = QGridLayout(flags_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (code, text) in enumerate(labels.choices(ConditionFlag)):
            box = QCheckBox(text, flags_box)
            box.setObjectName(f"edit_flag_{code}")
            self._flags[code] = box
            grid.addWidget(box, i // 2, i % 2)
        self._sex = QComboBox(desc)
        self._sex.setObjectName("edit_apparent_sex")
        for code, text in labels.choices(Sex):
            self._sex.addItem(text, code)
        self._age = QComboBox(desc)
        self._age.setObjectName("edit_age_group")
        for code, text in labels.choices(AgeGroup):
            self._age.addItem(text, code)
        self._location = QLineEdit(desc)
        self._location.setObjectName("edit_storage_location")
        self._notes = QPlainTextEdit(desc)
        self._notes.setObjectName("edit_notes")
        self._notes.setTabChangesFocus(True)
        self._notes.setMinimumHeight(80)
        form.addRow(self._buddy(self.tr("&Bag number:"), self._bag), self._bag)
        form.addRow(self._buddy(self.tr("Ca&tegory:"), self._category), self._category)
        form.addRow(self.tr("Condition:"), flags_box)
        form.addRow(self._buddy(self.tr("Apparent se&x:"), self._sex), self._sex)
        form.addRow(self._buddy(self.tr("A&ge group:"), self._age), self._age)
        form.addRow(self._buddy(self.tr("Storage &location:"), self._location), self._location)
        form.addRow(self._buddy(self.tr("&Notes:"), self._notes), self._notes)

        for edit in (self._bag, self._location):
            edit.textChanged.connect(self._edited)
        for combo in (self._category, self._sex, self._age):
            combo.currentIndexChanged.connect(self._edited)
        for box in self._flags.values():
            box.toggled.connect(self._edited)
        self._notes.textChanged.connect(self._edited)

        layout = QHBoxLayout(self)
        layout.addWidget(receipt, 2)
        layout.addWidget(desc, 3)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, widget.parentWidget())
        label.setBuddy(widget)
        return label

    def _edited(self, *_args: object) -> None:
        self.edited.emit()

    def fill(self, d: CaseDetail) -> None:
        f = d.fields
        number = str(f["case_number"])
        if f.get("number_shared_with"):
            if number != f["recorded_number"]:
                note = self.tr("Recorded as %2, a number another laptop issued too (case %3).")
            else:
                note = self.tr("Another laptop issued this number too (case %3).")
            number += "\n" + note.replace("%2", str(f["recorded_number"])).replace(
                "%3", ", ".join(f["number_shared_with"])
            )
        self._ro["case_number"].setText(number)
        self._ro["case_number"].setToolTip(
            self.tr("Listed for the supervisor under Probable duplicates.") if f.get("number_shared_with") else ""
        )
        self._ro["sender_tag"].setText(f["sender_tag"] or self.tr("(none)"))
        self._ro["round"].setText(d.round_code)
        self._ro["transport_unit"].setText(d.transport_unit or "\u2014")
        self._ro["status"].setText(labels.status(f["status"]))
        self._ro["received_at"].setText(local_time(f["received_at"]))
        self._ro["off_manifest"].setText(yes_no(f["off_manifest"]))

        self._bag.setText(f["bag_number"])
        self._set_combo(self._category, f["category"])
        flags = {x for x in str(f["condition_flags"] or "").split(",") if x}
        for code, box in self._flags.items():
            box.setChecked(code in flags)
        self._set_combo(self._sex, f["apparent_sex"])
        self._set_combo(self._age, f["age_group"])
        self._location.setText(f["storage_location"])
        self._notes.setPlainText(f["notes"])

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        i = combo.findData(code)
        if i < 0:  # a code this version does not know: show it rather than hide it
            combo.addItem(code, code)
            i = combo.count() - 1
        combo.setCurrentIndex(i)

    def values(self) -> dict[str, str]:
        """The editable fields as they are now in the form."""
        return {
            "bag_number": self._bag.text().strip(),
            "category": str(self._category.currentData()),
            "condition_flags": ",".join(sorted(c for c, box in self._flags.items() if box.isChecked())),
            "apparent_sex": str(self._sex.currentData()),
            "age_group": str(self._age.currentData()),
            "storage_location": self._location.text().strip(),
            "notes": self._notes.toPlainText().strip(),
        }

    def apply_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key == "bag_number":
                self._bag.setText(value)
            elif key == "category":
                self._set_combo(self._category, value)
            elif key == "condition_flags":
                flags = set(value.split(",")) if isinstance(value, str) else set(value)
                for code, box in self._flags.items():
                    box.setChecked(code in flags)
            elif key == "apparent_sex":
                self._set_combo(self._sex, value)
            elif key == "age_group":
                self._set_combo(self._age, value)
            elif key == "storage_location":
                self._location.setText(value)
            elif key == "notes":
                self._notes.setPlainText(value)


class IdentityTab(QWidget):
    """What the sending side or documents claim, beside what the forensic identification established."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        claimed = QGroupBox(self.tr("Claimed identity — what the sending side or documents say"), self)
        claimed.setObjectName("claimedIdentity")
        established = QGroupBox(self.tr("Established identity — forensic identification"), self)
        established.setObjectName("establishedIdentity")
        self._identity: dict[str, QLabel] = {}
        claimed_form = QFormLayout(claimed)
        for key in ("claimed_name", "claimed_birth_date", "claimed_citizenship", "claimed_source"):
            value = QLabel(claimed)
            value.setObjectName(f"id_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._identity[key] = value
            claimed_form.addRow(field_label(key) + ":", value)
        note = QLabel(self.tr("A claim is never a fact: it does not change the established identity."), claimed)
        note.setWordWrap(True)
        note.setEnabled(False)
        claimed_form.addRow(note)
        established_form = QFormLayout(established)
        for key in ("established_name", "established_birth_date", "identification_method", "identified_by",
                    "identified_on"):
            value = QLabel(established)
            value.setObjectName(f"id_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._identity[key] = value
            established_form.addRow(field_label(key) + ":", value)
        self._not_identified = QLabel(self.tr("Not identified yet."), established)
        self._not_identified.setObjectName("notIdentified")
        established_form.addRow(self._not_identified)
        layout = QHBoxLayout(self)
        layout.addWidget(claimed, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(established, 1, Qt.AlignmentFlag.AlignTop)

    def fill(self, d: CaseDetail) -> None:
        f = d.fields
        for key, label in self._identity.items():
            label.setText(display_value(key, f.get(key)))
        self._not_identified.setVisible(not f.get("established_name"))
