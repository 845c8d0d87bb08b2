"""The version DAG of one row and its deterministic merge (pure Python, no database).

Every version names its parent(s). A row whose known versions have one *authored* maximum is in
that version's state. When concurrent edits leave several, the row's state is a **merge
version**: its id is derived from the sorted ids of the versions it merges, its clock is the
latest of theirs and its snapshot is a per-field three-way merge, so every replica that knows
the same versions computes the same merge version, byte for byte. That makes the merge
idempotent, commutative and associative.

Merge versions are transparent when finding the maximal versions: a merge version that is not
an ancestor of any authored version is replaced by the versions it merged. So a merge computed
on the way (say of two of three concurrent edits) never changes the final result.

Per field, a head's value *survives* unless another head holds a different value and the first
one did not write the field since the two parted (so its value is the one they shared before):
then the other head's value wins. "Written" means a version on that head's side set the field,
even back to the value it had before (an edit undone is still an edit), and a supervisor's
resolution writes the field it settles. One surviving value is taken; several make a
**conflict**: the provisional value is the one of the head with the greatest (clock, version
id), and every competing value is kept in the conflict record (and in the version log). A
deletion on one side and an edit on the other is always a conflict on ``deleted`` with the
deletion as provisional value.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.persistence import chain
from app.persistence.versioning import canonical_json

NAMESPACE = uuid.UUID("6f0d6a52-8d0e-4d53-9a55-1c0a2b7e5a31")
MERGE_DEVICE = chain.MERGE_DEVICE
MERGE_AUTHOR = "merge"

# Fields that describe the save, not the record: never a conflict.
META_FIELDS = frozenset({"id", "created_at", "updated_at", "updated_by"})
# Search forms kept beside a source field; they follow the source field's merged value.
DERIVED_FIELDS: dict[str, dict[str, str]] = {
    "cases": {
        "sender_tag_norm": "sender_tag",
        "claimed_name_norm": "claimed_name",
        "established_name_norm": "established_name",
    },
    "manifest_lines": {"sender_tag_norm": "sender_tag", "claimed_name_norm": "claimed_name"},
}


def merge_version_id(heads: Iterable[str]) -> str:
    return str(uuid.uuid5(NAMESPACE, "merge:" + ",".join(sorted(heads))))


def conflict_id(merge_id: str, field_name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"conflict:{merge_id}:{field_name}"))


def _key(value: Any) -> str:
    return canonical_json(value)


def _equal(a: Any, b: Any) -> bool:
    if type(a) is type(b) and not isinstance(a, dict | list):
        return bool(a == b)
    return _key(a) == _key(b)


@dataclass(slots=True)
class Node:
    """One row version as the merge sees it."""

    version_id: str
    parents: tuple[str, ...]
    hlc: str
    snapshot_text: str
    is_merge: bool = False
    device_code: str = ""
    author_name: str = ""
    resolves: tuple[tuple[str, str], ...] = ()  # (conflict id, field) settled by this version
    _snapshot: dict[str, Any] | None = None

    @property
    def snapshot(self) -> dict[str, Any]:
        if self._snapshot is None:
            value = json.loads(self.snapshot_text)
            if not isinstance(value, dict):
                raise ValueError("a snapshot is not a JSON object")
            self._snapshot = value
        return self._snapshot

    @property
    def order(self) -> tuple[str, str]:
        return (self.hlc, self.version_id)


@dataclass(frozen=True)
class Candidate:
    version_id: str
    value: Any
    author: str
    device: str
    hlc: str

    def to_json(self) -> dict[str, Any]:
        return {"version_id": self.version_id, "value": self.value, "author": self.author,
                "device": self.device, "hlc": self.hlc}


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base_value: Any
    candidates: tuple[Candidate, ...]
    provisional: Any


@dataclass
class MergeResult:
    version_id: str
    parents: tuple[str, ...]  # sorted
    hlc: str
    snapshot: dict[str, Any]
    conflicts: list[FieldConflict] = field(default_factory=list)


@dataclass
class RowState:
    """What the row's table state should be."""

    head: str  # the version whose snapshot is the state (authored, or a merge version)
    snapshot: dict[str, Any]
    new_merge: MergeResult | None  # a merge version to add to the log
    incomplete: bool  # several heads, but part of their history is missing: provisional


