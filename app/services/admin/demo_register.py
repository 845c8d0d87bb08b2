"""The demonstration's missing-persons register: relatives' applications, some of them for people
among the demonstration round's cases (spelt in Cyrillic where the manifest has Latin letters,
with a year of birth a family remembered one off), most of them for people not in the round.
Made up, like every name in the demonstration."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.persistence.models.register import missing_person_id
from app.services.admin.demo_data import FEMALE_NAMES, MALE_NAMES, PATRONYMICS, SURNAMES, _female_surname
from app.services.forensics.identity import normalize_birth_date

# the applications for people in the round, and for others
MATCHED_SHARE = 0.12
OTHER_ENTRIES = 400

PLACES = (
    "Донецька обл., м. Бахмут", "Донецька обл., м. Маріуполь", "Луганська обл., м. Сєвєродонецьк",
    "Харківська обл., м. Ізюм", "Запорізька обл., с. Роботине", "Херсонська обл., с. Кринки",
    "Донецька обл., м. Авдіївка", "Київська обл., м. Буча",
)
UNITS = ("в/ч А0224", "в/ч А1302", "в/ч А4010", "в/ч А7041", "в/ч А3719", "")
MARKS = (
    "татуювання на лівому передпліччі (якір)", "шрам на правому коліні", "обручка з гравіюванням",
    "годинник «Восток»", "хрестик на ланцюжку", "металева пластина в лівій гомілці", "",
)
RELATIVES = ("мати", "батько", "сестра", "брат", "син", "донька")
LATIN_IN_CYRILLIC = {
    "KOVALENKO Oleksandr Petrovych": "Коваленко Олександр Петрович",
    "MELNYK Andrii Vasylovych": "Мельник Андрій Васильович",
    "SHEVCHUK Taras Ivanovych": "Шевчук Тарас Іванович",
    "BONDARENKO Serhii Mykolaiovych": "Бондаренко Сергій Миколайович",
    "LYSENKO Yurii Olehovych": "Лисенко Юрій Олегович",
    "TKACHENKO Dmytro Romanovych": "Ткаченко Дмитро Романович",
}


def _remembered(birth: str, rng: random.Random) -> str:
    """The birth date as a family gives it: the same, the year alone, or a year off."""
    if not birth or rng.random() < 0.6:
        return birth
    year = int(birth[-4:])
    return str(year if rng.random() < 0.5 else year + rng.choice((-1, 1)))


def _entry(number: int, name: str, birth: str, sex: str, day: date, rng: random.Random) -> dict[str, Any]:
    register_number = f"ЗБ-{day.year - 1}-{number:06d}"
    gone = day - timedelta(days=rng.randrange(60, 3 * 365))
    relative = rng.choice(RELATIVES)
    return {
        "id": missing_person_id(register_number),
        "register_number": register_number,
        "full_name": name,
        "birth_date": normalize_birth_date(birth),
        "sex": sex,
        "citizenship": "Україна",
        "military_unit": rng.choice(UNITS) if sex == "male" else "",
        "disappeared_on": gone.isoformat(),
        "disappeared_place": rng.choice(PLACES),
        "circumstances": "Зник безвісти під час бойових дій / Missing in action",
        "distinguishing_marks": rng.choice(MARKS),
        "relatives_sampled": f"{relative} (зразок ДНК взято {gone + timedelta(days=rng.randrange(20, 50)):%d.%m.%Y})",
        "notes": "Демонстраційні дані / Demonstration data",
        "import_batch": None,
    }


def register_rows(case_rows: list[dict[str, Any]], rng: random.Random, day: date) -> list[dict[str, Any]]:
    """The register's rows: applications for some of ``case_rows`` and for people not in the round."""
    rows: list[dict[str, Any]] = []
    for case in case_rows:
        name = case["claimed_name"]
        # every Ukrainian written in Latin letters on the manifest is sought: the application
        # in Cyrillic shows the transliteration matched
        if not name or (name not in LATIN_IN_CYRILLIC and rng.random() >= MATCHED_SHARE):
            continue
        name = LATIN_IN_CYRILLIC.get(name, name)
        if not any("А" <= ch <= "я" or ch in "ІЇЄҐіїєґ" for ch in name):
            continue  # a foreign national: no Ukrainian family's application
        sex = case["apparent_sex"] if case["apparent_sex"] in ("male", "female") else ""
        rows.append(_entry(len(rows) + 1, name, _remembered(case["claimed_birth_date"], rng), sex, day, rng))
    for _ in range(OTHER_ENTRIES):
        female = rng.random() < 0.1
        surname, patronymic = rng.choice(SURNAMES), rng.choice(PATRONYMICS)
        if female:
            name = f"{_female_surname(surname)} {rng.choice(FEMALE_NAMES)} {patronymic[1]}"
        else:
            name = f"{surname} {rng.choice(MALE_NAMES)} {patronymic[0]}"
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 38 * 365))
        rows.append(_entry(len(rows) + 1, name, born.strftime("%d.%m.%Y"), "female" if female else "male", day, rng))
    return rows
