"""Trusted devices: this installation's device, the devices known here, a key trusted (and the
bundles held for it imported) or revoked; and the public keys to encrypt for and to check with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app.errors import NotFound, ValidationError
from app.persistence.models import Device, DeviceKey, ImportedBundle, QuarantinedBundle
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.sync.common import (
    CAN_MANAGE_DEVICES,
    SETTING_HQ_PRIVATE,
    _reading,
    _set_setting,
    _setting,
    _transaction,
)
from app.services.sync.imports import _run_import
from app.services.sync.report import STATUS_ALREADY, STATUS_APPLIED, ImportResult
from app.services.sync.trust import _register_key, list_quarantine
from app.sync import crypto


@dataclass(frozen=True)
class DeviceEntry:
    code: str
    name: str
    fingerprint: str
    status: str  # this device | trusted | revoked | unknown
    held_bundles: int
    last_import: datetime | None
    last_sequence: int | None
    public_key: str

@dataclass(frozen=True)
class TrustResult:
    device: DeviceEntry
    imported: ImportResult | None

def this_device(ctx: AppContext) -> DeviceEntry:
    """This installation's device code and key fingerprint (to show, and to compare at the HQ)."""
    ctx.require()
    local = accounts.local_device(ctx.db)
    return DeviceEntry(local.code, local.name, local.fingerprint, "this device", 0, None, None, local.public_key)


def list_devices(ctx: AppContext) -> list[DeviceEntry]:
    ctx.require()
    local = accounts.local_device(ctx.db)
    with _reading(ctx.db) as conn:
        devices = conn.execute(
            select(Device.code, Device.name, Device.public_key).where(Device.deleted.is_(False))
        ).tuples().all()
        keys = conn.execute(select(DeviceKey.device_code, DeviceKey.public_key, DeviceKey.status)).tuples().all()
        held = dict(conn.execute(
            select(QuarantinedBundle.device_code, func.count()).where(QuarantinedBundle.status == "held")
            .group_by(QuarantinedBundle.device_code)
        ).tuples().all())
        held_keys = conn.execute(
            select(QuarantinedBundle.device_code, QuarantinedBundle.public_key).where(QuarantinedBundle.status == "held")
        ).tuples().all()
        imports = {
            code: (at, seq) for code, at, seq in conn.execute(
                select(ImportedBundle.device_code, func.max(ImportedBundle.imported_at), func.max(ImportedBundle.seq_to))
                .group_by(ImportedBundle.device_code)
            ).tuples()
        }
    entries: dict[str, dict[str, Any]] = {}
    for code, name, key in devices:
        entries[code] = {"name": name, "key": key or ""}
    for code, _key in held_keys:
        entries.setdefault(code, {"name": "", "key": _key})
    status_of: dict[str, str] = {}
    for code, key, status in keys:
        entry = entries.setdefault(code, {"name": "", "key": key})
        if status == "trusted" or code not in status_of:
            status_of[code] = status
            entry["key"] = key
    result = []
    for code in sorted(entries):
        e = entries[code]
        status = "this device" if code == local.code else status_of.get(code, "unknown")
        key = local.public_key if code == local.code else e["key"]
        at, seq = imports.get(code, (None, None))
        result.append(DeviceEntry(code, e["name"], crypto.fingerprint(key) if key else "", status,
                                  int(held.get(code, 0)), at, seq, key))
    return result


def _find_device(ctx: AppContext, code: str) -> DeviceEntry:
    code = code.strip().upper()
    for d in list_devices(ctx):
        if d.code == code:
            return d
    raise NotFound(f"There is no device {code} here; import one of its bundles first (it will be held).")


def _norm_fp(text: str) -> str:
    return "".join(text.split()).upper()


