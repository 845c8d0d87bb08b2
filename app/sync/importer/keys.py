"""Stage 4 of an import, what two installations may both issue: natural keys (case and
certificate numbers, device codes) shared by several rows are marked and settled
(``NaturalKeys``); of several links between one certificate and one case, all but one are
superseded (``LinkSettler``)."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import update

from app.persistence.versioning import canonical_json, insert_versions
from app.sync import merge as mergemod
from app.sync.importer.base import LINKS, ImportState, Stats, _Target, chunks
from app.sync.importer.merging import RowMerger
from app.sync.importer.records import VersionLog
from app.sync.tables import table_info


def superseding_version_id(version_id: str) -> str:
    """The deletion that supersedes a live version of a link row that does not carry its pair."""
    return str(uuid.uuid5(mergemod.NAMESPACE, f"superseded:{version_id}"))


class NaturalKeys(ImportState):
    """Natural keys two installations may both issue: every row holding a shared value is kept
    and marked (``key_clash``), and the groups are kept for the probable duplicates."""

    # --- natural keys two installations may both issue ------------------------------------------

    def _prepare_keys(self, table: str, key: str, items: list[_Target]) -> tuple[dict[str, bool], list[Any]]:
        """Before ``items`` are written: mark the rows that will share a value with them, and say
        which mark each item is written with. Returns the marks and the values to settle once
        written (none when no value is or was shared)."""
        new_value = {t.row_id: t.snapshot.get(key) for t in items}
        old = self._old_keys[table]
        values = set(new_value.values())
        values.update(old[t.row_id] for t in items if t.exists and t.row_id in old)
        values.discard(None)
        holders = self._in(f"SELECT id, {key}, key_clash FROM {table} WHERE {key} IN ?", sorted(values))
        members: dict[Any, set[str]] = defaultdict(set)
        holding: dict[Any, set[str]] = defaultdict(set)
        for row_id, value, _clash in holders:
            holding[value].add(row_id)
            if row_id not in new_value:
                members[value].add(row_id)
        for row_id, value in new_value.items():
            members[value].add(row_id)
        shared = {v for v, m in members.items() if len(m) > 1}
        mark_now = sorted(r for r, v, clash in holders if r not in new_value and v in shared and not clash)
        if mark_now:
            self._set_clash(table, mark_now, True)
        # Alone with its value: written unmarked, unless another row holds the value right now
        # (values changing hands within the batch): then marked until settled below.
        flags = {r: v in shared or bool(holding.get(v, set()) - {r}) for r, v in new_value.items()}
        if shared or any(flags.values()) or any(clash for _r, _v, clash in holders):
            return flags, sorted(values)
        return flags, []

    def _settle_keys(self, table: str, key: str, values: list[Any]) -> None:
        """Mark exactly the rows that share one of ``values`` with another row (the rows as now
        written: a row held for a missing reference shares nothing yet)."""
        round_col = ", round_id" if table == "cases" else ", NULL"
        rows = self._in(f"SELECT id, {key}, key_clash, deleted{round_col} FROM {table} WHERE {key} IN ?", values)
        groups: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            groups[row[1]].append(row)
        on: list[str] = []
        off: list[str] = []
        for value, group in groups.items():
            shared = len(group) > 1
            for row_id, _v, clash, _deleted, _round in group:
                if bool(clash) != shared:
                    (on if shared else off).append(row_id)
                self._settled[table].add(row_id)
            live = sorted((r[0], r[4]) for r in group if not r[3])
            if shared and len(live) > 1:
                self._shared[table][value] = live
        if off:
            self._set_clash(table, sorted(off), False)
        if on:
            self._set_clash(table, sorted(on), True)

    def _set_clash(self, table: str, ids: list[str], value: bool) -> None:
        t = table_info(table).table
        for chunk in chunks(ids):
            self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(key_clash=value))


class LinkSettler(VersionLog, RowMerger):
    """Two links between one certificate and one case."""

    def _supersede_links(self, items: list[_Target], stats: Stats) -> list[_Target]:
        """Of several link rows naming the same certificate and case, the one with the smallest
        id carries the pair; every live version the others' authors made gets a deletion derived
        from it (the same on every replica, in any order of arrival), which travels like any
        version. So the others are tombstones whatever arrives later, and nothing is lost: they
        keep every version they had, and the pair stays listed as the row that carries it says."""
        pairs = {t.row_id: (t.snapshot.get("certificate_id"), t.snapshot.get("case_id")) for t in items}
        certificates = sorted({c for c, _ in pairs.values() if c})
        groups: dict[tuple[Any, Any], set[str]] = defaultdict(set)
        for row_id, cert, case in self._in(
            f"SELECT id, certificate_id, case_id FROM {LINKS} WHERE certificate_id IN ?", certificates
        ):
            groups[(cert, case)].add(row_id)
        for row_id, pair in pairs.items():
            groups[pair].add(row_id)
        losers = sorted(r for g in groups.values() if len(g) > 1 for r in g if r != min(g))
        if not losers:
            return items
        live = self._in(
            f"SELECT row_id, version_id, snapshot, hlc FROM row_versions WHERE table_name = '{LINKS}' "
            f"AND deleted = {'0' if self.sqlite else 'false'} AND merge_parents IS NULL AND row_id IN ?",
            losers,
        )
        wanted = {superseding_version_id(vid): (row_id, vid, snap, hlc) for row_id, vid, snap, hlc in live}
        known = self._known_versions(sorted(wanted))
        records = []
        for vid in sorted(set(wanted) - known):
            row_id, parent, snapshot_text, hlc = wanted[vid]
            snapshot = json.loads(snapshot_text)
            snapshot["deleted"] = True
            records.append({
                "version_id": vid, "table_name": LINKS, "row_id": row_id, "parent_version_id": parent,
                "merge_parents": None, "hlc": hlc, "device_code": mergemod.MERGE_DEVICE, "author_id": None,
                "author_name": mergemod.MERGE_AUTHOR, "deleted": True, "snapshot": canonical_json(snapshot),
                "created_at": self.now, "exported": False, "resolves": None,
            })
        if records:
            insert_versions(self.conn, records)
        superseded = set(losers)
        again = self._recompute([(LINKS, r) for r in losers], {}, stats, self._pend)
        for t in again:
            # Complete, a superseded row is deleted (merge versions are see-through, and each of
            # its live authored versions has its deletion). While part of its history is still
            # missing, its provisional state may be a live merge version: shown deleted too.
            if t.incomplete and not t.snapshot.get("deleted"):
                t._snapshot = dict(t.snapshot, deleted=True)
        return [t for t in items if t.row_id not in superseded] + again
