"""article_embeddings: one sentence-embedding vector per article, written only when the
``thread_embeddings`` setting is on (the optional embeddings extra). Stores without it
keep an empty table.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "article_embeddings",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_embeddings")
