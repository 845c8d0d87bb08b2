"""The demonstration database: one realistic round, complete history, numbering that continues."""

from __future__ import annotations

import time
from collections import Counter as Tally
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain import DiscrepancyKind, Role
from app.errors import AuthenticationError, ValidationError
from app.persistence.db import Database, open_database
from app.persistence.models import (
    SYNCED_MODELS,
    Case,
    Counter,
    CustodyEvent,
    Discrepancy,
    ManifestLine,
    MissingPerson,
    PersonalEffect,
    RowVersion,
    TransportUnit,
)
from app.services.admin import accounts, demo, demo_register
from app.services.cases import intake, listing
from app.services.cases.intake import case_number_for
from app.services.rounds import manifest, rounds

DAY = date(2026, 6, 12)


@pytest.fixture
def demo_db(db: Database) -> tuple[Database, demo.DemoResult, float]:
    started = time.perf_counter()
    result = demo.create_demo(db, round_date=DAY)
    return db, result, time.perf_counter() - started


def test_demo_round_counts_and_speed(demo_db):
    db, result, seconds = demo_db
    assert seconds < 15, f"the demo took {seconds:.1f} s"
    assert (result.cases, result.manifest_lines, result.transport_units) == (1200, 1210, 6)
    assert result.round_code == "2026-06-12-KYIV"
    sup = accounts.login(db, "demo", "demo")
    rnd = rounds.find_round(sup, "2026-06-12-KYIV")
    assert (rnd.declared_total, rnd.manifest_lines, rnd.received) == (1212, 1210, 1200)
    assert rnd.intermediary == "ICRC / МКЧХ"
    units = rounds.list_transport_units(sup, rnd.id)
    assert len(units) == 6 and sum(u.counted_bags for u in units) == 1200
    assert sum(u.declared_bags or 0 for u in units) == 1212
    assert [u.seal_intact for u in units].count(False) == 2
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1200
        assert session.scalar(select(func.count()).select_from(CustodyEvent)) == 1200
        effects = session.scalar(select(func.count()).select_from(PersonalEffect))
        assert effects == result.personal_effects and 600 < effects < 2400
        per_case = Tally(session.scalars(select(PersonalEffect.case_id)))
        assert max(per_case.values()) <= 4


def test_demo_content_is_realistic(demo_db):
    db, result, _ = demo_db
    with db.session() as session:
        all_cases = session.scalars(select(Case)).all()
        names = [c.claimed_name for c in all_cases if c.claimed_name]
        kinds = Tally(session.scalars(select(Discrepancy.kind)))
        lines = session.scalars(select(ManifestLine)).all()
    off = [c for c in all_cases if c.off_manifest]
    assert len(off) == 6 and all(c.manifest_line_id is None for c in off)
    assert kinds[DiscrepancyKind.RECEIVED_NOT_DECLARED] == 6
    assert kinds[DiscrepancyKind.DUPLICATE_TAG] == 2
    assert kinds[DiscrepancyKind.COMMINGLED] == sum(c.category == "commingled" for c in all_cases) > 0
    tags = Tally(c.sender_tag for c in all_cases if c.sender_tag)
    assert sorted(n for n in tags.values() if n > 1) == [2, 2]
    assert {c.category for c in all_cases} == {"complete", "partial", "fragments", "commingled"}
    assert sum(bool(c.condition_flags) for c in all_cases) > 600
    assert all(c.storage_location for c in all_cases)
    # Cyrillic names, surname first, with a few Latin ones
    assert any(n.startswith(("Коваленко ", "Шевченко ", "Бондаренко ")) for n in names)
    assert sum(n.split()[0].isupper() and n.isascii() for n in names) > 5
    assert len(names) > 1000
    assert all(ln.sender_tag_norm == ln.sender_tag.lower() for ln in lines)
    assert all(ln.claimed_name_norm == ln.claimed_name.casefold() for ln in lines if ln.claimed_name.isascii())
    # matched cases carry the claims of their manifest line
    by_id = {ln.id: ln for ln in lines}
    matched = [c for c in all_cases if c.manifest_line_id]
    assert all(c.sender_tag == by_id[c.manifest_line_id].sender_tag for c in matched)
    assert all(c.claimed_name == by_id[c.manifest_line_id].claimed_name for c in matched)
    assert len({c.manifest_line_id for c in matched}) == 1192  # 18 lines never arrived


def test_every_demo_row_has_its_version(demo_db):
    db, _, _ = demo_db
    with db.session() as session:
        for model in SYNCED_MODELS:
            table = model.__tablename__  # type: ignore[attr-defined]
            heads = dict(session.execute(select(model.id, model.head_version)).tuples().all())
            versions = session.execute(
                select(RowVersion.row_id, RowVersion.version_id).where(RowVersion.table_name == table)
            ).all()
            versioned = {row_id for row_id, _ in versions}
            assert versioned == set(heads), table
            version_ids = {v for _, v in versions}
            assert set(heads.values()) <= version_ids, table


