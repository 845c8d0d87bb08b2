"""An incoming bundle's versions checked against the hash chains held here, before any is applied.

For each device whose versions the bundle carries, in order of their place in its chain: a
version this database already holds at that place must be the same (same hash); a new one must
follow the device's previous version (held here, skipped here, or earlier in the bundle) and
name its hash; the last must be the head the device signed in the manifest. A gap, a changed
and a removed version are refused, with one sentence naming the device and the place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select

from app.persistence import chain
from app.persistence.models import ChainCheckpoint, ChainSkipped, RowVersion
from app.sync.bundle import BundleError

Position = tuple[str, int]  # (device code, place in its chain)


def signed_heads(manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The chain heads a manifest signs: device -> {"from", "to", "hash"}."""
    chains = manifest.get("chains")
    return dict(chains) if isinstance(chains, dict) else {}


def _held(conn: Connection, device: str, low: int, high: int) -> dict[int, tuple[str, str | None]]:
    """This database's versions (or skipped places) of ``device`` from ``low`` to ``high``:
    place -> (version id, hash)."""
    found: dict[int, tuple[str, str | None]] = {}
    for seq, vid, digest in conn.execute(
        select(RowVersion.chain_seq, RowVersion.version_id, RowVersion.content_hash).where(
            and_(RowVersion.device_code == device, RowVersion.chain_seq.between(low, high))
        )
    ):
        found[int(seq)] = (vid, digest)
    for seq, vid, digest in conn.execute(
        select(ChainSkipped.chain_seq, ChainSkipped.version_id, ChainSkipped.content_hash).where(
            and_(ChainSkipped.device_code == device, ChainSkipped.chain_seq.between(low, high))
        )
    ):
        found.setdefault(int(seq), (vid, digest))
    return found


def _known_elsewhere(conn: Connection, ids: list[str]) -> dict[str, tuple[str, int | None, str | None]]:
    found: dict[str, tuple[str, int | None, str | None]] = {}
    for i in range(0, len(ids), 500):
        for vid, device, seq, digest in conn.execute(
            select(RowVersion.version_id, RowVersion.device_code, RowVersion.chain_seq, RowVersion.content_hash)
            .where(RowVersion.version_id.in_(ids[i : i + 500]))
        ):
            found[vid] = (device, seq, digest)
    return found


def check(conn: Connection, records: list[dict[str, Any]], manifest: Mapping[str, Any], label: str) -> None:
    """Refuse (``BundleError``) a bundle whose versions do not continue the chains held here.
    Gives every record its ``content_hash``."""
    by_device: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        rec["content_hash"] = chain.hash_line(chain.line_of_record(rec))
        seq = rec.get("chain_seq")
        if rec["device"] == chain.MERGE_DEVICE:
            if seq is not None or rec.get("prev_hash") is not None:
                raise BundleError(f"{label} is damaged: a merged record carries a place in a device's chain.")
            continue
        if type(seq) is not int or seq < 1:
            raise BundleError(
                f"{label} is refused: a change of {rec['device']} ({rec['version_id']}) has no place in its "
                "device's chain of records."
            )
        by_device[rec["device"]].append(rec)
    heads = signed_heads(manifest)
    if set(heads) != set(by_device):
        missing = sorted(set(by_device) - set(heads)) or sorted(set(heads) - set(by_device))
        raise BundleError(f"{label} is refused: its signed manifest does not match the changes of {missing[0]}.")
    ids = [r["version_id"] for recs in by_device.values() for r in recs]
    elsewhere = _known_elsewhere(conn, ids)
    for device, recs in sorted(by_device.items()):
        recs.sort(key=lambda r: int(r["chain_seq"]))
        low, high = int(recs[0]["chain_seq"]), int(recs[-1]["chain_seq"])
        held = _held(conn, device, max(1, low - 1), high)
        known: dict[int, str] = {}  # place -> hash, as checked so far
        for rec in recs:
            seq = int(rec["chain_seq"])
            digest = rec["content_hash"]
            if seq in known:
                if known[seq] != digest:
                    raise BundleError(f"{label} is refused: it holds two different versions {seq} of {device}.")
                continue
            other = elsewhere.get(rec["version_id"])
            if other is not None and (other[0], other[1], other[2]) != (device, seq, digest):
                raise BundleError(
                    f"{label} is refused: {device}'s version {seq} ({rec['version_id']}) differs from the "
                    "copy this database holds."
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
                raise BundleError(
                    f"{label} is refused: {device}'s version {seq - 1} is missing before version {seq}; "
                    f"import the earlier bundles of {device} first."
                )
            if rec.get("prev_hash") != expected:
                raise BundleError(
                    f"{label} is refused: {device}'s version {seq} does not follow version {seq - 1}; "
                    "a version was changed, removed or inserted."
                )
            known[seq] = digest
        head = heads[device]
        if not isinstance(head, dict) or head.get("to") != high or head.get("hash") != recs[-1]["content_hash"]:
            raise BundleError(
                f"{label} is refused: {device}'s changes do not end at the head its signed manifest names."
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
        device = rec["device"]
        if device not in tops or seq > tops[device][0]:
            tops[device] = (int(seq), rec["content_hash"])
        if rec["version_id"] not in kept_ids:
            skipped.append({"device_code": device, "chain_seq": seq, "version_id": rec["version_id"],
                            "content_hash": rec["content_hash"]})
    if skipped:
        present: set[Position] = set()
        for device in {s["device_code"] for s in skipped}:
            seqs = [s["chain_seq"] for s in skipped if s["device_code"] == device]
            present.update((device, p) for p in _held(conn, device, min(seqs), max(seqs)))
        fresh = [s for s in skipped if (s["device_code"], s["chain_seq"]) not in present]
        if fresh:
            conn.execute(insert(ChainSkipped), fresh)
    for device, (seq, digest) in tops.items():
        chain.set_head(conn, device, seq, digest)
    for device, head in signed_heads(manifest).items():
        conn.execute(insert(ChainCheckpoint).values(
            bundle_id=bundle_id, device_code=device, chain_seq=int(head["to"]), content_hash=str(head["hash"]),
            recorded_at=now,
        ))
