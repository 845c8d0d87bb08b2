"""What the command modules share: output as a table, CSV or JSON, progress on a terminal,
the database of a command, questions at the terminal, argument types, and the registration
of subcommands."""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from app import csvsafe
from app.cli.base import CliError, add_db_option, add_lang_option, open_db
from app.persistence.db import Database
from app.progress import ProgressCallback

FORMATS = ("table", "csv", "json")
NEW_PASSWORD_ENV = "REPAT_NEW_PASSWORD"


# --- output --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    align_right: bool = False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _stdout() -> TextIO:
    """Standard output, in UTF-8 when it goes to a file or a pipe (names are Cyrillic)."""
    out = sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    encoding = (getattr(out, "encoding", "") or "").lower().replace("-", "")
    if reconfigure is not None and not out.isatty() and encoding != "utf8":
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")
    return out


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[Column], fmt: str) -> None:
    """Write rows as an aligned table, CSV or JSON (a list of objects) to stdout."""
    out = _stdout()
    if fmt == "json":
        data = [{c.key: _json_value(r.get(c.key)) for c in columns} for r in rows]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for r in rows:
            # text that a spreadsheet would run as a formula is written as text (a number stays one)
            writer.writerow([csvsafe.cell(v) if isinstance(v := r.get(c.key), str) else _text(v) for c in columns])
        return
    cells = [[_text(r.get(c.key)).replace("\n", " ") for c in columns] for r in rows]
    widths = [max([len(c.header)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if c.align_right else v.ljust(w) for v, w, c in zip(values, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out.write(line([c.header for c in columns]) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output as an aligned table (default), CSV or JSON"
    )


def note(message: str) -> None:
    print(message, file=sys.stderr)


_LINE = 79  # characters of the progress line (a terminal is at least 80 wide)


def tty_progress(label: str, *, percent: bool = False) -> tuple[ProgressCallback, Callable[[], None]]:
    """A progress callback that draws one line on stderr when it is a terminal, and its finisher.
    The line shows "done/total", or with ``percent`` the share done and what is being done."""
    if not sys.stderr.isatty():
        return (lambda done, total, message="": None), (lambda: None)
    drawn = [False]

    def progress(done: int, total: int, message: str = "") -> None:
        if total and percent:
            text = f"{label}: {100 * done // total:3d}% {message}"
        else:
            text = f"{label}: {done}/{total}" if total else f"{label}: {message}"
        sys.stderr.write("\r" + text[:_LINE].ljust(_LINE))
        sys.stderr.flush()
        drawn[0] = True

    def finish() -> None:
        if drawn[0]:
            drawn[0] = False
            sys.stderr.write("\r" + " " * _LINE + "\r")
            sys.stderr.flush()

    return progress, finish


@contextlib.contextmanager
def database(args: argparse.Namespace, *, create: bool = False) -> Iterator[Database]:
    db = open_db(args, create=create)
    try:
        yield db
    finally:
        db.close()


def ask(value: str | None, prompt: str, flag: str) -> str:
    """A value given as ``flag``, else typed at the terminal."""
    if value is not None and value.strip():
        return value.strip()
    if not sys.stdin.isatty():
        raise CliError(f"Give {flag}, or run the command in a terminal to be asked for it.")
    return input(prompt).strip()


def new_password(for_whom: str, env: str) -> str:
    """A new password from ``env``, else typed twice at the terminal."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"Set {env} or run the command in a terminal to type the new password for {for_whom}.")
    first = getpass.getpass(f"New password for {for_whom}: ")
    second = getpass.getpass("Type it again: ")
    if first != second:
        raise CliError("The two passwords differ; nothing was changed.")
    return first


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value} is not a date written YYYY-MM-DD (e.g. 2026-06-12)") from exc


def non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value} is not a whole number") from exc
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return number


# --- registration ------------------------------------------------------------------------------------


def command(sub: Any, name: str, help_: str, handler: Callable[[argparse.Namespace], int], **kw: Any) -> Any:
    """A subcommand of ``sub`` with the --db option, run by ``handler``."""
    p = sub.add_parser(name, help=help_, description=kw.pop("description", help_[:1].upper() + help_[1:] + "."), **kw)
    add_db_option(p)
    add_lang_option(p)
    p.set_defaults(handler=handler)
    return p


def command_group(sub: Any, name: str, help_: str) -> Any:
    """A subcommand of ``sub`` that has subcommands of its own (returned)."""
    p = sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] + ".")
    add_db_option(p)
    add_lang_option(p)
    inner = p.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
    return inner
