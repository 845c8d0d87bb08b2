"""The case file's History tab: every version of the case and of its effects and photos, newest
first, each with the fields it changed (before and after)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.services.cases.case_file import CaseDetail, HistoryEntry

from ui.cases.fields import effect_value, field_label, local_time, table_label


class HistoryTree(QTreeWidget):
    """One top-level row a version (when, by whom, on which device, which record), one child row a
    changed field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTree")
        self.setHeaderLabels(
            [self.tr("When"), self.tr("By"), self.tr("Device"), self.tr("Record"), self.tr("Field"),
             self.tr("Before"), self.tr("After")]
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        char = self.fontMetrics().averageCharWidth()
        bold = QFont(self.font())
        bold.setBold(True)
        when = QFontMetrics(bold).horizontalAdvance("0000-00-00 00:00:00") + self.indentation() + 16
        self.setColumnWidth(0, when)
        for column, chars in enumerate((20, 6, 16, 22, 20), start=1):
            self.setColumnWidth(column, chars * char + 12)

    @staticmethod
    def _record_name(entry: HistoryEntry) -> str:
        name = table_label(entry.table)
        key = {"personal_effects": "description", "attachments": "filename"}.get(entry.table)
        if key and key in entry.changed:
            return f"{name}: {entry.changed[key][1]}"
        return name

    def fill(self, d: CaseDetail, authors: dict[str, str], value: Callable[[str, Any], str]) -> None:
        """Show ``d``'s history; ``authors`` names the user names, ``value`` shows a case field's value."""
        self.clear()
        bold = QFont(self.font())
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
                [local_time(entry.at, seconds=True), authors.get(entry.author, entry.author), entry.device,
                 self._record_name(entry), summary, "", ""]
            )
            for column in range(5):
                top.setFont(column, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, entry.version_id)
            top.setToolTip(1, entry.author)
            fmt = effect_value if entry.table == "personal_effects" else value
            for key, (old, new) in entry.changed.items():
                child = QTreeWidgetItem(
                    ["", "", "", "", field_label(key), "" if old is None else fmt(key, old), fmt(key, new)]
                )
                child.setData(4, Qt.ItemDataRole.UserRole, key)
                child.setToolTip(5, child.text(5))
                child.setToolTip(6, child.text(6))
                top.addChild(child)
            self.addTopLevelItem(top)
        self.expandAll()

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(record, field, before, after) for every changed field shown, newest first."""
        rows: list[tuple[str, str, str, str]] = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    rows.append((top.text(3), child.text(4), child.text(5), child.text(6)))
        return rows
