"""The tag row of the intake form: the tag field, where a scanner's Enter means "look this tag up",
the lookup of the tag in the round, and the indicator that says what it found (on the manifest,
not on it, already received). A scan that lands in another field is taken back out here too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from app.domain import normalize_tag
from app.errors import RepatError, ValidationError
from app.services.cases import intake
from app.services.cases.intake import TagLookup
from app.services.context import AppContext

from ui.intake.field_groups import BagBox, IdentityBox
from ui.widgets.retranslate import Retranslating

# Indicator colours: background, border, text.
_GREEN = ("#e3f5e1", "#2e7d32", "#1b4d1e")
_AMBER = ("#fff3cd", "#d4a017", "#5c4300")
_RED = ("#fde0e0", "#c62828", "#7f0000")


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


class TagIndicator(QLabel):
    """Green: on the manifest; amber: not on the manifest; red: already received. Hidden while
    there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagIndicator")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.hide()
        self._kind = ""

    def kind(self) -> str:
        """"manifest", "off_manifest", "duplicate" or ""."""
        return self._kind

    def shown_text(self) -> str:
        return self.text() if not self.isHidden() else ""

    def show_lookup(self, lookup: TagLookup, tag: str) -> None:
        """What the lookup of ``tag`` found."""
        if lookup.already_received:
            text = self.tr(
                "ALREADY RECEIVED: tag %1 was received in this round as %2. Check the bag; saving it "
                "will ask you to confirm it is another bag with the same tag."
            ).replace("%1", tag).replace("%2", ", ".join(lookup.received_as))
            if not lookup.on_manifest:
                text += " " + self.tr("The tag is not on the manifest either.")
            self.set_state("duplicate", text)
        elif lookup.on_manifest:
            self.set_state(
                "manifest",
                self.tr("On the manifest — claimed identity filled in from the sending side's list."),
            )
        else:
            self.set_state(
                "off_manifest", self.tr("Not on the manifest — will be recorded as a discrepancy.")
            )

    def show_duplicate(self, tag: str, case_numbers: list[str]) -> None:
        """Saving found the tag already received (as ``case_numbers``)."""
        self.set_state(
            "duplicate",
            self.tr("ALREADY RECEIVED: tag %1 was received in this round as %2.")
            .replace("%1", tag)
            .replace("%2", ", ".join(case_numbers)),
        )

    def set_state(self, kind: str, text: str) -> None:
        """Show ``text`` in the colours of ``kind`` ("" hides the indicator)."""
        self._kind = kind
        colours = {"manifest": _GREEN, "off_manifest": _AMBER, "duplicate": _RED}.get(kind)
        if colours is None:
            self.hide()
            self.setText("")
            return
        bg, border, fg = colours
        weight = "bold" if kind == "duplicate" else "normal"
        width = 3 if kind == "duplicate" else 1
        self.setStyleSheet(
            f"QLabel#tagIndicator {{ background: {bg}; color: {fg}; border: {width}px solid {border}; "
            f"border-radius: 4px; padding: 6px 10px; font-weight: {weight}; }}"
        )
        self.setText(text)
        self.show()


