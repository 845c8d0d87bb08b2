"""Shared page furniture: geometry, text wrapping, "page x of y", watermarks, the doc template.

Tables are filled with pre-wrapped plain strings (lines joined by newlines) and explicit row
heights: wrapping is done once here with the font's metrics, long words are broken, so nothing
overflows a cell, and a table of 1,200 rows lays out almost as fast as a bare one.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, LongTable, PageTemplate, Paragraph, TableStyle
from reportlab.platypus.flowables import Flowable

from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.progress import CancelToken

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
CONTENT_W = PAGE_W - 2 * MARGIN

GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_BG = colors.Color(0.9, 0.9, 0.9)
PAD = 2.5  # cell padding, points

Decorate = Callable[[Canvas, int, int], None]
PageDone = Callable[[int], None]


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


# --- text -----------------------------------------------------------------------------------


_font_objects: dict[str, Any] = {}


def text_width(text: str, size: float, font: str = REGULAR) -> float:
    face = _font_objects.get(font)
    if face is None:
        register_fonts()
        face = _font_objects[font] = pdfmetrics.getFont(font)
    return float(face.stringWidth(text, size))


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Split a word wider than ``width`` into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, size, font) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, font: str = REGULAR) -> list[str]:
    """Greedy word wrap by the font's real widths; words longer than a line are broken."""
    if "\n" not in text and "\r" not in text and text_width(text, size, font) <= width:
        return [" ".join(text.split())]
    lines: list[str] = []
    space = text_width(" ", size, font)
    for para in (text or "").splitlines() or [""]:
        words = para.split()
        if not words:
            lines.append("")
            continue
        current = ""
        current_w = 0.0
        for word in words:
            w = text_width(word, size, font)
            if w > width:
                if current:
                    lines.append(current)
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                current = pieces[-1]
                current_w = text_width(current, size, font)
                continue
            if not current:
                current, current_w = word, w
            elif current_w + space + w <= width:
                current += " " + word
                current_w += space + w
            else:
                lines.append(current)
                current, current_w = word, w
        lines.append(current)
    return lines


def fit_size(text: str, width: float, largest: float, smallest: float, font: str = BOLD) -> float:
    """The largest font size (down to ``smallest``) at which ``text`` fits on one line."""
    size = largest
    while size > smallest and text_width(text, size, font) > width:
        size -= 0.5
    return size


# --- tables ---------------------------------------------------------------------------------


@dataclass
class Column:
    header: str  # may hold "\n" for a bilingual two-line header
    width: float
    align: str = "LEFT"


class WrappedTable:
    """Builds a LongTable of wrapped strings with exact row heights."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        size: float = 7.5,
        header_size: float = 6.8,
        max_lines: int = 0,
        zebra: bool = False,
        pad: float = PAD,
    ) -> None:
        self.columns = list(columns)
        self.pad = pad
        self.size = size
        self.leading = size * 1.18
        self.header_size = header_size
        self.header_leading = header_size * 1.18
        self.max_lines = max_lines
        self.zebra = zebra
        self.rows: list[list[str]] = []
        self.heights: list[float] = []
        self.overflowed: list[int] = []  # indexes of rows whose text was cut at max_lines
        head_cells = [
            "\n".join(
                line
                for part in c.header.split("\n")
                for line in wrap(part, c.width - 2 * pad, header_size, BOLD)
            )
            for c in self.columns
        ]
        head_lines = max(cell.count("\n") + 1 for cell in head_cells)
        self.header = head_cells
        self.header_height = head_lines * self.header_leading + 2 * pad + 1

    def add(self, values: Sequence[str]) -> None:
        cells: list[str] = []
        lines_max = 1
        cut = False
        for col, value in zip(self.columns, values, strict=True):
            lines = wrap(value, col.width - 2 * self.pad, self.size)
            if self.max_lines and len(lines) > self.max_lines:
                lines = lines[: self.max_lines - 1] + ["[…]"]
                cut = True
            lines_max = max(lines_max, len(lines))
            cells.append("\n".join(lines))
        if cut:
            self.overflowed.append(len(self.rows))
        self.rows.append(cells)
        self.heights.append(lines_max * self.leading + 2 * self.pad + 1)

    def flowable(self) -> LongTable:
        data = [self.header, *self.rows]
        table = LongTable(
            data,
            colWidths=[c.width for c in self.columns],
            rowHeights=[self.header_height, *self.heights],
            repeatRows=1,
        )
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, 0), BOLD, self.header_size, self.header_leading),
            ("FONT", (0, 1), (-1, -1), REGULAR, self.size, self.leading),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad),
        ]
        for i, col in enumerate(self.columns):
            if col.align != "LEFT":
                style.append(("ALIGN", (i, 1), (i, -1), col.align))
        if self.zebra:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.965, 0.965, 0.965)]))
        table.setStyle(TableStyle(style))
        return table


def key_value_table(
    rows: Sequence[tuple[str, str]], label_width: float, width: float = CONTENT_W, size: float = 8.5
) -> LongTable:
    """Label / value pairs, label column shaded, both wrapped."""
    leading = size * 1.18
    cells: list[list[str]] = []
    heights: list[float] = []
    for label, value in rows:
        left = wrap(label, label_width - 2 * PAD, size * 0.9, BOLD)
        right = wrap(value or "—", width - label_width - 2 * PAD, size)
        cells.append(["\n".join(left), "\n".join(right)])
        heights.append(max(len(left), len(right)) * leading + 2 * PAD + 1)
    flow = LongTable(cells, colWidths=[label_width, width - label_width], rowHeights=heights)
    flow.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), BOLD, size * 0.9, leading),
                ("FONT", (1, 0), (1, -1), REGULAR, size, leading),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return flow


# --- paragraph styles -----------------------------------------------------------------------


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, alignment=1, spaceAfter=1),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=10.5, leading=13, alignment=1),
        "number": ParagraphStyle("number", fontName=BOLD, fontSize=12, leading=15, alignment=1, spaceBefore=3),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=7, leading=8.5),
    }


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a little XML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


# --- pages ----------------------------------------------------------------------------------


class DeferredCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, then decorates each one knowing the page count."""

    def __init__(self, *args: Any, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred_pages: list[dict[str, Any]] = []
        self._decorate = decorate
        self.page_count = 0

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._deferred_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = self._deferred_pages
        total = len(pages)
        for number, state in enumerate(pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            Canvas.showPage(self)
        self.page_count = total
        Canvas.save(self)


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, page_done: PageDone | None, **kwargs: Any) -> None:
        super().__init__(buffer, **kwargs)
        self._page_done = page_done

    def afterPage(self) -> None:  # noqa: N802 - ReportLab's name
        if self._page_done is not None:
            self._page_done(self.page)


def build_pdf(
    story: list[Flowable],
    decorate: Decorate,
    *,
    title: str,
    top: float,
    bottom: float,
    page_done: PageDone | None = None,
) -> RenderedPdf:
    """Lay out ``story`` on A4 pages whose header and footer ``decorate`` draws at the end.

    The PDF is reproducible (ReportLab's invariant mode): the same story gives the same bytes.
    """
    register_fonts()
    buffer = io.BytesIO()
    holder: list[DeferredCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> DeferredCanvas:
        canvas = DeferredCanvas(*args, decorate=decorate, **kwargs)
        holder.append(canvas)
        return canvas

    doc = _Doc(
        buffer,
        page_done,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Repat",
        creator="Repat",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=8,
    )
    frame = Frame(MARGIN, bottom, CONTENT_W, PAGE_H - top - bottom, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=make_canvas)
    return RenderedPdf(buffer.getvalue(), holder[-1].page_count if holder else 0)


def progress_pages(
    progress: Callable[[int, int, str], None] | None,
    token: CancelToken | None,
    estimated: int,
    message: Callable[[int], str],
) -> PageDone:
    """A page callback that reports progress and stops the layout when the user cancels."""

    def done(page: int) -> None:
        if token is not None:
            token.check()
        if progress is not None:
            progress(min(page, estimated), max(estimated, page), message(page))

    return done


def watermark(canvas: Canvas, text: str) -> None:
    """Large diagonal, translucent words across the page (DRAFT, VOID); "A / B" goes on two lines."""
    lines = [part.strip() for part in text.split("/")]
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.15))
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(55)
    size = min(fit_size(line, PAGE_H * 0.62, 110, 30) for line in lines)
    canvas.setFont(BOLD, size)
    height = size * 1.1 * len(lines)
    y = height / 2 - size * 0.85
    for line in lines:
        canvas.drawCentredString(0, y, line)
        y -= size * 1.1
    canvas.restoreState()


