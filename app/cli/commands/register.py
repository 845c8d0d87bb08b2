"""The missing-persons register: import it from its spreadsheet, list and search it (supervisors)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from app.cli.base import EXIT_ERROR, EXIT_OK, CliError, add_user_option, login
from app.cli.common import (
    Column,
    add_format_option,
    command,
    command_group,
    database,
    emit,
    non_negative,
    note,
    tty_progress,
)
from app.services.register import columns, importing, listing


def _header_help() -> str:
    lines = ["Recognised column headers (case-insensitive; other columns are ignored):"]
    for target in columns.TARGET_FIELDS:
        required = " (required)" if target == columns.REGISTER_NUMBER else ""
        lines.append(f"  {target}{required}: " + ", ".join(columns.HEADER_ALIASES[target]))
    lines += [
        "",
        "The name is required: one column (full_name), or separate surname, given_name and patronymic "
        "columns, joined as \"Surname Given Patronymic\". Dates are DD.MM.YYYY, YYYY-MM-DD or the year "
        "alone; sex is male or female (чоловіча, жіноча, ч, ж).",
        "",
        "The file is an XLSX workbook (its first sheet), or CSV separated by commas or semicolons in UTF-8 "
        "(with or without BOM) or Windows-1251; all are detected. The first non-empty row is the header. "
        "The good rows are imported and every refused row is listed with its line and reason. An entry "
        "already in the register (same register number) is updated, never doubled; a field the file has "
        "no column for keeps its value. The exit code is 1 only when the file cannot be read or no row "
        "of it can be imported.",
        "",
        "Example:  REPAT_PASSWORD=... repat register import register.xlsx --user olena "
        "--map register_number=\"Номер справи\"",
    ]
    return "\n".join(lines)


def _parse_map(specs: Sequence[str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for spec in specs:
        target, sep, header = spec.partition("=")
        if not sep:
            raise CliError(f"Write --map as FIELD=HEADER (e.g. register_number=\"Номер\"), not {spec}.")
        chosen[target.strip()] = header.strip()
    return chosen


def cmd_register_import(args: argparse.Namespace) -> int:
    table = importing.read_register_file(args.file, encoding=args.encoding, delimiter=args.delimiter)
    mapping = columns.mapping_from_headers(table.headers, _parse_map(args.map or []))
    headers = ", ".join(table.headers)
    if mapping[columns.REGISTER_NUMBER] is None:
        raise CliError(
            f"No column of the file holds the register number (its headers are: {headers}); name that column "
            "register number or номер заяви, or give --map register_number=HEADER."
        )
    if all(mapping[f] is None for f in (columns.FULL_NAME, *columns.NAME_PARTS)):
        raise CliError(
            f"No column of the file holds the name (its headers are: {headers}); name that column full name or "
            "ПІБ (or give surname, given name and patronymic columns), or give --map full_name=HEADER."
        )
    with database(args) as db:
        ctx = login(args, db)
        note(f"{table.filename}: {table.how_read}, {len(table.rows)} rows; "
             f"columns: {importing.field_mapping_text(table, mapping)}.")
        progress, finish = tty_progress("Importing the register")
        try:
            result = importing.import_register(ctx, table, mapping, progress=progress)
        finally:
            finish()
    for problem in result.problems:
        note(f"line {problem.line_no}: {problem.message}")
    print(result.summary())
    if result.imported == 0:
        note("No row of the file could be imported." if table.rows else "The file has a header but no rows.")
        return EXIT_ERROR
    return EXIT_OK


ENTRY_COLUMNS = (
    Column("register_number", "Number"),
    Column("full_name", "Name"),
    Column("birth_date", "Born"),
    Column("sex", "Sex"),
    Column("military_unit", "Unit"),
    Column("disappeared_on", "Missing since"),
    Column("disappeared_place", "Place"),
)
JSON_COLUMNS = (Column("id", "Id"), *ENTRY_COLUMNS[:4], Column("citizenship", ""), *ENTRY_COLUMNS[4:])


def cmd_register_list(args: argparse.Namespace) -> int:
    if not getattr(args, "user", None):
        raise CliError("The register is for supervisors: give your user name with --user NAME.")
    with database(args) as db:
        ctx = login(args, db)
        search = args.search or ""
        rows: list[dict[str, Any]] = []
        after = None
        while True:
            want = 1000 if args.limit == 0 else min(1000, args.limit - len(rows))
            page = listing.list_entries(ctx, search, after=after, limit=want)
            rows.extend({k: getattr(r, k) for k in r.__dataclass_fields__} for r in page.rows)
            after = page.next_key
            if after is None or (args.limit and len(rows) >= args.limit):
                break
        total = listing.count_entries(ctx, search) if after is not None else len(rows)
    emit(rows, ENTRY_COLUMNS if args.format == "table" else JSON_COLUMNS, args.format)
    if after is not None:
        note(f"Showing the first {len(rows)} of {total} entries; use --limit 0 for all.")
    return EXIT_OK


def register(sub: Any) -> None:
    rsub = command_group(sub, "register", "import, list or search the missing-persons register (supervisors)")
    p = command(
        rsub, "import", "import the missing-persons register from its spreadsheet (XLSX or CSV)",
        cmd_register_import, epilog=_header_help(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_user_option(p)
    p.add_argument("file", metavar="FILE", help="the register's file: .xlsx, or .csv")
    p.add_argument("--encoding", choices=["utf-8", "cp1251"], help="a CSV file's encoding (default: detected)")
    p.add_argument(
        "--delimiter", choices=[",", ";"], metavar="CHAR", help="a CSV file's delimiter, ',' or ';' (default: detected)"
    )
    p.add_argument(
        "--map", "--column", dest="map", action="append", metavar="FIELD=HEADER",
        help="read FIELD (" + ", ".join(columns.TARGET_FIELDS) + ") from the column HEADER; "
        "an empty HEADER ignores the field; may be repeated",
    )
    p = command(rsub, "list", "list the register's entries in alphabetical order", cmd_register_list)
    add_user_option(p)
    add_format_option(p)
    p.add_argument("--search", metavar="TEXT",
                   help="names starting with TEXT (in Cyrillic or Latin letters), or register numbers")
    p.add_argument("--limit", type=non_negative, default=100, metavar="N",
                   help="at most N entries (default 100; 0 = all)")


__all__ = ["register"]
