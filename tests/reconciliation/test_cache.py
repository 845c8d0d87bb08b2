"""The cached figures follow every change, recompute only the rounds a change touches, and stay
right when writers commit out of order on PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, select, update

from app.domain import Role
from app.persistence.models import Conflict, ReconciliationCache, ReconciliationCount, Round
from app.services.cases import intake
from app.services.documents import certificate_issuing, certificate_records
from app.services.forensics import examination
from app.services.reconciliation import cache, counting, explanations, round_figures
from app.services.reconciliation.explanations import SubjectRef
from app.services.rounds import manifest, manifest_columns, manifest_file, rounds
from tests.conftest import PG_URL
from tests.reconciliation.facts_check import check_all
from tests.reconciliation.scenario import Scenario


def _cached_equals_fresh(ctx) -> dict[str, round_figures.RoundFigures]:
    cached = cache.figures(ctx)
    fresh = cache.figures(ctx, fresh=True)
    for a, b in zip(cached, fresh, strict=True):
        assert (a.code, a.values, a.unexplained, a.timeline) == (b.code, b.values, b.unexplained, b.timeline)
    return {f.code: f for f in cache.figures(ctx)}


def _as_of(ctx) -> dict[str, int]:
    with ctx.reading() as session:
        return dict(session.execute(select(ReconciliationCache.round_id, ReconciliationCache.as_of_seq)).tuples().all())


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The rounds each call of the real computation worked on."""
    calls: list[set[str]] = []
    real = counting._compute

    def compute(session, refs):  # type: ignore[no-untyped-def]
        calls.append({r.code for r in refs})
        return real(session, refs)

    monkeypatch.setattr(cache, "_compute", compute)
    return calls


def test_the_figures_follow_every_kind_of_change(scenario: Scenario, officer, clerk, supervisor):
    ids = scenario.round_ids
    start = {f.code: f for f in cache.figures(supervisor)}

    intake.record_intake(officer, intake.IntakeData(round_id=ids["R-B"], sender_tag="B-9"))
    now = _cached_equals_fresh(supervisor)
    assert now["R-B"]["received"] == start["R-B"]["received"] + 1
    assert now["R-B"]["received_not_declared"] == start["R-B"]["received_not_declared"] + 1

    table = manifest_file.read_csv("tag,name\nB-1,Невідомий\n".encode())
    manifest.import_manifest(officer, ids["R-B"], table, manifest_columns.auto_mapping(table.headers))
    now = _cached_equals_fresh(supervisor)
    assert now["R-B"]["manifest_lines"] == 1
    assert now["R-B"]["received_not_declared"] == start["R-B"]["received_not_declared"]  # B-1 is on the list now

    examination.record_examination(officer, scenario.case_ids["c6"], examination.ExaminationData(
        "completed", datetime.now(), "Д-р Ковальчук"))
    now = _cached_equals_fresh(supervisor)
    assert now["R-A"]["examined"] == start["R-A"]["examined"] + 1

    issued = [c for c in certificate_records.list_certificates(clerk, ids["R-A"]) if c.status == "issued"]
    certificate_issuing.void_certificate(supervisor, issued[0].id, "Reissued on paper.")
    now = _cached_equals_fresh(supervisor)
    assert now["R-A"]["certified"] == 0

    rnd = rounds.get_round(officer, ids["R-C"])
    rounds.update_round(officer, ids["R-C"], rnd.rev, rounds.RoundData(
        code="R-C", round_date=rnd.round_date, declared_total=0))
    unit = next(u for u in rounds.list_transport_units(officer, ids["R-A"]) if u.label == "U1")
    rounds.update_transport_unit(officer, unit.id, unit.rev, rounds.TransportUnitData("U1", declared_bags=4))
    now = _cached_equals_fresh(supervisor)
    assert now["R-C"]["declared_total"] == 0 and now["R-C"]["declared_total_mismatch"] == 0
    assert now["R-A"]["bag_count_mismatch"] == 0

    explanations.explain(officer, [SubjectRef(ids["R-A"], "commingled", scenario.case_ids["c4"])], "Two bodies.")
    now = _cached_equals_fresh(supervisor)
    assert now["R-A"].unexplained["commingled"] == 0

    # the merge view's tables change without row versions: they are counted live
    with supervisor.unit_of_work() as session:
        for conflict in session.scalars(select(Conflict).where(Conflict.status == "open")):
            conflict.status = "resolved"
    now = _cached_equals_fresh(supervisor)
    assert now["R-A"]["open_conflicts"] == 0


def test_only_the_rounds_a_change_touches_are_recomputed(scenario: Scenario, officer, supervisor, spy):
    cache.figures(supervisor)
    assert spy == [{"R-A", "R-B", "R-C"}]  # the first time, every round
    before = _as_of(supervisor)
    spy.clear()
    cache.figures(supervisor)
    assert spy == []  # nothing changed: nothing computed
    intake.record_intake(officer, intake.IntakeData(round_id=scenario.round_ids["R-B"], sender_tag="B-7"))
    cache.unexplained_counts(supervisor)
    assert spy == [{"R-B"}]
    after = _as_of(supervisor)
    assert after[scenario.round_ids["R-B"]] > before[scenario.round_ids["R-B"]]
    assert after[scenario.round_ids["R-A"]] == before[scenario.round_ids["R-A"]]
    # a custody event (a row that names its case, not its round) touches the case's round
    spy.clear()
    examination.record_examination(officer, scenario.case_ids["c6"], examination.ExaminationData(
        "completed", datetime.now(), "Д-р Ковальчук"))
    cache.figures(supervisor)
    assert spy == [{"R-A"}]
    # asking for some rounds leaves the others' cache alone
    spy.clear()
    intake.record_intake(officer, intake.IntakeData(round_id=scenario.round_ids["R-C"], sender_tag="C-1"))
    cache.figures(supervisor, [scenario.round_ids["R-A"]])
    assert spy == []
    assert cache.figures(supervisor, [scenario.round_ids["R-C"]])[0]["received"] == 1
    assert spy == [{"R-C"}]


