"""meta: facts about the store (the analysis signature: analysis version and the digest of
the knowledge in force); briefings.audience: whom a published briefing was written for,
so that "already briefed" is asked per audience rather than by matching briefing ids.

Revision ID: 0010_core_meta_audience
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_core_meta_audience"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    with op.batch_alter_table("briefings") as batch:
        batch.add_column(sa.Column("audience", sa.String(200), nullable=True))
    briefings = sa.table("briefings", sa.column("id", sa.String), sa.column("audience",
                                                                            sa.String))
    conn = op.get_bind()
    for (ident,) in conn.execute(sa.select(briefings.c.id)).all():  # "DATE:AUDIENCE"
        conn.execute(sa.update(briefings).where(briefings.c.id == ident)
                     .values(audience=ident.split(":", 1)[1] if ":" in ident else ""))
    with op.batch_alter_table("briefings") as batch:
        batch.alter_column("audience", existing_type=sa.String(200), nullable=False)
        batch.create_index("ix_briefings_audience", ["audience"])


def downgrade() -> None:
    with op.batch_alter_table("briefings") as batch:
        batch.drop_index("ix_briefings_audience")
        batch.drop_column("audience")
    op.drop_table("meta")
