"""What happens when the world is unkind: read-only files and folders, a full disk, a second
window on the same database, and the power going off in the middle of a save.

Some checks run in a child process: as an ordinary user (the suite may run as root, which the
kernel lets write anywhere), in a private mount namespace (a tiny or read-only file system), or
to be killed without warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.domain import CustodyEventType, Role
from app.errors import DatabaseError
from app.persistence.db import Database, open_database
from app.persistence.models import Attachment, Blob, Case, Counter, CustodyEvent, PersonalEffect, RowVersion
from app.services.cases import case_file, drafts, intake, listing
from app.services.context import AppContext
from tests.children import REPO, child_env, python_command
from tests.conftest import PASSWORD, make_round

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534

DISK_FULL = "The disk is full: nothing was saved. Free some space and try again."


def read_only_file_message(path: Path) -> str:
    return (
        f"The database file {path} is read-only; Repat needs to write to it. "
        "Check the file's permissions or copy it to a folder you can write to."
    )


def read_only_folder_message(folder: Path) -> str:
    return f"The folder {folder} is read-only; Repat needs to write its database and journal there."


def _python(code: str, *args: str, as_user: int | None = None, prefix: list[str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python with this repository importable."""
    cmd = python_command(code, *args, prefix=prefix)
    kwargs: dict[str, object] = {}
    if as_user is not None:
        kwargs["user"] = as_user
        kwargs["group"] = as_user
        kwargs["extra_groups"] = []
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        cmd, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )


