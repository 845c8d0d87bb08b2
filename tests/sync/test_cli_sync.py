"""The export, import, devices, conflicts, duplicates and keys commands, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.cases import case_file, intake
from app.services.sync.devices import this_device
from app.services.sync.export import export_bundle
from tests.conftest import PASSWORD
from tests.sync.conftest import Replica, database_fingerprint, new_round


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)


def test_a_day_through_the_command_line(replicas: dict[str, Replica], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    hq, a, b = replicas["HQ01"], replicas["KH01"], replicas["KH02"]
    H, A, B = str(hq.path), str(a.path), str(b.path)
    rnd = new_round(hq.sup)
    made = intake.record_intake(hq.sup, intake.IntakeData(round_id=rnd.id, sender_tag="T-1"))

    code, out, err = run(capsys, "export", "--db", H, "--user", "suphq01", "--out", str(tmp_path / "hq.repat"))
    assert code == 0, err
    assert out.startswith(f"Wrote {tmp_path / 'hq.repat'}: ") and "Signed by HQ01, key fingerprint " in out
    # an officer cannot trust a device; the laptop's supervisor can
    code, out, err = run(capsys, "import", str(tmp_path / "hq.repat"), "--db", A, "--user", "offkh01", "--trust")
    assert code == 1 and err.startswith("repat: Your role (field officer) may not do this")
    for db in (A, B):
        code, out, err = run(capsys, "import", str(tmp_path / "hq.repat"), "--db", db, "--user",
                             f"sup{Path(db).stem.lower()}", "--trust")
        assert code == 0, err
        assert out.startswith("hq.repat from HQ01: imported ")

    # concurrent edits on both laptops, exported encrypted and plain
    for r, place in ((a, "Shelf A"), (b, "Shelf B")):
        case_file.update_case(r.officer, made.case_id, case_file.get_case(r.officer, made.case_id).rev,
                          {"storage_location": place})
    second = intake.record_intake(b.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-1"), confirm_duplicate=True)
    monkeypatch.setenv("BUNDLE_PASS", "a long passphrase")
    code, out, err = run(capsys, "export", "--db", A, "--user", "offkh01", "--out", str(tmp_path / "a.repat"),
                         "--passphrase-env", "BUNDLE_PASS")
    assert code == 0 and "encrypted" in out, err
    code, out, err = run(capsys, "export", "--db", B, "--user", "offkh02", "--out", str(tmp_path / "b.repat"))
    assert code == 0, err

    # the headquarters: dry run, then the import; a laptop it does not know yet is held
    before = database_fingerprint(hq.path)
    code, out, err = run(capsys, "import", "--dry-run", str(tmp_path / "a.repat"), str(tmp_path / "b.repat"),
                         "--db", H, "--user", "suphq01", "--passphrase-env", "BUNDLE_PASS")
    assert code == 0, err
    assert out.count("held in quarantine") == 2
    assert database_fingerprint(hq.path) == before
    code, out, err = run(capsys, "import", str(tmp_path / "a.repat"), "--db", H, "--user", "suphq01",
                         "--passphrase-env", "BUNDLE_PASS")
    assert code == 0 and "held in quarantine" in out
    code, out, err = run(capsys, "devices", "quarantine", "--db", H, "--format", "json")
    assert [q["device_code"] for q in json.loads(out)] == ["KH01"]
    code, out, err = run(capsys, "devices", "list", "--db", H, "--format", "json")
    listed = {d["code"]: d for d in json.loads(out)}
    assert listed["HQ01"]["status"] == "this device" and listed["KH01"]["status"] == "unknown"
    assert listed["KH01"]["held_bundles"] == 1
    code, out, err = run(capsys, "devices", "show", "--db", A)
    fingerprint = this_device(a.sup).fingerprint
    assert out.splitlines()[1] == f"Key fingerprint: {fingerprint}"
    code, out, err = run(capsys, "devices", "trust", "KH01", "--fingerprint", fingerprint, "--import-held",
                         "--db", H, "--user", "suphq01")
    assert code == 0, err
    assert out.splitlines()[0] == f"KH01 is trusted (key fingerprint {fingerprint})."
    code, out, err = run(capsys, "import", str(tmp_path / "b.repat"), "--db", H, "--user", "suphq01", "--trust")
    assert code == 0 and "1 conflict" in out, out

    # the conflict, listed and resolved by its number
    code, out, err = run(capsys, "conflicts", "list", "--db", H, "--format", "json")
    (c,) = json.loads(out)
    assert c["field"] == "storage_location" and c["record"] == made.case_number
    assert {x["value"] for x in c["candidates"]} == {"Shelf A", "Shelf B"}
    code, out, err = run(capsys, "conflicts", "list", "--db", H)
    assert "1) Shelf " in out and "2) Shelf " in out
    wanted = c["candidates"][0]["value"]
    code, out, err = run(capsys, "conflicts", "resolve", c["id"][:6], "--pick", "1", "--db", H, "--user", "suphq01")
    assert code == 0 and out == f"Resolved: {made.case_number} storage_location = {wanted}.\n", err
    code, out, err = run(capsys, "conflicts", "list", "--db", H, "--format", "json")
    assert json.loads(out) == []

    # the probable duplicate: the same tag received on the laptop again
    code, out, err = run(capsys, "duplicates", "list", "--db", H, "--format", "json")
    (d,) = json.loads(out)
    assert {d["a"], d["b"]} == {made.case_number, second.case_number} and d["reasons"] == "same tag"
    code, out, err = run(capsys, "duplicates", "link", d["id"][:8], "--note", "one body", "--db", H, "--user", "suphq01")
    assert code == 0 and out.startswith("Linked "), err
    code, out, err = run(capsys, "duplicates", "list", "--all", "--db", H, "--format", "json")
    assert [x["status"] for x in json.loads(out)] == ["linked"]

    # keys
    code, out, err = run(capsys, "keys", "hq-public", "--out", str(tmp_path / "hq.pem"), "--db", H, "--user", "suphq01")
    assert code == 0 and (tmp_path / "hq.pem").read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    code, out, err = run(capsys, "export", "--db", A, "--user", "offkh01", "--out", str(tmp_path / "a2.repat"),
                         "--to-hq-key", str(tmp_path / "hq.pem"), "--full")
    assert code == 0, err
    code, out, err = run(capsys, "import", str(tmp_path / "a2.repat"), "--db", H, "--user", "suphq01")
    assert code == 0 and "from KH01" in out, err
    code, out, err = run(capsys, "keys", "device-public", "--out", str(tmp_path / "kh01.pem"), "--db", A)
    assert code == 0 and f"fingerprint {fingerprint}" in out


def test_refusals_are_one_sentence_with_a_failing_exit_code(replicas: dict[str, Replica], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    hq = replicas["HQ01"]
    junk = tmp_path / "junk.repat"
    junk.write_text("not a bundle")
    code, out, err = run(capsys, "import", str(junk), "--db", str(hq.path), "--user", "suphq01")
    assert code == 1 and out == ""
    assert err == "repat: junk.repat is not a Repat export bundle.\n"
    code, out, err = run(capsys, "export", "--db", str(hq.path), "--user", "suphq01", "--out", str(tmp_path / "x.repat"),
                         "--passphrase-env", "NO_SUCH_VARIABLE")
    assert code == 1 and err == "repat: The environment variable NO_SUCH_VARIABLE is not set; put the passphrase in it.\n"
    code, out, err = run(capsys, "conflicts", "resolve", "abcd", "--value", "x", "--db", str(hq.path), "--user",
                         "suphq01")
    assert code == 1 and err == "repat: There is no conflict abcd.\n"
    code, out, err = run(capsys, "devices", "trust", "KH07", "--db", str(hq.path), "--user", "suphq01")
    assert code == 1 and err.startswith("repat: No key is known for KH07")


class _Terminal:
    """stderr as a terminal: what the progress line draws."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_an_import_on_a_terminal_shows_how_far_it_is(replicas: dict[str, Replica], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    hq, a = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(a.officer)
    intake.record_intake(a.officer, intake.IntakeData(round_id=rnd.id, sender_tag="T-1"))
    bundle = export_bundle(a.officer, tmp_path / "a.repat").path
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["import", str(bundle), "--db", str(hq.path), "--user", "suphq01", "--trust"]) == 0
    lines = [line.rstrip() for line in terminal.text.split("\r") if line.strip()]
    assert "Importing:  10% Importing a.repat" in lines
    assert "Importing:  97% Saving" in lines
    assert lines[-1] == "Importing: 100% Done"
    assert all(len(line) <= 79 for line in lines)
