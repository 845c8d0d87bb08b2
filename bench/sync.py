"""``python -m bench.sync``: export, import and merge at field and headquarters scale.

Each figure is measured beside a raw ``sqlite3`` upsert (``INSERT ... ON CONFLICT DO UPDATE``
with ``executemany``) of the same rows into a copy of the same database, in the same run:

1. merging 20 bundles of 1,200 cases (each with two personal effects and its custody event),
   signed by 20 laptops, into the headquarters database: target 3 s. The raw upsert beside it
   writes the table rows only; the line under it also writes their row versions (the version
   log, more than half of what a merge writes) and is the fair floor;
2. importing one bundle again once it is merged: target 1 s;
3. exporting 100,000 changed rows: target 2 s;
4. 110,000 row versions (100,000 new cases in 84 new rounds and 10,000 edits of existing cases)
   into a database of 1,000,000 cases: target 2x the raw upsert.

These are measurements, not tests: they print a table and exit non-zero when a target fails.
``--cases`` makes the big database smaller for a quick run; ``--only merge|export|big`` runs one
item (``merge`` is items 1 and 2).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert

from app.domain import (
    AgeGroup,
    Category,
    CustodyEventType,
    EffectCategory,
    Sex,
    normalize_tag,
    normalize_text,
)
from app.ids import uuid7
from app.persistence.db import Database, open_database
from app.persistence.models import Case, CustodyEvent, PersonalEffect, Round, RowVersion
from app.persistence.search import with_search_values
from app.persistence.versioning import canonical_json, insert_versions, stamp_rows
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.reconciliation import fact_queue
from app.services.sync.common import IMPORT_CACHE_KIB, IMPORT_TEMP_STORE
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED
from app.sync.exporter import mark_exported
from app.sync.tables import table_info
from bench.dataset import random_name
from bench.measure import Result, table

PASSWORD = "bench password"
ROUND_SIZE = 1200
LAPTOPS = 20
CHUNK = 5000
SYNCED_TABLES = ("devices", "users", "rounds", "cases", "personal_effects", "custody_events")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _chunks(rows: list[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# --- building databases ------------------------------------------------------------------------


class Devices:
    """Databases for the headquarters and the laptops, copied from one migrated template."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.sqlite3"
        open_database(self.template).close()

    def new(self, code: str, name: str) -> tuple[Database, AppContext]:
        path = self.folder / f"{code}.sqlite3"
        shutil.copyfile(self.template, path)
        db = open_database(path)
        ctx = accounts.initialize(db, device_code=code, device_name=name, username=f"sup{code.lower()}",
                                  full_name="Олена Петренко", password=PASSWORD)
        return db, ctx


def _insert(ctx: AppContext, table: Any, rows: list[dict[str, Any]]) -> None:
    with ctx.unit_of_work() as s:
        for chunk in _chunks(rows):
            versions = stamp_rows(table.name, chunk, ctx.actor)
            s.execute(insert(table), with_search_values(table.name, chunk))
            insert_versions(s, versions)


def case_rows(device: str, round_id: str, n: int, rng: random.Random, start_no: int = 1,
              day: date = date(2026, 6, 1)) -> list[dict[str, Any]]:
    start = datetime(day.year, day.month, day.day, 7, 0)
    rows = []
    for i in range(n):
        tag = f"UA-{device}-{start_no + i:06d}"
        name = random_name(rng)
        rows.append({
            "id": uuid7(), "case_number": f"{device}-{day.year}-{start_no + i:05d}", "round_id": round_id,
            "transport_unit_id": None, "manifest_line_id": None, "parent_case_id": None,
            "sender_tag": tag, "sender_tag_norm": normalize_tag(tag), "off_manifest": True,
            "bag_number": str(start_no + i), "category": Category.COMPLETE.value, "condition_flags": "",
            "apparent_sex": rng.choice((Sex.MALE.value, Sex.UNKNOWN.value)), "age_group": AgeGroup.ADULT.value,
            "storage_location": f"Холодильник {i % 12 + 1}", "status": "received", "claimed_name": name,
            "claimed_name_norm": normalize_text(name), "claimed_birth_date": "", "claimed_citizenship": "UA",
            "claimed_source": "documents", "established_name": "", "established_name_norm": "",
            "established_birth_date": "", "identification_method": "", "identified_by": "", "identified_on": None,
            "notes": "", "received_at": start + timedelta(seconds=25 * i), "received_by": None,
            "same_remains_as_id": None,
        })
    return rows


