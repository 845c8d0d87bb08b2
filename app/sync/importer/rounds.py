"""Stage 1 of an import: the versions of rounds this device does not receive are left out (when
it receives only some: ``sync_receive_rounds``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.persistence.models import RowVersion
from app.sync.importer.base import ImportState, Stats, chunks
from app.sync.tables import round_scope


class RoundFilter(ImportState):
    """Keeps the versions of the rounds this device receives (and of what belongs to no round)."""

    def _filter_rounds(self, records: list[dict[str, Any]], stats: Stats) -> list[dict[str, Any]]:
        from app.persistence.models import Case, Certificate, Round

        codes = self.round_codes or set()
        allowed: set[str] = set()
        for chunk in chunks(sorted(codes)):
            allowed.update(self.conn.execute(select(Round.id).where(Round.code.in_(chunk))).scalars())
        allowed.update(
            self.conn.execute(
                select(RowVersion.row_id).where(
                    RowVersion.table_name == "rounds", RowVersion.parent_version_id.is_(None),
                    RowVersion.device_code == self.local_device,
                )
            ).scalars()
        )
        snaps: dict[str, dict[str, Any]] = {}

        def snap(rec: dict[str, Any]) -> dict[str, Any]:
            vid = rec["version_id"]
            if vid not in snaps:
                snaps[vid] = json.loads(rec["snapshot"])
            return snaps[vid]

        for rec in records:
            if rec["table"] == "rounds" and snap(rec).get("code") in codes:
                allowed.add(rec["row_id"])
        owner_round: dict[str, dict[str, str | None]] = {"cases": {}, "certificates": {}}
        for rec in records:
            if rec["table"] in owner_round:
                owner_round[rec["table"]][rec["row_id"]] = snap(rec).get("round_id")
        wanted: dict[str, set[str]] = {"cases": set(), "certificates": set()}
        for rec in records:
            scope = round_scope(rec["table"])
            if scope and scope[0] == "via":
                ref = snap(rec).get(scope[1])
                if ref and ref not in owner_round[scope[2]]:
                    wanted[scope[2]].add(ref)
        for table, model in (("cases", Case), ("certificates", Certificate)):
            ids = sorted(wanted[table])
            for chunk in chunks(ids):
                for rid, owner in self.conn.execute(
                    select(model.id, model.round_id).where(model.id.in_(chunk))  # type: ignore[attr-defined]
                ):
                    owner_round[table][rid] = owner
        kept = []
        for rec in records:
            scope = round_scope(rec["table"])
            if scope is None:
                kept.append(rec)
                continue
            round_id: str | None
            if scope[0] == "self":
                round_id = rec["row_id"]
            elif scope[0] == "field":
                round_id = snap(rec).get(scope[1])
                if round_id is None:
                    kept.append(rec)
                    continue
            else:
                ref = snap(rec).get(scope[1])
                if ref is None:
                    kept.append(rec)
                    continue
                if ref not in owner_round[scope[2]]:
                    stats.skipped_other_rounds += 1
                    continue
                round_id = owner_round[scope[2]][ref]
                if round_id is None:
                    kept.append(rec)
                    continue
            if round_id in allowed:
                kept.append(rec)
            else:
                stats.skipped_other_rounds += 1
        return kept
