"""``python -m bench.audit [--cases N]``: the time of ``repat audit verify`` on a database of N
cases (10^6 by default), against a bare baseline measured in the same run: plain sqlite3 reading
every version and taking the SHA-256 of its snapshot (the least a hash walk must do)."""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from app.persistence.db import open_database
from app.services.admin import audit
from bench import dataset
from bench.measure import Result, table


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bare_walk(path: Path) -> float:
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    for (snapshot,) in conn.execute("SELECT snapshot FROM row_versions ORDER BY chain_id, chain_seq"):
        hashlib.sha256(snapshot.encode()).hexdigest()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="repat-bench-audit-") as folder:
        path = Path(folder) / "audit.sqlite3"
        db = open_database(path)
        say(f"building {args.cases:,} cases…")
        data = dataset.build(db, args.cases, progress=say)
        samples, baseline = [], []
        for run in range(args.runs):
            baseline.append(bare_walk(path))
            started = time.perf_counter()
            report = audit.verify(data.supervisor)
            samples.append(time.perf_counter() - started)
            say(f"run {run + 1}: {samples[-1]:.1f} s, {report.versions:,} versions, {report.rows:,} records, "
                f"intact: {report.intact}")
            if not report.intact:
                say("\n".join(audit.describe(report)[:20]))
                return 1
        db.close()
        print(table([Result(f"audit verify, {data.cases:,} cases", "sqlite", samples, baseline,
                            "sqlite3 + sha256 of every version", None)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
