"""The PDFs read back with real tools: pdftotext, pdftoppm + zbarimg, qpdf, pdffonts."""

from __future__ import annotations

import re
import subprocess

import pytest
from reportlab.lib.units import mm

from app.documents.content import qr_payload
from app.documents.layout import MARGIN, PAGE_W, wrap
from app.domain import Role
from app.errors import ValidationError
from app.services.cases import case_file
from app.services.documents import (
    case_documents,
    certificate_drafts,
    certificate_issuing,
    certificate_records,
)
from app.services.documents.certificate_forms import Scope
from tests.conftest import make_round
from tests.documents.helpers import (
    NAMES,
    add_cases,
    complete_form,
    crop,
    draft_for,
    page_count,
    pdftotext,
    qpdf_check,
    render_page,
    round_with_unit,
    write,
    zbar,
)


@pytest.fixture
def clerk(sqlite_contexts):
    return sqlite_contexts[Role.CLERK]


@pytest.fixture
def officer(sqlite_contexts):
    return sqlite_contexts[Role.FIELD_OFFICER]


def _words_in(text: str, phrase: str) -> bool:
    return " ".join(phrase.split()) in " ".join(text.split())


def test_issued_certificate_reads_back(clerk, officer, tmp_path):
    rnd, unit_id = round_with_unit(officer)
    made = add_cases(officer, rnd.id, 5, unit_id=unit_id)
    result = certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id)
    path = write(tmp_path, result.document.data)
    assert qpdf_check(path).returncode == 0, qpdf_check(path).stdout
    assert page_count(path) == result.document.pages
    text = pdftotext(path)
    for name in NAMES:  # Cyrillic and Latin names exactly as stored (a long one wraps at a space)
        assert _words_in(text, name), name
    for made_case in made:
        assert made_case.case_number in text
    for person in ("Іванов Іван Іванович", "Петренко Олена", "Jean Dupont", "Anna Müller", "паспорт АА123456"):
        assert person in text
    assert "Акт приймання-передачі тіл (останків)" in text and "Act of acceptance and transfer of remains" in text
    assert f"Сторінка 1 з {result.document.pages} / Page 1 of {result.document.pages}" in text
    assert "DRAFT" not in text
    expected = qr_payload(result.certificate.number, result.document.sha256)
    assert zbar(render_page(path, 1)) == [expected]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    font_lines = fonts.splitlines()[2:]
    assert font_lines and all("DejaVuSans" in line and " yes yes " in line for line in font_lines), fonts


def test_a_long_certificate_has_the_number_qr_and_page_x_of_y_on_every_page(clerk, officer, tmp_path):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 70)
    draft = draft_for(clerk, rnd.id)
    rendered = certificate_issuing.render_certificate(clerk, draft.id)
    path = write(tmp_path, rendered.data)
    pages = page_count(path)
    assert pages == rendered.pages >= 3
    for page in range(1, pages + 1):
        text = pdftotext(path, "-f", str(page), "-l", str(page))
        assert f"Page {page} of {pages}" in text
        assert f"№ {draft.number}" in text
        assert "ПРОЄКТ" in text and "DRAFT" in text
    middle = pages // 2 + 1
    assert zbar(render_page(path, middle)) == [qr_payload(draft.number, rendered.sha256)]
    all_text = pdftotext(path)
    assert all(m.case_number in all_text for m in made)
    assert qpdf_check(path).returncode == 0


def _word_boxes(path) -> list[tuple[float, float, str]]:
    bbox = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [(float(x0), float(x1), word) for x0, x1, word in re.findall(pattern, bbox)]


def test_long_names_wrap_inside_their_cells(clerk, officer, tmp_path):
    rnd = make_round(officer)
    case_name = ("Довгоіменна " * 24 + "Безпробільнеімяякенеможнарозбититинанормальнірядки" * 2)[:300]
    person_name = ("Представниченко " * 16 + "Нерозривнепрізвищебезжодногопробілу" * 2)[:300]
    assert len(case_name) == len(person_name) == 300
    add_cases(officer, rnd.id, 2, names=[case_name, "Коротке Ім'я"])
    form = complete_form()
    form.receiving.representatives[0].name = person_name
    draft = certificate_drafts.create_draft(clerk, Scope(rnd.id), form)
    rendered = certificate_issuing.render_certificate(clerk, draft.id)
    path = write(tmp_path, rendered.data)
    text = pdftotext(path)
    assert text.count("Довгоіменна") == 24  # the list of cases
    assert text.count("Представниченко") == 16 * 2  # the parties table and the signature block
    boxes = _word_boxes(path)
    right_edge = PAGE_W - MARGIN + 1
    assert all(x1 <= right_edge for _, x1, _ in boxes), [b for b in boxes if b[1] > right_edge][:5]

    def within(prefixes: tuple[str, ...], left: float, right: float) -> None:
        pieces = [b for b in boxes if b[2].startswith(prefixes) and left - 1 <= b[0] < right]
        assert pieces
        assert all(x1 <= right + 0.5 for _, x1, _ in pieces), [p for p in pieces if p[1] > right + 0.5]

    within(("Представниченко", "Нерозривне"), MARGIN + 68 * mm, MARGIN + 112 * mm)  # parties: full name
    within(("Довгоіменна", "Безпробільн"), MARGIN + 94 * mm, MARGIN + 140 * mm)  # cases: claimed identity


