"""A headquarters-sized database, built fast with Core bulk inserts (each row versioned).

84 rounds of 1,200 cases (100,800 cases) from twelve laptops over three years, each round with
its manifest (the sending side's list), each case with its "received" custody event and
every row with its first row version, as ``stamp_rows`` writes them for bulk paths. Names are
Ukrainian, drawn from a fixed seed, so every run measures the same data.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert

from app.domain import AgeGroup, Category, CustodyEventType, Role, Sex, normalize_tag, normalize_text
from app.persistence.db import Database
from app.persistence.models import Case, CustodyEvent, ManifestLine, Round
from app.persistence.search import with_search_values
from app.persistence.versioning import insert_versions, stamp_rows
from app.services.admin import accounts
from app.services.context import AppContext

PASSWORD = "bench password"
DEVICE = "KH01"  # this installation; the bulk data comes from the other laptops
OTHER_DEVICES = tuple(f"KH{n:02d}" for n in range(2, 14))
ROUND_SIZE = 1200
OFF_MANIFEST_EVERY = 20  # one bag in twenty is not on the sending side's list
UNKNOWN_NAME_EVERY = 9  # one in nine has no claimed name
CHUNK = 5000

SURNAMES = (
    "Коваленко", "Бондаренко", "Ткаченко", "Шевченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
    "Коваль", "Бойко", "Мельник", "Лисенко", "Руденко", "Марченко", "Савченко", "Петренко",
    "Мороз", "Левченко", "Гончаренко", "Павленко", "Кузьменко", "Захарченко", "Романенко", "Клименко",
    "Остапчук", "Ярошенко", "Білик", "Гнатюк", "Дячук", "Ємельяненко", "Жук", "Зінченко",
    "Іваненко", "Їжакевич", "Юрченко", "Яковенко", "Ґудзь", "Ґалаґан", "Гайдай", "Головко",
    "Данилюк", "Демченко", "Литвиненко", "Мазур", "Назаренко", "Онищенко", "Пономаренко", "Симоненко",
    "Тимошенко", "Федоренко", "Харченко", "Цимбалюк", "Чорновол", "Шаповал", "Щербак", "Ющенко",
)
FIRST_NAMES = (
    "Олександр", "Андрій", "Іван", "Петро", "Микола", "Сергій", "Дмитро", "Василь", "Юрій", "Євген",
    "Богдан", "Тарас", "Олег", "Ігор", "Роман", "Віталій", "Максим", "Остап", "Ярослав", "Ґеорґій",
    "Олена", "Євгенія", "Ірина", "Наталія", "Оксана", "Марія",
)
PATRONYMICS = (
    "Олександрович", "Андрійович", "Іванович", "Петрович", "Миколайович", "Сергійович", "Васильович",
    "Юрійович", "Богданович", "Тарасович", "Олегович", "Ігорович",
)
CATEGORIES = (Category.COMPLETE.value,) * 7 + (Category.PARTIAL.value, Category.FRAGMENTS.value)


@dataclass
class Dataset:
    db: Database
    supervisor: AppContext
    officer: AppContext
    round_ids: list[str]
    cases: int
    build_seconds: float
    # a round with a manifest and no cases yet, for the intake benchmark
    intake_round_id: str = ""
    intake_tags: list[str] = field(default_factory=list)


def random_name(rng: random.Random) -> str:
    """A Ukrainian full name (the surnames include the letters search must fold: ґ, ї, є)."""
    return f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES)} {rng.choice(PATRONYMICS)}"


def _chunks(rows: list[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _insert(session: Any, table: Table, rows: list[dict[str, Any]], ctx: AppContext) -> None:
    """Insert synced rows and their first versions, as every bulk path in the application does."""
    name = table.name
    for chunk in _chunks(rows):
        versions = stamp_rows(name, chunk, ctx.actor)
        session.execute(insert(table), with_search_values(name, chunk))
        insert_versions(session, versions)


def _round_rows(n_rounds: int) -> list[dict[str, Any]]:
    first = date(2024, 3, 1)
    return [
        {
            "code": f"R-{(first + timedelta(days=13 * i)).isoformat()}-{i + 1:02d}",
            "round_date": first + timedelta(days=13 * i),
            "place": "Київська обл.", "sending_party": "Сторона А", "receiving_party": "Міністерство",
            "intermediary": "МКЧХ", "agreement_ref": f"AG-{i + 1}", "declared_total": ROUND_SIZE, "notes": "",
        }
        for i in range(n_rounds)
    ]


def _manifest_rows(round_id: str, round_no: int, rng: random.Random, size: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(1, size + 1):
        tag = f"UA-{round_no:03d}-{i:04d}"
        name = "" if i % UNKNOWN_NAME_EVERY == 0 else random_name(rng)
        rows.append({
            "round_id": round_id, "line_no": i, "sender_tag": tag, "sender_tag_norm": normalize_tag(tag),
            "claimed_name": name, "claimed_name_norm": normalize_text(name), "claimed_birth_date": "",
            "claimed_citizenship": "UA", "category": Category.COMPLETE.value, "notes": "", "import_batch": None,
        })
    return rows


def _case_rows(
    round_row: dict[str, Any], round_no: int, lines: list[dict[str, Any]], rng: random.Random,
    sequences: dict[tuple[str, int], int], received_by: str,
) -> list[dict[str, Any]]:
    device = OTHER_DEVICES[round_no % len(OTHER_DEVICES)]
    day: date = round_row["round_date"]
    start = datetime(day.year, day.month, day.day, 7, 0)
    rows = []
    for i, line in enumerate(lines):
        key = (device, day.year)
        sequences[key] = sequences.get(key, 0) + 1
        off = (i + 1) % OFF_MANIFEST_EVERY == 0
        tag = f"X-{round_no:03d}-{i:04d}" if off else line["sender_tag"]
        name = "" if off else line["claimed_name"]
        rows.append({
            "case_number": f"{device}-{day.year}-{sequences[key]:05d}",
            "round_id": round_row["id"], "transport_unit_id": None,
            "manifest_line_id": None if off else line["id"], "parent_case_id": None,
            "sender_tag": tag, "sender_tag_norm": normalize_tag(tag), "off_manifest": off,
            "bag_number": str(i + 1), "category": rng.choice(CATEGORIES), "condition_flags": "",
            "apparent_sex": rng.choice((Sex.MALE.value, Sex.MALE.value, Sex.UNKNOWN.value)),
            "age_group": AgeGroup.ADULT.value, "storage_location": f"Холодильник {i % 12 + 1}",
            "status": "received", "claimed_name": name, "claimed_name_norm": normalize_text(name),
            "claimed_birth_date": "", "claimed_citizenship": "" if off else "UA",
            "claimed_source": "" if not name else "manifest", "established_name": "",
            "established_name_norm": "", "established_birth_date": "", "identification_method": "",
            "identified_by": "", "identified_on": None, "notes": "",
            "received_at": start + timedelta(seconds=25 * i), "received_by": received_by,
        })
    return rows


def _custody_rows(cases: list[dict[str, Any]], round_row: dict[str, Any], recorded_by: str) -> list[dict[str, Any]]:
    return [
        {
            "case_id": c["id"], "event_type": CustodyEventType.RECEIVED.value, "occurred_at": c["received_at"],
            "place": round_row["place"], "from_party": round_row["sending_party"],
            "to_party": round_row["receiving_party"], "seals_before": "", "seals_after": "",
            "witnesses": round_row["intermediary"], "certificate_id": None, "recorded_by": recorded_by,
            "notes": "",
        }
        for c in cases
    ]


def build(
    db: Database, n_cases: int, *, seed: int = 20260601, progress: Callable[[str], None] = lambda _m: None
) -> Dataset:
    """Fill an empty, migrated database with ``n_cases`` (rounded up to whole rounds)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    supervisor = accounts.initialize(
        db, device_code=DEVICE, device_name="Headquarters", username="olena",
        full_name="Олена Петренко", password=PASSWORD,
    )
    accounts.create_user(supervisor, username="ivan", full_name="Іван Бондар", role=Role.FIELD_OFFICER,
                         password=PASSWORD)
    officer = accounts.login(db, "ivan", PASSWORD)
    assert officer.user is not None
    n_rounds = max(1, -(-n_cases // ROUND_SIZE))
    round_rows = _round_rows(n_rounds + 1)  # the last one receives the intake benchmark's bags
    sequences: dict[tuple[str, int], int] = {}
    total = 0
    with supervisor.unit_of_work() as s:
        _insert(s, Round.__table__, round_rows, supervisor)  # type: ignore[arg-type]
    for no, rnd in enumerate(round_rows[:n_rounds]):
        with supervisor.unit_of_work() as s:  # one transaction per round, as one import would be
            lines = _manifest_rows(rnd["id"], no + 1, rng, ROUND_SIZE)
            _insert(s, ManifestLine.__table__, lines, supervisor)  # type: ignore[arg-type]
            cases = _case_rows(rnd, no + 1, lines, rng, sequences, officer.user.id)
            _insert(s, Case.__table__, cases, supervisor)  # type: ignore[arg-type]
            _insert(s, CustodyEvent.__table__, _custody_rows(cases, rnd, officer.user.id),  # type: ignore[arg-type]
                    supervisor)
        total += len(cases)
        if (no + 1) % 12 == 0 or no + 1 == n_rounds:
            progress(f"  {total:,} cases in {no + 1} rounds ({time.perf_counter() - started:.0f} s)")
    intake_round = round_rows[-1]
    with supervisor.unit_of_work() as s:
        lines = _manifest_rows(intake_round["id"], n_rounds + 1, rng, ROUND_SIZE)
        _insert(s, ManifestLine.__table__, lines, supervisor)  # type: ignore[arg-type]
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        # Let the operating system write the freshly built file out now: a real database was not
        # written a minute ago, and a commit's fsync would otherwise wait for hundreds of MB.
        if hasattr(os, "sync"):
            os.sync()
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")  # autovacuum would do this soon after a bulk load
            conn.commit()
    return Dataset(
        db=db, supervisor=supervisor, officer=officer, round_ids=[r["id"] for r in round_rows[:n_rounds]],
        cases=total, build_seconds=time.perf_counter() - started, intake_round_id=intake_round["id"],
        intake_tags=[line["sender_tag"] for line in lines],
    )
