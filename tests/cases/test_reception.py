"""The actual reception time of a bag (back-entry from paper) and voiding a case recorded in
error (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.domain import CustodyEventType
from app.errors import NotFound, PermissionDenied, ValidationError
from app.persistence.db import Database
from app.persistence.models import Case, CustodyEvent, Discrepancy, RowVersion
from app.persistence.versioning import utcnow
from app.services.cases import case_file, intake, listing, reception_time
from app.services.cases import void as case_void
from app.services.context import AppContext
from app.services.documents import certificate_drafts, certificate_forms, certificate_issuing
from app.services.reconciliation import cache, explanations
from app.services.rounds import rounds
from tests.reconciliation.scenario import acceptance_form
from tests.rounds.test_rounds import add_manifest

PAPER_DAY = date(2025, 6, 11)


def june_round(ctx: AppContext, code: str = "2025-06-11-KYIV") -> rounds.RoundSummary:
    return rounds.create_round(
        ctx, rounds.RoundData(code=code, round_date=PAPER_DAY, place="Київ", sending_party="Сторона А",
                              receiving_party="Міністерство", intermediary="ICRC", declared_total=3),
    )


def back_enter(ctx: AppContext, round_id: str, tag: str, when: datetime | None, reason: str = "") -> intake.IntakeResult:
    return intake.record_intake(
        ctx, intake.IntakeData(round_id=round_id, sender_tag=tag, received_at=when, late_reason=reason)
    )


def case_count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


# --- back-entry -----------------------------------------------------------------------------------


def test_a_back_entered_bag_keeps_its_reception_time_and_the_rounds_year(
    db: Database, officer: AppContext, supervisor: AppContext
) -> None:
    rnd = june_round(officer)
    add_manifest(officer, rnd.id, ["T-1", "T-2"])
    when = datetime(2025, 6, 11, 14, 30)  # local time, from the paper form
    typed_from = utcnow()
    res = back_enter(officer, rnd.id, "T-1", when)
    assert res.case_number.startswith("KH01-2025-"), res.case_number  # not the computer clock's year
    detail = case_file.get_case(officer, res.case_id)
    assert detail.fields["received_at"] == reception_time.to_utc(when)
    assert [ev.occurred_at for ev in detail.custody if ev.event_type == CustodyEventType.RECEIVED.value] == [
        reception_time.to_utc(when)]
    # the history: typed now, by the officer; the reception time among the fields it set
    created = detail.history[0]
    assert created.at >= typed_from - timedelta(seconds=1)
    assert officer.user is not None and created.author == officer.user.username
    assert created.changed["received_at"][1] == reception_time.to_utc(when).isoformat(timespec="milliseconds")
    # reconciliation's per-day figures count the bag on the day it was received
    back_enter(officer, rnd.id, "T-2", None)  # one scanned now
    fig = cache.figures(supervisor, [rnd.id], fresh=True)[0]
    assert fig["received"] == 2
    assert fig.timeline["2025-06-11"][0] == 1
    assert fig.timeline[utcnow().date().isoformat()][0] == 1


def test_the_case_number_counter_is_kept_per_round_year(officer: AppContext) -> None:
    old = june_round(officer)
    new = rounds.create_round(officer, rounds.RoundData(code="NOW", round_date=date.today()))
    a = back_enter(officer, old.id, "A", datetime(2025, 6, 11, 9, 0))
    b = back_enter(officer, new.id, "B", None)
    c = back_enter(officer, old.id, "C", datetime(2025, 6, 11, 9, 5))
    assert a.case_number == "KH01-2025-00001"
    assert c.case_number == "KH01-2025-00002"
    assert b.case_number == f"KH01-{date.today().year}-00001"


@pytest.mark.parametrize(
    ("when", "reason", "says"),
    [
        (datetime.now() + timedelta(hours=1), "", "lies in the future"),
        (datetime(2025, 6, 10, 23, 0), "", "before the round's date (2025-06-11)"),
        (datetime(2025, 6, 10, 23, 0), "brought early", "before the round's date"),
        (datetime(2025, 6, 14, 10, 0), "", "give the reason"),
    ],
)
def test_a_wrong_reception_time_is_refused_in_one_sentence_and_nothing_is_saved(
    db: Database, officer: AppContext, when: datetime, reason: str, says: str
) -> None:
    rnd = june_round(officer)
    with pytest.raises(ValidationError) as err:
        back_enter(officer, rnd.id, "T-1", when, reason)
    assert says in str(err.value)
    assert str(err.value).count(". ") == 0 and str(err.value).endswith(".")
    assert err.value.fields == {"received_at": err.value.fields["received_at"]}
    assert case_count(db) == 0


def test_the_next_day_is_the_rounds_and_later_days_need_a_reason(db: Database, officer: AppContext) -> None:
    rnd = june_round(officer)
    back_enter(officer, rnd.id, "T-1", datetime(2025, 6, 12, 1, 30))  # the handover ran past midnight
    res = back_enter(officer, rnd.id, "T-2", datetime(2025, 6, 14, 10, 0), "  found in a second   trailer ")
    notes = [ev.notes for ev in case_file.get_case(officer, res.case_id).custody]
    assert len(notes) == 1 and notes[0].endswith("; after the round's days: found in a second trailer")
    assert case_count(db) == 2


@pytest.mark.parametrize("text", ["", "yesterday", "2025-06-11", "11/06/2025 14:30", "2025-13-01 10:00"])
def test_an_unparsable_reception_time_is_one_sentence(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        reception_time.parse(text)
    assert "YYYY-MM-DD HH:MM" in str(err.value)


def test_reception_times_are_read_in_the_usual_forms() -> None:
    assert reception_time.parse("2025-06-11 14:30") == datetime(2025, 6, 11, 14, 30)
    assert reception_time.parse(" 11.06.2025  14:30 ") == datetime(2025, 6, 11, 14, 30)
    assert reception_time.parse("2025-06-11T14:30:05") == datetime(2025, 6, 11, 14, 30, 5)
    aware = reception_time.parse("2025-06-11T14:30+03:00")
    assert reception_time.to_utc(aware) == datetime(2025, 6, 11, 11, 30)


# --- voiding ----------------------------------------------------------------------------------------


def test_a_voided_case_leaves_the_counts_keeps_its_history_and_is_listed_with_its_reason(
    db: Database, officer: AppContext, supervisor: AppContext
) -> None:
    rnd = june_round(officer)
    add_manifest(officer, rnd.id, ["T-1", "T-2"])
    keep = back_enter(officer, rnd.id, "T-1", datetime(2025, 6, 11, 10, 0))
    wrong = back_enter(officer, rnd.id, "ZZ-9", datetime(2025, 6, 11, 10, 5))  # scanned into the wrong round
    before = cache.figures(supervisor, [rnd.id], fresh=True)[0]
    assert (before["received"], before["received_not_declared"]) == (2, 1)

    result = case_void.void_case(supervisor, wrong.case_number.lower(), "  Scanned into the wrong round. ")
    assert result.case_number == wrong.case_number

    after = cache.figures(supervisor, [rnd.id])[0]  # the cached figures follow
    assert (after["received"], after["received_not_declared"]) == (1, 0)
    assert after.timeline["2025-06-11"][0] == 1
    listed = listing.list_cases(supervisor, listing.CaseQuery(round_id=rnd.id)).rows
    assert [r.case_number for r in listed] == [keep.case_number]
    items = [i for i in explanations.list_discrepancies(supervisor, [rnd.id]) if i.ref.figure == "voided_cases"]
    assert [(i.number, i.tag, i.detail, i.explanation, i.explained) for i in items] == [
        (wrong.case_number, "ZZ-9", "Scanned into the wrong round.", "Scanned into the wrong round.", True)]
    assert items[0].explained_by and not items[0].explainable
    assert not [i for i in explanations.list_discrepancies(supervisor, [rnd.id], unexplained_only=True)
                if i.ref.figure == "voided_cases"]

    detail = case_file.get_case(supervisor, wrong.case_id)  # the case file is still there
    assert detail.fields["voided"] is True
    assert detail.fields["void_reason"] == "Scanned into the wrong round."
    assert [e.deleted for e in detail.history if e.table == "cases"] == [False, True]
    assert supervisor.user is not None and detail.history[-1].author == supervisor.user.username
    with db.session() as s:  # a tombstone, versioned, never removed
        row = s.get(Case, wrong.case_id)
        assert row is not None and row.deleted
        assert s.scalar(select(func.count()).select_from(RowVersion).where(
            RowVersion.row_id == wrong.case_id, RowVersion.deleted.is_(True))) == 1
        assert s.scalar(select(func.count()).select_from(Discrepancy).where(
            Discrepancy.case_id == wrong.case_id, Discrepancy.kind == case_void.VOIDED_CASE)) == 1
    # the tag can be received again in the right round without a double-scan warning
    assert intake.lookup_tag(officer, rnd.id, "ZZ-9").received_as == []


def test_voiding_refuses_unknown_void_and_certified_cases_and_other_roles(
    db: Database, officer: AppContext, clerk: AppContext, supervisor: AppContext
) -> None:
    rnd = june_round(officer)
    add_manifest(officer, rnd.id, ["T-1"])
    res = back_enter(officer, rnd.id, "T-1", datetime(2025, 6, 11, 10, 0))
    with pytest.raises(PermissionDenied):
        case_void.void_case(officer, res.case_number, "test")
    with pytest.raises(ValidationError, match="Give the reason"):
        case_void.void_case(supervisor, res.case_number, "   ")
    with pytest.raises(NotFound, match="There is no case KH01-2025-99999."):
        case_void.void_case(supervisor, "KH01-2025-99999", "test")

    act = certificate_drafts.create_draft(clerk, certificate_forms.Scope(rnd.id, case_ids=(res.case_id,)), acceptance_form())
    certificate_issuing.issue_certificate(clerk, act.id)
    with pytest.raises(ValidationError) as err:
        case_void.void_case(supervisor, res.case_number, "test")
    assert str(err.value) == (f"Case {res.case_number} is listed on the issued act {act.number}; "
                              "void or correct the act first.")
    assert not case_file.get_case(supervisor, res.case_id).fields["voided"]

    certificate_issuing.void_certificate(supervisor, act.id, "Wrong cases listed.")
    case_void.void_case(supervisor, res.case_number, "A test entry.")
    with pytest.raises(ValidationError, match=f"Case {res.case_number} is already void."):
        case_void.void_case(supervisor, res.case_number, "again")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CustodyEvent).where(CustodyEvent.case_id == res.case_id))