def test_the_demo_register_holds_applications_for_some_of_the_round_and_for_others(demo_db):
    db, _, _ = demo_db
    with db.session() as session:
        people = session.execute(select(MissingPerson.full_name, MissingPerson.birth_date)).all()
        claimed = set(session.scalars(select(Case.claimed_name).where(Case.claimed_name != "")))
    names = {name for name, _ in people}
    assert len(people) > demo_register.OTHER_ENTRIES
    assert 50 < len(names & claimed) < len(claimed) / 4  # some of the round's people are sought
    # a manifest in Latin letters, an application in Cyrillic
    assert "Коваленко Олександр Петрович" in names or "Ткаченко Дмитро Романович" in names
    # a birth date as a full ISO date or a year alone, never as typed
    assert all(not birth or len(birth) in (4, 10) and "." not in birth for _, birth in people)


def test_case_numbers_are_unique_and_intake_continues(demo_db):
    db, _, _ = demo_db
    with db.session() as session:
        numbers = list(session.scalars(select(Case.case_number).order_by(Case.received_at)))
        counter = session.get(Counter, "case:DEMO:2026")
    assert numbers == [case_number_for("DEMO", 2026, n) for n in range(1, 1201)]
    assert counter is not None and counter.value == 1200
    officer = accounts.login(db, "officer", demo.STAFF_PASSWORD)
    rnd = rounds.find_round(officer, "2026-06-12-KYIV")
    later = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="MT-9999"))
    year = later.case_number.split("-")[1]
    with db.session() as session:
        this_year = session.get(Counter, f"case:DEMO:{year}")
    assert this_year is not None
    assert later.case_number == case_number_for("DEMO", int(year), this_year.value)
    if year == "2026":
        assert later.case_number == "DEMO-2026-01201"
    assert listing.count_cases(officer, listing.CaseQuery(round_id=rnd.id)) == 1201


def test_default_round_date_makes_intake_continue_the_numbering(sqlite_db):
    demo.create_demo(sqlite_db)
    officer = accounts.login(sqlite_db, "officer", demo.STAFF_PASSWORD)
    rnd = rounds.list_rounds(officer)[0]
    later = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="MT-0001"), confirm_duplicate=True)
    assert later.case_number.endswith("-01201")
    assert rnd.code == f"{demo.default_round_date():%Y-%m-%d}-KYIV"


def test_default_round_date_stays_in_the_year():
    assert demo.default_round_date(date(2026, 6, 13)) == date(2026, 6, 12)
    assert demo.default_round_date(date(2027, 1, 1)) == date(2027, 1, 1)


def test_demo_accounts(demo_db):
    db, result, _ = demo_db
    roles = {a.username: a.role for a in result.accounts}
    assert roles == {"demo": Role.SUPERVISOR, "officer": Role.FIELD_OFFICER, "clerk": Role.CLERK}
    assert accounts.login(db, "demo", "demo").user.role is Role.SUPERVISOR
    assert accounts.login(db, "clerk", demo.STAFF_PASSWORD).user.role is Role.CLERK
    with pytest.raises(AuthenticationError):
        accounts.login(db, "demo", "wrong")
    # the short password is the demo account's alone: the rules still hold for everyone else
    sup = accounts.login(db, "demo", "demo")
    with pytest.raises(ValidationError, match="at least 8 characters"):
        accounts.create_user(sup, username="short", full_name="Short Password", role=Role.CLERK, password="demo")


def test_demo_refuses_a_database_with_data(demo_db):
    db, _, _ = demo_db
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(RowVersion))
    with pytest.raises(ValidationError, match="only be created in an empty database"):
        demo.create_demo(db)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(RowVersion)) == before


def test_demo_refuses_an_initialised_database(contexts, db):
    with pytest.raises(ValidationError, match="empty database"):
        demo.create_demo(db)
    assert not demo.is_empty(db)


def test_demo_is_deterministic(tmp_path: Path, sqlite_template: Path):
    import shutil

    def content(name: str) -> list[tuple[str, ...]]:
        shutil.copyfile(sqlite_template, tmp_path / name)
        database = open_database(tmp_path / name)
        try:
            demo.create_demo(database, seed=7, round_date=DAY)
            with database.session() as session:
                rows = session.execute(
                    select(Case.case_number, Case.sender_tag, Case.claimed_name, Case.category, Case.condition_flags)
                    .order_by(Case.case_number)
                ).tuples().all()
                units = session.execute(select(TransportUnit.label, TransportUnit.seal_numbers)).tuples().all()
            return [tuple(r) for r in rows] + [tuple(u) for u in sorted(units)]
        finally:
            database.close()

    assert content("a.sqlite3") == content("b.sqlite3")


def test_demo_manifest_can_be_listed(demo_db):
    db, result, _ = demo_db
    clerk = accounts.login(db, "clerk", demo.STAFF_PASSWORD)
    lines = manifest.list_manifest(clerk, result.round_id)
    assert len(lines) == 1210
    assert sum(ln.received == 0 for ln in lines) == 18
    assert sum(ln.received == 2 for ln in lines) == 2


def test_demo_versions_hold_the_rows_as_stored(demo_db):
    import json

    from app.persistence.versioning import canonical_json, snapshot_of

    db, _, _ = demo_db
    with db.session() as session:
        for model in (Case, ManifestLine, PersonalEffect, CustodyEvent, Discrepancy, TransportUnit):
            rows = session.scalars(select(model).order_by(model.id).limit(25)).all()
            assert rows
            for row in rows:
                stored = session.scalar(select(RowVersion.snapshot).where(RowVersion.version_id == row.head_version))
                assert json.loads(stored) == json.loads(canonical_json(snapshot_of(row))), model.__tablename__
