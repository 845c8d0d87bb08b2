"""``repat audit verify``: check that the history in the database is the one its devices wrote.

    repat audit verify [--db PATH_OR_URL]

Prints, per device chain, "intact" or the first broken link, then what it found outside the
chains, in the records and in the issued certificates. Exit code 0 only when all is intact.
Nothing is changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import EXIT_ERROR, EXIT_OK, add_user_option, reader
from app.cli_commands.common import command, command_group, database, tty_progress
from app.services import audit

SHOWN = 20  # breaks listed per kind; the count says how many more


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
    for line in describe(report):
        print(line)
    return EXIT_OK if report.intact else EXIT_ERROR


def describe(report: audit.AuditReport) -> list[str]:
    lines = []
    for c in sorted(report.chains, key=lambda c: (c.device, c.chain_id)):
        state = "intact" if c.intact else f"BROKEN — {c.first_break.what}"  # type: ignore[union-attr]
        lines.append(f"{c.device} (chain {c.chain_id}): {c.versions} versions, {state}")
    for title, found in (("Versions outside the chains", report.outside_chains),
                         ("Records", report.rows_changed), ("Issued certificates", report.certificates_changed)):
        if not found:
            continue
        lines.append(f"{title}: {len(found)} changed")
        lines.extend(f"  {b.what}" for b in found[:SHOWN])
        if len(found) > SHOWN:
            lines.append(f"  … and {len(found) - SHOWN} more")
    verdict = "intact" if report.intact else "NOT intact"
    lines.append(f"{report.versions} versions, {report.rows} records and {report.certificates} issued certificates "
                 f"checked: {verdict}.")
    return lines
