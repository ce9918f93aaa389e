"""Candidate documents for a concordance search, from the database's full-text index.

The index only narrows the search: it must return every document in which the
exact whole-word, case-insensitive match of :func:`app.core.nlp.kwic.find_term`
can succeed (a superset), and the core then finds the offsets. Terms the
index cannot vouch for (no letters, digits or punctuation inside words) get
``None``, meaning "search every document".
"""

from __future__ import annotations

import re

from sqlalchemy import text as sql

from app.storage.database import Database

__all__ = ["candidate_documents"]

# Same expression as migration 0002's index.
PG_EXPRESSION = "to_tsvector('simple', regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))"
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")


def candidate_documents(db: Database, term: str) -> set[int] | None:
    """Ids of documents that may contain ``term`` as whole words, or None when every document must be read."""
    term = " ".join(term.split())
    if not _PLAIN_WORDS.fullmatch(term):
        return None
    dialect = db.engine.dialect.name
    with db.engine.connect() as conn:
        if dialect == "sqlite":
            if not conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'"
            ).first():
                return None
            phrase = '"' + term.replace('"', '""') + '"'
            rows = conn.execute(sql("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q"), {"q": phrase})
        elif dialect == "postgresql":
            if not term.isascii():
                # Under a C locale PostgreSQL's [:alnum:] is ASCII only, so the index
                # cannot vouch for other letters.
                return None
            # Words ANDed, not a phrase: tsvector positions saturate at 16,383, so phrase
            # matching could miss a late occurrence in a long text; the core checks adjacency.
            rows = conn.execute(sql(
                f"SELECT id FROM documents WHERE {PG_EXPRESSION} @@ plainto_tsquery('simple', :q)"
            ), {"q": term})
        else:
            return None
        return {int(r[0]) for r in rows}
