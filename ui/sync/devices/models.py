"""What the devices dialog shows: the tables of devices and of bundles held in quarantine, the
state loaded off the GUI thread, and small display helpers (sizes, a monospace font)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from app.services.context import AppContext
from app.services.rounds import rounds
from app.services.sync.devices import DeviceEntry, list_devices, this_device
from app.services.sync.status import receive_rounds
from app.services.sync.trust import QuarantineEntry, list_quarantine

from ui import i18n
from ui.sync.common import device_status, hold_reason, local_time
from ui.widgets.list_model import ListTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
FileSize = i18n.context("FileSize")  # sizes of files, e.g. "3 KB" (see i18n.context)


def monospace(font: QFont, scale: float = 1.0) -> QFont:
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    fixed.setPointSizeF(font.pointSizeF() * scale)
    return fixed


def _size(n: int) -> str:
    if n < 1024:
        return FileSize.tr("%1 B").replace("%1", str(n))
    if n < 1024 * 1024:
        return FileSize.tr("%1 KB").replace("%1", f"{n / 1024:.0f}")
    return FileSize.tr("%1 MB").replace("%1", f"{n / (1024 * 1024):.1f}")


@dataclass(frozen=True)
class DevicesState:
    me: DeviceEntry
    devices: list[DeviceEntry]
    held: list[QuarantineEntry]
    receive: list[str] | None
    round_codes: list[str]


def load_state(ctx: AppContext) -> DevicesState:
    return DevicesState(
        this_device(ctx), list_devices(ctx), list_quarantine(ctx), receive_rounds(ctx),
        [r.code for r in rounds.list_rounds(ctx)],
    )


class DevicesModel(ListTableModel):
    COL_CODE, COL_NAME, COL_STATUS, COL_FINGERPRINT, COL_HELD, COL_LAST, COL_UPTO = range(7)

    KEY = "code"

    def device(self, row: int) -> DeviceEntry:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Device"), self.tr("Name"), self.tr("Status"), self.tr("Key fingerprint"),
                self.tr("Held bundles"), self.tr("Last import"), self.tr("Up to change"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_CODE: d.code,
                self.COL_NAME: d.name,
                self.COL_STATUS: device_status(d.status),
                self.COL_FINGERPRINT: d.fingerprint,
                self.COL_HELD: str(d.held_bundles) if d.held_bundles else "",
                self.COL_LAST: local_time(d.last_import),
                self.COL_UPTO: str(d.last_sequence) if d.last_sequence is not None else "",
            }.get(col)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_HELD, self.COL_UPTO):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class QuarantineModel(ListTableModel):
    COL_DEVICE, COL_FINGERPRINT, COL_REASON, COL_RECEIVED, COL_BY, COL_CHANGES, COL_SIZE = range(7)

    def entry(self, row: int) -> QuarantineEntry:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Device"), self.tr("Key fingerprint"), self.tr("Why held"), self.tr("Received"),
                self.tr("By"), self.tr("Changes"), self.tr("Size"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                self.COL_DEVICE: q.device_code,
                self.COL_FINGERPRINT: q.fingerprint,
                self.COL_REASON: hold_reason(q.reason),
                self.COL_RECEIVED: local_time(q.received_at),
                self.COL_BY: q.received_by,
                self.COL_CHANGES: f"{q.versions:,}",
                self.COL_SIZE: _size(q.size),
            }.get(col)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_CHANGES, self.COL_SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: QAbstractTableModel, parent: QWidget, name: str, stretch: int) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # tens of rows
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # the dialog shares its height between the two tables by their stretch, whatever their hints
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    table.setMinimumHeight(100)
    return table
