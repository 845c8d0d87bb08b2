"""Translated names of a case's fields and readable forms of their stored values.

Used by the case file (its form and its history) and the intake form.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.widgets import labels

_CTX = "CaseFields"

_FIELD_LABELS: dict[str, Any] = {  # values: source texts (QT_TRANSLATE_NOOP)
    "case_number": QT_TRANSLATE_NOOP("CaseFields", "Case number"),
    "round_id": QT_TRANSLATE_NOOP("CaseFields", "Round"),
    "transport_unit_id": QT_TRANSLATE_NOOP("CaseFields", "Transport unit"),
    "manifest_line_id": QT_TRANSLATE_NOOP("CaseFields", "Manifest line"),
    "parent_case_id": QT_TRANSLATE_NOOP("CaseFields", "Part of case"),
    "sender_tag": QT_TRANSLATE_NOOP("CaseFields", "Sender's tag"),
    "off_manifest": QT_TRANSLATE_NOOP("CaseFields", "Not on the manifest"),
    "bag_number": QT_TRANSLATE_NOOP("CaseFields", "Bag number"),
    "category": QT_TRANSLATE_NOOP("CaseFields", "Category"),
    "condition_flags": QT_TRANSLATE_NOOP("CaseFields", "Condition"),
    "apparent_sex": QT_TRANSLATE_NOOP("CaseFields", "Apparent sex"),
    "age_group": QT_TRANSLATE_NOOP("CaseFields", "Age group"),
    "storage_location": QT_TRANSLATE_NOOP("CaseFields", "Storage location"),
    "status": QT_TRANSLATE_NOOP("CaseFields", "Status"),
    "claimed_name": QT_TRANSLATE_NOOP("CaseFields", "Claimed name"),
    "claimed_birth_date": QT_TRANSLATE_NOOP("CaseFields", "Claimed date of birth"),
    "claimed_citizenship": QT_TRANSLATE_NOOP("CaseFields", "Claimed citizenship"),
    "claimed_source": QT_TRANSLATE_NOOP("CaseFields", "Source of the claim"),
    "established_name": QT_TRANSLATE_NOOP("CaseFields", "Established name"),
    "established_birth_date": QT_TRANSLATE_NOOP("CaseFields", "Established date of birth"),
    "identification_method": QT_TRANSLATE_NOOP("CaseFields", "Identification method"),
    "identified_by": QT_TRANSLATE_NOOP("CaseFields", "Identified by"),
    "identified_on": QT_TRANSLATE_NOOP("CaseFields", "Identified on"),
    "notes": QT_TRANSLATE_NOOP("CaseFields", "Notes"),
    "received_at": QT_TRANSLATE_NOOP("CaseFields", "Received at"),
    "received_by": QT_TRANSLATE_NOOP("CaseFields", "Received by"),
    "deleted": QT_TRANSLATE_NOOP("CaseFields", "Deleted"),
    # personal effects
    "description": QT_TRANSLATE_NOOP("CaseFields", "Description"),
    "quantity": QT_TRANSLATE_NOOP("CaseFields", "Quantity"),
    "container_seal": QT_TRANSLATE_NOOP("CaseFields", "Container / seal"),
    "attachment_id": QT_TRANSLATE_NOOP("CaseFields", "Photo"),
    # attachments
    "sha256": QT_TRANSLATE_NOOP("CaseFields", "SHA-256"),
    "filename": QT_TRANSLATE_NOOP("CaseFields", "File name"),
    "media_type": QT_TRANSLATE_NOOP("CaseFields", "File type"),
    "size": QT_TRANSLATE_NOOP("CaseFields", "Size (bytes)"),
    "caption": QT_TRANSLATE_NOOP("CaseFields", "Caption"),
}

_TABLE_LABELS: dict[str, Any] = {
    "cases": QT_TRANSLATE_NOOP("CaseFields", "Case"),
    "personal_effects": QT_TRANSLATE_NOOP("CaseFields", "Personal effect"),
    "attachments": QT_TRANSLATE_NOOP("CaseFields", "Photo"),
}

_CLAIM_SOURCES: dict[str, Any] = {
    "manifest": QT_TRANSLATE_NOOP("CaseFields", "Sending side's list"),
    "documents": QT_TRANSLATE_NOOP("CaseFields", "Documents or the officer"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def field_label(name: str) -> str:
    """The translated name of a stored field (the raw name if unknown)."""
    source = _FIELD_LABELS.get(name)
    return _tr(source) if source else name


def table_label(table: str) -> str:
    source = _TABLE_LABELS.get(table)
    return _tr(source) if source else table


def local_time(value: datetime | str | None, *, seconds: bool = False) -> str:
    """A stored naive-UTC time as local wall-clock text."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def yes_no(value: object) -> str:
    return _tr("Yes") if value else _tr("No")


def conditions(value: str | list[str] | None) -> str:
    if not value:
        return ""
    flags = value.split(",") if isinstance(value, str) else value
    return ", ".join(labels.condition(f) for f in flags if f)


_CODE_FORMATTERS = {
    "category": labels.category,
    "apparent_sex": labels.sex,
    "age_group": labels.age_group,
    "status": labels.status,
}


def display_value(name: str, value: Any, names: dict[str, str] | None = None) -> str:
    """A stored value as users read it; ``names`` maps ids (users, units, rounds) to names."""
    if value is None or value == "":
        return "\u2014"
    if names and isinstance(value, str) and value in names:
        return names[value]
    if name in _CODE_FORMATTERS and isinstance(value, str):
        return _CODE_FORMATTERS[name](value)
    if name == "condition_flags":
        return conditions(value) or "\u2014"
    if name == "claimed_source" and isinstance(value, str):
        source = _CLAIM_SOURCES.get(value)
        return _tr(source) if source else value
    if name in {"received_at", "occurred_at", "created_at"}:
        return local_time(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if name == "sha256" and isinstance(value, str):
        return value[:16] + "\u2026"
    return str(value)


def effect_value(name: str, value: Any) -> str:
    """Like ``display_value`` for a personal effect's fields."""
    if name == "category" and isinstance(value, str):
        return labels.effect_category(value)
    return display_value(name, value)


# Marked for translation here; the text is looked up in _tr() calls above.
_EXTRA = (QT_TRANSLATE_NOOP("CaseFields", "Yes"), QT_TRANSLATE_NOOP("CaseFields", "No"))
