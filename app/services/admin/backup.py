"""Backup and restore of a laptop's SQLite database.

A backup is SQLite's online backup of the live file (a consistent copy even while Repat writes to
it), written beside the target as ``….part``, flushed to disk, then checked as a restore would
check it (an intact SQLite file, a Repat schema this version can open, a set-up installation)
before it takes its name: a half-written file never looks like a backup. PostgreSQL is backed up
with the server's own tools.

A restore checks the file the same way, refuses one that is damaged, of another program, of a
newer Repat or of another installation, and never overwrites the current database without
keeping it: the current file is copied to ``<name>.before-restore.<time>.sqlite3`` first. The
restored counters are moved past the numbers the replaced database had issued, so a case number
given out (and perhaps exported) after the backup is not given out again.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text

from app import filelock
from app.errors import DatabaseError, ValidationError
from app.persistence import db as dbmod
from app.persistence.db import Database

SETTING_DEVICE_ID = "device_id"
SETTING_DEVICE_CODE = "device_code"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    revision: str
    device_code: str
    cases: int


@dataclass(frozen=True)
class RestoreInfo:
    restored: BackupInfo
    kept: Path | None  # the database the restore replaced, kept beside it
    counters_moved: dict[str, tuple[int, int]]  # counter -> (in the backup, now)


def _os_sentence(exc: OSError, target: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"The disk of {target.parent} is full: the backup was not written. Free some space or choose another disk."
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"Cannot write to {target.parent} (it is read-only or not yours); choose another folder."
    if exc.errno == errno.ENOENT:
        return f"The folder {target.parent} does not exist; choose an existing folder."
    return f"Cannot write {target}: {exc.strerror or exc}."


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def inspect_file(path: Path) -> BackupInfo:
    """Check that ``path`` is an intact Repat database of a set-up installation; one sentence if not."""
    if not path.is_file():
        raise ValidationError(f"There is no file {path}.")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ValidationError(f"{path.name} is not a Repat backup (it is not an SQLite file).")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc}.") from exc
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()
        if not ok or ok[0] != "ok":
            raise ValidationError(f"{path.name} is damaged (the integrity check failed); it cannot be restored.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        revision = row[0] if row else None
        try:
            dbmod._refuse_unknown_schema(revision, {t for t in tables if not t.startswith("sqlite_")})
        except DatabaseError as exc:
            if str(exc) == dbmod.NEWER:
                raise ValidationError(
                    f"{path.name} was written by a newer version of Repat; install that version to restore it."
                ) from exc
            raise ValidationError(f"{path.name} is not a Repat backup (it holds other tables).") from exc
        if revision is None or "local_settings" not in tables:
            raise ValidationError(f"{path.name} is an empty Repat database, not a backup of an installation.")
        settings = dict(conn.execute(
            "SELECT key, value FROM local_settings WHERE key IN (?, ?)", (SETTING_DEVICE_ID, SETTING_DEVICE_CODE)
        ).fetchall())
        if SETTING_DEVICE_ID not in settings:
            raise ValidationError(f"{path.name} is a Repat database that was never set up; there is nothing to restore.")
        cases = int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise ValidationError(f"{path.name} is damaged ({exc}); it cannot be restored.") from exc
    finally:
        conn.close()
    return BackupInfo(path, path.stat().st_size, revision, settings.get(SETTING_DEVICE_CODE, ""), cases)


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of ``source`` into a new file ``target``."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup(db: Database, out: Path) -> BackupInfo:
    """Write a verified copy of the live database ``db`` to ``out``."""
    if db.path is None:
        raise ValidationError(
            "This database is on a PostgreSQL server; back it up with the server's tools "
            "(pg_dump --format=custom), which copy it consistently while it is in use."
        )
    out = out.expanduser()
    if out.resolve() == db.path.resolve():
        raise ValidationError("Choose another file for the backup than the database itself.")
    if not out.parent.is_dir():
        raise ValidationError(f"The folder {out.parent} does not exist; choose an existing folder.")
    with db.engine.connect() as conn:
        set_up = conn.execute(
            text("SELECT count(*) FROM local_settings WHERE key = :k"), {"k": SETTING_DEVICE_ID}
        ).scalar()
    if not set_up:
        raise ValidationError("This database is not set up yet; there is nothing to back up.")
    part = out.with_name(out.name + ".part")
    try:
        part.unlink(missing_ok=True)
        part.open("wb").close()  # a folder that cannot be written to is told as such, not as an SQLite error
        _copy(db.path, part)
        _fsync(part)
        info = inspect_file(part)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ValidationError(_os_sentence(exc, out)) from exc
    except sqlite3.Error as exc:
        part.unlink(missing_ok=True)
        if "full" in str(exc).lower():
            raise ValidationError(_os_sentence(OSError(errno.ENOSPC, str(exc)), out)) from exc
        raise ValidationError(f"The backup could not be written to {out}: {exc}.") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return BackupInfo(out, out.stat().st_size, info.revision, info.device_code, info.cases)


def _counters(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {str(k): int(v) for k, v in conn.execute("SELECT name, value FROM counters")}
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def restore(source: Path, target: Path) -> RestoreInfo:
    """Replace the database file ``target`` (not open in Repat) by the backup ``source``."""
    source, target = source.expanduser(), target.expanduser()
    restored = inspect_file(source)
    current: BackupInfo | None = None
    if target.exists() and target.stat().st_size > 0:
        try:
            current = inspect_file(target)
        except ValidationError:
            current = None  # a damaged or never set-up database: it is kept, and replaced
        if current is not None:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                here = conn.execute("SELECT value FROM local_settings WHERE key = ?", (SETTING_DEVICE_ID,)).fetchone()
                there = src.execute("SELECT value FROM local_settings WHERE key = ?", (SETTING_DEVICE_ID,)).fetchone()
            finally:
                conn.close()
                src.close()
            if here and there and here[0] != there[0]:
                raise ValidationError(
                    f"{source.name} is a backup of another installation ({restored.device_code or '?'}), not of "
                    f"this one ({current.device_code or '?'}); open it with --db instead of restoring it here."
                )
    lock = filelock.hold(target.with_name(target.name + ".lock"))
    if lock is None:
        raise ValidationError(f"Repat is open on {target}; close it before restoring.")
    try:
        kept: Path | None = None
        issued = _counters(target) if current is not None else {}
        if target.exists() and target.stat().st_size > 0:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = target.with_name(f"{target.stem}.before-restore.{stamp}{target.suffix or '.sqlite3'}")
            try:
                _copy(target, kept)
                _fsync(kept)
            except (OSError, sqlite3.Error) as exc:
                kept.unlink(missing_ok=True)
                raise ValidationError(
                    f"The current database could not be kept as {kept.name} ({exc}); nothing was restored."
                ) from exc
        part = target.with_name(target.name + ".restore-part")
        try:
            part.unlink(missing_ok=True)
            _copy(source, part)
            moved = _move_counters(part, issued)
            _fsync(part)
            for suffix in ("-wal", "-shm"):  # the replaced file's journal must not meet the restored one
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(part, target)
        except (OSError, sqlite3.Error) as exc:
            part.unlink(missing_ok=True)
            raise ValidationError(f"The backup could not be restored to {target}: {exc}; the current database is unchanged.") from exc
    finally:
        lock.close()
    return RestoreInfo(restored, kept, moved)


def _move_counters(path: Path, issued: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Raise the restored counters to the numbers the replaced database had issued."""
    moved: dict[str, tuple[int, int]] = {}
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            have = {str(k): int(v) for k, v in conn.execute("SELECT name, value FROM counters")}
            for name, value in issued.items():
                if value > have.get(name, 0):
                    conn.execute(
                        "INSERT INTO counters (name, value) VALUES (?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        (name, value),
                    )
                    moved[name] = (have.get(name, 0), value)
    finally:
        conn.close()
    return moved


