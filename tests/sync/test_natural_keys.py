"""Natural keys two installations may both issue, and links made twice: the merge keeps every row,
marks and flags the clash, and ends the same whatever order the bundles arrive in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.documents.content import content_sha256, qr_payload
from app.errors import DatabaseError
from app.ids import uuid7
from app.persistence.models import Case, Certificate, CertificateCase, Device, RowVersion
from app.persistence.models.certificates import certificate_case_id
from app.persistence.models.keys import alternative_key
from app.persistence.versioning import utcnow
from app.services.admin import accounts
from app.services.cases import case_file
from app.services.cases import intake as case_intake
from app.services.cases import listing as case_listing
from app.services.documents import (
    certificate_drafts,
    certificate_forms,
    certificate_issuing,
    certificate_records,
    verification,
)
from app.services.documents.case_documents import case_sheet_data
from app.services.sync.conflicts import list_conflicts, resolve_conflict
from app.services.sync.devices import revoke_device
from app.services.sync.duplicates import dismiss_duplicate, list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED, STATUS_QUARANTINED, STATUS_REFUSED, FileSummary
from app.services.sync.status import list_held
from app.services.sync.trust import list_quarantine
from app.sync.importer.keys import superseding_version_id
from app.sync.merge import MERGE_DEVICE
from tests.conftest import PASSWORD
from tests.sync.conftest import Replica, canonical_dump, context_for, new_round
from tests.sync.world import copy_replica


def reinstalled(sqlite_template: Path, code: str, folder: Path) -> Replica:
    """A laptop set up again from scratch under an old device code: a new key, fresh counters."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}-again.sqlite3"
    shutil.copyfile(sqlite_template, path)
    from app.persistence.db import open_database

    db = open_database(path)
    accounts.initialize(db, device_code=code, device_name=f"Device {code} (set up again)",
                        username=f"sup{code.lower()}", full_name=f"Supervisor {code}", password=PASSWORD)
    from app.domain import Role

    sup = context_for(db, code, f"sup{code.lower()}")
    accounts.create_user(sup, username=f"off{code.lower()}", full_name=f"Officer {code}", role=Role.FIELD_OFFICER,
                         password=PASSWORD)
    return Replica(code, db, sup, context_for(db, code, f"off{code.lower()}"))


def _import(hq: Replica, bundle: Path) -> FileSummary:
    """Import a bundle of a laptop the headquarters may know under another key (set up again):
    the supervisor revokes the key registered for the code first, as the refusal tells them."""
    first = apply_import(hq.sup, [bundle], trust=True).files[0]
    if first.status == STATUS_REFUSED and "different key" in first.message:
        revoke_device(hq.sup, first.device_code)
        first = apply_import(hq.sup, [bundle], trust=True).files[0]
    if first.status == STATUS_QUARANTINED and "has not arrived here yet" in first.message:
        return first  # it continues its laptop's records after a bundle still to come; it waits
    assert first.status == STATUS_APPLIED, first.message
    return first


def _in_both_orders(hq: Replica, tmp_path: Path, a: list[Path], b: list[Path]) -> tuple[Replica, Replica]:
    one, two = copy_replica(hq, tmp_path, "hq-ab"), copy_replica(hq, tmp_path, "hq-ba")
    for bundle in a + b:
        _import(one, bundle)
    for bundle in b + a:
        _import(two, bundle)
    assert list_held(one.sup) == [] and list_held(two.sup) == []
    assert canonical_dump(one.db) == canonical_dump(two.db)
    return one, two


def _marks(r: Replica, table: str) -> dict[str, bool]:
    with r.db.engine.connect() as conn:
        return {row[0]: bool(row[1]) for row in conn.execute(text(f"SELECT id, key_clash FROM {table}"))}


