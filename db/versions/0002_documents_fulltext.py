"""full-text index over documents' text (SQLite FTS5, PostgreSQL GIN)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 15:40:00

The concordance (KWIC) asks this index which documents may contain a term,
then finds exact offsets in those texts only. On SQLite an external-content
FTS5 table mirrors ``documents.text``; triggers keep it in step (documents are
immutable, so inserts and deletes are all there is). On PostgreSQL a GIN index
over a tsvector of the text with every non-alphanumeric character turned into
a space, so the index splits words exactly where the whole-word match does.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Must stay identical to the expression in app/project/fulltext.py, or PostgreSQL will not use the index.
PG_EXPRESSION = "to_tsvector('simple', regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents', content_rowid='id')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
        op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_documents_fulltext ON documents USING gin ({PG_EXPRESSION})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_fts_insert")
        op.execute("DROP TRIGGER IF EXISTS documents_fts_delete")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fulltext")
