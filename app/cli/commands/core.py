"""Core commands: init, demo, rounds, manifest, cases, users."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_user_option, login, reader
from app.cli.common import (
    NEW_PASSWORD_ENV,
    Column,
    add_format_option,
    ask,
    command,
    command_group,
    database,
    emit,
    new_password,
    non_negative,
    note,
    parse_date,
    tty_progress,
)
from app.domain import Category, Role
from app.services.admin import accounts, demo
from app.services.cases import listing
from app.services.cases import void as case_void
from app.services.context import CAN_MANAGE_ACCOUNTS
from app.services.rounds import manifest, manifest_columns, rounds, spreadsheet

# --- init and demo ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    with database(args, create=True) as db:
        if accounts.is_initialized(db):
            raise CliError("This database is already set up; log in with one of its accounts.")
        code = ask(args.device_code, "Device code of this laptop (e.g. KH01): ", "--device-code")
        code = accounts.validate_device_code(code)
        name = ask(args.device_name, "Device name (e.g. Field laptop 1): ", "--device-name")
        username = ask(args.username, "Supervisor's user name: ", "--username")
        full_name = ask(args.full_name, "Supervisor's full name: ", "--full-name")
        password = new_password(username, "REPAT_PASSWORD")
        ctx = accounts.initialize(
            db, device_code=code, device_name=name, username=username, full_name=full_name, password=password
        )
        device = accounts.local_device(db)
        assert ctx.user is not None
        print(f"Set up device {device.code} ({device.name}) with the supervisor {ctx.user.username}.")
        print(f"Device key fingerprint: {device.fingerprint}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with database(args, create=True) as db:
        progress, finish = tty_progress("Creating the demonstration round")
        try:
            result = demo.create_demo(db, seed=args.seed, progress=progress)
        finally:
            finish()
    print(
        f"Demonstration data ready: round {result.round_code} with {result.cases} cases, "
        f"{result.manifest_lines} manifest lines and {result.transport_units} transport units."
    )
    for account in result.accounts:
        print(f"  {account.role.value:<14} user {account.username:<8} password {account.password}")
    return EXIT_OK


# --- rounds ------------------------------------------------------------------------------------------

ROUND_COLUMNS = (
    Column("code", "Round"),
    Column("round_date", "Date"),
    Column("place", "Place"),
    Column("declared_total", "Declared", True),
    Column("manifest_lines", "Manifest", True),
    Column("received", "Received", True),
)
ROUND_JSON_COLUMNS = (
    Column("id", "Id"), *ROUND_COLUMNS[:3], Column("sending_party", ""), Column("receiving_party", ""),
    Column("intermediary", ""), Column("agreement_ref", ""), *ROUND_COLUMNS[3:], Column("notes", ""),
)


def cmd_rounds_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        rows = [vars_of(r) for r in rounds.list_rounds(ctx)]
    emit(rows, ROUND_COLUMNS if args.format == "table" else ROUND_JSON_COLUMNS, args.format)
    return EXIT_OK


def cmd_rounds_create(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        created = rounds.create_round(
            ctx,
            rounds.RoundData(
                code=args.code,
                round_date=args.date,
                place=args.place,
                sending_party=args.sending_party,
                receiving_party=args.receiving_party,
                intermediary=args.intermediary,
                agreement_ref=args.agreement_ref,
                declared_total=args.declared,
                notes=args.notes,
            ),
        )
    print(f"Created round {created.code} ({created.round_date.isoformat()}).")
    return EXIT_OK


def vars_of(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__dataclass_fields__}


# --- manifest ----------------------------------------------------------------------------------------


def _header_help() -> str:
    lines = ["Recognised column headers (case-insensitive; other columns are ignored):"]
    for target in manifest_columns.TARGET_FIELDS:
        required = " (required)" if target in manifest_columns.REQUIRED_FIELDS else ""
        lines.append(f"  {target}{required}: " + ", ".join(manifest_columns.HEADER_ALIASES[target]))
    words: dict[Category, list[str]] = {}
    for word, category in manifest_columns.CATEGORY_WORDS.items():
        words.setdefault(category, []).append(word)
    lines.append("")
    lines.append("Categories: " + "; ".join(f"{c.value} ({', '.join(w for w in ws if w != c.value)})"
                                          for c, ws in words.items()) + ".")
    lines.append("")
    lines.append(
        "The file is an XLSX workbook (its first sheet), or CSV separated by commas or semicolons, in "
        "UTF-8 (with or without BOM) or Windows-1251; all are detected. The first non-empty line is the header. A list with "
        "any problem imports nothing unless --only-good-rows is given; then rows with problems "
        "are skipped, and of rows repeating a tag only the first is imported."
    )
    lines.append("")
    lines.append("Example:  REPAT_PASSWORD=... repat manifest import 2026-06-12-KYIV list.csv --user ivan")
    return "\n".join(lines)


def _parse_columns(specs: Sequence[str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for spec in specs:
        target, sep, header = spec.partition("=")
        if not sep:
            raise CliError(f"Write --column as FIELD=HEADER (e.g. sender_tag=\"Номер\"), not {spec}.")
        chosen[target.strip()] = header.strip()
    return chosen


def cmd_manifest_import(args: argparse.Namespace) -> int:
    table = spreadsheet.read_table_file(args.file, encoding=args.encoding, delimiter=args.delimiter)
    mapping = manifest_columns.mapping_from_headers(table.headers, _parse_columns(args.column or []))
    if mapping[manifest_columns.SENDER_TAG] is None:
        raise CliError(
            "No column of the file holds the tag (its headers are: " + ", ".join(table.headers) + "); "
            "name that column tag or бірка, or give --column sender_tag=HEADER."
        )
    with database(args) as db:
        ctx = login(args, db)
        rnd = rounds.find_round(ctx, args.round)
        used = ", ".join(
            f"{target} = \u201c{table.headers[col]}\u201d" for target, col in mapping.items() if col is not None
        )
        note(
            f"{table.filename}: {table.how_read}, {len(table.rows)} rows; "
            f"columns: {used}."
        )
        progress, finish = tty_progress("Importing")
        try:
            result = manifest.import_manifest(
                ctx, rnd.id, table, mapping, only_good_rows=args.only_good_rows, progress=progress
            )
        except manifest.ManifestRejected as exc:
            finish()
            for problem in exc.check.problems:
                note(f"line {problem.line_no}: {problem.message}")
            raise
        finally:
            finish()
    skipped = set(result.skipped_lines)
    for problem in result.problems:
        state = "skipped" if problem.line_no in skipped else "imported"
        note(f"line {problem.line_no} ({state}): {problem.message}")
    print(result.summary(rnd.code))
    return EXIT_OK


MANIFEST_COLUMNS = (
    Column("line_no", "Line", True),
    Column("sender_tag", "Tag"),
    Column("claimed_name", "Claimed name"),
    Column("claimed_birth_date", "Born"),
    Column("claimed_citizenship", "Citizenship"),
    Column("category", "Category"),
    Column("received", "Received", True),
    Column("notes", "Notes"),
)


def cmd_manifest_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        rnd = rounds.find_round(ctx, args.round)
        rows = [vars_of(line) for line in manifest.list_manifest(ctx, rnd.id)]
    columns = MANIFEST_COLUMNS if args.format == "table" else (Column("id", "Id"), *MANIFEST_COLUMNS)
    emit(rows, columns, args.format)
    return EXIT_OK


# --- cases -------------------------------------------------------------------------------------------

CASE_COLUMNS = (
    Column("case_number", "Case"),
    Column("round_code", "Round"),
    Column("sender_tag", "Tag"),
    Column("bag_number", "Bag"),
    Column("claimed_name", "Claimed name"),
    Column("category", "Category"),
    Column("status", "Status"),
    Column("off_manifest", "Off list"),
    Column("storage_location", "Storage"),
    Column("received_at", "Received"),
)


def cmd_cases_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        round_id = rounds.find_round(ctx, args.round).id if args.round else None
        query = listing.CaseQuery(round_id=round_id, search=args.search or "")
        limit = args.limit
        rows: list[dict[str, Any]] = []
        after = None
        while True:
            want = 1000 if limit == 0 else min(1000, limit - len(rows))
            page = listing.list_cases(ctx, query, after=after, limit=want)
            rows.extend(vars_of(r) for r in page.rows)
            after = page.next_key
            if after is None or (limit and len(rows) >= limit):
                break
        more = after is not None
        total = listing.count_cases(ctx, query) if more else len(rows)
    columns = CASE_COLUMNS if args.format == "table" else (Column("id", "Id"), *CASE_COLUMNS)
    emit(rows, columns, args.format)
    if more:
        note(f"Showing the first {len(rows)} of {total} cases; use --limit 0 for all.")
    return EXIT_OK


def cmd_cases_void(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        result = case_void.void_case(ctx, args.case, args.reason)
    print(f"Voided case {result.case_number}; it is kept in the history and listed with the round's discrepancies.")
    return EXIT_OK


# --- users -------------------------------------------------------------------------------------------

USER_COLUMNS = (
    Column("username", "User"),
    Column("full_name", "Full name"),
    Column("role", "Role here"),
    Column("active", "Active"),
    Column("made_on", "Made on"),
    Column("granted_by", "Granted by"),
)


def cmd_users_list(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        rows = [
            {"username": a.user.username, "full_name": a.user.full_name,
             "role": a.access.role.value if a.access.role else "none", "active": a.access.active,
             "made_on": a.access.made_on, "granted_by": a.access.granted_by}
            for a in accounts.list_accounts(ctx)
        ]
    emit(rows, USER_COLUMNS, args.format)
    return EXIT_OK


def cmd_users_grant(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        access = accounts.grant_role(ctx, args.username, args.role, made_on=args.made_on)
    if access.role is None:
        print(f"{args.username} has no role on this installation now; the records they signed stay theirs.")
    else:
        print(f"{args.username} (made on {access.made_on or '?'}) is a {access.role.value.replace('_', ' ')} here.")
    return EXIT_OK


def cmd_users_add(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        ctx.require(*CAN_MANAGE_ACCOUNTS)
        password = new_password(args.username, NEW_PASSWORD_ENV)
        info = accounts.create_user(
            ctx, username=args.username, full_name=args.full_name, role=args.role, password=password
        )
    print(f"Created the account {info.username} ({info.role.value.replace('_', ' ')}).")
    return EXIT_OK


# --- registration ------------------------------------------------------------------------------------


def register(sub: Any) -> None:
    p = command(
        sub, "init", "set up this installation: its device code and the first supervisor", cmd_init,
        epilog="The password is read from REPAT_PASSWORD, or typed twice at the terminal.",
    )
    p.add_argument("--device-code", metavar="CODE", help="this laptop's short code used in case numbers, e.g. KH01")
    p.add_argument("--device-name", metavar="NAME", help="a name for this laptop, e.g. 'Field laptop 1'")
    p.add_argument("--username", metavar="NAME", help="the first supervisor's user name")
    p.add_argument("--full-name", metavar="NAME", help="the first supervisor's full name")

    p = command(
        sub, "demo", "fill an empty database with a demonstration round of 1,200 cases", cmd_demo,
        epilog="Refuses a database that already holds data. Example: repat --db demo.sqlite3 demo",
    )
    p.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help=argparse.SUPPRESS)

    rsub = command_group(sub, "rounds", "list or create repatriation rounds")
    p = command(rsub, "list", "list the rounds, newest first", cmd_rounds_list)
    add_user_option(p)
    add_format_option(p)
    p = command(rsub, "create", "create a round (field officer or supervisor)", cmd_rounds_create)
    add_user_option(p)
    p.add_argument("--code", required=True, help="the round's code, e.g. 2026-06-12-KYIV")
    p.add_argument("--date", required=True, type=parse_date, metavar="YYYY-MM-DD", help="the handover date")
    p.add_argument("--place", default="", help="where the handover takes place")
    p.add_argument("--sending-party", default="", metavar="TEXT")
    p.add_argument("--receiving-party", default="", metavar="TEXT")
    p.add_argument("--intermediary", default="", metavar="TEXT", help="e.g. 'ICRC / МКЧХ'")
    p.add_argument("--agreement-ref", default="", metavar="TEXT", help="the agreement's reference")
    p.add_argument("--declared", type=non_negative, metavar="N", help="the declared total of bodies")
    p.add_argument("--notes", default="", metavar="TEXT")

    msub = command_group(sub, "manifest", "import or list the sending side's list of a round")
    p = command(
        msub, "import", "import the sending side's list (CSV or XLSX) into a round", cmd_manifest_import,
        epilog=_header_help(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_user_option(p)
    p.add_argument("round", metavar="ROUND", help="the round's code")
    p.add_argument("file", metavar="FILE", help="the list's file: .csv, or .xlsx")
    p.add_argument(
        "--only-good-rows", action="store_true",
        help="import the rows without problems and skip the others (default: import nothing if any row has a problem)",
    )
    p.add_argument("--encoding", choices=["utf-8", "cp1251"], help="the file's encoding (default: detected)")
    p.add_argument(
        "--delimiter", choices=[",", ";"], metavar="CHAR", help="the file's delimiter, ',' or ';' (default: detected)"
    )
    p.add_argument(
        "--column", action="append", metavar="FIELD=HEADER",
        help="read FIELD (" + ", ".join(manifest_columns.TARGET_FIELDS) + ") from the column HEADER; "
        "an empty HEADER ignores the field; may be repeated",
    )
    p = command(msub, "list", "list a round's manifest lines", cmd_manifest_list)
    add_user_option(p)
    add_format_option(p)
    p.add_argument("round", metavar="ROUND", help="the round's code")

    csub = command_group(sub, "cases", "list cases, or void one recorded in error")
    p = command(csub, "list", "list cases by case number", cmd_cases_list)
    add_user_option(p)
    add_format_option(p)
    p.add_argument("--round", metavar="ROUND", help="only this round (its code)")
    p.add_argument("--search", metavar="TEXT", help="case number, tag or name starting with TEXT")
    p.add_argument("--limit", type=non_negative, default=100, metavar="N", help="at most N cases (default 100; 0 = all)")

    p = command(
        csub, "void", "void a case recorded in error (supervisor)", cmd_cases_void,
        epilog="The case leaves every count and list; its history is kept and the reason is listed with the "
        "round's discrepancies. A case on an issued act cannot be voided: void or correct the act first.",
    )
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number, e.g. KH01-2026-00012")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why the case is voided")

    usub = command_group(sub, "users", "list or add user accounts")
    p = command(usub, "list", "list the user accounts", cmd_users_list)
    add_user_option(p)
    add_format_option(p)
    p = command(
        usub, "add", "add a user account (supervisor)", cmd_users_add,
        epilog=f"The new account's password is read from {NEW_PASSWORD_ENV}, or typed twice at the terminal; "
        "your own password from REPAT_PASSWORD or a prompt.",
    )
    add_user_option(p)
    p.add_argument("username", metavar="USERNAME", help="the new user name (Latin letters, digits, . _ -)")
    p.add_argument("--full-name", required=True, metavar="NAME")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p = command(
        usub, "grant", "give an account a role on this installation, or take it away with none (supervisor)",
        cmd_users_grant,
        epilog="An account made on a laptop has no role at the headquarters until one is granted there; the "
        "roles the headquarters grants reach the laptops that name it (repat devices headquarters).",
    )
    add_user_option(p)
    p.add_argument("username", metavar="USERNAME", help="the account")
    p.add_argument("role", metavar="ROLE", choices=[*(r.value for r in Role), "none"],
                   help="field_officer, clerk, supervisor, or none")
    p.add_argument("--made-on", metavar="CODE", help="the device that made the account, when two share the name")


__all__ = ["register"]
