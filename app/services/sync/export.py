"""Export: the changes not exported yet written to a bundle file, signed with this installation's
key and optionally encrypted (passphrase or the headquarters' key)."""

from __future__ import annotations

from pathlib import Path

from app.errors import NotFound, ValidationError
from app.persistence.db import Database
from app.persistence.models import LocalSetting
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.admin import accounts
from app.services.context import AppContext
from app.sync import crypto, exporter
from app.sync.exporter import ExportResult


def _device_keys(db: Database) -> tuple[accounts.DeviceInfo, str]:
    device = accounts.local_device(db)
    with db.session() as session:
        setting = session.get(LocalSetting, accounts.SETTING_PRIVATE_KEY)
        if setting is None or not device.public_key:
            raise NotFound("This installation has no signing key; it cannot export.")
        return device, setting.value

def export_bundle(
    ctx: AppContext,
    out: str | Path,
    *,
    full: bool = False,
    passphrase: str | None = None,
    hq_key_file: str | Path | None = None,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> ExportResult:
    """Write the changes not exported yet (all with ``full``) to the bundle file ``out``,
    optionally encrypted with a passphrase or for the headquarters' public key."""
    user = ctx.require()
    if passphrase is not None and hq_key_file is not None:
        raise ValidationError("Choose either a passphrase or the headquarters' key, not both.")
    recipient: crypto.Recipient | None = None
    if passphrase is not None:
        if not passphrase:
            raise ValidationError("The passphrase is empty; choose one and give it to the headquarters separately.")
        recipient = crypto.Recipient(passphrase=passphrase)
    elif hq_key_file is not None:
        try:
            data = Path(hq_key_file).read_bytes()
        except OSError as exc:
            raise ValidationError(f"Cannot read the headquarters key {hq_key_file}: {exc.strerror}.") from exc
        recipient = crypto.Recipient(hq_public=crypto.load_x25519_public_pem(data))
    device, private = _device_keys(ctx.db)
    return exporter.export_bundle(
        ctx.db, out=Path(out), device_code=device.code, public_key_b64=device.public_key, private_key_b64=private,
        exported_by=user.username, full=full, recipient=recipient, progress=progress, token=token,
    )
