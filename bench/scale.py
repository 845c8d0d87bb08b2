"""``python -m bench.scale``: how the waits grow with the database, at 10^4, 10^5 and 10^6 cases.

For each size one database is built (``bench.dataset``: rounds of 1,200 cases from twelve
laptops, each with its manifest, its "received" custody event and every row with its first
version; the reconciliation's facts brought up to date, as a headquarters has them), then the
operations users wait for are timed through the services the application calls:

- intake save: ``record_intake`` of one bag of a round's manifest;
- case table: the first page the table model reads (``listing.list_cases``) and the count shown
  under it (``listing.count_cases``, counted on a worker thread);
- name search: the same for "Koval" typed in Latin letters (Коваленко, Коваль, ...);
- certificate: draft, issue and PDF of the acceptance act of one 1,200-case round;
- import: a bundle of one new 1,200-case round from a laptop (``apply_import``);
- reconciliation dashboard: the figures of every round computed from the facts (cold, "Recompute
  all") and served from the cache (warm);
- ``audit verify``: every chain, row and issued certificate.

Each row gives the median (and the spread) at each size and the growth exponent: the slope of
log(time) against log(cases), least squares over the sizes. A wait for one round's work should
not grow with the database (exponent about 0 to 0.3); a walk over everything grows linearly
(about 1). Each row says what it is expected to do and why; the exit status is 1 when a row's
exponent is above its limit (0.5 for a per-round wait, 1.15 for a walk over everything).

Why some rows grow (measured, and by design):

- the counts (all cases, matches of a search) read one index entry per counted case: linear in
  what they count. The table shows its first page at once and the count when it arrives;
- the name search's first page: "Koval" matches about one case in twenty-eight, so the matches
  grow with the database. The first page is read in case-number order from the case-number index,
  stopping at 200 matches: it does not sort them all;
- the case table's first page on PostgreSQL grew with the database before migration 0015: the
  only index over every case number was built with ``text_pattern_ops`` (for the prefix search),
  whose order is not the one ``ORDER BY`` asks for, so the server sorted every live case to return
  200. ``ix_cases_case_number_order`` (default operator class) gives the order on both databases;
- the dashboard's warm figures are one cached row per round: linear in the rounds, and tiny;
- the cold dashboard and ``audit verify`` read every round's facts, every version and every
  row: linear by nature, run on a worker thread with progress.

``--pg URL`` (or ``REPAT_BENCH_PG``) runs the same rows on PostgreSQL too, each size in a scratch
database that is dropped afterwards; ``--only`` picks rows; ``--keep DIR`` keeps the built SQLite
databases there and reuses them (the operations run on a copy); ``--plot`` names the PNG
(log-log, one line per operation; ``-pg`` is added to its name for PostgreSQL).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from sqlalchemy import func, select

from app.persistence.db import Database, open_database
from app.persistence.models import Case, ManifestLine, Round
from app.services.admin import accounts, audit
from app.services.cases import intake, listing
from app.services.documents import certificate_drafts, certificate_issuing
from app.services.documents.certificate_forms import Scope
from app.services.reconciliation import cache, fact_queue
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED
from bench import dataset
from bench.documents import _form as certificate_form
from bench.measure import timed
from bench.sync import _insert, copy_db, record_cases, round_row

SIZES = (10_000, 100_000, 1_000_000)
PAGE = 200  # rows the case table shows first (ui.cases.model.PAGE_SIZE)
SEARCH = "Koval"  # typed in Latin letters; the names are Cyrillic
CONSTANT_LIMIT = 0.5
LINEAR_LIMIT = 1.15
LAPTOP_CODES = tuple(f"KL{n:02d}" for n in range(1, 10))  # no code of the dataset's devices


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the databases ------------------------------------------------------------------------------


@dataclass
class Subject:
    """One built database of one size, opened for the operations."""

    db: Database
    cases: int
    supervisor: Any
    officer: Any
    round_ids: list[str]
    intake_round_id: str
    intake_tags: Iterator[str]
    bundles: list[Path]


def _catch_up(db: Database) -> None:
    """Bring the reconciliation's facts up to date, as a headquarters' merges leave them."""
    with db.engine.connect() as conn, conn.begin():
        fact_queue.catch_up(conn)
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def build(target: str, n: int) -> None:
    db = open_database(target)
    try:
        started = time.perf_counter()
        say(f"Building {n:,} cases on {db.dialect} ...")
        dataset.build(db, n, progress=say)
        _catch_up(db)
        say(f"  built in {time.perf_counter() - started:.0f} s")
    finally:
        db.close()


def reopen(target: str, bundles: list[Path]) -> Subject:
    """The built database at ``target`` with the accounts, rounds and free manifest lines of
    ``bench.dataset``."""
    db = open_database(target)
    supervisor = accounts.login(db, "olena", dataset.PASSWORD)
    officer = accounts.login(db, "ivan", dataset.PASSWORD)
    with db.engine.connect() as conn:
        with_cases = set(conn.scalars(select(Case.round_id).distinct()))
        codes = list(conn.execute(select(Round.id, Round.code).order_by(Round.code)))
        n = int(conn.scalar(select(func.count()).select_from(Case)) or 0)
        free = [r for r, _ in codes if r not in with_cases]
        assert free, "the dataset keeps one round without cases for intake"
        tags = list(conn.scalars(select(ManifestLine.sender_tag).where(ManifestLine.round_id == free[0])
                                 .order_by(ManifestLine.line_no)))
    return Subject(db, n, supervisor, officer, [r for r, _ in codes if r in with_cases], free[0], iter(tags),
                   bundles)


def make_bundles(folder: Path, count: int) -> list[Path]:
    """``count`` bundles, each of one new round of 1,200 cases recorded on its own laptop."""
    rng = random.Random(20260607)
    out = []
    template = folder / "laptop-template.sqlite3"
    open_database(template).close()
    for code in LAPTOP_CODES[:count]:
        path = folder / f"{code}.sqlite3"
        shutil.copyfile(template, path)
        db = open_database(path)
        ctx = accounts.initialize(db, device_code=code, device_name=f"Field laptop {code}",
                                  username=f"sup{code.lower()}", full_name="Олена Петренко",
                                  password=dataset.PASSWORD)
        rnd = round_row(f"R-2026-06-07-{code}", date(2026, 6, 7))
        _insert(ctx, Round.__table__, [rnd])
        record_cases(ctx, rnd["id"], dataset.ROUND_SIZE, rng)
        out.append(export_bundle(ctx, folder / f"{code}.repat").path)
        db.close()
    return out


# --- the operations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    expected: str  # "constant" or "linear"
    why: str
    run: Callable[[Subject, int], list[float]]

    @property
    def limit(self) -> float:
        return CONSTANT_LIMIT if self.expected == "constant" else LINEAR_LIMIT


def op_save(s: Subject, repeats: int) -> list[float]:
    def save(_i: int) -> None:
        intake.record_intake(s.officer, intake.IntakeData(
            round_id=s.intake_round_id, sender_tag=next(s.intake_tags), storage_location="Холодильник 3",
            effects=[intake.EffectData("Жетон", category="identity_tag")],
        ))

    return timed(save, repeats * 2, warmup=2)


def op_first_page(s: Subject, repeats: int) -> list[float]:
    def page(_i: int) -> None:
        assert len(listing.list_cases(s.officer, listing.CaseQuery(), limit=PAGE).rows) == PAGE

    return timed(page, repeats * 2, warmup=2)


def op_count(s: Subject, repeats: int) -> list[float]:
    return timed(lambda _i: listing.count_cases(s.officer, listing.CaseQuery()), repeats, warmup=1)


def op_search_page(s: Subject, repeats: int) -> list[float]:
    query = listing.CaseQuery(search=SEARCH)

    def page(_i: int) -> None:
        rows = listing.list_cases(s.officer, query, limit=PAGE).rows
        assert rows and rows[0].claimed_name.startswith("Ковал"), rows[:1]

    return timed(page, repeats * 2, warmup=2)


def op_search_count(s: Subject, repeats: int) -> list[float]:
    query = listing.CaseQuery(search=SEARCH)
    return timed(lambda _i: listing.count_cases(s.officer, query), repeats, warmup=1)


def op_certificate(s: Subject, repeats: int) -> list[float]:
    samples = []
    count = len(s.round_ids)
    # rounds spread over the database, each certified once
    spread = [count // 2, count // 4, 3 * count // 4, *range(count)]
    chosen = list(dict.fromkeys(spread))[: max(1, min(repeats, 3, count))]
    for index in chosen:
        round_id = s.round_ids[index]
        started = time.perf_counter()
        draft = certificate_drafts.create_draft(s.supervisor, Scope(round_id), certificate_form())
        issued = certificate_issuing.issue_certificate(s.supervisor, draft.id)
        samples.append(time.perf_counter() - started)
        assert issued.document.pages > 0, "issuing renders the act"
    return samples


def op_import(s: Subject, repeats: int) -> list[float]:
    samples = []
    for bundle in s.bundles[: max(1, min(repeats, len(s.bundles)))]:
        started = time.perf_counter()
        result = apply_import(s.supervisor, [bundle], trust=True)
        samples.append(time.perf_counter() - started)
        assert result.files[0].status == STATUS_APPLIED, result.files[0].message
    return samples


def op_dashboard_cold(s: Subject, repeats: int) -> list[float]:
    return timed(lambda _i: cache.recompute_all(s.supervisor), max(1, min(repeats, 3)), warmup=0)


def op_dashboard_warm(s: Subject, repeats: int) -> list[float]:
    return timed(lambda _i: cache.figures(s.supervisor), repeats, warmup=1)


def op_audit(s: Subject, repeats: int) -> list[float]:
    samples = []
    for _ in range(1 if s.cases >= 500_000 else max(1, min(repeats, 3))):
        started = time.perf_counter()
        report = audit.verify(s.supervisor)
        samples.append(time.perf_counter() - started)
        assert report.intact, "\n".join(audit.describe(report)[:20])
    return samples


OPERATIONS = (
    Operation("save", "intake save (record_intake)", "constant",
              "one case, its effect, custody event, versions and counter: index look-ups only", op_save),
    Operation("table", f"case table: first page ({PAGE} rows)", "constant",
              "read in case-number order from ix_cases_case_number_order, stopping after the page",
              op_first_page),
    Operation("count", "case table: count of all cases", "linear",
              "one index entry per live case; counted on a worker thread after the page is shown", op_count),
    Operation("search", f"name search '{SEARCH}': first page", "constant",
              "matches grow with the cases; the page is read from the case-number index, stopping at "
              f"{PAGE} matches", op_search_page),
    Operation("search_count", f"name search '{SEARCH}': count of matches", "linear",
              "one index entry per match, and the matches grow with the cases; on a worker thread",
              op_search_count),
    Operation("certificate", "certificate: draft + issue + PDF, 1,200 cases", "constant",
              "one round's cases, links and custody events, by index", op_certificate),
    Operation("import", "import a bundle of one 1,200-case round", "constant",
              "each incoming row is looked up by its key; nothing scans the existing cases", op_import),
    Operation("dashboard_cold", "reconciliation dashboard, cold (every round)", "linear",
              "every round's figures from its facts: linear in the rounds, on a worker thread", op_dashboard_cold),
    Operation("dashboard_warm", "reconciliation dashboard, warm (cached)", "linear",
              "one cached row per round (a thousandth of the cases)", op_dashboard_warm),
    Operation("audit", "audit verify", "linear",
              "hashes every version, row and issued certificate: linear by nature", op_audit),
)
BY_KEY = {op.key: op for op in OPERATIONS}


# --- the figures --------------------------------------------------------------------------------


@dataclass
class Row:
    op: Operation
    backend: str
    samples: dict[int, list[float]] = field(default_factory=dict)

    def median(self, n: int) -> float:
        return statistics.median(self.samples[n])

    @property
    def exponent(self) -> float | None:
        points = [(math.log(n), math.log(self.median(n))) for n in sorted(self.samples) if self.median(n) > 0]
        if len(points) < 2:
            return None
        mx = sum(x for x, _ in points) / len(points)
        my = sum(y for _, y in points) / len(points)
        return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)

    @property
    def passed(self) -> bool | None:
        e = self.exponent
        return None if e is None else e <= self.op.limit


def _fmt(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def _cell(samples: list[float]) -> str:
    median = statistics.median(samples)
    if len(samples) == 1:
        return _fmt(median)
    return f"{_fmt(median)} ({_fmt(min(samples))}-{_fmt(max(samples))}, n={len(samples)})"


def table(rows: list[Row]) -> str:
    sizes = sorted({n for r in rows for n in r.samples})  # whole rounds: 10,800 cases for 10,000
    headers = ["operation", "db", *(f"{n:,} cases" for n in sizes), "exponent", "expected", "result", "why"]
    body = []
    for r in rows:
        e = r.exponent
        verdict = {True: "ok", False: "ABOVE LIMIT", None: "-"}[r.passed]
        body.append([r.op.label, r.backend, *(_cell(r.samples[n]) if n in r.samples else "-" for n in sizes),
                     "-" if e is None else f"{e:.2f}", f"{r.op.expected} (<= {r.op.limit:.2f})", verdict, r.op.why])
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(b) for b in body)])


COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def plot(rows: list[Row], path: Path, title: str) -> Path:
    """A log-log PNG of the medians, one line per operation, drawn with QPainter offscreen."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication([])
    width, height, left, top, right, bottom = 1400, 800, 90, 50, 560, 70
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    points = [(n, r.median(n)) for r in rows for n in r.samples]
    xs = [math.log10(n) for n, _ in points]
    ys = [math.log10(max(t, 1e-5)) for _, t in points]
    x0, x1 = math.floor(min(xs) * 2) / 2, math.ceil(max(xs) * 2) / 2
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    x1, y1 = max(x1, x0 + 0.5), max(y1, y0 + 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def at(n: float, t: float) -> QPointF:
        return QPointF(left + (math.log10(n) - x0) / (x1 - x0) * plot_w,
                       top + plot_h - (math.log10(max(t, 1e-5)) - y0) / (y1 - y0) * plot_h)

    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(14)
    p.setFont(font)
    p.setPen(QPen(QColor("#dddddd"), 1))
    for e in range(int(y0), int(y1) + 1):
        y = at(10**x0, 10**e).y()
        p.drawLine(QPointF(left, y), QPointF(left + plot_w, y))
        p.setPen(QColor("black"))
        label = f"{10 ** e * 1000:g} ms" if e < 0 else f"{10 ** e:g} s"
        p.drawText(QRectF(0, y - 10, left - 8, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        p.setPen(QPen(QColor("#dddddd"), 1))
    for n in sorted({n for n, _ in points}):
        x = at(n, 1).x()
        p.drawLine(QPointF(x, top), QPointF(x, top + plot_h))
        p.setPen(QColor("black"))
        p.drawText(QRectF(x - 60, top + plot_h + 6, 120, 20), Qt.AlignmentFlag.AlignHCenter, f"{n:,}")
        p.setPen(QPen(QColor("#dddddd"), 1))
    p.setPen(QPen(QColor("black"), 1))
    p.drawRect(QRectF(left, top, plot_w, plot_h))
    p.drawText(QRectF(left, top + plot_h + 34, plot_w, 20), Qt.AlignmentFlag.AlignHCenter, "cases in the database")
    p.drawText(QRectF(left, 10, plot_w, 30), Qt.AlignmentFlag.AlignHCenter, title)
    for i, r in enumerate(rows):
        colour = QColor(COLOURS[i % len(COLOURS)])
        pen = QPen(colour, 2.5)
        if r.op.expected == "linear":
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        ordered = sorted(r.samples)
        for a, b in zip(ordered, ordered[1:], strict=False):
            p.drawLine(at(a, r.median(a)), at(b, r.median(b)))
        for n in ordered:
            p.setBrush(colour)
            p.drawEllipse(at(n, r.median(n)), 4, 4)
        y = top + 10 + i * 26
        p.drawLine(QPointF(width - right + 20, y), QPointF(width - right + 60, y))
        p.setPen(QColor("black"))
        e = r.exponent
        text = f"{r.op.label}  (exp {e:.2f})" if e is not None else r.op.label
        p.drawText(QRectF(width - right + 68, y - 10, right - 70, 20), Qt.AlignmentFlag.AlignVCenter, text)
    p.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    del app
    return path


# --- the run ------------------------------------------------------------------------------------


def run_sqlite(sizes: list[int], ops: list[Operation], folder: Path, keep: Path | None, bundles: list[Path],
               repeats: int) -> list[Row]:
    rows = [Row(op, "sqlite") for op in ops]
    for n in sizes:
        built = (keep or folder) / f"scale-{n}.sqlite3"
        if not built.exists():
            partial = built.with_suffix(".building")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            build(str(partial), n)
            copy_db(partial, built)
            partial.unlink()
        else:
            say(f"Reusing {built}")
        work = folder / "work.sqlite3"
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        copy_db(built, work)
        _measure(reopen(str(work), bundles), rows, repeats)
        if keep is None:
            built.unlink()
    return rows


def run_pg(url: str, sizes: list[int], ops: list[Operation], bundles: list[Path], repeats: int) -> list[Row]:
    from bench.__main__ import scratch_pg_database

    rows = [Row(op, "postgresql") for op in ops]
    for n in sizes:
        with scratch_pg_database(url) as target:
            build(target, n)
            _measure(reopen(target, bundles), rows, repeats)
    return rows


def _measure(s: Subject, rows: list[Row], repeats: int) -> None:
    try:
        for row in rows:
            say(f"  {s.cases:,} cases: {row.op.label} ...")
            row.samples[s.cases] = row.op.run(s, repeats)
            say(f"    {_cell(row.samples[s.cases])}")
    finally:
        s.db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="cases in each database, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("REPAT_BENCH_PG") or None,
                        help="also run on this PostgreSQL server (default: $REPAT_BENCH_PG)")
    parser.add_argument("--pg-only", action="store_true", help="with --pg, leave out SQLite")
    parser.add_argument("--only", action="append", choices=list(BY_KEY), help="time only this row (repeatable)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each row (fast rows run twice as "
                        "many, the slowest fewer; default 5)")
    parser.add_argument("--plot", default="bench-scale.png", help="the PNG to write (default bench-scale.png)")
    parser.add_argument("--keep", metavar="DIR", help="keep the built SQLite databases in DIR and reuse them")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    ops = [BY_KEY[k] for k in args.only] if args.only else list(OPERATIONS)
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="repat-bench-scale-"))
    os.environ.setdefault("REPAT_DATA_DIR", str(folder / "data"))
    plots: list[Path] = []
    results: list[Row] = []
    try:
        bundles = make_bundles(folder, min(3, args.repeats)) if "import" in {op.key for op in ops} else []
        if not args.pg_only:
            rows = run_sqlite(sizes, ops, folder, keep, bundles, args.repeats)
            results += rows
            plots.append(plot(rows, Path(args.plot), "SQLite: median time against cases (log-log)"))
        if args.pg:
            rows = run_pg(args.pg, sizes, ops, bundles, args.repeats)
            results += rows
            pg_plot = Path(args.plot)
            plots.append(plot(rows, pg_plot.with_name(f"{pg_plot.stem}-pg{pg_plot.suffix}"),
                              "PostgreSQL: median time against cases (log-log)"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    print(table(results))
    print(f"\nexponent: slope of log(median) against log(cases), least squares over {len(sizes)} sizes; "
          f"limits {CONSTANT_LIMIT} (per-round) and {LINEAR_LIMIT} (over everything)")
    for path in plots:
        print(f"plot: {path.resolve()}")
    print(f"{len(results)} rows in {time.perf_counter() - started:.0f} s "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    above = [r for r in results if r.passed is False]
    if above:
        print(f"{len(above)} above the limit: " + "; ".join(f"{r.op.label} [{r.backend}]" for r in above))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
