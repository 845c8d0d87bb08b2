"""A small world for the property tests: the headquarters and three laptops that trust each
other and share a round of cases, built once per session and copied for every example."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from app.ids import uuid7
from app.persistence.db import Database, open_database
from app.persistence.models import Case, Certificate, CertificateCase, Round
from app.persistence.versioning import utcnow
from app.services.cases import case_file, intake
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.sync.exporter import mark_exported
from app.sync.merge import Node, RowGraph
from tests.sync.conftest import DEVICES, Replica, context_for

BASE_CASES = 4
CERTIFICATE = "01930000-0000-7000-8000-00000000c001"  # the draft every replica lists cases on
FIELDS = ("storage_location", "notes", "bag_number", "category")
VALUES = {
    "storage_location": ("Shelf A", "Shelf B", "Холодильник 3"),
    "notes": ("", "Tattoo", "Татуювання на руці"),
    "bag_number": ("1", "2", "B-12"),
    "category": ("complete", "partial", "fragments"),
}


def build_world(templates: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Every device imports every other's first bundle (so all trust each other); the
    headquarters' round, cases and a draft certificate (to list cases on) reach everyone."""
    replicas = {code: _open(templates[code], folder, code) for code in DEVICES}
    hq = replicas["HQ01"]
    rnd = sync_round(hq)
    for i in range(BASE_CASES):
        intake.record_intake(hq.officer, intake.IntakeData(round_id=rnd, sender_tag=f"T-{i}"))
    with hq.officer.unit_of_work() as s:
        s.add(Certificate(id=CERTIFICATE, number="HQ01-A-2026-0001", kind="acceptance", status="draft", round_id=rnd,
                          parties={}))
    bundles = {code: export_bundle(r.sup, folder / f"{code}-first.repat").path for code, r in replicas.items()}
    for code, r in replicas.items():
        apply_import(r.sup, [b for c, b in bundles.items() if c != code], trust=True)
    for r in replicas.values():  # a fresh start: nothing waits to be exported
        with r.db.engine.begin() as conn:
            seqs = [row[0] for row in conn.exec_driver_sql("SELECT seq FROM row_versions")]
            mark_exported(conn, seqs)
        with r.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        r.db.close()
    return {code: folder / f"{code}.sqlite3" for code in DEVICES}


def sync_round(hq: Replica) -> str:
    from tests.sync.conftest import new_round

    return new_round(hq.officer).id


def _open(template: Path, folder: Path, code: str) -> Replica:
    path = folder / f"{code}.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    return Replica(code, db, context_for(db, code, f"sup{code.lower()}"), context_for(db, code, f"off{code.lower()}"))


@contextmanager
def fresh_world(world: dict[str, Path]) -> Iterator[tuple[dict[str, Replica], Path]]:
    with tempfile.TemporaryDirectory(prefix="repat-world-") as tmp:
        folder = Path(tmp)
        replicas = {code: _open(path, folder, code) for code, path in world.items()}
        try:
            yield replicas, folder
        finally:
            for r in replicas.values():
                r.db.close()


def copy_replica(r: Replica, folder: Path, name: str) -> Replica:
    """A copy of a replica's database file under another name (to import into several times)."""
    with r.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    target = folder / f"{name}.sqlite3"
    shutil.copyfile(r.path, target)
    db = open_database(target)
    return Replica(r.code, db, context_for(db, r.code, f"sup{r.code.lower()}"),
                   context_for(db, r.code, f"off{r.code.lower()}"))


def case_ids(r: Replica) -> list[str]:
    with r.db.session() as s:
        return list(s.scalars(select(Case.id).order_by(Case.case_number)))


def round_id(r: Replica) -> str:
    with r.db.session() as s:
        rid = s.scalars(select(Round.id)).first()
        assert rid is not None
        return rid


@dataclass
class Write:
    table: str
    row_id: str
    field: str
    value: Any
    version_id: str


@dataclass
class Edits:
    writes: list[Write] = field(default_factory=list)


def head_of(db: Database, row_id: str) -> str | None:
    with db.session() as s:
        return s.scalar(select(Case.head_version).where(Case.id == row_id))


def edit_case(r: Replica, row_id: str, field_name: str, value: Any, log: list[Write]) -> bool:
    """Apply one edit as a user would; record it when it made a new version."""
    with r.db.session() as s:
        case = s.get(Case, row_id)
        if case is None or case.deleted:
            return False
        rev, before = case.rev, case.head_version
    if field_name == "deleted":  # a supervisor voids the case, with its reason
        from app.errors import ValidationError
        from app.services.cases import void as case_void

        try:
            case_void.void_case(r.sup, row_id, f"recorded in error on {r.code}")
        except ValidationError:  # listed on an issued act here
            return False
    else:
        case_file.update_case(r.officer, row_id, rev, {field_name: value})
    after = head_of(r.db, row_id)
    if after is None or after == before:
        return False
    log.append(Write("cases", row_id, field_name, value, after))
    return True


