"""Readers: profiles for personal briefings (country, region, interests, language).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "readers",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(100)),
        sa.Column("interests", sa.String(500), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("readers")
