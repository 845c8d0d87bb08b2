"""What every command needs before it runs: the errors and exit codes of the command line, the
``--db``, ``--user`` and ``--lang`` options, opening the database, and logging in."""


from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

from app.errors import RepatError
from app.persistence.db import Database, normalize_url, open_database, sqlite_path
from app.services.admin import accounts
from app.services.context import AppContext

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
