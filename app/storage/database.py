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

from app.storage.errors import (
    ConnectionFailedError,
    ConnectionLostError,
    DamagedProjectError,
    DatabaseError,
    DiskFullError,
    LockedError,
    NotAProjectError,
    PermissionDeniedError,
    ProjectExistsError,
    ReadOnlyError,
)

__all__ = [
    "Database",
    "DatabaseError",
    "NotAProjectError",
    "ProjectExistsError",
    "ConnectionFailedError",
    "ConnectionLostError",
    "DamagedProjectError",
    "DiskFullError",
    "LockedError",
    "ReadOnlyError",
    "translate_error",
    "PermissionDeniedError",
    "is_url",
    "make_url",
]

BUSY_TIMEOUT_MS = 10_000


# What a refused table holds, for the message (see app/storage/team.py for who may write what).
_LEAD_ONLY = {
    "codes": "the codebook", "code_patterns": "the codebook", "glossary": "the glossary",
    "documents": "documents", "document_attributes": "documents", "document_originals": "documents",
    "excluded_spans": "documents", "nlp_runs": "NLP results", "sentences": "NLP results",
    "quotes": "NLP results", "entities": "NLP results", "coders": "the coders",
    "project_info": "the project settings",
}
_OWNED = {"codings": "codings", "document_status": "document statuses", "memos": "memos",
          "suggestion_decisions": "suggestion decisions"}


def refusal_message(exc: BaseException) -> str | None:
    """A sentence for a write the database refused (SQLSTATE 42501), or None for other errors."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != "42501":
        return None
    diag = getattr(orig, "diag", None)
    primary = (getattr(diag, "message_primary", None) or _first_line(orig)).strip()
    table = getattr(diag, "table_name", None)
    if table is None:
        for name in (*_LEAD_ONLY, *_OWNED, "audit_log"):
            if f'table "{name}"' in primary or primary.endswith(f"table {name}"):
                table = name
                break
    if table == "audit_log":
        return "the team database refused this: the audit log is append-only, and entries are written as yourself"
    if table in _LEAD_ONLY and "row-level security" not in primary:
        return f"the team database refused this: only leads may change {_LEAD_ONLY[table]}"
    if table in _OWNED or primary.startswith("you may change only"):
        noun = _OWNED.get(table, primary.removeprefix("you may change only your own ").strip())
        return (f"the team database refused this: you may change only your own {noun} "
                "(adjudicators also the consensus coder's; leads everyone's)")
    return f"the team database refused this: {primary}"


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


# FULL: a commit is on the disk (WAL fsynced) before the edit is reported done, so an acknowledged
# edit survives a power loss, not only a crash; bench/bench_durability.py measures what it costs.
SYNCHRONOUS = "FULL"


def _pragmas(synchronous: str, read_only: bool):
    def apply(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:  # switching the journal writes the header; a read-only file is left as it is
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    return apply


class Database:
    """An engine and a session factory for one project."""

    def __init__(self, target: str | Path, read_only: bool = False, synchronous: str | None = None) -> None:
        self.target = target
        self.url = make_url(target)
        self.path: Path | None = None if is_url(target) else Path(target).expanduser().resolve()
        self.read_only = read_only
        if self.is_sqlite:
            timeout = BUSY_TIMEOUT_MS / 1000
            if read_only:
                assert self.path is not None
                uri = f"{self.path.as_uri()}?{read_only_query(self.path)}"
                self.engine: Engine = create_engine(
                    self.url, creator=lambda: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
                )
            else:
                self.engine = create_engine(self.url, connect_args={"timeout": timeout})
            event.listen(self.engine, "connect", _pragmas(synchronous or SYNCHRONOUS, read_only))
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        event.listen(self.engine, "handle_error", self._translate)
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

    def probe_sqlite(self) -> tuple[set[str], str | None]:
        """Tables and schema revision of an existing SQLite file, read without changing it.

        Opening a file that is not ours, or one we will refuse, must leave it exactly as it was
        and put nothing beside it, so this looks (read-only, no WAL switch) before the engine
        ever connects.
        """
        assert self.path is not None
        if not self.path.exists():
            raise NotAProjectError(f"{self.path} does not exist; create a project with 'quotecoder init'")
        if self.path.is_dir():
            raise NotAProjectError(f"{self.path} is a folder, not a project file")
        _check_header(self.path)
        try:
            conn = sqlite3.connect(f"{self.path.as_uri()}?{read_only_query(self.path)}", uri=True)
            try:
                rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
                tables = {name for (name,) in rows}
                revision = None
                if "alembic_version" in tables:
                    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                    revision = found[0] if found else None
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise NotAProjectError(f"{self.path} is not a Quotecoder project (not a database file)") from None
            if "malformed" in str(exc):
                raise DamagedProjectError(f"{self.path} is damaged ({exc}); run 'quotecoder check' on it, then "
                                          f"restore a backup (File › Restore Backup…)") from None
            raise ConnectionFailedError(f"cannot read {self.path}: {exc}") from None
        return tables, revision

    def _translate(self, context) -> None:
        """SQLAlchemy's handle_error hook: raise the project's own error for what a user can act on."""
        error = translate_error(context.original_exception, self.display_name,
                                disconnect=context.is_disconnect, connected=context.connection is not None)
        if error is not None:
            raise error from context.original_exception

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

        A change the database refuses for want of privilege (a team project's grants,
        row-level security or guard triggers) becomes a PermissionDeniedError saying what
        this login may not change; nothing of the unit of work is written.
        A connection that drops mid-edit (a PostgreSQL server gone) is reported as a
        ConnectionFailedError saying the edit was not saved; the pool reconnects on the next one.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            if not exc.connection_invalidated:  # a disconnect, not a lock or a bad statement
                message = refusal_message(exc)
                if message is None:
                    raise
                raise PermissionDeniedError(message) from None
            raise ConnectionFailedError(
                f"the edit could not be written: the connection to {self.display_name} failed "
                f"({_first_line(exc.orig)}); nothing was saved, try again once it is back"
            ) from None
        except DBAPIError as exc:
            message = refusal_message(exc)
            if message is None:
                raise
            raise PermissionDeniedError(message) from None

    def reader(self) -> Session:
        """A session for reading only (the caller closes it)."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _check_header(path: Path) -> None:
    """Refuse a SQLite file shorter than its own header says (cut off by a copy or a full disk).

    Only without a ``-wal``: a checkpoint that met a full disk leaves the file short, but the
    pages are still in the WAL and SQLite reads them from there.
    """
    if Path(f"{path}-wal").exists():
        return
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return  # empty, or not SQLite at all: the read-only probe names it
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return  # not a page size SQLite writes: the probe calls it not a database
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    size = path.stat().st_size
    if header_valid and pages and size < pages * page_size:
        raise DamagedProjectError(
            f"{path} is damaged: the file holds {size} bytes but its header says {pages * page_size} "
            f"(cut off by a copy or a full disk?); restore a backup (File › Restore Backup…)"
        )


