"""The figures as the reconciliation's windows name them: the label, the two-line column heading
and the description of each figure (translation context "Reconciliation"), and how a count is
written.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "Reconciliation"

_LABELS: dict[str, str] = {
    "declared_total": QT_TRANSLATE_NOOP("Reconciliation", "Declared"),
    "manifest_lines": QT_TRANSLATE_NOOP("Reconciliation", "On the list"),
    "received": QT_TRANSLATE_NOOP("Reconciliation", "Received"),
    "certified": QT_TRANSLATE_NOOP("Reconciliation", "Certified"),
    "examined": QT_TRANSLATE_NOOP("Reconciliation", "Examined"),
    "sampled": QT_TRANSLATE_NOOP("Reconciliation", "Sampled"),
    "identified": QT_TRANSLATE_NOOP("Reconciliation", "Identified"),
    "released": QT_TRANSLATE_NOOP("Reconciliation", "Released"),
    "returned": QT_TRANSLATE_NOOP("Reconciliation", "Returned"),
    "declared_not_received": QT_TRANSLATE_NOOP("Reconciliation", "Declared, not received"),
    "received_not_declared": QT_TRANSLATE_NOOP("Reconciliation", "Received, not declared"),
    "duplicate_tags": QT_TRANSLATE_NOOP("Reconciliation", "Duplicate tags"),
    "declared_total_mismatch": QT_TRANSLATE_NOOP("Reconciliation", "Declared total ≠ received"),
    "bag_count_mismatch": QT_TRANSLATE_NOOP("Reconciliation", "Bag count ≠ declared"),
    "broken_seals": QT_TRANSLATE_NOOP("Reconciliation", "Broken seals"),
    "commingled": QT_TRANSLATE_NOOP("Reconciliation", "Commingled"),
    "identity_disputed": QT_TRANSLATE_NOOP("Reconciliation", "Identity disputed"),
    "custody_gaps": QT_TRANSLATE_NOOP("Reconciliation", "Custody gaps"),
    "open_conflicts": QT_TRANSLATE_NOOP("Reconciliation", "Merge conflicts"),
    "probable_duplicates": QT_TRANSLATE_NOOP("Reconciliation", "Probable duplicates"),
}
_DESCRIPTIONS: dict[str, str] = {
    "declared_total": QT_TRANSLATE_NOOP("Reconciliation", "The total the sending side declared for the round."),
    "manifest_lines": QT_TRANSLATE_NOOP("Reconciliation", "Lines on the sending side's list."),
    "received": QT_TRANSLATE_NOOP("Reconciliation", "Cases received."),
    "certified": QT_TRANSLATE_NOOP("Reconciliation", "Cases on at least one issued (not void) certificate."),
    "examined": QT_TRANSLATE_NOOP("Reconciliation", "Cases whose examination is completed."),
    "sampled": QT_TRANSLATE_NOOP(
        "Reconciliation", "Cases with at least one sample taken for identification (not withdrawn)."),
    "identified": QT_TRANSLATE_NOOP("Reconciliation", "Cases with a recorded identification."),
    "released": QT_TRANSLATE_NOOP("Reconciliation", "Cases released to families."),
    "returned": QT_TRANSLATE_NOOP("Reconciliation", "Cases returned."),
    "declared_not_received": QT_TRANSLATE_NOOP(
        "Reconciliation", "Lines of the list whose tag no received case carries."),
    "received_not_declared": QT_TRANSLATE_NOOP(
        "Reconciliation", "Cases whose tag is not on the list, or that have no tag."),
    "duplicate_tags": QT_TRANSLATE_NOOP("Reconciliation", "Cases whose tag was already received in the round."),
    "declared_total_mismatch": QT_TRANSLATE_NOOP(
        "Reconciliation", "The declared total differs from the number of cases received."),
    "bag_count_mismatch": QT_TRANSLATE_NOOP(
        "Reconciliation", "Transport units whose counted bags differ from the declared number."),
    "broken_seals": QT_TRANSLATE_NOOP("Reconciliation", "Transport units whose seals were not intact."),
    "commingled": QT_TRANSLATE_NOOP("Reconciliation", "Cases of commingled remains."),
    "identity_disputed": QT_TRANSLATE_NOOP(
        "Reconciliation", "Cases whose established identity differs from the claimed one."),
    "custody_gaps": QT_TRANSLATE_NOOP(
        "Reconciliation", "Cases whose custody chain lacks an event their status needs, or has one it does not."),
    "open_conflicts": QT_TRANSLATE_NOOP("Reconciliation", "Merge conflicts not yet resolved."),
    "probable_duplicates": QT_TRANSLATE_NOOP("Reconciliation", "Probable duplicates not yet decided."),
}


# Column headings: the same words, on two lines so the table stays narrow.
_HEADERS: dict[str, str] = {
    "declared_total": QT_TRANSLATE_NOOP("Reconciliation", "Declared"),
    "manifest_lines": QT_TRANSLATE_NOOP("Reconciliation", "On the\nlist"),
    "received": QT_TRANSLATE_NOOP("Reconciliation", "Received"),
    "certified": QT_TRANSLATE_NOOP("Reconciliation", "Certified"),
    "examined": QT_TRANSLATE_NOOP("Reconciliation", "Examined"),
    "sampled": QT_TRANSLATE_NOOP("Reconciliation", "Sampled"),
    "identified": QT_TRANSLATE_NOOP("Reconciliation", "Identified"),
    "released": QT_TRANSLATE_NOOP("Reconciliation", "Released"),
    "returned": QT_TRANSLATE_NOOP("Reconciliation", "Returned"),
    "declared_not_received": QT_TRANSLATE_NOOP("Reconciliation", "Declared,\nnot received"),
    "received_not_declared": QT_TRANSLATE_NOOP("Reconciliation", "Received,\nnot declared"),
    "duplicate_tags": QT_TRANSLATE_NOOP("Reconciliation", "Duplicate\ntags"),
    "declared_total_mismatch": QT_TRANSLATE_NOOP("Reconciliation", "Total ≠\nreceived"),
    "bag_count_mismatch": QT_TRANSLATE_NOOP("Reconciliation", "Bags ≠\ndeclared"),
    "broken_seals": QT_TRANSLATE_NOOP("Reconciliation", "Broken\nseals"),
    "commingled": QT_TRANSLATE_NOOP("Reconciliation", "Commin-\ngled"),
    "identity_disputed": QT_TRANSLATE_NOOP("Reconciliation", "Identity\ndisputed"),
    "custody_gaps": QT_TRANSLATE_NOOP("Reconciliation", "Custody\ngaps"),
    "open_conflicts": QT_TRANSLATE_NOOP("Reconciliation", "Merge\nconflicts"),
    "probable_duplicates": QT_TRANSLATE_NOOP("Reconciliation", "Probable\nduplicates"),
}


def figure_header(key: str) -> str:
    return QCoreApplication.translate(_CTX, _HEADERS.get(key, key))


def figure_label(key: str) -> str:
    return QCoreApplication.translate(_CTX, _LABELS.get(key, key))


def figure_description(key: str) -> str:
    return QCoreApplication.translate(_CTX, _DESCRIPTIONS.get(key, key))


def _number(value: int) -> str:
    """A count with thin spaces between thousands (read the same in both languages)."""
    return f"{value:,}".replace(",", "\u202f")


__all__ = ["figure_description", "figure_header", "figure_label"]
