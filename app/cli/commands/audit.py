"""``repat audit verify``: check that the history in the database is the one its devices wrote.

    repat audit verify [--db PATH_OR_URL]

Prints, per device chain, "intact" or the first broken link, then what it found outside the
chains, in the records and in the issued certificates. Exit code 0 only when all is intact.
Nothing is changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.base import EXIT_ERROR, EXIT_OK, add_user_option, reader
from app.cli.common import command, command_group, database, tty_progress
from app.services.admin import audit


def register(sub: Any) -> None:
    group = command_group(sub, "audit", "check the records against their hash-chained history")
    p = command(group, "verify", "walk every chain of versions, every record and every issued certificate", run,
                description=("Walk every device's chain of versions, every record against its latest version "
                             "and every issued certificate against its printed hash. Exit code 0 only when "
                             "everything is intact; nothing is changed."))
    add_user_option(p)


def run(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        progress, finish = tty_progress("Verifying", percent=True)
        try:
            report = audit.verify(ctx, progress)
        finally:
            finish()
    for line in audit.describe(report):
        print(line)
    return EXIT_OK if report.intact else EXIT_ERROR
