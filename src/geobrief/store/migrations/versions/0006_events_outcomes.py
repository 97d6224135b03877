"""Events per sentence, and what outlook items foresee and how they turned out.

Coded events are stored so that outlook items can be matched against the events reported
after them (and so ``geobrief events`` need not code every sentence again).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OUTLOOK_COLUMNS = (
    ("action", sa.String(20)),
    ("action_by", sa.String(200)),
    ("target", sa.String(300)),
    ("target_country", sa.String(2)),
    ("matched_article_id", sa.Integer()),
    ("matched_idx", sa.Integer()),
    ("decided", sa.String(10)),
)


def upgrade() -> None:
    guard.create_table(
        "events",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True),
        sa.Column("n", sa.Integer(), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("cameo", sa.String(6)),
        sa.Column("act", sa.String(20), nullable=False),
        sa.Column("intended", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("trigger", sa.String(200), nullable=False),
        sa.Column("source", sa.String(300)),
        sa.Column("source_id", sa.String(200)),
        sa.Column("source_country", sa.String(2)),
        sa.Column("target", sa.String(300)),
        sa.Column("target_id", sa.String(200)),
        sa.Column("target_country", sa.String(2)),
    )
    guard.create_index("ix_events_type", "events", ["type"])
    guard.create_index("ix_events_act", "events", ["act"])
    guard.add_columns("outlook", *(sa.Column(name, kind) for name, kind in OUTLOOK_COLUMNS))


def downgrade() -> None:
    with op.batch_alter_table("outlook") as batch:
        for name, _kind in reversed(OUTLOOK_COLUMNS):
            batch.drop_column(name)
    op.drop_index("ix_events_act", "events")
    op.drop_index("ix_events_type", "events")
    op.drop_table("events")
