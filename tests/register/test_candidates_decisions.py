"""Prioritising, rejecting and withdrawing candidates: who may, what it changes (the order, never
the identity), and that the decision is a versioned record."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain import Role
from app.errors import NotFound, PermissionDenied, ValidationError
from app.persistence.models import CandidateDecision, Case, RowVersion
from app.persistence.models.register import candidate_decision_id
from app.services.context import AppContext
from app.services.forensics import case_record
from app.services.register import candidates, decisions
from tests.conftest import make_round
from tests.register.candidates_helpers import a_register, add_case

IDENTITY = ("established_name", "established_name_norm", "established_birth_date", "established_citizenship",
            "identification_method", "identified_by", "identified_on", "identity_disputed", "status",
            "claimed_name", "claimed_birth_date")


@pytest.fixture
def setting(contexts: dict[Role, AppContext]) -> tuple[dict[str, str], str]:
    officer = contexts[Role.FIELD_OFFICER]
    register = a_register(officer)
    rnd = make_round(officer)
    return register, add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")


def ranked(ctx: AppContext, case_id: str) -> list[tuple[str, str]]:
    return [(c.register_number, c.decision) for c in candidates.case_candidates(ctx, case_id).candidates]


def identity(ctx: AppContext, case_id: str) -> tuple[object, ...]:
    with ctx.reading() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return (*(getattr(case, f) for f in IDENTITY), case.rev)


def test_a_prioritised_candidate_comes_first_and_the_identity_stays_as_it_was(
    contexts: dict[Role, AppContext], setting: tuple[dict[str, str], str],
) -> None:
    register, case_id = setting
    officer = contexts[Role.FIELD_OFFICER]
    before = identity(officer, case_id)
    assert ranked(officer, case_id) == [("ЗБ-001", ""), ("ЗБ-002", "")]
    made = decisions.decide(officer, case_id, register["ЗБ-002"], candidates.PRIORITISED, "мати дала зразок")
    assert (made.decision, made.note, made.decided_by, made.register_number) == (
        "prioritised", "мати дала зразок", "Іван Бондар", "ЗБ-002")
    assert made.id == candidate_decision_id(case_id, register["ЗБ-002"])
    assert ranked(officer, case_id) == [("ЗБ-002", "prioritised"), ("ЗБ-001", "")]
    found = candidates.case_candidates(officer, case_id).candidates[0]
    assert (found.note, found.decided_by) == ("мати дала зразок", "Іван Бондар") and found.decided_at is not None
    # a priority, never an identification: the case is not touched at all
    assert identity(officer, case_id) == before
    record = case_record.get_record(officer, case_id)
    assert (record.established_name, record.identified_on, record.identification_method) == ("", None, "")


def test_a_rejected_candidate_stays_listed_below_the_undecided_and_can_be_withdrawn(
    contexts: dict[Role, AppContext], setting: tuple[dict[str, str], str],
) -> None:
    register, case_id = setting
    supervisor = contexts[Role.SUPERVISOR]
    decisions.decide(supervisor, case_id, register["ЗБ-001"], candidates.REJECTED)
    assert ranked(supervisor, case_id) == [("ЗБ-002", ""), ("ЗБ-001", "rejected")]
    again = decisions.decide(supervisor, case_id, register["ЗБ-001"], candidates.REJECTED)  # nothing new
    with supervisor.reading() as session:
        versions = session.scalar(select(func.count()).select_from(RowVersion).where(
            RowVersion.table_name == "candidate_decisions"))
    assert versions == 1 and again.decision == "rejected"
    decisions.decide(supervisor, case_id, register["ЗБ-001"], decisions.WITHDRAWN)
    assert ranked(supervisor, case_id) == [("ЗБ-001", ""), ("ЗБ-002", "")]
    with supervisor.reading() as session:
        rows = session.execute(select(CandidateDecision.decision, CandidateDecision.rev)).all()
        versions = session.scalar(select(func.count()).select_from(RowVersion).where(
            RowVersion.table_name == "candidate_decisions"))
    assert [tuple(r) for r in rows] == [("", 2)] and versions == 2  # kept, with its history


def test_a_decided_candidate_is_listed_even_when_it_would_not_be(
    contexts: dict[Role, AppContext], setting: tuple[dict[str, str], str],
) -> None:
    register, case_id = setting
    officer = contexts[Role.FIELD_OFFICER]
    decisions.decide(officer, case_id, register["ЗБ-005"], candidates.PRIORITISED)  # Шевчук: another name
    decisions.decide(officer, case_id, register["ЗБ-004"], candidates.REJECTED)  # disappeared after the round
    listed = {c.register_number: c for c in candidates.case_candidates(officer, case_id, limit=1).candidates}
    assert set(listed) == {"ЗБ-005", "ЗБ-001", "ЗБ-004"}
    assert listed["ЗБ-004"].excluded and listed["ЗБ-004"].score == 0
    assert listed["ЗБ-004"].reasons_text == "disappeared after the round (2026-07-15)"


def test_only_supervisors_and_field_officers_decide(
    contexts: dict[Role, AppContext], setting: tuple[dict[str, str], str],
) -> None:
    register, case_id = setting
    with pytest.raises(PermissionDenied):
        decisions.decide(contexts[Role.CLERK], case_id, register["ЗБ-001"], candidates.PRIORITISED)
    with pytest.raises(ValidationError, match="Unknown decision: confirmed"):
        decisions.decide(contexts[Role.SUPERVISOR], case_id, register["ЗБ-001"], "confirmed")
    with pytest.raises(ValidationError, match="Nothing was decided about application ЗБ-001 for case"):
        decisions.decide(contexts[Role.SUPERVISOR], case_id, register["ЗБ-001"], decisions.WITHDRAWN)
    with pytest.raises(NotFound, match="no longer in the register"):
        decisions.decide(contexts[Role.SUPERVISOR], case_id, "no-such-entry", candidates.REJECTED)
    with pytest.raises(NotFound):
        decisions.find_entry_id(contexts[Role.CLERK], "ЗБ-999")
    assert decisions.find_entry_id(contexts[Role.CLERK], " ЗБ-001 ") == register["ЗБ-001"]
    assert ranked(contexts[Role.CLERK], case_id) == [("ЗБ-001", ""), ("ЗБ-002", "")]


def test_decisions_count_in_the_round_lists(contexts: dict[Role, AppContext]) -> None:
    officer = contexts[Role.FIELD_OFFICER]
    register = a_register(officer)
    rnd = make_round(officer)
    first = add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    second = add_case(officer, rnd.id, "UA-0002", "KOVALENKO Iurii Petrovych", "17.04.1990")
    found = candidates.round_candidates(officer, rnd.id, 60)
    assert [e.register_number for e in found.shared] == ["ЗБ-001"] and found.without_candidates == []
    decisions.decide(officer, first, register["ЗБ-001"], candidates.REJECTED)
    found = candidates.round_candidates(officer, rnd.id, 60)
    assert found.shared == []  # rejected for one of the two cases
    assert [c.case_id for c in found.without_candidates] == [first]  # ЗБ-002 scores 45
    decisions.decide(officer, first, register["ЗБ-002"], candidates.PRIORITISED)
    found = candidates.round_candidates(officer, rnd.id, 60)
    assert found.without_candidates == []  # a prioritised candidate counts whatever its score
    shown = next(c for c in found.cases if c.case_id == first)
    assert [(c.register_number, c.decision) for c in shown.candidates] == [
        ("ЗБ-002", "prioritised"), ("ЗБ-001", "rejected")]
    assert second in {c.case_id for c in found.cases}
