"""The reconciliation's facts are kept right by every write — the services, direct record edits,
tombstones, a merged bundle — on SQLite and PostgreSQL; a round whose facts are behind is counted
from the records; a database without the triggers is counted from the records; and the facts
the migration computes for existing data are the ones the queue would have made."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text, update

from app.domain import Role
from app.persistence.db import alembic_config, head_revision
from app.persistence.models import (
    Case,
    CertificateCase,
    CustodyEvent,
    ManifestLine,
    ReconciliationCache,
    ReconciliationQueue,
    Sample,
)
from app.services.cases import case_file
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.documents import (
    certificate_drafts,
    certificate_forms,
    certificate_issuing,
    certificate_records,
)
from app.services.documents.certificate_forms import CertificateForm, Party, Person
from app.services.forensics import examination, identification
from app.services.reconciliation import cache, counting, fact_queue, round_figures
from app.services.reconciliation import facts as facts
from app.services.rounds import manifest, manifest_columns, manifest_file
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.conftest import PASSWORD
from tests.reconciliation.facts_check import assert_facts_match_records, check_all, facts_state
from tests.reconciliation.scenario import Scenario, build
from tests.sync.conftest import Replica, open_replica, replica_templates  # noqa: F401 (a fixture)


def _by_code(ctx: AppContext) -> dict[str, round_figures.RoundFigures]:
    return {f.code: f for f in cache.figures(ctx)}


def _release_form() -> CertificateForm:
    return CertificateForm(
        kind="release", place="Київ, бюро СМЕ",
        sending=Party("Міністерство", [Person("Петренко Олена", "спеціаліст", "ID 000123")]),
        receiving=Party("Родина", [Person("Петренко Марія", "мати", "паспорт КК000111")],
                        [Person("Mary Clerk", "clerk", "passport X1")]),
    )


def test_the_facts_follow_every_service_that_writes(scenario: Scenario, officer, clerk, supervisor):
    ids, case_of = scenario.round_ids, scenario.case_ids
    check_all(supervisor)

    # intake: the same tag again (a duplicate) in another unit, and a tag nobody declared
    case_intake.record_intake(officer, case_intake.IntakeData(round_id=ids["R-A"], sender_tag="T-03",
                                                  transport_unit_id=scenario.unit_ids["U2"]), confirm_duplicate=True)
    case_intake.record_intake(officer, case_intake.IntakeData(round_id=ids["R-C"], sender_tag="Z-1"))
    check_all(supervisor)

    # a list imported after the bags: B-1 and B-2 are declared now
    table = manifest_file.read_csv("tag,name\nB-1,Невідомий\nB-2,Невідомий\nB-8,Невідомий\n".encode())
    manifest.import_manifest(officer, ids["R-B"], table, manifest_columns.auto_mapping(table.headers))
    check_all(supervisor)
    assert _by_code(supervisor)["R-B"]["received_not_declared"] == 1

    # case edits: another category, another transport unit
    for label, changes in (("c5", {"category": "commingled"}), ("c1", {"transport_unit_id": scenario.unit_ids["U3"]})):
        detail = case_file.get_case(officer, case_of[label])
        case_file.update_case(officer, case_of[label], detail.rev, changes)
    check_all(supervisor)

    # forensics: an examination, an identification that disputes the claim, a release
    moment = datetime.now().replace(microsecond=0)
    examination.record_examination(officer, case_of["c6"], examination.ExaminationData("completed", moment, "Д-р К."))
    identification.record_identification(officer, case_of["c5"], identification.IdentificationData(
        "Інше Ім'я", "", "", "dna", "Лабораторія", date.today()))
    identification.record_release(clerk, case_of["c2"], identification.ReleaseData("Сидоренко Ганна", "дочка", "паспорт 2",
                                                                        moment, "Київ"))
    check_all(supervisor)

    # samples: c6 sampled twice, c1's only sample withdrawn, one of c6's moved to c5 (a mistake put right)
    before = _by_code(supervisor)["R-A"]["sampled"]
    examination.add_sample(officer, case_of["c6"], examination.SampleData("tooth", "LAB-2", date.today(), "Д-р К."))
    examination.add_sample(officer, case_of["c6"], examination.SampleData("bone", "LAB-3", date.today(), "Д-р К."))
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"]["sampled"] == before + 1
    with supervisor.reading() as session:
        c1_samples = session.scalars(select(Sample.id).where(Sample.case_id == case_of["c1"])).all()
        moved = session.scalars(select(Sample.id).where(Sample.case_id == case_of["c6"])
                                .order_by(Sample.label)).first()
    for sample_id in c1_samples:
        examination.withdraw_sample(officer, sample_id)
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"]["sampled"] == before
    with supervisor.unit_of_work() as session:
        session.execute(update(Sample).where(Sample.id == moved).values(case_id=case_of["c5"]))
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"]["sampled"] == before + 1  # c5 and c6

    # certificates: a correction supersedes the issued act, then it is voided; a release act
    issued = next(c for c in certificate_records.list_certificates(clerk, ids["R-A"])
                  if c.status == "issued" and c.kind == "acceptance")
    correction = certificate_drafts.start_correction(supervisor, issued.id)
    certificate_issuing.issue_certificate(supervisor, correction.id)
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"]["certified"] == 5
    certificate_issuing.void_certificate(supervisor, correction.id, "Reissued on paper.")
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"]["certified"] == 0
    release = certificate_drafts.create_draft(clerk, certificate_forms.Scope(ids["R-A"], case_ids=(case_of["c1"], case_of["c3"])),
                                        _release_form())
    certificate_issuing.issue_certificate(clerk, release.id)
    check_all(supervisor)
    figures = _by_code(supervisor)["R-A"]
    assert (figures["certified"], figures["released"]) == (2, 3)  # c1, c3 certified; c1, c2, c3 released


def test_tombstones_and_record_edits_change_their_whole_group(scenario: Scenario, officer, supervisor):
    """What a merge may write and no service does: a case tombstoned, a tag or round changed, a
    manifest line, a custody event or a certificate link tombstoned."""
    ids, case_of = scenario.round_ids, scenario.case_ids
    before = _by_code(supervisor)["R-A"]
    assert before["duplicate_tags"] == 1  # "dup" repeats T-02 of c2
    with supervisor.unit_of_work() as session:
        c2 = session.get(Case, case_of["c2"])
        assert c2 is not None
        c2.deleted = True  # the earlier T-02: "dup" is the only T-02 now, no longer a duplicate
    check_all(supervisor)
    now = _by_code(supervisor)["R-A"]
    assert (now["received"], now["duplicate_tags"]) == (before["received"] - 1, 0)
    assert now["declared_not_received"] == before["declared_not_received"]  # "dup" still carries T-02

    with supervisor.unit_of_work() as session:
        dup = session.get(Case, case_of["dup"])
        assert dup is not None
        dup.deleted = True  # nobody carries T-02 now
        line = session.scalars(select(ManifestLine).where(ManifestLine.sender_tag == "T-05")).one()
        line.deleted = True  # c5's tag is no longer on the list
    check_all(supervisor)
    now = _by_code(supervisor)["R-A"]
    assert now["declared_not_received"] == before["declared_not_received"] + 1  # T-02; T-05 is off the list
    assert now["manifest_lines"] == before["manifest_lines"] - 1
    assert now["received_not_declared"] == before["received_not_declared"] + 1  # c5

    with supervisor.unit_of_work() as session:
        c1 = session.get(Case, case_of["c1"])
        assert c1 is not None
        c1.sender_tag, c1.sender_tag_norm = "T-09", "t-09"  # now the line T-09 is received, T-01 is not
        c6 = session.get(Case, case_of["c6"])
        assert c6 is not None
        c6.round_id = ids["R-B"]  # moved to another round (a merge may do it)
        received = session.scalars(select(CustodyEvent).where(
            CustodyEvent.case_id == case_of["c3"], CustodyEvent.event_type == "received")).all()
        for event in received:
            event.deleted = True  # c3 has no live "received" event: a custody-chain gap
        # c4 is no longer on its certificate: a link of an issued act changes only through a merge,
        # which writes with Core statements (the services refuse it)
        session.execute(update(CertificateCase).where(CertificateCase.case_id == case_of["c4"]).values(deleted=True))
    check_all(supervisor)
    a, b = _by_code(supervisor)["R-A"], _by_code(supervisor)["R-B"]
    assert a["certified"] == before["certified"] - 2  # c2 tombstoned, c4 unlinked
    assert a["custody_gaps"] == before["custody_gaps"] + 1  # c3
    assert b["received"] == 4 and a["received"] == before["received"] - 3


@pytest.fixture
def laptop(replica_templates: dict[str, Path], tmp_path: Path) -> Iterator[Replica]:  # noqa: F811
    made = open_replica(replica_templates, "KH01", tmp_path / "laptop")
    yield made
    made.db.close()


def test_a_merged_bundle_brings_the_same_figures_and_facts(db, laptop: Replica, tmp_path: Path):
    """A laptop's rounds merged into a headquarters (SQLite or PostgreSQL): the same figures there
    as on the laptop, facts right on both, and a tombstone merged later counts as well."""
    from app.services.admin import accounts

    hq = accounts.initialize(db, device_code="HQ09", device_name="Headquarters", username="chief",
                             full_name="Chief", password=PASSWORD)
    sc = build(laptop.officer, laptop.sup, laptop.sup)
    first = export_bundle(laptop.officer, tmp_path / "a1.repat").path
    apply_import(hq, [first], trust=True)

    def comparable(ctx: AppContext) -> dict[str, tuple[object, ...]]:
        live = round_figures.LIVE_KEYS  # merge conflicts and duplicates are each database's own
        return {
            f.code: ({k: v for k, v in f.values.items() if k not in live},
                     {k: v for k, v in f.unexplained.items() if k not in live}, f.timeline)
            for f in cache.figures(ctx)
        }

    assert comparable(hq) == comparable(laptop.sup)
    assert comparable(hq)["R-A"][0]["received"] == sc.count("R-A", "received")
    check_all(hq)
    check_all(laptop.sup)

    # the laptop withdraws a case (a tombstone) and records another: both arrive in the next bundle
    with laptop.sup.unit_of_work() as session:
        c2 = session.get(Case, sc.case_ids["c2"])
        assert c2 is not None
        c2.deleted = True
    case_intake.record_intake(laptop.officer, case_intake.IntakeData(round_id=sc.round_ids["R-C"], sender_tag="C-1"))
    second = export_bundle(laptop.officer, tmp_path / "a2.repat").path
    apply_import(hq, [second], trust=True)
    assert comparable(hq) == comparable(laptop.sup)
    hq_figures = _by_code(hq)
    assert (hq_figures["R-A"]["duplicate_tags"], hq_figures["R-C"]["received"]) == (0, 1)
    check_all(hq)


def test_a_merge_can_bring_the_facts_up_to_date_in_its_own_transaction(db, supervisor, officer):
    """``catch_up`` in the writer's transaction leaves nothing for the next reader."""
    from tests.conftest import make_round

    rnd = make_round(officer)
    for i in range(3):
        case_intake.record_intake(officer, case_intake.IntakeData(round_id=rnd.id, sender_tag=f"T-{i}"))
    with db.engine.begin() as conn:
        assert fact_queue.queue_waiting(conn)
        assert fact_queue.catch_up(conn) == 3
        assert not fact_queue.queue_waiting(conn)
        assert fact_queue.catch_up(conn) == 0
    assert_facts_match_records(db)
    assert cache.figures(supervisor)[0]["received"] == 3


