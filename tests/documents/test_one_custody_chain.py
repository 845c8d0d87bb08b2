"""One custody chain: an act of acceptance records "certified", not a second "received"; a voided
or superseded act's events stay and are marked as belonging to a voided act."""

from __future__ import annotations

from app.domain import CustodyEventType
from app.services.cases import case_file
from app.services.documents import case_documents, certificate_drafts, certificate_issuing
from app.services.reconciliation import cache
from tests.conftest import make_round
from tests.documents.helpers import add_cases, draft_for, pdftotext


def _events(ctx, case_id: str) -> list[tuple[str, str, bool]]:
    return [(e.event_type, e.certificate_number, e.act_voided) for e in case_file.get_case(ctx, case_id).custody]


def test_an_act_of_acceptance_certifies_and_a_correction_marks_the_voided_act(clerk, officer, supervisor, tmp_path):
    rnd = make_round(officer)
    made = add_cases(officer, rnd.id, 2)
    case_id = made[0].case_id
    old = certificate_issuing.issue_certificate(clerk, draft_for(clerk, rnd.id).id).certificate
    assert sorted(_events(clerk, case_id)) == [("certified", old.number, False), ("received", "", False)]

    correction = certificate_drafts.start_correction(clerk, old.id)
    new = certificate_issuing.issue_certificate(clerk, correction.id).certificate
    events = _events(clerk, case_id)
    # received once; certified by each act, the superseded one marked, nothing deleted
    assert [e[0] for e in events].count(CustodyEventType.RECEIVED.value) == 1
    assert sorted(e for e in events if e[0] == "certified") == sorted(
        [("certified", old.number, True), ("certified", new.number, False)]
    )

    path = tmp_path / "sheet.pdf"
    path.write_bytes(case_documents.render_case_sheet(clerk, case_id).data)
    text = " ".join(pdftotext(path).split())
    assert text.count("Прийнято Received") == 1
    assert text.count("Засвідчено актом Certified") == 2
    assert text.count("act voided") == 1

    figures = {f.code: f.values for f in cache.figures(supervisor, fresh=True)}
    assert figures[rnd.code]["received"] == 2 and figures[rnd.code]["certified"] == 2
    assert figures[rnd.code]["custody_gaps"] == 0

