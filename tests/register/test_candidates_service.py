"""A case's ranked candidates and a round's lists, read from a real database."""

from __future__ import annotations

from app.domain import Role
from app.errors import NotFound
from app.services.context import AppContext
from app.services.register import candidates, candidates_index
from app.services.register.candidates_reasons import reason_text
from app.services.rounds import rounds
from tests.conftest import make_round
from tests.register.candidates_helpers import a_register, add_case, add_entry


def numbers(found: candidates.CaseCandidates) -> list[str]:
    return [c.register_number for c in found.candidates]


def test_kovalenko_yurii_born_1989_finds_his_application_first(officer: AppContext) -> None:
    a_register(officer)
    rnd = make_round(officer)
    case_id = add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    found = candidates.case_candidates(officer, case_id)
    assert found.claimed_name == "Kovalenko Yurii" and found.round_code == rnd.code
    first = found.candidates[0]
    assert (first.register_number, first.full_name, first.birth_date) == ("ЗБ-001", "Коваленко Юрій Петрович",
                                                                        "1990-04-17")
    assert [reason_text(r) for r in first.reasons] == [
        "surname equal after transliteration", "first name equal after transliteration", "year of birth ±1"]
    assert first.reasons_text.endswith("; year of birth ±1")
    assert numbers(found) == ["ЗБ-001", "ЗБ-002"]  # ЗБ-004 disappeared after the round; the others differ
    assert found.candidates[0].score > found.candidates[1].score
    assert (first.disappeared_on, first.disappeared_place) == ("2024-03-02", "Донецька область, Авдіївка")


def test_the_effects_add_the_unit_and_the_mark_and_a_female_case_ranks_him_lower(officer: AppContext) -> None:
    a_register(officer)
    rnd = make_round(officer)
    plain = add_case(officer, rnd.id, "UA-0001", "Коваленко Юрій", sex="male")
    described = add_case(officer, rnd.id, "UA-0002", "Коваленко Юрій", sex="male",
                         effects=("Жетон, в/ч A0123",), notes="Татуювання «Оля» на лівому передпліччі")
    female = add_case(officer, rnd.id, "UA-0003", "Коваленко Юрій", sex="female")
    scores = {cid: {c.register_number: c.score for c in candidates.case_candidates(officer, cid).candidates}
              for cid in (plain, described, female)}
    assert scores[described]["ЗБ-001"] == scores[plain]["ЗБ-001"] + 20
    assert scores[female]["ЗБ-001"] == scores[plain]["ЗБ-001"] - 30
    reasons = candidates.case_candidates(officer, described).candidates[0].reasons_text
    assert "unit matches (в/ч А0123)" in reasons
    assert "distinguishing mark mentioned in the effects (татуювання «Оля» на лівому передпліччі)" in reasons


def test_a_case_without_a_name_finds_the_application_that_names_its_tag(officer: AppContext) -> None:
    a_register(officer)
    add_entry(officer, "ЗБ-010", "Гнатюк Остап Богданович", notes="За повідомленням МКЧХ тіло передано з біркою MT-0042.")
    rnd = make_round(officer)
    case_id = add_case(officer, rnd.id, "МТ-0042")  # typed with Cyrillic М and Т
    found = candidates.case_candidates(officer, case_id)
    assert numbers(found) == ["ЗБ-010"]
    assert found.candidates[0].reasons_text == "the sender's tag МТ-0042 is mentioned in the application"
    nothing = candidates.case_candidates(officer, add_case(officer, rnd.id, "UA-0009"))
    assert nothing.candidates == []


