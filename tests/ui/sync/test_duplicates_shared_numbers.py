"""The probable duplicates view shows two cases that carry one case number (a laptop set up again
under its old device code numbered its cases afresh): why they are flagged, the number highlighted
side by side, and the supervisor's decision."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain import Role
from app.persistence.db import open_database
from app.services.admin import accounts
from app.services.sync.devices import revoke_device
from app.services.sync.duplicates import list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED
from tests.conftest import PASSWORD
from tests.ui.dialogs import when_modal
from tests.ui.sync_replicas import (
    Replica,
    context_for,
    introduce,
    make_templates,
    new_round,
    open_replica,
    record,
)

from ui.sync.duplicates import DuplicatesDialog


@pytest.fixture
def three(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[Replica, Replica, Replica]]:
    """The headquarters, a laptop KH01, and KH01 set up again (a new key, counters from 1)."""
    (tmp_path / "templates").mkdir()
    templates = make_templates(sqlite_template, tmp_path / "templates")
    hq = open_replica(templates, "HQ01", tmp_path / "hq")
    old = open_replica(templates, "KH01", tmp_path / "old")
    path = tmp_path / "again" / "KH01.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    accounts.initialize(db, device_code="KH01", device_name="KH01 set up again", username="supkh01",
                        full_name="Supervisor", password=PASSWORD)
    sup = context_for(db, "KH01", "supkh01")
    accounts.create_user(sup, username="offkh01", full_name="Officer", role=Role.FIELD_OFFICER, password=PASSWORD)
    again = Replica("KH01", db, sup, context_for(db, "KH01", "offkh01"))
    yield hq, old, again
    for r in (hq, old, again):
        r.db.close()


def test_a_case_number_issued_twice_is_shown_and_dismissed(qtbot, three, tmp_path: Path):
    hq, old, again = three
    rnd = new_round(hq.sup)
    introduce(hq, old, tmp_path)
    introduce(hq, again, tmp_path)
    first = record(old.officer, rnd.id, "UA-1")
    second = record(again.officer, rnd.id, "UA-2")
    assert first.case_number == second.case_number
    for n, laptop in enumerate((old, again)):
        bundle = export_bundle(laptop.officer, tmp_path / f"kh{n}.repat").path
        if n:
            revoke_device(hq.sup, "KH01")  # the laptop was set up again: its old key goes
        assert apply_import(hq.sup, [bundle], trust=True).files[0].status == STATUS_APPLIED

    view = DuplicatesDialog(hq.sup)
    qtbot.addWidget(view)
    view.show()
    # the case number, the device code, and the two user names made on each installation
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 4, timeout=10000)
    rows = {view.model.data(view.model.index(r, view.model.COL_REASON)): r for r in range(view.model.rowCount())}
    assert set(rows) == {"same case number issued on two devices", "same device code on two installations",
                         "same user name"}
    view.table.selectRow(rows["same case number issued on two devices"])
    qtbot.waitUntil(lambda: view.compare.rowCount() > 0, timeout=10000)
    grid = {view.compare.verticalHeaderItem(r).text(): r for r in range(view.compare.rowCount())}
    number_row = grid["Case number"]
    assert {view.compare.item(number_row, c).text() for c in (0, 1)} == {first.case_number}
    assert view.compare.item(number_row, 0).font().bold()  # what the two share is highlighted
    assert not view.compare.item(grid["Sender's tag"], 0).font().bold()
    assert view.link_button.isEnabled() and view.dismiss_button.isEnabled()

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 3, timeout=10000)
    statuses = {(d.table, d.status) for d in list_duplicates(hq.sup, status=None)}
    assert statuses == {("cases", "dismissed"), ("devices", "open"), ("users", "open")}
