"""Mentions: spans of an article's text linked to the knowledge (or marked unlinked).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "mentions",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(200)),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("sanctioned", sa.String(500)),
    )
    guard.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])


def downgrade() -> None:
    op.drop_table("mentions")