def test_a_round_whose_facts_are_behind_is_counted_from_the_records(
        scenario: Scenario, officer, supervisor, monkeypatch):
    """A reader whose snapshot holds queued changes (a writer committed after the catch-up, or
    the database was busy) counts those rounds from the records and does not cache them."""
    ids = scenario.round_ids
    cache.figures(supervisor)
    monkeypatch.setattr(fact_queue, "bring_up_to_date", lambda *_a, **_k: fact_queue.CatchUp(0, False))
    direct = counting._compute_direct
    counted: list[set[str]] = []

    def spy(session, refs):  # type: ignore[no-untyped-def]
        counted.append({r.code for r in refs})
        return direct(session, refs)

    monkeypatch.setattr(cache, "_compute_direct", spy)
    case_intake.record_intake(officer, case_intake.IntakeData(round_id=ids["R-B"], sender_tag="B-9"))
    with supervisor.reading() as session:
        assert fact_queue.pending_rounds(session) == {ids["R-B"]}
        cached_before = session.scalars(select(ReconciliationCache.figures)
                                        .where(ReconciliationCache.round_id == ids["R-B"])).one()
    figures = _by_code(supervisor)
    assert figures["R-B"]["received"] == 4 and figures["R-B"]["received_not_declared"] == 4
    assert counted == [{"R-B"}]
    with supervisor.reading() as session:  # not cached: it is counted again until the facts catch up
        assert session.scalars(select(ReconciliationCache.figures)
                               .where(ReconciliationCache.round_id == ids["R-B"])).one() == cached_before
    monkeypatch.undo()
    assert _by_code(supervisor)["R-B"]["received"] == 4
    with supervisor.reading() as session:
        assert not fact_queue.pending_rounds(session)


