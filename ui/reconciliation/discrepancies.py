"""The discrepancies of a round (or several): list, explain, resolve.

``DiscrepanciesDialog(ctx, round_ids)`` lists every discrepancy the reconciliation finds, with
its explanation (who, when) and whether it is resolved. Several can be explained at once; a
supervisor marks them resolved or reopens them. Merge conflicts and probable duplicates are
listed too, but are settled in the merge view. ``changed`` is emitted after each change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.reconciliation import explanations
from app.services.reconciliation.explanations import CAN_RESOLVE, DiscrepancyItem
from app.services.reconciliation.round_figures import DISCREPANCY_KEYS

from ui.cases.open_case import open_case
from ui.reconciliation.figure_names import figure_label
from ui.widgets import tasks
from ui.widgets.inline_error import InlineError
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

AnyIndex = QModelIndex | QPersistentModelIndex
_CTX = "Reconciliation"

_REASONS: dict[str, str] = {
    "no_received_event": QT_TRANSLATE_NOOP("Reconciliation", "no “received” event"),
    "no_examined_event": QT_TRANSLATE_NOOP("Reconciliation", "no “examined” event"),
    "no_released_event": QT_TRANSLATE_NOOP("Reconciliation", "no “released” event"),
    "no_returned_event": QT_TRANSLATE_NOOP("Reconciliation", "no “returned” event"),
    "event_without_status": QT_TRANSLATE_NOOP("Reconciliation", "a release or return event, but another status"),
    "name": QT_TRANSLATE_NOOP("Reconciliation", "name"),
    "birth_date": QT_TRANSLATE_NOOP("Reconciliation", "birth date"),
    "citizenship": QT_TRANSLATE_NOOP("Reconciliation", "citizenship"),
}


def reason_label(code: str) -> str:
    return QCoreApplication.translate(_CTX, _REASONS.get(code, code))


def _format_time(value: Any) -> str:
    if value is None:
        return ""
    return str(value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M"))


class DiscrepanciesModel(QAbstractTableModel):
    COL_ROUND, COL_KIND, COL_RECORD, COL_DETAIL, COL_EXPLANATION, COL_BY, COL_RESOLVED = range(7)
    COLUMNS = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[DiscrepancyItem] = []

    def set_items(self, items: Sequence[DiscrepancyItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> DiscrepancyItem:
        return self._items[row]

    def items(self) -> list[DiscrepancyItem]:
        return list(self._items)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Round"), self.tr("Discrepancy"), self.tr("Record"), self.tr("Detail"),
                self.tr("Explanation"), self.tr("Explained by"), self.tr("Resolved"))[section]

    def _record(self, it: DiscrepancyItem) -> str:
        if it.subject_type == "manifest_line":
            text = self.tr("List line %1").replace("%1", it.number)
        elif it.subject_type == "round":
            text = it.round_code
        else:
            text = it.number
        if it.tag:
            text += f" · {it.tag}"
        elif it.subject_type == "case":
            text += " · " + self.tr("no tag")
        return text

    def _detail(self, it: DiscrepancyItem) -> str:
        figure = it.ref.figure
        if figure in ("declared_total_mismatch", "bag_count_mismatch"):
            return self.tr("declared %1, counted %2").replace("%1", str(it.declared)).replace("%2", str(it.counted))
        if figure == "broken_seals":
            return self.tr("seals %1").replace("%1", it.detail) if it.detail else ""
        if figure == "open_conflicts":
            return self.tr("field %1").replace("%1", it.detail)
        if figure == "probable_duplicates":
            return it.detail
        parts = [reason_label(r) for r in it.reasons]
        if it.name:
            parts.append(it.name)
        return "; ".join(parts)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        it = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_ROUND:
                return it.round_code
            if col == self.COL_KIND:
                return figure_label(it.ref.figure)
            if col == self.COL_RECORD:
                return self._record(it)
            if col == self.COL_DETAIL:
                return self._detail(it)
            if col == self.COL_EXPLANATION:
                if not it.explainable:
                    return self.tr("Settled in the merge view")
                return it.explanation.replace("\n", " ")
            if col == self.COL_BY:
                return f"{it.explained_by}, {_format_time(it.explained_at)}" if it.explained else ""
            if col == self.COL_RESOLVED:
                return self.tr("Yes") if it.resolved else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_EXPLANATION and it.explanation:
            return it.explanation
        if role == Qt.ItemDataRole.BackgroundRole and col == self.COL_EXPLANATION and not it.explained:
            return QBrush(QColor("#fde2e0"))
        return None


class ExplainDialog(QDialog):
    """The explanation for the chosen discrepancies, and (for supervisors) "resolved"."""

    def __init__(self, count: int, current: str, can_resolve: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainDialog")
        self.setWindowTitle(self.tr("Explain discrepancies"))
        intro = QLabel(self.tr("Explain %n discrepancy(-ies): what happened, and who confirmed it.", "", count), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("explanationText")
        self.text.setPlainText(current)
        self.text.setTabChangesFocus(True)
        label = QLabel(self.tr("&Explanation:"), self)
        label.setBuddy(self.text)
        self.resolved = QCheckBox(self.tr("&Mark resolved"), self)
        self.resolved.setVisible(can_resolve)
        self.error = InlineError(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.resolved)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.error.show_message(self.tr("Write the explanation first."))
            self.text.setFocus()
            return
        self.accept()


class DiscrepanciesDialog(Retranslating, QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, round_ids: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discrepanciesDialog")
        self._ctx = ctx
        self.round_ids = list(round_ids)
        self._generation = 0
        self.loaded = False
        self.can_resolve = ctx.user is not None and ctx.user.role in CAN_RESOLVE
        self.setSizeGripEnabled(True)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(1100, 600)

    def _build(self) -> None:
        self.only_unexplained = QCheckBox(self)
        self.only_unexplained.toggled.connect(lambda _on: self._apply_filter())
        self.kind = QComboBox(self)
        self.kind.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_label)
        filters.addWidget(self.kind)
        filters.addWidget(self.only_unexplained)
        filters.addStretch(1)
        self.model = DiscrepanciesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("discrepanciesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.table.activated.connect(lambda _i: self.explain_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel(self)
        self.error = InlineError(self)
        self.explain_button = QPushButton(self)
        self.explain_button.clicked.connect(self.explain_selected)
        self.resolve_button = QPushButton(self)
        self.resolve_button.clicked.connect(lambda: self.set_resolved(True))
        self.reopen_button = QPushButton(self)
        self.reopen_button.clicked.connect(lambda: self.set_resolved(False))
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected_case)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in (self.explain_button, self.resolve_button, self.reopen_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.resolve_button, self.reopen_button):  # after addButton, which shows them
            button.setVisible(self.can_resolve)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._all: list[DiscrepancyItem] = []
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Discrepancies"))
        self.kind_label.setText(self.tr("&Show:"))
        self.only_unexplained.setText(self.tr("&Unexplained only"))
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("All discrepancies"), "")
        for key in DISCREPANCY_KEYS:
            self.kind.addItem(figure_label(key), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current or "")))
        self.kind.blockSignals(False)
        self.explain_button.setText(self.tr("&Explain…"))
        self.resolve_button.setText(self.tr("&Resolve"))
        self.reopen_button.setText(self.tr("Re&open"))
        self.open_button.setText(self.tr("Open &case"))

    def show_kind(self, key: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(key)))

    # -- loading --

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ctx, ids = self._ctx, self.round_ids
        self.status.setText(self.tr("Loading…"))

        def done(items: object) -> None:
            if not shiboken6.isValid(self) or generation != self._generation or not isinstance(items, list):
                return
            self._all = items
            self._apply_filter()
            self.loaded = True

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.status.setText(user_message(exc))
                self.loaded = True

        self.loaded = False
        tasks.start(lambda _p, _t: explanations.list_discrepancies(ctx, ids), done, failed)

    def _apply_filter(self) -> None:
        key = self.kind.currentData() or ""
        only = self.only_unexplained.isChecked()
        shown = [i for i in self._all if (not key or i.ref.figure == key) and not (only and i.explained)]
        self.model.set_items(shown)
        self.table.resizeColumnsToContents()
        for col in (DiscrepanciesModel.COL_DETAIL, DiscrepanciesModel.COL_EXPLANATION):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 320))
        unexplained = sum(1 for i in self._all if not i.explained)
        self.status.setText(self.tr("%n discrepancy(-ies) listed; ", "", len(shown))
                            + self.tr("%n not explained in all.", "", unexplained))
        self._update_buttons()

    # -- actions --

    def selected(self) -> list[DiscrepancyItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.item(r) for r in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        explainable = [i for i in chosen if i.explainable]
        self.explain_button.setEnabled(bool(explainable))
        self.resolve_button.setEnabled(any(i.explained and not i.resolved for i in explainable))
        self.reopen_button.setEnabled(any(i.resolved for i in explainable))
        self.open_button.setEnabled(len(chosen) == 1 and chosen[0].case_id is not None)

    def _run(self, items: list[DiscrepancyItem], text: str | None, resolved: bool | None) -> None:
        """Save on a worker thread (explaining a whole list at once may take a moment)."""
        ctx, refs = self._ctx, [i.ref for i in items]

        def done(_result: object) -> None:
            if shiboken6.isValid(self):
                self.error.hide()
                self.changed.emit()
                self.reload()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.error.show_message(user_message(exc))

        tasks.run_task(self, self.tr("Saving the explanations"),
                       lambda _p, _t: explanations.explain(ctx, refs, text, resolved=resolved), done, failed)

    def explain_selected(self) -> None:
        items = [i for i in self.selected() if i.explainable]
        if not items:
            return
        texts = {i.explanation for i in items}
        dialog = ExplainDialog(len(items), texts.pop() if len(texts) == 1 else "", self.can_resolve, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(items, dialog.text.toPlainText(), True if dialog.resolved.isChecked() else None)
        dialog.deleteLater()

    def set_resolved(self, resolved: bool) -> None:
        items = [i for i in self.selected() if i.explainable and (i.explained if resolved else i.resolved)]
        if items:
            self._run(items, None, resolved)

    def open_selected_case(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].case_id:
            open_case(self._ctx, chosen[0].case_id, self)


__all__ = ["DiscrepanciesDialog", "DiscrepanciesModel", "ExplainDialog", "reason_label"]