def page_of(number: int, total: int) -> str:
    return f"Сторінка {number} з {total} / Page {number} of {total}"



def form_grid(
    pairs: Sequence[tuple[str, str]], *, columns: int = 2, label_width: float = 30 * mm, size: float = 8
) -> LongTable:
    """Label/value pairs laid out like a paper form: ``columns`` pairs side by side."""
    value_width = CONTENT_W / columns - label_width
    leading = size * 1.18
    rows: list[list[str]] = []
    heights: list[float] = []
    for start in range(0, len(pairs), columns):
        chunk = list(pairs[start : start + columns])
        chunk += [("", "")] * (columns - len(chunk))
        cells: list[str] = []
        lines_max = 1
        for label, value in chunk:
            left = wrap(label, label_width - 2 * PAD, size * 0.85, BOLD)
            right = wrap(value or ("—" if label else ""), value_width - 2 * PAD, size)
            lines_max = max(lines_max, len(left), len(right))
            cells += ["\n".join(left), "\n".join(right)]
        rows.append(cells)
        heights.append(lines_max * leading + 2 * PAD + 1)
    table = LongTable(rows, colWidths=[label_width, value_width] * columns, rowHeights=heights)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, size, leading),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
    ]
    for c in range(0, 2 * columns, 2):
        style += [
            ("FONT", (c, 0), (c, -1), BOLD, size * 0.85, leading),
            ("BACKGROUND", (c, 0), (c, -1), colors.Color(0.95, 0.95, 0.95)),
        ]
    table.setStyle(TableStyle(style))
    return table


def signature_table(
    entries: Sequence[str], *, size: float = 8, name_width: float = 88 * mm, row_height: float = 34
) -> LongTable:
    """One row per signer: who (wrapped), then lines for the signature and the date."""
    sign_w = 56 * mm
    date_w = CONTENT_W - name_width - sign_w
    leading = size * 1.18
    rows: list[list[str]] = [["", "Підпис / Signature", "Дата / Date"]]
    heights: list[float] = [12]
    for who in entries:
        lines = wrap(who, name_width - 2 * PAD, size)
        rows.append(["\n".join(lines), "", ""])
        heights.append(max(len(lines) * leading + 2 * PAD + 2, row_height))
    table = LongTable(rows, colWidths=[name_width, sign_w, date_w], rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), REGULAR, 6.5, 8),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.Color(0.35, 0.35, 0.35)),
                ("FONT", (0, 1), (-1, -1), REGULAR, size, leading),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (1, 1), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (2, 1), (2, -1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table
