"""What a reconciliation report prints (``ReconciliationReport``), gathered afresh from the
figures and the discrepancy list (``build_report``), and the rounds as users name them
(``round_ids_for_codes``). ``app.reports`` renders and writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from app.errors import NotFound
from app.persistence.models import Round
from app.persistence.versioning import utcnow
from app.progress import CancelToken
from app.services.context import AppContext
from app.services.reconciliation.cache import figures
from app.services.reconciliation.explanations import DiscrepancyItem, list_discrepancies
from app.services.reconciliation.round_figures import Progress, RoundFigures, total


@dataclass
class ReconciliationReport:
    """What a reconciliation report prints (computed afresh, never from the cache)."""

    rounds: list[RoundFigures]
    totals: RoundFigures
    items: list[DiscrepancyItem] | None
    scope: str  # e.g. "R-2026-06-01" or "2026-06-01 – 2026-06-30"
    date_from: date | None
    date_to: date | None
    generated_at: datetime
    generated_by: str
    round_details: dict[str, dict[str, Any]]  # round_id -> place, parties, agreement


def build_report(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    details: bool = True,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> ReconciliationReport:
    """The reconciliation of the chosen rounds (all when neither rounds nor dates are given)."""
    user = ctx.require()
    rows = figures(ctx, round_ids, date_from=date_from, date_to=date_to, fresh=True, progress=progress, token=token)
    if not rows:
        raise NotFound("No round matches the chosen rounds and period.")
    if token is not None:
        token.check()
    ids = [r.round_id for r in rows]
    items = list_discrepancies(ctx, ids) if details else None
    with ctx.reading() as session:
        info = {
            r.id: {"place": r.place, "sending_party": r.sending_party, "receiving_party": r.receiving_party,
                   "intermediary": r.intermediary, "agreement_ref": r.agreement_ref}
            for r in session.scalars(select(Round).where(Round.id.in_(ids)))
        }
    if date_from or date_to:
        scope = f"{date_from.isoformat() if date_from else '…'} – {date_to.isoformat() if date_to else '…'}"
        if round_ids:
            scope = ", ".join(r.code for r in rows) + f" ({scope})"
    else:
        scope = ", ".join(r.code for r in rows) if round_ids else "all"
    return ReconciliationReport(
        rounds=rows, totals=total(rows), items=items, scope=scope, date_from=date_from, date_to=date_to,
        generated_at=utcnow(), generated_by=user.full_name or user.username, round_details=info,
    )


def round_ids_for_codes(ctx: AppContext, codes: Sequence[str]) -> list[str]:
    """Round ids for codes (or ids) as users type them; refuses unknown ones."""
    ctx.require()
    out: list[str] = []
    with ctx.reading() as session:
        for code in codes:
            value = code.strip()
            found = session.scalars(
                select(Round.id).where(or_(Round.code == value, Round.id == value), Round.deleted.is_(False))
            ).all()
            if not found:
                raise NotFound(f"There is no round {value}.")
            out += [f for f in found if f not in out]
    return out
