"""The register travels in bundles: imported at the headquarters, it reaches a laptop as the same
entries (found and sorted there like entries imported there); imported on two installations, it is
one entry per register number, and a later re-import's change reaches the other side."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.persistence.models import Conflict, MissingPerson
from app.persistence.models.register import missing_person_id
from app.services.context import AppContext
from app.services.register import listing
from app.services.register.importing import import_register, read_register
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from tests.register.helpers import ROWS, TODAY, csv_bytes
from tests.sync.conftest import Replica, canonical_dump


def exchange(source: Replica, target: Replica, path: Path) -> None:
    bundle = export_bundle(source.sup, path).path
    assert bundle is not None
    apply_import(target.sup, [bundle], trust=True)


def names(ctx: AppContext, search: str = "") -> list[str]:
    return [r.full_name for r in listing.list_entries(ctx, search).rows]


def conflicts(replica: Replica) -> int:
    with replica.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Conflict)) or 0)


def test_the_register_reaches_a_laptop_found_and_sorted_as_there(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    import_register(hq.sup, read_register(csv_bytes()), today=TODAY)
    exchange(hq, kh, tmp_path / "hq.repat")
    assert names(kh.sup) == names(hq.sup) == [
        "Олійник Богдан Петрович", "Савчук Наталія Андріївна", "Ярошенко Євген Олегович",
    ]
    assert names(kh.sup, "Yaroshenko Yevhen") == ["Ярошенко Євген Олегович"]
    entry = listing.get_entry(kh.sup, missing_person_id("Р-2025/00042"))
    assert (entry.register_number, entry.relatives_sampled) == ("Р-2025/00042", "син — Савчук Артем Ігорович")
    with kh.db.session() as s:  # the laptop made the search forms itself
        row = s.get(MissingPerson, entry.id)
        assert row is not None and row.full_name_fold and row.full_name_key
    # a change at the headquarters arrives as an update of the same entry
    changed = (ROWS[0], (*ROWS[1][:11], "Родина надала фото"), ROWS[2])
    assert import_register(hq.sup, read_register(csv_bytes(changed)), today=TODAY).updated == 1
    exchange(hq, kh, tmp_path / "hq2.repat")
    assert listing.get_entry(kh.sup, entry.id).notes == "Родина надала фото"
    assert listing.count_entries(kh.sup) == 3


def test_one_register_imported_on_two_installations_is_one_entry_each(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    import_register(hq.sup, read_register(csv_bytes()), today=TODAY)
    import_register(kh.sup, read_register(csv_bytes(delimiter=";", encoding="cp1251")), today=TODAY)
    exchange(kh, hq, tmp_path / "kh.repat")
    exchange(hq, kh, tmp_path / "hq.repat")
    for replica in (hq, kh):
        assert listing.count_entries(replica.sup) == 3
        assert conflicts(replica) == 0  # the same register, so the same fields and the same batch
    assert canonical_dump(hq.db)["missing_persons"] == canonical_dump(kh.db)["missing_persons"]