def effect_rows(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"case_id": c["id"], "position": p, "category": cat, "description": desc, "quantity": 1,
         "container_seal": "", "attachment_id": None}
        for c in cases
        for p, (cat, desc) in enumerate(((EffectCategory.DOCUMENT.value, "Паспорт громадянина України"),
                                         (EffectCategory.JEWELLERY.value, "Обручка, жовтий метал")))
    ]


def custody_rows(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"case_id": c["id"], "event_type": CustodyEventType.RECEIVED.value, "occurred_at": c["received_at"],
         "place": "Київська обл.", "from_party": "Сторона А", "to_party": "Міністерство", "seals_before": "",
         "seals_after": "", "witnesses": "МКЧХ", "certificate_id": None, "recorded_by": None, "notes": ""}
        for c in cases
    ]


def record_cases(ctx: AppContext, round_id: str, n: int, rng: random.Random, start_no: int = 1) -> None:
    cases = case_rows(ctx.device_code, round_id, n, rng, start_no)
    _insert(ctx, Case.__table__, cases)
    _insert(ctx, PersonalEffect.__table__, effect_rows(cases))
    _insert(ctx, CustodyEvent.__table__, custody_rows(cases))


def round_row(code: str, day: date) -> dict[str, Any]:
    return {"id": uuid7(), "code": code, "round_date": day, "place": "Київська обл.", "sending_party": "Сторона А",
            "receiving_party": "Міністерство", "intermediary": "МКЧХ", "agreement_ref": "AG-1",
            "declared_total": ROUND_SIZE, "notes": ""}


# --- the raw baseline ----------------------------------------------------------------------------


def _sql_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":  # SQLAlchemy's SQLite storage format
        dt = datetime.fromisoformat(value)
        return dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    if kind == "bool":
        return int(value)
    return value


def bundle_rows(paths: list[Path]) -> dict[str, list[tuple[Any, ...]]]:
    """The table rows (latest version of each row, with bookkeeping columns) the bundles carry,
    as tuples ready for ``sqlite3``; read from the bundle files before the clock starts."""
    import zipfile

    from sqlalchemy.sql import sqltypes

    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for line in zf.read("versions.jsonl").splitlines():
                rec = json.loads(line)
                latest[(rec["table"], rec["row_id"])] = rec
    out: dict[str, list[tuple[Any, ...]]] = {}
    for (tname, _), rec in latest.items():
        info = table_info(tname)
        kinds = []
        for c in info.columns:
            col = info.table.c[c]
            kinds.append("datetime" if isinstance(col.type, sqltypes.DateTime)
                         else "bool" if isinstance(col.type, sqltypes.Boolean) else "")
        snap = json.loads(rec["snapshot"])
        values = [_sql_value(snap.get(c), k) for c, k in zip(info.columns, kinds, strict=True)]
        out.setdefault(tname, []).append((*values, 1, rec["version_id"], rec["hlc"]))
    return out


def bundle_versions(paths: list[Path], known_in: Path) -> list[tuple[Any, ...]]:
    """The row versions the bundles carry that the database ``known_in`` lacks (each once), as
    tuples for ``INSERT INTO row_versions``; read before the clock starts."""
    import zipfile

    conn = sqlite3.connect(known_in)
    known = {r[0] for r in conn.execute("SELECT version_id FROM row_versions")}
    conn.close()
    out: list[tuple[Any, ...]] = []
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for line in zf.read("versions.jsonl").splitlines():
                rec = json.loads(line)
                if rec["version_id"] in known:
                    continue
                known.add(rec["version_id"])
                out.append((rec["version_id"], rec["table"], rec["row_id"], rec["parent"], rec["hlc"], rec["device"],
                            rec["author_id"], rec["author"], int(rec["deleted"]), rec["snapshot"],
                            _sql_value(rec["created_at"], "datetime")))
    return out


