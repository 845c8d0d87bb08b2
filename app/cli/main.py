"""The ``repat`` command: the GUI with no arguments, data commands otherwise.

Every command takes ``--db PATH_OR_URL``; commands that change data take ``--user NAME`` and
read the password from ``REPAT_PASSWORD`` or a prompt. Errors go to stderr as one sentence with
a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from app import __version__
from app.cli.base import EXIT_ERROR, EXIT_USAGE, USER_HELP, Handler, add_db_option, add_lang_option
from app.errors import RepatError

log = logging.getLogger(__name__)

GuiStarter = Callable[[argparse.Namespace], int]
"""Starts the application window with the ``--db`` and ``--lang`` given; the launcher in ``ui/``
passes it in, so that ``app/`` never imports the window."""


# --- registration ----------------------------------------------------------------------------

Registrar = Callable[[Any], None]  # receives the subparsers object


def _registrars() -> list[Registrar]:
    from app.cli.commands import (
        audit,
        backup,
        candidates,
        core,
        documents,
        forensics,
        intake,
        letter,
        reconcile,
        register,
        sync,
    )

    return [core.register, intake.register, forensics.register, register.register, candidates.register,
            documents.register, sync.register, reconcile.register, letter.register, audit.register,
            backup.register]


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


def main(argv: Sequence[str] | None = None, start_gui: GuiStarter | None = None) -> int:
    """Run the command of ``argv``; without one, the window through ``start_gui`` (given by the
    ``repat`` launcher, ``ui.launcher``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    gui = _gui_options(argv)
    if gui is None:
        args = build_parser().parse_args(argv)
    if gui is not None or not getattr(args, "command", None):
        if start_gui is None:
            build_parser().print_usage(sys.stderr)
            print("repat: give a command (`repat --help` lists them); `repat` alone starts the window.",
                  file=sys.stderr)
            return EXIT_USAGE
        return start_gui(gui if gui is not None else args)
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
