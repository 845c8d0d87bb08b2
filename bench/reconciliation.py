"""``python -m bench.reconciliation [--rounds 100] [--per-round 10000] [--versions] [--pg URL] [--runs 5]``:
reconciliation at scale.

Builds a database of 100 rounds of 10,000 cases (1,000,000 cases, their lists, transport units,
custody events, acceptance certificates, forensic progress with the samples taken, and the
discrepancies intake records),
plus one realistic round of 1,200 cases, then times:

- the dashboard figures of every round computed from nothing (the first time after an upgrade,
  after "Recompute all", or on a headquarters database a merge has just filled), ``--runs`` times;
- the dashboard figures as a supervisor sees them: after a change in one round (only that round
  is recomputed), and with nothing changed;
- ``unexplained_counts`` (the round selector);
- the drill-down of a 10,000-case figure;
- the reconciliation report (PDF and CSV) of the 1,200-case round.

The bulk rows are written like a merge writes them: plain INSERTs (``sqlite3.executemany`` with the
secondary indexes dropped and rebuilt afterwards; ``COPY`` on PostgreSQL) with the database's
triggers queueing every change, then one catch-up brings the reconciliation's facts up to date
(what the merge does at its end; timed and shown for information). Without ``--versions`` the rows
get no row versions (the reconciliation reads the version log only for changes made after its
figures were cached; the changes timed here are made through the services and are versioned as
usual); with ``--versions`` every row gets its first version, as on a database filled by merges,
so the cached path reads a full version log. ``--pg URL`` builds and times on PostgreSQL: the
database at URL is emptied first. Last, the figures of three rounds are checked against a count
from the records (the slow way). Prints a table; exits non-zero when a target fails.
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

from sqlalchemy import text

from app.domain import Role
from app.ids import HybridLogicalClock, uuid7
from app.persistence.db import normalize_url, open_database
from app.persistence.versioning import BOOKKEEPING, canonical_json
from app.reports import reconciliation_file
from app.services.admin import accounts
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.reconciliation import cache, counting, drilldown, fact_queue, round_figures
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


VERSION_COLS = ("version_id", "table_name", "row_id", "parent_version_id", "hlc", "device_code", "author_id",
                "author_name", "deleted", "snapshot", "created_at", "exported")


class Sink:
    """Where the bulk rows go: ``sqlite3`` (secondary indexes dropped while writing) or
    ``psycopg`` ``COPY``. With ``versions``, every row also gets its first row version."""

    BULK_TABLES = ("cases", "manifest_lines", "custody_events", "certificate_cases", "discrepancies", "samples",
                   "row_versions")

    def __init__(self, target: str, *, versions: bool, user_id: str) -> None:
        self.versions = versions
        self.user_id = user_id
        self.clock = HybridLogicalClock("KH02", 1_700_000_000_000)
        self.pg = "://" in target
        self.written = 0
        if self.pg:
            import psycopg

            self.conn: Any = psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://"))
            self.indexes: list[str] = []
        else:
            self.conn = sqlite3.connect(target)
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000", "foreign_keys=OFF"):
                self.conn.execute(f"PRAGMA {pragma}")
            found = self.conn.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
                f"({','.join('?' * len(self.BULK_TABLES))})", self.BULK_TABLES
            ).fetchall()
            for name, _sql in found:
                self.conn.execute(f"DROP INDEX {name}")
            self.indexes = [sql for _name, sql in found]

    def insert(self, table_name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if self.versions:
            rows, versions = self._versioned(table_name, columns, rows)
            self._write(table_name, columns, rows)
            self._write("row_versions", VERSION_COLS, versions)
        else:
            self._write(table_name, columns, rows)
        self.written += len(rows)

    def _write(self, table_name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if self.pg:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table_name} ({','.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ",".join("?" * len(columns))
            self.conn.executemany(f"INSERT INTO {table_name} ({','.join(columns)}) VALUES ({marks})", rows)

    def _versioned(self, table_name: str, columns: tuple[str, ...],
                   rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The rows with their head version and clock stamp, and their first row versions."""
        keep = [i for i, c in enumerate(columns) if c not in BOOKKEEPING]
        at = {c: len(columns) - len(SYNCED_COLS) + i for i, c in enumerate(SYNCED_COLS)}
        out, versions = [], []
        for row in rows:
            version_id, hlc = uuid7(), self.clock.now()
            row = (*row[: at["head_version"]], version_id, hlc, *row[at["hlc"] + 1 :])
            out.append(row)
            snapshot = canonical_json({columns[i]: row[i] for i in keep})
            versions.append((version_id, table_name, row[at["id"]], None, hlc, "KH02", self.user_id, "olena",
                             bool(row[at["deleted"]]), snapshot, row[at["created_at"]], False))
        return out, versions

    def finish(self, say: Callable[[str], None]) -> None:
        if self.pg:
            self.conn.commit()
            self.conn.autocommit = True
            self.conn.execute("VACUUM ANALYZE")
        else:
            say("  rebuilding the indexes…")
            for sql in self.indexes:
                self.conn.execute(sql)
            self.conn.commit()
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.close()


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
SAMPLE_COLS = ("case_id", "sample_type", "label", "taken_on", "taken_by", "sent_to", "notes", *SYNCED_COLS)


