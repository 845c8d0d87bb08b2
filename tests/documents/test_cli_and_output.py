"""The document commands through ``app.cli.main.main``, and all-or-nothing output files."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from app.cli.main import main
from app.documents.output import OutputError, write_atomically
from app.domain import Role
from app.services.documents import certificate_drafts, certificate_issuing, certificate_records
from app.services.documents.certificate_forms import Scope
from app.services.rounds import rounds
from tests.conftest import PASSWORD, make_round
from tests.documents.helpers import add_cases, complete_form, page_count, pdftotext, render_page, zbar


@pytest.fixture
def setup(sqlite_contexts, monkeypatch):
    """Device KH01 with a round of four cases (two on the trailer AA1234BB)."""
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer, "R1")
    unit = rounds.add_transport_unit(officer, rnd.id, rounds.TransportUnitData("AA1234BB", declared_bags=2))
    made = add_cases(officer, rnd.id, 2, unit_id=unit.id, prefix="U") + add_cases(officer, rnd.id, 2, prefix="L")
    return str(officer.db.path), sqlite_contexts, made


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str, contains: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("repat: ") and lines[0].endswith("."), err
    assert "Traceback" not in err and contains in lines[0], err


def test_draft_issue_reprint_verify_void(setup, capsys, tmp_path):
    db, ctxs, made = setup
    draft_pdf = tmp_path / "draft.pdf"
    code, out, err = run(capsys, "certificate", "R1", "--db", db, "--user", "ivan", "--out", str(draft_pdf))
    assert code == 0, err
    number = re.search(r"Certificate (\S+) \(draft, not issued\): 4 cases, \d pages?, written to ", out)
    assert number, out
    number_text = number.group(1)
    assert draft_pdf.exists() and "DRAFT" in pdftotext(draft_pdf)
    # the same command regenerates the same draft instead of numbering a new one
    assert run(capsys, "certificate", "R1", "--db", db, "--user", "ivan", "--out", str(draft_pdf))[1].startswith(
        f"Certificate {number_text} "
    )

    parties = tmp_path / "parties.json"
    parties.write_text(json.dumps(complete_form().to_json() | {"time": "14:30"}, ensure_ascii=False), "utf-8")
    issued_pdf = tmp_path / "issued.pdf"
    code, out, err = run(
        capsys, "certificate", "R1", "--parties", str(parties), "--issue", "--out", str(issued_pdf),
        "--db", db, "--user", "clerk",
    )
    assert code == 0, err
    assert f"Certificate {number_text} (issued): 4 cases" in out
    sha = re.search(r"SHA-256 of its content: ([0-9a-f]{64})", out).group(1)  # type: ignore[union-attr]
    text = pdftotext(issued_pdf)
    assert "DRAFT" not in text and "14:30" in text and "Anna Müller" in text
    qr = zbar(render_page(issued_pdf, 1))
    assert qr == [f"REPAT:CERT:{number_text}:{sha.upper()}"]

    code, out, _ = run(capsys, "verify", qr[0], "--db", db)
    assert (code, out.strip()) == (0, f"VALID: Certificate {number_text} is valid.")

    reprint = tmp_path / "reprint.pdf"
    code, out, err = run(capsys, "certificate-reprint", number_text.lower(), "--out", str(reprint), "--db", db)
    assert code == 0, err
    assert reprint.read_bytes() == issued_pdf.read_bytes() and sha in out

    code, _, err = run(capsys, "certificate-void", number_text, "--reason", "Wrong date.", "--db", db, "--user", "clerk")
    assert code == 1
    one_sentence(err, "needs: supervisor")
    code, out, err = run(capsys, "certificate-void", number_text, "--reason", "Wrong date.", "--db", db, "--user", "olena")
    assert code == 0, err
    code, out, _ = run(capsys, "verify", qr[0], "--db", db)
    assert (code, out.strip()) == (3, f"VOID: Certificate {number_text} is void: Wrong date.")

    code, out, _ = run(capsys, "certificates", "R1", "--db", db, "--format", "json")
    listed = json.loads(out)
    assert [(c["number"], c["status"], c["cases"]) for c in listed] == [(number_text, "void", 4)]


def test_issue_refuses_with_the_list_of_what_is_missing(setup, capsys, tmp_path):
    db, ctxs, _ = setup
    out_pdf = tmp_path / "x.pdf"
    code, _, err = run(capsys, "certificate", "R1", "--issue", "--out", str(out_pdf), "--db", db, "--user", "clerk")
    assert code == 1
    one_sentence(err, "cannot be issued: the sending party has no representative; ")
    assert "there is no witness" in err
    assert not out_pdf.exists()
    listed = certificate_records.list_certificates(ctxs[Role.CLERK])
    assert [c.status for c in listed] == ["draft"]


def test_scope_options_labels_and_case_sheet(setup, capsys, tmp_path):
    db, ctxs, made = setup
    code, out, err = run(capsys, "certificate", "R1", "--unit", "aa1234bb", "--out", str(tmp_path / "u.pdf"),
                         "--db", db, "--user", "ivan")
    assert code == 0 and ": 2 cases" in out, err
    listing = tmp_path / "cases.txt"
    listing.write_text(f"# chosen\n{made[3].case_number}\n\n{made[2].case_number.lower()}\n", "utf-8")
    code, out, err = run(capsys, "certificate", "R1", "--cases", str(listing), "--kind", "transfer",
                         "--out", str(tmp_path / "c.pdf"), "--db", db, "--user", "ivan")
    assert code == 0 and "-T-" in out and ": 2 cases" in out, err
    code, _, err = run(capsys, "certificate", "R1", "--unit", "NOPE", "--out", str(tmp_path / "n.pdf"),
                       "--db", db, "--user", "ivan")
    assert code == 1
    one_sentence(err, "no transport unit NOPE")

    labels = tmp_path / "labels.pdf"
    code, out, err = run(capsys, "labels", "R1", "--layout", "roll", "--out", str(labels), "--db", db)
    assert code == 0, err
    assert page_count(labels) == 4 and "4 pages" in out
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run(capsys, "case-sheet", made[0].case_number, "--out", str(sheet), "--db", db)
    assert code == 0, err
    assert made[0].case_number in pdftotext(sheet)
    code, _, err = run(capsys, "case-sheet", "KH01-1999-00001", "--out", str(sheet), "--db", db)
    assert code == 1
    one_sentence(err, "There is no case KH01-1999-00001")


def test_unwritable_output_is_refused_before_any_work(setup, capsys, tmp_path):
    db, ctxs, _ = setup
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    for target, says in (
        (tmp_path / "missing" / "x.pdf", "the folder"),
        (a_file / "x.pdf", "is not a folder"),
        (tmp_path, "is a folder"),
    ):
        code, _, err = run(capsys, "certificate", "R1", "--issue", "--out", str(target), "--db", db, "--user", "clerk")
        assert code == 1
        one_sentence(err, says)
    assert certificate_records.list_certificates(ctxs[Role.CLERK]) == []  # nothing was even drafted
    code, _, err = run(capsys, "labels", "R1", "--out", str(tmp_path / "missing" / "l.pdf"), "--db", db)
    assert code == 1
    one_sentence(err, "does not exist")


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    real_replace = os.replace

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OutputError, match=r"the disk is full; nothing was written\.$"):
        write_atomically(target, b"%PDF-1.4 " + b"x" * 10_000)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(os, "replace", real_replace)
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and list(tmp_path.iterdir()) == [target]


def test_save_from_a_rendered_document(sqlite_contexts, tmp_path):
    clerk = sqlite_contexts[Role.CLERK]
    rnd = make_round(sqlite_contexts[Role.FIELD_OFFICER])
    add_cases(sqlite_contexts[Role.FIELD_OFFICER], rnd.id, 1)
    draft = certificate_drafts.create_draft(clerk, Scope(rnd.id), complete_form())
    document = certificate_issuing.render_certificate(clerk, draft.id)
    assert document.file_name == f"{draft.number}-draft.pdf"
    saved = Path(document.save(str(tmp_path / document.file_name)))
    assert saved.read_bytes() == document.data
