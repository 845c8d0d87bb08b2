"""One engine per database; migrations applied at start-up; clear refusals.

``open_database(url)`` is the only way the application (GUI, CLI, tests) opens a database. It
creates or upgrades the schema with alembic, backs the file up before an upgrade, refuses a
schema newer than this code and a file that is not a Repat database, and turns the low-level
failures (read-only, disk full, locked) into ``DatabaseError`` with one sentence.
"""

from __future__ import annotations

import ast
import contextlib
import logging
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import filelock
from app.errors import DatabaseError, StaleEdit
from app.paths import default_database_url, migrations_dir
from app.persistence import search, versioning

if TYPE_CHECKING:  # alembic is imported only when a schema has to be checked or upgraded
    from alembic.config import Config

log = logging.getLogger(__name__)

REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/usb", "/Volumes/")


def normalize_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """Accept a plain file path or an SQLAlchemy URL (``postgresql://...``)."""
    if url_or_path is None or str(url_or_path) == "":
        return default_database_url()
    value = str(url_or_path)
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        elif value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value[len("postgres://") :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def alembic_config(connection: Any = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads")
    return heads[0]


# ``revision = '0002'`` / ``down_revision: str | None = '0001'`` at the start of a line, as alembic
# writes them; only the value is parsed (as a Python literal).
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


def _literal_assignments(source: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for match in _ASSIGNMENT.finditer(source):
        if match.group(1) in found:
            raise ValueError(f"{match.group(1)} is assigned twice")
        found[match.group(1)] = ast.literal_eval(match.group(2))
    return found


_scripts_lock = threading.Lock()  # ast (literal_eval) is not safe in parallel threads on Python 3.11
_scripts_cache: dict[tuple[tuple[str, int, int], ...], dict[str, tuple[str, ...]] | None] = {}


def script_revisions() -> dict[str, tuple[str, ...]] | None:
    """Each migration script's revision and the revisions it follows, read from the files
    without importing alembic (start-up stays fast when the schema is already current).
    ``None`` when a script cannot be read this way; callers then ask alembic."""
    try:
        scripts = sorted((migrations_dir() / "versions").glob("*.py"))
        key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in scripts)
    except OSError:
        return None
    with _scripts_lock:
        if key not in _scripts_cache:
            _scripts_cache[key] = _read_revisions(scripts)
        return _scripts_cache[key]


def _read_revisions(scripts: list[Path]) -> dict[str, tuple[str, ...]] | None:
    revisions: dict[str, tuple[str, ...]] = {}
    try:
        for script in scripts:
            values = _literal_assignments(script.read_text(encoding="utf-8"))
            revision, down = values.get("revision"), values.get("down_revision")
            if not isinstance(revision, str) or "down_revision" not in values:
                return None
            downs = (down,) if isinstance(down, str) else tuple(down or ())
            if revision in revisions or not all(isinstance(d, str) for d in downs):
                return None
            revisions[revision] = downs
    except (OSError, SyntaxError, ValueError):
        return None
    return revisions or None


def _fast_head() -> str | None:
    """The single head revision according to ``script_revisions``, or None if unsure."""
    revisions = script_revisions()
    if revisions is None:
        return None
    followed = {d for downs in revisions.values() for d in downs}
    heads = [r for r in revisions if r not in followed]
    return heads[0] if len(heads) == 1 else None


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Writers start with BEGIN IMMEDIATE: they take the write lock up front and wait for it
    (busy_timeout) instead of failing with "database is locked" when a read turns into a write.
    Readers use a deferred BEGIN and, in WAL mode, never wait for writers."""
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _is_superuser() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _file_writable(path: Path) -> bool:
    """Whether Repat may write to ``path``.

    ``os.access`` alone is not enough: the superuser passes it for any file, and it does not see
    a read-only mount or an immutable file. A file without any write permission bit counts as
    read-only for the superuser too (it was marked read-only on purpose), and opening it for
    writing is the final probe.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not os.access(path, os.W_OK):
        return False
    if _is_superuser() and not mode & 0o222:
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def _folder_writable(folder: Path) -> bool:
    """Whether Repat may create files (journal, lock, backups) in ``folder``; see ``_file_writable``."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if _is_superuser() and not mode & 0o222:
        return False
    try:
        fd, probe = tempfile.mkstemp(prefix=".repat-write-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def _check_sqlite_file(path: Path) -> None:
    resolved = str(path.resolve())
    if resolved.startswith(REMOVABLE_PREFIXES):
        raise DatabaseError(
            f"The database {path} is on removable media; copy it to this computer's disk and open the copy."
        )
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a Repat database file.")
        try:
            with open(path, "rb") as fh:
                header = fh.read(16)
        except OSError as exc:
            raise DatabaseError(f"Cannot read the database file {path}: {exc.strerror}.") from exc
        if header and header != b"SQLite format 3\x00":
            raise DatabaseError(f"{path} is not a Repat database (it is not an SQLite file).")
        if not _file_writable(path):
            raise DatabaseError(
                f"The database file {path} is read-only; Repat needs to write to it. "
                "Check the file's permissions or copy it to a folder you can write to."
            )
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Cannot create the folder {folder}: {exc.strerror}.") from exc
    if not _folder_writable(folder):
        raise DatabaseError(
            f"The folder {folder} is read-only; Repat needs to write its database and journal there."
        )


NOT_REPAT = "The file is not a Repat database (it holds other tables)."
NEWER = "This database was written by a newer version of Repat; install that version to open it."
# A table every Repat schema has had since the first revision.
REPAT_MARKER_TABLE = "cases"


def _refuse_unknown_schema(current: str | None, tables: set[str]) -> None:
    """Refuse a database this code must not touch: another program's, or a newer Repat's."""
    if current is None:
        if tables - {"alembic_version"}:
            raise DatabaseError(NOT_REPAT)
        return
    known = script_revisions()
    if known is not None and current in known:
        return
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(current)
    except Exception as exc:  # alembic raises several kinds for an unknown revision
        if REPAT_MARKER_TABLE not in tables:
            raise DatabaseError(NOT_REPAT) from exc
        raise DatabaseError(NEWER) from exc


def _current_revision(conn: Any, tables: set[str]) -> str | None:
    if "alembic_version" not in tables:
        return None
    rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(rows) > 1:
        raise DatabaseError("The database records several schema versions at once; it is not a Repat database.")
    return rows[0] if rows else None


def _precheck_sqlite(path: Path) -> None:
    """Look at an existing file with a plain connection that only reads, before the engine's
    first connection switches it to WAL: a file that is refused is left exactly as it was."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        current = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            current = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    finally:
        conn.close()
    _refuse_unknown_schema(current, {t for t in tables if not t.startswith("sqlite_")})


def describe_db_error(exc: BaseException) -> str:
    """One sentence for a low-level database failure."""
    text_ = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text_ or "no space" in text_ or "disk full" in text_:
        return "The disk is full: nothing was saved. Free some space and try again."
    if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
        return "The database is read-only: nothing was saved."
    if "locked" in text_ or "busy" in text_:
        return "The database is busy (another program is writing to it); try again in a moment."
    if "malformed" in text_:
        return "The database file is damaged; restore it from a backup copy."
    if "not a database" in text_ or "file is encrypted" in text_:
        return "The file is not a Repat database."
    if "could not connect" in text_ or "connection" in text_ and ("refused" in text_ or "closed" in text_):
        return "The database server cannot be reached; nothing was lost. Check the network and try again."
    if "server closed" in text_ or "terminating connection" in text_:
        return "The connection to the database server was lost; nothing was lost. Try again."
    return f"The database refused the change: {getattr(exc, 'orig', exc)}."


@dataclass
class Database:
    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    path: Path | None = None
    backup_path: Path | None = None
    _lock_file: IO[str] | None = field(default=None, repr=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error.

        ``write=True`` takes SQLite's write lock at the start, so concurrent writers queue
        instead of failing half-way.
        """
        session = self.session_factory()
        try:
            if write and self.dialect == "sqlite":
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise StaleEdit(
                "Someone else saved this record while you were saving; nothing of yours was "
                "written. Reopen it to see their change, then apply yours again."
            ) from exc
        except (OperationalError, DBAPIError) as exc:
            session.rollback()
            raise DatabaseError(describe_db_error(exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def acquire_instance_lock(self) -> None:
        """Refuse a second Repat window on the same SQLite file (drafts and locks would clash)."""
        if self.path is None or self._lock_file is not None:
            return
        fh = filelock.hold(self.path.with_name(self.path.name + ".lock"))
        if fh is None:
            raise DatabaseError(
                f"Repat is already open on this database ({self.path}). Switch to that window, "
                "or close it first."
            )
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._lock_file = fh

    def close(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
        self.engine.dispose()


def _backup_sqlite(path: Path, current: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{current or 'none'}.{stamp}{path.suffix}")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # prepare_threshold=None: no server-side prepared statements, so PostgreSQL plans every query
    # for its actual values. A cached generic plan cannot use the prefix indexes for
    # ``LIKE $1`` and turned a 1 ms search into a 100 ms scan once a few searches had run.
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args={"prepare_threshold": None}
    )


def migrate(engine: Engine, path: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup made before an upgrade, if any."""
    backup: Path | None = None
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = _current_revision(conn, tables)
    if current is not None and current == _fast_head():
        return None  # the usual start: nothing to upgrade, alembic not even imported
    from alembic import command

    head = head_revision()
    _refuse_unknown_schema(current, tables)
    if current is not None and current != head and path is not None:
        backup = _backup_sqlite(path, current)
        log.info("backed up %s to %s before upgrading", path, backup)
    if current != head:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                # Batch migrations rebuild tables; foreign keys are checked again afterwards.
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            try:
                with conn.begin():
                    command.upgrade(alembic_config(conn), "head")
                    if engine.dialect.name == "sqlite":
                        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if problems:
                            raise DatabaseError(
                                "The upgrade left broken references; the database was not changed."
                            )
            finally:
                if engine.dialect.name == "sqlite":
                    conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return backup


def open_database(url_or_path: str | os.PathLike[str] | None = None, *, upgrade: bool = True) -> Database:
    url = normalize_url(url_or_path)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        _precheck_sqlite(path)
    engine = create_db_engine(url)
    try:
        backup = migrate(engine, path) if upgrade else None
        if upgrade:
            search.refresh_if_stale(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise DatabaseError(describe_db_error(exc)) from exc
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(describe_db_error(exc)) from exc
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    versioning.install(factory)
    db = Database(url=url, engine=engine, session_factory=factory, path=path, backup_path=backup)
    return db


def schema_version(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return _current_revision(conn, set(inspect(conn).get_table_names()))


def vacuum_into(db: Database, target: Path) -> None:
    """A consistent copy of an SQLite database (for backups)."""
    if db.path is None:
        raise DatabaseError("Only an SQLite database can be copied to a file.")
    with db.engine.connect() as conn:
        conn.execute(text("VACUUM INTO :t"), {"t": str(target)})


__all__ = ["Database", "open_database", "migrate", "head_revision"]
