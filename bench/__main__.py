"""``python -m bench [--pg URL]``: build the 100,000-case database and print the table."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.persistence.db import normalize_url, open_database
from bench import dataset, operations, startup
from bench.measure import Result, table


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def scratch_pg_database(url: str) -> Iterator[str]:
    """A new database on the server at ``url`` for the run, dropped afterwards."""
    name = f"repat_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalize_url(url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_backend(url_or_path: str, args: argparse.Namespace, *, with_table: bool) -> list[Result]:
    db = open_database(url_or_path)
    try:
        say(f"Building {args.cases:,} cases on {db.dialect} ...")
        ds = dataset.build(db, args.cases, progress=say)
        say(f"  built in {ds.build_seconds:.0f} s")
        results = []
        say(f"Saving {args.saves} cases ...")
        results.append(operations.bench_save(ds, args.saves))
        if with_table:
            say("Opening the case table ...")
            results += operations.bench_table(ds, args.reads)
        say("Searching ...")
        results += operations.bench_search(ds, args.reads)
        return results
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--pg", metavar="URL", help="also run the intake and search benchmarks on this "
                        "PostgreSQL server (a scratch database is created and dropped)")
    parser.add_argument("--pg-table", action="store_true", help="with --pg, also time the case table there")
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the database (default 100000)")
    parser.add_argument("--saves", type=int, default=300, help="timed saves (default 300)")
    parser.add_argument("--reads", type=int, default=40, help="timed table opens and searches (default 40)")
    parser.add_argument("--starts", type=int, default=5, help="timed start-ups (default 5)")
    parser.add_argument("--keep", metavar="FOLDER", help="keep the SQLite database in FOLDER")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="repat-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.sqlite3"
    if path.exists():
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        results = run_backend(str(path), args, with_table=True)
        say(f"Starting the application {args.starts} times ...")
        results.append(startup.bench_startup(path, args.starts))
        if args.pg:
            with scratch_pg_database(args.pg) as pg_url:
                results += run_backend(pg_url, args, with_table=args.pg_table)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print()
    print(table(results))
    print(f"\n{len(results)} measurements in {time.perf_counter() - started:.0f} s "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    failed = [r for r in results if r.passed is False]
    if failed:
        print(f"{len(failed)} target(s) missed: " + "; ".join(f"{r.operation} [{r.backend}]" for r in failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
