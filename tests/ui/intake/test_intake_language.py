"""The language is switched in Settings while a bag is half typed: every text of the intake form
follows at once, and nothing typed or chosen is lost — the bag then saves as typed."""

from __future__ import annotations

import pytest
import shiboken6

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from app.domain import Category, ConditionFlag, Role
from app.services.cases import case_file
from app.services.context import AppContext
from tests.conftest import make_round
from tests.ui.intake.test_intake import make_form, w
from tests.ui.intake_helpers import add_manifest_line

from ui import i18n
from ui.intake.form import IntakeForm
from ui.shell.settings import SettingsDialog
from ui.widgets.stored_settings import app_settings


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


def _texts(form: IntakeForm) -> dict[str, str]:
    """What the officer reads on the form: labels, group titles, buttons, headers, placeholders,
    combo items; keyed by where it is, so a text can be followed across a language switch."""
    out: dict[str, str] = {}
    for widget in form.findChildren(QWidget):
        key = f"{type(widget).__name__}:{widget.objectName() or shiboken6.getCppPointer(widget)[0]}"
        if isinstance(widget, QLabel) and widget.isVisibleTo(form) and widget.text():
            out[key] = widget.text()
        elif isinstance(widget, QGroupBox):
            out[key] = widget.title()
        elif isinstance(widget, QAbstractButton) and widget.text():
            out[key] = widget.text()
        elif isinstance(widget, QLineEdit) and widget.placeholderText() or isinstance(widget, QPlainTextEdit):
            out[key + ":placeholder"] = widget.placeholderText()
        elif isinstance(widget, QComboBox) and widget.objectName() != "transportUnit":
            out[key] = "|".join(widget.itemText(j) for j in range(widget.count()))
        elif isinstance(widget, QTableWidget):
            out[key] = "|".join(widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount()))
            out[key + ":cells"] = "|".join(
                widget.item(r, 0).text() for r in range(widget.rowCount()) if widget.item(r, 0) is not None
            )
    return out


def _switch_language(qtbot, form: QWidget, lang: str) -> None:  # type: ignore[no-untyped-def]
    """As the user does it: Settings, the language box, OK."""
    dialog = SettingsDialog(app_settings(), "/tmp/x.sqlite3", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: i18n.current_language() == lang)
    QCoreApplication.processEvents()


def test_a_half_typed_bag_keeps_everything_when_the_language_changes(qtbot, officer) -> None:  # type: ignore[no-untyped-def]
    rnd = make_round(officer)
    add_manifest_line(officer, rnd.id, "MT-0008", "Шевченко Тарас")
    form = make_form(qtbot, officer, rnd.id)
    tag = w(form, QLineEdit, "tagField")
    qtbot.keyClicks(tag, "MT-0008")
    qtbot.keyClick(tag, Qt.Key.Key_Return)  # on the manifest: the claimed name is filled in
    bag = w(form, QLineEdit, "bagNumber")
    assert QApplication.focusWidget() is bag
    qtbot.keyClicks(bag, "B-17")
    category = w(form, QComboBox, "category")
    category.setFocus()
    qtbot.keyClick(category, Qt.Key.Key_Down)  # the second category
    chosen = category.currentData()
    assert chosen != Category.COMPLETE.value
    damaged = w(form, QCheckBox, f"flag_{ConditionFlag.BAG_DAMAGED.value}")
    damaged.setFocus()
    qtbot.keyClick(damaged, Qt.Key.Key_Space)
    qtbot.keyClicks(w(form, QLineEdit, "storageLocation"), "Fridge 3")
    effects = w(form, QTableWidget, "effectsEditor")
    effects.setFocus()
    qtbot.keyClick(effects, Qt.Key.Key_Insert)
    qtbot.keyClicks(QApplication.focusWidget(), "Wrist watch")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    notes = w(form, QPlainTextEdit, "notes")
    notes.setFocus()
    qtbot.keyClicks(notes, "left sleeve torn")
    english = _texts(form)
    indicator_before = form.indicator_text()
    assert "On the manifest" in indicator_before

    _switch_language(qtbot, form, i18n.UKRAINIAN)

    ukrainian = _texts(form)
    assert ukrainian.keys() == english.keys()
    unchanged = {key: text for key, text in ukrainian.items() if english[key] == text}
    assert unchanged == {}, unchanged  # no text of the form stayed English
    assert w(form, QGroupBox, "receptionBox").title() == QCoreApplication.translate("ReceptionBox", "Received")
    assert form.indicator_text() != indicator_before and form.indicator_kind() == "manifest"
    # nothing typed or chosen is lost
    assert tag.text() == "MT-0008" and bag.text() == "B-17"
    assert category.currentData() == chosen and damaged.isChecked()
    assert w(form, QLineEdit, "claimedName").text() == "Шевченко Тарас"
    assert w(form, QLineEdit, "storageLocation").text() == "Fridge 3"
    assert effects.item(0, 1).text() == "Wrist watch"
    assert notes.toPlainText() == "left sleeve torn"

    # the bag saves as typed, in the new language
    with qtbot.waitSignal(form.caseSaved, timeout=3000) as saved:
        qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    fields = case_file.get_case(officer, saved.args[0]).fields
    assert (fields["sender_tag"], fields["bag_number"], fields["category"]) == ("MT-0008", "B-17", chosen)
    assert fields["claimed_name"] == "Шевченко Тарас" and fields["notes"] == "left sleeve torn"
    assert ConditionFlag.BAG_DAMAGED.value in fields["condition_flags"]
    saved_uk = form.saved_text()
    assert saved_uk.startswith(QCoreApplication.translate("IntakeForm", "Saved %1").replace("%1", ""))

    _switch_language(qtbot, form, i18n.ENGLISH)
    back = _texts(form)
    titles = [key for key in english if key.startswith(("QGroupBox", "QPushButton", "QCheckBox", "QComboBox"))]
    assert titles and {key: back[key] for key in titles} == {key: english[key] for key in titles}
    assert form.saved_text().startswith("Saved ") and form.saved_text() != saved_uk
    assert w(form, QGroupBox, "receptionBox").title() == "Received"