def test_the_register_index_is_built_again_when_the_register_changes(officer: AppContext) -> None:
    a_register(officer)
    rnd = make_round(officer)
    case_id = add_case(officer, rnd.id, "UA-0001", "Shevchuk Taras", "1985")
    assert numbers(candidates.case_candidates(officer, case_id)) == ["ЗБ-005"]
    add_entry(officer, "ЗБ-011", "Шевчук Тарас Миколайович", birth_date="1985")
    found = candidates.case_candidates(officer, case_id).candidates
    assert [c.register_number for c in found] == ["ЗБ-005", "ЗБ-011"]  # the same score: by register number
    assert found[0].score == found[1].score
    with officer.unit_of_work() as session:  # an entry withdrawn from the register
        from app.persistence.models import MissingPerson
        from app.persistence.models.register import missing_person_id

        entry = session.get(MissingPerson, missing_person_id("ЗБ-011"))
        assert entry is not None
        entry.deleted = True
    assert numbers(candidates.case_candidates(officer, case_id)) == ["ЗБ-005"]
    candidates_index.forget(officer)
    assert numbers(candidates.case_candidates(officer, case_id)) == ["ЗБ-005"]


def test_the_round_lists_cases_without_candidates_and_applications_matched_twice(officer: AppContext) -> None:
    a_register(officer)
    rnd = make_round(officer)
    first = add_case(officer, rnd.id, "UA-0001", "Kovalenko Yurii", "1989")
    second = add_case(officer, rnd.id, "UA-0002", "KOVALENKO Iurii Petrovych", "17.04.1990")
    unnamed = add_case(officer, rnd.id, "UA-0003")
    shevchuk = add_case(officer, rnd.id, "UA-0004", "Shevchuk Taras", "1985")
    unknown = add_case(officer, rnd.id, "UA-0005", "Petrenko Ivan", "1991")
    found = candidates.round_candidates(officer, rnd.id, 60)
    assert found.round_code == rnd.code and found.register_size == 5 and found.threshold == 60
    assert [c.case_id for c in found.cases] == [first, second, unnamed, shevchuk, unknown]
    assert {c.case_id for c in found.without_candidates} == {unnamed, unknown}
    assert [(e.register_number, [m.case_id for m in e.cases]) for e in found.shared] == [("ЗБ-001", [second, first])]
    assert [m.score for m in found.shared[0].cases] == [85, 68]  # name and date of birth; name and year ±1
    assert found.shared[0].full_name == "Коваленко Юрій Петрович"
    assert all(len(c.candidates) <= candidates.DEFAULT_TOP for c in found.cases)
    higher = candidates.round_candidates(officer, rnd.id, 70)
    assert {c.case_id for c in higher.without_candidates} == {unnamed, unknown, first}
    assert higher.shared == []


def test_reading_needs_a_login_and_an_existing_case(contexts: dict[Role, AppContext]) -> None:
    clerk = contexts[Role.CLERK]
    rnd = make_round(contexts[Role.FIELD_OFFICER])
    case_id = add_case(contexts[Role.FIELD_OFFICER], rnd.id, "UA-0001", "Kovalenko Yurii")
    assert candidates.case_candidates(clerk, case_id).candidates == []  # an empty register
    try:
        candidates.case_candidates(clerk, "no-such-case")
    except NotFound as exc:
        assert str(exc) == "The case no longer exists."
    else:
        raise AssertionError("an unknown case was read")
    assert rounds.get_round(clerk, rnd.id).code == rnd.code


def test_typing_errors_and_spellings_still_find_the_application(officer: AppContext) -> None:
    ids = {
        "ЗБ-020": add_entry(officer, "ЗБ-020", "Щербак Богдан Іванович", birth_date="1978-05-02"),
        "ЗБ-021": add_entry(officer, "ЗБ-021", "Гончаренко Євген Миколайович", birth_date="1991"),
        "ЗБ-022": add_entry(officer, "ЗБ-022", "Ткачук Сергій Олегович", birth_date="2002-05-05"),
    }
    rnd = make_round(officer)
    written = {
        "ЗБ-020": ("SHHCHERBAK Bogdan", "1978"),  # a doubled letter inside "shch": found by comparing all surnames
        "ЗБ-021": ("Yevhen Goncharenko", ""),  # first name first, Russian-style г
        "ЗБ-022": ("Tkachku Serhii", "05.05.2002"),  # two letters swapped
    }
    for number, (name, birth) in written.items():
        case_id = add_case(officer, rnd.id, f"T-{number}", name, birth)
        found = candidates.case_candidates(officer, case_id).candidates
        assert found and found[0].person_id == ids[number], (name, [c.register_number for c in found])