def test_without_its_triggers_a_database_is_counted_from_the_records(
        sqlite_contexts, caplog: pytest.LogCaptureFixture):
    officer, clerk, supervisor = (sqlite_contexts[r] for r in (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR))
    sc = build(officer, clerk, supervisor)
    expected = {code: sc.all_counts(code) for code in sc.round_ids}
    with supervisor.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER reconciliation_custody_events_insert"))
    fact_queue._trusted.clear()
    try:
        with caplog.at_level(logging.ERROR):
            case_intake.record_intake(officer, case_intake.IntakeData(round_id=sc.round_ids["R-B"], sender_tag="B-4"))
            figures = {f.code: f.values for f in cache.figures(supervisor, fresh=True)}
        expected["R-B"]["received"] += 1
        expected["R-B"]["received_not_declared"] += 1
        assert figures == expected
        assert "reconciliation triggers missing (reconciliation_custody_events_insert)" in caplog.text
    finally:
        fact_queue._trusted.clear()


def test_the_migration_computes_the_facts_the_queue_would_have_made(db, contexts):
    """Down to the revision before the facts and up again: the facts computed for the records
    already there equal the ones kept up to date while they were written."""
    sc = build(contexts[Role.FIELD_OFFICER], contexts[Role.CLERK], contexts[Role.SUPERVISOR])
    kept = assert_facts_match_records(db)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0007")
    with db.engine.begin() as conn:
        names = set(conn.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" if db.dialect == "postgresql"
            else "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert not {n for n in names if n.startswith("reconciliation_")}
        # written while there are no triggers: the migration has to find it by itself
        conn.execute(text("UPDATE cases SET category = 'commingled' WHERE id = :id"), {"id": sc.case_ids["c1"]})
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), head_revision())
    fact_queue._trusted.clear()
    with db.engine.connect() as conn:
        migrated = facts_state(conn)
        assert conn.execute(select(ReconciliationQueue.id)).first() is None
    assert migrated["cases"] != kept["cases"]  # c1's new category is in
    assert_facts_match_records(db)
    fig = _by_code(contexts[Role.SUPERVISOR])["R-A"]
    assert fig["commingled"] == sc.count("R-A", "commingled") + 1
    check_all(contexts[Role.SUPERVISOR])


