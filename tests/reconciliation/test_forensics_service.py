"""Forensic progress: real records and custody events, the claimed identity never overwritten,
disputes flagged, steps in order, stale copies and roles refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.persistence.models import Case, CertificateCase, CustodyEvent, Release, RowVersion, Sample
from app.services.cases import case_file, intake
from app.services.documents import certificate_drafts, certificate_issuing, certificate_records
from app.services.documents.certificate_forms import CertificateForm, Party, Person, Scope
from app.services.forensics import case_record, examination, identification
from app.services.forensics.examination import ExaminationData, SampleData
from app.services.forensics.identification import IdentificationData, ReleaseData
from app.services.forensics.identity import identity_differences
from app.services.reconciliation import cache

EARLIER = datetime.now().replace(microsecond=0) - timedelta(hours=3)  # before the case is received


@pytest.fixture
def case_id(officer, a_round) -> str:
    return intake.record_intake(officer, intake.IntakeData(
        round_id=a_round.id, sender_tag="T-1", claimed_name="Шевченко Тарас Григорович",
        claimed_birth_date="09.03.1994", claimed_citizenship="Україна",
    )).case_id


def soon() -> datetime:
    """A moment just after the case was received (the forms keep whole seconds)."""
    return datetime.now().replace(microsecond=0) + timedelta(seconds=1)


def _events(ctx, case_id: str) -> list[str]:
    with ctx.reading() as session:
        return list(session.scalars(select(CustodyEvent.event_type).where(CustodyEvent.case_id == case_id)
                                    .order_by(CustodyEvent.occurred_at, CustodyEvent.created_at)))


def test_the_whole_path_from_examination_to_release(officer, clerk, case_id):
    record = case_record.get_record(officer, case_id)
    assert (record.status, record.examination_status, record.examined, record.identified) == (
        "received", "not_started", False, False)

    record = examination.record_examination(officer, case_id, ExaminationData("in_progress", None, "Д-р Ковальчук",
                                                                             "Зовнішній огляд."))
    assert (record.status, record.examination_status) == ("received", "in_progress")
    assert _events(officer, case_id) == ["received"]

    record = examination.record_examination(officer, case_id, ExaminationData("completed", soon(), "Д-р Ковальчук",
                                                                             "Розтин проведено."),
                                          expected_rev=record.rev)
    assert (record.status, record.examined, record.examined_by) == ("examined", True, "Д-р Ковальчук")
    assert _events(officer, case_id) == ["received", "examined"]

    record = examination.add_sample(officer, case_id, SampleData("tooth", "LAB-77", date.today(), "Д-р К.", "ДНК-лаб"))
    record = examination.add_sample(officer, case_id, SampleData("bone", "", date.today(), "Д-р К."))
    assert [(s.sample_type, s.label) for s in record.samples] == [("tooth", "LAB-77"), ("bone", "")]

    record = identification.record_identification(officer, case_id, IdentificationData(
        "тарас ШЕВЧЕНКО Григорович", "1994-03-09", "UA", "dna", "Лабораторія №1", date.today()))
    assert (record.status, record.identified, record.identity_disputed, record.differences) == (
        "identified", True, False, [])
    # the claim stays as the sending side gave it
    assert (record.claimed_name, record.claimed_birth_date, record.claimed_citizenship) == (
        "Шевченко Тарас Григорович", "09.03.1994", "Україна")
    assert record.established_name == "тарас ШЕВЧЕНКО Григорович"

    record = identification.record_release(clerk, case_id, ReleaseData(
        "Шевченко Марія", "мати", "паспорт КК000111", soon(), "Київ, бюро СМЕ"))
    assert (record.status, record.released) == ("released", True)
    assert [(r.recipient_name, r.recipient_relationship) for r in record.releases] == [("Шевченко Марія", "мати")]
    assert _events(officer, case_id) == ["received", "examined", "released"]
    with officer.reading() as session:
        release = session.scalars(select(Release)).one()
        event = session.get(CustodyEvent, release.custody_event_id)
        assert event is not None and event.event_type == "released"
        assert event.to_party == "Шевченко Марія (мати)"
        # every record is versioned, so it travels in bundles
        tables = set(session.scalars(select(RowVersion.table_name)))
    assert {"samples", "releases", "custody_events", "cases"} <= tables

    with pytest.raises(ValidationError, match="already been released"):
        identification.record_release(clerk, case_id, ReleaseData("Інша особа", "", "паспорт 1", soon(), ""))


def test_a_disputed_identity_is_flagged_and_can_be_corrected(officer, case_id):
    examination.record_examination(officer, case_id, ExaminationData("completed", soon(), "Д-р К."))
    record = identification.record_identification(officer, case_id, IdentificationData(
        "Коваленко Петро", "1994-03-09", "Росія", "fingerprints", "Експерт", date.today()))
    assert record.identity_disputed and record.differences == ["name", "citizenship"]
    with officer.reading() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.identity_disputed is True
        assert case.claimed_name == "Шевченко Тарас Григорович"
    record = identification.record_identification(officer, case_id, IdentificationData(
        "Шевченко Тарас Григорович", "1994", "Україна", "dna", "Експерт", date.today()), expected_rev=record.rev)
    assert not record.identity_disputed and record.status == "identified"


def test_steps_are_refused_out_of_order_and_examination_is_final(officer, clerk, case_id):
    with pytest.raises(ValidationError, match="completed examination"):
        identification.record_identification(officer, case_id, IdentificationData(
            "Шевченко Тарас", "", "", "dna", "Експерт", date.today()))
    with pytest.raises(ValidationError, match="before releasing"):
        identification.record_release(clerk, case_id, ReleaseData("Марія", "мати", "паспорт", soon(), ""))
    with pytest.raises(ValidationError, match="Enter when the examination was completed."):
        examination.record_examination(officer, case_id, ExaminationData("completed", None, "Д-р К."))
    with pytest.raises(ValidationError, match="Enter who examined"):
        examination.record_examination(officer, case_id, ExaminationData("completed", soon(), " "))
    with pytest.raises(ValidationError, match="cannot be before the remains were received"):
        examination.record_examination(officer, case_id, ExaminationData("completed", EARLIER, "Д-р К."))
    with pytest.raises(ValidationError, match="in the future"):
        examination.record_examination(officer, case_id, ExaminationData(
            "completed", datetime.now() + timedelta(days=2), "Д-р К."))
    record = examination.record_examination(officer, case_id, ExaminationData("completed", soon(), "Д-р К.", "a"))
    with pytest.raises(ValidationError, match="cannot be reopened"):
        examination.record_examination(officer, case_id, ExaminationData("in_progress", None, "Д-р К."))
    # the notes may still grow, with no second custody event
    record = examination.record_examination(officer, case_id, ExaminationData("completed", soon(), "Д-р К.", "a; b"))
    assert record.examination_notes == "a; b"
    assert _events(officer, case_id) == ["received", "examined"]
    with pytest.raises(ValidationError, match="Unknown identification method"):
        identification.record_identification(officer, case_id, IdentificationData("X", "", "", "tarot", "Y", date.today()))
    with pytest.raises(ValidationError, match="Enter the established name."):
        identification.record_identification(officer, case_id, IdentificationData("", "", "", "dna", "Y", date.today()))
    with pytest.raises(ValidationError, match="Unknown sample type"):
        examination.add_sample(officer, case_id, SampleData("soul", "", date.today()))
    examination.add_sample(officer, case_id, SampleData("bone", "L-1", date.today()))
    with pytest.raises(ValidationError, match="already has a sample numbered L-1"):
        examination.add_sample(officer, case_id, SampleData("tooth", "L-1", date.today()))


def test_withdrawn_samples_stay_in_the_history(officer, case_id):
    record = examination.add_sample(officer, case_id, SampleData("bone", "L-1", date.today()))
    record = examination.withdraw_sample(officer, record.samples[0].id)
    assert record.samples == []
    with officer.reading() as session:
        sample = session.scalars(select(Sample)).one()
        assert sample.deleted
    with pytest.raises(NotFound):
        examination.withdraw_sample(officer, sample.id)


def test_stale_copies_and_roles_are_refused(officer, clerk, supervisor, case_id):
    record = case_record.get_record(officer, case_id)
    case_file.update_case(officer, case_id, record.rev, {"notes": "someone else's edit"})
    with pytest.raises(StaleEdit):
        examination.record_examination(officer, case_id, ExaminationData("in_progress"), expected_rev=record.rev)
    with pytest.raises(PermissionDenied):
        examination.record_examination(clerk, case_id, ExaminationData("in_progress"))
    with pytest.raises(PermissionDenied):
        examination.add_sample(clerk, case_id, SampleData("bone", "", date.today()))
    with pytest.raises(NotFound):
        case_record.get_record(officer, "no-such-case")
    examination.record_examination(supervisor, case_id, ExaminationData("in_progress"))


@pytest.mark.parametrize(
    ("claimed", "established", "expected"),
    [
        (("Петренко Іван", "", ""), ("іван петренко", "", ""), []),
        (("Петренко Іван", "", ""), ("Петренко Петро", "", ""), ["name"]),
        # a claim written in Latin letters by the intermediary is the same name
        (("PETRENKO Ivan", "", ""), ("Петренко Іван", "", ""), []),
        (("Kovalienko Iurii", "", ""), ("Коваленко Юрій", "", ""), []),
        (("Kovalenko Yurii", "", ""), ("Коваленко Петро", "", ""), ["name"]),
        (("Петренко-Коваль Іван", "", ""), ("Петренко Коваль Іван", "", ""), []),
        (("", "01.02.1990", ""), ("", "1990-02-01", ""), []),
        (("", "1990", ""), ("", "1990-02-01", ""), []),
        (("", "1991", ""), ("", "1990-02-01", ""), ["birth_date"]),
        (("", "", "UA"), ("", "", "Україна"), []),
        (("", "", "Ukraine"), ("", "", "Росія"), ["citizenship"]),
        (("", "", "Молдова"), ("", "", "MD"), []),
        (("Петренко Іван", "1990", "UA"), ("", "", ""), []),  # nothing established yet
        (("", "", ""), ("Петренко Іван", "1990", "UA"), []),  # nothing claimed
    ],
)
def test_identity_differences(claimed, established, expected):
    assert identity_differences(*claimed, *established) == expected


# --- one "released" custody event, whichever records the release first --------------------------


def _release_act(clerk, round_id: str, case_ids: tuple[str, ...]) -> str:
    """A release certificate listing ``case_ids``, issued; returns its id."""
    form = CertificateForm(
        kind="release", place="Київ, бюро СМЕ",
        sending=Party("Міністерство", [Person("Петренко Олена", "спеціаліст", "ID 000123")]),
        receiving=Party("Родина", [Person("Шевченко Марія", "мати", "паспорт КК000111")],
                        [Person("Mary Clerk", "clerk", "passport X1")]),
    )
    draft = certificate_drafts.create_draft(clerk, Scope(round_id, case_ids=case_ids), form)
    certificate_issuing.issue_certificate(clerk, draft.id)
    return draft.id


def _identified(officer, case_id: str) -> None:
    examination.record_examination(officer, case_id, ExaminationData("completed", soon(), "Д-р К."))
    identification.record_identification(officer, case_id, IdentificationData(
        "Шевченко Тарас Григорович", "1994-03-09", "UA", "dna", "Лабораторія №1", date.today()))


def _released_events(ctx, case_id: str) -> list[tuple[str | None, str]]:
    with ctx.reading() as session:
        return [(e.certificate_id, e.notes) for e in session.scalars(
            select(CustodyEvent).where(CustodyEvent.case_id == case_id, CustodyEvent.event_type == "released"))]


def test_a_release_act_issued_after_the_release_records_no_second_handover(officer, clerk, supervisor, a_round,
                                                                           case_id):
    other = intake.record_intake(officer, intake.IntakeData(round_id=a_round.id, sender_tag="T-2")).case_id
    for cid in (case_id, other):
        _identified(officer, cid)
    identification.record_release(clerk, case_id, ReleaseData("Шевченко Марія", "мати", "паспорт КК000111", soon(), "Київ"))
    act = _release_act(clerk, a_round.id, (case_id, other))

    # the case released in the forensics dialog keeps its one "released" event, from the dialog;
    # the other case is released by the act, with the act's event
    assert _released_events(officer, case_id) == [(None, "Released to the family; document: паспорт КК000111")]
    [(certificate, _notes)] = _released_events(officer, other)
    assert certificate == act
    with officer.reading() as session:  # the act lists and links both
        linked = set(session.scalars(select(CertificateCase.case_id).where(CertificateCase.certificate_id == act)))
        release = session.scalars(select(Release).where(Release.case_id == case_id)).one()
        assert session.get(CustodyEvent, release.custody_event_id) is not None
    assert linked == {case_id, other}
    assert [case_record.get_record(officer, c).status for c in (case_id, other)] == ["released", "released"]
    [figures] = cache.figures(supervisor)
    assert (figures["released"], figures["certified"], figures["custody_gaps"]) == (2, 2, 0)


def test_after_a_release_act_the_dialog_records_no_second_release(officer, clerk, a_round, case_id):
    _identified(officer, case_id)
    act = _release_act(clerk, a_round.id, (case_id,))
    assert [c for c, _n in _released_events(officer, case_id)] == [act]
    with pytest.raises(ValidationError, match="already been released"):
        identification.record_release(clerk, case_id, ReleaseData("Шевченко Марія", "мати", "паспорт 1", soon(), ""))
    assert [c for c, _n in _released_events(officer, case_id)] == [act]


def test_a_corrected_release_act_records_no_second_handover(officer, clerk, supervisor, a_round, case_id):
    _identified(officer, case_id)
    act = _release_act(clerk, a_round.id, (case_id,))
    correction = certificate_drafts.start_correction(supervisor, act)
    certificate_issuing.issue_certificate(supervisor, correction.id)
    assert [c for c, _n in _released_events(officer, case_id)] == [act]
    assert certificate_records.get_certificate(officer, act).status == "void"
