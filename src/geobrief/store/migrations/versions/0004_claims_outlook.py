"""Claims (who asserts what, with cue, stance, figures) and outlook items (who may do what,
by when, how likely in the source's words), per sentence.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "claims",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("speaker", sa.String(300)),
        sa.Column("speaker_id", sa.String(200)),
        sa.Column("speaker_country", sa.String(2)),
        sa.Column("cue", sa.String(60)),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("quote", sa.Boolean, nullable=False),
        sa.Column("figures", sa.Text, nullable=False),
    )
    guard.create_table(
        "outlook",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("actor", sa.String(300)),
        sa.Column("actor_country", sa.String(2)),
        sa.Column("band", sa.String(40), nullable=False),
        sa.Column("p_low", sa.Float, nullable=False),
        sa.Column("p_high", sa.Float, nullable=False),
        sa.Column("words", sa.String(60)),
        sa.Column("horizon", sa.String(10)),
        sa.Column("condition", sa.Text),
        sa.Column("outcome", sa.String(20)),
    )
    guard.create_index("ix_outlook_horizon", "outlook", ["horizon"])


def downgrade() -> None:
    op.drop_table("outlook")
    op.drop_table("claims")
