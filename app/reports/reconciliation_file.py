"""The reconciliation report written to a file (``write_report``): built afresh by the services
(``app.services.reconciliation.report.build_report``), rendered by ``app.reports.reconciliation``
as PDF or CSV, and written all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError
from app.progress import CancelToken
from app.services.context import AppContext
from app.services.reconciliation.report import build_report
from app.services.reconciliation.round_figures import Progress


@dataclass(frozen=True)
class WrittenReport:
    path: str
    format: str
    rounds: int
    pages: int  # 0 for CSV


def write_report(
    ctx: AppContext,
    path: str,
    fmt: str,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    discrepancies_csv: bool = False,
    details: bool = True,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> WrittenReport:
    """Write the reconciliation report as PDF (bilingual) or CSV, all or nothing."""
    from app.documents.output import check_writable, write_atomically
    from app.reports.reconciliation import render_csv, render_discrepancies_csv, render_pdf

    if fmt not in ("pdf", "csv"):
        raise ValidationError(f"Unknown report format {fmt}; use pdf or csv.")
    check_writable(path)
    report = build_report(ctx, round_ids, date_from=date_from, date_to=date_to,
                          details=details and (fmt == "pdf" or discrepancies_csv), progress=progress, token=token)
    if fmt == "pdf":
        pdf = render_pdf(report, token=token)
        written = write_atomically(path, pdf.data)
        return WrittenReport(str(written), fmt, len(report.rounds), pdf.pages)
    data = render_discrepancies_csv(report) if discrepancies_csv else render_csv(report)
    written = write_atomically(path, data.encode("utf-8-sig"))
    return WrittenReport(str(written), fmt, len(report.rounds), 0)
