"""Reading the register's file: CSV in each encoding and delimiter it arrives in, XLSX workbooks,
and the files that are neither; the columns found from their headers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.services.register import columns
from app.services.register.importing import read_register, read_register_file
from app.services.rounds import manifest_columns, spreadsheet
from tests.register.helpers import DATA, HEADER, ROWS, csv_bytes, xlsx_bytes


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        (csv_bytes(), "utf-8", ","),
        (b"\xef\xbb\xbf" + csv_bytes(delimiter=";"), "utf-8-sig", ";"),
        (csv_bytes(delimiter=";", encoding="cp1251"), "cp1251", ";"),
    ],
    ids=["utf-8 comma", "utf-8 with BOM semicolon", "cp1251 semicolon"],
)
def test_csv_in_every_encoding_reads_the_same(data: bytes, encoding: str, delimiter: str) -> None:
    table = read_register(data, filename="реєстр.csv")
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.headers == HEADER  # the header "Родичі, які здали ДНК" holds a comma, whatever the delimiter
    assert [r.cells for r in table.rows] == [tuple(v for v in row) for row in ROWS]
    assert not table.is_workbook


def test_the_semicolon_is_found_although_the_header_and_the_places_hold_commas() -> None:
    data = csv_bytes(delimiter=";")
    table = read_register(data)
    assert table.delimiter == ";" and len(table.headers) == len(HEADER)
    # and the user may say it
    assert read_register(data, delimiter=";").headers == table.headers


def test_a_cp1251_file_read_as_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationError, match="cannot be read as UTF-8: line 1"):
        read_register(csv_bytes(encoding="cp1251"), encoding="utf-8")


def test_xlsx_cells_are_read_as_the_spreadsheet_shows_them() -> None:
    data = xlsx_bytes([
        ["Номер заяви", "Прізвище", "Ім'я", "По батькові", "Дата народження", "Дата зникнення", "Примітки"],
        ["Р-7", "Олійник", "Богдан", "Петрович", datetime(1993, 8, 17), date(2024, 11, 3), None],
        [],
        [2025_0008, "Савчук", "Наталія", "", 1989.0, "12.04.2022", "два\nрядки"],
    ])
    table = read_register(data, filename="реєстр.xlsx")
    assert table.is_workbook and table.sheet == "Реєстр"
    assert table.how_read == "XLSX workbook, sheet \u201cРеєстр\u201d"
    assert [(r.line_no, r.cells) for r in table.rows] == [
        (2, ("Р-7", "Олійник", "Богдан", "Петрович", "1993-08-17", "2024-11-03")),
        (4, ("20250008", "Савчук", "Наталія", "", "1989", "12.04.2022", "два\nрядки")),
    ]


def test_an_xlsx_file_is_read_whatever_its_name(tmp_path) -> None:
    path = tmp_path / "register.csv"  # saved with the wrong extension
    path.write_bytes(xlsx_bytes([list(HEADER), list(ROWS[0])]))
    table = read_register_file(path)
    assert table.is_workbook and table.rows[0].cells[1] == "Олійник Богдан Петрович"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00broken", "damaged workbook or not an XLSX workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Excel workbook (.xls)"),
        ("Номер;ПІБ\n1;А\n".encode("utf-16"), "saved as UTF-16"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"", "The file is empty."),
    ],
)
def test_files_that_are_not_a_register_are_refused_in_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_register(data)
    assert message in str(err.value)
    assert str(err.value).endswith(".") and "\n" not in str(err.value)


def test_an_empty_workbook_is_refused() -> None:
    with pytest.raises(ValidationError, match="The file is empty."):
        read_register(xlsx_bytes([]))


def test_the_register_may_be_larger_than_a_manifest_but_not_unbounded(tmp_path) -> None:
    big = b"a" * (spreadsheet.MAX_FILE_BYTES + 10)
    with pytest.raises(ValidationError, match="a manifest list is far smaller"):
        spreadsheet.read_table(big)
    with pytest.raises(ValidationError, match="is larger than 200 MB; a register of missing persons is far smaller"):
        read_register(b"x" * (200 * 1024 * 1024 + 1))


def test_the_headers_of_the_sample_files_are_recognised() -> None:
    good = read_register_file(DATA / "register_good.csv")
    mapping = columns.auto_mapping(good.headers)
    assert {f for f, col in mapping.items() if col is None} == {columns.FULL_NAME}
    bad = read_register_file(DATA / "register_bad.csv")
    mapping = columns.auto_mapping(bad.headers)
    assert mapping[columns.REGISTER_NUMBER] == 0 and mapping[columns.FULL_NAME] == 1
    assert mapping[columns.MILITARY_UNIT] is None


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Register No.", columns.REGISTER_NUMBER), ("№ заяви", columns.REGISTER_NUMBER),
        ("Регистрационный номер", columns.REGISTER_NUMBER), ("Прізвище, ім\u2019я, по батькові", columns.FULL_NAME),
        ("ФИО", columns.FULL_NAME), ("Last name", columns.SURNAME), ("Имя", columns.GIVEN_NAME),
        ("Отчество", columns.PATRONYMIC), ("Дата рождения", columns.BIRTH_DATE), ("Пол", columns.SEX),
        ("в/ч", columns.MILITARY_UNIT), ("Дата исчезновения", columns.DISAPPEARED_ON),
        ("Місце зникнення", columns.DISAPPEARED_PLACE), ("Особые приметы", columns.DISTINGUISHING_MARKS),
        ("Зразки ДНК родичів", columns.RELATIVES_SAMPLED), ("Примечания", columns.NOTES),
    ],
)
def test_headers_in_english_ukrainian_and_russian(header: str, field: str) -> None:
    assert columns.auto_mapping(["x", header])[field] == 1


def test_no_header_spelling_names_two_fields() -> None:
    seen: dict[str, str] = {}
    for field, aliases in columns.HEADER_ALIASES.items():
        for alias in aliases:
            key = manifest_columns.header_key(alias)
            assert seen.setdefault(key, field) == field, (alias, field, seen[key])


def test_a_chosen_column_and_an_ignored_field() -> None:
    headers = ("Справа", "Особа", "Примітки")
    mapping = columns.mapping_from_headers(headers, {"register_number": "справа", "full_name": "Особа", "notes": ""})
    assert (mapping["register_number"], mapping["full_name"], mapping["notes"]) == (0, 1, None)
    with pytest.raises(ValidationError, match="no column Номер"):
        columns.mapping_from_headers(headers, {"register_number": "Номер"})
    with pytest.raises(ValidationError, match="Unknown field number"):
        columns.mapping_from_headers(headers, {"number": "Справа"})
