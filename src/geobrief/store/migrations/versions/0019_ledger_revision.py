"""ledger_threads.revision: a token written with every save of a thread's ledger, so a
long-lived process that keeps a thread's entries in memory between updates knows whether
the stored ledger is still the one it saved (another process may have read the thread
since). Rows saved before this revision have none: their entries are read from the store.

Revision ID: 0019_ledger_revision
Revises: 0018_ledger_entries
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0019_ledger_revision"
down_revision = "0018_ledger_entries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.add_columns("ledger_threads", sa.Column("revision", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("ledger_threads") as batch:
        batch.drop_column("revision")
