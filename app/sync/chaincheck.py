"""An incoming bundle's versions checked against the hash chains held here, before any is applied.

For each chain whose versions the bundle carries (one per installation, see
``app.persistence.chain``), in order of their place in it: a version this database already holds
at that place must be the same (same hash); a new one must follow the chain's previous version
(held here, skipped here, or earlier in the bundle) and name its hash; the last must be the head
the manifest signs. A gap, a changed and a removed version are refused, with one sentence naming
the device and the place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select

from app.persistence import chain
from app.persistence.models import ChainCheckpoint, ChainSkipped, RowVersion
from app.sync.bundle.members import BundleError

Position = tuple[str, int]  # (chain, place in it)


class ChainGap(BundleError):
    """The bundle continues a chain after a version that has not arrived here yet: it is held,
    and applied once the earlier bundle is (``app.services.sync.imports``)."""

    def __init__(self, message: str, device: str, missing: int) -> None:
        super().__init__(message)
        self.device = device
        self.missing = missing


def signed_heads(manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The chain heads a manifest signs: chain id -> {"device", "from", "to", "hash"}."""
    chains = manifest.get("chains")
    return dict(chains) if isinstance(chains, dict) else {}


def _held(conn: Connection, chain_id: str, low: int, high: int) -> dict[int, tuple[str, str | None]]:
    """This database's versions (or skipped places) of a chain from ``low`` to ``high``:
    place -> (version id, hash)."""
    found: dict[int, tuple[str, str | None]] = {}
    for seq, vid, digest in conn.execute(
        select(RowVersion.chain_seq, RowVersion.version_id, RowVersion.content_hash).where(
            and_(RowVersion.chain_id == chain_id, RowVersion.chain_seq.between(low, high))
        )
    ):
        found[int(seq)] = (vid, digest)
    for seq, vid, digest in conn.execute(
        select(ChainSkipped.chain_seq, ChainSkipped.version_id, ChainSkipped.content_hash).where(
            and_(ChainSkipped.chain_id == chain_id, ChainSkipped.chain_seq.between(low, high))
        )
    ):
        found.setdefault(int(seq), (vid, digest))
    return found


def _known_elsewhere(conn: Connection, ids: list[str]) -> dict[str, tuple[str, int | None, str | None]]:
    found: dict[str, tuple[str, int | None, str | None]] = {}
    for i in range(0, len(ids), 500):
        for vid, device, seq, digest in conn.execute(
            select(RowVersion.version_id, RowVersion.chain_id, RowVersion.chain_seq, RowVersion.content_hash)
            .where(RowVersion.version_id.in_(ids[i : i + 500]))
        ):
            found[vid] = (device, seq, digest)
    return found


