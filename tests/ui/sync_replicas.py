"""Two real databases for the exchange windows' tests: a headquarters (HQ01) and a field laptop
(KH01), each set up by ``accounts.initialize`` with its own device code and signing key, copied per
test from templates made once per session."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain import Role
from app.persistence.db import Database, open_database
from app.persistence.models import User
from app.services.admin import accounts
from app.services.cases import intake
from app.services.context import AppContext, UserInfo
from app.services.rounds import rounds
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.conftest import PASSWORD

CODES = ("HQ01", "KH01")


@dataclass
class Replica:
    code: str
    db: Database
    sup: AppContext
    officer: AppContext

    @property
    def path(self) -> Path:
        assert self.db.path is not None
        return self.db.path


def context_for(db: Database, device_code: str, username: str) -> AppContext:
    """A logged-in context (without the deliberately slow password check)."""
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).first()
        assert user is not None
        info = UserInfo(user.id, user.username, user.full_name, Role(user.role))
    ctx = AppContext(db, device_code)
    ctx.user = info
    return ctx


def make_templates(sqlite_template: Path, folder: Path) -> dict[str, Path]:
    made: dict[str, Path] = {}
    for code in CODES:
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


def new_round(ctx: AppContext, code: str = "R-2026-06-01") -> rounds.RoundSummary:
    return rounds.create_round(ctx, rounds.RoundData(code=code, round_date=date(2026, 6, 1), place="Київська обл.",
                                                     sending_party="Сторона А", declared_total=10))


def record(ctx: AppContext, round_id: str, tag: str, **kw: object) -> intake.IntakeResult:
    return intake.record_intake(ctx, intake.IntakeData(round_id=round_id, sender_tag=tag, **kw))  # type: ignore[arg-type]


def introduce(sender: Replica, receiver: Replica, folder: Path) -> None:
    """``receiver`` trusts ``sender``: the sender's first bundle (its device and accounts) is imported
    by the receiver's supervisor with ``trust``, as ``repat import --trust`` does."""
    bundle = export_bundle(sender.sup, folder / f"hello-{sender.code}-{receiver.code}.repat", full=True).path
    apply_import(receiver.sup, [bundle], trust=True)


def database_digest(path: Path) -> str:
    """A digest of every row of every table of an SQLite file (to show that nothing changed)."""
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            h.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()
