"""The fields of a register entry and which column of the file holds each.

The register is exported from the families' applications by whoever keeps it, so its headers
come in English, Ukrainian or Russian (``HEADER_ALIASES``, compared after
``manifest_columns.header_key``). The name is one column (ПІБ), or three: surname, given name and
patronymic, joined "Surname Given Patronymic" (``NAME_PARTS``).
"""

from __future__ import annotations

from app.errors import ValidationError
from app.services.rounds.manifest_columns import ColumnMapping as ColumnMapping
from app.services.rounds.manifest_columns import ColumnNames

REGISTER_NUMBER = "register_number"
FULL_NAME = "full_name"
SURNAME = "surname"
GIVEN_NAME = "given_name"
PATRONYMIC = "patronymic"
BIRTH_DATE = "birth_date"
SEX = "sex"
CITIZENSHIP = "citizenship"
MILITARY_UNIT = "military_unit"
DISAPPEARED_ON = "disappeared_on"
DISAPPEARED_PLACE = "disappeared_place"
CIRCUMSTANCES = "circumstances"
DISTINGUISHING_MARKS = "distinguishing_marks"
RELATIVES_SAMPLED = "relatives_sampled"
NOTES = "notes"

TARGET_FIELDS: tuple[str, ...] = (
    REGISTER_NUMBER, FULL_NAME, SURNAME, GIVEN_NAME, PATRONYMIC, BIRTH_DATE, SEX, CITIZENSHIP, MILITARY_UNIT,
    DISAPPEARED_ON, DISAPPEARED_PLACE, CIRCUMSTANCES, DISTINGUISHING_MARKS, RELATIVES_SAMPLED, NOTES,
)
NAME_PARTS: tuple[str, ...] = (SURNAME, GIVEN_NAME, PATRONYMIC)
# The columns of missing_persons each field is stored in (the name parts make full_name).
STORED_FIELDS: tuple[str, ...] = tuple(f for f in TARGET_FIELDS if f not in NAME_PARTS)
# Texts that may hold several lines; the others are one line, their spaces collapsed.
MULTILINE_FIELDS = frozenset({CIRCUMSTANCES, DISTINGUISHING_MARKS, RELATIVES_SAMPLED, NOTES})

# Longest value each field may hold (the columns of missing_persons); long texts are unlimited.
MAX_LENGTHS: dict[str, int] = {
    REGISTER_NUMBER: 64,
    FULL_NAME: 400,
    CITIZENSHIP: 100,
    MILITARY_UNIT: 200,
    DISAPPEARED_PLACE: 300,
}

FIELD_NAMES: dict[str, str] = {
    REGISTER_NUMBER: "register number",
    FULL_NAME: "full name",
    SURNAME: "surname",
    GIVEN_NAME: "given name",
    PATRONYMIC: "patronymic",
    BIRTH_DATE: "date of birth",
    SEX: "sex",
    CITIZENSHIP: "citizenship",
    MILITARY_UNIT: "military unit",
    DISAPPEARED_ON: "date of disappearance",
    DISAPPEARED_PLACE: "place of disappearance",
    CIRCUMSTANCES: "circumstances",
    DISTINGUISHING_MARKS: "distinguishing marks",
    RELATIVES_SAMPLED: "relatives sampled",
    NOTES: "notes",
}

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    REGISTER_NUMBER: (
        "register number", "register no", "registration number", "application number", "application no",
        "number", "no", "№", "№ заяви", "номер заяви", "реєстраційний номер", "номер в реєстрі", "номер у реєстрі",
        "номер", "рег номер", "регистрационный номер", "номер заявления", "номер в реестре",
    ),
    FULL_NAME: (
        "full name", "name", "missing person", "піб", "прізвище ім'я по батькові", "прізвище ім'я та по батькові",
        "прізвище та ім'я", "особа", "зниклий", "зникла особа", "фио", "фамилия имя отчество",
    ),
    SURNAME: ("surname", "last name", "family name", "прізвище", "фамилия"),
    GIVEN_NAME: ("given name", "first name", "forename", "ім'я", "имя"),
    PATRONYMIC: ("patronymic", "middle name", "father's name", "по батькові", "отчество"),
    BIRTH_DATE: (
        "date of birth", "birth date", "birth_date", "born", "dob", "year of birth", "дата народження",
        "дата нар", "рік народження", "д н", "дата рождения", "год рождения",
    ),
    SEX: ("sex", "gender", "стать", "пол"),
    CITIZENSHIP: ("citizenship", "nationality", "громадянство", "гражданство"),
    MILITARY_UNIT: (
        "military unit", "unit", "військова частина", "в ч", "підрозділ", "військовий підрозділ",
        "воинская часть", "войсковая часть", "подразделение",
    ),
    DISAPPEARED_ON: (
        "date of disappearance", "disappeared on", "disappearance date", "date missing", "missing since",
        "дата зникнення", "дата зникнення безвісти", "дата зникнення безвісті", "коли зник", "зник",
        "дата исчезновения", "дата пропажи",
    ),
    DISAPPEARED_PLACE: (
        "place of disappearance", "disappeared at", "place missing", "last seen", "місце зникнення",
        "де зник", "место исчезновения", "место пропажи",
    ),
    CIRCUMSTANCES: (
        "circumstances", "circumstances of disappearance", "обставини", "обставини зникнення", "обстоятельства",
        "обстоятельства исчезновения",
    ),
    DISTINGUISHING_MARKS: (
        "distinguishing marks", "distinctive marks", "special marks", "marks", "особливі прикмети", "прикмети",
        "особливі ознаки", "особые приметы", "приметы",
    ),
    RELATIVES_SAMPLED: (
        "relatives sampled", "relatives who gave dna", "dna reference samples", "reference samples",
        "dna samples", "relatives dna", "родичі які здали днк", "родичі що здали днк", "зразки днк родичів",
        "днк родичів", "родичі днк", "родственники сдавшие днк", "образцы днк родственников",
    ),
    NOTES: (
        "notes", "note", "remarks", "comment", "comments", "примітки", "примітка", "коментар", "коментарі",
        "примечание", "примечания",
    ),
}

_NAMES = ColumnNames(TARGET_FIELDS, HEADER_ALIASES)
auto_mapping = _NAMES.auto_mapping
mapping_from_headers = _NAMES.mapping_from_headers


def require_mapping(mapping: ColumnMapping, width: int) -> None:
    """Refuse a mapping without the register number or any name column, or one naming a column
    the file does not have."""
    for target, col in mapping.items():
        if target not in TARGET_FIELDS:
            raise ValidationError(f"Unknown field {target}.", {"mapping": "field"})
        if col is not None and not 0 <= col < width:
            raise ValidationError(f"The file has no column {col + 1}.", {"mapping": target})
    if mapping.get(REGISTER_NUMBER) is None:
        raise ValidationError("Choose the column that holds the register number.", {"mapping": REGISTER_NUMBER})
    if all(mapping.get(f) is None for f in (FULL_NAME, *NAME_PARTS)):
        raise ValidationError(
            "Choose the column that holds the full name, or the columns of the surname and the given name.",
            {"mapping": FULL_NAME},
        )
