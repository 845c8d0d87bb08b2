"""Any sequence of writes — intakes, lists, certificates, forensic steps, and the record edits a
merge may bring (tombstones and restores, another tag, custody events, statuses) — leaves facts
equal to facts rebuilt from the records, and figures equal to figures counted from the records."""

from __future__ import annotations

import contextlib
import itertools
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from app.domain import Role
from app.errors import RepatError
from app.persistence.models import Case, CertificateCase, CustodyEvent, ManifestLine, Sample
from app.persistence.versioning import utcnow
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.documents import (
    certificate_drafts,
    certificate_forms,
    certificate_issuing,
    certificate_records,
)
from app.services.forensics import examination
from app.services.rounds import manifest, manifest_columns, manifest_file, rounds
from tests.reconciliation.facts_check import check_all
from tests.reconciliation.scenario import acceptance_form

TAGS = st.sampled_from(["A-1", "A-2", "a-1 ", "B", ""])
PICK = st.integers(min_value=0, max_value=50)
OPS = st.one_of(
    st.tuples(st.just("intake"), TAGS),
    st.tuples(st.just("list"), TAGS.filter(bool)),
    st.tuples(st.just("tombstone_case"), PICK),
    st.tuples(st.just("restore_case"), PICK),
    st.tuples(st.just("retag"), PICK, TAGS),
    st.tuples(st.just("tombstone_line"), PICK),
    st.tuples(st.just("event"), PICK, st.sampled_from(["received", "examined", "released", "returned"])),
    st.tuples(st.just("tombstone_event"), PICK),
    st.tuples(st.just("status"), PICK, st.sampled_from(["received", "examined", "identified", "released",
                                                        "returned", "lost"])),
    st.tuples(st.just("examine"), PICK),
    st.tuples(st.just("sample"), PICK),
    st.tuples(st.just("withdraw_sample"), PICK),
    st.tuples(st.just("certify"), PICK),
    st.tuples(st.just("unlink"), PICK),
    st.tuples(st.just("void"), PICK),
)
_codes = itertools.count()


def _pick(session: Any, model: Any, round_id: str, n: int, column: Any = None) -> Any:
    column = column if column is not None else model.round_id
    rows = session.scalars(select(model).where(column == round_id).order_by(model.id)).all()
    return rows[n % len(rows)] if rows else None


def _apply(op: tuple[Any, ...], ctx: dict[Role, AppContext], round_id: str) -> None:
    officer, clerk, sup = ctx[Role.FIELD_OFFICER], ctx[Role.CLERK], ctx[Role.SUPERVISOR]
    kind = op[0]
    if kind == "intake":
        case_intake.record_intake(officer, case_intake.IntakeData(round_id=round_id, sender_tag=op[1],
                                                      condition_flags=[] if op[1] else ["no_tag"]),
                            confirm_duplicate=True)
        return
    if kind == "list":
        table = manifest_file.read_csv(f"tag,name\n{op[1]},Петренко\n".encode())
        with contextlib.suppress(RepatError):  # the tag is on the list already
            manifest.import_manifest(
                officer, round_id, table, manifest_columns.auto_mapping(table.headers), True
            )
        return
    if kind == "examine":
        with sup.reading() as session:
            case = _pick(session, Case, round_id, op[1])
        if case is not None and not case.deleted:
            with contextlib.suppress(RepatError):  # completed already
                examination.record_examination(officer, case.id, examination.ExaminationData(
                    "completed", datetime.now().replace(microsecond=0), "Д-р К."))
        return
    if kind in ("sample", "withdraw_sample"):
        with sup.reading() as session:
            case = _pick(session, Case, round_id, op[1])
            sample = None if case is None else session.scalars(
                select(Sample.id).where(Sample.case_id == case.id, Sample.deleted.is_(False))).first()
        if case is not None and kind == "sample":
            with contextlib.suppress(RepatError):  # a tombstoned case takes no sample
                examination.add_sample(officer, case.id, examination.SampleData("bone", "", date.today(), "Д-р К."))
        elif sample is not None:
            examination.withdraw_sample(officer, sample)
        return
    if kind == "certify":
        with sup.reading() as session:
            live = session.scalars(select(Case.id).where(Case.round_id == round_id, Case.deleted.is_(False))
                                   .order_by(Case.id)).all()
        chosen = tuple(live[op[1] % len(live):][:3]) if live else ()
        if chosen:
            draft = certificate_drafts.create_draft(clerk, certificate_forms.Scope(round_id, case_ids=chosen), acceptance_form())
            try:
                certificate_issuing.issue_certificate(clerk, draft.id)
            except RepatError:
                certificate_drafts.discard_draft(clerk, draft.id)  # a case is on an issued act already
        return
    if kind == "void":
        issued = [c for c in certificate_records.list_certificates(sup, round_id) if c.status == "issued"]
        if issued:
            certificate_issuing.void_certificate(sup, issued[op[1] % len(issued)].id, "Wrong.")
        return
    with sup.unit_of_work() as session:
        if kind in ("tombstone_case", "restore_case", "retag", "status"):
            case = _pick(session, Case, round_id, op[1])
            if case is None:
                return
            if kind == "retag":
                case.sender_tag, case.sender_tag_norm = op[2], op[2].strip().lower()
            elif kind == "status":
                case.status = op[2]
            else:
                case.deleted = kind == "tombstone_case"
        elif kind == "tombstone_line":
            line = _pick(session, ManifestLine, round_id, op[1])
            if line is not None:
                line.deleted = True
        elif kind in ("event", "tombstone_event"):
            case = _pick(session, Case, round_id, op[1])
            if case is None:
                return
            if kind == "event":
                session.add(CustodyEvent(case_id=case.id, event_type=op[2], occurred_at=utcnow()))
            else:
                event = session.scalars(select(CustodyEvent).where(CustodyEvent.case_id == case.id)).first()
                if event is not None:
                    event.deleted = True
        elif kind == "unlink":  # a link of an issued act changes only through a merge (Core)
            case = _pick(session, Case, round_id, op[1])
            if case is not None:
                session.execute(update(CertificateCase).where(CertificateCase.case_id == case.id)
                                .values(deleted=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=14))
def test_any_writes_keep_the_facts_and_figures_right(sqlite_contexts: dict[Role, AppContext], ops) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = rounds.create_round(officer, rounds.RoundData(
        code=f"R-P-{next(_codes)}", round_date=date(2026, 6, 1), declared_total=3))
    for op in ops:
        _apply(op, sqlite_contexts, rnd.id)
        check_all(sqlite_contexts[Role.SUPERVISOR])
