"""Export and import between real databases: new records, fast-forwards, three-way merges,
conflicts and their resolution travelling back, trust and quarantine, replays."""

from __future__ import annotations

import json
import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import paths
from app.domain import Role
from app.errors import PermissionDenied, ValidationError
from app.persistence import chain
from app.persistence.db import Database
from app.persistence.models import Case, Conflict, ImportedBundle, QuarantinedBundle, Round, RowVersion
from app.progress import Cancelled, CancelToken
from app.services.cases import case_file, intake
from app.services.context import AppContext
from app.services.sync.common import CAN_RESOLVE
from app.services.sync.conflicts import list_conflicts, resolve_conflict
from app.services.sync.devices import list_devices, revoke_device, this_device, trust_device
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import, preview_import
from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED, STATUS_QUARANTINED, STATUS_READY
from app.services.sync.status import list_held, receive_rounds, set_receive_rounds
from app.services.sync.trust import list_quarantine
from app.sync import chaincheck
from app.sync.exporter import NothingToExport, count_unexported
from app.sync.importer.engine import Importer
from tests.children import REPO, child_env, python_command
from tests.sync.conftest import Replica, canonical_dump, database_fingerprint, new_round


def _export(ctx: AppContext, folder: Path, name: str, **kw: object) -> Path:
    return export_bundle(ctx, folder / name, **kw).path  # type: ignore[arg-type]


def _case(ctx: AppContext, round_id: str, tag: str, **kw: object) -> intake.IntakeResult:
    return intake.record_intake(ctx, intake.IntakeData(round_id=round_id, sender_tag=tag, **kw))  # type: ignore[arg-type]


def _unexported(db: Database) -> int:
    with db.engine.connect() as conn:
        return count_unexported(conn)


