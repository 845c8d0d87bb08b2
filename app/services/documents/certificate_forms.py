"""What a handover certificate is made of before the records come in: the form the clerk fills
in (kind, place, date and time, parties, notes), its scope, its checks, and the results the
certificate services return (``app.services.documents.certificate_records``, ``certificate_drafts``,
``certificate_issuing``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.documents.output import write_atomically
from app.domain import CertificateKind, CertificateStatus
from app.errors import RepatError, ValidationError

MAX_NAME = 300
MAX_FIELD = 300
MAX_NOTES = 5000
MAX_PERSONS = 20
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

REQUIRED_PARTIES = {
    CertificateKind.ACCEPTANCE.value: ("sending", "receiving", "intermediary"),
    CertificateKind.TRANSFER.value: ("sending", "receiving"),
    CertificateKind.RELEASE.value: ("sending", "receiving"),
}
PARTY_KEYS = ("sending", "receiving", "intermediary")
PARTY_NAMES = {"sending": "the sending party", "receiving": "the receiving party", "intermediary": "the intermediary"}
KIND_NAMES = {"acceptance": "acceptance", "transfer": "transfer", "release": "release"}

Progress = Callable[[int, int, str], None]


# --- the form -------------------------------------------------------------------------------


@dataclass
class Person:
    name: str = ""
    position: str = ""
    document: str = ""  # identity document (kind and number)

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "position": self.position, "document": self.document}

    @classmethod
    def from_json(cls, data: Any) -> Person:
        if not isinstance(data, dict):
            raise ValidationError("Each representative or witness needs a name, a position and a document.")
        return cls(str(data.get("name") or ""), str(data.get("position") or ""), str(data.get("document") or ""))

    @property
    def empty(self) -> bool:
        return not (self.name or self.position or self.document)


@dataclass
class Party:
    organisation: str = ""
    representatives: list[Person] = field(default_factory=list)
    witnesses: list[Person] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "representatives": [p.to_json() for p in self.representatives],
            "witnesses": [p.to_json() for p in self.witnesses],
        }

    @classmethod
    def from_json(cls, data: Any) -> Party:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValidationError("Each party must give an organisation, representatives and witnesses.")
        return cls(
            str(data.get("organisation") or ""),
            [Person.from_json(p) for p in data.get("representatives") or []],
            [Person.from_json(p) for p in data.get("witnesses") or []],
        )

    @property
    def empty(self) -> bool:
        return not self.organisation and not self.representatives and not self.witnesses


@dataclass
class CertificateForm:
    """What the clerk fills in: kind, place, date and time, the parties, notes."""

    kind: str = CertificateKind.ACCEPTANCE.value
    place: str = ""
    act_date: date | None = None
    act_time: str = ""  # "HH:MM", local time; empty = the moment of issue
    sending: Party = field(default_factory=Party)
    receiving: Party = field(default_factory=Party)
    intermediary: Party = field(default_factory=Party)
    notes: str = ""

    def party(self, key: str) -> Party:
        party: Party = getattr(self, key)
        return party

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "place": self.place,
            "date": self.act_date.isoformat() if self.act_date else "",
            "time": self.act_time,
            "notes": self.notes,
            **{key: self.party(key).to_json() for key in PARTY_KEYS},
        }

    @classmethod
    def from_json(cls, data: Any) -> CertificateForm:
        """Read a form from JSON (a saved draft, or a parties file given to the command line)."""
        if not isinstance(data, dict):
            raise ValidationError("The parties file must hold one JSON object.")
        raw_date = data.get("date") or ""
        try:
            act_date = date.fromisoformat(str(raw_date)) if raw_date else None
        except ValueError as exc:
            raise ValidationError(f"The date {raw_date} is not a date (use YYYY-MM-DD).") from exc
        return cls(
            kind=str(data.get("kind") or CertificateKind.ACCEPTANCE.value),
            place=str(data.get("place") or ""),
            act_date=act_date,
            act_time=str(data.get("time") or ""),
            sending=Party.from_json(data.get("sending")),
            receiving=Party.from_json(data.get("receiving")),
            intermediary=Party.from_json(data.get("intermediary")),
            notes=str(data.get("notes") or ""),
        )


@dataclass(frozen=True)
class Scope:
    """Which cases a certificate lists: a whole round, one transport unit, or chosen cases."""

    round_id: str
    transport_unit_id: str | None = None
    case_ids: tuple[str, ...] | None = None

    @property
    def type(self) -> str:
        if self.case_ids is not None:
            return "cases"
        return "unit" if self.transport_unit_id else "round"


@dataclass(frozen=True)
class CertificateInfo:
    id: str
    rev: int
    number: str
    kind: str
    status: str
    round_id: str
    round_code: str
    scope_type: str
    transport_unit_id: str | None
    transport_unit_label: str
    form: CertificateForm
    case_count: int
    content_sha256: str | None
    issued_at: datetime | None
    issued_by: str
    void_reason: str
    voided_at: datetime | None
    supersedes_number: str
    superseded_by_number: str
    created_at: datetime

    @property
    def is_draft(self) -> bool:
        return self.status == CertificateStatus.DRAFT.value


@dataclass(frozen=True)
class RenderedDocument:
    """A finished PDF in memory, with what the user needs to know about it."""

    data: bytes
    pages: int
    title: str
    file_name: str  # suggested file name
    number: str = ""  # certificate or case number
    status: str = ""
    sha256: str = ""  # of the certificate's canonical content, when there is one

    def save(self, path: str) -> str:
        return str(write_atomically(path, self.data))


@dataclass(frozen=True)
class IssueResult:
    certificate: CertificateInfo
    document: RenderedDocument


@dataclass(frozen=True)
class Problem:
    """One thing that stops a draft from being issued.

    ``code`` is one of: no_cases, no_place, party_unnamed, no_representative, person_no_name,
    person_no_document, no_witness, correction_target_gone, already_on_certificate. ``text`` is
    the English phrase; the GUI builds its own from the fields.
    """

    code: str
    text: str
    party: str = ""  # sending, receiving, intermediary
    role: str = ""  # representative, witness
    index: int = 0  # 1-based position in the party's list
    name: str = ""
    detail: str = ""


class IssueRefused(ValidationError):
    """Issuing was refused; ``problems`` lists every reason (``missing`` as English phrases)."""

    def __init__(self, number: str, problems: list[Problem]) -> None:
        self.problems = problems
        self.missing = [p.text for p in problems]
        self.number = number
        super().__init__(f"Certificate {number} cannot be issued: " + "; ".join(self.missing) + ".")


class CertificateFrozen(RepatError):
    """An issued or void certificate cannot be changed."""


# --- validation -----------------------------------------------------------------------------


def _clean_text(value: str, limit: int, what: str) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationError(f"{what} is longer than {limit} characters.")
    return value


def _clean_people(people: Sequence[Person]) -> list[Person]:
    """The persons given, trimmed and checked, without the empty rows of the form."""
    return [
        Person(
            _clean_text(p.name, MAX_NAME, "A name"),
            _clean_text(p.position, MAX_FIELD, "A position"),
            _clean_text(p.document, MAX_FIELD, "An identity document"),
        )
        for p in people
        if not p.empty
    ]


def clean_form(form: CertificateForm) -> CertificateForm:
    try:
        kind = CertificateKind(form.kind).value
    except ValueError as exc:
        raise ValidationError(
            f"Unknown certificate kind {form.kind}: choose acceptance, transfer or release.", {"kind": "unknown"}
        ) from exc
    act_time = (form.act_time or "").strip()
    if act_time:
        match = TIME_RE.match(act_time)
        if not match:
            raise ValidationError(f"The time {act_time} is not a time of day (use HH:MM).", {"time": "format"})
        act_time = f"{int(match.group(1)):02d}:{match.group(2)}"
    parties: dict[str, Party] = {}
    for key in PARTY_KEYS:
        party = form.party(key)
        label = PARTY_NAMES[key].capitalize()
        for role, people in (("representatives", party.representatives), ("witnesses", party.witnesses)):
            if len(people) > MAX_PERSONS:
                raise ValidationError(f"{label} lists more than {MAX_PERSONS} {role}.")
        parties[key] = Party(
            _clean_text(party.organisation, MAX_FIELD, f"The name of {PARTY_NAMES[key]}"),
            _clean_people(party.representatives),
            _clean_people(party.witnesses),
        )
    notes = (form.notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError(f"The notes are longer than {MAX_NOTES} characters.")
    return CertificateForm(
        kind=kind,
        place=_clean_text(form.place, MAX_FIELD, "The place"),
        act_date=form.act_date,
        act_time=act_time,
        sending=parties["sending"],
        receiving=parties["receiving"],
        intermediary=parties["intermediary"],
        notes=notes,
    )


def missing_in_form(form: CertificateForm) -> list[Problem]:
    """Every problem in the form that stops it from being issued."""
    missing: list[Problem] = []
    if not form.place:
        missing.append(Problem("no_place", "the place is missing"))
    required = REQUIRED_PARTIES[form.kind]
    for key in PARTY_KEYS:
        party = form.party(key)
        name = PARTY_NAMES[key]
        if key not in required and party.empty:
            continue
        if not party.organisation:
            missing.append(Problem("party_unnamed", f"{name} is not named", party=key))
        if not party.representatives:
            missing.append(Problem("no_representative", f"{name} has no representative", party=key))
        for role, people in (("representative", party.representatives), ("witness", party.witnesses)):
            for i, person in enumerate(people, start=1):
                who = f"{role} {i} of {name}"
                if not person.name:
                    missing.append(Problem("person_no_name", f"{who} has no name", key, role, i))
                if not person.document:
                    missing.append(
                        Problem(
                            "person_no_document",
                            f"{who} ({person.name or 'no name'}) has no identity document",
                            key, role, i, person.name,
                        )
                    )
    if not any(form.party(key).witnesses for key in PARTY_KEYS):
        missing.append(Problem("no_witness", "there is no witness"))
    return missing
