"""Export, import and merge: export, import, devices, conflicts, duplicates, keys."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from app.cli.base import EXIT_ERROR, EXIT_OK, CliError, add_user_option, login, reader
from app.cli.common import (
    Column,
    add_format_option,
    command,
    command_group,
    database,
    emit,
    note,
    tty_progress,
)
from app.errors import os_reason
from app.services.admin import accounts
from app.services.sync import resume
from app.services.sync.conflicts import list_conflicts, resolve_conflict
from app.services.sync.devices import (
    device_public_key_pem,
    hq_public_key_pem,
    list_devices,
    revoke_device,
    this_device,
    trust_device,
)
from app.services.sync.duplicates import dismiss_duplicate, link_duplicates, list_duplicates
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import, preview_import
from app.services.sync.report import STATUS_REFUSED, FileSummary
from app.services.sync.status import set_receive_rounds
from app.services.sync.trust import list_quarantine

EPILOG_PASSWORD = "Your password is read from REPAT_PASSWORD, or typed at the terminal."


def _passphrase(args: argparse.Namespace) -> str | None:
    var = getattr(args, "passphrase_env", None)
    if not var:
        return None
    value = os.environ.get(var)
    if value is None:
        raise CliError(f"The environment variable {var} is not set; put the passphrase in it.")
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- export and import -----------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    if args.passphrase_env and args.to_hq_key:
        raise CliError("Give either --passphrase-env or --to-hq-key, not both.")
    with database(args) as db:
        ctx = login(args, db)
        progress, finish = tty_progress("Exporting")
        try:
            result = export_bundle(
                ctx, args.out, full=args.full, passphrase=_passphrase(args), hq_key_file=args.to_hq_key,
                progress=progress,
            )
        finally:
            finish()
    tables = ", ".join(f"{name} {n:,}" for name, n in result.tables.items())
    print(f"Wrote {result.path}: {result.versions:,} changes ({tables}) and {result.blobs:,} attachments"
          f"{', encrypted' if result.encrypted else ''}.")
    print(f"Signed by {result.device_code}, key fingerprint {result.fingerprint}.")
    if result.missing_blobs:
        note(f"repat: {result.missing_blobs} attachment(s) have no bytes in this database and were left out.")
    return EXIT_OK


def _print_summaries(files: list[FileSummary]) -> int:
    refused = 0
    for f in files:
        if f.status == STATUS_REFUSED:
            refused += 1
            note(f"repat: {f.message}")
        else:
            print(f.message)
    return EXIT_ERROR if refused else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if args.list_quarantine:
        return cmd_devices_quarantine(args)
    if not args.files:
        raise CliError("Name the bundle files to import.")
    with database(args) as db:
        ctx = login(args, db)
        if args.rounds is not None:
            codes = None if args.rounds.strip().lower() == "all" else [c for c in args.rounds.split(",") if c.strip()]
            chosen = set_receive_rounds(ctx, codes)
            note("repat: this device now receives " + ("all rounds." if chosen is None else
                                                        "the rounds " + ", ".join(chosen) + " (and its own)."))
        progress, finish = tty_progress("Importing", percent=True)
        try:
            if args.dry_run:
                files = preview_import(ctx, args.files, passphrase=_passphrase(args), trust=args.trust,
                                       progress=progress)
            else:
                files = apply_import(ctx, args.files, progress, passphrase=_passphrase(args),
                                     trust=args.trust).files
        finally:
            finish()
    if args.format == "json":
        print(json.dumps([dataclasses.asdict(f) for f in files], ensure_ascii=False, indent=2))
        return EXIT_ERROR if any(f.refused for f in files) else EXIT_OK
    return _print_summaries(files)


# --- devices ---------------------------------------------------------------------------------

DEVICE_COLUMNS = (
    Column("code", "Device"), Column("name", "Name"), Column("status", "Status"), Column("fingerprint", "Key fingerprint"),
    Column("held_bundles", "Held", True), Column("last_import", "Last import"), Column("last_sequence", "Up to", True),
)


def cmd_devices_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        rows = [{c.key: getattr(d, c.key) for c in DEVICE_COLUMNS} for d in list_devices(ctx)]
    emit(rows, DEVICE_COLUMNS, args.format)
    return EXIT_OK


def cmd_devices_show(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        me = this_device(ctx)
    print(f"This device: {me.code} ({me.name})")
    print(f"Key fingerprint: {me.fingerprint}")
    return EXIT_OK


def cmd_devices_trust(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        progress, finish = tty_progress("Importing held bundles", percent=True)
        try:
            result = trust_device(ctx, args.code, fingerprint=args.fingerprint, import_held=args.import_held,
                                  progress=progress)
        finally:
            finish()
    d = result.device
    print(f"{d.code} is trusted (key fingerprint {d.fingerprint}).")
    if result.imported is not None:
        if not result.imported.files:
            print(f"No bundle of {d.code} was held.")
        return _print_summaries(result.imported.files)
    if d.held_bundles:
        print(f"{d.held_bundles} bundle(s) of {d.code} are held; import them with --import-held.")
    return EXIT_OK


def cmd_devices_revoke(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        d = revoke_device(ctx, args.code)
    print(f"{d.code} is revoked: its bundles will be held in quarantine.")
    return EXIT_OK


def cmd_devices_headquarters(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        hq = accounts.set_headquarters(ctx, args.code)
    print(f"{hq.code} ({hq.fingerprint}) is this laptop's headquarters: the roles it grants decide here.")
    return EXIT_OK


def cmd_devices_resume_file(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        made = resume.write_resume_file(ctx, args.code, Path(args.out))
    highest = ", ".join(f"{name.split(':')[0]} {name.split(':')[2]}: {value}" for name, value in made.counters.items())
    print(f"Wrote {args.out} for {made.device_code} ({highest or 'no numbers seen yet'}).")
    print(f"On the laptop set up again as {made.device_code}: repat devices resume {Path(args.out).name}")
    return EXIT_OK


def cmd_devices_resume(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        moved = resume.apply_resume_file(ctx, Path(args.file))
    if not moved:
        print("Every counter here is already past the numbers in the file; nothing changed.")
    for name, (before, after) in moved.items():
        kind, code, year = name.split(":")
        print(f"{kind} numbers of {code} in {year}: continue after {after} (was {before}).")
    return EXIT_OK


QUARANTINE_COLUMNS = (
    Column("id", "Id"), Column("device_code", "Device"), Column("fingerprint", "Key fingerprint"),
    Column("reason", "Reason"), Column("received_at", "Received"), Column("received_by", "By"),
    Column("versions", "Changes", True),
)


def cmd_devices_quarantine(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        rows = [{c.key: getattr(q, c.key) for c in QUARANTINE_COLUMNS} for q in list_quarantine(ctx)]
    emit(rows, QUARANTINE_COLUMNS, getattr(args, "format", "table"))
    return EXIT_OK


# --- conflicts -------------------------------------------------------------------------------

CONFLICT_COLUMNS = (
    Column("id", "Id"), Column("record", "Record"), Column("field", "Field"), Column("shown", "Shown now"),
    Column("values", "Competing values"), Column("status", "Status"),
)


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        conflicts = list_conflicts(ctx, status=None if args.all else "open")
    if args.format == "json":
        data = [
            {
                "id": c.id, "table": c.table, "row_id": c.row_id, "record": c.record, "field": c.field,
                "status": c.status, "base_value": c.base_value, "provisional": c.provisional, "current": c.current,
                "merge_version_id": c.merge_version_id, "resolution_version_id": c.resolution_version_id,
                "resolved_by": c.resolved_by,
                "candidates": [
                    {"version_id": x.version_id, "value": x.value, "author": x.author, "device": x.device,
                     "hlc": x.hlc, "at": x.at.isoformat(timespec="seconds") if x.at else None,
                     "provisional": x.provisional}
                    for x in c.candidates
                ],
            }
            for c in conflicts
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        {
            "id": c.id[:8], "record": c.record, "field": c.field, "shown": _text(c.current), "status": c.status,
            "values": "; ".join(
                f"{n}) {_text(x.value)} ({x.author}@{x.device}" + (f", {x.at:%Y-%m-%d %H:%M}" if x.at else "") + ")"
                for n, x in enumerate(c.candidates, start=1)
            ),
        }
        for c in conflicts
    ]
    emit(rows, CONFLICT_COLUMNS, args.format)
    return EXIT_OK


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    if (args.pick is None) == (args.value is None):
        raise CliError("Give either --pick VERSION or --value TEXT.")
    with database(args) as db:
        ctx = login(args, db)
        c = resolve_conflict(ctx, args.id, pick_version=args.pick, value=args.value)
    print(f"Resolved: {c.record} {c.field} = {_text(c.current)}.")
    return EXIT_OK


# --- duplicates ------------------------------------------------------------------------------

DUPLICATE_COLUMNS = (
    Column("id", "Id"), Column("kind", "Kind"), Column("a", "First"), Column("b", "Second"),
    Column("reasons", "Why"), Column("scope", "Round"), Column("status", "Status"),
)


def cmd_duplicates_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        dups = list_duplicates(ctx, status=None if args.all else "open")
    rows = [
        {"id": d.id[:8] if args.format == "table" else d.id, "kind": d.table, "a": d.a.label, "b": d.b.label,
         "reasons": ", ".join(r.replace("_", " ") for r in d.reasons), "scope": d.scope, "status": d.status}
        for d in dups
    ]
    emit(rows, DUPLICATE_COLUMNS, args.format)
    return EXIT_OK


def cmd_duplicates_link(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        d = link_duplicates(ctx, args.id, note=args.note)
    print(f"Linked {d.a.label} and {d.b.label} as the same remains.")
    return EXIT_OK


def cmd_duplicates_dismiss(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        d = dismiss_duplicate(ctx, args.id, note=args.note)
    print(f"Dismissed: {d.a.label} and {d.b.label} are not the same.")
    return EXIT_OK


# --- keys ------------------------------------------------------------------------------------


def _write_key(path: str, data: bytes) -> None:
    target = Path(path)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Cannot write {target}: {os_reason(exc)}.") from exc


def cmd_keys_hq_public(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        pem = hq_public_key_pem(ctx)
    _write_key(args.out, pem)
    print(f"Wrote the headquarters' public key to {args.out}; laptops export with --to-hq-key {args.out}.")
    return EXIT_OK


def cmd_keys_device_public(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        pem = device_public_key_pem(ctx)
        me = this_device(ctx)
    _write_key(args.out, pem)
    print(f"Wrote {me.code}'s signing key (fingerprint {me.fingerprint}) to {args.out}.")
    return EXIT_OK


# --- registration ----------------------------------------------------------------------------


def register(sub: Any) -> None:
    p = command(
        sub, "export", "write this database's new changes to a signed bundle file for the headquarters",
        cmd_export,
        epilog="Only changes not exported before are written, unless --full. " + EPILOG_PASSWORD
        + " Example: repat export --out /media/usb/KH01-2026-06-12.repat --user ivan",
    )
    add_user_option(p)
    p.add_argument("--out", required=True, metavar="FILE", help="the bundle file to write (e.g. KH01-day1.repat)")
    p.add_argument("--full", action="store_true", help="write every change, not only those not exported yet")
    enc = p.add_mutually_exclusive_group()
    enc.add_argument("--passphrase-env", metavar="VAR", help="encrypt with the passphrase in the environment variable VAR")
    enc.add_argument("--to-hq-key", metavar="FILE", help="encrypt for the headquarters' public key (from `repat keys hq-public`)")

    p = command(
        sub, "import", "verify and merge bundle files from other devices", cmd_import,
        epilog="Each file is copied to this computer, its signature and contents verified, then all "
        "are applied in one transaction; a bundle from a device that is not trusted is held in "
        "quarantine. " + EPILOG_PASSWORD,
    )
    add_user_option(p)
    p.add_argument("files", nargs="*", metavar="FILE", help="bundle files")
    p.add_argument("--trust", action="store_true",
                   help="trust the devices that signed these files and import them at once (supervisor)")
    p.add_argument("--passphrase-env", metavar="VAR", help="the passphrase of encrypted files is in the variable VAR")
    p.add_argument("--rounds", metavar="CODES|all",
                   help="from now on receive only these rounds (comma-separated codes), or all")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported, change nothing")
    p.add_argument("--list-quarantine", action="store_true", help="list the bundles held in quarantine")
    add_format_option(p)

    dsub = command_group(sub, "devices", "list, trust or revoke the devices whose bundles are imported here")
    p = command(dsub, "list", "list the known devices with their key fingerprints", cmd_devices_list)
    add_user_option(p)
    add_format_option(p)
    p = command(dsub, "show", "show this device's code and key fingerprint", cmd_devices_show)
    add_user_option(p)
    p = command(dsub, "trust", "trust a device's key after comparing its fingerprint (supervisor)", cmd_devices_trust,
                epilog=EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("code", metavar="CODE", help="the device code, e.g. KH02")
    p.add_argument("--fingerprint", metavar="TEXT", help="the fingerprint the laptop shows (when it has several keys)")
    p.add_argument("--import-held", action="store_true", help="then import the bundles held for it")
    p = command(dsub, "revoke", "stop accepting a device's bundles (supervisor)", cmd_devices_revoke,
                epilog=EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("code", metavar="CODE", help="the device code")
    p = command(dsub, "headquarters", "name the headquarters whose role grants decide on this laptop (supervisor)",
                cmd_devices_headquarters, epilog="Import its bundle and trust it first. " + EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("code", metavar="CODE", help="the headquarters' device code, e.g. HQ01")
    p = command(dsub, "resume-file", "write the numbers seen from a device code, for a laptop set up again under "
                "it (supervisor, at the headquarters)", cmd_devices_resume_file,
                epilog="Revoke the old key and trust the new one with `repat devices revoke/trust`. " + EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("code", metavar="CODE", help="the device code, e.g. KH01")
    p.add_argument("--out", required=True, metavar="FILE", help="the resume file to write")
    p = command(dsub, "resume", "continue this laptop's case and certificate numbers after those in a resume "
                "file from the headquarters (supervisor)", cmd_devices_resume, epilog=EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("file", metavar="FILE", help="the resume file")
    p = command(dsub, "quarantine", "list the bundles held until their device is trusted", cmd_devices_quarantine)
    add_user_option(p)
    add_format_option(p)

    csub = command_group(sub, "conflicts", "list or resolve fields that concurrent edits set differently")
    p = command(csub, "list", "list open conflicts with every competing value", cmd_conflicts_list)
    add_user_option(p)
    add_format_option(p)
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p = command(csub, "resolve", "settle a conflict with one value (supervisor)", cmd_conflicts_resolve,
                epilog=EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("id", metavar="ID", help="the conflict's id (its first characters are enough)")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--pick", metavar="N|VERSION",
                        help="keep the value numbered N in `repat conflicts list` (or of this version id)")
    choice.add_argument("--value", metavar="TEXT", help="set this value instead")

    usub = command_group(sub, "duplicates", "list, link or dismiss probable duplicates")
    p = command(usub, "list", "list probable duplicates", cmd_duplicates_list)
    add_user_option(p)
    add_format_option(p)
    p.add_argument("--all", action="store_true", help="include linked and dismissed ones")
    for name, help_, handler in (
        ("link", "record that two cases are the same remains (supervisor)", cmd_duplicates_link),
        ("dismiss", "record that the two are not the same (supervisor)", cmd_duplicates_dismiss),
    ):
        p = command(usub, name, help_, handler, epilog=EPILOG_PASSWORD)
        add_user_option(p)
        p.add_argument("id", metavar="ID", help="the duplicate's id (its first characters are enough)")
        p.add_argument("--note", default="", metavar="TEXT", help="why")

    ksub = command_group(sub, "keys", "export public keys")
    p = command(ksub, "hq-public", "write the headquarters' public key for encrypting bundles (supervisor)",
                cmd_keys_hq_public, epilog="The key pair is made the first time. " + EPILOG_PASSWORD)
    add_user_option(p)
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the PEM file")
    p = command(ksub, "device-public", "write this device's signing key (PEM) to check signatures",
                cmd_keys_device_public)
    add_user_option(p)
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the PEM file")
