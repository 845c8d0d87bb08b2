"""Keeping what is typed on the intake form as the user's draft, so a power cut loses seconds at
most: written shortly after each change (and at once on leaving a field or the form), removed when
the form is empty, and offered back the next time the form is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol, cast

from shiboken6 import isValid

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.domain import AgeGroup, Category, Sex
from app.errors import RepatError
from app.services.cases import drafts
from app.services.context import AppContext

DRAFT_DELAY_MS = 500

PER_BAG_TEXT_FIELDS = (
    "sender_tag", "bag_number", "claimed_name", "claimed_birth_date", "claimed_citizenship",
    "parent_case_number", "notes",
)


def has_typing(payload: dict[str, Any]) -> bool:
    """Whether a draft holds anything typed for its bag (the fields kept for the next bag do not count)."""
    if any(str(payload.get(k) or "").strip() for k in PER_BAG_TEXT_FIELDS):
        return True
    return bool(
        payload["condition_flags"] or payload["effects"] or payload["photos"]
        or payload["category"] != Category.COMPLETE.value
        or payload["apparent_sex"] != Sex.UNKNOWN.value
        or payload["age_group"] != AgeGroup.UNKNOWN.value
    )


class DraftForm(Protocol):
    """What the keeper needs of the form whose typing it keeps."""

    @property
    def round_id(self) -> str | None: ...

    def has_content(self) -> bool: ...

    def draft_payload(self) -> dict[str, Any]: ...

    def restore_draft(self, payload: dict[str, Any]) -> None: ...


class DraftKeeper(QObject):
    """The draft of one form. ``state`` goes "unchecked" -> "offering" (a draft is being offered
    back) -> "done"; changes are kept only when "done". ``answered`` fires when the offer was
    answered, ``failed`` carries the message when the refused draft could not be removed."""

    answered = Signal()
    failed = Signal(str)

    def __init__(self, ctx: AppContext, form: QWidget, status: QLabel) -> None:
        """``form``: the form whose typing is kept (a ``DraftForm``), the keeper's parent;
        ``status``: where to say so."""
        super().__init__(form)
        self._ctx = ctx
        self._status = status
        self.state = "unchecked"
        self.exists = False  # a draft is stored for this user
        self._box: QMessageBox | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_or_discard)

    @property
    def _form(self) -> QWidget:
        return cast(QWidget, self.parent())  # the parent, not an attribute: no cycle keeps the form alive

    @property
    def _source(self) -> DraftForm:
        return cast(DraftForm, self.parent())

    def changed(self) -> None:
        """Something was typed: keep it shortly."""
        if self.state == "done" and self._source.round_id is not None:
            self._timer.start()

    def pending(self) -> bool:
        """A change is waiting to be kept."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Write the draft now if a change is waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self.save_or_discard()

    def case_saved(self) -> None:
        """The bag was saved; the service removed the draft with the same transaction."""
        self._timer.stop()
        self.exists = False

    def save_or_discard(self) -> None:
        if self.state != "done" or self._source.round_id is None:
            return
        try:
            if self._source.has_content():
                drafts.save_draft(self._ctx, self._source.draft_payload())
                self.exists = True
                self._status.setText(
                    self.tr("Typing kept as a draft at %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
                )
            elif self.exists:
                drafts.discard_draft(self._ctx)
                self.exists = False
                self._status.setText("")
        except RepatError as exc:
            self._status.setText(self.tr("The draft could not be kept: %1").replace("%1", str(exc)))

    def maybe_offer(self) -> None:
        """Once a round is set: offer an unsaved bag back (when the form is visible), or start
        keeping drafts if there is none."""
        if not isValid(self) or self.state != "unchecked" or self._source.round_id is None:
            return
        try:
            payload = drafts.load_draft(self._ctx)
        except RepatError as exc:
            self._status.setText(str(exc))
            return
        if not payload:
            self.state = "done"
            return
        if not self._form.isVisible():
            return  # offered when the form is shown
        self.state = "offering"
        box = QMessageBox(self._form)
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
        if payload.get("round_id") and payload.get("round_id") != self._source.round_id:
            details.append(self.tr("It was typed for another round; check the round before saving."))
        box.setInformativeText("\n".join(details))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Restore"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.Yes)

        def answered(_r: int) -> None:
            self._box = None
            restore = box.clickedButton() is not box.button(QMessageBox.StandardButton.Discard)
            box.deleteLater()
            self.state = "done"
            if restore:
                self._source.restore_draft(payload)
            else:
                try:
                    drafts.discard_draft(self._ctx)
                except RepatError as exc:
                    self.failed.emit(str(exc))
            self.answered.emit()

        box.finished.connect(answered)
        self._box = box
        box.open()
