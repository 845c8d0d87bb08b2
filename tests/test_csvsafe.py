"""Every CSV the product writes shows formula-like text as text in a spreadsheet, and the manifest
import reads such a file back to the original values."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app import csvsafe
from tests.test_cli import dbfile, ready, run  # noqa: F401  (fixtures)

RISKY = ["=HYPERLINK(\"http://x\")", "+380501234567", "-MT-0001", "@SUM(A1:A9)"]


@pytest.mark.parametrize("value", [*RISKY, "\tTAB", "\rCR"])
def test_a_value_a_spreadsheet_would_run_is_written_as_text_and_read_back(value: str) -> None:
    assert csvsafe.cell(value) == "'" + value
    assert csvsafe.unescape(csvsafe.cell(value)) == value


@pytest.mark.parametrize("value", ["MT-0001", "Коваль Іван", "'quoted", "", "2026-06-12"])
def test_plain_text_is_left_alone(value: str) -> None:
    assert csvsafe.cell(value) == value and csvsafe.unescape(value) == value
    assert csvsafe.cell(-5) == -5  # a number is not text a spreadsheet runs


def test_manifest_listed_as_csv_and_imported_again_keeps_its_values(
    ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811  (the fixture)
) -> None:
    db = str(ready)
    source = tmp_path / "list.csv"
    rows = [("MT-1", RISKY[0], RISKY[3]), (RISKY[2], "Коваль Іван", RISKY[1])]
    with source.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["tag", "name", "notes"])
        w.writerows(rows)
    code, _, err = run(capsys, "manifest", "import", "R1", str(source), "--db", db, "--user", "ivan")
    assert code == 0, err
    code, out, _ = run(capsys, "manifest", "list", "R1", "--db", db, "--format", "csv")
    assert code == 0
    listed = list(csv.DictReader(io.StringIO(out)))
    by_line = {r["line_no"]: r for r in listed}
    # what a spreadsheet opens: no cell starts with a formula character
    for r in listed:
        for key in ("sender_tag", "claimed_name", "notes"):
            assert not r[key].startswith(csvsafe.FORMULA_START), r
    assert by_line["1"]["claimed_name"] == "'" + RISKY[0] and by_line["2"]["sender_tag"] == "'" + RISKY[2]
    # the list written by Repat, imported into another round, gives the original values
    assert run(capsys, "rounds", "create", "--db", db, "--user", "ivan", "--code", "R2", "--date", "2026-06-13")[0] == 0
    again = tmp_path / "again.csv"
    again.write_text(out.replace("sender_tag", "tag").replace("claimed_name", "name"), encoding="utf-8")
    code, _, err = run(capsys, "manifest", "import", "R2", str(again), "--db", db, "--user", "ivan")
    assert code == 0, err
    code, out, _ = run(capsys, "manifest", "list", "R2", "--db", db, "--format", "json")
    import json

    back = {(r["sender_tag"], r["claimed_name"], r["notes"]) for r in json.loads(out)}
    assert back == set(rows)


def test_the_writer_of_the_reports_quotes_text_and_leaves_numbers() -> None:
    out = io.StringIO()
    csvsafe.Writer(out).writerow(["=1+1", -3, "R1", "-2 bags"])
    assert out.getvalue() == "'=1+1,-3,R1,'-2 bags\n"
