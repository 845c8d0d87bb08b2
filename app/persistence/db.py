"""One engine per database; migrations applied at start-up; clear refusals.

``open_database(url)`` is the only way the application (GUI, CLI, tests) opens a database. It
creates or upgrades the schema with alembic, backs the file up before an upgrade, refuses a
schema newer than this code and a file that is not a Repat database, and turns the low-level
failures (read-only, disk full, locked) into ``DatabaseError`` with one sentence.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import DatabaseError, StaleEdit
from app.paths import default_database_url, migrations_dir
from app.persistence import versioning

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
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads")
    return heads[0]


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


def _check_sqlite_file(path: Path) -> None:
    resolved = str(path.resolve())
    if resolved.startswith(REMOVABLE_PREFIXES):
        raise DatabaseError(
            f"The database {path} is on removable media; copy it to this computer's disk and open the copy."
        )
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a Repat database file.")
        with open(path, "rb") as fh:
            header = fh.read(16)
        if header and header != b"SQLite format 3\x00":
            raise DatabaseError(f"{path} is not a Repat database (it is not an SQLite file).")
        if not os.access(path, os.W_OK):
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
    if not os.access(folder, os.W_OK):
        raise DatabaseError(
            f"The folder {folder} is read-only; Repat needs to write its database and journal there."
        )


def describe_db_error(exc: BaseException) -> str:
    """One sentence for a low-level database failure."""
    text_ = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text_ or "no space" in text_ or "disk full" in text_:
        return "The disk is full: nothing was saved. Free some space and try again."
    if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
        return "The database is read-only: nothing was saved."
    if "locked" in text_ or "busy" in text_:
        return "The database is busy (another program is writing to it); try again in a moment."
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
        lock_path = self.path.with_name(self.path.name + ".lock")
        fh = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while running
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise DatabaseError(
                f"Repat is already open on this database ({self.path}). Switch to that window, "
                "or close it first."
            ) from exc
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
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def migrate(engine: Engine, path: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup made before an upgrade, if any."""
    head = head_revision()
    script = ScriptDirectory.from_config(alembic_config())
    backup: Path | None = None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError("The file is not a Repat database (it holds other tables).")
    if current is not None and current != head:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises several kinds for an unknown revision
            raise DatabaseError(
                "This database was written by a newer version of Repat; install that version to open it."
            ) from exc
        if path is not None:
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
    try:
        engine = create_db_engine(url)
        backup = migrate(engine, path) if upgrade else None
    except DatabaseError:
        raise
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    versioning.install(factory)
    db = Database(url=url, engine=engine, session_factory=factory, path=path, backup_path=backup)
    return db


def schema_version(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def vacuum_into(db: Database, target: Path) -> None:
    """A consistent copy of an SQLite database (for backups)."""
    if db.path is None:
        raise DatabaseError("Only an SQLite database can be copied to a file.")
    with db.engine.connect() as conn:
        conn.execute(text("VACUUM INTO :t"), {"t": str(target)})


__all__ = ["Database", "open_database", "migrate", "head_revision"]
