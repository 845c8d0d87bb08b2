"""The manifest import dialog on a real database: reading, mapping, problems, importing."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QPushButton

from app.domain import Role
from app.services.context import AppContext
from app.services.rounds import manifest, manifest_check, manifest_columns, manifest_file
from tests.conftest import make_round

from ui.rounds.manifest_import import ManifestImportDialog
from ui.rounds.manifest_tables import PreviewModel, ProblemsModel
from ui.rounds.manifest_texts import problem_text

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def officer(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.FIELD_OFFICER]


@pytest.fixture
def round_id(officer: AppContext) -> str:
    return make_round(officer).id


def open_dialog(qtbot, ctx: AppContext, round_id: str, path: Path | None = None) -> ManifestImportDialog:
    dialog = ManifestImportDialog(ctx, round_id)
    qtbot.addWidget(dialog)
    dialog.show()
    if path is not None:
        dialog.open_file(path)
        wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot, dialog: ManifestImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and (dialog.check is not None or bool(dialog.error)), timeout=10000)


def problems_of(dialog: ManifestImportDialog) -> list[tuple[int, str]]:
    model = dialog.problems_model
    return [model.problem_at(r) for r in range(model.rowCount())]


def test_preview_model_on_its_own(qtmodeltester) -> None:
    table = manifest_file.read_csv_file(DATA / "manifest_bom_semicolon.csv")
    model = PreviewModel()
    model.set_table(table)
    model.set_problems({3: ["The tag is missing."]})
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == len(table.headers) + 1
    assert model.headerData(PreviewModel.COL_LINE, Qt.Orientation.Horizontal) == "Line"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Номер бірки"
    assert model.data(model.index(1, PreviewModel.COL_LINE)) == "3"
    assert model.data(model.index(1, 6)) == "примітка в два \u21b5 рядки"
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "The tag is missing."
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is not None
    model.set_table(table, limit=2)
    assert model.rowCount() == 2


def test_problems_model_on_its_own(qtmodeltester) -> None:
    model = ProblemsModel()
    model.set_problems([(3, "The tag is missing."), (0, "Choose the column that holds the sender's tag.")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, ProblemsModel.COL_LINE)) == "3"
    assert model.data(model.index(1, ProblemsModel.COL_LINE)) == "\u2014"
    assert model.headerData(ProblemsModel.COL_PROBLEM, Qt.Orientation.Horizontal) == "Problem"


def test_problem_texts_match_the_services_sentences() -> None:
    table = manifest_file.read_csv(
        ("tag;name;category\n" + "X" * 101 + ";a;complete\n;b;\nT;c;???\nT;d;complete\nU;e;complete;extra\n")
        .encode("utf-8")
    )
    check = manifest_check.validate_rows(table, manifest_columns.auto_mapping(table.headers), {"u": 4})
    assert check.problems
    for problem in check.problems:
        if problem.kind == manifest_check.PROBLEM_DUPLICATE_IN_FILE:
            assert problem_text(problem) == "The tag is listed more than once in the file (lines 4, 5)."
            assert problem.tag == "T"
        else:
            assert problem_text(problem) == problem.message


def test_good_file_is_previewed_mapped_and_imported(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_bom_semicolon.csv")
    assert "UTF-8 with BOM" in dialog.detected_label.text()
    assert "semicolons" in dialog.detected_label.text()
    assert dialog.preview_model.rowCount() == 3
    combos = dialog.field_combos
    assert combos["sender_tag"].currentText() == "Номер бірки"
    assert combos["claimed_name"].currentText() == "Прізвище, ім'я, по батькові"
    assert combos["claimed_citizenship"].currentText() == "Громадянство"
    assert combos["notes"].currentText() == "Примітки"
    assert problems_of(dialog) == []
    assert dialog.import_button.isEnabled()
    assert not dialog.good_rows_button.isVisible()
    assert dialog.summary_label.text() == "3 rows ready to import."
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert dialog.import_result.imported == 3
    assert dialog.summary_label.text() == "Imported 3 manifest lines."
    assert not dialog.import_button.isEnabled()
    assert dialog.close_button.text() == "Close"
    lines = manifest.list_manifest(officer, round_id)
    assert [ln.sender_tag for ln in lines] == ["Б-101", "Б-102", "Б-103"]
    assert lines[0].category == "partial"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_file_dropped_on_the_dialog_is_opened_and_other_drops_are_refused(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id)
    dialog.show()
    path = DATA / "manifest_bom_semicolon.csv"

    kept: list[QMimeData] = []  # an event does not own its data: keep it alive while it is used

    def event(kind: type, urls: list[QUrl]) -> QDragEnterEvent | QDropEvent:
        mime = QMimeData()
        mime.setUrls(urls)
        kept.append(mime)
        made = kind(QPoint(5, 5) if kind is QDragEnterEvent else QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        made.ignore()
        return made

    refused = event(QDragEnterEvent, [QUrl("https://example.org/list.csv")])
    dialog.dragEnterEvent(refused)
    assert not refused.isAccepted()
    offered = event(QDragEnterEvent, [QUrl.fromLocalFile(str(path))])
    dialog.dragEnterEvent(offered)
    assert offered.isAccepted()
    dialog.dropEvent(event(QDropEvent, [QUrl.fromLocalFile(str(path))]))
    wait_checked(qtbot, dialog)
    assert dialog.file_edit.text() == str(path) and dialog.preview_model.rowCount() == 3


def test_bad_file_lists_problems_and_imports_only_good_rows_after_confirmation(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_bad.csv")
    found = problems_of(dialog)
    assert [line for line, _ in found] == [2, 3, 4, 5, 6]
    assert found[1] == (3, "The tag is missing.")
    assert "lines 2, 5" in found[0][1]
    assert dialog.problems_label.text() == "P&roblems (5):"
    assert not dialog.import_button.isEnabled()
    assert dialog.good_rows_button.isVisible() and dialog.good_rows_button.isEnabled()
    assert "would import 2 and skip 4" in dialog.summary_label.text()
    # rows with problems are marked in the preview
    assert dialog.preview_model.data(dialog.preview_model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == (
        "The tag is missing."
    )

    # first say no: nothing is imported
    qtbot.mouseClick(dialog.good_rows_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    assert "4 rows will be skipped" in box.text()
    assert "2 rows will be imported" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.confirm_box is None)
    assert manifest.list_manifest(officer, round_id) == []

    # then yes
    qtbot.mouseClick(dialog.good_rows_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    qtbot.mouseClick(dialog.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert (dialog.import_result.imported, dialog.import_result.skipped) == (2, 4)
    assert "Skipped 4 rows" in dialog.summary_label.text()
    assert [ln.sender_tag for ln in manifest.list_manifest(officer, round_id)] == ["T-1", "T-6"]
    dialog.reject()  # Escape after an import still reports that lines were imported
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_problems_can_be_copied(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_bad.csv")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.splitlines()[1] == "3\tThe tag is missing."


def test_encoding_can_be_overridden(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_cp1251.csv")
    assert "Windows-1251" in dialog.detected_label.text()
    assert dialog.field_combos["sender_tag"].currentText() == "БІРКА"
    assert dialog.import_button.isEnabled()
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("utf-8"))
    wait_checked(qtbot, dialog)
    assert "cannot be read as UTF-8: line 1" in dialog.error
    assert "cannot be read as UTF-8" in dialog.summary_label.text()
    assert dialog.preview_model.rowCount() == 0
    assert not dialog.import_button.isEnabled() and not dialog.good_rows_button.isEnabled()
    assert dialog.encoding_combo.isEnabled()  # the user can go back
    dialog.encoding_combo.setCurrentIndex(0)
    wait_checked(qtbot, dialog)
    assert dialog.error == "" and dialog.import_button.isEnabled()
    assert dialog.preview_model.data(dialog.preview_model.index(0, 2)) == "Ярошенко Євген Олегович"


def test_changing_the_column_choice_checks_again(qtbot, officer, round_id, tmp_path) -> None:
    f = tmp_path / "list.csv"
    f.write_text("Номер;Особа;Категорія\nZ-1;Коваль Іван;повне тіло\nZ-2;Мороз Петро;фрагменти\n", encoding="utf-8")
    dialog = open_dialog(qtbot, officer, round_id, f)
    assert dialog.field_combos["sender_tag"].currentIndex() == 0  # "Номер" is not a documented header
    assert problems_of(dialog) == [(0, "Choose the column that holds the sender's tag.")]
    assert not dialog.import_button.isEnabled()
    tag = dialog.field_combos["sender_tag"]
    tag.setCurrentIndex(tag.findText("Номер"))
    wait_checked(qtbot, dialog)
    name = dialog.field_combos["claimed_name"]
    name.setCurrentIndex(name.findText("Особа"))
    wait_checked(qtbot, dialog)
    assert problems_of(dialog) == [] and dialog.import_button.isEnabled()
    # mapping the category to a column of names makes every row wrong
    category = dialog.field_combos["category"]
    category.setCurrentIndex(category.findText("Особа"))
    wait_checked(qtbot, dialog)
    assert [line for line, _ in problems_of(dialog)] == [2, 3]
    assert not dialog.import_button.isEnabled()
    category.setCurrentIndex(category.findText("Категорія"))
    wait_checked(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    lines = manifest.list_manifest(officer, round_id)
    assert [(ln.sender_tag, ln.claimed_name, ln.category) for ln in lines] == [
        ("Z-1", "Коваль Іван", "complete"), ("Z-2", "Мороз Петро", "fragments"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "not a text (CSV) file"),
        ("tag\nA\n".encode("utf-16"), "saved as UTF-16"),
    ],
)
def test_files_that_are_not_lists_are_refused(qtbot, officer, round_id, tmp_path, content, message) -> None:
    f = tmp_path / "list.csv"
    f.write_bytes(content)
    dialog = open_dialog(qtbot, officer, round_id, f)
    assert message in dialog.error
    assert problems_of(dialog)[0][0] == 0
    assert not dialog.import_button.isEnabled() and not dialog.good_rows_button.isEnabled()


def test_missing_file(qtbot, officer, round_id, tmp_path) -> None:
    dialog = open_dialog(qtbot, officer, round_id, tmp_path / "gone.csv")
    assert dialog.error.startswith("There is no file ")


def test_tags_already_imported_are_shown(qtbot, officer, round_id) -> None:
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    manifest.import_manifest(officer, round_id, table, manifest_columns.auto_mapping(table.headers))
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_good.csv")
    assert {text for _, text in problems_of(dialog)} >= {
        "The tag is already on this round's manifest (manifest line 1)."
    }
    assert not dialog.import_button.isEnabled() and not dialog.good_rows_button.isEnabled()
    other = make_round(officer, code="R-OTHER")
    second = open_dialog(qtbot, officer, other.id, DATA / "manifest_good.csv")
    assert second.import_button.isEnabled()


def test_clerk_sees_the_file_but_may_not_import(qtbot, sqlite_contexts, round_id) -> None:
    clerk = sqlite_contexts[Role.CLERK]
    dialog = open_dialog(qtbot, clerk, round_id, DATA / "manifest_good.csv")
    assert dialog.preview_model.rowCount() == 6
    assert not dialog.import_button.isEnabled()
    assert "may not import" in dialog.summary_label.text()


def test_cancelling_the_import_changes_nothing(qtbot, officer, round_id, tmp_path) -> None:
    f = tmp_path / "big.csv"
    body = "".join(f"BT-{i:05d};Прізвище{i} Ім'я;повне тіло\n" for i in range(1, 20001))
    f.write_text("бірка;піб;категорія\n" + body, encoding="utf-8")
    dialog = open_dialog(qtbot, officer, round_id, f)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()  # the progress dialog's Cancel button, as soon as it exists
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert dialog.import_result is None
    assert dialog.summary_label.text() == "The import was cancelled; nothing was changed."
    assert manifest.list_manifest(officer, round_id) == []
    wait_checked(qtbot, dialog)
    assert dialog.import_button.isEnabled()  # the user may try again


def test_keyboard_reaches_every_choice(qtbot, officer, round_id) -> None:
    dialog = open_dialog(qtbot, officer, round_id, DATA / "manifest_good.csv")
    for target, label in dialog.field_labels.items():
        assert label.buddy() is dialog.field_combos[target]
        assert "&" in label.text()
    assert dialog.encoding_label.buddy() is dialog.encoding_combo
    mnemonics = [w.text().split("&")[1][0].lower() for w in [
        dialog.file_label, dialog.encoding_label, dialog.choose_button, dialog.preview_label, dialog.problems_label,
        dialog.import_button, dialog.good_rows_button, dialog.copy_button, *dialog.field_labels.values(),
    ]]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics


def test_a_list_saved_as_an_xlsx_workbook(qtbot, officer, round_id, tmp_path) -> None:
    from tests.register.helpers import xlsx_bytes

    f = tmp_path / "list.xlsx"
    f.write_bytes(xlsx_bytes([["бірка", "піб"], ["Z-1", "Коваль Іван"], ["Z-2", "Мороз Петро"]], title="Аркуш1"))
    dialog = open_dialog(qtbot, officer, round_id, f)
    assert dialog.detected_label.text() == "Read from the sheet \u201cАркуш1\u201d; 2 rows."
    assert not dialog.encoding_combo.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert [ln.sender_tag for ln in manifest.list_manifest(officer, round_id)] == ["Z-1", "Z-2"]
