"""The case file: every field, claimed and established identity apart, effects, photos, custody
and the full history of versions; the editable fields can be changed and saved."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetrics,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import AgeGroup, Category, ConditionFlag, Sex
from app.errors import NotFound, RepatError, StaleEdit
from app.services.admin import accounts
from app.services.cases import case_file
from app.services.cases.case_file import AttachmentView, CaseDetail, HistoryEntry
from app.services.context import AppContext
from app.services.rounds import rounds

from ui.cases.fields import display_value, effect_value, field_label, local_time, table_label, yes_no
from ui.cases.void import VoidCaseDialog, may_void
from ui.widgets import labels, tasks

THUMBNAIL = 160
EDITABLE = ("bag_number", "category", "condition_flags", "apparent_sex", "age_group", "storage_location", "notes")

_ERROR_STYLE = "color: #b00020;"
_OK_STYLE = "color: #1b5e20; font-weight: bold;"
_CONFLICT_STYLE = "QFrame#conflictBanner { background: #fff3cd; border: 1px solid #d4a017; border-radius: 4px; }"


def _read_only_table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class PhotoViewer(QDialog):
    """One photo, fitted to the window (or at full size)."""

    def __init__(self, ctx: AppContext, attachment: AttachmentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.filename)
        self._image = QImage()
        self._label = QLabel(self.tr("Loading…"), self)
        self._label.setObjectName("photoViewerImage")
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self._label)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(attachment.caption or attachment.filename, self)
        caption.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(caption)
        layout.addWidget(close)
        self.resize(1000, 760)

        sha = attachment.sha256

        def load(_progress: Callable[[int, int, str], None], _token: object) -> QImage:
            return QImage.fromData(QByteArray(case_file.attachment_bytes(ctx, sha)))

        def done(result: object) -> None:
            if not isValid(self) or not isinstance(result, QImage):
                return
            if result.isNull():
                self._label.setText(self.tr("This file cannot be shown as a picture."))
                return
            self._image = result
            self._fit()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._label.setText(tasks.error_text(exc))

        tasks.start(load, done, failed)

    @property
    def image(self) -> QImage:
        return self._image

    def _fit(self) -> None:
        if self._image.isNull():
            return
        holder = self._label.parentWidget()
        area = holder.size() if holder is not None else self.size()
        pixmap = QPixmap.fromImage(self._image)
        if pixmap.width() > area.width() or pixmap.height() > area.height():
            pixmap = pixmap.scaled(
                area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self._label.setPixmap(pixmap)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()


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
        self._thumb_items: dict[str, QListWidgetItem] = {}
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

        self._conflict = QFrame(self)
        self._conflict.setObjectName("conflictBanner")
        self._conflict.setStyleSheet(_CONFLICT_STYLE)
        self._conflict_text = QLabel(self._conflict)
        self._conflict_text.setObjectName("conflictText")
        self._conflict_text.setWordWrap(True)
        self._conflict_text.setTextFormat(Qt.TextFormat.RichText)
        self._keep_theirs = QPushButton(self.tr("&Reload (keep theirs)"), self._conflict)
        self._keep_theirs.setObjectName("keepTheirs")
        self._keep_theirs.clicked.connect(self._conflict_keep_theirs)
        self._apply_mine = QPushButton(self.tr("&Apply mine on top"), self._conflict)
        self._apply_mine.setObjectName("applyMine")
        self._apply_mine.clicked.connect(self._conflict_apply_mine)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        conflict_buttons.addWidget(self._keep_theirs)
        conflict_buttons.addWidget(self._apply_mine)
        conflict_layout = QVBoxLayout(self._conflict)
        conflict_layout.addWidget(self._conflict_text)
        conflict_layout.addLayout(conflict_buttons)
        self._conflict.hide()

        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("caseTabs")
        self._tabs.addTab(self._build_case_tab(), self.tr("&Case"))
        self._tabs.addTab(self._build_identity_tab(), self.tr("&Identity"))
        self._effects = _read_only_table(
            [self.tr("Category"), self.tr("Description"), self.tr("Quantity"), self.tr("Container / seal")], self
        )
        self._effects.setObjectName("effectsTable")
        self._effects.setColumnWidth(0, 140)
        self._effects.setColumnWidth(1, 380)
        self._effects.setColumnWidth(2, 80)
        self._tabs.addTab(self._effects, self.tr("&Effects"))
        self._photos = QListWidget(self)
        self._photos.setObjectName("photoList")
        self._photos.setViewMode(QListView.ViewMode.IconMode)
        self._photos.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self._photos.setGridSize(QSize(THUMBNAIL + 48, THUMBNAIL + 56))
        self._photos.setResizeMode(QListView.ResizeMode.Adjust)
        self._photos.setMovement(QListView.Movement.Static)
        self._photos.setWordWrap(True)
        self._photos.setViewportMargins(8, 8, 8, 8)
        self._photos.itemActivated.connect(self._open_photo)
        photos_page = QWidget(self)
        photos_layout = QVBoxLayout(photos_page)
        photos_layout.addWidget(self._photos, 1)
        photos_hint = QLabel(self.tr("Double-click a photo, or select it and press Enter, to see it larger."), photos_page)
        photos_hint.setEnabled(False)
        photos_layout.addWidget(photos_hint)
        self._tabs.addTab(photos_page, self.tr("&Photos"))
        self._custody = _read_only_table(
            [
                self.tr("When"), self.tr("Event"), self.tr("Place"), self.tr("From"), self.tr("To"),
                self.tr("Seals before"), self.tr("Seals after"), self.tr("Witnesses"), self.tr("Recorded by"),
                self.tr("Notes"),
            ],
            self,
        )
        self._custody.setObjectName("custodyTable")
        self._custody.horizontalHeader().setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 10)
        self._tabs.addTab(self._custody, self.tr("C&ustody"))
        self._history = QTreeWidget(self)
        self._history.setObjectName("historyTree")
        self._history.setHeaderLabels(
            [self.tr("When"), self.tr("By"), self.tr("Device"), self.tr("Record"), self.tr("Field"),
             self.tr("Before"), self.tr("After")]
        )
        self._history.setAlternatingRowColors(True)
        self._history.setUniformRowHeights(True)
        self._history.setRootIsDecorated(True)
        char = self.fontMetrics().averageCharWidth()
        bold = QFont(self._history.font())
        bold.setBold(True)
        when = QFontMetrics(bold).horizontalAdvance("0000-00-00 00:00:00") + self._history.indentation() + 16
        self._history.setColumnWidth(0, when)
        for column, chars in enumerate((20, 6, 16, 22, 20), start=1):
            self._history.setColumnWidth(column, chars * char + 12)
        self._tabs.addTab(self._history, self.tr("&History"))

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
        from ui.documents.dialogs import open_case_sheet

        open_case_sheet(self._ctx, self._case_id, self)

    def _build_case_tab(self) -> QWidget:
        page = QWidget(self)
        receipt = QGroupBox(self.tr("Receipt"), page)
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

        desc = QGroupBox(self.tr("Description (editable)"), page)
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

        layout = QHBoxLayout(page)
        layout.addWidget(receipt, 2)
        layout.addWidget(desc, 3)
        return page

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, widget.parentWidget())
        label.setBuddy(widget)
        return label

    def _build_identity_tab(self) -> QWidget:
        page = QWidget(self)
        claimed = QGroupBox(self.tr("Claimed identity — what the sending side or documents say"), page)
        claimed.setObjectName("claimedIdentity")
        established = QGroupBox(self.tr("Established identity — forensic identification"), page)
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
        layout = QHBoxLayout(page)
        layout.addWidget(claimed, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(established, 1, Qt.AlignmentFlag.AlignTop)
        return page

    # --- loading --------------------------------------------------------------------------

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    @property
    def history_tree(self) -> QTreeWidget:
        return self._history

    @property
    def photo_list(self) -> QListWidget:
        return self._photos

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

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

            for key, label in self._identity.items():
                label.setText(display_value(key, f.get(key)))
            self._not_identified.setVisible(not f.get("established_name"))

            self._fill_effects(d)
            self._fill_photos(d)
            self._fill_custody(d)
            self._fill_history(d)
        finally:
            self._loading = False
        self._update_dirty()

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        i = combo.findData(code)
        if i < 0:  # a code this version does not know: show it rather than hide it
            combo.addItem(code, code)
            i = combo.count() - 1
        combo.setCurrentIndex(i)

    def _fill_effects(self, d: CaseDetail) -> None:
        self._effects.setRowCount(len(d.effects))
        for row, e in enumerate(d.effects):
            self._effects.setItem(row, 0, _cell(labels.effect_category(e.category)))
            self._effects.setItem(row, 1, _cell(e.description))
            qty = _cell(str(e.quantity))
            qty.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._effects.setItem(row, 2, qty)
            self._effects.setItem(row, 3, _cell(e.container_seal))
        self._tabs.setTabText(2, self.tr("&Effects (%1)").replace("%1", str(len(d.effects))))

    def _fill_photos(self, d: CaseDetail) -> None:
        self._photos.clear()
        self._thumb_items = {}
        placeholder = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for att in d.attachments:
            item = QListWidgetItem(placeholder, att.filename)
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            item.setToolTip(
                self.tr("%1 — %2 KB; double-click to enlarge")
                .replace("%1", att.filename)
                .replace("%2", str(max(1, att.size // 1024)))
            )
            self._photos.addItem(item)
            self._thumb_items[att.id] = item
        self._tabs.setTabText(3, self.tr("&Photos (%1)").replace("%1", str(len(d.attachments))))
        images = [(a.id, a.sha256) for a in d.attachments if a.media_type.startswith("image/")]
        if not images:
            return
        ctx = self._ctx

        def load(_progress: Callable[[int, int, str], None], token: Any) -> list[tuple[str, QImage]]:
            out: list[tuple[str, QImage]] = []
            for att_id, sha in images:
                if token.cancelled:
                    break
                image = QImage.fromData(QByteArray(case_file.attachment_bytes(ctx, sha)))
                if not image.isNull():
                    image = image.scaled(
                        THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                    out.append((att_id, image))
            return out

        def done(result: object) -> None:
            if not isValid(self) or not isinstance(result, list):
                return
            for att_id, image in result:
                item = self._thumb_items.get(att_id)
                if item is not None:
                    item.setIcon(QIcon(QPixmap.fromImage(image)))
                    item.setData(Qt.ItemDataRole.UserRole + 1, True)

        tasks.start(load, done)

    def thumbnails_loaded(self) -> int:
        return sum(
            1 for i in range(self._photos.count()) if self._photos.item(i).data(Qt.ItemDataRole.UserRole + 1)
        )

    def _open_photo(self, item: QListWidgetItem) -> None:
        if self._detail is None:
            return
        att_id = item.data(Qt.ItemDataRole.UserRole)
        att = next((a for a in self._detail.attachments if a.id == att_id), None)
        if att is None:
            return
        if not att.media_type.startswith("image/"):
            self._open_externally(att)
            return
        viewer = PhotoViewer(self._ctx, att, self)
        viewer.setObjectName("photoViewer")
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()

    def _open_externally(self, att: AttachmentView) -> None:
        """A scan (PDF): hand a temporary copy to the system's viewer."""
        try:
            content = case_file.attachment_bytes(self._ctx, att.sha256)
        except RepatError as exc:
            self._show_message(str(exc), error=True)
            return
        folder = Path(tempfile.mkdtemp(prefix="repat-"))
        target = folder / Path(att.filename).name
        target.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _fill_custody(self, d: CaseDetail) -> None:
        self._custody.setRowCount(len(d.custody))
        for row, ev in enumerate(d.custody):
            event = labels.custody_event(ev.event_type)
            if ev.certificate_number:
                event = self.tr("%1 (act %2)").replace("%1", event).replace("%2", ev.certificate_number)
            if ev.act_voided:
                event = self.tr("%1 — act voided").replace("%1", event)
            values = [
                local_time(ev.occurred_at), event, ev.place, ev.from_party,
                ev.to_party, ev.seals_before, ev.seals_after, ev.witnesses, ev.recorded_by, ev.notes,
            ]
            for column, text in enumerate(values):
                self._custody.setItem(row, column, _cell(text))
        self._custody.resizeColumnsToContents()
        self._tabs.setTabText(4, self.tr("C&ustody (%1)").replace("%1", str(len(d.custody))))

    @staticmethod
    def _record_name(entry: HistoryEntry) -> str:
        name = table_label(entry.table)
        key = {"personal_effects": "description", "attachments": "filename"}.get(entry.table)
        if key and key in entry.changed:
            return f"{name}: {entry.changed[key][1]}"
        return name

    def _fill_history(self, d: CaseDetail) -> None:
        self._history.clear()
        bold = QFont(self._history.font())
        bold.setBold(True)
        for entry in reversed(d.history):  # newest first
            created = all(old is None for old, _new in entry.changed.values())
            if entry.deleted:
                summary = self.tr("deleted")
            elif created:
                summary = self.tr("created")
            else:
                n = len(entry.changed)
                summary = self.tr("1 field changed") if n == 1 else self.tr("%Ln fields changed", "", n)
            top = QTreeWidgetItem(
                [local_time(entry.at, seconds=True), self._authors.get(entry.author, entry.author), entry.device,
                 self._record_name(entry), summary, "", ""]
            )
            for column in range(5):
                top.setFont(column, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, entry.version_id)
            top.setToolTip(1, entry.author)
            fmt = effect_value if entry.table == "personal_effects" else self._value
            for key, (old, new) in entry.changed.items():
                child = QTreeWidgetItem(
                    ["", "", "", "", field_label(key), "" if old is None else fmt(key, old), fmt(key, new)]
                )
                child.setData(4, Qt.ItemDataRole.UserRole, key)
                child.setToolTip(5, child.text(5))
                child.setToolTip(6, child.text(6))
                top.addChild(child)
            self._history.addTopLevelItem(top)
        self._history.expandAll()
        self._tabs.setTabText(5, self.tr("&History (%1)").replace("%1", str(len(d.history))))

    def _value(self, key: str, value: Any) -> str:
        if key == "manifest_line_id" and value:
            return self.tr("linked")
        return display_value(key, value, self._names)

    def history_rows(self) -> list[tuple[str, str, str, str]]:
        """(record, field, before, after) for every changed field shown, newest first."""
        rows: list[tuple[str, str, str, str]] = []
        for i in range(self._history.topLevelItemCount()):
            top = self._history.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    rows.append((top.text(3), child.text(4), child.text(5), child.text(6)))
        return rows

    # --- editing --------------------------------------------------------------------------

    def current_values(self) -> dict[str, str]:
        return {
            "bag_number": self._bag.text().strip(),
            "category": str(self._category.currentData()),
            "condition_flags": ",".join(sorted(c for c, box in self._flags.items() if box.isChecked())),
            "apparent_sex": str(self._sex.currentData()),
            "age_group": str(self._age.currentData()),
            "storage_location": self._location.text().strip(),
            "notes": self._notes.toPlainText().strip(),
        }

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
        theirs = "".join(
            f"<li><b>{_esc(field_label(k))}</b>: {_esc(self._value(k, old))} \u2192 {_esc(self._value(k, new))}</li>"
            for k, (old, new) in err.changed_fields.items()
        ) or "<li>" + _esc(self.tr("(no visible field)")) + "</li>"
        yours = "".join(
            f"<li><b>{_esc(field_label(k))}</b>: {_esc(self._value(k, v))}</li>" for k, v in mine.items()
        )
        self._conflict_text.setText(
            "<p><b>" + _esc(str(err)) + "</b></p><p>"
            + _esc(self.tr("Their change:")) + "</p><ul>" + theirs + "</ul><p>"
            + _esc(self.tr("Your change:")) + "</p><ul>" + yours + "</ul>"
        )
        self._conflict.show()
        self._apply_mine.setFocus()

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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