def check(conn: Connection, records: list[dict[str, Any]], manifest: Mapping[str, Any], label: str) -> None:
    """Refuse (``BundleError``) a bundle whose versions do not continue the chains held here.
    Gives every record its ``content_hash``."""
    by_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        rec["content_hash"] = chain.hash_line(chain.line_of_record(rec))
        seq = rec.get("chain_seq")
        if rec["device"] == chain.MERGE_DEVICE:
            if seq is not None or rec.get("prev_hash") is not None or rec.get("chain_id") is not None:
                raise BundleError(f"{label} is damaged: a merged record carries a place in a device's chain.")
            continue
        if type(seq) is not int or seq < 1 or not rec.get("chain_id"):
            raise BundleError(
                f"{label} is refused: a change of {rec['device']} ({rec['version_id']}) has no place in its "
                "device's chain of records."
            )
        by_chain[rec["chain_id"]].append(rec)
    heads = signed_heads(manifest)
    if set(heads) != set(by_chain):
        odd = sorted(set(by_chain) - set(heads)) or sorted(set(heads) - set(by_chain))
        device = by_chain[odd[0]][0]["device"] if odd[0] in by_chain else odd[0]
        raise BundleError(f"{label} is refused: its signed manifest does not match the changes of {device}.")
    ids = [r["version_id"] for recs in by_chain.values() for r in recs]
    elsewhere = _known_elsewhere(conn, ids)
    for chain_id, recs in sorted(by_chain.items()):
        recs.sort(key=lambda r: int(r["chain_seq"]))
        low, high = int(recs[0]["chain_seq"]), int(recs[-1]["chain_seq"])
        held = _held(conn, chain_id, max(1, low - 1), high)
        known: dict[int, str] = {}  # place -> hash, as checked so far
        for rec in recs:
            seq = int(rec["chain_seq"])
            device = rec["device"]
            digest = rec["content_hash"]
            if seq in known:
                if known[seq] != digest:
                    raise BundleError(f"{label} is refused: it holds two different versions {seq} of {device}.")
                continue
            other = elsewhere.get(rec["version_id"])
            if other is not None and other != (chain_id, seq, digest):
                raise BundleError(
                    f"{label} is refused: {device}'s version {seq} ({rec['version_id']}) differs from the "
                    "copy this database holds; the history was changed."
                )
            if seq in held:
                if held[seq][1] != digest:
                    raise BundleError(
                        f"{label} is refused: {device}'s version {seq} differs from the one this database holds; "
                        "the history was changed."
                    )
                known[seq] = digest
                continue
            if seq == 1:
                expected: str | None = None
            elif seq - 1 in known:
                expected = known[seq - 1]
            elif seq - 1 in held:
                expected = held[seq - 1][1]
            else:
                raise ChainGap(
                    f"{label} continues {device}'s records after version {seq - 1}, which has not arrived here "
                    f"yet; it is held and applied as soon as the earlier bundle of {device} is imported.",
                    device, seq - 1,
                )
            if rec.get("prev_hash") != expected:
                raise BundleError(
                    f"{label} is refused: {device}'s version {seq} does not follow version {seq - 1}; "
                    "a version was changed, removed or inserted."
                )
            known[seq] = digest
        head = heads[chain_id]
        if not isinstance(head, dict) or head.get("to") != high or head.get("hash") != recs[-1]["content_hash"]:
            raise BundleError(
                f"{label} is refused: {recs[-1]['device']}'s changes do not end at the head its signed manifest names."
            )


def record(
    conn: Connection,
    records: Iterable[dict[str, Any]],
    kept_ids: set[str],
    manifest: Mapping[str, Any],
    bundle_id: str,
    now: datetime,
) -> None:
    """After a checked bundle was applied: move the chain heads, keep the places of the versions
    not kept here (rounds this installation does not receive), and the signed heads."""
    tops: dict[str, tuple[int, str]] = {}
    skipped: list[dict[str, Any]] = []
    for rec in records:
        seq = rec.get("chain_seq")
        if seq is None:
            continue
        chain_id = rec["chain_id"]
        if chain_id not in tops or seq > tops[chain_id][0]:
            tops[chain_id] = (int(seq), rec["content_hash"])
        if rec["version_id"] not in kept_ids:
            skipped.append({"chain_id": chain_id, "chain_seq": seq, "version_id": rec["version_id"],
                            "content_hash": rec["content_hash"]})
    if skipped:
        present: set[Position] = set()
        for chain_id in {s["chain_id"] for s in skipped}:
            seqs = [s["chain_seq"] for s in skipped if s["chain_id"] == chain_id]
            present.update((chain_id, p) for p in _held(conn, chain_id, min(seqs), max(seqs)))
        fresh = [s for s in skipped if (s["chain_id"], s["chain_seq"]) not in present]
        if fresh:
            conn.execute(insert(ChainSkipped), fresh)
    for chain_id, (seq, digest) in tops.items():
        chain.set_head(conn, chain_id, seq, digest)
    record_checkpoints(conn, bundle_id, signed_heads(manifest), now)


def record_checkpoints(conn: Connection, bundle_id: str, heads: Mapping[str, Mapping[str, Any]], now: datetime) -> None:
    """Keep the chain heads a bundle signed (once per bundle): the log must hold them from now on."""
    if not heads:
        return
    have = set(conn.execute(select(ChainCheckpoint.chain_id).where(ChainCheckpoint.bundle_id == bundle_id)).scalars())
    rows = [
        {"bundle_id": bundle_id, "chain_id": chain_id, "chain_seq": int(head["to"]),
         "content_hash": str(head["hash"]), "recorded_at": now}
        for chain_id, head in sorted(heads.items()) if chain_id not in have
    ]
    if rows:
        conn.execute(insert(ChainCheckpoint), rows)
