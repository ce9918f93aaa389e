"""The Project service: the one object the CLI and the GUI hold (see service.py).

``Project`` (and the storage layer under it) loads when first named, so importing
``app.project.errors`` stays light.
"""

from app.core.records import Edit
from app.project.errors import (
    ConnectionFailedError,
    ConnectionLostError,
    DamagedProjectError,
    DatabaseError,
    DiskFullError,
    DuplicateError,
    InUseError,
    LockedError,
    NewerVersionError,
    NotAProjectError,
    NotFoundError,
    PermissionDeniedError,
    ProjectExistsError,
    QuotecoderError,
    ReadOnlyError,
    ValidationError,
)

__all__ = [
    "ConnectionFailedError",
    "ConnectionLostError",
    "DamagedProjectError",
    "DatabaseError",
    "DiskFullError",
    "DuplicateError",
    "Edit",
    "InUseError",
    "LockedError",
    "NewerVersionError",
    "NotAProjectError",
    "NotFoundError",
    "PermissionDeniedError",
    "PROJECT_SUFFIX",
    "Project",
    "ProjectExistsError",
    "QuotecoderError",
    "ReadOnlyError",
    "ValidationError",
]


def __getattr__(name: str):
    if name in ("Project", "PROJECT_SUFFIX"):
        from app.project import service

        return getattr(service, name)
    raise AttributeError(f"module 'app.project' has no attribute {name!r}")
