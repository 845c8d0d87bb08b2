"""The made-up content of the demonstration round: Ukrainian names (and the transliterated or
foreign ones the sending side sometimes lists), manifest notes, personal effects, the transport
units with their seals, and the random choices that make a person or pick by weight.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from app.domain import EffectCategory, Sex

# --- names ---------------------------------------------------------------------------------------

SURNAMES = (
    "Коваленко", "Бондаренко", "Ткаченко", "Шевченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
    "Коваль", "Бойко", "Мельник", "Лисенко", "Руденко", "Марченко", "Савченко", "Петренко",
    "Мороз", "Павленко", "Левченко", "Харченко", "Гончаренко", "Кузьменко", "Тимошенко", "Бондар",
    "Ковальчук", "Кравчук", "Мельничук", "Романюк", "Гнатюк", "Яковенко", "Литвиненко", "Приходько",
    "Сидоренко", "Мазур", "Клименко", "Зінченко", "Гуменюк", "Панченко", "Остапчук", "Дмитренко",
    "Ковальський", "Вишневський", "Білий", "Чорний", "Лозовий", "Забродський", "Гордієнко", "Заєць",
    "Карпенко", "Осадчий", "Даниленко", "Василенко", "Головко", "Жук", "Онищенко", "Пономаренко",
    "Степаненко", "Тарасенко", "Юрченко", "Гриценко", "Назаренко", "Костенко", "Андрієнко", "Кушнір",
    "Федоренко", "Демченко", "Біленко", "Степанюк", "Семенюк", "Лук'яненко", "Ігнатенко", "Ярошенко",
)
MALE_NAMES = (
    "Олександр", "Андрій", "Сергій", "Володимир", "Дмитро", "Іван", "Микола", "Максим", "Юрій",
    "Віталій", "Олег", "Богдан", "Роман", "Тарас", "Василь", "Михайло", "Петро", "Ярослав",
    "Євген", "Артем", "Владислав", "Степан", "Григорій", "Ігор", "Віктор", "Руслан",
    "Анатолій", "Денис", "Назар", "Костянтин", "Остап", "Павло", "Валерій", "Святослав", "Ілля",
)
FEMALE_NAMES = (
    "Олена", "Наталія", "Ірина", "Оксана", "Тетяна", "Юлія", "Марія", "Анна", "Світлана", "Катерина",
    "Людмила", "Вікторія", "Ганна", "Христина", "Дарина",
)
PATRONYMICS = (
    ("Олександрович", "Олександрівна"), ("Петрович", "Петрівна"), ("Іванович", "Іванівна"),
    ("Миколайович", "Миколаївна"), ("Сергійович", "Сергіївна"), ("Володимирович", "Володимирівна"),
    ("Андрійович", "Андріївна"), ("Васильович", "Василівна"), ("Юрійович", "Юріївна"),
    ("Дмитрович", "Дмитрівна"), ("Віталійович", "Віталіївна"), ("Олегович", "Олегівна"),
    ("Богданович", "Богданівна"), ("Романович", "Романівна"), ("Михайлович", "Михайлівна"),
    ("Степанович", "Степанівна"), ("Григорович", "Григорівна"), ("Анатолійович", "Анатоліївна"),
    ("Вікторович", "Вікторівна"), ("Ігорович", "Ігорівна"), ("Ярославович", "Ярославівна"),
)
# Names as the sending side sometimes writes them: transliterated, or of foreign volunteers.
LATIN_NAMES = (
    ("KOVALENKO Oleksandr Petrovych", "Україна"), ("MELNYK Andrii Vasylovych", "Україна"),
    ("SHEVCHUK Taras Ivanovych", "Україна"), ("BONDARENKO Serhii Mykolaiovych", "Україна"),
    ("LYSENKO Yurii Olehovych", "Україна"), ("TKACHENKO Dmytro Romanovych", "Україна"),
    ("NOWAK Piotr", "Польща"), ("KOWALSKI Tomasz", "Польща"), ("BERIDZE Giorgi", "Грузія"),
    ("KAPANADZE Levan", "Грузія"), ("SMITH John Michael", "США"), ("JOHNSON Daniel", "Велика Британія"),
    ("MÜLLER Stefan", "Німеччина"), ("NIELSEN Mads", "Данія"), ("ANDERSSON Erik", "Швеція"),
)
MANIFEST_NOTES = (
    "Документи при тілі", "Без документів", "Жетон при тілі", "Знайдено в районі населеного пункту",
    "Ідентифіковано за документами", "Повторне пакування", "",
)

EFFECTS: tuple[tuple[EffectCategory, str], ...] = (
    (EffectCategory.DOCUMENT, "Паспорт громадянина України"),
    (EffectCategory.DOCUMENT, "Військовий квиток"),
    (EffectCategory.DOCUMENT, "Посвідчення водія"),
    (EffectCategory.IDENTITY_TAG, "Жетон з номером"),
    (EffectCategory.PHONE, "Мобільний телефон, пошкоджений"),
    (EffectCategory.PHONE, "Смартфон у чохлі"),
    (EffectCategory.JEWELLERY, "Обручка, жовтий метал"),
    (EffectCategory.JEWELLERY, "Натільний хрестик на ланцюжку"),
    (EffectCategory.JEWELLERY, "Годинник наручний"),
    (EffectCategory.CLOTHING, "Куртка камуфляжна"),
    (EffectCategory.CLOTHING, "Берці, пара"),
    (EffectCategory.MONEY, "Гроші, 200 грн"),
    (EffectCategory.MONEY, "Банківська картка"),
    (EffectCategory.PHOTO, "Фотографія родини"),
    (EffectCategory.OTHER, "Шеврон з нашивкою підрозділу"),
    (EffectCategory.OTHER, "Записник"),
    (EffectCategory.OTHER, "Ключі на брелоку"),
)

UNITS = (
    ("АА 4471 ХТ", "Рефрижератор 1 / Refrigerated trailer 1", ("МКЧХ-004812", "МКЧХ-004813"), True),
    ("АА 4472 ХТ", "Рефрижератор 2 / Refrigerated trailer 2", ("МКЧХ-004814", "МКЧХ-004815"), True),
    ("ВН 0915 ЕК", "Рефрижератор 3 / Refrigerated trailer 3", ("МКЧХ-004816",), False),
    ("ВН 0916 ЕК", "Рефрижератор 4 / Refrigerated trailer 4", ("МКЧХ-004817", "МКЧХ-004818"), True),
    ("КА 2203 ІМ", "Рефрижератор 5 / Refrigerated trailer 5", ("МКЧХ-004819",), False),
    ("КА 2204 ІМ", "Рефрижератор 6 / Refrigerated trailer 6", ("МКЧХ-004820", "МКЧХ-004821"), True),
)


def _female_surname(surname: str) -> str:
    for male, female in (("ський", "ська"), ("цький", "цька"), ("ий", "а")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


def random_person(rng: random.Random) -> tuple[str, str, str, Sex]:
    """(name, birth date, citizenship, sex) as the sending side lists them."""
    roll = rng.random()
    birth = ""
    b = rng.random()
    if b < 0.85:
        born = date(1962, 1, 1) + timedelta(days=rng.randrange(0, 42 * 365))
        birth = born.strftime("%d.%m.%Y")
    elif b < 0.92:
        birth = str(rng.randrange(1965, 2005))
    if roll < 0.07:
        return "", birth if rng.random() < 0.3 else "", "", Sex.UNKNOWN
    if roll < 0.10:
        name, citizenship = rng.choice(LATIN_NAMES)
        return name, birth, citizenship, Sex.MALE
    surname = rng.choice(SURNAMES)
    patronymic = rng.choice(PATRONYMICS)
    if rng.random() < 0.06:
        return (
            f"{_female_surname(surname)} {rng.choice(FEMALE_NAMES)} {patronymic[1]}",
            birth, "Україна", Sex.FEMALE,
        )
    return f"{surname} {rng.choice(MALE_NAMES)} {patronymic[0]}", birth, "Україна", Sex.MALE


def weighted_choice(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    values = [c for c, _ in choices]
    weights = [w for _, w in choices]
    return rng.choices(values, weights)[0]