def test_the_days_of_the_timeline_are_utc_days(db, officer, supervisor):
    """A case received just before midnight UTC counts on that day, on both databases."""
    from tests.conftest import make_round

    rnd = make_round(officer)
    made = case_intake.record_intake(officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="T-1"))
    late = datetime(2026, 5, 31, 23, 59, 59, 999000)
    with supervisor.unit_of_work() as session:
        case = session.get(Case, made.case_id)
        assert case is not None
        case.received_at = late
    timeline = cache.figures(supervisor)[0].timeline
    assert timeline == {"2026-05-31": [1, 0, 0, 0]}
    assert facts.day_of(0) == date(1970, 1, 1)
    check_all(supervisor)


@pytest.mark.parametrize("flags, reasons", [
    (facts.HAS_RECEIVED_EVENT, ()),
    (0, ("no_received_event",)),
    (facts.STATUS_CODES["examined"] | facts.HAS_RECEIVED_EVENT, ("no_examined_event",)),
    (facts.EXAMINED | facts.HAS_RECEIVED_EVENT, ("no_examined_event",)),
    (facts.STATUS_CODES["released"] | facts.HAS_RECEIVED_EVENT, ("no_released_event",)),
    (facts.STATUS_CODES["returned"] | facts.HAS_RECEIVED_EVENT | facts.HAS_RETURNED_EVENT, ()),
    (facts.STATUS_CODES["received"] | facts.HAS_RECEIVED_EVENT | facts.HAS_RELEASED_EVENT, ("event_without_status",)),
    (facts.OTHER_STATUS | facts.HAS_RECEIVED_EVENT | facts.HAS_RETURNED_EVENT, ("event_without_status",)),
])
def test_the_custody_rules_on_the_bits(flags: int, reasons: tuple[str, ...]) -> None:
    assert facts.gap_reasons(flags) == reasons
    assert ("custody_gaps" in facts.figure_keys(flags)) == bool(reasons)
    assert set(reasons) <= set(round_figures.CUSTODY_RULES)


