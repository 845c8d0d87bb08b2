"""The register's import dialog on a real database: reading in each encoding and as XLSX, the
column choice, problems by line, importing the good rows, re-importing, cancelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog, QPushButton

from app.domain import Role
from app.services.context import AppContext
from app.services.register import check, columns, listing
from app.services.register.importing import read_register_file
from tests.register.helpers import HEADER, ROWS, csv_bytes, versions_of, xlsx_bytes

from ui import i18n
from ui.register import texts
from ui.register.import_dialog import RegisterImportDialog

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def supervisor(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.SUPERVISOR]


def open_dialog(qtbot, ctx: AppContext, path: Path | None = None) -> RegisterImportDialog:
    dialog = RegisterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    if path is not None:
        dialog.open_file(path)
        wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot, dialog: RegisterImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and (dialog.preview_result is not None or bool(dialog.error)),
                    timeout=10000)


def problems_of(dialog: RegisterImportDialog) -> list[tuple[int, str]]:
    model = dialog.problems_model
    return [model.problem_at(r) for r in range(model.rowCount())]


def do_import(qtbot, dialog: RegisterImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=20000)


def test_a_register_with_separate_name_columns_is_previewed_mapped_and_imported(qtbot, supervisor) -> None:
    dialog = open_dialog(qtbot, supervisor, DATA / "register_good.csv")
    assert dialog.detected_label.text() == "Read as UTF-8, values separated by commas; 6 rows."
    combos = dialog.field_combos
    assert combos["register_number"].currentText() == "Номер заяви"
    assert combos["full_name"].currentText() == "(not in the file)"
    assert [combos[f].currentText() for f in ("surname", "given_name", "patronymic")] == [
        "Прізвище", "Ім'я", "По батькові"]
    assert combos["relatives_sampled"].currentText() == "Родичі, які здали ДНК"
    assert dialog.preview_model.rowCount() == 6 and problems_of(dialog) == []
    assert dialog.summary_label.text() == "6 rows can be imported: 6 new, 0 changed, 0 as the register already holds them."
    do_import(qtbot, dialog)
    assert dialog.summary_label.text() == "Imported: 6 new, 0 updated, 0 unchanged."
    assert not dialog.import_button.isEnabled() and dialog.close_button.text() == "Close"
    names = [r.full_name for r in listing.list_entries(supervisor).rows]
    assert names[:3] == ["Бондаренко Оксана Сергіївна", "Ґудзь Євген Олегович", "Іваненко Ігор Васильович"]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_bad_rows_are_shown_by_line_and_only_the_good_ones_imported(qtbot, supervisor) -> None:
    dialog = open_dialog(qtbot, supervisor, DATA / "register_bad.csv")
    found = problems_of(dialog)
    assert [line for line, _ in found] == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert found[2] == (5, "The date of birth 31.02.1990 does not exist.")
    assert dialog.problems_label.text() == "P&roblems (11):"
    assert dialog.summary_label.text() == (
        "2 rows can be imported: 2 new, 0 changed, 0 as the register already holds them. "
        "11 rows have problems and will be left out; they are listed above.")
    tip = dialog.preview_model.data(dialog.preview_model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip == "The register number is missing."  # the preview marks the row too
    do_import(qtbot, dialog)
    assert dialog.summary_label.text() == (
        "Imported: 2 new, 0 updated, 0 unchanged. 11 rows were refused; each is listed above with its line and reason.")
    assert dialog.problems_label.text() == "Refused &rows (11):"
    assert [line for line, _ in problems_of(dialog)] == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert listing.count_entries(supervisor) == 2


def test_a_reimport_shows_what_changes_and_versions_nothing_else(qtbot, supervisor, tmp_path) -> None:
    first = tmp_path / "v1.csv"
    first.write_bytes(csv_bytes())
    do_import(qtbot, open_dialog(qtbot, supervisor, first))
    assert versions_of(supervisor.db) == 3
    second = tmp_path / "v2.csv"
    second.write_bytes(csv_bytes((ROWS[0], (*ROWS[1][:11], "Родина надала фото"), ROWS[2]), delimiter=";",
                                 encoding="cp1251"))
    dialog = open_dialog(qtbot, supervisor, second)
    assert "Windows-1251 (Cyrillic)" in dialog.detected_label.text() and "semicolons" in dialog.detected_label.text()
    assert dialog.summary_label.text() == "3 rows can be imported: 0 new, 1 changed, 2 as the register already holds them."
    do_import(qtbot, dialog)
    assert dialog.summary_label.text() == "Imported: 0 new, 1 updated, 2 unchanged."
    assert versions_of(supervisor.db) == 4 and listing.count_entries(supervisor) == 3


def test_encoding_and_delimiter_can_be_chosen(qtbot, supervisor, tmp_path) -> None:
    f = tmp_path / "реєстр.csv"
    f.write_bytes(csv_bytes(delimiter=";", encoding="cp1251"))
    dialog = open_dialog(qtbot, supervisor, f)
    assert dialog.import_button.isEnabled()
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("utf-8"))
    wait_checked(qtbot, dialog)
    assert "cannot be read as UTF-8: line 1" in dialog.error and not dialog.import_button.isEnabled()
    assert dialog.encoding_combo.isEnabled()  # the user can go back
    dialog.encoding_combo.setCurrentIndex(0)
    wait_checked(qtbot, dialog)
    dialog.delimiter_combo.setCurrentIndex(dialog.delimiter_combo.findData(","))
    wait_checked(qtbot, dialog)
    assert problems_of(dialog) == [(0, "Choose the column that holds the register number.")]
    assert not dialog.import_button.isEnabled()
    dialog.delimiter_combo.setCurrentIndex(dialog.delimiter_combo.findData(";"))
    wait_checked(qtbot, dialog)
    assert problems_of(dialog) == [] and dialog.import_button.isEnabled()
    assert dialog.preview_model.data(dialog.preview_model.index(0, 2)) == "Олійник Богдан Петрович"


def test_an_xlsx_register_chosen_with_the_file_dialog(qtbot, supervisor, tmp_path, monkeypatch) -> None:
    f = tmp_path / "реєстр.xlsx"
    f.write_bytes(xlsx_bytes([list(HEADER), *[list(r) for r in ROWS]]))
    asked = []

    def choose(parent, caption, folder, filters):  # noqa: ANN001, ANN202
        asked.append(filters)
        return str(f), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = open_dialog(qtbot, supervisor)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert "*.xlsx" in asked[0]
    assert dialog.detected_label.text() == "Read from the sheet \u201cРеєстр\u201d; 3 rows."
    assert not dialog.encoding_combo.isEnabled() and not dialog.delimiter_combo.isEnabled()
    do_import(qtbot, dialog)
    assert listing.count_entries(supervisor) == 3


def test_the_columns_can_be_chosen(qtbot, supervisor, tmp_path) -> None:
    f = tmp_path / "list.csv"
    f.write_text("Справа;Хто;Рік\nС-1;Коваль Іван;1980\nС-2;Мороз Петро;1975\n", encoding="utf-8")
    dialog = open_dialog(qtbot, supervisor, f)
    assert problems_of(dialog) == [(0, "Choose the column that holds the register number.")]
    number = dialog.field_combos["register_number"]
    number.setCurrentIndex(number.findText("Справа"))
    wait_checked(qtbot, dialog)
    assert problems_of(dialog) == [(0, "Choose the column that holds the full name, or the columns of the "
                                       "surname and the given name.")]
    name = dialog.field_combos["full_name"]
    name.setCurrentIndex(name.findText("Хто"))
    wait_checked(qtbot, dialog)
    born = dialog.field_combos["birth_date"]
    born.setCurrentIndex(born.findText("Рік"))
    wait_checked(qtbot, dialog)
    do_import(qtbot, dialog)
    assert [(r.register_number, r.birth_date) for r in listing.list_entries(supervisor).rows] == [
        ("С-1", "1980"), ("С-2", "1975")]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty."),
    (b"PK\x03\x04broken workbook", "damaged workbook or not an XLSX workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Excel workbook (.xls)"),
])
def test_files_that_are_not_a_register_are_refused(qtbot, supervisor, tmp_path, content, message) -> None:
    f = tmp_path / "register.xlsx"
    f.write_bytes(content)
    dialog = open_dialog(qtbot, supervisor, f)
    assert message in dialog.error and problems_of(dialog)[0][0] == 0
    assert not dialog.import_button.isEnabled()


def test_only_a_supervisor_may_import(qtbot, sqlite_contexts) -> None:
    dialog = open_dialog(qtbot, sqlite_contexts[Role.FIELD_OFFICER])
    assert dialog.summary_label.text() == "Your role may not import the register; a supervisor can."
    assert not dialog.import_button.isEnabled()


def test_cancelling_the_import_changes_nothing(qtbot, supervisor, tmp_path) -> None:
    f = tmp_path / "big.csv"
    f.write_bytes(csv_bytes(tuple((f"Р-{i:06d}", f"Олійник Богдан {i}") + ("",) * 10 for i in range(20000))))
    dialog = open_dialog(qtbot, supervisor, f)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert dialog.import_result is None
    assert dialog.summary_label.text().startswith("The import was cancelled; nothing was changed.")
    assert listing.count_entries(supervisor) == 0 and versions_of(supervisor.db) == 0
    wait_checked(qtbot, dialog)
    assert dialog.import_button.isEnabled()  # the user may try again


def test_keyboard_reaches_every_choice(qtbot, supervisor) -> None:
    dialog = open_dialog(qtbot, supervisor, DATA / "register_good.csv")
    for target, label in dialog.field_labels.items():
        assert label.buddy() is dialog.field_combos[target] and "&" in label.text()
    assert dialog.delimiter_label.buddy() is dialog.delimiter_combo
    mnemonics = [w.text().split("&")[1][0].lower() for w in [
        dialog.file_label, dialog.encoding_label, dialog.delimiter_label, dialog.choose_button, dialog.preview_label,
        dialog.problems_label, dialog.import_button, dialog.copy_button, *dialog.field_labels.values(),
    ]]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics


def test_every_problem_reads_as_the_service_says_it_and_in_ukrainian(qtbot) -> None:
    table = read_register_file(DATA / "register_bad.csv")
    found = check.validate_rows(table, columns.auto_mapping(table.headers)).problems
    kinds = {p.kind for p in found}
    assert len(kinds) == 10
    for problem in found:
        assert texts.problem_text(problem) == problem.message or problem.kind == check.PROBLEM_DUPLICATE_IN_FILE
    i18n.install(i18n.UKRAINIAN)
    said = {p.line_no: texts.problem_text(p) for p in found}
    assert said[5] == "Дати народження 31.02.1990 не існує."
    assert said[8] == "Дата зникнення 01.01.2099 — у майбутньому."
    assert said[10] == ("Номер у реєстрі трапляється у файлі кілька разів (рядки 10, 11); "
                        "жоден із цих рядків не імпортується.")
    for problem in found:
        assert texts.problem_text(problem) != problem.message, problem


def test_the_dialog_in_ukrainian(qtbot, supervisor) -> None:
    i18n.install(i18n.UKRAINIAN)
    dialog = open_dialog(qtbot, supervisor, DATA / "register_bad.csv")
    assert dialog.windowTitle() == "Імпорт реєстру зниклих безвісти"
    assert dialog.field_labels["register_number"].text() == "Номер у ре&єстрі (обов’язково):"
    assert dialog.summary_label.text().startswith("Можна імпортувати 2 рядки: нових — 2")
    do_import(qtbot, dialog)
    assert dialog.summary_label.text() == (
        "Імпортовано: нових — 2, оновлених — 0, без змін — 0. "
        "11 рядків відхилено; кожен наведено вище з номером рядка та причиною.")
