"""``repat reconcile``: the reconciliation report of rounds, as a bilingual PDF or as CSV.

    repat reconcile [ROUND ...] [--from DATE] [--to DATE] --format pdf|csv --out FILE

Rounds are given by code (or id); without rounds or dates every round is reported. The CSV has
one row per round and a TOTAL row; ``--discrepancies`` writes the list of discrepancies (with
their explanations) instead. ``--from-records`` first rebuilds the stored facts of those rounds
from the records (the repair when the figures are doubted). Reading needs no password unless
``--user`` is given.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_db_option, add_lang_option, add_user_option, reader
from app.cli.common import database, parse_date, tty_progress
from app.documents.output import check_writable
from app.reports.reconciliation_file import write_report
from app.services.reconciliation.cache import rebuild_facts
from app.services.reconciliation.report import round_ids_for_codes


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reconcile",
        help="reconciliation report of rounds (PDF or CSV)",
        description=(
            "Write the reconciliation of rounds: declared, received, certified, examined, identified, "
            "released, and every discrepancy with its explanation. Without rounds or dates, every round."
        ),
    )
    p.add_argument("rounds", nargs="*", metavar="ROUND", help="round codes (default: every round in the period)")
    p.add_argument("--from", dest="date_from", type=parse_date, metavar="DATE", help="first round date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=parse_date, metavar="DATE", help="last round date (YYYY-MM-DD)")
    p.add_argument("--format", choices=("pdf", "csv"), required=True, help="pdf (bilingual) or csv")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--discrepancies", action="store_true",
                   help="CSV: list every discrepancy with its explanation instead of the figures")
    p.add_argument("--summary", action="store_true", help="PDF: leave out the list of discrepancies")
    p.add_argument("--from-records", action="store_true",
                   help="count everything from the records alone, rebuilding the stored facts of these rounds first "
                        "(slower: about half a minute per million cases)")
    add_db_option(p)
    add_lang_option(p)
    add_user_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.discrepancies and args.format != "csv":
        raise CliError("--discrepancies is for --format csv; the PDF always lists them.")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CliError("--from is after --to.")
    check_writable(args.out)
    with database(args) as db:
        ctx = reader(args, db)
        round_ids = round_ids_for_codes(ctx, args.rounds) if args.rounds else None
        progress, finish = tty_progress("Reconciling")
        try:
            if args.from_records:
                rebuild_facts(ctx, round_ids, date_from=args.date_from, date_to=args.date_to,
                              progress=progress)
            written = write_report(
                ctx, args.out, args.format, round_ids, date_from=args.date_from, date_to=args.date_to,
                discrepancies_csv=args.discrepancies, details=not args.summary, progress=progress,
            )
        finally:
            finish()
    rounds = "1 round" if written.rounds == 1 else f"{written.rounds} rounds"
    pages = f", {written.pages} page{'s' if written.pages != 1 else ''}" if written.format == "pdf" else ""
    print(f"Wrote {written.path} ({rounds}{pages}).", file=sys.stdout)
    return EXIT_OK
