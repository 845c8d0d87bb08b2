"""Made-up data for the candidates benchmark: a register of relatives' applications and a round of
cases, some of which are planted true matches of an application, written as a sending side would
write them (Latin transliteration of several systems, typing errors, first name first, the
patronymic left out, the year of birth off by one, the unit or a mark in the effects).

Every name, number and place is invented; a fixed seed gives the same data in every run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert

from app.domain import AgeGroup, Category, Sex, normalize_tag, normalize_text
from app.persistence.models import Case, MissingPerson, PersonalEffect, Round
from app.persistence.models.register import missing_person_id
from app.persistence.search import with_search_values
from app.persistence.versioning import insert_versions, stamp_rows
from app.services.context import AppContext
from bench.dataset import FIRST_NAMES, PATRONYMICS, SURNAMES, random_name

ROUND_DATE = date(2026, 6, 1)
CHUNK = 5000

# Surnames made of common roots and endings, so that 10^5 applications have as many surnames as a
# real register (about a thousand), not the few dozen of the case benchmark's list.
_ROOTS = (
    "Коваль", "Бондар", "Ткач", "Шев", "Крав", "Олій", "Мель", "Лис", "Руд", "Мар", "Сав", "Петр", "Лев", "Гонч",
    "Пав", "Кузь", "Захар", "Роман", "Клим", "Остап", "Ярош", "Гнат", "Дяч", "Зін", "Іван", "Юр", "Яков", "Гай",
    "Голов", "Данил", "Дем", "Литвин", "Назар", "Онищ", "Пономар", "Симон", "Тимош", "Федор", "Харч", "Шапов",
    "Щерб", "Бог", "Вороб", "Гриц", "Дорош", "Кирил", "Лук", "Мирон", "Нечип", "Оліфер", "Прок", "Семен",
    "Тарас", "Устим", "Фед", "Хом", "Цап", "Чуб", "Шкур", "Яцен", "Ґудз", "Їжак", "Єрем", "Жовт",
)
_ENDINGS = ("енко", "ук", "чук", "юк", "ич", "ович", "ський", "ник", "ак", "ань", "ар", "ій", "ишин", "ів", "ець")
SURNAME_POOL = tuple(sorted({r + e for r in _ROOTS for e in _ENDINGS} | set(SURNAMES)))
FEMALE_FIRST = frozenset({"Олена", "Євгенія", "Ірина", "Наталія", "Оксана", "Марія"})
MALE_FIRST = tuple(n for n in FIRST_NAMES if n not in FEMALE_FIRST)
UNITS = tuple(f"в/ч А{n:04d}" for n in random.Random(7).sample(range(1000, 9999), 400))
PLACES = ("Донецька область, Бахмут", "Донецька область, Авдіївка", "Запорізька область, Роботине",
          "Луганська область, Сєвєродонецьк", "Харківська область, Куп'янськ", "Херсонська область, Кринки",
          "Донецька область, Мар'їнка", "Запорізька область, Оріхів")
MARKS = (
    "татуювання «{w}» на лівому передпліччі", "татуювання у вигляді тризуба на правому плечі",
    "шрам після апендектомії", "металева пластина в лівій гомілці", "відсутній мізинець правої руки",
    "золота коронка на верхньому іклі", "родима пляма на шиї", "обручка з гравіюванням «{w}»",
)
MARK_WORDS = ("Оля", "Назавжди", "Мама", "Слава", "Київ", "Ліза", "Вірність")

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z", "и": "y",
    "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "",
}
_FIRST_LETTER = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# the Russian-style spelling a sending side often uses: г as g, и as i, е as e, й as y
_RUSSIAN = {"г": "g", "и": "i", "й": "y", "є": "ye", "ї": "yi", "ю": "yu", "я": "ya", "х": "kh"}


def latin(name: str, rng: random.Random) -> str:
    """``name`` in Latin letters: the national system of 2010 or a Russian-style spelling."""
    russian = rng.random() < 0.35
    upper = rng.random() < 0.3  # KOVALENKO Yurii
    words = []
    for n, word in enumerate(name.split()):
        out = []
        for k, ch in enumerate(word.lower()):
            if russian and ch in _RUSSIAN:
                out.append(_RUSSIAN[ch])
            elif k == 0 and ch in _FIRST_LETTER:
                out.append(_FIRST_LETTER[ch])
            else:
                out.append(_LATIN.get(ch, ch))
        text = "".join(out)
        words.append(text.upper() if n == 0 and upper else text.capitalize())
    return " ".join(words)


def typo(word: str, rng: random.Random) -> str:
    """One typing error: a letter changed, dropped, doubled, or two swapped."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice("aeiouknrst") + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def _person_name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.3:
        name = random_name(rng)  # the case benchmark's names: many people share them
        return name, "female" if name.split()[1] in FEMALE_FIRST else "male"
    if rng.random() < 0.06:
        first = rng.choice(sorted(FEMALE_FIRST))
        patronymic = rng.choice(PATRONYMICS).removesuffix("ович").removesuffix("йович") + "івна"
        return f"{rng.choice(SURNAME_POOL)} {first} {patronymic}", "female"
    return f"{rng.choice(SURNAME_POOL)} {rng.choice(MALE_FIRST)} {rng.choice(PATRONYMICS)}", "male"


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def register_rows(n: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for k in range(n):
        number = f"ЗБ-{2022 + k % 5}-{k + 1:06d}"
        name, sex = _person_name(rng)
        born = _day(rng, date(1960, 1, 1), date(2005, 12, 31))
        r = rng.random()
        birth = born.isoformat() if r < 0.7 else str(born.year) if r < 0.9 else ""
        gone = _day(rng, date(2022, 2, 24), date(2026, 5, 25)) if rng.random() < 0.98 else _day(
            rng, ROUND_DATE + timedelta(days=1), ROUND_DATE + timedelta(days=60))
        marks = "; ".join(m.replace("{w}", rng.choice(MARK_WORDS)) for m in rng.sample(MARKS, rng.choice((0, 0, 1, 2))))
        rows.append({
            "id": missing_person_id(number), "register_number": number, "full_name": name, "birth_date": birth,
            "sex": sex, "citizenship": "Україна", "military_unit": rng.choice(UNITS) if rng.random() < 0.8 else "",
            "disappeared_on": gone.isoformat(), "disappeared_place": rng.choice(PLACES),
            "circumstances": "Зник безвісти під час виконання бойового завдання.", "distinguishing_marks": marks,
            "relatives_sampled": "мати" if rng.random() < 0.7 else "батько, сестра",
            "notes": "Заява від родини.", "import_batch": None,
        })
    return rows


@dataclass
class Planted:
    case_id: str
    person_id: str


@dataclass
class RoundData:
    round_id: str
    cases: int
    planted: list[Planted] = field(default_factory=list)


def _claimed(entry: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    """How a sending side would write the person of ``entry``: its name and date of birth."""
    words = latin(entry["full_name"], rng).split()
    if rng.random() < 0.5:
        words = words[:2]  # no patronymic
    if rng.random() < 0.3:
        k = rng.randrange(min(2, len(words)))
        words[k] = typo(words[k], rng)
    if rng.random() < 0.4:
        words[0], words[1] = words[1], words[0]  # first name first
    birth = entry["birth_date"]
    r = rng.random()
    if birth and r < 0.4 and len(birth) == 10:
        y, m, d = birth.split("-")
        birth = f"{d}.{m}.{y}"
    elif birth and r < 0.6:
        birth = birth[:4]
    elif birth and r < 0.8:
        birth = str(int(birth[:4]) + rng.choice((-1, 1)))
    elif r >= 0.8:
        birth = ""
    return " ".join(words), birth


def round_rows(
    round_id: str, register: list[dict[str, Any]], n: int, rng: random.Random, received_by: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Planted]]:
    """``n`` cases: a third planted true matches, one in nine without a name, the rest others."""
    before = [e for e in register if e["disappeared_on"] <= ROUND_DATE.isoformat()]
    chosen = rng.sample(before, n // 3)
    start = datetime(ROUND_DATE.year, ROUND_DATE.month, ROUND_DATE.day, 7, 0)
    cases, effects, planted = [], [], []
    for i in range(n):
        case_id = f"{round_id[:24]}{i:012x}"
        tag = f"UA-{i + 1:04d}"
        text = []
        sex = Sex.MALE.value if rng.random() < 0.6 else Sex.UNKNOWN.value
        if i < len(chosen):
            entry = chosen[i]
            name, birth = _claimed(entry, rng)
            sex = Sex.FEMALE.value if entry["sex"] == "female" and sex == Sex.MALE.value else sex
            if entry["military_unit"] and rng.random() < 0.3:
                text.append(f"Жетон, {entry['military_unit']}")
            if entry["distinguishing_marks"] and rng.random() < 0.3:
                text.append(entry["distinguishing_marks"].split("; ")[0].capitalize())
            planted.append(Planted(case_id, entry["id"]))
        elif i % 9 == 0:
            name, birth = "", ""
            text.append(f"Жетон, {rng.choice(UNITS)}")
        else:
            other, _sex = _person_name(rng)
            name = latin(other, rng) if rng.random() < 0.7 else other
            birth = str(rng.randrange(1960, 2006)) if rng.random() < 0.5 else ""
        cases.append({
            "id": case_id, "case_number": f"KH02-2026-{i + 1:05d}", "round_id": round_id, "transport_unit_id": None,
            "manifest_line_id": None, "parent_case_id": None, "sender_tag": tag, "sender_tag_norm": normalize_tag(tag),
            "off_manifest": False, "bag_number": str(i + 1), "category": Category.COMPLETE.value,
            "condition_flags": "", "apparent_sex": sex, "age_group": AgeGroup.ADULT.value,
            "storage_location": f"Холодильник {i % 12 + 1}", "status": "received", "claimed_name": name,
            "claimed_name_norm": normalize_text(name), "claimed_birth_date": birth, "claimed_citizenship": "UA",
            "claimed_source": "manifest" if name else "", "established_name": "", "established_name_norm": "",
            "established_birth_date": "", "identification_method": "", "identified_by": "", "identified_on": None,
            "notes": "", "received_at": start + timedelta(seconds=25 * i), "received_by": received_by,
        })
        for k, description in enumerate(["Годинник", *text]):
            effects.append({"case_id": case_id, "position": k, "category": "other", "description": description,
                            "quantity": 1, "container_seal": "", "attachment_id": None})
    return cases, effects, planted


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def insert_rows(ctx: AppContext, table: Table, rows: list[dict[str, Any]]) -> None:
    """Synced rows with their first versions, as the application's bulk paths write them."""
    with ctx.unit_of_work() as session:
        for chunk in _chunks(rows):
            versions = stamp_rows(table.name, chunk, ctx.actor)
            session.execute(insert(table), with_search_values(table.name, chunk))
            insert_versions(session, versions)


def build(ctx: AppContext, entries: int, cases: int, *, seed: int = 20260601) -> RoundData:
    rng = random.Random(seed)
    assert ctx.user is not None
    register = register_rows(entries, rng)
    insert_rows(ctx, MissingPerson.__table__, register)  # type: ignore[arg-type]
    round_row = {"code": "2026-06-01-ZAP", "round_date": ROUND_DATE, "place": "Запорізька область",
                 "sending_party": "Сторона А", "receiving_party": "Міністерство", "intermediary": "МКЧХ",
                 "agreement_ref": "AG-1", "declared_total": cases, "notes": ""}
    insert_rows(ctx, Round.__table__, [round_row])  # type: ignore[arg-type]
    case_rows, effect_rows, planted = round_rows(round_row["id"], register, cases, rng, ctx.user.id)
    insert_rows(ctx, Case.__table__, case_rows)  # type: ignore[arg-type]
    insert_rows(ctx, PersonalEffect.__table__, effect_rows)  # type: ignore[arg-type]
    return RoundData(round_row["id"], len(case_rows), planted)
