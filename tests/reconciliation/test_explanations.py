"""Explaining and resolving discrepancies: who and when, idempotent, versioned (so it travels in
bundles), counted out of "unexplained" everywhere, with permissions checked."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.errors import NotFound, PermissionDenied, ValidationError
from app.persistence.models import Discrepancy, RowVersion
from app.services.reconciliation import cache, explanations, round_figures
from app.services.reconciliation.explanations import SubjectRef
from tests.reconciliation.scenario import Scenario


def _rows(ctx, **where) -> list[Discrepancy]:
    with ctx.reading() as session:
        stmt = select(Discrepancy).where(*[getattr(Discrepancy, k) == v for k, v in where.items()])
        return list(session.scalars(stmt))


def _versions(ctx, row_id: str) -> list[dict]:
    with ctx.reading() as session:
        return [json.loads(s) for s in session.scalars(
            select(RowVersion.snapshot).where(RowVersion.table_name == "discrepancies", RowVersion.row_id == row_id)
            .order_by(RowVersion.seq))]


def test_list_of_discrepancies_names_every_record_and_its_explanation(scenario: Scenario, supervisor):
    a = scenario.round_ids["R-A"]
    items = explanations.list_discrepancies(supervisor, [a])
    by_figure: dict[str, list[explanations.DiscrepancyItem]] = {}
    for item in items:
        by_figure.setdefault(item.ref.figure, []).append(item)
    fig = cache.figures(supervisor, [a])[0]
    for key in round_figures.DISCREPANCY_KEYS:
        assert len(by_figure.get(key, [])) == fig[key], key
    assert [i.ref.figure for i in items] == sorted((i.ref.figure for i in items), key=round_figures.DISCREPANCY_KEYS.index)

    t08 = next(i for i in by_figure["declared_not_received"] if i.tag == "T-08")
    assert t08.explanation == "Тіло залишилось на іншій стороні для експертизи."
    assert t08.explained_by == "Іван Бондар" and t08.explained_at is not None and not t08.resolved
    u1 = by_figure["bag_count_mismatch"][0]
    assert (u1.number, u1.declared, u1.counted, u1.resolved) == ("U1", 5, 4, True)
    assert by_figure["broken_seals"][0].detail == "S-U2"
    total = by_figure["declared_total_mismatch"][0]
    assert (total.declared, total.counted, total.explained) == (12, 10, True)
    gaps = {i.case_id: i.reasons for i in by_figure["custody_gaps"]}
    assert gaps == {scenario.case_ids["c7"]: ("no_examined_event",),
                    scenario.case_ids["notag"]: ("event_without_status",)}
    disputed = {i.case_id: i.reasons for i in by_figure["identity_disputed"]}
    assert disputed == {scenario.case_ids["c2"]: ("name",), scenario.case_ids["c3"]: ("citizenship",)}
    assert {i.subject_type for i in by_figure["open_conflicts"]} == {"conflict"}
    assert not any(i.explainable for i in by_figure["open_conflicts"] + by_figure["probable_duplicates"])

    unexplained = explanations.list_discrepancies(supervisor, [a], unexplained_only=True)
    assert len(unexplained) == fig.unexplained_total
    assert all(not i.explained for i in unexplained)


def test_explaining_is_idempotent_versioned_and_counted(scenario: Scenario, officer, supervisor):
    a = scenario.round_ids["R-A"]
    before = cache.unexplained_counts(officer)[a]
    dup = scenario.case_ids["dup"]
    ref = SubjectRef(a, "duplicate_tags", dup)
    intake_rows = _rows(officer, kind="duplicate_tag", case_id=dup)
    assert len(intake_rows) == 1 and intake_rows[0].explanation == ""  # written by intake

    assert explanations.explain(officer, [ref], "  Two bags with one tag: the second is a separate body.  ") == 1
    rows = _rows(officer, kind="duplicate_tag", case_id=dup)
    assert [r.id for r in rows] == [intake_rows[0].id]  # the intake's row carries it, no new row
    assert rows[0].explanation == "Two bags with one tag: the second is a separate body."
    assert rows[0].explained_by == officer.user.id and rows[0].explained_at is not None
    assert cache.unexplained_counts(officer)[a] == before - 1

    # the same text again changes nothing: no new version
    versions = _versions(officer, rows[0].id)
    assert explanations.explain(officer, [ref], "Two bags with one tag: the second is a separate body.") == 0
    assert len(_versions(officer, rows[0].id)) == len(versions)
    # the explanation is in the row's version, which is what a bundle carries
    assert versions[-1]["explanation"] == "Two bags with one tag: the second is a separate body."
    assert versions[-1]["explained_by"] == officer.user.id

    # a derived discrepancy with no row yet gets one, keyed by its subject
    line = scenario.line_ids["T-09"]
    assert _rows(officer, manifest_line_id=line) == []
    explanations.explain(officer, [SubjectRef(a, "declared_not_received", line)], "Не було в рефрижераторі.")
    made = _rows(officer, manifest_line_id=line)
    assert len(made) == 1 and made[0].kind == "declared_not_received" and made[0].round_id == a
    assert _versions(officer, made[0].id)[-1]["explanation"] == "Не було в рефрижераторі."
    assert cache.unexplained_counts(officer)[a] == before - 2

    # a supervisor resolves several at once, keeping their explanations
    explanations.explain(supervisor, [ref, SubjectRef(a, "declared_not_received", line)], None, resolved=True)
    assert all(r.resolved for r in _rows(officer, kind="duplicate_tag", case_id=dup) +
               _rows(officer, manifest_line_id=line))
    assert _rows(officer, manifest_line_id=line)[0].explanation == "Не було в рефрижераторі."
    # and may reopen one
    explanations.explain(supervisor, [ref], None, resolved=False)
    assert not _rows(officer, kind="duplicate_tag", case_id=dup)[0].resolved


def test_explanations_of_every_explainable_kind_clear_the_round(scenario: Scenario, supervisor):
    a = scenario.round_ids["R-A"]
    pending = [i.ref for i in explanations.list_discrepancies(supervisor, [a], unexplained_only=True) if i.explainable]
    assert {r.figure for r in pending} == {
        "declared_not_received", "received_not_declared", "duplicate_tags", "broken_seals", "commingled",
        "identity_disputed", "custody_gaps",
    }
    assert explanations.explain(supervisor, pending, "Checked with the ICRC delegate.", resolved=True) == len(pending)
    fig = cache.figures(supervisor, [a])[0]
    # only the merge view's items stay open
    assert fig.unexplained_total == fig["open_conflicts"] + fig["probable_duplicates"] == 3
    with supervisor.reading() as session:
        n = session.scalar(select(func.count()).select_from(Discrepancy).where(
            Discrepancy.round_id == a, Discrepancy.explanation == "Checked with the ICRC delegate."))
    assert n == len(pending)


def test_explaining_refuses_what_it_cannot_attach_to(scenario: Scenario, officer, clerk, supervisor):
    a, b = scenario.round_ids["R-A"], scenario.round_ids["R-B"]
    line = scenario.line_ids["T-10"]
    with pytest.raises(ValidationError, match="Write the explanation first."):
        explanations.explain(officer, [SubjectRef(a, "declared_not_received", line)], "   ")
    with pytest.raises(ValidationError, match="longer than 5000"):
        explanations.explain(officer, [SubjectRef(a, "declared_not_received", line)], "x" * 5001)
    with pytest.raises(ValidationError, match="Choose the discrepancies"):
        explanations.explain(officer, [], "text")
    with pytest.raises(NotFound, match="not part of the round"):
        explanations.explain(officer, [SubjectRef(b, "declared_not_received", line)], "text")
    with pytest.raises(ValidationError, match="settled in the merge view"):
        explanations.explain(officer, [SubjectRef(a, "open_conflicts", "x")], "text")
    with pytest.raises(ValidationError, match="Explain the discrepancy before marking it resolved."):
        explanations.explain(supervisor, [SubjectRef(a, "declared_not_received", line)], None, resolved=True)
    # clerks explain; only supervisors resolve
    assert explanations.explain(clerk, [SubjectRef(a, "declared_not_received", line)], "Paperwork says so.") == 1
    with pytest.raises(PermissionDenied):
        explanations.explain(officer, [SubjectRef(a, "declared_not_received", line)], None, resolved=True)
    # nothing half-done: a batch with one bad subject changes nothing
    t09 = scenario.line_ids["T-09"]
    with pytest.raises(NotFound):
        explanations.explain(officer, [SubjectRef(a, "declared_not_received", t09), SubjectRef(a, "commingled", "nope")], "x")
    assert _rows(officer, manifest_line_id=t09) == []
