"""Bad input: each file is refused with one sentence and the database is left exactly as it was."""

from __future__ import annotations

import base64
import json
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from app import paths
from app.persistence.models import LocalSetting
from app.services.admin import accounts
from app.services.cases import intake, listing
from app.services.sync.devices import hq_public_key_pem
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import, preview_import
from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED, STATUS_REFUSED
from app.services.sync.trust import list_quarantine
from app.sync import crypto
from app.sync.bundle.members import FORMAT_VERSION
from tests.sync.conftest import Replica, database_fingerprint, new_round


@pytest.fixture
def world(replicas: dict[str, Replica], tmp_path: Path) -> tuple[Replica, Replica, Path]:
    """The headquarters (which trusts KH01) and KH01 with a valid bundle of a round and two cases."""
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(a.officer)
    for tag in ("T-1", "T-2"):
        intake.record_intake(a.officer, intake.IntakeData(round_id=rnd.id, sender_tag=tag))
    good = export_bundle(a.officer, tmp_path / "good.repat").path
    first = export_bundle(a.officer, tmp_path / "seed.repat", full=True).path
    apply_import(hq.sup, [first], trust=True)  # KH01 is trusted from now on
    return hq, a, good


def _refused(hq: Replica, path: Path, message: str, **kw: object) -> None:
    before = database_fingerprint(hq.path)
    (f,) = apply_import(hq.sup, [path], **kw).files  # type: ignore[arg-type]
    assert f.status == STATUS_REFUSED
    assert f.message == message
    assert database_fingerprint(hq.path) == before
    assert list_quarantine(hq.sup) == []
    assert not any((paths.data_dir() / "incoming").glob("*/*"))


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _private_key(replica: Replica) -> str:
    with replica.db.session() as s:
        setting = s.get(LocalSetting, accounts.SETTING_PRIVATE_KEY)
        assert setting is not None
        return setting.value


