"""articles.placed: whether the article has a story, indexed, so that finding the articles
still to place does not scan the whole store.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.add_columns("articles", sa.Column("placed", sa.Boolean, nullable=False,
                                            server_default=sa.false()))
    guard.create_index("ix_articles_placed", "articles", ["placed"])
    # a bound true, so that SQLite (1) and PostgreSQL (boolean) both accept it
    op.execute(sa.text("UPDATE articles SET placed = :placed WHERE id IN "
                       "(SELECT article_id FROM story_articles)").bindparams(placed=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_placed")
        batch.drop_column("placed")
