"""Register files for the tests: made-up applications (no real person), written as CSV in each
encoding the register arrives in, or as an XLSX workbook."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.persistence.db import Database
from app.persistence.models import MissingPerson, RowVersion

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 6, 1)

HEADER = ("Номер заяви", "ПІБ", "Дата народження", "Стать", "Громадянство", "Військова частина", "Дата зникнення",
          "Місце зникнення", "Обставини зникнення", "Особливі прикмети", "Родичі, які здали ДНК", "Примітки")
ROWS = (
    ("Р-2025/00041", "Олійник Богдан Петрович", "17.08.1993", "чоловіча", "Україна", "в/ч Т0404", "2024-11-03",
     "с. Кліщіївка, Донецька обл.", "Не повернувся з бойового завдання", "Шрам на лівій брові",
     "мати — Олійник Галина Іванівна", ""),
    ("Р-2025/00042", "Савчук Наталія Андріївна", "1989", "жіноча", "Україна", "", "12.04.2022",
     "м. Бородянка, Київська обл.", "Вийшла з дому по воду", "Татуювання метелика на зап'ясті",
     "син — Савчук Артем Ігорович", "Заяву подав син"),
    ("Р-2025/00043", "Ярошенко Євген Олегович", "1975-01-30", "ч", "Україна", "в/ч Т0505", "2023",
     "Запорізька обл.", "", "", "", ""),
)


def csv_bytes(rows: tuple[tuple[str, ...], ...] = ROWS, *, header: tuple[str, ...] = HEADER, delimiter: str = ",",
              encoding: str = "utf-8") -> bytes:
    def cell(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = "\n".join(delimiter.join(cell(v) for v in row) for row in (header, *rows)) + "\n"
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[object]], *, title: str = "Реєстр") -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def versions_of(db: Database, entry_id: str | None = None) -> int:
    with db.session() as s:
        stmt = select(func.count()).select_from(RowVersion).where(RowVersion.table_name == "missing_persons")
        if entry_id is not None:
            stmt = stmt.where(RowVersion.row_id == entry_id)
        return int(s.scalar(stmt) or 0)


def entries_in(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(MissingPerson)) or 0)