OPEN_AND_REPORT = """
    import sys
    from app.errors import DatabaseError
    from app.persistence.db import open_database
    try:
        db = open_database(sys.argv[1])
    except DatabaseError as exc:
        print("REFUSED", exc)
    else:
        db.close()
        print("OPENED")
"""


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private temporary tree, reachable by an ordinary user."""
    folder = Path(tempfile.mkdtemp(prefix="repat-faults-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _copy_template(template: Path, target: Path, mode: int = 0o644) -> Path:
    shutil.copyfile(template, target)
    target.chmod(mode)
    return target


# --- read-only file and folder ------------------------------------------------------------------


def test_read_only_database_file_is_refused_and_not_modified(sqlite_template: Path, tmp_path: Path) -> None:
    path = _copy_template(sqlite_template, tmp_path / "repat.sqlite3", 0o444)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert str(err.value) == read_only_file_message(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repat.sqlite3"]


def test_read_only_folder_is_refused(sqlite_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    existing = _copy_template(sqlite_template, folder / "repat.sqlite3")
    folder.chmod(0o555)
    try:
        for target in (existing, folder / "new.sqlite3"):
            with pytest.raises(DatabaseError) as err:
                open_database(target)
            assert str(err.value) == read_only_folder_message(folder)
        assert sorted(p.name for p in folder.iterdir()) == ["repat.sqlite3"]
    finally:
        folder.chmod(0o755)


def test_writable_file_and_folder_open_normally(sqlite_template: Path, tmp_path: Path) -> None:
    """The read-only checks do not refuse an ordinary database (and leave no probe behind)."""
    path = _copy_template(sqlite_template, tmp_path / "repat.sqlite3")
    open_database(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repat.sqlite3"]


def _unprivileged() -> dict[str, object]:
    """How to run a child without the superuser's power to write anywhere: as ``nobody`` when
    that user can run this Python, else as root stripped of every capability (the kernel then
    enforces permission bits on root as on anyone)."""
    probe = subprocess.run([sys.executable, "-c", "pass"], user=NOBODY, group=NOBODY, extra_groups=[],
                           capture_output=True, check=False) if _can_exec_as_nobody() else None
    if probe is not None and probe.returncode == 0:
        return {"as_user": NOBODY}
    if shutil.which("setpriv") is None:
        pytest.skip("cannot drop privileges: no ordinary user can run this Python and setpriv is missing")
    return {"prefix": ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]}


def _can_exec_as_nobody() -> bool:
    """Every folder on the way to the interpreter must be searchable by others."""
    return all(folder.stat().st_mode & 0o001 for folder in Path(sys.executable).resolve().parents)


@pytest.mark.skipif(not IS_ROOT, reason="needs root to switch to an ordinary user")
def test_read_only_checks_as_an_ordinary_user(sqlite_template: Path, shared_dir: Path) -> None:
    ro_file_dir = shared_dir / "ro-file"
    ro_file_dir.mkdir(mode=0o777)
    ro_file_dir.chmod(0o777)
    ro_file = _copy_template(sqlite_template, ro_file_dir / "repat.sqlite3", 0o444)

    ro_folder = shared_dir / "ro-folder"
    ro_folder.mkdir()
    ro_folder_db = _copy_template(sqlite_template, ro_folder / "repat.sqlite3", 0o666)
    ro_folder.chmod(0o555)

    ok_dir = shared_dir / "ok"
    ok_dir.mkdir()
    ok_dir.chmod(0o777)
    ok_db = _copy_template(sqlite_template, ok_dir / "repat.sqlite3", 0o666)

    how = _unprivileged()
    results = {
        name: _python(OPEN_AND_REPORT, str(target), **how)  # type: ignore[arg-type]
        for name, target in [("ro_file", ro_file), ("ro_folder", ro_folder_db), ("ok", ok_db)]
    }
    for name, res in results.items():
        assert res.returncode == 0, (name, res.stderr)
    assert results["ro_file"].stdout.strip() == "REFUSED " + read_only_file_message(ro_file)
    assert results["ro_folder"].stdout.strip() == "REFUSED " + read_only_folder_message(ro_folder)
    assert results["ok"].stdout.strip() == "OPENED"


# --- file systems that are read-only or full (private mount namespace) ----------------------------

IN_TINY_FILESYSTEM = """
    import json, os, shutil, subprocess, sys
    from app.domain import Role
    from app.errors import DatabaseError
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import intake, listing
    from app.services.rounds import rounds
    import datetime

    template, mount = sys.argv[1], sys.argv[2]
    mount_tmpfs(mount, "6m")
    out = {}
    path = os.path.join(mount, "repat.sqlite3")
    shutil.copyfile(template, path)

    # 1. a read-only file system: refused before anything is written
    subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
    try:
        open_database(path)
        out["read_only_mount"] = "OPENED"
    except DatabaseError as exc:
        out["read_only_mount"] = str(exc)
    subprocess.run(["mount", "-o", "remount,rw", mount], check=True)

    # 2. a disk that fills up during a save
    db = open_database(path)
    sup = accounts.initialize(db, device_code="KH01", device_name="", username="olena",
                              full_name="Olena", password="correct horse")
    rnd = rounds.create_round(sup, rounds.RoundData(code="R1", round_date=datetime.date(2026, 6, 1)))
    saved = [intake.record_intake(sup, intake.IntakeData(round_id=rnd.id, sender_tag=f"T-{i}")).case_number
             for i in range(5)]
    filler = os.path.join(mount, "filler")
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(b"\\0" * 65536)
                fh.flush()
        except OSError:
            pass
    photo = intake.PhotoData("bag.jpg", os.urandom(1024 * 1024))
    try:
        intake.record_intake(sup, intake.IntakeData(round_id=rnd.id, sender_tag="T-big", photos=[photo]))
        out["full"] = "SAVED"
    except DatabaseError as exc:
        out["full"] = str(exc)
    out["after_full"] = [r.case_number for r in listing.list_cases(sup, listing.CaseQuery()).rows]
    os.remove(filler)
    again = intake.record_intake(sup, intake.IntakeData(round_id=rnd.id, sender_tag="T-big", photos=[photo]))
    out["after_freeing"] = again.case_number
    out["saved"] = saved
    with db.engine.connect() as conn:
        out["integrity"] = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
    db.close()
    print(json.dumps(out))
"""


MOUNT_TMPFS = """
    def mount_tmpfs(folder, size):
        \"\"\"A file system of ``size`` at ``folder`` (the test skips when it cannot be mounted).\"\"\"
        import json, os, subprocess, sys
        os.makedirs(folder, exist_ok=True)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder]).returncode:
            print(json.dumps({"skip": "cannot mount a tmpfs"}))
            sys.exit(0)
"""


def _in_private_mounts(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a child with a mount namespace of its own (``mount_tmpfs(folder, size)``
    mounts what it needs) and return the JSON object it prints last; skips when this machine
    allows no such namespace."""
    res = _python(MOUNT_TMPFS + code, *args, prefix=["unshare", "--mount", "--propagation", "private"])
    if res.returncode != 0 and "unshare failed" in res.stderr:
        pytest.skip("no permission for a private mount namespace")
    assert res.returncode == 0, res.stderr
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    if "skip" in out:
        pytest.skip(out["skip"])
    return out


