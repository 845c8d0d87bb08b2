"""The reconciliation dashboard on a real database: figures per round, clicking a figure lists its
cases, totals of a selection, charts, the discrepancies dialog explaining one."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from app.domain import Role
from app.persistence.models import ReconciliationCount
from app.services.context import AppContext
from app.services.reconciliation import cache, explanations, round_figures
from app.services.reconciliation.round_figures import PROGRESS_KEYS
from tests.reconciliation.scenario import Scenario, build, contexts_of
from tests.ui.dialogs import when_modal
from tests.ui.intake_helpers import type_text

from ui.reconciliation.dashboard import DashboardView
from ui.reconciliation.discrepancies import DiscrepanciesDialog, ExplainDialog
from ui.reconciliation.figure_list import FigureListDialog
from ui.reconciliation.figures_table import FiguresModel


@pytest.fixture
def scenario(sqlite_contexts: dict[Role, AppContext]) -> Scenario:
    return build(*contexts_of(sqlite_contexts))


@pytest.fixture
def supervisor(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.SUPERVISOR]


@pytest.fixture
def view(qtbot, supervisor, scenario) -> DashboardView:
    widget = DashboardView(supervisor)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy and widget.model.rowCount() == 4, timeout=10000)
    return widget


def _cell(view: DashboardView, code: str, key: str):
    row = next(r for r in range(view.model.rowCount() - 1) if view.model.data(view.model.index(r, 0)) == code)
    return view.model.index(row, view.model.column_of(key))


def _click(qtbot, view: DashboardView, index) -> None:
    key = view.model.figure_key(index.column())
    if key and view.table.isColumnHidden(index.column()):  # the figure's group, chosen as a user would
        button = view.show_progress if key in PROGRESS_KEYS else view.show_discrepancies
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not view.table.isColumnHidden(index.column())
    view.table.scrollTo(index)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_recompute_all_rebuilds_the_figures_from_the_records(qtbot, view: DashboardView, supervisor, scenario):
    def received() -> str:
        return view.model.data(_cell(view, "R-A", "received"))

    good = received()
    with supervisor.db.session(write=True) as session:  # the stored facts of R-A lost
        session.execute(delete(ReconciliationCount).where(ReconciliationCount.round_id == scenario.round_ids["R-A"]))
    view.refresh(fresh=True)
    qtbot.waitUntil(lambda: not view.busy and received() != good, timeout=10000)
    qtbot.mouseClick(view.recompute_button, Qt.MouseButton.LeftButton)
    assert view.busy
    qtbot.waitUntil(lambda: not view.busy and received() == good, timeout=10000)


def test_the_table_shows_every_round_and_the_total(view: DashboardView, scenario: Scenario):
    model = view.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["R-A", "R-B", "R-C", "Total (3)"]
    for code in ("R-A", "R-B", "R-C"):
        for key in round_figures.FIGURE_KEYS:
            shown = model.data(_cell(view, code, key))
            if key == "declared_total" and scenario.declared[code] is None:
                assert shown == "—"
            else:
                assert shown == str(scenario.count(code, key)), (code, key)
    total_row = model.rowCount() - 1
    assert model.data(model.index(total_row, model.column_of("received"))) == "13"
    assert model.data(model.index(total_row, model.column_of("declared_total"))) == "17*"
    assert model.data(model.index(0, FiguresModel.COL_UNEXPLAINED)) == "14"
    # unexplained discrepancies are shaded, explained ones in a softer colour
    assert model.data(_cell(view, "R-A", "duplicate_tags"), Qt.ItemDataRole.BackgroundRole) is not None
    assert "14 discrepancies not explained" not in view.status.text()  # the status speaks of all rounds
    assert "20 discrepancies not explained" in view.status.text()


def test_clicking_a_figure_lists_exactly_its_cases_and_opens_one(qtbot, view: DashboardView, scenario: Scenario):
    _click(qtbot, view, _cell(view, "R-A", "received_not_declared"))
    dialog = view.list_dialog
    assert isinstance(dialog, FigureListDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    ids = {dialog.model.item(r).id for r in range(dialog.model.rowCount())}
    assert ids == scenario.expected["R-A"]["received_not_declared"]
    assert dialog.windowTitle() == "Received, not declared — R-A"
    assert dialog.open_button.isEnabled()
    # the Detail column tells the cases apart: who they were identified as, else when they came
    details = [dialog.model.data(dialog.model.index(r, 5)) for r in range(dialog.model.rowCount())]
    assert all(details) and all(d.startswith(("identified as", "20")) for d in details), details

    # Enter on another figure (keyboard) lists that one instead
    view.table.setFocus()
    view.table.setCurrentIndex(_cell(view, "R-A", "declared_not_received"))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.list_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert [dialog.model.data(dialog.model.index(r, 2)) for r in range(3)] == ["T-08", "T-09", "T-10"]
    assert not dialog.open_button.isEnabled()  # manifest lines have no case file

    # the total row lists every round's cases; a case opens in its case file
    total = view.model.index(view.model.rowCount() - 1, view.model.column_of("identity_disputed"))
    _click(qtbot, view, total)
    dialog = view.list_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert {dialog.model.item(r).id for r in range(dialog.model.rowCount())} == \
        scenario.expected["R-A"]["identity_disputed"]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    opened = [w for w in dialog.findChildren(QDialog) if w.objectName() == "caseDetailDialog"]
    assert len(opened) == 1 and opened[0].isVisible()
    opened[0].close()


def test_a_selection_of_rounds_is_totalled(qtbot, view: DashboardView):
    model = view.model
    view.table.selectRow(0)
    view.table.selectionModel().select(model.index(1, 0), view.table.selectionModel().SelectionFlag.Select
                                       | view.table.selectionModel().SelectionFlag.Rows)
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0)) == "Selected (2)"
    assert model.data(model.index(last, model.column_of("received"))) == "13"  # 10 + 3
    assert model.data(model.index(last, model.column_of("manifest_lines"))) == "10"
    _click(qtbot, view, model.index(last, model.column_of("received_not_declared")))
    dialog = view.list_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert {dialog.model.item(r).round_code for r in range(dialog.model.rowCount())} == {"R-A", "R-B"}
    assert dialog.model.rowCount() == 5


def test_the_charts_show_rounds_and_progress(view: DashboardView):
    bars = [s for s in view.bar_chart.series() if isinstance(s, QBarSeries)]
    assert len(bars) == 1
    sets = {b.label(): [b.at(i) for i in range(b.count())] for b in bars[0].barSets()}
    assert sets == {"Declared": [12.0, 0.0, 5.0], "Received": [10.0, 3.0, 0.0], "Identified": [3.0, 0.0, 0.0]}
    lines = {s.name(): s for s in view.line_chart.series() if isinstance(s, QLineSeries)}
    assert set(lines) == {"Received", "Examined", "Identified", "Released"}
    assert lines["Received"].at(lines["Received"].count() - 1).y() == 13
    assert lines["Released"].at(lines["Released"].count() - 1).y() == 1


def test_the_period_filter_and_a_refresh_after_a_change(qtbot, view: DashboardView, scenario: Scenario, supervisor):
    from PySide6.QtCore import QDate

    view.date_from.setDate(QDate(2026, 6, 10))
    view.date_to.setDate(QDate(2026, 7, 31))
    view.period_box.setChecked(True)
    qtbot.waitUntil(lambda: not view.busy and view.model.rowCount() == 3, timeout=5000)
    assert [view.model.data(view.model.index(r, 0)) for r in range(2)] == ["R-B", "R-C"]
    from app.services.cases import intake

    intake.record_intake(supervisor, intake.IntakeData(round_id=scenario.round_ids["R-C"], sender_tag="C-1"))
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: view.model.data(_cell(view, "R-C", "received")) == "1", timeout=5000)
    assert view.model.data(_cell(view, "R-C", "declared_not_received")) == "1"


def test_explaining_from_the_discrepancies_dialog(qtbot, view: DashboardView, scenario: Scenario, supervisor):
    view.table.selectRow(0)
    buttons = [b for b in view.findChildren(QPushButton) if b.text() == "&Discrepancies…"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    dialog = next(w for w in view.findChildren(DiscrepanciesDialog))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.model.rowCount() == 17
    dialog.show_kind("declared_not_received")
    dialog.only_unexplained.setChecked(True)
    assert dialog.model.rowCount() == 2
    dialog.table.selectAll()

    def explain(box) -> None:
        assert isinstance(box, ExplainDialog)
        type_text(qtbot, box.text, "Залишились на іншій стороні.")
        box.resolved.setChecked(True)
        box.accept()

    when_modal(explain, ExplainDialog)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.loaded and dialog.model.rowCount() == 0, timeout=5000)
    qtbot.waitUntil(lambda: view.model.data(view.model.index(0, FiguresModel.COL_UNEXPLAINED)) == "12", timeout=5000)
    items = explanations.list_discrepancies(supervisor, [scenario.round_ids["R-A"]])
    t09 = next(i for i in items if i.tag == "T-09")
    assert (t09.explanation, t09.resolved, t09.explained_by) == ("Залишились на іншій стороні.", True,
                                                                 "Олена Петренко")
    dialog.close()


def test_the_figures_model_on_its_own(qtmodeltester, supervisor, scenario: Scenario):
    model = FiguresModel()
    model.set_rounds(cache.figures(supervisor))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == FiguresModel.COLUMNS
    assert model.figure_key(FiguresModel.COL_ROUND) is None
    assert model.figure_key(model.column_of("custody_gaps")) == "custody_gaps"
    assert model.headerData(model.column_of("custody_gaps"), Qt.Orientation.Horizontal) == "Custody\ngaps"
    assert "lacks an event" in model.headerData(model.column_of("custody_gaps"), Qt.Orientation.Horizontal,
                                                Qt.ItemDataRole.ToolTipRole)
    assert model.round_ids(0) == [scenario.round_ids["R-A"]]
    assert model.round_ids(3) == list(scenario.round_ids.values())


def test_resolving_and_reopening_in_the_discrepancies_dialog(qtbot, scenario: Scenario, supervisor,
                                                             sqlite_contexts):
    a = scenario.round_ids["R-A"]
    dialog = DiscrepanciesDialog(supervisor, [a])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.show_kind("declared_not_received")
    assert dialog.model.rowCount() == 3
    dialog.table.selectRow(0)  # T-08: explained, not resolved
    assert dialog.resolve_button.isEnabled() and not dialog.reopen_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.loaded and dialog.model.rowCount() == 3, timeout=5000)
    dialog.table.selectRow(0)
    assert dialog.model.data(dialog.model.index(0, dialog.model.COL_RESOLVED)) == "Yes"
    assert dialog.reopen_button.isEnabled() and not dialog.resolve_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert not any(i.resolved for i in explanations.list_discrepancies(supervisor, [a])
                   if i.ref.figure == "declared_not_received")
    # merge-view items cannot be explained here; an officer does not see Resolve at all
    dialog.show_kind("open_conflicts")
    dialog.table.selectRow(0)
    assert not dialog.explain_button.isEnabled()
    assert dialog.model.data(dialog.model.index(0, dialog.model.COL_EXPLANATION)) == "Settled in the merge view"
    officer_view = DiscrepanciesDialog(sqlite_contexts[Role.FIELD_OFFICER], [a])
    qtbot.addWidget(officer_view)
    assert officer_view.resolve_button.isHidden() and officer_view.reopen_button.isHidden()


def test_the_figures_fit_a_laptop_screen_one_group_at_a_time(qtbot, view: DashboardView):
    """At the main window's width on a 1280-pixel screen the table needs no horizontal scrolling:
    it shows the progress figures or the discrepancy figures (Alt+P, Alt+I), or all of them."""
    view.resize(1130, 600)
    qtbot.wait(50)
    model, table = view.model, view.table

    def shown() -> set[str]:
        return {k for c in range(model.COLUMNS) if (k := model.figure_key(c)) and not table.isColumnHidden(c)}

    def fits() -> bool:
        table.resizeColumnsToContents()
        qtbot.wait(20)
        return not table.horizontalScrollBar().isVisible()

    assert view.show_progress.isChecked()
    assert shown() == {"declared_total", "manifest_lines", "received", "certified", "examined", "sampled",
                       "identified", "released", "returned"}
    assert fits()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.show_discrepancies.isChecked)  # a mnemonic clicks the button after a short flash
    assert "received_not_declared" in shown() and "received" not in shown()
    assert fits()
    for column in (FiguresModel.COL_ROUND, FiguresModel.COL_DATE, FiguresModel.COL_UNEXPLAINED):
        assert not table.isColumnHidden(column)
    qtbot.keyClick(view.show_discrepancies, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(shown()) == 20)
    assert not fits()  # what the table was before: every figure, a scrollbar
    qtbot.keyClick(view.show_all, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.show_progress.isChecked)
    assert "received" in shown() and "broken_seals" not in shown()
    view.refresh()  # new figures keep the chosen group
    qtbot.waitUntil(lambda: not view.busy, timeout=10000)
    assert "broken_seals" not in shown()