def test_wrap_breaks_words_longer_than_a_line():
    lines = wrap("Я" * 120 + " кінець", 100, 8)
    assert len(lines) > 3 and lines[-1].endswith("кінець")
    from app.documents.layout import text_width

    assert all(text_width(line, 8) <= 100 for line in lines)
    assert "".join(lines[:-1]) + lines[-1].replace(" кінець", "") == "Я" * 120


def test_labels_a4_and_roll(clerk, officer, tmp_path):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 10)
    sheet = case_documents.render_labels(clerk, rnd.id, "a4")
    path = write(tmp_path, sheet.data, "a4.pdf")
    assert page_count(path) == sheet.pages == 2
    assert qpdf_check(path).returncode == 0
    text = pdftotext(path)
    assert all(m.case_number in text for m in made) and "R-2026-06-01" in text
    page = render_page(path, 1, dpi=200)
    decoded = [zbar(crop(page, 2, 4, i % 2, i // 2)) for i in range(8)]
    assert decoded == [[m.case_number] for m in sorted(made, key=lambda m: m.case_number)[:8]]
    roll = case_documents.render_labels(clerk, rnd.id, "roll", case_ids=[made[3].case_id, made[4].case_id])
    path = write(tmp_path, roll.data, "roll.pdf")
    assert page_count(path) == 2
    assert zbar(render_page(path, 2)) == [made[4].case_number]
    size = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+283\.46\d* x 425\.19\d*", size), size  # 100 x 150 mm


def test_case_sheet_with_sixty_effects_fits_on_two_pages(clerk, officer, tmp_path):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 1, effects=60)[0]
    certificate_issuing.issue_certificate(
        clerk, certificate_drafts.create_draft(clerk, Scope(rnd.id, case_ids=(made.case_id,)), complete_form()).id
    )
    sheet = case_documents.render_case_sheet(clerk, made.case_id)
    path = write(tmp_path, sheet.data)
    assert page_count(path) == sheet.pages == 2
    assert qpdf_check(path).returncode == 0
    text = pdftotext(path)
    for k in (1, 30, 60):
        assert f"Предмет {k}: годинник" in text
    assert "Шевченко Тарас Григорович" in text
    assert "Облікова картка справи / Case sheet" in text
    detail = case_file.get_case(clerk, made.case_id)
    cert_number = certificate_records.list_certificates(clerk, rnd.id)[0].number
    assert cert_number in text and len(detail.custody) == 2
    assert zbar(render_page(path, 2)) == [made.case_number]
    # no notes: the sections still count 1 to 6, none skipped
    numbered = [int(n) for n in re.findall(r"^(\d)\. \S", text, flags=re.M)]
    assert numbered == list(range(1, len(numbered) + 1)) and numbered[-1] == 6, numbered


def test_bad_inputs_give_clear_refusals(clerk, officer):
    rnd = make_round(officer)
    with pytest.raises(ValidationError, match="has no cases to print labels for"):
        case_documents.render_labels(clerk, rnd.id, "a4")
    add_cases(officer, rnd.id, 1)
    with pytest.raises(ValidationError, match="Unknown label layout"):
        case_documents.render_labels(clerk, rnd.id, "letter")


def test_very_long_notes_continue_in_the_annex_instead_of_overflowing(clerk, officer, tmp_path):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 2)
    notes = " ".join(f"слово{i}" for i in range(700)) + " КІНЕЦЬ-ПРИМІТКИ"
    with officer.unit_of_work() as session:
        from app.persistence.models import Case

        session.get(Case, made[0].case_id).notes = notes
    draft = draft_for(clerk, rnd.id)
    rendered = certificate_issuing.render_certificate(clerk, draft.id)
    path = write(tmp_path, rendered.data)
    text = pdftotext(path)
    assert "[…]" in text  # the cell is cut ...
    assert "5. Примітки / Notes" in text and f"{made[0].case_number}:" in text  # ... and continues here
    assert text.count("КІНЕЦЬ-ПРИМІТКИ") == 1 and _words_in(text, "слово698 слово699 КІНЕЦЬ-ПРИМІТКИ")
    assert qpdf_check(path).returncode == 0