class TagRow(Retranslating, QWidget):
    """The tag row: the label, the tag field and the indicator; it looks the tag up in the round
    and fills the claim on the manifest into the form's groups (``fill_into``).

    ``refused`` (message, fields) says the text cannot be a tag; ``failed`` carries a message for
    the error line."""

    refused = Signal(str, object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._round_id: str | None = None
        self._lookup: TagLookup | None = None
        self._looked_up_tag: str | None = None
        self._autofill: dict[str, str] = {}
        self._bag_box: BagBox | None = None
        self._id_box: IdentityBox | None = None
        self.tag = TagLineEdit(self)
        self.tag.setObjectName("tagField")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.tag.setFont(big)
        self.tag.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self._tag_label = QLabel(self)
        self._tag_label.setFont(big)
        self._tag_label.setBuddy(self.tag)

        self.indicator = TagIndicator(self)
        self.indicator.setMinimumHeight(self.tag.sizeHint().height())

        tag_row = QHBoxLayout(self)
        tag_row.setContentsMargins(0, 0, 0, 0)
        tag_row.addWidget(self._tag_label)
        tag_row.addWidget(self.tag)
        tag_row.addSpacing(8)
        tag_row.addWidget(self.indicator, 1)

        self.tag.scanned.connect(self._tag_scanned)
        self.tag.editingFinished.connect(self._tag_editing_finished)
        self.tag.textEdited.connect(self._tag_edited)
        self.retranslate()

    def retranslate(self) -> None:
        """The row's texts in the current language; the tag and what was found stay."""
        self.tag.setAccessibleName(self.tr("Sender's tag"))
        self.tag.setPlaceholderText(self.tr("Scan or type the tag"))
        self._tag_label.setText(self.tr("&Tag:"))
        if self._lookup is not None:
            self.indicator.show_lookup(self._lookup, self._looked_up_tag or "")

    def fill_into(self, bag_box: BagBox, id_box: IdentityBox) -> None:
        """Fill the manifest's claim into these groups; after a scan the bag number is next."""
        self._bag_box = bag_box
        self._id_box = id_box

    def forget_fill(self) -> None:
        """A new bag: what the last fill put in is no longer the officer's to keep."""
        self._autofill = {}

    def set_round(self, round_id: str | None) -> None:
        """Look tags up in this round."""
        self._round_id = round_id

    @property
    def looked_up_tag(self) -> str | None:
        """The tag the indicator speaks of (None: none was looked up since the last edit)."""
        return self._looked_up_tag

    def _tag_edited(self, text: str) -> None:
        if text.strip() != (self._looked_up_tag or ""):
            self._lookup = None
            self._looked_up_tag = None
            self.indicator.set_state("", "")

    def _tag_scanned(self) -> None:
        lookup = self.lookup_tag(announce=True)
        if lookup is None:
            return
        if lookup.already_received:
            self.tag.selectAll()
            return
        assert self._bag_box is not None
        self._bag_box.bag.setFocus(Qt.FocusReason.OtherFocusReason)
        self._bag_box.bag.selectAll()

    def take_scan(self, field: QWidget, text: str) -> None:
        """A scanner's burst arrived in ``field`` (see ``ScanGuard``): it was taken back out."""
        tag = self.tag.text().strip()
        QApplication.beep()
        if not tag:  # the tag field was empty: this is the bag's tag, scanned with the focus elsewhere
            self.tag.setText(text.strip())
            self.tag.setFocus(Qt.FocusReason.OtherFocusReason)
            self._tag_scanned()
            return
        if normalize_tag(text) == normalize_tag(tag):
            message = self.tr("Tag %1 was scanned a second time; nothing changed. Save the bag with Enter in an "
                              "empty field or Ctrl+Enter.").replace("%1", tag)
        else:
            message = self.tr("A scan (%1) arrived in a field that is not for scans; it was left out and nothing "
                              "was saved. Save this bag first (Ctrl+Enter), then scan the next tag.").replace(
                                  "%1", text.strip())
        self.failed.emit(message)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tag_editing_finished(self) -> None:
        if self.tag.text().strip() != (self._looked_up_tag or ""):
            self.lookup_tag(announce=True)

    def reset_lookup(self) -> None:
        self._lookup = None
        self._looked_up_tag = None
        self.indicator.set_state("", "")

    def lookup_tag(self, *, announce: bool) -> TagLookup | None:
        """Look the tag up; ``announce``: beep and keep the focus on the tag when it needs a look."""
        tag = self.tag.text().strip()
        if not tag or not self._round_id:
            self.reset_lookup()
            return None
        try:
            intake.check_tag_length(tag)  # refused on Enter, not only on save
            lookup = intake.lookup_tag(self._ctx, self._round_id, tag)
        except ValidationError as exc:
            self.reset_lookup()
            self.refused.emit(str(exc), exc.fields)
            if announce:
                QApplication.beep()
                self.tag.selectAll()
            return None
        except RepatError as exc:
            self.failed.emit(str(exc))
            return None
        self._lookup = lookup
        self._looked_up_tag = tag
        assert self._bag_box is not None and self._id_box is not None
        if lookup.on_manifest:
            self._fill_from_manifest(lookup, self._bag_box, self._id_box)
        else:
            self._id_box.clear_claim_source()
        self.indicator.show_lookup(lookup, tag)
        if lookup.already_received and announce:
            QApplication.beep()
            self.tag.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tag.selectAll()
        return lookup

    def _fill_from_manifest(self, lookup: TagLookup, bag_box: BagBox, id_box: IdentityBox) -> None:
        """Fill the claimed identity, keeping anything the officer typed over an earlier fill."""
        id_box.fill_from_manifest(lookup, self._autofill)
        bag_box.fill_from_manifest(lookup, self._autofill)
