"""Typed errors the Project raises. Each message is one sentence a user can act on.

Importing this module loads no database library (see app/storage/errors.py).
"""

from __future__ import annotations

from app.core.errors import QuotecoderError, ValidationError
from app.storage.errors import (
    ConnectionFailedError,
    DatabaseError,
    NewerVersionError,
    NotAProjectError,
    ProjectExistsError,
)

__all__ = [
    "QuotecoderError",
    "NotFoundError",
    "ValidationError",
    "DuplicateError",
    "InUseError",
    "DatabaseError",
    "NotAProjectError",
    "ProjectExistsError",
    "ConnectionFailedError",
    "NewerVersionError",
]


class NotFoundError(QuotecoderError, LookupError):
    """A document, code, coder, coding or memo that does not exist."""


class DuplicateError(ValidationError):
    """A name already taken where names must be unique."""


class InUseError(QuotecoderError):
    """Refused because something still depends on it (codings on a code, say)."""
