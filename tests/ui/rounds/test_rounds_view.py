"""Rounds: the table model on its own, the round dialog and its transport units, on a real database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from app.domain import Role
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import make_round
from tests.ui.dialogs import when_modal

from ui.rounds.round_dialog import RoundDialog
from ui.rounds.transport_units import TransportUnitDialog, TransportUnitsModel, UnitRow
from ui.rounds.view import RoundsModel
from ui.shell.main_window import MainWindow
from ui.widgets.stored_settings import app_settings


def _summary(code: str, declared: int | None, received: int) -> rounds.RoundSummary:
    return rounds.RoundSummary(
        id=f"id-{code}", rev=1, code=code, round_date=date(2026, 6, 1), place="Київська обл.",
        sending_party="Сторона А", receiving_party="B", intermediary="ICRC", agreement_ref="AG", declared_total=declared,
        notes="", manifest_lines=7, received=received,
    )


def test_rounds_model_on_its_own(qtmodeltester) -> None:
    model = RoundsModel()
    model.set_rows([_summary("R-1", 10, 3), _summary("R-2", None, 0)])
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 8
    cell = lambda row, col: model.data(model.index(row, col))  # noqa: E731
    assert cell(0, RoundsModel.COL_CODE) == "R-1"
    assert cell(0, RoundsModel.COL_DATE) == "2026-06-01"
    assert cell(0, RoundsModel.COL_DECLARED) == "10"
    assert cell(1, RoundsModel.COL_DECLARED) == "—"
    assert cell(0, RoundsModel.COL_MANIFEST) == "7"
    assert cell(0, RoundsModel.COL_RECEIVED) == "3"
    assert model.headerData(RoundsModel.COL_SENDING, Qt.Orientation.Horizontal) == "Sending party"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.UserRole) == "id-R-2"
    assert model.row_of("id-R-2") == 1 and model.row_of("nope") == -1


def test_transport_units_model_on_its_own(qtmodeltester) -> None:
    model = TransportUnitsModel()
    model.set_rows([UnitRow(rounds.TransportUnitData("AA1234", seal_numbers="S-1, S-2", seal_intact=False,
                                                      declared_bags=40), id="u1", rev=1, counted=38)])
    model.add(UnitRow(rounds.TransportUnitData("BB77"), changed=True))
    qtmodeltester.check(model)
    cell = lambda row, col: model.data(model.index(row, col))  # noqa: E731
    assert cell(0, TransportUnitsModel.COL_SEAL_STATE) == "Broken"
    assert cell(0, TransportUnitsModel.COL_COUNTED) == "38"
    assert cell(1, TransportUnitsModel.COL_SEAL_STATE) == "Unknown"
    assert cell(1, TransportUnitsModel.COL_COUNTED) == "—"
    assert model.changed_rows() == [1]


def _fill_unit(qtbot, label: str, seals: str, bags: str, intact: bool | None):
    def fill(dialog) -> None:
        assert isinstance(dialog, TransportUnitDialog)
        qtbot.keyClicks(dialog.label, label)
        qtbot.keyClicks(dialog.seal_numbers, seals)
        dialog.seal_state.setCurrentIndex(dialog.seal_state.findData(intact))
        qtbot.keyClicks(dialog.declared_bags, bags)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    return fill


def test_new_round_with_transport_units_is_saved(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    dialog = RoundDialog(officer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "New round"
    qtbot.keyClicks(dialog.code, "R-2026-07-15")
    dialog.date.setDate(QDate(2026, 7, 15))
    dialog.place.insert("Запорізька обл.")
    qtbot.keyClicks(dialog.sending, "Party A")
    qtbot.keyClicks(dialog.receiving, "Ministry")
    qtbot.keyClicks(dialog.intermediary, "ICRC")
    qtbot.keyClicks(dialog.agreement, "AG-21")
    qtbot.keyClicks(dialog.declared, "120")
    qtbot.keyClicks(dialog.notes, "Two trailers")

    handled = when_modal(_fill_unit(qtbot, "AA1234BB", "S-991, S-992", "64", True), TransportUnitDialog)
    qtbot.mouseClick(dialog.add_unit_button, Qt.MouseButton.LeftButton)
    assert handled and dialog.units.rowCount() == 1
    assert rounds.list_rounds(officer) == []  # nothing is written before Save

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = rounds.list_rounds(officer)
    assert (saved.code, saved.round_date, saved.place, saved.declared_total, saved.notes) == (
        "R-2026-07-15", date(2026, 7, 15), "Запорізька обл.", 120, "Two trailers")
    assert (saved.sending_party, saved.receiving_party, saved.intermediary, saved.agreement_ref) == (
        "Party A", "Ministry", "ICRC", "AG-21")
    [unit] = rounds.list_transport_units(officer, saved.id)
    assert (unit.label, unit.seal_numbers, unit.seal_intact, unit.declared_bags) == ("AA1234BB", "S-991, S-992", True, 64)
    assert dialog.saved_round is not None and dialog.saved_round.id == saved.id


def test_round_code_is_required_and_unique(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    make_round(officer, "R-TAKEN")
    dialog = RoundDialog(officer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text().startswith("Enter the round's code")

    qtbot.keyClicks(dialog.code, "R-TAKEN")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "A round with the code R-TAKEN already exists."
    assert dialog.focusWidget() is dialog.code
    assert [r.code for r in rounds.list_rounds(officer)] == ["R-TAKEN"]
    dialog.done(QDialog.DialogCode.Rejected)  # closes without asking about the typed code


def test_edit_round_and_its_transport_unit(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    r = make_round(officer, "R-EDIT")
    rounds.add_transport_unit(officer, r.id, rounds.TransportUnitData("TRL-1", declared_bags=10))
    dialog = RoundDialog(officer, r.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Round R-EDIT"
    assert dialog.code.text() == "R-EDIT" and dialog.declared.text() == "10"
    assert not dialog.has_changes()

    dialog.declared.setText("12")
    dialog.units_table.selectRow(0)

    def change_unit(unit_dialog) -> None:
        assert unit_dialog.label.text() == "TRL-1"
        unit_dialog.seal_state.setCurrentIndex(unit_dialog.seal_state.findData(False))
        unit_dialog.declared_bags.setText("11")
        unit_dialog.accept()

    handled = when_modal(change_unit, TransportUnitDialog)
    qtbot.mouseClick(dialog.edit_unit_button, Qt.MouseButton.LeftButton)
    assert handled and dialog.has_changes()
    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert rounds.get_round(officer, r.id).declared_total == 12
    [unit] = rounds.list_transport_units(officer, r.id)
    assert (unit.seal_intact, unit.declared_bags, unit.rev) == (False, 11, 2)


def test_a_duplicate_unit_label_is_refused_in_the_unit_dialog(qtbot) -> None:
    dialog = TransportUnitDialog(None, {"AA1"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.label, "aa1")
    dialog.accept()
    assert dialog.isVisible() and dialog.result_data is None
    assert dialog.error.text() == "This round already has a transport unit aa1."


def test_stale_edit_offers_to_reload(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    supervisor = sqlite_contexts[Role.SUPERVISOR]
    r = make_round(officer, "R-STALE")
    dialog = RoundDialog(officer, r.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.place.setText("Mine")
    # meanwhile someone else changes the round
    theirs = rounds.RoundData(code="R-STALE", round_date=r.round_date, place="Theirs", declared_total=99)
    rounds.update_round(supervisor, r.id, r.rev, theirs)

    seen: list[str] = []

    def reload(box) -> None:
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Reload").click()

    handled = when_modal(reload, QMessageBox)
    dialog.accept()
    assert handled and "Someone else changed this round" in seen[0]
    assert dialog.isVisible()
    assert dialog.place.text() == "Theirs" and dialog.declared.text() == "99"
    assert rounds.get_round(officer, r.id).place == "Theirs"
    assert not dialog.has_changes()  # what is shown is what is stored


def test_cancel_with_changes_asks_first(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    dialog = RoundDialog(sqlite_contexts[Role.FIELD_OFFICER])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "R-DRAFT")

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click(), QMessageBox)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # kept, with what was typed
    assert dialog.code.text() == "R-DRAFT"

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click(), QMessageBox)
    dialog.reject()
    assert not dialog.isVisible()
    assert rounds.list_rounds(sqlite_contexts[Role.FIELD_OFFICER]) == []


def test_clerk_sees_the_round_read_only(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    r = make_round(sqlite_contexts[Role.FIELD_OFFICER], "R-READ")
    dialog = RoundDialog(sqlite_contexts[Role.CLERK], r.id)
    qtbot.addWidget(dialog)
    assert dialog.code.isReadOnly() and dialog.notes.isReadOnly()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert not dialog.add_unit_button.isEnabled()


def test_new_round_from_the_main_window(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    """Round ▸ New round… creates the round in the database and selects it in the round selector."""
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    make_round(officer, "R-OLD")
    window = MainWindow(officer, app_settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.round_combo.count() == 1)

    def fill(dialog) -> None:
        assert isinstance(dialog, RoundDialog)
        qtbot.keyClicks(dialog.code, "R-NEW")
        dialog.date.setDate(QDate(2030, 1, 2))
        qtbot.keyClicks(dialog.declared, "5")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    handled = when_modal(fill, RoundDialog)
    window.new_round_action.trigger()
    assert handled
    qtbot.waitUntil(lambda: window.round_combo.count() == 2)
    created = rounds.find_round(officer, "R-NEW")
    assert created.declared_total == 5
    assert window.current_round_id() == created.id
    assert "R-NEW" in window.round_combo.currentText() and "0 of 5 received" in window.round_combo.currentText()
    assert window.rounds_view.model.row_of(created.id) >= 0
