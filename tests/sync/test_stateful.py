"""Three laptops and a headquarters edit, delete, create and exchange bundles in random order,
with bundles delivered twice, late or never; after a full exchange every replica holds the same
records and conflicts, and every value ever written is current, kept in a conflict, or was
changed later by someone who had seen it. Among the steps: case numbers two devices both issue,
a certificate's case list edited on several devices (links with derived and random ids), bags
back-entered from paper with their reception times, and cases voided by a supervisor while
another device edits them (a conflict, never a lost edit).

``REPAT_SOAK=1`` (``make soak``) runs the same machine much longer.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from app.services.cases import case_file, intake, reception_time
from app.services.sync.conflicts import list_conflicts, resolve_conflict
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import ImportResult
from app.services.sync.status import list_held
from app.services.sync.trust import list_quarantine
from app.sync.exporter import NothingToExport
from tests.sync.conftest import DEVICES, Replica, canonical_dump
from tests.sync.world import (
    FIELDS,
    VALUES,
    Write,
    add_numbered_case,
    build_world,
    case_ids,
    check_every_value_kept,
    edit_case,
    fresh_world,
    full_exchange,
    round_id,
    set_link,
)

SOAK = os.environ.get("REPAT_SOAK") == "1"


@pytest.fixture(scope="module")
def world(replica_templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_world(replica_templates, tmp_path_factory.mktemp("stateful-world"))


def make_machine(world: dict[str, Path]) -> type[RuleBasedStateMachine]:
    class Exchange(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self._ctx = fresh_world(world)
            self.replicas, self.folder = self._ctx.__enter__()
            self.mail: list[Path] = []
            self.writes: list[Write] = []
            self.count = 0

        @initialize(edits=st.booleans())
        def start_with_concurrent_edits(self, edits: bool) -> None:
            """Often begin with two open conflicts (a field, and a deletion against an edit), so
            that resolving and relaying resolutions gets exercised from the first steps."""
            assert all(list_conflicts(r.sup) == [] for r in self.replicas.values())
            if not edits:
                return
            kh01, kh02, kh03, hq = (self.replicas[c] for c in ("KH01", "KH02", "KH03", "HQ01"))
            first, second = case_ids(hq)[:2]
            edit_case(kh01, first, "storage_location", "Shelf A", self.writes)
            edit_case(kh02, first, "storage_location", "Shelf B", self.writes)
            edit_case(hq, second, "deleted", True, self.writes)
            edit_case(kh03, second, "notes", "Tattoo", self.writes)
            for sender, receiver in ((kh02, kh01), (kh03, hq)):
                self.count += 1
                bundle = export_bundle(sender.sup, self.folder / f"{sender.code}-{self.count}.repat").path
                self.mail.append(bundle)
                apply_import(receiver.sup, [bundle])
            assert len(list_conflicts(kh01.sup)) == 1 and len(list_conflicts(hq.sup)) == 1

        def _replica(self, code: str) -> Replica:
            return self.replicas[code]

        @rule(code=st.sampled_from(DEVICES), index=st.integers(0, 2),
              field_name=st.sampled_from((*FIELDS, *FIELDS, "deleted")), choice=st.integers(0, 2))
        def edit(self, code: str, index: int, field_name: str, choice: int) -> None:
            r = self._replica(code)
            ids = case_ids(r)
            value = True if field_name == "deleted" else VALUES[field_name][choice]
            edit_case(r, ids[index % len(ids)], field_name, value, self.writes)

        @rule(code=st.sampled_from(DEVICES), tag=st.integers(0, 3))
        def receive_a_bag(self, code: str, tag: int) -> None:
            r = self._replica(code)
            intake.record_intake(r.officer, intake.IntakeData(round_id=round_id(r), sender_tag=f"N-{tag}"),
                                confirm_duplicate=True)

        @rule(code=st.sampled_from(DEVICES), tag=st.integers(0, 3), minutes=st.integers(0, 36 * 60),
              late=st.booleans())
        def back_enter_a_bag(self, code: str, tag: int, minutes: int, late: bool) -> None:
            """A bag typed in later from a paper form: its reception time is the one written on
            the form (in the round's days, or after them with a reason), not the typing time."""
            r = self._replica(code)
            at = datetime(2026, 6, 1, 6, 0) + timedelta(minutes=minutes, days=3 if late else 0)
            result = intake.record_intake(r.officer, intake.IntakeData(
                round_id=round_id(r), sender_tag=f"P-{tag}", received_at=at,
                late_reason="forms found in the second truck" if late else ""), confirm_duplicate=True)
            assert case_file.get_case(r.sup, result.case_id).fields["received_at"] == reception_time.to_utc(at)

        @rule(code=st.sampled_from(DEVICES), number=st.integers(0, 1))
        def issue_a_number_issued_elsewhere(self, code: str, number: int) -> None:
            """As a laptop set up again under an old device code would: another device may hold
            the same case number (refused only where the number is already known)."""
            add_numbered_case(self._replica(code), f"SHARED-{number}")

        @rule(code=st.sampled_from(DEVICES), index=st.integers(0, 1),
              action=st.sampled_from(("link", "legacy link", "unlink")))
        def list_a_case_on_the_certificate(self, code: str, index: int, action: str) -> None:
            r = self._replica(code)
            ids = case_ids(r)
            set_link(r, ids[index % len(ids)], action)

        @rule(code=st.sampled_from(DEVICES), full=st.booleans())
        def export(self, code: str, full: bool) -> None:
            self.count += 1
            target = self.folder / f"{code}-{self.count}.repat"
            with contextlib.suppress(NothingToExport):  # nothing changed since the last one
                self.mail.append(export_bundle(self._replica(code).sup, target, full=full).path)

        @rule(sender=st.sampled_from(DEVICES), receiver=st.sampled_from(DEVICES))
        def send(self, sender: str, receiver: str) -> None:
            """Export and import at once (the bundle stays in the mail, to be delivered again)."""
            self.count += 1
            target = self.folder / f"{sender}-{self.count}.repat"
            try:
                bundle = export_bundle(self._replica(sender).sup, target).path
            except NothingToExport:
                return
            self.mail.append(bundle)
            result = apply_import(self._replica(receiver).sup, [bundle])
            _accepted(result)

        @precondition(lambda self: bool(self.mail))
        @rule(data=st.data(), code=st.sampled_from(DEVICES))
        def deliver(self, data: st.DataObject, code: str) -> None:
            """Any bundle, to anyone: twice, late, out of order, or back to its sender."""
            bundle = data.draw(st.sampled_from(self.mail))
            result = apply_import(self._replica(code).sup, [bundle])
            _accepted(result)

        @precondition(lambda self: len(self.mail) > 1)
        @rule(data=st.data(), code=st.sampled_from(DEVICES))
        def deliver_several(self, data: st.DataObject, code: str) -> None:
            """Several bundles in one import, in any order (duplicates included)."""
            bundles = data.draw(st.lists(st.sampled_from(self.mail), min_size=2, max_size=4))
            result = apply_import(self._replica(code).sup, bundles)
            _accepted(result)

        def _with_conflicts(self) -> list[str]:
            return [code for code, r in self.replicas.items() if list_conflicts(r.sup)]

        @precondition(lambda self: bool(self._with_conflicts()))
        @rule(data=st.data())
        def resolve(self, data: st.DataObject) -> None:
            """A supervisor (at the headquarters or on a laptop) settles a conflict."""
            # Fixed ranges, reduced modulo the choices: which conflicts exist is fixed by the
            # steps, but their order (by clock and random ids) is not, from one run to the next.
            codes = self._with_conflicts()
            code = codes[data.draw(st.integers(0, 3)) % len(codes)]
            r = self._replica(code)
            found = list_conflicts(r.sup)
            c = found[data.draw(st.integers(0, 9)) % len(found)]
            pick = data.draw(st.integers(0, 9)) % len(c.candidates) + 1
            done = resolve_conflict(r.sup, c.id, pick_version=str(pick))
            assert done.resolution_version_id is not None and done.status == "resolved"
            value = c.candidates[pick - 1].value
            self.writes.append(Write(c.table, c.row_id, c.field, value, done.resolution_version_id))

        @invariant()
        def every_record_has_one_state(self) -> None:
            for r in self.replicas.values():
                held = [h for h in list_held(r.sup) if h.reason == "waiting"]
                assert held == [], held  # nothing here refers to a record it lacks

        def teardown(self) -> None:
            try:
                if not self.replicas:
                    return
                full_exchange(self.replicas, self.folder, "1")
                dumps = {code: canonical_dump(r.db) for code, r in self.replicas.items()}
                first = dumps["HQ01"]
                for code, dump in dumps.items():
                    for table in first:
                        assert dump[table] == first[table], f"{code} differs from HQ01 in {table}"
                for r in self.replicas.values():
                    assert list_held(r.sup) == []
                    # a bundle that came before an earlier one of its device waited, and went in
                    assert list_quarantine(r.sup) == []
                check_every_value_kept(self.replicas["HQ01"], self.writes)
            finally:
                self._ctx.__exit__(None, None, None)

    return Exchange


def _accepted(result: ImportResult) -> None:
    """Nothing refused; held only while waiting for an earlier bundle of the same device's records."""
    assert not result.refused, result.files
    assert all("has not arrived here yet" in f.message for f in result.quarantined), result.files


def test_replicas_agree_after_a_full_exchange(world: dict[str, Path]) -> None:
    run_state_machine_as_test(
        make_machine(world),
        settings=settings(max_examples=15, stateful_step_count=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )


@pytest.mark.soak
@pytest.mark.skipif(not SOAK, reason="a long run: REPAT_SOAK=1 (make soak)")
def test_replicas_agree_after_a_long_run(world: dict[str, Path]) -> None:
    run_state_machine_as_test(
        make_machine(world),
        settings=settings(max_examples=200, stateful_step_count=60, deadline=None,
                          suppress_health_check=list(HealthCheck)),
    )
