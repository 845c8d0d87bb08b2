"""Bag labels: the case number as large text and as a QR code, with the round and the date.

Two layouts: ``a4`` (a sheet of eight 105 × 74 mm labels, with light cutting guides) and
``roll`` (one 100 × 150 mm label per page, for a label printer). Labels are drawn straight on
the canvas, which keeps 1,200 labels to about a second.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import vocabulary as v
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.layout import RenderedPdf, fit_size, text_width, wrap
from app.documents.qr import draw_qr
from app.errors import ValidationError
from app.progress import CancelToken

LAYOUTS = ("a4", "roll")
LABELS_TITLE = "Бирки / Bag labels"
A4_COLUMNS, A4_ROWS = 2, 4
ROLL_SIZE = (100 * mm, 150 * mm)

CATEGORY_SHORT = {
    "complete": ("Повне тіло", "Complete body"),
    "partial": ("Частково", "Partial"),
    "fragments": ("Фрагменти", "Fragments"),
    "commingled": ("Змішані", "Commingled"),
}


@dataclass(frozen=True)
class LabelData:
    case_number: str
    round_code: str
    date: str  # ISO date the remains were received
    sender_tag: str = ""
    bag_number: str = ""
    category: str = ""


def _fields(label: LabelData) -> list[tuple[str, str]]:
    return [
        ("Раунд / Round", label.round_code),
        ("Дата / Date", label.date),
        ("Бирка / Tag", label.sender_tag or "—"),
        ("Мішок / Bag", label.bag_number or "—"),
        ("Категорія / Category", v.term(CATEGORY_SHORT, label.category) or "—"),
    ]


def _draw_fields(
    canvas: Canvas, fields: list[tuple[str, str]], x: float, top: float, width: float, bottom: float, size: float
) -> None:
    y = top
    for name, value in fields:
        if y - size * 2.2 < bottom:
            break
        canvas.setFont(REGULAR, size * 0.78)
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canvas.drawString(x, y, name)
        y -= size * 1.05
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, size)
        lines = wrap(value, width, size, BOLD)
        for i, line in enumerate(lines[:2]):
            if i == 1 and len(lines) > 2:
                while line and text_width(line + "…", size, BOLD) > width:
                    line = line[:-1]
                line += "…"
            canvas.drawString(x, y, line)
            y -= size * 1.15
        y -= size * 0.45


def _heading(canvas: Canvas, x: float, y: float, width: float, size: float) -> None:
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    text = "Репатріація — мішок з останками / Repatriation — body bag"
    while size > 4 and text_width(text, size) > width:
        size -= 0.25
        canvas.setFont(REGULAR, size)
    canvas.drawString(x, y, text)
    canvas.setFillColor(colors.black)


def draw_a4_label(canvas: Canvas, label: LabelData, x: float, y: float, w: float, h: float) -> None:
    pad = 6 * mm
    inner_w = w - 2 * pad
    top = y + h - pad
    _heading(canvas, x + pad, top - 6, inner_w, 6.5)
    size = fit_size(label.case_number, inner_w, 26, 9)
    canvas.setFont(BOLD, size)
    number_y = top - 10 - size * 0.85
    canvas.drawString(x + pad, number_y, label.case_number)
    qr_top = number_y - 2.5 * mm
    qr_size = min(qr_top - (y + pad) + 2 * mm, 44 * mm)
    draw_qr(canvas, label.case_number, x + pad - 2 * mm, qr_top - qr_size, qr_size, fast=True)
    fields_x = x + pad + qr_size - 1 * mm
    _draw_fields(canvas, _fields(label), fields_x, qr_top - 9, x + w - pad - fields_x, y + pad, 9)


def draw_roll_label(canvas: Canvas, label: LabelData, w: float, h: float) -> None:
    pad = 6 * mm
    inner_w = w - 2 * pad
    top = h - pad
    _heading(canvas, pad, top - 7, inner_w, 7.5)
    size = fit_size(label.case_number, inner_w, 34, 10)
    canvas.setFont(BOLD, size)
    number_y = top - 12 - size * 0.85
    canvas.drawCentredString(w / 2, number_y, label.case_number)
    qr_size = 66 * mm
    qr_y = number_y - 3 * mm - qr_size
    draw_qr(canvas, label.case_number, (w - qr_size) / 2, qr_y, qr_size, fast=True)
    _draw_fields(canvas, _fields(label), pad, qr_y - 4 * mm, inner_w, pad, 10)


def render_labels(
    labels: Sequence[LabelData],
    layout: str,
    *,
    title: str = LABELS_TITLE,
    progress: Callable[[int, int, str], None] | None = None,
    token: CancelToken | None = None,
) -> RenderedPdf:
    """Bag labels as PDF bytes, in the order given."""
    if layout not in LAYOUTS:
        raise ValidationError(f"Unknown label layout {layout}: choose a4 or roll.")
    if not labels:
        raise ValidationError("There are no cases to print labels for.")
    register_fonts()
    buffer = io.BytesIO()
    pagesize = A4 if layout == "a4" else ROLL_SIZE
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setAuthor("Repat")
    canvas.setCreator("Repat")
    total = len(labels)
    pages = 0
    if layout == "a4":
        per_page = A4_COLUMNS * A4_ROWS
        w, h = A4[0] / A4_COLUMNS, A4[1] / A4_ROWS
        for start in range(0, total, per_page):
            if token is not None:
                token.check()
            chunk = labels[start : start + per_page]
            canvas.saveState()
            canvas.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
            canvas.setLineWidth(0.3)
            canvas.setDash(2, 3)
            for col in range(1, A4_COLUMNS):
                canvas.line(col * w, 0, col * w, A4[1])
            for row in range(1, A4_ROWS):
                canvas.line(0, row * h, A4[0], row * h)
            canvas.restoreState()
            for i, label in enumerate(chunk):
                col, row = i % A4_COLUMNS, i // A4_COLUMNS
                draw_a4_label(canvas, label, col * w, A4[1] - (row + 1) * h, w, h)
            canvas.showPage()
            pages += 1
            if progress is not None:
                progress(min(start + per_page, total), total, "")
    else:
        for i, label in enumerate(labels, start=1):
            if token is not None and i % 20 == 0:
                token.check()
            draw_roll_label(canvas, label, *ROLL_SIZE)
            canvas.showPage()
            pages += 1
            if progress is not None and (i % 50 == 0 or i == total):
                progress(i, total, "")
    canvas.save()
    return RenderedPdf(buffer.getvalue(), pages)
