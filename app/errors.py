"""Errors the services raise. Each carries one sentence a user can act on."""

from __future__ import annotations


class RepatError(Exception):
    """Base class: ``str(err)`` is a complete sentence for the user."""


class ValidationError(RepatError):
    """Input that the services refuse (a missing field, a bad value)."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class PermissionDenied(RepatError):
    """The current user's role may not do this."""


class AuthenticationError(RepatError):
    """Wrong user name or password."""


class NotFound(RepatError):
    """A record asked for by number or id does not exist."""


class DatabaseError(RepatError):
    """The database cannot be opened or written (read-only, full, locked, not Repat's)."""


class StaleEdit(RepatError):
    """The record changed since it was opened; the caller must reload and choose."""

    def __init__(self, message: str, changed_fields: dict[str, tuple[object, object]] | None = None) -> None:
        super().__init__(message)
        self.changed_fields = changed_fields or {}
