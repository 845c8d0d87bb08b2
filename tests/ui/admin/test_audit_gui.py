"""Tools → Verify records: the audit runs off the GUI thread and shows its verdict."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QApplication

from app.domain import Role
from app.services.cases import intake
from app.services.context import AppContext
from tests.conftest import make_round

from ui.admin.audit import AuditDialog
from ui.shell.main_window import MainWindow
from ui.widgets.stored_settings import app_settings


def _run_from_the_menu(qtbot, ctx: AppContext) -> AuditDialog:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, app_settings())
    qtbot.addWidget(window)
    window.show()
    assert window.tools_menu.title() == "&Tools" and window.audit_action in window.tools_menu.actions()
    window.audit_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AuditDialog, "audit_dialog") is not None, timeout=10000)
    dialog = window.findChild(AuditDialog, "audit_dialog")
    assert dialog is not None and dialog.isVisible()
    QApplication.processEvents()
    return dialog


def test_verify_records_reports_intact_then_a_changed_case(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    made = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    dialog = _run_from_the_menu(qtbot, officer)
    assert dialog.verdict.text().startswith("All records are intact")
    dialog.close()

    path = officer.db.path
    assert path is not None
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cases SET claimed_name = 'Someone Else' WHERE id = ?", (made.case_id,))
    conn.commit()
    conn.close()
    dialog = _run_from_the_menu(qtbot, officer)
    assert dialog.verdict.text().startswith("The records are NOT intact")
    assert f"cases record {made.case_id} differs from its latest version in claimed_name" in dialog.details.toPlainText()