def add_numbered_case(r: Replica, number: str) -> bool:
    """A case whose number another installation may also have issued (a laptop set up again under
    an old code); refused here, as on any device, when this database already holds the number."""
    with r.db.session() as s:
        if s.scalar(select(Case.id).where(Case.case_number == number)) is not None:
            return False
    with r.officer.unit_of_work() as s:
        s.add(Case(id=uuid7(), case_number=number, round_id=round_id(r), category="complete", received_at=utcnow(),
                   sender_tag=f"S-{number}"))
    return True


def set_link(r: Replica, case_id: str, action: str) -> bool:
    """List a case on the shared draft certificate, or take it off (``unlink``), as the
    certificates service does: a case listed again gets back the row the merge keeps (the
    smallest id); a new link's id is derived from the pair, or is random with ``legacy link``
    (as a device made links before; only for a pair it has no row for, as then)."""
    from app.persistence.models.certificates import certificate_case_id

    with r.officer.unit_of_work() as s:
        links = s.scalars(select(CertificateCase).where(
            CertificateCase.certificate_id == CERTIFICATE, CertificateCase.case_id == case_id)
            .order_by(CertificateCase.id)).all()
        live = [link for link in links if not link.deleted]
        if action == "unlink":
            for link in live:
                link.deleted = True
            return bool(live)
        if live:
            return False
        if links:
            links[0].deleted = False
        else:
            s.add(CertificateCase(id=uuid7() if action == "legacy link" else certificate_case_id(CERTIFICATE, case_id),
                                  certificate_id=CERTIFICATE, case_id=case_id))
        return True


def check_every_value_kept(r: Replica, writes: list[Write]) -> None:
    """Every value ever written is the current one, or kept in a conflict, or was changed later
    by someone (or something: a superseded link's deletion) that had seen it (a later version
    descending from it)."""
    tables = sorted({w.table for w in writes})
    with r.db.engine.connect() as conn:
        current: dict[tuple[str, str], dict[str, Any]] = {}
        kept: dict[tuple[str, str, str], list[str]] = {}
        graphs: dict[tuple[str, str], RowGraph] = {}
        for table in tables:
            for row in conn.execute(text(f"SELECT * FROM {table}")).mappings():
                current[(table, row["id"])] = dict(row)
            for row_id, fname, candidates in conn.execute(
                text("SELECT row_id, field, candidates FROM conflicts WHERE table_name = :t"), {"t": table}
            ):
                for c in json.loads(candidates):
                    kept.setdefault((table, row_id, fname), []).append(json.dumps(c["value"]))
        for table, row_id in {(w.table, w.row_id) for w in writes}:
            nodes = []
            for vid, parent, mp, hlc, snap in conn.execute(
                text("SELECT version_id, parent_version_id, merge_parents, hlc, snapshot FROM row_versions "
                     "WHERE table_name = :t AND row_id = :r"), {"t": table, "r": row_id}
            ):
                extra = tuple(json.loads(mp)) if mp else ()
                nodes.append(Node(vid, ((parent,) if parent else ()) + extra, hlc, snap, is_merge=bool(extra)))
            graphs[(table, row_id)] = RowGraph(table, nodes)
    for w in writes:
        value = current[(w.table, w.row_id)][w.field]
        if w.field == "deleted":
            value = bool(value)
        if value == w.value:
            continue
        if json.dumps(w.value) in kept.get((w.table, w.row_id, w.field), []):
            continue
        g = graphs[(w.table, w.row_id)]
        assert w.version_id in g.nodes, f"the version of {w} is lost"
        overwritten = any(
            not n.is_merge and v != w.version_id and w.version_id in g.ancestors(v)
            and n.snapshot.get(w.field) != w.value
            for v, n in g.nodes.items()
        )
        assert overwritten, f"{w} is neither current, nor in a conflict, nor changed later by someone who saw it"


def full_exchange(replicas: dict[str, Replica], folder: Path, tag: str) -> None:
    bundles = {code: export_bundle(r.sup, folder / f"{code}-full-{tag}.repat", full=True).path
               for code, r in replicas.items()}
    for code, r in replicas.items():
        result = apply_import(r.sup, [b for c, b in bundles.items() if c != code])
        assert not result.refused and not result.quarantined, result.files
