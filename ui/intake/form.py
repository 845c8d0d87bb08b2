"""The intake form: one bag after another, keyboard- and scanner-first.

A USB barcode scanner types the tag and Enter: the tag is looked up at once (on the manifest,
already received, or not on the manifest) and the claimed identity is filled from the manifest.
Enter anywhere else (Ctrl+Enter in multi-line fields) saves the bag; the form then keeps the
round, transport unit and storage location and is ready for the next scan. What is typed is kept
as a draft continuously, so a power cut loses seconds at most.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain import AgeGroup, Category, ConditionFlag, Sex, normalize_tag
from app.errors import RepatError, ValidationError
from app.services.cases import drafts, intake
from app.services.cases.intake import (
    MAX_PHOTO_BYTES,
    PHOTO_SUFFIXES,
    DuplicateTag,
    EffectData,
    IntakeData,
    IntakeResult,
    PhotoData,
    TagLookup,
)
from app.services.context import CAN_RECORD_INTAKE, AppContext
from app.services.rounds import rounds

from ui.intake.effects_editor import EffectsEditor
from ui.intake.reception import ReceptionBox
from ui.intake.scan_guard import ScanGuard
from ui.widgets import labels

DRAFT_DELAY_MS = 500
DRAFT_VERSION = 1

# Indicator colours: background, border, text.
_GREEN = ("#e3f5e1", "#2e7d32", "#1b4d1e")
_AMBER = ("#fff3cd", "#d4a017", "#5c4300")
_RED = ("#fde0e0", "#c62828", "#7f0000")

_FORM_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QTableWidget[invalid="true"], QListWidget[invalid="true"] { border: 2px solid #c62828; }
"""

PER_BAG_TEXT_FIELDS = (
    "sender_tag", "bag_number", "claimed_name", "claimed_birth_date", "claimed_citizenship",
    "parent_case_number", "notes",
)


class TagLineEdit(QLineEdit):
    """The tag field: Enter (a scanner's last key) means "look this tag up", not "save"."""

    scanned = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.scanned.emit()
            return
        super().keyPressEvent(event)


