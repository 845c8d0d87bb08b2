"""The score and the reasons of one application for one case, on made-up names."""

from __future__ import annotations

from datetime import date

from app.services.register.candidates_reasons import Reason, ReasonCode, reason_text, reasons_text
from app.services.register.candidates_scoring import (
    CaseFacts,
    CaseText,
    EntryFacts,
    code_of,
    mark_list,
    moment,
    name_words,
    place_stems,
    score,
    sex_of,
    unit_parts,
)

ROUND_DAY = date(2026, 6, 1)


def case(name: str, birth: str = "", *, sex: str = "", text: str = "", tag: str = "UA-0001",
         place: str = "Запорізька область") -> CaseFacts:
    return CaseFacts("case", "KH01-2026-00001", tag, code_of(tag), name, birth, name_words(name), moment(birth),
                     sex_of(sex), CaseText.of(text), ROUND_DAY, place_stems(place))


def entry(name: str, birth: str = "", *, sex: str = "", unit: str = "", gone: str = "", place: str = "",
          marks: str = "", tags: frozenset[str] = frozenset()) -> EntryFacts:
    codes, phrase = unit_parts(unit)
    return EntryFacts("person", "ЗБ-1", name, birth, sex_of(sex), unit, gone, place, name_words(name), moment(birth),
                      moment(gone), codes, phrase, mark_list(marks), place_stems(place), tags)


def texts(reasons: tuple[Reason, ...]) -> list[str]:
    return [reason_text(r) for r in reasons]


def test_a_transliterated_name_a_year_apart_is_explained_in_words() -> None:
    points, reasons, excluded = score(case("Kovalenko Yurii", "1989"), entry("Коваленко Юрій Петрович", "1990"))
    assert not excluded
    assert texts(reasons) == ["surname equal after transliteration", "first name equal after transliteration",
                              "year of birth ±1"]
    assert points == 60 + 8


def test_word_order_and_the_missing_patronymic_do_not_matter() -> None:
    one = score(case("Ivan Koval"), entry("Коваль Іван Петрович"))
    other = score(case("КОВАЛЬ Іван"), entry("Коваль Іван Петрович"))
    assert one[0] == other[0] == 60
    assert texts(other[1]) == ["surname equal", "first name equal"]


def test_a_typing_error_is_a_similar_name_with_its_percentage() -> None:
    points, reasons, _ = score(case("Kovalenco Iurii Petrovych", "12.03.1990"),
                               entry("Коваленко Юрій Петрович", "1990-03-12"))
    assert texts(reasons) == [
        "name similar (94%)", "surname similar (89%)", "first name equal after transliteration",
        "patronymic equal after transliteration", "date of birth equal",
    ]
    assert points == round(60 * 0.944) + 25


def test_the_date_of_birth_counts_by_how_far_apart_the_years_are() -> None:
    def birth(claimed: str, registered: str) -> tuple[int, list[str]]:
        points, reasons, _ = score(case("Шевчук Тарас", claimed), entry("Шевчук Тарас Іванович", registered))
        return points - 60, texts(reasons)[2:]

    assert birth("14.02.1985", "1985-02-14") == (25, ["date of birth equal"])
    assert birth("1985", "1985-02-14") == (15, ["year of birth equal"])
    assert birth("1986-07-01", "1985-02-14") == (8, ["year of birth ±1"])
    assert birth("1987", "1985") == (0, ["year of birth ±2"])
    assert birth("1990", "1985") == (-15, ["year of birth differs by 5 years"])
    assert birth("", "1985") == (0, [])


def test_the_sex_differing_lowers_the_score() -> None:
    same = score(case("Kovalenko Yurii", "1989", sex="male"), entry("Коваленко Юрій Петрович", "1990", sex="male"))
    differs = score(case("Kovalenko Yurii", "1989", sex="female"),
                    entry("Коваленко Юрій Петрович", "1990", sex="male"))
    unknown = score(case("Kovalenko Yurii", "1989", sex="unknown"),
                    entry("Коваленко Юрій Петрович", "1990", sex="male"))
    assert same[0] == unknown[0] == 68
    assert differs[0] == 68 - 30
    assert texts(differs[1])[-1] == "sex differs" and differs[1][-1].against


