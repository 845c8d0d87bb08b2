"""The forensics dialog on a real database: examination, samples, identification and release
recorded through the GUI, checked in the records, the custody chain and the reconciliation."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox

from app.domain import Role
from app.services.cases import case_file, intake
from app.services.context import AppContext
from app.services.forensics import case_record
from app.services.reconciliation import cache
from tests.conftest import make_round
from tests.ui.dialogs import when_modal
from tests.ui.intake_helpers import type_text

from ui.forensics.window import ForensicsDialog


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def case(officer: AppContext) -> tuple[str, str]:
    rnd = make_round(officer)
    result = intake.record_intake(officer, intake.IntakeData(
        round_id=rnd.id, sender_tag="UA-1", claimed_name="Шевченко Тарас", claimed_citizenship="Україна"))
    return rnd.id, result.case_id


def _answer_yes(box) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def _soon() -> QDateTime:
    return QDateTime.currentDateTime().addSecs(60)


def test_the_whole_path_through_the_dialog(qtbot, officer, case):
    round_id, case_id = case
    dialog = ForensicsDialog(officer, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.title.text() == "Case " + case_record.get_record(officer, case_id).case_number
    assert "Шевченко Тарас" in dialog.claimed.text() and "Україна" in dialog.claimed.text()
    assert not dialog.ident_save.isEnabled() and not dialog.rel_save.isEnabled()  # in order

    # examination: completed, after a confirmation
    dialog.tabs.setCurrentIndex(ForensicsDialog.TAB_EXAMINATION)
    dialog.exam_status.setCurrentIndex(dialog.exam_status.findData("completed"))
    dialog.exam_at.setDateTime(_soon())
    type_text(qtbot, dialog.exam_by, "Д-р Ковальчук")
    when_modal(_answer_yes, QMessageBox)
    with qtbot.waitSignal(dialog.caseChanged):
        qtbot.mouseClick(dialog.exam_save, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible()
    assert not dialog.exam_status.isEnabled() and dialog.exam_notes.isEnabled()  # final, notes still open
    assert dialog.ident_save.isEnabled()

    # a sample
    dialog.tabs.setCurrentIndex(ForensicsDialog.TAB_SAMPLES)
    dialog.sample_type.setCurrentIndex(dialog.sample_type.findData("tooth"))
    qtbot.keyClicks(dialog.sample_label, "LAB-9")
    qtbot.mouseClick(dialog.sample_add, Qt.MouseButton.LeftButton)
    assert dialog.samples.rowCount() == 1 and dialog.samples.item(0, 0).text() == "Tooth"
    assert dialog.samples.item(0, 1).text() == "LAB-9"

    # identification that disagrees with the claim
    dialog.tabs.setCurrentIndex(ForensicsDialog.TAB_IDENTIFICATION)
    type_text(qtbot, dialog.est_name, "Коваленко Петро")
    type_text(qtbot, dialog.est_citizenship, "Україна")
    dialog.method.setCurrentIndex(dialog.method.findData("dental"))
    type_text(qtbot, dialog.identified_by, "Експерт Іванова")
    qtbot.mouseClick(dialog.ident_save, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.dispute.isVisible() and "(name)" in dialog.dispute.text()
    record = case_record.get_record(officer, case_id)
    assert (record.established_name, record.identification_method, record.identity_disputed) == (
        "Коваленко Петро", "dental", True)
    assert record.claimed_name == "Шевченко Тарас"  # never overwritten

    # release to the family
    dialog.tabs.setCurrentIndex(ForensicsDialog.TAB_RELEASE)
    assert dialog.rel_save.isEnabled()
    type_text(qtbot, dialog.rel_name, "Коваленко Марія")
    type_text(qtbot, dialog.rel_relationship, "дружина")
    type_text(qtbot, dialog.rel_document, "паспорт ЕК123456")
    dialog.rel_at.setDateTime(_soon().addSecs(60))
    when_modal(_answer_yes, QMessageBox)
    qtbot.mouseClick(dialog.rel_save, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert "Released to Коваленко Марія (дружина)" in dialog.released_info.text()
    assert not dialog.rel_save.isEnabled()

    # the reconciliation counts what the dialog recorded
    fig = cache.figures(officer, [round_id])[0]
    assert (fig["examined"], fig["identified"], fig["released"], fig["identity_disputed"], fig["custody_gaps"]) == (
        1, 1, 1, 1, 0)
    events = [c.event_type for c in case_file.get_case(officer, case_id).custody]
    assert sorted(events) == ["examined", "received", "released"]


def test_errors_are_shown_in_the_dialog_and_nothing_is_saved(qtbot, officer, case):
    _round_id, case_id = case
    dialog = ForensicsDialog(officer, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.exam_status.setCurrentIndex(dialog.exam_status.findData("completed"))
    when_modal(_answer_yes, QMessageBox)
    qtbot.mouseClick(dialog.exam_save, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == "Enter who examined the remains."
    assert case_record.get_record(officer, case_id).examination_status == "not_started"

    # declining the confirmation saves nothing either
    type_text(qtbot, dialog.exam_by, "Д-р К.")
    dialog.exam_at.setDateTime(_soon())
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), QMessageBox)
    qtbot.mouseClick(dialog.exam_save, Qt.MouseButton.LeftButton)
    assert case_record.get_record(officer, case_id).examination_status == "not_started"

    # someone else's change meanwhile: refused, and the dialog shows the case as it now is
    case_file.update_case(officer, case_id, case_record.get_record(officer, case_id).rev, {"notes": "elsewhere"})
    dialog.exam_status.setCurrentIndex(dialog.exam_status.findData("in_progress"))
    qtbot.mouseClick(dialog.exam_save, Qt.MouseButton.LeftButton)
    assert "changed by someone else" in dialog.error.text()
    assert dialog.record is not None and dialog.record.rev == case_record.get_record(officer, case_id).rev


def test_a_clerk_may_release_but_not_examine(qtbot, sqlite_contexts, case):
    clerk = sqlite_contexts[Role.CLERK]
    dialog = ForensicsDialog(clerk, case[1])
    qtbot.addWidget(dialog)
    assert not dialog.exam_save.isEnabled() and not dialog.sample_box.isEnabled()
    assert not dialog.rel_save.isEnabled()  # not identified yet
    assert dialog.released_info.text() == "Remains are released to the family after their identification."
