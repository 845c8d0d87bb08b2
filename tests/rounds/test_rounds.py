"""Rounds (handover events) and their transport units (on SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert

from app.domain import normalize_tag, normalize_text
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.persistence.models import ManifestLine, RowVersion
from app.persistence.versioning import stamp_rows
from app.services.cases import intake
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import make_round


def add_manifest(ctx: AppContext, round_id: str, tags: list[str]) -> None:
    """Manifest lines the way bulk imports write them: Core inserts with their row versions."""
    rows: list[dict[str, Any]] = [
        {
            "round_id": round_id, "line_no": i, "sender_tag": tag, "sender_tag_norm": normalize_tag(tag),
            "claimed_name": f"Name {i}", "claimed_name_norm": normalize_text(f"Name {i}"),
        }
        for i, tag in enumerate(tags, start=1)
    ]
    with ctx.unit_of_work() as s:
        versions = stamp_rows("manifest_lines", rows, ctx.actor)
        s.execute(insert(ManifestLine), rows)
        s.execute(insert(RowVersion), versions)


def _data(**kw: Any) -> rounds.RoundData:
    base = rounds.RoundData(code="R-1", round_date=date(2026, 6, 1), place="Київська обл.", declared_total=3)
    return replace(base, **kw)


def test_create_round_and_read_it_back(officer: AppContext) -> None:
    made = rounds.create_round(officer, _data(code="  R-1 ", sending_party=" Сторона А ", intermediary="ICRC"))
    assert (made.code, made.sending_party, made.rev) == ("R-1", "Сторона А", 1)
    assert (made.manifest_lines, made.received) == (0, 0)
    got = rounds.get_round(officer, made.id)
    assert got == made
    assert rounds.find_round(officer, "R-1") == made
    assert rounds.find_round(officer, made.id) == made
    with pytest.raises(NotFound):
        rounds.find_round(officer, "R-404")


def test_round_codes_are_unique(officer: AppContext) -> None:
    first = rounds.create_round(officer, _data(code="R-1"))
    with pytest.raises(ValidationError) as err:
        rounds.create_round(officer, _data(code="R-1"))
    assert err.value.fields == {"code": "taken"}
    second = rounds.create_round(officer, _data(code="R-2"))
    with pytest.raises(ValidationError) as err:
        rounds.update_round(officer, second.id, second.rev, _data(code="R-1"))
    assert err.value.fields == {"code": "taken"}
    # keeping one's own code is not a clash
    assert rounds.update_round(officer, first.id, first.rev, _data(code="R-1", place="Харків")).place == "Харків"


@pytest.mark.parametrize(
    ("override", "field"),
    [({"code": "  "}, "code"), ({"code": "x" * 65}, "code"), ({"declared_total": -1}, "declared_total")],
)
def test_round_input_is_checked(officer: AppContext, override: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        rounds.create_round(officer, _data(**override))
    assert field in err.value.fields
    assert str(err.value).startswith("Check the round:")
    assert rounds.list_rounds(officer) == []


def test_update_round_with_the_current_rev(officer: AppContext, supervisor: AppContext) -> None:
    made = rounds.create_round(officer, _data())
    updated = rounds.update_round(officer, made.id, made.rev, _data(declared_total=1200, notes="Two trailers"))
    assert (updated.rev, updated.declared_total, updated.notes) == (2, 1200, "Two trailers")
    # someone who opened the round before that save is refused, and nothing is overwritten
    with pytest.raises(StaleEdit, match="Someone else changed this round"):
        rounds.update_round(supervisor, made.id, made.rev, _data(declared_total=5))
    assert rounds.get_round(officer, made.id).declared_total == 1200


def test_clerk_cannot_change_rounds(clerk: AppContext, officer: AppContext) -> None:
    made = rounds.create_round(officer, _data())
    with pytest.raises(PermissionDenied):
        rounds.update_round(clerk, made.id, made.rev, _data(place="elsewhere"))
    with pytest.raises(PermissionDenied):
        rounds.add_transport_unit(clerk, made.id, rounds.TransportUnitData(label="AA1234BB"))
    assert [r.code for r in rounds.list_rounds(clerk)] == ["R-1"]  # reading is fine


def test_list_rounds_counts_manifest_lines_and_received_cases(officer: AppContext) -> None:
    older = rounds.create_round(officer, _data(code="R-OLD", round_date=date(2026, 5, 1)))
    newer = rounds.create_round(officer, _data(code="R-NEW", round_date=date(2026, 6, 1)))
    add_manifest(officer, newer.id, ["A-1", "A-2", "A-3"])
    for tag in ("A-1", "A-2", "X-9"):
        intake.record_intake(officer, intake.IntakeData(round_id=newer.id, sender_tag=tag))
    listed = rounds.list_rounds(officer)
    assert [r.code for r in listed] == ["R-NEW", "R-OLD"]  # newest first
    assert [(r.manifest_lines, r.received) for r in listed] == [(3, 3), (0, 0)]
    assert (rounds.get_round(officer, newer.id).manifest_lines, rounds.get_round(officer, older.id).received) == (3, 0)


def test_transport_units_and_their_bag_counts(officer: AppContext) -> None:
    rnd = make_round(officer)
    t1 = rounds.add_transport_unit(
        officer, rnd.id,
        rounds.TransportUnitData(label=" AA1234BB ", seal_numbers=" S-1, S-2 ", seal_intact=True, declared_bags=3),
    )
    t2 = rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData(label="TRAILER-2", declared_bags=1))
    assert (t1.label, t1.seal_numbers, t1.counted_bags) == ("AA1234BB", "S-1, S-2", 0)
    with pytest.raises(ValidationError) as err:
        rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData(label="AA1234BB"))
    assert err.value.fields == {"label": "taken"}
    for i in range(2):
        intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag=f"A-{i}", transport_unit_id=t1.id))
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="B-1", transport_unit_id=t2.id))
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="C-1"))  # no unit
    units = rounds.list_transport_units(officer, rnd.id)
    assert [(u.label, u.declared_bags, u.counted_bags) for u in units] == [("AA1234BB", 3, 2), ("TRAILER-2", 1, 1)]
    # a unit of another round cannot be used
    other = make_round(officer, code="R-OTHER")
    with pytest.raises(ValidationError, match="not part of this round"):
        intake.record_intake(officer, intake.IntakeData(round_id=other.id, sender_tag="Z", transport_unit_id=t1.id))


def test_update_transport_unit_with_rev(officer: AppContext, supervisor: AppContext) -> None:
    rnd = make_round(officer)
    unit = rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData(label="AA1234BB", declared_bags=3))
    intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag="A-1", transport_unit_id=unit.id))
    changed = rounds.update_transport_unit(
        officer, unit.id, unit.rev, rounds.TransportUnitData(label="AA1234BB", seal_intact=False, declared_bags=4)
    )
    assert (changed.rev, changed.seal_intact, changed.declared_bags, changed.counted_bags) == (2, False, 4, 1)
    with pytest.raises(StaleEdit):
        rounds.update_transport_unit(supervisor, unit.id, unit.rev, rounds.TransportUnitData(label="X"))
    for bad, field in [(rounds.TransportUnitData(label=" "), "label"),
                       (rounds.TransportUnitData(label="A", declared_bags=-2), "declared_bags")]:
        with pytest.raises(ValidationError) as err:
            rounds.update_transport_unit(officer, unit.id, changed.rev, bad)
        assert field in err.value.fields
    with pytest.raises(NotFound):
        rounds.add_transport_unit(officer, "no-such-round", rounds.TransportUnitData(label="A"))
