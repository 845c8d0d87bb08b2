"""The letter for the family liaison officers from the reconciliation dashboard: Alt+L on the
selected round asks where to save it, writes it with the round's figures and shows it in the
preview; a folder that is not there is said in one sentence; with several rounds and none
selected it asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.domain import Role
from app.services.context import AppContext
from tests.documents.helpers import pdftotext
from tests.documents.letter_round import (
    EXPECTED,
    assert_no_family_data,
    build_letter_round,
    family_data,
    figure_lines,
)
from tests.ui.dialogs import when_modal

from ui.documents.preview import DocumentPreviewDialog
from ui.reconciliation.dashboard import DashboardView


@pytest.fixture
def supervisor(sqlite_contexts: dict[Role, AppContext]) -> AppContext:
    return sqlite_contexts[Role.SUPERVISOR]


@pytest.fixture
def view(qtbot, sqlite_contexts, supervisor) -> tuple[DashboardView, str]:
    made = build_letter_round(sqlite_contexts)  # R-LETTER, and R-OTHER
    widget = DashboardView(supervisor)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy and widget.model.rowCount() == 3, timeout=10000)
    return widget, made.round_id


def _select(view: DashboardView, round_id: str) -> None:
    row = view.model.row_of(round_id)
    view.table.selectionModel().select(view.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)


def _previews() -> list[DocumentPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreviewDialog) and w.isVisible()]


def test_alt_l_saves_the_letter_of_the_selected_round_and_previews_it(qtbot, view, supervisor, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dashboard, round_id = view
    target = tmp_path / "for the liaison officers"  # no extension typed: .pdf is added
    offered: list[str] = []

    def save_name(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), "PDF document (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _select(dashboard, round_id)
    assert dashboard.letter_button.text() == "Liaison &letter…"
    dashboard.activateWindow()
    qtbot.waitUntil(dashboard.isActiveWindow)
    dashboard.table.setFocus()
    qtbot.keyClick(dashboard.table, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # the keyboard alone
    qtbot.waitUntil(lambda: bool(_previews()), timeout=10000)

    written = tmp_path / "for the liaison officers.pdf"
    assert Path(offered[0]).name == "letter-R-LETTER.pdf"
    assert written.exists() and dashboard.status.text() == f"Saved {written}."
    assert figure_lines(pdftotext(written, "-layout")) == EXPECTED
    assert "Підготував / Prepared by: Олена Петренко" in " ".join(pdftotext(written).split())
    assert_no_family_data(pdftotext(written), family_data(supervisor, round_id))
    preview = _previews()[0]
    assert preview.windowTitle() == "Letter for the family liaison officers R-LETTER"
    assert preview.preview.page_count() == 1 and preview.preview.document.data == written.read_bytes()
    preview.close()


def test_a_letter_that_cannot_be_written_is_said_in_one_sentence(qtbot, view, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dashboard, round_id = view
    target = tmp_path / "unplugged stick" / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    _select(dashboard, round_id)
    said: list[str] = []

    def close(box) -> None:  # type: ignore[no-untyped-def]
        said.append(box.text())
        box.accept()

    handled = when_modal(close, QMessageBox, timeout_ms=10000)
    qtbot.mouseClick(dashboard.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)
    assert said == [f"Cannot write {target}: the folder {target.parent} does not exist."]
    assert not target.parent.exists() and not _previews()


def test_with_several_rounds_and_none_selected_it_asks_for_one(qtbot, view, monkeypatch: pytest.MonkeyPatch) -> None:
    dashboard, _round_id = view
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: asked.append("save") or ("", ""))
    said: list[str] = []

    def close(box) -> None:  # type: ignore[no-untyped-def]
        said.append(box.text())
        box.accept()

    handled = when_modal(close, QMessageBox)
    dashboard.table.clearSelection()
    qtbot.mouseClick(dashboard.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert said == ["Select the round the letter is about (one row of the table)."] and asked == []
