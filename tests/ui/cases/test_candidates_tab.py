"""The case file's Candidates tab and a round's candidates window, driven as a user would."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app.domain import Role
from app.services.cases import case_file
from app.services.context import AppContext
from app.services.register import candidates
from tests.conftest import make_round
from tests.register.candidates_helpers import a_register, add_case

from ui.cases.candidates_round import RoundCandidatesDialog
from ui.cases.candidates_tab import CandidatesModel, CandidatesTab
from ui.cases.detail import CaseDetailDialog
from ui.widgets import tasks


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def case_id(officer: AppContext) -> str:
    a_register(officer)
    rnd = make_round(officer)
    return add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")


def rows(tab: CandidatesTab) -> list[tuple[str, str, str]]:
    m = tab.model
    return [(m.index(r, CandidatesModel.COL_NUMBER).data(), m.index(r, CandidatesModel.COL_SCORE).data(),
             m.index(r, CandidatesModel.COL_DECISION).data()) for r in range(m.rowCount())]


def open_tab(qtbot, ctx: AppContext, case_id: str) -> tuple[CaseDetailDialog, CandidatesTab]:  # type: ignore[no-untyped-def]
    dialog = CaseDetailDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tab = dialog.candidates_tab
    assert tab.found is None  # nothing is looked for before the tab is shown
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        dialog.tabs.setCurrentWidget(tab)
    return dialog, tab


def test_the_tab_lists_the_ranked_candidates_with_reasons_and_a_note(qtbot, officer: AppContext, case_id: str) -> None:
    dialog, tab = open_tab(qtbot, officer, case_id)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Can&didates"
    assert rows(tab) == [("ЗБ-001", "68", ""), ("ЗБ-002", "45", "")]
    m = tab.model
    assert m.index(0, CandidatesModel.COL_NAME).data() == "Коваленко Юрій Петрович"
    assert m.index(0, CandidatesModel.COL_BORN).data() == "1990-04-17"
    assert m.index(0, CandidatesModel.COL_DISAPPEARED).data() == "2024-03-02, Донецька область, Авдіївка"
    assert m.index(0, CandidatesModel.COL_REASONS).data() == (
        "surname equal after transliteration; first name equal after transliteration; year of birth ±1")
    assert m.index(1, CandidatesModel.COL_REASONS).data().endswith("year of birth differs by 14 years")
    assert "not an identification" in tab.findChild(QLabel, "candidatesNote").text()
    assert tab.status.text() == "2 candidates, best first."
    assert tab.selected().register_number == "ЗБ-001"
    assert tab.details.text().splitlines() == [
        "ЗБ-001 · Коваленко Юрій Петрович, born 1990-04-17 · unit в/ч А0123",
        "Disappeared: 2024-03-02, Донецька область, Авдіївка",
        "Score 68: surname equal after transliteration; first name equal after transliteration; year of birth ±1",
    ]
    assert tab.prioritise_button.isEnabled() and tab.reject_button.isEnabled()
    assert not tab.withdraw_button.isEnabled()


def test_the_buttons_change_the_decision_and_the_order_but_never_the_identity(
    qtbot, officer: AppContext, case_id: str,
) -> None:
    dialog, tab = open_tab(qtbot, officer, case_id)
    before = case_file.get_case(officer, case_id).fields
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)  # ЗБ-002, by the keyboard
    assert tab.selected().register_number == "ЗБ-002"
    tab.note_edit.insert("мати дала зразок")  # (keyClicks types ASCII only)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(tab.prioritise_button, Qt.MouseButton.LeftButton)
    assert rows(tab) == [("ЗБ-002", "45", "Prioritised"), ("ЗБ-001", "68", "")]
    assert tab.selected().register_number == "ЗБ-002" and tab.selected().note == "мати дала зразок"
    assert tab.details.text().splitlines()[-1] == "Prioritised for DNA comparison by Іван Бондар: мати дала зразок"
    assert tab.note_edit.text() == "" and tab.withdraw_button.isEnabled() and not tab.prioritise_button.isEnabled()
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()

    tab.select("ЗБ-001")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.keyClick(tab, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Re&ject
    assert rows(tab) == [("ЗБ-002", "45", "Prioritised"), ("ЗБ-001", "68", "Rejected")]
    assert tab.status.text() == "2 candidates, best first. 1 rejected."
    tab.show_rejected.setChecked(False)
    assert rows(tab) == [("ЗБ-002", "45", "Prioritised")]
    tab.show_rejected.setChecked(True)

    tab.select("ЗБ-002")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    assert rows(tab) == [("ЗБ-002", "45", ""), ("ЗБ-001", "68", "Rejected")]
    stored = {c.register_number: c.decision for c in candidates.case_candidates(officer, case_id).candidates}
    assert stored == {"ЗБ-001": "rejected", "ЗБ-002": ""}
    after = case_file.get_case(officer, case_id).fields
    for key in ("established_name", "established_birth_date", "identification_method", "identified_on", "status"):
        assert after[key] == before[key]
    assert not dialog.changes()


def test_a_clerk_sees_the_candidates_but_cannot_decide(qtbot, sqlite_contexts: dict[Role, AppContext]) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    a_register(officer)
    case_id = add_case(officer, make_round(officer).id, "UA-0001", "Kovalenko Yurii", "1989")
    _dialog, tab = open_tab(qtbot, sqlite_contexts[Role.CLERK], case_id)
    assert [r[0] for r in rows(tab)] == ["ЗБ-001", "ЗБ-002"]
    assert not tab.prioritise_button.isEnabled() and not tab.reject_button.isEnabled()
    assert "Supervisors and field officers" in tab.prioritise_button.toolTip()


def test_a_case_without_candidates_says_so(qtbot, officer: AppContext) -> None:
    case_id = add_case(officer, make_round(officer).id, "UA-0001", "Petrenko Ivan")
    _dialog, tab = open_tab(qtbot, officer, case_id)
    assert tab.model.rowCount() == 0
    assert tab.status.text() == "No application of the register is a candidate for this case."
    assert not tab.prioritise_button.isEnabled()


def test_the_round_window_lists_both_lists_and_opens_a_case(qtbot, officer: AppContext) -> None:
    a_register(officer)
    rnd = make_round(officer)
    first = add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    second = add_case(officer, rnd.id, "UA-0002", "KOVALENKO Iurii Petrovych", "17.04.1990")
    unnamed = add_case(officer, rnd.id, "UA-0003")
    dialog = RoundCandidatesDialog(officer, rnd.id, rnd.code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
    assert dialog.windowTitle() == f"Candidates of round {rnd.code}"
    assert [dialog.lists.tabText(i) for i in range(3)] == [
        "Cases &without a candidate (1)", "&Applications matched by several cases (1)", "E&very case"]
    assert dialog.without_model.rowCount() == 1
    assert dialog.without_model.index(0, 0).data(Qt.ItemDataRole.UserRole) == unnamed
    top = dialog.shared_tree.topLevelItem(0)
    assert [top.text(i) for i in range(4)] == ["ЗБ-001", "Коваленко Юрій Петрович", "1990-04-17", "2 cases"]
    assert [(top.child(i).text(0), top.child(i).text(3)) for i in range(top.childCount())] == [
        (case_file.get_case(officer, second).fields["case_number"], "85"),
        (case_file.get_case(officer, first).fields["case_number"], "68"),
    ]
    assert dialog.every_model.rowCount() == 3
    assert "not an identification" in dialog.note.text()

    dialog.threshold.setValue(70)  # a higher threshold: the first case has no candidate any more
    dialog.compute()
    qtbot.waitUntil(lambda: not dialog.running and dialog.found is not None and dialog.found.threshold == 70,
                    timeout=10000)
    assert {dialog.without_model.index(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(dialog.without_model.rowCount())} == {first, unnamed}
    assert dialog.shared_tree.topLevelItemCount() == 0

    dialog.lists.setCurrentIndex(2)
    dialog.every_table.setFocus()
    dialog.every_table.setCurrentIndex(dialog.every_model.index(0, 0))
    qtbot.keyClick(dialog.every_table, Qt.Key.Key_Return)  # Enter opens the case file
    qtbot.waitUntil(lambda: any(isinstance(w, CaseDetailDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    opened = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CaseDetailDialog) and w.isVisible())
    assert opened.detail is not None and opened.detail.id == first
    opened.done(QDialog.DialogCode.Rejected)
    tasks.wait_for_all()


def test_the_rounds_view_opens_the_round_s_candidates(qtbot, officer: AppContext) -> None:
    from app.services.rounds import rounds

    from ui.rounds.view import RoundsView

    a_register(officer)
    rnd = make_round(officer)
    add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    view = RoundsView(officer)
    qtbot.addWidget(view)
    view.show()
    view.set_rounds(rounds.list_rounds(officer))
    assert view.candidates_button.text() == "Ca&ndidates…" and view.candidates_button.isEnabled()
    qtbot.mouseClick(view.candidates_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(RoundCandidatesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
    assert dialog.found.round_code == rnd.code and len(dialog.found.cases) == 1
    dialog.close()


def test_the_tab_speaks_ukrainian(qtbot, officer: AppContext, case_id: str) -> None:
    from ui import i18n

    _dialog, tab = open_tab(qtbot, officer, case_id)
    assert i18n.install(i18n.UKRAINIAN)
    qtbot.waitUntil(lambda: tab.prioritise_button.text() == "&Пріоритет для порівняння ДНК")
    assert tab.note.text().startswith("Заяви з реєстру зниклих безвісти")
    assert tab.model.headerData(CandidatesModel.COL_REASONS, Qt.Orientation.Horizontal) == "Чому"
    assert tab.model.index(0, CandidatesModel.COL_REASONS).data() == (
        "прізвище збігається після транслітерації; ім'я збігається після транслітерації; рік народження ±1")
    assert tab.model.index(0, CandidatesModel.COL_BORN).data() == "17.04.1990"
    assert tab.status.text() == "2 кандидати, від найімовірнішого."
