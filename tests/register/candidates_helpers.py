"""Made-up register entries and cases for the candidates tests (no real person)."""

from __future__ import annotations

from typing import Any

from app.persistence.models import MissingPerson
from app.persistence.models.register import missing_person_id
from app.services.cases import intake
from app.services.context import AppContext


def add_entry(ctx: AppContext, number: str, full_name: str, **fields: Any) -> str:
    """A register entry written through the ORM, as an import writes one; its id."""
    with ctx.unit_of_work() as session:
        session.add(MissingPerson(id=missing_person_id(number), register_number=number, full_name=full_name,
                                  **fields))
    return missing_person_id(number)


def add_case(ctx: AppContext, round_id: str, tag: str, name: str = "", birth: str = "", *, sex: str = "unknown",
             effects: tuple[str, ...] = (), notes: str = "") -> str:
    """A received case with this claimed identity and these effects; its id."""
    return intake.record_intake(ctx, intake.IntakeData(
        round_id=round_id, sender_tag=tag, claimed_name=name, claimed_birth_date=birth, apparent_sex=sex, notes=notes,
        effects=[intake.EffectData(e) for e in effects],
    )).case_id


def a_register(ctx: AppContext) -> dict[str, str]:
    """A small register: register number -> id. Коваленко Юрій Петрович (ЗБ-001) is the one the
    tests' "Kovalenko Yurii, b. 1989" is; the others are near him in some way."""
    return {
        "ЗБ-001": add_entry(ctx, "ЗБ-001", "Коваленко Юрій Петрович", birth_date="1990-04-17", sex="male",
                            military_unit="в/ч А0123", disappeared_on="2024-03-02",
                            disappeared_place="Донецька область, Авдіївка",
                            distinguishing_marks="татуювання «Оля» на лівому передпліччі; шрам після апендектомії"),
        "ЗБ-002": add_entry(ctx, "ЗБ-002", "Коваленко Юрій Іванович", birth_date="1975", sex="male",
                            disappeared_on="2023-08-11"),
        "ЗБ-003": add_entry(ctx, "ЗБ-003", "Коваленко Юлія Петрівна", birth_date="1989-01-05", sex="female",
                            disappeared_on="2024-01-20"),
        "ЗБ-004": add_entry(ctx, "ЗБ-004", "Коваленко Юрій Олегович", birth_date="1989-11-30", sex="male",
                            disappeared_on="2026-07-15"),  # after the round of 2026-06-01
        "ЗБ-005": add_entry(ctx, "ЗБ-005", "Шевчук Тарас Іванович", birth_date="1985-02-14", sex="male",
                            disappeared_on="2022-05-09"),
    }
