"""A table model that pages a service's keyset-continued list as the view scrolls: the case list
and the missing-persons register build on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.errors import RepatError
from app.services.context import AppContext

Index = QModelIndex | QPersistentModelIndex

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class KeysetPagedModel(QAbstractTableModel):
    """Rows of one record type, ``PAGE_SIZE`` at a time: ``canFetchMore``/``fetchMore`` ask
    ``_fetch`` for the page after the last row's key. Each row's display texts are made once, by
    ``_texts``, when it is loaded (``data()`` runs for every visible cell on each repaint).
    Subclasses give ``COLUMN_COUNT``, ``_fetch``, ``_texts``, ``data`` and ``headerData``."""

    PAGE_SIZE = 200
    COLUMN_COUNT = 0

    # A service failed while loading rows (one sentence for the user).
    loadFailed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[Any] = []
        self._cells: list[tuple[str, ...]] = []  # display texts, made once per loaded row
        self._next_key: Any = None

    def _fetch(self, after: Any, limit: int) -> tuple[Sequence[Any], Any]:
        """The page after ``after`` (None: the first) and the key of the page after it."""
        raise NotImplementedError

    def _texts(self, row: Any) -> tuple[str, ...]:
        """The displayed text of each column, in column order."""
        raise NotImplementedError

    def _reload(self) -> None:
        """Load the first page again (one model reset)."""
        self.beginResetModel()
        try:
            self._rows, self._cells, self._next_key = [], [], None
            self._load_page(None)
        finally:
            self.endResetModel()

    def _load_page(self, after: Any) -> list[Any]:
        try:
            rows, next_key = self._fetch(after, self.PAGE_SIZE)
        except RepatError as exc:
            self._next_key = None
            self.loadFailed.emit(str(exc))
            return []
        self._next_key = next_key
        if after is None:
            self._rows = list(rows)
            self._cells = [self._texts(r) for r in rows]
        return list(rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next_key is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._next_key is None:
            return
        rows = self._load_page(self._next_key)
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._cells.extend(self._texts(r) for r in rows)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def row_at(self, row: int) -> Any:
        """The record shown in ``row``, or None outside the loaded rows."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def retranslate(self) -> None:
        """Make the texts again in the current language (after a language change)."""
        self._cells = [self._texts(r) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
