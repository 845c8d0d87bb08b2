"""Drafts: what the user is typing in a form (the intake form's ``INTAKE_DRAFT``), kept across sessions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select

from app.persistence.models import Draft
from app.persistence.versioning import utcnow
from app.services.context import AppContext

INTAKE_DRAFT = "intake"


def save_draft(ctx: AppContext, payload: dict[str, Any], kind: str = INTAKE_DRAFT) -> None:
    """Keep what the user is typing; a separate short transaction, so it survives a power cut."""
    user = ctx.require()
    text_ = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    with ctx.reading() as session:
        draft = session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.kind == kind))
        if draft is None:
            session.add(Draft(user_id=user.id, kind=kind, payload=text_, updated_at=utcnow()))
        elif draft.payload != text_:
            draft.payload = text_
            draft.updated_at = utcnow()


def load_draft(ctx: AppContext, kind: str = INTAKE_DRAFT) -> dict[str, Any] | None:
    user = ctx.require()
    with ctx.reading() as session:
        text_ = session.scalar(select(Draft.payload).where(Draft.user_id == user.id, Draft.kind == kind))
    if not text_:
        return None
    try:
        value = json.loads(text_)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def discard_draft(ctx: AppContext, kind: str = INTAKE_DRAFT) -> None:
    user = ctx.require()
    with ctx.reading() as session:
        session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.kind == kind))

