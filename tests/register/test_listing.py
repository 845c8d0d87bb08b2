"""The register's list: Ukrainian order, keyset pages, search by name in either script or by
number, one entry in full."""

from __future__ import annotations

import pytest

from app.errors import NotFound
from app.persistence.models.register import missing_person_id
from app.services.context import AppContext
from app.services.register import listing
from app.services.register.importing import import_register, read_register
from tests.register.helpers import TODAY, csv_bytes

NAMES = ("Щербак Юрій Анатолійович", "Ґудзь Євгенія Олегівна", "Гонта Іван Петрович", "Іваненко Ігор Васильович",
         "Ільченко Марія Іванівна", "Абрамчук Олег Ігорович", "Яковенко Дмитро Сергійович", "Єрмак Петро Іванович",
         "Кравець Ганна Миколаївна", "Д'яченко Олена Олексіївна", "Дяків Семен Іванович", "Коваль Андрій Петрович")


@pytest.fixture
def registered(supervisor: AppContext) -> AppContext:
    rows = tuple((f"ЗБ-{i + 1:04d}", name) + ("",) * 10 for i, name in enumerate(NAMES))
    assert import_register(supervisor, read_register(csv_bytes(rows)), today=TODAY).new == len(NAMES)
    return supervisor


def names(ctx: AppContext, search: str = "") -> list[str]:
    return [r.full_name for r in listing.list_entries(ctx, search).rows]


def test_entries_are_in_ukrainian_alphabetical_order(registered: AppContext) -> None:
    assert names(registered) == [
        "Абрамчук Олег Ігорович", "Гонта Іван Петрович", "Ґудзь Євгенія Олегівна",
        "Дяків Семен Іванович", "Д'яченко Олена Олексіївна",  # the apostrophe is left out: дяк before дяч
        "Єрмак Петро Іванович", "Іваненко Ігор Васильович", "Ільченко Марія Іванівна",
        "Коваль Андрій Петрович", "Кравець Ганна Миколаївна", "Щербак Юрій Анатолійович",
        "Яковенко Дмитро Сергійович",
    ]


def test_pages_follow_one_another_without_gaps(registered: AppContext) -> None:
    seen: list[str] = []
    page = listing.list_entries(registered, limit=5)
    seen += [r.full_name for r in page.rows]
    while page.next_key is not None:
        page = listing.list_entries(registered, after=page.next_key, limit=5)
        seen += [r.full_name for r in page.rows]
    assert seen == names(registered) and len(seen) == len(NAMES)
    assert listing.count_entries(registered) == len(NAMES)


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("Щербак", ["Щербак Юрій Анатолійович"]),
        ("Shcherbak", ["Щербак Юрій Анатолійович"]),
        ("scherbak yu", ["Щербак Юрій Анатолійович"]),
        ("ґудзь", ["Ґудзь Євгенія Олегівна"]),
        ("Gudz", ["Ґудзь Євгенія Олегівна"]),
        ("Хонта", ["Гонта Іван Петрович"]),  # г and х fold alike: a search finds more, never less
        ("Kov", ["Коваль Андрій Петрович"]),
        ("Діаченко", ["Д'яченко Олена Олексіївна"]),
        ("ЗБ-00", list(NAMES)),  # the start of a register number
        ("ЗБ-001", ["Д'яченко Олена Олексіївна", "Дяків Семен Іванович", "Коваль Андрій Петрович"]),
        ("зб-0012", ["Коваль Андрій Петрович"]),
        ("Петро", []),  # the start of the name, not a word inside it
    ],
)
def test_search_by_name_in_either_script_or_by_number(registered: AppContext, search: str, found: list[str]) -> None:
    assert sorted(names(registered, search)) == sorted(found)
    assert listing.count_entries(registered, search) == len(found)


def test_one_entry_in_full(registered: AppContext) -> None:
    entry = listing.get_entry(registered, missing_person_id("ЗБ-0003"))
    assert (entry.register_number, entry.full_name) == ("ЗБ-0003", "Гонта Іван Петрович")
    with pytest.raises(NotFound):
        listing.get_entry(registered, missing_person_id("ЗБ-9999"))
