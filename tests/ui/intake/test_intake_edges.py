"""Rough edges of the intake form on a long day: Save stays in view, a too-long tag is refused on
Enter and its warning goes once it is corrected, and "Saved …" never sits under a warning."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from app.domain import Role
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake.test_intake import make_form, w
from tests.ui.intake.test_intake_scans import scanner
from tests.ui.intake_helpers import add_manifest_line


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def round_id(officer: AppContext) -> str:
    rnd = make_round(officer)
    add_manifest_line(officer, rnd.id, "MT-0008", "Шевченко Тарас")
    return rnd.id


def _in_view(form, widget) -> bool:  # type: ignore[no-untyped-def]
    top_left = widget.mapTo(form, QPoint(0, 0))
    bottom_right = widget.mapTo(form, QPoint(widget.width() - 1, widget.height() - 1))
    return widget.isVisible() and form.rect().contains(top_left) and form.rect().contains(bottom_right)


def test_save_stays_in_view_when_banners_appear(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    form.resize(1200, 760)  # the intake tab of a 1200 x 820 window
    save = next(b for b in form.findChildren(QPushButton) if b.text().startswith("&Save bag"))
    scanner(qtbot, "MT-0008")
    with qtbot.waitSignal(form.caseSaved, timeout=3000):
        qtbot.keyClick(w(form, QLineEdit, "bagNumber"), Qt.Key.Key_Return)
    scanner(qtbot, "MT-0008")  # the duplicate banner
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # and a red line
    qtbot.wait(50)
    assert form.indicator_kind() == "duplicate"
    assert _in_view(form, save)


def test_a_too_long_tag_is_refused_on_enter_and_the_warning_goes_when_corrected(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    tag = w(form, QLineEdit, "tagField")
    qtbot.keyClicks(tag, "MT-0008" * 22)  # two scans run together, and more
    qtbot.keyClick(tag, Qt.Key.Key_Return)
    assert "longer than 100 characters" in form.error_text()
    assert QApplication.focusWidget() is tag and tag.property("invalid") is True
    tag.selectAll()
    qtbot.keyClicks(tag, "MT-0008")
    assert form.error_text() == "" and tag.property("invalid") is False


def test_the_saved_line_does_not_stay_under_a_later_warning(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, officer, round_id)
    scanner(qtbot, "MT-0008")
    with qtbot.waitSignal(form.caseSaved, timeout=3000):
        qtbot.keyClick(w(form, QLineEdit, "bagNumber"), Qt.Key.Key_Return)
    assert form.saved_text()
    qtbot.keyClick(w(form, QLineEdit, "bagNumber"), Qt.Key.Key_Return)  # no tag: a warning
    assert "Scan or type the tag" in form.error_text()
    assert form.saved_text() == "" and form.findChild(QLabel, "savedLabel").isHidden()


def test_the_form_says_where_a_broken_seal_is_recorded(qtbot, officer, round_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QComboBox

    from app.services.rounds import rounds

    rounds.add_transport_unit(officer, round_id, rounds.TransportUnitData(
        label="AA 1234 KX", seal_numbers="S-77", seal_intact=False))
    form = make_form(qtbot, officer, round_id)
    note = form.findChild(QLabel, "sealNote")
    assert "recorded on the transport unit (Rounds tab), not on the bag" in note.text()
    assert "transport unit" in w(form, QCheckBox, "flag_bag_damaged").toolTip()
    unit = w(form, QComboBox, "transportUnit")
    unit.setFocus()
    qtbot.keyClick(unit, Qt.Key.Key_Down)  # the unit, chosen from the keyboard
    assert note.text() == "Seal of AA 1234 KX: BROKEN \u2014 S-77 (recorded on the unit, Rounds tab)."