def read_only_query(path: Path) -> str:
    """How to open ``path`` for reading without creating or changing anything.

    With no ``-wal`` and ``-shm`` beside the file, everything is in the file itself: read it as
    ``immutable=1``, which creates nothing (a read-only connection to a WAL-mode file would
    otherwise leave empty ``-wal``/``-shm`` files behind). With them present, ``mode=ro`` shares
    them; if SQLite still cannot open it (a read-only folder), immutable is all that is left.
    """
    if not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists():
        return "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return "immutable=1"
    return "mode=ro"


_AFTER = "nothing of the failed edit was written"
_SQLSTATE = {
    "53100": "full", "53200": "full",  # disk_full, out_of_memory
    "55P03": "locked", "40P01": "locked",  # lock_not_available, deadlock_detected
    "25006": "readonly",  # read_only_sql_transaction
    "XX001": "damaged", "XX002": "damaged",  # data_corrupted, index_corrupted
}


def translate_error(exc: BaseException, where: str, disconnect: bool = False,
                    connected: bool = True) -> DatabaseError | None:
    """The project's own error for a driver error a user can act on; None for anything else (a bug)."""
    kind = _kind(exc)
    if kind is None and disconnect:
        kind = "lost" if connected else "connect"
    if kind == "locked":
        return LockedError(f"{where} is locked by another program (another Quotecoder, a sync or backup tool); "
                           f"close it and try again — {_AFTER}")
    if kind == "full":
        return DiskFullError(f"the disk holding {where} is full; free some space and try again — {_AFTER}")
    if kind == "damaged":
        return DamagedProjectError(f"{where} is damaged ({_first_line(exc)}); run 'quotecoder check' on it, "
                                   f"then restore a backup (File › Restore Backup…)")
    if kind == "readonly":
        return ReadOnlyError(f"{where} is open read-only, so edits are off; copy it to a folder you can write to "
                             f"to edit it")
    if kind == "ioerror":
        return DatabaseError(f"could not read or write {where} ({_first_line(exc)}); check the disk or the network "
                             f"share and try again — {_AFTER}")
    if kind == "lost":
        return ConnectionLostError(f"lost the connection to {where}; check the network and the server, then try "
                                   f"again — {_AFTER}")
    if kind == "connect":
        return ConnectionFailedError(f"cannot connect to {where}: {_first_line(exc)}")
    return None


def _kind(exc: BaseException) -> str | None:
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(exc, sqlite3.Error) and name:
        for prefix, kind in (("SQLITE_BUSY", "locked"), ("SQLITE_LOCKED", "locked"), ("SQLITE_FULL", "full"),
                             ("SQLITE_CORRUPT", "damaged"), ("SQLITE_NOTADB", "damaged"),
                             ("SQLITE_READONLY", "readonly"), ("SQLITE_IOERR", "ioerror")):
            if name.startswith(prefix):
                return kind
        return None
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate:
        return _SQLSTATE.get(sqlstate) or ("full" if sqlstate.startswith("53") else None)
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
