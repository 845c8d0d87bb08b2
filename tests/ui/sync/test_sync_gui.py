"""The exchange windows over real bundle files between two real databases (a headquarters and a
field laptop): the merge wizard's preview and import, a cancel that leaves the database as it was,
a conflict resolved in the conflicts view, a probable duplicate linked, the export dialog, the
devices dialog's fingerprint (text and QR) and a quarantined bundle moved in by trusting its device."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from app.services.cases import case_file, intake
from app.services.sync import imports
from app.services.sync.conflicts import list_conflicts
from app.services.sync.devices import hq_public_key_pem, list_devices, this_device
from app.services.sync.duplicates import list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import preview_import
from app.services.sync.report import STATUS_APPLIED, STATUS_QUARANTINED, STATUS_READY
from app.services.sync.status import receive_rounds, sync_status
from app.services.sync.trust import list_quarantine
from tests.ui.dialogs import when_modal
from tests.ui.intake_helpers import type_text
from tests.ui.sync_replicas import (
    Replica,
    database_digest,
    introduce,
    make_templates,
    new_round,
    open_replica,
    record,
)

from ui.sync.conflicts import ConflictsDialog
from ui.sync.devices.dialog import DevicesDialog
from ui.sync.devices.trust import TrustDialog
from ui.sync.duplicates import DuplicatesDialog
from ui.sync.export import ExportDialog
from ui.sync.menu import build_sync_menu
from ui.sync.merge_wizard.summary import FileSummaryModel
from ui.sync.merge_wizard.wizard import MergeWizard


@pytest.fixture(scope="session")
def sync_templates(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_templates(sqlite_template, tmp_path_factory.mktemp("sync_gui_templates"))


@pytest.fixture
def hq(sync_templates: dict[str, Path], tmp_path: Path) -> Iterator[Replica]:
    replica = open_replica(sync_templates, "HQ01", tmp_path / "hq")
    yield replica
    replica.db.close()


@pytest.fixture
def kh(sync_templates: dict[str, Path], tmp_path: Path) -> Iterator[Replica]:
    replica = open_replica(sync_templates, "KH01", tmp_path / "kh")
    yield replica
    replica.db.close()


def _cell(model: FileSummaryModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)) or "")


def _wizard(qtbot, ctx, paths) -> MergeWizard:
    wizard = MergeWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.add_paths(paths)
    return wizard


def _preview(qtbot, wizard: MergeWizard) -> None:
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == MergeWizard.PAGE_PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_page.loaded, timeout=15000)


# --- the merge wizard ------------------------------------------------------------------------------


def test_the_wizard_previews_a_laptops_bundle_then_imports_it(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    rnd = new_round(kh.officer)
    introduce(kh, hq, tmp_path)
    made = [record(kh.officer, rnd.id, f"UA-{i}") for i in range(3)]
    bundle = export_bundle(kh.officer, tmp_path / "KH01-day.repat").path
    before = database_digest(hq.path)

    wizard = _wizard(qtbot, hq.sup, [bundle])
    assert wizard.files_page.paths() == [str(bundle)]
    _preview(qtbot, wizard)
    page = wizard.preview_page
    model = page.model
    assert model.rowCount() == 1
    # the figures are the service's own, for this very file
    (expected,) = preview_import(hq.sup, [bundle])
    assert expected.status == STATUS_READY and expected.new >= 3
    assert _cell(model, 0, FileSummaryModel.COL_FILE) == "KH01-day.repat"
    assert _cell(model, 0, FileSummaryModel.COL_DEVICE) == "KH01"
    assert _cell(model, 0, FileSummaryModel.COL_STATUS) == "Ready"
    assert _cell(model, 0, FileSummaryModel.COL_NEW) == str(expected.new)
    assert _cell(model, 0, FileSummaryModel.COL_UPDATED) == "0"
    assert _cell(model, 0, FileSummaryModel.COL_CONFLICTS) == "0"
    assert f"{expected.new} new" in page.totals.text()
    assert database_digest(hq.path) == before  # a preview changes nothing
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.isEnabled() and commit.text() == "&Import"

    steps: list[str] = []  # what the import page says it is doing, under its bar
    real_set_text = wizard.apply_page.step.setText
    wizard.apply_page.step.setText = lambda text: (steps.append(text), real_set_text(text))  # type: ignore[method-assign]
    with qtbot.waitSignal(wizard.imported, timeout=15000) as imported:
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert [f.status for f in result.files] == [STATUS_APPLIED]
    assert wizard.currentId() == MergeWizard.PAGE_RESULT
    assert "Importing KH01-day.repat" in steps and "KH01-day.repat: Updating records" in steps
    assert steps[-2:] == ["Saving", "Done"]
    assert _cell(wizard.result_page.model, 0, FileSummaryModel.COL_STATUS) == "Imported"
    assert wizard.result_page.totals.text().startswith(f"Imported: {expected.new} new")
    for m in made:  # the cases arrived, with their numbers
        assert case_file.get_case(hq.sup, m.case_id).fields["case_number"] == m.case_number
    with qtbot.waitSignal(wizard.openConflicts, timeout=1000):
        qtbot.mouseClick(wizard.result_page.conflicts_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.openDuplicates, timeout=1000):
        qtbot.mouseClick(wizard.result_page.duplicates_button, Qt.MouseButton.LeftButton)

    # importing the same file again changes nothing, and the wizard says so
    again = _wizard(qtbot, hq.sup, [bundle])
    _preview(qtbot, again)
    assert _cell(again.preview_page.model, 0, FileSummaryModel.COL_STATUS) == "Already imported"
    assert not again.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_refused_and_a_quarantined_file_say_why(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    new_round(kh.officer)
    good = export_bundle(kh.officer, tmp_path / "kh.repat").path  # KH01 is unknown at HQ01
    broken = tmp_path / "broken.repat"
    broken.write_bytes(good.read_bytes()[:-200])
    wizard = _wizard(qtbot, hq.sup, [good, broken])
    _preview(qtbot, wizard)
    model = wizard.preview_page.model
    rows = {_cell(model, r, FileSummaryModel.COL_FILE): r for r in range(model.rowCount())}
    held, refused = rows["kh.repat"], rows["broken.repat"]
    assert _cell(model, held, FileSummaryModel.COL_STATUS) == "Quarantined"
    fingerprint = this_device(kh.officer).fingerprint
    assert fingerprint in _cell(model, held, FileSummaryModel.COL_NOTE)
    assert _cell(model, held, FileSummaryModel.COL_NEW) == ""
    assert _cell(model, refused, FileSummaryModel.COL_STATUS) == "Refused"
    note = _cell(model, refused, FileSummaryModel.COL_NOTE)
    assert note.endswith(".") and "broken.repat" in note
    totals = wizard.preview_page.totals.text()
    assert totals.startswith("No record would change.")
    assert "1 file from a device not trusted here would be held in quarantine" in totals
    assert "1 file refused" in totals
    assert list_quarantine(hq.sup) == []  # not yet: only the import holds it

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MergeWizard.PAGE_RESULT, timeout=15000)
    assert wizard.result_page.devices_button.isVisibleTo(wizard)
    assert [q.device_code for q in list_quarantine(hq.sup)] == ["KH01"]


def test_stop_during_the_import_leaves_the_database_as_it_was(
    qtbot, hq: Replica, kh: Replica, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    rnd = new_round(kh.officer)
    introduce(kh, hq, tmp_path)
    for i in range(30):
        record(kh.officer, rnd.id, f"UA-{i}")
    bundle = export_bundle(kh.officer, tmp_path / "kh.repat").path

    # Hold the worker at its first step inside the import transaction until the user has pressed
    # Cancel, so the cancel lands mid-import whatever the speed of the machine.
    reached, release = threading.Event(), threading.Event()
    real = imports.apply_import

    def gated(ctx, paths, progress, token, **kw):
        def step(done: int, total: int, message: str = "") -> None:
            progress(done, total, message)
            if message.startswith("Importing") and not reached.is_set():
                reached.set()
                release.wait(10)

        return real(ctx, paths, step, token, **kw)

    monkeypatch.setattr(imports, "apply_import", gated)
    before = database_digest(hq.path)
    wizard = _wizard(qtbot, hq.sup, [bundle])
    _preview(qtbot, wizard)
    imported: list[object] = []
    wizard.imported.connect(imported.append)
    wizard.next()
    assert wizard.currentId() == MergeWizard.PAGE_APPLY
    qtbot.waitUntil(reached.is_set, timeout=10000)
    assert wizard.apply_page.running and wizard.apply_page.stop_button.isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible()  # Cancel stops the import; the wizard stays to say what happened
    release.set()
    qtbot.waitUntil(lambda: not wizard.apply_page.running, timeout=15000)
    text = wizard.apply_page.outcome.text()
    assert "stopped" in text and "exactly as it was" in text
    assert wizard.apply_page.restart_button.isVisible()
    assert not wizard.apply_page.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert imported == []
    assert database_digest(hq.path) == before

    # starting again imports the file for real
    monkeypatch.setattr(imports, "apply_import", real)
    qtbot.mouseClick(wizard.apply_page.restart_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == MergeWizard.PAGE_FILES and wizard.files_page.paths() == [str(bundle)]
    _preview(qtbot, wizard)
    with qtbot.waitSignal(wizard.imported, timeout=15000):
        wizard.next()
    assert database_digest(hq.path) != before


# --- conflicts ---------------------------------------------------------------------------------------


def _conflict(hq: Replica, kh: Replica, folder: Path) -> str:
    """The same case's storage location changed differently at HQ01 and on KH01, then KH01's
    bundle merged at HQ01: one open conflict. Returns the case id."""
    rnd = new_round(hq.sup)
    made = record(hq.sup, rnd.id, "UA-77")
    introduce(hq, kh, folder)
    introduce(kh, hq, folder)
    at_hq = case_file.get_case(hq.sup, made.case_id)
    case_file.update_case(hq.sup, made.case_id, at_hq.rev, {"storage_location": "Shelf HQ"})
    at_kh = case_file.get_case(kh.officer, made.case_id)
    case_file.update_case(kh.officer, made.case_id, at_kh.rev, {"storage_location": "Shelf KH"})
    bundle = export_bundle(kh.officer, folder / "kh-edit.repat").path
    (summary,) = imports.apply_import(hq.sup, [bundle]).files
    assert summary.conflicts == 1
    return made.case_id


def other_value(values: dict[str, object], shown: str) -> str:
    return next(v for v in values if v != shown)


def _conflicts_view(qtbot, ctx) -> ConflictsDialog:
    view = ConflictsDialog(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.loaded, timeout=10000)
    return view


def test_a_supervisor_resolves_a_conflict_by_picking_a_value(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    case_id = _conflict(hq, kh, tmp_path)
    view = _conflicts_view(qtbot, hq.sup)
    assert view.model.rowCount() == 1
    conflict = view.current()
    assert conflict is not None and conflict.field == "storage_location"
    assert view.heading.text().endswith("Storage location")
    values = {card.value.text(): card for card in view.cards}
    assert set(values) == {"Shelf HQ", "Shelf KH"}
    assert "suphq01 on device HQ01" in values["Shelf HQ"].who.text()
    assert "offkh01 on device KH01" in values["Shelf KH"].who.text()
    shown = case_file.get_case(hq.sup, case_id).fields["storage_location"]
    assert values[shown].marker.isVisibleTo(view) and not values[other_value(values, shown)].marker.isVisibleTo(view)  # the provisional value is the one the database shows
    other = other_value(values, shown)

    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.mouseClick(values[other].keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 0, timeout=10000)
    assert view.status.text() == "No open conflicts."
    assert case_file.get_case(hq.sup, case_id).fields["storage_location"] == other
    assert list_conflicts(hq.sup) == []
    (resolved,) = list_conflicts(hq.sup, status="resolved")
    assert resolved.current == other and resolved.resolved_by == "suphq01"

    # the resolved list shows who settled it
    view.show_combo.setCurrentIndex(view.show_combo.findData(ConflictsDialog.SHOW_RESOLVED))
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1, timeout=10000)
    assert "suphq01" in view.resolved_note.text() and view.other_box.isHidden()
    assert view.cards and all(not card.keep_button.isVisibleTo(view) for card in view.cards)


def test_a_typed_value_is_checked_by_the_service_and_settles_the_conflict(
    qtbot, hq: Replica, kh: Replica, tmp_path: Path
):
    case_id = _conflict(hq, kh, tmp_path)
    view = _conflicts_view(qtbot, hq.sup)
    assert view.other_text.isVisible() and not view.other_choice.isVisible()
    qtbot.keyClicks(view.other_text, "x" * 201)  # longer than the field allows
    qtbot.mouseClick(view.use_other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=10000)
    assert view.error.text() == "The value is longer than 200 characters."
    assert view.model.rowCount() == 1 and len(list_conflicts(hq.sup)) == 1

    view.other_text.clear()
    type_text(qtbot, view.other_text, "Холодильник 3")
    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.keyClick(view.other_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 0, timeout=10000)
    assert case_file.get_case(hq.sup, case_id).fields["storage_location"] == "Холодильник 3"


def test_other_roles_see_conflicts_read_only(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    _conflict(hq, kh, tmp_path)
    view = _conflicts_view(qtbot, hq.officer)
    assert view.model.rowCount() == 1 and len(view.cards) == 2
    assert view.read_only_note.isVisible()
    assert view.other_box.isHidden()
    assert view.cards and all(not card.keep_button.isVisibleTo(view) for card in view.cards)
    view.resolve_with_typed()  # even if reached some other way, nothing happens
    assert len(list_conflicts(hq.sup)) == 1


# --- probable duplicates ---------------------------------------------------------------------------


def _duplicate(hq: Replica, kh: Replica, folder: Path) -> tuple[str, str]:
    rnd = new_round(hq.sup)
    introduce(hq, kh, folder)
    introduce(kh, hq, folder)
    first = record(hq.sup, rnd.id, "UA-5", bag_number="B-1", claimed_name="Шевченко Тарас")
    second = record(kh.officer, rnd.id, "UA-5", bag_number="B-9")
    (summary,) = imports.apply_import(hq.sup, [export_bundle(kh.officer, folder / "kh.repat").path]).files
    assert summary.duplicates == 1
    return first.case_number, second.case_number


def test_a_supervisor_links_a_probable_duplicate_after_confirming(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    first, second = _duplicate(hq, kh, tmp_path)
    view = DuplicatesDialog(hq.sup)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1, timeout=10000)
    qtbot.waitUntil(lambda: view.compare.item(7, 0) is not None and view.compare.item(7, 0).text() != "\u2026",
                    timeout=10000)
    grid = {view.compare.verticalHeaderItem(r).text(): (view.compare.item(r, 0).text(), view.compare.item(r, 1).text())
            for r in range(view.compare.rowCount())}
    assert set(grid["Case number"]) == {first, second}
    assert grid["Sender's tag"] == ("UA-5", "UA-5")
    assert set(grid["Bag number"]) == {"B-1", "B-9"}
    assert grid["Round"] == ("R-2026-06-01", "R-2026-06-01")
    assert "Шевченко Тарас" in grid["Claimed name"]
    assert set(grid["Category"]) == {"Complete body"}
    assert any("(HQ01)" in v for v in grid["Received by"]) and any("(KH01)" in v for v in grid["Received by"])

    # No at the confirmation: nothing happens
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), QMessageBox)
    qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    assert len(list_duplicates(hq.sup)) == 1

    qtbot.keyClicks(view.note, "DNA report 17")
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 0, timeout=10000)
    assert list_duplicates(hq.sup) == []
    (linked,) = list_duplicates(hq.sup, status="linked")
    later = linked.a if linked.a.details["received_at"] > linked.b.details["received_at"] else linked.b
    earlier = linked.b if later is linked.a else linked.a
    assert later.details["same_remains_as_id"] == earlier.id


def test_dismissing_a_probable_duplicate(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    _duplicate(hq, kh, tmp_path)
    officer_view = DuplicatesDialog(hq.officer)
    qtbot.addWidget(officer_view)
    qtbot.waitUntil(lambda: officer_view.loaded and officer_view.model.rowCount() == 1, timeout=10000)
    assert not officer_view.link_button.isEnabled() and not officer_view.dismiss_button.isEnabled()

    view = DuplicatesDialog(hq.sup)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1, timeout=10000)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 0, timeout=10000)
    assert [d.status for d in list_duplicates(hq.sup, status=None)] == ["dismissed"]


# --- export ------------------------------------------------------------------------------------------


def _export_dialog(qtbot, ctx) -> ExportDialog:
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._pending is not None, timeout=10000)
    return dialog


def test_the_export_dialog_writes_an_encrypted_bundle_and_says_what(qtbot, kh: Replica, hq: Replica, tmp_path: Path):
    rnd = new_round(kh.officer)
    record(kh.officer, rnd.id, "UA-1")
    dialog = _export_dialog(qtbot, kh.officer)
    assert dialog.file.text().endswith(".repat") and "KH01-" in Path(dialog.file.text()).name
    assert "not exported yet" in dialog.pending.text()
    target = tmp_path / "out" / "kh01.repat"
    target.parent.mkdir()
    dialog.file.setText(str(target))
    dialog.with_passphrase.setChecked(True)
    qtbot.keyClicks(dialog.passphrase, "wheat field")
    qtbot.keyClicks(dialog.repeat, "wheat feld")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "differ" in dialog.error.text() and not target.exists()

    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "wheat field")
    with qtbot.waitSignal(dialog.exported, timeout=15000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = exported.args[0]
    assert target.exists() and result.encrypted
    text = dialog.done_label.text()
    assert text.startswith(f"Wrote {target}: {result.versions} change(s) (")
    assert "cases 1" in text and "encrypted" in text and result.fingerprint in text
    qtbot.waitUntil(lambda: "exported already" in dialog.pending.text(), timeout=10000)

    # the headquarters reads it with the passphrase
    (summary,) = preview_import(hq.sup, [target], passphrase="wheat field", trust=True)
    assert summary.status == STATUS_READY and summary.new >= 1


def test_a_failed_export_marks_nothing_and_says_so(qtbot, kh: Replica, tmp_path: Path):
    rnd = new_round(kh.officer)
    record(kh.officer, rnd.id, "UA-1")
    pending = sync_status(kh.officer).unexported
    dialog = _export_dialog(qtbot, kh.officer)
    dialog.file.setText(str(tmp_path / "no such folder" / "kh.repat"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "does not exist" in dialog.error.text()
    assert "Nothing was marked as exported" in dialog.error.text()
    assert sync_status(kh.officer).unexported == pending > 0


@contextlib.contextmanager
def _files_limited_to(size: int) -> Iterator[None]:
    """Writes past ``size`` bytes of any file fail in this process (EFBIG), as on a FAT32 stick
    past 4 GB."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the error, instead of the signal's kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def test_an_export_the_disk_cannot_hold_says_why_once(qtbot, kh: Replica, tmp_path: Path):
    rnd = new_round(kh.officer)
    record(kh.officer, rnd.id, "UA-1", photos=[intake.PhotoData("bag.jpg", b"\xff\xd8" + os.urandom(256 * 1024))])
    pending = sync_status(kh.officer).unexported
    dialog = _export_dialog(qtbot, kh.officer)
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "kh.repat"
    dialog.file.setText(str(target))
    with _files_limited_to(64 * 1024):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.error.text() == (
        f"Cannot write {target}: the file is too big for this disk; nothing was marked as exported."
    )
    assert sorted(stick.iterdir()) == []  # no half file, no temporary file
    assert sync_status(kh.officer).unexported == pending > 0