def test_a_case_number_issued_by_two_installations_keeps_both_cases_in_any_order(
    replicas: dict[str, Replica], sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hq, old = replicas["HQ01"], replicas["KH01"]
    again = reinstalled(sqlite_template, "KH01", tmp_path / "again")
    try:
        rnd = new_round(hq.officer)
        start = export_bundle(hq.sup, tmp_path / "start.repat").path
        for laptop in (old, again):
            apply_import(laptop.sup, [start], trust=True)
        first = case_intake.record_intake(old.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
        second = case_intake.record_intake(again.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-2"))
        assert first.case_number == second.case_number and first.case_id != second.case_id
        a = [export_bundle(old.officer, tmp_path / "old.repat").path]
        b = [export_bundle(again.officer, tmp_path / "again.repat").path]

        one, two = _in_both_orders(hq, tmp_path, a, b)
        for r in (one, two):
            with r.db.session() as s:
                kept = s.scalars(select(Case.id).where(Case.case_number == first.case_number)).all()
                assert sorted(kept) == sorted((first.case_id, second.case_id))
                codes = s.scalars(select(Device.id).where(Device.code == "KH01")).all()
                assert len(codes) == 2  # both installations' device records are kept too
            marks = _marks(r, "cases")
            assert marks[first.case_id] and marks[second.case_id]
            assert not any(v for k, v in marks.items() if k not in (first.case_id, second.case_id))
            assert sum(_marks(r, "devices").values()) == 2
            flags = {(d.table, d.reasons[0]): d for d in list_duplicates(r.sup)}
            shared = flags[("cases", "same_case_number")]
            assert {shared.a.id, shared.b.id} == {first.case_id, second.case_id}
            # the case with the smaller id shows the number; the other shows its stable alternative
            plain, other = sorted((first.case_id, second.case_id))
            alternative = alternative_key(first.case_number, other)
            assert {shared.a.id: shared.a.label, shared.b.id: shared.b.label} == {
                plain: first.case_number, other: alternative}
            devices = flags[("devices", "same_device_code")]
            low, high = sorted((devices.a.id, devices.b.id))
            by_id = {devices.a.id: devices.a.label, devices.b.id: devices.b.label}
            assert by_id == {low: "KH01", high: alternative_key("KH01", high)}
            # each case is found, opened and printed under the number it shows
            assert case_file.find_case_id(r.sup, first.case_number) == plain
            assert case_file.find_case_id(r.sup, alternative.lower()) == other
            shown = case_file.get_case(r.sup, other).fields
            assert shown["case_number"] == alternative and shown["recorded_number"] == first.case_number
            assert shown["number_shared_with"] == [first.case_number]
            assert case_file.get_case(r.sup, plain).fields["number_shared_with"] == [alternative]
            page = case_listing.list_cases(r.sup, case_listing.CaseQuery(search=alternative))
            assert [(row.id, row.case_number) for row in page.rows] == [(other, alternative)]
            both = case_listing.list_cases(r.sup, case_listing.CaseQuery(search=first.case_number))
            assert sorted(row.case_number for row in both.rows) == sorted((first.case_number, alternative))
            with r.db.session() as s:
                sheet = case_sheet_data(s, s.get(Case, other), "sup")
            assert sheet["case_number"] == alternative
        assert case_file.get_case(one.sup, other).fields == case_file.get_case(two.sup, other).fields
        # the command line lists it too
        from app.cli.main import main

        assert main(["duplicates", "list", "--db", str(one.path), "--format", "json"]) == 0
        listed = {d["reasons"]: d for d in json.loads(capsys.readouterr().out)}
        assert {listed["same case number"]["a"], listed["same case number"]["b"]} == {first.case_number, alternative}
        # the supervisor decides it like any probable duplicate, and the decision travels (here to
        # the old laptop, which receives both cases and marks them the same way)
        decided = dismiss_duplicate(one.sup, shared.id, note="two laptops, one code")
        assert decided.status == "dismissed"
        back = export_bundle(one.sup, tmp_path / "hq-full.repat", full=True).path
        assert apply_import(old.sup, [back]).files[0].status == STATUS_APPLIED
        assert [d.status for d in list_duplicates(old.sup, status=None) if d.id == shared.id] == ["dismissed"]
        assert _marks(old, "cases") == _marks(one, "cases")
        assert case_file.get_case(old.sup, other).fields["case_number"] == alternative  # the same on every replica
        for r in (one, two):
            r.db.close()
    finally:
        again.db.close()


def test_one_device_cannot_issue_a_number_twice(replicas: dict[str, Replica]) -> None:
    kh = replicas["KH01"]
    rnd = new_round(kh.officer)
    made = case_intake.record_intake(kh.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    now = utcnow()
    with pytest.raises(DatabaseError), kh.officer.unit_of_work() as s:
        s.add(Case(id=uuid7(), case_number=made.case_number, round_id=rnd.id, category="complete", received_at=now))


def test_a_laptop_set_up_again_numbers_past_the_cases_it_issued_before(
    replicas: dict[str, Replica], sqlite_template: Path, tmp_path: Path
) -> None:
    """Once the headquarters sent it back what it issued under its code, its counter moves past
    those numbers: the next intake neither fails nor makes a shared number."""
    hq, old = replicas["HQ01"], replicas["KH01"]
    again = reinstalled(sqlite_template, "KH01", tmp_path / "again")
    try:
        rnd = new_round(hq.officer)
        apply_import(old.sup, [export_bundle(hq.sup, tmp_path / "start.repat").path], trust=True)
        before = [case_intake.record_intake(old.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag=f"UA-{i}"))
                  for i in range(3)]
        _import(hq, export_bundle(old.officer, tmp_path / "old.repat").path)
        _import(again, export_bundle(hq.sup, tmp_path / "hq.repat", full=True).path)
        made = case_intake.record_intake(again.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-9"))
        numbers = sorted(c.case_number for c in before)
        assert made.case_number not in numbers
        assert made.case_number == numbers[-1][:-5] + "00004"
        assert not any(_marks(again, "cases").values())
        assert [d for d in list_duplicates(again.sup) if d.table == "cases"] == []
    finally:
        again.db.close()


def _certificate(r: Replica, round_id: str, number: str, case_ids: list[str], *, legacy: bool = False) -> str:
    """A draft certificate listing ``case_ids``; ``legacy`` links get random ids (as links made
    before their ids were derived from the pair)."""
    with r.officer.unit_of_work() as s:
        cert = Certificate(number=number, kind="acceptance", status="draft", round_id=round_id, parties={})
        s.add(cert)
        s.flush()
        for case_id in case_ids:
            s.add(CertificateCase(id=uuid7() if legacy else None, certificate_id=cert.id, case_id=case_id))
        return cert.id


def _link(r: Replica, certificate_id: str, case_id: str, *, legacy: bool = False) -> str:
    with r.officer.unit_of_work() as s:
        link = CertificateCase(id=uuid7() if legacy else None, certificate_id=certificate_id, case_id=case_id)
        s.add(link)
        s.flush()
        return link.id


def test_a_certificate_number_issued_twice_keeps_both_certificates(
    replicas: dict[str, Replica], sqlite_template: Path, tmp_path: Path
) -> None:
    hq, old = replicas["HQ01"], replicas["KH01"]
    again = reinstalled(sqlite_template, "KH01", tmp_path / "again")
    try:
        rnd = new_round(hq.officer)
        start = export_bundle(hq.sup, tmp_path / "start.repat").path
        for laptop in (old, again):
            apply_import(laptop.sup, [start], trust=True)
        x = _certificate(old, rnd.id, "KH01-A-2026-0001", [])
        y = _certificate(again, rnd.id, "KH01-A-2026-0001", [])
        papers = {}
        for laptop, cert_id in ((old, x), (again, y)):  # both issued, with different content
            with laptop.officer.unit_of_work() as s:
                cert = s.get(Certificate, cert_id)
                cert.status, cert.issued_at = "issued", utcnow()
                cert.content = {"number": cert.number, "issued_on": laptop.db.path.name, "cases": []}
                cert.content_sha256 = content_sha256(cert.content)
                papers[cert_id] = qr_payload(cert.number, cert.content_sha256)
        a = [export_bundle(old.officer, tmp_path / "old.repat").path]
        b = [export_bundle(again.officer, tmp_path / "again.repat").path]
        one, two = _in_both_orders(hq, tmp_path, a, b)
        for r in (one, two):
            marks = _marks(r, "certificates")
            assert marks[x] and marks[y]
            (flag,) = [d for d in list_duplicates(r.sup) if d.table == "certificates"]
            assert flag.reasons == ["same_certificate_number"] and {flag.a.id, flag.b.id} == {x, y}
            low, high = sorted((x, y))
            assert {flag.a.id: flag.a.label, flag.b.id: flag.b.label} == {
                low: "KH01-A-2026-0001", high: alternative_key("KH01-A-2026-0001", high)}
            # each paper's QR code names its own act; the number alone cannot, and says so
            for paper in papers.values():
                checked = verification.verify(r.sup, paper)
                assert checked.answer == verification.Answer.VALID, checked.message
            typed = verification.verify(r.sup, "kh01-a-2026-0001")
            assert typed.answer == verification.Answer.SHARED and "scan the QR code" in typed.message
            assert certificate_records.find_certificate(r.sup, alternative_key("KH01-A-2026-0001", high)).id == high
            assert certificate_records.find_certificate(r.sup, "KH01-A-2026-0001").id == low
            assert certificate_records.get_certificate(r.sup, high).number == alternative_key("KH01-A-2026-0001", high)
            r.db.close()
    finally:
        again.db.close()


def test_two_devices_linking_one_case_make_one_link(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.officer)
    made = case_intake.record_intake(hq.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    cert = _certificate(hq, rnd.id, "HQ01-A-2026-0001", [])
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for laptop in (a, b):
        apply_import(laptop.sup, [start], trust=True)
    ids = {_link(laptop, cert, made.case_id) for laptop in (a, b)}
    assert ids == {certificate_case_id(cert, made.case_id)}
    bundles = [export_bundle(laptop.officer, tmp_path / f"{laptop.code}.repat").path for laptop in (a, b)]
    one, two = _in_both_orders(hq, tmp_path, bundles[:1], bundles[1:])
    for r in (one, two):
        with r.db.session() as s:
            links = s.scalars(select(CertificateCase).where(CertificateCase.certificate_id == cert)).all()
            assert [(link.id, link.deleted) for link in links] == [(certificate_case_id(cert, made.case_id), False)]
        assert list_conflicts(r.sup) == []
        r.db.close()


def test_two_old_links_for_one_pair_leave_one_live_and_supersede_the_other(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.officer)
    made = case_intake.record_intake(hq.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    cert = _certificate(hq, rnd.id, "HQ01-A-2026-0001", [])
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for laptop in (a, b):
        apply_import(laptop.sup, [start], trust=True)
    links = [_link(laptop, cert, made.case_id, legacy=True) for laptop in (a, b)]
    keep, superseded = sorted(links)
    bundles = [export_bundle(laptop.officer, tmp_path / f"{laptop.code}.repat").path for laptop in (a, b)]
    one, two = _in_both_orders(hq, tmp_path, bundles[:1], bundles[1:])
    for r in (one, two):
        with r.db.session() as s:
            state = dict(s.execute(select(CertificateCase.id, CertificateCase.deleted)
                                   .where(CertificateCase.certificate_id == cert)).tuples().all())
            assert state == {keep: False, superseded: True}
            (root,) = s.scalars(select(RowVersion.version_id).where(
                RowVersion.row_id == superseded, RowVersion.parent_version_id.is_(None))).all()
            deletion = s.scalars(select(RowVersion).where(RowVersion.row_id == superseded,
                                                          RowVersion.parent_version_id == root)).one()
            assert deletion.version_id == superseding_version_id(root) and deletion.device_code == MERGE_DEVICE
    # the deletion travels: a laptop that had only its own link ends the same way
    back = export_bundle(one.sup, tmp_path / "hq-back.repat", full=True).path
    apply_import(b.sup, [back])
    assert list_held(b.sup) == []
    assert canonical_dump(b.db)["certificate_cases"] == canonical_dump(one.db)["certificate_cases"]
    for r in (one, two):
        r.db.close()


def test_a_link_held_for_its_case_is_superseded_once_the_case_arrives(replicas: dict[str, Replica],
                                                                     tmp_path: Path) -> None:
    """The older link waits for its case; the newer one was written meanwhile. When the case
    arrives, the result is the same as if everything had come in order."""
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(a.officer)
    cert = _certificate(a, rnd.id, "KH01-A-2026-0001", [])
    made = case_intake.record_intake(a.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    first = export_bundle(a.officer, tmp_path / "a1.repat").path
    apply_import(b.sup, [first], trust=True)
    link_a = _link(a, cert, made.case_id, legacy=True)
    link_b = _link(b, cert, made.case_id, legacy=True)
    second = export_bundle(a.officer, tmp_path / "a2.repat").path  # the link only
    from_b = export_bundle(b.officer, tmp_path / "b.repat", full=True).path
    in_order = copy_replica(hq, tmp_path, "in-order")
    late = copy_replica(hq, tmp_path, "late")
    try:
        for bundle in (first, second, from_b):
            _import(in_order, bundle)
        for bundle in (second, from_b, first):  # a's link waits for its case; b's comes with it
            _import(late, bundle)
        assert list_held(late.sup) == [] and list_quarantine(late.sup) == []
        assert canonical_dump(late.db) == canonical_dump(in_order.db)
        with late.db.session() as s:
            live = s.scalars(select(CertificateCase.id).where(CertificateCase.deleted.is_(False))).all()
        assert live == [min(link_a, link_b)]
    finally:
        in_order.db.close()
        late.db.close()


def test_the_clash_mark_is_not_part_of_any_version(replicas: dict[str, Replica]) -> None:
    kh = replicas["KH01"]
    rnd = new_round(kh.officer)
    case_intake.record_intake(kh.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    with kh.db.session() as s:
        snapshots = s.scalars(select(RowVersion.snapshot).where(RowVersion.table_name.in_(
            ("cases", "devices", "certificates")))).all()
    assert snapshots and not any("key_clash" in snap for snap in snapshots)


def test_a_case_taken_off_a_draft_and_listed_again_keeps_its_one_link(clerk, officer) -> None:
    """Link ids come from the pair: listing a case again (here by widening the draft to the whole
    round, then issuing it) takes back the row it had, live again, instead of adding one."""
    from tests.conftest import make_round
    from tests.documents.helpers import add_cases, complete_form

    rnd = make_round(officer)
    first, second = add_cases(officer, rnd.id, 2)
    draft = certificate_drafts.create_draft(clerk, certificate_forms.Scope(rnd.id, case_ids=(first.case_id, second.case_id)),
                                      complete_form())
    certificate_drafts.update_draft(clerk, draft.id, None, complete_form(),
                              certificate_forms.Scope(rnd.id, case_ids=(first.case_id,)))
    certificate_drafts.update_draft(clerk, draft.id, None, complete_form(), certificate_forms.Scope(rnd.id))
    certificate_issuing.issue_certificate(clerk, draft.id)
    with clerk.reading() as s:
        links = s.execute(select(CertificateCase.id, CertificateCase.case_id, CertificateCase.deleted)
                          .where(CertificateCase.certificate_id == draft.id)).tuples().all()
    assert sorted(links) == sorted((certificate_case_id(draft.id, c.case_id), c.case_id, False)
                                   for c in (first, second))


def test_a_resolution_that_moves_a_number_settles_the_marks_and_flags(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    """A case number changed on two laptops (here behind the services' back) is a conflict; its
    provisional value is held by another case, so both are marked and flagged; the supervisor
    picks the other value, and the mark and the flag go."""
    hq, a, b, c = replicas["HQ01"], replicas["KH01"], replicas["KH02"], replicas["KH03"]
    rnd = new_round(hq.officer)
    made = case_intake.record_intake(hq.officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for laptop in (a, b, c):
        apply_import(laptop.sup, [start], trust=True)
    for laptop, number in ((a, "X-1"), (b, "X-2")):
        with laptop.officer.unit_of_work() as s:
            case = s.get(Case, made.case_id)
            assert case is not None
            case.case_number = number
    with c.officer.unit_of_work() as s:
        other = Case(id=uuid7(), case_number="X-2", round_id=rnd.id, category="complete", received_at=utcnow())
        s.add(other)
    bundles = [export_bundle(r.officer, tmp_path / f"{r.code}.repat").path for r in (a, b, c)]
    apply_import(hq.sup, bundles, trust=True)
    (conflict,) = list_conflicts(hq.sup)
    assert conflict.field == "case_number" and conflict.provisional == "X-2"
    assert _marks(hq, "cases")[made.case_id] and _marks(hq, "cases")[other.id]
    assert [d.reasons for d in list_duplicates(hq.sup)] == [["same_case_number"]]

    resolve_conflict(hq.sup, conflict.id, value="X-1")
    assert not any(_marks(hq, "cases").values())
    assert list_duplicates(hq.sup) == []
    with hq.db.session() as s:
        assert s.get(Case, made.case_id).case_number == "X-1"  # type: ignore[union-attr]