# --- the automatic backup: one a day, the last few kept ----------------------------------------

ROTATION_KEEP = 7
_ROTATED = re.compile(r"^repat-(?P<code>[A-Z0-9]+)-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite3$")


def rotated_name(device_code: str, day: date) -> str:
    return f"repat-{device_code}-{day.isoformat()}.sqlite3"


def rotated_backups(folder: Path, device_code: str) -> list[Path]:
    """The automatic backups of ``device_code`` in ``folder``, oldest first."""
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _ROTATED.match(path.name)
        if match and match["code"] == device_code:
            found.append(path)
    return sorted(found)


def rotate(db: Database, device_code: str, folder: Path, *, keep: int = ROTATION_KEEP,
           today: date | None = None) -> BackupInfo | None:
    """Today's automatic backup into ``folder`` unless it exists (None then), keeping the last
    ``keep`` of them: older ones of this installation are deleted once the new one is checked."""
    folder = folder.expanduser()
    if not folder.is_dir():
        raise ValidationError(f"The backup folder {folder} is not there (is the memory stick plugged in?); no backup was made.")
    day = today or date.today()
    target = folder / rotated_name(device_code, day)
    if target.exists():
        return None
    made = backup(db, target)
    for old in rotated_backups(folder, device_code)[: -max(keep, 1)]:
        old.unlink(missing_ok=True)
    return made
