"""speaker corrections that survive a re-run of NLP; quoted fragments; 'indirect' becomes 'reported'

Revision ID: 0003_nlp
Revises: 0003_live (chained after main's team and live migrations)
Create Date: 2026-12-01 22:50:00

A coder's speaker for a detected quote lives in ``speaker_corrections``, keyed by the
quote's document and span, because a re-run of NLP replaces every row of ``quotes``.
``quotes.fragment`` flags quoted fragments of two or three words. Reported speech is
kind ``reported`` now (issue 12); stored ``indirect`` rows are renamed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_nlp'
down_revision = '0003_live'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_corrections",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE",
                                                           name="fk_speaker_corrections_document_id_documents"),
                  nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_corrections"),
        sa.UniqueConstraint("document_id", "start", "end", name="uq_speaker_corrections_document_id"),
    )
    op.create_index("ix_speaker_corrections_document_id", "speaker_corrections", ["document_id"])
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("fragment", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute("UPDATE quotes SET kind = 'reported' WHERE kind = 'indirect'")


def downgrade() -> None:
    op.execute("UPDATE quotes SET kind = 'indirect' WHERE kind = 'reported'")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("fragment")
    op.drop_index("ix_speaker_corrections_document_id", "speaker_corrections")
    op.drop_table("speaker_corrections")
