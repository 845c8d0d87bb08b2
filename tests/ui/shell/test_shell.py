"""The application shell: first run, login, main window, accounts, settings, start-up."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.domain import Role
from app.persistence.db import Database
from app.services.admin import accounts
from app.services.context import AppContext
from tests.conftest import PASSWORD, make_round
from tests.ui.dialogs import when_modal

from ui import i18n
from ui.admin.users import NewUserDialog, UsersDialog
from ui.main import Shell
from ui.shell.first_run import FirstRunDialog
from ui.shell.login import LoginDialog
from ui.shell.main_window import MainWindow, hide_password
from ui.shell.settings import SettingsDialog
from ui.widgets import errors, service_messages
from ui.widgets.stored_settings import app_settings

ROOT = Path(__file__).resolve().parents[3]


# --- first run ----------------------------------------------------------------------------------


def _fill_first_run(qtbot, dialog: FirstRunDialog, code: str, repeat: str = "secret-pass") -> None:
    qtbot.keyClicks(dialog.device_code, code)
    qtbot.keyClicks(dialog.device_name, "Laptop at the morgue")
    qtbot.keyClicks(dialog.username, "anna")
    dialog.full_name.insert("Анна Коваль")  # QTest types Latin-1 only
    qtbot.keyClicks(dialog.password, "secret-pass")
    qtbot.keyClicks(dialog.repeat, repeat)


def test_first_run_creates_device_and_supervisor(qtbot, sqlite_db: Database) -> None:
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_first_run(qtbot, dialog, "kh07")
    assert dialog.device_code.text() == "KH07"  # typed in capitals whatever the keyboard says
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.context is not None and dialog.context.user is not None
    assert dialog.context.user.role == Role.SUPERVISOR
    device = accounts.local_device(sqlite_db)
    assert (device.code, device.name) == ("KH07", "Laptop at the morgue")
    ctx = accounts.login(sqlite_db, "anna", "secret-pass")
    assert ctx.user is not None and ctx.user.full_name == "Анна Коваль"


def test_first_run_shows_service_errors_inline(qtbot, sqlite_db: Database) -> None:
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_first_run(qtbot, dialog, "7KH")
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.context is None
    assert dialog.error.isVisible()
    assert "device code" in dialog.error.text()
    assert dialog.focusWidget() is dialog.device_code
    assert not accounts.is_initialized(sqlite_db)


def test_first_run_refuses_different_passwords(qtbot, sqlite_db: Database) -> None:
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_first_run(qtbot, dialog, "KH02", repeat="secret-pasz")
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "passwords differ" in dialog.error.text()
    assert not accounts.is_initialized(sqlite_db)


# --- login --------------------------------------------------------------------------------------


def test_login_rejects_a_wrong_password_then_accepts_the_right_one(
    qtbot, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    dialog = LoginDialog(sqlite_db, "KH01", username="ivan")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "KH01" in dialog.device.text()
    assert dialog.focusWidget() is dialog.password  # the remembered user name is filled in

    qtbot.keyClicks(dialog.password, "wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.context is None
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.password.text() == ""

    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.context is not None and dialog.context.user is not None
    assert dialog.context.user.role == Role.FIELD_OFFICER
    assert dialog.context.device_code == "KH01"


def test_login_refuses_a_deactivated_account(
    qtbot, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    accounts.set_active(sqlite_contexts[Role.SUPERVISOR], "ivan", False)
    dialog = LoginDialog(sqlite_db, "KH01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "ivan")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.context is None
    assert dialog.error.isVisible()


# --- main window --------------------------------------------------------------------------------


def _main_window(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx, app_settings())
    qtbot.addWidget(window)
    window.show()
    return window


def test_main_window_shows_rounds_in_the_selector(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    make_round(officer, "R-2026-05-01", declared=12)
    newest = make_round(officer, "R-2026-06-01", declared=None)
    window = _main_window(qtbot, officer)

    qtbot.waitUntil(lambda: window.round_combo.count() == 2)
    texts = [window.round_combo.itemText(i) for i in range(2)]
    assert any("R-2026-05-01" in t and "0 of 12 received" in t for t in texts)
    assert window.rounds_view.model.rowCount() == 2
    assert window.current_round_id() is not None
    assert [window.tabs.tabText(i) for i in range(3)] == ["Intake", "Cases", "Rounds"]
    assert "ivan" in window.user_status.text() and "Field officer" in window.user_status.text()
    assert window.device_status.text() == "Device KH01"
    assert window.db_status.text() == str(officer.db.path)

    index = window.round_combo.findData(newest.id)
    window.round_combo.setCurrentIndex(index)
    assert window.current_round_id() == newest.id
    assert app_settings().value("main_window/round") == newest.id


def test_a_server_password_is_never_shown() -> None:
    assert hide_password("postgresql+psycopg://repat:s3cret@db.example:5432/hq") == (
        "postgresql://repat:***@db.example:5432/hq"
    )
    assert hide_password("postgresql+psycopg://repat@db.example/hq") == "postgresql://repat@db.example/hq"


def test_accounts_menu_only_for_supervisors(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer_window = _main_window(qtbot, sqlite_contexts[Role.FIELD_OFFICER])
    assert not officer_window.accounts_menu.menuAction().isVisible()
    assert not officer_window.users_action.isEnabled()
    clerk_window = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    assert not clerk_window.users_action.isEnabled()
    assert not clerk_window.new_round_action.isEnabled()  # clerks do not create rounds
    supervisor_window = _main_window(qtbot, sqlite_contexts[Role.SUPERVISOR])
    assert supervisor_window.accounts_menu.menuAction().isVisible()
    assert supervisor_window.users_action.isEnabled()


def test_main_window_remembers_its_geometry(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    window = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    window.resize(700, 500)
    window.tabs.setCurrentIndex(2)
    window.close()
    again = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    assert (again.width(), again.height()) == (700, 500)
    assert again.tabs.currentIndex() == 2


def test_each_role_opens_on_its_own_work_and_the_title_names_the_device_once(
    qtbot, sqlite_contexts: dict[Role, AppContext]  # type: ignore[no-untyped-def]
) -> None:
    officer = _main_window(qtbot, sqlite_contexts[Role.FIELD_OFFICER])
    assert officer.tabs.currentIndex() == 0  # Intake
    assert officer.windowTitle() == "KH01"  # the window system adds " — Repat"
    officer.close()  # the officer left the laptop on the Intake tab
    clerk = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    assert clerk.tabs.currentIndex() == 1 and clerk.tabs.isTabEnabled(1)  # Cases, not a disabled Intake
    clerk.tabs.setCurrentIndex(2)
    clerk.close()
    supervisor = _main_window(qtbot, sqlite_contexts[Role.SUPERVISOR])
    assert supervisor.tabs.currentIndex() == 3  # the dashboard
    supervisor.close()
    assert _main_window(qtbot, sqlite_contexts[Role.CLERK]).tabs.currentIndex() == 2  # where the clerk left
    assert _main_window(qtbot, sqlite_contexts[Role.FIELD_OFFICER]).tabs.currentIndex() == 0


def test_the_guide_opens_on_each_roles_work_in_both_languages(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:  # type: ignore[no-untyped-def]
    from ui.shell.guide import GuideDialog

    clerk = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    assert [a.text() for a in clerk.help_menu.actions() if not a.isSeparator()] == ["&Guide", "&About Repat"]
    assert clerk.guide_action.shortcut().toString() == "F1"
    clerk.guide_action.trigger()
    guide = clerk.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    qtbot.addWidget(guide)
    assert guide.tabs.tabText(guide.tabs.currentIndex()) == "Printing the act"
    assert "Verify a printed document" in guide.pages["certificates"].toPlainText()
    i18n.install("uk")
    try:
        qtbot.waitUntil(lambda: guide.tabs.tabText(0) == "День передачі", timeout=3000)
        assert "Відскануйте бирку" in guide.pages["intake"].toPlainText().replace("відскануйте", "Відскануйте")
    finally:
        i18n.install("en")
    officer = GuideDialog(Role.FIELD_OFFICER)
    qtbot.addWidget(officer)
    assert officer.tabs.currentIndex() == 0 and "ALREADY RECEIVED" in officer.pages["intake"].toPlainText()


def test_the_round_selector_shows_the_whole_caption(qtbot, sqlite_contexts: dict[Role, AppContext], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.services.reconciliation import cache

    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer, "2026-06-12-KYIV-NORTH", declared=1210)
    monkeypatch.setattr(cache, "unexplained_counts", lambda _ctx: {rnd.id: 51})
    window = _main_window(qtbot, officer)
    window.resize(1200, 820)
    qtbot.waitUntil(lambda: window.round_combo.count() == 1)
    qtbot.wait(50)
    text = window.round_combo.currentText()
    assert text.endswith("51 unexplained discrepancies")
    needed = window.round_combo.fontMetrics().horizontalAdvance(text)
    assert window.round_combo.width() > needed  # not cut to "…51 unexplained d"
    assert window.round_combo.toolTip() == text


def test_log_out_asks_the_shell(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    window = _main_window(qtbot, sqlite_contexts[Role.CLERK])
    with qtbot.waitSignal(window.logoutRequested):
        window.logout_action.trigger()


def _login_as(qtbot, username: str):
    def fill(dialog) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.username.setText(username)
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    return fill


def test_shell_logs_in_then_out_and_in_as_someone_else(
    qtbot, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    shell = Shell(sqlite_db, app_settings())
    when_modal(_login_as(qtbot, "ivan"), LoginDialog)
    assert shell.start()
    try:
        first = shell.window
        assert first is not None and first.isVisible()
        assert first.ctx.user is not None and first.ctx.user.username == "ivan"

        handled = when_modal(_login_as(qtbot, "olena"), LoginDialog)
        first.logout_action.trigger()
        assert handled
        second = shell.window
        assert second is not None and second is not first and second.isVisible()
        assert second.ctx.user is not None and second.ctx.user.role == Role.SUPERVISOR
        assert app_settings().value("login/last_user") == "olena"
    finally:
        shell.shutdown()


# --- accounts -----------------------------------------------------------------------------------


def test_users_dialog_creates_a_field_officer(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    dialog = UsersDialog(supervisor)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [a.user.username for a in dialog.model.rows()] == ["clerk", "ivan", "olena"]

    def fill(widget) -> None:
        assert isinstance(widget, NewUserDialog)
        qtbot.keyClicks(widget.username, "petro")
        widget.full_name.insert("Петро Мельник")
        widget.role.setCurrentIndex(widget.role.findData(Role.FIELD_OFFICER.value))
        assert widget.role.currentText() == "Field officer"
        qtbot.keyClicks(widget.password, "long enough")
        qtbot.keyClicks(widget.repeat, "long enough")
        qtbot.mouseClick(widget.buttons.button(widget.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)

    handled = when_modal(fill, NewUserDialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert handled

    users = {u.username: (u, active) for u, active in accounts.list_users(supervisor)}
    assert users["petro"][0].role == Role.FIELD_OFFICER and users["petro"][1]
    assert dialog.selected() is not None and dialog.selected().user.username == "petro"
    assert accounts.login(supervisor.db, "petro", "long enough").user is not None


def test_new_user_dialog_shows_a_taken_name(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    dialog = NewUserDialog(sqlite_contexts[Role.SUPERVISOR])
    qtbot.addWidget(dialog)
    dialog.show()
    for field, text in ((dialog.username, "ivan"), (dialog.full_name, "Someone"), (dialog.password, "long enough"),
                        (dialog.repeat, "long enough")):
        qtbot.keyClicks(field, text)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "The user name ivan is taken."
    assert dialog.focusWidget() is dialog.username


def test_users_dialog_deactivates_after_confirmation(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    dialog = UsersDialog(supervisor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow([a.user.username for a in dialog.model.rows()].index("ivan"))
    assert dialog.toggle_button.text() == "&Deactivate"

    handled = when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert handled
    assert dict((u.username, a) for u, a in accounts.list_users(supervisor))["ivan"] is False
    assert dialog.toggle_button.text() == "Re&activate"


def test_a_supervisor_sets_a_new_password_from_the_users_window(
    qtbot, sqlite_contexts: dict[Role, AppContext]  # type: ignore[no-untyped-def]
) -> None:
    from ui.admin.users import PasswordDialog

    supervisor = sqlite_contexts[Role.SUPERVISOR]
    dialog = UsersDialog(supervisor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow([a.user.username for a in dialog.model.rows()].index("ivan"))
    assert dialog.password_button.isEnabled()

    def differ_then_match(widget) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(widget, PasswordDialog)
        qtbot.keyClicks(widget.password, "a new long one")
        qtbot.keyClicks(widget.repeat, "a new long two")
        qtbot.keyClick(widget.repeat, Qt.Key.Key_Return)
        assert widget.isVisible() and "differ" in widget.error.text()
        widget.repeat.clear()
        qtbot.keyClicks(widget.repeat, "a new long one")
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), QMessageBox)
        qtbot.keyClick(widget.repeat, Qt.Key.Key_Return)

    handled = when_modal(differ_then_match, PasswordDialog)
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    assert handled
    assert accounts.login(supervisor.db, "ivan", "a new long one").user is not None


# --- settings and language ----------------------------------------------------------------------


def test_language_switch_applies_at_once(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    window = _main_window(qtbot, sqlite_contexts[Role.SUPERVISOR])
    settings = app_settings()
    dialog = SettingsDialog(settings, "/tmp/x.sqlite3", window)
    qtbot.addWidget(dialog)
    assert dialog.database.placeholderText() == "/tmp/x.sqlite3"
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.UKRAINIAN))
    dialog.accept()

    assert app_settings().value(i18n.SETTING_LANGUAGE) == "uk"
    assert i18n.current_language() == "uk"
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Приймання")
    assert window.file_menu.title() == "&Файл"
    assert "Керівник" in window.user_status.text()


def test_language_can_be_chosen_on_the_login_dialog(
    qtbot, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    settings = app_settings()
    dialog = LoginDialog(sqlite_db, "KH01", settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.login_button.text() == "&Log in"
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.UKRAINIAN))
    qtbot.waitUntil(lambda: dialog.login_button.text() == "&Увійти")
    assert dialog.windowTitle() == "Вхід до Repat"
    assert dialog.device.text() == "Пристрій KH01"
    assert app_settings().value(i18n.SETTING_LANGUAGE) == "uk"
    qtbot.keyClicks(dialog.username, "ivan")
    qtbot.keyClicks(dialog.password, "nope")
    dialog.accept()
    assert dialog.error.text() == "Неправильне ім’я користувача або пароль."  # the service's sentence, translated


def test_resolve_language_order(qapp) -> None:
    settings = app_settings()
    assert i18n.resolve_language(None, settings, system="uk_UA") == "uk"
    assert i18n.resolve_language(None, settings, system="de_DE") == "en"
    settings.setValue(i18n.SETTING_LANGUAGE, "en")
    assert i18n.resolve_language(None, settings, system="uk_UA") == "en"
    assert i18n.resolve_language("uk", settings, system="en_US") == "uk"


# --- errors -------------------------------------------------------------------------------------


def test_service_messages_are_translated(qapp) -> None:
    i18n.install(i18n.UKRAINIAN)
    assert service_messages.translate_message("Wrong user name or password.") == "Неправильне ім’я користувача або пароль."
    assert "R-7" in service_messages.translate_message("A round with the code R-7 already exists.")
    assert service_messages.translate_message("A sentence nobody knows.") == "A sentence nobody knows."


@pytest.fixture
def _restore_logging() -> object:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_exception_hook_logs_the_traceback_and_shows_a_dialog(qtbot, _restore_logging: object) -> None:
    path = errors.install_logging()
    shown: list[str] = []

    def read_and_close(box) -> None:
        shown.append(box.text() + "\n" + box.detailedText())
        box.accept()

    when_modal(read_and_close, QMessageBox)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        errors.handle_exception(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and "boom in a slot" in shown[0] and "Traceback" in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in text
    assert path.parent == Path(os.environ["REPAT_DATA_DIR"]) / "logs"


# --- the real process ---------------------------------------------------------------------------


def _cli_problem() -> str | None:
    try:
        from app.cli.main import build_parser

        build_parser()
    except ImportError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("command", ["repat", "module"])
def test_application_starts_to_the_main_window(
    command: str, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path
) -> None:
    problem = _cli_problem() if command == "repat" else None
    if problem:
        pytest.skip(f"the repat command cannot build its parser: {problem}")
    make_round(sqlite_contexts[Role.FIELD_OFFICER])
    assert sqlite_db.path is not None
    env = dict(os.environ, REPAT_EXIT_AFTER_START="1", REPAT_USER="olena", REPAT_PASSWORD=PASSWORD,
               REPAT_DATA_DIR=str(tmp_path / "app-data"), QT_QPA_PLATFORM="offscreen")
    exe = shutil.which("repat", path=str(Path(sys.executable).parent))
    args = ([exe, "--db", str(sqlite_db.path)] if command == "repat" and exe
            else [sys.executable, "-m", "ui.main"])
    env["REPAT_DB"] = str(sqlite_db.path)
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    reported = float(result.stdout.split("main window shown ")[1].split(" s")[0])
    print(f"\n{command}: main window after {reported:.2f} s; process ran {elapsed:.2f} s")
    assert reported < 5.0  # the target is 1.5 s on a laptop; generous here for a busy test machine
    log_text = (tmp_path / "app-data" / "logs" / "repat.log").read_text(encoding="utf-8")
    assert "olena logged in on KH01" in log_text


def test_a_fresh_install_starts_on_the_first_run_dialog(tmp_path: Path) -> None:
    env = dict(os.environ, REPAT_EXIT_AFTER_START="1", REPAT_DATA_DIR=str(tmp_path / "d"),
               QT_QPA_PLATFORM="offscreen", REPAT_DB=str(tmp_path / "new.sqlite3"))
    result = subprocess.run([sys.executable, "-m", "ui.main"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "repat: first-run dialog shown: Set up Repat" in result.stdout


def test_application_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("shopping list", encoding="utf-8")
    env = dict(os.environ, REPAT_EXIT_AFTER_START="1", REPAT_DATA_DIR=str(tmp_path / "d"),
               QT_QPA_PLATFORM="offscreen", REPAT_DB=str(bogus))
    result = subprocess.run([sys.executable, "-m", "ui.main"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "is not a Repat database" in result.stderr


def test_second_instance_is_refused(sqlite_db: Database, sqlite_contexts: dict[Role, AppContext],
                                    tmp_path: Path) -> None:
    sqlite_db.acquire_instance_lock()
    env = dict(os.environ, REPAT_EXIT_AFTER_START="1", REPAT_USER="olena", REPAT_PASSWORD=PASSWORD,
               REPAT_DATA_DIR=str(tmp_path / "d"), QT_QPA_PLATFORM="offscreen", REPAT_DB=str(sqlite_db.path))
    result = subprocess.run([sys.executable, "-m", "ui.main"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "already open on this database" in result.stderr



def test_the_main_window_loads_no_document_code_before_it_is_wanted() -> None:
    """ReportLab and the document windows are imported when a document is first opened, the fuzzy
    matching of the candidates when a case file opens, the XLSX reader when a workbook is read:
    not at start-up (the documents alone cost about a third of a second before the main window
    could show)."""
    late = ("reportlab.platypus", "ui.documents.", "rapidfuzz", "openpyxl", "ui.cases.candidates")
    code = ("import sys, ui.launcher, ui.main, ui.shell.main_window\n"
            f"print(','.join(sorted(m for m in sys.modules if m.startswith({late!r}))))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == ""
