"""The intake form: one bag after another, keyboard- and scanner-first.

A USB barcode scanner types the tag and Enter: the tag is looked up at once (on the manifest,
already received, or not on the manifest) and the claimed identity is filled from the manifest.
Enter anywhere else (Ctrl+Enter in multi-line fields) saves the bag; the form then keeps the
round, transport unit and storage location and is ready for the next scan. What is typed is kept
as a draft continuously, so a power cut loses seconds at most.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.errors import RepatError, ValidationError
from app.services.cases import intake
from app.services.cases.intake import DuplicateTag, EffectData, IntakeData, IntakeResult, PhotoData
from app.services.context import CAN_RECORD_INTAKE, AppContext
from app.services.rounds import rounds

from ui.intake.draft_keeper import DraftKeeper, has_typing
from ui.intake.field_groups import BagBox, EffectsBox, IdentityBox, NotesBox
from ui.intake.photos_box import PhotosBox
from ui.intake.questions import DiscardBagBox, DuplicateTagBox
from ui.intake.reception import ReceptionBox
from ui.intake.scan_guard import ScanGuard
from ui.intake.status_lines import ErrorLine, SaveBar, SavedLine
from ui.intake.tag_row import TagRow
from ui.widgets.retranslate import Retranslating

DRAFT_VERSION = 1

_FORM_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QTableWidget[invalid="true"], QListWidget[invalid="true"] { border: 2px solid #c62828; }
"""


