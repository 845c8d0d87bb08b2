"""The letter for the family liaison officers: a round with cases at every stage
(``tests.documents.letter_round``), the letter read back with pdftotext (the reconciliation's
figures, both languages, real Cyrillic text, one page) and searched for every name, tag and birth
date of the round, which it must not hold; refused targets; ``repat letter`` end to end."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.cli.main import main
from app.documents.liaison_letter import FIGURES
from app.documents.output import OutputError
from app.errors import NotFound
from app.services.documents import liaison_letter
from app.services.reconciliation import cache
from tests.conftest import PASSWORD
from tests.documents.helpers import page_count, pdftotext
from tests.documents.letter_round import (
    EXPECTED,
    LetterRound,
    assert_no_family_data,
    build_letter_round,
    family_data,
    figure_lines,
)


@pytest.fixture
def letter_round(contexts) -> LetterRound:
    return build_letter_round(contexts)


@pytest.fixture
def sqlite_letter_round(sqlite_contexts) -> LetterRound:
    return build_letter_round(sqlite_contexts)


def test_the_letter_prints_the_reconciliation_figures_in_both_languages_and_no_personal_data(
    letter_round: LetterRound, tmp_path: Path
) -> None:
    supervisor, rid = letter_round.supervisor, letter_round.round_id
    fig = cache.figures(supervisor, [rid], fresh=True)[0]
    assert {k: fig[k] for k in FIGURES} == EXPECTED  # the reconciliation counts what the round holds

    path = tmp_path / "letter.pdf"
    written = liaison_letter.write_letter(supervisor, rid, str(path))
    assert Path(written.path) == path.resolve() and written.round_code == "R-LETTER"
    assert written.document.pages == page_count(path) == 1
    assert figure_lines(pdftotext(path, "-layout")) == EXPECTED

    raw = pdftotext(path)
    text = " ".join(raw.split())
    today = date.today().isoformat()
    for phrase in (
        "ЛИСТ ДЛЯ ОФІЦЕРІВ ЗВ'ЯЗКУ З РОДИНАМИ", "Letter for the family liaison officers",
        "Раунд / Round R-LETTER", "Дата раунду / Date of the round 2026-06-01", "Місце / Place Київська обл.",
        f"Дата листа / Date of the letter {today}", "Дані станом на / Figures as of",
        "Як пораховано / How the figures are counted",
        "Зразки, які надають родичі, у Repat не обліковуються.",
        "Reference samples given by relatives are not recorded in Repat.",
        "Лист не містить персональних даних", "This letter holds no personal data",
        "Підготував / Prepared by: Олена Петренко", "Сторінка 1 з 1 / Page 1 of 1",
    ):
        assert phrase in text, phrase
    # the Cyrillic is text a reader can search and copy, not glyphs without meaning
    assert "\ufffd" not in raw and "(cid:" not in raw
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in raw)
    assert cyrillic > 400, cyrillic
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    font_lines = fonts.splitlines()[2:]
    assert font_lines and all("DejaVuSans" in ln and " yes yes " in ln for ln in font_lines), fonts

    values = family_data(supervisor, rid)
    assert "Шевченко Марія Іванівна" in values and "L-003" in values and "12.03.1991" in values
    assert_no_family_data(raw, values)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert_no_family_data(info, values)
    # nothing of the kind even reaches the renderer
    assert_no_family_data(repr(liaison_letter.letter_data(supervisor, rid)), values)


def test_anyone_who_may_write_the_report_may_write_the_letter(letter_round: LetterRound, tmp_path: Path) -> None:
    for ctx in (letter_round.clerk, letter_round.officer):
        document = liaison_letter.render_letter(ctx, letter_round.round_id)
        path = tmp_path / f"{ctx.user.username}.pdf"  # type: ignore[union-attr]
        path.write_bytes(document.data)
        assert figure_lines(pdftotext(path, "-layout")) == EXPECTED
        assert document.file_name == "letter-R-LETTER.pdf"


def test_a_target_that_cannot_be_written_is_refused_before_any_work(letter_round: LetterRound,
                                                                   tmp_path: Path) -> None:
    supervisor, rid = letter_round.supervisor, letter_round.round_id
    with pytest.raises(OutputError, match="does not exist"):
        liaison_letter.write_letter(supervisor, rid, str(tmp_path / "missing" / "letter.pdf"))
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        liaison_letter.write_letter(supervisor, rid, str(folder))
    assert list(folder.iterdir()) == []
    with pytest.raises(NotFound):
        liaison_letter.write_letter(supervisor, "no-such-round", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_repat_letter(sqlite_letter_round: LetterRound, tmp_path: Path, capsys, monkeypatch) -> None:
    db = str(sqlite_letter_round.supervisor.db.path)
    out = tmp_path / "letter.pdf"
    assert main(["letter", "R-LETTER", "--out", str(out), "--db", db]) == 0
    said = capsys.readouterr().out
    assert said == f"Letter for the family liaison officers, round R-LETTER: 1 page, written to {out.resolve()}.\n"
    assert figure_lines(pdftotext(out, "-layout")) == EXPECTED
    assert "Підготував / Prepared by: (reader)" in pdftotext(out)  # read without logging in
    assert_no_family_data(pdftotext(out), family_data(sqlite_letter_round.supervisor, sqlite_letter_round.round_id))

    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    named = tmp_path / "named.pdf"
    assert main(["--db", db, "letter", "--round", "R-LETTER", "--out", str(named), "--user", "olena"]) == 0
    capsys.readouterr()
    assert "Підготував / Prepared by: Олена Петренко" in " ".join(pdftotext(named).split())
    assert figure_lines(pdftotext(named, "-layout")) == EXPECTED

    for argv, message in (
        (["letter", "R-ZZ", "--out", str(out)], "repat: There is no round R-ZZ.\n"),
        (["letter", "--out", str(out)], "repat: Give the round: repat letter ROUND --out FILE.pdf.\n"),
        (["letter", "R-LETTER", "--round", "R-OTHER", "--out", str(out)],
         "repat: Give one round: the letter is written for one round at a time.\n"),
        (["letter", "R-LETTER", "--out", str(tmp_path / "no" / "letter.pdf")], None),
    ):
        assert main([*argv, "--db", db]) == 1
        err = capsys.readouterr().err
        if message:
            assert err == message
        else:
            assert err.startswith("repat: Cannot write ") and "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()