@pytest.mark.skipif(not IS_ROOT or shutil.which("unshare") is None, reason="needs root and unshare to mount")
def test_read_only_mount_and_a_really_full_disk(sqlite_template: Path, tmp_path: Path) -> None:
    out = _in_private_mounts(IN_TINY_FILESYSTEM, str(sqlite_template), str(tmp_path / "mnt"))
    mounted = tmp_path / "mnt" / "repat.sqlite3"
    assert out["read_only_mount"] == read_only_file_message(mounted)
    assert out["full"] == DISK_FULL
    assert out["after_full"] == out["saved"]  # nothing half-saved, nothing lost
    # the failed save used no case number: the next one follows on
    assert out["after_freeing"] == out["saved"][-1][:-5] + f"{len(out['saved']) + 1:05d}"
    assert out["integrity"] == "ok"


EXPORT_TO_A_FULL_STICK = """
    import json, os, shutil, subprocess, sys, datetime
    from app.errors import RepatError
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import intake
    from app.services.rounds import rounds
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import
    from app.services.sync.trust import list_quarantine
    from app.sync.exporter import count_unexported

    template, stick, roomy = sys.argv[1], sys.argv[2], sys.argv[3]
    mount_tmpfs(stick, "256k")
    path = os.path.join(roomy, "repat.sqlite3")
    shutil.copyfile(template, path)
    db = open_database(path)
    sup = accounts.initialize(db, device_code="KH01", device_name="", username="olena",
                              full_name="Olena", password="correct horse")
    rnd = rounds.create_round(sup, rounds.RoundData(code="R1", round_date=datetime.date(2026, 6, 1)))
    photo = intake.PhotoData("bag.jpg", b"\\xff\\xd8" + os.urandom(1024 * 1024))
    intake.record_intake(sup, intake.IntakeData(round_id=rnd.id, sender_tag="T-1", photos=[photo]))

    def unexported():
        with db.engine.connect() as conn:
            return count_unexported(conn)

    out = {"before": unexported()}
    target = os.path.join(stick, "KH01.repat")
    try:
        export_bundle(sup, target)
        out["full"] = "WRITTEN"
    except RepatError as exc:
        out["full"] = str(exc)
    out["left_on_stick"] = sorted(os.listdir(stick))
    out["after_full"] = unexported()
    written = export_bundle(sup, os.path.join(roomy, "KH01.repat"))
    out["written"] = written.versions
    out["after_written"] = unexported()
    db.close()
    print(json.dumps(out))
"""


QUARANTINE_ON_A_FULL_DISK = """
    import json, os, subprocess, sys, datetime
    from pathlib import Path
    data, roomy = sys.argv[1], sys.argv[2]
    mount_tmpfs(data, "512k")  # no room for the working copy of the bundle
    os.environ["REPAT_DATA_DIR"] = data
    from app.errors import RepatError
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import intake
    from app.services.rounds import rounds
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import
    from app.services.sync.trust import list_quarantine

    def setup(code):
        db = open_database(os.path.join(roomy, code + ".sqlite3"))
        return accounts.initialize(db, device_code=code, device_name="", username="sup" + code.lower(),
                                   full_name="Olena", password="correct horse")

    hq, kh = setup("HQ01"), setup("KH01")
    rnd = rounds.create_round(kh, rounds.RoundData(code="R1", round_date=datetime.date(2026, 6, 1)))
    photo = intake.PhotoData("bag.jpg", b"\\xff\\xd8" + os.urandom(1024 * 1024))
    intake.record_intake(kh, intake.IntakeData(round_id=rnd.id, sender_tag="T-1", photos=[photo]))
    bundle = export_bundle(kh, os.path.join(roomy, "KH01.repat")).path
    sealed = export_bundle(kh, os.path.join(roomy, "KH01-sealed.repat"), full=True, passphrase="wheat field").path
    out = {"no_room": apply_import(hq, [bundle]).files[0].message}
    # room for the working copy, not for a second copy in quarantine
    subprocess.run(["mount", "-o", "remount,size=1600k", data], check=True)
    try:
        apply_import(hq, [bundle])
        out["full"] = "HELD"
    except RepatError as exc:
        out["full"] = str(exc)
    # room for the working copy, not for the decrypted one
    out["no_room_to_decrypt"] = apply_import(hq, [sealed], passphrase="wheat field").files[0].message
    out["held_after_full"] = len(list_quarantine(hq))
    out["left_in_data"] = sorted(  # copies of the bundle, whole or decrypted
        str(p.relative_to(data)) for p in Path(data).rglob("*") if p.suffix in (".repat", ".zip")
    )
    subprocess.run(["mount", "-o", "remount,size=8m", data], check=True)
    out["status_with_room"] = apply_import(hq, [bundle]).files[0].status
    out["held_with_room"] = len(list_quarantine(hq))
    print(json.dumps(out))
"""


