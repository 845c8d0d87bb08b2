"""Translatable display names for the domain's stored codes (see app.domain)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain import (
    AgeGroup,
    CaseStatus,
    Category,
    ConditionFlag,
    CustodyEventType,
    EffectCategory,
    Role,
    Sex,
)

_CTX = "Labels"

# QT_TRANSLATE_NOOP marks the strings for pyside6-lupdate; translate() looks them up at run time.
_LABELS = {
    Role.FIELD_OFFICER: QT_TRANSLATE_NOOP("Labels", "Field officer"),
    Role.CLERK: QT_TRANSLATE_NOOP("Labels", "Clerk"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
}
_CATEGORY = {
    Category.COMPLETE: QT_TRANSLATE_NOOP("Labels", "Complete body"),
    Category.PARTIAL: QT_TRANSLATE_NOOP("Labels", "Partial remains"),
    Category.FRAGMENTS: QT_TRANSLATE_NOOP("Labels", "Fragments"),
    Category.COMMINGLED: QT_TRANSLATE_NOOP("Labels", "Commingled remains"),
}
_CONDITION = {
    ConditionFlag.DECOMPOSED: QT_TRANSLATE_NOOP("Labels", "Decomposed"),
    ConditionFlag.SKELETONISED: QT_TRANSLATE_NOOP("Labels", "Skeletonised"),
    ConditionFlag.BURNT: QT_TRANSLATE_NOOP("Labels", "Burnt"),
    ConditionFlag.MUMMIFIED: QT_TRANSLATE_NOOP("Labels", "Mummified"),
    ConditionFlag.BAG_DAMAGED: QT_TRANSLATE_NOOP("Labels", "Bag damaged"),
    ConditionFlag.NO_TAG: QT_TRANSLATE_NOOP("Labels", "No tag"),
    ConditionFlag.TAG_ILLEGIBLE: QT_TRANSLATE_NOOP("Labels", "Tag illegible"),
    ConditionFlag.DOCUMENTS_FOUND: QT_TRANSLATE_NOOP("Labels", "Documents found"),
}
_SEX = {
    Sex.UNKNOWN: QT_TRANSLATE_NOOP("Labels", "Not assessed"),
    Sex.MALE: QT_TRANSLATE_NOOP("Labels", "Male"),
    Sex.FEMALE: QT_TRANSLATE_NOOP("Labels", "Female"),
    Sex.UNDETERMINED: QT_TRANSLATE_NOOP("Labels", "Undetermined"),
}
_AGE = {
    AgeGroup.UNKNOWN: QT_TRANSLATE_NOOP("Labels", "Not assessed"),
    AgeGroup.CHILD: QT_TRANSLATE_NOOP("Labels", "Child"),
    AgeGroup.ADOLESCENT: QT_TRANSLATE_NOOP("Labels", "Adolescent"),
    AgeGroup.YOUNG_ADULT: QT_TRANSLATE_NOOP("Labels", "Young adult"),
    AgeGroup.ADULT: QT_TRANSLATE_NOOP("Labels", "Adult"),
    AgeGroup.OLDER_ADULT: QT_TRANSLATE_NOOP("Labels", "Older adult"),
}
_STATUS = {
    CaseStatus.RECEIVED: QT_TRANSLATE_NOOP("Labels", "Received"),
    CaseStatus.STORED: QT_TRANSLATE_NOOP("Labels", "Stored"),
    CaseStatus.EXAMINED: QT_TRANSLATE_NOOP("Labels", "Examined"),
    CaseStatus.IDENTIFIED: QT_TRANSLATE_NOOP("Labels", "Identified"),
    CaseStatus.RELEASED: QT_TRANSLATE_NOOP("Labels", "Released"),
    CaseStatus.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
}
_EVENT = {
    CustodyEventType.RECEIVED: QT_TRANSLATE_NOOP("Labels", "Received"),
    CustodyEventType.CERTIFIED: QT_TRANSLATE_NOOP("Labels", "Certified"),
    CustodyEventType.STORED: QT_TRANSLATE_NOOP("Labels", "Stored"),
    CustodyEventType.TRANSFERRED: QT_TRANSLATE_NOOP("Labels", "Transferred"),
    CustodyEventType.EXAMINED: QT_TRANSLATE_NOOP("Labels", "Examined"),
    CustodyEventType.RELEASED: QT_TRANSLATE_NOOP("Labels", "Released"),
    CustodyEventType.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
}
_EFFECT = {
    EffectCategory.DOCUMENT: QT_TRANSLATE_NOOP("Labels", "Document"),
    EffectCategory.IDENTITY_TAG: QT_TRANSLATE_NOOP("Labels", "Identity tag"),
    EffectCategory.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
    EffectCategory.JEWELLERY: QT_TRANSLATE_NOOP("Labels", "Jewellery"),
    EffectCategory.CLOTHING: QT_TRANSLATE_NOOP("Labels", "Clothing"),
    EffectCategory.MONEY: QT_TRANSLATE_NOOP("Labels", "Money"),
    EffectCategory.PHOTO: QT_TRANSLATE_NOOP("Labels", "Photograph"),
    EffectCategory.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CTX, source)


def role(value: str) -> str:
    return _tr(_LABELS.get(value, value))  # type: ignore[call-overload]


def category(value: str) -> str:
    return _tr(_CATEGORY.get(value, value))  # type: ignore[call-overload]


def condition(value: str) -> str:
    return _tr(_CONDITION.get(value, value))  # type: ignore[call-overload]


def sex(value: str) -> str:
    return _tr(_SEX.get(value, value))  # type: ignore[call-overload]


def age_group(value: str) -> str:
    return _tr(_AGE.get(value, value))  # type: ignore[call-overload]


def status(value: str) -> str:
    return _tr(_STATUS.get(value, value))  # type: ignore[call-overload]


def custody_event(value: str) -> str:
    return _tr(_EVENT.get(value, value))  # type: ignore[call-overload]


def effect_category(value: str) -> str:
    return _tr(_EFFECT.get(value, value))  # type: ignore[call-overload]


def choices(enum: type) -> list[tuple[str, str]]:
    """(stored code, translated label) pairs for a combo box, in declaration order."""
    table = {
        Category: category, ConditionFlag: condition, Sex: sex, AgeGroup: age_group, CaseStatus: status,
        CustodyEventType: custody_event, EffectCategory: effect_category, Role: role,
    }[enum]  # type: ignore[index]
    return [(m.value, table(m.value)) for m in enum]  # type: ignore[attr-defined]
