"""The errors a project database can raise, as the project's own types (no SQLAlchemy here).

This module imports nothing heavy, so the CLI and the GUI can name these errors
without loading the storage layer. :mod:`app.storage.database` turns driver
errors into them at the one place every statement passes (``handle_error``), so
no layer above ever sees "database is locked" or "disk image is malformed" raw.
"""

from __future__ import annotations

from app.core.errors import QuotecoderError

__all__ = [
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


class DatabaseError(QuotecoderError):
    """The project database could not be used; the message says why and what to do."""


class NotAProjectError(DatabaseError):
    pass


class ProjectExistsError(DatabaseError):
    pass


class ConnectionFailedError(DatabaseError):
    pass


class NewerVersionError(DatabaseError):
    pass


class LockedError(DatabaseError):
    """Another program held the project's write lock for longer than the busy timeout."""


class DiskFullError(DatabaseError):
    """The disk (or the database server's disk) has no room; nothing of the failed edit was written."""


class DamagedProjectError(DatabaseError):
    """The project file is corrupt (truncated, overwritten, "disk image is malformed")."""


class ConnectionLostError(ConnectionFailedError):
    """The PostgreSQL server went away in the middle of a unit of work."""


class ReadOnlyError(DatabaseError):
    """An edit on a project opened read-only (the file or its folder cannot be written)."""


class PermissionDeniedError(DatabaseError):
    """The database refused a change this login may not make (team projects: grants and RLS)."""
