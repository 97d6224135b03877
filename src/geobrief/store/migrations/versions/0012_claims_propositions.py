"""Claims carry their proposition (normalised text, the act, the knowledge ids involved,
the time, and a key that joins statements of one proposition across outlets, languages
and days) and the speaker's resolved name; outlook items say what would happen and whose
statement or estimate they are, and their band is null when the source uses no words of
estimative probability (no band beats a wrong one).

Revision ID: 0012_claims_propositions
Revises: 0011_reading_noise
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_claims_propositions"
down_revision = "0011_reading_noise"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("speaker_name", sa.String(300)))
        batch.add_column(sa.Column("proposition", sa.Text))
        batch.add_column(sa.Column("proposition_key", sa.String(16)))
        batch.add_column(sa.Column("proposition_act", sa.String(20)))
        batch.add_column(sa.Column("proposition_entities", sa.Text))
        batch.add_column(sa.Column("proposition_time", sa.String(10)))
        batch.create_index("ix_claims_proposition_key", ["proposition_key"])
    with op.batch_alter_table("outlook") as batch:
        batch.add_column(sa.Column("act", sa.Text))
        batch.add_column(sa.Column("source", sa.String(300)))
        batch.add_column(sa.Column("source_id", sa.String(200)))
        batch.add_column(sa.Column("source_kind", sa.String(10)))
        batch.alter_column("band", existing_type=sa.String(40), nullable=True)
        batch.alter_column("p_low", existing_type=sa.Float, nullable=True)
        batch.alter_column("p_high", existing_type=sa.Float, nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("outlook") as batch:
        for column in ("act", "source", "source_id", "source_kind"):
            batch.drop_column(column)
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_proposition_key")
        for column in ("speaker_name", "proposition", "proposition_key", "proposition_act",
                       "proposition_entities", "proposition_time"):
            batch.drop_column(column)
