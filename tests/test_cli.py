"""The ``repat`` command line: in-process through app.cli.main.main, and the installed console script."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import PASSWORD

DATA = Path(__file__).parent / "data"
REPAT = Path(sys.executable).parent / "repat"


@pytest.fixture
def dbfile(tmp_path: Path, sqlite_template: Path) -> Path:
    """A migrated SQLite file, not yet set up."""
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(err: str, contains: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("repat: ") and lines[0].endswith("."), err
    assert contains in lines[0], err


@pytest.fixture
def ready(dbfile: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Set up with the supervisor olena, the field officer ivan and a round R1."""
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    db = str(dbfile)
    assert run(capsys, "--db", db, "init", "--device-code", "kh01", "--device-name", "Laptop 1",
               "--username", "olena", "--full-name", "Олена Петренко")[0] == 0
    monkeypatch.setenv("REPAT_NEW_PASSWORD", PASSWORD)
    assert run(capsys, "users", "add", "ivan", "--full-name", "Іван Бондар", "--role", "field_officer",
               "--db", db, "--user", "olena")[0] == 0
    assert run(capsys, "rounds", "create", "--db", db, "--user", "ivan", "--code", "R1", "--date", "2026-06-12",
               "--place", "Київ", "--intermediary", "ICRC / МКЧХ", "--declared", "6")[0] == 0
    return dbfile


def test_init_sets_up_the_device_and_supervisor(dbfile, capsys, monkeypatch):
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    code, out, err = run(capsys, "--db", str(dbfile), "init", "--device-code", "kh01", "--device-name", "Laptop 1",
                         "--username", "olena", "--full-name", "Олена Петренко")
    assert code == 0, err
    assert "Set up device KH01 (Laptop 1) with the supervisor olena." in out
    assert "Device key fingerprint:" in out
    code, _, err = run(capsys, "--db", str(dbfile), "init", "--device-code", "KH02", "--device-name", "x",
                       "--username", "other", "--full-name", "Other")
    assert code == 1
    assert_one_sentence(err, "already set up")


def test_init_refuses_a_short_password_and_missing_flags(dbfile, capsys, monkeypatch):
    monkeypatch.setenv("REPAT_PASSWORD", "short")
    code, _, err = run(capsys, "init", "--db", str(dbfile), "--device-code", "KH01", "--device-name", "L",
                       "--username", "olena", "--full-name", "Олена")
    assert code == 1
    assert_one_sentence(err, "at least 8 characters")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: nobody to ask
    code, _, err = run(capsys, "init", "--db", str(dbfile), "--device-code", "KH01")
    assert code == 1
    assert_one_sentence(err, "Give --device-name")


