"""``repat forensics``: the forensic work on one case, as in the case's Forensics window.

    repat forensics show CASE [--format table|json]
    repat forensics examine CASE --status completed --by NAME [--at 'YYYY-MM-DD HH:MM'] --user NAME
    repat forensics sample CASE --type bone [--label L] [--taken-on DATE] --user NAME
    repat forensics withdraw-sample CASE LABEL --user NAME
    repat forensics identify CASE --name TEXT --by NAME [--method dna] [--on DATE] --user NAME
    repat forensics release CASE --recipient NAME --document TEXT [--at ...] --user NAME

CASE is the number the case shows (``KH01-2026-000123``). Every step goes through the same
service as the window, with the same checks: a step only moves a case forward, an identification
needs the completed examination, a release needs the identification.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_user_option, login, reader
from app.cli.common import command, command_group, database, parse_date
from app.errors import ValidationError
from app.services.cases import case_file, reception_time
from app.services.forensics import case_record, examination, identification
from app.services.forensics.case_record import ExaminationStatus, IdentificationMethod, SampleType


def parse_moment(value: str) -> datetime:
    """A local time typed ``YYYY-MM-DD HH:MM`` (as the reception time is)."""
    try:
        return reception_time.parse(value)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(f"{value} is not a time written YYYY-MM-DD HH:MM (e.g. 2026-06-12 14:30)") \
            from exc


def _describe(record: case_record.ForensicRecord) -> list[str]:
    def when(value: datetime | date | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return reception_time.local_text(value)
        return value.isoformat()

    lines = [
        f"Case {record.case_number} (round {record.round_code}): {record.status}",
        f"  examination: completed {when(record.examined_at)} by {record.examined_by}" if record.examined
        else f"  examination: {record.examination_status.replace('_', ' ')}",
        f"  claimed identity: {record.claimed_name or '—'}"
        + (f", born {record.claimed_birth_date}" if record.claimed_birth_date else ""),
    ]
    if record.identified:
        lines.append(
            f"  established identity: {record.established_name}"
            + (f", born {record.established_birth_date}" if record.established_birth_date else "")
            + f" ({record.identification_method}, {when(record.identified_on)}, {record.identified_by})"
        )
        if record.differences:
            lines.append("    differs from the claimed identity in: "
                         + ", ".join(d.replace("_", " ") for d in record.differences))
    for sample in record.samples:
        lines.append(
            f"  sample {sample.label or '(no number)'}: {sample.sample_type}, taken {when(sample.taken_on)}"
            + (f" by {sample.taken_by}" if sample.taken_by else "")
            + (f", sent to {sample.sent_to}" if sample.sent_to else "")
        )
    for release in record.releases:
        lines.append(
            f"  released {when(release.released_at)} to {release.recipient_name}"
            + (f" ({release.recipient_relationship})" if release.recipient_relationship else "")
            + f", document {release.recipient_document}"
        )
    return lines


def _print(record: case_record.ForensicRecord) -> None:
    for line in _describe(record):
        print(line)


def cmd_show(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = reader(args, db)
        record = case_record.get_record(ctx, case_file.find_case_id(ctx, args.case))
    if args.format == "json":
        print(json.dumps(asdict(record), ensure_ascii=False, indent=2, default=str))
    else:
        _print(record)
    return EXIT_OK


def cmd_examine(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        at = args.at
        if at is None and args.status == ExaminationStatus.COMPLETED.value:
            at = datetime.now().replace(microsecond=0)
        record = examination.record_examination(
            ctx, case_file.find_case_id(ctx, args.case),
            examination.ExaminationData(status=args.status, examined_at=at, examined_by=args.by or "",
                                      notes=args.notes or ""),
        )
    _print(record)
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        record = examination.add_sample(
            ctx, case_file.find_case_id(ctx, args.case),
            examination.SampleData(sample_type=args.type, label=args.label or "", taken_on=args.taken_on or date.today(),
                                 taken_by=args.taken_by or "", sent_to=args.sent_to or "", notes=args.notes or ""),
        )
    _print(record)
    return EXIT_OK


def cmd_withdraw_sample(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        record = case_record.get_record(ctx, case_file.find_case_id(ctx, args.case))
        found = [s for s in record.samples if args.sample in (s.label, s.id)]
        if not found:
            raise CliError(f"Case {record.case_number} has no sample {args.sample}.")
        record = examination.withdraw_sample(ctx, found[0].id)
    _print(record)
    return EXIT_OK


def cmd_identify(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        record = identification.record_identification(
            ctx, case_file.find_case_id(ctx, args.case),
            identification.IdentificationData(
                established_name=args.name, established_birth_date=args.birth_date or "",
                established_citizenship=args.citizenship or "", method=args.method, identified_by=args.by,
                identified_on=args.on or date.today(),
            ),
        )
    _print(record)
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    with database(args) as db:
        ctx = login(args, db)
        record = identification.record_release(
            ctx, case_file.find_case_id(ctx, args.case),
            identification.ReleaseData(
                recipient_name=args.recipient, recipient_relationship=args.relationship or "",
                recipient_document=args.document, released_at=args.at or datetime.now().replace(microsecond=0),
                place=args.place or "", released_by=args.by or "", notes=args.notes or "",
            ),
        )
    _print(record)
    return EXIT_OK


def _values(enum: Any) -> list[str]:
    return [e.value for e in enum]


def register(sub: Any) -> None:
    group = command_group(sub, "forensics", "examination, samples, identification and release of one case")
    p = command(group, "show", "the forensic record of a case", cmd_show)
    add_user_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="as lines to read (default) or one JSON object")
    p.add_argument("case", metavar="CASE", help="the case number")

    p = command(group, "examine", "record the examination's progress (completing it is final)", cmd_examine)
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number")
    p.add_argument("--status", choices=_values(ExaminationStatus), default=ExaminationStatus.COMPLETED.value,
                   help="default: completed")
    p.add_argument("--at", type=parse_moment, metavar="'YYYY-MM-DD HH:MM'",
                   help="when it was completed, local time (default: now)")
    p.add_argument("--by", metavar="NAME", help="who examined the remains (required to complete)")
    p.add_argument("--notes", metavar="TEXT")

    p = command(group, "sample", "record a sample taken for DNA or other comparison", cmd_sample)
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number")
    p.add_argument("--type", choices=_values(SampleType), required=True)
    p.add_argument("--label", metavar="NUMBER", help="the sample's number")
    p.add_argument("--taken-on", type=parse_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--taken-by", metavar="NAME")
    p.add_argument("--sent-to", metavar="LABORATORY")
    p.add_argument("--notes", metavar="TEXT")

    p = command(group, "withdraw-sample", "withdraw a sample recorded in error (kept in the history)",
                cmd_withdraw_sample)
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number")
    p.add_argument("sample", metavar="SAMPLE", help="the sample's number")

    p = command(group, "identify", "record (or correct) the established identity", cmd_identify,
                epilog="The claimed identity is never changed; a case whose established identity differs "
                       "from it is marked disputed.")
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number")
    p.add_argument("--name", required=True, metavar="TEXT", help="the established name")
    p.add_argument("--by", required=True, metavar="NAME", help="who identified the remains")
    p.add_argument("--method", choices=_values(IdentificationMethod), default=IdentificationMethod.DNA.value,
                   help="default: dna")
    p.add_argument("--on", type=parse_date, metavar="YYYY-MM-DD", help="the identification's date (default: today)")
    p.add_argument("--birth-date", metavar="TEXT")
    p.add_argument("--citizenship", metavar="TEXT")

    p = command(group, "release", "release identified remains to the family", cmd_release)
    add_user_option(p)
    p.add_argument("case", metavar="CASE", help="the case number")
    p.add_argument("--recipient", required=True, metavar="NAME", help="who received the remains")
    p.add_argument("--document", required=True, metavar="TEXT", help="the recipient's identity document")
    p.add_argument("--relationship", metavar="TEXT", help="e.g. mother, brother")
    p.add_argument("--at", type=parse_moment, metavar="'YYYY-MM-DD HH:MM'", help="local time (default: now)")
    p.add_argument("--place", metavar="TEXT")
    p.add_argument("--by", metavar="NAME", help="who released the remains (default: you)")
    p.add_argument("--notes", metavar="TEXT")


__all__ = ["register"]