def test_a_person_who_disappeared_after_the_round_is_excluded() -> None:
    later = score(case("Kovalenko Yurii", "1989"), entry("Коваленко Юрій Петрович", "1990", gone="2026-06-02"))
    that_day = score(case("Kovalenko Yurii", "1989"), entry("Коваленко Юрій Петрович", "1990", gone="2026-06-01"))
    next_year = score(case("Kovalenko Yurii", "1989"), entry("Коваленко Юрій Петрович", "1990", gone="2027"))
    assert later == (0, (Reason(ReasonCode.DISAPPEARED_AFTER_ROUND, "2026-06-02"),), True)
    assert texts(later[1]) == ["disappeared after the round (2026-06-02)"]
    assert next_year[2] and not that_day[2]


def test_the_unit_and_a_distinguishing_mark_found_in_the_effects() -> None:
    # the officer typed the unit with a Latin A; the register has the Cyrillic one
    text = "Жетон, в/ч A0123\nНа лівому передпліччі татуювання «Оля»"
    points, reasons, _ = score(
        case("Коваленко Юрій", text=text),
        entry("Коваленко Юрій Петрович", unit="в/ч А0123",
              marks="татуювання «Оля» на лівому передпліччі; шрам після апендектомії"),
    )
    assert texts(reasons)[2:] == ["unit matches (в/ч А0123)",
                                  "distinguishing mark mentioned in the effects (татуювання «Оля» на лівому передпліччі)"]
    assert points == 60 + 10 + 10
    other_unit = score(case("Коваленко Юрій", text="Жетон, в/ч А0124"),
                       entry("Коваленко Юрій Петрович", unit="в/ч А0123"))
    assert other_unit[0] == 60
    named_unit = score(case("Коваленко Юрій", text="шеврон 72 ОМБр"), entry("Коваленко Юрій", unit="72 ОМБр"))
    assert "unit matches (72 ОМБр)" in texts(named_unit[1])


def test_one_common_word_is_not_a_mark_mentioned() -> None:
    _points, reasons, _ = score(case("Коваленко Юрій", text="шрам на коліні"),
                                entry("Коваленко Юрій", marks="шрам після апендектомії"))
    assert not any(r.code == ReasonCode.MARK_MENTIONED for r in reasons)


def test_the_tag_in_the_application_and_the_place_of_the_round() -> None:
    found = score(case("", tag="МТ-0042", place="Донецька обл."),  # Cyrillic М and Т
                  entry("Коваленко Юрій Петрович", place="Донецька область, Бахмут", tags=frozenset({"mt0042"})))
    assert texts(found[1]) == ["the sender's tag МТ-0042 is mentioned in the application",
                               "disappeared near the round's place (Донецька область, Бахмут)"]
    assert found[0] == 20 + 5


def test_a_claimed_name_of_one_word_counts_less() -> None:
    points, reasons, _ = score(case("KOVALENKO"), entry("Коваленко Юрій Петрович"))
    assert points == 40
    assert texts(reasons) == ["surname equal after transliteration", "only the surname could be compared"]
    assert reasons_text(reasons) == "surname equal after transliteration; only the surname could be compared"


def test_the_score_is_between_0_and_100() -> None:
    best = score(case("Коваленко Юрій Петрович", "17.04.1990", tag="MT-1",
                      text="в/ч А0123; татуювання «Оля» на лівому передпліччі; шрам після апендектомії"),
                 entry("Коваленко Юрій Петрович", "1990-04-17", unit="в/ч А0123", tags=frozenset({"mt1"}),
                       marks="татуювання «Оля» на лівому передпліччі; шрам після апендектомії"))
    worst = score(case("Коваленко Юрій", "1950", sex="female"), entry("Шевчук Тарас", "2001", sex="male"))
    assert best[0] == 100 and worst[0] == 0
