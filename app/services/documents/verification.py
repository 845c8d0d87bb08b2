"""Verification of a printed handover certificate: the text of its QR code (or a typed number)
checked against the records. The answer is valid, void, superseded, unknown, a draft, or that the
content does not match (a paper that is not a true copy, or a stored record that no longer
matches its own checksum)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from app.documents.content import content_sha256, parse_scanned
from app.domain import CertificateStatus
from app.persistence.models import Certificate, Round
from app.services.context import AppContext


class Answer(StrEnum):
    VALID = "valid"
    VOID = "void"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"
    MISMATCH = "mismatch"  # the content does not match the records
    DRAFT = "draft"
    SHARED = "shared"  # a typed number two certificates carry; only the QR code tells which


@dataclass(frozen=True)
class Verification:
    answer: Answer
    message: str  # one sentence (English); the GUI builds its own translated sentence
    number: str = ""
    kind: str = ""
    round_code: str = ""
    case_count: int = 0
    issued_at: datetime | None = None
    voided_at: datetime | None = None
    void_reason: str = ""
    superseded_by: str = ""
    content_checked: bool = False

    @property
    def valid(self) -> bool:
        return self.answer == Answer.VALID


def verify(ctx: AppContext, text: str) -> Verification:
    """Check a scanned QR text (or a typed certificate number) against the records."""
    ctx.require()
    scanned = parse_scanned(text or "")
    if scanned is None:
        return Verification(Answer.UNKNOWN, "This is not a Repat certificate code.")
    with ctx.reading() as session:
        # two laptops set up under one device code may both have issued this number (see KEY_CLASH):
        # the content checksum on the paper tells which act it is
        candidates = list(session.scalars(
            select(Certificate)
            .where(Certificate.number == scanned.number, Certificate.deleted.is_(False))
            .order_by(Certificate.id)
        ))
        if scanned.sha256 is not None:
            candidates.sort(key=lambda c: c.content_sha256 != scanned.sha256)
        elif len(candidates) > 1:
            return Verification(
                Answer.SHARED,
                f"{len(candidates)} certificates carry the number {scanned.number} (issued on two laptops under "
                "one device code); scan the QR code to tell which one this paper is.",
                number=scanned.number,
            )
        cert = candidates[0] if candidates else None
        if cert is None:
            return Verification(
                Answer.UNKNOWN,
                f"Certificate {scanned.number} is not in this database (if it was issued on another laptop, "
                "import that laptop's data first).",
                number=scanned.number,
            )
        rnd = session.get(Round, cert.round_id) if cert.round_id else None
        base: dict[str, Any] = {
            "number": cert.number, "kind": cert.kind, "round_code": rnd.code if rnd else "",
            "case_count": len((cert.content or {}).get("cases", [])), "issued_at": cert.issued_at,
            "voided_at": cert.voided_at, "void_reason": cert.void_reason,
            "content_checked": scanned.sha256 is not None,
        }
        if cert.status == CertificateStatus.DRAFT.value or cert.issued_at is None:
            state = "a draft" if cert.status == CertificateStatus.DRAFT.value else "a discarded draft"
            return Verification(
                Answer.DRAFT, f"{cert.number} is {state}: it was never issued and has no force.", **base
            )
        stored = cert.content_sha256 or ""
        if cert.content is None or content_sha256(cert.content) != stored:
            return Verification(
                Answer.MISMATCH,
                f"The stored record of {cert.number} does not match its own checksum; report this to a supervisor.",
                **base,
            )
        if scanned.sha256 is not None and scanned.sha256 != stored:
            return Verification(
                Answer.MISMATCH,
                f"The content of this paper does not match certificate {cert.number} as issued: "
                "it is not a true copy.",
                **base,
            )
        checked = "" if scanned.sha256 else " (only the number was checked; scan the code to check the content)"
        if cert.status == CertificateStatus.VOID.value:
            successor = session.scalar(
                select(Certificate.number).where(
                    Certificate.supersedes_id == cert.id,
                    Certificate.status == CertificateStatus.ISSUED.value,
                    Certificate.deleted.is_(False),
                )
            )
            if successor:
                return Verification(
                    Answer.SUPERSEDED,
                    f"Certificate {cert.number} was superseded by {successor}{checked}.",
                    superseded_by=successor,
                    **base,
                )
            return Verification(
                Answer.VOID, f"Certificate {cert.number} is void: {cert.void_reason.rstrip('.')}{checked}.", **base
            )
        return Verification(Answer.VALID, f"Certificate {cert.number} is valid{checked}.", **base)
