"""A decision about a candidate travels in a bundle like any record, and two laptops deciding the
same pair differently meet as a conflict for a supervisor, never silently."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.persistence.models import Case, Conflict
from app.services.register import candidates, decisions
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.register.candidates_helpers import a_register, add_case
from tests.sync.conftest import Replica, new_round


def _send(source: Replica, target: Replica, path: Path) -> None:
    bundle = export_bundle(source.sup, path).path
    assert bundle is not None
    apply_import(target.sup, [bundle], trust=True)


def test_a_decision_made_on_a_laptop_is_seen_at_the_headquarters(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    register = a_register(kh.officer)
    rnd = new_round(kh.officer)
    case_id = add_case(kh.officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    decisions.decide(kh.officer, case_id, register["ЗБ-002"], candidates.PRIORITISED, "сестра дала зразок")
    own = add_case(hq.sup, new_round(hq.sup, "R-HQ").id, "UA-0100", "Koval'enko Yurii", "1990")
    assert candidates.case_candidates(hq.sup, own).candidates == []  # the headquarters' register is empty
    _send(kh, hq, tmp_path / "kh01.repat")
    # the imported applications reach the kept index of the headquarters' register
    assert [c.register_number for c in candidates.case_candidates(hq.sup, own).candidates] == ["ЗБ-001", "ЗБ-002"]
    found = candidates.case_candidates(hq.sup, case_id).candidates
    assert [(c.register_number, c.decision, c.note, c.decided_by) for c in found] == [
        ("ЗБ-002", "prioritised", "сестра дала зразок", "Officer KH01"), ("ЗБ-001", "", "", "")]
    with hq.db.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.established_name == "" and case.identified_on is None

    decisions.decide(hq.sup, case_id, register["ЗБ-002"], decisions.WITHDRAWN)  # the headquarters withdraws it
    _send(hq, kh, tmp_path / "hq01.repat")
    assert [c.decision for c in candidates.case_candidates(kh.officer, case_id).candidates] == ["", ""]


def test_two_laptops_deciding_one_pair_differently_make_a_conflict(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, kh1, kh2 = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    register = a_register(kh1.officer)
    rnd = new_round(kh1.officer)
    case_id = add_case(kh1.officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    decisions.decide(kh1.officer, case_id, register["ЗБ-001"], candidates.PRIORITISED)
    _send(kh1, hq, tmp_path / "kh01.repat")
    _send(hq, kh2, tmp_path / "hq01.repat")
    decisions.decide(kh1.officer, case_id, register["ЗБ-001"], candidates.REJECTED, "інша група крові")
    decisions.decide(kh2.officer, case_id, register["ЗБ-001"], decisions.WITHDRAWN)
    _send(kh1, hq, tmp_path / "kh01-2.repat")
    _send(kh2, hq, tmp_path / "kh02.repat")
    with hq.db.session() as session:
        fields = set(session.scalars(select(Conflict.field).where(Conflict.table_name == "candidate_decisions")))
    assert "decision" in fields
