"""feeds.next_due, feeds.paused_until and feeds.last_ok: the daily run's schedule and each
feed's health. A feed is due at ``next_due`` (its interval after a success, a backoff
that doubles with each failure after a failure); a paused feed is tried again once
``paused_until`` has passed (a feed paused before this revision stays paused until
fetched with --force, as it did); ``last_ok`` is when it last answered (200 or 304).

Revision ID: 0016_daily_feeds
Revises: 0015_daily_drafts
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0016_daily_feeds"
down_revision = "0015_daily_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.add_columns(
        "feeds",
        sa.Column("next_due", sa.DateTime),
        sa.Column("paused_until", sa.DateTime),
        sa.Column("last_ok", sa.DateTime),
    )


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("last_ok")
        batch.drop_column("paused_until")
        batch.drop_column("next_due")
