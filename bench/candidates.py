"""``python -m bench.candidates [--entries 100000] [--cases 1200] [--runs 3]``: a round's candidates
from the missing-persons register.

Builds a register of 10^5 made-up applications and a round of 1,200 cases, a third of them planted
true matches of an application written as a sending side would (``bench.candidates_data``), then
times, against bare baselines measured in the same run:

- the round's candidates (every case's ranked list, the cases without a candidate, the
  applications matched by several cases) with the register's index built first, as after a
  start or a register import: target 5 s;
- the same with the index kept (the register unchanged since the last computation);
- one case's candidates, as the case file's tab asks for them, the index kept;

and reports the recall of the planted true matches in each case's top 5 (and first place).
The baselines: reading the register's names alone (the least any search must do), and
``rapidfuzz.process.extract`` of one case's claimed name over all 10^5 folded names, the plain
way of comparing every case with every application (timed for some cases; per case).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rapidfuzz import fuzz, process
from sqlalchemy import select

from app.domain import Role
from app.persistence.db import open_database
from app.persistence.models import Case, MissingPerson
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.register import candidates, candidates_index
from bench import candidates_data
from bench.measure import Result, table

PASSWORD = "bench password"
TARGET_ROUND = 5.0
TARGET_CASE = 0.25


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def read_names(ctx: AppContext) -> float:
    started = time.perf_counter()
    with ctx.reading() as session:
        names = session.execute(
            select(MissingPerson.id, MissingPerson.full_name_fold).where(MissingPerson.deleted.is_(False))
        ).all()
    assert names
    return time.perf_counter() - started


def plain_extract(ctx: AppContext, round_id: str, n: int) -> list[float]:
    """Seconds per case of comparing one claimed name with every folded name of the register."""
    with ctx.reading() as session:
        folds = list(session.scalars(select(MissingPerson.full_name_fold)))
        claimed = [f for f in session.scalars(
            select(Case.claimed_name_fold).where(Case.round_id == round_id).order_by(Case.case_number)) if f][:n]
    out = []
    for name in claimed:
        started = time.perf_counter()
        process.extract(name, folds, scorer=fuzz.token_set_ratio, limit=5)
        out.append(time.perf_counter() - started)
    return out


def recall(result: candidates.RoundCandidates, planted: list[candidates_data.Planted]) -> tuple[float, float]:
    tops = {c.case_id: [x.person_id for x in c.candidates] for c in result.cases}
    top5 = sum(p.person_id in tops.get(p.case_id, [])[:5] for p in planted)
    first = sum(tops.get(p.case_id, [])[:1] == [p.person_id] for p in planted)
    return top5 / len(planted), first / len(planted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.candidates", description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="applications in the register (default 100000)")
    parser.add_argument("--cases", type=int, default=1200, help="cases in the round (default 1200)")
    parser.add_argument("--runs", type=int, default=3, help="timed computations of each kind (default 3)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="repat-bench-candidates-") as folder:
        db = open_database(Path(folder) / "candidates.sqlite3")
        try:
            ctx = accounts.initialize(db, device_code="HQ01", device_name="Headquarters", username="olena",
                                      full_name="Олена Петренко", password=PASSWORD)
            assert ctx.user is not None and ctx.user.role is Role.SUPERVISOR
            say(f"Building {args.entries:,} applications and a round of {args.cases:,} cases ...")
            data = candidates_data.build(ctx, args.entries, args.cases)
            # as bench.dataset does: the file written a minute ago goes to disk now, not during the timing
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            if hasattr(os, "sync"):
                os.sync()
            say(f"  built in {time.perf_counter() - started:.0f} s; {len(data.planted)} planted true matches")
            results = _measure(ctx, data, args.runs)
        finally:
            db.close()
    print()
    print(table(results))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"
    print(f"\n{len(results)} measurements in {time.perf_counter() - started:.0f} s "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}: the time is wall-clock "
          "time, shared with whatever else runs; the CPU time in the notes is this process's own)")
    failed = [r for r in results if r.passed is False]
    if failed:
        print(f"{len(failed)} target(s) missed: " + "; ".join(r.operation for r in failed))
        return 1
    return 0


def _measure(ctx: AppContext, data: candidates_data.RoundData, runs: int) -> list[Result]:
    names = [read_names(ctx) for _ in range(runs)]
    cold, warm, cpu_cold, cpu_warm = [], [], [], []
    result = None
    for run in range(runs):
        candidates_index.forget(ctx)
        t, c = time.perf_counter(), time.process_time()
        result = candidates.round_candidates(ctx, data.round_id)
        cold.append(time.perf_counter() - t)
        cpu_cold.append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        candidates.round_candidates(ctx, data.round_id)
        warm.append(time.perf_counter() - t)
        cpu_warm.append(time.process_time() - c)
        say(f"run {run + 1}: index built and round {cold[-1]:.2f} s (CPU {cpu_cold[-1]:.2f} s), "
            f"round again {warm[-1]:.2f} s (CPU {cpu_warm[-1]:.2f} s)")
    assert result is not None
    top5, first = recall(result, data.planted)
    case_ids = [c.case_id for c in result.cases[:: max(1, len(result.cases) // 40)]]
    one = []
    for case_id in case_ids:
        t = time.perf_counter()
        candidates.case_candidates(ctx, case_id)
        one.append(time.perf_counter() - t)
    extract = plain_extract(ctx, data.round_id, 20)
    per_case = sum(extract) / len(extract)
    listed = sum(1 for c in result.cases if c.candidates)
    note = (f"{data.cases:,} cases, {result.register_size:,} applications; planted true matches in the top 5: "
            f"{top5:.1%}, first: {first:.1%}; {listed:,} cases with a candidate, "
            f"{len(result.without_candidates):,} without one at >= {result.threshold}, "
            f"{len(result.shared):,} applications matched by several cases; "
            f"CPU time p50 {sorted(cpu_cold)[len(cpu_cold) // 2]:.2f} s")
    return [
        Result("round candidates, index built", "sqlite", cold, names, "read the names", TARGET_ROUND, note),
        Result("round candidates, index kept", "sqlite", warm, names, "read the names", TARGET_ROUND,
               f"CPU time p50 {sorted(cpu_warm)[len(cpu_warm) // 2]:.2f} s"),
        Result("one case's candidates (index kept)", "sqlite", one, extract, "rapidfuzz extract, 1 case", TARGET_CASE,
               f"comparing every case with every application the plain way: {per_case * data.cases:.0f} s "
               f"for the round ({per_case * 1000:.0f} ms a case, token_set_ratio over "
               f"{result.register_size:,} names)"),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
