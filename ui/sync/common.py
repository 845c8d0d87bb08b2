"""Translated names and small helpers shared by the exchange windows (export, merge, conflicts,
duplicates, devices)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from app.documents.qr import QUIET_ZONE, qr_matrix
from app.domain import Role
from app.services.context import AppContext
from app.services.sync.common import CAN_MANAGE_DEVICES, CAN_RESOLVE
from app.services.sync.report import (
    STATUS_ALREADY,
    STATUS_APPLIED,
    STATUS_OWN,
    STATUS_QUARANTINED,
    STATUS_READY,
    STATUS_REFUSED,
    FileSummary,
)

from ui import i18n
from ui.cases import fields as case_fields
from ui.widgets.service_messages import translate_message

_CTX = "Exchange"
Exchange = i18n.context(_CTX)  # for the plural strings (see i18n.context)

_TABLES: dict[str, Any] = {
    "devices": QT_TRANSLATE_NOOP("Exchange", "devices"),
    "users": QT_TRANSLATE_NOOP("Exchange", "user accounts"),
    "rounds": QT_TRANSLATE_NOOP("Exchange", "rounds"),
    "transport_units": QT_TRANSLATE_NOOP("Exchange", "transport units"),
    "manifest_lines": QT_TRANSLATE_NOOP("Exchange", "manifest lines"),
    "cases": QT_TRANSLATE_NOOP("Exchange", "cases"),
    "personal_effects": QT_TRANSLATE_NOOP("Exchange", "personal effects"),
    "attachments": QT_TRANSLATE_NOOP("Exchange", "photos and scans"),
    "custody_events": QT_TRANSLATE_NOOP("Exchange", "custody events"),
    "certificates": QT_TRANSLATE_NOOP("Exchange", "certificates"),
    "certificate_cases": QT_TRANSLATE_NOOP("Exchange", "certificate lines"),
    "discrepancies": QT_TRANSLATE_NOOP("Exchange", "discrepancies"),
    "duplicate_decisions": QT_TRANSLATE_NOOP("Exchange", "duplicate decisions"),
    "samples": QT_TRANSLATE_NOOP("Exchange", "samples"),
    "releases": QT_TRANSLATE_NOOP("Exchange", "releases"),
}

_RECORD_KINDS: dict[str, Any] = {
    "cases": QT_TRANSLATE_NOOP("Exchange", "Case"),
    "rounds": QT_TRANSLATE_NOOP("Exchange", "Round"),
    "users": QT_TRANSLATE_NOOP("Exchange", "User"),
    "devices": QT_TRANSLATE_NOOP("Exchange", "Device"),
    "transport_units": QT_TRANSLATE_NOOP("Exchange", "Transport unit"),
    "certificates": QT_TRANSLATE_NOOP("Exchange", "Certificate"),
    "certificate_cases": QT_TRANSLATE_NOOP("Exchange", "Case listed on certificate"),
    "personal_effects": QT_TRANSLATE_NOOP("Exchange", "Personal effect"),
    "custody_events": QT_TRANSLATE_NOOP("Exchange", "Custody event"),
    "manifest_lines": QT_TRANSLATE_NOOP("Exchange", "Manifest line"),
}

_FILE_STATUS: dict[str, Any] = {
    STATUS_APPLIED: QT_TRANSLATE_NOOP("Exchange", "Imported"),
    STATUS_READY: QT_TRANSLATE_NOOP("Exchange", "Ready"),
    STATUS_QUARANTINED: QT_TRANSLATE_NOOP("Exchange", "Quarantined"),
    STATUS_ALREADY: QT_TRANSLATE_NOOP("Exchange", "Already imported"),
    STATUS_OWN: QT_TRANSLATE_NOOP("Exchange", "This device's own"),
    STATUS_REFUSED: QT_TRANSLATE_NOOP("Exchange", "Refused"),
}

_DEVICE_STATUS: dict[str, Any] = {
    "this device": QT_TRANSLATE_NOOP("Exchange", "This device"),
    "trusted": QT_TRANSLATE_NOOP("Exchange", "Trusted"),
    "revoked": QT_TRANSLATE_NOOP("Exchange", "Revoked"),
    "unknown": QT_TRANSLATE_NOOP("Exchange", "Unknown"),
}

_HOLD_REASONS: dict[str, Any] = {
    "unknown": QT_TRANSLATE_NOOP("Exchange", "The device is not trusted here yet."),
    "revoked": QT_TRANSLATE_NOOP("Exchange", "The device has been revoked here."),
    "key mismatch": QT_TRANSLATE_NOOP(
        "Exchange", "Signed with a different key than the one registered for this device."),
}

_DUPLICATE_REASONS: dict[str, Any] = {
    "same_tag": QT_TRANSLATE_NOOP("Exchange", "same sender's tag in the round"),
    "same_bag": QT_TRANSLATE_NOOP("Exchange", "same bag number in the round"),
    "same_code": QT_TRANSLATE_NOOP("Exchange", "same round code"),
    "same_username": QT_TRANSLATE_NOOP("Exchange", "same user name"),
    "same_case_number": QT_TRANSLATE_NOOP("Exchange", "same case number issued on two devices"),
    "same_certificate_number": QT_TRANSLATE_NOOP("Exchange", "same certificate number issued on two devices"),
    "same_device_code": QT_TRANSLATE_NOOP("Exchange", "same device code on two installations"),
}

_DUPLICATE_STATUS: dict[str, Any] = {
    "open": QT_TRANSLATE_NOOP("Exchange", "Open"),
    "linked": QT_TRANSLATE_NOOP("Exchange", "Linked as the same remains"),
    "dismissed": QT_TRANSLATE_NOOP("Exchange", "Dismissed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _lookup(table: dict[str, Any], code: str) -> str:
    source = table.get(code)
    return _tr(source) if source else code


def table_label(table: str) -> str:
    """A synced table as a plural noun ("cases", "custody events")."""
    return _lookup(_TABLES, table)


def record_kind(table: str) -> str:
    return _lookup(_RECORD_KINDS, table)


def file_status(status: str) -> str:
    return _lookup(_FILE_STATUS, status)


def device_status(status: str) -> str:
    return _lookup(_DEVICE_STATUS, status)


def hold_reason(reason: str) -> str:
    return _lookup(_HOLD_REASONS, reason)


def duplicate_reasons(codes: list[str]) -> str:
    return ", ".join(_lookup(_DUPLICATE_REASONS, c) for c in codes if c)


def duplicate_status(status: str) -> str:
    return _lookup(_DUPLICATE_STATUS, status)


def local_time(value: datetime | None) -> str:
    return case_fields.local_time(value)


def file_note(summary: FileSummary) -> str:
    """One sentence on what happens (or happened) to a bundle file and why."""
    translate = QCoreApplication.translate
    if summary.status == STATUS_QUARANTINED:
        return translate(
            "Exchange",
            "Held in quarantine: %1 is not trusted here (key %2). A supervisor can trust it in Devices and keys.",
        ).replace("%1", summary.device_code).replace("%2", summary.fingerprint)
    if summary.status == STATUS_ALREADY:
        return translate("Exchange", "Already imported; nothing changes.")
    if summary.status == STATUS_OWN:
        return translate("Exchange", "Made by this device; there is nothing to import.")
    if summary.status == STATUS_REFUSED:
        return translate_message(summary.message)
    parts = []
    if summary.held:
        parts.append(Exchange.tr("%n record(s) wait for records not received yet.", "", summary.held))
    if summary.skipped_other_rounds:
        parts.append(Exchange.tr("%n change(s) of rounds this device does not receive are skipped.", "",
                                 summary.skipped_other_rounds))
    if summary.new_versions == 0 and not summary.new and not summary.updated:
        parts.append(translate("Exchange", "Holds nothing new."))
    if summary.blobs:
        parts.append(Exchange.tr("%n photo(s) or scan(s).", "", summary.blobs))
    return " ".join(parts)


def is_supervisor(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in CAN_RESOLVE


def is_device_manager(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in CAN_MANAGE_DEVICES


def role_may(ctx: AppContext, roles: tuple[Role, ...]) -> bool:
    return ctx.user is not None and ctx.user.role in roles


def normalize_fingerprint(text: str) -> str:
    """Spaces and case do not matter when fingerprints are compared (as in the service)."""
    return "".join(text.split()).upper()


def qr_image(text: str, module: int = 6) -> QImage:
    """The QR code of ``text`` (with its quiet zone) as a black-on-white image."""
    matrix = qr_matrix(text)
    n = len(matrix)
    size = (n + 2 * QUIET_ZONE) * module
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setPen(QColor("black"))
        black = QColor("black")
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect((c + QUIET_ZONE) * module, (r + QUIET_ZONE) * module, module, module, black)
    finally:
        painter.end()
    return image


def qr_pixmap(text: str, module: int = 6) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, module))
