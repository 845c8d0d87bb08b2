"""Document commands: certificate, certificate-reprint, certificate-void, certificates, labels,
case-sheet, verify.

The parties of a certificate come from a JSON file (``--parties``) shaped like this (every key is
optional; what is missing is taken from the round or from the round's latest certificate of the
same kind, and issuing lists exactly what is still missing)::

    {
      "kind": "acceptance",
      "place": "Checkpoint North",
      "date": "2026-06-12",
      "time": "14:30",
      "notes": "",
      "sending":      {"organisation": "...", "representatives": [{"name": "...", "position": "...",
                                                                   "document": "passport AB123456"}],
                       "witnesses": []},
      "receiving":    {"organisation": "...", "representatives": [...], "witnesses": [...]},
      "intermediary": {"organisation": "ICRC", "representatives": [...], "witnesses": [...]}
    }
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.base import EXIT_OK, CliError, add_db_option, add_lang_option, add_user_option, login, reader
from app.documents.output import check_writable
from app.domain import CertificateKind
from app.services.cases import case_file
from app.services.context import AppContext
from app.services.documents import (
    case_documents,
    certificate_drafts,
    certificate_forms,
    certificate_issuing,
    certificate_records,
    verification,
)
from app.services.rounds import rounds

EXIT_NOT_VALID = 3

PARTIES_HELP = (
    "The parties file is JSON: {\"place\", \"date\" (YYYY-MM-DD), \"time\" (HH:MM), \"notes\", "
    "\"sending\", \"receiving\", \"intermediary\"}, each party {\"organisation\", \"representatives\": "
    "[{\"name\", \"position\", \"document\"}], \"witnesses\": [same]}. Without it the round's parties and "
    "the people of the round's latest certificate of the same kind are used. A draft with the same "
    "round, kind and cases is regenerated instead of numbering a new one."
)


def _pages(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def _common(p: argparse.ArgumentParser) -> None:
    add_db_option(p)
    add_lang_option(p)
    add_user_option(p)


def _database(args: argparse.Namespace) -> Any:
    from app.cli.common import database

    return database(args)


def _progress(label: str) -> tuple[Any, Any]:
    from app.cli.common import tty_progress

    return tty_progress(label)


def _read_lines(path: str) -> list[str]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise CliError(f"{path} is not a UTF-8 text file.") from exc
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _read_form(path: str) -> certificate_forms.CertificateForm:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"{path} is not a valid JSON file ({exc}).") from exc
    return certificate_forms.CertificateForm.from_json(data)


def _unit_id(ctx: AppContext, round_id: str, text: str) -> str:
    wanted = text.strip()
    for unit in rounds.list_transport_units(ctx, round_id):
        if unit.id == wanted or unit.label.casefold() == wanted.casefold():
            return unit.id
    raise CliError(f"The round has no transport unit {wanted}.")


def _scope(ctx: AppContext, args: argparse.Namespace, round_id: str) -> certificate_forms.Scope:
    if args.unit:
        return certificate_forms.Scope(round_id, transport_unit_id=_unit_id(ctx, round_id, args.unit))
    if args.cases:
        numbers = _read_lines(args.cases)
        return certificate_forms.Scope(round_id, case_ids=certificate_records.case_ids_for_numbers(ctx, round_id, numbers))
    return certificate_forms.Scope(round_id)


def cmd_certificate(args: argparse.Namespace) -> int:
    target = check_writable(args.out)
    form_file = _read_form(args.parties) if args.parties else None
    kind = args.kind or (form_file.kind if form_file else CertificateKind.ACCEPTANCE.value)
    if form_file is not None:
        form_file.kind = kind
    progress, finish = _progress("Certificate")
    with _database(args) as db:
        ctx = login(args, db)
        rnd = rounds.find_round(ctx, args.round)
        if args.supersedes:
            old = certificate_records.find_certificate(ctx, args.supersedes)
            if old.round_id != rnd.id:
                raise CliError(f"Certificate {old.number} belongs to round {old.round_code}, not {rnd.code}.")
            draft = certificate_drafts.start_correction(ctx, old.id)
            if form_file is not None or args.unit or args.cases:
                scope = _scope(ctx, args, rnd.id) if (args.unit or args.cases) else None
                draft = certificate_drafts.update_draft(ctx, draft.id, draft.rev, form_file or draft.form, scope)
        else:
            scope = _scope(ctx, args, rnd.id)
            found = certificate_drafts.find_open_draft(ctx, scope, kind)
            if found is None:
                draft = certificate_drafts.create_draft(
                    ctx, scope, form_file or certificate_drafts.default_form(ctx, rnd.id, kind)
                )
            elif form_file is not None:
                draft = certificate_drafts.update_draft(ctx, found.id, found.rev, form_file)
            else:
                draft = found
        try:
            if args.issue:
                result = certificate_issuing.issue_certificate(ctx, draft.id, progress=progress)
                document, info = result.document, result.certificate
            else:
                document = certificate_issuing.render_certificate(ctx, draft.id, progress=progress)
                info = certificate_records.get_certificate(ctx, draft.id)
        finally:
            finish()
    path = document.save(str(target))
    state = "issued" if info.status == "issued" else "draft, not issued"
    print(
        f"Certificate {info.number} ({state}): {info.case_count} cases, {_pages(document.pages)}, written to {path}."
    )
    if info.status == "issued":
        print(f"SHA-256 of its content: {document.sha256}")
    return EXIT_OK


def cmd_certificate_reprint(args: argparse.Namespace) -> int:
    target = check_writable(args.out)
    progress, finish = _progress("Certificate")
    with _database(args) as db:
        ctx = reader(args, db)
        info = certificate_records.find_certificate(ctx, args.number)
        try:
            document = certificate_issuing.render_certificate(ctx, info.id, progress=progress)
        finally:
            finish()
    path = document.save(str(target))
    print(f"Certificate {info.number} ({info.status}): {_pages(document.pages)}, written to {path}.")
    if info.content_sha256:
        print(f"SHA-256 of its content: {info.content_sha256}")
    return EXIT_OK


def cmd_certificate_void(args: argparse.Namespace) -> int:
    with _database(args) as db:
        ctx = login(args, db)
        info = certificate_records.find_certificate(ctx, args.number)
        info = certificate_issuing.void_certificate(ctx, info.id, args.reason)
    print(f"Certificate {info.number} is void: {info.void_reason}")
    return EXIT_OK


def cmd_certificates(args: argparse.Namespace) -> int:
    from app.cli.common import Column, emit

    with _database(args) as db:
        ctx = reader(args, db)
        round_id = rounds.find_round(ctx, args.round).id if args.round else None
        found = certificate_records.list_certificates(ctx, round_id)
    rows = [
        {
            "number": c.number, "kind": c.kind, "status": c.status, "round": c.round_code, "scope": c.scope_type,
            "cases": c.case_count, "issued_at": c.issued_at, "issued_by": c.issued_by,
            "supersedes": c.supersedes_number, "superseded_by": c.superseded_by_number,
            "void_reason": c.void_reason, "sha256": c.content_sha256 or "",
        }
        for c in found
    ]
    columns = [
        Column("number", "Number"), Column("kind", "Kind"), Column("status", "Status"), Column("round", "Round"),
        Column("cases", "Cases", True), Column("issued_at", "Issued"), Column("superseded_by", "Superseded by"),
    ]
    if args.format != "table":
        columns = [Column(k, k) for k in rows[0]] if rows else columns
    emit(rows, columns, args.format)
    return EXIT_OK


def cmd_labels(args: argparse.Namespace) -> int:
    target = check_writable(args.out)
    progress, finish = _progress("Labels")
    with _database(args) as db:
        ctx = reader(args, db)
        rnd = rounds.find_round(ctx, args.round)
        case_ids = (
            certificate_records.case_ids_for_numbers(ctx, rnd.id, _read_lines(args.cases)) if args.cases else None
        )
        try:
            document = case_documents.render_labels(ctx, rnd.id, args.layout, case_ids=case_ids, progress=progress)
        finally:
            finish()
    path = document.save(str(target))
    print(f"Labels for round {rnd.code}: {_pages(document.pages)}, written to {path}.")
    return EXIT_OK


def cmd_case_sheet(args: argparse.Namespace) -> int:
    target = check_writable(args.out)
    with _database(args) as db:
        ctx = reader(args, db)
        case_id = case_file.find_case_id(ctx, args.case_number)
        document = case_documents.render_case_sheet(ctx, case_id)
    path = document.save(str(target))
    print(f"Case sheet {document.number}: {_pages(document.pages)}, written to {path}.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with _database(args) as db:
        ctx = reader(args, db)
        result = verification.verify(ctx, args.text)
    print(f"{result.answer.value.upper()}: {result.message}")
    return EXIT_OK if result.valid else EXIT_NOT_VALID


def _parser(sub: Any, name: str, help_: str, handler: Any, **kw: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help=help_, description=kw.pop("description", help_[:1].upper() + help_[1:] + "."), **kw
    )
    _common(p)
    p.set_defaults(handler=handler)
    return p


def register(sub: Any) -> None:
    p = _parser(
        sub, "certificate",
        "print a handover certificate (act of acceptance/transfer) for a round, a transport unit or chosen cases",
        cmd_certificate,
        epilog=PARTIES_HELP + " Without --issue the PDF is a draft (watermarked); --issue needs a clerk or "
        "supervisor and records a custody event for every case.",
    )
    p.add_argument("round", metavar="ROUND", help="the round's code")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--unit", metavar="ID", help="only the cases of this transport unit (its plate or ID)")
    scope.add_argument(
        "--cases", metavar="FILE", help="only these cases: a text file with one case number per line ('-' = stdin)"
    )
    p.add_argument("--kind", choices=[k.value for k in CertificateKind], help="default: acceptance")
    p.add_argument("--parties", metavar="FILE.json", help="place, date, time and the parties (see below)")
    p.add_argument("--issue", action="store_true", help="issue the certificate (clerk or supervisor)")
    p.add_argument("--supersedes", metavar="NUMBER", help="correct this issued certificate: the new one replaces it")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")

    p = _parser(
        sub, "certificate-reprint", "print a certificate again by its number (an issued one from its frozen content)",
        cmd_certificate_reprint,
    )
    p.add_argument("number", metavar="NUMBER", help="the certificate number, e.g. KH01-A-2026-0001")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")

    p = _parser(sub, "certificate-void", "void an issued certificate (supervisor), giving the reason", cmd_certificate_void)
    p.add_argument("number", metavar="NUMBER", help="the certificate number")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why it is void")

    p = _parser(sub, "certificates", "list certificates, newest first", cmd_certificates)
    p.add_argument("round", metavar="ROUND", nargs="?", help="only this round (its code)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")

    p = _parser(sub, "labels", "print bag labels for the cases of a round", cmd_labels)
    p.add_argument("round", metavar="ROUND", help="the round's code")
    p.add_argument(
        "--layout", choices=["a4", "roll"], default="a4",
        help="a4: a sheet of 8 labels of 105 x 74 mm; roll: one 100 x 150 mm label per page",
    )
    p.add_argument("--cases", metavar="FILE", help="only these cases: one case number per line ('-' = stdin)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")

    p = _parser(sub, "case-sheet", "print the case sheet of one case", cmd_case_sheet)
    p.add_argument("case_number", metavar="CASE_NUMBER", help="e.g. KH01-2026-00017")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")

    p = _parser(
        sub, "verify", "check a certificate's QR code text (or its number) against the records", cmd_verify,
        epilog="Exit status 0 when the certificate is valid, 3 when it is void, superseded, unknown, a draft, "
        "or its content does not match.",
    )
    p.add_argument("text", metavar="TEXT", help="the scanned text, e.g. REPAT:CERT:KH01-A-2026-0001:<SHA-256>")
