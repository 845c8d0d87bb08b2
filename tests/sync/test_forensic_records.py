"""Samples and releases (app.services.forensics) travel with their cases and custody events: the
merge applies them after the records they refer to, whether they come in one bundle or in several,
in any order."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.persistence.models import Case, CustodyEvent, Release, Sample
from app.services.cases import intake
from app.services.forensics import case_record, examination, identification
from app.services.forensics.examination import ExaminationData, SampleData
from app.services.forensics.identification import IdentificationData, ReleaseData
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED, STATUS_QUARANTINED
from app.services.sync.status import list_held
from app.services.sync.trust import list_quarantine
from tests.sync.conftest import Replica, canonical_dump, new_round
from tests.sync.world import copy_replica


def _soon(seconds: int = 1) -> datetime:
    """A local moment just after the case was received (the forms keep whole seconds)."""
    return datetime.now().replace(microsecond=0) + timedelta(seconds=seconds)


def _the_whole_path(kh: Replica, folder: Path) -> tuple[str, list[Path]]:
    """A case received, examined with two samples, identified and released on one laptop, with a
    bundle exported after each step."""
    bundles: list[Path] = []

    def export(name: str) -> None:
        bundles.append(export_bundle(kh.officer, folder / f"{name}.repat").path)

    rnd = new_round(kh.officer)
    case_id = intake.record_intake(kh.officer, intake.IntakeData(
        round_id=rnd.id, sender_tag="UA-7", claimed_name="Шевченко Тарас Григорович")).case_id
    export("1-received")
    examination.record_examination(kh.officer, case_id, ExaminationData("completed", _soon(1), "Д-р Ковальчук"))
    examination.add_sample(kh.officer, case_id, SampleData("tooth", "LAB-77", date.today(), "Д-р К.", "ДНК-лаб"))
    examination.add_sample(kh.officer, case_id, SampleData("bone", "LAB-78", date.today(), "Д-р К."))
    export("2-examined")
    identification.record_identification(kh.officer, case_id, IdentificationData(
        "Шевченко Тарас Григорович", "", "UA", "dna", "Лабораторія №1", date.today()))
    identification.record_release(kh.officer, case_id, ReleaseData("Шевченко Марія", "мати", "паспорт КК000111",
                                                              _soon(2), "Київ"))
    export("3-released")
    return case_id, bundles


def _check(r: Replica, case_id: str) -> None:
    assert list_held(r.sup) == []
    with r.db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.status == "released"
        assert sorted(s.scalars(select(Sample.label).where(Sample.case_id == case_id))) == ["LAB-77", "LAB-78"]
        release = s.scalars(select(Release).where(Release.case_id == case_id)).one()
        event = s.get(CustodyEvent, release.custody_event_id)
        assert event is not None and event.event_type == "released" and event.case_id == case_id
        events = s.scalars(select(CustodyEvent.event_type).where(CustodyEvent.case_id == case_id)).all()
        assert sorted(events) == ["examined", "received", "released"]
    record = case_record.get_record(r.sup, case_id)
    assert record.released and [x.recipient_name for x in record.releases] == ["Шевченко Марія"]


def test_samples_and_releases_in_one_bundle_follow_their_case(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    case_id, _steps = _the_whole_path(kh, tmp_path)
    whole = export_bundle(kh.officer, tmp_path / "whole.repat", full=True).path
    files = apply_import(hq.sup, [whole], trust=True).files
    assert files[0].status == STATUS_APPLIED and files[0].held == 0
    _check(hq, case_id)


def test_samples_and_releases_in_separate_bundles_arrive_in_any_order(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    case_id, steps = _the_whole_path(kh, tmp_path)
    in_order, backwards = copy_replica(hq, tmp_path, "in-order"), copy_replica(hq, tmp_path, "backwards")
    try:
        for bundle in steps:
            assert apply_import(in_order.sup, [bundle], trust=True).files[0].status == STATUS_APPLIED
        # the release and the samples come first: they continue the laptop's chain of records
        # after versions not received yet, so they wait, and are applied once the case arrives
        first = apply_import(backwards.sup, [steps[2]], trust=True).files[0]
        assert first.status == STATUS_QUARANTINED and "has not arrived here yet" in first.message
        second = apply_import(backwards.sup, [steps[1]]).files[0]
        assert second.status == STATUS_QUARANTINED
        with backwards.db.session() as s:
            assert s.scalars(select(Release)).all() == [] and s.scalars(select(Sample)).all() == []
        assert apply_import(backwards.sup, [steps[0]]).files[0].status == STATUS_APPLIED
        assert list_quarantine(backwards.sup) == []
        _check(in_order, case_id)
        _check(backwards, case_id)
        assert canonical_dump(backwards.db) == canonical_dump(in_order.db)
        # all three in one import, the last first
        together = copy_replica(hq, tmp_path, "together")
        try:
            apply_import(together.sup, list(reversed(steps)), trust=True)
            _check(together, case_id)
            assert canonical_dump(together.db) == canonical_dump(in_order.db)
        finally:
            together.db.close()
    finally:
        in_order.db.close()
        backwards.db.close()