def test_rounds_create_and_list_in_every_format(ready, capsys):
    db = str(ready)
    code, out, err = run(capsys, "rounds", "list", "--db", db)
    assert code == 0, err
    header, rule, row = out.splitlines()
    assert header.split() == ["Round", "Date", "Place", "Declared", "Manifest", "Received"]
    assert row.split() == ["R1", "2026-06-12", "Київ", "6", "0", "0"]
    assert len(header) == len(rule)  # columns are aligned under their dashes
    code, out, _ = run(capsys, "rounds", "list", "--db", db, "--format", "json")
    data = json.loads(out)
    assert data[0]["code"] == "R1" and data[0]["intermediary"] == "ICRC / МКЧХ"
    assert "МКЧХ" in out  # not escaped
    code, out, _ = run(capsys, "--db", db, "rounds", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["code"] == "R1" and rows[0]["declared_total"] == "6"


def test_rounds_create_validates(ready, capsys):
    db = str(ready)
    code, _, err = run(capsys, "rounds", "create", "--db", db, "--user", "ivan", "--code", "R1", "--date", "2026-06-13")
    assert code == 1
    assert_one_sentence(err, "A round with the code R1 already exists.")
    with pytest.raises(SystemExit) as usage:
        main(["rounds", "create", "--db", db, "--user", "ivan", "--code", "R2", "--date", "12.06.2026"])
    assert usage.value.code == 2
    assert "not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_manifest_import_good_file(ready, capsys):
    db = str(ready)
    code, out, err = run(capsys, "manifest", "import", "R1", str(DATA / "manifest_good.csv"), "--db", db, "--user", "ivan")
    assert code == 0, err
    assert out.strip() == "Imported 6 manifest lines into round R1."
    assert "UTF-8, comma-separated, 6 rows" in err
    code, out, _ = run(capsys, "manifest", "list", "R1", "--db", db, "--format", "json")
    lines = json.loads(out)
    assert [ln["sender_tag"] for ln in lines] == [f"MT-000{i}" for i in range(1, 7)]
    assert lines[0]["claimed_name"] == "Коваленко Олександр Петрович"


def test_manifest_import_cp1251_with_forced_encoding(ready, capsys):
    db = str(ready)
    code, _, err = run(capsys, "manifest", "import", "R1", str(DATA / "manifest_cp1251.csv"), "--db", db,
                       "--user", "ivan", "--encoding", "utf-8")
    assert code == 1
    assert_one_sentence(err, "cannot be read as UTF-8")
    code, out, err = run(capsys, "manifest", "import", "R1", str(DATA / "manifest_cp1251.csv"), "--db", db,
                         "--user", "ivan")
    assert code == 0
    assert "Windows-1251, semicolon-separated" in err
    assert "Imported 3 manifest lines" in out


def test_manifest_import_with_problems_imports_nothing(ready, capsys):
    db = str(ready)
    code, out, err = run(capsys, "manifest", "import", "R1", str(DATA / "manifest_bad.csv"), "--db", db, "--user", "ivan")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "line 3: The tag is missing." in err
    assert "line 6: The row has 3 columns but the header has 3" not in err
    assert "line 6: The row has 4 columns but the header has 3" in err
    assert err.strip().splitlines()[-1] == (
        "repat: The list has problems on 5 lines, so nothing was imported: "
        "correct the file, or import only the good rows."
    )
    _, out, _ = run(capsys, "manifest", "list", "R1", "--db", db, "--format", "json")
    assert json.loads(out) == []


def test_manifest_import_only_good_rows(ready, capsys):
    db = str(ready)
    code, out, err = run(capsys, "manifest", "import", "R1", str(DATA / "manifest_bad.csv"), "--db", db, "--user",
                         "ivan", "--only-good-rows")
    assert code == 0, err
    assert out.strip() == (
        "Imported 2 manifest lines into round R1; skipped 4 rows (problems or repeated tags)."
    )
    assert "line 2 (imported): The tag is listed more than once" in err
    assert "line 5 (skipped): The tag is listed more than once" in err


def test_manifest_import_column_choice(ready, capsys, tmp_path):
    db = str(ready)
    f = tmp_path / "list.csv"
    f.write_text("Номер;Особа\nZ-1;Коваль Іван\n", encoding="utf-8")
    code, _, err = run(capsys, "manifest", "import", "R1", str(f), "--db", db, "--user", "ivan")
    assert code == 1
    assert_one_sentence(err, "No column of the file holds the tag (its headers are: Номер, Особа)")
    code, out, err = run(capsys, "manifest", "import", "R1", str(f), "--db", db, "--user", "ivan",
                         "--column", "sender_tag=Номер", "--column", "claimed_name=особа")
    assert code == 0, err
    _, out, _ = run(capsys, "manifest", "list", "R1", "--db", db, "--format", "csv")
    assert "Z-1,Коваль Іван" in out


def test_manifest_import_help_documents_the_headers(capsys):
    with pytest.raises(SystemExit):
        main(["manifest", "import", "--help"])
    out = capsys.readouterr().out
    for text in ("sender_tag (required)", "номер бірки", "прізвище ім'я по батькові", "дата народження",
                 "громадянство", "категорія", "примітки", "повне тіло", "--only-good-rows", "Windows-1251"):
        assert text in out, text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["manifest", "import", "R9", str(DATA / "manifest_good.csv"), "--user", "ivan"], "There is no round R9."),
        (["cases", "list", "--round", "R9"], "There is no round R9."),
        (["manifest", "import", "R1", "missing.csv", "--user", "ivan"], "There is no file missing.csv."),
        (["manifest", "import", "R1", str(DATA / "manifest_good.csv")], "give your user name with --user NAME"),
        (["manifest", "import", "R1", str(DATA / "manifest_good.csv"), "--user", "clerk"],
         "Wrong user name or password."),
    ],
)
def test_errors_are_one_sentence(ready, capsys, argv, message):
    code, out, err = run(capsys, *argv, "--db", str(ready))
    assert code == 1
    assert_one_sentence(err, message)


