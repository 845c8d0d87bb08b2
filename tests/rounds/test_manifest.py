"""Manifest import: reading CSV files, mapping columns, checking rows, importing in one go."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain import Category, Role
from app.errors import NotFound, PermissionDenied, ValidationError
from app.persistence.models import ManifestLine, RowVersion
from app.progress import Cancelled, CancelToken
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.rounds import manifest, manifest_check, manifest_columns, manifest_file
from tests.conftest import make_round

DATA = Path(__file__).resolve().parents[1] / "data"


def counts(ctx: AppContext) -> tuple[int, int]:
    with ctx.reading() as session:
        lines = session.scalar(select(func.count()).select_from(ManifestLine)) or 0
        versions = session.scalar(select(func.count()).select_from(RowVersion)) or 0
    return lines, versions


def table_of(text: str, **kw: str) -> manifest_file.ManifestTable:
    return manifest_file.read_csv(text.encode("utf-8"), **kw)


def auto(table: manifest_file.ManifestTable) -> dict[str, int | None]:
    return manifest_columns.auto_mapping(table.headers)


# --- reading files --------------------------------------------------------------------------------


def test_reads_utf8_comma_file_with_latin_headers():
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    assert table.encoding == "utf-8"
    assert table.delimiter == ","
    assert table.filename == "manifest_good.csv"
    assert table.headers[:2] == ("tag", "name")
    assert [r.line_no for r in table.rows] == [2, 3, 4, 5, 6, 7]
    assert table.rows[3].cells[5] == "Жетон, номер нечитабельний"
    assert auto(table) == {
        "sender_tag": 0, "claimed_name": 1, "claimed_birth_date": 2, "claimed_citizenship": 3,
        "category": 4, "notes": 5,
    }


def test_reads_utf8_with_bom_and_semicolons_and_ukrainian_headers():
    table = manifest_file.read_csv_file(DATA / "manifest_bom_semicolon.csv")
    assert table.encoding == "utf-8-sig"
    assert table.encoding_name == "UTF-8 with BOM"
    assert table.delimiter == ";"
    assert table.headers[0] == "Номер бірки"  # no BOM left in the first header
    mapping = auto(table)
    assert mapping["sender_tag"] == 0 and mapping["claimed_name"] == 1 and mapping["notes"] == 5
    # a quoted value holding the delimiter and a line break; the next row's line number follows it
    assert table.rows[1].cells[1] == "Мельник; Андрій"
    assert table.rows[1].cells[5] == "примітка в два\nрядки"
    assert [r.line_no for r in table.rows] == [2, 3, 5]


def test_detects_windows_1251():
    table = manifest_file.read_csv_file(DATA / "manifest_cp1251.csv")
    assert table.encoding == "cp1251"
    assert table.delimiter == ";"
    assert table.rows[0].cells[1] == "Ярошенко Євген Олегович"
    assert table.rows[1].cells[1] == "Зінченко Ґжегож"
    assert auto(table)["sender_tag"] == 0  # "БІРКА" in capitals


def test_encoding_override_is_strict():
    data = (DATA / "manifest_cp1251.csv").read_bytes()
    with pytest.raises(ValidationError, match=r"cannot be read as UTF-8: line 1"):
        manifest_file.read_csv(data, encoding="utf-8")
    # and a UTF-8 file forced to Windows-1251 reads, but as the wrong letters
    forced = manifest_file.read_csv((DATA / "manifest_good.csv").read_bytes(), encoding="windows-1251")
    assert forced.encoding == "cp1251"
    assert "Коваленко" not in forced.rows[0].cells[1]
    with pytest.raises(ValidationError, match="Unknown encoding latin-9"):
        manifest_file.read_csv(data, encoding="latin-9")


def test_delimiter_detected_when_both_appear_in_the_header():
    table = table_of('tag;"name, full";category\nA;Б, В;complete\nC;Д;partial\n')
    assert table.delimiter == ";"
    assert table.headers == ("tag", "name, full", "category")
    assert manifest_file.read_csv(b"tag\nA\nB\n").delimiter == ","  # one column


def test_blank_lines_and_delimiter_only_lines_are_skipped_but_counted():
    table = table_of("\n\ntag;name\n;;\nA;x\n\nB;y\n")
    assert table.header_line == 3
    assert [(r.line_no, r.cells[0]) for r in table.rows] == [(5, "A"), (7, "B")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n\n", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (b";;;\n;;\n", "The file is empty."),
        ("tag,name\nA,Б\n".encode("utf-16"), "saved as UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not a text (CSV) file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "spreadsheet workbook, not CSV"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (bytes(range(1, 32)) * 20, "not a text (CSV) file"),
    ],
)
def test_refuses_files_that_are_not_csv(data: bytes, message: str):
    with pytest.raises(ValidationError) as err:
        manifest_file.read_csv(data)
    assert message in str(err.value)
    assert str(err.value).endswith(".")
    assert "\n" not in str(err.value)


def test_refuses_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(ValidationError, match="There is no file"):
        manifest_file.read_csv_file(tmp_path / "nope.csv")
    with pytest.raises(ValidationError, match="is a folder"):
        manifest_file.read_csv_file(tmp_path)


def test_refuses_a_bad_utf8_file_that_claims_utf8_by_its_bom():
    data = b"\xef\xbb\xbftag;name\nA;" + "Коваленко".encode("cp1251") + b"\n"
    with pytest.raises(ValidationError, match="line 2 is not valid UTF-8"):
        manifest_file.read_csv(data)


# --- mapping and categories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("TAG", "sender_tag"),
        ("Sender tag", "sender_tag"),
        ("бирка", "sender_tag"),
        ("Номер бірки", "sender_tag"),
        ("name", "claimed_name"),
        ("ПІБ", "claimed_name"),
        ("П.І.Б.", "claimed_name"),
        ("Прізвище ім\u2019я по батькові", "claimed_name"),  # typographic apostrophe
        ("Прізвище, ім'я, по батькові", "claimed_name"),
        ("birth_date", "claimed_birth_date"),
        ("Дата народження", "claimed_birth_date"),
        ("Citizenship", "claimed_citizenship"),
        ("ГРОМАДЯНСТВО", "claimed_citizenship"),
        ("Категорія", "category"),
        ("примітки", "notes"),
    ],
)
def test_auto_mapping_recognises_documented_headers(header: str, target: str):
    mapping = manifest_columns.auto_mapping(["№ п/п", header])
    assert mapping[target] == 1
    assert sum(v is not None for v in mapping.values()) == 1


def test_auto_mapping_ignores_unknown_columns_and_takes_the_first_match():
    mapping = manifest_columns.auto_mapping(["№", "Бірка", "tag", "Something"])
    assert mapping["sender_tag"] == 1
    assert mapping["claimed_name"] is None


def test_mapping_from_headers_applies_choices():
    headers = ("Номер", "ПІБ", "Примітки")
    mapping = manifest_columns.mapping_from_headers(headers, {"sender_tag": "номер", "notes": ""})
    assert mapping["sender_tag"] == 0 and mapping["claimed_name"] == 1 and mapping["notes"] is None
    with pytest.raises(ValidationError, match="no column Бірка"):
        manifest_columns.mapping_from_headers(headers, {"sender_tag": "Бірка"})
    with pytest.raises(ValidationError, match="Unknown field tag"):
        manifest_columns.mapping_from_headers(headers, {"tag": "Номер"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("complete", Category.COMPLETE), ("Повне тіло", Category.COMPLETE), ("ЧАСТИНА", Category.PARTIAL),
        ("partial", Category.PARTIAL), ("фрагменти", Category.FRAGMENTS), ("Змішані", Category.COMMINGLED),
        ("commingled", Category.COMMINGLED), ("", None), ("  ", None),
    ],
)
def test_categories(value: str, expected: Category | None):
    assert manifest_columns.parse_category(value) == expected


def test_unknown_category_is_none():
    assert manifest_columns.parse_category("bones") is None


# --- checking ---------------------------------------------------------------------------------------


def test_validate_rows_reports_each_problem_by_line():
    table = manifest_file.read_csv_file(DATA / "manifest_bad.csv")
    check = manifest_check.validate_rows(table, auto(table))
    found = [(p.line_no, p.kind) for p in check.problems]
    assert found == [
        (2, manifest_check.PROBLEM_DUPLICATE_IN_FILE),
        (3, manifest_check.PROBLEM_MISSING_TAG),
        (4, manifest_check.PROBLEM_UNKNOWN_CATEGORY),
        (5, manifest_check.PROBLEM_DUPLICATE_IN_FILE),
        (6, manifest_check.PROBLEM_TOO_MANY_COLUMNS),
    ]
    assert "lines 2 and 5" in check.problems[0].message
    assert "щось незрозуміле" in check.problems[2].message
    assert [r.sender_tag for r in check.good_rows] == ["T-1", "T-6"]
    assert check.skipped_lines == (3, 4, 5, 6)
    assert check.skipped == 4
    assert str(check.problems[1]) == "line 3: The tag is missing."


def test_validate_rows_limits_and_short_rows():
    long_tag = "X" * 101
    table = table_of(f"tag,name,birth_date\n{long_tag},a,b\nOK-1\nOK-2,{'я' * 401}\n,,\n")
    check = manifest_check.validate_rows(table, auto(table))
    assert [(p.line_no, p.kind) for p in check.problems] == [
        (2, manifest_check.PROBLEM_TOO_LONG), (4, manifest_check.PROBLEM_TOO_LONG),
    ]
    assert check.problems[0].message == "The tag is 101 characters long; at most 100 are allowed."
    assert [r.sender_tag for r in check.good_rows] == ["OK-1"]  # a short row is padded, not refused


def test_duplicate_tags_compare_normalised():
    table = table_of("tag\nab-1\nAB-1 \n  ab-1\n")
    check = manifest_check.validate_rows(table, auto(table))
    assert [p.line_no for p in check.problems] == [2, 3, 4]
    assert "lines 2, 3 and 4" in check.problems[0].message
    assert [r.line_no for r in check.good_rows] == [2]


def test_mapping_without_a_tag_column_is_refused():
    table = table_of("name\nКоваленко\n")
    with pytest.raises(ValidationError, match="Choose the column that holds the sender's tag."):
        manifest_check.validate_rows(table, auto(table))


# --- importing --------------------------------------------------------------------------------------


def test_import_good_file(officer, a_round):
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    seen: list[tuple[int, int]] = []
    result = manifest.import_manifest(
        officer, a_round.id, table, auto(table), progress=lambda d, t, m="": seen.append((d, t))
    )
    assert (result.imported, result.skipped, result.errors) == (6, 0, 0)
    assert result.summary("R") == "Imported 6 manifest lines into round R."
    assert seen[-1] == (6, 6)
    lines = manifest.list_manifest(officer, a_round.id)
    assert [ln.line_no for ln in lines] == [1, 2, 3, 4, 5, 6]
    assert [ln.category for ln in lines] == ["complete", "partial", "complete", "fragments", None, "commingled"]
    assert lines[3].claimed_citizenship == "Польща"
    assert lines[4].claimed_name == "" and lines[4].notes == "Без документів"
    assert {ln.import_batch for ln in lines} == {result.batch_id}
    with officer.reading() as session:
        stored = session.scalars(select(ManifestLine).order_by(ManifestLine.line_no)).all()
        assert stored[0].sender_tag_norm == "mt-0001"
        assert stored[0].claimed_name_norm == "коваленко олександр петрович"
        versions = session.execute(
            select(RowVersion.row_id, RowVersion.version_id, RowVersion.author_name).where(
                RowVersion.table_name == "manifest_lines"
            )
        ).all()
    assert {v.row_id: v.version_id for v in versions} == {m.id: m.head_version for m in stored}
    assert {v.author_name for v in versions} == {"ivan"}
    assert a_round.round_date  # the round's own summary counts the lines
    from app.services.rounds import rounds

    assert rounds.get_round(officer, a_round.id).manifest_lines == 6


def test_import_cp1251_and_bom_files(officer, a_round):
    for name in ("manifest_cp1251.csv", "manifest_bom_semicolon.csv"):
        table = manifest_file.read_csv_file(DATA / name)
        manifest.import_manifest(officer, a_round.id, table, auto(table))
    lines = manifest.list_manifest(officer, a_round.id)
    assert [ln.sender_tag for ln in lines] == ["К-1", "К-2", "К-3", "Б-101", "Б-102", "Б-103"]
    assert [ln.line_no for ln in lines] == [1, 2, 3, 4, 5, 6]  # the second list continues the numbering
    assert lines[1].claimed_name == "Зінченко Ґжегож"
    assert lines[4].notes == "примітка в два\nрядки"


def test_import_with_errors_changes_nothing(officer, a_round):
    before = counts(officer)
    table = manifest_file.read_csv_file(DATA / "manifest_bad.csv")
    with pytest.raises(manifest.ManifestRejected) as err:
        manifest.import_manifest(officer, a_round.id, table, auto(table))
    assert str(err.value) == (
        "The list has problems on 5 lines, so nothing was imported: correct the file, or import only the good rows."
    )
    assert len(err.value.check.problems) == 5
    assert counts(officer) == before


def test_import_only_good_rows(officer, a_round):
    table = manifest_file.read_csv_file(DATA / "manifest_bad.csv")
    result = manifest.import_manifest(officer, a_round.id, table, auto(table), only_good_rows=True)
    assert (result.imported, result.skipped, result.errors) == (2, 4, 5)
    assert result.skipped_lines == (3, 4, 5, 6)
    assert "skipped 4 rows" in result.summary()
    lines = manifest.list_manifest(officer, a_round.id)
    # of the repeated tag T-1 only the first occurrence (line 2) is imported
    assert [(ln.sender_tag, ln.claimed_name) for ln in lines] == [
        ("T-1", "Коваленко Олександр Петрович"), ("T-6", "Петренко Петро Петрович"),
    ]


def test_tags_already_on_the_manifest_are_reported(officer, a_round):
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    manifest.import_manifest(officer, a_round.id, table, auto(table))
    before = counts(officer)
    check = manifest.check_manifest(officer, a_round.id, table, auto(table))
    assert {p.kind for p in check.problems} == {manifest_check.PROBLEM_ALREADY_IN_MANIFEST}
    assert [p.line_no for p in check.problems] == [2, 3, 4, 5, 6, 7]
    assert "manifest line 1" in check.problems[0].message
    with pytest.raises(manifest.ManifestRejected, match="No row of the list can be imported"):
        manifest.import_manifest(officer, a_round.id, table, auto(table), only_good_rows=True)
    assert counts(officer) == before
    addendum = table_of("tag,name\nMT-0002,Шевчук\nMT-0100,Новий Рядок\n")
    result = manifest.import_manifest(officer, a_round.id, addendum, auto(addendum), only_good_rows=True)
    assert (result.imported, result.skipped) == (1, 1)
    assert [ln.line_no for ln in manifest.list_manifest(officer, a_round.id)][-1] == 7
    # the same tags in another round are no problem
    other = make_round(officer, code="R-OTHER")
    assert manifest.check_manifest(officer, other.id, table, auto(table)).problems == ()


def test_header_only_file_imports_nothing(officer, a_round):
    table = table_of("tag,name\n")
    with pytest.raises(manifest.ManifestRejected, match="header but no rows"):
        manifest.import_manifest(officer, a_round.id, table, auto(table), only_good_rows=True)


def test_clerk_may_not_import(contexts, a_round):
    clerk = contexts[Role.CLERK]
    before = counts(clerk)
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    with pytest.raises(PermissionDenied, match="may not do this"):
        manifest.import_manifest(clerk, a_round.id, table, auto(table))
    assert counts(clerk) == before
    # reading the manifest and checking a file are allowed
    assert manifest.list_manifest(clerk, a_round.id) == []
    assert manifest.check_manifest(clerk, a_round.id, table, auto(table)).problems == ()


def test_unknown_round(officer):
    table = manifest_file.read_csv_file(DATA / "manifest_good.csv")
    with pytest.raises(NotFound, match="The round does not exist."):
        manifest.import_manifest(officer, "no-such-round", table, auto(table))


def big_table(n: int) -> manifest_file.ManifestTable:
    body = "".join(f"BT-{i:05d};Прізвище{i} Ім'я;01.01.1990;Україна;повне тіло;\n" for i in range(1, n + 1))
    return table_of("бірка;піб;дата народження;громадянство;категорія;примітки\n" + body)


def test_cancel_leaves_the_database_unchanged(officer, a_round):
    table = big_table(1300)
    before = counts(officer)
    token = CancelToken()
    calls: list[int] = []

    def progress(done: int, total: int, message: str = "") -> None:
        calls.append(done)
        if done >= manifest.CHUNK:
            token.cancel()  # cancelled after the first chunk was written inside the transaction

    with pytest.raises(Cancelled):
        manifest.import_manifest(officer, a_round.id, table, auto(table), progress=progress, token=token)
    assert manifest.CHUNK in calls
    assert counts(officer) == before


def test_large_import_and_intake_finds_the_claims(officer, a_round):
    table = big_table(1300)
    result = manifest.import_manifest(officer, a_round.id, table, auto(table))
    assert result.imported == 1300
    assert counts(officer)[0] == 1300
    found = case_intake.lookup_tag(officer, a_round.id, "bt-01299")
    assert found.on_manifest and found.claimed_name == "Прізвище1299 Ім'я" and found.category == "complete"
    intake = case_intake.record_intake(officer, case_intake.IntakeData(round_id=a_round.id, sender_tag="BT-00007"))
    assert not intake.off_manifest
    assert [ln.received for ln in manifest.list_manifest(officer, a_round.id)][6] == 1


def test_a_manifest_saved_as_an_xlsx_workbook_is_imported(officer: AppContext, a_round) -> None:
    from app.services.rounds import spreadsheet
    from tests.register.helpers import xlsx_bytes

    data = xlsx_bytes([
        ["Номер бірки", "ПІБ", "Дата народження", "Категорія"],
        ["МТ-0001", "Коваленко Олександр Петрович", "12.03.1991", "повне тіло"],
        [7, "Шевчук Тарас Іванович", 1987, "частина"],
    ], title="Список")
    table = spreadsheet.read_table(data, filename="list.xlsx")
    assert table.is_workbook and table.how_read == "XLSX workbook, sheet \u201cСписок\u201d"
    result = manifest.import_manifest(officer, a_round.id, table, manifest_columns.auto_mapping(table.headers))
    assert result.imported == 2
    lines = manifest.list_manifest(officer, a_round.id)
    assert [(ln.sender_tag, ln.claimed_birth_date, ln.category) for ln in lines] == [
        ("МТ-0001", "12.03.1991", "complete"), ("7", "1987", "partial")]
    with pytest.raises(ValidationError, match="spreadsheet workbook, not CSV"):
        manifest_file.read_csv(data)  # the CSV reader alone still says what the file is
