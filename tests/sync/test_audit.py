"""``repat audit verify`` and the hash chain: every kind of tampering with the database file is
reported with its device and place, never repaired; bundles that rewrite a history are refused."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.admin import audit
from app.services.cases import case_file, intake
from app.services.documents import certificate_drafts, certificate_issuing
from app.services.documents.certificate_forms import Scope
from tests.reconciliation.scenario import acceptance_form
from tests.sync.conftest import Replica, new_round


def _day(r: Replica) -> tuple[str, list[str]]:
    """A round, three cases and an issued acceptance act on ``r``; the round id and the case ids."""
    rnd = new_round(r.officer)
    ids = [intake.record_intake(r.officer, intake.IntakeData(round_id=rnd.id, sender_tag=f"UA-{i}")).case_id
           for i in range(3)]
    draft = certificate_drafts.create_draft(r.sup, Scope(rnd.id), acceptance_form())
    certificate_issuing.issue_certificate(r.sup, draft.id)
    return rnd.id, ids


def _sql(r: Replica, statement: str, *params: object) -> None:
    conn = sqlite3.connect(r.path)
    try:
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


def _verify(r: Replica, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", str(r.path)])
    return code, capsys.readouterr().out


def test_an_untouched_database_is_intact(replicas: dict[str, Replica], capsys: pytest.CaptureFixture[str]) -> None:
    kh = replicas["KH01"]
    _day(kh)
    report = audit.verify(kh.sup)
    assert report.intact and report.certificates == 1 and report.rows > 5
    (mine,) = report.chains
    assert mine.device == "KH01" and mine.versions == report.versions - 0
    code, out = _verify(kh, capsys)
    assert code == 0 and "KH01 (chain" in out and "intact" in out.splitlines()[-1]


def test_a_case_field_edited_with_sqlite3_is_reported(replicas: dict[str, Replica],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    kh = replicas["KH01"]
    _rid, ids = _day(kh)
    _sql(kh, "UPDATE cases SET sender_tag = 'UA-9' WHERE id = ?", ids[1])
    code, out = _verify(kh, capsys)
    assert code == 1
    assert f"cases record {ids[1]} differs from its latest version in sender_tag" in out
    assert "NOT intact" in out


def test_a_version_edited_deleted_inserted_or_reattributed_breaks_its_chain(
    replicas: dict[str, Replica], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kh = replicas["KH01"]
    _rid, ids = _day(kh)
    clean = tmp_path / "clean.sqlite3"
    kh.db.close()
    shutil.copyfile(kh.path, clean)

    def fresh() -> None:
        shutil.copyfile(clean, kh.path)

    def seq_of(vid_sql: str) -> int:
        conn = sqlite3.connect(kh.path)
        try:
            return int(conn.execute(vid_sql).fetchone()[0])
        finally:
            conn.close()

    middle = seq_of("SELECT chain_seq FROM row_versions WHERE table_name = 'cases' ORDER BY chain_seq LIMIT 1 OFFSET 1")

    # the author of a version changed
    fresh()
    _sql(kh, "UPDATE row_versions SET author_name = 'someone' WHERE chain_seq = ?", middle)
    code, out = _verify(kh, capsys)
    assert code == 1 and f"KH01: version {middle} (cases record" in out and "was changed after it was written" in out

    # a version deleted from the middle of the chain
    fresh()
    _sql(kh, "DELETE FROM row_versions WHERE chain_seq = ?", middle)
    code, out = _verify(kh, capsys)
    assert code == 1 and f"KH01: version {middle} is missing (removed from the log)" in out

    # the newest version deleted (its row still points to it, and the chain head says it existed)
    fresh()
    top = seq_of("SELECT max(chain_seq) FROM row_versions")
    _sql(kh, "DELETE FROM row_versions WHERE chain_seq = ?", top)
    code, out = _verify(kh, capsys)
    assert code == 1 and f"KH01: version {top} is missing" in out

    # a version inserted, copied from a real one under a new id, without a place in the chain
    fresh()
    _sql(kh, "INSERT INTO row_versions (version_id, table_name, row_id, parent_version_id, hlc, device_code, "
             "author_id, author_name, deleted, snapshot, created_at, exported) "
             "SELECT '00000000-0000-7000-8000-000000000001', table_name, row_id, version_id, hlc || 'x', device_code, "
             "author_id, author_name, deleted, snapshot, created_at, 0 FROM row_versions WHERE chain_seq = ?", middle)
    code, out = _verify(kh, capsys)
    assert code == 1 and "is in no chain: it was inserted behind the application's back" in out

    # a version inserted into the chain: the one after it no longer follows
    fresh()
    _sql(kh, "UPDATE row_versions SET chain_seq = chain_seq + 1000000 WHERE chain_seq > ?", middle)
    _sql(kh, "UPDATE row_versions SET chain_seq = chain_seq - 999999 WHERE chain_seq > 1000000")
    _sql(kh, "INSERT INTO row_versions (version_id, table_name, row_id, parent_version_id, hlc, device_code, "
             "author_id, author_name, deleted, snapshot, created_at, exported, chain_id, chain_seq, prev_hash, "
             "content_hash) SELECT '00000000-0000-7000-8000-000000000002', table_name, row_id, version_id, hlc, "
             "device_code, author_id, author_name, deleted, snapshot, created_at, 0, chain_id, chain_seq + 1, "
             "content_hash, content_hash FROM row_versions WHERE chain_seq = ?", middle)
    code, out = _verify(kh, capsys)
    assert code == 1 and f"KH01: version {middle + 1} " in out and "BROKEN" in out


def test_an_issued_certificates_frozen_content_changed_is_reported(
    replicas: dict[str, Replica], capsys: pytest.CaptureFixture[str]
) -> None:
    kh = replicas["KH01"]
    _day(kh)
    conn = sqlite3.connect(kh.path)
    (cid, content), = conn.execute("SELECT id, content FROM certificates WHERE content IS NOT NULL").fetchall()
    conn.close()
    changed = json.loads(content)
    changed["place"] = "elsewhere"
    _sql(kh, "UPDATE certificates SET content = ? WHERE id = ?", json.dumps(changed), cid)
    code, out = _verify(kh, capsys)
    assert code == 1 and "its frozen content no longer matches the hash printed on it" in out


def test_a_bundle_that_rewrites_a_history_already_received_is_refused(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import
    from app.services.sync.report import STATUS_APPLIED, STATUS_REFUSED
    from app.sync.exporter import ExportFailed

    hq, kh = replicas["HQ01"], replicas["KH01"]
    _day(kh)
    first = export_bundle(kh.officer, tmp_path / "day.repat").path
    assert apply_import(hq.sup, [first], trust=True).files[0].status == STATUS_APPLIED
    # the laptop's history is rewritten (a field of an exported version, its hash made to fit),
    # then everything exported again
    conn = sqlite3.connect(kh.path)
    seq, line_id = conn.execute(
        "SELECT chain_seq, version_id FROM row_versions WHERE table_name = 'cases' ORDER BY chain_seq LIMIT 1"
    ).fetchone()
    conn.close()
    _sql(kh, "UPDATE row_versions SET author_name = 'someone' WHERE version_id = ?", line_id)
    with pytest.raises(ExportFailed, match=f"KH01's version {seq} no longer matches its hash"):
        export_bundle(kh.officer, tmp_path / "again.repat", full=True)
    from app.persistence import chain

    conn = sqlite3.connect(kh.path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM row_versions WHERE version_id = ?", (line_id,)).fetchone())
    conn.close()
    _sql(kh, "UPDATE row_versions SET content_hash = ? WHERE version_id = ?", chain.hash_line(chain.line_of_row(row)),
         line_id)
    again = export_bundle(kh.officer, tmp_path / "again.repat", full=True).path
    (f,) = apply_import(hq.sup, [again]).files
    assert f.status == STATUS_REFUSED
    assert f"KH01's version {seq}" in f.message and "the history was changed" in f.message


def _back_to_before_chains(r: Replica) -> None:
    """The database as the previous release left it: the version log without its chains."""
    from alembic import command

    from app.persistence.db import alembic_config, create_db_engine, normalize_url

    r.db.close()
    engine = create_db_engine(normalize_url(r.path))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0008")
    engine.dispose()


def _reopened(r: Replica) -> Replica:
    from app.persistence.db import open_database
    from tests.sync.conftest import context_for

    db = open_database(r.path)  # the start-up migration computes the chains
    return Replica(r.code, db, context_for(db, r.code, f"sup{r.code.lower()}"),
                   context_for(db, r.code, f"off{r.code.lower()}"))


def test_a_database_from_before_chains_gets_them_and_keeps_working(
    replicas: dict[str, Replica], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import
    from app.services.sync.report import STATUS_APPLIED

    hq, kh = replicas["HQ01"], replicas["KH01"]
    rnd_id, ids = _day(kh)
    day = export_bundle(kh.officer, tmp_path / "day.repat").path
    apply_import(hq.sup, [day], trust=True)
    later = intake.record_intake(kh.officer, intake.IntakeData(round_id=rnd_id, sender_tag="UA-late")).case_id
    for r in (hq, kh):
        _back_to_before_chains(r)
    hq, kh = _reopened(hq), _reopened(kh)
    try:
        for r in (hq, kh):
            report = audit.verify(r.sup)
            assert report.intact, audit.describe(report)
            assert {c.chain_id for c in report.chains} >= {"legacy:KH01"}
        # the laptop goes on in a chain of its own; the headquarters takes the case not yet
        # exported (the end of KH01's legacy chain) and the new one, and both stay intact
        intake.record_intake(kh.officer, intake.IntakeData(round_id=rnd_id, sender_tag="UA-new"))
        next_day = export_bundle(kh.officer, tmp_path / "next.repat").path
        (f,) = apply_import(hq.sup, [next_day]).files
        assert f.status == STATUS_APPLIED, f.message
        assert case_file.get_case(hq.sup, later).fields["sender_tag"] == "UA-late"
        for r in (hq, kh):
            assert audit.verify(r.sup).intact
    finally:
        hq.db.close()
        kh.db.close()


def test_a_database_changed_before_the_upgrade_is_reported_after_it(
    replicas: dict[str, Replica], capsys: pytest.CaptureFixture[str]
) -> None:
    kh = replicas["KH01"]
    _rid, ids = _day(kh)
    _back_to_before_chains(kh)
    _sql(kh, "UPDATE cases SET bag_number = 'B-77' WHERE id = ?", ids[0])
    kh = _reopened(kh)
    kh.db.close()
    code, out = _verify(kh, capsys)
    assert code == 1 and f"cases record {ids[0]} differs from its latest version in bag_number" in out


def _back_to(r: Replica, revision: str) -> None:
    from alembic import command

    from app.persistence.db import alembic_config, create_db_engine, normalize_url

    r.db.close()
    engine = create_db_engine(normalize_url(r.path))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
    engine.dispose()


def _custody(r: Replica) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(r.path)
    try:
        return sorted(conn.execute("SELECT id, event_type, head_version FROM custody_events").fetchall())
    finally:
        conn.close()


def test_acts_issued_before_one_custody_chain_get_certified_events_on_every_replica(
    replicas: dict[str, Replica], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An act of acceptance used to record a second "received" event. The migration makes it
    "certified" on each replica by itself, the same version everywhere, and the replicas go on
    exchanging without a conflict; a replica that gets the event later gets it certified."""
    from app.services.sync.conflicts import list_conflicts
    from app.services.sync.export import export_bundle
    from app.services.sync.imports import apply_import
    from app.services.sync.report import STATUS_APPLIED

    hq, kh = replicas["HQ01"], replicas["KH01"]
    with monkeypatch.context() as old_release:
        old_release.setitem(certificate_issuing.CUSTODY_FOR_KIND, "acceptance", "received")
        rnd_id, ids = _day(kh)
        day = export_bundle(kh.officer, tmp_path / "day.repat").path
        apply_import(hq.sup, [day], trust=True)
        late = intake.record_intake(kh.officer, intake.IntakeData(round_id=rnd_id, sender_tag="UA-late")).case_id
        draft = certificate_drafts.create_draft(kh.sup, Scope(rnd_id, case_ids=(late,)), acceptance_form())
        certificate_issuing.issue_certificate(kh.sup, draft.id)  # not exported before the upgrade
    assert [t for _i, t, _v in _custody(kh)].count("received") == 8
    for r in (hq, kh):
        _back_to(r, "0009")
    hq, kh = _reopened(hq), _reopened(kh)
    try:
        assert [t for _i, t, _v in _custody(kh)].count("received") == 4
        assert [t for _i, t, _v in _custody(kh)].count("certified") == 4
        held_by_both = [row for row in _custody(kh) if row[0] in {i for i, _t, _v in _custody(hq)}]
        assert held_by_both == _custody(hq)  # the same events, types and versions on both
        for r in (hq, kh):
            assert audit.verify(r.sup).intact, audit.describe(audit.verify(r.sup))
        detail = case_file.get_case(kh.sup, ids[0])
        assert sorted(e.event_type for e in detail.custody) == ["certified", "received"]
        authors = [v.author for v in case_file.get_case(kh.sup, ids[0]).history]
        assert "migration" not in authors  # the case itself did not change
        next_day = export_bundle(kh.officer, tmp_path / "next.repat").path
        (f,) = apply_import(hq.sup, [next_day]).files
        assert f.status == STATUS_APPLIED, f.message
        assert _custody(hq) == _custody(kh)
        assert list_conflicts(hq.sup) == []
        for r in (hq, kh):
            assert audit.verify(r.sup).intact
    finally:
        hq.db.close()
        kh.db.close()
