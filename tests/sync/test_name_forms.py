"""Names that arrive in a bundle are found and sorted like names typed in here."""

from __future__ import annotations

from pathlib import Path

from app.services.cases import intake, listing
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.sync.conftest import Replica, new_round


def test_an_imported_case_is_found_by_any_spelling_of_its_name_and_sorted_in_ukrainian_order(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(kh.officer)
    names = ["Щербак Юрій", "Ґудзь Євгенія", "Гонта Іван", "Іваненко Ігор"]
    made = {name: intake.record_intake(kh.officer, intake.IntakeData(round_id=rnd.id, sender_tag=f"T-{i}",
                                                                      claimed_name=name))
            for i, name in enumerate(names)}
    bundle = export_bundle(kh.officer, tmp_path / "kh01.repat").path
    assert bundle is not None
    apply_import(hq.sup, [bundle], trust=True)

    def found(text: str) -> set[str]:
        return {r.id for r in listing.list_cases(hq.sup, listing.CaseQuery(search=text)).rows}

    assert found("Shcherbak Yuriy") == found("Scherbak Iurii") == {made["Щербак Юрій"].case_id}
    assert found("Ivanenko") == {made["Іваненко Ігор"].case_id}
    in_order = [r.claimed_name for r in listing.list_cases(hq.sup, listing.CaseQuery(sort="claimed_name")).rows]
    assert in_order == ["Гонта Іван", "Ґудзь Євгенія", "Іваненко Ігор", "Щербак Юрій"]
