"""Automatic rolling backups of SQLite projects, and restoring one (File › Restore Backup…).

Backups live beside the project in ``NAME.qcp.backups/`` as ``NAME-YYYYmmdd-HHMMSS.qcp``,
each a checked SQLite online-backup copy (see :mod:`app.storage.backup`). ``rolling_backup``
is called when the app opens a project: at most one a day, keeping the newest ``keep``.
Restoring first backs up the project as it is, so a restore can itself be undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.project.errors import NotFoundError, ValidationError

__all__ = ["BackupInfo", "DEFAULT_KEEP", "folder_for", "list_backups", "rolling_backup", "take_backup",
           "restore_backup"]

DEFAULT_KEEP = 7
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int


def folder_for(project: Path) -> Path:
    return project.with_name(f"{project.name}.backups")


def list_backups(project: Path) -> list[BackupInfo]:
    """The project's backups, newest first."""
    folder = folder_for(project)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(project.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(project.suffix)}")
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group(1), _STAMP)
            found.append((taken, int(match.group(2) or 0), BackupInfo(path, taken, path.stat().st_size)))
    # Two in the same second are told apart by their counter (-1, -2…), the later one first.
    return [info for *_key, info in sorted(found, key=lambda f: f[:2], reverse=True)]


def take_backup(project: Path, now: datetime | None = None) -> Path:
    """One backup now, whatever the day's count."""
    from app.storage.backup import copy_sqlite

    folder = folder_for(project)
    folder.mkdir(exist_ok=True)
    base = f"{project.stem}-{(now or datetime.now()).strftime(_STAMP)}"
    dest, n = folder / f"{base}{project.suffix}", 1
    while dest.exists():
        dest, n = folder / f"{base}-{n}{project.suffix}", n + 1
    copy_sqlite(project, dest)
    return dest


def rolling_backup(project: Path, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Path | None:
    """Back up ``project`` unless today's backup exists (or ``keep`` is 0); keep the newest ``keep``."""
    if keep <= 0:
        return None
    now = now or datetime.now()
    made = None
    if not any(b.taken.date() == now.date() for b in list_backups(project)):
        made = take_backup(project, now)
    for old in list_backups(project)[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def restore_backup(project: Path, backup: Path, now: datetime | None = None) -> Path:
    """Put ``backup`` in place of the (closed) ``project``; returns the backup made of it first."""
    from app.storage.backup import restore_sqlite

    if backup.resolve().parent != folder_for(project).resolve():
        raise ValidationError(f"{backup} is not one of {project.name}'s backups")
    if not backup.is_file():
        raise NotFoundError(f"the backup {backup} is gone")
    safety = take_backup(project, now)
    restore_sqlite(backup, project)
    return safety
