"""The case table model on its own: keyset paging, SQL sorting, search, roles."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import QTableView

from app.domain import Role
from app.names import sort_key
from app.services.cases import listing
from app.services.cases.listing import CaseQuery
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake_helpers import bulk_cases

from ui.cases.model import (
    CASE_ID_ROLE,
    COL_BAG,
    COL_CASE_NO,
    COL_CATEGORY,
    COL_LOCATION,
    COL_NAME,
    COL_RECEIVED,
    COL_ROUND,
    COL_STATUS,
    COL_TAG,
    COLUMN_COUNT,
    OFF_MANIFEST_BACKGROUND,
    PAGE_SIZE,
    CaseTableModel,
)

N = 1000


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def filled(officer: AppContext) -> dict[str, object]:
    rnd = make_round(officer)
    other = make_round(officer, code="R-2026-07-01")
    rows = bulk_cases(officer, rnd.id, N)
    bulk_cases(officer, other.id, 10, start=N + 1)
    return {"round": rnd.id, "other": other.id, "rows": rows}


def fetch_all(model: CaseTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def column(model: CaseTableModel, col: int) -> list[str]:
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_pages_are_fetched_as_needed(qtbot, officer, filled):
    model = CaseTableModel(officer)
    with qtbot.waitSignal(model.modelReset):
        model.set_query(CaseQuery(round_id=filled["round"]))
    assert model.rowCount() == PAGE_SIZE
    assert model.columnCount() == COLUMN_COUNT
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.fetchMore(QModelIndex())
    assert inserted.args[1:] == [PAGE_SIZE, 2 * PAGE_SIZE - 1]
    fetch_all(model)
    assert model.rowCount() == N
    assert not model.canFetchMore(QModelIndex())
    numbers = column(model, COL_CASE_NO)
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == N
    assert numbers[0] == "HQ01-2026-00001" and numbers[-1] == f"HQ01-2026-{N:05d}"
    # Children never have rows; the model is flat.
    assert model.rowCount(model.index(0, 0)) == 0
    assert not model.canFetchMore(model.index(0, 0))


def test_a_view_pulls_more_pages_when_scrolled(qtbot, officer, filled):
    model = CaseTableModel(officer)
    model.set_query(CaseQuery(round_id=filled["round"]))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == PAGE_SIZE
    for _ in range(3):
        view.scrollToBottom()
        qtbot.wait(20)
    assert model.rowCount() > PAGE_SIZE


def test_sorting_requeries_in_sql(qtbot, officer, filled):
    model = CaseTableModel(officer)
    model.set_query(CaseQuery(round_id=filled["round"]))

    with qtbot.waitSignal(model.modelReset):
        model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "claimed_name" and model.query.descending
    fetch_all(model)
    keys = [sort_key(n) for n in column(model, COL_NAME)]  # Ukrainian alphabetical order
    assert keys == sorted(keys, reverse=True)
    assert model.rowCount() == N

    model.sort(COL_RECEIVED, Qt.SortOrder.AscendingOrder)
    fetch_all(model)
    numbers = column(model, COL_CASE_NO)
    # Received times go backwards with the case number in the fixture.
    assert numbers == sorted(numbers, reverse=True)

    model.sort(COL_TAG, Qt.SortOrder.DescendingOrder)
    assert column(model, COL_TAG)[0] == f"UA-{N:05d}"

    # Columns without an index are not sortable: the query stays as it was.
    before = model.query
    for col in (COL_STATUS, COL_CATEGORY, COL_BAG, COL_LOCATION, COL_ROUND):
        assert not model.is_sortable(col)
        model.sort(col, Qt.SortOrder.AscendingOrder)
        assert model.query == before


def test_cyrillic_search_ignores_case(officer, filled):
    model = CaseTableModel(officer)
    model.set_query(CaseQuery(round_id=filled["round"], search="шЕВ"))
    fetch_all(model)
    names = set(column(model, COL_NAME))
    # "Шевченко" and "шевчук" match; nothing else does.
    assert names == {"Шевченко Тарас", "шевчук Олег"}
    assert model.rowCount() == 2 * N // 10
    assert model.rowCount() == listing.count_cases(officer, model.query)

    model.set_query(CaseQuery(round_id=filled["round"], search="ШЕВЧЕНКО т"))
    fetch_all(model)
    assert set(column(model, COL_NAME)) == {"Шевченко Тарас"}

    model.set_query(CaseQuery(round_id=filled["round"], search="savch"))
    assert set(column(model, COL_NAME)) == {"Savchenko Mykola"}

    model.set_query(CaseQuery(round_id=filled["round"], search="ua-0099"))
    assert column(model, COL_TAG) == [f"UA-0099{d}" for d in range(10)]

    model.set_query(CaseQuery(round_id=filled["round"], search="hq01-2026-0100"))
    assert column(model, COL_CASE_NO) == ["HQ01-2026-01000"]

    # Without a round, every round's cases are listed.
    model.set_query(CaseQuery(search="hq01-2026-0100"))
    assert column(model, COL_CASE_NO) == ["HQ01-2026-01000", "HQ01-2026-01001", "HQ01-2026-01002",
                                          "HQ01-2026-01003", "HQ01-2026-01004", "HQ01-2026-01005",
                                          "HQ01-2026-01006", "HQ01-2026-01007", "HQ01-2026-01008",
                                          "HQ01-2026-01009"]
    assert set(column(model, COL_ROUND)) == {"R-2026-06-01", "R-2026-07-01"}


def test_roles_and_headers(officer, filled):
    model = CaseTableModel(officer)
    model.set_query(CaseQuery(round_id=filled["round"]))
    off = next(r for r in range(model.rowCount()) if model.row_at(r).off_manifest)
    on = next(r for r in range(model.rowCount()) if not model.row_at(r).off_manifest)

    background = model.data(model.index(off, COL_NAME), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == OFF_MANIFEST_BACKGROUND
    assert isinstance(model.data(model.index(off, COL_TAG), Qt.ItemDataRole.DecorationRole), QIcon)
    assert "Not on the sending side's list" in model.data(model.index(off, COL_TAG), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(on, COL_NAME), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(on, COL_TAG), Qt.ItemDataRole.DecorationRole) is None

    # Roles the model does not handle give None, never an empty string or a default.
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole,
                 Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.UserRole + 50):
        for col in range(COLUMN_COUNT):
            assert model.data(model.index(on, col), role) is None
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(N + 5, 0)) is None
    assert model.data(model.index(on, COL_CASE_NO), CASE_ID_ROLE) == model.case_id(on)

    assert model.data(model.index(0, COL_CATEGORY)) == "Complete body"
    assert model.data(model.index(0, COL_STATUS)) == "Received"
    assert model.data(model.index(0, COL_RECEIVED))[:4] == "2026"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)]
    assert headers == ["Case number", "Sender's tag", "Bag", "Claimed name", "Category", "Status", "Received",
                       "Storage location", "Round"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(COL_CASE_NO, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_a_failing_service_is_reported_not_raised(qtbot, officer, filled):
    model = CaseTableModel(officer)
    with qtbot.waitSignal(model.loadFailed) as failed:
        model.set_query(CaseQuery(round_id=filled["round"], sort="bag_number"))
    assert "Cannot sort by bag_number" in failed.args[0]
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
