"""``repat audit verify``: is the history in this database the one its devices wrote?

Walks every chain of the version log (``app.persistence.chain``) and reports, per chain, "intact"
or its first broken link: a version whose content no longer matches its hash, one missing from
its place, one that does not follow its predecessor, a chain head or signed checkpoint the log no
longer holds. Then the versions outside the chains (merge versions must be the ones their parents
give; any other was inserted), every synced row against its latest version, and every issued
certificate's frozen content against its printed hash. Nothing is repaired: the report says what
differs, for a supervisor to inspect.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from app.documents.content import content_sha256
from app.persistence import chain
from app.persistence.models import (
    TABLE_TO_MODEL,
    Certificate,
    ChainCheckpoint,
    ChainHead,
    ChainSkipped,
    RowVersion,
    SyncPending,
)
from app.persistence.versioning import json_value, snapshot_columns
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.context import AppContext

_LINE_COLUMNS = (
    "version_id", "table_name", "row_id", "parent_version_id", "merge_parents", "hlc", "device_code", "author_id",
    "author_name", "deleted", "snapshot", "created_at", "resolves", "chain_id", "chain_seq", "prev_hash",
    "content_hash",
)
_BATCH = 5000
_META = frozenset({"updated_at", "updated_by", "created_at"})


@dataclass(frozen=True)
class Break:
    """One place where the records are not what was written: a sentence and where it is."""

    what: str
    table: str = ""
    record: str = ""
    version: str = ""


@dataclass
class ChainReport:
    chain_id: str
    device: str
    versions: int = 0
    first_break: Break | None = None

    @property
    def intact(self) -> bool:
        return self.first_break is None


@dataclass
class AuditReport:
    chains: list[ChainReport] = field(default_factory=list)
    versions: int = 0
    rows: int = 0
    certificates: int = 0
    outside_chains: list[Break] = field(default_factory=list)  # inserted or changed merge versions
    rows_changed: list[Break] = field(default_factory=list)
    certificates_changed: list[Break] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return (all(c.intact for c in self.chains) and not self.outside_chains and not self.rows_changed
                and not self.certificates_changed)

    @property
    def breaks(self) -> list[Break]:
        first = [c.first_break for c in self.chains if c.first_break is not None]
        return first + self.outside_chains + self.rows_changed + self.certificates_changed


def _rows(conn: Connection, stmt: Any) -> Iterator[Any]:
    result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt)
    for part in result.partitions(_BATCH):
        yield from part


def _version_row(r: Any) -> dict[str, Any]:
    return dict(zip(_LINE_COLUMNS, r, strict=True))


class _Walk:
    def __init__(self, conn: Connection, report: AuditReport, progress: ProgressCallback, token: CancelToken,
                 total: int) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
        self.token = token
        self.total = total
        self.done = 0

    def step(self, message: str) -> None:
        self.done += 1
        if self.done % _BATCH == 0:
            self.token.check()
            self.progress(self.done, self.total, message)

    # --- the chains -------------------------------------------------------------------------

    def chains(self) -> None:
        conn = self.conn
        table = RowVersion.__table__
        skipped: dict[str, dict[int, str]] = {}
        for chain_id, seq, digest in conn.execute(
            select(ChainSkipped.chain_id, ChainSkipped.chain_seq, ChainSkipped.content_hash)
        ):
            skipped.setdefault(chain_id, {})[int(seq)] = digest
        heads = {c: (int(s), h) for c, s, h in conn.execute(
            select(ChainHead.chain_id, ChainHead.chain_seq, ChainHead.content_hash))}
        checkpoints: dict[str, list[tuple[int, str]]] = {}
        for chain_id, seq, digest in conn.execute(
            select(ChainCheckpoint.chain_id, ChainCheckpoint.chain_seq, ChainCheckpoint.content_hash)
        ):
            checkpoints.setdefault(chain_id, []).append((int(seq), digest))
        stmt = (select(*[table.c[c] for c in _LINE_COLUMNS]).where(table.c.chain_id.is_not(None))
                .order_by(table.c.chain_id, table.c.chain_seq))
        current: ChainReport | None = None
        last_seq = 0
        last_hash: str | None = None
        held: dict[int, str] = {}

        def close(rep: ChainReport | None, seq: int, digest: str | None) -> None:
            if rep is None:
                return
            self.report.chains.append(rep)
            if rep.first_break is not None:
                return
            head = heads.get(rep.chain_id)
            top = max(seq, max(skipped.get(rep.chain_id, {0: ""}), default=0))
            if head is not None and head[0] > top:
                rep.first_break = Break(f"{rep.device}: version {top + 1} is missing (removed from the log).")
                return
            for cp_seq, cp_hash in sorted(checkpoints.get(rep.chain_id, [])):
                found = held.get(cp_seq) or skipped.get(rep.chain_id, {}).get(cp_seq)
                if found != cp_hash:
                    rep.first_break = Break(
                        f"{rep.device}: version {cp_seq}, whose hash a bundle signed, is not in the log as it was "
                        "(changed or removed)."
                    )
                    return

        for r in _rows(conn, stmt):
            v = _version_row(r)
            self.step("Checking the chains of records")
            self.report.versions += 1
            if current is None or v["chain_id"] != current.chain_id:
                close(current, last_seq, last_hash)
                current = ChainReport(v["chain_id"], v["device_code"])
                last_seq, last_hash, held = 0, None, {}
            current.versions += 1
            seq = int(v["chain_seq"])
            held[seq] = v["content_hash"]
            if current.first_break is not None:
                last_seq, last_hash = seq, v["content_hash"]
                continue
            where = {"table": v["table_name"], "record": v["row_id"], "version": v["version_id"]}
            gap = skipped.get(current.chain_id, {})
            while last_seq + 1 < seq and last_seq + 1 in gap:
                last_seq, last_hash = last_seq + 1, gap[last_seq + 1]
            if seq != last_seq + 1:
                current.first_break = Break(
                    f"{current.device}: version {last_seq + 1} is missing (removed from the log).", **where)
            elif v["prev_hash"] != last_hash:
                current.first_break = Break(
                    f"{current.device}: version {seq} ({v['table_name']} record {v['row_id']}) does not follow "
                    f"version {seq - 1}: a version was inserted, removed or replaced there.", **where)
            elif chain.hash_line(chain.line_of_row(v)) != v["content_hash"]:
                current.first_break = Break(
                    f"{current.device}: version {seq} ({v['table_name']} record {v['row_id']}) was changed after "
                    f"it was written: {self._what_differs(v)}.", **where)
            last_seq, last_hash = seq, v["content_hash"]
        close(current, last_seq, last_hash)

    def _what_differs(self, v: dict[str, Any]) -> str:
        """The fields of a changed version that no longer agree with what its row's next version
        or the row itself says (best effort: the original is gone)."""
        try:
            snap = json.loads(v["snapshot"])
        except ValueError:
            return "its snapshot is not readable"
        following = self.conn.execute(
            select(RowVersion.snapshot).where(RowVersion.parent_version_id == v["version_id"]).limit(1)
        ).scalar()
        if following is None:
            return "its author, time or contents differ from what was signed"
        nxt = json.loads(following)
        fields = sorted(k for k in snap if k not in _META and k in nxt and nxt[k] != snap[k])
        return ("its author, time or chain fields differ from what was signed" if not fields
                else "fields " + ", ".join(fields) + " differ from what was signed")

    # --- versions outside the chains ---------------------------------------------------------

    def outside(self) -> None:
        from app.sync.importer.keys import superseding_version_id
        from app.sync.merge import merge_version_id

        table = RowVersion.__table__
        stmt = select(*[table.c[c] for c in _LINE_COLUMNS]).where(table.c.chain_id.is_(None))
        for r in _rows(self.conn, stmt):
            v = _version_row(r)
            self.step("Checking merged versions")
            self.report.versions += 1
            where = {"table": v["table_name"], "record": v["row_id"], "version": v["version_id"]}
            if v["device_code"] != chain.MERGE_DEVICE:
                self.report.outside_chains.append(Break(
                    f"A version of {v['table_name']} record {v['row_id']} by {v['device_code']} is in no chain: "
                    "it was inserted behind the application's back.", **where))
                continue
            parents = [v["parent_version_id"], *json.loads(v["merge_parents"] or "[]")]
            if v["merge_parents"]:
                derived = merge_version_id(parents)
            elif v["author_name"] == chain.MIGRATION_AUTHOR:
                derived = next((d for d in (chain.migration_version_id(p, v["row_id"], v["parent_version_id"])
                                            for p in chain.MIGRATION_PURPOSES) if d == v["version_id"]), "")
            else:
                derived = superseding_version_id(v["parent_version_id"] or "")
            if derived != v["version_id"]:
                self.report.outside_chains.append(Break(
                    f"A merged version of {v['table_name']} record {v['row_id']} does not follow from its parents: "
                    "it was inserted behind the application's back.", **where))
            elif chain.hash_line(chain.line_of_row(v)) != v["content_hash"]:
                self.report.outside_chains.append(Break(
                    f"A merged version of {v['table_name']} record {v['row_id']} was changed after it was written.",
                    **where))

    # --- rows against their latest version ---------------------------------------------------

    def rows(self) -> None:
        conn = self.conn
        pending = set(conn.execute(select(SyncPending.table_name, SyncPending.row_id)).tuples())
        for name, model in sorted(TABLE_TO_MODEL.items()):
            t = model.__table__  # type: ignore[attr-defined]
            cols = snapshot_columns(name)
            stmt = (select(*[t.c[c] for c in cols], t.c.head_version, RowVersion.snapshot, RowVersion.row_id,
                           RowVersion.table_name)
                    .select_from(t.outerjoin(RowVersion, RowVersion.version_id == t.c.head_version))
                    .order_by(t.c.id))
            for r in _rows(conn, stmt):
                self.step("Checking each record against its history")
                self.report.rows += 1
                values = dict(zip(cols, r[: len(cols)], strict=True))
                head, snap_text, v_row, v_table = r[len(cols):]
                row_id = values["id"]
                if (name, row_id) in pending:
                    continue
                where = {"table": name, "record": row_id, "version": head or ""}
                if snap_text is None or v_row != row_id or v_table != name:
                    self.report.rows_changed.append(Break(
                        f"{name} record {row_id} has no version of its own as its latest: the record or the log "
                        "was changed behind the application's back.", **where))
                    continue
                snap = orjson.loads(snap_text)
                now = {key: json_value(values[key]) for key in cols}
                if now == snap:
                    continue
                differs = sorted(k for k in cols if now.get(k) != snap.get(k))
                if differs:
                    self.report.rows_changed.append(Break(
                        f"{name} record {row_id} differs from its latest version in {', '.join(differs)}: it was "
                        "changed behind the application's back.", **where))

    # --- issued certificates -----------------------------------------------------------------

    def certificates(self) -> None:
        stmt = select(Certificate.id, Certificate.number, Certificate.content, Certificate.content_sha256).where(
            Certificate.content.is_not(None))
        for cid, number, content, sha in self.conn.execute(stmt):
            self.step("Checking issued certificates")
            self.report.certificates += 1
            if content_sha256(content) != sha:
                self.report.certificates_changed.append(Break(
                    f"Certificate {number}: its frozen content no longer matches the hash printed on it.",
                    "certificates", cid))


def verify(ctx: AppContext, progress: ProgressCallback = no_progress, token: CancelToken | None = None) -> AuditReport:
    """Walk every chain, every row and every issued certificate (read only)."""
    ctx.require()
    token = token or CancelToken()
    report = AuditReport()
    with ctx.db.engine.connect() as conn:
        versions = int(conn.scalar(select(func.count()).select_from(RowVersion)) or 0)
        rows = 0
        for model in TABLE_TO_MODEL.values():
            table: Any = model.__table__  # type: ignore[attr-defined]
            rows += int(conn.scalar(select(func.count()).select_from(table)) or 0)
        walk = _Walk(conn, report, progress, token, versions + rows)
        walk.chains()
        walk.outside()
        walk.rows()
        walk.certificates()
    progress(walk.total, walk.total, "Done")
    return report


SHOWN = 20  # breaks listed per kind; the count says how many more


def describe(report: AuditReport) -> list[str]:
    """The report as lines to read: each chain, then what was found changed, then the verdict."""
    lines = []
    for c in sorted(report.chains, key=lambda c: (c.device, c.chain_id)):
        state = "intact" if c.first_break is None else f"BROKEN — {c.first_break.what}"
        lines.append(f"{c.device} (chain {c.chain_id}): {c.versions} versions, {state}")
    for title, found in (("Versions outside the chains", report.outside_chains),
                         ("Records", report.rows_changed), ("Issued certificates", report.certificates_changed)):
        if not found:
            continue
        lines.append(f"{title}: {len(found)} changed")
        lines.extend(f"  {b.what}" for b in found[:SHOWN])
        if len(found) > SHOWN:
            lines.append(f"  … and {len(found) - SHOWN} more")
    verdict = "intact" if report.intact else "NOT intact"
    lines.append(f"{report.versions} versions, {report.rows} records and {report.certificates} issued certificates "
                 f"checked: {verdict}.")
    return lines
