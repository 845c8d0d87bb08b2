"""The letter for the family liaison officers: where one repatriation round stands, in counts only.

One A4 page, Ukrainian and English side by side: the round (its code, date and place), the date
of the letter and when its figures were read, how many cases were received, examined, sampled,
identified and released to families, and how each of those is counted. It is built from
``LetterData`` alone, which holds no name, tag or birth date of anyone, so no personal data of a
family can reach the paper. The figures are the round's reconciliation figures
(``app.services.documents.liaison_letter`` reads them); the wording of each is the one the
reconciliation report prints (``vocabulary.FIGURE``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, TableStyle
from reportlab.platypus.flowables import Flowable

from app.documents import vocabulary as v
from app.documents.fonts import BOLD, REGULAR
from app.documents.layout import (
    CONTENT_W,
    GRID,
    MARGIN,
    PAGE_H,
    PAGE_W,
    Column,
    RenderedPdf,
    WrappedTable,
    build_pdf,
    key_value_table,
    page_of,
    para,
    progress_pages,
    signature_table,
    styles,
    text_width,
)
from app.progress import CancelToken

HEADER_H = 22 * mm
FOOTER_H = 14 * mm
Bi = tuple[str, str]

TITLE: Bi = ("Лист для офіцерів зв'язку з родинами", "Letter for the family liaison officers")

# The reconciliation figures the letter prints, in the order a case passes through them.
FIGURES: tuple[str, ...] = ("received", "examined", "sampled", "identified", "released")

HOW_COUNTED: dict[str, Bi] = {
    "received": ("справи (тіла або останки), прийняті в цьому раунді; справи, внесені помилково й анульовані, "
                 "не враховано.",
                 "cases (bodies or remains) received in this round; cases recorded in error and voided are "
                 "not counted."),
    "examined": ("судово-медичне дослідження завершено.", "the forensic examination is completed."),
    "sampled": ("з останків відібрано щонайменше один зразок для ідентифікації (кістка, зуб, тканина тощо), "
                "не відкликаний як внесений помилково. Зразки, які надають родичі, у Repat не обліковуються.",
                "at least one sample for identification (bone, tooth, tissue and so on) was taken from the remains "
                "and not withdrawn as recorded in error. Reference samples given by relatives are not recorded "
                "in Repat."),
    "identified": ("ідентифікацію внесено (за ДНК, відбитками пальців, зубами чи іншим методом).",
                   "an identification is recorded (by DNA, fingerprints, dental records or another method)."),
    "released": ("тіло (останки) видано родині: за записом про видачу або за актом видачі.",
                 "the remains were handed over to the family, as recorded at the release or by an act of "
                 "release."),
}

INTRO: Bi = (
    "Нижче — скільки справ цього раунду репатріації пройшли кожен етап. Одна справа — це одне тіло або одні "
    "останки. Етапи не завжди йдуть один за одним: зразки можуть відібрати ще до завершення дослідження, а "
    "ідентифікація не завжди потребує зразка.",
    "Below is how many cases of this repatriation round have passed each stage. One case is one body or one "
    "set of remains. The stages do not always follow one another: samples may be taken before the examination "
    "is completed, and not every identification needs a sample.",
)
NO_PERSONAL_DATA: Bi = (
    "Лист не містить персональних даних: ні імен, ні номерів бирок, ні дат народження.",
    "This letter holds no personal data: no names, no tag numbers, no birth dates.",
)
SOURCE: Bi = (
    "Числа — ті самі, що у звірці цього раунду в Repat на час, зазначений вище.",
    "The figures are those of this round's reconciliation in Repat at the time given above.",
)


@dataclass(frozen=True)
class LetterData:
    """Everything the letter prints: the round, the figures and who printed it — nothing else."""

    round_code: str
    round_date: date | None
    place: str
    figures: dict[str, int]  # FIGURES -> count
    as_of: datetime  # local time the figures were read (the letter's date is its day)
    printed_by: str


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _figures(data: LetterData) -> Flowable:
    size = 10.5
    count_w, uk_w = 34 * mm, 80 * mm  # the Ukrainian names are the longer ones
    table = WrappedTable(
        [
            Column("Етап", uk_w),
            Column("Stage", CONTENT_W - uk_w - count_w),
            Column("Справ\nCases", count_w, "RIGHT"),
        ],
        size=size,
        header_size=8.5,
        pad=4,
    )
    for key in FIGURES:
        table.add([v.FIGURE[key][0], v.FIGURE[key][1], _n(data.figures[key])])
    flow = table.flowable()
    flow.setStyle(TableStyle([
        ("FONT", (2, 1), (2, -1), BOLD, size, size * 1.18),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
    ]))
    return flow


def _how_counted(st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [para("Як пораховано / How the figures are counted", st["h2"])]
    for key in FIGURES:
        uk, en = HOW_COUNTED[key]
        out += [
            para(f"«{v.FIGURE[key][0]}» — {uk}", st["note"]),
            para(f"\u201c{v.FIGURE[key][1]}\u201d: {en}", st["note_en"]),
        ]
    return out


def _story(data: LetterData) -> list[Flowable]:
    st = styles()
    body = st["body"]
    st["lead"] = body.clone("lead", fontSize=9.5, leading=12.5, spaceAfter=2)
    st["note"] = body.clone("note", fontSize=8, leading=10)
    st["note_en"] = body.clone("note_en", fontSize=8, leading=10, spaceAfter=3.5,
                               textColor=colors.Color(0.25, 0.25, 0.25))
    st["notice"] = body.clone("notice", fontName=BOLD, fontSize=8.5, leading=11)
    round_date = data.round_date.isoformat() if data.round_date else ""
    story: list[Flowable] = [
        para(TITLE[0].upper(), st["title"]),
        para(TITLE[1], st["subtitle"]),
        Spacer(1, 5 * mm),
        key_value_table(
            [
                ("Раунд / Round", data.round_code),
                ("Дата раунду / Date of the round", round_date),
                ("Місце / Place", data.place),
                ("Дата листа / Date of the letter", data.as_of.date().isoformat()),
                ("Дані станом на / Figures as of", _when(data.as_of)),
            ],
            62 * mm,
            size=9.5,
        ),
        Spacer(1, 5 * mm),
        para(INTRO[0], st["lead"]),
        para(INTRO[1], st["lead"]),
        Spacer(1, 3 * mm),
        _figures(data),
        Spacer(1, 2 * mm),
        *_how_counted(st),
        Spacer(1, 2 * mm),
        para(NO_PERSONAL_DATA[0], st["notice"]),
        para(NO_PERSONAL_DATA[1], st["notice"]),
        Spacer(1, 1.5 * mm),
        para(SOURCE[0], st["note"]),
        para(SOURCE[1], st["note"]),
        Spacer(1, 6 * mm),
        KeepTogether([signature_table([f"Підготував / Prepared by: {data.printed_by}"], row_height=28)]),
    ]
    return story


def _shortened(text: str, width: float, size: float, font: str = REGULAR) -> str:
    """``text`` on one line of ``width``, cut with an ellipsis when it is longer."""
    if text_width(text, size, font) <= width:
        return text
    while text and text_width(text + "…", size, font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _decorator(data: LetterData) -> Callable[[Canvas, int, int], None]:
    printed = f"Repat · Надруковано / Printed: {_when(data.as_of)}, {data.printed_by}".rstrip(", ")
    round_date = data.round_date.isoformat() if data.round_date else ""
    left_w = max(text_width(TITLE[0], 8, BOLD), text_width(TITLE[1], 7.5))
    round_line = _shortened(f"Раунд / Round: {data.round_code}", CONTENT_W - left_w - 8 * mm, 7.5)

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        top = PAGE_H - 9 * mm
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 8)
        canvas.drawString(MARGIN, top - 4, TITLE[0])
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, top - 13.5, TITLE[1])
        canvas.drawRightString(PAGE_W - MARGIN, top - 4, round_line)
        canvas.drawRightString(PAGE_W - MARGIN, top - 13.5, round_date)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        line_y = PAGE_H - HEADER_H + 3 * mm
        canvas.line(MARGIN, line_y, PAGE_W - MARGIN, line_y)
        foot_y = FOOTER_H - 7 * mm
        canvas.line(MARGIN, foot_y + 4 * mm, PAGE_W - MARGIN, foot_y + 4 * mm)
        canvas.setFont(REGULAR, 7.5)
        numbered = page_of(page, total)
        canvas.drawString(MARGIN, foot_y, _shortened(printed, CONTENT_W - text_width(numbered, 7.5) - 6 * mm, 7.5))
        canvas.drawRightString(PAGE_W - MARGIN, foot_y, numbered)

    return decorate


def render_liaison_letter(
    data: LetterData,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    token: CancelToken | None = None,
) -> RenderedPdf:
    """The letter as PDF bytes (A4, one page)."""
    missing = [k for k in FIGURES if k not in data.figures]
    if missing:
        raise ValueError(f"the letter needs the figures {', '.join(missing)}")
    return build_pdf(
        _story(data),
        _decorator(data),
        title=f"{TITLE[1]}: {data.round_code}",
        top=HEADER_H,
        bottom=FOOTER_H,
        page_done=progress_pages(progress, token, 1, lambda page: ""),
    )
