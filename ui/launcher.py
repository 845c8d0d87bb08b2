"""The ``repat`` program: the application window without a command, a command of ``app.cli``
otherwise. Qt is imported only when the window is wanted, so a command starts as fast as the
command line alone; ``app/`` never imports ``ui/``, the window is handed to it from here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.cli.main import main as run_command


def start_gui(options: argparse.Namespace) -> int:
    from ui.main import run_gui

    return run_gui(db=options.db, lang=options.lang)


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
