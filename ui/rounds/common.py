"""What the rounds' list and dialogs share: who may manage rounds, and how an optional number
is shown and read.
"""

from __future__ import annotations

from app.services.context import CAN_MANAGE_ROUNDS, AppContext


def can_manage_rounds(ctx: AppContext) -> bool:
    return ctx.user is not None and ctx.user.role in CAN_MANAGE_ROUNDS


def int_or_none(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


def number_text(value: int | None) -> str:
    return "" if value is None else str(value)
