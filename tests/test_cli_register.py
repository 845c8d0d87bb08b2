"""``repat register import`` and ``repat register list`` on a real database file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import PASSWORD
from tests.register.helpers import ROWS, csv_bytes, xlsx_bytes

DATA = Path(__file__).parent / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Set up with the supervisor olena and the field officer ivan."""
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    monkeypatch.setenv("REPAT_NEW_PASSWORD", PASSWORD)
    assert run(capsys, "--db", str(path), "init", "--device-code", "HQ01", "--device-name", "HQ",
               "--username", "olena", "--full-name", "Олена Петренко")[0] == 0
    assert run(capsys, "users", "add", "ivan", "--full-name", "Іван Бондар", "--role", "field_officer",
               "--db", str(path), "--user", "olena")[0] == 0
    return str(path)


def test_import_then_reimport(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "register", "import", str(DATA / "register_good.csv"), "--db", db, "--user", "olena")
    assert code == 0, err
    assert out.strip() == "Register: 6 new, 0 updated, 0 unchanged."
    assert "register_good.csv: UTF-8, comma-separated, 6 rows; columns: register_number = \u201cНомер заяви\u201d" in err
    code, out, _ = run(capsys, "register", "import", str(DATA / "register_good.csv"), "--db", db, "--user", "olena")
    assert code == 0 and out.strip() == "Register: 0 new, 0 updated, 6 unchanged."


def test_bad_rows_are_listed_with_their_line_and_the_good_ones_imported(db: str, capsys) -> None:
    code, out, err = run(capsys, "register", "import", str(DATA / "register_bad.csv"), "--db", db, "--user", "olena")
    assert code == 0
    assert out.strip() == "Register: 2 new, 0 updated, 0 unchanged; 11 rows refused."
    lines = [ln for ln in err.splitlines() if ln.startswith("line ")]
    assert len(lines) == 11
    assert "line 5: The date of birth 31.02.1990 does not exist." in lines
    assert "line 3: The register number is missing." in lines
    _, out, _ = run(capsys, "register", "list", "--db", db, "--user", "olena", "--format", "json")
    assert [e["register_number"] for e in json.loads(out)] == ["Р-2024/00113", "Р-2024/00101"]


def test_cp1251_with_semicolons_and_a_chosen_column(db: str, capsys, tmp_path: Path) -> None:
    f = tmp_path / "реєстр.csv"
    header = ("Справа", "ПІБ", "Дата народження", "Стать", "Громадянство", "Військова частина", "Дата зникнення",
              "Місце зникнення", "Обставини зникнення", "Особливі прикмети", "Родичі, які здали ДНК", "Примітки")
    f.write_bytes(csv_bytes(header=header, delimiter=";", encoding="cp1251"))
    code, _, err = run(capsys, "register", "import", str(f), "--db", db, "--user", "olena")
    assert code == 1
    assert "No column of the file holds the register number (its headers are: Справа, ПІБ" in err
    code, out, err = run(capsys, "register", "import", str(f), "--db", db, "--user", "olena", "--encoding", "cp1251",
                         "--delimiter", ";", "--map", "register_number=Справа", "--map", "notes=")
    assert code == 0, err
    assert "Windows-1251, semicolon-separated" in err
    assert out.strip() == "Register: 3 new, 0 updated, 0 unchanged."
    _, out, _ = run(capsys, "register", "list", "--db", db, "--user", "olena", "--search", "Savchuk", "--format", "json")
    [entry] = json.loads(out)
    assert entry["full_name"] == "Савчук Наталія Андріївна" and entry["sex"] == "female"


def test_an_xlsx_register(db: str, capsys, tmp_path: Path) -> None:
    f = tmp_path / "реєстр.xlsx"
    f.write_bytes(xlsx_bytes([["№ заяви", "Прізвище", "Ім'я", "По батькові"], *[[r[0], *r[1].split()] for r in ROWS]]))
    code, out, err = run(capsys, "register", "import", str(f), "--db", db, "--user", "olena")
    assert code == 0, err
    assert "XLSX workbook, sheet \u201cРеєстр\u201d, 3 rows" in err
    _, out, _ = run(capsys, "register", "list", "--db", db, "--user", "olena")
    table = out.splitlines()
    assert table[0].split() == ["Number", "Name", "Born", "Sex", "Unit", "Missing", "since", "Place"]
    assert [ln.split()[1] for ln in table[2:]] == ["Олійник", "Савчук", "Ярошенко"]


def test_exit_code_is_an_error_only_when_nothing_could_be_read(db: str, capsys, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("Номер заяви;ПІБ;Дата народження\n;Олійник Богдан;1990\nР-2;;1990\n", encoding="utf-8")
    code, out, err = run(capsys, "register", "import", str(f), "--db", db, "--user", "olena")
    assert code == 1
    assert out.strip() == "Register: 0 new, 0 updated, 0 unchanged; 2 rows refused."
    assert "line 2: The register number is missing." in err and "No row of the file could be imported." in err
    f.write_bytes(b"\x00\x01binary" * 100)
    code, _, err = run(capsys, "register", "import", str(f), "--db", db, "--user", "olena")
    assert code == 1 and err.startswith("repat: The file is not a text (CSV) file")
    code, _, err = run(capsys, "register", "import", str(tmp_path / "gone.xlsx"), "--db", db, "--user", "olena")
    assert code == 1 and "There is no file" in err


def test_only_supervisors(db: str, capsys) -> None:
    code, _, err = run(capsys, "register", "import", str(DATA / "register_good.csv"), "--db", db, "--user", "ivan")
    assert code == 1 and "needs: supervisor" in err
    code, _, err = run(capsys, "register", "list", "--db", db)
    assert code == 1 and "give your user name with --user NAME" in err
    code, _, err = run(capsys, "register", "list", "--db", db, "--user", "ivan")
    assert code == 1 and "needs: supervisor" in err


def test_list_limit(db: str, capsys) -> None:
    run(capsys, "register", "import", str(DATA / "register_good.csv"), "--db", db, "--user", "olena")
    code, out, err = run(capsys, "register", "list", "--db", db, "--user", "olena", "--limit", "2", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("id,register_number,full_name")
    assert len(out.splitlines()) == 3
    assert "Showing the first 2 of 6 entries; use --limit 0 for all." in err


def test_help_documents_the_headers(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["register", "import", "--help"])
    out = capsys.readouterr().out
    for text in ("register_number (required)", "номер заяви", "прізвище", "по батькові", "дата зникнення",
                 "особливі прикмети", "--map", "XLSX", "Windows-1251"):
        assert text in out, text
