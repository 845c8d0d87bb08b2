"""The intake form's field groups: the bag and the remains (``BagBox``), the claimed identity
(``IdentityBox``), the personal effects (``EffectsBox``) and the notes (``NotesBox``). The first two read their fields
for the service and for the draft, put a draft back and empty what belongs to one bag; ``changed``
fires on every edit. Every group follows a language switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import AgeGroup, Category, ConditionFlag, Sex
from app.services.cases.intake import TagLookup
from app.services.rounds.rounds import TransportUnitSummary

from ui.intake.effects_editor import EffectsEditor
from ui.widgets import labels
from ui.widgets.retranslate import Retranslating


class BagBox(Retranslating, QGroupBox):
    """Transport unit (and its seal), bag number, category, condition, apparent sex, age group,
    storage location, and the case a body part belongs to. The transport unit and the storage
    location are kept for the next bag."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bag_form = QFormLayout(self)
        bag_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.unit = QComboBox(self)
        self.unit.setObjectName("transportUnit")
        self.bag = QLineEdit(self)
        self.bag.setObjectName("bagNumber")
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        for code, text in labels.choices(Category):
            self.category.addItem(text, code)
        self.flags: dict[str, QCheckBox] = {}
        flags_widget = QWidget(self)
        flags_grid = QGridLayout(flags_widget)
        flags_grid.setContentsMargins(0, 0, 0, 0)
        flags_grid.setHorizontalSpacing(16)
        for i, (code, text) in enumerate(labels.choices(ConditionFlag)):
            box = QCheckBox(text, flags_widget)
            box.setObjectName(f"flag_{code}")
            self.flags[code] = box
            flags_grid.addWidget(box, i // 2, i % 2)
        self.sex = QComboBox(self)
        self.sex.setObjectName("apparentSex")
        for code, text in labels.choices(Sex):
            self.sex.addItem(text, code)
        self.age = QComboBox(self)
        self.age.setObjectName("ageGroup")
        for code, text in labels.choices(AgeGroup):
            self.age.addItem(text, code)
        self.location = QLineEdit(self)
        self.location.setObjectName("storageLocation")
        self.parent_case = QLineEdit(self)
        self.parent_case.setObjectName("parentCase")
        self._labels: dict[str, QLabel] = {}
        bag_form.addRow(self._buddy("unit", self.unit), self.unit)
        bag_form.addRow(self._buddy("bag", self.bag), self.bag)
        bag_form.addRow(self._buddy("category", self.category), self.category)
        self._labels["condition"] = QLabel(self)
        bag_form.addRow(self._labels["condition"], flags_widget)
        # "Broken seal" is looked for among the bag's conditions: say where it is recorded instead
        self._seal_note = QLabel(self)
        self._seal_note.setObjectName("sealNote")
        self._seal_note.setWordWrap(True)
        self._seal_note.setEnabled(False)
        bag_form.addRow("", self._seal_note)
        self._unit_seals: dict[str, tuple[str, str, bool | None]] = {}
        self.unit.currentIndexChanged.connect(lambda _i: self._show_seal())
        bag_form.addRow(self._buddy("sex", self.sex), self.sex)
        bag_form.addRow(self._buddy("age", self.age), self.age)
        bag_form.addRow(self._buddy("location", self.location), self.location)
        bag_form.addRow(self._buddy("parent", self.parent_case), self.parent_case)

        for edit in (self.bag, self.location, self.parent_case):
            edit.textChanged.connect(self._changed)
        for combo in (self.unit, self.category, self.sex, self.age):
            combo.currentIndexChanged.connect(self._changed)
        for box in self.flags.values():
            box.toggled.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the group in the current language; what is typed and chosen stays."""
        self.setTitle(self.tr("Bag and remains"))
        for key, text in (
            ("unit", self.tr("Transport &unit:")), ("bag", self.tr("&Bag number:")),
            ("category", self.tr("&Category:")), ("condition", self.tr("Condition:")),
            ("sex", self.tr("Apparent se&x:")), ("age", self.tr("A&ge group:")),
            ("location", self.tr("Storage &location:")), ("parent", self.tr("Pa&rt of case:")),
        ):
            self._labels[key].setText(text)
        for combo, enum in ((self.category, Category), (self.sex, Sex), (self.age, AgeGroup)):
            for i, (_code, text) in enumerate(labels.choices(enum)):
                combo.setItemText(i, text)
        if self.unit.count() and self.unit.itemData(0) is None:
            self.unit.setItemText(0, self.tr("(none)"))
        for code, text in labels.choices(ConditionFlag):
            self.flags[code].setText(text)
        self.flags[ConditionFlag.BAG_DAMAGED.value].setToolTip(
            self.tr("The bag itself is torn or open. A broken seal belongs to the transport unit (Rounds tab).")
        )
        self.location.setToolTip(self.tr("Kept for the next bag"))
        self.parent_case.setPlaceholderText(self.tr("Only for a body part, e.g. KH01-2026-00012"))
        self._show_seal()

    def _buddy(self, key: str, widget: QWidget) -> QLabel:
        label = QLabel(widget.parentWidget())
        label.setBuddy(widget)
        self._labels[key] = label
        return label

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """The fields in their tab order."""
        return [
            self.unit, self.bag, self.category, *self.flags.values(), self.sex, self.age, self.location,
            self.parent_case,
        ]

    # --- transport units ------------------------------------------------------------------

    def set_units(self, units: list[TransportUnitSummary] | None) -> None:
        """The round's transport units to choose from (``None``: no round); the chosen one stays chosen."""
        keep = self.unit.currentData()
        self.unit.blockSignals(True)
        try:
            self.unit.clear()
            self.unit.addItem(self.tr("(none)"), None)
            if units is not None:
                self._unit_seals = {u.id: (u.label, u.seal_numbers, u.seal_intact) for u in units}
                for unit in units:
                    text = unit.label if not unit.description else f"{unit.label} \u2014 {unit.description}"
                    self.unit.addItem(text, unit.id)
            i = self.unit.findData(keep) if keep else 0
            self.unit.setCurrentIndex(max(i, 0))
        finally:
            self.unit.blockSignals(False)
        self._show_seal()

    def _show_seal(self) -> None:
        unit = self._unit_seals.get(str(self.unit.currentData() or ""))
        if unit is None:
            text = self.tr("A broken seal is recorded on the transport unit (Rounds tab), not on the bag.")
            self._seal_note.setEnabled(False)
        else:
            label, seals, intact = unit
            state = {True: self.tr("intact"), False: self.tr("BROKEN"), None: self.tr("not recorded")}[intact]
            text = self.tr("Seal of %1: %2 (recorded on the unit, Rounds tab).").replace("%1", label).replace(
                "%2", f"{state} \u2014 {seals}" if seals else state)
            self._seal_note.setEnabled(intact is False)
        self._seal_note.setText(text)

    # --- the fields' values ---------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The group's part of the service's input (``IntakeData``)."""
        return {
            "transport_unit_id": self.unit.currentData() or None,
            "bag_number": self.bag.text().strip(),
            "category": str(self.category.currentData()),
            "condition_flags": [code for code, box in self.flags.items() if box.isChecked()],
            "apparent_sex": str(self.sex.currentData()),
            "age_group": str(self.age.currentData()),
            "storage_location": self.location.text().strip(),
            "parent_case_number": self.parent_case.text().strip(),
        }

    def draft_values(self) -> dict[str, Any]:
        """The group's part of the draft, as typed."""
        return {
            "transport_unit_id": self.unit.currentData(),
            "bag_number": self.bag.text(),
            "category": str(self.category.currentData()),
            "condition_flags": [code for code, box in self.flags.items() if box.isChecked()],
            "apparent_sex": str(self.sex.currentData()),
            "age_group": str(self.age.currentData()),
            "storage_location": self.location.text(),
            "parent_case_number": self.parent_case.text(),
        }

    def restore(self, payload: dict[str, Any]) -> None:
        """Put the group's part of a draft back."""
        unit = payload.get("transport_unit_id")
        if unit:
            i = self.unit.findData(unit)
            if i >= 0:
                self.unit.setCurrentIndex(i)
        self.bag.setText(str(payload.get("bag_number") or ""))
        for combo, key in ((self.category, "category"), (self.sex, "apparent_sex"), (self.age, "age_group")):
            i = combo.findData(payload.get(key))
            if i >= 0:
                combo.setCurrentIndex(i)
        flags = set(payload.get("condition_flags") or [])
        for code, box in self.flags.items():
            box.setChecked(code in flags)
        if payload.get("storage_location"):
            self.location.setText(str(payload["storage_location"]))
        self.parent_case.setText(str(payload.get("parent_case_number") or ""))

    def fill_from_manifest(self, lookup: TagLookup, autofill: dict[str, str]) -> None:
        """Take the manifest's category unless the officer chose another one (``autofill``: what
        the last fill put in, updated here)."""
        if lookup.category:
            current_cat = str(self.category.currentData())
            if current_cat in (Category.COMPLETE.value, autofill.get("category", "")):
                i = self.category.findData(lookup.category)
                if i >= 0:
                    self.category.setCurrentIndex(i)
                    autofill["category"] = lookup.category

    def clear_bag(self) -> None:
        """Empty what belongs to one bag; the transport unit and the storage location stay."""
        for edit in (self.bag, self.parent_case):
            edit.clear()
        self.category.setCurrentIndex(max(self.category.findData(Category.COMPLETE.value), 0))
        for box in self.flags.values():
            box.setChecked(False)
        self.sex.setCurrentIndex(max(self.sex.findData(Sex.UNKNOWN.value), 0))
        self.age.setCurrentIndex(max(self.age.findData(AgeGroup.UNKNOWN.value), 0))


class IdentityBox(Retranslating, QGroupBox):
    """The claimed identity: a claim, never a fact; filled in from the manifest when the tag is on it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        id_form = QFormLayout(self)
        id_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(self)
        self.name.setObjectName("claimedName")
        self.birth = QLineEdit(self)
        self.birth.setObjectName("claimedBirthDate")
        self.citizenship = QLineEdit(self)
        self.citizenship.setObjectName("claimedCitizenship")
        self._claim_source = QLabel(self)
        self._claim_source.setObjectName("claimSource")
        self._claim_source.setEnabled(False)
        self._claim_from_manifest = False
        self._labels: dict[str, QLabel] = {}
        id_form.addRow(self._buddy("name", self.name), self.name)
        id_form.addRow(self._buddy("birth", self.birth), self.birth)
        id_form.addRow(self._buddy("citizenship", self.citizenship), self.citizenship)
        id_form.addRow("", self._claim_source)
        for edit in (self.name, self.birth, self.citizenship):
            edit.textChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the group in the current language; what is typed stays."""
        self.setTitle(self.tr("Claimed identity (as the sending side or documents state it)"))
        for key, text in (
            ("name", self.tr("&Name:")), ("birth", self.tr("Date of b&irth:")),
            ("citizenship", self.tr("Citi&zenship:")),
        ):
            self._labels[key].setText(text)
        self.birth.setPlaceholderText(self.tr("YYYY-MM-DD or year"))
        if self._claim_from_manifest:
            self._claim_source.setText(self._claim_source_text())

    def _buddy(self, key: str, widget: QWidget) -> QLabel:
        label = QLabel(widget.parentWidget())
        label.setBuddy(widget)
        self._labels[key] = label
        return label

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """The fields in their tab order."""
        return [self.name, self.birth, self.citizenship]

    def fill_from_manifest(self, lookup: TagLookup, autofill: dict[str, str]) -> None:
        """Fill the claimed identity, keeping anything the officer typed over an earlier fill
        (``autofill``: what the last fill put in, updated here)."""
        values = {
            "claimed_name": lookup.claimed_name,
            "claimed_birth_date": lookup.claimed_birth_date,
            "claimed_citizenship": lookup.claimed_citizenship,
        }
        edits = {"claimed_name": self.name, "claimed_birth_date": self.birth,
                 "claimed_citizenship": self.citizenship}
        for key, value in values.items():
            edit = edits[key]
            current = edit.text().strip()
            if not current or current == autofill.get(key, ""):
                edit.setText(value)
                autofill[key] = value
        self._claim_from_manifest = True
        self._claim_source.setText(self._claim_source_text())

    def clear_claim_source(self) -> None:
        """The claim was not filled in from the manifest."""
        self._claim_from_manifest = False
        self._claim_source.setText("")

    def _claim_source_text(self) -> str:
        return self.tr("Filled in from the manifest; correct it if documents say otherwise.")

    def values(self) -> dict[str, Any]:
        """The group's part of the service's input (``IntakeData``)."""
        return {
            "claimed_name": self.name.text().strip(),
            "claimed_birth_date": self.birth.text().strip(),
            "claimed_citizenship": self.citizenship.text().strip(),
        }

    def draft_values(self) -> dict[str, Any]:
        """The group's part of the draft, as typed."""
        return {
            "claimed_name": self.name.text(),
            "claimed_birth_date": self.birth.text(),
            "claimed_citizenship": self.citizenship.text(),
        }

    def restore(self, payload: dict[str, Any]) -> None:
        """Put the group's part of a draft back."""
        self.name.setText(str(payload.get("claimed_name") or ""))
        self.birth.setText(str(payload.get("claimed_birth_date") or ""))
        self.citizenship.setText(str(payload.get("claimed_citizenship") or ""))

    def clear_bag(self) -> None:
        """Empty the claim for the next bag."""
        for edit in (self.name, self.birth, self.citizenship):
            edit.clear()
        self.clear_claim_source()


class EffectsBox(Retranslating, QGroupBox):
    """The personal effects found with the remains (``EffectsEditor``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = EffectsEditor(self)
        self.editor.setObjectName("effects")
        QVBoxLayout(self).addWidget(self.editor)
        self.retranslate()

    def retranslate(self) -> None:
        """The group's title in the current language (the editor follows on its own)."""
        self.setTitle(self.tr("Personal effects"))


class NotesBox(Retranslating, QGroupBox):
    """Free notes on the bag; Ctrl+Enter in them saves the bag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(60)
        QVBoxLayout(self).addWidget(self.notes)
        self.setFocusProxy(self.notes)
        self.retranslate()

    def retranslate(self) -> None:
        """The group's texts in the current language; the notes stay."""
        self.setTitle(self.tr("N&otes"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("Ctrl+Enter saves the bag"))
