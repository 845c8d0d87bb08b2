"""Choosing the database in Settings: a file or a headquarters PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from app.domain import Role
from app.persistence.db import Database
from app.services.context import AppContext
from tests.conftest import PASSWORD, make_round
from tests.ui.dialogs import when_modal

from ui.shell.settings import SettingsDialog
from ui.widgets.stored_settings import SETTING_DATABASE, saved_database

ROOT = Path(__file__).resolve().parents[3]


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_chosen_database_is_saved(qtbot, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    dialog = SettingsDialog(settings, "/default/repat.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.database.text() == ""
    assert dialog.database.placeholderText() == "/default/repat.sqlite3"
    qtbot.keyClicks(dialog.database, "postgresql://repat@hq/repat")
    handled = when_modal(lambda box: box.accept())
    dialog.accept()
    assert handled, "the user is told the change applies at the next start"
    assert saved_database(settings) == "postgresql://repat@hq/repat"
    # clearing the field goes back to the default file
    again = SettingsDialog(settings, "/default/repat.sqlite3")
    qtbot.addWidget(again)
    again.database.clear()
    when_modal(lambda box: box.accept())
    again.accept()
    assert saved_database(settings) is None


def test_test_connection_reports_ready_or_the_reason(qtbot, tmp_path: Path, sqlite_db: Database) -> None:
    dialog = SettingsDialog(_settings(tmp_path), "")
    qtbot.addWidget(dialog)
    dialog.database.setText(str(sqlite_db.path))
    dialog.test.click()
    qtbot.waitUntil(lambda: dialog.test.isEnabled() and "ready" in dialog.test_result.text(), timeout=10000)
    bogus = tmp_path / "letter.sqlite3"
    bogus.write_text("not a database", encoding="utf-8")
    dialog.database.setText(str(bogus))
    dialog.test.click()
    qtbot.waitUntil(lambda: dialog.test.isEnabled() and "not a Repat database" in dialog.test_result.text(),
                    timeout=10000)


def test_application_opens_the_database_chosen_in_settings(
    db: Database, contexts: dict[Role, AppContext], tmp_path: Path
) -> None:
    """The GUI starts on the database saved in Settings — on SQLite and on a PostgreSQL server."""
    make_round(contexts[Role.FIELD_OFFICER], code="SETTINGS-ROUND")
    data = tmp_path / "app-data"
    data.mkdir()
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING_DATABASE, str(db.path) if db.path else db.url.replace("+psycopg", ""))
    settings.sync()
    env = {k: v for k, v in os.environ.items() if k != "REPAT_DB"}
    env.update(REPAT_EXIT_AFTER_START="1", REPAT_USER="olena", REPAT_PASSWORD=PASSWORD,
               REPAT_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "ui.main"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    log_text = (data / "logs" / "repat.log").read_text(encoding="utf-8")
    assert "olena logged in on KH01" in log_text