def raw_upsert(path: Path, rows: dict[str, list[tuple[Any, ...]]],
               versions: list[tuple[Any, ...]] | None = None) -> float:
    """Seconds to upsert ``rows`` (and insert ``versions`` into the version log first, when
    given) with plain sqlite3, in one transaction, with the pragmas of the application's import."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")  # as the application's import has
    conn.execute(f"PRAGMA temp_store = {IMPORT_TEMP_STORE}")
    order = [t for t in ("devices", "users", "rounds", "transport_units", "manifest_lines", "cases",
                         "attachments", "personal_effects", "custody_events") if t in rows]
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    if versions:
        conn.executemany(
            "INSERT INTO row_versions (version_id, table_name, row_id, parent_version_id, hlc, device_code, "
            "author_id, author_name, deleted, snapshot, created_at, exported) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", versions)
    for tname in order:
        info = table_info(tname)
        cols = [*info.columns, "rev", "head_version", "hlc"]
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        sql = (f"INSERT INTO {tname} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
               f"ON CONFLICT(id) DO UPDATE SET {sets}")
        conn.executemany(sql, rows[tname])
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def copy_db(src: Path, dst: Path) -> None:
    """Copy a database, and wait until the copy is on disk: writing back gigabytes while a
    measurement runs would slow down whichever comes first."""
    conn = sqlite3.connect(src)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    if hasattr(os, "sync"):
        os.sync()


def checkpoint(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    if hasattr(os, "sync"):
        os.sync()


def phases(timings: dict[str, float]) -> str:
    return "where the time went: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items() if k != "total")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


# --- scenarios -----------------------------------------------------------------------------------


def bench_merge_20(folder: Path, devices: Devices) -> list[Result]:
    rng = random.Random(20260601)
    say(f"Recording {LAPTOPS} laptops x {ROUND_SIZE:,} cases ...")
    hq_db, hq = devices.new("HQ01", "Headquarters")
    rnd = round_row("R-2026-06-01", date(2026, 6, 1))
    _insert(hq, Round.__table__, [rnd])
    start = export_bundle(hq, folder / "hq-start.repat", full=True).path
    bundles: list[Path] = []
    for i in range(LAPTOPS):
        db, ctx = devices.new(f"KH{i + 1:02d}", f"Field laptop {i + 1}")
        apply_import(ctx, [start], trust=True)
        record_cases(ctx, rnd["id"], ROUND_SIZE, rng)
        bundles.append(export_bundle(ctx, folder / f"KH{i + 1:02d}.repat").path)
        db.close()
    versions = sum(json.loads(__import__("zipfile").ZipFile(b).read("manifest.json"))["counts"]["versions"]
                   for b in bundles)
    checkpoint(hq_db)
    base_path = folder / "hq-baseline.sqlite3"
    copy_db(hq_db.path or Path(), base_path)
    shutil.copyfile(base_path, folder / "hq-before.sqlite3")
    shutil.copyfile(base_path, folder / "hq-baseline-log.sqlite3")
    rows = bundle_rows(bundles)
    log_rows = bundle_versions(bundles, base_path)
    say(f"Merging {LAPTOPS} bundles ({versions:,} row versions) at the headquarters ...")
    seconds, result = timed(lambda: apply_import(hq, bundles, trust=True))
    assert not result.refused, result.refused
    new = result.total("new")
    raw = raw_upsert(base_path, rows)
    raw_log = raw_upsert(folder / "hq-baseline-log.sqlite3", rows, log_rows)
    say(f"  {seconds:.2f} s ({new:,} records), raw upsert {raw:.2f} s, with the version log {raw_log:.2f} s")
    say("  " + phases(result.timings))
    out = [Result(f"merge {LAPTOPS} bundles x {ROUND_SIZE:,} cases ({versions:,} versions)", "sqlite",
                  [seconds], [raw], "raw sqlite3 upsert", 3.0),
           Result("  raw: the same rows and their versions", "sqlite", [raw_log], None, "", None,
                  note="the raw floor of item 1 (the upsert above leaves out the version log)")]
    say("Importing one of them again ...")
    again, result = timed(lambda: apply_import(hq, [bundles[0]]))
    assert result.files[0].status == STATUS_ALREADY
    # the same bundle under another name after its record of import is gone: every version known
    from sqlalchemy import delete

    from app.persistence.models import ImportedBundle
    with hq.unit_of_work() as s:
        s.execute(delete(ImportedBundle))
    known, result = timed(lambda: apply_import(hq, [bundles[0]]))
    assert result.files[0].new_versions == 0, result.files[0]
    say(f"  {again:.2f} s (recognised as imported), {known:.2f} s (every change known)")
    out.append(Result("re-import a merged bundle (recognised)", "sqlite", [again], None, "", 1.0))
    out.append(Result("re-import a merged bundle (all changes known)", "sqlite", [known], None, "", 1.0))
    hq_db.close()
    return out


def bench_export(folder: Path, devices: Devices, n_rows: int = 100_000) -> Result:
    rng = random.Random(7)
    db, ctx = devices.new("KH90", "Export laptop")
    rnd = round_row("R-EXPORT", date(2026, 6, 2))
    _insert(ctx, Round.__table__, [rnd])
    n_cases = n_rows // 4
    record_cases(ctx, rnd["id"], n_cases, rng)
    checkpoint(db)
    say(f"Exporting {n_cases * 4 + 4:,} changed rows ...")
    seconds, result = timed(lambda: export_bundle(ctx, folder / "export.repat"))
    say(f"  {seconds:.2f} s, {result.size / 1e6:.1f} MB")
    db.close()
    return Result(f"export {result.versions:,} changed rows", "sqlite", [seconds], None, "", 2.0)


def build_big(devices: Devices, n_cases: int) -> tuple[Database, AppContext, list[dict[str, Any]]]:
    """The headquarters with ``n_cases`` cases (each with its first version), built with raw
    executemany and the indexes made afterwards."""
    db, ctx = devices.new("HQ02", "Headquarters")
    path = db.path or Path()
    db.close()
    rng = random.Random(11)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    indexes = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ('cases','row_versions')")]
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
            "AND tbl_name IN ('cases','row_versions')").fetchall():
        conn.execute(f"DROP INDEX {name}")
    conn.execute("BEGIN")
    n_rounds = -(-n_cases // ROUND_SIZE)
    info = table_info("cases")
    cols = [*info.columns, "rev", "head_version", "hlc"]
    case_sql = f"INSERT INTO cases ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    rv_cols = ("version_id", "table_name", "row_id", "parent_version_id", "hlc", "device_code", "author_id",
               "author_name", "deleted", "snapshot", "created_at", "exported")
    rv_sql = f"INSERT INTO row_versions ({', '.join(rv_cols)}) VALUES ({', '.join('?' for _ in rv_cols)})"
    sample: list[dict[str, Any]] = []
    first = date(2022, 1, 3)
    now = datetime(2026, 1, 1).strftime("%Y-%m-%d %H:%M:%S.%f")
    hlc_ms = 1_700_000_000_000
    made = 0
    for r in range(n_rounds):
        day = first + timedelta(days=r % 1400)
        rrow = round_row(f"R-OLD-{r + 1:04d}", day)
        rid, vid = rrow["id"], uuid7()
        hlc_ms += 1
        rsnap = {**rrow, "round_date": day.isoformat(), "deleted": False, "created_at": "2026-01-01T00:00:00.000",
                 "updated_at": "2026-01-01T00:00:00.000", "updated_by": None}
        conn.execute(
            "INSERT INTO rounds (id, code, round_date, place, sending_party, receiving_party, intermediary, "
            "agreement_ref, declared_total, notes, rev, head_version, hlc, deleted, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,0,?,?)",
            (rid, rrow["code"], day.isoformat(), rrow["place"], rrow["sending_party"], rrow["receiving_party"],
             rrow["intermediary"], rrow["agreement_ref"], ROUND_SIZE, "", vid, f"{hlc_ms:013d}-00000-KH77", now, now))
        conn.execute(rv_sql, (vid, "rounds", rid, None, f"{hlc_ms:013d}-00000-KH77", "KH77", None, "olena", 0,
                              canonical_json(rsnap), now, 1))
        n = min(ROUND_SIZE, n_cases - made)
        cases = case_rows(f"K{r % 90:02d}", rid, n, rng, start_no=r * ROUND_SIZE + 1, day=day)
        case_tuples = []
        versions = []
        for c in cases:
            hlc_ms += 1
            vid = uuid7()
            stamp = f"{hlc_ms:013d}-00000-KH77"
            snap = {k: (v.isoformat(timespec="milliseconds") if isinstance(v, datetime) else v) for k, v in c.items()}
            snap.update(deleted=False, created_at="2026-01-01T00:00:00.000", updated_at="2026-01-01T00:00:00.000",
                        updated_by=None)
            values = [_sql_value(snap.get(col), "datetime" if col in ("received_at", "created_at", "updated_at")
                                 else "bool" if col in ("off_manifest", "deleted") else "") for col in info.columns]
            case_tuples.append((*values, 1, vid, stamp))
            versions.append((vid, "cases", c["id"], None, stamp, "KH77", None, "olena", 0, canonical_json(snap),
                             now, 1))
            if len(sample) < 10_000 and r % 9 == 0:
                sample.append({"id": c["id"], "head": vid, "snapshot": snap, "hlc": stamp})
        conn.executemany(case_sql, case_tuples)
        conn.executemany(rv_sql, versions)
        made += n
        if (r + 1) % 100 == 0:
            say(f"  {made:,} cases")
    conn.execute("COMMIT")
    say("  making the indexes ...")
    for sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    db = open_database(path)
    # the rows above went in through the triggers, which queued them for the reconciliation:
    # a headquarters' database has its facts up to date (the upgrade or its merges did that)
    say("  bringing the reconciliation's facts up to date ...")
    with db.engine.connect() as facts_conn, facts_conn.begin():
        fact_queue.catch_up(facts_conn)
    ctx = accounts.login(db, "suphq02", PASSWORD)
    return db, ctx, sample


def bench_big(folder: Path, devices: Devices, n_cases: int, *, keep: bool = False) -> list[Result]:
    say(f"Building a headquarters database of {n_cases:,} cases ...")
    started = time.perf_counter()
    hq_db, hq, sample = build_big(devices, n_cases)
    say(f"  built in {time.perf_counter() - started:.0f} s")
    # the incoming bundle: a laptop that received the headquarters' data for the sample cases
    # (as versions) records 100,000 new cases in 84 new rounds and edits 10,000 existing ones
    lap_db, lap = devices.new("KH50", "Field laptop 50")
    with lap.unit_of_work() as s:
        s.execute(insert(RowVersion.__table__), [
            {"version_id": x["head"], "table_name": "cases", "row_id": x["id"], "parent_version_id": None,
             "hlc": x["hlc"], "device_code": "KH77", "author_id": None, "author_name": "olena", "deleted": False,
             "snapshot": canonical_json(x["snapshot"]), "created_at": datetime(2026, 1, 1), "exported": False}
            for x in sample
        ])
        conn = s.connection()
        mark_exported(conn, [r[0] for r in conn.exec_driver_sql("SELECT seq FROM row_versions")])
    edits = []
    for x in sample:
        snap = dict(x["snapshot"], storage_location="Холодильник 99", status="stored",
                    updated_at="2026-06-02T10:00:00.000")
        vid = uuid7()
        edits.append({"version_id": vid, "table_name": "cases", "row_id": x["id"], "parent_version_id": x["head"],
                      "hlc": lap.clock.now(), "device_code": "KH50", "author_id": None, "author_name": "ivan",
                      "deleted": False, "snapshot": canonical_json(snap), "created_at": datetime(2026, 6, 2),
                      "exported": False})
    with lap.unit_of_work() as s:
        insert_versions(s, edits)
    rng = random.Random(5)
    rounds_new = [round_row(f"R-NEW-{i + 1:03d}", date(2026, 6, 3)) for i in range(84)]
    _insert(lap, Round.__table__, rounds_new)
    remaining = 100_000
    for i, rnd in enumerate(rounds_new):
        n = min(-(-100_000 // 84), remaining)
        cases = case_rows("KH50", rnd["id"], n, rng, start_no=i * ROUND_SIZE + 1, day=date(2026, 6, 3))
        _insert(lap, Case.__table__, cases)
        remaining -= n
    path = export_bundle(lap, folder / "KH50.repat").path
    lap_db.close()
    import zipfile
    versions = json.loads(zipfile.ZipFile(path).read("manifest.json"))["counts"]["versions"]
    rows = bundle_rows([path])
    checkpoint(hq_db)
    base_path = folder / "big-baseline.sqlite3"
    say("  copying the database for the baseline ...")
    copy_db(hq_db.path or Path(), base_path)
    log_path = folder / "big-baseline-log.sqlite3"
    copy_db(base_path, log_path)
    log_rows = bundle_versions([path], log_path)
    if keep:  # the database as it was before the import, to run it again
        copy_db(base_path, folder / "big-before.sqlite3")
    say(f"Importing {versions:,} row versions into {n_cases:,} cases ...")
    seconds, result = timed(lambda: apply_import(hq, [path], trust=True))
    f = result.files[0]
    assert f.status == STATUS_APPLIED, f.message
    raw = raw_upsert(base_path, rows)
    raw_log = raw_upsert(log_path, rows, log_rows)
    say(f"  {seconds:.2f} s ({f.new:,} new, {f.updated:,} updated), raw upsert {raw:.2f} s ({seconds / raw:.2f}x), "
        f"with the version log {raw_log:.2f} s ({seconds / raw_log:.2f}x)")
    say("  " + phases(result.timings))
    hq_db.close()
    for done in (base_path, log_path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{done}{suffix}").unlink(missing_ok=True)
    return [Result(f"{versions:,} versions into {n_cases:,} cases", "sqlite", [seconds], [raw],
                   "raw sqlite3 upsert", 2.0 * raw, note="target: 2x the raw upsert"),
            Result("  raw: the same rows and their versions", "sqlite", [raw_log], None, "", None,
                   note="the raw upsert above leaves out the version log, which the import also writes")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the big database (default 1000000)")
    parser.add_argument("--skip-big", action="store_true", help="leave out the big database")
    parser.add_argument("--only", choices=("merge", "export", "big"), action="append",
                        help="run only this item (merge: items 1-2, export: item 3, big: item 4); repeatable")
    parser.add_argument("--keep", metavar="FOLDER", help="keep the databases and bundles in FOLDER")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="repat-bench-sync-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("REPAT_DATA_DIR", str(folder / "data"))
    try:
        devices = Devices(folder)
        only = set(args.only or ("merge", "export", "big"))
        if args.skip_big:
            only.discard("big")
        results: list[Result] = []
        if "merge" in only:
            results += bench_merge_20(folder, devices)
        if "export" in only:
            results.append(bench_export(folder, devices))
        if "big" in only:
            results += bench_big(folder, devices, args.cases, keep=bool(args.keep))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print(table(results))
    print(f"\n{len(results)} measurements in {time.perf_counter() - started:.0f} s "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    failed = [r for r in results if r.passed is False]
    if failed:
        print(f"{len(failed)} target(s) missed: " + "; ".join(r.operation for r in failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
