"""Errors the services raise. Each carries one sentence a user can act on."""

from __future__ import annotations

import errno


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


def os_reason(exc: OSError) -> str:
    """Why a file could not be written, in a few words ("the disk is full")."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EFBIG:  # a FAT32 stick takes no file of 4 GB or more
        return "the file is too big for this disk"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    return exc.strerror or str(exc)