def test_every_trigger_is_there_at_head(db) -> None:
    fact_queue._trusted.clear()
    with db.engine.connect() as conn:
        assert fact_queue.triggers_present(conn)
    assert len(fact_queue.TRIGGERS) == 16


def test_a_change_committed_after_a_catch_up_is_caught_up_by_the_next_on_postgresql(contexts):
    """A writer's change is still uncommitted while another commits and the dashboard catches up:
    its queue entry is neither seen nor lost, and the next refresh counts it."""
    from tests.conftest import make_round

    supervisor, officer = contexts[Role.SUPERVISOR], contexts[Role.FIELD_OFFICER]
    if supervisor.db.dialect != "postgresql":
        pytest.skip("PostgreSQL only: SQLite serialises writers")
    rnd = make_round(officer)
    first = case_intake.record_intake(officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="A"))
    assert cache.figures(supervisor)[0]["received"] == 1
    slow = supervisor.db.session_factory()
    slow.info["actor"] = officer.actor
    case = slow.get(Case, first.case_id)
    assert case is not None
    case.category = "commingled"
    slow.flush()  # its queue entry is written, not committed
    try:
        case_intake.record_intake(officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="B"))
        now = cache.figures(supervisor)[0]
        assert (now["received"], now["commingled"]) == (2, 0)
        slow.commit()
    finally:
        slow.close()
    now = cache.figures(supervisor)[0]
    assert (now["received"], now["commingled"]) == (2, 1)
    check_all(supervisor)


def test_while_another_program_writes_the_figures_wait_a_moment_at_most(sqlite_contexts):
    """SQLite: a merge holds the write lock. The catch-up gives up after a moment, and the
    figures of the rounds with queued changes are counted from the records meanwhile."""
    import sqlite3
    import time

    from tests.conftest import make_round

    officer, supervisor = sqlite_contexts[Role.FIELD_OFFICER], sqlite_contexts[Role.SUPERVISOR]
    rnd = make_round(officer)
    case_intake.record_intake(officer, case_intake.IntakeData(round_id=rnd.id, sender_tag="T-1"))
    assert supervisor.db.path is not None
    other = sqlite3.connect(supervisor.db.path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        assert fact_queue.bring_up_to_date(supervisor.db, wait=0.2) == fact_queue.CatchUp(0, False)
        [figures] = cache.figures(supervisor)
        assert time.perf_counter() - started < 3
        assert (figures["received"], figures["received_not_declared"]) == (1, 1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert fact_queue.bring_up_to_date(supervisor.db).done
    check_all(supervisor)


def test_a_record_erased_outright_takes_its_facts_with_it(scenario: Scenario, supervisor):
    """Deletion is a tombstone in Repat; a row erased by other means still leaves no facts."""
    from sqlalchemy import delete

    from app.persistence.models import Attachment, Discrepancy, PersonalEffect, Release, Sample

    off = scenario.case_ids["off"]
    check_all(supervisor)  # the facts of "off" and of the line T-10 are there
    with supervisor.unit_of_work() as session:
        for model in (CustodyEvent, Discrepancy, CertificateCase, PersonalEffect, Attachment, Sample, Release):
            session.execute(delete(model).where(model.case_id == off))
        session.execute(delete(Case).where(Case.id == off))
        session.execute(delete(ManifestLine).where(ManifestLine.id == scenario.line_ids["T-10"]))
    check_all(supervisor)
    figures = _by_code(supervisor)["R-A"]
    assert figures["received"] == scenario.count("R-A", "received") - 1
    assert figures["manifest_lines"] == scenario.count("R-A", "manifest_lines") - 1


def test_a_catch_up_in_many_batches_takes_every_entry(scenario: Scenario, supervisor, monkeypatch):
    """PostgreSQL takes the queue a batch at a time: with batches of two entries nothing is
    lost or taken twice."""
    monkeypatch.setattr(fact_queue, "QUEUE_BATCH", 2)
    with supervisor.db.engine.connect() as conn:
        queued = conn.execute(select(func.count()).select_from(ReconciliationQueue)).scalar_one()
    assert queued > 20
    check_all(supervisor)
    assert _by_code(supervisor)["R-A"].values == scenario.all_counts("R-A")
