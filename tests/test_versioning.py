"""The row-version log, the hybrid logical clock and UUIDv7 identifiers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, insert, select

from app import ids
from app.ids import HybridLogicalClock, uuid7
from app.persistence.db import Database
from app.persistence.models import Round, RowVersion
from app.persistence.versioning import stamp_rows
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import make_round


def versions_of(db: Database, row_id: str) -> list[RowVersion]:
    with db.session() as s:
        return list(s.scalars(select(RowVersion).where(RowVersion.row_id == row_id).order_by(RowVersion.seq)))


def version_count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(RowVersion)) or 0)


# --- the log ------------------------------------------------------------------------------------


def test_every_change_appends_a_version_with_a_parent_chain(db: Database, officer: AppContext,
                                                            supervisor: AppContext) -> None:
    made = make_round(officer)
    after_one = rounds.update_round(officer, made.id, made.rev, rounds.RoundData(
        code=made.code, round_date=made.round_date, place="Харків", declared_total=12))
    rounds.update_round(supervisor, made.id, after_one.rev, rounds.RoundData(
        code=made.code, round_date=made.round_date, place="Харків", declared_total=12, notes="counted twice"))
    chain = versions_of(db, made.id)
    assert len(chain) == 3
    assert [v.parent_version_id for v in chain] == [None, chain[0].version_id, chain[1].version_id]
    assert [v.author_name for v in chain] == ["ivan", "ivan", "olena"]
    assert all(v.table_name == "rounds" and v.device_code == "KH01" and not v.deleted for v in chain)
    assert [json.loads(v.snapshot)["place"] for v in chain] == ["Київська обл.", "Харків", "Харків"]
    assert json.loads(chain[2].snapshot)["notes"] == "counted twice"
    assert [v.hlc for v in chain] == sorted(v.hlc for v in chain) and len({v.hlc for v in chain}) == 3
    with db.session() as s:
        row = s.get(Round, made.id)
        assert row is not None
        assert (row.head_version, row.hlc, row.rev) == (chain[2].version_id, chain[2].hlc, 3)
        # the snapshot is the whole record as stored (bookkeeping columns apart)
        snap = json.loads(chain[2].snapshot)
        assert snap["id"] == row.id and snap["declared_total"] == 12 and snap["round_date"] == "2026-06-01"
        assert not {"rev", "head_version", "hlc"} & set(snap)


def test_a_save_that_changes_nothing_adds_no_version(db: Database, officer: AppContext) -> None:
    made = make_round(officer)
    before = version_count(db)
    same = rounds.RoundData(code=made.code, round_date=made.round_date, place=made.place,
                            sending_party=made.sending_party, receiving_party=made.receiving_party,
                            intermediary=made.intermediary, agreement_ref=made.agreement_ref,
                            declared_total=made.declared_total)
    assert rounds.update_round(officer, made.id, made.rev, same).rev == made.rev
    assert version_count(db) == before


def test_a_rolled_back_change_leaves_no_version(db: Database, officer: AppContext) -> None:
    made = make_round(officer)
    before = version_count(db)

    class Abort(Exception):
        pass

    with pytest.raises(Abort), officer.unit_of_work() as s:
        row = s.get(Round, made.id)
        assert row is not None
        row.place = "changed then abandoned"
        s.add(Round(code="R-NEW", round_date=date(2026, 7, 1)))
        s.flush()  # versions are written at flush, inside the transaction ...
        assert s.scalar(select(func.count()).select_from(RowVersion)) == before + 2
        raise Abort  # ... and go with it
    assert version_count(db) == before
    assert rounds.get_round(officer, made.id).place == made.place
    assert [r.code for r in rounds.list_rounds(officer)] == [made.code]


def test_a_tombstone_is_versioned(db: Database, officer: AppContext) -> None:
    made = make_round(officer)
    with officer.unit_of_work() as s:
        row = s.get(Round, made.id)
        assert row is not None
        row.deleted = True
    chain = versions_of(db, made.id)
    assert [v.deleted for v in chain] == [False, True]
    assert json.loads(chain[-1].snapshot)["deleted"] is True
    assert chain[-1].parent_version_id == chain[0].version_id
    with db.session() as s:  # never hard-deleted
        assert s.get(Round, made.id) is not None
    assert rounds.list_rounds(officer) == []


def test_core_inserts_are_stamped_like_orm_ones(db: Database, officer: AppContext) -> None:
    rows = [{"code": f"R-{i}", "round_date": date(2026, 6, i)} for i in range(1, 4)]
    with officer.unit_of_work() as s:
        records = stamp_rows("rounds", rows, officer.actor)
        s.execute(insert(Round), rows)
        s.execute(insert(RowVersion), records)
    listed = {r.code: r for r in rounds.list_rounds(officer)}
    assert set(listed) == {"R-1", "R-2", "R-3"}
    for row in rows:
        [version] = versions_of(db, row["id"])
        assert version.version_id == row["head_version"] and version.parent_version_id is None
        assert json.loads(version.snapshot)["code"] == row["code"]
    # and they take part in the chain when edited through the ORM later
    r1 = listed["R-1"]
    rounds.update_round(officer, r1.id, r1.rev, rounds.RoundData(code="R-1", round_date=r1.round_date, place="X"))
    chain = versions_of(db, r1.id)
    assert chain[1].parent_version_id == chain[0].version_id


# --- the hybrid logical clock ---------------------------------------------------------------


@pytest.fixture
def wall_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The wall clock as a list holding nanoseconds; tests move it forwards and backwards."""
    now = [1_780_000_000_000 * 1_000_000]  # May 2026, before any real time this suite runs at
    monkeypatch.setattr(ids.time, "time_ns", lambda: now[0])
    # uuid7 is monotonic per process; start this test's sequence afresh (restored afterwards)
    monkeypatch.setattr(ids, "_last_ms", 0)
    monkeypatch.setattr(ids, "_last_rand", 0)
    yield now