@pytest.mark.skipif(not IS_ROOT or shutil.which("unshare") is None, reason="needs root and unshare to mount")
def test_a_bundle_that_cannot_be_kept_in_quarantine_changes_nothing(tmp_path: Path) -> None:
    out = _in_private_mounts(QUARANTINE_ON_A_FULL_DISK, str(tmp_path / "data"), str(tmp_path))
    assert out["no_room"] == "Cannot copy KH01.repat to this computer: the disk is full."
    assert out["no_room_to_decrypt"] == "Cannot copy KH01-sealed.repat to this computer: the disk is full."
    assert out["full"] == "Cannot keep a copy of KH01.repat in quarantine: the disk is full; nothing was imported."
    assert out["held_after_full"] == 0 and out["left_in_data"] == []
    assert out["status_with_room"] == "quarantined" and out["held_with_room"] == 1


@pytest.mark.skipif(not IS_ROOT or shutil.which("unshare") is None, reason="needs root and unshare to mount")
def test_an_export_to_a_full_stick_marks_nothing_and_says_so(sqlite_template: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    out = _in_private_mounts(EXPORT_TO_A_FULL_STICK, str(sqlite_template), str(stick), str(tmp_path))
    assert out["full"] == f"Cannot write {stick / 'KH01.repat'}: the disk is full; nothing was marked as exported."
    assert out["left_on_stick"] == []  # no half file, no temporary file
    assert out["after_full"] == out["before"] > 0
    # the same changes go out whole in the next bundle
    assert out["written"] == out["before"] and out["after_written"] == 0


# --- a full disk, in process (SQLite's page limit) ---------------------------------------------


def _limit_pages(database: Database, extra_pages: int) -> Callable[[sqlite3.Connection, object], None]:
    """From now on every connection may grow the file by ``extra_pages`` pages at most, as on a
    disk with that little room left: writes beyond fail with SQLITE_FULL."""
    with database.engine.connect() as conn:
        limit = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0) + extra_pages

    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(database.engine, "connect", on_connect)
    database.engine.dispose()
    return on_connect


def _counts(database: Database) -> dict[str, int]:
    with database.session() as s:
        return {
            model.__name__: int(s.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Case, CustodyEvent, PersonalEffect, Attachment, Blob, RowVersion)
        }


def test_disk_full_during_a_save_rolls_back_and_keeps_what_was_saved(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    saved = [
        intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag=f"T-{i}", claimed_name="Ґудзь"))
        for i in range(5)
    ]
    drafts.save_draft(officer, {"sender_tag": "T-big", "notes": "half typed"})
    before = _counts(sqlite_db)
    with sqlite_db.session() as s:
        counter_before = s.scalar(select(Counter.value))

    limiter = _limit_pages(sqlite_db, extra_pages=3)
    big = intake.IntakeData(
        round_id=rnd.id, sender_tag="T-big",
        effects=[intake.EffectData("wallet"), intake.EffectData("phone", category="phone")],
        photos=[intake.PhotoData("bag.jpg", os.urandom(512 * 1024))],
    )
    with pytest.raises(DatabaseError) as err:
        intake.record_intake(officer, big)
    assert str(err.value) == DISK_FULL

    # the whole transaction was rolled back; earlier cases and the draft are untouched
    assert _counts(sqlite_db) == before
    with sqlite_db.session() as s:
        assert s.scalar(select(Counter.value)) == counter_before
    page = listing.list_cases(officer, listing.CaseQuery())
    assert [r.case_number for r in page.rows] == [s.case_number for s in saved]
    assert drafts.load_draft(officer) == {"sender_tag": "T-big", "notes": "half typed"}
    for s in saved:
        assert case_file.get_case(officer, s.case_id).custody[0].event_type == CustodyEventType.RECEIVED.value

    # with room again, the same save succeeds and takes the next number
    event.remove(sqlite_db.engine, "connect", limiter)
    sqlite_db.engine.dispose()
    res = intake.record_intake(officer, big)
    assert res.case_number == saved[-1].case_number[:-5] + "00006"
    assert drafts.load_draft(officer) is None
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


# --- a second window on the same database ------------------------------------------------------

TRY_LOCK = """
    import sys
    from app.errors import DatabaseError
    from app.persistence.db import open_database
    db = open_database(sys.argv[1])
    try:
        db.acquire_instance_lock()
    except DatabaseError as exc:
        print("REFUSED", exc)
    else:
        print("LOCKED")
    finally:
        db.close()
"""