class _PhotoList(QListWidget):
    """The photo list keeps Enter to itself, so it does not save the bag."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class IntakeForm(QWidget):
    """Records one bag after another into the current round; ``caseSaved`` carries the new case id."""

    caseSaved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._round_id: str | None = None
        self._lookup: TagLookup | None = None
        self._looked_up_tag: str | None = None
        self._autofill: dict[str, str] = {}
        self._loading = False
        self._draft_state = "unchecked"  # -> "offering" -> "done"; autosave only when "done"
        self._draft_exists = False
        self._draft_box: QMessageBox | None = None
        self._duplicate_box: QMessageBox | None = None
        self._clear_box: QMessageBox | None = None
        self._last_dir = ""
        self._last_result: IntakeResult | None = None
        self._invalid: list[QWidget] = []
        self._claim_from_manifest = False
        self.setObjectName("intakeForm")

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft_or_discard)

        self._build()
        self._connect_changes()
        self._set_enabled_for_round()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(_FORM_STYLE)
        content = QWidget(self)
        content.setObjectName("intakeContent")

        # Tag, its indicator, and the last saved case number.
        self._tag = TagLineEdit(content)
        self._tag.setObjectName("tagField")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self._tag.setFont(big)
        self._tag.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self._tag_label = QLabel(content)
        self._tag_label.setFont(big)
        self._tag_label.setBuddy(self._tag)

        self._indicator = QLabel(content)
        self._indicator.setObjectName("tagIndicator")
        self._indicator.setWordWrap(True)
        self._indicator.setTextFormat(Qt.TextFormat.PlainText)
        self._indicator.setMinimumHeight(self._tag.sizeHint().height())
        self._indicator.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._indicator.hide()
        self._indicator_kind = ""

        self._saved_label = QLabel(content)
        self._saved_label.setObjectName("savedLabel")
        saved_font = QFont(self.font())
        saved_font.setPointSizeF(saved_font.pointSizeF() * 1.35)
        saved_font.setBold(True)
        self._saved_label.setFont(saved_font)
        self._saved_label.setStyleSheet("color: #1b5e20;")
        self._saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._saved_label.hide()

        self._round_hint = QLabel(content)
        self._round_hint.setObjectName("roundHint")

        tag_row = QHBoxLayout()
        tag_row.addWidget(self._tag_label)
        tag_row.addWidget(self._tag)
        tag_row.addSpacing(8)
        tag_row.addWidget(self._indicator, 1)

        # The bag.
        self._bag_box = bag_box = QGroupBox(content)
        bag_form = QFormLayout(bag_box)
        bag_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._unit = QComboBox(bag_box)
        self._unit.setObjectName("transportUnit")
        self._bag = QLineEdit(bag_box)
        self._bag.setObjectName("bagNumber")
        self._category = QComboBox(bag_box)
        self._category.setObjectName("category")
        for code, text in labels.choices(Category):
            self._category.addItem(text, code)
        self._flags: dict[str, QCheckBox] = {}
        flags_widget = QWidget(bag_box)
        flags_grid = QGridLayout(flags_widget)
        flags_grid.setContentsMargins(0, 0, 0, 0)
        flags_grid.setHorizontalSpacing(16)
        for i, (code, text) in enumerate(labels.choices(ConditionFlag)):
            box = QCheckBox(text, flags_widget)
            box.setObjectName(f"flag_{code}")
            self._flags[code] = box
            flags_grid.addWidget(box, i // 2, i % 2)
        self._sex = QComboBox(bag_box)
        self._sex.setObjectName("apparentSex")
        for code, text in labels.choices(Sex):
            self._sex.addItem(text, code)
        self._age = QComboBox(bag_box)
        self._age.setObjectName("ageGroup")
        for code, text in labels.choices(AgeGroup):
            self._age.addItem(text, code)
        self._location = QLineEdit(bag_box)
        self._location.setObjectName("storageLocation")
        self._parent_case = QLineEdit(bag_box)
        self._parent_case.setObjectName("parentCase")
        self._labels: dict[str, QLabel] = {}
        bag_form.addRow(self._buddy("unit", self._unit), self._unit)
        bag_form.addRow(self._buddy("bag", self._bag), self._bag)
        bag_form.addRow(self._buddy("category", self._category), self._category)
        self._labels["condition"] = QLabel(bag_box)
        bag_form.addRow(self._labels["condition"], flags_widget)
        # "Broken seal" is looked for among the bag's conditions: say where it is recorded instead
        self._seal_note = QLabel(bag_box)
        self._seal_note.setObjectName("sealNote")
        self._seal_note.setWordWrap(True)
        self._seal_note.setEnabled(False)
        bag_form.addRow("", self._seal_note)
        self._unit_seals: dict[str, tuple[str, str, bool | None]] = {}
        self._unit.currentIndexChanged.connect(lambda _i: self._show_seal())
        bag_form.addRow(self._buddy("sex", self._sex), self._sex)
        bag_form.addRow(self._buddy("age", self._age), self._age)
        bag_form.addRow(self._buddy("location", self._location), self._location)
        bag_form.addRow(self._buddy("parent", self._parent_case), self._parent_case)

        # Claimed identity (a claim, never a fact).
        self._id_box = id_box = QGroupBox(content)
        id_form = QFormLayout(id_box)
        id_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._name = QLineEdit(id_box)
        self._name.setObjectName("claimedName")
        self._birth = QLineEdit(id_box)
        self._birth.setObjectName("claimedBirthDate")
        self._citizenship = QLineEdit(id_box)
        self._citizenship.setObjectName("claimedCitizenship")
        self._claim_source = QLabel(id_box)
        self._claim_source.setObjectName("claimSource")
        self._claim_source.setEnabled(False)
        id_form.addRow(self._buddy("name", self._name), self._name)
        id_form.addRow(self._buddy("birth", self._birth), self._birth)
        id_form.addRow(self._buddy("citizenship", self._citizenship), self._citizenship)
        id_form.addRow("", self._claim_source)

        # Personal effects and photos.
        self._effects_box = effects_box = QGroupBox(content)
        self._effects = EffectsEditor(effects_box)
        self._effects.setObjectName("effects")
        QVBoxLayout(effects_box).addWidget(self._effects)

        self._photos_box = photos_box = QGroupBox(content)
        self._photos = _PhotoList(photos_box)
        self._photos.setObjectName("photoList")
        self._photos.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._photos.setMinimumHeight(70)
        self._add_photo = QPushButton(photos_box)
        self._add_photo.setObjectName("addPhotos")
        self._add_photo.setAutoDefault(True)
        self._add_photo.clicked.connect(self.choose_photos)
        self._remove_photo = QPushButton(photos_box)
        self._remove_photo.setObjectName("removePhoto")
        self._remove_photo.setAutoDefault(True)
        self._remove_photo.clicked.connect(self.remove_selected_photos)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self._add_photo)
        photo_buttons.addWidget(self._remove_photo)
        photo_buttons.addStretch(1)
        photos_layout = QVBoxLayout(photos_box)
        photos_layout.addWidget(self._photos, 1)
        photos_layout.addLayout(photo_buttons)
        delete_photo = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self._photos)
        delete_photo.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_photo.activated.connect(self.remove_selected_photos)

        self._notes_box = notes_box = QGroupBox(content)
        self._notes = QPlainTextEdit(notes_box)
        self._notes.setObjectName("notes")
        self._notes.setTabChangesFocus(True)
        self._notes.setMinimumHeight(60)
        QVBoxLayout(notes_box).addWidget(self._notes)
        notes_box.setFocusProxy(self._notes)

        # Bottom bar: errors, draft status and the buttons.
        self._error = QLabel(content)
        self._error.setObjectName("formError")
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: #b00020; font-weight: bold;")
        self._error.hide()
        self._draft_status = QLabel(content)
        self._draft_status.setObjectName("draftStatus")
        self._draft_status.setEnabled(False)
        self._clear_button = QPushButton(content)
        self._clear_button.setObjectName("clearForm")
        self._clear_button.setAutoDefault(True)
        self._clear_button.clicked.connect(self.ask_clear)
        self._save_button = QPushButton(content)
        self._save_button.setObjectName("saveBag")
        self._save_button.setAutoDefault(True)
        self._save_button.setDefault(True)
        self._save_button.clicked.connect(self.save)

        self._reception = ReceptionBox(content)
        left = QVBoxLayout()
        left.addWidget(self._reception)
        left.addWidget(bag_box)
        left.addWidget(notes_box, 1)
        right = QVBoxLayout()
        right.addWidget(id_box)
        right.addWidget(effects_box, 3)
        right.addWidget(photos_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self._draft_status, 1)
        bottom.addWidget(self._clear_button)
        bottom.addWidget(self._save_button)

        layout = QVBoxLayout(content)
        layout.addWidget(self._round_hint)
        layout.addLayout(tag_row)
        layout.addWidget(self._saved_label)
        layout.addWidget(self._error)
        layout.addLayout(columns, 1)

        scroll = QScrollArea(self)
        scroll.setObjectName("intakeScroll")
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        # Save stays in view whatever a banner adds to the form above it
        bottom.setContentsMargins(9, 0, 9, 9)
        outer.addLayout(bottom)

        self._inputs: list[QWidget] = [
            self._tag, self._reception, bag_box, id_box, effects_box, photos_box, notes_box, self._clear_button,
            self._save_button,
        ]
        order: list[QWidget] = [
            self._tag, *self._reception.focus_widgets(), self._unit, self._bag, self._category, *self._flags.values(), self._sex, self._age,
            self._location, self._parent_case, self._name, self._birth, self._citizenship,
            *self._effects.focus_widgets(), self._photos, self._add_photo, self._remove_photo, self._notes,
            self._save_button, self._clear_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self._tag)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        scan = QShortcut(QKeySequence("F6"), self)
        scan.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scan.activated.connect(self.focus_tag)

        self._tag.scanned.connect(self._tag_scanned)
        # the fields the focus is in right after a scan: a second scan must not land (and save) there
        self._scan_guard = ScanGuard(self)
        self._scan_guard.scanned.connect(self._scan_elsewhere)
        for field in (self._bag, self._unit, self._category):
            self._scan_guard.watch(field)
        self._tag.editingFinished.connect(self._tag_editing_finished)
        self._tag.textEdited.connect(self._tag_edited)
        self._field_widgets: dict[str, QWidget] = {
            "sender_tag": self._tag, "transport_unit_id": self._unit, "bag_number": self._bag,
            "category": self._category, "apparent_sex": self._sex, "age_group": self._age,
            "storage_location": self._location, "parent": self._parent_case, "effects": self._effects.table,
            "claimed_name": self._name, "notes": self._notes, "received_at": self._reception.focus_widget(),
        }
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the form in the current language; what is typed and chosen stays."""
        self._tag.setAccessibleName(self.tr("Sender's tag"))
        self._tag.setPlaceholderText(self.tr("Scan or type the tag"))
        self._tag_label.setText(self.tr("&Tag:"))
        self._bag_box.setTitle(self.tr("Bag and remains"))
        for key, text in (
            ("unit", self.tr("Transport &unit:")), ("bag", self.tr("&Bag number:")),
            ("category", self.tr("&Category:")), ("condition", self.tr("Condition:")),
            ("sex", self.tr("Apparent se&x:")), ("age", self.tr("A&ge group:")),
            ("location", self.tr("Storage &location:")), ("parent", self.tr("Pa&rt of case:")),
            ("name", self.tr("&Name:")), ("birth", self.tr("Date of b&irth:")),
            ("citizenship", self.tr("Citi&zenship:")),
        ):
            self._labels[key].setText(text)
        for combo, enum in ((self._category, Category), (self._sex, Sex), (self._age, AgeGroup)):
            for i, (_code, text) in enumerate(labels.choices(enum)):
                combo.setItemText(i, text)
        if self._unit.count() and self._unit.itemData(0) is None:
            self._unit.setItemText(0, self.tr("(none)"))
        for code, text in labels.choices(ConditionFlag):
            self._flags[code].setText(text)
        self._flags[ConditionFlag.BAG_DAMAGED.value].setToolTip(
            self.tr("The bag itself is torn or open. A broken seal belongs to the transport unit (Rounds tab).")
        )
        self._location.setToolTip(self.tr("Kept for the next bag"))
        self._parent_case.setPlaceholderText(self.tr("Only for a body part, e.g. KH01-2026-00012"))
        self._id_box.setTitle(self.tr("Claimed identity (as the sending side or documents state it)"))
        self._birth.setPlaceholderText(self.tr("YYYY-MM-DD or year"))
        self._effects_box.setTitle(self.tr("Personal effects"))
        self._photos_box.setTitle(self.tr("Photos"))
        self._photos.setAccessibleName(self.tr("Photos"))
        self._photos.setToolTip(self.tr("Delete removes the selected photos from this bag"))
        self._add_photo.setText(self.tr("Add &photos…"))
        self._remove_photo.setText(self.tr("Remove photo"))
        self._notes_box.setTitle(self.tr("N&otes"))
        self._notes.setAccessibleName(self.tr("Notes"))
        self._notes.setPlaceholderText(self.tr("Ctrl+Enter saves the bag"))
        self._clear_button.setText(self.tr("&Discard this bag…"))
        self._save_button.setText(self.tr("&Save bag (Enter)"))
        # the texts that follow what happened on the form
        self._set_enabled_for_round()
        self._show_seal()
        if self._claim_from_manifest:
            self._claim_source.setText(self._claim_source_text())
        if self._lookup is not None:
            self._show_lookup(self._lookup)
        if self._last_result is not None and not self._saved_label.isHidden():
            self._saved_label.setText(self._saved_text(self._last_result))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _buddy(self, key: str, widget: QWidget) -> QLabel:
        label = QLabel(widget.parentWidget())
        label.setBuddy(widget)
        self._labels[key] = label
        return label

    def _connect_changes(self) -> None:
        for edit in (self._tag, self._bag, self._location, self._parent_case, self._name, self._birth,
                     self._citizenship):
            edit.textChanged.connect(self._changed)
        for combo in (self._unit, self._category, self._sex, self._age):
            combo.currentIndexChanged.connect(self._changed)
        for box in self._flags.values():
            box.toggled.connect(self._changed)
        self._notes.textChanged.connect(self._changed)
        self._effects.changed.connect(self._changed)
        self._reception.changed.connect(self._changed)

    # --- public interface -----------------------------------------------------------------

    @property
    def round_id(self) -> str | None:
        return self._round_id

    @property
    def last_result(self) -> IntakeResult | None:
        return self._last_result

    def set_round(self, round_id: str | None) -> None:
        """Receive bags into this round (``None``: no round chosen; the form is disabled)."""
        if round_id == self._round_id:
            self._load_units()
            return
        self.flush_draft()
        self._round_id = round_id
        self._loading = True
        try:
            self._load_units()
        finally:
            self._loading = False
        self._reset_lookup()
        self._set_enabled_for_round()
        if round_id and self._tag.text().strip():
            self._lookup_tag(announce=False)
        self._maybe_offer_draft()

    def focus_tag(self) -> None:
        self._tag.setFocus(Qt.FocusReason.OtherFocusReason)
        self._tag.selectAll()

    # --- transport units ------------------------------------------------------------------

    def _load_units(self) -> None:
        keep = self._unit.currentData()
        self._unit.blockSignals(True)
        try:
            self._unit.clear()
            self._unit.addItem(self.tr("(none)"), None)
            if self._round_id:
                try:
                    units = rounds.list_transport_units(self._ctx, self._round_id)
                except RepatError as exc:
                    self._show_error(str(exc))
                    units = []
                self._unit_seals = {u.id: (u.label, u.seal_numbers, u.seal_intact) for u in units}
                for unit in units:
                    text = unit.label if not unit.description else f"{unit.label} \u2014 {unit.description}"
                    self._unit.addItem(text, unit.id)
            i = self._unit.findData(keep) if keep else 0
            self._unit.setCurrentIndex(max(i, 0))
        finally:
            self._unit.blockSignals(False)
        self._show_seal()

    def _show_seal(self) -> None:
        unit = self._unit_seals.get(str(self._unit.currentData() or ""))
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

    def _set_enabled_for_round(self) -> None:
        has_round = self._round_id is not None
        user = self._ctx.user
        may_record = user is not None and user.role in CAN_RECORD_INTAKE
        self._round_hint.setVisible(not has_round or not may_record)
        if has_round and not may_record:
            self._round_hint.setText(self.tr("Your role may look at cases but not record bags."))
        elif not has_round:
            self._round_hint.setText(self.tr("Choose a round to start receiving bags."))
        for widget in self._inputs:
            widget.setEnabled(has_round and may_record)

    # --- the tag --------------------------------------------------------------------------

    def _tag_edited(self, text: str) -> None:
        if self._tag in self._invalid:  # what was wrong with the tag is being corrected
            self._clear_invalid()
            self._show_error("")
        if text.strip() != (self._looked_up_tag or ""):
            self._lookup = None
            self._looked_up_tag = None
            self._set_indicator("", "")

    def _tag_scanned(self) -> None:
        lookup = self._lookup_tag(announce=True)
        if lookup is None:
            return
        if lookup.already_received:
            self._tag.selectAll()
            return
        self._bag.setFocus(Qt.FocusReason.OtherFocusReason)
        self._bag.selectAll()

    def _scan_elsewhere(self, field: QWidget, text: str) -> None:
        """A scanner's burst arrived in ``field`` (see ``ScanGuard``): it was taken back out."""
        tag = self._tag.text().strip()
        QApplication.beep()
        if not tag:  # the tag field was empty: this is the bag's tag, scanned with the focus elsewhere
            self._tag.setText(text.strip())
            self._tag.setFocus(Qt.FocusReason.OtherFocusReason)
            self._tag_scanned()
            return
        if normalize_tag(text) == normalize_tag(tag):
            message = self.tr("Tag %1 was scanned a second time; nothing changed. Save the bag with Enter in an "
                              "empty field or Ctrl+Enter.").replace("%1", tag)
        else:
            message = self.tr("A scan (%1) arrived in a field that is not for scans; it was left out and nothing "
                              "was saved. Save this bag first (Ctrl+Enter), then scan the next tag.").replace(
                                  "%1", text.strip())
        self._show_error(message)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tag_editing_finished(self) -> None:
        if self._tag.text().strip() != (self._looked_up_tag or ""):
            self._lookup_tag(announce=True)

    def _reset_lookup(self) -> None:
        self._lookup = None
        self._looked_up_tag = None
        self._set_indicator("", "")

    def _lookup_tag(self, *, announce: bool) -> TagLookup | None:
        tag = self._tag.text().strip()
        if not tag or not self._round_id:
            self._reset_lookup()
            return None
        try:
            intake.check_tag_length(tag)  # refused on Enter, not only on save
            lookup = intake.lookup_tag(self._ctx, self._round_id, tag)
        except ValidationError as exc:
            self._reset_lookup()
            self._clear_invalid()
            self._show_error(str(exc), exc.fields)
            if announce:
                QApplication.beep()
                self._tag.selectAll()
            return None
        except RepatError as exc:
            self._show_error(str(exc))
            return None
        self._lookup = lookup
        self._looked_up_tag = tag
        if lookup.on_manifest:
            self._fill_from_manifest(lookup)
        else:
            self._claim_from_manifest = False
            self._claim_source.setText("")
        self._show_lookup(lookup)
        if lookup.already_received and announce:
            QApplication.beep()
            self._tag.setFocus(Qt.FocusReason.OtherFocusReason)
            self._tag.selectAll()
        return lookup

    def _show_lookup(self, lookup: TagLookup) -> None:
        tag = self._looked_up_tag or ""
        if lookup.already_received:
            text = self.tr(
                "ALREADY RECEIVED: tag %1 was received in this round as %2. Check the bag; saving it "
                "will ask you to confirm it is another bag with the same tag."
            ).replace("%1", tag).replace("%2", ", ".join(lookup.received_as))
            if not lookup.on_manifest:
                text += " " + self.tr("The tag is not on the manifest either.")
            self._set_indicator("duplicate", text)
        elif lookup.on_manifest:
            self._set_indicator(
                "manifest",
                self.tr("On the manifest — claimed identity filled in from the sending side's list."),
            )
        else:
            self._set_indicator(
                "off_manifest", self.tr("Not on the manifest — will be recorded as a discrepancy.")
            )

    def _fill_from_manifest(self, lookup: TagLookup) -> None:
        """Fill the claimed identity, keeping anything the officer typed over an earlier fill."""
        values = {
            "claimed_name": lookup.claimed_name,
            "claimed_birth_date": lookup.claimed_birth_date,
            "claimed_citizenship": lookup.claimed_citizenship,
        }
        edits = {"claimed_name": self._name, "claimed_birth_date": self._birth,
                 "claimed_citizenship": self._citizenship}
        for key, value in values.items():
            edit = edits[key]
            current = edit.text().strip()
            if not current or current == self._autofill.get(key, ""):
                edit.setText(value)
                self._autofill[key] = value
        if lookup.category:
            current_cat = str(self._category.currentData())
            if current_cat in (Category.COMPLETE.value, self._autofill.get("category", "")):
                i = self._category.findData(lookup.category)
                if i >= 0:
                    self._category.setCurrentIndex(i)
                    self._autofill["category"] = lookup.category
        self._claim_from_manifest = True
        self._claim_source.setText(self._claim_source_text())

    def _claim_source_text(self) -> str:
        return self.tr("Filled in from the manifest; correct it if documents say otherwise.")

    def indicator_kind(self) -> str:
        """"manifest", "off_manifest", "duplicate" or "" (for tests and the main window)."""
        return self._indicator_kind

    def indicator_text(self) -> str:
        return self._indicator.text() if not self._indicator.isHidden() else ""

    def _set_indicator(self, kind: str, text: str) -> None:
        self._indicator_kind = kind
        colours = {"manifest": _GREEN, "off_manifest": _AMBER, "duplicate": _RED}.get(kind)
        if colours is None:
            self._indicator.hide()
            self._indicator.setText("")
            return
        bg, border, fg = colours
        weight = "bold" if kind == "duplicate" else "normal"
        width = 3 if kind == "duplicate" else 1
        self._indicator.setStyleSheet(
            f"QLabel#tagIndicator {{ background: {bg}; color: {fg}; border: {width}px solid {border}; "
            f"border-radius: 4px; padding: 6px 10px; font-weight: {weight}; }}"
        )
        self._indicator.setText(text)
        self._indicator.show()

    # --- saving ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that a single-line field, combo box or check box did not use saves the bag.
        (The effects table and the photo list keep their Enter; Ctrl+Enter saves from there.)"""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
            return
        super().keyPressEvent(event)

    def collect(self) -> IntakeData:
        """What the form holds, as the service's input (photos are read from their files)."""
        self._effects.commit()
        assert self._round_id is not None
        return IntakeData(
            round_id=self._round_id,
            sender_tag=self._tag.text().strip(),
            transport_unit_id=self._unit.currentData() or None,
            bag_number=self._bag.text().strip(),
            category=str(self._category.currentData()),
            condition_flags=[code for code, box in self._flags.items() if box.isChecked()],
            apparent_sex=str(self._sex.currentData()),
            age_group=str(self._age.currentData()),
            storage_location=self._location.text().strip(),
            notes=self._notes.toPlainText().strip(),
            claimed_name=self._name.text().strip(),
            claimed_birth_date=self._birth.text().strip(),
            claimed_citizenship=self._citizenship.text().strip(),
            parent_case_number=self._parent_case.text().strip(),
            effects=[EffectData(**e) for e in self._effects.effects()],
            photos=[PhotoData.from_path(p) for p in self.photo_paths()],
            received_at=self._reception.received_at(),
            late_reason=self._reception.late_reason(),
        )

    def save(self) -> None:
        """Record the bag (Enter / Ctrl+Enter / the Save button)."""
        if self._round_id is None:
            self._show_error(self.tr("Choose the round first."))
            return
        if self._duplicate_box is not None or self._draft_state == "offering":
            return
        if self._tag.text().strip() != (self._looked_up_tag or "") and self._tag.text().strip():
            self._lookup_tag(announce=False)
        self._record(confirm_duplicate=False)

    def _record(self, *, confirm_duplicate: bool) -> None:
        self._clear_invalid()
        try:
            data = self.collect()
            result = intake.record_intake(self._ctx, data, confirm_duplicate=confirm_duplicate)
        except DuplicateTag as err:
            self._show_error("")
            self._set_indicator(
                "duplicate",
                self.tr("ALREADY RECEIVED: tag %1 was received in this round as %2.")
                .replace("%1", err.tag)
                .replace("%2", ", ".join(err.case_numbers)),
            )
            QApplication.beep()
            self._ask_duplicate(err)
            return
        except ValidationError as err:
            self._show_error(str(err), err.fields)
            return
        except RepatError as err:
            self._show_error(str(err))
            return
        self._saved(result)

    def _ask_duplicate(self, err: DuplicateTag) -> None:
        box = QMessageBox(self)
        box.setObjectName("duplicateTagBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Tag already received"))
        box.setText(
            self.tr("Tag %1 was already received in this round as %2.")
            .replace("%1", err.tag)
            .replace("%2", ", ".join(err.case_numbers))
        )
        box.setInformativeText(
            self.tr("Record this as another bag with the same tag? A duplicate-tag discrepancy will be recorded.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Record as another bag"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&No, check the bag"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self._duplicate_answered(box))
        self._duplicate_box = box
        box.open()

    def _duplicate_answered(self, box: QMessageBox) -> None:
        self._duplicate_box = None
        confirmed = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if confirmed:
            self._record(confirm_duplicate=True)
        else:
            self.focus_tag()

    def _saved(self, result: IntakeResult) -> None:
        self._draft_timer.stop()
        self._draft_exists = False  # the service removed the draft with the same transaction
        self._last_result = result
        self._saved_label.setText(self._saved_text(result))
        self._saved_label.show()
        self._show_error("")
        self._reception.after_save()
        self.clear_bag()
        self._draft_status.setText("")
        self.caseSaved.emit(result.case_id)
        self.focus_tag()

    def _saved_text(self, result: IntakeResult) -> str:
        text = self.tr("Saved %1").replace("%1", result.case_number)
        if result.duplicate_of:
            text += " \u2014 " + self.tr("duplicate tag recorded as a discrepancy")
        elif result.off_manifest:
            text += " \u2014 " + self.tr("not on the manifest, recorded as a discrepancy")
        return text

    def saved_text(self) -> str:
        return self._saved_label.text() if not self._saved_label.isHidden() else ""

    def error_text(self) -> str:
        return self._error.text() if not self._error.isHidden() else ""

    def _show_error(self, message: str, fields: dict[str, str] | None = None) -> None:
        self._error.setText(message)
        self._error.setVisible(bool(message))
        if message:  # the green "Saved …" line belongs to the bag before; it must not sit under a warning
            self._saved_label.hide()
        for key in fields or {}:
            widget = self._field_widgets.get(key)
            if widget is not None:
                widget.setProperty("invalid", True)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                self._invalid.append(widget)
        if self._invalid:
            self._invalid[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_invalid(self) -> None:
        for widget in self._invalid:
            if isValid(widget):
                widget.setProperty("invalid", False)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._invalid = []

    def clear_bag(self) -> None:
        """Empty the per-bag fields; the round, transport unit and storage location stay."""
        self._loading = True
        try:
            for edit in (self._tag, self._bag, self._name, self._birth, self._citizenship, self._parent_case):
                edit.clear()
            self._category.setCurrentIndex(max(self._category.findData(Category.COMPLETE.value), 0))
            for box in self._flags.values():
                box.setChecked(False)
            self._sex.setCurrentIndex(max(self._sex.findData(Sex.UNKNOWN.value), 0))
            self._age.setCurrentIndex(max(self._age.findData(AgeGroup.UNKNOWN.value), 0))
            self._notes.clear()
            self._effects.clear()
            self._photos.clear()
            self._claim_from_manifest = False
            self._claim_source.setText("")
        finally:
            self._loading = False
        self._autofill = {}
        self._clear_invalid()
        self._reset_lookup()

    def ask_clear(self) -> None:
        """Discard what was typed for this bag, after a confirmation."""
        if not self.has_content():
            self.clear_bag()
            self.focus_tag()
            return
        box = QMessageBox(self)
        box.setObjectName("discardBagBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard this bag"))
        box.setText(self.tr("Discard everything typed for this bag? Nothing has been saved for it."))
        box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def answered(_r: int) -> None:
            self._clear_box = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
                self.clear_bag()
                self._save_draft_or_discard()
                self.focus_tag()
            box.deleteLater()

        box.finished.connect(answered)
        self._clear_box = box
        box.open()

    # --- photos ---------------------------------------------------------------------------

    def photo_paths(self) -> list[str]:
        return [str(self._photos.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self._photos.count())]

    def choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos or scans"),
            self._last_dir,
            self.tr("Photos and scans (%1)").replace("%1", " ".join(f"*{s}" for s in sorted(PHOTO_SUFFIXES))),
        )
        if paths:
            self._last_dir = str(Path(paths[0]).parent)
            self.add_photos(paths)

    def add_photos(self, paths: list[str]) -> None:
        """Attach files by path; refused files are named in the error line, the rest are added."""
        problems: list[str] = []
        known = set(self.photo_paths())
        for raw in paths:
            path = Path(raw)
            if str(path) in known:
                continue
            if path.suffix.lower() not in PHOTO_SUFFIXES:
                problems.append(self.tr("%1 is not a photo or scan (use JPEG, PNG, TIFF or PDF).").replace("%1", path.name))
                continue
            try:
                size = path.stat().st_size
            except OSError:
                problems.append(self.tr("%1 cannot be read.").replace("%1", path.name))
                continue
            if size > MAX_PHOTO_BYTES:
                problems.append(
                    self.tr("%1 is larger than %2 MB.")
                    .replace("%1", path.name)
                    .replace("%2", str(MAX_PHOTO_BYTES // (1024 * 1024)))
                )
                continue
            self._add_photo_item(str(path), size)
            known.add(str(path))
        self._show_error(" ".join(problems))
        self._changed()

    def _add_photo_item(self, path: str, size: int | None) -> None:
        name = os.path.basename(path)
        if size is None:
            item = QListWidgetItem(
                self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                self.tr("%1 (file missing)").replace("%1", name),
            )
        else:
            item = QListWidgetItem(
                self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon),
                f"{name}  ({max(1, size // 1024)} KB)",
            )
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(path)
        self._photos.addItem(item)

    def remove_selected_photos(self) -> None:
        rows = sorted({self._photos.row(i) for i in self._photos.selectedItems()}, reverse=True)
        if not rows and self._photos.currentRow() >= 0:
            rows = [self._photos.currentRow()]
        for row in rows:
            self._photos.takeItem(row)
        if rows:
            self._changed()

    # --- drafts ---------------------------------------------------------------------------

    def has_content(self) -> bool:
        """Whether anything was typed for the current bag (the kept fields do not count)."""
        payload = self.draft_payload()
        if any(str(payload.get(k) or "").strip() for k in PER_BAG_TEXT_FIELDS):
            return True
        return bool(
            payload["condition_flags"] or payload["effects"] or payload["photos"]
            or payload["category"] != Category.COMPLETE.value
            or payload["apparent_sex"] != Sex.UNKNOWN.value
            or payload["age_group"] != AgeGroup.UNKNOWN.value
        )

    def draft_payload(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "typed_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "round_id": self._round_id,
            "sender_tag": self._tag.text(),
            "transport_unit_id": self._unit.currentData(),
            "bag_number": self._bag.text(),
            "category": str(self._category.currentData()),
            "condition_flags": [code for code, box in self._flags.items() if box.isChecked()],
            "apparent_sex": str(self._sex.currentData()),
            "age_group": str(self._age.currentData()),
            "storage_location": self._location.text(),
            "claimed_name": self._name.text(),
            "claimed_birth_date": self._birth.text(),
            "claimed_citizenship": self._citizenship.text(),
            "parent_case_number": self._parent_case.text(),
            "notes": self._notes.toPlainText(),
            "effects": self._effects.effects(),
            "photos": self.photo_paths(),
        }

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        if self._draft_state == "done" and self._round_id is not None:
            self._draft_timer.start()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if not isValid(self) or not self._draft_timer.isActive():
            return
        if old is not None and isValid(old) and self.isAncestorOf(old):
            self.flush_draft()

    def flush_draft(self) -> None:
        """Write the draft now if a change is waiting (also on focus changes and when hidden)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft_or_discard()

    def _save_draft_or_discard(self) -> None:
        if self._draft_state != "done" or self._round_id is None:
            return
        try:
            if self.has_content():
                drafts.save_draft(self._ctx, self.draft_payload())
                self._draft_exists = True
                self._draft_status.setText(
                    self.tr("Typing kept as a draft at %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
                )
            elif self._draft_exists:
                drafts.discard_draft(self._ctx)
                self._draft_exists = False
                self._draft_status.setText("")
        except RepatError as exc:
            self._draft_status.setText(self.tr("The draft could not be kept: %1").replace("%1", str(exc)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._draft_state == "unchecked":
            QTimer.singleShot(0, self._maybe_offer_draft)
        QTimer.singleShot(0, self._focus_on_show)

    def _focus_on_show(self) -> None:
        if isValid(self) and self._draft_state != "offering" and self._tag.isEnabled():
            self._tag.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_draft()
        super().hideEvent(event)

    def _maybe_offer_draft(self) -> None:
        """Once a round is set: offer an unsaved bag back (when the form is visible), or start
        keeping drafts if there is none."""
        if not isValid(self) or self._draft_state != "unchecked" or self._round_id is None:
            return
        try:
            payload = drafts.load_draft(self._ctx)
        except RepatError as exc:
            self._draft_status.setText(str(exc))
            return
        if not payload:
            self._draft_state = "done"
            return
        if not self.isVisible():
            return  # offered when the form is shown
        self._draft_state = "offering"
        box = QMessageBox(self)
        box.setObjectName("draftOfferBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved bag"))
        box.setText(self.tr("Restore the unsaved bag you were typing?"))
        details = []
        if payload.get("sender_tag"):
            details.append(self.tr("Tag: %1").replace("%1", str(payload["sender_tag"])))
        if payload.get("claimed_name"):
            details.append(self.tr("Name: %1").replace("%1", str(payload["claimed_name"])))
        if payload.get("typed_at"):
            details.append(self.tr("Last typed: %1").replace("%1", str(payload["typed_at"])))
        if payload.get("round_id") and payload.get("round_id") != self._round_id:
            details.append(self.tr("It was typed for another round; check the round before saving."))
        box.setInformativeText("\n".join(details))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Restore"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.Yes)

        def answered(_r: int) -> None:
            self._draft_box = None
            restore = box.clickedButton() is not box.button(QMessageBox.StandardButton.Discard)
            box.deleteLater()
            self._draft_state = "done"
            if restore:
                self.restore_draft(payload)
            else:
                try:
                    drafts.discard_draft(self._ctx)
                except RepatError as exc:
                    self._show_error(str(exc))
            self.focus_tag()

        box.finished.connect(answered)
        self._draft_box = box
        box.open()

    def restore_draft(self, payload: dict[str, Any]) -> None:
        """Put a saved draft back into the form."""
        self._loading = True
        try:
            self._tag.setText(str(payload.get("sender_tag") or ""))
            unit = payload.get("transport_unit_id")
            if unit:
                i = self._unit.findData(unit)
                if i >= 0:
                    self._unit.setCurrentIndex(i)
            self._bag.setText(str(payload.get("bag_number") or ""))
            for combo, key in ((self._category, "category"), (self._sex, "apparent_sex"), (self._age, "age_group")):
                i = combo.findData(payload.get(key))
                if i >= 0:
                    combo.setCurrentIndex(i)
            flags = set(payload.get("condition_flags") or [])
            for code, box in self._flags.items():
                box.setChecked(code in flags)
            if payload.get("storage_location"):
                self._location.setText(str(payload["storage_location"]))
            self._name.setText(str(payload.get("claimed_name") or ""))
            self._birth.setText(str(payload.get("claimed_birth_date") or ""))
            self._citizenship.setText(str(payload.get("claimed_citizenship") or ""))
            self._parent_case.setText(str(payload.get("parent_case_number") or ""))
            self._notes.setPlainText(str(payload.get("notes") or ""))
            effects = payload.get("effects") or []
            self._effects.set_effects([e for e in effects if isinstance(e, dict)])
            self._photos.clear()
            for path in payload.get("photos") or []:
                try:
                    size: int | None = Path(str(path)).stat().st_size
                except OSError:
                    size = None
                self._add_photo_item(str(path), size)
        finally:
            self._loading = False
        self._draft_exists = True
        self._reset_lookup()
        if self._tag.text().strip():
            self._lookup_tag(announce=False)
        self._draft_status.setText(self.tr("Restored the unsaved bag."))
