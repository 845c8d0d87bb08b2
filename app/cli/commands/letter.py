"""``repat letter``: the letter for the family liaison officers about one round.

    repat letter ROUND --out FILE.pdf        (or: repat letter --round ROUND --out FILE.pdf)

One bilingual A4 page: how many cases of the round were received, examined, sampled, identified
and released to families — the round's reconciliation figures — with the round's code, date
and place, and no personal data of anyone. Reading needs no password unless ``--user`` is
given (then the letter names that user as the one who prepared it).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_db_option, add_lang_option, add_user_option, reader
from app.cli.common import database, tty_progress
from app.documents.output import check_writable
from app.services.documents import liaison_letter
from app.services.rounds import rounds


def register(sub: Any) -> None:
    p = sub.add_parser(
        "letter",
        help="print the letter for the family liaison officers about a round (counts only, no personal data)",
        description=(
            "Write the letter for the family liaison officers about one round as a bilingual PDF: how many "
            "cases were received, examined, sampled, identified and released to families (the round's "
            "reconciliation figures), with no name, tag or birth date of anyone."
        ),
    )
    p.add_argument("round", nargs="?", metavar="ROUND", help="the round's code")
    p.add_argument("--round", dest="round_option", metavar="ROUND", help="the round's code, as an option")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    add_db_option(p)
    add_lang_option(p)
    add_user_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    given = {code.strip() for code in (args.round, args.round_option) if code and code.strip()}
    if not given:
        raise CliError("Give the round: repat letter ROUND --out FILE.pdf.")
    if len(given) > 1:
        raise CliError("Give one round: the letter is written for one round at a time.")
    target = check_writable(args.out)
    with database(args) as db:
        ctx = reader(args, db)
        rnd = rounds.find_round(ctx, given.pop())
        progress, finish = tty_progress("Letter")
        try:
            written = liaison_letter.write_letter(ctx, rnd.id, str(target), progress=progress)
        finally:
            finish()
    pages = "1 page" if written.document.pages == 1 else f"{written.document.pages} pages"
    print(f"Letter for the family liaison officers, round {written.round_code}: {pages}, written to {written.path}.",
          file=sys.stdout)
    return EXIT_OK
