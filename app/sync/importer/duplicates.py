"""Stage 5 of an import: probable duplicates flagged (cases with the same tag in a round or the
same bag in a transport unit, rounds with the same code, users with the same name, natural keys
two installations both issued), and open flags whose two records no longer look alike dropped."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select, update

from app.domain import normalize_tag
from app.persistence.models import DuplicateDecision, ProbableDuplicate
from app.sync import merge as mergemod
from app.sync.importer.base import DUPLICATE_KEYS, ImportState, _Target, chunks
from app.sync.tables import NATURAL_KEYS, SHARED_KEY_REASONS


def duplicate_pair_id(table: str, a: str, b: str) -> str:
    lo, hi = sorted((a, b))
    return str(uuid.uuid5(mergemod.NAMESPACE, f"duplicate:{table}:{lo}:{hi}"))


class DuplicateFinder(ImportState):
    """Flags probable duplicates among the rows an import wrote."""

    def _flag_duplicates(self, written: list[_Target]) -> int:
        from app.persistence.models import Case, Round, User

        found: dict[str, dict[str, Any]] = {}

        def add(table: str, ids: Iterable[str], reason: str, scope: str | None) -> None:
            group = sorted(set(ids))
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    pid = duplicate_pair_id(table, a, b)
                    entry = found.setdefault(
                        pid, {"id": pid, "table_name": table, "row_a": a, "row_b": b, "scope_id": scope, "reasons": set()}
                    )
                    entry["reasons"].add(reason)

        before = self._case_keys
        changed = [
            t for t in written
            if t.table == "cases"
            and (t.row_id not in before or before[t.row_id] != tuple(map(t.snapshot.get, DUPLICATE_KEYS)))
        ]
        cases = [t for t in changed if not t.snapshot.get("deleted")]
        touched_rounds: set[str] = {str(t.snapshot["round_id"]) for t in cases if t.snapshot.get("round_id")}
        stale_rounds = {str(t.snapshot["round_id"]) for t in changed if t.snapshot.get("round_id")}
        stale_rounds |= {str(self._case_keys[t.row_id][0]) for t in changed if t.row_id in self._case_keys}
        units: set[str] = {
            str(t.snapshot["transport_unit_id"]) for t in cases
            if t.snapshot.get("bag_number") and t.snapshot.get("transport_unit_id")
        }
        # Which tags (bags) occur twice is read from the index alone; only those are looked up.
        for rid in sorted(touched_rounds):
            tags = [r[0] for r in self.conn.exec_driver_sql(
                _sql(self.sqlite, "SELECT sender_tag_norm FROM cases WHERE round_id = :r AND sender_tag_norm != '' "
                     "GROUP BY sender_tag_norm HAVING count(*) > 1"), _params(self.sqlite, r=rid),
            )]
            if not tags:
                continue
            groups: dict[str, list[str]] = defaultdict(list)
            for chunk in chunks(tags):
                for cid, tag in self.conn.execute(
                    select(Case.id, Case.sender_tag_norm).where(
                        Case.round_id == rid, Case.sender_tag_norm.in_(chunk), Case.deleted.is_(False)
                    )
                ):
                    groups[tag].append(cid)
            for ids in groups.values():
                if len(ids) > 1:
                    add("cases", ids, "same_tag", rid)
        for unit in sorted(units):
            # a unit holds tens of bags: read them all and compare the numbers as a person reads
            # them (look-alike letters, a scanner in the other layout; see app.lookalikes)
            groups = defaultdict(list)
            round_of: dict[str, str] = {}
            for cid, bag, rid in self.conn.execute(
                select(Case.id, Case.bag_number, Case.round_id)
                .where(Case.transport_unit_id == unit, Case.bag_number != "", Case.deleted.is_(False))
                .order_by(Case.id)
            ):
                groups[normalize_tag(bag)].append(cid)
                round_of[cid] = rid
            for ids in groups.values():
                if len(ids) > 1:
                    add("cases", ids, "same_bag", round_of[ids[0]])
        # natural keys shared by two installations (found while writing; see _settle_keys)
        for table, shared in self._shared.items():
            for members in shared.values():
                add(table, [m[0] for m in members], SHARED_KEY_REASONS[table], members[0][1])
        codes = {t.snapshot.get("code") for t in written if t.table == "rounds" and not t.snapshot.get("deleted")}
        codes.discard(None)
        if codes:
            groups = defaultdict(list)
            for chunk in chunks(sorted(c for c in codes if isinstance(c, str))):
                for rid, code in self.conn.execute(
                    select(Round.id, Round.code).where(Round.code.in_(chunk), Round.deleted.is_(False))
                ):
                    groups[code].append(rid)
            for ids in groups.values():
                if len(ids) > 1:
                    add("rounds", ids, "same_code", None)
        names = {t.snapshot.get("username") for t in written if t.table == "users" and not t.snapshot.get("deleted")}
        names.discard(None)
        if names:
            groups = defaultdict(list)
            for chunk in chunks(sorted(n for n in names if isinstance(n, str))):
                for uid, name in self.conn.execute(
                    select(User.id, User.username).where(User.username.in_(chunk), User.deleted.is_(False))
                ):
                    groups[name].append(uid)
            for ids in groups.values():
                if len(ids) > 1:
                    add("users", ids, "same_username", None)
        decided = [t for t in written if t.table == "duplicate_decisions"]
        self._drop_stale_flags(stale_rounds, {t.row_id for t in changed})
        added = 0
        existing: dict[str, tuple[str, str]] = {}
        ids = sorted(found)
        for pid, reasons, status in self._in("SELECT id, reasons, status FROM probable_duplicates WHERE id IN ?", ids):
            existing[pid] = (reasons, status)
        decisions = self._decisions(ids)
        new_rows = []
        for pid, entry in found.items():
            reasons = ",".join(sorted(entry["reasons"]))
            if pid in existing:
                old = set(existing[pid][0].split(","))
                if not entry["reasons"] <= old:
                    self.conn.execute(
                        update(ProbableDuplicate).where(ProbableDuplicate.id == pid)
                        .values(reasons=",".join(sorted(old | entry["reasons"])))
                    )
                continue
            status = decisions.get(pid, "open")
            new_rows.append(dict(entry, reasons=reasons, status=status, detected_at=self.now))
            if status == "open":
                added += 1
        if new_rows:
            self.conn.execute(insert(ProbableDuplicate), new_rows)
        if decided:
            for t in decided:
                status = "open" if t.snapshot.get("deleted") else str(t.snapshot.get("decision") or "open")
                self.conn.execute(
                    update(ProbableDuplicate).where(ProbableDuplicate.id == t.row_id).values(status=status)
                )
        return added

    def _decisions(self, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(ids):
            for pid, decision in self.conn.execute(
                select(DuplicateDecision.id, DuplicateDecision.decision).where(
                    DuplicateDecision.id.in_(chunk), DuplicateDecision.deleted.is_(False)
                )
            ):
                found[pid] = decision
        return found

    def _drop_stale_flags(self, rounds: set[str], cases: set[str]) -> None:
        """Open flags whose two records no longer look alike: case flags in the touched rounds or
        on the changed cases, and flags of shared natural keys on rows whose state was settled."""
        if not self.conn.exec_driver_sql(
            "SELECT 1 FROM probable_duplicates WHERE status = 'open' LIMIT 1"
        ).first():
            return  # no open flag to look at (the usual case at a first import)
        flags: dict[str, tuple[str, str, str, str]] = {}
        for pid, table, a, b, reasons in self._in(
            "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
            "WHERE table_name = 'cases' AND status = 'open' AND scope_id IN ?", sorted(rounds),
        ):
            flags[pid] = (table, a, b, reasons)
        watched = sorted(cases)
        for column in ("row_a", "row_b"):
            for pid, table, a, b, reasons in self._in(
                "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
                f"WHERE table_name = 'cases' AND status = 'open' AND {column} IN ?", watched,
            ):
                flags[pid] = (table, a, b, reasons)
        for table, settled in self._settled.items():
            if table == "cases" or not settled:
                continue
            for column in ("row_a", "row_b"):
                for pid, tname, a, b, reasons in self._in(
                    "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
                    f"WHERE table_name = '{table}' AND status = 'open' AND {column} IN ?", sorted(settled),
                ):
                    flags[pid] = (tname, a, b, reasons)
        if not flags:
            return
        stale: list[str] = []
        by_table: dict[str, list[str]] = defaultdict(list)
        for pid, (table, a, b, _r) in flags.items():
            by_table[table].extend((pid, a, b))
        for table in sorted({f[0] for f in flags.values()}):
            key = NATURAL_KEYS.get(table)
            ids = sorted({x for pid, (t, a, b, _r) in flags.items() if t == table for x in (a, b)})
            if table == "cases":
                cols = "id, round_id, sender_tag_norm, transport_unit_id, bag_number, deleted, case_number"
            else:
                cols = f"id, NULL, NULL, NULL, NULL, deleted, {key}"
            info = {row[0]: tuple(row[1:]) for row in self._in(f"SELECT {cols} FROM {table} WHERE id IN ?", ids)}
            for pid, (t, a, b, _r) in flags.items():
                if t != table:
                    continue
                x, y = info.get(a), info.get(b)
                if x is None or y is None or x[4] or y[4]:
                    stale.append(pid)
                    continue
                same_tag = x[0] == y[0] and bool(x[1]) and x[1] == y[1]
                same_bag = bool(x[2]) and x[2] == y[2] and bool(x[3]) and normalize_tag(x[3]) == normalize_tag(y[3])
                same_key = x[5] is not None and x[5] == y[5]
                if not (same_tag or same_bag or same_key):
                    stale.append(pid)
        for chunk in chunks(sorted(stale)):
            self.conn.execute(delete(ProbableDuplicate).where(ProbableDuplicate.id.in_(chunk)))


def _sql(sqlite: bool, statement: str) -> str:
    """A statement with ``:name`` parameters in the driver's own style."""
    import re

    return re.sub(r":(\w+)", r"?" if sqlite else r"%(\1)s", statement)


def _params(sqlite: bool, **values: Any) -> Any:
    return tuple(values.values()) if sqlite else values