def test_a_truncated_file(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    cut = tmp_path / "cut.repat"
    data = good.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    _refused(hq, cut, "cut.repat is incomplete or damaged (it may have been cut short while copying); "
                      "ask for the file again.")


def test_a_wrong_signature(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    members = _members(good)
    other = crypto.new_x25519_private_b64()  # any other key: 32 random bytes
    members["manifest.sig"] = crypto.sign(other, members["manifest.json"])
    _refused(hq, _write_zip(tmp_path / "forged.repat", members),
             "The signature of forged.repat is not valid: the file was altered after it was signed, or signed "
             "with another key; it was refused.")


def test_a_manifest_changed_after_signing(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    members = _members(good)
    manifest = json.loads(members["manifest.json"])
    manifest["created_by"] = "someone else"
    members["manifest.json"] = json.dumps(manifest).encode()
    _refused(hq, _write_zip(tmp_path / "edited.repat", members),
             "The signature of edited.repat is not valid: the file was altered after it was signed, or signed "
             "with another key; it was refused.")


def test_a_member_changed_after_signing(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    members = _members(good)
    members["versions.jsonl"] = members["versions.jsonl"].replace(b"T-1", b"T-9")  # same size, other bytes
    _refused(hq, _write_zip(tmp_path / "changed.repat", members),
             "versions.jsonl in changed.repat was changed after the bundle was signed; it was refused.")


def test_a_member_added_after_signing(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    members = _members(good)
    data = b"not a photo at all"
    import hashlib

    members["blobs/" + hashlib.sha256(data).hexdigest()] = data
    _refused(hq, _write_zip(tmp_path / "added.repat", members),
             "added.repat contains a member the signed manifest does not list "
             f"(blobs/{hashlib.sha256(data).hexdigest()}); it was refused.")


def test_a_bundle_replayed_after_a_newer_one(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, a, good = world
    apply_import(hq.sup, [good])
    rnd_id = listing.list_cases(a.officer, listing.CaseQuery()).rows[0].id
    assert rnd_id
    new_round(a.officer, "R-LATER")
    newer = export_bundle(a.officer, tmp_path / "newer.repat").path
    apply_import(hq.sup, [newer])
    before = database_fingerprint(hq.path)
    (f,) = apply_import(hq.sup, [good]).files
    assert f.status == STATUS_ALREADY
    assert f.message.startswith("good.repat (from KH01, changes ")
    assert "is older than a bundle already imported from KH01" in f.message
    assert f.message.endswith("; nothing was changed.")
    assert database_fingerprint(hq.path) == before


def test_a_newer_format_version(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, a, good = world
    members = _members(good)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = FORMAT_VERSION + 1
    members["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    members["manifest.sig"] = crypto.sign(_private_key(a), members["manifest.json"])  # properly signed
    _refused(hq, _write_zip(tmp_path / "future.repat", members),
             f"future.repat was made by a newer version of Repat (bundle format {FORMAT_VERSION + 1}); "
                 "install that version to import it.")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.repat", b"Minutes of the handover meeting\n" * 40),
        ("scan.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8),
        ("photos.zip", None),
        ("empty.repat", b""),
    ],
)
def test_a_file_that_is_not_a_bundle(world: tuple[Replica, Replica, Path], tmp_path: Path, name: str,
                                     content: bytes | None) -> None:
    hq, _, _ = world
    path = tmp_path / name
    if content is None:  # an ordinary ZIP is not a bundle: it lacks the signed manifest
        _write_zip(path, {"readme.txt": b"hello"})
        message = f"{name} is not a Repat export bundle."
    elif not content:
        path.write_bytes(content)
        message = f"{name} is empty; it is not a Repat export bundle."
    else:
        path.write_bytes(content)
        message = f"{name} is not a Repat export bundle."
    _refused(hq, path, message)


def test_a_member_named_to_climb_out_of_the_folder(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, _, good = world
    members = _members(good)
    members["../../x"] = b"gotcha"
    _refused(hq, _write_zip(tmp_path / "climb.repat", members),
             "climb.repat contains an unsafe file name ('../../x'); it was refused.")
    for name in ("/etc/passwd", "blobs\\..\\x", "C:/x"):
        members = {**_members(good), name: b"x"}
        before = database_fingerprint(hq.path)
        (f,) = apply_import(hq.sup, [_write_zip(tmp_path / "odd.repat", members)]).files
        assert f.status == STATUS_REFUSED and "unsafe file name" in f.message
        assert database_fingerprint(hq.path) == before


def _zip_bytes(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP written by hand: (name, stored bytes, method, crc, declared size) per member."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in entries:
        offset = len(out)
        raw_name = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data), size, len(raw_name), 0)
        out += raw_name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(data), size,
                               len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def test_a_member_that_inflates_far_beyond_its_stated_size(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    """A zip bomb that lies: it says 1 KB, and its stream would inflate to 4 GB. The stream is
    made of repeated copies of one compressed block, so the test never holds the gigabytes."""
    hq, _, good = world
    members = _members(good)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(b"\x00" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    stream = first * 4096 + c.flush()  # 4 GiB of zeros when inflated
    assert len(stream) < 20 * 1024 * 1024
    entries = [(name, data, 0, zlib.crc32(data), len(data)) for name, data in members.items() if name != "versions.jsonl"]
    real = members["versions.jsonl"]
    entries.append(("versions.jsonl", stream, 8, zlib.crc32(real), len(real)))
    bomb = tmp_path / "bomb.repat"
    bomb.write_bytes(_zip_bytes(entries))
    _refused(hq, bomb, "bomb.repat contains a member that inflates far beyond its stated size (a possible zip bomb); "
                       "it was refused.")


def test_a_member_compressed_suspiciously_well(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    """An honest bomb: it states its size (60 MB of zeros in 60 KB), which no photo does."""
    hq, _, good = world
    members = _members(good)
    zeros = b"\x00" * (60 * 1024 * 1024)
    name = "blobs/" + __import__("hashlib").sha256(zeros).hexdigest()
    entries = [(n, d, 0, zlib.crc32(d), len(d)) for n, d in members.items()]
    entries.append((name, _deflate(zeros), 8, zlib.crc32(zeros), len(zeros)))
    del zeros
    path = tmp_path / "dense.repat"
    path.write_bytes(_zip_bytes(entries))
    _refused(hq, path, "dense.repat contains a member that inflates far beyond its stated size (a possible zip bomb); "
                       "it was refused.")


def test_a_wrong_passphrase_and_a_missing_hq_key(world: tuple[Replica, Replica, Path], tmp_path: Path) -> None:
    hq, a, _ = world
    new_round(a.officer, "R-SECRET")
    sealed = export_bundle(a.officer, tmp_path / "sealed.repat", passphrase="correct horse battery").path
    assert sealed.read_bytes()[:8] == b"REPATENC" and b"R-SECRET" not in sealed.read_bytes()
    _refused(hq, sealed, "sealed.repat: The passphrase is wrong; nothing was imported.", passphrase="wrong horse")
    _refused(hq, sealed, "sealed.repat: The bundle is encrypted with a passphrase; give the passphrase to import it.")
    cut = tmp_path / "sealed-cut.repat"
    cut.write_bytes(sealed.read_bytes()[:-100])
    _refused(hq, cut, "sealed-cut.repat: The encrypted file is incomplete (it may have been cut short while copying); "
                      "ask for it again.", passphrase="correct horse battery")
    (f,) = apply_import(hq.sup, [sealed], passphrase="correct horse battery").files
    assert f.status == STATUS_APPLIED and f.encrypted and f.new == 1

    # for the headquarters' key: only the database holding its private half can open it
    key_file = tmp_path / "hq.pem"
    key_file.write_bytes(hq_public_key_pem(hq.sup))
    assert hq_public_key_pem(hq.sup) == key_file.read_bytes()  # made once, then kept
    new_round(a.officer, "R-SECRET-2")
    for_hq = export_bundle(a.officer, tmp_path / "for-hq.repat", hq_key_file=key_file).path
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(for_hq, other / "for-hq.repat")
    laptop_view = preview_import(a.sup, [other / "for-hq.repat"])  # a laptop cannot open it
    assert laptop_view[0].message == ("for-hq.repat: The bundle is encrypted for the headquarters' key, which this "
                                      "database does not hold.")
    (f,) = apply_import(hq.sup, [for_hq]).files
    assert f.status == STATUS_APPLIED and f.new == 1


def test_keys_round_trip() -> None:
    private = crypto.new_x25519_private_b64()
    pem = crypto.x25519_public_pem(crypto.x25519_public_of(private))
    assert crypto.load_x25519_public_pem(pem)
    with pytest.raises(crypto.CryptoError, match="not a headquarters public key"):
        crypto.load_x25519_public_pem(b"-----BEGIN NONSENSE-----")
    raw = base64.b64encode(b"\x01" * 32).decode()
    assert crypto.fingerprint(raw) == accounts.fingerprint(raw)
