"""articles (placed, published) index: finding the articles still to place up to a time
reads only those, where the index on placed alone read every unplaced article each time
(a store ingested ahead of clustering holds many).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from geobrief.store.migrations import guard

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.drop_index("ix_articles_placed", "articles")
    guard.create_index("ix_articles_placed_published", "articles", ["placed", "published"])


def downgrade() -> None:
    op.drop_index("ix_articles_placed_published", table_name="articles")
    op.create_index("ix_articles_placed", "articles", ["placed"])
