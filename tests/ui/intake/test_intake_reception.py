"""Back-entry from paper forms in the intake form: the time typed is the case's reception time,
it steps after each save, and a wrong time is refused in one sentence with nothing saved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

from app.domain import Role
from app.services.cases import listing
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake.test_intake import make_form, scan, w


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


def _local(utc: datetime) -> str:
    return utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _type_time(qtbot, form, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = w(form, QLineEdit, "receivedAt")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _scan_and_save(qtbot, form, tag: str) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, form, tag)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter in the bag number saves


def _received(officer: AppContext, round_id: str) -> dict[str, str]:
    page = listing.list_cases(officer, listing.CaseQuery(round_id=round_id))
    return {c.sender_tag: _local(c.received_at) for c in page.rows}


def test_back_entry_keeps_the_time_typed_and_steps_it(qtbot, officer: AppContext) -> None:  # type: ignore[no-untyped-def]
    rnd = make_round(officer)
    form = make_form(qtbot, officer, rnd.id)
    assert not w(form, QLineEdit, "receivedAt").isVisible()  # scanning as bags arrive: "now"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w(form, QCheckBox, "backEntry").isChecked()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w(form, QLineEdit, "receivedAt"))
    _type_time(qtbot, form, "2026-06-01 09:30")
    _scan_and_save(qtbot, form, "UA-1")
    qtbot.waitUntil(lambda: "Saved" in form.saved_text() or bool(form.error_text()))
    assert form.error_text() == ""
    assert w(form, QLineEdit, "receivedAt").text() == "2026-06-01 09:31"
    _scan_and_save(qtbot, form, "UA-2")
    qtbot.waitUntil(lambda: len(_received(officer, rnd.id)) == 2)
    assert _received(officer, rnd.id) == {"UA-1": "2026-06-01 09:30", "UA-2": "2026-06-01 09:31"}


@pytest.mark.parametrize(("typed", "says"), [
    ("2030-01-01 10:00", "lies in the future"),
    ("2026-05-30 10:00", "is before the round's date"),
    ("2026-06-05 10:00", "give the reason the bag was received later"),
    ("yesterday at ten", "is not a reception time"),
])
def test_a_wrong_reception_time_is_refused_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, officer: AppContext, typed: str, says: str
) -> None:
    rnd = make_round(officer)
    form = make_form(qtbot, officer, rnd.id)
    w(form, QCheckBox, "backEntry").click()
    _type_time(qtbot, form, typed)
    _scan_and_save(qtbot, form, "UA-9")
    qtbot.waitUntil(lambda: says in form.error_text())
    assert _received(officer, rnd.id) == {}
    assert w(form, QLineEdit, "tagField").text() == "UA-9"  # nothing typed is lost


def test_a_late_time_with_its_reason_is_saved(qtbot, officer: AppContext) -> None:  # type: ignore[no-untyped-def]
    rnd = make_round(officer)
    form = make_form(qtbot, officer, rnd.id)
    w(form, QCheckBox, "backEntry").click()
    _type_time(qtbot, form, "2026-06-05 10:00")
    reason = w(form, QLineEdit, "lateReason")
    reason.setFocus()
    qtbot.keyClicks(reason, "paper forms found in the second truck")
    _scan_and_save(qtbot, form, "UA-9")
    qtbot.waitUntil(lambda: "Saved" in form.saved_text())
    assert _received(officer, rnd.id) == {"UA-9": "2026-06-05 10:00"}
    assert w(form, QLineEdit, "lateReason").text() == ""
