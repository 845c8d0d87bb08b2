"""``repat candidates``: which applications of the missing-persons register a case most likely
answers, and the decisions about them.

    repat candidates --case CASE [--limit N] [--format table|json]
    repat candidates --round ROUND [--threshold N] [--format table|json]
    repat candidates decide --case CASE --entry NUMBER prioritised|rejected|withdraw [--note TEXT] --user NAME

A candidate is a priority for DNA comparison, never an identification: the established identity
is recorded only by ``repat forensics identify``. With ``--case`` the ranked candidates with their
score (0-100) and reasons; with ``--round`` the cases without a candidate at or above the
threshold and the applications that are candidates for several cases. Reading needs no
password unless ``--user`` is given; deciding needs a field officer or supervisor.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_db_option, add_lang_option, add_user_option, login, reader
from app.cli.common import Column, database, emit, non_negative, tty_progress
from app.services.cases import case_file
from app.services.register import candidates, decisions
from app.services.register.candidates_reasons import reason_text
from app.services.rounds import rounds

NOT_IDENTITY = "A candidate sets a priority for DNA comparison; it is never an identification."
_DECISION_WORDS = {candidates.PRIORITISED: "prioritised", candidates.REJECTED: "rejected", "": ""}
_DECIDE = {"prioritised": candidates.PRIORITISED, "rejected": candidates.REJECTED, "withdraw": decisions.WITHDRAWN}


def _candidate_json(c: candidates.Candidate) -> dict[str, Any]:
    return {
        "register_number": c.register_number, "full_name": c.full_name, "birth_date": c.birth_date, "sex": c.sex,
        "military_unit": c.military_unit, "disappeared_on": c.disappeared_on, "disappeared_place": c.disappeared_place,
        "score": c.score, "excluded": c.excluded,
        "reasons": [{"code": r.code, "value": r.value, "text": reason_text(r)} for r in c.reasons],
        "decision": c.decision, "note": c.note, "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="seconds") if c.decided_at else None,
    }


def _show_case(found: candidates.CaseCandidates, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps({
            "case_number": found.case_number, "round": found.round_code, "sender_tag": found.sender_tag,
            "claimed_name": found.claimed_name, "claimed_birth_date": found.claimed_birth_date,
            "candidates": [_candidate_json(c) for c in found.candidates],
        }, ensure_ascii=False, indent=2))
        return
    claimed = found.claimed_name or "no claimed name"
    if found.claimed_birth_date:
        claimed += f", born {found.claimed_birth_date}"
    print(f"Case {found.case_number} (round {found.round_code}, tag {found.sender_tag or '-'}): {claimed}")
    print(NOT_IDENTITY)
    if not found.candidates:
        print("No application of the register is a candidate for this case.")
        return
    rows = [{
        "rank": n, "score": c.score, "decision": _DECISION_WORDS.get(c.decision, c.decision),
        "register_number": c.register_number, "full_name": c.full_name, "birth_date": c.birth_date,
        "disappeared": " ".join(x for x in (c.disappeared_on, c.disappeared_place) if x),
        "reasons": c.reasons_text,
    } for n, c in enumerate(found.candidates, 1)]
    emit(rows, [Column("rank", "#", True), Column("score", "score", True), Column("decision", "decision"),
                Column("register_number", "application"), Column("full_name", "name"), Column("birth_date", "born"),
                Column("disappeared", "disappeared"), Column("reasons", "reasons")], "table")


def _show_round(found: candidates.RoundCandidates, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps({
            "round": found.round_code, "threshold": found.threshold, "register_size": found.register_size,
            "cases": len(found.cases),
            "without_candidates": [{
                "case_number": c.case_number, "sender_tag": c.sender_tag, "claimed_name": c.claimed_name,
                "best_score": best.score if (best := c.best()) else None,
            } for c in found.without_candidates],
            "shared": [{
                "register_number": e.register_number, "full_name": e.full_name, "birth_date": e.birth_date,
                "cases": [{"case_number": m.case_number, "score": m.score, "decision": m.decision} for m in e.cases],
            } for e in found.shared],
        }, ensure_ascii=False, indent=2))
        return
    print(f"Round {found.round_code}: {len(found.cases)} cases, {found.register_size} applications in the register, "
          f"threshold {found.threshold}.")
    print(NOT_IDENTITY)
    print()
    print(f"Cases without any candidate at or above {found.threshold} ({len(found.without_candidates)}):")
    if found.without_candidates:
        emit([{"case_number": c.case_number, "sender_tag": c.sender_tag, "claimed_name": c.claimed_name,
               "best": best.score if (best := c.best()) else "-"} for c in found.without_candidates],
             [Column("case_number", "case"), Column("sender_tag", "tag"), Column("claimed_name", "claimed name"),
              Column("best", "best score", True)], "table")
    print()
    print(f"Applications matched by several cases ({len(found.shared)}):")
    if found.shared:
        emit([{"register_number": e.register_number, "full_name": e.full_name, "birth_date": e.birth_date,
               "count": len(e.cases), "cases": ", ".join(f"{m.case_number} ({m.score})" for m in e.cases)}
              for e in found.shared],
             [Column("register_number", "application"), Column("full_name", "name"), Column("birth_date", "born"),
              Column("count", "cases", True), Column("cases", "case (score)")], "table")


def cmd_candidates(args: argparse.Namespace) -> int:
    if bool(args.case) == bool(args.round):
        raise CliError("Give either --case CASE or --round ROUND.")
    with database(args) as db:
        ctx = reader(args, db)
        if args.case:
            _show_case(candidates.case_candidates(ctx, case_file.find_case_id(ctx, args.case), limit=args.limit),
                       args.format)
            return EXIT_OK
        rnd = rounds.find_round(ctx, args.round)
        progress, finish = tty_progress("Candidates")
        try:
            found = candidates.round_candidates(ctx, rnd.id, args.threshold, progress=progress)
        finally:
            finish()
    _show_round(found, args.format)
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        made = decisions.decide(ctx, case_file.find_case_id(ctx, args.case), decisions.find_entry_id(ctx, args.entry),
                                _DECIDE[args.decision], args.note or "")
    if made.decision == candidates.PRIORITISED:
        what = "prioritised for DNA comparison with"
    elif made.decision == candidates.REJECTED:
        what = "rejected as a candidate for"
    else:
        what = "no longer decided about for"
    print(f"Application {made.register_number} {what} case {made.case_number} (by {made.decided_by}).")
    print(NOT_IDENTITY)
    return EXIT_OK


def _threshold(value: str) -> int:
    number = non_negative(value)
    if number > 100:
        raise argparse.ArgumentTypeError(f"{value} is more than 100")
    return number


def register(sub: Any) -> None:
    p = sub.add_parser(
        "candidates", help="the register's applications a case most likely answers (never an identification)",
        description="The applications of the missing-persons register a case most likely answers, ranked with "
                    "their score (0-100) and reasons; or a round's cases without a candidate and the applications "
                    "matched by several cases. " + NOT_IDENTITY,
    )
    add_db_option(p)
    add_lang_option(p)
    add_user_option(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--case", metavar="CASE", help="the case number: its ranked candidates")
    which.add_argument("--round", metavar="ROUND", help="the round's code: its two lists")
    p.add_argument("--threshold", type=_threshold, default=candidates.DEFAULT_THRESHOLD, metavar="N",
                   help=f"with --round: the score a candidate must reach (default {candidates.DEFAULT_THRESHOLD})")
    p.add_argument("--limit", type=non_negative, default=candidates.DEFAULT_LIMIT, metavar="N",
                   help=f"with --case: at most N candidates besides those decided about (default "
                        f"{candidates.DEFAULT_LIMIT})")
    p.add_argument("--format", choices=("table", "json"), default="table", help="as a table (default) or JSON")
    p.set_defaults(handler=cmd_candidates)
    inner = p.add_subparsers(dest="candidates_command", metavar="COMMAND")
    d = inner.add_parser("decide", help="prioritise a candidate for DNA comparison, reject it, or withdraw that",
                         description="Prioritise an application for DNA comparison with a case, reject it as a "
                                     "candidate, or withdraw the decision (field officer or supervisor). "
                                     + NOT_IDENTITY)
    add_db_option(d)
    add_lang_option(d)
    add_user_option(d)
    d.add_argument("--case", required=True, metavar="CASE", help="the case number")
    d.add_argument("--entry", required=True, metavar="NUMBER", help="the application's register number")
    d.add_argument("decision", choices=tuple(_DECIDE), help="prioritised, rejected or withdraw")
    d.add_argument("--note", metavar="TEXT", help="why")
    d.set_defaults(handler=cmd_decide)


__all__ = ["register"]