def _as_tuple(stamp: str) -> tuple[int, int, str]:
    return HybridLogicalClock.parse(stamp)


def test_hlc_is_monotonic_when_the_wall_clock_goes_backwards(wall_clock: list[int]) -> None:
    clock = HybridLogicalClock("KH01")
    stamps = [clock.now()]
    for step_ms in [5, 0, -3_600_000, 1, 0, -86_400_000, 10, 3_600_000 + 86_400_000 + 50, -1]:
        wall_clock[0] += step_ms * 1_000_000
        stamps += [clock.now(), clock.now()]
    assert stamps == sorted(stamps), "text order is time order"
    assert len(set(stamps)) == len(stamps)
    parsed = [_as_tuple(s) for s in stamps]
    assert parsed == sorted(parsed)
    assert all(len(s) == len(stamps[0]) for s in stamps)
    # when the wall clock has caught up again, the clock follows it
    assert _as_tuple(stamps[-3])[0] == wall_clock[0] // 1_000_000 + 1


def test_hlc_keeps_its_width_when_the_clock_is_stuck(wall_clock: list[int]) -> None:
    clock = HybridLogicalClock("KH01")
    stamps = [clock.now() for _ in range(ids.MAX_COUNTER + 5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert {len(s) for s in stamps} == {len(stamps[0])}
    assert _as_tuple(stamps[-1])[0] == wall_clock[0] // 1_000_000 + 1  # moved on a logical millisecond


def test_hlc_observes_other_devices(wall_clock: list[int]) -> None:
    clock = HybridLogicalClock("KH01")
    mine = clock.now()
    theirs = HybridLogicalClock("KH02", wall_ms=wall_clock[0] // 1_000_000 + 60_000).now()  # a clock ahead
    clock.observe(theirs)
    clock.observe(mine)  # observing an older stamp does nothing
    after = clock.now()
    assert after > theirs > mine
    assert _as_tuple(after)[:2] > _as_tuple(theirs)[:2]


def test_a_context_starts_its_clock_after_the_newest_stamp_in_the_database(
    db: Database, officer: AppContext, wall_clock: list[int]
) -> None:
    make_round(officer, code="R-NOW")
    newest = versions_of(db, rounds.find_round(officer, "R-NOW").id)[-1].hlc
    wall_clock[0] -= 3 * 86_400_000 * 1_000_000  # the laptop restarts with its clock three days slow
    later = AppContext(db, "KH01")
    later.user = officer.user
    made = make_round(later, code="R-LATER")
    assert versions_of(db, made.id)[0].hlc > newest


# --- UUIDv7 -------------------------------------------------------------------------------------


def test_uuid7_is_a_valid_version_7_uuid() -> None:
    value = uuid.UUID(uuid7())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_sorts_by_time(wall_clock: list[int]) -> None:
    made = []
    for step_ms in [0, 1, 1, 250, 0, 86_400_000]:
        wall_clock[0] += step_ms * 1_000_000
        made.append((wall_clock[0] // 1_000_000, uuid7()))
    assert [u for _, u in made] == sorted(u for _, u in made)
    for ms, u in made:  # the first 48 bits are the Unix time in milliseconds
        assert uuid.UUID(u).int >> 80 == ms


def test_uuid7_stays_ordered_when_the_clock_goes_backwards(wall_clock: list[int]) -> None:
    first = uuid7()
    wall_clock[0] -= 60_000 * 1_000_000
    assert uuid7() > first


def test_uuid7_is_unique_and_ordered_across_100k_calls() -> None:
    made = [uuid7() for _ in range(100_000)]
    assert len(set(made)) == len(made)
    assert made == sorted(made)
