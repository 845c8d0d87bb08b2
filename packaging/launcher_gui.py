"""Entry point of the Windows windowed application (repat-gui.exe, what the Start menu opens).

A windowed program has no console: sys.stdout and sys.stderr are None there, so whatever would
print goes nowhere instead of failing. The command line stays repat.exe (packaging/launcher.py)."""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from ui.launcher import main  # noqa: E402

raise SystemExit(main())
