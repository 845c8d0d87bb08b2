"""Devices (the installations), user accounts and the roles each installation grants them."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import UUID_LEN, Base, SyncedMixin
from app.persistence.models.keys import KEY_CLASH, key_clash_column, unique_unless_shared


class Device(SyncedMixin, Base):
    """One laptop (or the headquarters server). ``code`` is used in case numbers."""

    __tablename__ = "devices"
    __table_args__ = (unique_unless_shared("devices", "code"),)
    local_columns = (KEY_CLASH,)

    # unique on the device that sets it up; shared after a re-installation under the same code
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    public_key: Mapped[str | None] = mapped_column(Text)  # Ed25519, base64 raw
    trusted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    key_clash = key_clash_column()


class User(SyncedMixin, Base):
    __tablename__ = "users"

    # Not unique: the same user name made on two laptops stays two accounts after an import (the
    # supervisor is told); the services refuse a taken name locally.
    username: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    full_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


ROLE_GRANT_NAMESPACE = uuid.UUID("8f1d2c4e-5b7a-4e93-a0c6-2d9e71b3f548")


def role_grant_id(user_id: str, device_id: str) -> str:
    """The id of the role one installation grants an account: one row per account and
    installation, so a laptop's grants and the headquarters' never overwrite one another."""
    return str(uuid.uuid5(ROLE_GRANT_NAMESPACE, f"{user_id}:{device_id}"))


class RoleGrant(SyncedMixin, Base):
    """The role an installation (``device_id``) gives an account, or none (``role`` empty,
    ``active`` false). Its id is ``role_grant_id`` of the pair. An account's own role field
    says what it was made as on its laptop; where it may act is decided by the grants (and the
    account's versions) written by the installations that decide here: this one and the
    headquarters it names (see ``app.services.admin.accounts.access_of``). A grant row a bundle
    carries counts only through the versions its own installation wrote."""

    __tablename__ = "role_grants"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    device_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
