"""The storage layer's errors, importable without loading SQLAlchemy or Alembic.

:mod:`app.project.errors` re-exports them, so the GUI and the CLI can catch them at
start-up for the price of a few class definitions.
"""

from __future__ import annotations

from app.core.errors import QuotecoderError

__all__ = ["DatabaseError", "NotAProjectError", "ProjectExistsError", "ConnectionFailedError", "NewerVersionError"]


class DatabaseError(QuotecoderError):
    """The project database could not be used; the message says why and what to do."""


class NotAProjectError(DatabaseError):
    pass


class ProjectExistsError(DatabaseError):
    pass


class ConnectionFailedError(DatabaseError):
    pass


class NewerVersionError(DatabaseError):
    """The project was written by a newer Quotecoder (a schema revision this version does not know)."""
