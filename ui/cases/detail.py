"""The case file: every field, claimed and established identity apart, effects, photos, custody
and the full history of versions; the editable fields can be changed and saved.

``CaseDetailDialog`` holds the header, the tabs, saving (with the conflict banner of
``ui.cases.conflict``) and closing; the tabs are in ``ui.cases.case_tab`` (case, identity),
``ui.cases.record_tables`` (effects, custody), ``ui.cases.photos``, ``ui.cases.history`` and
``ui.cases.candidates_tab`` (the register's applications the case may answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, RepatError, StaleEdit
from app.services.admin import accounts
from app.services.cases import case_file
from app.services.cases.case_file import CaseDetail
from app.services.context import AppContext
from app.services.rounds import rounds

from ui.cases.case_tab import CaseTab, IdentityTab
from ui.cases.conflict import ConflictBanner
from ui.cases.fields import display_value
from ui.cases.history import HistoryTree
from ui.cases.photos import PhotosTab
from ui.cases.record_tables import CustodyTable, EffectsTable
from ui.cases.void import VoidCaseDialog, may_void
from ui.widgets import labels

if TYPE_CHECKING:
    from ui.cases.candidates_tab import CandidatesTab

_ERROR_STYLE = "color: #b00020;"
_OK_STYLE = "color: #1b5e20; font-weight: bold;"


class CaseDetailDialog(QDialog):
    """The case file of one case; ``caseChanged`` is emitted after a successful save."""

    caseChanged = Signal(str)

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._detail: CaseDetail | None = None
        self._loading = False
        self._pending_mine: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self._authors: dict[str, str] = {}
        self._discard_box: QMessageBox | None = None
        self._discard_confirmed = False
        self.setObjectName("caseDetailDialog")
        self.setWindowTitle(self.tr("Case file"))
        self.setSizeGripEnabled(True)

        self._build()
        self.reload()
        self.resize(1000, 720)

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self._title = QLabel(self)
        self._title.setObjectName("caseTitle")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._title.setFont(font)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("caseSubtitle")
        self._badge = QLabel(self)
        self._badge.setObjectName("offManifestBadge")
        self._badge.setStyleSheet(
            "background: #ffdd96; color: #3a2a00; border: 1px solid #d4a017; border-radius: 3px; padding: 2px 6px;"
        )
        self._badge.setText(self.tr("Not on the manifest"))
        self._badge.hide()
        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addWidget(self._badge)
        header.addStretch(1)

        self._message = QLabel(self)
        self._message.setObjectName("caseMessage")
        self._message.setWordWrap(True)
        self._message.hide()

        self._conflict = ConflictBanner(self)
        self._conflict.keep_theirs.clicked.connect(self._conflict_keep_theirs)
        self._conflict.apply_mine.clicked.connect(self._conflict_apply_mine)

        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("caseTabs")
        self._case_tab = CaseTab(self)
        self._case_tab.edited.connect(self._edited)
        self._tabs.addTab(self._case_tab, self.tr("&Case"))
        self._identity_tab = IdentityTab(self)
        self._tabs.addTab(self._identity_tab, self.tr("&Identity"))
        self._effects = EffectsTable(self)
        self._tabs.addTab(self._effects, self.tr("&Effects"))
        self._photos = PhotosTab(self._ctx, self)
        self._photos.failed.connect(lambda text: self._show_message(text, error=True))
        self._tabs.addTab(self._photos, self.tr("&Photos"))
        self._custody = CustodyTable(self)
        self._tabs.addTab(self._custody, self.tr("C&ustody"))
        self._history = HistoryTree(self)
        self._tabs.addTab(self._history, self.tr("&History"))
        # imported here: the fuzzy matching behind it is not needed before a case file opens
        from ui.cases.candidates_tab import CandidatesTab

        self._candidates = CandidatesTab(self._ctx, self._case_id, self)
        self._tabs.addTab(self._candidates, self.tr("Can&didates"))

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self._save_button = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setObjectName("saveCase")
        self._save_button.setToolTip(self.tr("Save the changed fields (Ctrl+S)"))
        self._buttons.accepted.connect(self.save)
        self._buttons.rejected.connect(self.reject)
        self._forensics_button = self._buttons.addButton(self.tr("&Forensics…"), QDialogButtonBox.ButtonRole.ActionRole)
        self._forensics_button.setToolTip(self.tr("Record examination, samples, identification and release"))
        self._forensics_button.clicked.connect(self.open_forensics)
        self._sheet_button = self._buttons.addButton(self.tr("Case s&heet…"), QDialogButtonBox.ButtonRole.ActionRole)
        self._sheet_button.setToolTip(self.tr("Print this case on one or two A4 pages"))
        self._sheet_button.clicked.connect(self.open_case_sheet)
        self._void_button = self._buttons.addButton(self.tr("&Void case…"), QDialogButtonBox.ButtonRole.ActionRole)
        self._void_button.setObjectName("voidCase")
        self._void_button.setToolTip(self.tr("Void a case recorded in error, with the reason (supervisors)"))
        self._void_button.setVisible(may_void(self._ctx))
        self._void_button.clicked.connect(self.open_void)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self._subtitle)
        layout.addWidget(self._conflict)
        layout.addWidget(self._message)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(self._buttons)

    def open_forensics(self) -> None:
        from ui.forensics.window import ForensicsDialog

        dialog = ForensicsDialog(self._ctx, self._case_id, self)
        dialog.exec()
        dialog.deleteLater()
        self.reload()
        self.caseChanged.emit(self._case_id)

    def open_void(self) -> None:
        if self.changes():
            self._show_message(self.tr("Save or discard your changes to this case first."), error=True)
            return
        dialog = VoidCaseDialog(self._ctx, self._case_id, self._title.text(), self)
        voided = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if voided:
            self.reload()
            self._show_message(self.tr("Case %1 is void.").replace("%1", self._title.text()), error=False)
            self.caseChanged.emit(self._case_id)

    def open_case_sheet(self) -> None:
        from ui.documents.case_documents import open_case_sheet

        open_case_sheet(self._ctx, self._case_id, self)

    # --- loading --------------------------------------------------------------------------

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    @property
    def history_tree(self) -> QTreeWidget:
        return self._history

    @property
    def photo_list(self) -> QListWidget:
        return self._photos.photo_list

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

    @property
    def candidates_tab(self) -> CandidatesTab:
        return self._candidates

    def reload(self) -> None:
        """Read the case again; unsaved edits are replaced by what is stored."""
        try:
            detail = case_file.get_case(self._ctx, self._case_id)
        except RepatError as exc:
            self._show_message(str(exc), error=True)
            self._tabs.setEnabled(False)
            self._save_button.setEnabled(False)
            return
        self._detail = detail
        self._names = self._id_names(detail)
        self._fill(detail)

    def _id_names(self, detail: CaseDetail) -> dict[str, str]:
        names: dict[str, str] = {}
        try:
            for user, _active in accounts.list_users(self._ctx):
                names[user.id] = user.full_name or user.username
                self._authors[user.username] = user.full_name or user.username
        except RepatError:
            pass
        round_id = next(
            (e.changed["round_id"][1] for e in detail.history if e.table == "cases" and "round_id" in e.changed),
            None,
        )
        if isinstance(round_id, str):
            names[round_id] = detail.round_code
            try:
                for unit in rounds.list_transport_units(self._ctx, round_id):
                    names[unit.id] = unit.label
            except RepatError:
                pass
        return names

    def _fill(self, d: CaseDetail) -> None:
        f = d.fields
        self._loading = True
        try:
            self.setWindowTitle(self.tr("Case file %1").replace("%1", str(f["case_number"])))
            self._title.setText(str(f["case_number"]))
            subtitle = (
                self.tr("Round %1 · tag %2 · %3")
                .replace("%1", d.round_code)
                .replace("%2", f["sender_tag"] or self.tr("(none)"))
                .replace("%3", labels.status(f["status"]))
            )
            if f.get("established_name"):
                subtitle += " \u00b7 " + self.tr("identified as %1").replace("%1", str(f["established_name"]))
            elif f.get("claimed_name"):
                subtitle += " \u00b7 " + self.tr("claimed: %1").replace("%1", str(f["claimed_name"]))
            if f.get("voided"):
                subtitle = self.tr("VOID: %1").replace("%1", str(f.get("void_reason") or "")) + " \u00b7 " + subtitle
            self._void_button.setEnabled(not f.get("voided"))
            self._subtitle.setText(subtitle)
            self._badge.setVisible(bool(f["off_manifest"]))
            self._case_tab.fill(d)
            self._identity_tab.fill(d)
            self._fill_effects(d)
            self._fill_photos(d)
            self._fill_custody(d)
            self._fill_history(d)
        finally:
            self._loading = False
        self._update_dirty()

    def _fill_effects(self, d: CaseDetail) -> None:
        self._effects.fill(d)
        self._tabs.setTabText(2, self.tr("&Effects (%1)").replace("%1", str(len(d.effects))))

    def _fill_photos(self, d: CaseDetail) -> None:
        self._photos.fill(d)
        self._tabs.setTabText(3, self.tr("&Photos (%1)").replace("%1", str(len(d.attachments))))

    def thumbnails_loaded(self) -> int:
        return self._photos.thumbnails_loaded()

    def _fill_custody(self, d: CaseDetail) -> None:
        self._custody.fill(d)
        self._tabs.setTabText(4, self.tr("C&ustody (%1)").replace("%1", str(len(d.custody))))

    def _fill_history(self, d: CaseDetail) -> None:
        self._history.fill(d, self._authors, self._value)
        self._tabs.setTabText(5, self.tr("&History (%1)").replace("%1", str(len(d.history))))

    def _value(self, key: str, value: Any) -> str:
        if key == "manifest_line_id" and value:
            return self.tr("linked")
        return display_value(key, value, self._names)

    def history_rows(self) -> list[tuple[str, str, str, str]]:
        """(record, field, before, after) for every changed field shown, newest first."""
        return self._history.rows()

    # --- editing --------------------------------------------------------------------------

    def current_values(self) -> dict[str, str]:
        return self._case_tab.values()

    def changes(self) -> dict[str, str]:
        if self._detail is None:
            return {}
        stored = self._detail.fields
        return {
            k: v for k, v in self.current_values().items() if v != str(stored.get(k) or "").strip()
        }

    def _edited(self) -> None:
        if not self._loading:
            self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = bool(self.changes())
        self._save_button.setEnabled(dirty and self._detail is not None)
        title = self.windowTitle().removeprefix("* ")
        self.setWindowTitle(f"* {title}" if dirty else title)

    def _apply_values(self, values: dict[str, Any]) -> None:
        self._case_tab.apply_values(values)

    def save(self) -> bool:
        """Save the changed fields; on a conflicting edit, show theirs and let the user choose."""
        if self._detail is None:
            return False
        changes = self.changes()
        if not changes:
            self._show_message(self.tr("Nothing to save: no field was changed."), error=False)
            return True
        try:
            detail = case_file.update_case(self._ctx, self._case_id, self._detail.rev, dict(changes))
        except StaleEdit as err:
            self._show_conflict(err, changes)
            return False
        except NotFound as exc:
            self._show_message(str(exc), error=True)
            return False
        except RepatError as exc:
            self._show_message(str(exc), error=True)
            return False
        self._detail = detail
        self._conflict.hide()
        self._fill(detail)
        self._show_message(self.tr("Saved."), error=False)
        self.caseChanged.emit(self._case_id)
        return True

    def _show_conflict(self, err: StaleEdit, mine: dict[str, Any]) -> None:
        self._pending_mine = dict(mine)
        self._conflict.show_conflict(err, mine, self._value)

    def conflict_visible(self) -> bool:
        return not self._conflict.isHidden()

    def _conflict_keep_theirs(self) -> None:
        self._pending_mine = {}
        self._conflict.hide()
        self.reload()
        self._show_message(self.tr("Reloaded: their version is shown; your change was not saved."), error=False)

    def _conflict_apply_mine(self) -> None:
        mine = self._pending_mine
        self._pending_mine = {}
        self._conflict.hide()
        self.reload()
        self._apply_values(mine)
        self.save()

    def _show_message(self, text: str, *, error: bool) -> None:
        self._message.setStyleSheet(_ERROR_STYLE if error else _OK_STYLE)
        self._message.setText(text)
        self._message.show()

    # --- closing --------------------------------------------------------------------------

    def reject(self) -> None:
        """Close; with unsaved changes, first ask (the box does not block the application)."""
        if not self.changes() or self._discard_confirmed:
            super().reject()
            return
        if self._discard_box is not None:
            return
        box = QMessageBox(self)
        box.setObjectName("discardChangesBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Discard your changes to this case?"))
        box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def answered(_r: int) -> None:
            self._discard_box = None
            discard = box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)
            box.deleteLater()
            if discard:
                self._discard_confirmed = True
                self.reject()

        box.finished.connect(answered)
        self._discard_box = box
        box.open()
