"""``repat backup`` and ``repat restore``: a verified copy of a laptop's database, and putting one back.

    repat backup --out FILE [--db PATH]
    repat backup --rotate FOLDER [--keep 7]   (today's backup, the last 7 kept: for a daily job)
    repat restore FILE [--db PATH]

A restore keeps the database it replaces beside it and moves the restored counters past the
numbers that database had issued. Neither command needs a login: they copy files the user can
already read; the restore refuses a backup of another installation.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.base import EXIT_OK, CliError
from app.cli.common import command, database, non_negative
from app.persistence.db import normalize_url, sqlite_path
from app.services.admin import accounts, backup


def cmd_backup(args: argparse.Namespace) -> int:
    with database(args) as db:
        if args.rotate:
            made_today = backup.rotate(db, accounts.local_device(db).code, Path(args.rotate), keep=args.keep)
            if made_today is None:
                print(f"Today's backup is already in {args.rotate}; nothing to do.")
                return EXIT_OK
            made = made_today
        else:
            made = backup.backup(db, Path(args.out))
    print(f"Backed up {made.cases} case(s) of {made.device_code} to {made.path} ({made.size // 1024} KiB); "
          "the copy was checked after writing.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    target = sqlite_path(normalize_url(getattr(args, "db", None)))
    if target is None:
        raise CliError("Only an SQLite database is restored from a backup; on PostgreSQL use pg_restore.")
    done = backup.restore(Path(args.file), target)
    print(f"Restored {done.restored.cases} case(s) of {done.restored.device_code} from {args.file} to {target}.")
    if done.kept is not None:
        print(f"The database it replaced is kept as {done.kept}.")
    for name, (before, after) in sorted(done.counters_moved.items()):
        print(f"Counter {name} continues after {after} (the backup had {before}), so no number is issued twice.")
    return EXIT_OK


def register(sub: Any) -> None:
    p = command(sub, "backup", "write a checked copy of this database to a file (SQLite)", cmd_backup,
                epilog="The copy is consistent while Repat is running. On PostgreSQL use pg_dump.")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="FILE", help="the backup file to write")
    target.add_argument("--rotate", metavar="FOLDER",
                        help="today's backup into FOLDER (repat-CODE-YYYY-MM-DD.sqlite3), keeping the last --keep")
    p.add_argument("--keep", type=non_negative, default=backup.ROTATION_KEEP, metavar="N",
                   help=f"with --rotate: how many daily backups to keep (default {backup.ROTATION_KEEP})")
    p = command(sub, "restore", "replace this database by a backup, keeping the current one beside it",
                cmd_restore, epilog="Close Repat first. A backup of another installation is refused.")
    p.add_argument("file", metavar="FILE", help="the backup file")
