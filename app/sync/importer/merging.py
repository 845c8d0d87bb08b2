"""Stage 3 of an import: the rows that need their whole history (merges, out-of-order and held
rows) get their state from the version DAG (``app.sync.merge``), with merge versions and conflicts."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select

from app.persistence.models import Conflict
from app.persistence.versioning import insert_versions
from app.sync import merge as mergemod
from app.sync.bundle.members import BundleError
from app.sync.importer.base import DUPLICATE_KEYS, RV, ImportState, Stats, _Target, chunks
from app.sync.tables import NATURAL_KEYS


def _resolves(text_: str | None) -> tuple[tuple[str, str], ...]:
    """(conflict id, field) pairs a resolution version settles."""
    if not text_:
        return ()
    return tuple((str(x["conflict"]), str(x["field"])) for x in json.loads(text_) if isinstance(x, dict))


class RowMerger(ImportState):
    """A row's state from its versions: a straight line of edits, or the three-way merge."""

    def _current(self, table: str, ids: Sequence[str]) -> dict[str, str | None]:
        """Each row's head version (rows not in the table are absent). For cases, also what
        duplicate detection looks at, so unchanged cases are not looked at again; for tables
        with a natural key, the key."""
        extra: list[str] = list(DUPLICATE_KEYS) if table == "cases" else []
        key = NATURAL_KEYS.get(table)
        if key:
            extra.append(key)
        cols = ", ".join(["id", "head_version", *extra])
        found: dict[str, str | None] = {}
        for row in self._in(f"SELECT {cols} FROM {table} WHERE id IN ?", ids):
            found[row[0]] = row[1]
            if table == "cases":
                self._case_keys[row[0]] = tuple(row[2 : 2 + len(DUPLICATE_KEYS)])
            if key:
                self._old_keys[table][row[0]] = row[-1]
        return found

    @staticmethod
    def _chain(versions: list[dict[str, Any]]) -> tuple[str | None, dict[str, Any]] | None:
        """(first parent, tip) when ``versions`` are one straight line of ordinary edits."""
        if len(versions) == 1:
            v = versions[0]
            if v.get("merge_parents") or v.get("resolves"):
                return None
            return v["parent"], v
        ids = {v["version_id"] for v in versions}
        roots = [v for v in versions if v["parent"] not in ids]
        children = {v["parent"]: v for v in versions if v["parent"] in ids}
        if len(roots) != 1 or len(children) != len(versions) - 1:
            return None
        if any(v.get("merge_parents") or v.get("resolves") for v in versions):
            return None
        tip = roots[0]
        count = 1
        while tip["version_id"] in children:
            tip = children[tip["version_id"]]
            count += 1
        if count != len(versions):
            return None
        return roots[0]["parent"], tip

    def _load_graphs(self, rows: list[tuple[str, str]]) -> dict[tuple[str, str], mergemod.RowGraph]:
        nodes: dict[tuple[str, str], list[mergemod.Node]] = defaultdict(list)
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, r in rows:
            by_table[t].append(r)
        for table, ids in by_table.items():
            stmt = select(
                RV.c.row_id, RV.c.version_id, RV.c.parent_version_id, RV.c.merge_parents, RV.c.hlc, RV.c.snapshot,
                RV.c.device_code, RV.c.author_name, RV.c.resolves,
            ).where(RV.c.table_name == table, RV.c.row_id.in_(bindparam("ids", expanding=True)))
            for chunk in chunks(ids):
                for row in self.conn.execute(stmt, {"ids": list(chunk)}):
                    extra = tuple(json.loads(row.merge_parents)) if row.merge_parents else ()
                    parents = ((row.parent_version_id,) if row.parent_version_id else ()) + extra
                    nodes[(table, row.row_id)].append(
                        mergemod.Node(
                            row.version_id, parents, row.hlc, row.snapshot, is_merge=bool(extra),
                            device_code=row.device_code, author_name=row.author_name,
                            resolves=_resolves(row.resolves),
                        )
                    )
        return {key: mergemod.RowGraph(key[0], ns) for key, ns in nodes.items()}

    def _recompute(
        self,
        rows: list[tuple[str, str]],
        current: dict[str, dict[str, str | None]],
        stats: Stats,
        pending: dict[tuple[str, str], str],
    ) -> list[_Target]:
        """Rows that need their whole history: merges, out-of-order and held rows."""
        for table in {t for t, _ in rows}:
            missing = [r for t, r in rows if t == table and r not in current.get(table, {})]
            if missing:
                current.setdefault(table, {}).update(self._current(table, missing))
        graphs = self._load_graphs(rows)
        targets: list[_Target] = []
        merge_rows: list[dict[str, Any]] = []
        conflict_rows: list[dict[str, Any]] = []
        before_open = self._open_conflicts(rows)
        for key in rows:
            graph = graphs.get(key)
            if graph is None or not graph.nodes:
                continue
            try:
                state = graph.state()
                found = graph.conflicts(state)
            except ValueError as exc:
                raise BundleError("A bundle is damaged: a record's contents cannot be read.") from exc
            table, row_id = key
            if state.snapshot.get("id") != row_id:
                raise BundleError("A bundle is damaged: a record's contents do not match the record.")
            if state.new_merge is not None:
                m = state.new_merge
                merge_rows.append(self._merge_record(table, row_id, m))
                stats.merges += 1
                head_hlc = m.hlc
            else:
                head_hlc = graph.nodes[state.head].hlc
            resolved = graph.resolutions()
            for cid, mr, c in found:
                res = resolved.get(cid)
                conflict_rows.append({
                    "id": cid, "table_name": table, "row_id": row_id, "field": c.field,
                    "merge_version_id": mr.version_id, "hlc": mr.hlc,
                    "base_value": json.dumps(c.base_value, ensure_ascii=False),
                    "candidates": json.dumps([x.to_json() for x in c.candidates], ensure_ascii=False),
                    "provisional": json.dumps(c.provisional, ensure_ascii=False),
                    "status": "resolved" if res else "open", "resolution_version_id": res,
                })
            cur = current.get(table, {})
            exists = row_id in cur
            if exists and cur[row_id] == state.head and key not in pending:
                continue  # already in this state
            targets.append(_Target(table, row_id, state.head, head_hlc, dict(state.snapshot), exists, state.incomplete))
        if merge_rows:
            for chunk in chunks(merge_rows, 5000):
                insert_versions(self.conn, list(chunk))
        self._replace_conflicts(rows, conflict_rows)
        after_open = {r["id"] for r in conflict_rows if r["status"] == "open"}
        stats.conflicts += len(after_open - before_open)
        return targets

    def _merge_record(self, table: str, row_id: str, m: mergemod.MergeResult) -> dict[str, Any]:
        from app.persistence.versioning import canonical_json

        return {
            "version_id": m.version_id, "table_name": table, "row_id": row_id,
            "parent_version_id": m.parents[0], "merge_parents": json.dumps(list(m.parents[1:])),
            "hlc": m.hlc, "device_code": mergemod.MERGE_DEVICE, "author_id": None,
            "author_name": mergemod.MERGE_AUTHOR, "deleted": bool(m.snapshot.get("deleted")),
            "snapshot": canonical_json(m.snapshot), "created_at": self.now, "exported": False, "resolves": None,
        }

    def _open_conflicts(self, rows: list[tuple[str, str]]) -> set[str]:
        found: set[str] = set()
        for table in {t for t, _ in rows}:
            ids = [r for t, r in rows if t == table]
            for chunk in chunks(ids):
                found.update(self.conn.execute(
                    select(Conflict.id).where(
                        Conflict.table_name == table, Conflict.row_id.in_(chunk), Conflict.status == "open"
                    )
                ).scalars())
        return found

    def _replace_conflicts(self, rows: list[tuple[str, str]], conflict_rows: list[dict[str, Any]]) -> None:
        for table in {t for t, _ in rows}:
            ids = [r for t, r in rows if t == table]
            for chunk in chunks(ids):
                self.conn.execute(delete(Conflict).where(Conflict.table_name == table, Conflict.row_id.in_(chunk)))
        if conflict_rows:
            unique = {r["id"]: r for r in conflict_rows}
            self.conn.execute(insert(Conflict), list(unique.values()))
