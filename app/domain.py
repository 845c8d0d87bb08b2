"""Domain vocabulary shared by services, documents, the CLI and the GUI.

Values are stored as these short English codes; what users see is translated in ``ui/``
(and printed in both languages on documents).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    FIELD_OFFICER = "field_officer"
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


class Category(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    FRAGMENTS = "fragments"
    COMMINGLED = "commingled"


class ConditionFlag(StrEnum):
    DECOMPOSED = "decomposed"
    SKELETONISED = "skeletonised"
    BURNT = "burnt"
    MUMMIFIED = "mummified"
    BAG_DAMAGED = "bag_damaged"
    NO_TAG = "no_tag"
    TAG_ILLEGIBLE = "tag_illegible"
    DOCUMENTS_FOUND = "documents_found"


class Sex(StrEnum):
    UNKNOWN = "unknown"
    MALE = "male"
    FEMALE = "female"
    UNDETERMINED = "undetermined"


class AgeGroup(StrEnum):
    UNKNOWN = "unknown"
    CHILD = "child"
    ADOLESCENT = "adolescent"
    YOUNG_ADULT = "young_adult"
    ADULT = "adult"
    OLDER_ADULT = "older_adult"


class CaseStatus(StrEnum):
    RECEIVED = "received"
    STORED = "stored"
    EXAMINED = "examined"
    IDENTIFIED = "identified"
    RELEASED = "released"
    RETURNED = "returned"


class CustodyEventType(StrEnum):
    """Each custody event type has one meaning (the README lists them)."""

    RECEIVED = "received"  # the bag was physically taken over at intake (once per case)
    CERTIFIED = "certified"  # the case was listed on an issued act of acceptance (refers to the act)
    STORED = "stored"
    TRANSFERRED = "transferred"
    EXAMINED = "examined"
    RELEASED = "released"
    RETURNED = "returned"


class EffectCategory(StrEnum):
    DOCUMENT = "document"
    IDENTITY_TAG = "identity_tag"
    PHONE = "phone"
    JEWELLERY = "jewellery"
    CLOTHING = "clothing"
    MONEY = "money"
    PHOTO = "photo"
    OTHER = "other"


class DiscrepancyKind(StrEnum):
    DECLARED_NOT_RECEIVED = "declared_not_received"
    RECEIVED_NOT_DECLARED = "received_not_declared"
    DUPLICATE_TAG = "duplicate_tag"
    COUNT_MISMATCH = "count_mismatch"
    IDENTITY_DISPUTED = "identity_disputed"
    COMMINGLED = "commingled"


class CertificateKind(StrEnum):
    ACCEPTANCE = "acceptance"
    TRANSFER = "transfer"
    RELEASE = "release"


class CertificateStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    VOID = "void"


def normalize_tag(value: str | None) -> str:
    """The form a tag is stored and compared under: look-alike letters and a scanner typing in
    the Ukrainian layout read as the Latin tag they stand for (see ``app.lookalikes``)."""
    from app.lookalikes import fold_key

    return fold_key(value)


def normalize_text(value: str | None) -> str:
    """The search form of a name or tag: case-folded, trimmed, inner spaces collapsed.

    Stored beside the original so that prefix search is case-insensitive for Cyrillic on every
    database (SQLite's LOWER() only folds ASCII).
    """
    if not value:
        return ""
    return " ".join(value.casefold().replace("ё", "е").split())