def test_a_second_instance_is_refused_while_the_first_runs(sqlite_db: Database) -> None:
    path = sqlite_db.path
    assert path is not None
    sqlite_db.acquire_instance_lock()
    res = _python(TRY_LOCK, str(path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == (
        f"REFUSED Repat is already open on this database ({path}). Switch to that window, or close it first."
    )
    sqlite_db.close()  # the first window closes: the lock goes with it
    res = _python(TRY_LOCK, str(path))
    assert res.stdout.strip() == "LOCKED", res.stderr


def test_the_lock_of_a_killed_instance_does_not_block_the_next(sqlite_db: Database) -> None:
    path = sqlite_db.path
    assert path is not None
    sqlite_db.close()
    holder = subprocess.Popen(
        python_command("""
            import sys, time
            from app.persistence.db import open_database
            db = open_database(sys.argv[1]); db.acquire_instance_lock()
            print("HOLDING", flush=True); time.sleep(60)
        """, str(path)),
        cwd=REPO, env=child_env(), stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "HOLDING"
        assert _python(TRY_LOCK, str(path)).stdout.startswith("REFUSED")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert _python(TRY_LOCK, str(path)).stdout.strip() == "LOCKED"


# --- the power goes off during a save ----------------------------------------------------------

SAVE_FOREVER = """
    import os, sys
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import intake
    db = open_database(sys.argv[1])
    ctx = accounts.login(db, "ivan", sys.argv[3])
    i = int(sys.argv[4])
    while True:
        data = intake.IntakeData(
            round_id=sys.argv[2], sender_tag=f"PC-{i}", claimed_name=f"Ґудзь Євгенія {i}",
            effects=[intake.EffectData(f"item {k}") for k in range(i % 4)],
            photos=[intake.PhotoData(f"p{i}.jpg", os.urandom(48 * 1024))] if i % 3 == 0 else [],
        )
        res = intake.record_intake(ctx, data)
        print(res.case_number, flush=True)  # only after the commit returned
        i += 1
"""


def _kill_while_saving(path: Path, round_id: str, start: int, rng: random.Random) -> list[str]:
    proc = subprocess.Popen(
        python_command(SAVE_FOREVER, str(path), round_id, PASSWORD, str(start)),
        cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    committed: list[str] = []
    assert proc.stdout is not None
    try:
        target = rng.randint(8, 25)
        while len(committed) < target:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the saving process ended early: {proc.stderr.read() if proc.stderr else ''}")
            committed.append(line.strip())
        time.sleep(rng.uniform(0, 0.03))  # somewhere inside the next save
    finally:
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
    committed += [line.strip() for line in rest.splitlines() if line.strip()]
    return committed


@pytest.mark.slow
def test_power_cut_during_saves_leaves_only_complete_cases(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    rnd = make_round(sqlite_contexts[Role.FIELD_OFFICER])
    path = sqlite_db.path
    assert path is not None
    sqlite_db.close()
    rng = random.Random(20260601)
    committed: list[str] = []
    for _ in range(4):
        committed += _kill_while_saving(path, rnd.id, len(committed) + 1000, rng)

        reopened = open_database(path)  # recovery happens on open, as after a real power cut
        try:
            with reopened.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            with reopened.session() as s:
                stored = {c.case_number: c for c in s.scalars(select(Case))}
                # every save that reported success is there ...
                assert set(committed) <= set(stored)
                # ... and at most the one in flight when the power went off also made it, complete
                assert len(stored) - len(committed) in (0, 1)
                numbers = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
                assert numbers == list(range(1, len(stored) + 1))  # no gap, no number used twice
                for case in stored.values():
                    _assert_complete(s, case)
        finally:
            reopened.close()
        # the in-flight save that made it counts as committed for the next round of kills
        with contextlib.closing(sqlite3.connect(path)) as conn:
            committed = [r[0] for r in conn.execute("SELECT case_number FROM cases ORDER BY case_number")]


def _assert_complete(s: object, case: Case) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    events = s.scalars(select(CustodyEvent).where(CustodyEvent.case_id == case.id)).all()
    assert [e.event_type for e in events] == [CustodyEventType.RECEIVED.value], case.case_number
    i = int(case.sender_tag.split("-")[1])
    effects = s.scalars(select(PersonalEffect).where(PersonalEffect.case_id == case.id)).all()
    assert len(effects) == i % 4, case.case_number
    photos = s.scalars(select(Attachment).where(Attachment.case_id == case.id)).all()
    assert len(photos) == (1 if i % 3 == 0 else 0), case.case_number
    for photo in photos:
        blob = s.get(Blob, photo.sha256)
        assert blob is not None and len(blob.data) == photo.size
    for row in [case, *events, *effects, *photos]:
        version = s.scalar(select(RowVersion).where(RowVersion.version_id == row.head_version))
        assert version is not None, f"{type(row).__name__} of {case.case_number} has no version"
        assert version.row_id == row.id
