"""The register's window on a real database: Ukrainian order, search, the entry in full, paging,
the import from it, and its place in the main window's menu (supervisors only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.domain import Role
from app.services.context import AppContext
from app.services.register import listing
from app.services.register.importing import import_register, read_register, read_register_file
from tests.register.helpers import csv_bytes

from ui import i18n
from ui.register import model as m
from ui.register.model import RegisterTableModel
from ui.register.window import RegisterWindow
from ui.shell.main_window import MainWindow
from ui.widgets.stored_settings import app_settings

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def supervisor(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    ctx = sqlite_contexts[Role.SUPERVISOR]
    import_register(ctx, read_register_file(DATA / "register_good.csv"))
    return ctx


def open_window(qtbot, ctx: AppContext) -> RegisterWindow:
    window = RegisterWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.count is not None, timeout=10000)
    return window


def names(window: RegisterWindow) -> list[str]:
    return [window.model.data(window.model.index(r, m.COL_NAME)) for r in range(window.model.rowCount())]


def test_the_register_in_ukrainian_order_with_its_count(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    assert window.windowTitle() == "Missing-persons register"
    assert names(window) == [
        "Бондаренко Оксана Сергіївна", "Ґудзь Євген Олегович", "Іваненко Ігор Васильович",
        "Коваленко Андрій Миколайович", "Шевчук Тарас Іванович", "Щербак Юрій Анатолійович",
    ]
    assert window.count_label.text() == "6 entries"
    row = [window.model.data(window.model.index(1, c)) for c in range(m.COLUMN_COUNT)]
    assert row == ["Р-2024/00020", "Ґудзь Євген Олегович", "1979-11-22", "Male", "в/ч Т0101", "2023",
                   "Бахмутський р-н, Донецька обл."]


def test_search_in_either_script_or_by_number(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    qtbot.keyClicks(window.search_field, "Gudz")
    qtbot.waitUntil(lambda: names(window) == ["Ґудзь Євген Олегович"], timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() == "1 entry", timeout=5000)
    window.search_field.clear()
    window.search_field.setText("р-2024/0002")  # (QTest types ASCII only)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert names(window) == ["Ґудзь Євген Олегович", "Іваненко Ігор Васильович", "Щербак Юрій Анатолійович"]
    window.search_field.clear()
    window.apply_search()
    assert window.model.rowCount() == 6


def test_the_selected_entry_is_shown_in_full(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    assert "Select an entry" in window.detail.toPlainText()
    window.table.selectRow(1)
    text = window.detail.toPlainText()
    for part in ("Ґудзь Євген Олегович", "Р-2024/00020", "Distinguishing marks", "Відсутній мізинець лівої руки",
                 "Relatives who gave DNA reference samples", "син — Ґудзь Максим Євгенович",
                 "донька — Ґудзь Олена Євгенівна", "Перевірити другу заяву від родичів"):
        assert part in text, part


def test_importing_from_the_window_refreshes_the_list(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    assert window.import_button.isVisible()
    qtbot.mouseClick(window.import_button, Qt.MouseButton.LeftButton)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.open_file(DATA / "register_bad.csv")
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview_result is not None, timeout=10000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.count == 8, timeout=10000)
    assert window.model.rowCount() == 8 and "Мельник Андрій Петрович" in names(window)


def test_the_model_pages_as_the_view_scrolls(qtbot, qtmodeltester, sqlite_contexts) -> None:
    ctx = sqlite_contexts[Role.SUPERVISOR]
    rows = tuple((f"Р-{i:04d}", f"Олійник Богдан {i:04d}") + ("",) * 10 for i in range(m.PAGE_SIZE + 50))
    import_register(ctx, read_register(csv_bytes(rows)))
    model = RegisterTableModel(ctx)
    model.set_search("")
    assert model.rowCount() == m.PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == m.PAGE_SIZE + 50 and not model.canFetchMore()
    ids = [model.data(model.index(r, 0), m.ENTRY_ID_ROLE) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)
    assert [r.register_number for r in listing.list_entries(ctx, limit=m.PAGE_SIZE + 50).rows] == [
        model.data(model.index(r, m.COL_NUMBER)) for r in range(model.rowCount())]
    qtmodeltester.check(model)


def test_the_window_in_ukrainian(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    i18n.install(i18n.UKRAINIAN)
    qtbot.waitUntil(lambda: window.windowTitle() == "Реєстр зниклих безвісти", timeout=5000)
    assert window.import_button.text() == "&Імпортувати реєстр…"
    assert window.model.headerData(m.COL_DISAPPEARED_ON, Qt.Orientation.Horizontal) == "Дата зникнення"
    assert window.model.data(window.model.index(0, m.COL_BORN)) == "03.09.1996"
    assert window.model.data(window.model.index(0, m.COL_SEX)) == "Жіноча"
    assert window.count_label.text() == "6 записів"


def test_the_menu_opens_one_register_window_for_supervisors_only(qtbot, supervisor, sqlite_contexts) -> None:
    main = MainWindow(supervisor, app_settings())
    qtbot.addWidget(main)
    main.show()
    menu = main.register_menu
    assert menu.menuAction().isVisible() and menu.register_action.isEnabled()
    assert menu.title() == "&Missing persons"
    assert menu.register_action.shortcut().toString() == "Ctrl+Shift+R"
    assert menu.register_action in main.actions()  # the shortcut works with the menu closed
    menu.register_action.trigger()
    first = menu.window
    assert isinstance(first, RegisterWindow) and first.isVisible()
    menu.register_action.trigger()
    assert menu.window is first
    first.close()
    officer = MainWindow(sqlite_contexts[Role.FIELD_OFFICER], app_settings())
    qtbot.addWidget(officer)
    assert not officer.register_menu.menuAction().isVisible()
    assert not officer.register_menu.register_action.isEnabled()
    assert officer.register_menu.open_register() is None


def test_closing_the_window(qtbot, supervisor) -> None:
    window = open_window(qtbot, supervisor)
    window.buttons.rejected.emit()
    assert window.result() == QDialog.DialogCode.Rejected and not window.isVisible()
