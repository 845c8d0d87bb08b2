"""Who is working, on which device and database: the object every service receives."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import Role
from app.errors import PermissionDenied
from app.ids import HybridLogicalClock
from app.persistence.db import Database
from app.persistence.models import RowVersion
from app.persistence.versioning import Actor


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    full_name: str
    role: Role


@dataclass
class AppContext:
    """The database, this device and the logged-in user."""

    db: Database
    device_code: str
    user: UserInfo | None = None
    clock: HybridLogicalClock = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.clock = HybridLogicalClock(self.device_code)
        with self.db.session_factory() as session:
            latest = session.scalar(select(func.max(RowVersion.hlc)))
        if latest:
            self.clock.observe(latest)

    @property
    def actor(self) -> Actor:
        user = self.user
        return Actor(
            user_id=user.id if user else None,
            username=user.username if user else "",
            device_code=self.device_code,
            clock=self.clock,
        )

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose changes are versioned as this user on this device, committed at the end."""
        with self.db.session(write=True) as session:
            session.info["actor"] = self.actor
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def require(self, *roles: Role) -> UserInfo:
        """The logged-in user, who must hold one of ``roles`` (any role when none are given)."""
        if self.user is None:
            raise PermissionDenied("Log in first.")
        if roles and self.user.role not in roles:
            raise PermissionDenied(
                f"Your role ({self.user.role.value.replace('_', ' ')}) may not do this; "
                f"it needs: {', '.join(r.value.replace('_', ' ') for r in roles)}."
            )
        return self.user


# Who may do what. Services name the capability; the table names the roles.
CAN_RECORD_INTAKE = (Role.FIELD_OFFICER, Role.SUPERVISOR)
CAN_MANAGE_ROUNDS = (Role.FIELD_OFFICER, Role.SUPERVISOR)
CAN_MANAGE_ACCOUNTS = (Role.SUPERVISOR,)
CAN_ISSUE_CERTIFICATES = (Role.CLERK, Role.SUPERVISOR)
# The register holds what families told about their missing relatives: supervisors only.
CAN_IMPORT_REGISTER = (Role.SUPERVISOR,)
CAN_READ_REGISTER = (Role.SUPERVISOR,)
