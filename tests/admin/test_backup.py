"""Backup and restore of a laptop's database: a checked copy of the live file, refused input told in
one sentence, the replaced database kept, and no case number issued twice after a restore."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain import Role
from app.errors import ValidationError
from app.persistence.db import Database, open_database
from app.persistence.models import Case
from app.services.admin import backup
from app.services.cases import intake
from app.services.context import AppContext
from tests.conftest import make_round


def _intake(officer: AppContext, round_id: str, tag: str) -> str:
    return intake.record_intake(officer, intake.IntakeData(round_id=round_id, sender_tag=tag)).case_number


def _count(path: Path) -> int:
    db = open_database(path)
    try:
        with db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Case)) or 0)
    finally:
        db.close()


def test_a_backup_of_the_live_database_is_checked_and_opens(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path
) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    for n in range(3):
        _intake(officer, rnd.id, f"UA-{n}")
    out = tmp_path / "stick" / "kh01.repat-backup"
    out.parent.mkdir()
    with sqlite_db.session():  # a reader in the middle of its work does not stop the copy
        made = backup.backup(sqlite_db, out)
    assert made.path == out and made.cases == 3 and made.size == out.stat().st_size
    assert not out.with_name(out.name + ".part").exists()
    check = sqlite3.connect(out)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    assert _count(out) == 3


def test_a_backup_refuses_a_missing_folder_and_a_read_only_one_in_one_sentence(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"The folder .* does not exist; choose an existing folder\."):
        backup.backup(sqlite_db, tmp_path / "nowhere" / "b.sqlite3")
    assert sqlite_db.path is not None
    with pytest.raises(ValidationError, match="another file for the backup than the database itself"):
        backup.backup(sqlite_db, sqlite_db.path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        # as root every folder is writable but /sys (a kernel file system) still refuses new files
        folder = locked if not os.access(locked, os.W_OK) else Path("/sys")
        with pytest.raises(ValidationError, match=r"Cannot write to .* \(it is read-only or not yours\)"):
            backup.backup(sqlite_db, folder / "b.sqlite3")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_restore_keeps_the_current_database_and_issues_no_number_twice(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path
) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    first = _intake(officer, rnd.id, "UA-1")
    saved = backup.backup(sqlite_db, tmp_path / "monday.sqlite3")
    after = [_intake(officer, rnd.id, f"UA-{n}") for n in (2, 3)]  # recorded (and perhaps exported) after it
    target = sqlite_db.path
    assert target is not None
    with pytest.raises(ValidationError, match="Repat is open on"):
        sqlite_db.acquire_instance_lock()
        backup.restore(saved.path, target)
    sqlite_db.close()

    done = backup.restore(saved.path, target)
    assert done.kept is not None and _count(done.kept) == 3  # nothing is lost: the replaced one is kept
    assert done.restored.cases == 1 and done.counters_moved
    reopened = open_database(target)
    try:
        ctx = AppContext(reopened, officer.device_code)
        ctx.user = officer.user
        with reopened.session() as s:
            assert list(s.scalars(select(Case.case_number))) == [first]
        again = _intake(ctx, rnd.id, "UA-4")
        assert again not in after and again > max(after)
    finally:
        reopened.close()


def test_restore_refuses_damaged_foreign_newer_and_half_written_files(
    sqlite_db: Database, sqlite_template: Path, tmp_path: Path, sqlite_contexts: dict[Role, AppContext]
) -> None:
    target = sqlite_db.path
    assert target is not None
    saved = backup.backup(sqlite_db, tmp_path / "good.sqlite3").path
    sqlite_db.close()
    before = target.read_bytes()

    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database")
    half = tmp_path / "half.sqlite3"
    half.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    other = tmp_path / "other.sqlite3"
    other.write_bytes(sqlite_template.read_bytes())
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE spreadsheet (a)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(saved.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.close()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(sqlite_template.read_bytes())  # a Repat database never set up

    from app.services.admin import accounts

    foreign = tmp_path / "foreign.sqlite3"
    foreign.write_bytes(sqlite_template.read_bytes())
    fdb = open_database(foreign)
    accounts.initialize(fdb, device_code="KH09", device_name="Another laptop", username="sup9",
                        full_name="Supervisor 9", password="long enough")
    fdb.close()

    cases_ = {
        text_file: "is not a Repat backup (it is not an SQLite file)",
        half: "damaged",
        newer: "newer version of Repat",
        empty: "never set up",
        foreign: "a backup of another installation (KH09)",
        tmp_path / "missing.sqlite3": "There is no file",
    }
    for path, sentence in cases_.items():
        with pytest.raises(ValidationError, match=re.escape(sentence)) as caught:
            backup.restore(path, target)
        message = str(caught.value)
        assert "\n" not in message and message.endswith("."), message
        assert target.read_bytes() == before, path  # the current database is untouched
    assert not list(target.parent.glob("*.before-restore.*"))


def test_the_commands_back_up_and_restore(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli.main import main

    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    _intake(officer, rnd.id, "UA-1")
    path = sqlite_db.path
    assert path is not None
    sqlite_db.close()
    out = tmp_path / "b.sqlite3"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert "Backed up 1 case(s)" in capsys.readouterr().out
    assert main(["restore", str(out), "--db", str(path)]) == 0
    said = capsys.readouterr().out
    assert "Restored 1 case(s)" in said and "is kept as" in said
    (tmp_path / "junk").write_text("junk")
    assert main(["restore", str(tmp_path / "junk"), "--db", str(path)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["repat: junk is not a Repat backup (it is not an SQLite file)."]


def test_the_daily_backup_keeps_the_last_ones_of_this_installation(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date, timedelta

    with pytest.raises(ValidationError, match="not set up yet; there is nothing to back up"):
        backup.backup(sqlite_db, tmp_path / "empty.sqlite3")
    from tests.conftest import _setup_accounts

    _setup_accounts(sqlite_db)
    folder = tmp_path / "stick"
    with pytest.raises(ValidationError, match="is not there \\(is the memory stick plugged in\\?\\)"):
        backup.rotate(sqlite_db, "KH01", folder)
    folder.mkdir()
    (folder / "repat-KH02-2026-01-01.sqlite3").write_text("another laptop's")
    (folder / "notes.txt").write_text("mine")
    start = date(2026, 6, 1)
    for n in range(9):
        assert backup.rotate(sqlite_db, "KH01", folder, keep=3, today=start + timedelta(days=n)) is not None
    assert backup.rotate(sqlite_db, "KH01", folder, keep=3, today=start + timedelta(days=8)) is None  # done today
    kept = [p.name for p in backup.rotated_backups(folder, "KH01")]
    assert kept == [backup.rotated_name("KH01", start + timedelta(days=n)) for n in (6, 7, 8)]
    assert (folder / "repat-KH02-2026-01-01.sqlite3").exists() and (folder / "notes.txt").exists()
    assert backup.inspect_file(folder / kept[-1]).device_code == "KH01"

    from app.cli.main import main

    assert sqlite_db.path is not None
    code = accounts_code(sqlite_db)
    assert main(["backup", "--db", str(sqlite_db.path), "--rotate", str(folder)]) == 0
    assert (folder / backup.rotated_name(code, date.today())).exists()
    assert main(["backup", "--db", str(sqlite_db.path), "--rotate", str(folder)]) == 0
    assert "already in" in capsys.readouterr().out


def accounts_code(db: Database) -> str:
    from app.services.admin import accounts

    return accounts.local_device(db).code