def test_damaged_or_outdated_cache_rows_are_recomputed(scenario: Scenario, supervisor, spy, monkeypatch):
    good = {f.code: f.values for f in cache.figures(supervisor)}
    with supervisor.db.session(write=True) as session:
        rows = {r.round_id: r for r in session.scalars(select(ReconciliationCache))}
        rows[scenario.round_ids["R-A"]].figures = "{not json"
        rows[scenario.round_ids["R-B"]].figures = rows[scenario.round_ids["R-B"]].figures.replace(
            f'"format":{round_figures.CACHE_FORMAT}', '"format":0')
    spy.clear()
    assert {f.code: f.values for f in cache.figures(supervisor)} == good
    assert spy == [{"R-A", "R-B"}]
    # a flood of changes (a big bundle) since the cache: every round is recomputed
    monkeypatch.setattr(cache, "DELTA_LIMIT", 0)
    intake.record_intake(supervisor, intake.IntakeData(round_id=scenario.round_ids["R-B"], sender_tag="B-8"))
    spy.clear()
    assert [f["received"] for f in cache.figures(supervisor)] == [10, 4, 0]
    assert spy == [{"R-A", "R-B", "R-C"}]
    assert cache.recompute_all(supervisor) == 3


def test_recomputing_from_the_records_repairs_facts_that_went_wrong(scenario: Scenario, supervisor):
    good = {f.code: f.values for f in cache.figures(supervisor, fresh=True)}
    ids = scenario.round_ids
    with supervisor.db.session(write=True) as session:  # the stored facts damaged behind the triggers' back
        session.execute(delete(ReconciliationCount).where(ReconciliationCount.round_id == ids["R-A"]))
        session.execute(update(ReconciliationCount).where(ReconciliationCount.round_id == ids["R-B"])
                        .values(cases=ReconciliationCount.cases + 5))
    wrong = {f.code: f.values for f in cache.figures(supervisor, fresh=True)}
    assert wrong["R-A"]["received"] == 0 < good["R-A"]["received"]
    assert wrong["R-B"]["received"] > good["R-B"]["received"]
    # one round: it alone is rebuilt
    cache.rebuild_facts(supervisor, [ids["R-A"]])
    only_a = cache.figures(supervisor, [ids["R-A"]], fresh=True)
    assert [(f.code, f.values) for f in only_a] == [("R-A", good["R-A"])]
    assert {f.code: f.values for f in cache.figures(supervisor)}["R-B"] == wrong["R-B"]
    # every round, and what is kept afterwards agrees
    cache.rebuild_facts(supervisor)
    assert {f.code: f.values for f in cache.figures(supervisor, fresh=True)} == good
    assert {f.code: f.values for f in cache.figures(supervisor)} == good
    check_all(supervisor)


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server: set REPAT_TEST_PG_URL")
def test_a_change_committed_after_a_later_one_is_not_missed_on_postgresql(contexts, spy):
    """Writer A takes a version seq, writer B takes a higher one and commits first; the dashboard
    refreshes in between; then A commits. The refresh must still pick up A's change."""
    supervisor, officer = contexts[Role.SUPERVISOR], contexts[Role.FIELD_OFFICER]
    if supervisor.db.dialect != "postgresql":
        pytest.skip("PostgreSQL only: SQLite serialises writers")
    one = rounds.create_round(officer, rounds.RoundData(code="R-1", round_date=datetime(2026, 6, 1).date(),
                                                        declared_total=5))
    rounds.create_round(officer, rounds.RoundData(code="R-2", round_date=datetime(2026, 6, 2).date()))
    assert [f["declared_total"] for f in cache.figures(supervisor)] == [5, 0]

    slow = supervisor.db.session_factory()
    slow.info["actor"] = officer.actor
    rnd = slow.get(Round, one.id)
    assert rnd is not None
    rnd.declared_total = 7
    slow.flush()  # its row version now holds a seq, not yet committed
    try:
        # a later seq in the same round, committed: the refresh recomputes R-1 without A's change
        intake.record_intake(officer, intake.IntakeData(round_id=one.id, sender_tag="X"))
        spy.clear()
        assert [f["declared_total"] for f in cache.figures(supervisor)] == [5, 0]
        assert spy == [{"R-1"}]
        assert [f["received"] for f in cache.figures(supervisor)] == [1, 0]
        slow.commit()
    finally:
        slow.close()
    spy.clear()
    assert [f["declared_total"] for f in cache.figures(supervisor)] == [7, 0]
    assert spy == [{"R-1"}]
    spy.clear()
    cache.figures(supervisor)
    assert spy == []  # the seq seen is no longer a gap: not recomputed again and again
