"""The handover certificate (act of acceptance/transfer), rendered from its canonical content.

``render_certificate(content, sha256)`` only reads the content dict (see ``app.documents.content``
and ``app.services.documents.certificate_content.build_content``), so a reprint of an issued certificate, which
renders its frozen content, is the same document with the same hash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer
from reportlab.platypus.flowables import Flowable

from app.documents import vocabulary as v
from app.documents.content import qr_payload
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
    watermark,
    wrap,
)
from app.documents.qr import draw_qr
from app.progress import CancelToken

HEADER_H = 36 * mm
FOOTER_H = 19 * mm
QR_SIZE = 27 * mm
CASE_ROWS_PER_PAGE = 26  # for the progress estimate only
MAX_CELL_LINES = 14  # longer notes continue in the annex, so no row is taller than a page

MARKS = {
    "draft": ("ПРОЄКТ / DRAFT", "ПРОЄКТ — не має юридичної сили / DRAFT — not valid until issued"),
    "void": ("АНУЛЬОВАНО / VOID", "АНУЛЬОВАНО — не має юридичної сили / VOID — no longer valid"),
}

PREAMBLE: dict[str, tuple[str, str]] = {
    "acceptance": (
        "Ми, що нижче підписалися, склали цей акт про те, що сторона, що передає, передала, а сторона, "
        "що приймає, прийняла в присутності посередника тіла (останки), перелічені в розділі 3.",
        "We, the undersigned, have drawn up this act to record that the sending party handed over and the "
        "receiving party received, in the presence of the intermediary, the remains listed in section 3.",
    ),
    "transfer": (
        "Ми, що нижче підписалися, склали цей акт про передачу до судово-медичної установи тіл (останків), "
        "перелічених у розділі 3.",
        "We, the undersigned, have drawn up this act to record the transfer to the forensic institution of the "
        "remains listed in section 3.",
    ),
    "release": (
        "Ми, що нижче підписалися, склали цей акт про видачу родині тіла (останків), зазначених у розділі 3.",
        "We, the undersigned, have drawn up this act to record the release to the family of the remains listed "
        "in section 3.",
    ),
}

CATEGORY_SHORT: dict[str, tuple[str, str]] = {
    "complete": ("Повне тіло", "Complete"),
    "partial": ("Частково", "Partial"),
    "fragments": ("Фрагменти", "Fragments"),
    "commingled": ("Змішані", "Commingled"),
}

SCOPE: dict[str, tuple[str, str]] = {
    "round": ("Увесь раунд", "The whole round"),
    "unit": ("Транспортний засіб", "One transport unit"),
    "cases": ("Окремі справи", "Selected cases"),
}

PARTY_ORDER = ("sending", "receiving", "intermediary")


def _num(value: Any) -> str:
    return "—" if value is None else str(value)


def _difference(declared: Any, counted: Any) -> str:
    if declared is None or counted is None:
        return "—"
    diff = int(counted) - int(declared)
    return "0" if diff == 0 else f"{diff:+d}"


def _person_rows(party: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [("representative", p) for p in party.get("representatives", [])]
    rows += [("witness", p) for p in party.get("witnesses", [])]
    return rows


PERSON_ROLE = {"representative": ("Представник", "Representative"), "witness": ("Свідок", "Witness")}


def _parties_table(content: dict[str, Any]) -> Flowable:
    kind = content["kind"]
    table = WrappedTable(
        [
            Column("Сторона\nParty", 44 * mm),
            Column("Роль\nRole", 24 * mm),
            Column("Прізвище, ім'я, по батькові\nFull name", 44 * mm),
            Column("Посада\nPosition", 32 * mm),
            Column("Документ, що посвідчує особу\nIdentity document", CONTENT_W - 144 * mm),
        ],
        size=7.8,
    )
    for key in PARTY_ORDER:
        party = content["parties"].get(key) or {}
        persons = _person_rows(party)
        if not party.get("organisation") and not persons:
            continue
        label = v.bi(v.PARTY_ROLE[kind][key], "\n") + ":\n" + (party.get("organisation") or "—")
        if not persons:
            table.add([label, "—", "—", "—", "—"])
            continue
        for i, (role, person) in enumerate(persons):
            table.add(
                [
                    label if i == 0 else "",
                    v.bi(PERSON_ROLE[role], "\n"),
                    person.get("name", ""),
                    person.get("position", "") or "—",
                    person.get("document", "") or "—",
                ]
            )
    if not table.rows:
        table.add(["—", "—", "—", "—", "—"])
    return table.flowable()


def _counts_tables(content: dict[str, Any]) -> list[Flowable]:
    counts = content["counts"]
    table = WrappedTable(
        [
            Column("Показник\nItem", 80 * mm),
            Column("Заявлено\nDeclared", 34 * mm, "RIGHT"),
            Column("Пораховано\nCounted", 34 * mm, "RIGHT"),
            Column("Різниця\nDifference", CONTENT_W - 148 * mm, "RIGHT"),
        ],
        size=8,
    )
    table.add(
        [
            "Усього тіл (останків) / Total remains",
            _num(counts.get("declared")),
            _num(counts.get("counted")),
            _difference(counts.get("declared"), counts.get("counted")),
        ]
    )
    for row in counts.get("categories", []):
        table.add(
            [
                "  " + v.term(v.CATEGORY, row["category"]),
                _num(row.get("declared")),
                _num(row.get("counted")),
                _difference(row.get("declared"), row.get("counted")),
            ]
        )
    out: list[Flowable] = [table.flowable()]
    units = counts.get("units", [])
    if units:
        unit_table = WrappedTable(
            [
                Column("Транспортний засіб\nTransport unit", 40 * mm),
                Column("Номери пломб\nSeal numbers", 46 * mm),
                Column("Стан пломб\nSeals", 30 * mm),
                Column("Заявлено мішків\nDeclared bags", 22 * mm, "RIGHT"),
                Column("Пораховано\nCounted", 22 * mm, "RIGHT"),
                Column("Різниця\nDifference", CONTENT_W - 160 * mm, "RIGHT"),
            ],
            size=8,
        )
        for unit in units:
            label = unit.get("label") or "Без транспортного засобу / No transport unit"
            unit_table.add(
                [
                    label,
                    unit.get("seal_numbers") or "—",
                    v.seal_state(unit.get("seal_intact")) if unit.get("label") else "—",
                    _num(unit.get("declared")),
                    _num(unit.get("counted")),
                    _difference(unit.get("declared"), unit.get("counted")),
                ]
            )
        out += [Spacer(1, 3 * mm), unit_table.flowable()]
    return out


def _claimed(case: dict[str, Any]) -> str:
    parts = [case.get("claimed_name") or ""]
    if case.get("claimed_birth_date"):
        parts.append(case["claimed_birth_date"])
    text = ", ".join(p for p in parts if p)
    return text or "—"


def _cases_table(content: dict[str, Any], annex: list[tuple[str, str]]) -> Flowable:
    table = WrappedTable(
        [
            Column("№", 9 * mm, "RIGHT"),
            Column("Номер справи\nCase number", 27 * mm),
            Column("Бирка відправника\nSender's tag", 23 * mm),
            Column("№ мішка\nBag no.", 15 * mm),
            Column("Категорія\nCategory", 20 * mm),
            Column("Заявлена особа\nClaimed identity", 46 * mm),
            Column("Особисті речі\nEffects", 14 * mm, "RIGHT"),
            Column("Примітки\nNotes", CONTENT_W - 154 * mm),
        ],
        size=7.5,
        max_lines=MAX_CELL_LINES,
        zebra=True,
    )
    cases = content["cases"]
    for i, case in enumerate(cases, start=1):
        table.add(
            [
                str(i),
                case["case_number"],
                case.get("sender_tag") or "—",
                case.get("bag_number") or "—",
                v.term(CATEGORY_SHORT, case.get("category"), "\n"),
                _claimed(case),
                str(case.get("effects", 0)),
                case.get("notes") or "",
            ]
        )
    for index in table.overflowed:
        case = cases[index]
        annex.append((case["case_number"], f"{_claimed(case)}\n{case.get('notes') or ''}".strip()))
    return table.flowable()


def _discrepancies(content: dict[str, Any], st: dict[str, Any]) -> list[Flowable]:
    items = content.get("discrepancies", [])
    if not items:
        return [para("Розбіжностей не зафіксовано. / No discrepancies recorded.", st["body"])]
    table = WrappedTable(
        [
            Column("№", 9 * mm, "RIGHT"),
            Column("Вид\nKind", 40 * mm),
            Column("Справа\nCase", 27 * mm),
            Column("Опис\nDetail", 56 * mm),
            Column("Пояснення\nExplanation", CONTENT_W - 132 * mm),
        ],
        size=7.5,
        max_lines=40,
    )
    for i, d in enumerate(items, start=1):
        table.add(
            [str(i), v.term(v.DISCREPANCY, d.get("kind")), d.get("case_number") or "—", d.get("detail") or "",
             d.get("explanation") or "—"]
        )
    return [table.flowable()]


def _signature_block(content: dict[str, Any], key: str, st: dict[str, Any]) -> list[Flowable] | None:
    kind = content["kind"]
    party = content["parties"].get(key) or {}
    persons = _person_rows(party)
    if not party.get("organisation") and not persons:
        return None
    heading = (
        f"{v.bi(v.SIGNATURE_VERB[key])} — {v.bi(v.PARTY_ROLE[kind][key])}: {party.get('organisation') or '—'}"
    )
    entries: list[str] = []
    for role, person in persons or [("representative", {"name": "", "position": ""})]:
        who = v.bi(PERSON_ROLE[role]) + ": " + (person.get("name") or "")
        if person.get("position"):
            who += "\n" + person["position"]
        entries.append(who)
    table = signature_table(entries)
    return [para(heading, st["h3"]), table, Spacer(1, 4 * mm)]


def _story(content: dict[str, Any], mark: str | None) -> list[Flowable]:
    st: dict[str, Any] = styles()
    st["h3"] = st["body"].clone("h3", fontName=BOLD, fontSize=8.5, leading=10.5, spaceBefore=2, spaceAfter=2)
    kind = content["kind"]
    title = v.KIND_TITLE[kind]
    story: list[Flowable] = [
        para(title[0].upper(), st["title"]),
        para(title[1], st["subtitle"]),
        para(f"№ {content['number']}", st["number"]),
        Spacer(1, 3 * mm),
    ]
    rnd = content.get("round") or {}
    scope = content.get("scope") or {}
    scope_text = v.bi(SCOPE.get(scope.get("type", "round"), SCOPE["round"]))
    if scope.get("transport_unit"):
        scope_text += f": {scope['transport_unit']}"
    info = [
        ("Дата / Date", content.get("date") or ""),
        ("Час / Time", content.get("time") or ""),
        ("Місце / Place", content.get("place") or ""),
        ("Підстава (угода) / Agreement reference", content.get("agreement_ref") or ""),
        ("Раунд репатріації / Repatriation round", f"{rnd.get('code', '')} ({rnd.get('date', '')})"),
        ("Обсяг акта / Scope", scope_text),
    ]
    if content.get("supersedes"):
        info.append(("Замінює акт / Supersedes certificate", content["supersedes"]))
    story += [key_value_table(info, 62 * mm), Spacer(1, 3 * mm)]
    pre = PREAMBLE[kind]
    story += [para(pre[0], st["body"]), Spacer(1, 1.5 * mm), para(pre[1], st["body"])]

    story += [para("1. Сторони / Parties", st["h2"]), _parties_table(content)]
    story += [para("2. Кількість / Counts", st["h2"]), *_counts_tables(content)]
    annex: list[tuple[str, str]] = []
    story += [
        CondPageBreak(40 * mm),
        para(f"3. Перелік справ / List of cases ({len(content['cases'])})", st["h2"]),
        _cases_table(content, annex),
    ]
    story += [CondPageBreak(30 * mm), para("4. Розбіжності / Discrepancies", st["h2"]), *_discrepancies(content, st)]
    if content.get("notes") or annex:
        story.append(para("5. Примітки / Notes", st["h2"]))
        if content.get("notes"):
            story.append(para(content["notes"], st["body"]))
        for number, text in annex:
            story += [Spacer(1, 1.5 * mm), para(f"{number}: {text}", st["body"])]
    copies = sum(
        1 for key in PARTY_ORDER
        if (content["parties"].get(key) or {}).get("organisation") or _person_rows(content["parties"].get(key) or {})
    )
    heading: list[Flowable] = [
        para("6. Підписи / Signatures", st["h2"]),
        para(
            f"Акт складено у {copies} примірниках однакової сили, по одному для кожної сторони. / "
            f"Drawn up in {copies} copies of equal force, one for each party.",
            st["body"],
        ),
        Spacer(1, 3 * mm),
    ]
    blocks = [b for b in (_signature_block(content, key, st) for key in PARTY_ORDER) if b is not None]
    # each party's block stays on one page; the heading travels with the first block
    story.append(KeepTogether(heading + (blocks[0] if blocks else [])))
    story += [KeepTogether(block) for block in blocks[1:]]
    if content.get("prepared_by"):
        story.append(para(f"Акт підготував / Prepared by: {content['prepared_by']}", st["small"]))
    return story


def _decorator(content: dict[str, Any], sha256: str, mark: str | None) -> Callable[[Canvas, int, int], None]:
    number = content["number"]
    title = v.KIND_TITLE[content["kind"]]
    payload = qr_payload(number, sha256)
    form_defined: list[bool] = []

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        if not form_defined:
            canvas.beginForm("cert-qr", 0, 0, QR_SIZE, QR_SIZE)
            draw_qr(canvas, payload, 0, 0, QR_SIZE)
            canvas.endForm()
            form_defined.append(True)
        if mark:
            watermark(canvas, MARKS[mark][0])
        top = PAGE_H - 9 * mm
        qr_x = PAGE_W - MARGIN - QR_SIZE
        canvas.saveState()
        canvas.translate(qr_x, top - QR_SIZE + 2 * mm)
        canvas.doForm("cert-qr")
        canvas.restoreState()
        text_w = qr_x - MARGIN - 4 * mm
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 8)
        y = top - 4
        for line in wrap(title[0], text_w, 8, BOLD)[:2]:
            canvas.drawString(MARGIN, y, line)
            y -= 9.5
        canvas.setFont(REGULAR, 7.5)
        for line in wrap(title[1], text_w, 7.5)[:2]:
            canvas.drawString(MARGIN, y, line)
            y -= 9
        canvas.setFont(BOLD, 11)
        canvas.drawString(MARGIN, y - 5, f"№ {number}")
        if mark:
            canvas.setFont(BOLD, 7.5)
            canvas.setFillColor(colors.Color(0.7, 0.05, 0.05))
            canvas.drawString(MARGIN, y - 16, MARKS[mark][1])
            canvas.setFillColor(colors.black)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        line_y = PAGE_H - HEADER_H + 3 * mm
        canvas.line(MARGIN, line_y, PAGE_W - MARGIN, line_y)
        # footer
        foot_y = FOOTER_H - 5 * mm
        canvas.line(MARGIN, foot_y + 4 * mm, PAGE_W - MARGIN, foot_y + 4 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, foot_y, f"№ {number}")
        canvas.drawRightString(PAGE_W - MARGIN, foot_y, page_of(page, total))
        canvas.drawCentredString(
            PAGE_W / 2, foot_y, "Підписи сторін / Initials:  ________   ________   ________"
        )
        canvas.setFont(REGULAR, 5.8)
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canvas.drawString(MARGIN, foot_y - 3.6 * mm, f"SHA-256: {sha256}")
        canvas.setFillColor(colors.black)

    return decorate


def render_certificate(
    content: dict[str, Any],
    sha256: str,
    *,
    mark: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    token: CancelToken | None = None,
) -> RenderedPdf:
    """The certificate as PDF bytes. ``mark`` is None (issued), "draft" or "void"."""
    if mark is not None and mark not in MARKS:
        raise ValueError(f"unknown mark {mark}")
    estimated = 2 + len(content["cases"]) // CASE_ROWS_PER_PAGE
    page_done = progress_pages(progress, token, estimated, lambda page: "")
    title = v.KIND_TITLE[content["kind"]]
    return build_pdf(
        _story(content, mark),
        _decorator(content, sha256, mark),
        title=f"{title[1]} {content['number']}",
        top=HEADER_H,
        bottom=FOOTER_H,
        page_done=page_done,
    )
