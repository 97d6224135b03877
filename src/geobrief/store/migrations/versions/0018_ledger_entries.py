"""The claim ledger kept per thread: its entries (one proposition each, with the stances
of the parties over time, the figures given and the status history), which claim joined
which entry, and how far each thread's ledger has read. Analysis and stories update it
with new claims; a briefing reads it instead of rebuilding it. Filled on the next update
(`geobrief analyse` or `--update`) from the claims already stored.

Revision ID: 0018_ledger_entries
Revises: 0017_web_editorial
"""

import sqlalchemy as sa

from geobrief.store.migrations.guard import create_index, create_table, drop_table_if_exists

revision = "0018_ledger_entries"
down_revision = "0017_web_editorial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_table(
        "ledger_entries",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("thread_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    create_index("ix_ledger_entries_thread_id", "ledger_entries", ["thread_id"])
    create_table(
        "ledger_claims",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("thread_id", sa.String(40), nullable=False),
        sa.Column("entry_id", sa.String(40), nullable=False),
    )
    create_index("ix_ledger_claims_thread_id", "ledger_claims", ["thread_id"])
    create_table(
        "ledger_threads",
        sa.Column("thread_id", sa.String(40), primary_key=True),
        sa.Column("through", sa.DateTime, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for name in ("ledger_threads", "ledger_claims", "ledger_entries"):
        drop_table_if_exists(name)
