"""What ``quotecoder check`` looks at, as SQL over one read-only connection.

Each check returns a list of problems (one sentence each); an empty list means it passed.
The same queries run on SQLite and PostgreSQL; the page-level checks are SQLite's own
(``integrity_check`` and ``foreign_key_check``), PostgreSQL guards its pages and keys itself.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection, text

Check = Callable[[Connection], list[str]]
LIMIT = 50  # problems listed per check; the count says how many there were

# (table, column, parent table): rows whose parent is gone. SQLite's foreign_key_check finds these
# too when foreign keys were on; a file edited by another tool may have had them off.
REFERENCES = (
    ("codings", "document_id", "documents"), ("codings", "code_id", "codes"), ("codings", "coder_id", "coders"),
    ("codes", "parent_id", "codes"), ("memos", "document_id", "documents"), ("memos", "code_id", "codes"),
    ("document_attributes", "document_id", "documents"), ("excluded_spans", "document_id", "documents"),
    ("document_status", "document_id", "documents"), ("document_status", "coder_id", "coders"),
    ("suggestion_decisions", "document_id", "documents"), ("suggestion_decisions", "code_id", "codes"),
    ("suggestion_decisions", "coder_id", "coders"),
)


def integrity(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []
    rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    return [] if rows == ["ok"] else rows


def foreign_keys(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []
    rows = conn.execute(text("PRAGMA foreign_key_check")).all()
    return [f"{table} row {rowid} points to a missing {parent}" for table, rowid, parent, _fk in rows]


def codings_in_text(conn: Connection) -> list[str]:
    length = "length" if conn.dialect.name == "sqlite" else "char_length"
    rows = conn.execute(text(
        f"SELECT c.id, c.document_id, c.start, c.\"end\", {length}(d.text) FROM codings c "
        f"JOIN documents d ON d.id = c.document_id "
        f"WHERE c.start < 0 OR c.\"end\" <= c.start OR c.\"end\" > {length}(d.text) ORDER BY c.id"
    )).all()
    return [f"coding {cid} [{start}, {end}) is outside document {doc}'s text of {n} characters"
            for cid, doc, start, end, n in rows]


def document_lengths(conn: Connection) -> list[str]:
    length = "length" if conn.dialect.name == "sqlite" else "char_length"
    rows = conn.execute(text(
        f"SELECT id, length, {length}(text) FROM documents WHERE length <> {length}(text) ORDER BY id"
    )).all()
    return [f"document {doc} records {stored} characters but its text has {actual}" for doc, stored, actual in rows]


def orphans(conn: Connection) -> list[str]:
    problems = []
    for table, column, parent in REFERENCES:
        n = conn.execute(text(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = t.{column})"
        )).scalar_one()
        if n:
            problems.append(f"{n} row(s) of {table} point to a missing {parent} ({column})")
    n = conn.execute(text(
        "SELECT count(*) FROM memos WHERE (target = 'document' AND document_id IS NULL) "
        "OR (target = 'code' AND code_id IS NULL)"
    )).scalar_one()
    if n:
        problems.append(f"{n} memo(s) have lost what they are about")
    return problems


# SQLite-only checks; PostgreSQL checks its pages and enforces its keys itself.
SQLITE_ONLY = frozenset({"integrity", "foreign_keys"})

CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("integrity", "SQLite integrity check", integrity),
    ("foreign_keys", "foreign keys", foreign_keys),
    ("orphans", "no orphan rows", orphans),
    ("codings_in_text", "every coding inside its document's text", codings_in_text),
    ("document_lengths", "document lengths match their texts", document_lengths),
)
