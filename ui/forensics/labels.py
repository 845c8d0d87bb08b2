"""The translated names of the forensic codes (examination statuses, sample types, identification
methods), in the "Forensics" context; a code this version does not know is shown as it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.forensics.case_record import ExaminationStatus, IdentificationMethod, SampleType

_CTX = "Forensics"
_EXAMINATION = {
    ExaminationStatus.NOT_STARTED: QT_TRANSLATE_NOOP("Forensics", "Not started"),
    ExaminationStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Forensics", "In progress"),
    ExaminationStatus.COMPLETED: QT_TRANSLATE_NOOP("Forensics", "Completed"),
}
_SAMPLE = {
    SampleType.BONE: QT_TRANSLATE_NOOP("Forensics", "Bone"),
    SampleType.TOOTH: QT_TRANSLATE_NOOP("Forensics", "Tooth"),
    SampleType.TISSUE: QT_TRANSLATE_NOOP("Forensics", "Soft tissue"),
    SampleType.BLOOD: QT_TRANSLATE_NOOP("Forensics", "Blood"),
    SampleType.HAIR: QT_TRANSLATE_NOOP("Forensics", "Hair"),
    SampleType.OTHER: QT_TRANSLATE_NOOP("Forensics", "Other"),
}
_METHOD = {
    IdentificationMethod.DNA: QT_TRANSLATE_NOOP("Forensics", "DNA"),
    IdentificationMethod.FINGERPRINTS: QT_TRANSLATE_NOOP("Forensics", "Fingerprints"),
    IdentificationMethod.DENTAL: QT_TRANSLATE_NOOP("Forensics", "Dental records"),
    IdentificationMethod.MEDICAL: QT_TRANSLATE_NOOP("Forensics", "Medical features (implants, fractures)"),
    IdentificationMethod.VISUAL: QT_TRANSLATE_NOOP("Forensics", "Visual recognition by relatives"),
    IdentificationMethod.DOCUMENTS: QT_TRANSLATE_NOOP("Forensics", "Documents"),
    IdentificationMethod.OTHER: QT_TRANSLATE_NOOP("Forensics", "Other"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _label(table: dict[Any, str], enum: Any, code: str) -> str:
    try:
        return _tr(table[enum(code)])
    except ValueError:  # a code this version does not know (from a newer laptop): shown as it is
        return code


def examination_label(code: str) -> str:
    return _label(_EXAMINATION, ExaminationStatus, code)


def sample_label(code: str) -> str:
    return _label(_SAMPLE, SampleType, code)


def method_label(code: str) -> str:
    return _label(_METHOD, IdentificationMethod, code)
