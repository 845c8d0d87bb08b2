"""Replicas for the sync tests: each one a real migrated SQLite file set up by ``accounts.initialize``
with its own device code and signing key, copied from a per-session template so that many
replicas per test stay cheap."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.domain import Role
from app.persistence.db import Database, open_database
from app.persistence.models import TABLE_TO_MODEL, Base, User
from app.services.admin import accounts
from app.services.context import AppContext, UserInfo
from app.services.rounds import rounds
from tests.conftest import PASSWORD

DEVICES = ("HQ01", "KH01", "KH02", "KH03")


@dataclass
class Replica:
    code: str
    db: Database
    sup: AppContext  # the supervisor made at first run
    officer: AppContext

    @property
    def path(self) -> Path:
        assert self.db.path is not None
        return self.db.path


def context_for(db: Database, device_code: str, username: str) -> AppContext:
    """A logged-in context without the (deliberately slow) password check."""
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).first()
        assert user is not None
        info = UserInfo(user.id, user.username, user.full_name, Role(user.role))
    ctx = AppContext(db, device_code)
    ctx.user = info
    return ctx


@pytest.fixture(scope="session")
def replica_templates(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One set-up database per device code (supervisor ``sup<code>``, officer ``off<code>``)."""
    folder = tmp_path_factory.mktemp("replicas")
    made: dict[str, Path] = {}
    for code in DEVICES:
        path = folder / f"{code}.sqlite3"
        shutil.copyfile(sqlite_template, path)
        db = open_database(path)
        sup = accounts.initialize(db, device_code=code, device_name=f"Device {code}", username=f"sup{code.lower()}",
                                  full_name=f"Supervisor {code}", password=PASSWORD)
        accounts.create_user(sup, username=f"off{code.lower()}", full_name=f"Officer {code}",
                             role=Role.FIELD_OFFICER, password=PASSWORD)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        made[code] = path
    return made


def open_replica(templates: dict[str, Path], code: str, folder: Path) -> Replica:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.sqlite3"
    shutil.copyfile(templates[code], path)
    db = open_database(path)
    return Replica(code, db, context_for(db, code, f"sup{code.lower()}"), context_for(db, code, f"off{code.lower()}"))


@pytest.fixture
def replicas(replica_templates: dict[str, Path], tmp_path: Path) -> Iterator[dict[str, Replica]]:
    made = {code: open_replica(replica_templates, code, tmp_path / "replicas") for code in DEVICES}
    yield made
    for r in made.values():
        r.db.close()


def new_round(ctx: AppContext, code: str = "R-2026-06-01") -> rounds.RoundSummary:
    return rounds.create_round(ctx, rounds.RoundData(code=code, round_date=date(2026, 6, 1), place="Київська обл.",
                                                     sending_party="Сторона А", declared_total=10))


# --- comparing replicas ------------------------------------------------------------------------

IGNORED_COLUMNS = frozenset({"rev"})  # counts local saves; differs by design


def canonical_dump(db: Database) -> dict[str, Any]:
    """Every synced table (rev apart) and every conflict, in a form two replicas can compare."""
    out: dict[str, Any] = {}
    with db.engine.connect() as conn:
        for table in sorted(TABLE_TO_MODEL):
            t = Base.metadata.tables[table]
            rows = conn.execute(select(t).order_by(t.c.id)).mappings().all()
            out[table] = [
                {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items() if k not in IGNORED_COLUMNS}
                for r in rows
            ]
        out["conflicts"] = [
            dict(r) for r in conn.execute(text(
                "SELECT id, table_name, row_id, field, merge_version_id, hlc, base_value, candidates, provisional, "
                "status, resolution_version_id FROM conflicts ORDER BY id")).mappings()
        ]
    return json.loads(json.dumps(out, sort_keys=True, default=str))


def database_fingerprint(path: Path) -> str:
    """A digest of every row of every table of an SQLite file (to show nothing changed)."""
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            h.update(t.encode())
            for row in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()
