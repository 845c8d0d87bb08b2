"""The headquarters on SQLite and on PostgreSQL: the same merge, conflicts, resolution and
duplicates from the same laptop bundles (the ``db`` fixture runs both when a server is set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import Role
from app.persistence.db import Database
from app.progress import Cancelled, CancelToken
from app.services.admin import accounts
from app.services.cases import case_file, intake
from app.services.sync.common import CAN_MANAGE_DEVICES
from app.services.sync.conflicts import list_conflicts, resolve_conflict
from app.services.sync.devices import revoke_device
from app.services.sync.duplicates import dismiss_duplicate, list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import, preview_import
from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED, STATUS_READY, STATUS_REFUSED
from app.services.sync.status import list_held
from tests.conftest import PASSWORD
from tests.sync.conftest import Replica, canonical_dump, new_round


@pytest.fixture
def hq(db: Database) -> accounts.AppContext:  # type: ignore[name-defined]
    return accounts.initialize(db, device_code="HQ09", device_name="Headquarters", username="chief",
                               full_name="Chief", password=PASSWORD)


def test_laptop_bundles_merge_the_same_on_either_database(
    db: Database, hq: object, replicas: dict[str, Replica], tmp_path: Path
) -> None:
    from app.services.context import AppContext

    assert isinstance(hq, AppContext)
    a, b = replicas["KH01"], replicas["KH02"]
    rnd = new_round(a.officer, "R-PG")
    made = intake.record_intake(a.officer, intake.IntakeData(
        round_id=rnd.id, sender_tag="T-1", effects=[intake.EffectData("Обручка")],
        photos=[intake.PhotoData("p.jpg", b"\xff\xd8 photo bytes")]))
    start = export_bundle(a.officer, tmp_path / "a1.repat").path
    apply_import(b.sup, [start], trust=True)
    case_file.update_case(a.officer, made.case_id, case_file.get_case(a.officer, made.case_id).rev,
                      {"storage_location": "A", "bag_number": "7"})
    case_file.update_case(b.officer, made.case_id, case_file.get_case(b.officer, made.case_id).rev,
                      {"storage_location": "B", "notes": "from B"})
    intake.record_intake(b.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-1"), confirm_duplicate=True)
    bundles = [start, export_bundle(a.officer, tmp_path / "a2.repat").path,
               export_bundle(b.officer, tmp_path / "b1.repat").path]

    before = canonical_dump(db)
    preview = preview_import(hq, bundles, trust=True)
    assert [f.status for f in preview] == [STATUS_READY] * 3 and sum(f.conflicts for f in preview) == 1
    assert canonical_dump(db) == before
    token = CancelToken()

    def cancel_late(done: int, total: int, message: str = "") -> None:
        if message.startswith("Importing b1"):
            token.cancel()

    with pytest.raises(Cancelled):
        apply_import(hq, bundles, cancel_late, token, trust=True)
    assert canonical_dump(db) == before

    files = apply_import(hq, bundles, trust=True).files
    assert [f.status for f in files] == [STATUS_APPLIED] * 3
    assert [f.conflicts for f in files] == [0, 0, 1] and files[2].duplicates == 1
    detail = case_file.get_case(hq, made.case_id)
    assert detail.fields["bag_number"] == "7" and detail.fields["notes"] == "from B"
    assert case_file.attachment_bytes(hq, detail.attachments[0].sha256) == b"\xff\xd8 photo bytes"
    (c,) = list_conflicts(hq)
    assert {x.value for x in c.candidates} == {"A", "B"}
    resolve_conflict(hq, c.id, value="Холодильник 1")
    assert list_conflicts(hq) == []
    (dup,) = [d for d in list_duplicates(hq) if d.table == "cases"]
    dismiss_duplicate(hq, dup.id)

    back = export_bundle(hq, tmp_path / "hq.repat").path
    for r in (a, b):
        f = apply_import(r.sup, [back], trust=True).files[0]
        assert f.status == STATUS_APPLIED, f.message
        assert case_file.get_case(r.officer, made.case_id).fields["storage_location"] == "Холодильник 1"
    hq_cases = canonical_dump(db)["cases"]
    assert canonical_dump(a.db)["cases"] == hq_cases == canonical_dump(b.db)["cases"]
    assert apply_import(hq, bundles).files[0].status == STATUS_ALREADY
    assert Role.SUPERVISOR in CAN_MANAGE_DEVICES


def test_shared_numbers_and_links_made_twice_merge_the_same_on_either_database(
    db: Database, hq: object, replicas: dict[str, Replica], sqlite_template: Path, tmp_path: Path
) -> None:
    """A laptop set up again under its old code issues the same case number; two old links name
    one certificate and case: both cases are kept and marked, one link stays live."""
    from sqlalchemy import select, text

    from app.ids import uuid7
    from app.persistence.models import Certificate, CertificateCase
    from app.services.context import AppContext
    from tests.sync.test_natural_keys import reinstalled

    assert isinstance(hq, AppContext)
    old, other = replicas["KH01"], replicas["KH02"]
    again = reinstalled(sqlite_template, "KH01", tmp_path / "again")
    try:
        rnd = new_round(other.officer, "R-PG")
        made = intake.record_intake(other.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-0"))
        with other.officer.unit_of_work() as s:
            cert = Certificate(number="KH02-A-2026-0001", kind="acceptance", status="draft", round_id=rnd.id,
                               parties={})
            s.add(cert)
            s.flush()
            cert_id = cert.id
        start = export_bundle(other.officer, tmp_path / "start.repat").path
        for laptop in (old, again):
            apply_import(laptop.sup, [start], trust=True)
        first = intake.record_intake(old.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-1"))
        second = intake.record_intake(again.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-2"))
        assert first.case_number == second.case_number
        for laptop in (old, other):  # two links with random ids, as made before ids came from the pair
            with laptop.officer.unit_of_work() as s:
                s.add(CertificateCase(id=uuid7(), certificate_id=cert_id, case_id=made.case_id))
        bundles = [export_bundle(r.officer, tmp_path / f"{n}.repat", full=True).path
                   for n, r in (("old", old), ("other", other), ("again", again))]
        for bundle in bundles:
            f = apply_import(hq, [bundle], trust=True).files[0]
            if f.status == STATUS_REFUSED:  # the set-up-again laptop: its old key goes first
                revoke_device(hq, f.device_code)
                f = apply_import(hq, [bundle], trust=True).files[0]
            assert f.status == STATUS_APPLIED, f.message
        assert list_held(hq) == []
        with db.engine.connect() as conn:
            marked = dict(conn.execute(text("SELECT id, key_clash FROM cases")).tuples().all())
            links = dict(conn.execute(select(CertificateCase.id, CertificateCase.deleted)).tuples().all())
        assert marked[first.case_id] and marked[second.case_id]
        assert sorted(links.values()) == [False, True] and not links[min(links)]
        assert {d.reasons[0] for d in list_duplicates(hq)} >= {"same_case_number", "same_device_code"}
    finally:
        again.db.close()
