"""Copies of a SQLite project with SQLite's online backup (WAL included, safe while it is open)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.storage.database import read_only_query, translate_error
from app.storage.errors import DamagedProjectError


def copy_sqlite(source: Path, dest: Path) -> None:
    """Copy ``source`` to ``dest`` (which must not exist) page by page, check the copy, then move it in place.

    The copy is written beside ``dest`` under a temporary name and renamed only once it passed
    ``PRAGMA integrity_check``, so a half-written or damaged copy never carries the final name.
    """
    partial = dest.with_name(f".{dest.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise translate_error(exc, str(source)) or exc from None
    finally:
        partial.unlink(missing_ok=True)


def restore_sqlite(backup: Path, project: Path) -> None:
    """Write the pages of ``backup`` over the (closed) project ``project``, through SQLite, WAL and all."""
    try:
        src = sqlite3.connect(f"{backup.as_uri()}?{read_only_query(backup)}", uri=True)
        try:
            out = sqlite3.connect(project)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=WAL")
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise translate_error(exc, str(project)) or exc from None


def _copy(source: Path, partial: Path) -> None:
    src = sqlite3.connect(f"{source.as_uri()}?{read_only_query(source)}", uri=True)
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
    finally:
        src.close()
    if verdict != "ok":
        raise DamagedProjectError(f"the copy of {source} fails its integrity check ({verdict}); "
                                  f"the project itself may be damaged: run 'quotecoder check' on it")
