"""The reconciliation report: PDF (Ukrainian and English side by side) and CSV.

The PDF uses the certificates' fonts, tables and page furniture (``app.documents.layout``):
a header naming the report and its scope on every page, and "page x of y" in every footer.
Sections: summary (every figure of the chosen rounds, with how many discrepancies are not yet
explained), the rounds one by one (when there are several), every discrepancy with its
explanation, and how each figure is counted.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, TableStyle
from reportlab.platypus.flowables import Flowable

from app import csvsafe
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
    styles,
    wrap,
)
from app.progress import CancelToken
from app.services.reconciliation.explanations import DiscrepancyItem
from app.services.reconciliation.report import ReconciliationReport
from app.services.reconciliation.round_figures import (
    DISCREPANCY_KEYS,
    FIGURE_KEYS,
    PROGRESS_KEYS,
    RoundFigures,
)

HEADER_H = 22 * mm
FOOTER_H = 14 * mm
ITEM_ROWS_PER_PAGE = 30  # for the progress estimate only
KEEP_TOGETHER_ROUNDS = 25

Bi = tuple[str, str]

TITLE: Bi = ("Звірка раундів репатріації", "Reconciliation of repatriation rounds")

FIGURE = v.FIGURE  # the figures as every document names them

# Two-line column headings for the per-round tables (short, both languages).
SHORT: dict[str, Bi] = {
    "declared_total": ("Заявл.", "Declared"),
    "manifest_lines": ("Список", "List"),
    "received": ("Отрим.", "Received"),
    "certified": ("В актах", "Certified"),
    "examined": ("Дослідж.", "Examined"),
    "sampled": ("Зразки", "Sampled"),
    "identified": ("Ідентиф.", "Identified"),
    "released": ("Видано", "Released"),
    "returned": ("Поверн.", "Returned"),
    "declared_not_received": ("Не отрим.", "Not recvd"),
    "received_not_declared": ("Не заявл.", "Not decl."),
    "duplicate_tags": ("Повт.", "Dup. tags"),
    "declared_total_mismatch": ("Заявл.≠", "Total≠"),
    "bag_count_mismatch": ("Мішки≠", "Bags≠"),
    "broken_seals": ("Пломби", "Seals"),
    "commingled": ("Змішані", "Comm."),
    "identity_disputed": ("Оспор.", "Disp."),
    "custody_gaps": ("Ланцюг", "Custody"),
    "open_conflicts": ("Конфл.", "Conflicts"),
    "probable_duplicates": ("Дублік.", "Dupl."),
}

KIND: dict[str, Bi] = {
    **v.DISCREPANCY,
    "count_mismatch": ("Розбіжність кількості", "Count mismatch"),
    "broken_seal": ("Порушені пломби", "Broken seals"),
    "custody_gap": ("Розрив ланцюга передачі", "Custody-chain gap"),
    "conflict": ("Конфлікт злиття", "Merge conflict"),
    "probable_duplicate": ("Ймовірний дублікат", "Probable duplicate"),
}

REASON: dict[str, Bi] = {
    "no_received_event": ("немає запису про прийняття", "no 'received' event"),
    "no_examined_event": ("немає запису про дослідження", "no 'examined' event"),
    "no_released_event": ("немає запису про видачу", "no 'released' event"),
    "no_returned_event": ("немає запису про повернення", "no 'returned' event"),
    "event_without_status": ("є запис про видачу/повернення, але статус інший",
                             "a 'released'/'returned' event, but another status"),
    "name": ("ім'я", "name"),
    "birth_date": ("дата народження", "birth date"),
    "citizenship": ("громадянство", "citizenship"),
}

RULES: list[Bi] = [
    ("«У виданих актах» — справи, внесені хоча б до одного виданого (не анульованого) акта.",
     "\u201cIn issued certificates\u201d: cases listed on at least one issued (not void) certificate."),
    ("«Досліджено» — дослідження завершено; «Відібрано зразки» — є хоча б один зразок для ідентифікації, "
     "не відкликаний як внесений помилково; «Ідентифіковано» — ідентифікацію внесено; «Видано» і «Повернуто» — "
     "за статусом справи.",
     "\u201cExamined\u201d: examination completed; \u201csampled\u201d: at least one sample taken for "
     "identification and not withdrawn as recorded in error; \u201cidentified\u201d: identification recorded; "
     "\u201creleased\u201d and \u201creturned\u201d: by the case's status."),
    ("Бирки зіставляються в межах раунду, без урахування регістру і зайвих пробілів. Повторною вважається "
     "бирка, уже отримана раніше в тому самому раунді.",
     "Tags are matched within the round, ignoring case and extra spaces. A duplicate tag is one already "
     "received earlier in the same round."),
    ("Розрив ланцюга передачі — справа без запису про прийняття; досліджена чи ідентифікована справа без запису "
     "про дослідження; видана без запису про видачу; повернута без запису про повернення; справа із записом про "
     "видачу чи повернення, статус якої інший.",
     "Custody-chain gap: a case without a 'received' event; examined or identified without an 'examined' event; "
     "released without a 'released' event; returned without a 'returned' event; or with a 'released' or "
     "'returned' event while its status says otherwise."),
    ("Розбіжність без пояснення — та, до якої ще не внесено пояснення; конфлікти злиття та ймовірні дублікати "
     "вважаються непоясненими, доки їх не вирішено.",
     "Unexplained: a discrepancy with no explanation yet; merge conflicts and probable duplicates count as "
     "unexplained until they are settled."),
]


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _figure_text(fig: RoundFigures, key: str) -> str:
    if key == "declared_total" and not fig.declared_known:
        return "—" if fig.rounds == 1 else f"{_n(fig.values[key])}*"
    return _n(fig.values[key])


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _scope_text(report: ReconciliationReport) -> str:
    return "Усі раунди / All rounds" if report.scope == "all" else report.scope


# --- PDF --------------------------------------------------------------------------------------


def _summary(report: ReconciliationReport) -> Flowable:
    totals = report.totals
    table = WrappedTable(
        [
            Column("Показник", 70 * mm),
            Column("Item", 66 * mm),
            Column("Кількість\nCount", 22 * mm, "RIGHT"),
            Column("Без пояснення\nUnexplained", CONTENT_W - 158 * mm, "RIGHT"),
        ],
        size=8.3,
    )
    for key in PROGRESS_KEYS:
        table.add([FIGURE[key][0], FIGURE[key][1], _figure_text(totals, key), ""])
    for key in DISCREPANCY_KEYS:
        table.add([FIGURE[key][0], FIGURE[key][1], _figure_text(totals, key), _n(totals.unexplained[key])])
    table.add(["Усього розбіжностей", "All discrepancies", _n(totals.discrepancies_total),
               _n(totals.unexplained_total)])
    flow = table.flowable()
    first_discrepancy = len(PROGRESS_KEYS) + 1
    flow.setStyle(TableStyle([
        ("LINEABOVE", (0, first_discrepancy), (-1, first_discrepancy), 1.2, colors.black),
        ("FONT", (0, -1), (-1, -1), BOLD, 8.3, 8.3 * 1.18),
        ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.95, 0.95, 0.95)),
    ]))
    return flow


def _round_info(report: ReconciliationReport) -> Flowable:
    fig = report.rounds[0]
    info = report.round_details.get(fig.round_id, {})
    rows = [
        ("Раунд / Round", f"{fig.code} ({fig.round_date.isoformat() if fig.round_date else ''})"),
        ("Місце / Place", info.get("place", "")),
        ("Сторона, що передає / Sending party", info.get("sending_party", "")),
        ("Сторона, що приймає / Receiving party", info.get("receiving_party", "")),
        ("Посередник / Intermediary", info.get("intermediary", "")),
        ("Підстава (угода) / Agreement reference", info.get("agreement_ref", "")),
    ]
    return key_value_table(rows, 62 * mm)


def _matrix(report: ReconciliationReport, keys: Sequence[str], with_unexplained: bool) -> Flowable:
    first_w = 30 * mm
    extra = 1 if with_unexplained else 0
    width = (CONTENT_W - first_w) / (len(keys) + extra)
    columns = [Column("Раунд\nRound", first_w)] + [
        Column(f"{SHORT[k][0]}\n{SHORT[k][1]}", width, "RIGHT") for k in keys
    ]
    if with_unexplained:
        columns.append(Column("Без поясн.\nUnexpl.", width, "RIGHT"))
    table = WrappedTable(columns, size=7, header_size=6.3, zebra=True, pad=2)
    for fig in [*report.rounds, report.totals]:
        label = f"{fig.code}\n{fig.round_date.isoformat() if fig.round_date else ''}" if fig.round_id else \
            f"Усього / Total\n({fig.rounds})"
        cells = [label] + [_figure_text(fig, k) for k in keys]
        if with_unexplained:
            cells.append(_n(fig.unexplained_total))
        table.add(cells)
    flow = table.flowable()
    flow.setStyle(TableStyle([
        ("FONT", (0, -1), (-1, -1), BOLD, 7, 7 * 1.18),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
    ]))
    return flow


def _record(item: DiscrepancyItem) -> str:
    if item.subject_type == "manifest_line":
        parts = [f"Рядок / Line {item.number}"]
    elif item.subject_type == "round":
        parts = [item.round_code]
    else:
        parts = [item.number]
    if item.tag:
        parts.append(item.tag)
    elif item.subject_type == "case":
        parts.append("без бирки / no tag")
    return "\n".join(parts)


def _detail(item: DiscrepancyItem) -> str:
    figure = item.ref.figure
    lines: list[str] = []
    if figure in ("declared_total_mismatch", "bag_count_mismatch"):
        lines.append(f"заявлено {item.declared}, пораховано {item.counted} / declared {item.declared}, "
                     f"counted {item.counted}")
    elif figure == "broken_seals":
        lines.append("пломби порушено / seals broken" + (f": {item.detail}" if item.detail else ""))
    elif item.reasons:
        lines.append("; ".join(f"{REASON[r][0]} / {REASON[r][1]}" if r in REASON else r for r in item.reasons))
    elif figure == "open_conflicts":
        lines.append(f"поле / field: {item.detail}")
    elif figure == "probable_duplicates":
        lines.append(f"ознаки / signs: {item.detail}")
    if item.name:
        lines.append(item.name)
    return "\n".join(lines)


def _explanation(item: DiscrepancyItem) -> str:
    if item.ref.figure in ("open_conflicts", "probable_duplicates"):
        return "Вирішується під час злиття / Settled in the merge view"
    if not item.explanation:
        return "— без пояснення / unexplained —"
    when = _local(item.explained_at).strftime("%Y-%m-%d %H:%M") if item.explained_at else ""
    text = item.explanation
    who = ", ".join(p for p in (item.explained_by, when) if p)
    if who:
        text += f"\n({who})"
    if item.resolved:
        text += "\n✓ Вирішено / Resolved"
    return text


def _items_table(report: ReconciliationReport, items: Sequence[DiscrepancyItem]) -> Flowable:
    several = len(report.rounds) > 1
    round_w = 22 * mm if several else 0
    columns = [Column("№", 9 * mm, "RIGHT")]
    if several:
        columns.append(Column("Раунд\nRound", round_w))
    columns += [
        Column("Вид\nKind", 34 * mm),
        Column("Запис\nRecord", 30 * mm),
        Column("Опис\nDetail", 44 * mm),
        Column("Пояснення\nExplanation", CONTENT_W - 117 * mm - round_w),
    ]
    table = WrappedTable(columns, size=7.3, max_lines=30, zebra=True)
    for i, item in enumerate(items, start=1):
        cells = [str(i)]
        if several:
            cells.append(item.round_code)
        kind = KIND.get(item.kind, (item.kind, item.kind))
        if item.ref.figure == "declared_total_mismatch":
            kind = FIGURE["declared_total_mismatch"]
        cells += [f"{kind[0]}\n{kind[1]}", _record(item), _detail(item), _explanation(item)]
        table.add(cells)
    return table.flowable()


def _story(report: ReconciliationReport) -> list[Flowable]:
    st = styles()
    totals = report.totals
    generated = _local(report.generated_at).strftime("%Y-%m-%d %H:%M")
    story: list[Flowable] = [
        para(TITLE[0].upper(), st["title"]),
        para(TITLE[1], st["subtitle"]),
        Spacer(1, 4 * mm),
        key_value_table(
            [
                ("Обсяг / Scope", _scope_text(report)),
                ("Раундів / Rounds", _n(len(report.rounds))),
                ("Складено / Generated", f"{generated}, {report.generated_by}"),
                ("Розбіжностей без пояснення / Unexplained discrepancies",
                 f"{_n(totals.unexplained_total)} з / of {_n(totals.discrepancies_total)}"),
            ],
            62 * mm,
        ),
    ]
    if len(report.rounds) == 1:
        story += [para("Раунд / Round", st["h2"]), _round_info(report)]
    story += [para("1. Підсумок / Summary", st["h2"]), _summary(report)]
    if not totals.declared_known and len(report.rounds) > 1:
        story.append(para("* Не всі раунди мають заявлену кількість. / Not every round has a declared total.",
                          st["small"]))
    section = 2
    if len(report.rounds) > 1:
        tables: list[Flowable] = [_matrix(report, PROGRESS_KEYS, False), _matrix(report, DISCREPANCY_KEYS, True)]
        if len(report.rounds) <= KEEP_TOGETHER_ROUNDS:  # a short table is never split over two pages
            tables = [KeepTogether([t]) for t in tables]
        story += [
            CondPageBreak(50 * mm),
            para(f"{section}. За раундами / By round", st["h2"]),
            tables[0],
            Spacer(1, 4 * mm),
            tables[1],
        ]
        section += 1
    if report.items is not None:
        story += [CondPageBreak(40 * mm), para(f"{section}. Розбіжності / Discrepancies ({_n(len(report.items))})",
                                               st["h2"])]
        story.append(_items_table(report, report.items) if report.items else
                     para("Розбіжностей немає. / No discrepancies.", st["body"]))
        section += 1
    rules: list[Flowable] = [para(f"{section}. Як пораховано / How the figures are counted", st["h2"])]
    for uk, en in RULES:
        rules += [para(uk, st["small"]), para(en, st["small"]), Spacer(1, 1.5 * mm)]
    story.append(KeepTogether(rules))
    return story


def _decorator(report: ReconciliationReport) -> Callable[[Canvas, int, int], None]:
    scope = _scope_text(report)
    generated = _local(report.generated_at).strftime("%Y-%m-%d %H:%M")

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        top = PAGE_H - 9 * mm
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 8)
        canvas.drawString(MARGIN, top - 4, TITLE[0])
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, top - 13.5, TITLE[1])
        canvas.setFont(REGULAR, 7.5)
        lines = wrap(scope, CONTENT_W * 0.45, 7.5)
        y = top - 4
        for line in lines[:2]:
            canvas.drawRightString(PAGE_W - MARGIN, y, line)
            y -= 9.5
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        line_y = PAGE_H - HEADER_H + 3 * mm
        canvas.line(MARGIN, line_y, PAGE_W - MARGIN, line_y)
        foot_y = FOOTER_H - 7 * mm
        canvas.line(MARGIN, foot_y + 4 * mm, PAGE_W - MARGIN, foot_y + 4 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, foot_y, f"Repat · {generated}")
        canvas.drawRightString(PAGE_W - MARGIN, foot_y, page_of(page, total))

    return decorate


def render_pdf(
    report: ReconciliationReport,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    token: CancelToken | None = None,
) -> RenderedPdf:
    """The report as PDF bytes (A4, every page numbered "page x of y")."""
    estimated = 2 + len(report.items or []) // ITEM_ROWS_PER_PAGE
    page_done = progress_pages(progress, token, estimated, lambda page: f"Page {page}\u2026")
    return build_pdf(
        _story(report),
        _decorator(report),
        title=f"{TITLE[1]}: {_scope_text(report)}",
        top=HEADER_H,
        bottom=FOOTER_H,
        page_done=page_done,
    )


# --- CSV ---------------------------------------------------------------------------------------


def render_csv(report: ReconciliationReport) -> str:
    """One row per round and a TOTAL row; a round without a declared total leaves it empty."""
    out = io.StringIO()
    writer = csvsafe.Writer(out)
    writer.writerow(["round_code", "round_date", *FIGURE_KEYS, "discrepancies", "unexplained"])
    for fig in [*report.rounds, report.totals]:
        values = [
            "" if key == "declared_total" and not fig.declared_known and fig.round_id else fig.values[key]
            for key in FIGURE_KEYS
        ]
        writer.writerow([
            fig.code if fig.round_id else "TOTAL",
            fig.round_date.isoformat() if fig.round_date and fig.round_id else "",
            *values, fig.discrepancies_total, fig.unexplained_total,
        ])
    return out.getvalue()


def render_discrepancies_csv(report: ReconciliationReport) -> str:
    """Every discrepancy with its explanation, one per row."""
    out = io.StringIO()
    writer = csvsafe.Writer(out)
    writer.writerow([
        "round_code", "figure", "kind", "record_type", "record", "tag", "name", "declared", "counted", "reasons",
        "detail", "explanation", "explained_by", "explained_at", "resolved",
    ])
    for item in report.items or []:
        writer.writerow([
            item.round_code, item.ref.figure, item.kind, item.subject_type, item.number, item.tag, item.name,
            "" if item.declared is None else item.declared, "" if item.counted is None else item.counted,
            ";".join(item.reasons), item.detail, item.explanation, item.explained_by,
            item.explained_at.isoformat(sep=" ", timespec="seconds") if item.explained_at else "",
            "yes" if item.resolved else "no",
        ])
    return out.getvalue()
