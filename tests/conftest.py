"""Shared fixtures: real databases migrated by the application's own start-up code.

``db`` runs each test on SQLite and, when ``REPAT_TEST_PG_URL`` names a server, on PostgreSQL
too (``.ci/run`` starts one). SQLite tests copy a template file migrated once per session;
PostgreSQL tests truncate every table of one migrated database.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest
from sqlalchemy import text

from app.domain import Role
from app.persistence.db import Database, open_database
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.rounds import rounds

_SERVER_URL = os.environ.get("REPAT_TEST_PG_URL", "")
# the suite runs in parallel processes (pytest-xdist): each has a database of its own on the
# server, repat_test_gw0, repat_test_gw1 ..., made afresh when its session starts
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
PG_URL = f"{_SERVER_URL}_{_WORKER}" if _SERVER_URL and _WORKER else _SERVER_URL
PASSWORD = "correct horse"


def _make_worker_database() -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.persistence.db import normalize_url

    name = make_url(normalize_url(PG_URL)).database
    admin = create_engine(normalize_url(_SERVER_URL), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Continuous integration (``.ci/run``) runs every test on PostgreSQL too: without a server
    it stops here instead of skipping a third of the suite and passing."""
    if os.environ.get("REPAT_REQUIRE_PG") and not PG_URL:
        raise pytest.UsageError("REPAT_REQUIRE_PG is set but REPAT_TEST_PG_URL is not: no PostgreSQL server to test on.")
    if PG_URL != _SERVER_URL:
        _make_worker_database()


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """A test that switched the interface language leaves English behind for the next one, in
    whichever folder it lives (the texts other tests look for are the English ones)."""
    yield
    dialogs = sys.modules.get("tests.ui.dialogs")
    if dialogs is not None:  # a dialog handler still waiting must not act in the next test
        dialogs.forget_waiting_handlers()
    i18n = sys.modules.get("ui.i18n")
    if i18n is not None and i18n.current_language() != i18n.ENGLISH:
        i18n.install(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data folder."""
    monkeypatch.setenv("REPAT_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(path)
    db.close()
    return path


def _sqlite_db(template: Path, target: Path) -> Database:
    shutil.copyfile(template, target)
    return open_database(target)


_pg_migrated = False


def _pg_db() -> Database:
    global _pg_migrated
    db = open_database(PG_URL)
    _pg_migrated = True
    with db.engine.begin() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename<>'alembic_version'")
            )
        ]
        if tables:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    return db


def _backends() -> list[object]:
    pg = pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not PG_URL, reason="no PostgreSQL server: set REPAT_TEST_PG_URL (.ci/run starts one)"
        ),
    )
    return ["sqlite", pg]


@pytest.fixture(params=_backends())
def db(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    database = _sqlite_db(sqlite_template, tmp_path / "repat.sqlite3") if request.param == "sqlite" else _pg_db()
    yield database
    database.close()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty SQLite file (for GUI and file-level tests)."""
    database = _sqlite_db(sqlite_template, tmp_path / "repat.sqlite3")
    yield database
    database.close()


def _setup_accounts(database: Database) -> dict[Role, AppContext]:
    sup = accounts.initialize(
        database, device_code="KH01", device_name="Field laptop 1", username="olena",
        full_name="Олена Петренко", password=PASSWORD,
    )
    accounts.create_user(sup, username="ivan", full_name="Іван Бондар", role=Role.FIELD_OFFICER, password=PASSWORD)
    accounts.create_user(sup, username="clerk", full_name="Mary Clerk", role=Role.CLERK, password=PASSWORD)
    return {
        Role.SUPERVISOR: sup,
        Role.FIELD_OFFICER: accounts.login(database, "ivan", PASSWORD),
        Role.CLERK: accounts.login(database, "clerk", PASSWORD),
    }


@pytest.fixture
def contexts(db: Database) -> dict[Role, AppContext]:
    """Device KH01 with a supervisor (olena), a field officer (ivan) and a clerk (clerk)."""
    return _setup_accounts(db)


@pytest.fixture
def sqlite_contexts(sqlite_db: Database) -> dict[Role, AppContext]:
    return _setup_accounts(sqlite_db)


@pytest.fixture
def supervisor(contexts: dict[Role, AppContext]) -> AppContext:
    return contexts[Role.SUPERVISOR]


@pytest.fixture
def officer(contexts: dict[Role, AppContext]) -> AppContext:
    return contexts[Role.FIELD_OFFICER]


@pytest.fixture
def clerk(contexts: dict[Role, AppContext]) -> AppContext:
    return contexts[Role.CLERK]


def make_round(ctx: AppContext, code: str = "R-2026-06-01", declared: int | None = 10) -> rounds.RoundSummary:
    return rounds.create_round(
        ctx,
        rounds.RoundData(
            code=code, round_date=date(2026, 6, 1), place="Київська обл.", sending_party="Сторона А",
            receiving_party="Ministry of Reintegration", intermediary="ICRC", agreement_ref="AG-17",
            declared_total=declared,
        ),
    )


@pytest.fixture
def a_round(officer: AppContext) -> rounds.RoundSummary:
    return make_round(officer)
