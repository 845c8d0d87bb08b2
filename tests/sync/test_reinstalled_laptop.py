"""A laptop set up again under its old device code: the headquarters refuses its new key while
the old one is trusted, and once a supervisor accepts it as the same laptop re-installed (revoke,
trust, resume file), its numbers continue above every number the headquarters has seen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli.main import main
from app.errors import ValidationError
from app.persistence.db import open_database
from app.services.admin import accounts
from app.services.cases import intake, listing
from app.services.documents import certificate_drafts, certificate_issuing, certificate_records
from app.services.documents.certificate_forms import Scope
from app.services.sync import resume
from app.services.sync.devices import revoke_device, this_device, trust_device
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_QUARANTINED
from tests.conftest import PASSWORD
from tests.reconciliation.scenario import acceptance_form
from tests.sync.conftest import Replica, context_for, new_round


def _set_up_again(sqlite_template: Path, folder: Path, code: str) -> Replica:
    """A fresh installation given an old device code (a new key, empty counters)."""
    path = folder / f"{code}-again.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    accounts.initialize(db, device_code=code, device_name="Same laptop, new disk", username=f"sup{code.lower()}",
                        full_name=f"Supervisor {code}", password=PASSWORD)
    sup = context_for(db, code, f"sup{code.lower()}")
    return Replica(code, db, sup, sup)


def test_a_reinstalled_laptop_never_issues_a_number_twice(
    replicas: dict[str, Replica], sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    hq, old = replicas["HQ01"], replicas["KH01"]
    rnd = new_round(old.officer)
    issued = [intake.record_intake(old.officer, intake.IntakeData(round_id=rnd.id, sender_tag=f"UA-{i}")).case_number
              for i in range(3)]
    act = certificate_issuing.issue_certificate(
        old.sup, certificate_drafts.create_draft(old.sup, Scope(rnd.id), acceptance_form()).id).certificate
    apply_import(hq.sup, [export_bundle(old.sup, tmp_path / "day1.repat").path], trust=True)

    again = _set_up_again(sqlite_template, tmp_path, "KH01")
    try:
        # its first bundle is held at the headquarters, and its new key refused while the old one is trusted
        mine = new_round(again.sup, code="R-2026-06-09")
        first = export_bundle(again.sup, tmp_path / "again-1.repat").path
        (held,) = apply_import(hq.sup, [first]).files
        assert held.status == STATUS_QUARANTINED
        new_key = this_device(again.sup).fingerprint
        with pytest.raises(ValidationError, match="KH01 is already trusted with another key"):
            trust_device(hq.sup, "KH01", fingerprint=new_key)

        # accepted as the same laptop: the resume file carries the highest numbers seen from KH01
        out = tmp_path / "KH01.resume"
        assert main(["devices", "resume-file", "KH01", "--out", str(out), "--db", str(hq.path),
                     "--user", "suphq01"]) == 0
        doc = json.loads(out.read_text())
        assert doc["counters"] == {"case:KH01:2026": 3, f"certificate:KH01:{act.number.split('-')[2]}": 1}
        moved = resume.apply_resume_file(again.sup, out)
        assert moved["case:KH01:2026"] == (0, 3)
        made = intake.record_intake(again.sup, intake.IntakeData(round_id=mine.id, sender_tag="UA-new"))
        assert made.case_number == "KH01-2026-00004" and made.case_number not in issued
        draft = certificate_drafts.create_draft(again.sup, Scope(mine.id, case_ids=(made.case_id,)), acceptance_form())
        assert certificate_records.get_certificate(again.sup, draft.id).number[-4:] == "0002"
        # applying it again changes nothing; a file for another code or a damaged one is refused
        assert resume.apply_resume_file(again.sup, out) == {}
        other = tmp_path / "KH02.resume"
        resume.write_resume_file(hq.sup, "KH02", other)
        with pytest.raises(ValidationError, match="made for device KH02; this laptop is KH01"):
            resume.apply_resume_file(again.sup, other)
        out.write_text(out.read_text().replace('": 3', '": 1'))
        with pytest.raises(ValidationError, match="not a Repat resume file, or it was damaged"):
            resume.apply_resume_file(again.sup, out)
        # the headquarters takes the re-installed laptop's records: no number clashes
        revoke_device(hq.sup, "KH01")
        trust_device(hq.sup, "KH01", fingerprint=new_key, import_held=True)
        later = export_bundle(again.sup, tmp_path / "again-2.repat").path
        result = apply_import(hq.sup, [later])
        assert not result.refused and not result.quarantined, result.files
        numbers = [c.case_number for c in listing.list_cases(hq.sup, listing.CaseQuery()).rows]
        assert sorted(numbers) == [*issued, "KH01-2026-00004"]
        capsys.readouterr()
    finally:
        again.db.close()
