"""Verification answers: valid, void, superseded, unknown, content does not match (and draft)."""

from __future__ import annotations

from app.documents.content import parse_scanned, qr_payload
from app.persistence.models import Certificate
from app.services.documents import certificate_drafts, certificate_issuing, verification
from app.services.documents.verification import Answer
from tests.conftest import make_round
from tests.documents.helpers import add_cases, draft_for


def _issued(clerk, officer, code="R-V"):
    rnd = make_round(officer, code)
    made = add_cases(officer, rnd.id, 2, prefix=code)
    return certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id), made


def test_the_five_answers(clerk, officer, supervisor):
    valid, _ = _issued(clerk, officer, "R-1")
    voided, _ = _issued(clerk, officer, "R-2")
    old, _ = _issued(clerk, officer, "R-3")
    certificate_issuing.void_certificate(supervisor, voided.certificate.id, "Signed by the wrong delegation.")
    correction = certificate_drafts.start_correction(clerk, old.certificate.id)
    new = certificate_issuing.issue_certificate(clerk, correction.id).certificate

    def code(result):
        return qr_payload(result.certificate.number, result.document.sha256)

    answer = verification.verify(clerk, code(valid))
    assert answer.answer == Answer.VALID and answer.valid and answer.content_checked
    assert answer.message == f"Certificate {valid.certificate.number} is valid."
    assert answer.round_code == "R-1" and answer.case_count == 2

    answer = verification.verify(clerk, code(voided))
    assert answer.answer == Answer.VOID and not answer.valid
    assert answer.message == f"Certificate {voided.certificate.number} is void: Signed by the wrong delegation."

    answer = verification.verify(clerk, code(old))
    assert answer.answer == Answer.SUPERSEDED and answer.superseded_by == new.number
    assert answer.message == f"Certificate {old.certificate.number} was superseded by {new.number}."

    answer = verification.verify(clerk, qr_payload("KH09-A-2026-0042", "ab" * 32))
    assert answer.answer == Answer.UNKNOWN and "not in this database" in answer.message
    assert verification.verify(clerk, "hello").answer == Answer.UNKNOWN

    forged = qr_payload(valid.certificate.number, "0" * 64)
    answer = verification.verify(clerk, forged)
    assert answer.answer == Answer.MISMATCH and "does not match" in answer.message


def test_a_draft_and_a_typed_number(clerk, officer):
    rnd = make_round(officer)
    add_cases(officer, rnd.id, 1)
    draft = draft_for(clerk, rnd.id)
    rendered = certificate_issuing.render_certificate(clerk, draft.id)
    assert verification.verify(clerk, qr_payload(draft.number, rendered.sha256)).answer == Answer.DRAFT
    issued = certificate_issuing.issue_certificate(clerk, draft.id).certificate
    abandoned = draft_for(clerk, rnd.id)
    certificate_drafts.discard_draft(clerk, abandoned.id)
    answer = verification.verify(clerk, abandoned.number)
    assert answer.answer == Answer.DRAFT and "discarded draft" in answer.message
    by_number = verification.verify(clerk, f"  {issued.number.lower()} ")
    assert by_number.answer == Answer.VALID and not by_number.content_checked
    assert "only the number was checked" in by_number.message


def test_a_record_altered_in_the_database_no_longer_verifies(clerk, officer):
    result, _ = _issued(clerk, officer)
    # someone edits the stored content with SQL, bypassing the application
    with clerk.db.engine.begin() as conn:
        row = conn.execute(
            Certificate.__table__.select().where(Certificate.id == result.certificate.id)
        ).mappings().one()
        content = dict(row["content"])
        content["place"] = "Somewhere else"
        conn.execute(
            Certificate.__table__.update().where(Certificate.id == result.certificate.id).values(content=content)
        )
    answer = verification.verify(clerk, qr_payload(result.certificate.number, result.document.sha256))
    assert answer.answer == Answer.MISMATCH and "stored record" in answer.message


def test_scanner_quirks_are_tolerated():
    text = qr_payload("KH01-A-2026-0001", "ab" * 32)
    assert parse_scanned(text) == parse_scanned(text.lower()) == parse_scanned(f" {text[:20]}\n{text[20:]} ")
    assert parse_scanned(text).sha256 == "ab" * 32  # type: ignore[union-attr]
    # a USB scanner typing through a Ukrainian keyboard layout
    keys = dict(zip("qwertyuiopasdfghjklzxcvbnm", "йцукенгшщзфівапролдячсмить", strict=True))
    to_ukrainian = str.maketrans({**{k.upper(): v.upper() for k, v in keys.items()}, ":": "Ж"})
    typed = text.translate(to_ukrainian)
    assert typed != text and typed.startswith("КУЗФЕЖСУКЕЖ")
    assert parse_scanned(typed) == parse_scanned(text)
    assert parse_scanned("REPAT:CERT:KH01-A-2026-0001:XYZ") is None
