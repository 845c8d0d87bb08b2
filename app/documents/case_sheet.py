"""The case sheet: one case on one or two A4 pages, laid out like the intake form.

Receipt, description, claimed versus established identity, notes, personal effects, the chain of
custody and signature blocks. Every page carries the case number, its QR code and "page x of y".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether
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
    fit_size,
    form_grid,
    page_of,
    para,
    progress_pages,
    signature_table,
    styles,
)
from app.documents.qr import draw_qr
from app.progress import CancelToken

HEADER_H = 30 * mm
FOOTER_H = 14 * mm
QR_SIZE = 23 * mm
TITLE = ("Облікова картка справи", "Case sheet")


def _yes_no(value: bool) -> str:
    return "Так / Yes" if value else "Ні / No"


def _receipt(data: dict[str, Any]) -> list[tuple[str, str]]:
    rnd = data.get("round") or {}
    return [
        ("Номер справи / Case number", data["case_number"]),
        ("Раунд / Round", f"{rnd.get('code', '')} ({rnd.get('date', '')})"),
        ("Бирка відправника / Sender's tag", data.get("sender_tag") or ""),
        ("Місце / Place", rnd.get("place") or ""),
        ("№ мішка / Bag number", data.get("bag_number") or ""),
        ("Транспортний засіб / Transport unit", data.get("transport_unit") or ""),
        ("У списку сторони / On the sending side's list", _yes_no(bool(data.get("on_manifest")))),
        ("Прийнято / Received", data.get("received_at") or ""),
        ("Основна справа / Parent case", data.get("parent_case") or ""),
        ("Прийняв / Received by", data.get("received_by") or ""),
    ]


def _description(data: dict[str, Any]) -> list[tuple[str, str]]:
    flags = ", ".join(v.term(v.CONDITION, f) for f in data.get("condition_flags", []))
    return [
        ("Категорія / Category", v.term(v.CATEGORY, data.get("category"))),
        ("Стан / Status", v.term(v.CASE_STATUS, data.get("status"))),
        ("Стать (за оглядом) / Apparent sex", v.term(v.SEX, data.get("apparent_sex"))),
        ("Вікова група / Age group", v.term(v.AGE_GROUP, data.get("age_group"))),
        ("Стан останків / Condition", flags),
        ("Місце зберігання / Storage location", data.get("storage_location") or ""),
    ]


def _identity(data: dict[str, Any]) -> Flowable:
    claimed = data.get("claimed") or {}
    established = data.get("established") or {}
    table = WrappedTable(
        [
            Column("", 42 * mm),
            Column("Заявлена особа (не встановлено)\nClaimed identity (not established)", (CONTENT_W - 42 * mm) / 2),
            Column("Встановлена особа\nEstablished identity", (CONTENT_W - 42 * mm) / 2),
        ],
        size=8,
        max_lines=12,
    )
    table.add(["Прізвище, ім'я / Name", claimed.get("name") or "—", established.get("name") or "—"])
    table.add(
        ["Дата народження / Birth date", claimed.get("birth_date") or "—", established.get("birth_date") or "—"]
    )
    table.add(["Громадянство / Citizenship", claimed.get("citizenship") or "—", ""])
    table.add(
        [
            "Джерело або метод / Source or method",
            v.term(v.CLAIM_SOURCE, claimed.get("source")) or "—",
            established.get("method") or "—",
        ]
    )
    table.add(["Ким, коли / By whom, when", "", ", ".join(x for x in (established.get("by"), established.get("on")) if x) or "—"])
    return table.flowable()


def _effects(data: dict[str, Any], st: dict[str, Any]) -> list[Flowable]:
    effects = data.get("effects", [])
    if not effects:
        return [para("Особистих речей не зафіксовано. / No personal effects recorded.", st["body"])]
    table = WrappedTable(
        [
            Column("№", 8 * mm, "RIGHT"),
            Column("Вид\nCategory", 32 * mm),
            Column("Опис\nDescription", CONTENT_W - 85 * mm),
            Column("К-сть\nQty", 11 * mm, "RIGHT"),
            Column("Упаковка, пломба\nContainer, seal", 34 * mm),
        ],
        size=7,
        header_size=6.5,
        max_lines=30,
        zebra=True,
        pad=1.6,
    )
    for i, e in enumerate(effects, start=1):
        table.add(
            [str(i), v.term(v.EFFECT_CATEGORY, e.get("category")), e.get("description") or "",
             str(e.get("quantity", 1)), e.get("container_seal") or "—"]
        )
    return [table.flowable()]


def _custody(data: dict[str, Any], st: dict[str, Any]) -> list[Flowable]:
    events = data.get("custody", [])
    if not events:
        return [para("Подій не зафіксовано. / No custody events recorded.", st["body"])]
    table = WrappedTable(
        [
            Column("Дата, час\nDate, time", 22 * mm),
            Column("Подія\nEvent", 22 * mm),
            Column("Місце\nPlace", 24 * mm),
            Column("Від кого → кому\nFrom → to", 38 * mm),
            Column("Пломби\nSeals", 20 * mm),
            Column("Свідки\nWitnesses", 26 * mm),
            Column("Акт\nCertificate", CONTENT_W - 152 * mm),
        ],
        size=7,
        max_lines=20,
    )
    for e in events:
        seals = " → ".join(x for x in (e.get("seals_before"), e.get("seals_after")) if x)
        table.add(
            [
                e.get("at") or "",
                v.term(v.CUSTODY_EVENT, e.get("event"), "\n"),
                e.get("place") or "",
                f"{e.get('from') or '—'} → {e.get('to') or '—'}",
                seals or "—",
                e.get("witnesses") or "—",
                (f"{e['certificate']}\n(акт скасовано / act voided)" if e.get("act_voided")
                 else e.get("certificate") or "—"),
            ]
        )
    return [table.flowable()]


def _story(data: dict[str, Any]) -> list[Flowable]:
    st: dict[str, Any] = styles()
    numbers = iter(range(1, 100))  # the sections are numbered as printed: none is skipped

    def heading(text: str) -> Flowable:
        return para(f"{next(numbers)}. {text}", st["h2"])

    story: list[Flowable] = [
        heading("Надходження / Receipt"),
        form_grid(_receipt(data), label_width=38 * mm, size=7.5),
        heading("Опис останків / Description of remains"),
        form_grid(_description(data), label_width=38 * mm, size=7.5),
        heading("Особа / Identity"),
        _identity(data),
    ]
    if data.get("notes"):
        story += [heading("Примітки / Notes"), para(data["notes"], st["body"])]
    story += [
        CondPageBreak(25 * mm),
        heading(f"Особисті речі / Personal effects ({len(data.get('effects', []))})"),
        *_effects(data, st),
        CondPageBreak(25 * mm),
        heading("Ланцюг зберігання / Chain of custody"),
        *_custody(data, st),
    ]
    story.append(
        KeepTogether(
            [
                heading("Підписи / Signatures"),
                signature_table(
                    [
                        "Склав / Recorded by: " + (data.get("received_by") or ""),
                        "Перевірив / Checked by:",
                        "Свідок / Witness:",
                    ],
                    row_height=26,
                ),
            ]
        )
    )
    return story


def _decorator(data: dict[str, Any]) -> Callable[[Canvas, int, int], None]:
    number = data["case_number"]
    form_defined: list[bool] = []

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        if not form_defined:
            canvas.beginForm("case-qr", 0, 0, QR_SIZE, QR_SIZE)
            draw_qr(canvas, number, 0, 0, QR_SIZE)
            canvas.endForm()
            form_defined.append(True)
        top = PAGE_H - 9 * mm
        qr_x = PAGE_W - MARGIN - QR_SIZE + 2 * mm
        canvas.saveState()
        canvas.translate(qr_x, top - QR_SIZE + 3 * mm)
        canvas.doForm("case-qr")
        canvas.restoreState()
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 9)
        canvas.drawString(MARGIN, top - 4, f"{TITLE[0]} / {TITLE[1]}")
        size = fit_size(number, qr_x - MARGIN - 4 * mm, 20, 10)
        canvas.setFont(BOLD, size)
        canvas.drawString(MARGIN, top - 8 - size, number)
        rnd = data.get("round") or {}
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, top - 16 - size, f"Раунд / Round: {rnd.get('code', '')}  ·  {rnd.get('date', '')}")
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        line_y = PAGE_H - HEADER_H + 3 * mm
        canvas.line(MARGIN, line_y, PAGE_W - MARGIN, line_y)
        foot_y = FOOTER_H - 7 * mm
        canvas.line(MARGIN, foot_y + 4 * mm, PAGE_W - MARGIN, foot_y + 4 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, foot_y, number)
        printed = f"Надруковано / Printed: {data.get('printed_at', '')}  {data.get('printed_by', '')}".strip()
        canvas.drawCentredString(PAGE_W / 2, foot_y, printed)
        canvas.drawRightString(PAGE_W - MARGIN, foot_y, page_of(page, total))

    return decorate


def render_case_sheet(
    data: dict[str, Any],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    token: CancelToken | None = None,
) -> RenderedPdf:
    """The case sheet of one case as PDF bytes."""
    page_done = progress_pages(progress, token, 2, lambda page: "")
    return build_pdf(
        _story(data),
        _decorator(data),
        title=f"{TITLE[1]} {data['case_number']}",
        top=HEADER_H,
        bottom=FOOTER_H,
        page_done=page_done,
    )

