"""``repat intake``: record received bags from the command line, one from arguments or many from
a CSV file of scans, through the intake form's service (``app.services.cases.intake.record_intake``),
with its checks and double-scan warnings. ``--received-at`` types in a bag received earlier, from
a paper form."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.cli.base import EXIT_ERROR, EXIT_OK, CliError, add_user_option, login
from app.cli.common import command, database, note
from app.domain import AgeGroup, Category, ConditionFlag, Sex
from app.errors import RepatError
from app.services.cases import intake, reception_time
from app.services.cases.intake import DuplicateTag, IntakeData, IntakeResult
from app.services.context import AppContext
from app.services.rounds import manifest_columns, manifest_file, rounds

# CSV columns (compared as manifest_columns.header_key does) -> IntakeData field
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "sender_tag": ("tag", "sender tag", "tag number", "scan", "бірка", "номер бірки"),
    "received_at": ("received at", "received", "reception time", "час прийняття", "прийнято"),
    "late_reason": ("late reason", "reason", "причина"),
    "transport_unit": ("unit", "transport unit", "trailer", "транспорт"),
    "bag_number": ("bag", "bag number", "номер мішка", "мішок"),
    "category": ("category", "категорія"),
    "condition_flags": ("condition", "conditions", "стан"),
    "apparent_sex": ("sex", "apparent sex", "стать"),
    "age_group": ("age group", "age", "вікова група"),
    "storage_location": ("storage", "storage location", "місце зберігання"),
    "claimed_name": ("name", "claimed name", "піб"),
    "claimed_birth_date": ("birth date", "date of birth", "дата народження"),
    "claimed_citizenship": ("citizenship", "громадянство"),
    "parent_case_number": ("part of", "parent case", "частина справи"),
    "notes": ("notes", "примітки"),
}


@dataclass(frozen=True)
class Bag:
    """One bag to record: where it came from (a CSV line, or 0 for the arguments) and its fields."""

    line_no: int
    fields: dict[str, str]


def _units(ctx: AppContext, round_id: str) -> dict[str, str]:
    return {u.label.strip().casefold(): u.id for u in rounds.list_transport_units(ctx, round_id)}


def _intake(ctx: AppContext, round_id: str, bag: Bag, units: dict[str, str], defaults: argparse.Namespace) -> IntakeData:
    f = bag.fields
    unit_label = f.get("transport_unit", "").strip()
    unit_id: str | None = None
    if unit_label:
        unit_id = units.get(unit_label.casefold())
        if unit_id is None:
            raise CliError(f"The round has no transport unit {unit_label}.")
    when_text = f.get("received_at", "").strip()
    received_at: datetime | None = reception_time.parse(when_text) if when_text else defaults.received_at
    flags = [x.strip() for x in f.get("condition_flags", "").replace(";", ",").split(",") if x.strip()]
    return IntakeData(
        round_id=round_id,
        sender_tag=f.get("sender_tag", ""),
        transport_unit_id=unit_id,
        bag_number=f.get("bag_number", ""),
        category=f.get("category", "").strip() or Category.COMPLETE.value,
        condition_flags=flags,
        apparent_sex=f.get("apparent_sex", "").strip() or Sex.UNKNOWN.value,
        age_group=f.get("age_group", "").strip() or AgeGroup.UNKNOWN.value,
        storage_location=f.get("storage_location", ""),
        notes=f.get("notes", ""),
        claimed_name=f.get("claimed_name", ""),
        claimed_birth_date=f.get("claimed_birth_date", ""),
        claimed_citizenship=f.get("claimed_citizenship", ""),
        parent_case_number=f.get("parent_case_number", ""),
        received_at=received_at,
        late_reason=f.get("late_reason", "").strip() or defaults.late_reason,
    )


def _bags_from_csv(path: str, encoding: str | None, delimiter: str | None) -> list[Bag]:
    table = manifest_file.read_csv_file(path, encoding=encoding, delimiter=delimiter)
    index = {
        manifest_columns.header_key(a): target for target, aliases in CSV_COLUMNS.items() for a in aliases
    }
    columns: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        target = index.get(manifest_columns.header_key(header))
        if target is not None and target not in columns:
            columns[target] = i
    if "sender_tag" not in columns:
        raise CliError(
            f"No column of {table.filename} holds the tag (its headers are: {', '.join(table.headers)}); "
            "name that column tag or бірка."
        )
    bags = []
    for row in table.rows:
        cells = row.cells
        bags.append(Bag(row.line_no, {t: cells[i] if i < len(cells) else "" for t, i in columns.items()}))
    return bags


def _bag_from_args(args: argparse.Namespace) -> Bag:
    flags = list(args.condition or [])
    if args.no_tag:
        flags.append(ConditionFlag.NO_TAG.value)
    values = {
        "sender_tag": args.tag or "", "transport_unit": args.unit or "", "bag_number": args.bag or "",
        "category": args.category or "", "condition_flags": ",".join(flags), "apparent_sex": args.sex or "",
        "age_group": args.age_group or "", "storage_location": args.storage or "", "claimed_name": args.name or "",
        "claimed_birth_date": args.birth_date or "", "claimed_citizenship": args.citizenship or "",
        "parent_case_number": args.part_of or "", "notes": args.notes or "",
    }
    return Bag(0, values)


def _describe(result: IntakeResult, data: IntakeData) -> str:
    text = f"Recorded {result.case_number}"
    if data.sender_tag:
        text += f" (tag {data.sender_tag})"
    if data.received_at is not None:
        text += f", received {reception_time.local_text(reception_time.to_utc(data.received_at))}"
    if result.duplicate_of:
        text += f"; duplicate tag, also received as {', '.join(result.duplicate_of)}: recorded as a discrepancy"
    elif result.off_manifest:
        text += "; not on the sending side's list: recorded as a discrepancy"
    return text + "."


def cmd_intake(args: argparse.Namespace) -> int:
    if args.csv and (args.tag or args.no_tag):
        raise CliError("Give either --csv FILE or the bag's --tag (or --no-tag), not both.")
    if not args.csv and not args.tag and not args.no_tag:
        raise CliError("Give the bag's --tag (or --no-tag for a bag without one), or --csv FILE of scans.")
    args.received_at = reception_time.parse(args.received_at) if args.received_at else None
    args.late_reason = args.late_reason or ""
    bags = _bags_from_csv(args.csv, args.encoding, args.delimiter) if args.csv else [_bag_from_args(args)]
    with database(args) as db:
        ctx = login(args, db)
        rnd = rounds.find_round(ctx, args.round)
        units = _units(ctx, rnd.id)
        return _record_all(ctx, rnd.id, rnd.code, bags, units, args)


def _record_all(
    ctx: AppContext, round_id: str, round_code: str, bags: Sequence[Bag], units: dict[str, str],
    args: argparse.Namespace,
) -> int:
    """Record each bag in its own transaction, as the form does; a bag that cannot be recorded is
    reported and left out, the others are kept. Exit 1 when any bag was not recorded."""
    recorded = skipped = 0
    single = len(bags) == 1 and bags[0].line_no == 0
    for bag in bags:
        where = "" if single else f"line {bag.line_no}: "
        try:
            data = _intake(ctx, round_id, bag, units, args)
            result = intake.record_intake(ctx, data, confirm_duplicate=args.confirm_duplicate, clear_draft=False)
        except DuplicateTag as exc:
            skipped += 1
            note(
                f"{where}not recorded: tag {exc.tag} was already received in this round as "
                f"{', '.join(exc.case_numbers)}; if this is really another bag, give --confirm-duplicate."
            )
            continue
        except RepatError as exc:
            if single:
                raise
            skipped += 1
            note(f"{where}not recorded: {exc}")
            continue
        recorded += 1
        print(where + _describe(result, data))
    if not single:
        summary = f"{recorded} of {len(bags)} bags recorded in round {round_code}"
        print(summary + (f"; {skipped} not recorded (see above)." if skipped else "."))
    return EXIT_ERROR if skipped else EXIT_OK


def _choice(enum: Any) -> list[str]:
    return [e.value for e in enum]


def register(sub: Any) -> None:
    p = command(
        sub, "intake", "record a received bag (field officer or supervisor), or a CSV file of scans", cmd_intake,
        epilog=(
            "The same checks as the intake form: a tag already received in the round is not recorded "
            "again without --confirm-duplicate; a tag not on the sending side's list is recorded as a "
            "discrepancy. A CSV file has a header row; its columns (other columns are ignored): "
            + "; ".join(f"{k}: {', '.join(v)}" for k, v in CSV_COLUMNS.items())
            + ". Each line is recorded on its own: lines that cannot be recorded are listed and the "
            "others kept, so the file can be given again after a correction (recorded tags are then "
            "reported as already received). --received-at is the time written on a paper form "
            "(local time, YYYY-MM-DD HH:MM); it may not lie in the future or before the round's date, "
            "and after the round's date and the next day it needs --late-reason."
        ),
    )
    add_user_option(p)
    p.add_argument("round", metavar="ROUND", help="the round's code")
    p.add_argument("--tag", metavar="TAG", help="the sender's tag as scanned or read")
    p.add_argument("--no-tag", action="store_true", help="the bag has no tag")
    p.add_argument("--csv", metavar="FILE", help="a CSV file of scans, one bag a line")
    p.add_argument("--encoding", choices=["utf-8", "cp1251"], help="the CSV file's encoding (default: detected)")
    p.add_argument("--delimiter", choices=[",", ";"], metavar="CHAR", help="the CSV file's delimiter (default: detected)")
    p.add_argument(
        "--received-at", metavar="'YYYY-MM-DD HH:MM'",
        help="when the bag was actually received, local time (default: now; for a CSV, lines without a time)",
    )
    p.add_argument("--late-reason", metavar="TEXT", help="why the bag was received after the round's days")
    p.add_argument("--confirm-duplicate", action="store_true",
                   help="record a bag whose tag was already received in the round, as a duplicate-tag discrepancy")
    p.add_argument("--unit", metavar="LABEL", help="the transport unit's label (plate or ID)")
    p.add_argument("--bag", metavar="NUMBER", help="the bag number")
    p.add_argument("--category", choices=_choice(Category))
    p.add_argument("--condition", action="append", choices=_choice(ConditionFlag), help="may be repeated")
    p.add_argument("--sex", choices=_choice(Sex), help="apparent sex")
    p.add_argument("--age-group", choices=_choice(AgeGroup))
    p.add_argument("--storage", metavar="TEXT", help="storage location")
    p.add_argument("--name", metavar="TEXT", help="claimed name (default: the sending side's list)")
    p.add_argument("--birth-date", metavar="TEXT", help="claimed date of birth")
    p.add_argument("--citizenship", metavar="TEXT", help="claimed citizenship")
    p.add_argument("--part-of", metavar="CASE", help="the case this body part belongs to")
    p.add_argument("--notes", metavar="TEXT")


__all__ = ["register"]