def test_wrong_password(ready, capsys, monkeypatch):
    monkeypatch.setenv("REPAT_PASSWORD", "not the password")
    code, _, err = run(capsys, "rounds", "create", "--db", str(ready), "--user", "ivan", "--code", "R2",
                       "--date", "2026-06-13")
    assert code == 1
    assert_one_sentence(err, "Wrong user name or password.")


def test_database_problems(tmp_path, dbfile, capsys):
    code, _, err = run(capsys, "rounds", "list", "--db", str(dbfile))
    assert code == 1
    assert_one_sentence(err, "This database is not set up yet; run `repat init` first.")
    missing = tmp_path / "nothing-here.sqlite3"
    code, _, err = run(capsys, "cases", "list", "--db", str(missing))
    assert code == 1
    assert_one_sentence(err, "There is no Repat database at")
    assert not missing.exists()  # a read does not leave an empty database behind
    text = tmp_path / "notes.sqlite3"
    text.write_text("shopping list\n", encoding="utf-8")
    code, _, err = run(capsys, "rounds", "list", "--db", str(text))
    assert_one_sentence(err, "is not a Repat database")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    code, _, err = run(capsys, "users", "list", "--db", str(other))
    assert code == 1
    assert_one_sentence(err, "not a Repat database")


def test_users(ready, capsys, monkeypatch):
    db = str(ready)
    code, out, _ = run(capsys, "users", "list", "--db", db)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["ivan", "olena"]
    code, _, err = run(capsys, "users", "add", "petro", "--full-name", "Петро", "--role", "clerk", "--db", db,
                       "--user", "ivan")
    assert code == 1
    assert_one_sentence(err, "may not do this")
    monkeypatch.delenv("REPAT_NEW_PASSWORD")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "users", "add", "petro", "--full-name", "Петро", "--role", "clerk", "--db", db,
                       "--user", "olena")
    assert_one_sentence(err, "Set REPAT_NEW_PASSWORD")
    monkeypatch.setenv("REPAT_NEW_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, "users", "add", "petro", "--full-name", "Петро", "--role", "clerk", "--db", db,
                       "--user", "olena")
    assert out.strip() == "Created the account petro (clerk)."
    _, out, _ = run(capsys, "users", "list", "--db", db, "--format", "json")
    assert {u["username"]: u["role"] for u in json.loads(out)}["petro"] == "clerk"


