"""The letter for the family liaison officers about one round (``render_letter``, ``write_letter``).

Its figures are the round's reconciliation figures, gathered the way the reconciliation report
gathers them (``app.services.reconciliation.report.build_report``, computed afresh, without the
discrepancy list): the letter and the report of a round never disagree. Of the round it takes
the code, the date and the place; of the figures only the counts ``app.documents.liaison_letter``
prints. No name, tag or birth date is read, so none can be printed. Anyone logged in may write
it, as anyone logged in may write the reconciliation report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from app.progress import CancelToken
from app.services.context import AppContext
from app.services.documents.certificate_forms import Progress, RenderedDocument
from app.services.reconciliation.report import build_report

if TYPE_CHECKING:  # ReportLab is imported when a letter is first made, not at start-up
    from app.documents.liaison_letter import LetterData


@dataclass(frozen=True)
class WrittenLetter:
    path: str
    round_code: str
    document: RenderedDocument


def file_name(round_code: str) -> str:
    """The file name a letter about the round is offered under."""
    return "letter-" + re.sub(r"[^\w.-]+", "_", round_code) + ".pdf"


def letter_data(
    ctx: AppContext, round_id: str, *, progress: Progress | None = None, token: CancelToken | None = None
) -> LetterData:
    """The ``LetterData`` of a round: its reconciliation figures as of now."""
    from app.documents.liaison_letter import FIGURES, LetterData

    report = build_report(ctx, [round_id], details=False, progress=progress, token=token)
    fig = report.rounds[0]
    as_of = report.generated_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None, second=0, microsecond=0)
    return LetterData(
        round_code=fig.code,
        round_date=fig.round_date,
        place=str(report.round_details.get(fig.round_id, {}).get("place") or ""),
        figures={key: fig[key] for key in FIGURES},
        as_of=as_of,
        printed_by=report.generated_by,
    )


def render_letter(
    ctx: AppContext, round_id: str, *, progress: Progress | None = None, token: CancelToken | None = None
) -> RenderedDocument:
    """The letter about one round as PDF (one A4 page)."""
    from app.documents.liaison_letter import TITLE, render_liaison_letter

    data = letter_data(ctx, round_id, progress=progress, token=token)
    if token is not None:
        token.check()
    pdf = render_liaison_letter(data, progress=progress, token=token)
    return RenderedDocument(pdf.data, pdf.pages, f"{TITLE[1]} {data.round_code}", file_name(data.round_code),
                            data.round_code)


def write_letter(
    ctx: AppContext,
    round_id: str,
    path: str,
    *,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> WrittenLetter:
    """Write the letter about one round to ``path``, all or nothing; a target that cannot be
    written is refused before anything is computed."""
    from app.documents.output import check_writable

    check_writable(path)
    document = render_letter(ctx, round_id, progress=progress, token=token)
    return WrittenLetter(document.save(path), document.number, document)