class RowGraph:
    """The known versions of one row."""

    def __init__(self, table: str, nodes: Iterable[Node]) -> None:
        self.table = table
        self.nodes: dict[str, Node] = {}
        for n in nodes:
            self.nodes.setdefault(n.version_id, n)
        self._anc: dict[str, frozenset[str]] = {}
        self._incomplete: dict[str, bool] = {}
        self._bases: dict[frozenset[str], dict[str, Any] | None] = {}
        self._merges: dict[frozenset[str], MergeResult] = {}
        self._changed: dict[str, frozenset[str]] = {}
        self._since: dict[tuple[str, str], frozenset[str]] = {}

    # --- ancestry -----------------------------------------------------------------------------

    def _compute(self, start: str) -> None:
        """Ancestor sets (inclusive) and completeness, iteratively; a cycle counts as missing."""
        stack: list[tuple[str, bool]] = [(start, False)]
        on_path: set[str] = set()
        while stack:
            vid, done = stack.pop()
            if vid in self._anc:
                continue
            node = self.nodes[vid]
            if not done:
                on_path.add(vid)
                stack.append((vid, True))
                for p in node.parents:
                    if p in self.nodes and p not in self._anc and p not in on_path:
                        stack.append((p, False))
                continue
            on_path.discard(vid)
            anc = {vid}
            incomplete = False
            for p in node.parents:
                if p not in self.nodes or p not in self._anc:  # unknown, or a cycle
                    incomplete = True
                    continue
                anc |= self._anc[p]
                incomplete = incomplete or self._incomplete[p]
            self._anc[vid] = frozenset(anc)
            self._incomplete[vid] = incomplete

    def ancestors(self, vid: str) -> frozenset[str]:
        if vid not in self._anc:
            self._compute(vid)
        return self._anc[vid]

    def is_complete(self, vids: Iterable[str]) -> bool:
        ok = True
        for v in vids:
            self.ancestors(v)
            ok = ok and not self._incomplete[v]
        return ok

    def maximal(self, vids: Iterable[str]) -> list[str]:
        s = sorted(set(vids))
        return [x for x in s if not any(y != x and x in self.ancestors(y) for y in s)]

    def heads(self) -> list[str]:
        referenced = {p for n in self.nodes.values() for p in n.parents}
        return sorted(v for v in self.nodes if v not in referenced)

    def frontier(self) -> list[str]:
        """The maximal authored versions (merge versions are see-through)."""
        expanded: set[str] = set()
        seen: set[str] = set()
        stack = self.heads()
        while stack:
            vid = stack.pop()
            if vid in seen:
                continue
            seen.add(vid)
            node = self.nodes[vid]
            if node.is_merge and node.parents and all(p in self.nodes for p in node.parents):
                stack.extend(node.parents)
            else:
                expanded.add(vid)
        return self.maximal(expanded)

    # --- merging ------------------------------------------------------------------------------

    def _base(self, vids: frozenset[str]) -> dict[str, Any] | None:
        """The snapshot at the common ancestor of ``vids`` (a virtual merge when there are several)."""
        if vids in self._bases:
            return self._bases[vids]
        common: set[str] | None = None
        for v in vids:
            anc = self.ancestors(v)
            common = set(anc) if common is None else common & anc
        best = self.maximal(common or ())
        if not best:
            base = None
        elif len(best) == 1:
            base = self.nodes[best[0]].snapshot
        else:
            base = self.merge(best).snapshot
        self._bases[vids] = base
        return base

    def changed_fields(self, vid: str) -> frozenset[str]:
        """The fields a version wrote: those that differ from its parent's, and those of the
        conflicts it settles. A merge version writes nothing; a first version writes everything."""
        if vid in self._changed:
            return self._changed[vid]
        node = self.nodes[vid]
        if node.is_merge:
            out: frozenset[str] = frozenset()
        else:
            parent = next((p for p in node.parents if p in self.nodes), None)
            snap = node.snapshot
            if parent is None:
                out = frozenset(snap)
            else:
                before = self.nodes[parent].snapshot
                names = set(snap) | set(before)
                out = frozenset(k for k in names if not _equal(snap.get(k), before.get(k)))
            out |= {f for _, f in node.resolves}
        self._changed[vid] = out
        return out

    def written_since(self, x: str, y: str) -> frozenset[str]:
        """The fields x's side wrote since x and y parted (versions x has and y has not)."""
        key = (x, y)
        if key not in self._since:
            fields: set[str] = set()
            for v in self.ancestors(x) - self.ancestors(y):
                fields |= self.changed_fields(v)
            self._since[key] = frozenset(fields)
        return self._since[key]

    def merge(self, heads: Sequence[str]) -> MergeResult:
        key = frozenset(heads)
        if key in self._merges:
            return self._merges[key]
        ordered = sorted(heads, key=lambda v: self.nodes[v].order)
        snaps = {v: self.nodes[v].snapshot for v in ordered}
        latest = ordered[-1]
        derived = DERIVED_FIELDS.get(self.table, {})
        base_all = self._base(key) or {}
        names: list[str] = []
        for v in ordered:
            for k in snaps[v]:
                if k not in names:
                    names.append(k)
        result: dict[str, Any] = {}
        conflicts: list[FieldConflict] = []
        for name in names:
            if name in META_FIELDS or name in derived:
                continue
            values = {v: snaps[v].get(name) for v in ordered}
            keys = {v: _key(values[v]) for v in ordered}
            if len(set(keys.values())) == 1:
                result[name] = values[latest]
                continue
            survivors = [
                x for x in ordered
                if not any(
                    keys[y] != keys[x] and name not in self.written_since(x, y) for y in ordered if y != x
                )
            ] or list(ordered)
            if len({keys[x] for x in survivors}) == 1:
                result[name] = values[survivors[0]]
                continue
            winner = survivors[-1]
            result[name] = values[winner]
            conflicts.append(
                FieldConflict(
                    name, base_all.get(name),
                    tuple(self._candidate(x, values[x]) for x in survivors), values[winner],
                )
            )
        self._tombstone_rule(ordered, snaps, result, conflicts, base_all, derived)
        for name, source in derived.items():
            if not any(name in snaps[v] for v in ordered):
                continue
            target = _key(result.get(source))
            supplier = [v for v in ordered if _key(snaps[v].get(source)) == target]
            result[name] = snaps[(supplier or ordered)[-1]].get(name)
        result["id"] = snaps[latest].get("id")
        for name in ("created_at", "updated_by"):
            if any(name in snaps[v] for v in ordered):
                result[name] = snaps[latest].get(name)
        if any("updated_at" in snaps[v] for v in ordered):
            stamps = [str(snaps[v]["updated_at"]) for v in ordered if snaps[v].get("updated_at") is not None]
            result["updated_at"] = max(stamps) if stamps else None
        merged = MergeResult(
            merge_version_id(key), tuple(sorted(key)), max(self.nodes[v].hlc for v in key), result, conflicts
        )
        self._merges[key] = merged
        return merged

    def _candidate(self, vid: str, value: Any) -> Candidate:
        n = self.nodes[vid]
        return Candidate(vid, value, n.author_name, n.device_code, n.hlc)

    def _tombstone_rule(
        self,
        ordered: list[str],
        snaps: dict[str, dict[str, Any]],
        result: dict[str, Any],
        conflicts: list[FieldConflict],
        base_all: dict[str, Any],
        derived: dict[str, str],
    ) -> None:
        """A deletion against a concurrent edit is a conflict on ``deleted`` (provisional: deleted)."""
        if any(c.field == "deleted" for c in conflicts):
            return
        deleters: set[str] = set()
        editors: set[str] = set()
        for d in ordered:
            if not snaps[d].get("deleted"):
                continue
            for e in ordered:
                if e == d or snaps[e].get("deleted") or "deleted" not in self.written_since(d, e):
                    continue  # only a deletion made since they parted competes with e's edits
                edited = any(
                    k not in META_FIELDS and k not in derived and k != "deleted" for k in self.written_since(e, d)
                )
                if edited:
                    deleters.add(d)
                    editors.add(e)
        if not deleters:
            return
        result["deleted"] = True
        competing = sorted(deleters | editors, key=lambda v: self.nodes[v].order)
        conflicts.append(
            FieldConflict(
                "deleted", base_all.get("deleted", False),
                tuple(self._candidate(x, bool(snaps[x].get("deleted"))) for x in competing), True,
            )
        )

    # --- the row's state ----------------------------------------------------------------------

    def state(self) -> RowState:
        front = self.frontier()
        if not front:  # only a cycle of versions: keep the latest, wait for the rest
            latest = max(self.nodes.values(), key=lambda n: n.order)
            return RowState(latest.version_id, latest.snapshot, None, True)
        if len(front) == 1:
            return RowState(front[0], self.nodes[front[0]].snapshot, None, False)
        if not self.is_complete(front):
            latest = max((self.nodes[v] for v in front), key=lambda n: n.order)
            return RowState(latest.version_id, latest.snapshot, None, True)
        merged = self.merge(front)
        stored = self.nodes.get(merged.version_id)
        if stored is not None:
            return RowState(stored.version_id, stored.snapshot, None, False)
        return RowState(merged.version_id, merged.snapshot, merged, False)

    def conflicts(self, state: RowState) -> list[tuple[str, MergeResult, FieldConflict]]:
        """The conflicts of every merge this row's state rests on: (conflict id, merge, conflict)."""
        front = [state.head] if state.incomplete else self.frontier()
        relevant: set[str] = set()
        for v in front:
            relevant |= {a for a in self.ancestors(v) if self.nodes[a].is_merge}
        found: list[tuple[str, MergeResult, FieldConflict]] = []
        merges: list[MergeResult] = []
        for m in sorted(relevant):
            node = self.nodes[m]
            if all(p in self.nodes for p in node.parents) and self.is_complete(node.parents):
                merges.append(self.merge(node.parents))
        if not state.incomplete and len(front) > 1:
            merges.append(self.merge(front))
        seen: set[str] = set()
        for mr in merges:
            if mr.version_id in seen:
                continue
            seen.add(mr.version_id)
            for c in mr.conflicts:
                found.append((conflict_id(mr.version_id, c.field), mr, c))
        return found

    def resolutions(self) -> dict[str, str]:
        """Conflict id -> the latest known version that resolves it."""
        best: dict[str, Node] = {}
        for n in self.nodes.values():
            for cid, _ in n.resolves:
                if cid not in best or n.order > best[cid].order:
                    best[cid] = n
        return {cid: n.version_id for cid, n in best.items()}
