"""File → Back up…, File → Restore from a backup… (through the shell: close, restore, log in again),
the daily backup to the folder named in Settings, and restoring instead of setting up a new laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain import Role
from app.persistence.db import Database
from app.persistence.models import Case
from app.services.admin import backup
from app.services.cases import intake
from app.services.context import AppContext
from tests.conftest import PASSWORD, make_round
from tests.ui.dialogs import when_modal

from ui.admin.backup import SETTING_FOLDER
from ui.main import Shell
from ui.shell.first_run import FirstRunDialog
from ui.shell.login import LoginDialog
from ui.shell.main_window import MainWindow
from ui.widgets.stored_settings import app_settings


def _cases(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def _click(button: QMessageBox.StandardButton, then=None):  # type: ignore[no-untyped-def]
    def handle(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        handle.text = box.text()  # type: ignore[attr-defined]
        if then is not None:
            then()
        box.button(button).click()

    return handle


def test_back_up_from_the_file_menu(qtbot, sqlite_contexts: dict[Role, AppContext], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    window = MainWindow(officer, app_settings())
    qtbot.addWidget(window)
    window.show()
    assert [a.text() for a in window.file_menu.actions()][:2] == ["&Back up…", "&Restore from a backup…"]
    assert window.backups.backup_action.isEnabled()
    assert not window.backups.restore_action.isEnabled()  # replacing the records is for a supervisor
    target = tmp_path / "copy.sqlite3"
    offered: list[str] = []

    def save_name(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    told = _click(QMessageBox.StandardButton.Ok)
    handled = when_modal(told, QMessageBox)
    window.backups.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)
    assert Path(offered[0]).name.startswith("repat-KH01-") and target.exists()
    assert "Backed up 1 case(s)" in told.text  # type: ignore[attr-defined]
    assert backup.inspect_file(target).cases == 1


def test_the_daily_backup_goes_to_the_folder_from_settings_or_says_why_not(
    qtbot, sqlite_contexts: dict[Role, AppContext], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    settings = app_settings()
    settings.setValue(SETTING_FOLDER, str(tmp_path / "stick"))
    window = MainWindow(sqlite_contexts[Role.CLERK], settings)
    qtbot.addWidget(window)
    window.show()
    window.backups.auto_backup()
    qtbot.waitUntil(lambda: "is not there" in window.statusBar().currentMessage(), timeout=10000)
    (tmp_path / "stick").mkdir()
    window.backups.auto_backup()
    qtbot.waitUntil(lambda: "Today's backup was written" in window.statusBar().currentMessage(), timeout=10000)
    assert len(backup.rotated_backups(tmp_path / "stick", "KH01")) == 1


def test_restore_from_the_file_menu_closes_restores_and_asks_to_log_in(
    qtbot, sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    saved = backup.backup(sqlite_db, tmp_path / "monday.sqlite3").path
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-2"))
    sqlite_db.acquire_instance_lock()
    shell = Shell(sqlite_db, app_settings())

    def login_as(name: str):  # type: ignore[no-untyped-def]
        def fill(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, LoginDialog)
            dialog.username.setText(name)
            qtbot.keyClicks(dialog.password, PASSWORD)
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        return fill

    when_modal(login_as("olena"), LoginDialog)
    assert shell.start()
    try:
        window = shell.window
        assert window is not None and window.backups.restore_action.isEnabled()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(saved), ""))
        relogged: list[object] = []
        told = _click(QMessageBox.StandardButton.Ok, lambda: relogged.extend(when_modal(login_as("olena"), LoginDialog)))
        asked = _click(QMessageBox.StandardButton.Yes, lambda: when_modal(told, QMessageBox))
        when_modal(asked, QMessageBox)
        window.backups.restore_action.trigger()
        qtbot.waitUntil(lambda: shell.window is not None and shell.window is not window, timeout=15000)
        assert "monday.sqlite3 of KH01 (1 case(s))" in asked.text  # type: ignore[attr-defined]
        assert "Restored 1 case(s) from monday.sqlite3" in told.text  # type: ignore[attr-defined]
        assert shell.db is not sqlite_db and _cases(shell.db) == 1
        assert list(tmp_path.rglob("*.before-restore.*"))
    finally:
        shell.shutdown()
        shell.db.close()


def test_a_new_laptop_can_restore_instead_of_setting_up(
    qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    dialog = FirstRunDialog(sqlite_db, app_settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button.isVisible() and dialog.restore_button.text() == "Restore from a &backup…"
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(junk), ""))
    refused = _click(QMessageBox.StandardButton.Ok)
    when_modal(refused, QMessageBox)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "is not a Repat backup" in refused.text  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.restore_path == ""