class IntakeForm(Retranslating, QWidget):
    """Records one bag after another into the current round; ``caseSaved`` carries the new case id."""

    caseSaved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._round_id: str | None = None
        self._loading = False
        self._duplicate_box: DuplicateTagBox | None = None
        self._clear_box: DiscardBagBox | None = None
        self._last_result: IntakeResult | None = None
        self.setObjectName("intakeForm")

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
        self._tag_row = TagRow(self._ctx, content)
        self._tag = self._tag_row.tag
        self._tag_row.refused.connect(self._tag_refused)
        self._tag_row.failed.connect(self._show_error)

        self._saved_label = SavedLine(content)

        self._round_hint = QLabel(content)
        self._round_hint.setObjectName("roundHint")

        # The bag, and the claimed identity (a claim, never a fact).
        self._bag_box = bag_box = BagBox(content)
        self._id_box = id_box = IdentityBox(content)
        self._tag_row.fill_into(bag_box, id_box)

        # Personal effects and photos.
        self._effects_box = effects_box = EffectsBox(content)
        self._effects = effects_box.editor

        self._photos_box = photos_box = PhotosBox(content)
        self._photos_box.refused.connect(self._show_error)

        self._notes_box = notes_box = NotesBox(content)
        self._notes = notes_box.notes

        # Bottom bar: errors, draft status and the buttons.
        self._error = ErrorLine(content)
        self._save_bar = SaveBar(self)
        self._draft_status = self._save_bar.draft_status
        self._drafts = DraftKeeper(self._ctx, self, self._draft_status)
        self._drafts.answered.connect(self.focus_tag)
        self._drafts.failed.connect(self._show_error)
        self._clear_button = self._save_bar.clear_button
        self._clear_button.clicked.connect(self.ask_clear)
        self._save_button = self._save_bar.save_button
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

        layout = QVBoxLayout(content)
        layout.addWidget(self._round_hint)
        layout.addWidget(self._tag_row)
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
        outer.addWidget(self._save_bar)

        self._inputs: list[QWidget] = [
            self._tag, self._reception, bag_box, id_box, effects_box, photos_box, notes_box, self._clear_button,
            self._save_button,
        ]
        order: list[QWidget] = [
            self._tag, *self._reception.focus_widgets(), *bag_box.focus_widgets(), *id_box.focus_widgets(),
            *self._effects.focus_widgets(), *photos_box.focus_widgets(), self._notes, self._save_button,
            self._clear_button,
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

        # the fields the focus is in right after a scan: a second scan must not land (and save) there
        self._scan_guard = ScanGuard(self)
        self._scan_guard.scanned.connect(self._tag_row.take_scan)
        for field in (bag_box.bag, bag_box.unit, bag_box.category):
            self._scan_guard.watch(field)
        self._tag.textEdited.connect(self._tag_edited)
        self._error.fields = {
            "sender_tag": self._tag, "transport_unit_id": bag_box.unit, "bag_number": bag_box.bag,
            "category": bag_box.category, "apparent_sex": bag_box.sex, "age_group": bag_box.age,
            "storage_location": bag_box.location, "parent": bag_box.parent_case, "effects": self._effects.table,
            "claimed_name": id_box.name, "notes": self._notes, "received_at": self._reception.focus_widget(),
        }
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the form in the current language; what is typed and chosen stays."""
        # the texts that follow what happened on the form
        self._set_enabled_for_round()
        if self._last_result is not None and not self._saved_label.isHidden():
            self._saved_label.setText(self._saved_text(self._last_result))

    def _connect_changes(self) -> None:
        self._tag.textChanged.connect(self._changed)
        self._bag_box.changed.connect(self._changed)
        self._id_box.changed.connect(self._changed)
        self._notes.textChanged.connect(self._changed)
        self._effects.changed.connect(self._changed)
        self._reception.changed.connect(self._changed)
        self._photos_box.changed.connect(self._changed)

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
        self._tag_row.set_round(round_id)
        self._loading = True
        try:
            self._load_units()
        finally:
            self._loading = False
        self._tag_row.reset_lookup()
        self._set_enabled_for_round()
        if round_id and self._tag.text().strip():
            self._tag_row.lookup_tag(announce=False)
        self._drafts.maybe_offer()

    def focus_tag(self) -> None:
        self._tag.setFocus(Qt.FocusReason.OtherFocusReason)
        self._tag.selectAll()

    # --- transport units ------------------------------------------------------------------

    def _load_units(self) -> None:
        units = None
        if self._round_id:
            try:
                units = rounds.list_transport_units(self._ctx, self._round_id)
            except RepatError as exc:
                self._show_error(str(exc))
                units = []
        self._bag_box.set_units(units)

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

    def _tag_edited(self, _text: str) -> None:
        if self._error.is_marked(self._tag):  # what was wrong with the tag is being corrected
            self._clear_invalid()
            self._show_error("")

    def _tag_refused(self, message: str, fields: dict[str, str]) -> None:
        self._clear_invalid()
        self._show_error(message, fields)

    def indicator_kind(self) -> str:
        """"manifest", "off_manifest", "duplicate" or "" (for tests and the main window)."""
        return self._tag_row.indicator.kind()

    def indicator_text(self) -> str:
        return self._tag_row.indicator.shown_text()

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
            **self._bag_box.values(),
            notes=self._notes.toPlainText().strip(),
            **self._id_box.values(),
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
        if self._duplicate_box is not None or self._drafts.state == "offering":
            return
        if self._tag.text().strip() != (self._tag_row.looked_up_tag or "") and self._tag.text().strip():
            self._tag_row.lookup_tag(announce=False)
        self._record(confirm_duplicate=False)

    def _record(self, *, confirm_duplicate: bool) -> None:
        self._clear_invalid()
        try:
            data = self.collect()
            result = intake.record_intake(self._ctx, data, confirm_duplicate=confirm_duplicate)
        except DuplicateTag as err:
            self._show_error("")
            self._tag_row.indicator.show_duplicate(err.tag, err.case_numbers)
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
        box = DuplicateTagBox(err, self)
        box.finished.connect(lambda _r: self._duplicate_answered(box))
        self._duplicate_box = box
        box.open()

    def _duplicate_answered(self, box: DuplicateTagBox) -> None:
        self._duplicate_box = None
        confirmed = box.confirmed()
        box.deleteLater()
        if confirmed:
            self._record(confirm_duplicate=True)
        else:
            self.focus_tag()

    def _saved(self, result: IntakeResult) -> None:
        self._drafts.case_saved()
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
        return self._saved_label.shown_text()

    def error_text(self) -> str:
        return self._error.shown_text()

    def _show_error(self, message: str, fields: dict[str, str] | None = None) -> None:
        if message:  # the green "Saved …" line belongs to the bag before; it must not sit under a warning
            self._saved_label.hide()
        self._error.show_error(message, fields)

    def _clear_invalid(self) -> None:
        self._error.clear_invalid()

    def clear_bag(self) -> None:
        """Empty the per-bag fields; the round, transport unit and storage location stay."""
        self._loading = True
        try:
            self._tag.clear()
            self._bag_box.clear_bag()
            self._id_box.clear_bag()
            self._notes.clear()
            self._effects.clear()
            self._photos_box.clear()
        finally:
            self._loading = False
        self._tag_row.forget_fill()
        self._clear_invalid()
        self._tag_row.reset_lookup()

    def ask_clear(self) -> None:
        """Discard what was typed for this bag, after a confirmation."""
        if not self.has_content():
            self.clear_bag()
            self.focus_tag()
            return
        box = DiscardBagBox(self)

        def answered(_r: int) -> None:
            self._clear_box = None
            if box.confirmed():
                self.clear_bag()
                self._drafts.save_or_discard()
                self.focus_tag()
            box.deleteLater()

        box.finished.connect(answered)
        self._clear_box = box
        box.open()

    # --- photos ---------------------------------------------------------------------------

    def photo_paths(self) -> list[str]:
        return self._photos_box.photo_paths()

    def choose_photos(self) -> None:
        self._photos_box.choose_photos()

    def add_photos(self, paths: list[str]) -> None:
        """Attach files by path; refused files are named in the error line, the rest are added."""
        self._photos_box.add_photos(paths)

    def remove_selected_photos(self) -> None:
        self._photos_box.remove_selected_photos()

    # --- drafts ---------------------------------------------------------------------------

    def has_content(self) -> bool:
        """Whether anything was typed for the current bag (the kept fields do not count)."""
        return has_typing(self.draft_payload())

    def draft_payload(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "typed_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "round_id": self._round_id,
            "sender_tag": self._tag.text(),
            **self._bag_box.draft_values(),
            **self._id_box.draft_values(),
            "notes": self._notes.toPlainText(),
            "effects": self._effects.effects(),
            "photos": self.photo_paths(),
        }

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._drafts.changed()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if not isValid(self) or not self._drafts.pending():
            return
        if old is not None and isValid(old) and self.isAncestorOf(old):
            self.flush_draft()

    def flush_draft(self) -> None:
        """Write the draft now if a change is waiting (also on focus changes and when hidden)."""
        self._drafts.flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._drafts.state == "unchecked":
            QTimer.singleShot(0, self._drafts.maybe_offer)
        QTimer.singleShot(0, self._focus_on_show)

    def _focus_on_show(self) -> None:
        if isValid(self) and self._drafts.state != "offering" and self._tag.isEnabled():
            self._tag.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_draft()
        super().hideEvent(event)

    def restore_draft(self, payload: dict[str, Any]) -> None:
        """Put a saved draft back into the form."""
        self._loading = True
        try:
            self._tag.setText(str(payload.get("sender_tag") or ""))
            self._bag_box.restore(payload)
            self._id_box.restore(payload)
            self._notes.setPlainText(str(payload.get("notes") or ""))
            effects = payload.get("effects") or []
            self._effects.set_effects([e for e in effects if isinstance(e, dict)])
            self._photos_box.set_photos(payload.get("photos") or [])
        finally:
            self._loading = False
        self._drafts.exists = True
        self._tag_row.reset_lookup()
        if self._tag.text().strip():
            self._tag_row.lookup_tag(announce=False)
        self._draft_status.setText(self.tr("Restored the unsaved bag."))