# --- devices and trust -------------------------------------------------------------------------------


def _devices(qtbot, ctx) -> DevicesDialog:
    dialog = DevicesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    return dialog


def test_the_devices_dialog_shows_the_fingerprint_as_text_and_qr(qtbot, kh: Replica, tmp_path: Path):
    dialog = _devices(qtbot, kh.officer)
    me = this_device(kh.officer)
    assert dialog.fingerprint.text() == me.fingerprint
    assert dialog.code.text().startswith("KH01")
    assert dialog.trust_button.isHidden() and dialog.manage_note.isVisible()  # an officer
    assert dialog.qr_picture is not None and not dialog.qr.pixmap().isNull()
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg is not installed")
    png = tmp_path / "qr.png"
    assert dialog.qr.pixmap().save(str(png))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == me.fingerprint


def test_the_headquarters_key_is_saved_for_the_laptops_or_the_reason_is_given(
    qtbot, monkeypatch, hq: Replica, tmp_path: Path
):
    dialog = _devices(qtbot, hq.sup)
    assert dialog.save_hq_key_button.isVisible()
    chosen = [str(tmp_path / "no such folder" / "hq.pem"), str(tmp_path / "hq.pem")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (chosen.pop(0), ""))
    qtbot.mouseClick(dialog.save_hq_key_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == f"Cannot write {tmp_path / 'no such folder' / 'hq.pem'}: the folder does not exist."
    qtbot.mouseClick(dialog.save_hq_key_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "hq.pem").read_bytes() == hq_public_key_pem(hq.sup)
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    shown = subprocess.run(["openssl", "pkey", "-pubin", "-in", str(tmp_path / "hq.pem"), "-noout", "-text"],
                           capture_output=True, text=True, check=True)
    assert "X25519" in shown.stdout


def test_trusting_a_device_in_the_dialog_moves_its_held_bundle_in(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    rnd = new_round(kh.officer)
    made = record(kh.officer, rnd.id, "UA-3")
    bundle = export_bundle(kh.officer, tmp_path / "kh.repat").path
    (held,) = imports.apply_import(hq.sup, [bundle]).files
    assert held.status == STATUS_QUARANTINED

    dialog = _devices(qtbot, hq.sup)
    assert dialog.held_model.rowCount() == 1
    assert dialog.held_model.entry(0).device_code == "KH01"
    assert not dialog.import_held_button.isEnabled()  # not trusted yet
    assert dialog.select_device("KH01")
    assert dialog.devices_model.device(dialog.devices_model.row_of("KH01")).status == "unknown"
    assert dialog.trust_button.isEnabled() and not dialog.revoke_button.isEnabled()

    shown_on_laptop = this_device(kh.officer).fingerprint
    seen: dict[str, object] = {}

    def compare_and_trust(trust: TrustDialog) -> None:
        assert not trust.trust_button.isEnabled()
        trust.typed.setText("0000 1111")
        seen["wrong"] = trust.match.text()
        assert not trust.trust_button.isEnabled()
        trust.typed.setText(shown_on_laptop.lower().replace(" ", ""))  # spaces and case do not matter
        seen["right"] = trust.match.text()
        assert trust.import_held.isChecked()
        trust.trust_button.click()

    when_modal(compare_and_trust, TrustDialog)
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert "Not the same" in str(seen["wrong"]) and "The same" in str(seen["right"])
    qtbot.waitUntil(lambda: dialog.loaded and dialog.held_model.rowCount() == 0, timeout=10000)
    assert dialog.message.text().startswith("KH01 is trusted")
    assert case_file.get_case(hq.sup, made.case_id).fields["case_number"] == made.case_number
    assert list_quarantine(hq.sup) == []
    assert dialog.devices_model.device(dialog.devices_model.row_of("KH01")).status == "trusted"

    # revoking asks first
    dialog.select_device("KH01")
    assert dialog.revoke_button.isEnabled()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "KH01 is revoked.", timeout=10000)
    assert next(d for d in list_devices(hq.sup) if d.code == "KH01").status == "revoked"


def test_the_rounds_this_device_receives(qtbot, kh: Replica):
    new_round(kh.officer, "R-A")
    new_round(kh.officer, "R-B")
    dialog = _devices(qtbot, kh.officer)
    assert dialog.all_rounds.isChecked() and not dialog.round_list.isEnabled()
    dialog.some_rounds.setChecked(True)
    assert dialog.round_list.isEnabled()
    qtbot.mouseClick(dialog.save_rounds_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Name at least one round, or choose to receive all rounds."
    dialog.round_list.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.other_codes, "R-Z")
    qtbot.mouseClick(dialog.save_rounds_button, Qt.MouseButton.LeftButton)
    assert receive_rounds(kh.officer) == ["R-B", "R-Z"]
    assert "R-B, R-Z" in dialog.message.text()
    dialog.all_rounds.setChecked(True)
    qtbot.mouseClick(dialog.save_rounds_button, Qt.MouseButton.LeftButton)
    assert receive_rounds(kh.officer) is None


# --- the menu ----------------------------------------------------------------------------------------


def test_the_exchange_menu_opens_each_window_once_and_reports_changes(qtbot, hq: Replica, kh: Replica,
                                                                       tmp_path: Path):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    changes: list[int] = []
    menu = build_sync_menu(hq.sup, window, lambda: changes.append(1))
    assert menu.title() == "E&xchange"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Export for headquarters…", "&Import and merge…", "&Conflicts…", "Probable &duplicates…",
                     "De&vices and keys…"]
    assert all(a.isEnabled() for a in menu.actions())

    rnd = new_round(kh.officer)
    introduce(kh, hq, tmp_path)
    record(kh.officer, rnd.id, "UA-1")
    bundle = export_bundle(kh.officer, tmp_path / "kh.repat").path
    menu.import_action.trigger()
    wizard = menu.windows["import"]
    assert isinstance(wizard, MergeWizard) and wizard.isVisible()
    menu.import_action.trigger()
    assert menu.windows["import"] is wizard  # brought forward, not opened twice
    wizard.files_page.add_paths([bundle])
    _preview(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: bool(changes), timeout=15000)
    qtbot.mouseClick(wizard.result_page.conflicts_button, Qt.MouseButton.LeftButton)
    assert isinstance(menu.windows["conflicts"], ConflictsDialog)
    qtbot.mouseClick(wizard.result_page.duplicates_button, Qt.MouseButton.LeftButton)
    assert isinstance(menu.windows["duplicates"], DuplicatesDialog)
    for window_ in menu.windows.values():
        window_.close()


