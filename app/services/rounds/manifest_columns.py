"""The fields of a manifest line and which column of the file holds each.

``auto_mapping`` proposes the mapping from the headers (case-insensitive, Latin, Ukrainian or
Russian spellings, listed in ``HEADER_ALIASES``); ``mapping_from_headers`` applies the columns a
user chose; ``parse_category`` reads a cell of the category column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from app.domain import Category, normalize_text
from app.errors import ValidationError

# --- target fields and the headers that name them ----------------------------------------------

SENDER_TAG = "sender_tag"
CLAIMED_NAME = "claimed_name"
CLAIMED_BIRTH_DATE = "claimed_birth_date"
CLAIMED_CITIZENSHIP = "claimed_citizenship"
CATEGORY = "category"
NOTES = "notes"

TARGET_FIELDS: tuple[str, ...] = (
    SENDER_TAG,
    CLAIMED_NAME,
    CLAIMED_BIRTH_DATE,
    CLAIMED_CITIZENSHIP,
    CATEGORY,
    NOTES,
)
REQUIRED_FIELDS = frozenset({SENDER_TAG})

# Longest value each field may hold (the columns of manifest_lines); notes are unlimited.
MAX_LENGTHS: dict[str, int] = {
    SENDER_TAG: 100,
    CLAIMED_NAME: 400,
    CLAIMED_BIRTH_DATE: 32,
    CLAIMED_CITIZENSHIP: 100,
}

FIELD_NAMES: dict[str, str] = {
    SENDER_TAG: "tag",
    CLAIMED_NAME: "name",
    CLAIMED_BIRTH_DATE: "birth date",
    CLAIMED_CITIZENSHIP: "citizenship",
    CATEGORY: "category",
    NOTES: "notes",
}

# Header spellings recognised by the automatic mapping, compared after ``header_key``. The
# sending side's lists often come with Russian headers, so their usual spellings are here too.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    SENDER_TAG: (
        "tag", "sender tag", "sender_tag", "tag number", "tag no", "tag #", "tag id",
        "бирка", "номер бирки", "бірка", "номер бірки", "тег", "номер тегу", "номер тега",
    ),
    CLAIMED_NAME: (
        "name", "full name", "claimed name", "claimed_name",
        "піб", "прізвище ім'я по батькові", "прізвище ім'я та по батькові", "прізвище та ім'я",
        "фио", "фамилия имя отчество",
    ),
    CLAIMED_BIRTH_DATE: (
        "birth date", "birth_date", "date of birth", "dob", "born", "claimed birth date",
        "дата народження", "дата нар", "д н", "рік народження", "дата рождения",
    ),
    CLAIMED_CITIZENSHIP: (
        "citizenship", "nationality", "claimed citizenship", "claimed_citizenship", "громадянство", "гражданство",
    ),
    CATEGORY: ("category", "remains category", "категорія", "тип останків", "категория"),
    NOTES: ("notes", "note", "remarks", "comment", "comments", "примітки", "примітка", "коментар", "коментарі",
            "примечание", "примечания"),
}

# Values accepted in the category column, compared after ``normalize_text``.
CATEGORY_WORDS: dict[str, Category] = {
    "complete": Category.COMPLETE,
    "complete body": Category.COMPLETE,
    "full body": Category.COMPLETE,
    "body": Category.COMPLETE,
    "повне тіло": Category.COMPLETE,
    "тіло": Category.COMPLETE,
    "partial": Category.PARTIAL,
    "partial remains": Category.PARTIAL,
    "part": Category.PARTIAL,
    "частина": Category.PARTIAL,
    "частина тіла": Category.PARTIAL,
    "частини тіла": Category.PARTIAL,
    "fragments": Category.FRAGMENTS,
    "fragment": Category.FRAGMENTS,
    "фрагменти": Category.FRAGMENTS,
    "фрагмент": Category.FRAGMENTS,
    "commingled": Category.COMMINGLED,
    "commingled remains": Category.COMMINGLED,
    "mixed": Category.COMMINGLED,
    "змішані": Category.COMMINGLED,
    "змішані останки": Category.COMMINGLED,
}


# --- column mapping -----------------------------------------------------------------------------

_APOSTROPHES = re.compile("[\u2019\u02bc\u2018`\u00b4]")


def header_key(header: str) -> str:
    """The form in which headers are compared: case-folded, apostrophes unified, dots dropped,
    ``_ - / ,`` read as spaces, spaces collapsed."""
    key = _APOSTROPHES.sub("'", header.casefold().replace("\ufeff", ""))
    key = key.replace(".", "")
    key = re.sub(r"[_\-/,]+", " ", key)
    return " ".join(key.split())


ColumnMapping = Mapping[str, int | None]


class ColumnNames:
    """The fields of a list and the header spellings that name them: the automatic mapping and
    the mapping a user chose, for the manifest and for the missing-persons register alike."""

    def __init__(self, fields: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> None:
        self.fields = tuple(fields)
        self._index = {header_key(alias): target for target, names in aliases.items() for alias in names}

    def auto_mapping(self, headers: Sequence[str]) -> dict[str, int | None]:
        """Which column (by index) holds each field, from the header names; None if absent."""
        mapping: dict[str, int | None] = dict.fromkeys(self.fields)
        for index, header in enumerate(headers):
            target = self._index.get(header_key(header))
            if target is not None and mapping[target] is None:
                mapping[target] = index
        return mapping

    def mapping_from_headers(self, headers: Sequence[str], chosen: Mapping[str, str]) -> dict[str, int | None]:
        """Automatic mapping, with ``chosen`` (field -> header name; empty: not in the file) first."""
        mapping = self.auto_mapping(headers)
        keys = [header_key(h) for h in headers]
        for target, header in chosen.items():
            if target not in self.fields:
                raise ValidationError(
                    f"Unknown field {target}; the fields are {', '.join(self.fields)}.", {"mapping": "field"}
                )
            if header == "":
                mapping[target] = None
                continue
            try:
                mapping[target] = keys.index(header_key(header))
            except ValueError as exc:
                raise ValidationError(f"The file has no column {header}.", {"mapping": "column"}) from exc
        return mapping


_NAMES = ColumnNames(TARGET_FIELDS, HEADER_ALIASES)
auto_mapping = _NAMES.auto_mapping
mapping_from_headers = _NAMES.mapping_from_headers


def parse_category(value: str) -> Category | None:
    """A category code for a cell (English code or Ukrainian word); None for an empty cell."""
    key = normalize_text(value)
    if not key:
        return None
    try:
        return Category(key)
    except ValueError:
        return CATEGORY_WORDS.get(key)
