"""The ``repat`` command: the GUI with no arguments, data commands otherwise.

Every command takes ``--db PATH_OR_URL``; commands that change data take ``--user NAME`` and
read the password from ``REPAT_PASSWORD`` or a prompt. Errors go to stderr as one sentence with
a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from app import __version__
from app.errors import RepatError
from app.persistence.db import Database, normalize_url, open_database, sqlite_path
from app.services.admin import accounts
from app.services.context import AppContext

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class CliError(RepatError):
    """A command-line problem, reported as one sentence."""


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--db`` on the main parser and on every command (``repat --db X cmd`` and ``repat cmd --db X``).

    On commands the default is SUPPRESS: argparse would otherwise overwrite a ``--db`` given
    before the command with the command's own default.
    """
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=os.environ.get("REPAT_DB") if top_level else argparse.SUPPRESS,
        help="SQLite file or postgresql:// URL (default: $REPAT_DB, else the database in your data folder)",
    )


USER_HELP = "your user name (password from REPAT_PASSWORD or a prompt)"
LANGUAGES = ["en", "uk"]


def add_user_option(parser: argparse.ArgumentParser) -> None:
    """``--user`` on a command; the default is SUPPRESS so that ``repat --user X cmd`` (given
    before the command, on the main parser) is not overwritten by the command's own default."""
    parser.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help=USER_HELP)


def add_lang_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None if top_level else argparse.SUPPRESS,
                        help="language of the application window (commands write English)")


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    """Open the database of ``--db``. Only ``create`` (init, demo) may make a new SQLite file;
    other commands refuse a missing file instead of leaving an empty database behind."""
    target = getattr(args, "db", None)
    path = sqlite_path(normalize_url(target))
    if path is not None and not create and not path.exists():
        raise CliError(f"There is no Repat database at {path}; create one with `repat init` or `repat demo`.")
    return open_database(target)


def read_password(prompt: str = "Password: ") -> str:
    env = os.environ.get("REPAT_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise CliError("Set REPAT_PASSWORD or run the command in a terminal to type the password.")
    return getpass.getpass(prompt)


def login(args: argparse.Namespace, db: Database) -> AppContext:
    """Log in as ``--user`` (required for commands that change data)."""
    if not getattr(args, "user", None):
        raise CliError("This command changes data: give your user name with --user NAME.")
    if not accounts.is_initialized(db):
        raise CliError("This database is not set up yet; run `repat init` first.")
    return accounts.login(db, args.user, read_password())


def reader(args: argparse.Namespace, db: Database) -> AppContext:
    """A context for read-only commands: the named user if given, else a local reader."""
    if getattr(args, "user", None):
        return login(args, db)
    if not accounts.is_initialized(db):
        raise CliError("This database is not set up yet; run `repat init` first.")
    from app.domain import Role
    from app.services.context import UserInfo

    device = accounts.local_device(db)
    ctx = AppContext(db, device.code)
    ctx.user = UserInfo(id="", username="(reader)", full_name="", role=Role.CLERK)
    return ctx


# --- registration ----------------------------------------------------------------------------

Registrar = Callable[[Any], None]  # receives the subparsers object


def _registrars() -> list[Registrar]:
    from app.cli.commands import audit, backup, core, documents, forensics, intake, reconcile, sync

    return [core.register, intake.register, forensics.register, documents.register, sync.register,
            reconcile.register, audit.register, backup.register]


def _gui_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The GUI's options when no command is given, without importing every command module
    (which would slow the application's start-up)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_db_option(parser, top_level=True)
    add_lang_option(parser, top_level=True)
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repat",
        description="Repat: registry for the repatriation of human remains. Without a command, starts the application.",
    )
    parser.add_argument("--version", action="version", version=f"repat {__version__}")
    add_db_option(parser, top_level=True)
    add_lang_option(parser, top_level=True)
    parser.add_argument("--user", metavar="NAME", default=None, help=USER_HELP + "; also accepted after the command")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _registrars():
        register(sub)
    return parser


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command cut off by `| head`


def _reader_went_away() -> int:
    """The reader of standard output (``| head``) has closed it: stop quietly, as other commands
    do, without a traceback or an error sentence at the interpreter's exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    gui = _gui_options(argv)
    if gui is None:
        args = build_parser().parse_args(argv)
    if gui is not None or not getattr(args, "command", None):
        from ui.main import run_gui  # the only place the CLI reaches into ui/

        options = gui if gui is not None else args
        return run_gui(db=options.db, lang=options.lang)
    handler: Handler = args.handler
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except RepatError as exc:
        print(f"repat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("repat: interrupted; nothing was half-written.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"repat: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # pragma: no cover - last resort, logged with its traceback
        log.exception("unexpected error in %s", args.command)
        print(f"repat: unexpected error ({type(exc).__name__}: {exc}); details are in the log.", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
