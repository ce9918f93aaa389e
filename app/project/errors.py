"""Typed errors the Project raises. Each message is one sentence a user can act on.

Light on purpose: importing this module loads neither SQLAlchemy nor Alembic, so the CLI
and the GUI can catch these errors before (or without) opening a project.
"""

from __future__ import annotations

from app.core.errors import QuotecoderError, ValidationError
from app.storage.errors import (
    ConnectionFailedError,
    ConnectionLostError,
    DamagedProjectError,
    DatabaseError,
    DiskFullError,
    LockedError,
    NewerVersionError,
    NotAProjectError,
    PermissionDeniedError,
    ProjectExistsError,
    ReadOnlyError,
)

__all__ = [
    "QuotecoderError",
    "NotFoundError",
    "ValidationError",
    "DuplicateError",
    "InUseError",
    "StaleEditError",
    "UndoRefusedError",
    "DatabaseError",
    "NotAProjectError",
    "ProjectExistsError",
    "ConnectionFailedError",
    "NewerVersionError",
    "LockedError",
    "DiskFullError",
    "DamagedProjectError",
    "ConnectionLostError",
    "ReadOnlyError",
    "PermissionDeniedError",
]


class NotFoundError(QuotecoderError, LookupError):
    """A document, code, coder, coding or memo that does not exist."""


class DuplicateError(ValidationError):
    """A name already taken where names must be unique."""


class InUseError(QuotecoderError):
    """Refused because something still depends on it (codings on a code, say)."""


class StaleEditError(ValidationError):
    """An edit made on an older version of a code than the stored one (another coder changed it meanwhile)."""


class UndoRefusedError(QuotecoderError):
    """Undoing would destroy or overwrite what another coder did since."""
