"""The case file: fields, identity apart, photos, custody, history, editing and conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)

from app.domain import Role
from app.persistence.models.keys import alternative_key
from app.services.cases import case_file, intake
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake_helpers import add_manifest_line, answer_box

from ui.cases.detail import CaseDetailDialog
from ui.cases.photos import PhotoViewer

NAME = "Шевченко Тарас Григорович"


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#446688"))
    path = tmp_path / "bag front.png"
    assert image.save(str(path))
    return path


@pytest.fixture
def case_id(officer: AppContext, photo: Path) -> str:
    rnd = make_round(officer)
    add_manifest_line(officer, rnd.id, "UA-0001", NAME, birth="1985-03-09", citizenship="Україна")
    result = intake.record_intake(
        officer,
        intake.IntakeData(
            round_id=rnd.id, sender_tag="UA-0001", bag_number="B-1", storage_location="Fridge 1",
            condition_flags=["burnt"],
            effects=[intake.EffectData("Обручка", "jewellery", 1, "E-17")],
            photos=[intake.PhotoData.from_path(photo)],
        ),
    )
    return result.case_id


def open_dialog(qtbot, ctx: AppContext, case_id: str) -> CaseDetailDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDetailDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def label(dialog: CaseDetailDialog, name: str) -> str:
    widget = dialog.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def test_shows_fields_with_identity_apart(qtbot, officer, case_id):
    dialog = open_dialog(qtbot, officer, case_id)
    number = case_file.get_case(officer, case_id).fields["case_number"]
    assert label(dialog, "caseTitle") == number
    assert number in dialog.windowTitle()
    assert label(dialog, "ro_sender_tag") == "UA-0001"
    assert label(dialog, "ro_status") == "Received"
    assert label(dialog, "ro_off_manifest") == "No"
    assert dialog.findChild(QLineEdit, "edit_bag_number").text() == "B-1"
    assert dialog.findChild(QLineEdit, "edit_storage_location").text() == "Fridge 1"
    assert dialog.findChild(QComboBox, "edit_category").currentText() == "Complete body"
    # Claimed and established identity are separate boxes; nothing is established yet.
    assert label(dialog, "id_claimed_name") == NAME
    assert label(dialog, "id_claimed_source") == "Sending side's list"
    assert label(dialog, "id_established_name") == "\u2014"
    assert not dialog.findChild(QLabel, "notIdentified").isHidden()
    effects = dialog.findChild(QTableWidget, "effectsTable")
    assert [effects.item(0, c).text() for c in range(4)] == ["Jewellery", "Обручка", "1", "E-17"]
    custody = dialog.findChild(QTableWidget, "custodyTable")
    assert custody.rowCount() == 1 and custody.item(0, 1).text() == "Received"
    assert custody.item(0, 8).text() == "Іван Бондар"
    assert not dialog.findChild(QLabel, "offManifestBadge").isVisible()


def test_photos_are_thumbnails_and_open_larger(qtbot, officer, case_id):
    dialog = open_dialog(qtbot, officer, case_id)
    photos = dialog.photo_list
    assert photos.count() == 1
    assert photos.item(0).text() == "bag front.png"
    qtbot.waitUntil(lambda: dialog.thumbnails_loaded() == 1)
    icon_size = photos.item(0).icon().availableSizes()[0]
    assert max(icon_size.width(), icon_size.height()) == 160
    dialog.tabs.setCurrentIndex(3)
    assert photos.isVisible()
    photos.setCurrentRow(0)
    photos.setFocus()
    qtbot.keyClick(photos, Qt.Key.Key_Return)  # itemActivated, as a double-click would
    viewer: list[PhotoViewer] = []
    qtbot.waitUntil(lambda: bool(viewer.extend(dialog.findChildren(PhotoViewer)) or viewer))
    qtbot.waitUntil(lambda: not viewer[0].image.isNull())
    assert (viewer[0].image.width(), viewer[0].image.height()) == (320, 200)
    viewer[0].close()


def test_history_lists_changed_fields_after_an_update(qtbot, officer, sqlite_contexts, case_id):
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    rev = case_file.get_case(supervisor, case_id).rev
    case_file.update_case(supervisor, case_id, rev, {"storage_location": "Fridge 9", "notes": "Moved"})

    dialog = open_dialog(qtbot, officer, case_id)
    rows = dialog.history_rows()
    assert ("Case", "Storage location", "Fridge 1", "Fridge 9") in rows
    assert ("Case", "Notes", "\u2014", "Moved") in rows  # it was empty
    assert ("Case", "Condition", "", "Burnt") in rows  # the creation, with translated values
    assert ("Personal effect: Обручка", "Description", "", "Обручка") in rows
    assert ("Photo: bag front.png", "File name", "", "bag front.png") in rows
    newest = dialog.history_tree.topLevelItem(0)
    assert newest.text(1) == "Олена Петренко"  # who
    assert newest.text(2) == "KH01"  # which device
    assert newest.text(4) == "2 fields changed"

    # An edit in the dialog itself appears at the top of the history.
    location = dialog.findChild(QLineEdit, "edit_storage_location")
    location.selectAll()
    qtbot.keyClicks(location, "Shelf 4")
    assert dialog.windowTitle().startswith("* ")
    with qtbot.waitSignal(dialog.caseChanged):
        qtbot.keyClick(location, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert case_file.get_case(officer, case_id).fields["storage_location"] == "Shelf 4"
    assert dialog.history_rows()[0] == ("Case", "Storage location", "Fridge 9", "Shelf 4")
    assert dialog.history_tree.topLevelItem(0).text(1) == "Іван Бондар"
    assert not dialog.windowTitle().startswith("* ")
    assert label(dialog, "caseMessage") == "Saved."


def test_stale_edit_shows_their_change_and_reapplies_mine(qtbot, officer, sqlite_contexts, case_id):
    dialog = open_dialog(qtbot, officer, case_id)
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    case_file.update_case(supervisor, case_id, case_file.get_case(supervisor, case_id).rev, {"bag_number": "B-1a"})

    notes = dialog.findChild(QPlainTextEdit, "edit_notes")
    notes.setPlainText("Label re-attached")
    dialog.save()
    assert dialog.conflict_visible()
    text = label(dialog, "conflictText")
    assert "Bag number" in text and "B-1" in text and "B-1a" in text
    assert "Label re-attached" in text
    assert case_file.get_case(officer, case_id).fields["notes"] == ""

    with qtbot.waitSignal(dialog.caseChanged):
        qtbot.mouseClick(dialog.findChild(QPushButton, "applyMine"), Qt.MouseButton.LeftButton)
    stored = case_file.get_case(officer, case_id).fields
    assert stored["bag_number"] == "B-1a" and stored["notes"] == "Label re-attached"
    assert not dialog.conflict_visible()
    assert dialog.findChild(QLineEdit, "edit_bag_number").text() == "B-1a"


def test_stale_edit_keep_theirs_reloads(qtbot, officer, sqlite_contexts, case_id):
    dialog = open_dialog(qtbot, officer, case_id)
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    case_file.update_case(supervisor, case_id, case_file.get_case(supervisor, case_id).rev, {"storage_location": "Fridge 2"})
    location = dialog.findChild(QLineEdit, "edit_storage_location")
    location.setText("Fridge 7")
    dialog.save()
    assert dialog.conflict_visible()
    keep = dialog.findChild(QPushButton, "keepTheirs")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not dialog.conflict_visible()
    assert location.text() == "Fridge 2"
    assert case_file.get_case(officer, case_id).fields["storage_location"] == "Fridge 2"
    assert dialog.changes() == {}


def test_closing_with_unsaved_changes_asks(qtbot, officer, case_id):
    dialog = open_dialog(qtbot, officer, case_id)
    dialog.findChild(QLineEdit, "edit_bag_number").setText("B-2")
    dialog.reject()
    answer_box(qtbot, "discardChangesBox", QMessageBox.StandardButton.Cancel)
    assert dialog.isVisible()
    dialog.reject()
    answer_box(qtbot, "discardChangesBox", QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert case_file.get_case(officer, case_id).fields["bag_number"] == "B-1"


def test_a_missing_case_is_explained(qtbot, officer, case_id):
    dialog = open_dialog(qtbot, officer, "00000000-0000-0000-0000-000000000000")
    assert "does not exist" in label(dialog, "caseMessage")
    assert not dialog.tabs.isEnabled()
    assert not dialog.findChild(QPushButton, "saveCase").isEnabled()


def test_the_custody_tab_names_the_act_and_marks_a_voided_one(qtbot, sqlite_contexts, case_id):  # type: ignore[no-untyped-def]
    from app.services.documents import certificate_drafts, certificate_issuing
    from app.services.documents.certificate_forms import Scope
    from app.services.rounds import rounds
    from tests.reconciliation.scenario import acceptance_form

    clerk, sup = sqlite_contexts[Role.CLERK], sqlite_contexts[Role.SUPERVISOR]
    (rnd,) = rounds.list_rounds(sup)
    draft = certificate_drafts.create_draft(clerk, Scope(rnd.id), acceptance_form())
    act = certificate_issuing.issue_certificate(clerk, draft.id).certificate
    certificate_issuing.void_certificate(sup, act.id, "Signed by the wrong person.")
    dialog = open_dialog(qtbot, sup, case_id)
    table = dialog.findChild(QTableWidget, "custodyTable")
    assert table is not None
    events = sorted(table.item(row, 1).text() for row in range(table.rowCount()))
    assert events == [f"Certified (act {act.number}) — act voided", "Received"]


def test_a_supervisor_voids_a_case_from_its_file_with_a_reason(qtbot, sqlite_contexts, case_id):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.services.reconciliation import cache

    sup, officer = sqlite_contexts[Role.SUPERVISOR], sqlite_contexts[Role.FIELD_OFFICER]
    as_officer = open_dialog(qtbot, officer, case_id)
    assert not as_officer.findChild(QPushButton, "voidCase").isVisible()
    as_officer.close()
    dialog = open_dialog(qtbot, sup, case_id)
    button = dialog.findChild(QPushButton, "voidCase")
    assert button.isVisible() and button.isEnabled()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None and box.objectName() == "voidCaseDialog"
        void = box.findChild(QPushButton, "voidCaseButton")
        assert not void.isEnabled()  # no reason, no voiding
        qtbot.keyClicks(box.findChild(QPlainTextEdit, "voidReason"), "Test entry made during training")
        assert void.isEnabled()
        qtbot.mouseClick(void, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, answer)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "VOID: Test entry made during training" in label(dialog, "caseSubtitle"))
    assert not button.isEnabled()
    assert case_file.get_case(sup, case_id).fields["voided"]
    (fig,) = cache.figures(sup, fresh=True)
    assert fig.values["received"] == 0


def test_a_case_on_an_issued_act_is_not_voided_and_the_dialog_says_why(qtbot, sqlite_contexts, case_id):  # type: ignore[no-untyped-def]
    from app.services.documents import certificate_drafts, certificate_issuing
    from app.services.documents.certificate_forms import Scope
    from app.services.rounds import rounds
    from tests.reconciliation.scenario import acceptance_form

    from ui.cases.void import VoidCaseDialog

    clerk, sup = sqlite_contexts[Role.CLERK], sqlite_contexts[Role.SUPERVISOR]
    (rnd,) = rounds.list_rounds(sup)
    act = certificate_issuing.issue_certificate(clerk, certificate_drafts.create_draft(clerk, Scope(rnd.id), acceptance_form()).id)
    number = case_file.get_case(sup, case_id).fields["case_number"]
    dialog = VoidCaseDialog(sup, case_id, number)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "voidReason"), "wrong round")
    qtbot.mouseClick(dialog.findChild(QPushButton, "voidCaseButton"), Qt.MouseButton.LeftButton)
    assert f"listed on the issued act {act.certificate.number}" in dialog.error_text()
    assert dialog.isVisible() and not case_file.get_case(sup, case_id).fields["voided"]


def test_a_number_two_installations_issued_shows_the_alternative_and_names_the_other(qtbot, officer, case_id):  # type: ignore[no-untyped-def]
    """Two laptops set up under one code issued the same number: both cases are kept, and the
    case with the larger id is shown (and found) under its stable alternative number."""
    first = case_file.get_case(officer, case_id).fields["case_number"]
    with officer.db.engine.connect() as conn:
        rnd_id = conn.execute(text("SELECT round_id FROM cases WHERE id = :a"), {"a": case_id}).scalar_one()
    other = intake.record_intake(officer, intake.IntakeData(round_id=rnd_id, sender_tag="UA-0002")).case_id
    with officer.db.engine.begin() as conn:  # as a merge leaves them (see KEY_CLASH)
        conn.execute(text("UPDATE cases SET key_clash = 1 WHERE id IN (:a, :b)"), {"a": case_id, "b": other})
        conn.execute(text("UPDATE cases SET case_number = :n WHERE id = :b"), {"n": first, "b": other})
    alternative = alternative_key(first, other)
    dialog = open_dialog(qtbot, officer, other)
    assert label(dialog, "caseTitle") == alternative and alternative in dialog.windowTitle()
    shown = dialog.findChild(QLabel, "ro_case_number")
    assert shown.text() == f"{alternative}\nRecorded as {first}, a number another laptop issued too (case {first})."
    assert "Probable duplicates" in shown.toolTip()
    dialog.close()
    plain = open_dialog(qtbot, officer, case_id)
    assert label(plain, "caseTitle") == first
    assert label(plain, "ro_case_number") == f"{first}\nAnother laptop issued this number too (case {alternative})."
    assert case_file.find_case_id(officer, alternative) == other
