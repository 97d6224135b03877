"""briefings.status and briefings.published_at: a briefing is recorded as a draft (by the
daily run, for an editor to check) or as published; only published briefings feed
"Previously" and the outputs. Briefings recorded before this revision were published:
they keep status 'published' and their recording time as published_at.

Revision ID: 0015_daily_drafts
Revises: 0014_storylines_anchors
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0015_daily_drafts"
down_revision = "0014_storylines_anchors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.add_columns(
        "briefings",
        sa.Column("status", sa.String(12), nullable=False, server_default="published"),
        sa.Column("published_at", sa.DateTime),
    )
    op.execute("UPDATE briefings SET published_at = created_at "
               "WHERE status = 'published' AND published_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("briefings") as batch:
        batch.drop_column("published_at")
        batch.drop_column("status")
