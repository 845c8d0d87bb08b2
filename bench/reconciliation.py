"""``python -m bench.reconciliation [--rounds 100] [--per-round 10000]``: reconciliation at scale.

Builds an SQLite database of 100 rounds of 10,000 cases (1,000,000 cases, their lists, transport
units, custody events, acceptance certificates, forensic progress and the discrepancies intake
records), plus one realistic round of 1,200 cases, then times:

- the dashboard figures of every round, computed from nothing (the first time a database is
  reconciled, or after "Recompute all");
- the dashboard figures as a supervisor sees them: after a change in one round (only that round
  is recomputed), and with nothing changed;
- ``unexplained_counts`` (the round selector);
- the drill-down of a 10,000-case figure;
- the reconciliation report (PDF and CSV) of the 1,200-case round.

The bulk rows are written with ``sqlite3.executemany`` with the secondary indexes dropped and
rebuilt afterwards, and without their first row versions (the reconciliation reads the version
log only for changes made after its figures were cached; the changes timed here are made through
the services and are versioned as usual). Prints a table; exits non-zero when a target fails.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain import Role
from app.ids import uuid7
from app.persistence.db import open_database
from app.services import accounts, cases, reconciliation
from app.services.context import AppContext
from bench.measure import Result, table, timed

PASSWORD = "bench password"
FIRST_DAY = date(2024, 1, 8)
TODAY = date(2026, 6, 1)
UNITS = 10
NAMES = ("Коваленко Олександр", "Бондаренко Андрій", "Ткаченко Іван", "Шевченко Петро", "Кравченко Микола",
         "Олійник Сергій", "Шевчук Дмитро", "Поліщук Василь", "Мельник Юрій", "Ґудзь Євген")


class Ids:
    """Time-ordered ids made fast: one UUIDv7 prefix and a running counter (sorted inserts)."""

    def __init__(self) -> None:
        self._prefix = uuid7()[:23]
        self._n = 0

    def __call__(self) -> str:
        self._n += 1
        return f"{self._prefix}-{self._n:012x}"


SYNCED_COLS = ("id", "rev", "head_version", "hlc", "deleted", "created_at", "updated_at", "updated_by")


def _insert(con: sqlite3.Connection, table_name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    marks = ",".join("?" * len(columns))
    con.executemany(f"INSERT INTO {table_name} ({','.join(columns)}) VALUES ({marks})", rows)


def _drop_indexes(con: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    found = con.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
        f"({','.join('?' * len(tables))})", tables
    ).fetchall()
    for name, _sql in found:
        con.execute(f"DROP INDEX {name}")
    return [sql for _name, sql in found]


ROUND_COLS = ("code", "round_date", "place", "sending_party", "receiving_party", "intermediary", "agreement_ref",
              "declared_total", "notes", *SYNCED_COLS)
UNIT_COLS = ("round_id", "label", "description", "seal_numbers", "seal_intact", "declared_bags", "notes", *SYNCED_COLS)
LINE_COLS = ("round_id", "line_no", "sender_tag", "sender_tag_norm", "claimed_name", "claimed_name_norm",
             "claimed_birth_date", "claimed_citizenship", "category", "notes", "import_batch", *SYNCED_COLS)
CASE_COLS = ("case_number", "round_id", "transport_unit_id", "manifest_line_id", "sender_tag", "sender_tag_norm",
             "off_manifest", "bag_number", "category", "condition_flags", "apparent_sex", "age_group",
             "storage_location", "status", "claimed_name", "claimed_name_norm", "claimed_birth_date",
             "claimed_citizenship", "claimed_source", "established_name", "established_name_norm",
             "established_birth_date", "identification_method", "identified_by", "identified_on", "notes",
             "received_at", "received_by", "examination_status", "examined_at", "examined_by",
             "established_citizenship", "identity_disputed", *SYNCED_COLS)
EVENT_COLS = ("case_id", "event_type", "occurred_at", "place", "from_party", "to_party", "seals_before",
              "seals_after", "witnesses", "certificate_id", "recorded_by", "notes", *SYNCED_COLS)
CERT_COLS = ("number", "kind", "status", "round_id", "parties", "void_reason", "issued_at", *SYNCED_COLS)
LINK_COLS = ("certificate_id", "case_id", *SYNCED_COLS)
DISC_COLS = ("round_id", "kind", "case_id", "detail", "explanation", "resolved", *SYNCED_COLS)


def _t(moment: datetime) -> str:
    """Timestamps as SQLAlchemy stores them in SQLite (formatted once, not per column)."""
    return moment.isoformat(" ")


def build_round(con: sqlite3.Connection, ids: Ids, no: int, day: date, size: int, rng: random.Random,
                user_id: str, today: date = TODAY) -> str:
    """One round of ``size`` cases, its list, units, events, certificate, forensics and discrepancies."""
    now_dt = datetime.combine(day, datetime.min.time()) + timedelta(hours=7)
    now = _t(now_dt)
    round_id = ids()
    declared = size + size // 100 + (0 if no % 3 else 2)
    _insert(con, "rounds", ROUND_COLS, [(f"R-{day.isoformat()}-{no:03d}", day.isoformat(), "Київська обл.",
                                         "Сторона А", "Міністерство", "МКЧХ", f"AG-{no}", declared, "",
                                         round_id, 1, None, None, 0, now, now, None)])
    per_unit = -(-size // UNITS)
    units = []
    for u in range(UNITS):
        uid = ids()
        units.append(uid)
        declared_bags = min(per_unit, size - u * per_unit) + (1 if (u == 3 and no % 4 == 0) else 0)
        _insert(con, "transport_units", UNIT_COLS, [(round_id, f"AA{no:03d}{u}BB", "", f"S-{no}-{u}",
                                                     0 if (u == 7 and no % 5 == 0) else 1, declared_bags, "",
                                                     uid, 1, None, None, 0, now, now, None)])
    n_lines = size + size // 100  # one in a hundred declared bodies never arrives
    lines = []
    line_ids = []
    for i in range(n_lines):
        lid = ids()
        line_ids.append(lid)
        tag = f"T{no:03d}-{i:05d}"
        name = NAMES[i % len(NAMES)]
        lines.append((round_id, i + 1, tag, tag.lower(), name, name.lower(), "", "UA", "complete", "", None,
                      lid, 1, None, None, 0, now, now, None))
    _insert(con, "manifest_lines", LINE_COLS, lines)
    age = (today - day).days
    examined_share = min(1.0, age / 60)
    cases_rows, events, links, discrepancies = [], [], [], []
    cert_id = ids()
    _insert(con, "certificates", CERT_COLS, [(f"KH02-A-{day.year}-{no:04d}", "acceptance", "issued", round_id,
                                              "{}", "", now, cert_id, 1, None, None, 0, now, now, None)])
    previous_tag = ""
    random_ = rng.random
    for i in range(size):
        cid = ids()
        received_dt = now_dt + timedelta(seconds=20 * i)
        received_at = _t(received_dt)
        off = i % 50 == 49
        duplicate = i % 1000 == 999
        tag = f"X{no:03d}-{i:05d}" if off else (previous_tag if duplicate else f"T{no:03d}-{i:05d}")
        previous_tag = tag
        line_id = None if off else line_ids[i - 1 if duplicate else i]
        category = "commingled" if i % 100 == 17 else "complete"
        status, exam_status, examined_at, identified_on, est_name, disputed = "received", None, None, None, "", None
        released_at = None
        examined_dt = received_dt + timedelta(days=1 + i % 20)
        ident = (examined_dt + timedelta(days=5 + i % 25)).date()
        if random_() < examined_share and examined_dt.date() < today:  # nothing is dated in the future
            exam_status, status = "completed", "examined"
            examined_at = _t(examined_dt)
            if random_() < 0.8 and ident < today:
                status, identified_on, est_name = "identified", ident.isoformat(), NAMES[i % len(NAMES)]
                disputed = i % 97 == 0
                if random_() < 0.6 and ident + timedelta(days=3) < today:
                    status, released_at = "released", _t(datetime.combine(ident, datetime.min.time())
                                                         + timedelta(days=3))
        name = "" if off else NAMES[i % len(NAMES)]
        cases_rows.append((
            f"KH{2 + no % 12:02d}-{day.year}-{no:03d}{i:05d}", round_id, units[i // per_unit], line_id, tag,
            tag.lower(), off, str(i + 1), category, "", "unknown", "unknown", "", status, name, name.lower(), "",
            "" if off else "UA", "" if off else "manifest", est_name, est_name.lower(), "",
            "dna" if identified_on else "", "Лабораторія" if identified_on else "", identified_on, "", received_at,
            user_id, exam_status, examined_at, "Д-р К." if examined_at else None, "UA" if identified_on else None,
            disputed, cid, 1, None, None, 0, received_at, received_at, None,
        ))
        events.append((cid, "received", received_at, "", "Сторона А", "Міністерство", "", "", "", None, user_id, "",
                       ids(), 1, None, None, 0, received_at, received_at, None))
        if examined_at is not None and i % 5000 != 3:  # a rare custody-chain gap
            events.append((cid, "examined", examined_at, "", "", "", "", "", "", None, user_id, "",
                           ids(), 1, None, None, 0, examined_at, examined_at, None))
        if released_at is not None:
            events.append((cid, "released", released_at, "", "", "Родина", "", "", "", None, user_id, "",
                           ids(), 1, None, None, 0, released_at, released_at, None))
        if i % 10 != 9:
            links.append((cert_id, cid, ids(), 1, None, None, 0, now, now, None))
        if off or duplicate or category == "commingled":
            for kind, on in (("received_not_declared", off), ("duplicate_tag", duplicate),
                             ("commingled", category == "commingled")):
                if on:
                    discrepancies.append((round_id, kind, cid, "", "", 0, ids(), 1, None, None, 0, received_at,
                                          received_at, None))
    _insert(con, "cases", CASE_COLS, cases_rows)
    _insert(con, "custody_events", EVENT_COLS, events)
    _insert(con, "certificate_cases", LINK_COLS, links)
    _insert(con, "discrepancies", DISC_COLS, discrepancies)
    return round_id


def build(path: Path, n_rounds: int, per_round: int, say: Callable[[str], None], *,
          first_day: date = FIRST_DAY, today: date = TODAY) -> tuple[list[str], str]:
    """The database: ``n_rounds`` rounds of ``per_round`` cases a week apart from ``first_day``,
    then one round of 1,200 twenty days before ``today``; forensic progress follows each round's age."""
    db = open_database(path)
    sup = accounts.initialize(db, device_code="KH01", device_name="Headquarters", username="olena",
                              full_name="Олена Петренко", password=PASSWORD)
    assert sup.user is not None
    user_id = sup.user.id
    db.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    con.execute("PRAGMA foreign_keys=OFF")
    indexes = _drop_indexes(con, ("cases", "manifest_lines", "custody_events", "certificate_cases", "discrepancies"))
    rng = random.Random(20260601)
    ids = Ids()
    started = time.perf_counter()
    round_ids = []
    for no in range(n_rounds):
        day = first_day + timedelta(days=7 * no)
        round_ids.append(build_round(con, ids, no + 1, day, per_round, rng, user_id, today))
        if (no + 1) % 20 == 0:
            say(f"  {(no + 1) * per_round:,} cases in {no + 1} rounds ({time.perf_counter() - started:.0f} s)")
    report_round = build_round(con, ids, n_rounds + 1, today - timedelta(days=20), 1200, rng, user_id, today)
    say(f"  rows written in {time.perf_counter() - started:.0f} s; rebuilding the indexes…")
    for sql in indexes:
        con.execute(sql)
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    say(f"  database ready in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e9:.2f} GB)")
    return round_ids, report_round


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reconciliation", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--per-round", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="build the database in DIR and keep it")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="repat-bench-recon-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reconciliation.sqlite3"
    if path.exists():
        path.unlink()
    n_cases = args.rounds * args.per_round
    say(f"Building {args.rounds} rounds of {args.per_round:,} cases ({n_cases:,}) and one of 1,200 in {path}…")
    round_ids, report_round = build(path, args.rounds, args.per_round, say)
    db = open_database(path)
    ctx: AppContext = accounts.login(db, "olena", PASSWORD)
    assert ctx.user is not None and ctx.user.role == Role.SUPERVISOR
    results: list[Result] = []
    label = f"{args.rounds + 1} rounds / {n_cases + 1200:,} cases"

    t0 = time.perf_counter()
    rows = reconciliation.recompute_all(ctx)
    cold = time.perf_counter() - t0
    assert rows == args.rounds + 1
    results.append(Result(f"dashboard figures, computed from nothing ({label})", "sqlite", [cold], None, "", None,
                          "once per database, and after Recompute all; on a worker thread with progress"))

    results.append(Result(f"dashboard figures, nothing changed ({label})", "sqlite",
                          timed(lambda _i: reconciliation.figures(ctx), 10), None, "", 1.0))

    tags = iter(range(10**6))

    def change_then_figures(i: int) -> None:
        rid = round_ids[(i * 37) % len(round_ids)]
        cases.record_intake(ctx, cases.IntakeData(round_id=rid, sender_tag=f"NEW-{next(tags)}"))
        reconciliation.figures(ctx)

    # the change itself (one intake) is part of the timing, so the figure is an upper bound
    results.append(Result(f"dashboard figures after a change in one round ({label})", "sqlite",
                          timed(change_then_figures, 10, warmup=1), None, "", 1.0,
                          "includes saving the change (one intake) and recomputing its round"))
    results.append(Result("unexplained_counts (round selector)", "sqlite",
                          timed(lambda _i: reconciliation.unexplained_counts(ctx), 10), None, "", 1.0))
    results.append(Result(f"drill-down: the {args.per_round:,} cases received in one round", "sqlite",
                          timed(lambda _i: reconciliation.figure_cases(ctx, [round_ids[0]], "received"), 5, warmup=1),
                          None, "", None))

    out = folder / "report"
    out.mkdir(exist_ok=True)
    pdf = timed(lambda i: reconciliation.write_report(ctx, str(out / f"r{i}.pdf"), "pdf", [report_round]), 5,
                warmup=1)
    written = reconciliation.write_report(ctx, str(out / "check.pdf"), "pdf", [report_round])
    results.append(Result("report of a 1,200-case round (PDF)", "sqlite", pdf, None, "", 1.0,
                          f"{written.pages} pages, discrepancies listed with their explanations"))
    results.append(Result("report of a 1,200-case round (CSV)", "sqlite",
                          timed(lambda i: reconciliation.write_report(ctx, str(out / f"r{i}.csv"), "csv",
                                                                      [report_round]), 5, warmup=1),
                          None, "", 1.0))
    figures = {f.round_id: f for f in reconciliation.figures(ctx)}
    total = reconciliation.total(figures.values())
    db.close()
    print(table(results))
    print(f"\nTotals: {total['received']:,} received of {total['declared_total']:,} declared, "
          f"{total['certified']:,} certified, {total['examined']:,} examined, {total['identified']:,} identified, "
          f"{total['released']:,} released; {total.discrepancies_total:,} discrepancies.")
    if not args.keep:
        for p in sorted(folder.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        folder.rmdir()
    return 0 if all(r.passed is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