def test_demo_and_cases_list(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    code, out, err = run(capsys, "demo", "--db", db)
    assert code == 0, err
    assert "with 1200 cases, 1210 manifest lines and 6 transport units" in out
    assert "user demo     password demo" in out
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 1
    assert_one_sentence(err, "only be created in an empty database")

    code, out, err = run(capsys, "cases", "list", "--db", db)
    assert code == 0
    assert len(out.splitlines()) == 102  # header, rule, 100 cases
    assert "Showing the first 100 of 1200 cases; use --limit 0 for all." in err
    code, out, err = run(capsys, "cases", "list", "--db", db, "--limit", "0", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1200 and err == ""
    assert len({r["case_number"] for r in rows}) == 1200
    code, out, _ = run(capsys, "cases", "list", "--db", db, "--format", "json", "--search", "MT-000", "--limit", "5")
    found = json.loads(out)
    assert len(found) == 5 and all(c["sender_tag"].startswith("MT-000") for c in found)
    name = next(r["claimed_name"] for r in rows if r["claimed_name"].startswith("Коваленко "))
    code, out, _ = run(capsys, "cases", "list", "--db", db, "--format", "json", "--search", name.lower(), "--limit", "0")
    assert name in {c["claimed_name"] for c in json.loads(out)}
    code, out, _ = run(capsys, "rounds", "list", "--db", db)
    assert out.splitlines()[2].split()[-3:] == ["1212", "1210", "1200"]


def _script(*argv: str, env_extra: dict[str, str] | None = None, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPAT_")}
    env.update({"REPAT_DATA_DIR": str(tmp / "userdata"), "LC_ALL": "C.UTF-8"})
    env.update(env_extra or {})
    return subprocess.run(
        [str(REPAT), *argv], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False
    )


def test_console_script(tmp_path: Path, sqlite_template: Path):
    assert REPAT.exists(), "the package is not installed in this environment (pip install -e .)"
    db = tmp_path / "script.sqlite3"
    shutil.copyfile(sqlite_template, db)
    # not set up yet
    done = _script("--db", str(db), "rounds", "list", tmp=tmp_path)
    assert done.returncode == 1
    assert_one_sentence(done.stderr, "not set up yet")
    # set up, non-interactively
    done = _script("--db", str(db), "init", "--device-code", "KH01", "--device-name", "Laptop",
                   "--username", "olena", "--full-name", "Олена", env_extra={"REPAT_PASSWORD": PASSWORD}, tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    # wrong password
    done = _script("--db", str(db), "rounds", "create", "--user", "olena", "--code", "R1", "--date", "2026-06-12",
                   env_extra={"REPAT_PASSWORD": "nope-nope"}, tmp=tmp_path)
    assert done.returncode == 1
    assert_one_sentence(done.stderr, "Wrong user name or password.")
    # a round and a manifest, through the environment's --db
    env = {"REPAT_PASSWORD": PASSWORD, "REPAT_DB": str(db)}
    done = _script("rounds", "create", "--user", "olena", "--code", "R1", "--date", "2026-06-12", env_extra=env,
                   tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    done = _script("manifest", "import", "R1", str(DATA / "manifest_bom_semicolon.csv"), "--user", "olena",
                   env_extra=env, tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Imported 3 manifest lines into round R1." in done.stdout
    done = _script("manifest", "list", "R1", "--format", "json", env_extra=env, tmp=tmp_path)
    assert json.loads(done.stdout)[1]["claimed_name"] == "Мельник; Андрій"
    # unknown round
    done = _script("manifest", "import", "R404", str(DATA / "manifest_good.csv"), "--user", "olena",
                   env_extra=env, tmp=tmp_path)
    assert done.returncode == 1
    assert_one_sentence(done.stderr, "There is no round R404.")
    # a file that is not Repat's
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00\x01binary junk" * 10)
    done = _script("--db", str(junk), "cases", "list", tmp=tmp_path)
    assert done.returncode == 1
    assert_one_sentence(done.stderr, "is not a Repat database")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only(ready, capsys, monkeypatch, tmp_path):
    db = str(ready)
    f = tmp_path / "big.csv"
    f.write_text("tag;name\n" + "".join(f"B-{i};Ім'я {i}\n" for i in range(1, 1301)), encoding="utf-8")
    terminal = _Terminal()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stderr", terminal)
        assert main(["manifest", "import", "R1", str(f), "--db", db, "--user", "ivan"]) == 0
    assert "\rImporting: 500/1300" in terminal.getvalue()
    assert "\rImporting: 1300/1300" in terminal.getvalue()
    out, _ = capsys.readouterr()
    assert "Imported 1300 manifest lines into round R1." in out
    # not a terminal: no progress lines; and a list with nothing to import exits non-zero
    code, out, err = run(capsys, "manifest", "import", "R1", str(f), "--db", db, "--user", "ivan", "--only-good-rows")
    assert code == 1 and out == ""
    assert "\r" not in err
    assert "line 1301: The tag is already on this round's manifest (manifest line 1300)." in err
    assert err.strip().splitlines()[-1] == "repat: No row of the list can be imported; nothing was imported."


def test_output_cut_off_by_head_ends_quietly(tmp_path: Path, sqlite_template: Path):
    """`repat users list | head` ends without "repat: Broken pipe" or a traceback."""
    db = tmp_path / "pipe.sqlite3"
    shutil.copyfile(sqlite_template, db)
    done = _script("--db", str(db), "init", "--device-code", "KH01", "--device-name", "Laptop",
                   "--username", "olena", "--full-name", "Олена", env_extra={"REPAT_PASSWORD": PASSWORD}, tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPAT_")}
    env.update({"REPAT_DATA_DIR": str(tmp_path / "userdata"), "LC_ALL": "C.UTF-8"})
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes its first line
    try:
        child = subprocess.run([str(REPAT), "--db", str(db), "users", "list"], stdout=write_end,
                               stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    finally:
        os.close(write_end)
    assert child.stderr.decode() == ""
    assert child.returncode == 141
