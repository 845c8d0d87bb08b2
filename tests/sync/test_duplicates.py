"""Probable duplicates are flagged at import, never merged; the supervisor's decisions travel."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import PermissionDenied, ValidationError
from app.persistence.models import Case
from app.services.cases import intake
from app.services.rounds import rounds
from app.services.sync.duplicates import dismiss_duplicate, link_duplicates, list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED
from tests.sync.conftest import Replica, new_round


def _intake(r: Replica, round_id: str, tag: str, **kw: object) -> str:
    return intake.record_intake(r.officer, intake.IntakeData(round_id=round_id, sender_tag=tag, **kw),  # type: ignore[arg-type]
                               confirm_duplicate=True).case_id


def test_the_same_tag_or_bag_on_two_laptops_is_flagged_and_decisions_travel(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.sup)
    unit = rounds.add_transport_unit(hq.sup, rnd.id, rounds.TransportUnitData(label="AA 1234 KX"))
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for r in (a, b):
        apply_import(r.sup, [start], trust=True)
    same_tag = (_intake(a, rnd.id, "UA-17"), _intake(b, rnd.id, "ua-17 "))
    same_bag = (_intake(a, rnd.id, "UA-20", transport_unit_id=unit.id, bag_number="B-5"),
                _intake(b, rnd.id, "UA-21", transport_unit_id=unit.id, bag_number="B-5"))
    _intake(b, rnd.id, "UA-30")
    bundles = [export_bundle(r.officer, tmp_path / f"{r.code}.repat").path for r in (a, b)]
    files = apply_import(hq.sup, bundles, trust=True).files
    assert [f.duplicates for f in files] == [0, 2]

    found = {d.reasons[0]: d for d in list_duplicates(hq.sup) if d.table == "cases"}
    assert set(found) == {"same_tag", "same_bag"}
    assert {found["same_tag"].a.id, found["same_tag"].b.id} == set(same_tag)
    assert {found["same_bag"].a.id, found["same_bag"].b.id} == set(same_bag)
    assert found["same_tag"].scope == rnd.code and found["same_tag"].status == "open"
    with hq.sup.reading() as s:  # never merged: both cases stay
        assert all(s.get(Case, cid) is not None for cid in same_tag + same_bag)

    with pytest.raises(PermissionDenied):
        link_duplicates(hq.officer, found["same_tag"].id)
    linked = link_duplicates(hq.sup, found["same_tag"].id[:8], note="one set of remains, two tags")
    assert linked.status == "linked"
    dismissed = dismiss_duplicate(hq.sup, found["same_bag"].id)
    assert dismissed.status == "dismissed"
    assert list_duplicates(hq.sup) == [d for d in list_duplicates(hq.sup) if d.table != "cases"]
    with hq.sup.reading() as s:
        first, second = sorted((s.get(Case, same_tag[0]), s.get(Case, same_tag[1])),
                               key=lambda c: (c.received_at, c.case_number))  # type: ignore[union-attr]
        assert first is not None and second is not None
        assert second.same_remains_as_id == first.id and first.same_remains_as_id is None

    # the decisions reach the laptop, which sees the same flags closed
    out = export_bundle(hq.sup, tmp_path / "hq.repat").path
    apply_import(a.sup, [out])
    at_laptop = {d.reasons[0]: d.status for d in list_duplicates(a.sup, status=None) if d.table == "cases"}
    assert at_laptop == {"same_tag": "linked", "same_bag": "dismissed"}
    assert list_duplicates(a.sup) == [d for d in list_duplicates(a.sup) if d.table != "cases"]


def test_a_round_created_twice_and_a_user_name_made_twice_are_kept_and_flagged(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    # two laptops at one handover each create "the same" round; both made the user "medic"
    for r in (a, b):
        new_round(r.officer, "R-2026-07-01")
        from app.domain import Role
        from app.services.admin import accounts

        accounts.create_user(r.sup, username="medic", full_name=f"Medic of {r.code}", role=Role.FIELD_OFFICER,
                             password="correct horse")
    files = apply_import(hq.sup, [export_bundle(r.sup, tmp_path / f"{r.code}.repat").path for r in (a, b)],
                         trust=True).files
    assert all(f.status == STATUS_APPLIED and f.held == 0 for f in files)
    assert [r.code for r in rounds.list_rounds(hq.sup)].count("R-2026-07-01") == 2
    flags = {d.reasons[0]: d for d in list_duplicates(hq.sup)}
    assert {flags["same_code"].a.label, flags["same_code"].b.label} == {"R-2026-07-01"}
    assert {flags["same_username"].a.label, flags["same_username"].b.label} == {"medic"}
    with pytest.raises(ValidationError, match="Only two cases can be linked"):
        link_duplicates(hq.sup, flags["same_code"].id)
    assert dismiss_duplicate(hq.sup, flags["same_code"].id).status == "dismissed"
    # locally the services still refuse a code that is taken
    with pytest.raises(ValidationError, match="already exists"):
        new_round(hq.sup, "R-2026-07-01")


def test_both_accounts_with_one_user_name_can_log_in(replicas: dict[str, Replica], tmp_path: Path) -> None:
    from app.domain import Role
    from app.services.admin import accounts

    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    for r, password in ((a, "password of A"), (b, "password of B")):
        accounts.create_user(r.sup, username="nurse", full_name=f"Nurse {r.code}", role=Role.FIELD_OFFICER,
                             password=password)
    apply_import(hq.sup, [export_bundle(r.sup, tmp_path / f"{r.code}.repat").path for r in (a, b)],
                 trust=True)
    # laptop accounts act at the headquarters once granted a role there; the two are told apart
    # by the laptop that made them
    with pytest.raises(ValidationError, match=r"Several accounts are called nurse \(made on KH01, KH02\)"):
        accounts.grant_role(hq.sup, "nurse", Role.FIELD_OFFICER)
    for code in ("KH01", "KH02"):
        accounts.grant_role(hq.sup, "nurse", Role.FIELD_OFFICER, made_on=code)
    for code, password in (("KH01", "password of A"), ("KH02", "password of B")):
        ctx = accounts.login(hq.db, "nurse", password)
        assert ctx.user is not None and ctx.user.full_name == f"Nurse {code}"


def test_look_alike_tags_and_bag_numbers_from_two_laptops_are_flagged(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    """МТ-0009 typed with Cyrillic letters on one laptop and MT-0009 on another are one tag; so are
    bag В-5 (Cyrillic В) and B-5 in one transport unit (see app.lookalikes)."""
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.sup)
    unit = rounds.add_transport_unit(hq.sup, rnd.id, rounds.TransportUnitData(label="AA 1234 KX"))
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for r in (a, b):
        apply_import(r.sup, [start], trust=True)
    same_tag = (_intake(a, rnd.id, "MT-0009"), _intake(b, rnd.id, "\u041c\u0422-0009"))
    same_bag = (_intake(a, rnd.id, "UA-20", transport_unit_id=unit.id, bag_number="B-5"),
                _intake(b, rnd.id, "UA-21", transport_unit_id=unit.id, bag_number="\u0412-5"))
    bundles = [export_bundle(r.officer, tmp_path / f"{r.code}.repat").path for r in (a, b)]
    apply_import(hq.sup, bundles, trust=True)
    found = {d.reasons[0]: d for d in list_duplicates(hq.sup) if d.table == "cases"}
    assert set(found) == {"same_tag", "same_bag"}
    assert {found["same_tag"].a.id, found["same_tag"].b.id} == set(same_tag)
    assert {found["same_bag"].a.id, found["same_bag"].b.id} == set(same_bag)
