"""Canonical content of a certificate, its SHA-256, and the text its QR code carries.

The canonical content is a plain JSON-able dict of everything a certificate prints (numbers,
parties, counts, cases, discrepancies). Its canonical JSON (sorted keys, no spaces, UTF-8) is
hashed with SHA-256; the hash is frozen with the content when the certificate is issued, and
printed (with the number) in the QR code on every page: ``REPAT:CERT:<number>:<SHA-256>``.
A reprint renders the frozen content, so it carries the same hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from app.lookalikes import LAYOUT_TABLE, reading
from app.persistence.versioning import canonical_json

CONTENT_FORMAT = 1
QR_PREFIX = "REPAT:CERT:"

_PAYLOAD_RE = re.compile(r"^REPAT:CERT:([A-Z0-9][A-Z0-9-]{2,58}):([0-9A-F]{64})$")
_NUMBER_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}-[ATR]-\d{4}-\d{4,}$")


def content_sha256(content: dict[str, Any]) -> str:
    """SHA-256 (hex, lower case) of the canonical JSON of ``content``."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def qr_payload(number: str, sha256: str) -> str:
    """The QR text: upper case, so the code uses the compact alphanumeric mode."""
    return f"{QR_PREFIX}{number}:{sha256.upper()}"


@dataclass(frozen=True)
class ScannedCode:
    number: str
    sha256: str | None  # None when only a certificate number was typed


def parse_scanned(text: str) -> ScannedCode | None:
    """Read what a scanner (or a person) typed: the full QR text, or just a certificate number.

    Tolerates spaces, line breaks, letter case and a scanner typing through a Ukrainian keyboard
    layout. Returns None for text that is neither.
    """
    for candidate in (text, text.translate(LAYOUT_TABLE), reading(text)):
        cleaned = "".join(candidate.split()).upper()
        match = _PAYLOAD_RE.match(cleaned)
        if match:
            return ScannedCode(match.group(1), match.group(2).lower())
        if _NUMBER_RE.match(cleaned):
            return ScannedCode(cleaned, None)
    return None
