"""CSV cells a spreadsheet shows as text, never runs as a formula (the OWASP CSV-injection rule).

A value that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a
single quote before it; reading such a file back (the manifest import) removes exactly that quote,
so the original value comes back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """``value`` as it is safe to write: text that a spreadsheet would run gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unescape(value: str) -> str:
    """The value ``cell`` was given, from what it wrote (other text is returned as it is)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


class Writer:
    """``csv.writer`` whose every text cell goes through ``cell``."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(v) for v in row])
