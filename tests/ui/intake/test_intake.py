"""The intake form driven like a scanner and a keyboard, checked against the database."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
)

from app.domain import CustodyEventType, DiscrepancyKind, Role
from app.persistence.models import Case, Discrepancy
from app.services.cases import case_file, drafts, intake
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import make_round
from tests.ui.intake_helpers import active_box, add_manifest_line, answer_box, type_text

from ui.cases.model import COL_CASE_NO, COL_NAME
from ui.cases.view import CasesView
from ui.intake.form import IntakeForm

NAME = "Шевченко Тарас Григорович"


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def setting(officer: AppContext) -> dict[str, str]:
    rnd = make_round(officer)
    unit = rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData(label="AA 1234 KX", seal_numbers="S-77"))
    line = add_manifest_line(
        officer, rnd.id, "UA-0001", NAME, birth="1985-03-09", citizenship="Україна", category="partial"
    )
    add_manifest_line(officer, rnd.id, "UA-0002", "Коваленко Олександр", line_no=2)
    return {"round": rnd.id, "unit": unit.id, "line": line}


def make_form(qtbot, ctx: AppContext, round_id: str) -> IntakeForm:  # type: ignore[no-untyped-def]
    form = IntakeForm(ctx)
    qtbot.addWidget(form)
    form.set_round(round_id)
    form.resize(1300, 850)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.findChild(QLineEdit, "tagField"))
    return form


def w(form: IntakeForm, cls, name: str):  # type: ignore[no-untyped-def]
    widget = form.findChild(cls, name)
    assert widget is not None, name
    return widget


def scan(qtbot, form: IntakeForm, tag: str) -> None:  # type: ignore[no-untyped-def]
    """What a USB scanner does: type the tag and press Enter in the tag field."""
    field = w(form, QLineEdit, "tagField")
    field.setFocus()
    qtbot.keyClicks(field, tag)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def db_case(ctx: AppContext, case_id: str) -> Case:
    with ctx.reading() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)
        return case


def discrepancy_kinds(ctx: AppContext, case_id: str) -> set[str]:
    with ctx.reading() as session:
        return set(session.scalars(select(Discrepancy.kind).where(Discrepancy.case_id == case_id)))


def test_focus_starts_in_the_tag_field(qtbot, officer, setting):
    form = IntakeForm(officer)
    qtbot.addWidget(form)
    form.set_round(setting["round"])
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w(form, QLineEdit, "tagField"))


def test_manifest_tag_fills_identity_and_enter_saves(qtbot, officer, setting):
    form = make_form(qtbot, officer, setting["round"])
    unit = w(form, QComboBox, "transportUnit")
    unit.setCurrentIndex(unit.findData(setting["unit"]))

    scan(qtbot, form, "UA-0001")

    assert form.indicator_kind() == "manifest"
    assert "On the manifest" in form.indicator_text()
    assert w(form, QLineEdit, "claimedName").text() == NAME
    assert w(form, QLineEdit, "claimedBirthDate").text() == "1985-03-09"
    assert w(form, QLineEdit, "claimedCitizenship").text() == "Україна"
    assert w(form, QComboBox, "category").currentData() == "partial"

    bag = w(form, QLineEdit, "bagNumber")
    qtbot.keyClicks(bag, "B-17")
    location = w(form, QLineEdit, "storageLocation")
    qtbot.keyClicks(location, "Fridge 3")
    qtbot.keyClick(w(form, QCheckBox, "flag_decomposed"), Qt.Key.Key_Space)

    with qtbot.waitSignal(form.caseSaved, timeout=2000) as saved:
        qtbot.keyClick(bag, Qt.Key.Key_Return)
    case_id = saved.args[0]

    stored = db_case(officer, case_id)
    assert stored.manifest_line_id == setting["line"]
    assert stored.off_manifest is False
    assert stored.claimed_name == NAME
    assert stored.claimed_source == "manifest"
    assert stored.bag_number == "B-17"
    assert stored.storage_location == "Fridge 3"
    assert stored.transport_unit_id == setting["unit"]
    assert stored.condition_flags == "decomposed"
    detail = case_file.get_case(officer, case_id)
    assert [e.event_type for e in detail.custody] == [CustodyEventType.RECEIVED.value]
    assert detail.custody[0].seals_before == "S-77"
    assert discrepancy_kinds(officer, case_id) == set()

    # Saved prominently; the per-bag fields are empty, round/unit/location kept, ready to scan.
    assert form.saved_text().startswith(f"Saved {stored.case_number}")
    assert w(form, QLineEdit, "tagField").text() == ""
    assert w(form, QLineEdit, "claimedName").text() == ""
    assert bag.text() == ""
    assert not w(form, QCheckBox, "flag_decomposed").isChecked()
    assert location.text() == "Fridge 3"
    assert unit.currentData() == setting["unit"]
    assert form.indicator_kind() == ""
    assert QApplication.focusWidget() is w(form, QLineEdit, "tagField")

    # The new case is in the case list.
    view = CasesView(officer)
    qtbot.addWidget(view)
    view.set_round(setting["round"])
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, COL_CASE_NO)) == stored.case_number
    assert view.model.data(view.model.index(0, COL_NAME)) == NAME
    qtbot.waitUntil(lambda: view.count == 1)


def test_double_scan_warns_and_needs_confirmation(qtbot, officer, setting, monkeypatch):
    first = intake.record_intake(officer, intake.IntakeData(round_id=setting["round"], sender_tag="UA-0002"))
    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    form = make_form(qtbot, officer, setting["round"])
    tag = w(form, QLineEdit, "tagField")

    scan(qtbot, form, "ua-0002")

    assert form.indicator_kind() == "duplicate"
    assert "ALREADY RECEIVED" in form.indicator_text()
    assert first.case_number in form.indicator_text()
    assert beeps, "a double scan must beep"
    assert tag.selectedText() == "ua-0002"

    bag = w(form, QLineEdit, "bagNumber")
    qtbot.keyClicks(bag, "B-99")
    qtbot.keyClick(bag, Qt.Key.Key_Return)
    # "No" (the default) saves nothing and keeps what was typed.
    answer_box(qtbot, "duplicateTagBox", QMessageBox.StandardButton.No)
    with officer.reading() as session:
        assert session.scalars(select(Case.id).where(Case.sender_tag_norm == "ua-0002")).all() == [first.case_id]
    assert bag.text() == "B-99"
    assert tag.text() == "ua-0002"

    # Enter with the box open answers "No": the default button is the safe one.
    qtbot.keyClick(bag, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: active_box("duplicateTagBox") is not None)
    box = active_box("duplicateTagBox")
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    answer_box(qtbot, "duplicateTagBox", QMessageBox.StandardButton.No)

    qtbot.keyClick(bag, Qt.Key.Key_Return)
    with qtbot.waitSignal(form.caseSaved, timeout=3000) as saved:
        answer_box(qtbot, "duplicateTagBox", QMessageBox.StandardButton.Yes)
    second = saved.args[0]
    assert second != first.case_id
    assert DiscrepancyKind.DUPLICATE_TAG.value in discrepancy_kinds(officer, second)
    assert db_case(officer, second).bag_number == "B-99"
    assert "duplicate tag" in form.saved_text()


def test_off_manifest_tag_is_flagged_and_saved(qtbot, officer, setting):
    form = make_form(qtbot, officer, setting["round"])
    scan(qtbot, form, "ZZ-404")

    assert form.indicator_kind() == "off_manifest"
    assert "Not on the manifest" in form.indicator_text()
    assert w(form, QLineEdit, "claimedName").text() == ""

    name = w(form, QLineEdit, "claimedName")
    type_text(qtbot, name, "Петренко Ігор")
    with qtbot.waitSignal(form.caseSaved, timeout=2000) as saved:
        qtbot.keyClick(name, Qt.Key.Key_Return)
    stored = db_case(officer, saved.args[0])
    assert stored.off_manifest is True
    assert stored.manifest_line_id is None
    assert stored.claimed_name == "Петренко Ігор"
    assert stored.claimed_source == "documents"
    assert DiscrepancyKind.RECEIVED_NOT_DECLARED.value in discrepancy_kinds(officer, saved.args[0])
    assert "not on the manifest" in form.saved_text()


def test_validation_error_is_inline_and_keeps_what_was_typed(qtbot, officer, setting):
    form = make_form(qtbot, officer, setting["round"])
    bag = w(form, QLineEdit, "bagNumber")
    qtbot.keyClicks(bag, "B-5")
    notes = w(form, QPlainTextEdit, "notes")
    qtbot.keyClicks(notes, "Tag missing")
    qtbot.keyClick(bag, Qt.Key.Key_Return)

    assert "Scan or type the tag" in form.error_text()
    assert w(form, QLineEdit, "tagField").property("invalid") is True
    assert bag.text() == "B-5"
    assert notes.toPlainText() == "Tag missing"
    with officer.reading() as session:
        assert session.scalars(select(Case.id)).all() == []

    # Ticking "No tag" and Ctrl+Enter from the notes saves it.
    qtbot.keyClick(w(form, QCheckBox, "flag_no_tag"), Qt.Key.Key_Space)
    notes.setFocus()
    assert QApplication.focusWidget() is notes
    with qtbot.waitSignal(form.caseSaved, timeout=2000) as saved:
        qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = db_case(officer, saved.args[0])
    assert stored.condition_flags == "no_tag"
    assert stored.notes == "Tag missing"
    assert stored.off_manifest is True
    assert form.error_text() == ""
    assert w(form, QLineEdit, "tagField").property("invalid") is False


def test_unknown_parent_case_is_refused_inline(qtbot, officer, setting):
    form = make_form(qtbot, officer, setting["round"])
    scan(qtbot, form, "UA-0001")
    parent = w(form, QLineEdit, "parentCase")
    qtbot.keyClicks(parent, "KH01-2026-99999")
    qtbot.keyClick(parent, Qt.Key.Key_Return)
    assert "KH01-2026-99999" in form.error_text()
    assert parent.property("invalid") is True
    assert w(form, QLineEdit, "claimedName").text() == NAME


def _photo(tmp_path: Path, name: str) -> str:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / name
    assert image.save(str(path))
    return str(path)


def test_effects_and_photos_by_keyboard(qtbot, officer, setting, tmp_path):
    form = make_form(qtbot, officer, setting["round"])
    scan(qtbot, form, "UA-0001")
    table = w(form, QTableWidget, "effectsEditor")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert table.rowCount() == 1
    editor = QApplication.focusWidget() if QApplication.focusWidget() is not table else None
    assert isinstance(editor, QLineEdit), "Insert starts typing the description"
    type_text(qtbot, editor, "Обручка")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits the cell, does not save the bag
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "Обручка")  # the delegate commits on the next turn
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert table.rowCount() == 2
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.rowCount() == 1

    form.add_photos([_photo(tmp_path, "front.png"), str(tmp_path / "notes.txt")])
    assert "notes.txt" in form.error_text()
    photos = w(form, QListWidget, "photoList")
    assert photos.count() == 1

    with qtbot.waitSignal(form.caseSaved, timeout=2000) as saved:
        qtbot.keyClick(w(form, QLineEdit, "bagNumber"), Qt.Key.Key_Return)
    detail = case_file.get_case(officer, saved.args[0])
    assert [(e.description, e.quantity) for e in detail.effects] == [("Обручка", 1)]
    assert [a.filename for a in detail.attachments] == ["front.png"]
    assert photos.count() == 0


def test_draft_survives_a_restart(qtbot, officer, setting, tmp_path):
    form = make_form(qtbot, officer, setting["round"])
    scan(qtbot, form, "UA-0001")
    qtbot.keyClicks(w(form, QLineEdit, "bagNumber"), "B-3")
    qtbot.keyClick(w(form, QCheckBox, "flag_burnt"), Qt.Key.Key_Space)
    qtbot.keyClicks(w(form, QLineEdit, "storageLocation"), "Fridge 1")
    name = w(form, QLineEdit, "claimedName")
    name.selectAll()
    type_text(qtbot, name, "Шевченко Т. Г.")
    table = w(form, QTableWidget, "effectsEditor")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    type_text(qtbot, QApplication.focusWidget(), "Військовий квиток")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    photo = _photo(tmp_path, "bag.png")
    form.add_photos([photo])
    type_text(qtbot, w(form, QPlainTextEdit, "notes"), "Мішок пошкоджений")

    def draft_complete() -> bool:
        draft = drafts.load_draft(officer)
        return bool(draft) and draft.get("notes") == "Мішок пошкоджений"

    qtbot.waitUntil(draft_complete, timeout=3000)
    # A power cut: the widget is gone without saving.
    shiboken6.delete(form)
    assert not shiboken6.isValid(form)

    again = IntakeForm(officer)
    qtbot.addWidget(again)
    again.set_round(setting["round"])
    again.show()
    answer_box(qtbot, "draftOfferBox", QMessageBox.StandardButton.Yes)

    assert w(again, QLineEdit, "tagField").text() == "UA-0001"
    assert w(again, QLineEdit, "bagNumber").text() == "B-3"
    assert w(again, QCheckBox, "flag_burnt").isChecked()
    assert w(again, QLineEdit, "storageLocation").text() == "Fridge 1"
    assert w(again, QLineEdit, "claimedName").text() == "Шевченко Т. Г."
    assert w(again, QComboBox, "category").currentData() == "partial"
    assert w(again, QPlainTextEdit, "notes").toPlainText() == "Мішок пошкоджений"
    effects_table = w(again, QTableWidget, "effectsEditor")
    assert effects_table.rowCount() == 1
    assert effects_table.item(0, 1).text() == "Військовий квиток"
    photos = w(again, QListWidget, "photoList")
    assert [photos.item(i).data(Qt.ItemDataRole.UserRole) for i in range(photos.count())] == [photo]
    assert again.indicator_kind() == "manifest"

    with qtbot.waitSignal(again.caseSaved, timeout=2000) as saved:
        qtbot.keyClick(w(again, QLineEdit, "bagNumber"), Qt.Key.Key_Return)
    assert drafts.load_draft(officer) is None
    detail = case_file.get_case(officer, saved.args[0])
    assert detail.fields["claimed_name"] == "Шевченко Т. Г."
    assert detail.fields["condition_flags"] == "burnt"
    assert [e.description for e in detail.effects] == ["Військовий квиток"]
    assert [a.filename for a in detail.attachments] == ["bag.png"]
    # The emptied form does not leave a new draft behind.
    qtbot.wait(700)
    assert drafts.load_draft(officer) is None


def test_declined_draft_is_discarded(qtbot, officer, setting):
    drafts.save_draft(officer, {"round_id": setting["round"], "sender_tag": "UA-0002", "bag_number": "B-1"})
    form = IntakeForm(officer)
    qtbot.addWidget(form)
    form.set_round(setting["round"])
    form.show()
    answer_box(qtbot, "draftOfferBox", QMessageBox.StandardButton.Discard)
    assert w(form, QLineEdit, "tagField").text() == ""
    assert drafts.load_draft(officer) is None


def test_form_without_round_is_disabled(qtbot, officer):
    form = IntakeForm(officer)
    qtbot.addWidget(form)
    form.set_round(None)
    assert not w(form, QLineEdit, "tagField").isEnabled()
    form.save()
    assert "round" in form.error_text().lower()


def test_clerk_may_not_record(qtbot, sqlite_contexts, setting):
    clerk = sqlite_contexts[Role.CLERK]
    form = IntakeForm(clerk)
    qtbot.addWidget(form)
    form.set_round(setting["round"])
    assert not w(form, QLineEdit, "tagField").isEnabled()
