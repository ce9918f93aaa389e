"""Connecting to a project database: a SQLite file or a PostgreSQL server.

``open_database`` connects, recognises whether the target is a Quotecoder
project at all, and brings its schema to the current revision (see
:mod:`app.storage.migrations`). SQLite runs in WAL mode with foreign keys on
and a busy timeout, so a crash loses at most the edit in flight and a second
reader never blocks the writer.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import QuotecoderError

__all__ = [
    "Database",
    "DatabaseError",
    "NotAProjectError",
    "ProjectExistsError",
    "ConnectionFailedError",
    "is_url",
    "make_url",
]

BUSY_TIMEOUT_MS = 10_000


class DatabaseError(QuotecoderError):
    """The project database could not be used; the message says why and what to do."""


class NotAProjectError(DatabaseError):
    pass


class ProjectExistsError(DatabaseError):
    pass


class ConnectionFailedError(DatabaseError):
    pass


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def make_url(target: str | Path) -> str:
    """SQLAlchemy URL for a project path or a postgresql:// URL (psycopg 3 driver)."""
    if is_url(target):
        url = str(target)
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        if url.startswith(("postgresql+", "sqlite://")):
            return url
        raise DatabaseError(f"unsupported database URL '{url}': use a file path or a postgresql:// URL")
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """An engine and a session factory for one project."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.url = make_url(target)
        self.path: Path | None = None if is_url(target) else Path(target).expanduser().resolve()
        if self.is_sqlite:
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def check_connection(self) -> None:
        """Connect once; turn driver errors into a sentence a user can act on."""
        try:
            with self.engine.connect() as conn:
                inspect(conn).get_table_names()
        except (OperationalError, DBAPIError) as exc:
            orig = getattr(exc, "orig", exc)
            if isinstance(orig, sqlite3.DatabaseError) and "not a database" in str(orig):
                raise NotAProjectError(f"{self.target} is not a Quotecoder project (not a database file)") from None
            raise ConnectionFailedError(f"cannot connect to {self.display_name}: {_first_line(orig)}") from None

    def probe_sqlite(self) -> set[str]:
        """Tables of an existing SQLite file, read without changing it (read-only, no WAL switch).

        Opening a file that is not ours must leave it exactly as it was, so this
        looks before the engine (which sets WAL mode) ever connects.
        """
        assert self.path is not None
        if not self.path.exists():
            raise NotAProjectError(f"{self.path} does not exist; create a project with 'quotecoder init'")
        if self.path.is_dir():
            raise NotAProjectError(f"{self.path} is a folder, not a project file")
        try:
            conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            try:
                rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise NotAProjectError(f"{self.path} is not a Quotecoder project (not a database file)") from None
            raise ConnectionFailedError(f"cannot read {self.path}: {exc}") from None
        return {name for (name,) in rows}

    def table_names(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(inspect(conn).get_table_names())

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return str(self.path)
        # Never show a password from the URL.
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends normally, rolls back otherwise.

        A connection that drops mid-edit (a PostgreSQL server gone) is reported as a
        ConnectionFailedError saying the edit was not saved; the pool reconnects on the next one.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            if not exc.connection_invalidated:  # a disconnect, not a lock or a bad statement
                raise
            raise ConnectionFailedError(
                f"the edit could not be written: the connection to {self.display_name} failed "
                f"({_first_line(exc.orig)}); nothing was saved, try again once it is back"
            ) from None

    def reader(self) -> Session:
        """A session for reading only (the caller closes it)."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