def _t(moment: datetime) -> str:
    """Timestamps as SQLAlchemy stores them in SQLite (formatted once, not per column)."""
    return moment.isoformat(" ")


def build_round(sink: Sink, ids: Ids, no: int, day: date, size: int, rng: random.Random,
                user_id: str, today: date = TODAY) -> str:
    """One round of ``size`` cases, its list, units, events, certificate, forensics and discrepancies."""
    now_dt = datetime.combine(day, datetime.min.time()) + timedelta(hours=7)
    now = _t(now_dt)
    round_id = ids()
    declared = size + size // 100 + (0 if no % 3 else 2)
    sink.insert("rounds", ROUND_COLS, [(f"R-{day.isoformat()}-{no:03d}", day.isoformat(), "Київська обл.",
                                         "Сторона А", "Міністерство", "МКЧХ", f"AG-{no}", declared, "",
                                         round_id, 1, None, None, 0, now, now, None)])
    per_unit = -(-size // UNITS)
    units = []
    for u in range(UNITS):
        uid = ids()
        units.append(uid)
        declared_bags = min(per_unit, size - u * per_unit) + (1 if (u == 3 and no % 4 == 0) else 0)
        sink.insert("transport_units", UNIT_COLS, [(round_id, f"AA{no:03d}{u}BB", "", f"S-{no}-{u}",
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
    sink.insert("manifest_lines", LINE_COLS, lines)
    age = (today - day).days
    examined_share = min(1.0, age / 60)
    cases_rows, events, links, discrepancies, samples = [], [], [], [], []
    cert_id = ids()
    sink.insert("certificates", CERT_COLS, [(f"KH02-A-{day.year}-{no:04d}", "acceptance", "issued", round_id,
                                              "{}", "", now, cert_id, 1, None, None, 0, now, now, None)])
    previous_tag = ""
    random_ = rng.random
    for i in range(size):
        cid = ids()
        received_dt = now_dt + timedelta(seconds=20 * i)
        received_at = _t(received_dt)
        off = i % 50 == 49
        duplicate = i % 1000 == 998  # the tag of the bag before, again
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
        if examined_at is not None:  # a sample at the examination, a second one now and then, rarely withdrawn
            for k in range(1 + (i % 4 == 0)):
                samples.append((cid, "tooth" if k else "bone", f"LAB-{no}-{i}-{k}", examined_dt.date().isoformat(),
                                "Д-р К.", "Лабораторія", "", ids(), 1, None, None, int(i % 500 == 7), examined_at,
                                examined_at, None))
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
    sink.insert("cases", CASE_COLS, cases_rows)
    sink.insert("custody_events", EVENT_COLS, events)
    sink.insert("certificate_cases", LINK_COLS, links)
    sink.insert("discrepancies", DISC_COLS, discrepancies)
    sink.insert("samples", SAMPLE_COLS, samples)
    return round_id


def build(target: str, n_rounds: int, per_round: int, say: Callable[[str], None], *,
          first_day: date = FIRST_DAY, today: date = TODAY, versions: bool = False) -> tuple[list[str], str, float]:
    """The database (a file path or a PostgreSQL URL): ``n_rounds`` rounds of ``per_round`` cases
    a week apart from ``first_day``, then one round of 1,200 twenty days before ``today``;
    forensic progress follows each round's age. Returns the round ids, the 1,200-case round's id
    and the seconds the final catch-up of the reconciliation's facts took."""
    db = open_database(target)
    sup = accounts.initialize(db, device_code="KH01", device_name="Headquarters", username="olena",
                              full_name="Олена Петренко", password=PASSWORD)
    assert sup.user is not None
    user_id = sup.user.id
    db.close()
    sink = Sink(normalize_url(target) if "://" in target else target, versions=versions, user_id=user_id)
    rng = random.Random(20260601)
    ids = Ids()
    started = time.perf_counter()
    round_ids = []
    for no in range(n_rounds):
        day = first_day + timedelta(days=7 * no)
        round_ids.append(build_round(sink, ids, no + 1, day, per_round, rng, user_id, today))
        if (no + 1) % 20 == 0:
            say(f"  {(no + 1) * per_round:,} cases in {no + 1} rounds ({time.perf_counter() - started:.0f} s)")
    report_round = build_round(sink, ids, n_rounds + 1, today - timedelta(days=20), 1200, rng, user_id, today)
    say(f"  {sink.written:,} rows written in {time.perf_counter() - started:.0f} s")
    sink.finish(say)
    db = open_database(target)
    queued = _scalar(db, "SELECT count(*) FROM reconciliation_queue")
    say(f"  bringing the reconciliation's facts up to date ({queued:,} changes queued)…")
    caught = time.perf_counter()
    with db.engine.begin() as conn:
        groups = fact_queue.catch_up(conn)
    catch_up_seconds = time.perf_counter() - caught
    db.close()
    size = f"{Path(target).stat().st_size / 1e9:.2f} GB" if "://" not in target else "PostgreSQL"
    say(f"  {groups:,} groups in {catch_up_seconds:.0f} s; database ready in {time.perf_counter() - started:.0f} s "
        f"({size})")
    return round_ids, report_round, catch_up_seconds


def _scalar(db: Any, sql: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _empty_pg(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _check_against_records(ctx: AppContext, round_ids: list[str]) -> None:
    """The figures read from the facts equal the figures counted from the records (a few rounds:
    counting from the records is the slow way this bench replaces)."""
    fast = {f.round_id: f for f in cache.figures(ctx, round_ids, fresh=True)}
    with ctx.reading() as session:
        refs = counting._rounds(session, round_ids, None, None)
        slow = counting._compute_direct(session, refs)
    for rid in round_ids:
        a, b = fast[rid], slow[rid]
        assert (a.values | dict.fromkeys(round_figures.LIVE_KEYS, 0)) == b.values, (a.values, b.values)
        assert {k: v for k, v in a.unexplained.items() if k not in round_figures.LIVE_KEYS} == \
            {k: v for k, v in b.unexplained.items() if k not in round_figures.LIVE_KEYS}
        assert a.timeline == b.timeline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reconciliation", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--per-round", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="build the SQLite database in DIR and keep it")
    parser.add_argument("--versions", action="store_true", help="give every bulk row its first row version")
    parser.add_argument("--pg", metavar="URL", help="build and time on this PostgreSQL database (emptied first)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the figures computed from nothing")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="repat-bench-recon-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.pg:
        _empty_pg(args.pg)
        target, backend = str(args.pg), "postgresql"
    else:
        path = folder / "reconciliation.sqlite3"
        if path.exists():
            path.unlink()
        target, backend = str(path), "sqlite"
    n_cases = args.rounds * args.per_round
    log_label = " and their row versions" if args.versions else ""
    say(f"Building {args.rounds} rounds of {args.per_round:,} cases ({n_cases:,}) and one of 1,200{log_label} "
        f"in {target}…")
    round_ids, report_round, catch_up = build(target, args.rounds, args.per_round, say, versions=args.versions)
    db = open_database(target)
    ctx: AppContext = accounts.login(db, "olena", PASSWORD)
    assert ctx.user is not None and ctx.user.role == Role.SUPERVISOR
    results: list[Result] = []
    label = f"{args.rounds + 1} rounds / {n_cases + 1200:,} cases"
    if args.versions:
        label += ", full version log"

    results.append(Result(f"bringing the facts of {n_cases + 1200:,} bulk-written cases up to date", backend,
                          [catch_up], None, "", None, "once, at the end of the writing transaction (a merge)"))
    cold = timed(lambda _i: cache.recompute_all(ctx), args.runs, warmup=0)
    results.append(Result(f"dashboard figures, computed from nothing ({label})", backend, cold, None, "", 1.0,
                          "the first run is the first computation on this database; each run ignores the cache "
                          "(Recompute all)"))
    results.append(Result(f"dashboard figures, nothing changed ({label})", backend,
                          timed(lambda _i: cache.figures(ctx), 10), None, "", 1.0))

    tags = iter(range(10**6))

    def change_then_figures(i: int) -> None:
        rid = round_ids[(i * 37) % len(round_ids)]
        case_intake.record_intake(ctx, case_intake.IntakeData(round_id=rid, sender_tag=f"NEW-{next(tags)}"))
        cache.figures(ctx)

    # the change itself (one intake) is part of the timing, so the figure is an upper bound
    results.append(Result(f"dashboard figures after a change in one round ({label})", backend,
                          timed(change_then_figures, 10, warmup=1), None, "", 1.0,
                          "includes saving the change (one intake) and recomputing its round"))
    results.append(Result("unexplained_counts (round selector)", backend,
                          timed(lambda _i: cache.unexplained_counts(ctx), 10), None, "", 1.0))
    results.append(Result(f"drill-down: the {args.per_round:,} cases received in one round", backend,
                          timed(lambda _i: drilldown.figure_cases(ctx, [round_ids[0]], "received"), 5, warmup=1),
                          None, "", None))

    out = folder / "report"
    out.mkdir(exist_ok=True)
    pdf = timed(lambda i: reconciliation_file.write_report(ctx, str(out / f"r{i}.pdf"), "pdf", [report_round]), 5,
                warmup=1)
    written = reconciliation_file.write_report(ctx, str(out / "check.pdf"), "pdf", [report_round])
    results.append(Result("report of a 1,200-case round (PDF)", backend, pdf, None, "", 1.0,
                          f"{written.pages} pages, discrepancies listed with their explanations"))
    results.append(Result("report of a 1,200-case round (CSV)", backend,
                          timed(lambda i: reconciliation_file.write_report(ctx, str(out / f"r{i}.csv"), "csv",
                                                                           [report_round]), 5, warmup=1),
                          None, "", 1.0))
    say("Checking the figures of three rounds against a count from the records…")
    _check_against_records(ctx, [round_ids[0], round_ids[len(round_ids) // 2], report_round])
    figures = {f.round_id: f for f in cache.figures(ctx)}
    total = round_figures.total(figures.values())
    db.close()
    print(table(results))
    print(f"\nTotals: {total['received']:,} received of {total['declared_total']:,} declared, "
          f"{total['certified']:,} certified, {total['examined']:,} examined, {total['sampled']:,} sampled, "
          f"{total['identified']:,} identified, "
          f"{total['released']:,} released; {total.discrepancies_total:,} discrepancies "
          f"({total['duplicate_tags']:,} duplicate tags, {total['custody_gaps']:,} custody-chain gaps). "
          "Three rounds checked against a count from the records.")
    if not args.keep:
        for p in sorted(folder.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        folder.rmdir()
    return 0 if all(r.passed is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
