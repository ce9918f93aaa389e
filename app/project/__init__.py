"""The Project service: the one object the CLI and the GUI hold (see service.py)."""

from app.project.errors import (
    ConnectionFailedError,
    DatabaseError,
    DuplicateError,
    InUseError,
    NewerVersionError,
    NotAProjectError,
    NotFoundError,
    PermissionDeniedError,
    ProjectExistsError,
    QuotecoderError,
    ValidationError,
)
from app.core.records import Edit
from app.project.service import PROJECT_SUFFIX, Project

__all__ = [
    "ConnectionFailedError",
    "DatabaseError",
    "DuplicateError",
    "Edit",
    "InUseError",
    "NewerVersionError",
    "NotAProjectError",
    "NotFoundError",
    "PermissionDeniedError",
    "PROJECT_SUFFIX",
    "Project",
    "ProjectExistsError",
    "QuotecoderError",
    "ValidationError",
]
