"""A case voided on one laptop and edited on another: whatever order the bundles arrive in, every
replica ends with the same records and one conflict on the tombstone; the edit is never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.cases import case_file, intake
from app.services.cases import void as case_void
from app.services.sync.conflicts import list_conflicts
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.sync.conftest import Replica, canonical_dump, new_round


@pytest.mark.parametrize("order", [("KH01", "KH02"), ("KH02", "KH01")])
def test_an_edit_to_a_case_voided_elsewhere_is_a_conflict_in_any_order(
    replicas: dict[str, Replica], tmp_path: Path, order: tuple[str, str]
) -> None:
    hq, kh1, kh2 = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.officer)
    case_id = intake.record_intake(hq.officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-1")).case_id
    start = export_bundle(hq.sup, tmp_path / "start.repat").path
    for r in (kh1, kh2):
        apply_import(r.sup, [start], trust=True)
    case_void.void_case(kh1.sup, case_id, "scanned into the wrong round")
    rev = case_file.get_case(kh2.officer, case_id).rev
    case_file.update_case(kh2.officer, case_id, rev, {"storage_location": "Fridge 4"})
    bundles = {r.code: export_bundle(r.sup, tmp_path / f"{r.code}.repat").path for r in (kh1, kh2)}
    result = apply_import(hq.sup, [bundles[code] for code in order], trust=True)
    assert not result.refused and not result.quarantined, result.files
    (conflict,) = list_conflicts(hq.sup)
    assert conflict.field == "deleted"
    # the edit is kept: its value stays on the record under the provisional tombstone
    assert case_file.get_case(hq.sup, case_id).fields["storage_location"] == "Fridge 4"
    for r in (kh1, kh2):
        back = export_bundle(hq.sup, tmp_path / f"hq-for-{r.code}.repat", full=True).path
        apply_import(r.sup, [back], trust=True)
        assert canonical_dump(r.db)["cases"] == canonical_dump(hq.db)["cases"]
