"""Why an application is a candidate for a case: reason codes with a parameter, and their English
wording (the command line's; the window translates the codes itself)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReasonCode(StrEnum):
    NAME_SIMILAR = "name_similar"  # value: percent
    ONLY_SURNAME = "only_surname"
    SURNAME_EQUAL = "surname_equal"
    SURNAME_TRANSLITERATED = "surname_transliterated"
    SURNAME_SIMILAR = "surname_similar"  # value: percent
    SURNAME_DIFFERS = "surname_differs"
    FIRST_NAME_EQUAL = "first_name_equal"
    FIRST_NAME_TRANSLITERATED = "first_name_transliterated"
    FIRST_NAME_SIMILAR = "first_name_similar"
    FIRST_NAME_DIFFERS = "first_name_differs"
    PATRONYMIC_EQUAL = "patronymic_equal"
    PATRONYMIC_TRANSLITERATED = "patronymic_transliterated"
    PATRONYMIC_SIMILAR = "patronymic_similar"
    PATRONYMIC_DIFFERS = "patronymic_differs"
    BIRTH_DATE_EQUAL = "birth_date_equal"
    BIRTH_YEAR_EQUAL = "birth_year_equal"
    BIRTH_YEAR_NEAR = "birth_year_near"  # value: years apart (1 or 2)
    BIRTH_YEAR_DIFFERS = "birth_year_differs"  # value: years apart
    UNIT_MATCHES = "unit_matches"  # value: the entry's unit
    MARK_MENTIONED = "mark_mentioned"  # value: the distinguishing mark
    TAG_MENTIONED = "tag_mentioned"  # value: the tag
    PLACE_MATCHES = "place_matches"  # value: where the person disappeared
    SEX_DIFFERS = "sex_differs"
    DISAPPEARED_AFTER_ROUND = "disappeared_after_round"  # value: when the person disappeared


@dataclass(frozen=True)
class Reason:
    code: str  # a ReasonCode value
    value: str = ""  # the parameter the wording needs (a percentage, a number of years, a text)

    @property
    def against(self) -> bool:
        """A reason that lowers the score or excludes the entry."""
        return self.code in _AGAINST


_AGAINST = frozenset({
    ReasonCode.SURNAME_DIFFERS, ReasonCode.FIRST_NAME_DIFFERS, ReasonCode.PATRONYMIC_DIFFERS,
    ReasonCode.BIRTH_YEAR_DIFFERS, ReasonCode.SEX_DIFFERS, ReasonCode.DISAPPEARED_AFTER_ROUND,
})

# %1 is the reason's value.
ENGLISH: dict[str, str] = {
    ReasonCode.NAME_SIMILAR: "name similar (%1%)",
    ReasonCode.ONLY_SURNAME: "only the surname could be compared",
    ReasonCode.SURNAME_EQUAL: "surname equal",
    ReasonCode.SURNAME_TRANSLITERATED: "surname equal after transliteration",
    ReasonCode.SURNAME_SIMILAR: "surname similar (%1%)",
    ReasonCode.SURNAME_DIFFERS: "surname differs",
    ReasonCode.FIRST_NAME_EQUAL: "first name equal",
    ReasonCode.FIRST_NAME_TRANSLITERATED: "first name equal after transliteration",
    ReasonCode.FIRST_NAME_SIMILAR: "first name similar (%1%)",
    ReasonCode.FIRST_NAME_DIFFERS: "first name differs",
    ReasonCode.PATRONYMIC_EQUAL: "patronymic equal",
    ReasonCode.PATRONYMIC_TRANSLITERATED: "patronymic equal after transliteration",
    ReasonCode.PATRONYMIC_SIMILAR: "patronymic similar (%1%)",
    ReasonCode.PATRONYMIC_DIFFERS: "patronymic differs",
    ReasonCode.BIRTH_DATE_EQUAL: "date of birth equal",
    ReasonCode.BIRTH_YEAR_EQUAL: "year of birth equal",
    ReasonCode.BIRTH_YEAR_NEAR: "year of birth ±%1",
    ReasonCode.BIRTH_YEAR_DIFFERS: "year of birth differs by %1 years",
    ReasonCode.UNIT_MATCHES: "unit matches (%1)",
    ReasonCode.MARK_MENTIONED: "distinguishing mark mentioned in the effects (%1)",
    ReasonCode.TAG_MENTIONED: "the sender's tag %1 is mentioned in the application",
    ReasonCode.PLACE_MATCHES: "disappeared near the round's place (%1)",
    ReasonCode.SEX_DIFFERS: "sex differs",
    ReasonCode.DISAPPEARED_AFTER_ROUND: "disappeared after the round (%1)",
}


def reason_text(reason: Reason) -> str:
    """The reason in English words."""
    template = ENGLISH.get(reason.code)
    if template is None:  # a code from a newer Repat: say it rather than hide it
        return reason.code.replace("_", " ") + (f" ({reason.value})" if reason.value else "")
    return template.replace("%1", reason.value)


def reasons_text(reasons: tuple[Reason, ...] | list[Reason]) -> str:
    return "; ".join(reason_text(r) for r in reasons)
