"""Reading real news: each sentence's span in the article text, its noise label and its own
language (null: the article's); the dateline, byline and wire tag cut off an article's
sentences (article_wire); and the lines each outlet prints, per article and day
(outlet_lines), from which the lines an outlet repeats across its articles (page furniture)
are found, and those found (outlet_furniture).

Revision ID: 0011_reading_noise
Revises: 0010_core_meta_audience
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_reading_noise"
down_revision = "0010_core_meta_audience"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sentences") as batch:
        batch.add_column(sa.Column("start", sa.Integer))
        batch.add_column(sa.Column("end", sa.Integer))
        batch.add_column(sa.Column("noise", sa.String(20)))
        batch.add_column(sa.Column("language", sa.String(8)))
    op.create_table(
        "article_wire",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("place", sa.String(200)),
        sa.Column("agency", sa.String(100)),
        sa.Column("dated", sa.String(100)),
        sa.Column("byline", sa.String(300)),
    )
    op.create_table(
        "outlet_lines",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id"), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
    )
    op.create_index("ix_outlet_lines_outlet_key", "outlet_lines", ["outlet_id", "key"])
    op.create_table(
        "outlet_furniture",
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id"), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("outlet_furniture")
    op.drop_index("ix_outlet_lines_outlet_key", "outlet_lines")
    op.drop_table("outlet_lines")
    op.drop_table("article_wire")
    with op.batch_alter_table("sentences") as batch:
        for name in ("language", "noise", "end", "start"):
            batch.drop_column(name)
