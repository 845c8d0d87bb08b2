"""Names in any script and transliteration fold alike; Ukrainian alphabetical order."""

from __future__ import annotations

import pytest

from app.names import forms_version, given_name_fold, name_fold, prefix_folds, sort_key, sorted_names

SAME_NAME = [
    ["Коваленко", "Kovalenko", "Kovalienko", "KOVALENKO"],
    ["Юрій", "Yurii", "Yuriy", "Iurii", "Jurij", "Юрий"],
    ["Коваль", "Koval", "Koval'", "Kowal", "Коваль "],
    ["Гончаренко", "Honcharenko", "Goncharenko"],
    ["Євген", "Yevhen", "Ievgen", "Evhen"],
    ["Шевченко", "Shevchenko", "Schewtschenko", "Szewczenko"],
    ["Щербак", "Shcherbak", "Scherbak"],
    ["Д'яченко", "Д’яченко", "Dyachenko", "Diachenko", "Дьяченко"],
    ["Марія", "Mariia", "Maria", "Mariya"],
    ["Їжакевич", "Yizhakevych", "Izhakevich"],
    ["Ганна", "Hanna", "Ganna"],
    ["Харченко", "Kharchenko", "Harchenko"],
    ["Ціпко", "Tsipko", "Cipko"],
    ["Ґудзь", "Gudz", "Hudz"],
    ["Тарас Шевченко", "Taras  Shevchenko", "TARAS-SHEVCHENKO"],
]


@pytest.mark.parametrize("spellings", SAME_NAME, ids=[s[0] for s in SAME_NAME])
def test_every_spelling_of_a_name_folds_alike(spellings: list[str]) -> None:
    assert len({name_fold(s) for s in spellings}) == 1, [(s, name_fold(s)) for s in spellings]


def test_different_names_stay_apart() -> None:
    names = ["Коваленко", "Коваль", "Ковальчук", "Шевченко", "Бондар", "Іваненко", "Марченко", "Мельник"]
    assert len({name_fold(n) for n in names}) == len(names)
    assert name_fold("") == name_fold(None) == ""


def test_a_prefix_cut_inside_a_spelling_still_finds_the_name() -> None:
    for typed, full in [("Kovali", "Kovalienko"), ("Zh", "Жук"), ("Shc", "Щербак"), ("Yu", "Юрій"),
                        ("Ков", "Kovalenko"), ("Kh", "Харченко"), ("Ts", "Ціпко")]:
        assert any(name_fold(full).startswith(f) for f in prefix_folds(typed)), (typed, prefix_folds(typed))
    assert prefix_folds("") == []
    assert prefix_folds("Бондар") == [name_fold("Бондар")]


def test_names_sort_in_ukrainian_alphabetical_order() -> None:
    expected = ["Андрієнко", "Бондар", "Гонта", "Ґудзь", "Дяченко", "Ефименко", "Євтушенко", "Жук",
                "Зінченко", "Иванишин", "Іваненко", "Ігнатенко", "Їжакевич", "Йосипенко", "Коваль", "Шевченко",
                "Щербак", "Юрченко", "Яковенко", "Adams"]
    assert sorted_names(list(reversed(expected))) == expected
    # code-point order, what a plain sort gives, puts Ґ Є І Ї after Я
    assert sorted(expected) != expected
    assert sort_key("бондар") < sort_key("Бондар") < sort_key("Бондаренко")
    assert sort_key("") == b""
    assert sort_key("Д'яченко") == sort_key("Дяченко")  # an apostrophe does not move a name


def test_the_forms_version_names_the_rules_and_icu() -> None:
    version = forms_version()
    assert version.startswith("fold ") and "ICU " in version


def test_the_given_name_form_starts_at_the_second_word() -> None:
    assert given_name_fold("Коваль Іван Петрович") == name_fold("Іван Петрович Коваль")
    assert given_name_fold("Ivan Koval").startswith(name_fold("Коваль"))
    assert given_name_fold("Коваль") == given_name_fold("") == ""
