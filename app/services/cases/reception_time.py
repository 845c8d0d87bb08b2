"""When a bag was actually received: parsing and checking the reception time of an intake.

A bag recorded as it is scanned is received "now". A bag typed in later from a paper form
carries the time written on the form: the case keeps that time in ``received_at`` (the case
sheet, the reconciliation's per-day figures and the dashboard read it), while its row version
keeps when it was typed and by whom.

Rules (the same for the intake form, ``repat intake`` and its CSV):

- a time more than ``FUTURE_TOLERANCE`` ahead of this computer's clock is refused;
- a time on a day before the round's date is refused (correct the round's date, or choose the
  round the bag belongs to);
- a time after the round's days (its date and the next day, for a handover that runs past
  midnight) needs a stated reason, kept with the "received" custody event.

Times without a zone are local wall-clock times, as written on the paper form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from app.errors import ValidationError

FUTURE_TOLERANCE = timedelta(minutes=2)  # two laptops' clocks may differ a little
ROUND_DAYS = 2  # the round's date and the day after it
MAX_REASON = 500

_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
)


def parse(text: str) -> datetime:
    """A reception time typed as ``YYYY-MM-DD HH:MM[:SS]`` (or ``DD.MM.YYYY HH:MM``, or ISO 8601
    with a zone). Without a zone the time is local. Raises ``ValidationError`` in one sentence."""
    value = " ".join(text.split())
    if value:
        for fmt in _FORMATS:
            try:
                return datetime.strptime(value, fmt)
            except ValueError:
                continue
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and ":" in value:  # a date alone is not a time
            return parsed
    raise ValidationError(
        f"\u201c{text.strip()}\u201d is not a reception time written YYYY-MM-DD HH:MM (e.g. 2025-06-11 14:30).",
        {"received_at": "unparsable"},
    )


def to_utc(value: datetime) -> datetime:
    """Naive UTC to the millisecond, as the database stores it; a naive ``value`` is local time."""
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.replace(microsecond=(utc.microsecond // 1000) * 1000)


def local_text(value_utc: datetime) -> str:
    return value_utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Reception:
    at: datetime  # naive UTC
    late_reason: str  # why it lies after the round's days ("" when it does not)


def check(value: datetime | None, round_date: date, reason: str, now: datetime) -> Reception:
    """The reception time to store for ``value`` (None: ``now``, naive UTC) in a round of ``round_date``."""
    if value is None:
        return Reception(now, "")
    at = to_utc(value)
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise ValidationError(
            f"The reason for the reception time is longer than {MAX_REASON} characters.", {"received_at": "reason"}
        )
    shown = local_text(at)
    if at > now + FUTURE_TOLERANCE:
        raise ValidationError(
            f"The reception time {shown} lies in the future; check the date and time.", {"received_at": "future"}
        )
    day = at.replace(tzinfo=UTC).astimezone().date()
    if day < round_date:
        raise ValidationError(
            f"The reception time {shown} is before the round's date ({round_date.isoformat()}); "
            "check the date, or choose the round the bag belongs to.",
            {"received_at": "before_round"},
        )
    last = round_date + timedelta(days=ROUND_DAYS - 1)
    if day > last and not reason:
        raise ValidationError(
            f"The reception time {shown} is after the round's days ({round_date.isoformat()} to "
            f"{last.isoformat()}); give the reason the bag was received later.",
            {"received_at": "reason"},
        )
    return Reception(at, reason if day > last else "")
