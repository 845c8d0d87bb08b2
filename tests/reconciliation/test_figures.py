"""Every figure of every round against the scenario's own bookkeeping, on SQLite and PostgreSQL;
drill-down lists exactly what a figure counts; totals are exactly the sums of their parts."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import NotFound, ValidationError
from app.services.reconciliation import cache, drilldown, report, round_figures
from app.services.reconciliation.round_figures import DISCREPANCY_KEYS, FIGURE_KEYS, PROGRESS_KEYS
from tests.reconciliation.scenario import Scenario, expected_unexplained_total


def _by_code(rows: list[round_figures.RoundFigures]) -> dict[str, round_figures.RoundFigures]:
    return {r.code: r for r in rows}


@pytest.mark.parametrize("fresh", [True, False], ids=["fresh", "cached"])
def test_every_figure_of_every_round_matches_the_injected_bookkeeping(scenario: Scenario, supervisor, fresh):
    rows = _by_code(cache.figures(supervisor, fresh=fresh))
    assert list(rows) == ["R-A", "R-B", "R-C"]  # oldest first
    for code, fig in rows.items():
        expected = scenario.all_counts(code)
        assert fig.values == expected, code
        assert fig.unexplained == {k: scenario.unexplained(code, k) for k in DISCREPANCY_KEYS}, code
        assert fig.unexplained_total == expected_unexplained_total(scenario, code)
    # the figures the scenario was built to show, spelled out once so a mistake in the
    # bookkeeping itself would be caught too
    a = rows["R-A"].values
    assert [a[k] for k in PROGRESS_KEYS] == [12, 10, 10, 5, 4, 1, 3, 1, 1]
    assert [a[k] for k in DISCREPANCY_KEYS] == [3, 2, 1, 1, 1, 1, 1, 2, 2, 2, 1]
    assert rows["R-A"].unexplained_total == 17 - 3
    assert not rows["R-B"].declared_known and rows["R-B"]["declared_total"] == 0
    assert rows["R-C"]["declared_total_mismatch"] == 1 and rows["R-C"]["received"] == 0


def test_the_cached_figures_equal_fresh_ones_and_a_second_read_changes_nothing(scenario: Scenario, supervisor):
    first = cache.figures(supervisor)
    again = cache.figures(supervisor)
    fresh = cache.figures(supervisor, fresh=True)
    for a, b, c in zip(first, again, fresh, strict=True):
        assert a.values == b.values == c.values
        assert a.unexplained == b.unexplained == c.unexplained
        assert a.timeline == b.timeline == c.timeline


def test_unexplained_counts_for_the_round_selector(scenario: Scenario, officer):
    counts = cache.unexplained_counts(officer)
    assert counts == {scenario.round_ids[c]: expected_unexplained_total(scenario, c) for c in ("R-A", "R-B", "R-C")}
    assert counts[scenario.round_ids["R-A"]] == 14


def test_every_figure_drills_down_to_exactly_the_records_it_counts(scenario: Scenario, supervisor):
    ids = list(scenario.round_ids.values())
    totals = round_figures.total(cache.figures(supervisor))
    kinds_of = {
        "manifest_lines": "manifest_line", "declared_not_received": "manifest_line",
        "bag_count_mismatch": "transport_unit", "broken_seals": "transport_unit",
        "declared_total_mismatch": "round", "open_conflicts": "conflict", "probable_duplicates": "duplicate",
    }
    for key in FIGURE_KEYS:
        items = drilldown.figure_cases(supervisor, ids, key)
        if key == "declared_total":
            assert items == []  # a number the other side gave, with no records behind it
            continue
        expected = set().union(*(scenario.expected[c][key] for c in scenario.round_ids))
        assert expected, f"the scenario injects some {key}"
        assert {i.id for i in items} == expected, key
        assert len(items) == len(expected) == totals[key], key  # nothing listed twice, and what is counted
        assert {i.kind for i in items} == {kinds_of.get(key, "case")}, key
        if kinds_of.get(key, "case") == "case":
            assert all(i.case_id == i.id and i.number for i in items), key


def test_drill_down_of_one_round_and_its_limit(scenario: Scenario, supervisor):
    a = scenario.round_ids["R-A"]
    received = drilldown.figure_cases(supervisor, [a], "received")
    assert {i.id for i in received} == scenario.expected["R-A"]["received"]
    assert [i.number for i in received] == sorted(i.number for i in received)
    assert len(drilldown.figure_cases(supervisor, [a], "received", limit=3)) == 3
    dnr = drilldown.figure_cases(supervisor, [a], "declared_not_received")
    assert [(i.tag, i.name) for i in dnr] == [
        ("T-08", "Петренко8 Іван Васильович"), ("T-09", "Петренко9 Іван Васильович"),
        ("T-10", "Петренко10 Іван Васильович"),
    ]
    units = drilldown.figure_cases(supervisor, [a], "bag_count_mismatch")
    assert [(u.number, u.detail) for u in units] == [("U1", "declared 5, counted 4")]
    assert drilldown.figure_cases(supervisor, [], "received") == []
    with pytest.raises(ValidationError):
        drilldown.figure_cases(supervisor, [a], "bodies")


def test_totals_across_rounds_are_exactly_the_sums_of_their_parts(scenario: Scenario, supervisor):
    every = cache.figures(supervisor)
    whole = round_figures.total(every)
    for key in FIGURE_KEYS:
        assert whole[key] == sum(r[key] for r in every)
        # and equal to the bookkeeping counted over the union of the rounds
        if key != "declared_total":
            assert whole[key] == len(set().union(*(scenario.expected[c][key] for c in scenario.round_ids)))
    assert whole["declared_total"] == 12 + 5
    assert not whole.declared_known  # R-B has no declared total
    assert whole.unexplained_total == sum(r.unexplained_total for r in every)
    assert whole.rounds == 3

    june = cache.figures(supervisor, date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    assert [r.code for r in june] == ["R-A", "R-B"]
    picked = cache.figures(supervisor, [scenario.round_ids["R-A"], scenario.round_ids["R-C"]])
    assert [r.code for r in picked] == ["R-A", "R-C"]
    june_total, picked_total = round_figures.total(june), round_figures.total(picked)
    for key in FIGURE_KEYS:
        assert june_total[key] + round_figures.total([r for r in every if r.code == "R-C"])[key] == whole[key]
        assert picked_total[key] == every[0][key] + every[2][key]
    # a set of rounds and a period combine
    assert [r.code for r in cache.figures(supervisor, list(scenario.round_ids.values()), date_from=date(2026, 6, 10))] \
        == ["R-B", "R-C"]


def test_the_timeline_counts_each_step_on_its_day(scenario: Scenario, supervisor):
    a = cache.figures(supervisor, [scenario.round_ids["R-A"]])[0]
    points = round_figures.cumulative_timeline(a)
    assert points, "the round has a timeline"
    last = points[-1]
    assert (last.received, last.examined, last.identified, last.released) == (10, 4, 3, 1)
    days = [p.day for p in points]
    assert days == sorted(days)
    steps = [(p.received, p.examined, p.identified, p.released) for p in points]
    assert all(all(x <= y for x, y in zip(s, t, strict=True)) for s, t in zip(steps, steps[1:], strict=False))


def test_bad_scopes_are_refused(scenario: Scenario, supervisor):
    with pytest.raises(ValidationError, match="start of the period is after its end"):
        cache.figures(supervisor, date_from=date(2026, 7, 1), date_to=date(2026, 6, 1))
    with pytest.raises(NotFound):
        cache.figures(supervisor, ["no-such-round"])
    assert cache.figures(supervisor, date_from=date(2030, 1, 1)) == []
    assert report.round_ids_for_codes(supervisor, ["R-B", "R-A"]) == [scenario.round_ids["R-B"], scenario.round_ids["R-A"]]
    with pytest.raises(NotFound, match="There is no round R-Z."):
        report.round_ids_for_codes(supervisor, ["R-Z"])


def test_a_tombstoned_case_leaves_every_figure(scenario: Scenario, supervisor):
    from app.persistence.models import Case

    off = scenario.case_ids["off"]
    with supervisor.unit_of_work() as session:
        case = session.get(Case, off)
        assert case is not None
        case.deleted = True
    a = cache.figures(supervisor, [scenario.round_ids["R-A"]])[0]
    assert a["received"] == 9
    assert a["received_not_declared"] == 1
    assert off not in {i.id for i in drilldown.figure_cases(supervisor, [scenario.round_ids["R-A"]], "received")}


def test_sampled_counts_each_case_with_a_live_sample_once_and_follows_every_change(officer, supervisor, a_round):
    """``sampled``: cases with at least one sample not withdrawn, however many; a voided case
    leaves it; the cached figures follow a sample added or withdrawn (its row version), on
    both ways of counting (from the facts and from the records)."""
    from app.services.cases import intake, void
    from app.services.forensics import examination
    from app.services.forensics.examination import SampleData
    from tests.reconciliation.facts_check import check_all

    rid = a_round.id
    cases = [intake.record_intake(officer, intake.IntakeData(round_id=rid, sender_tag=f"S-{i}")).case_id
             for i in range(4)]

    def sampled() -> int:
        return cache.figures(supervisor, [rid])[0]["sampled"]

    def listed() -> set[str]:
        return {i.id for i in drilldown.figure_cases(supervisor, [rid], "sampled")}

    assert sampled() == 0  # cached from here on
    examination.add_sample(officer, cases[0], SampleData("bone", "L-1", date.today()))
    examination.add_sample(officer, cases[0], SampleData("tooth", "L-2", date.today()))  # the same case, once
    record = examination.add_sample(officer, cases[1], SampleData("tissue", "L-3", date.today()))
    examination.add_sample(officer, cases[3], SampleData("hair", "L-4", date.today()))
    assert sampled() == 3 and listed() == {cases[0], cases[1], cases[3]}
    examination.withdraw_sample(officer, record.samples[0].id)  # recorded in error
    assert sampled() == 2 and listed() == {cases[0], cases[3]}
    void.void_case(supervisor, cases[3], "Scanned into the wrong round.")
    assert sampled() == 1 and listed() == {cases[0]}
    assert cache.figures(supervisor, [rid], fresh=True)[0]["sampled"] == 1
    check_all(supervisor)
