"""Importing the register on a real database: new entries, re-imports that update without
doubling or versioning what did not change, bad rows reported by line, one transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain import Role
from app.errors import PermissionDenied, ValidationError
from app.names import name_fold, sort_key
from app.persistence.models import MissingPerson, RowVersion
from app.persistence.models.register import missing_person_id
from app.progress import Cancelled, CancelToken
from app.services.context import AppContext
from app.services.register import check, columns, importing, listing
from app.services.register.importing import check_register, import_register, read_register, read_register_file
from tests.register.helpers import DATA, HEADER, ROWS, TODAY, csv_bytes, entries_in, versions_of, xlsx_bytes


def entry(ctx: AppContext, number: str) -> listing.RegisterEntry:
    return listing.get_entry(ctx, missing_person_id(number))


def test_a_register_is_imported_with_every_field(supervisor: AppContext) -> None:
    result = import_register(supervisor, read_register(csv_bytes()), today=TODAY)
    assert (result.new, result.updated, result.unchanged, result.refused) == (3, 0, 0, 0)
    assert result.summary() == "Register: 3 new, 0 updated, 0 unchanged."
    e = entry(supervisor, "Р-2025/00042")
    assert (e.register_number, e.full_name, e.birth_date, e.sex, e.citizenship) == (
        "Р-2025/00042", "Савчук Наталія Андріївна", "1989", "female", "Україна")
    assert (e.disappeared_on, e.disappeared_place) == ("2022-04-12", "м. Бородянка, Київська обл.")
    assert (e.circumstances, e.distinguishing_marks) == ("Вийшла з дому по воду", "Татуювання метелика на зап'ясті")
    assert (e.relatives_sampled, e.notes, e.import_batch) == ("син — Савчук Артем Ігорович", "Заяву подав син",
                                                               result.batch_id)
    assert entry(supervisor, "Р-2025/00043").sex == "male" and entry(supervisor, "Р-2025/00043").birth_date == (
        "1975-01-30")
    assert versions_of(supervisor.db) == 3
    with supervisor.db.session() as s:  # the search forms are made as an ORM save makes them
        p = s.get(MissingPerson, missing_person_id("Р-2025/00041"))
        assert p is not None and p.full_name_fold == name_fold("Oliinyk Bohdan Petrovych")
        assert p.full_name_key == sort_key("Олійник Богдан Петрович")
        version = s.scalars(select(RowVersion).where(RowVersion.row_id == p.id)).one()
        snapshot = json.loads(version.snapshot)
        assert snapshot["full_name"] == "Олійник Богдан Петрович" and "full_name_fold" not in snapshot
        assert version.parent_version_id is None and p.head_version == version.version_id


def test_the_sample_file_joins_separate_name_columns(supervisor: AppContext) -> None:
    result = import_register(supervisor, read_register_file(DATA / "register_good.csv"), today=TODAY)
    assert result.new == 6 and not result.problems
    e = entry(supervisor, "Р-2024/00020")
    assert e.full_name == "Ґудзь Євген Олегович"
    assert e.relatives_sampled == "син — Ґудзь Максим Євгенович\nдонька — Ґудзь Олена Євгенівна"
    assert entry(supervisor, "Р-2024/00017").distinguishing_marks.startswith("Татуювання \"Вовк\"")


def test_a_reimport_updates_never_doubles_and_versions_only_what_changed(supervisor: AppContext) -> None:
    db = supervisor.db
    import_register(supervisor, read_register(csv_bytes()), today=TODAY)
    again = import_register(supervisor, read_register(csv_bytes(delimiter=";", encoding="cp1251")), today=TODAY)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert entries_in(db) == 3 and versions_of(db) == 3  # the same register in another encoding: nothing new

    changed = list(ROWS)
    changed[1] = (*ROWS[1][:11], "Родина надала фото")  # new notes for one entry
    result = import_register(supervisor, read_register(csv_bytes(tuple(changed))), today=TODAY)
    assert (result.new, result.updated, result.unchanged) == (0, 1, 2)
    assert entries_in(db) == 3 and versions_of(db) == 4
    one = missing_person_id("Р-2025/00042")
    assert versions_of(db, one) == 2
    assert entry(supervisor, "Р-2025/00042").notes == "Родина надала фото"
    with db.session() as s:
        first, second = s.scalars(
            select(RowVersion).where(RowVersion.row_id == one).order_by(RowVersion.hlc)
        ).all()
        assert second.parent_version_id == first.version_id
        row = s.get(MissingPerson, one)
        assert row is not None and row.head_version == second.version_id and row.rev == 2


def test_a_field_without_a_column_keeps_its_value_and_an_empty_cell_empties_it(supervisor: AppContext) -> None:
    import_register(supervisor, read_register(csv_bytes()), today=TODAY)
    # a later export of the register without the notes column, and the unit emptied for one entry
    header = tuple(h for h in HEADER if h != "Примітки")
    rows = tuple(r[:11] for r in ROWS)
    rows = ((*rows[0][:5], "", *rows[0][6:]), *rows[1:])
    result = import_register(supervisor, read_register(csv_bytes(rows, header=header)), today=TODAY)
    assert (result.updated, result.unchanged) == (1, 2)
    assert entry(supervisor, "Р-2025/00042").notes == "Заяву подав син"
    assert entry(supervisor, "Р-2025/00041").military_unit == ""


def test_a_register_arrives_as_an_xlsx_workbook(supervisor: AppContext) -> None:
    rows: list[list[object]] = [["Реєстраційний номер", "Прізвище", "Ім'я", "По батькові", "Дата народження",
                                 "Стать", "Дата зникнення"]]
    rows.append(["Р-9/1", "Олійник", "Богдан", "Петрович", "17.08.1993", "Ч", "2024-11-03"])
    rows.append(["Р-9/2", "Савчук", "Наталія", None, 1989, "Ж", None])
    rows.append(["Р-9/3", None, None, None, 1990, "ч", "31.02.2023"])
    result = import_register(supervisor, read_register(xlsx_bytes(rows)), today=TODAY)
    assert (result.new, result.refused) == (2, 1)
    assert [(p.line_no, p.message) for p in result.problems] == [
        (4, "The name is missing."), (4, "The date of disappearance 31.02.2023 does not exist."),
    ]
    e = entry(supervisor, "Р-9/2")
    assert (e.full_name, e.birth_date, e.sex, e.disappeared_on) == ("Савчук Наталія", "1989", "female", "")


def test_bad_rows_are_listed_by_line_and_the_good_ones_imported(supervisor: AppContext) -> None:
    result = import_register(supervisor, read_register_file(DATA / "register_bad.csv"), today=TODAY)
    assert (result.new, result.refused, result.total_rows) == (2, 11, 13)
    found = {(p.line_no, p.kind) for p in result.problems}
    assert found == {
        (3, check.PROBLEM_MISSING_NUMBER), (4, check.PROBLEM_MISSING_NAME), (5, check.PROBLEM_IMPOSSIBLE_DATE),
        (6, check.PROBLEM_BORN_AFTER_DISAPPEARANCE), (7, check.PROBLEM_TOO_EARLY), (8, check.PROBLEM_FUTURE_DATE),
        (9, check.PROBLEM_UNREADABLE_DATE), (10, check.PROBLEM_DUPLICATE_IN_FILE),
        (11, check.PROBLEM_DUPLICATE_IN_FILE), (12, check.PROBLEM_UNKNOWN_SEX), (13, check.PROBLEM_TOO_MANY_COLUMNS),
    }
    said = {p.line_no: p.message for p in result.problems}
    assert said[5] == "The date of birth 31.02.1990 does not exist."
    assert said[6] == "The date of birth (2001-05-12) is after the date of disappearance (2000)."
    assert said[7] == "The date of birth 1875 is before 1900."
    assert said[8] == "The date of disappearance 01.01.2099 is in the future."
    assert said[10] == ("The register number is listed more than once in the file (lines 10 and 11); "
                        "none of these rows is imported.")
    assert result.refused_lines == (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
    assert [r.register_number for r in listing.list_entries(supervisor).rows] == ["Р-2024/00113", "Р-2024/00101"]
    assert entries_in(supervisor.db) == 2


@pytest.mark.parametrize(
    ("birth", "gone", "problem"),
    [
        ("2030", "", check.PROBLEM_FUTURE_DATE),
        ("02.06.2026", "", check.PROBLEM_FUTURE_DATE),  # the day after "today"
        ("1899", "", check.PROBLEM_TOO_EARLY),
        ("29.02.1991", "", check.PROBLEM_IMPOSSIBLE_DATE),
        ("1990", "1989", check.PROBLEM_BORN_AFTER_DISAPPEARANCE),
        ("05.05.2022", "2022-05-04", check.PROBLEM_BORN_AFTER_DISAPPEARANCE),
        ("12.03.91", "", check.PROBLEM_UNREADABLE_DATE),
        ("", "літо 2022", check.PROBLEM_UNREADABLE_DATE),
    ],
)
def test_impossible_dates_are_refused(birth: str, gone: str, problem: str) -> None:
    table = read_register(csv_bytes(((("Р-1", "Олійник Богдан", birth, "", "", "", gone) + ("",) * 5),)))
    found = check.validate_rows(table, columns.auto_mapping(table.headers), today=TODAY)
    assert [p.kind for p in found.problems] == [problem] and not found.good_rows


@pytest.mark.parametrize(
    ("birth", "gone", "stored"),
    [("29.02.1992", "2022", ("1992-02-29", "2022")), ("1990", "1990", ("1990", "1990")),
     ("01.06.2026", "01.06.2026", ("2026-06-01", "2026-06-01")), ("1900", "5/3/2022", ("1900", "2022-03-05"))],
)
def test_possible_dates_are_normalised(birth: str, gone: str, stored: tuple[str, str]) -> None:
    table = read_register(csv_bytes(((("Р-1", "Олійник Богдан", birth, "", "", "", gone) + ("",) * 5),)))
    found = check.validate_rows(table, columns.auto_mapping(table.headers), today=TODAY)
    assert not found.problems
    values = found.good_rows[0].values
    assert (values[columns.BIRTH_DATE], values[columns.DISAPPEARED_ON]) == stored


def test_look_alike_register_numbers_in_one_file_are_one_number() -> None:
    rows = (("P-100", "Олійник Богдан") + ("",) * 10, ("Р-100", "Савчук Наталія") + ("",) * 10)  # Latin P, Cyrillic Р
    table = read_register(csv_bytes(rows))
    found = check.validate_rows(table, columns.auto_mapping(table.headers), today=TODAY)
    assert [p.kind for p in found.problems] == [check.PROBLEM_DUPLICATE_IN_FILE] * 2 and not found.good_rows


def test_a_file_without_the_number_or_the_name_is_refused_whole(supervisor: AppContext) -> None:
    table = read_register(b"\xd0\x9f\xd0\x86\xd0\x91,Notes\n\xd0\x90,x\n")  # ПІБ,Notes
    with pytest.raises(ValidationError, match="register number"):
        import_register(supervisor, table)
    table = read_register("Номер заяви;Примітки\nР-1;x\n".encode())
    with pytest.raises(ValidationError, match="full name, or the columns of the surname"):
        check_register(supervisor, table)
    assert entries_in(supervisor.db) == 0


def test_the_preview_tells_what_an_import_would_do(supervisor: AppContext) -> None:
    import_register(supervisor, read_register(csv_bytes(ROWS[:2])), today=TODAY)
    changed = (ROWS[0], (*ROWS[1][:11], "нова примітка"), ROWS[2])
    preview = check_register(supervisor, read_register(csv_bytes(changed)), today=TODAY)
    assert (preview.new, preview.updated, preview.unchanged) == (1, 1, 1)
    assert versions_of(supervisor.db) == 2  # the preview wrote nothing


@pytest.mark.parametrize("role", [Role.FIELD_OFFICER, Role.CLERK])
def test_only_a_supervisor_imports_or_reads_the_register(role: Role, contexts: dict[Role, AppContext]) -> None:
    ctx = contexts[role]
    table = read_register(csv_bytes())
    with pytest.raises(PermissionDenied, match="needs: supervisor"):
        import_register(ctx, table)
    with pytest.raises(PermissionDenied):
        check_register(ctx, table)
    with pytest.raises(PermissionDenied):
        listing.list_entries(ctx)
    assert entries_in(ctx.db) == 0


def test_a_failure_half_way_writes_nothing(supervisor: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = tuple((f"Р-{i:05d}", f"Олійник Богдан {i}") + ("",) * 10 for i in range(1200))
    table = read_register(csv_bytes(rows))
    calls = []
    real = importing.insert_versions

    def failing(session, records):  # the third chunk fails after two were written
        calls.append(len(records))
        if len(calls) == 3:
            raise RuntimeError("disk gone")
        real(session, records)

    monkeypatch.setattr(importing, "insert_versions", failing)
    with pytest.raises(RuntimeError):
        import_register(supervisor, table, today=TODAY)
    assert calls == [500, 500, 200]
    assert entries_in(supervisor.db) == 0 and versions_of(supervisor.db) == 0


def test_cancelling_writes_nothing(supervisor: AppContext) -> None:
    rows = tuple((f"Р-{i:05d}", f"Олійник Богдан {i}") + ("",) * 10 for i in range(1200))
    token = CancelToken()
    seen = []

    def progress(done: int, total: int, _message: str = "") -> None:
        seen.append((done, total))
        if done >= 1000:
            token.cancel()

    with pytest.raises(Cancelled):
        import_register(supervisor, read_register(csv_bytes(rows)), today=TODAY, progress=progress, token=token)
    assert (1000, 1200) in seen
    assert entries_in(supervisor.db) == 0 and versions_of(supervisor.db) == 0


def test_an_entry_changed_meanwhile_stops_the_import(supervisor: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    import_register(supervisor, read_register(csv_bytes()), today=TODAY)
    real = importing._plan

    def plan_then_someone_saves(session, entries, token):  # noqa: ANN001, ANN202
        plan = real(session, entries, token)
        for _entry, row in plan.updates:
            row["rev"] -= 1  # as if read before another save
        return plan

    monkeypatch.setattr(importing, "_plan", plan_then_someone_saves)
    changed = tuple((*r[:11], "змінено") for r in ROWS)
    with pytest.raises(Exception, match="Someone changed the register"):
        import_register(supervisor, read_register(csv_bytes(changed)), today=TODAY)
    assert versions_of(supervisor.db) == 3 and entry(supervisor, "Р-2025/00042").notes == "Заяву подав син"
