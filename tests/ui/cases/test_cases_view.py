"""The case list widget: debounced search, count, SQL sorting from the header, opening cases."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel

from app.domain import Role
from app.services.cases import intake
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake_helpers import bulk_cases, type_text

from ui.cases.detail import CaseDetailDialog
from ui.cases.model import COL_CASE_NO, COL_NAME, COL_STATUS, PAGE_SIZE, CaseTableModel
from ui.cases.view import CasesView


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def round_id(officer: AppContext) -> str:
    rnd = make_round(officer)
    bulk_cases(officer, rnd.id, 450)
    return rnd.id


def make_view(qtbot, ctx: AppContext, round_id: str | None) -> CasesView:  # type: ignore[no-untyped-def]
    view = CasesView(ctx)
    qtbot.addWidget(view)
    view.set_round(round_id)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def count_text(view: CasesView) -> str:
    label = view.findChild(QLabel, "caseCount")
    assert label is not None
    return label.text()


def open_dialogs(view: CasesView) -> list[CaseDetailDialog]:
    return [d for d in view.findChildren(CaseDetailDialog) if d.isVisible()]


def test_table_is_plain_fixed_height_and_counted(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    table = view.table
    assert isinstance(table.model(), CaseTableModel)
    assert not isinstance(table.model(), QSortFilterProxyModel)
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert table.model().rowCount() == PAGE_SIZE
    qtbot.waitUntil(lambda: view.count == 450)
    assert count_text(view).replace(",", "").replace("\u00a0", "") == "450 cases"


def test_search_is_debounced_and_case_insensitive(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    qtbot.waitUntil(lambda: view.count == 450)
    type_text(qtbot, view.search_field, "ШЕВЧ")
    # Nothing is queried while typing...
    assert view.model.query.search == ""
    # ...but shortly after the last key.
    qtbot.waitUntil(lambda: view.model.query.search == "ШЕВЧ", timeout=1000)
    names = {view.model.data(view.model.index(r, COL_NAME)) for r in range(view.model.rowCount())}
    assert names == {"Шевченко Тарас", "шевчук Олег"}
    qtbot.waitUntil(lambda: view.count == 90)
    assert count_text(view) == "90 cases"

    view.search_field.clear()
    qtbot.waitUntil(lambda: view.count == 450)


def test_header_sorts_only_indexed_columns(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_centre(header, COL_NAME))
    assert view.model.query.sort == "claimed_name"
    assert header.sortIndicatorSection() == COL_NAME
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_centre(header, COL_STATUS))
    assert view.model.query.sort == "claimed_name"
    assert header.sortIndicatorSection() == COL_NAME  # the indicator stays where the rows are


def _section_centre(header: QHeaderView, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_ctrl_f_and_enter_open_the_case(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    table = view.table
    table.setFocus()
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search_field

    qtbot.keyClick(view.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is table
    table.selectRow(2)
    expected = view.model.data(view.model.index(2, COL_CASE_NO))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(open_dialogs(view)) == 1)
    dialog = open_dialogs(view)[0]
    assert dialog.detail is not None and dialog.detail.fields["case_number"] == expected
    dialog.close()
    qtbot.waitUntil(lambda: not open_dialogs(view))


def test_scanned_case_number_in_search_opens_it(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    view.search_field.setFocus()
    qtbot.keyClicks(view.search_field, "hq01-2026-00123")
    qtbot.keyClick(view.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(open_dialogs(view)) == 1)
    assert open_dialogs(view)[0].detail.fields["case_number"] == "HQ01-2026-00123"
    open_dialogs(view)[0].close()


def test_double_click_opens_and_a_save_refreshes(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    table = view.table
    rect = table.visualRect(view.model.index(0, COL_NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(open_dialogs(view)) == 1)
    dialog = open_dialogs(view)[0]
    from PySide6.QtWidgets import QLineEdit

    location = dialog.findChild(QLineEdit, "edit_storage_location")
    location.setText("Морг 2")
    with qtbot.waitSignal(dialog.caseChanged):
        dialog.save()
    assert view.model.row_at(0).storage_location == "Морг 2"
    dialog.close()


def test_refresh_shows_new_cases_and_keeps_selection(qtbot, officer, round_id):
    view = make_view(qtbot, officer, round_id)
    qtbot.waitUntil(lambda: view.count == 450)
    view.table.selectRow(5)
    selected = view.selected_case_id()
    intake.record_intake(officer, intake.IntakeData(round_id=round_id, sender_tag="NEW-1"))
    view.refresh()
    qtbot.waitUntil(lambda: view.count == 451)
    assert view.selected_case_id() == selected


def test_all_rounds(qtbot, officer, round_id):
    other = make_round(officer, code="R-2026-09-09")
    intake.record_intake(officer, intake.IntakeData(round_id=other.id, sender_tag="X-1"))
    view = make_view(qtbot, officer, other.id)
    assert view.model.rowCount() == 1
    view.set_round(None)
    qtbot.waitUntil(lambda: view.count == 451)