def test_trusting_from_the_wizard_shows_what_the_held_bundle_did(qtbot, hq: Replica, kh: Replica, tmp_path: Path):
    """The import wizard left a bundle in quarantine; the supervisor opens Devices from it, trusts
    the laptop and imports: the wizard no longer says "Quarantined, no record changed"."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = build_sync_menu(hq.sup, window, lambda: None)
    rnd = new_round(kh.officer)
    record(kh.officer, rnd.id, "UA-1")
    bundle = export_bundle(kh.officer, tmp_path / "kh.repat").path  # KH01 is unknown at HQ01
    menu.import_action.trigger()
    wizard = menu.windows["import"]
    assert isinstance(wizard, MergeWizard)
    wizard.files_page.add_paths([bundle])
    _preview(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MergeWizard.PAGE_RESULT, timeout=15000)
    model = wizard.result_page.model
    assert _cell(model, 0, FileSummaryModel.COL_STATUS) == "Quarantined"
    assert wizard.result_page.totals.text().startswith("No record changed.")
    qtbot.mouseClick(wizard.result_page.devices_button, Qt.MouseButton.LeftButton)
    devices = menu.windows["devices"]
    assert isinstance(devices, DevicesDialog)
    qtbot.waitUntil(lambda: devices.loaded, timeout=10000)
    with qtbot.waitSignal(devices.heldImported, timeout=15000):
        devices.trust("KH01", this_device(kh.officer).fingerprint, import_held=True)
    assert _cell(model, 0, FileSummaryModel.COL_STATUS) == "Imported"
    assert not wizard.result_page.totals.text().startswith("No record changed.")
    assert not wizard.result_page.devices_button.isVisibleTo(wizard)
    for window_ in menu.windows.values():
        window_.close()
