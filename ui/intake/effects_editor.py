"""A small keyboard-driven table of personal effects: category, description, quantity, container/seal.

Insert adds a row and starts typing its description, Delete removes the current row; rows left
completely empty are ignored.
"""

from __future__ import annotations

from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import EffectCategory

from ui.widgets import labels
from ui.widgets.retranslate import Retranslating

COL_CATEGORY = 0
COL_DESCRIPTION = 1
COL_QUANTITY = 2
COL_SEAL = 3
CODE_ROLE = Qt.ItemDataRole.UserRole

MAX_QUANTITY = 100000


class _EffectsDelegate(QStyledItemDelegate):
    """Combo box for the category, spin box for the quantity, line edit elsewhere; remembers the
    open editor so the form can commit it before saving."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor: QWidget | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor: QWidget
        if index.column() == COL_CATEGORY:
            combo = QComboBox(parent)
            for code, text in labels.choices(EffectCategory):
                combo.addItem(text, code)
            editor = combo
        elif index.column() == COL_QUANTITY:
            spin = QSpinBox(parent)
            spin.setRange(1, MAX_QUANTITY)
            editor = spin
        else:
            editor = super().createEditor(parent, option, index)
        self.editor = editor
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            i = editor.findData(index.data(CODE_ROLE))
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QSpinBox):
            try:
                editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 1))
            except (TypeError, ValueError):
                editor.setValue(1)
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), CODE_ROLE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def commit_open_editor(self) -> None:
        editor = self.editor
        if editor is not None and isValid(editor):
            self.commitData.emit(editor)


class _EffectsTable(QTableWidget):
    insertPressed = Signal()
    deletePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Enter edits the current cell (or ends an edit); it never reaches the form, where it
            # would save the bag. Ctrl+Enter does.
            if self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid():
                self.edit(self.currentIndex())
            event.accept()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Insert:
                self.insertPressed.emit()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.deletePressed.emit()
                return
        super().keyPressEvent(event)


class EffectsEditor(Retranslating, QWidget):
    """The personal effects of one bag; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._table = _EffectsTable(0, 4, self)
        self._table.setObjectName("effectsEditor")
        self._set_headers()
        self._table.setTabKeyNavigation(False)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        # wide enough for the content and for the header in any language
        header_metrics = header.fontMetrics()
        for column, chars in ((COL_CATEGORY, 16), (COL_QUANTITY, 6), (COL_SEAL, 16)):
            title = self._table.horizontalHeaderItem(column).text()
            self._table.setColumnWidth(column, max(chars * char + 24, header_metrics.horizontalAdvance(title) + 24))
        self._delegate = _EffectsDelegate(self._table)
        self._table.setItemDelegate(self._delegate)
        self._table.itemChanged.connect(self._item_changed)
        self._table.insertPressed.connect(self.add_row)
        self._table.deletePressed.connect(self.remove_current_row)

        self._add = QPushButton(self)
        self._add.setObjectName("addEffect")
        self._add.setAutoDefault(True)
        self._add.clicked.connect(self.add_row)
        self._remove = QPushButton(self)
        self._remove.setObjectName("removeEffect")
        self._remove.setAutoDefault(True)
        self._remove.clicked.connect(self.remove_current_row)

        buttons = QHBoxLayout()
        buttons.addWidget(self._add)
        buttons.addWidget(self._remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        self.retranslate()

    def _set_headers(self) -> None:
        self._table.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Description"), self.tr("Qty"), self.tr("Container / seal")]
        )

    def retranslate(self) -> None:
        """Texts in the current language, the category of each item included; the items stay."""
        self._set_headers()
        self._table.setAccessibleName(self.tr("Personal effects"))
        self._table.setToolTip(
            self.tr("Insert adds an item, Delete removes the current one; F2 or typing edits a cell.")
        )
        self._add.setText(self.tr("Add ite&m (Ins)"))
        self._remove.setText(self.tr("Remove item (Del)"))
        self._filling = True
        try:
            for row in range(self._table.rowCount()):
                item = self._table.item(row, COL_CATEGORY)
                if item is not None:
                    item.setText(labels.effect_category(str(item.data(CODE_ROLE))))
        finally:
            self._filling = False

    @property
    def table(self) -> QTableWidget:
        return self._table

    def focus_widgets(self) -> list[QWidget]:
        return [self._table, self._add, self._remove]

    # --- rows -----------------------------------------------------------------------------

    def add_row(self, effect: dict[str, Any] | None = None, *, edit: bool = True) -> int:
        effect = effect or {}
        row = self._table.rowCount()
        self._filling = True
        try:
            self._table.insertRow(row)
            code = str(effect.get("category") or EffectCategory.OTHER.value)
            category = QTableWidgetItem(labels.effect_category(code))
            category.setData(CODE_ROLE, code)
            self._table.setItem(row, COL_CATEGORY, category)
            self._table.setItem(row, COL_DESCRIPTION, QTableWidgetItem(str(effect.get("description") or "")))
            quantity = QTableWidgetItem()
            try:
                qty = int(effect.get("quantity") or 1)
            except (TypeError, ValueError):
                qty = 1
            quantity.setData(Qt.ItemDataRole.EditRole, qty)
            quantity.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._table.setItem(row, COL_QUANTITY, quantity)
            self._table.setItem(row, COL_SEAL, QTableWidgetItem(str(effect.get("container_seal") or "")))
        finally:
            self._filling = False
        self._update_buttons()
        if edit:
            self._table.setFocus(Qt.FocusReason.OtherFocusReason)
            self._table.setCurrentCell(row, COL_DESCRIPTION)
            item = self._table.item(row, COL_DESCRIPTION)
            if item is not None:
                self._table.editItem(item)
        self.changed.emit()
        return row

    def remove_current_row(self) -> None:
        row = self._table.currentRow()
        if row < 0:
            return
        self._table.removeRow(row)
        if self._table.rowCount():
            self._table.setCurrentCell(min(row, self._table.rowCount() - 1), COL_DESCRIPTION)
        self._update_buttons()
        self.changed.emit()

    def clear(self) -> None:
        self._table.setRowCount(0)
        self._update_buttons()

    def set_effects(self, effects: list[dict[str, Any]]) -> None:
        self.clear()
        for effect in effects:
            self.add_row(effect, edit=False)

    def commit(self) -> None:
        """Write a cell still being edited into the table."""
        self._delegate.commit_open_editor()

    def effects(self) -> list[dict[str, Any]]:
        """Rows as dicts, skipping rows left entirely empty."""
        out: list[dict[str, Any]] = []
        for row in range(self._table.rowCount()):
            cat_item = self._table.item(row, COL_CATEGORY)
            code = str(cat_item.data(CODE_ROLE)) if cat_item else EffectCategory.OTHER.value
            desc = self._text(row, COL_DESCRIPTION)
            seal = self._text(row, COL_SEAL)
            qty_item = self._table.item(row, COL_QUANTITY)
            try:
                qty = int(qty_item.data(Qt.ItemDataRole.EditRole)) if qty_item else 1
            except (TypeError, ValueError):
                qty = 1
            if not desc and not seal and qty == 1 and code == EffectCategory.OTHER.value:
                continue
            out.append({"category": code, "description": desc, "quantity": qty, "container_seal": seal})
        return out

    def _text(self, row: int, column: int) -> str:
        item = self._table.item(row, column)
        return item.text().strip() if item else ""

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self.changed.emit()

    def _update_buttons(self) -> None:
        self._remove.setEnabled(self._table.rowCount() > 0)
