"""The reconciliation report: the PDF read back with pdftotext (Cyrillic exact, every page
numbered), the CSV against the figures, and ``repat reconcile`` end to end."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete

from app.cli import main as cli
from app.documents.output import OutputError
from app.domain import Role
from app.errors import NotFound, ValidationError
from app.persistence.models import ReconciliationCount
from app.reports import reconciliation_file
from app.services.reconciliation import cache
from app.services.reconciliation.round_figures import DISCREPANCY_KEYS, FIGURE_KEYS
from tests.conftest import PASSWORD
from tests.reconciliation.scenario import Scenario, build, contexts_of


@pytest.fixture
def sq(sqlite_contexts) -> tuple[Scenario, object]:
    return build(*contexts_of(sqlite_contexts)), sqlite_contexts[Role.SUPERVISOR]


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]


def test_one_round_pdf_reads_back_in_both_languages(sq, tmp_path: Path):
    scenario, supervisor = sq
    path = tmp_path / "R-A.pdf"
    written = reconciliation_file.write_report(supervisor, str(path), "pdf", [scenario.round_ids["R-A"]])
    assert written.rounds == 1 and written.pages == pages(path) >= 2
    text = " ".join(pdftotext(path).split())  # table cells wrap their text over lines
    for phrase in (
        "ЗВІРКА РАУНДІВ РЕПАТРІАЦІЇ", "Reconciliation of repatriation rounds",
        "Заявлено, але не отримано", "Declared but not received",
        "Тіло залишилось на іншій стороні для експертизи.",  # an explanation, exactly
        "Петренко8 Іван Васильович", "Іван Бондар",  # a claimed name; who explained
        "Розрив ланцюга передачі", "немає запису про дослідження / no 'examined' event",
        "ім'я / name", "громадянство / citizenship",
        "Вирішено / Resolved", "Київська обл.", "Сторона А", "без бирки / no tag",
        "поле / field: bag_number", "KH01-2026-00002 / KH01-2026-00010",  # a probable duplicate's two cases
    ):
        assert phrase in text, phrase
    # every page carries its number and the total
    total = pages(path)
    for n in range(1, total + 1):
        page = pdftotext(path, "-f", str(n), "-l", str(n))
        assert f"Сторінка {n} з {total} / Page {n} of {total}" in page
        assert "Звірка раундів репатріації" in page  # the running header
    # the summary, read as laid out: Ukrainian and English side by side, then the figures
    layout = pdftotext(path, "-layout", "-f", "1", "-l", "1")
    fig = cache.figures(supervisor, [scenario.round_ids["R-A"]])[0]
    for key, uk, en in (("received", "Отримано (справ)", "Received (cases)"),
                        ("identified", "Ідентифіковано", "Identified"),
                        ("duplicate_tags", "Повторні бирки", "Duplicate tags")):
        line = next(ln for ln in layout.splitlines() if uk in ln)
        assert en in line
        numbers = re.findall(r"\b\d+\b", line.split(en, 1)[1])
        assert int(numbers[0]) == fig[key]
    line = next(ln for ln in layout.splitlines() if "Усього розбіжностей" in ln)
    assert re.findall(r"\b\d+\b", line)[-2:] == [str(fig.discrepancies_total), str(fig.unexplained_total)]


def test_a_range_report_has_every_round_and_the_totals(sq, tmp_path: Path):
    scenario, supervisor = sq
    path = tmp_path / "june.pdf"
    reconciliation_file.write_report(supervisor, str(path), "pdf", date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    text = pdftotext(path)
    assert "2026-06-01 – 2026-06-30" in text
    assert "R-A" in text and "R-B" in text and "R-C" not in text
    assert "За раундами / By round" in text and "Усього / Total" in text
    assert "Не всі раунди мають заявлену кількість." in text  # R-B declared nothing
    summary = reconciliation_file.write_report(supervisor, str(tmp_path / "s.pdf"), "pdf", details=False)
    assert summary.rounds == 3
    assert "Розбіжності / Discrepancies" not in pdftotext(tmp_path / "s.pdf")


def test_the_csv_holds_the_figures_and_totals_that_add_up(sq, tmp_path: Path):
    scenario, supervisor = sq
    path = tmp_path / "all.csv"
    reconciliation_file.write_report(supervisor, str(path), "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so spreadsheet programs read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["round_code"] for r in rows] == ["R-A", "R-B", "R-C", "TOTAL"]
    figs = {f.code: f for f in cache.figures(supervisor)}
    for r in rows[:-1]:
        for key in FIGURE_KEYS:
            expected = "" if key == "declared_total" and not figs[r["round_code"]].declared_known else \
                str(figs[r["round_code"]][key])
            assert r[key] == expected, (r["round_code"], key)
        assert int(r["unexplained"]) == figs[r["round_code"]].unexplained_total
    for key in [*FIGURE_KEYS, "discrepancies", "unexplained"]:
        assert int(rows[-1][key]) == sum(int(r[key] or 0) for r in rows[:-1]), key
    assert rows[0]["round_date"] == "2026-06-01"

    items = tmp_path / "items.csv"
    reconciliation_file.write_report(supervisor, str(items), "csv", [scenario.round_ids["R-A"]], discrepancies_csv=True)
    listed = list(csv.DictReader(io.StringIO(items.read_text(encoding="utf-8-sig"))))
    assert len(listed) == figs["R-A"].discrepancies_total
    t08 = next(r for r in listed if r["tag"] == "T-08")
    assert (t08["figure"], t08["explanation"], t08["explained_by"], t08["resolved"]) == (
        "declared_not_received", "Тіло залишилось на іншій стороні для експертизи.", "Іван Бондар", "no")
    assert {r["figure"] for r in listed} == set(DISCREPANCY_KEYS)


def test_reports_refuse_before_any_work(sq, tmp_path: Path):
    scenario, supervisor = sq
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match="Unknown report format"):
        reconciliation_file.write_report(supervisor, str(out / "x.doc"), "doc")
    with pytest.raises(NotFound, match="No round matches"):
        reconciliation_file.write_report(supervisor, str(out / "x.pdf"), "pdf", date_from=date(2031, 1, 1))
    with pytest.raises(OutputError, match="does not exist"):
        reconciliation_file.write_report(supervisor, str(out / "missing" / "x.pdf"), "pdf")
    assert list(out.iterdir()) == []


def test_repat_reconcile(sq, tmp_path: Path, capsys, monkeypatch):
    scenario, supervisor = sq
    db_path = str(supervisor.db.path)
    out = tmp_path / "r.pdf"
    assert cli.main(["reconcile", "R-A", "R-C", "--format", "pdf", "--out", str(out), "--db", db_path]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Wrote {out} (2 rounds, ") and "pages" in said
    assert "R-C" in pdftotext(out)
    csv_out = tmp_path / "r.csv"
    assert cli.main(["--db", db_path, "reconcile", "--from", "2026-06-10", "--format", "csv", "--out",
                     str(csv_out)]) == 0
    assert [r["round_code"] for r in csv.DictReader(io.StringIO(csv_out.read_text("utf-8-sig")))] == [
        "R-B", "R-C", "TOTAL"]
    # facts damaged behind the triggers' back: --from-records counts from the records again
    with supervisor.db.session(write=True) as session:
        session.execute(delete(ReconciliationCount).where(ReconciliationCount.round_id == scenario.round_ids["R-B"]))
    before = csv_out.read_text("utf-8-sig")
    assert cli.main(["--db", db_path, "reconcile", "--from", "2026-06-10", "--format", "csv", "--out",
                     str(csv_out)]) == 0
    assert csv_out.read_text("utf-8-sig") != before
    assert cli.main(["--db", db_path, "reconcile", "--from", "2026-06-10", "--format", "csv", "--out",
                     str(csv_out), "--from-records"]) == 0
    assert csv_out.read_text("utf-8-sig") == before
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    assert cli.main(["reconcile", "--format", "csv", "--discrepancies", "--out", str(csv_out), "--db", db_path,
                     "--user", "olena"]) == 0
    capsys.readouterr()
    for argv, message in (
        (["reconcile", "R-Z", "--format", "csv", "--out", str(csv_out)], "repat: There is no round R-Z.\n"),
        (["reconcile", "--from", "2026-07-01", "--to", "2026-06-01", "--format", "csv", "--out", str(csv_out)],
         "repat: --from is after --to.\n"),
        (["reconcile", "--format", "pdf", "--discrepancies", "--out", str(out)],
         "repat: --discrepancies is for --format csv; the PDF always lists them.\n"),
        (["reconcile", "--format", "pdf", "--out", str(tmp_path / "no" / "r.pdf")], None),
    ):
        assert cli.main([*argv, "--db", db_path]) == 1
        err = capsys.readouterr().err
        if message:
            assert err == message
        else:
            assert err.startswith("repat: ") and err.count("\n") == 1
    with pytest.raises(SystemExit):
        cli.main(["reconcile", "--from", "first of June", "--format", "csv", "--out", str(csv_out)])
