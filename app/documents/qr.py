"""QR codes drawn as vector paths (one path per code, runs of dark modules merged)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white margin the standard asks for


@lru_cache(maxsize=64)
def _matrix_cached(text: str) -> tuple[tuple[bool, ...], ...]:
    return _make_matrix(text, fast=False)


def _make_matrix(text: str, *, fast: bool) -> tuple[tuple[bool, ...], ...]:
    # A fixed mask skips the search for the best of eight masks (about ten times faster); every
    # mask gives a valid code, the best one only scans a little more easily.
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2 if fast else None
    )
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_matrix(text: str, *, fast: bool = False) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``text``'s QR code (error correction M), without the quiet zone."""
    return _make_matrix(text, fast=True) if fast else _matrix_cached(text)


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float, *, fast: bool = False) -> None:
    """Draw the QR code of ``text`` with its quiet zone in the square (x, y, size, size).

    ``size`` includes the quiet zone; (x, y) is the lower-left corner.
    """
    matrix = qr_matrix(text, fast=fast)
    n = len(matrix)
    module = size / (n + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    # Work in module units (origin at the code's lower-left corner): whole-number coordinates.
    canvas.translate(x + QUIET_ZONE * module, y + QUIET_ZONE * module)
    canvas.scale(module, module)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        row_y = n - 1 - r
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(start, row_y, c - start, 1)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
