"""SQLAlchemy 2.0 models for the whole domain (see DESIGN.md for the words).

Synced tables (``SyncedMixin``) have a client-made UUIDv7 primary key, are never hard-deleted
(``deleted`` is the tombstone), and every change appends a ``RowVersion`` in the same transaction
(see ``app.persistence.versioning``). Local tables (drafts, counters, settings) never leave the
device.

The models live in one module per area (``accounts``, ``rounds``, ``cases``, ``certificates``,
``forensics``, ``register``, ``sync``, ``local``) on ``base`` (the declarative base, ``SyncedMixin``) and
``keys`` (natural keys two installations may both issue). This package is their public
interface: every model class, the one ``Base`` (and its metadata), and the synced models by
table name.
"""

from __future__ import annotations

from app.persistence.models.accounts import Device, RoleGrant, User
from app.persistence.models.base import Base, SyncedMixin
from app.persistence.models.cases import Attachment, Blob, Case, CustodyEvent, PersonalEffect
from app.persistence.models.certificates import Certificate, CertificateCase, Discrepancy, DuplicateDecision
from app.persistence.models.forensics import Release, Sample
from app.persistence.models.local import (
    Counter,
    Draft,
    LocalSetting,
    ReconciliationCache,
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationQueue,
    ReconciliationRound,
)
from app.persistence.models.register import CandidateDecision, MissingPerson
from app.persistence.models.rounds import ManifestLine, Round, TransportUnit
from app.persistence.models.sync import (
    ChainCheckpoint,
    ChainHead,
    ChainSkipped,
    Conflict,
    DeviceKey,
    ExportMark,
    ImportedBundle,
    ProbableDuplicate,
    QuarantinedBundle,
    RowVersion,
    SyncPending,
)

SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    Device,
    User,
    RoleGrant,
    Round,
    TransportUnit,
    ManifestLine,
    Case,
    PersonalEffect,
    Attachment,
    CustodyEvent,
    Certificate,
    CertificateCase,
    Discrepancy,
    DuplicateDecision,
    Sample,
    Release,
    MissingPerson,
    CandidateDecision,
)
TABLE_TO_MODEL: dict[str, type[SyncedMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
# The search forms kept beside columns, per table (see ``SyncedMixin.search_columns``).
SEARCH_COLUMNS = {name: m.search_columns for name, m in TABLE_TO_MODEL.items() if m.search_columns}

__all__ = [
    "SEARCH_COLUMNS",
    "SYNCED_MODELS",
    "TABLE_TO_MODEL",
    "Attachment",
    "Base",
    "Blob",
    "CandidateDecision",
    "Case",
    "Certificate",
    "CertificateCase",
    "ChainCheckpoint",
    "ChainHead",
    "ChainSkipped",
    "Conflict",
    "Counter",
    "CustodyEvent",
    "Device",
    "DeviceKey",
    "Discrepancy",
    "Draft",
    "DuplicateDecision",
    "ExportMark",
    "ImportedBundle",
    "LocalSetting",
    "ManifestLine",
    "MissingPerson",
    "PersonalEffect",
    "ProbableDuplicate",
    "QuarantinedBundle",
    "ReconciliationCache",
    "ReconciliationCase",
    "ReconciliationCount",
    "ReconciliationDay",
    "ReconciliationLine",
    "ReconciliationQueue",
    "ReconciliationRound",
    "Release",
    "RoleGrant",
    "Round",
    "RowVersion",
    "Sample",
    "SyncPending",
    "SyncedMixin",
    "TransportUnit",
    "User",
]
