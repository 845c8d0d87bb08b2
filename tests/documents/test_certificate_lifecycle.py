"""Certificates through the services, on SQLite and PostgreSQL: draft → issued → void/superseded,
frozen content, custody events, permissions, and refusals that leave nothing half-done."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.documents.content import content_sha256
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.persistence.models import Case, Certificate, CertificateCase, CustodyEvent, RowVersion
from app.progress import Cancelled, CancelToken
from app.services.documents import certificate_drafts, certificate_issuing, certificate_records
from app.services.documents.certificate_forms import (
    CertificateForm,
    CertificateFrozen,
    IssueRefused,
    Party,
    Person,
    Scope,
)
from tests.conftest import make_round
from tests.documents.helpers import add_cases, complete_form, draft_for, round_with_unit

NUMBER_RE = re.compile(r"^KH01-A-\d{4}-\d{4}$")


def _count(ctx, model, *where) -> int:
    with ctx.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_draft_numbers_are_unique_and_follow_the_device(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 2)
    first = draft_for(clerk, rnd.id)
    second = certificate_drafts.create_draft(clerk, Scope(rnd.id), complete_form("transfer"))
    assert NUMBER_RE.match(first.number)
    assert re.match(r"^KH01-T-\d{4}-\d{4}$", second.number)
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1
    assert first.status == "draft" and first.case_count == 2


def test_issue_freezes_content_links_cases_and_records_custody(clerk, officer):
    rnd, unit_id = round_with_unit(officer)
    made = add_cases(officer, rnd.id, 3, unit_id=unit_id)
    draft = draft_for(clerk, rnd.id)
    result = certificate_issuing.issue_certificate(clerk, draft.id, expected_rev=draft.rev)
    info = result.certificate
    assert info.status == "issued" and info.issued_by == "Mary Clerk" and info.issued_at is not None
    assert info.case_count == 3
    assert result.document.pages >= 1 and result.document.data.startswith(b"%PDF")
    with clerk.reading() as session:
        cert = session.get(Certificate, draft.id)
        assert cert.content is not None
        assert cert.content_sha256 == content_sha256(cert.content) == result.document.sha256
        assert [c["case_number"] for c in cert.content["cases"]] == sorted(m.case_number for m in made)
        assert cert.content["prepared_by"] == "Mary Clerk"
        assert cert.content["date"] and re.match(r"^\d\d:\d\d$", cert.content["time"])
        mismatch = [d for d in cert.content["discrepancies"] if d["kind"] == "count_mismatch"]
        assert [d["detail"] for d in mismatch] == ["заявлено 10, пораховано 3 / declared 10, counted 3."]
        off_list = [d for d in cert.content["discrepancies"] if d["kind"] == "received_not_declared"]
        assert sorted(d["case_number"] for d in off_list) == sorted(m.case_number for m in made)
        units = cert.content["counts"]["units"]
        assert units == [
            {"label": "AA1234BB", "seal_numbers": "S-1, S-2", "seal_intact": True, "declared": 3, "counted": 3}
        ]
        events = session.scalars(select(CustodyEvent).where(CustodyEvent.certificate_id == draft.id)).all()
        assert {e.case_id for e in events} == {m.case_id for m in made}
        assert {e.event_type for e in events} == {"certified"}
        assert all(e.seals_before == "S-1, S-2" and e.to_party == "Ministry of Reintegration" for e in events)
        assert "Anna Müller (ICRC card 78)" in events[0].witnesses
        links = session.scalars(select(CertificateCase.case_id).where(CertificateCase.certificate_id == draft.id))
        assert set(links) == {m.case_id for m in made}
        # the bulk rows are in the version log like every other change
        versions = session.scalar(
            select(func.count()).select_from(RowVersion).where(
                RowVersion.table_name == "custody_events", RowVersion.row_id.in_([e.id for e in events])
            )
        )
        assert versions == 3


@pytest.mark.parametrize(
    ("kind", "event"), [("acceptance", "certified"), ("transfer", "transferred"), ("release", "released")]
)
def test_custody_event_kind_follows_the_certificate_kind(clerk, officer, kind, event):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 1)
    draft = certificate_drafts.create_draft(clerk, Scope(rnd.id, case_ids=(made[0].case_id,)), complete_form(kind))
    certificate_issuing.issue_certificate(clerk, draft.id)
    with clerk.reading() as session:
        types = set(session.scalars(select(CustodyEvent.event_type).where(CustodyEvent.certificate_id == draft.id)))
        status = session.scalar(select(Case.status).where(Case.id == made[0].case_id))
    assert types == {event}
    assert status == ("released" if kind == "release" else "received")


def test_scope_of_a_transport_unit_and_of_chosen_cases(clerk, officer):
    rnd, unit_id = round_with_unit(officer)
    in_unit = add_cases(officer, rnd.id, 2, unit_id=unit_id, prefix="U")
    loose = add_cases(officer, rnd.id, 3, prefix="L")
    by_unit = draft_for(clerk, rnd.id, transport_unit_id=unit_id)
    assert by_unit.case_count == 2 and by_unit.scope_type == "unit" and by_unit.transport_unit_label == "AA1234BB"
    chosen = draft_for(clerk, rnd.id, case_ids=(loose[0].case_id, loose[2].case_id))
    assert chosen.case_count == 2 and chosen.scope_type == "cases"
    issued = certificate_issuing.issue_certificate(clerk, chosen.id).certificate
    with clerk.reading() as session:
        content = session.get(Certificate, issued.id).content
    assert [c["case_number"] for c in content["cases"]] == sorted([loose[0].case_number, loose[2].case_number])
    assert in_unit[0].case_number not in {c["case_number"] for c in content["cases"]}


def test_issuing_lists_exactly_what_is_missing_and_issues_nothing(clerk, officer):
    rnd = make_round(officer)
    draft = certificate_drafts.create_draft(
        clerk,
        Scope(rnd.id),
        CertificateForm(
            kind="acceptance",
            place="",
            sending=Party("Сторона А", []),
            receiving=Party("", [Person("Петренко Олена", "", "")]),
            intermediary=Party("ICRC", [Person("Jean Dupont", "delegate", "ICRC card 77")]),
        ),
    )
    with pytest.raises(IssueRefused) as refused:
        certificate_issuing.issue_certificate(clerk, draft.id)
    assert refused.value.missing == [
        "it lists no cases",
        "the place is missing",
        "the sending party has no representative",
        "the receiving party is not named",
        "representative 1 of the receiving party (Петренко Олена) has no identity document",
        "there is no witness",
    ]
    assert str(refused.value).startswith(f"Certificate {draft.number} cannot be issued: it lists no cases; ")
    assert [p.text for p in certificate_drafts.missing_for_issue(clerk, draft.id)] == refused.value.missing
    assert [p.code for p in refused.value.problems] == [
        "no_cases", "no_place", "no_representative", "party_unnamed", "person_no_document", "no_witness"
    ]
    assert refused.value.problems[4].party == "receiving" and refused.value.problems[4].name == "Петренко Олена"
    assert certificate_records.get_certificate(clerk, draft.id).status == "draft"
    assert _count(clerk, CustodyEvent, CustodyEvent.certificate_id == draft.id) == 0
    assert _count(clerk, CertificateCase, CertificateCase.certificate_id == draft.id) == 0


def test_a_case_is_accepted_only_once(clerk, officer):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 2)
    certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id, case_ids=(made[0].case_id,)).id)
    again = draft_for(clerk, rnd.id)
    with pytest.raises(IssueRefused, match=f"already on an issued acceptance certificate: {made[0].case_number}"):
        certificate_issuing.issue_certificate(clerk, again.id)


def test_cancelling_during_the_render_leaves_the_draft_untouched(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 3)
    draft = draft_for(clerk, rnd.id)
    token = CancelToken()
    with pytest.raises(Cancelled):
        certificate_issuing.issue_certificate(clerk, draft.id, progress=lambda *_: token.cancel(), token=token)
    info = certificate_records.get_certificate(clerk, draft.id)
    assert info.status == "draft" and info.content_sha256 is None
    assert _count(clerk, CustodyEvent, CustodyEvent.certificate_id == draft.id) == 0
    assert _count(clerk, CertificateCase, CertificateCase.certificate_id == draft.id) == 0


def test_permissions(clerk, officer, supervisor):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 1)
    draft = draft_for(officer, rnd.id)  # field officers prepare and print drafts
    assert certificate_issuing.render_certificate(officer, draft.id).status == "draft"
    with pytest.raises(PermissionDenied):
        certificate_issuing.issue_certificate(officer, draft.id)
    issued = certificate_issuing.issue_certificate(clerk, draft.id).certificate
    with pytest.raises(PermissionDenied):
        certificate_issuing.render_certificate(officer, issued.id)  # reprints are for clerks and supervisors
    with pytest.raises(PermissionDenied):
        certificate_issuing.void_certificate(clerk, issued.id, "wrong round")
    with pytest.raises(PermissionDenied):
        certificate_drafts.start_correction(officer, issued.id)
    assert certificate_issuing.void_certificate(supervisor, issued.id, "Wrong round.").status == "void"


def test_an_issued_certificate_cannot_be_changed_through_any_service(clerk, officer, supervisor):
    rnd, unit_id = round_with_unit(officer)
    made = add_cases(officer, rnd.id, 2, unit_id=unit_id)
    info = certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id).certificate
    with clerk.reading() as session:
        before = session.get(Certificate, info.id)
        frozen = (before.content, before.content_sha256, before.parties, before.issued_at)
    changed_form = complete_form()
    changed_form.place = "Elsewhere"
    attempts = [
        lambda: certificate_drafts.update_draft(clerk, info.id, None, changed_form),
        lambda: certificate_drafts.update_draft(clerk, info.id, None, complete_form(), Scope(rnd.id, case_ids=(made[0].case_id,))),
        lambda: certificate_issuing.issue_certificate(clerk, info.id),
        lambda: certificate_drafts.discard_draft(clerk, info.id),
        lambda: certificate_drafts.missing_for_issue(clerk, info.id),
    ]
    for attempt in attempts:
        with pytest.raises(CertificateFrozen, match=f"{info.number} is issued and cannot be changed"):
            attempt()
    # and not behind the services' back either: the session guard refuses
    with pytest.raises(CertificateFrozen), clerk.unit_of_work() as session:
        session.get(Certificate, info.id).parties = {"place": "forged"}
    with pytest.raises(CertificateFrozen), clerk.unit_of_work() as session:
        session.add(CertificateCase(certificate_id=info.id, case_id=made[0].case_id))
        session.get(CertificateCase, session.scalar(
            select(CertificateCase.id).where(CertificateCase.certificate_id == info.id).limit(1)
        )).deleted = True
    with pytest.raises(CertificateFrozen), clerk.unit_of_work() as session:
        session.delete(session.get(Certificate, info.id))
    # voiding is the one change allowed, and it leaves the content as issued
    certificate_issuing.void_certificate(supervisor, info.id, "Signed by the wrong delegation.")
    with pytest.raises(CertificateFrozen):
        certificate_issuing.void_certificate(supervisor, info.id, "again")
    with clerk.reading() as session:
        after = session.get(Certificate, info.id)
        assert (after.content, after.content_sha256, after.parties, after.issued_at) == frozen
        assert after.status == "void" and after.void_reason == "Signed by the wrong delegation."


def test_reprint_gives_the_same_content_hash_and_bytes(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 3)
    result = certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id)
    add_cases(officer, rnd.id, 2, prefix="LATE")  # the records move on; the certificate does not
    reprint = certificate_issuing.render_certificate(clerk, result.certificate.id)
    again = certificate_issuing.render_certificate(clerk, result.certificate.id)
    assert reprint.sha256 == result.document.sha256 == result.certificate.content_sha256
    assert reprint.data == result.document.data == again.data
    assert reprint.status == "issued"


def test_a_draft_is_regenerated_from_the_records(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 2)
    draft = draft_for(clerk, rnd.id)
    first = certificate_issuing.render_certificate(clerk, draft.id)
    add_cases(officer, rnd.id, 1, prefix="NEW")
    second = certificate_issuing.render_certificate(clerk, draft.id)
    assert first.sha256 != second.sha256
    assert certificate_records.get_certificate(clerk, draft.id).case_count == 3
    assert certificate_drafts.find_open_draft(clerk, Scope(rnd.id), "acceptance").id == draft.id
    assert certificate_drafts.find_open_draft(clerk, Scope(rnd.id), "transfer") is None


def test_update_draft_checks_the_revision(clerk, officer):
    rnd = make_round(officer)
    draft = draft_for(clerk, rnd.id)
    form = complete_form()
    form.notes = "Перевірено."
    updated = certificate_drafts.update_draft(clerk, draft.id, draft.rev, form)
    assert updated.form.notes == "Перевірено." and updated.rev == draft.rev + 1
    with pytest.raises(StaleEdit):
        certificate_drafts.update_draft(clerk, draft.id, draft.rev, form)


def test_correction_supersedes_the_old_certificate(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 2)
    old = certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id).certificate
    correction = certificate_drafts.start_correction(clerk, old.id)
    assert correction.status == "draft" and correction.supersedes_number == old.number
    assert correction.form.place == old.form.place
    with pytest.raises(ValidationError, match="already being prepared"):
        certificate_drafts.start_correction(clerk, old.id)
    form = correction.form
    form.receiving.representatives[0].name = "Петренко Олена Іванівна"
    certificate_drafts.update_draft(clerk, correction.id, correction.rev, form)
    new = certificate_issuing.issue_certificate(clerk, correction.id).certificate
    old_now = certificate_records.get_certificate(clerk, old.id)
    assert old_now.status == "void" and old_now.superseded_by_number == new.number
    assert old_now.void_reason == f"Superseded by {new.number}."
    with clerk.reading() as session:
        assert session.get(Certificate, new.id).content["supersedes"] == old.number


def test_bad_input(clerk, officer):
    rnd = make_round(officer)
    other = make_round(officer, "R-OTHER")
    theirs = add_cases(officer, other.id, 1)
    long_form = complete_form()
    long_form.receiving.representatives[0].name = "Я" * 301
    with pytest.raises(ValidationError, match="longer than 300"):
        certificate_drafts.create_draft(clerk, Scope(rnd.id), long_form)
    bad_time = complete_form()
    bad_time.act_time = "25:00"
    with pytest.raises(ValidationError, match="not a time of day"):
        certificate_drafts.create_draft(clerk, Scope(rnd.id), bad_time)
    with pytest.raises(ValidationError, match="Unknown certificate kind"):
        certificate_drafts.create_draft(clerk, Scope(rnd.id), CertificateForm(kind="gift"))
    with pytest.raises(ValidationError, match="not in this round"):
        certificate_drafts.create_draft(clerk, Scope(rnd.id, case_ids=(theirs[0].case_id,)), complete_form())
    with pytest.raises(ValidationError, match="at least one case"):
        certificate_drafts.create_draft(clerk, Scope(rnd.id, case_ids=()), complete_form())
    with pytest.raises(ValidationError, match="belong to another round"):
        certificate_records.case_ids_for_numbers(clerk, rnd.id, [theirs[0].case_number])
    with pytest.raises(ValidationError, match="not in this database: KH01-1999-99999"):
        certificate_records.case_ids_for_numbers(clerk, rnd.id, ["kh01-1999-99999"])
    with pytest.raises(NotFound):
        certificate_records.find_certificate(clerk, "KH01-A-2026-9999")


def test_default_form_comes_from_the_round_then_from_the_last_certificate(clerk, officer):
    rnd = make_round(officer)
    form = certificate_drafts.default_form(clerk, rnd.id, "acceptance")
    assert (form.place, form.sending.organisation, form.receiving.organisation, form.intermediary.organisation) == (
        "Київська обл.", "Сторона А", "Ministry of Reintegration", "ICRC"
    )
    assert form.act_date is not None and form.act_date.isoformat() == "2026-06-01"
    draft_for(clerk, rnd.id)
    again = certificate_drafts.default_form(clerk, rnd.id, "acceptance")
    assert again.intermediary.witnesses[0].name == "Anna Müller"