def test_a_laptops_day_reaches_the_headquarters_and_comes_back(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(kh.officer)
    made = _case(kh.officer, rnd.id, "T-1", effects=[intake.EffectData("Обручка")],
                 photos=[intake.PhotoData("bag.jpg", b"\xff\xd8 a photo")])
    bundle = _export(kh.officer, tmp_path, "kh01.repat")
    assert _unexported(kh.db) == 0  # marked once the file was written and read back

    summary = preview_import(hq.sup, [bundle], trust=True)[0]
    assert summary.status == STATUS_READY and summary.new > 0 and summary.updated == 0
    assert apply_import(hq.sup, [bundle], trust=True).files[0].new == summary.new
    at_hq = case_file.get_case(hq.sup, made.case_id)
    assert at_hq.fields["case_number"] == made.case_number
    assert [e.description for e in at_hq.effects] == ["Обручка"]
    assert case_file.attachment_bytes(hq.sup, at_hq.attachments[0].sha256) == b"\xff\xd8 a photo"
    # the history travels with the record
    assert [h.device for h in at_hq.history if h.table == "cases"] == ["KH01"]

    # the headquarters corrects the case; the laptop receives the correction the same way
    case_file.update_case(hq.sup, made.case_id, at_hq.rev, {"storage_location": "Холодильник 3"})
    back = _export(hq.sup, tmp_path, "hq.repat")
    result = apply_import(kh.sup, [back], trust=True).files[0]
    assert result.status == STATUS_APPLIED and result.updated == 1 and result.conflicts == 0
    assert case_file.get_case(kh.officer, made.case_id).fields["storage_location"] == "Холодильник 3"
    assert canonical_dump(kh.db)["cases"] == canonical_dump(hq.db)["cases"]


def test_edits_of_different_fields_combine_and_the_same_field_becomes_a_conflict(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    rnd = new_round(hq.sup)
    made = _case(hq.sup, rnd.id, "T-7")
    start = _export(hq.sup, tmp_path, "start.repat")
    for r in (a, b):
        apply_import(r.sup, [start], trust=True)
    ca = case_file.get_case(a.officer, made.case_id)
    case_file.update_case(a.officer, made.case_id, ca.rev, {"bag_number": "B-12", "storage_location": "Shelf A"})
    cb = case_file.get_case(b.officer, made.case_id)
    case_file.update_case(b.officer, made.case_id, cb.rev, {"notes": "Tattoo on the left arm", "storage_location": "Shelf B"})
    bundles = [_export(a.officer, tmp_path, "a.repat"), _export(b.officer, tmp_path, "b.repat")]

    files = apply_import(hq.sup, bundles, trust=True).files
    assert [f.conflicts for f in files] == [0, 1]
    merged = case_file.get_case(hq.sup, made.case_id).fields
    assert merged["bag_number"] == "B-12" and merged["notes"] == "Tattoo on the left arm"
    (conflict,) = list_conflicts(hq.sup)
    assert conflict.field == "storage_location" and conflict.record == made.case_number
    assert {c.value for c in conflict.candidates} == {"Shelf A", "Shelf B"}
    assert {c.device for c in conflict.candidates} == {"KH01", "KH02"}
    # the provisional value is that of the later edit, and it is what the table shows
    latest = max(conflict.candidates, key=lambda c: (c.hlc, c.version_id))
    assert conflict.provisional == latest.value == merged["storage_location"] == conflict.current
    assert [c.provisional for c in conflict.candidates].count(True) == 1

    # the supervisor picks the other value; the resolution travels to both laptops
    other = next(c for c in conflict.candidates if c.value != latest.value)
    with pytest.raises(PermissionDenied):
        resolve_conflict(hq.officer, conflict.id, pick_version=other.version_id)
    with pytest.raises(ValidationError, match="Pick a value numbered 1 to 2"):
        resolve_conflict(hq.sup, conflict.id, pick_version="3")
    with pytest.raises(ValidationError, match="by its number or its version id"):
        resolve_conflict(hq.sup, conflict.id, pick_version="not-a-version")
    resolved = resolve_conflict(hq.sup, conflict.id[:8], pick_version=other.version_id)
    assert resolved.status == "resolved" and resolved.current == other.value and resolved.resolved_by == "suphq01"
    assert list_conflicts(hq.sup) == []
    out = _export(hq.sup, tmp_path, "hq.repat")
    for r in (a, b):
        apply_import(r.sup, [out], trust=True)
        assert case_file.get_case(r.officer, made.case_id).fields["storage_location"] == other.value
        assert list_conflicts(r.sup) == []
        assert [c.status for c in list_conflicts(r.sup, status=None)] == ["resolved"]
        assert canonical_dump(r.db)["cases"] == canonical_dump(hq.db)["cases"]


def test_a_deletion_against_an_edit_is_a_conflict_never_silent(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(hq.sup)
    made = _case(hq.sup, rnd.id, "T-9")
    apply_import(a.sup, [_export(hq.sup, tmp_path, "start.repat")], trust=True)
    ca = case_file.get_case(a.officer, made.case_id)
    case_file.update_case(a.officer, made.case_id, ca.rev, {"notes": "Seen again at the morgue"})
    with hq.sup.unit_of_work() as s:
        row = s.get(Case, made.case_id)
        assert row is not None
        row.deleted = True
    apply_import(hq.sup, [_export(a.officer, tmp_path, "a.repat")], trust=True)
    (conflict,) = list_conflicts(hq.sup)
    assert conflict.field == "deleted" and conflict.provisional is True and conflict.current is True
    assert {c.value for c in conflict.candidates} == {True, False}
    with hq.sup.reading() as s:
        row = s.get(Case, made.case_id)
        assert row is not None and row.deleted and row.notes == "Seen again at the morgue"  # the edit is kept
    resolve_conflict(hq.sup, conflict.id, value="no")
    with hq.sup.reading() as s:
        row = s.get(Case, made.case_id)
        assert row is not None and not row.deleted and row.notes == "Seen again at the morgue"


def test_re_importing_changes_nothing_and_a_replay_after_a_newer_bundle_says_so(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(a.officer)
    _case(a.officer, rnd.id, "T-1")
    first = _export(a.officer, tmp_path, "first.repat")
    _case(a.officer, rnd.id, "T-2")
    second = _export(a.officer, tmp_path, "second.repat")
    apply_import(hq.sup, [first, second], trust=True)
    before = database_fingerprint(hq.path)

    again = apply_import(hq.sup, [first]).files[0]
    assert again.status == STATUS_ALREADY
    with zipfile.ZipFile(first) as zf:
        seq = json.loads(zf.read("manifest.json"))["sequence"]
    with zipfile.ZipFile(second) as zf:
        newer = json.loads(zf.read("manifest.json"))["sequence"]["to"]
    assert again.message == (
        f"first.repat (from KH01, changes {seq['from']}–{seq['to']}) is older than a bundle already imported "
        f"from KH01 (up to change {newer}) and was itself imported on "
        f"{again.message.split('imported on ')[1].split(';')[0]}; nothing was changed."
    )
    assert database_fingerprint(hq.path) == before

    # the same changes in a bundle not seen before (made with --full): every change is known
    full = _export(a.officer, tmp_path, "full.repat", full=True)
    files = apply_import(hq.sup, [full]).files
    assert files[0].status == STATUS_APPLIED and files[0].new_versions == 0
    assert files[0].message == "full.repat from KH01 holds nothing new; nothing was changed."
    with hq.sup.reading() as s:
        assert s.scalar(select(func.count()).select_from(ImportedBundle)) == 3


def test_an_unknown_device_is_held_in_quarantine_until_trusted(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(a.officer)
    _case(a.officer, rnd.id, "T-1")
    bundle = _export(a.officer, tmp_path, "a.repat")
    before = canonical_dump(hq.db)

    held = apply_import(hq.officer, [bundle]).files[0]
    assert held.status == STATUS_QUARANTINED
    fp = this_device(a.sup).fingerprint
    assert held.message == (
        f"a.repat comes from KH01 (key {fp}), which is not a trusted device here; it is held in quarantine "
        "until a supervisor trusts the device."
    )
    assert canonical_dump(hq.db) == before
    (q,) = list_quarantine(hq.sup)
    assert q.device_code == "KH01" and q.fingerprint == fp and Path(q.file_path).exists()
    assert [d.status for d in list_devices(hq.sup) if d.code == "KH01"] == ["unknown"]
    # only a supervisor trusts, and --trust on import is a supervisor's too
    with pytest.raises(PermissionDenied):
        trust_device(hq.officer, "KH01")
    with pytest.raises(PermissionDenied):
        apply_import(hq.officer, [bundle], trust=True)
    with pytest.raises(ValidationError):
        trust_device(hq.sup, "HQ01")

    result = trust_device(hq.sup, "kh01", fingerprint=fp.lower(), import_held=True)
    assert result.device.status == "trusted" and result.device.fingerprint == fp
    assert result.imported is not None and [f.status for f in result.imported.files] == [STATUS_APPLIED]
    assert list_quarantine(hq.sup) == [] and not Path(q.file_path).exists()
    assert rnd.code in {r.code for r in __import__("app.services.rounds.rounds", fromlist=["x"]).list_rounds(hq.sup)}

    # revoked: the next bundle is held again
    revoke_device(hq.sup, "KH01")
    _case(a.officer, rnd.id, "T-2")
    again = apply_import(hq.sup, [_export(a.officer, tmp_path, "a2.repat")]).files[0]
    assert again.status == STATUS_QUARANTINED and "has been revoked here" in again.message


def test_cancel_and_preview_leave_the_database_as_it_was(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(a.officer)
    for i in range(5):
        _case(a.officer, rnd.id, f"T-{i}")
    bundle = _export(a.officer, tmp_path, "a.repat")
    before = database_fingerprint(hq.path)
    assert preview_import(hq.sup, [bundle], trust=True)[0].new > 5
    assert database_fingerprint(hq.path) == before

    token = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(message)
        if message.startswith("Importing"):
            token.cancel()

    with pytest.raises(Cancelled):
        apply_import(hq.sup, [bundle], progress, token, trust=True)
    assert database_fingerprint(hq.path) == before
    with hq.sup.reading() as s:
        assert s.scalar(select(func.count()).select_from(QuarantinedBundle)) == 0

    # a cancel after a file was put in quarantine leaves no held copy behind either
    other = replicas["KH02"]
    new_round(other.officer, "R-OTHER")
    unknown = _export(other.officer, tmp_path, "kh02.repat")
    token = CancelToken()

    def cancel_second(done: int, total: int, message: str = "") -> None:
        if message.startswith("Importing a.repat"):
            token.cancel()

    with pytest.raises(Cancelled):
        apply_import(hq.sup, [unknown, bundle], cancel_second, token)
    assert database_fingerprint(hq.path) == before
    assert not any((paths.data_dir() / "quarantine").glob("*"))


def test_the_progress_of_an_import_only_moves_forward_and_follows_the_records(
    replicas: dict[str, Replica], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    bundles = []
    for r, name in ((a, "a.repat"), (b, "b.repat")):
        rnd = new_round(r.officer)
        for i in range(6):
            _case(r.officer, rnd.id, f"T-{i}")
        bundles.append(_export(r.officer, tmp_path, name))
    monkeypatch.setattr("app.sync.importer.writing.WRITE_CHUNK", 2)  # several parts per table, as in a big file
    seen: list[tuple[int, int, str]] = []
    before = database_fingerprint(hq.path)
    token = CancelToken()

    def cancel_at_the_end(done: int, total: int, message: str = "") -> None:
        seen.append((done, total, message))
        if message == "Bringing the reconciliation figures up to date":
            token.cancel()

    # a cancel after every record is written, before the commit, still leaves nothing behind
    with pytest.raises(Cancelled):
        apply_import(hq.sup, bundles, cancel_at_the_end, token, trust=True)
    assert database_fingerprint(hq.path) == before

    seen.clear()
    apply_import(hq.sup, bundles, lambda *step: seen.append(step), trust=True)  # type: ignore[arg-type]
    positions = [done for done, _total, _message in seen]
    assert {total for _done, total, _message in seen} == {1000}
    assert positions == sorted(positions) and positions[0] == 0 and positions[-1] == 1000
    for name in ("a.repat", "b.repat"):  # each file's bar moves while its records are written
        writing = {done for done, _t, message in seen if message == f"{name}: Updating records"}
        assert len(writing) >= 5, (name, writing)
    assert [m for _d, _t, m in seen][-3:] == ["Bringing the reconciliation figures up to date", "Saving", "Done"]


def test_an_export_that_cannot_be_written_marks_nothing(replicas: dict[str, Replica], tmp_path: Path) -> None:
    a = replicas["KH01"]
    new_round(a.officer)
    pending = _unexported(a.db)
    with pytest.raises(ValidationError, match="does not exist"):
        export_bundle(a.officer, tmp_path / "no such folder" / "a.repat")
    assert _unexported(a.db) == pending
    export_bundle(a.officer, tmp_path / "a.repat")
    assert _unexported(a.db) == 0
    with pytest.raises(NothingToExport, match="nothing new to export"):
        export_bundle(a.officer, tmp_path / "b.repat")
    assert not (tmp_path / "b.repat").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_export_removes_what_an_interrupted_one_left_on_the_stick(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    a = replicas["KH01"]
    new_round(a.officer)
    stick = tmp_path / "stick"
    stick.mkdir()
    left = [stick / ".KH01-2026-11-20.repat.1a2b3c4d.part", stick / ".KH01-2026-11-20.repat.5e6f7a8b.enc.part"]
    writing = stick / ".KH01-2026-11-25.repat.0badcafe.part"  # another export, still being written
    theirs = [stick / ".notes.part", stick / "KH01-2026-11-20.repat", stick / ".photo.1a2b3c4d.jpg"]
    for p in [*left, writing, *theirs]:
        p.write_bytes(b"half a bundle")
    two_hours_ago = time.time() - 7200
    for p in [*left, *theirs]:
        os.utime(p, (two_hours_ago, two_hours_ago))
    export_bundle(a.officer, stick / "KH01-2026-11-25.repat")
    assert sorted(p.name for p in stick.iterdir()) == sorted(
        [writing.name, *(p.name for p in theirs), "KH01-2026-11-25.repat"]
    )


KILLED_WHILE_IMPORTING = """
    import os, signal, sys
    from app.persistence.db import open_database
    from app.services.sync.common import CAN_RESOLVE
    from app.services.sync.conflicts import list_conflicts, resolve_conflict
    from app.services.sync.devices import list_devices, revoke_device, this_device, trust_device
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import, preview_import
    from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED, STATUS_QUARANTINED, STATUS_READY
    from app.services.sync.status import list_held, receive_rounds, set_receive_rounds
    from app.services.sync.trust import list_quarantine
    from app.sync.exporter import NothingToExport
    from tests.sync.conftest import context_for

    ctx = context_for(open_database(sys.argv[1]), "HQ01", "suphq01")

    def progress(done, total, message=""):
        if message.endswith("Updating records"):  # the power goes off
            os.kill(os.getpid(), signal.SIGKILL)

    apply_import(ctx, [sys.argv[2]], progress, passphrase="wheat field", trust=True)
"""
HOLDING_A_WORKING_FOLDER = """
    import sys
    from pathlib import Path
    from app import filelock

    lock = filelock.hold(Path(sys.argv[1]) / ".in-use")
    print("held" if lock else "taken", flush=True)
    sys.stdin.read()
"""


def _python(code: str, *args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        python_command(code, *args), cwd=REPO, env=child_env(), text=True, **kw
    )


def _working_folders() -> list[Path]:
    root = paths.data_dir() / "incoming"
    return sorted(root.iterdir()) if root.exists() else []


def test_the_copies_of_an_import_cut_short_are_removed_by_the_next(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    _case(a.officer, new_round(a.officer).id, "T-1")
    sealed = export_bundle(a.officer, tmp_path / "a.repat", passphrase="wheat field").path
    before = database_fingerprint(hq.path)
    child = _python(KILLED_WHILE_IMPORTING, str(hq.path), str(sealed), stderr=subprocess.PIPE)
    assert child.wait(timeout=120) == -9, child.stderr.read() if child.stderr else ""
    (left,) = _working_folders()
    assert any(p.suffix == ".zip" for p in left.iterdir())  # the decrypted bundle, in plain
    assert database_fingerprint(hq.path) == before

    preview_import(hq.sup, [sealed], passphrase="wheat field", trust=True)
    assert _working_folders() == []


def test_a_working_folder_in_use_elsewhere_is_kept(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    _case(a.officer, new_round(a.officer).id, "T-1")
    bundle = _export(a.officer, tmp_path, "a.repat")
    root = paths.data_dir() / "incoming"
    busy, recent, old = root / "busy", root / "recent", root / "old"
    for folder in (busy, recent, old):
        folder.mkdir(parents=True)
        (folder / "copy.repat").write_bytes(b"a bundle being imported")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    holder = _python(HOLDING_A_WORKING_FOLDER, str(busy), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        preview_import(hq.sup, [bundle], trust=True)
        # another import still runs in busy; recent has no lock file yet (being made)
        assert _working_folders() == [busy, recent]
    finally:
        holder.communicate("", timeout=30)
    preview_import(hq.sup, [bundle], trust=True)
    assert _working_folders() == [recent]


def test_the_clock_moves_past_the_stamps_received(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    new_round(a.officer)
    bundle = _export(a.officer, tmp_path, "a.repat")
    with a.sup.reading() as s:
        latest = s.scalar(select(func.max(RowVersion.hlc)))
    assert latest is not None
    ms, counter, _ = latest.split("-", 2)
    future = f"{int(ms) + 3_600_000:013d}-{counter}-KH01"
    a.officer.clock.observe(future)  # the laptop's clock runs an hour ahead
    new_round(a.officer, code="R-2026-06-02")
    bundle = _export(a.officer, tmp_path, "b.repat", full=True)
    apply_import(hq.sup, [bundle], trust=True)
    assert hq.sup.clock.now() > future


def test_a_laptop_can_receive_only_its_rounds(replicas: dict[str, Replica], tmp_path: Path) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    mine = new_round(hq.sup, "R-NORTH")
    other = new_round(hq.sup, "R-SOUTH")
    _case(hq.sup, mine.id, "N-1", effects=[intake.EffectData("Годинник")])
    _case(hq.sup, other.id, "S-1", effects=[intake.EffectData("Ланцюжок")])
    bundle = _export(hq.sup, tmp_path, "hq.repat")
    assert set_receive_rounds(a.sup, ["R-NORTH"]) == ["R-NORTH"]
    assert receive_rounds(a.sup) == ["R-NORTH"]
    own = new_round(a.officer, "R-LOCAL")  # rounds made here are always received
    f = apply_import(a.sup, [bundle], trust=True).files[0]
    assert f.skipped_other_rounds > 0
    with a.sup.reading() as s:
        assert set(s.scalars(select(Round.code))) == {"R-NORTH", "R-LOCAL"}
        assert {c.sender_tag for c in s.scalars(select(Case))} == {"N-1"}
    assert own.code == "R-LOCAL"
    assert set_receive_rounds(a.sup, None) is None


def test_conflict_listing_needs_a_login_and_resolving_checks_the_value(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(hq.sup)
    made = _case(hq.sup, rnd.id, "T-3")
    apply_import(a.sup, [_export(hq.sup, tmp_path, "s.repat")], trust=True)
    case_file.update_case(a.officer, made.case_id, case_file.get_case(a.officer, made.case_id).rev, {"category": "partial"})
    case_file.update_case(hq.sup, made.case_id, case_file.get_case(hq.sup, made.case_id).rev, {"category": "fragments"})
    apply_import(hq.sup, [_export(a.officer, tmp_path, "a.repat")], trust=True)
    (c,) = list_conflicts(hq.sup)
    with pytest.raises(ValidationError, match="not a valid value here"):
        resolve_conflict(hq.sup, c.id, value="a bag of bones")
    with pytest.raises(ValidationError, match="Pick one of the values or type another"):
        resolve_conflict(hq.sup, c.id)
    done = resolve_conflict(hq.sup, c.id, value="complete")
    assert done.current == "complete"
    with pytest.raises(ValidationError, match="already resolved"):
        resolve_conflict(hq.sup, c.id, value="partial")
    with hq.sup.reading() as s:
        assert s.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open")) == 0
    assert Role.SUPERVISOR in CAN_RESOLVE


def test_a_row_the_checks_did_not_foresee_is_applied_carefully(
    replicas: dict[str, Replica], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Rows are checked before they are written, so an import writes without savepoints. Should a
    row still break a constraint (here the check for missing references is switched off), the
    transaction is rolled back and the files applied again in the careful way: same result."""
    hq, kh = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(kh.officer)
    first = export_bundle(kh.officer, tmp_path / "round.repat").path
    made = _case(kh.officer, rnd.id, "UA-1")
    second = export_bundle(kh.officer, tmp_path / "case.repat").path
    monkeypatch.setattr(Importer, "_missing_references", lambda self, info, items, fresh: {})
    # the case arrives before its round: the chain's order is set aside for that too
    def unordered(conn: object, records: list[dict[str, object]], manifest: object, label: str) -> None:
        for rec in records:
            rec["content_hash"] = chain.hash_line(chain.line_of_record(rec))

    monkeypatch.setattr(chaincheck, "check", unordered)
    with caplog.at_level("INFO", logger="app.services.sync.imports"):
        files = apply_import(hq.sup, [second], trust=True).files
    assert "applying it again carefully" in caplog.text
    assert files[0].status == STATUS_APPLIED and files[0].held > 0
    assert {(h.table, h.row_id) for h in list_held(hq.sup)} >= {("cases", made.case_id)}
    monkeypatch.undo()
    assert apply_import(hq.sup, [first]).files[0].status == STATUS_APPLIED
    assert list_held(hq.sup) == []
    with hq.db.session() as s:
        assert s.get(Case, made.case_id) is not None
