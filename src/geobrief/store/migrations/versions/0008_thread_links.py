"""stories.thread_link and stories.thread_score: the rule by which a story joined its
thread and the thread's similarity, so a link can be explained and evaluated. Stories
stored before this revision keep nulls (their reasons were not recorded).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.add_columns("stories", sa.Column("thread_link", sa.String(20)),
                      sa.Column("thread_score", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("thread_score")
        batch.drop_column("thread_link")
