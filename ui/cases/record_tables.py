"""The case file's read-only tables: its personal effects (the Effects tab) and its custody chain
(the Custody tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.services.cases.case_file import CaseDetail

from ui.cases.fields import local_time
from ui.widgets import labels


def _read_only_table(table: QTableWidget, headers: list[str]) -> None:
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class EffectsTable(QTableWidget):
    """The personal effects of a case, one a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        _read_only_table(
            self, [self.tr("Category"), self.tr("Description"), self.tr("Quantity"), self.tr("Container / seal")]
        )
        self.setObjectName("effectsTable")
        self.setColumnWidth(0, 140)
        self.setColumnWidth(1, 380)
        self.setColumnWidth(2, 80)

    def fill(self, d: CaseDetail) -> None:
        self.setRowCount(len(d.effects))
        for row, e in enumerate(d.effects):
            self.setItem(row, 0, _cell(labels.effect_category(e.category)))
            self.setItem(row, 1, _cell(e.description))
            qty = _cell(str(e.quantity))
            qty.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, 2, qty)
            self.setItem(row, 3, _cell(e.container_seal))


class CustodyTable(QTableWidget):
    """The custody chain of a case, one event a row, with the act an event belongs to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 10, parent)
        _read_only_table(
            self,
            [
                self.tr("When"), self.tr("Event"), self.tr("Place"), self.tr("From"), self.tr("To"),
                self.tr("Seals before"), self.tr("Seals after"), self.tr("Witnesses"), self.tr("Recorded by"),
                self.tr("Notes"),
            ],
        )
        self.setObjectName("custodyTable")
        self.horizontalHeader().setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 10)

    def fill(self, d: CaseDetail) -> None:
        self.setRowCount(len(d.custody))
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
                self.setItem(row, column, _cell(text))
        self.resizeColumnsToContents()
