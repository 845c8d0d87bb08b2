"""Several clients on one database at once (SQLite file and PostgreSQL server)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select, text

from app.errors import DatabaseError, StaleEdit
from app.persistence.db import open_database
from app.persistence.models import Case, CustodyEvent, Round, RowVersion
from app.services.admin import accounts
from app.services.cases import case_file, intake, listing
from app.services.rounds import rounds
from tests.conftest import PASSWORD, PG_URL, make_round


def _run_threads(workers: list[threading.Thread]) -> None:
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert not w.is_alive(), "a writer hung"


def test_parallel_intake_gives_unique_numbers_and_loses_nothing(db, officer):
    rnd = make_round(officer)
    per_thread, threads = 40, 4
    errors: list[BaseException] = []
    made: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(n: int) -> None:
        # each thread is its own client: its own engine and login, as another laptop or window
        other = open_database(db.url)
        try:
            ctx = accounts.login(other, "ivan", PASSWORD)
            barrier.wait()
            for i in range(per_thread):
                res = intake.record_intake(ctx, intake.IntakeData(round_id=rnd.id, sender_tag=f"T{n}-{i}"))
                with lock:
                    made.append(res.case_number)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            other.close()

    _run_threads([threading.Thread(target=worker, args=(n,)) for n in range(threads)])
    assert not errors, errors
    assert len(made) == per_thread * threads
    assert len(set(made)) == len(made), "duplicate case numbers"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == len(made)
        assert s.scalar(select(func.count()).select_from(CustodyEvent)) == len(made)
        numbers = sorted(s.scalars(select(Case.case_number)))
    # one device, one sequence: 1..N without gaps
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, len(made) + 1))


def test_second_save_of_same_case_is_told_what_changed(db, officer, supervisor):
    rnd = make_round(officer)
    res = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="A-1"))
    mine = case_file.get_case(officer, res.case_id)
    theirs = case_file.get_case(supervisor, res.case_id)
    case_file.update_case(supervisor, res.case_id, theirs.rev, {"storage_location": "Холодильник 2"})
    with pytest.raises(StaleEdit) as err:
        case_file.update_case(officer, res.case_id, mine.rev, {"storage_location": "Fridge 9", "notes": "x"})
    assert err.value.changed_fields["storage_location"] == ("", "Холодильник 2")
    after = case_file.get_case(officer, res.case_id)
    assert after.fields["storage_location"] == "Холодильник 2"
    assert after.fields["notes"] == ""
    # having seen their change, the user re-applies theirs on top of the current version
    case_file.update_case(officer, res.case_id, after.rev, {"notes": "x"})
    final = case_file.get_case(officer, res.case_id)
    assert (final.fields["storage_location"], final.fields["notes"]) == ("Холодильник 2", "x")


def test_simultaneous_saves_one_wins_other_is_refused(db, officer):
    rnd = make_round(officer)
    res = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="B-1"))
    rev = case_file.get_case(officer, res.case_id).rev
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def worker(value: str) -> None:
        other = open_database(db.url)
        try:
            ctx = accounts.login(other, "ivan", PASSWORD)
            barrier.wait()
            try:
                case_file.update_case(ctx, res.case_id, rev, {"storage_location": value})
                outcomes.append("saved:" + value)
            except StaleEdit:
                outcomes.append("stale")
        finally:
            other.close()

    _run_threads([threading.Thread(target=worker, args=(v,)) for v in ("L1", "L2")])
    assert sorted(o.split(":")[0] for o in outcomes) == ["saved", "stale"]
    winner = next(o.split(":")[1] for o in outcomes if o.startswith("saved"))
    assert case_file.get_case(officer, res.case_id).fields["storage_location"] == winner
    with db.session() as s:
        versions = s.scalar(
            select(func.count()).select_from(RowVersion).where(RowVersion.row_id == res.case_id)
        )
    assert versions == 2  # the intake and the one save that won; the refused one left no trace


def test_long_write_does_not_lock_out_readers(db, officer):
    rnd = make_round(officer)
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="C-1"))
    started = threading.Event()
    release = threading.Event()

    def long_writer() -> None:
        other = open_database(db.url)
        try:
            ctx = accounts.login(other, "ivan", PASSWORD)
            with ctx.unit_of_work() as session:
                session.add(
                    Round(code="LONG", round_date=rnd.round_date, place="", sending_party="", receiving_party="")
                )
                session.flush()
                started.set()
                release.wait(30)
        finally:
            other.close()

    t = threading.Thread(target=long_writer)
    t.start()
    try:
        assert started.wait(30)
        t0 = time.perf_counter()
        page = listing.list_cases(officer, listing.CaseQuery(round_id=rnd.id))
        listed = rounds.list_rounds(officer)
        elapsed = time.perf_counter() - t0
        assert [r.sender_tag for r in page.rows] == ["C-1"]
        assert "LONG" not in {r.code for r in listed}  # uncommitted work is invisible
        assert elapsed < 2.0, f"readers waited {elapsed:.2f}s for a writer"
    finally:
        release.set()
        t.join(60)
    assert "LONG" in {r.code for r in rounds.list_rounds(officer)}


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server: set REPAT_TEST_PG_URL (.ci/run starts one)")
@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_lost_connection_is_reported_and_reconnected(db, officer):
    rnd = make_round(officer)
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="D-1"))

    def kill_backends() -> None:
        admin = open_database(db.url)
        with admin.engine.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        admin.close()

    # a connection dropped while idle: the next call reconnects transparently
    kill_backends()
    assert [r.sender_tag for r in listing.list_cases(officer, listing.CaseQuery()).rows] == ["D-1"]

    # dropped in the middle of a transaction: a clear sentence, nothing half-written
    with pytest.raises(DatabaseError) as err, officer.unit_of_work() as session:
        session.add(Round(code="HALF", round_date=rnd.round_date))
        session.flush()
        kill_backends()
        session.execute(select(1))
    assert "connection" in str(err.value).lower()
    assert "HALF" not in {r.code for r in rounds.list_rounds(officer)}
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="D-2"))
    assert listing.count_cases(officer, listing.CaseQuery()) == 2