def trust_device(
    ctx: AppContext,
    code: str,
    *,
    fingerprint: str | None = None,
    import_held: bool = False,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> TrustResult:
    """Trust device ``code``'s key (compare its fingerprint with the one the laptop shows
    first); with ``import_held``, import the bundles held for it."""
    me = ctx.require(*CAN_MANAGE_DEVICES)
    code = code.strip().upper()
    local = accounts.local_device(ctx.db)
    if code == local.code:
        raise ValidationError(f"{code} is this device; it trusts itself.")
    with _reading(ctx.db) as conn:
        candidates = set(conn.execute(
            select(QuarantinedBundle.public_key).where(
                QuarantinedBundle.device_code == code, QuarantinedBundle.status == "held"
            )
        ).scalars())
        candidates.update(k for k in conn.execute(select(Device.public_key).where(Device.code == code)).scalars() if k)
        candidates.update(conn.execute(select(DeviceKey.public_key).where(DeviceKey.device_code == code)).scalars())
        trusted = set(conn.execute(
            select(DeviceKey.public_key).where(DeviceKey.device_code == code, DeviceKey.status == "trusted")
        ).scalars())
    if fingerprint:
        candidates = {k for k in candidates if _norm_fp(crypto.fingerprint(k)) == _norm_fp(fingerprint)}
        if not candidates:
            raise NotFound(f"No key of {code} here has the fingerprint {fingerprint.strip()}.")
    if not candidates:
        raise NotFound(f"No key is known for {code}: import one of its bundles first (it will be held), then trust it.")
    if len(candidates) > 1:
        raise ValidationError(
            f"{code} has {len(candidates)} different keys here; give the fingerprint the laptop shows to choose one."
        )
    key = candidates.pop()
    others = trusted - {key}
    if others:
        raise ValidationError(
            f"{code} is already trusted with another key ({crypto.fingerprint(next(iter(others)))}); "
            f"revoke it first if that laptop was set up again, and give it a resume file (repat devices "
            f"resume-file {code}) so that its numbers continue after those already issued."
        )
    with _transaction(ctx.db) as conn:
        _register_key(conn, code, key, me.username)
    imported = _import_held_for(ctx, code, progress, token) if import_held else None
    return TrustResult(_find_device(ctx, code), imported)


def revoke_device(ctx: AppContext, code: str) -> DeviceEntry:
    """Stop accepting bundles signed by ``code``'s key (they will be held in quarantine)."""
    me = ctx.require(*CAN_MANAGE_DEVICES)
    code = code.strip().upper()
    local = accounts.local_device(ctx.db)
    if code == local.code:
        raise ValidationError(f"{code} is this device; it cannot be revoked here.")
    with _transaction(ctx.db) as conn:
        keys = set(conn.execute(select(DeviceKey.public_key).where(DeviceKey.device_code == code)).scalars())
        keys.update(k for k in conn.execute(select(Device.public_key).where(Device.code == code)).scalars() if k)
        if not keys:
            raise NotFound(f"There is no device {code} here.")
        for key in keys:
            _register_key(conn, code, key, me.username, status="revoked")
    return _find_device(ctx, code)

def _import_held_for(
    ctx: AppContext, code: str, progress: ProgressCallback, token: CancelToken | None
) -> ImportResult:
    entries = [q for q in list_quarantine(ctx) if q.device_code == code]
    if not entries:
        return ImportResult([])
    missing = [q for q in entries if not Path(q.file_path).exists()]
    if missing:
        raise NotFound(
            f"The held copy {missing[0].file_path} is missing (it was kept on another computer?); "
            f"import the original file of {code} again."
        )
    with _reading(ctx.db) as conn:
        ids = dict(conn.execute(
            select(QuarantinedBundle.bundle_id, QuarantinedBundle.id).where(
                QuarantinedBundle.id.in_([q.id for q in entries])
            )
        ).tuples().all())
    sources = [(f"held bundle of {code} ({q.received_at:%Y-%m-%d %H:%M})", Path(q.file_path)) for q in entries]
    result = ImportResult(_run_import(ctx, sources, commit=True, passphrase=None, trust=False, progress=progress,
                                      token=token or CancelToken(), held_ids=ids))
    done = {f.path for f in result.files if f.status in (STATUS_APPLIED, STATUS_ALREADY)}
    for q in entries:
        if q.file_path in done:
            with _transaction(ctx.db) as conn:
                conn.execute(update(QuarantinedBundle).where(QuarantinedBundle.id == q.id).values(status="imported"))
            Path(q.file_path).unlink(missing_ok=True)
    return result


def import_held(
    ctx: AppContext, code: str, progress: ProgressCallback = no_progress, token: CancelToken | None = None
) -> ImportResult:
    """Import the bundles held for ``code`` (which must be trusted by now)."""
    ctx.require(*CAN_MANAGE_DEVICES)
    device = _find_device(ctx, code)
    if device.status != "trusted":
        raise ValidationError(f"{device.code} is not trusted; trust it first (compare its key fingerprint).")
    return _import_held_for(ctx, device.code, progress, token)

# --- keys -------------------------------------------------------------------------------------------


def hq_public_key_pem(ctx: AppContext) -> bytes:
    """The headquarters' public key (PEM) that laptops encrypt their bundles for; made the first
    time it is asked for. Its private half stays in this database."""
    ctx.require(*CAN_MANAGE_DEVICES)
    with _transaction(ctx.db) as conn:
        private = _setting(conn, SETTING_HQ_PRIVATE)
        if private is None:
            private = crypto.new_x25519_private_b64()
            _set_setting(conn, SETTING_HQ_PRIVATE, private)
    return crypto.x25519_public_pem(crypto.x25519_public_of(private))


def device_public_key_pem(ctx: AppContext) -> bytes:
    """This device's Ed25519 public key (PEM), to check bundle signatures with standard tools."""
    ctx.require()
    return crypto.ed25519_public_pem(accounts.local_device(ctx.db).public_key)
