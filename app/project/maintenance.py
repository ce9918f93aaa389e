"""``quotecoder check`` and ``quotecoder backup``: look a project over, copy it safely.

Both work on a target (path or URL) without opening it as a Project: a damaged file must
still be checkable, and neither may change what it looks at (no migration, no WAL switch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.project.errors import DatabaseError, ProjectExistsError, ValidationError

__all__ = ["CheckResult", "CheckReport", "check", "backup", "is_server", "pg_dump_hint"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    title: str
    problems: tuple[str, ...] = ()
    count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title, "ok": self.ok, "count": self.count,
                "problems": list(self.problems)}


@dataclass(frozen=True)
class CheckReport:
    project: str
    schema_revision: str | None
    expected_revision: str
    checks: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def to_json(self) -> dict:
        return {"project": self.project, "ok": self.ok, "schema_revision": self.schema_revision,
                "expected_revision": self.expected_revision, "checks": [c.to_json() for c in self.checks]}


def check(target: str | Path) -> CheckReport:
    """Every check, read-only. A file that cannot even be read is reported, not raised."""
    from app.storage.database import Database
    from app.storage.errors import DamagedProjectError, NotAProjectError
    from app.storage.health import CHECKS, LIMIT, SQLITE_ONLY
    from app.storage.migrations import head_revision, known_revisions

    expected = head_revision()
    db = Database(target)
    where = db.display_name
    try:
        if db.path is not None:
            db.probe_sqlite()  # not there, a folder, not a database: refuse like open does
            db.dispose()
            db = Database(target, read_only=True)
        else:
            db.check_connection()
    except DamagedProjectError as exc:
        db.dispose()
        return CheckReport(where, None, expected, (CheckResult("integrity", "SQLite integrity check", (str(exc),), 1),))
    except NotAProjectError:
        db.dispose()
        raise
    results: list[CheckResult] = []
    revision = None
    try:
        with db.engine.connect() as conn:
            from sqlalchemy import inspect, text

            tables = set(inspect(conn).get_table_names())
            if "project_info" not in tables or "alembic_version" not in tables:
                raise NotAProjectError(f"{where} is not a Quotecoder project")
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            schema = [] if revision == expected else [
                f"schema revision {revision} is newer than this Quotecoder knows ({expected}); update Quotecoder"
                if revision not in known_revisions() else
                f"schema revision {revision} is older than {expected}; opening the project upgrades it"]
            results.append(CheckResult("schema", "schema version", tuple(schema), len(schema)))
            for name, title, run in CHECKS:
                if name in SQLITE_ONLY and conn.dialect.name != "sqlite":
                    continue
                try:
                    problems = run(conn)
                except DatabaseError as exc:  # malformed pages met by the query itself
                    problems = [str(exc)]
                results.append(CheckResult(name, title, tuple(problems[:LIMIT]), len(problems)))
    except DamagedProjectError as exc:
        results.append(CheckResult("integrity", "SQLite integrity check", (str(exc),), 1))
    finally:
        db.dispose()
    return CheckReport(where, revision, expected, tuple(results))


def is_server(target: str | Path) -> bool:
    """Whether ``target`` names a database server (a URL) rather than a project file."""
    return isinstance(target, str) and "://" in target


def pg_dump_hint(target: str) -> str:
    from app.storage.database import Database

    db = Database(target)
    try:
        shown = db.display_name
    finally:
        db.dispose()
    return (f"{shown} is a PostgreSQL project: back it up with the server's own tool, for example\n"
            f"  pg_dump --format=custom --file=project.dump '{shown}'\n"
            f"and restore it with pg_restore --dbname=URL project.dump (see the PostgreSQL manual).")


def backup(target: str | Path, dest: str | Path, now: datetime | None = None) -> Path:
    """Copy a SQLite project to ``dest`` (a new file, or a folder to put a dated copy in); return the copy."""
    from app.storage.backup import copy_sqlite
    from app.storage.database import Database, is_url

    if is_url(target):
        raise ValidationError("quotecoder backup copies SQLite projects; for PostgreSQL use pg_dump")
    db = Database(target)
    try:
        db.probe_sqlite()
    finally:
        db.dispose()
    source = Path(target).expanduser().resolve()
    out = Path(dest).expanduser()
    if out.is_dir():
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        out = out / f"{source.stem}-{stamp}{source.suffix or '.qcp'}"
    if out.exists():
        raise ProjectExistsError(f"{out} already exists; choose another name or folder")
    if not out.parent.is_dir():
        raise ValidationError(f"folder {out.parent} does not exist")
    if out.resolve() == source:
        raise ValidationError("the backup must not be the project itself")
    copy_sqlite(source, out)
    return out
