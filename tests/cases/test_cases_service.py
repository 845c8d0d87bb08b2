"""Intake, the case list and the case file (on SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain import Category, ConditionFlag, CustodyEventType, DiscrepancyKind
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.persistence.db import Database
from app.persistence.models import Attachment, Blob, Case, Discrepancy, RowVersion
from app.services.admin import accounts
from app.services.cases import case_file, drafts, listing
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import PASSWORD, make_round
from tests.rounds.test_rounds import add_manifest


def intake(ctx: AppContext, round_id: str, tag: str, **kw: Any) -> case_intake.IntakeResult:
    return case_intake.record_intake(ctx, case_intake.IntakeData(round_id=round_id, sender_tag=tag, **kw))


def discrepancies(db: Database, case_id: str) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(Discrepancy.kind).where(Discrepancy.case_id == case_id)))


# --- intake -----------------------------------------------------------------------------------


def test_intake_links_the_manifest_line_and_copies_the_claim(db: Database, officer: AppContext,
                                                            a_round: rounds.RoundSummary) -> None:
    add_manifest(officer, a_round.id, ["UA-0001", "UA-0002"])
    looked = case_intake.lookup_tag(officer, a_round.id, " ua-0002 ")
    assert looked.on_manifest and not looked.already_received
    assert looked.claimed_name == "Name 2"
    res = intake(officer, a_round.id, "ua-0002")
    assert not res.off_manifest and res.duplicate_of == []
    detail = case_file.get_case(officer, res.case_id)
    assert detail.fields["claimed_name"] == "Name 2"
    assert detail.fields["claimed_source"] == "manifest"
    assert detail.fields["off_manifest"] is False
    with db.session() as s:
        case = s.get(Case, res.case_id)
        assert case is not None and case.manifest_line_id == looked.manifest_line_id
    assert discrepancies(db, res.case_id) == []
    assert case_intake.lookup_tag(officer, a_round.id, "UA-0002").received_as == [res.case_number]


def test_a_claim_from_documents_is_kept_apart_from_the_manifest(officer: AppContext,
                                                                a_round: rounds.RoundSummary) -> None:
    add_manifest(officer, a_round.id, ["UA-0001"])
    res = intake(officer, a_round.id, "UA-0001", claimed_name="  Іваненко   Петро ")
    fields = case_file.get_case(officer, res.case_id).fields
    assert (fields["claimed_name"], fields["claimed_source"]) == ("Іваненко Петро", "documents")
    assert fields["established_name"] == ""  # a claim never fills the established identity


def test_off_manifest_bag_is_a_discrepancy(db: Database, officer: AppContext,
                                           a_round: rounds.RoundSummary) -> None:
    add_manifest(officer, a_round.id, ["UA-0001"])
    res = intake(officer, a_round.id, "ZZ-999")
    assert res.off_manifest
    assert discrepancies(db, res.case_id) == [DiscrepancyKind.RECEIVED_NOT_DECLARED.value]
    no_tag = intake(officer, a_round.id, "", condition_flags=[ConditionFlag.NO_TAG.value])
    assert no_tag.off_manifest
    with pytest.raises(ValidationError) as err:
        intake(officer, a_round.id, "  ")
    assert err.value.fields == {"sender_tag": "required"}


def test_duplicate_tag_is_refused_until_confirmed(db: Database, officer: AppContext,
                                                  a_round: rounds.RoundSummary) -> None:
    add_manifest(officer, a_round.id, ["UA-0001"])
    first = intake(officer, a_round.id, "UA-0001")
    drafts.save_draft(officer, {"sender_tag": "ua-0001 "})
    with pytest.raises(case_intake.DuplicateTag) as err:
        intake(officer, a_round.id, " ua-0001")
    assert err.value.case_numbers == [first.case_number]
    assert first.case_number in str(err.value)
    assert listing.count_cases(officer, listing.CaseQuery()) == 1
    assert drafts.load_draft(officer) == {"sender_tag": "ua-0001 "}  # the refused save kept the draft
    second = case_intake.record_intake(officer, case_intake.IntakeData(round_id=a_round.id, sender_tag="ua-0001"),
                                 confirm_duplicate=True)
    assert second.duplicate_of == [first.case_number]
    assert discrepancies(db, second.case_id) == [DiscrepancyKind.DUPLICATE_TAG.value]
    # the same tag in another round is not a duplicate
    other = make_round(officer, code="R-OTHER")
    assert intake(officer, other.id, "UA-0001").duplicate_of == []


def test_commingled_remains_are_a_discrepancy(db: Database, officer: AppContext,
                                              a_round: rounds.RoundSummary) -> None:
    add_manifest(officer, a_round.id, ["UA-0001"])
    res = intake(officer, a_round.id, "UA-0001", category=Category.COMMINGLED.value)
    assert discrepancies(db, res.case_id) == [DiscrepancyKind.COMMINGLED.value]


def test_case_numbers_are_unique_and_sequential_per_device(db: Database, officer: AppContext,
                                                           supervisor: AppContext,
                                                           a_round: rounds.RoundSummary) -> None:
    year = datetime.now().year
    numbers = [intake(ctx, a_round.id, f"T-{i}").case_number
               for i, ctx in enumerate([officer, supervisor, officer, officer])]
    assert numbers == [f"KH01-{year}-{n:05d}" for n in range(1, 5)]
    # another laptop writing to the same database (a headquarters server) has its own sequence
    kh02 = AppContext(db, "KH02")
    kh02.user = accounts.login(db, "ivan", PASSWORD).user
    assert intake(kh02, a_round.id, "T-9").case_number == f"KH02-{year}-00001"
    assert intake(officer, a_round.id, "T-10").case_number == f"KH01-{year}-00005"
    with db.session() as s:
        assert s.scalar(select(func.count(func.distinct(Case.case_number)))) == 6


def test_intake_records_the_received_custody_event(officer: AppContext, a_round: rounds.RoundSummary) -> None:
    unit = rounds.add_transport_unit(officer, a_round.id, rounds.TransportUnitData(label="AA1234BB", seal_numbers="S-77"))
    res = intake(officer, a_round.id, "T-1", transport_unit_id=unit.id)
    detail = case_file.get_case(officer, res.case_id)
    assert detail.transport_unit == "AA1234BB" and detail.round_code == a_round.code
    [event] = detail.custody
    assert event.event_type == CustodyEventType.RECEIVED.value
    assert (event.place, event.from_party, event.to_party, event.witnesses) == (
        "Київська обл.", "Сторона А", "Ministry of Reintegration", "ICRC")
    assert event.seals_before == "S-77"
    assert event.recorded_by == "Іван Бондар"
    assert event.occurred_at == detail.fields["received_at"]


def test_effects_and_photos_are_saved_with_the_case(db: Database, officer: AppContext,
                                                    a_round: rounds.RoundSummary) -> None:
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    res = case_intake.record_intake(officer, case_intake.IntakeData(
        round_id=a_round.id, sender_tag="T-1",
        effects=[case_intake.EffectData(" Паспорт ", category="document"),
                 case_intake.EffectData("ring", category="jewellery", quantity=2, container_seal=" E-1 ")],
        photos=[case_intake.PhotoData("front.jpg", jpeg, caption="front"), case_intake.PhotoData("same.JPG", jpeg)],
    ))
    other = case_intake.record_intake(officer, case_intake.IntakeData(
        round_id=a_round.id, sender_tag="T-2", photos=[case_intake.PhotoData("again.png", jpeg)]))
    detail = case_file.get_case(officer, res.case_id)
    assert [(e.description, e.category, e.quantity, e.container_seal) for e in detail.effects] == [
        ("Паспорт", "document", 1, ""), ("ring", "jewellery", 2, "E-1")]
    digest = hashlib.sha256(jpeg).hexdigest()
    assert {(a.filename, a.sha256, a.size, a.media_type) for a in detail.attachments} == {
        ("front.jpg", digest, len(jpeg), "image/jpeg"), ("same.JPG", digest, len(jpeg), "image/jpeg")}
    assert case_file.get_case(officer, other.case_id).attachments[0].media_type == "image/png"
    with db.session() as s:  # three attachments, one stored copy of the bytes
        assert s.scalar(select(func.count()).select_from(Attachment)) == 3
        assert s.scalar(select(func.count()).select_from(Blob)) == 1
    assert case_file.attachment_bytes(officer, digest) == jpeg
    with pytest.raises(NotFound):
        case_file.attachment_bytes(officer, "0" * 64)


@pytest.mark.parametrize(
    ("effects", "message"),
    [([case_intake.EffectData("  ")], "no description"), ([case_intake.EffectData("x", quantity=0)], "at least 1"),
     ([case_intake.EffectData("x", category="weapon")], "Unknown effect category")],
)
def test_bad_effects_are_refused_and_nothing_is_saved(officer: AppContext, a_round: rounds.RoundSummary,
                                                      effects: list[case_intake.EffectData], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        case_intake.record_intake(officer, case_intake.IntakeData(round_id=a_round.id, sender_tag="T-1", effects=effects))
    assert listing.count_cases(officer, listing.CaseQuery()) == 0


def test_the_draft_is_cleared_by_the_save_that_uses_it(officer: AppContext, supervisor: AppContext,
                                                      a_round: rounds.RoundSummary) -> None:
    drafts.save_draft(officer, {"sender_tag": "T-1", "notes": "Пошкоджений мішок"})
    drafts.save_draft(supervisor, {"sender_tag": "T-7"})
    assert drafts.load_draft(officer) == {"sender_tag": "T-1", "notes": "Пошкоджений мішок"}
    intake(officer, a_round.id, "T-1")
    assert drafts.load_draft(officer) is None
    assert drafts.load_draft(supervisor) == {"sender_tag": "T-7"}  # only the saving user's draft
    # a save that fails leaves the draft in place
    drafts.save_draft(officer, {"sender_tag": "T-2"})
    with pytest.raises(NotFound):
        intake(officer, "no-such-round", "T-2")
    assert drafts.load_draft(officer) == {"sender_tag": "T-2"}


def test_a_body_part_points_to_its_parent_case(db: Database, officer: AppContext,
                                               a_round: rounds.RoundSummary) -> None:
    parent = intake(officer, a_round.id, "T-1")
    part = intake(officer, a_round.id, "T-1-A", category=Category.PARTIAL.value,
                  parent_case_number=parent.case_number.lower())
    with db.session() as s:
        stored = s.get(Case, part.case_id)
        assert stored is not None and stored.parent_case_id == parent.case_id
    with pytest.raises(ValidationError, match="no case"):
        intake(officer, a_round.id, "T-1-B", parent_case_number="KH01-1999-00001")


# --- search and the case list -----------------------------------------------------------------


def _numbers(page: listing.CasePage) -> list[str]:
    return [r.case_number for r in page.rows]


def test_search_by_case_number_tag_and_cyrillic_name(officer: AppContext, a_round: rounds.RoundSummary) -> None:
    a = intake(officer, a_round.id, "UA-100", claimed_name="Ґудзь Євгенія")
    b = intake(officer, a_round.id, "UA-200", claimed_name="Шевченко Тарас")
    c = intake(officer, a_round.id, "RU-300", claimed_name="Гудзенко Олег")  # Г, not Ґ
    d = intake(officer, a_round.id, "A_1")
    e = intake(officer, a_round.id, "AB1")

    def found(text: str) -> set[str]:
        page = listing.list_cases(officer, listing.CaseQuery(search=text))
        assert listing.count_cases(officer, listing.CaseQuery(search=text)) == len(page.rows)
        return set(_numbers(page))

    # Ґ and Г, G and H are one letter to the search: transliterations write either for both
    assert found("ґУДЗЬ") == {a.case_number, c.case_number}
    assert found("ґудзь є") == {a.case_number}
    assert found("гудзе") == {c.case_number}
    assert found("ШЕВЧ") == {b.case_number}
    # the same names in Latin letters, as the common transliterations write them
    assert found("Hudz") == found("Gudz") == {a.case_number, c.case_number}
    assert found("Hudz Yevheniia") == found("gudz evgenija") == {a.case_number}
    assert found("Shevchenko") == found("Schewtschenko") == {b.case_number}
    assert found("Hudzenko Oleh") == {c.case_number}
    assert found("ua-") == {a.case_number, b.case_number}
    assert found("ru-3") == {c.case_number}
    assert found(a.case_number.lower()) == {a.case_number}
    assert found(a.case_number[:8]) == {x.case_number for x in (a, b, c, d, e)}
    assert found("a_") == {d.case_number}  # "_" is a character, not a wildcard
    assert found("a%") == set()
    assert found("Тарас") == found("Taras Shev") == {b.case_number}  # the second word too
    assert found("Євгенія Ґудзь") == {a.case_number}
    assert found("Олег Ш") == set()
    assert found("  ") == {x.case_number for x in (a, b, c, d, e)}
    other = make_round(officer, code="R-OTHER")
    f = intake(officer, other.id, "UA-900", claimed_name="Ґудзь Іван")
    in_round = listing.list_cases(officer, listing.CaseQuery(round_id=other.id, search="ґудзь"))
    assert _numbers(in_round) == [f.case_number]


@pytest.mark.parametrize("sort", ["claimed_name", "sender_tag", "case_number", "received_at"])
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_keyset_paging_is_complete_and_stable_with_ties(db: Database, officer: AppContext,
                                                        a_round: rounds.RoundSummary, sort: str,
                                                        descending: bool) -> None:
    names = ["Ґудзь Євгенія", "Бондар Іван", "Ґудзь Євгенія", "", "Антоненко Ольга"]
    for i in range(23):  # many ties in the name, a few in the tag
        data = case_intake.IntakeData(round_id=a_round.id, sender_tag=f"T-{i % 7:02d}", claimed_name=names[i % len(names)])
        case_intake.record_intake(officer, data, confirm_duplicate=True)
    query = listing.CaseQuery(sort=sort, descending=descending)
    everything = listing.list_cases(officer, query, limit=1000)
    assert everything.next_key is None and len(everything.rows) == 23
    seen: list[listing.CaseRow] = []
    after = None
    pages = 0
    while True:
        page = listing.list_cases(officer, query, after=after, limit=4)
        seen += page.rows
        pages += 1
        if page.next_key is None:
            break
        after = page.next_key
        # a case saved while the user pages does not shift or repeat what is still to come
        if pages == 2:
            intake(officer, a_round.id, "LATE-1", claimed_name="Яковенко")
            everything = listing.list_cases(officer, query, limit=1000)
    assert pages >= 6
    ids = [r.id for r in seen]
    assert len(ids) == len(set(ids)), "a case appeared on two pages"
    assert set(ids) <= {r.id for r in everything.rows}
    assert len(everything.rows) - len(ids) in (0, 1)  # only the late case may sit on an earlier page
    # the pages, put together, are in the same order as one big page
    assert ids == [r.id for r in everything.rows if r.id in set(ids)]


def test_sort_is_checked(officer: AppContext) -> None:
    with pytest.raises(ValidationError, match="Cannot sort"):
        listing.list_cases(officer, listing.CaseQuery(sort="password_hash"))


# --- the case file, editing and history ---------------------------------------------------------


def test_history_lists_the_changed_fields_with_their_authors(officer: AppContext, supervisor: AppContext,
                                                             a_round: rounds.RoundSummary) -> None:
    res = intake(officer, a_round.id, "T-1", effects=[case_intake.EffectData("wallet")])
    detail = case_file.get_case(officer, res.case_id)
    detail = case_file.update_case(supervisor, res.case_id, detail.rev,
                               {"storage_location": " Холодильник 2 ", "notes": "checked"})
    assert detail.fields["storage_location"] == "Холодильник 2" and detail.rev == 2
    history = [h for h in detail.history if h.table == "cases"]
    assert [h.author for h in history] == ["ivan", "olena"]
    assert history[0].changed["sender_tag"] == (None, "T-1")
    assert history[1].changed == {"storage_location": ("", "Холодильник 2"), "notes": ("", "checked")}
    assert all(h.device == "KH01" and not h.deleted for h in history)
    assert any(h.table == "personal_effects" and h.changed.get("description") == (None, "wallet")
               for h in detail.history)
    # hidden bookkeeping never shows
    assert not any({"updated_at", "claimed_name_norm", "sender_tag_norm"} & set(h.changed) for h in detail.history)


def test_update_case_refuses_a_stale_copy_and_shows_the_other_change(officer: AppContext, supervisor: AppContext,
                                                                     a_round: rounds.RoundSummary) -> None:
    res = intake(officer, a_round.id, "T-1")
    mine = case_file.get_case(officer, res.case_id)
    theirs = case_file.get_case(supervisor, res.case_id)
    case_file.update_case(supervisor, res.case_id, theirs.rev, {"category": "partial", "notes": "теж мій"})
    with pytest.raises(StaleEdit) as err:
        case_file.update_case(officer, res.case_id, mine.rev, {"notes": "mine"})
    assert res.case_number in str(err.value)
    assert err.value.changed_fields == {"category": ("complete", "partial"), "notes": ("", "теж мій")}
    assert case_file.get_case(officer, res.case_id).fields["notes"] == "теж мій"


def test_update_case_checks_fields_and_values(officer: AppContext, a_round: rounds.RoundSummary) -> None:
    res = intake(officer, a_round.id, "T-1")
    rev = case_file.get_case(officer, res.case_id).rev
    with pytest.raises(ValidationError, match="cannot be changed here: claimed_name"):
        case_file.update_case(officer, res.case_id, rev, {"claimed_name": "someone else"})
    with pytest.raises(ValidationError, match="Unknown category"):
        case_file.update_case(officer, res.case_id, rev, {"category": "alive"})
    updated = case_file.update_case(officer, res.case_id, rev, {"condition_flags": "burnt,bag_damaged,burnt"})
    assert updated.fields["condition_flags"] == "bag_damaged,burnt"
    with pytest.raises(NotFound):
        case_file.update_case(officer, "no-such-case", 1, {"notes": "x"})
    assert case_file.find_case_id(officer, res.case_number.lower()) == res.case_id
    with pytest.raises(NotFound):
        case_file.find_case_id(officer, "KH01-1999-00001")


def test_every_intake_row_is_versioned_in_the_same_save(db: Database, officer: AppContext,
                                                        a_round: rounds.RoundSummary) -> None:
    res = intake(officer, a_round.id, "OFF-1", effects=[case_intake.EffectData("ring")],
                 photos=[case_intake.PhotoData("a.jpg", b"\xff\xd8photo")])
    with db.session() as s:
        tables = sorted(s.scalars(select(RowVersion.table_name).where(
            RowVersion.hlc >= s.scalar(select(Case.hlc).where(Case.id == res.case_id)))))
    assert tables == ["attachments", "cases", "custody_events", "discrepancies", "personal_effects"]


def test_a_clerk_reads_cases_but_does_not_edit_them(clerk: AppContext, officer: AppContext,
                                                    a_round: rounds.RoundSummary) -> None:
    res = intake(officer, a_round.id, "T-1")
    detail = case_file.get_case(clerk, res.case_id)
    assert detail.fields["case_number"] == res.case_number
    with pytest.raises(PermissionDenied):
        case_file.update_case(clerk, res.case_id, detail.rev, {"notes": "x"})
