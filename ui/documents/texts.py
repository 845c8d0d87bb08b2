"""The translated names and messages of the documents window (context "Documents"): certificate
kinds and statuses, the reasons a draft cannot be issued, and an error as the user reads it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.documents.certificate_forms import IssueRefused, Problem

from ui.widgets.service_messages import user_message

_CTX = "Documents"

KIND_LABELS = {
    "acceptance": QT_TRANSLATE_NOOP("Documents", "Acceptance from the sending side"),
    "transfer": QT_TRANSLATE_NOOP("Documents", "Transfer to a forensic institution"),
    "release": QT_TRANSLATE_NOOP("Documents", "Release to the family"),
}
STATUS_LABELS = {
    "draft": QT_TRANSLATE_NOOP("Documents", "Draft"),
    "issued": QT_TRANSLATE_NOOP("Documents", "Issued"),
    "void": QT_TRANSLATE_NOOP("Documents", "Void"),
}
PARTY_NAMES = {
    "sending": QT_TRANSLATE_NOOP("Documents", "the sending party"),
    "receiving": QT_TRANSLATE_NOOP("Documents", "the receiving party"),
    "intermediary": QT_TRANSLATE_NOOP("Documents", "the intermediary"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def kind_label(kind: str) -> str:
    return _tr(str(KIND_LABELS.get(kind, kind)))


def status_label(status: str) -> str:
    return _tr(str(STATUS_LABELS.get(status, status)))


def problem_text(problem: Problem) -> str:
    """One reason a draft cannot be issued, in the user's language."""
    translate = QCoreApplication.translate
    party = _tr(str(PARTY_NAMES.get(problem.party, problem.party)))
    texts = {
        "no_cases": translate("Documents", "the certificate lists no cases"),
        "no_place": translate("Documents", "the place is missing"),
        "party_unnamed": translate("Documents", "%1 is not named"),
        "no_representative": translate("Documents", "%1 has no representative"),
        "no_witness": translate("Documents", "there is no witness"),
        "correction_target_gone": translate("Documents", "the certificate it corrects is no longer issued"),
        "already_on_certificate": translate(
            "Documents", "these cases are already on an issued certificate of this kind: %2"
        ),
    }
    witness = problem.role == "witness"
    if problem.code == "person_no_name":
        text = (
            translate("Documents", "witness %3 of %1 has no name")
            if witness
            else translate("Documents", "representative %3 of %1 has no name")
        )
    elif problem.code == "person_no_document":
        text = (
            translate("Documents", "witness %3 of %1 (%4) has no identity document")
            if witness
            else translate("Documents", "representative %3 of %1 (%4) has no identity document")
        )
    else:
        text = texts.get(problem.code, problem.text)
    return (
        text.replace("%1", party).replace("%2", problem.detail).replace("%3", str(problem.index))
        .replace("%4", problem.name or translate("Documents", "no name"))
    )


def error_text(exc: BaseException) -> str:
    if isinstance(exc, IssueRefused):
        head = QCoreApplication.translate("Documents", "Certificate %1 cannot be issued yet:")
        lines = [head.replace("%1", exc.number)]
        lines += ["• " + problem_text(p) for p in exc.problems]
        return "\n".join(lines)
    return user_message(exc)
