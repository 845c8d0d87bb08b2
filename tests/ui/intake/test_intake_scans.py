"""Scans that land where they should not: a second scan before saving never becomes a bag number,
and a look-alike or wrong-layout scan is the tag already received. Driven as keystrokes into the
focused widget, as the scanner sends them."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain import Role
from app.services.cases import case_file, listing
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake.test_intake import make_form, w
from tests.ui.intake_helpers import add_manifest_line, type_text


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def round_id(officer: AppContext) -> str:
    rnd = make_round(officer)
    add_manifest_line(officer, rnd.id, "MT-0008", "Шевченко Тарас")
    add_manifest_line(officer, rnd.id, "MT-0009", "Коваленко Олег", line_no=2)
    return rnd.id


def scanner(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """A USB scanner: the keys of the tag a few milliseconds apart, then Enter, into whatever
    widget has the focus."""
    target = QApplication.focusWidget()
    assert target is not None
    type_text(qtbot, target, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def _count(officer: AppContext, round_id: str) -> int:
    return listing.count_cases(officer, listing.CaseQuery(round_id=round_id))


def test_a_second_scan_of_the_same_tag_does_not_become_the_bag_number(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    scanner(qtbot, "MT-0008")
    bag = w(form, QLineEdit, "bagNumber")
    assert QApplication.focusWidget() is bag
    scanner(qtbot, "MT-0008")  # scanned again before saving: lands in Bag number
    assert bag.text() == "" and _count(officer, round_id) == 0
    assert "scanned a second time; nothing changed" in form.error_text()
    assert w(form, QLineEdit, "tagField").text() == "MT-0008"


def test_the_next_bags_tag_scanned_before_saving_is_refused_not_saved(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    scanner(qtbot, "MT-0008")
    qtbot.keyClicks(QApplication.focusWidget(), "B-1", delay=80)  # typed by hand
    qtbot.wait(100)
    scanner(qtbot, "MT-0009")
    assert w(form, QLineEdit, "bagNumber").text() == "B-1" and _count(officer, round_id) == 0
    assert "not for scans" in form.error_text() and "MT-0009" in form.error_text()


def test_a_person_typing_a_long_bag_number_still_saves_with_enter(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    scanner(qtbot, "MT-0008")
    bag = w(form, QLineEdit, "bagNumber")
    qtbot.keyClicks(bag, "BAG-0001", delay=80)  # a person, not a scanner
    with qtbot.waitSignal(form.caseSaved, timeout=3000) as saved:
        qtbot.keyClick(bag, Qt.Key.Key_Return)
    assert case_file.get_case(officer, saved.args[0]).fields["bag_number"] == "BAG-0001"


def test_a_scan_with_the_focus_elsewhere_and_no_tag_yet_becomes_the_tag(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    bag = w(form, QLineEdit, "bagNumber")
    bag.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bag)
    scanner(qtbot, "MT-0009")
    assert w(form, QLineEdit, "tagField").text() == "MT-0009" and bag.text() == ""
    assert form.indicator_kind() == "manifest" and _count(officer, round_id) == 0


def test_a_look_alike_or_wrong_layout_scan_is_the_tag_already_received(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    scanner(qtbot, "MT-0008")
    assert form.indicator_kind() == "manifest"
    with qtbot.waitSignal(form.caseSaved, timeout=3000):
        qtbot.keyClick(w(form, QLineEdit, "bagNumber"), Qt.Key.Key_Return)
    for typed in ("\u041c\u0422-0008", "\u042c\u0415-0008"):  # Cyrillic МТ; the Ukrainian layout's ЬЕ
        form.focus_tag()
        scanner(qtbot, typed)
        assert form.indicator_kind() == "duplicate", typed
        assert "ALREADY RECEIVED" in form.indicator_text()
        w(form, QLineEdit, "tagField").clear()
