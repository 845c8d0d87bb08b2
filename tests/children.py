"""Child Python processes for the tests that need another process: one to kill without warning,
one to hold a lock, one to run as another user or in a mount namespace of its own."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child_env() -> dict[str, str]:
    """This environment (the test's data folder included) with the repository importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def python_command(code: str, *args: str, prefix: list[str] | None = None) -> list[str]:
    """The command that runs ``code`` (indented as written in the test) in a fresh Python; run
    it with ``cwd=REPO, env=child_env()``."""
    return [*(prefix or []), sys.executable, "-c", textwrap.dedent(code), *args]
