"""The document windows with real widgets over a real database: issue from the form and see the
preview, the refusal list, reprint and correction, labels and case sheets, the verify field, and
printing through Qt's print path."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from app.documents.content import qr_payload
from app.domain import Role
from app.persistence.models import CustodyEvent
from app.services.documents import (
    certificate_drafts,
    certificate_forms,
    certificate_issuing,
    certificate_records,
    verification,
)
from tests.conftest import make_round
from tests.documents.helpers import add_cases, complete_form, page_count, type_text

from ui import i18n
from ui.documents.case_documents import open_case_sheet, open_labels
from ui.documents.certificate import CertificateDialog
from ui.documents.preview import DocumentPreviewDialog, PdfPreview, print_pdf
from ui.documents.verify import VerifyField


@pytest.fixture(autouse=True)
def _english(qapp) -> None:
    i18n.install(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def _no_real_message_boxes(monkeypatch) -> None:
    """A question nobody answers would hang the test: answer Discard unless a test says otherwise."""
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)


@pytest.fixture
def ctxs(sqlite_contexts):
    return sqlite_contexts


@pytest.fixture
def a_round(ctxs):
    officer = ctxs[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 3)
    return rnd, made


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _fill_people(dialog: CertificateDialog, qtbot) -> None:
    form = complete_form()
    for key, box in dialog.parties.items():
        party = form.party(key)
        for table, people in ((box.representatives, party.representatives), (box.witnesses, party.witnesses)):
            for person in people:
                qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
                row = table.table.rowCount() - 1
                editor = QApplication.focusWidget()
                if editor is not None and editor is not table.table:
                    type_text(qtbot, editor, person.name)  # typed into the cell editor Add opened
                    qtbot.keyClick(editor, Qt.Key.Key_Return)
                else:
                    table.set_cell(row, 0, person.name)
                table.set_cell(row, 1, person.position)
                table.set_cell(row, 2, person.document)


def test_a_clerk_issues_a_certificate_from_the_dialog_and_sees_the_preview(ctxs, a_round, qtbot, monkeypatch):
    clerk = ctxs[Role.CLERK]
    rnd, made = a_round
    dialog = CertificateDialog(clerk, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.place.text() == "Київська обл."  # from the round
    assert dialog.parties["sending"].organisation.text() == "Сторона А"
    dialog.place.clear()
    type_text(qtbot, dialog.place, "КПП «Північний»")
    qtbot.keyClicks(dialog.act_time, "14:30")
    _fill_people(dialog, qtbot)
    assert dialog.parties["intermediary"].witnesses.people()[0].name == "Anna Müller"
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert dialog.issue_button.isEnabled()
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert asked and "listing 3 cases" in asked[0] and "can never be changed" in asked[0]
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.info.status == "issued", timeout=20000)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=10000)
    info = dialog.info
    assert info.case_count == 3 and info.form.place == "КПП «Північний»" and info.form.act_time == "14:30"
    assert dialog.preview.page_count() == dialog.preview.document.pages
    assert not dialog.form_widget.isEnabled() and not dialog.issue_button.isVisible()
    assert dialog.print_button.isEnabled() and dialog.pdf_button.isEnabled()
    assert "issued" in dialog.status_label.text()
    with clerk.reading() as session:
        events = session.scalar(
            select(func.count()).select_from(CustodyEvent).where(CustodyEvent.certificate_id == info.id)
        )
    assert events == 3
    verdict = verification.verify(clerk, qr_payload(info.number, dialog.preview.document.sha256))
    assert verdict.valid


def test_a_field_officer_previews_a_draft_but_cannot_issue(ctxs, a_round, qtbot):
    officer = ctxs[Role.FIELD_OFFICER]
    rnd, _ = a_round
    dialog = CertificateDialog(officer, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.issue_button.isEnabled()
    assert "Only clerks and supervisors" in dialog.issue_button.toolTip()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0 or dialog.banner.isVisible(), timeout=20000)
    assert dialog.banner.isHidden(), dialog.banner.text()
    assert dialog.info is not None and dialog.info.status == "draft"
    assert dialog.preview.document.file_name.endswith("-draft.pdf")
    assert "Draft " in dialog.status_label.text()


def test_refusal_lists_what_is_missing(ctxs, a_round, qtbot, monkeypatch):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    dialog = CertificateDialog(clerk, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=20000)
    assert asked == []  # every reason is shown before the "can never be changed" question, not after
    text = dialog.banner.text()
    assert text.startswith(f"Certificate {dialog.info.number} cannot be issued yet:")
    assert "• the sending party has no representative" in text and "• there is no witness" in text
    assert certificate_records.get_certificate(clerk, dialog.info.id).status == "draft"
    assert dialog.issue_button.isEnabled()


def test_reopening_an_issued_certificate_reprints_it_and_offers_a_correction(ctxs, a_round, qtbot, monkeypatch):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    draft = certificate_drafts.create_draft(clerk, certificate_forms.Scope(rnd.id), complete_form())
    issued = certificate_issuing.issue_certificate(clerk, draft.id)
    dialog = CertificateDialog(clerk, rnd.id, certificate_id=draft.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=20000)
    assert dialog.preview.document.data == issued.document.data  # the reprint is the same document
    assert not dialog.form_widget.isEnabled()
    assert dialog.correct_button.isVisible() and not dialog.void_button.isVisible()  # voiding: supervisors
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    assert dialog.info.status == "draft" and dialog.info.supersedes_number == draft.number
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20000)  # the correction's draft preview
    assert dialog.form_widget.isEnabled() and dialog.issue_button.isVisible()
    assert f"(corrects {draft.number})" in dialog.status_label.text()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert asked and f"issuing it voids {draft.number}" in asked[0]  # said before it is done


def test_a_draft_can_be_discarded(ctxs, a_round, qtbot, monkeypatch):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    dialog = CertificateDialog(clerk, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.discard_button.isVisible()  # nothing saved yet
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    number = dialog.info.number
    assert dialog.discard_button.isVisible()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert asked and number in asked[0]
    assert not dialog.isVisible()
    [info] = certificate_records.list_certificates(clerk, rnd.id)
    assert (info.number, info.status, info.void_reason) == (number, "void", "Draft discarded.")


def test_closing_with_unsaved_changes_asks(ctxs, a_round, qtbot, monkeypatch):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    dialog = CertificateDialog(clerk, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.place, " 2")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert asked and dialog.isVisible()
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    dialog.close()
    assert not dialog.isVisible()
    saved = certificate_records.list_certificates(clerk, rnd.id)
    assert len(saved) == 1 and saved[0].form.place == "Київська обл. 2"


def test_verify_field(ctxs, a_round, qtbot):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    result = certificate_issuing.issue_certificate(
        clerk, certificate_drafts.create_draft(clerk, certificate_forms.Scope(rnd.id), complete_form()).id
    )
    field = VerifyField(clerk)
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.input, qr_payload(result.certificate.number, result.document.sha256))
    with qtbot.waitSignal(field.verified):
        qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert field.answer.text().startswith(f"VALID. Certificate {result.certificate.number} (round R-2026-06-01, 3 cases)")
    assert field.input.selectedText() == field.input.text()  # the next scan replaces it
    qtbot.keyClicks(field.input, "REPAT:CERT:" + result.certificate.number + ":" + "0" * 64)
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert field.answer.text().startswith("CONTENT DOES NOT MATCH.")
    qtbot.keyClicks(field.input, "something else")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert field.answer.text() == "UNKNOWN. This is not a Repat certificate code."


def _preview_dialogs() -> list[DocumentPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreviewDialog) and w.isVisible()]


def test_labels_and_case_sheet_open_in_a_preview(ctxs, a_round, qtbot):
    clerk = ctxs[Role.CLERK]
    rnd, made = a_round
    parent = PdfPreview()
    qtbot.addWidget(parent)
    parent.show()
    open_labels(clerk, rnd.id, parent, layout="roll")
    qtbot.waitUntil(lambda: len(_preview_dialogs()) == 1, timeout=20000)
    labels = _preview_dialogs()[0]
    qtbot.waitUntil(lambda: labels.preview.page_count() == 3, timeout=10000)
    labels.close()
    open_case_sheet(clerk, made[0].case_id, parent)
    qtbot.waitUntil(lambda: len(_preview_dialogs()) == 1, timeout=20000)
    sheet = _preview_dialogs()[0]
    qtbot.waitUntil(lambda: sheet.preview.page_count() >= 1, timeout=10000)
    assert made[0].case_number in sheet.windowTitle()
    sheet.close()


def test_printing_goes_through_qt_to_the_printer(ctxs, a_round, qtbot, tmp_path):
    clerk = ctxs[Role.CLERK]
    rnd, _ = a_round
    add_cases(ctxs[Role.FIELD_OFFICER], rnd.id, 60, prefix="P")
    draft = certificate_drafts.create_draft(clerk, certificate_forms.Scope(rnd.id), complete_form())
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_document(certificate_issuing.render_certificate(clerk, draft.id))
    qtbot.waitUntil(lambda: preview.page_count() > 1, timeout=10000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(preview.pdf, printer) == preview.page_count()
    assert page_count(out) == preview.page_count()


def test_labels_for_the_new_bags_a_transport_unit_or_the_selected_cases(ctxs, a_round, qtbot):
    """Not only the whole round (150 pages on a long day): the bags without a label yet, one
    transport unit, or the cases selected in the list."""
    from app.services.rounds import rounds
    from tests.ui.dialogs import when_modal

    from ui.documents.case_documents import LabelsDialog

    clerk, officer = ctxs[Role.CLERK], ctxs[Role.FIELD_OFFICER]
    rnd, made = a_round
    parent = PdfPreview()
    qtbot.addWidget(parent)
    parent.show()
    unit = rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData(label="AA 1234 KX"))

    def generate(choose):  # type: ignore[no-untyped-def]
        def handle(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, LabelsDialog)
            handle.seen = (dialog.all_cases.text(), dialog.not_made.text(), dialog.not_made.isChecked())  # type: ignore[attr-defined]
            choose(dialog)
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return handle

    def labels_made(choose, selected=()):  # type: ignore[no-untyped-def]
        handler = generate(choose)
        when_modal(handler, LabelsDialog)
        open_labels(clerk, rnd.id, parent, selected=selected)
        qtbot.waitUntil(lambda: len(_preview_dialogs()) == 1, timeout=20000)
        preview = _preview_dialogs()[0]
        qtbot.waitUntil(lambda: preview.preview.page_count() > 0, timeout=10000)
        pages = preview.preview.page_count()
        preview.close()
        return handler.seen, pages

    seen, pages = labels_made(lambda d: d.roll.setChecked(True))  # the first print: every case
    assert seen == ("&Every case of the round (3)", "The bags &without a label yet (3)", False) and pages == 3
    later = add_cases(officer, rnd.id, 2, unit_id=unit.id, prefix="N")
    seen, pages = labels_made(lambda d: d.roll.setChecked(True))  # offered first now: the two new bags
    assert seen[1] == "The bags &without a label yet (2)" and seen[2] and pages == 2
    seen, pages = labels_made(lambda d: (d.unit.setChecked(True), d.roll.setChecked(True)))
    assert pages == 2  # the unit's two bags
    seen, pages = labels_made(lambda d: d.roll.setChecked(True), selected=[made[0].case_id, later[0].case_id])
    assert pages == 2


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_people_tables_show_their_headings_whole(ctxs, a_round, qtbot, language):
    rnd, _ = a_round
    i18n.install(language)
    dialog = CertificateDialog(ctxs[Role.CLERK], rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()  # at the size it opens with
    qtbot.wait(50)
    for party in dialog.parties.values():
        for people in (party.representatives, party.witnesses):
            table = people.table
            header = table.horizontalHeader()
            for column in range(table.columnCount()):
                text = table.horizontalHeaderItem(column).text()
                assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), text
